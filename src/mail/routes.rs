//! `/api/v1/outbox`: the secretariat sees what was sent, what failed and why, and can queue
//! a failed or cancelled email again.

use super::commands;
use super::outbox::OutboxRow;
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, id_param, Page, PageQuery};
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/outbox", web::get().to(list_outbox))
        .route("/outbox/{id}", web::get().to(get_outbox_email))
        .route("/outbox/{id}/retry", web::post().to(retry_outbox_email));
}

/// An email in the outbox, without its bodies.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxItem {
    pub id: i64,
    /// The template: round_opened, due_soon, overdue, escalation_digest, round_closed, password_reset.
    pub kind: String,
    pub to_address: String,
    pub to_name: String,
    /// The language it is written in.
    pub language: String,
    pub subject: String,
    /// queued, sending, sent, failed or cancelled.
    pub status: String,
    /// Delivery attempts made so far.
    pub attempts: i32,
    /// Why the last attempt failed, if one did.
    pub last_error: Option<String>,
    /// Not sent before this instant (the planned time, or the next retry).
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub not_before: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<NaiveDateTime>,
    pub city_id: Option<i64>,
    pub round_id: Option<i64>,
}

/// An email in the outbox with its bodies and headers.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxEmail {
    #[serde(flatten)]
    pub item: OutboxItem,
    /// The key that makes it one email however often it is queued.
    pub idempotency_key: String,
    /// The Message-ID header it is sent with, the same on every attempt.
    pub message_id: String,
    pub body_text: String,
    pub body_html: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

impl From<&OutboxRow> for OutboxItem {
    fn from(r: &OutboxRow) -> Self {
        OutboxItem {
            id: r.id,
            kind: r.kind.clone(),
            to_address: r.to_address.clone(),
            to_name: r.to_name.clone(),
            language: r.language.clone(),
            subject: r.subject.clone(),
            status: r.status.clone(),
            attempts: r.attempts,
            last_error: r.last_error.clone(),
            not_before: r.not_before,
            created_at: r.created_at,
            sent_at: r.sent_at,
            city_id: r.city_id,
            round_id: r.round_id,
        }
    }
}

/// `?status=&page=&per_page=`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    /// Only emails in this state: queued, sending, sent, failed or cancelled.
    pub status: Option<String>,
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// Emails in the outbox, newest first (secretariat only).
#[utoipa::path(get, path = "/api/v1/outbox", tag = "outbox", security(("bearer" = [])),
    params(OutboxQuery),
    responses((status = 200, body = Page<OutboxItem>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn list_outbox(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<OutboxQuery>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let q = q.into_inner();
    let page = PageQuery { page: q.page, per_page: q.per_page };
    let (limit, offset) = page.limits()?;
    let wanted = commands::parse_status(q.status.as_deref())?;
    let (rows, total) = db(&state.pool, move |c| commands::list(c, &caller, wanted, limit, offset)).await?;
    let items: Vec<OutboxItem> = rows.iter().map(OutboxItem::from).collect();
    Ok(HttpResponse::Ok().json(Page::new(items, &page, total)))
}

/// One email with its bodies (secretariat only).
#[utoipa::path(get, path = "/api/v1/outbox/{id}", tag = "outbox", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = OutboxEmail), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_outbox_email(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let id = id_param(&id)?;
    let row = db(&state.pool, move |c| commands::get(c, &caller, id)).await?;
    let domain = state.settings.mail.from_domain();
    Ok(HttpResponse::Ok().json(full(&row, &domain)))
}

/// Queues a failed or cancelled email again, with its attempts reset, due now (secretariat
/// only). Any other state is a 409 saying why.
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "outbox", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = OutboxItem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn retry_outbox_email(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let id = id_param(&id)?;
    let now = state.clock.now();
    let row = db(&state.pool, move |c| commands::retry(c, &caller, id, now)).await?;
    Ok(HttpResponse::Ok().json(OutboxItem::from(&row)))
}

fn full(row: &OutboxRow, domain: &str) -> OutboxEmail {
    OutboxEmail {
        item: OutboxItem::from(row),
        idempotency_key: row.idempotency_key.clone(),
        message_id: format!("<{}@{domain}>", row.message_id),
        body_text: row.body_text.clone(),
        body_html: row.body_html.clone(),
        updated_at: row.updated_at,
    }
}
