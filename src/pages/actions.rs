//! A plan's actions for the mayor's office: add, change and remove an action, and see one
//! action with its check-in reports and the history of every change.

use super::labels;
use super::web::{
    self, db, form_errors_in, page, redirect_with_notice, render, Form, MaybeViewer, PageError, PageResult, Viewer,
};
use crate::actions::{commands, store, Action, ActionInput, ActionStatus, PolicyArea, Staleness};
use crate::cities::commands::Access;
use crate::error::PlainArg;
use crate::error::{ApiError, FieldError};
use crate::history::{self, Kind};
use crate::i18n::Lang;
use crate::plans::store::Stored;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/plans/{id}/actions/new", aweb::get().to(new_form))
        .route("/plans/{id}/actions/new", aweb::post().to(create))
        .route("/actions/{id}", aweb::get().to(show))
        .route("/actions/{id}/edit", aweb::get().to(edit_form))
        .route("/actions/{id}/edit", aweb::post().to(update))
        .route("/actions/{id}/delete", aweb::get().to(delete_form))
        .route("/actions/{id}/delete", aweb::post().to(delete));
}

/// The form's labels, which also turn API field errors into sentences.
fn labels(lang: Lang) -> Vec<(&'static str, String)> {
    [
        ("commitment", "action-commitment"),
        ("title", "action-title-label"),
        ("description", "action-description"),
        ("department", "action-department"),
        ("partners", "action-partners-field"),
        ("delivery", "action-delivery-field"),
        ("policy_areas", "action-areas-field"),
        ("start_date", "action-start-date"),
        ("due_date", "action-due-date"),
        ("status", "action-status"),
        ("progress", "action-progress"),
        ("evidence", "action-evidence-field"),
    ]
    .into_iter()
    .map(|(f, key)| (f, t!(lang, key)))
    .collect()
}

/// What the form holds: as typed, or from the stored action.
#[derive(Default)]
struct Values {
    commitment: String,
    title: String,
    description: String,
    department: String,
    partners: String,
    delivery: String,
    policy_areas: Vec<String>,
    start_date: String,
    due_date: String,
    status: String,
    progress: String,
    evidence: String,
    version: i32,
}

impl Values {
    fn of(a: &Action) -> Values {
        Values {
            commitment: a.commitment.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            department: a.department.clone(),
            partners: a.partners.join("\n"),
            delivery: a.delivery.as_str().into(),
            policy_areas: a.policy_areas.iter().map(|p| p.as_str().to_string()).collect(),
            start_date: a.start_date.map(|d| d.to_string()).unwrap_or_default(),
            due_date: a.due_date.map(|d| d.to_string()).unwrap_or_default(),
            status: a.status.as_str().into(),
            progress: a.progress.to_string(),
            evidence: crate::validation::evidence_text(&a.evidence),
            version: a.version,
        }
    }

    fn typed(f: &Form) -> Values {
        Values {
            commitment: f.get("commitment").into(),
            title: f.get("title").into(),
            description: f.get("description").into(),
            department: f.get("department").into(),
            partners: f.get("partners").into(),
            delivery: f.get("delivery").into(),
            policy_areas: f.all("policy_areas").into_iter().map(str::to_string).collect(),
            start_date: f.get("start_date").into(),
            due_date: f.get("due_date").into(),
            status: f.get("status").into(),
            progress: f.get("progress").into(),
            evidence: f.get("evidence").into(),
            version: f.get("version").parse().unwrap_or(0),
        }
    }

