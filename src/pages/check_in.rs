//! The one-page check-in form that an emailed link opens, without a password.
//!
//! GET shows the form with the saved draft; POST saves a draft or submits. Mistakes re-show
//! the form with what was typed, an error summary at the top linking to each field, and the
//! message beside the field. Submission ends on a confirmation page.

use crate::actions::ActionStatus;
use crate::check_ins::content::{ActionReport, CheckInContent, CommitmentAssessment, IndicatorReport, NewActionReport};
use crate::indicators::Unit;
use crate::check_ins::store::{self, Form};
use crate::check_ins::{links, Assessment};
use crate::cities::contacts;
use crate::error::{ApiError, FieldError};
use crate::history::Actor;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/check-in/{token}", web::get().to(show)).route("/check-in/{token}", web::post().to(post));
}

/// A rendered page: built on the blocking pool, turned into a response on the executor.
pub struct Rendered(u16, String);

impl Rendered {
    fn response(self) -> HttpResponse {
        HttpResponse::build(actix_web::http::StatusCode::from_u16(self.0).unwrap()).content_type("text/html; charset=utf-8").body(self.1)
    }
}

fn page(state: &AppState, status: actix_web::http::StatusCode, template: &str, title: &str, data: Value) -> Rendered {
    match state.pages.render(template, title, &data) {
        Ok(html) => Rendered(status.as_u16(), html),
        Err(e) => {
            tracing::error!(error = ?e, template, "rendering a page failed");
            Rendered(500, "<!DOCTYPE html><title>Error</title><p>Something went wrong on our side; please try again.</p>".into())
        }
    }
}

fn message(state: &AppState, status: u16, heading: &str, paragraphs: &[&str], panel: bool) -> Rendered {
    let status = actix_web::http::StatusCode::from_u16(status).unwrap();
    page(state, status, "message", heading, json!({"heading": heading, "paragraphs": paragraphs, "panel": panel}))
}

fn status_label(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Planned => "Planned",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Completed => "Completed",
        ActionStatus::Delayed => "Delayed",
        ActionStatus::Cancelled => "Cancelled",
    }
}

fn level_label(a: Assessment) -> &'static str {
    match a {
        Assessment::NotStarted => "Not started",
        Assessment::Limited => "Limited",
        Assessment::Substantial => "Substantial",
        Assessment::Complete => "Complete",
    }
}

/// The form's view model: the content (saved or just typed) laid over the city's actions.
/// A number as the form shows it: the text typed when it could not be read, else the value.
fn shown(typed: &HashMap<String, String>, field: &str, v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => x.to_string(),
        _ => typed.get(field).cloned().unwrap_or_default(),
    }
}

fn unit_hint(i: &crate::indicators::Indicator) -> String {
    match i.unit {
        Unit::Percent => "A percentage from 0 to 100, e.g. 12.5".into(),
        Unit::Count => "A whole number, e.g. 40".into(),
        Unit::Money => format!("An amount in {}, e.g. 250000", i.currency.as_deref().unwrap_or("EUR")),
        Unit::YesNo => "Yes or no".into(),
    }
}

