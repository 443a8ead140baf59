//! The outbox: every email the tracker queued, filtered by state, one email's details and
//! text, and queueing a failed or cancelled email again. Secretariat only, as in the API
//! (`mail::commands`): the bodies carry check-in and password links.

use super::admin::{self, anchored};
use super::web::{db, form_errors, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::error::{ApiError, FieldError};
use crate::mail::commands;
use crate::mail::outbox::{status, OutboxRow};
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

fn state_label(s: &str) -> &str {
    match s {
        status::QUEUED => "Queued",
        status::SENDING => "Sending",
        status::SENT => "Sent",
        status::FAILED => "Failed",
        status::CANCELLED => "Cancelled",
        other => other,
    }
}

fn state_tag(s: &str) -> Value {
    let class = match s {
        status::QUEUED => "tag-blue",
        status::SENDING => "tag-yellow",
        status::SENT => "tag-green",
        status::FAILED => "tag-red",
        _ => "tag-grey",
    };
    json!({"class": class, "label": state_label(s)})
}

/// What kind of email it is, in words.
fn kind_label(kind: &str) -> &str {
    match kind {
        "round_opened" => "Check-in round opened",
        "due_soon" => "Check-in due soon",
        "overdue" => "Check-in overdue",
        "escalation_digest" => "Late cities digest",
        "round_closed" => "Round closed summary",
        "password_reset" => "Password reset",
        "invitation" => "Invitation",
        other => other,
    }
}

/// When it was sent, or when it is (or was) due to go.
fn when_text(r: &OutboxRow, tz: Tz) -> String {
    match (r.status.as_str(), r.sent_at) {
        (_, Some(t)) => format!("Sent {}", admin::when(t, tz)),
        (status::QUEUED, None) => format!("Due {}", admin::when(r.not_before, tz)),
        _ => format!("Last changed {}", admin::when(r.updated_at, tz)),
    }
}

fn row_json(r: &OutboxRow, tz: Tz) -> Value {
    json!({
        "id": r.id, "to_name": r.to_name, "to_address": r.to_address, "subject": r.subject,
        "kind": kind_label(&r.kind), "state": state_tag(&r.status), "attempts": r.attempts,
        "last_error": r.last_error, "when": when_text(r, tz),
    })
}

async fn list(req: HttpRequest, viewer: Viewer, q: aweb::Query<ListQuery>) -> PageResult {
    viewer.caller.require_secretariat()?;
    let wanted = commands::parse_status(q.status.as_deref())?;
    let number = admin::page_number(q.page.as_deref())?;
    let (limit, offset) = admin::limits(number);
    let (caller, settings) = (viewer.caller.clone(), super::web::state(&req).settings.clone());
    let (rows, total, tz) = db(&req, move |c| {
        let (rows, total) = commands::list(c, &caller, wanted, limit, offset)?;
        Ok((rows, total, admin::network_tz(c, &settings)))
    })
    .await?;
    let filters: Vec<Value> = std::iter::once((None, "All"))
        .chain(status::ALL.iter().map(|s| (Some(*s), state_label(s))))
        .map(|(s, label)| json!({"href": s.map_or("/outbox".to_string(), |s| format!("/outbox?status={s}")), "label": label, "current": s == wanted}))
        .collect();
    let heading = match wanted {
        None => "Every email".to_string(),
        Some(s) => format!("{} emails", state_label(s)),
    };
    page(
        &req,
        "outbox",
        "Outbox",
        json!({
            "emails": rows.iter().map(|r| row_json(r, tz)).collect::<Vec<_>>(), "total": total, "filters": filters,
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
    render(
        req,
        status,
        "outbox_email",
        &format!("Email {id}: {}", r.subject),
        json!({
            "email": row_json(&r, tz), "language": r.language, "body_text": r.body_text,
            "created": admin::when(r.created_at, tz), "not_before": admin::when(r.not_before, tz),
            "sent": r.sent_at.map(|t| admin::when(t, tz)), "can_retry": commands::can_retry(&r.status),
            "time_zone": tz.name(),
            "errors": form_errors(&anchored(errors.to_vec(), "retry-form"), &[]),
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
            &format!("The email to {} has been queued again and will be sent within a few minutes.", r.to_address),
        )),
        Err(ApiError::StateConflict(why)) => {
            email_page(&req, &viewer, id, StatusCode::CONFLICT, &[FieldError::new("version", why)]).await
        }
        Err(e) => Err(e.into()),
    }
}
