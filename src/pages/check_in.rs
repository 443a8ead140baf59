//! The one-page check-in form: opened by the secure link in a reminder email (no password),
//! or by a signed-in editor of the city (or the secretariat) from the city's pages. Both are
//! the same page.
//!
//! GET shows the form with the saved draft; POST saves a draft or submits. Mistakes re-show
//! the form with what was typed, an error summary at the top linking to each field, and the
//! message beside the field. Submission ends on a confirmation page.

use super::labels;
use super::web::{self, MaybeViewer, PageError, PageResult, Viewer};
use crate::actions::ActionStatus;
use crate::check_ins::content::{ActionReport, CheckInContent, CommitmentAssessment, IndicatorReport, NewActionReport};
use crate::check_ins::store::{self, Form};
use crate::check_ins::{commands, links, Assessment};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::indicators::Unit;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/check-in/{token}", aweb::get().to(show_by_link))
        .route("/check-in/{token}", aweb::post().to(post_by_link))
        .route("/check-ins/{id}", aweb::get().to(show_signed_in))
        .route("/check-ins/{id}", aweb::post().to(post_signed_in));
}

/// The form's view model: the content (saved or just typed) laid over the city's actions.
/// A number as the form shows it: the text typed when it could not be read, else the value.
fn shown(typed: &HashMap<String, String>, field: &str, v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => x.to_string(),
        _ => typed.get(field).cloned().unwrap_or_default(),
    }
}

fn unit_hint(i: &crate::indicators::Indicator, lang: Lang) -> String {
    match i.unit {
        Unit::Percent => t!(lang, "checkin-unit-percent"),
        Unit::Count => t!(lang, "checkin-unit-count"),
        Unit::Money => t!(lang, "checkin-unit-money", currency = i.currency.as_deref().unwrap_or("EUR")),
        Unit::YesNo => t!(lang, "checkin-unit-yes-no"),
    }
}

