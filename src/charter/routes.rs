//! `GET /api/v1/frameworks` and `GET /api/v1/frameworks/{code}`: public, read-only.

use super::{store, FrameworkDetail, FrameworkSummary};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::db;
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/frameworks", web::get().to(list_frameworks)).route("/frameworks/{code}", web::get().to(get_framework));
}

/// The frameworks the tracker holds.
#[utoipa::path(get, path = "/api/v1/frameworks", tag = "charter",
    responses((status = 200, body = Vec<FrameworkSummary>)))]
pub async fn list_frameworks(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let list = db(&state.pool, |c| Ok(store::list(c)?)).await?;
    Ok(HttpResponse::Ok().json(list.iter().map(|f| f.summary()).collect::<Vec<_>>()))
}

/// One framework with its roles and their commitments, in the charter's order.
#[utoipa::path(get, path = "/api/v1/frameworks/{code}", tag = "charter",
    params(("code" = String, Path, description = "e.g. eurocities-integrating-cities")),
    responses((status = 200, body = FrameworkDetail), (status = 404, body = Problem)))]
pub async fn get_framework(state: web::Data<AppState>, code: web::Path<String>) -> ApiResult<HttpResponse> {
    let code = code.into_inner();
    let detail = db(&state.pool, move |c| {
        let fw =
            store::by_code(c, &code)?.ok_or_else(|| ApiError::not_found(format!("no framework with code `{code}`")))?;
        Ok(store::detail(c, &fw)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(detail))
}