/// `typed` holds the posted fields, so numbers that could not be read are shown as typed.
fn view(form: &Form, content: &CheckInContent, errors: &[FieldError], token: &str, saved: bool, typed: &HashMap<String, String>) -> Value {
    // Field paths of the content (actions[2].progress) -> input ids and messages.
    let mut summary = vec![];
    let mut by_path: HashMap<String, String> = HashMap::new();
    for e in errors {
        let message = match &e.accepted {
            Some(a) => format!("{} (accepted: {a})", e.reason),
            None => e.reason.clone(),
        };
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
                    summary.push(json!({"anchor": format!("a{}_{f}", a.id), "message": format!("{}: {m}", a.title)}));
                    errs.insert(f.into(), m.into());
                }
            }
            json!({
                "id": a.id, "title": a.title, "commitment": a.commitment,
                "statuses": ActionStatus::ALL.iter().map(|s| json!({"value": s.as_str(), "label": status_label(*s), "selected": s.as_str() == status})).collect::<Vec<_>>(),
                "progress": r.and_then(|r| r.progress).unwrap_or(a.progress as i64),
                "narrative": r.map(|r| r.narrative.clone()).unwrap_or_default(),
                "evidence": r.map(|r| r.evidence.join("\n")).unwrap_or_default(),
                "errors": errs,
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
                summary.push(json!({"anchor": format!("c_{}", c.code), "message": format!("{}: {m}", c.code)}));
            }
            let short: String = c.text.chars().take(70).collect();
            json!({
                "code": c.code, "text": c.text, "short": if c.text.chars().count() > 70 { format!("{short}…") } else { short },
                "levels": Assessment::ALL.iter().map(|l| json!({"value": l.as_str(), "label": level_label(*l), "checked": chosen.as_deref() == Some(l.as_str())})).collect::<Vec<_>>(),
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
                    summary.push(json!({"anchor": anchor, "message": format!("{} ({}): {f} {m}", ind.name, ind.code)}));
                    errs.insert(if f == "indicator" { "value".into() } else { f.into() }, m.clone().into());
                }
            }
            let value = shown(typed, &key("value"), r.map(|r| r.value));
            json!({
                "code": ind.code, "name": ind.name, "description": ind.description, "hint": unit_hint(ind),
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
            summary.push(json!({"anchor": anchor, "message": format!("New action: {m}")}));
            new_errors.insert(if f == "plan_id" { "commitment".into() } else { f.into() }, m.clone().into());
        }
    }
    json!({
        "errors": summary,
        "saved": saved,
        "city": form.check_in.city_name,
        "round": form.check_in.round_label,
        "due_date": crate::i18n::date(form.check_in.due_date, "en"),
        "extension_reason": form.check_in.extension_reason,
        "version": form.check_in.version,
        "action_url": links::path(token),
        "actions": actions,
        "commitments": commitments,
        "indicators": indicators,
        "new": {"title": new.map(|n| n.title.clone()).unwrap_or_default(), "errors": new_errors},
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
                evidence: get(format!("a{}_evidence", a.id)).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect(),
            }
        })
        .collect();
    let assessments = form
        .commitments
        .iter()
        .filter_map(|c| {
            let level = get(format!("c_{}_level", c.code));
            (!level.is_empty()).then(|| CommitmentAssessment { commitment: c.code.clone(), level, comment: get(format!("c_{}_comment", c.code)) })
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
        vec![NewActionReport { plan_id, commitment: code, title, description: String::new(), status: Some("planned".into()), progress: Some(0), delivery: None }]
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
            Some(IndicatorReport { indicator: ind.code.clone(), value: number(&value).unwrap_or(f64::INFINITY), baseline: number(&baseline), target: number(&target), note })
        })
        .collect();
    CheckInContent { actions, assessments, new_actions, indicators }
}

enum Opened {
    Form(i64, Actor),
    Refused(Rendered),
}

fn open(state: &AppState, c: &mut crate::db::DbConnection, token: &str) -> Result<Opened, ApiError> {
    Ok(match links::resolve(c, token, state.clock.now())? {
        Ok((id, contact)) => {
            let label = contact
                .and_then(|cid| contacts::for_id(c, cid).ok().flatten())
                .map(|x| format!("{} <{}> (emailed link)", x.name, x.email))
                .unwrap_or_else(|| "emailed link".into());
            Opened::Form(id, Actor { user_id: None, label })
        }
        Err(links::Refusal::Unknown) => Opened::Refused(message(state, 404, "This link does not work", &["Check that you copied the whole address from the email.", "If it still does not work, reply to the email and the secretariat will send you a new link."], false)),
        Err(links::Refusal::Expired) => Opened::Refused(message(state, 410, "This link has expired", &["The check-in round this link was for has closed.", "If you still want to send an update, please contact the secretariat."], false)),
    })
}

