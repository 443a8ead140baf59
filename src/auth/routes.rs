//! `GET /api/v1/me`: who the token belongs to, and the caller's own tokens.

use super::Caller;
use crate::error::{ApiResult, Problem};
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me", web::get().to(me));
}

/// The caller behind the token: email, role and (for city editors) city.
#[utoipa::path(get, path = "/api/v1/me", tag = "access", security(("bearer" = [])),
    responses((status = 200, body = Caller), (status = 401, body = Problem)))]
pub async fn me(caller: Caller) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(caller))
}