/// `typed` holds the posted fields, so numbers that could not be read are shown as typed.
fn view(
    form: &Form,
    content: &CheckInContent,
    errors: &[FieldError],
    action_url: &str,
    saved: bool,
    typed: &HashMap<String, String>,
    lang: Lang,
) -> Value {
    // Field paths of the content (actions[2].progress) -> input ids and messages.
    let mut summary = vec![];
    let mut by_path: HashMap<String, String> = HashMap::new();
    for e in errors {
        let message = match &e.accepted {
            _ if e.plain.is_some() => e.human(lang, None),
            Some(a) => t!(lang, "checkin-accepted", reason = e.reason.as_str(), accepted = a.as_str()),
            None => e.reason.clone(),
        };
        // Errors about the form as a whole (an expired CSRF token) head the summary.
        if !["actions[", "assessments[", "new_actions[", "indicators["].iter().any(|p| e.field.starts_with(p)) {
            let mut m = message.clone();
            if let Some(first) = m.get(0..1) {
                m.replace_range(0..1, &first.to_uppercase());
            }
            summary.push(json!({"anchor": "main", "message": m}));
        }
        by_path.insert(e.field.clone(), message);
    }
    let actions: Vec<Value> = form
        .actions
        .iter()
        .map(|a| {
            let idx = content.actions.iter().position(|r| r.action_id == a.id);
            let r = idx.map(|i| &content.actions[i]);
            let err = |f: &str| idx.and_then(|i| by_path.iter().find(|(k, _)| k.starts_with(&format!("actions[{i}].{f}"))).map(|(_, v)| v.clone()));
            let status = r.and_then(|r| r.status.clone()).unwrap_or_else(|| a.status.as_str().to_string());
            let mut errs = serde_json::Map::new();
            for f in ["status", "progress", "narrative", "evidence"] {
                if let Some(m) = err(f) {
                    summary.push(json!({"anchor": format!("a{}_{f}", a.id), "message": t!(lang, "checkin-error-in-action", action = a.title.as_str(), message = m.as_str())}));
                    errs.insert(f.into(), m.into());
                }
            }
            json!({
                "id": a.id, "title": a.title, "commitment": a.commitment,
                "statuses": ActionStatus::ALL.iter().map(|s| json!({"value": s.as_str(), "label": labels::action_status(*s, lang), "selected": s.as_str() == status})).collect::<Vec<_>>(),
                "progress": r.and_then(|r| r.progress).unwrap_or(a.progress as i64),
                "narrative": r.map(|r| r.narrative.clone()).unwrap_or_default(),
                "evidence": r.map(|r| crate::validation::evidence_text(&r.evidence.iter().map(|e| e.link()).collect::<Vec<_>>())).unwrap_or_default(),
                "errors": errs,
                "review_comment": form.review.as_ref().and_then(|rv| rv.actions.iter().find(|c| c.action_id == a.id)).map(|c| &c.comment),
            })
        })
        .collect();
    let new = content.new_actions.first();
    let commitments: Vec<Value> = form
        .commitments
        .iter()
        .map(|c| {
            let idx = content.assessments.iter().position(|x| x.commitment == c.code);
            let chosen = idx.map(|i| content.assessments[i].level.clone());
            let error = idx.and_then(|i| by_path.iter().find(|(k, _)| k.starts_with(&format!("assessments[{i}]"))).map(|(_, v)| v.clone()));
            if let Some(m) = &error {
                summary.push(json!({"anchor": format!("c_{}", c.code), "message": t!(lang, "checkin-error-in-commitment", code = c.code.as_str(), message = m.as_str())}));
            }
            let short: String = c.text.chars().take(70).collect();
            json!({
                "code": c.code, "text": c.text, "short": if c.text.chars().count() > 70 { format!("{short}…") } else { short },
                "levels": Assessment::ALL.iter().map(|l| json!({"value": l.as_str(), "label": labels::assessment(*l, lang), "checked": chosen.as_deref() == Some(l.as_str())})).collect::<Vec<_>>(),
                "comment": idx.map(|i| content.assessments[i].comment.clone()).unwrap_or_default(),
                "error": error,
                "new_selected": new.is_some_and(|n| n.commitment == c.code),
            })
        })
        .collect();
    let indicators: Vec<Value> = form
        .indicators
        .iter()
        .map(|ind| {
            let idx = content.indicators.iter().position(|r| r.indicator == ind.code);
            let r = idx.map(|i| &content.indicators[i]);
            let key = |f: &str| format!("i_{}_{f}", ind.code);
            let mut errs = serde_json::Map::new();
            for f in ["value", "baseline", "target", "note", "indicator"] {
                if let Some(m) = idx.and_then(|i| by_path.get(&format!("indicators[{i}].{f}"))) {
                    let anchor = if f == "indicator" { key("value") } else { key(f) };
                    summary.push(json!({"anchor": anchor, "message": t!(lang, "checkin-error-in-indicator", name = ind.name.as_str(), code = ind.code.as_str(), field = f, message = m.as_str())}));
                    errs.insert(if f == "indicator" { "value".into() } else { f.into() }, m.clone().into());
                }
            }
            let value = shown(typed, &key("value"), r.map(|r| r.value));
            json!({
                "code": ind.code, "name": ind.name, "description": ind.description, "hint": unit_hint(ind, lang),
                "yes_no": ind.unit == Unit::YesNo,
                "yes": value == "1", "no": value == "0",
                "value": value,
                "baseline": shown(typed, &key("baseline"), r.and_then(|r| r.baseline)),
                "target": shown(typed, &key("target"), r.and_then(|r| r.target)),
                "note": r.map(|r| r.note.clone()).unwrap_or_else(|| typed.get(&key("note")).cloned().unwrap_or_default()),
                "errors": errs,
            })
        })
        .collect();
    let mut new_errors = serde_json::Map::new();
    for f in ["title", "commitment", "plan_id"] {
        if let Some(m) = by_path.get(&format!("new_actions[0].{f}")) {
            let anchor = if f == "title" { "new_title" } else { "new_commitment" };
            summary
                .push(json!({"anchor": anchor, "message": t!(lang, "checkin-error-new-action", message = m.as_str())}));
            new_errors.insert(if f == "plan_id" { "commitment".into() } else { f.into() }, m.clone().into());
        }
    }
    json!({
        "errors": summary,
        "saved": saved,
        "city": form.check_in.city_name,
        "round": form.check_in.round_label,
        "due_date": form.check_in.due_date.to_string(),
        "extension_reason": form.check_in.extension_reason,
        "version": form.check_in.version,
        "action_url": action_url,
        "actions": actions,
        "commitments": commitments,
        "indicators": indicators,
        "new": {"title": new.map(|n| n.title.clone()).unwrap_or_default(), "errors": new_errors},
        "review": form.review.as_ref().map(|r| json!({"comment": r.comment, "by": r.by,
            "on": r.at.date().to_string(), "has_action_comments": !r.actions.is_empty()})),
    })
}

