//! The secretariat's review of check-ins: the queue of check-ins waiting (oldest first), and one
//! check-in's review page with what the city reported, a comment box beside each action, and
//! the decision. The rules live in `check_ins::review` and `check_ins::commands`.

use super::labels;
use super::web::{self, db, form_errors_in, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::actions::ActionStatus;
use crate::check_ins::review::{ActionComment, EventKind, ReviewInput};
use crate::check_ins::{commands, store, Assessment, ReviewDecision};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/reviews", aweb::get().to(queue))
        .route("/check-ins/{id}/review", aweb::get().to(show))
        .route("/check-ins/{id}/review", aweb::post().to(decide));
}

async fn queue(req: HttpRequest, viewer: Viewer) -> PageResult {
    let lang = web::lang(&req);
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    let tz = web::state(&req).settings.time_zone();
    let waiting = db(&req, move |c| commands::review_queue(c, &caller, now)).await?;
    let rows: Vec<Value> = waiting
        .iter()
        .map(|w| {
            let local = w.waiting_since.and_utc().with_timezone(&tz).date_naive();
            json!({"id": w.check_in_id, "city_id": w.city_id, "city": w.city_name, "round": w.round_label,
                   "tag": labels::check_in_tag(w.state, false, false, lang), "since": local.to_string(),
                   "days": w.days_waiting})
        })
        .collect();
    page(&req, "reviews", &t!(lang, "review-queue-title"), json!({"waiting": rows, "count": rows.len()}))
}

/// The labels of the review form's fields, in order, for the error summary.
fn labels_for(actions: &[(i64, String)], lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = actions
        .iter()
        .map(|(id, title)| (format!("c{id}"), t!(lang, "review-field-action-comment", title = title)))
        .collect();
    out.push(("decision".into(), t!(lang, "review-field-decision")));
    out.push(("comment".into(), t!(lang, "review-field-comment")));
    out
}

/// What was typed into the review form, to show it again.
#[derive(Default)]
struct Typed {
    decision: String,
    comment: String,
    comments: std::collections::HashMap<i64, String>,
}

