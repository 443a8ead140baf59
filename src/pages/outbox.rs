//! The outbox: every email the tracker queued, filtered by state, one email's details and
//! text, and queueing a failed or cancelled email again. Secretariat only, as in the API
//! (`mail::commands`): the bodies carry check-in and password links.

use super::admin::{self, anchored};
use super::web::{db, form_errors_in, lang, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::mail::commands;
use crate::mail::outbox::{status, OutboxRow};
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/outbox", aweb::get().to(list))
        .route("/outbox/{id}", aweb::get().to(show))
        .route("/outbox/{id}/retry", aweb::post().to(retry));
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

/// The message key of a state's name, and of the list's caption when filtered by it.
fn state_keys(s: &str) -> Option<(&'static str, &'static str)> {
    match s {
        status::QUEUED => Some(("outbox-state-queued", "outbox-caption-queued")),
        status::SENDING => Some(("outbox-state-sending", "outbox-caption-sending")),
        status::SENT => Some(("outbox-state-sent", "outbox-caption-sent")),
        status::FAILED => Some(("outbox-state-failed", "outbox-caption-failed")),
        status::CANCELLED => Some(("outbox-state-cancelled", "outbox-caption-cancelled")),
        _ => None,
    }
}

fn state_label(s: &str, lang: Lang) -> String {
    state_keys(s).map_or_else(|| s.to_string(), |(k, _)| t!(lang, k))
}

fn state_tag(s: &str, lang: Lang) -> Value {
    let class = match s {
        status::QUEUED => "tag-blue",
        status::SENDING => "tag-yellow",
        status::SENT => "tag-green",
        status::FAILED => "tag-red",
        _ => "tag-grey",
    };
    json!({"class": class, "label": state_label(s, lang)})
}

/// What kind of email it is, in words.
fn kind_label(kind: &str, lang: Lang) -> String {
    let key = match kind {
        "round_opened" => "outbox-kind-round-opened",
        "due_soon" => "outbox-kind-due-soon",
        "overdue" => "outbox-kind-overdue",
        "escalation_digest" => "outbox-kind-escalation-digest",
        "round_closed" => "outbox-kind-round-closed",
        "password_reset" => "outbox-kind-password-reset",
        "invitation" => "outbox-kind-invitation",
        other => return other.to_string(),
    };
    t!(lang, key)
}

/// When it was sent, or when it is (or was) due to go.
fn when_text(r: &OutboxRow, tz: Tz, lang: Lang) -> String {
    match (r.status.as_str(), r.sent_at) {
        (_, Some(t)) => t!(lang, "outbox-when-sent", when = admin::when(t, tz, lang)),
        (status::QUEUED, None) => t!(lang, "outbox-when-due", when = admin::when(r.not_before, tz, lang)),
        _ => t!(lang, "outbox-when-changed", when = admin::when(r.updated_at, tz, lang)),
    }
}

fn row_json(r: &OutboxRow, tz: Tz, lang: Lang) -> Value {
    json!({
        "id": r.id, "to_name": r.to_name, "to_address": r.to_address, "subject": r.subject,
        "kind": kind_label(&r.kind, lang), "state": state_tag(&r.status, lang), "attempts": r.attempts,
        "last_error": r.last_error, "when": when_text(r, tz, lang),
    })
}

async fn list(req: HttpRequest, viewer: Viewer, q: aweb::Query<ListQuery>) -> PageResult {
    viewer.caller.require_secretariat()?;
    let wanted = commands::parse_status(q.status.as_deref())?;
    let lang = lang(&req);
    let number = admin::page_number(q.page.as_deref(), lang)?;
    let (limit, offset) = admin::limits(number);
    let (caller, settings) = (viewer.caller.clone(), super::web::state(&req).settings.clone());
    let (rows, total, tz) = db(&req, move |c| {
        let (rows, total) = commands::list(c, &caller, wanted, limit, offset)?;
        Ok((rows, total, admin::network_tz(c, &settings)))
    })
    .await?;
    // Labels and the caption are message keys (`{{t this.label}}`, `{{t caption}}`).
    let filters: Vec<Value> = std::iter::once((None, "outbox-filter-all"))
        .chain(status::ALL.iter().filter_map(|s| state_keys(s).map(|(k, _)| (Some(*s), k))))
        .map(|(s, label)| json!({"href": s.map_or("/outbox".to_string(), |s| format!("/outbox?status={s}")), "label": label, "current": s == wanted}))
        .collect();
    let heading = wanted.and_then(state_keys).map_or("outbox-caption-all", |(_, caption)| caption);
    page(
        &req,
        "outbox",
        &t!(lang, "outbox-title"),
        json!({
            "emails": rows.iter().map(|r| row_json(r, tz, lang)).collect::<Vec<_>>(), "total": total, "filters": filters,
            "caption": heading, "time_zone": tz.name(),
            "pagination": admin::pagination("/outbox", &[("status", wanted.unwrap_or(""))], number, total),
        }),
    )
}

async fn email_page(
    req: &HttpRequest,
    viewer: &Viewer,
    id: i64,
    status: StatusCode,
    errors: &[FieldError],
) -> PageResult {
    let (caller, settings) = (viewer.caller.clone(), super::web::state(req).settings.clone());
    let (r, tz) = db(req, move |c| Ok((commands::get(c, &caller, id)?, admin::network_tz(c, &settings)))).await?;
    let lang = lang(req);
    render(
        req,
        status,
        "outbox_email",
        &t!(lang, "outbox-email-title", id = id, subject = r.subject.as_str()),
        json!({
            "email": row_json(&r, tz, lang), "language": r.language, "body_text": r.body_text,
            "created": admin::when(r.created_at, tz, lang), "not_before": admin::when(r.not_before, tz, lang),
            "sent": r.sent_at.map(|t| admin::when(t, tz, lang)), "can_retry": commands::can_retry(&r.status),
            "time_zone": tz.name(),
            "errors": form_errors_in(&anchored(errors.to_vec(), "retry-form"), &[], lang),
        }),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    viewer.caller.require_secretariat()?;
    let id = crate::http::id_param(&id)?;
    email_page(&req, &viewer, id, StatusCode::OK, &[]).await
}

async fn retry(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    viewer.caller.require_secretariat()?;
    let id = crate::http::id_param(&id)?;
    if let Err(e) = form.check_csrf(&req) {
        return email_page(&req, &viewer, id, StatusCode::UNPROCESSABLE_ENTITY, &[e]).await;
    }
    let (caller, now) = (viewer.caller.clone(), super::web::state(&req).clock.now());
    match db(&req, move |c| Ok(commands::retry(c, &caller, id, now))).await? {
        Ok(r) => Ok(redirect_with_notice(
            &format!("/outbox/{id}"),
            &t!(lang(&req), "outbox-requeued", address = r.to_address.as_str()),
        )),
        Err(ApiError::StateConflict(why)) => {
            email_page(&req, &viewer, id, StatusCode::CONFLICT, &[FieldError::new("version", why)]).await
        }
        Err(e) => Err(e.into()),
    }
}