/// Reads the posted fields into check-in content, in the form's order.
fn content_from(form: &Form, fields: &HashMap<String, String>) -> CheckInContent {
    let get = |k: String| fields.get(&k).map(|v| v.trim().to_string()).unwrap_or_default();
    let actions = form
        .actions
        .iter()
        .map(|a| {
            let progress = get(format!("a{}_progress", a.id));
            ActionReport {
                action_id: a.id,
                status: Some(get(format!("a{}_status", a.id))).filter(|s| !s.is_empty()),
                // A non-number is reported as out of range rather than silently dropped.
                progress: if progress.is_empty() { None } else { Some(progress.parse().unwrap_or(-1)) },
                narrative: get(format!("a{}_narrative", a.id)),
                evidence: crate::validation::evidence_lines(&get(format!("a{}_evidence", a.id)))
                    .into_iter()
                    .map(crate::check_ins::content::EvidenceItem::Link)
                    .collect(),
            }
        })
        .collect();
    let assessments = form
        .commitments
        .iter()
        .filter_map(|c| {
            let level = get(format!("c_{}_level", c.code));
            (!level.is_empty()).then(|| CommitmentAssessment {
                commitment: c.code.clone(),
                level,
                comment: get(format!("c_{}_comment", c.code)),
            })
        })
        .collect();
    let title = get("new_title".into());
    let new_actions = if title.is_empty() {
        vec![]
    } else {
        let code = get("new_commitment".into());
        let plan_id = form
            .plans
            .iter()
            .find(|p| form.commitments.iter().any(|c| c.code == code && c.framework == p.framework))
            .or(form.plans.first())
            .map(|p| p.id)
            .unwrap_or(0);
        vec![NewActionReport {
            plan_id,
            commitment: code,
            title,
            description: String::new(),
            status: Some("planned".into()),
            progress: Some(0),
            delivery: None,
        }]
    };
    // A number as typed: spaces and a decimal comma are accepted (12 500, 12,5); a value left
    // empty is missing (infinity) when something else was given, and unreadable text is NaN, so
    // validation names the field and the page shows the text again.
    let number = |s: &str| -> Option<f64> {
        let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if t.is_empty() {
            return None;
        }
        let t = if t.contains('.') { t } else { t.replace(',', ".") };
        Some(t.parse().unwrap_or(f64::NAN))
    };
    let indicators = form
        .indicators
        .iter()
        .filter_map(|ind| {
            let f = |k: &str| get(format!("i_{}_{k}", ind.code));
            let (value, baseline, target, note) = (f("value"), f("baseline"), f("target"), f("note"));
            if value.is_empty() && baseline.is_empty() && target.is_empty() && note.is_empty() {
                return None;
            }
            Some(IndicatorReport {
                indicator: ind.code.clone(),
                value: number(&value).unwrap_or(f64::INFINITY),
                baseline: number(&baseline),
                target: number(&target),
                note,
            })
        })
        .collect();
    CheckInContent { actions, assessments, new_actions, indicators }
}