    /// The API input these values stand for, and the mistakes only a form can make (a
    /// choice not made, a number that is not one).
    fn input(&self, lang: Lang) -> (ActionInput, Vec<FieldError>) {
        let mut errors = vec![];
        let progress = match self.progress.trim() {
            "" => {
                errors.push(
                    FieldError::new("progress", t!(lang, "action-progress-empty"))
                        .accepting(t!(lang, "action-progress-accepted"))
                        .plainly("out-of-range", vec![("min", PlainArg::Number(0)), ("max", PlainArg::Number(100))]),
                );
                None
            }
            p => match p.trim_end_matches('%').trim().parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(
                        FieldError::new("progress", t!(lang, "action-progress-not-number", typed = p))
                            .accepting(t!(lang, "action-progress-accepted"))
                            .plainly(
                                "out-of-range",
                                vec![("min", PlainArg::Number(0)), ("max", PlainArg::Number(100))],
                            ),
                    );
                    None
                }
            },
        };
        let chosen = |errors: &mut Vec<FieldError>, field: &str, v: &str, accepted: &str| {
            if v.trim().is_empty() {
                errors.push(FieldError::new(field, t!(lang, "action-not-chosen")).accepting(t!(lang, accepted)));
                None
            } else {
                Some(v.to_string())
            }
        };
        let delivery = chosen(&mut errors, "delivery", &self.delivery, "action-delivery-accepted");
        let status = chosen(&mut errors, "status", &self.status, "action-status-accepted");
        let commitment = chosen(&mut errors, "commitment", &self.commitment, "action-commitment-accepted");
        let date = |s: &str| Some(Some(s.trim().to_string()).filter(|s| !s.is_empty()));
        let input = ActionInput {
            version: Some(self.version),
            commitment,
            title: Some(self.title.clone()),
            description: Some(self.description.clone()),
            department: Some(self.department.clone()),
            partners: Some(
                self.partners.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect(),
            ),
            delivery,
            policy_areas: Some(self.policy_areas.clone()),
            start_date: date(&self.start_date),
            due_date: date(&self.due_date),
            status,
            progress,
            evidence: Some(crate::validation::evidence_lines(&self.evidence)),
        };
        (input, errors)
    }
}

/// The plan's live commitments, grouped by role, for the drop-down.
fn commitment_groups(c: &mut crate::db::DbConnection, plan: &Stored, selected: &str) -> Result<Value, ApiError> {
    let groups: Vec<Value> = crate::charter::store::structure(c, plan.framework_id)?
        .into_iter()
        .map(|(role, cs)| {
            let options: Vec<Value> = cs
                .into_iter()
                .filter(|cm| !cm.retired || cm.code == selected)
                .map(|cm| json!({"value": cm.code, "label": format!("{} – {}", cm.code, labels::short(&cm.text, 80)), "selected": cm.code == selected}))
                .collect();
            json!({"label": role.title, "options": options})
        })
        .collect();
    Ok(Value::Array(groups))
}

/// Where the form is: adding ("new") or changing ("edit"), where it posts, where Cancel goes.
struct Target {
    mode: &'static str,
    action_url: String,
    cancel: String,
}

impl Target {
    fn new(plan_id: i64, city_id: i64) -> Target {
        Target {
            mode: "new",
            action_url: format!("/plans/{plan_id}/actions/new"),
            cancel: format!("/cities/{city_id}"),
        }
    }
    fn edit(id: i64) -> Target {
        Target { mode: "edit", action_url: format!("/actions/{id}/edit"), cancel: format!("/actions/{id}") }
    }
}

fn form_view(
    plan: &Stored,
    city_name: &str,
    groups: Value,
    v: &Values,
    errors: &[FieldError],
    t: Target,
    lang: Lang,
) -> Value {
    let Target { mode, action_url, cancel } = t;
    let choice = |value: &str, label: &str, hint: Option<String>, checked: bool| json!({"value": value, "label": label, "hint": hint, "checked": checked});
    let labels = labels(lang);
    json!({
        "mode": mode, "action_url": action_url, "cancel_url": cancel,
        "plan": {"id": plan.plan.id, "title": plan.plan.title}, "city": city_name,
        "form": {
            "title": v.title, "description": v.description, "department": v.department, "partners": v.partners, "evidence": v.evidence,
            "start_date": v.start_date, "due_date": v.due_date, "progress": v.progress, "version": v.version,
        },
        "commitment_groups": groups,
        "delivery_options": [
            choice("direct", &t!(lang, "action-delivery-direct"), None, v.delivery == "direct"),
            choice("advocacy", &t!(lang, "action-delivery-advocacy"), Some(t!(lang, "action-delivery-advocacy-hint")), v.delivery == "advocacy"),
        ],
        "area_options": PolicyArea::ALL.iter().map(|p| choice(p.as_str(), &labels::policy_area(*p, lang), None, v.policy_areas.iter().any(|x| x == p.as_str()))).collect::<Vec<_>>(),
        "status_options": ActionStatus::ALL.iter().map(|s| choice(s.as_str(), &labels::action_status(*s, lang), None, v.status == s.as_str())).collect::<Vec<_>>(),
        "errors": form_errors_in(errors, &labels.iter().map(|(f, l)| (*f, l.as_str())).collect::<Vec<_>>(), lang),
    })
}

