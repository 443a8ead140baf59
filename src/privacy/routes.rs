//! `/api/v1/people`: export and erase one person's data (the secretariat only). The address
//! travels in the body, never in the URL, so it stays out of access logs.

use super::{commands, EraseInput, Erased, PersonQuery, PersonalData};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, Json};
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/people/export", web::post().to(export_person)).route("/people/erase", web::post().to(erase_person));
}

/// Everything held about the person with this email address, as JSON (secretariat only); 404
/// when nothing is held.
#[utoipa::path(post, path = "/api/v1/people/export", tag = "privacy", security(("bearer" = [])),
    request_body = PersonQuery,
    responses((status = 200, body = PersonalData), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn export_person(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PersonQuery>,
) -> ApiResult<HttpResponse> {
    let data = db(&state.pool, move |c| commands::export(c, &caller, &body.0.email)).await?;
    Ok(HttpResponse::Ok().json(data))
}

/// Erases the person with this email address (secretariat only; `confirm` must be true): their
/// contacts and user are deleted, and their name and address are replaced by a pseudonym in
/// history, emails and every other record, in one transaction. 404 when nothing is held (also
/// for a second erasure); 409 for one's own address.
#[utoipa::path(post, path = "/api/v1/people/erase", tag = "privacy", security(("bearer" = [])),
    request_body = EraseInput,
    responses((status = 200, body = Erased), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn erase_person(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<EraseInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let erased = db(&state.pool, move |c| commands::erase(c, &caller, &body.0.email, body.0.confirm, now)).await?;
    Ok(HttpResponse::Ok().json(erased))
}