/// Who is filling in the form, and where it posts to.
struct Opened {
    check_in: commands::Opened,
    action_url: String,
}

/// What an emailed link opens: its check-in, as the contact it was sent to. The refusals keep
/// their own headings, for people who arrive from an email: `Ok(Err(page))` is such a refusal,
/// rendered here in the visitor's language.
async fn by_link(req: &HttpRequest, token: &str) -> Result<Result<Opened, PageResult>, PageError> {
    let now = web::now(req);
    let lang = web::lang(req);
    let t = token.to_string();
    let refused = |status: StatusCode, heading: &str, detail: &str| {
        web::message(req, status, &t!(lang, heading), &[&t!(lang, detail)], Some(("/", &t!(lang, "error-go-home"))))
    };
    match web::db(req, move |c| commands::open_by_link(c, &t, now)).await {
        Ok(check_in) => Ok(Ok(Opened { check_in, action_url: links::path(token) })),
        Err(PageError::NotFound(_)) => {
            Ok(Err(refused(StatusCode::NOT_FOUND, "checkin-link-unknown-title", "checkin-link-unknown-text")))
        }
        Err(PageError::Gone(_)) => {
            Ok(Err(refused(StatusCode::GONE, "checkin-link-expired-title", "checkin-link-expired-text")))
        }
        Err(e) => Err(e),
    }
}

/// What a signed-in person opens: a check-in of a city they may change.
async fn by_session(req: &HttpRequest, viewer: &Viewer, id: &str) -> Result<Opened, PageError> {
    let id = crate::http::id_param(id)?;
    let settings = web::state(req).settings.clone();
    let caller = viewer.caller.clone();
    let check_in = web::db(req, move |c| commands::open_signed_in(c, &settings, &caller, id)).await?;
    Ok(Opened { check_in, action_url: format!("/check-ins/{id}") })
}

/// The page for a check-in that can no longer be changed, if it is one.
fn finished(req: &HttpRequest, form: &Form) -> Option<PageResult> {
    use crate::check_ins::CheckInState;
    let lang = web::lang(req);
    match form.check_in.state {
        CheckInState::Submitted | CheckInState::Resubmitted => {
            Some(done_page(req, &[&t!(lang, "checkin-received"), &t!(lang, "checkin-will-read")]))
        }
        CheckInState::Accepted => Some(done_page(req, &[&t!(lang, "checkin-accepted-text")])),
        crate::check_ins::CheckInState::Missed => Some(web::message(
            req,
            StatusCode::GONE,
            &t!(lang, "checkin-closed-title"),
            &[&t!(lang, "checkin-closed-text")],
            None,
        )),
        _ => None,
    }
}

fn done_page(req: &HttpRequest, paragraphs: &[&str]) -> PageResult {
    let heading = t!(web::lang(req), "checkin-submitted-title");
    web::render(
        req,
        StatusCode::OK,
        "message",
        &heading,
        json!({"heading": heading, "paragraphs": paragraphs, "panel": true}),
    )
}

fn title_of(form: &Form, lang: Lang) -> String {
    t!(lang, "checkin-title", city = form.check_in.city_name.as_str(), round = form.check_in.round_label.as_str())
}

async fn show(req: HttpRequest, opened: Opened) -> PageResult {
    let lang = web::lang(&req);
    let (settings, now) = (web::state(&req).settings.clone(), web::now(&req));
    let id = opened.check_in.id();
    let form = web::db(&req, move |c| store::form(c, &settings, id, now)).await?;
    if let Some(done) = finished(&req, &form) {
        return done;
    }
    web::page(
        &req,
        "check_in",
        &title_of(&form, lang),
        view(&form, &form.draft, &[], &opened.action_url, false, &HashMap::new(), lang),
    )
}

