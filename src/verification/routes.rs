//! Verified ratings over HTTP.

use super::{commands, RatingInput, SideBySide, VerifiedRating};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, id_param, Json};
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cities/{id}/verified-ratings", web::get().to(list))
        .route("/cities/{id}/verified-ratings", web::post().to(record))
        .route("/cities/{id}/self-vs-verified", web::get().to(side_by_side));
}

/// Every verified rating of the city, newest first (the latest per commitment is in force).
#[utoipa::path(get, path = "/api/v1/cities/{id}/verified-ratings", tag = "verification", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<VerifiedRating>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    let all = db(&state.pool, move |c| commands::list(c, &caller, city_id)).await?;
    Ok(HttpResponse::Ok().json(all))
}

/// Records a verified rating of one of the city's commitments (the secretariat).
#[utoipa::path(post, path = "/api/v1/cities/{id}/verified-ratings", tag = "verification", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = RatingInput,
    responses((status = 201, body = VerifiedRating), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn record(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<RatingInput>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    let now = state.clock.now();
    let rating = db(&state.pool, move |c| commands::record(c, &caller, city_id, &body.0, now)).await?;
    Ok(HttpResponse::Created().json(rating))
}

/// Each commitment: the city's latest self-assessment and the verified rating in force.
#[utoipa::path(get, path = "/api/v1/cities/{id}/self-vs-verified", tag = "verification", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<SideBySide>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn side_by_side(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    let rows = db(&state.pool, move |c| commands::side_by_side(c, &caller, city_id)).await?;
    Ok(HttpResponse::Ok().json(rows))
}