pub async fn show(state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let token = token.into_inner();
    let st = state.clone();
    let result = crate::http::db(&state.pool, move |c| {
        Ok(match open(&st, c, &token)? {
            Opened::Refused(r) => r,
            Opened::Form(id, _) => {
                let form = store::form(c, &st.settings, id)?;
                if let Some(done) = finished(&st, &form) {
                    return Ok(done);
                }
                page(&st, actix_web::http::StatusCode::OK, "check_in", &format!("Check-in for {}", form.check_in.round_label), view(&form, &form.draft, &[], &token, false, &HashMap::new()))
            }
        })
    })
    .await;
    result.unwrap_or_else(|e| error_page(&state, e)).response()
}

fn finished(state: &AppState, form: &Form) -> Option<Rendered> {
    match form.check_in.state {
        crate::check_ins::CheckInState::Submitted => Some(message(state, 200, "Check-in submitted", &["Thank you: your update for this round has been received, and you will get no more reminders for it.", "The secretariat will include it in the network's outcomes report."], true)),
        crate::check_ins::CheckInState::Missed => Some(message(state, 410, "This check-in round has closed", &["Please contact the secretariat if you still want to send an update."], false)),
        _ => None,
    }
}

fn error_page(state: &AppState, e: ApiError) -> Rendered {
    if !matches!(e, ApiError::Unexpected(_)) {
        return message(state, 400, "Something is not right", &[&e.to_string()], false);
    }
    tracing::error!(error = ?e, "check-in page failed");
    message(state, 500, "Sorry, there is a problem with the service", &["Your answers were not saved. Please try again later."], false)
}

pub async fn post(state: web::Data<AppState>, token: web::Path<String>, fields: web::Form<HashMap<String, String>>) -> HttpResponse {
    let token = token.into_inner();
    let fields = fields.into_inner();
    let st = state.clone();
    let result = crate::http::db(&state.pool, move |c| {
        let (id, actor) = match open(&st, c, &token)? {
            Opened::Refused(r) => return Ok(r),
            Opened::Form(id, actor) => (id, actor),
        };
        let form = store::form(c, &st.settings, id)?;
        if let Some(done) = finished(&st, &form) {
            return Ok(done);
        }
        let content = content_from(&form, &fields);
        let version: i32 = fields.get("version").and_then(|v| v.parse().ok()).unwrap_or(form.check_in.version);
        let now = st.clock.now();
        let outcome = if fields.get("intent").map(String::as_str) == Some("submit") {
            store::submit(c, &st.settings, id, version, Some(&content), &actor, now).map(|_| None)
        } else {
            store::save_draft(c, &st.settings, id, version, &content, now).map(Some)
        };
        let title = format!("Check-in for {}", form.check_in.round_label);
        Ok(match outcome {
            Ok(None) => message(&st, 200, "Check-in submitted", &["Thank you: your update has been received and your actions are updated.", "You will get no more reminders for this round."], true),
            Ok(Some(_)) => {
                let form = store::form(c, &st.settings, id)?;
                page(&st, actix_web::http::StatusCode::OK, "check_in", &title, view(&form, &form.draft, &[], &token, true, &HashMap::new()))
            }
            Err(ApiError::Validation(errors)) => page(&st, actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, "check_in", &title, view(&form, &content, &errors, &token, false, &fields)),
            Err(ApiError::Conflict { .. }) => {
                let conflict = [FieldError::new("version", "Someone else changed this check-in while you were editing. Your answers are shown below; please check them and send again.")];
                let fresh = store::form(c, &st.settings, id)?;
                let mut v = view(&fresh, &content, &[], &token, false, &fields);
                v["errors"] = json!([{"anchor": "main", "message": conflict[0].reason}]);
                page(&st, actix_web::http::StatusCode::CONFLICT, "check_in", &title, v)
            }
            Err(e) => return Err(e),
        })
    })
    .await;
    result.unwrap_or_else(|e| error_page(&state, e)).response()
}