#[derive(Deserialize)]
struct NewQuery {
    commitment: Option<String>,
}

async fn new_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, q: aweb::Query<NewQuery>) -> PageResult {
    let lang = web::lang(&req);
    let plan_id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let preset = q.into_inner().commitment.unwrap_or_default();
    let (plan, city, groups) = db(&req, move |c| {
        let plan = crate::plans::store::require(c, plan_id)?;
        caller.can_edit_city(plan.plan.city_id)?;
        let city = crate::cities::store::require(c, plan.plan.city_id)?;
        let groups = commitment_groups(c, &plan, &preset)?;
        Ok((plan, city, groups))
    })
    .await?;
    let v = Values { status: "planned".into(), progress: "0".into(), delivery: "direct".into(), ..Default::default() };
    page(
        &req,
        "action_form",
        &t!(lang, "action-new-title-plan", plan = plan.plan.title.as_str()),
        form_view(&plan, &city.name, groups, &v, &[], Target::new(plan_id, city.id), lang),
    )
}

async fn create(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let now = web::now(&req);
    let plan_id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let v = Values::typed(&form);
    let (input, mut errors) = v.input(lang);
    if let Err(e) = form.check_csrf(&req) {
        errors.insert(0, e);
    }
    let outcome = db(&req, move |c| {
        let plan = crate::plans::store::require(c, plan_id)?;
        caller.can_edit_city(plan.plan.city_id)?;
        let result = if errors.is_empty() {
            commands::create(c, &caller, plan_id, &input, now)
        } else {
            Err(ApiError::Validation(crate::db::dry_run(c, |c| commands::create(c, &caller, plan_id, &input, now))?))
        };
        match result {
            Ok(a) => Ok(Ok((a, plan.plan.city_id))),
            Err(ApiError::Validation(more)) => {
                errors.extend(more);
                let city = crate::cities::store::require(c, plan.plan.city_id)?;
                let groups = commitment_groups(c, &plan, &v.commitment)?;
                Ok(Err(form_view(&plan, &city.name, groups, &v, &errors, Target::new(plan_id, city.id), lang)))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok((a, city)) => Ok(redirect_with_notice(
            &format!("/cities/{city}"),
            &t!(lang, "action-added", title = a.title.as_str(), commitment = a.commitment.as_str()),
        )),
        Err(view) => render(&req, StatusCode::UNPROCESSABLE_ENTITY, "action_form", &t!(lang, "action-new-title"), view),
    }
}

/// Loads an action the viewer may change, with its plan and city name.
fn editable(
    c: &mut crate::db::DbConnection,
    caller: &crate::auth::Caller,
    id: i64,
) -> Result<(Action, Stored, String), ApiError> {
    let a = store::require(c, id, Staleness::NEVER)?;
    caller.can_edit_city(a.city_id)?;
    let plan = crate::plans::store::require(c, a.plan_id)?;
    let city = crate::cities::store::require(c, a.city_id)?;
    Ok((a, plan, city.name))
}

async fn edit_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let lang = web::lang(&req);
    let id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let view = db(&req, move |c| {
        let (a, plan, city) = editable(c, &caller, id)?;
        let groups = commitment_groups(c, &plan, &a.commitment)?;
        Ok(form_view(&plan, &city, groups, &Values::of(&a), &[], Target::edit(id), lang))
    })
    .await?;
    page(&req, "action_form", &t!(lang, "action-edit-title"), view)
}

async fn update(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let now = web::now(&req);
    let id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let mut v = Values::typed(&form);
    let (input, mut errors) = v.input(lang);
    if let Err(e) = form.check_csrf(&req) {
        errors.insert(0, e);
    }
    let outcome = db(&req, move |c| {
        let (current, plan, city) = editable(c, &caller, id)?;
        let result = if errors.is_empty() {
            commands::update(c, &caller, id, Ok(v.version), &input, now)
        } else {
            Err(ApiError::Validation(crate::db::dry_run(c, |c| {
                commands::update(c, &caller, id, Ok(v.version), &input, now)
            })?))
        };
        match result {
            Ok(a) => Ok(Ok(a)),
            Err(ApiError::Validation(more)) => {
                errors.extend(more);
                let groups = commitment_groups(c, &plan, &v.commitment)?;
                Ok(Err((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    form_view(&plan, &city, groups, &v, &errors, Target::edit(id), lang),
                )))
            }
            Err(ApiError::Conflict { current_version, .. }) => {
                // Keep what was typed, and base the next save on the current version.
                v.version = current_version.unwrap_or(current.version);
                let who = history::for_object(c, Kind::Action, id)?.0.pop().map(|e| e.actor).unwrap_or_default();
                let msg = FieldError::new("action-form", t!(lang, "action-conflict", who = who));
                let groups = commitment_groups(c, &plan, &v.commitment)?;
                Ok(Err((StatusCode::CONFLICT, form_view(&plan, &city, groups, &v, &[msg], Target::edit(id), lang))))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(a) => Ok(redirect_with_notice(&format!("/actions/{}", a.id), &t!(lang, "action-saved"))),
        Err((status, view)) => render(&req, status, "action_form", &t!(lang, "action-edit-title"), view),
    }
}

async fn delete_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let (a, _, city) = db(&req, move |c| editable(c, &caller, id)).await?;
    page(
        &req,
        "action_delete",
        &t!(web::lang(&req), "action-delete-title"),
        json!({"action": {"id": a.id, "title": a.title, "version": a.version}, "city": city}),
    )
}

async fn delete(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let now = web::now(&req);
    let id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    if form.check_csrf(&req).is_err() {
        return delete_form(req, viewer, aweb::Path::from(id.to_string())).await;
    }
    let version = form.get("version").parse::<i32>().ok();
    let (title, city_id) = db(&req, move |c| {
        let a = store::require(c, id, Staleness::NEVER)?;
        commands::delete(c, &caller, id, version, now)?;
        Ok((a.title, a.city_id))
    })
    .await
    .map_err(|e| match e {
        PageError::Conflict(_) => PageError::Conflict(t!(lang, "action-delete-conflict")),
        other => other,
    })?;
    Ok(redirect_with_notice(&format!("/cities/{city_id}"), &t!(lang, "action-removed", title = title)))
}

/// A value from the history's JSON, in words.
fn shown(v: Option<&Value>, lang: Lang) -> String {
    match v {
        None | Some(Value::Null) => t!(lang, "action-history-none"),
        Some(Value::String(s)) if s.is_empty() => t!(lang, "action-history-empty"),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) if a.is_empty() => t!(lang, "action-history-none"),
        Some(Value::Array(a)) => a.iter().map(|x| shown(Some(x), lang)).collect::<Vec<_>>().join(", "),
        Some(other) => other.to_string(),
    }
}

/// An action's page: whole for those who may read its city; for anyone else, when the city's
/// page is public, the action without its check-in reports and history (as found by `/actions`).
async fn show(req: HttpRequest, viewer: MaybeViewer, id: aweb::Path<String>) -> PageResult {
    let lang = web::lang(&req);
    let id = crate::http::id_param(&id)?;
    let caller = viewer.0.as_ref().map(|s| s.caller.clone());
    let state = web::state(&req);
    let tz = state.settings.time_zone();
    let staleness = state.settings.staleness(state.clock.now());
    let path = req.path().to_string();
    let (a, city, plan, entries, reports, access, origin) = db(&req, move |c| {
        let a = store::require(c, id, staleness)?;
        let city = crate::cities::store::require(c, a.city_id)?;
        let access = crate::cities::commands::page_access(caller.as_ref(), city.id, city.public)?;
        let plan = crate::plans::store::require(c, a.plan_id)?;
        // The public view leaves out check-in reports, history and the recommendation it came
        // from (a review is public only once its host agreed: the review's own page says so).
        let (entries, reports, origin) = match access {
            Access::Full { .. } => (
                history::for_object(c, Kind::Action, id)?.0,
                crate::check_ins::store::reports_for_action(c, id)?,
                crate::peer_reviews::commands::origin_of_action(c, id)?,
            ),
            Access::Public => (vec![], vec![], None),
        };
        Ok((a, city, plan, entries, reports, access, origin))
    })
    .await
    .map_err(|e| match e {
        PageError::SignIn { .. } => PageError::SignIn { next: path },
        e => e,
    })?;
    let full = matches!(access, Access::Full { .. });
    // The date (for `{{date}}`) and the local time of a moment.
    let when = |t: chrono::NaiveDateTime| {
        let l = t.and_utc().with_timezone(&tz);
        (l.date_naive().to_string(), l.format("%H:%M").to_string())
    };
    let field_labels = labels(lang);
    let label_of = |f: &str| {
        field_labels.iter().find(|(k, _)| *k == f).map(|(_, l)| l.clone()).unwrap_or_else(|| f.replace('_', " "))
    };
    let history: Vec<Value> = entries
        .iter()
        .rev()
        .map(|e| {
            let changes: Vec<Value> = if e.operation == "update" {
                e.changed
                    .iter()
                    .map(|f| json!({"field": label_of(f), "from": shown(e.before.as_ref().and_then(|b| b.get(f)), lang), "to": shown(e.after.as_ref().and_then(|b| b.get(f)), lang)}))
                    .collect()
            } else {
                vec![]
            };
            let what = match e.operation.as_str() {
                "create" => "action-history-created",
                "delete" => "action-history-deleted",
                _ => "action-history-changed",
            };
            let (when_date, when_time) = when(e.at);
            json!({"when_date": when_date, "when_time": when_time, "who": e.actor, "what": what, "changes": changes})
        })
        .collect();
    let reports: Vec<Value> = reports
        .into_iter()
        .map(|(round, at, status, progress, narrative, evidence)| {
            // Stored as `{url, title}` objects, or plain URLs before links had titles.
            let evidence: Vec<crate::validation::Evidence> =
                serde_json::from_str::<Vec<crate::check_ins::content::EvidenceItem>>(&evidence)
                    .unwrap_or_default()
                    .iter()
                    .map(|e| e.link())
                    .collect();
            let (when_date, when_time) = when(at);
            json!({"round": round, "when_date": when_date, "when_time": when_time, "tag": labels::action_status_tag(ActionStatus::from_db(&status), lang), "progress": progress, "narrative": narrative, "evidence": evidence})
        })
        .collect();
    let today = web::today(&state);
    let row = super::city::action_row(&a, today, lang);
    let can_edit = matches!(access, Access::Full { edit: true });
    page(
        &req,
        "action",
        &a.title,
        json!({
            "action": {
                "id": a.id, "title": a.title, "commitment": a.commitment, "role": a.role, "description": a.description,
                "department": a.department, "partners": a.partners, "delivery": labels::delivery(a.delivery, lang),
                "evidence": a.evidence,
                "areas": a.policy_areas.iter().map(|p| labels::policy_area(*p, lang)).collect::<Vec<_>>(),
                "start": a.start_date.map(|d| d.to_string()), "due": a.due_date.map(|d| d.to_string()), "tag": labels::action_status_tag(a.status, lang),
                "progress": a.progress, "overdue": row["overdue"], "stale": row["stale"], "updated": row["updated"],
            },
            "city": {"id": city.id, "name": city.name}, "plan": {"title": plan.plan.title},
            "history": history, "reports": reports, "can_edit": can_edit, "full": full,
            "origin": origin.map(|(review, rec, text)| json!({"review": review, "recommendation": rec, "text": labels::short(&text, 120)})),
        }),
    )
}