enum Outcome {
    Submitted,
    Saved(Form),
    Invalid(Form, CheckInContent, Vec<FieldError>),
    Conflict(Form, CheckInContent),
    Finished(Form),
}

async fn post(req: HttpRequest, opened: Opened, posted: web::Form) -> PageResult {
    let lang = web::lang(&req);
    // The first value of each field: this form has no repeated names.
    let mut fields: HashMap<String, String> = HashMap::new();
    for (k, v) in posted.0.iter() {
        fields.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let csrf = posted.check_csrf(&req);
    let state = web::state(&req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let (id, check_in) = (opened.check_in.id(), opened.check_in.clone());
    let f2 = fields.clone();
    let outcome = web::db(&req, move |c| {
        let form = store::form(c, &settings, id, now)?;
        if !form.check_in.state.editable() {
            return Ok(Outcome::Finished(form));
        }
        let content = content_from(&form, &f2);
        if let Err(e) = csrf {
            return Ok(Outcome::Invalid(form, content, vec![e]));
        }
        let version: i32 = f2.get("version").and_then(|v| v.parse().ok()).unwrap_or(form.check_in.version);
        let result = if f2.get("intent").map(String::as_str) == Some("submit") {
            commands::submit(c, &settings, &check_in, version, Some(&content), now).map(|_| None)
        } else {
            commands::save_draft(c, &settings, &check_in, version, &content, now).map(Some)
        };
        Ok(match result {
            Ok(None) => Outcome::Submitted,
            Ok(Some(_)) => Outcome::Saved(store::form(c, &settings, id, now)?),
            Err(ApiError::Validation(errors)) => Outcome::Invalid(form, content, errors),
            Err(ApiError::Conflict { .. }) => Outcome::Conflict(store::form(c, &settings, id, now)?, content),
            Err(e) => return Err(e),
        })
    })
    .await?;
    match outcome {
        Outcome::Finished(form) => {
            finished(&req, &form).unwrap_or_else(|| Err(PageError::Conflict(t!(lang, "checkin-no-longer-changeable"))))
        }
        Outcome::Submitted => done_page(&req, &[&t!(lang, "checkin-thanks"), &t!(lang, "checkin-no-more-reminders")]),
        Outcome::Saved(form) => web::page(
            &req,
            "check_in",
            &title_of(&form, lang),
            view(&form, &form.draft, &[], &opened.action_url, true, &HashMap::new(), lang),
        ),
        Outcome::Invalid(form, content, errors) => web::render(
            &req,
            StatusCode::UNPROCESSABLE_ENTITY,
            "check_in",
            &title_of(&form, lang),
            view(&form, &content, &errors, &opened.action_url, false, &fields, lang),
        ),
        Outcome::Conflict(fresh, content) => {
            let mut v = view(&fresh, &content, &[], &opened.action_url, false, &fields, web::lang(&req));
            v["errors"] = json!([{"anchor": "main", "message": t!(lang, "checkin-conflict")}]);
            web::render(&req, StatusCode::CONFLICT, "check_in", &title_of(&fresh, lang), v)
        }
    }
}

async fn show_by_link(req: HttpRequest, _viewer: MaybeViewer, token: aweb::Path<String>) -> PageResult {
    match by_link(&req, &token).await? {
        Ok(opened) => show(req, opened).await,
        Err(refused) => refused,
    }
}

async fn post_by_link(
    req: HttpRequest,
    _viewer: MaybeViewer,
    token: aweb::Path<String>,
    form: web::Form,
) -> PageResult {
    match by_link(&req, &token).await? {
        Ok(opened) => post(req, opened, form).await,
        Err(refused) => refused,
    }
}

async fn show_signed_in(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let opened = by_session(&req, &viewer, &id).await?;
    show(req, opened).await
}

async fn post_signed_in(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: web::Form) -> PageResult {
    let opened = by_session(&req, &viewer, &id).await?;
    post(req, opened, form).await
}
