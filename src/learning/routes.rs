//! `/api/v1/cities/{id}/learn-from`, `/api/v1/cities/{id}/comparison`, `/api/v1/good-practices`
//! and `/api/v1/peer-pairs`.

use super::{commands, Comparison, LearnFrom, Pair, Practice};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, id_param};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cities/{id}/learn-from", web::get().to(learn_from))
        .route("/cities/{id}/comparison", web::get().to(comparison))
        .route("/good-practices", web::get().to(good_practices))
        .route("/peer-pairs", web::get().to(peer_pairs));
}

/// For each commitment the city leaves uncovered or rates low (its own latest self-assessment
/// or the verified rating), up to three cities to learn from, ranked by an explained score.
#[utoipa::path(get, path = "/api/v1/cities/{id}/learn-from", tag = "learning", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = LearnFrom), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn learn_from(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let now = state.clock.now().naive_utc();
    let out = db(&state.pool, move |c| commands::learn_from(c, &caller, id, now)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The city's coverage and progress per role beside cities of its size, of its share of
/// residents born abroad, and the network; group averages over fewer cities than
/// `reports.suppression_threshold` are withheld (null).
#[utoipa::path(get, path = "/api/v1/cities/{id}/comparison", tag = "learning", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Comparison>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn comparison(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let threshold = i64::from(state.settings.reports.suppression_threshold);
    let out = db(&state.pool, move |c| commands::compare(c, &caller, id, threshold)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The good-practice library: every action marked as good practice in the latest published
/// version of a report, as published, newest first. No token needed.
#[utoipa::path(get, path = "/api/v1/good-practices", tag = "learning", security((), ("bearer" = [])),
    responses((status = 200, body = Vec<Practice>)))]
pub async fn good_practices(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let out = db(&state.pool, commands::practices).await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PairQuery {
    /// Framework code (default eurocities-integrating-cities).
    #[param(max_length = 100)]
    pub framework: Option<String>,
}

/// Proposed peer-review pairs (secretariat only): each city strong where the other is weak.
#[utoipa::path(get, path = "/api/v1/peer-pairs", tag = "learning", security(("bearer" = [])),
    params(PairQuery),
    responses((status = 200, body = Vec<Pair>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn peer_pairs(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PairQuery>,
) -> ApiResult<HttpResponse> {
    let fw = q.into_inner().framework.unwrap_or_else(|| "eurocities-integrating-cities".into());
    let out = db(&state.pool, move |c| commands::pairing(c, &caller, &fw)).await?;
    Ok(HttpResponse::Ok().json(out))
}