async fn review_page(
    req: &HttpRequest,
    viewer: &Viewer,
    id: i64,
    status: StatusCode,
    typed: Typed,
    errors: &[FieldError],
) -> PageResult {
    let lang = web::lang(req);
    viewer.caller.require_secretariat()?;
    let (settings, now) = (web::state(req).settings.clone(), web::now(req));
    let tz = settings.time_zone();
    let form = db(req, move |c| store::form(c, &settings, id, now)).await?;
    let when = |t: chrono::NaiveDateTime| super::reports::local_iso(t, &tz);
    let titles: Vec<(i64, String)> = form.actions.iter().map(|a| (a.id, a.title.clone())).collect();
    let field_labels = labels_for(&titles, lang);
    let label_refs: Vec<(&str, &str)> = field_labels.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    // API paths (`actions[2].comment`) name the action by its place in the posted list.
    let errors: Vec<FieldError> = errors
        .iter()
        .map(|e| {
            match e
                .field
                .strip_prefix("actions[")
                .and_then(|r| r.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
            {
                Some(i) => {
                    let action =
                        typed.comments.keys().copied().collect::<std::collections::BTreeSet<_>>().into_iter().nth(i);
                    FieldError {
                        field: action.map(|a| format!("c{a}")).unwrap_or_else(|| e.field.clone()),
                        ..e.clone()
                    }
                }
                None => e.clone(),
            }
        })
        .collect();
    let shown = form_errors_in(&errors, &label_refs, lang);
    let actions: Vec<Value> = form
        .actions
        .iter()
        .map(|a| {
            let r = form.draft.actions.iter().find(|r| r.action_id == a.id);
            let status = r.and_then(|r| r.status.as_deref()).map(ActionStatus::from_db).unwrap_or(a.status);
            let field = format!("c{}", a.id);
            json!({"id": a.id, "title": a.title, "commitment": a.commitment, "reported": r.is_some(),
                   "tag": labels::action_status_tag(status, lang), "progress": r.and_then(|r| r.progress).unwrap_or(a.progress as i64),
                   "narrative": r.map(|r| r.narrative.clone()).unwrap_or_default(),
                   "evidence": r.map(|r| r.evidence.iter().map(|e| e.link()).collect::<Vec<_>>()).unwrap_or_default(),
                   "field": field,
                   "comment": typed.comments.get(&a.id).cloned().unwrap_or_default(),
                   "error": shown["fields"][&field]})
        })
        .collect();
    let assessments: Vec<Value> = form
        .draft
        .assessments
        .iter()
        .map(|x| json!({"code": x.commitment, "level": labels::assessment(Assessment::from_db(&x.level), lang), "comment": x.comment}))
        .collect();
    let events: Vec<Value> = form
        .events
        .iter()
        .map(|e| {
            let what = match e.kind {
                EventKind::Submitted => "review-event-submitted",
                EventKind::ChangesRequested => "review-event-changes-requested",
                EventKind::Resubmitted => "review-event-resubmitted",
                EventKind::Accepted => "review-event-accepted",
            };
            json!({"what": what, "when": when(e.at), "by": e.by, "comment": e.comment})
        })
        .collect();
    let choice = |v: ReviewDecision, label: &str, hint: &str| json!({"value": v.as_str(), "label": t!(lang, label), "hint": t!(lang, hint), "checked": typed.decision == v.as_str()});
    let c = &form.check_in;
    render(
        req,
        status,
        "review",
        &t!(lang, "review-title", city = &c.city_name, round = &c.round_label),
        json!({
            "id": c.id, "city": c.city_name, "round": c.round_label, "version": c.version,
            "tag": labels::check_in_tag(c.state, c.late, false, lang),
            "submitted": c.submitted_at.map(when), "submitted_by": c.submitted_by,
            "events": events, "actions": actions, "assessments": assessments,
            "decisions": [
                choice(ReviewDecision::Accept, "review-decision-accept", "review-decision-accept-hint"),
                choice(ReviewDecision::RequestChanges, "review-decision-changes", "review-decision-changes-hint"),
            ],
            "comment": typed.comment,
            "errors": shown,
        }),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    review_page(&req, &viewer, id, StatusCode::OK, Typed::default(), &[]).await
}

async fn decide(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let id = crate::http::id_param(&id)?;
    let mut typed =
        Typed { decision: form.get("decision").into(), comment: form.get("comment").into(), ..Default::default() };
    for (k, v) in &form.0 {
        if let Some(action) = k.strip_prefix('c').and_then(|a| a.parse::<i64>().ok()) {
            typed.comments.insert(action, v.clone());
        }
    }
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    if typed.decision.is_empty() {
        errors.push(
            FieldError::new("decision", "is not chosen")
                .accepting("accept it, or ask the city for changes")
                .plainly("choose", vec![]),
        );
    }
    // In the order of the form's actions (the ids' order), so errors map back to their boxes.
    let mut ordered: Vec<(&i64, &String)> = typed.comments.iter().collect();
    ordered.sort();
    let input = ReviewInput {
        version: form.get("version").parse().unwrap_or(0),
        decision: if typed.decision.is_empty() {
            ReviewDecision::Accept.as_str().into()
        } else {
            typed.decision.clone()
        },
        comment: typed.comment.clone(),
        actions: ordered.iter().map(|(a, c)| ActionComment { action_id: **a, comment: (*c).clone() }).collect(),
    };
    let state = web::state(&req);
    let (st, caller, now) = (state.clone(), viewer.caller.clone(), state.clock.now());
    let outcome = db(&req, move |c| {
        let env = crate::scheduler::Env { settings: &st.settings, templates: &st.templates };
        let run = |c: &mut crate::db::DbConnection| commands::review(c, &env, &caller, id, &input, now);
        let result = if errors.is_empty() {
            run(c)
        } else {
            Err(ApiError::Validation([errors, crate::db::dry_run(c, run)?].concat()))
        };
        match result {
            Ok(done) => Ok(Ok(done)),
            Err(ApiError::Validation(e)) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(done) => {
            let what = if done.state == crate::check_ins::CheckInState::Accepted {
                t!(lang, "review-accepted-notice", city = &done.city_name, round = &done.round_label)
            } else {
                t!(lang, "review-changes-notice", city = &done.city_name)
            };
            Ok(redirect_with_notice("/reviews", &what))
        }
        Err(errors) => review_page(&req, &viewer, id, StatusCode::UNPROCESSABLE_ENTITY, typed, &errors).await,
    }
}
