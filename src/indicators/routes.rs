//! Indicator definitions (`/frameworks/{code}/indicators`) and cities' values
//! (`/cities/{id}/indicator-values`, `/indicator-values/{id}`).

use super::commands::{self, framework};
use super::store;
use super::{Indicator, IndicatorValue, IndicatorValuePatchInput, NewIndicatorInput, NewIndicatorValueInput};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/frameworks/{code}/indicators", web::get().to(list_indicators))
        .route("/frameworks/{code}/indicators", web::post().to(add_indicator))
        .route("/cities/{id}/indicator-values", web::get().to(list_values))
        .route("/cities/{id}/indicator-values", web::post().to(create_value))
        .route("/indicator-values/{id}", web::get().to(get_value))
        .route("/indicator-values/{id}", web::patch().to(update_value))
        .route("/indicator-values/{id}", web::delete().to(delete_value));
}

/// A framework's common indicators, in order (public, like the framework itself).
#[utoipa::path(get, path = "/api/v1/frameworks/{code}/indicators", tag = "indicators",
    params(("code" = String, Path, description = "e.g. eurocities-integrating-cities")),
    responses((status = 200, body = Vec<Indicator>), (status = 404, body = Problem)))]
pub async fn list_indicators(state: web::Data<AppState>, code: web::Path<String>) -> ApiResult<HttpResponse> {
    let code = code.into_inner();
    let list = db(&state.pool, move |c| {
        let fw = framework(c, &code)?;
        Ok(store::definitions(c, &[fw.id])?.into_iter().map(|d| d.indicator).collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Adds an indicator to a framework (secretariat). It is kept across restarts and reloads.
#[utoipa::path(post, path = "/api/v1/frameworks/{code}/indicators", tag = "indicators", security(("bearer" = [])),
    params(("code" = String, Path)), request_body = NewIndicatorInput,
    responses((status = 201, body = Indicator), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_indicator(
    state: web::Data<AppState>,
    caller: Caller,
    code: web::Path<String>,
    body: Json<NewIndicatorInput>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let now = state.clock.now();
    let added = db(&state.pool, move |c| commands::add_indicator(c, &caller, &code, &body.0, now)).await?;
    Ok(HttpResponse::Created().json(added))
}

/// A city's indicator values, newest period first.
#[utoipa::path(get, path = "/api/v1/cities/{id}/indicator-values", tag = "indicators", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<IndicatorValue>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_values(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_read_city(city_id)?;
    let (limit, offset) = q.limits()?;
    let (items, total) = db(&state.pool, move |c| {
        crate::cities::store::require(c, city_id)?;
        Ok(store::list_for_city(c, city_id, limit, offset)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, &q, total)))
}

/// Records a city's value of an indicator for a period, with optional baseline and target.
#[utoipa::path(post, path = "/api/v1/cities/{id}/indicator-values", tag = "indicators", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewIndicatorValueInput,
    responses((status = 201, body = IndicatorValue), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_value(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<NewIndicatorValueInput>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_edit_city(city_id)?;
    let now = state.clock.now();
    let v = db(&state.pool, move |c| commands::create_value(c, &caller, city_id, &body.0, now)).await?;
    Ok(versioned(StatusCode::CREATED, &v, v.version))
}

/// One indicator value.
#[utoipa::path(get, path = "/api/v1/indicator-values/{id}", tag = "indicators", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = IndicatorValue), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_value(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let v = db(&state.pool, move |c| {
        let v = store::require(c, id)?;
        caller.can_read_city(v.city_id)?;
        Ok(v)
    })
    .await?;
    Ok(versioned(StatusCode::OK, &v, v.version))
}

/// Changes a value's figures; send the version you read (`version` or If-Match).
#[utoipa::path(patch, path = "/api/v1/indicator-values/{id}", tag = "indicators", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = IndicatorValuePatchInput,
    responses((status = 200, body = IndicatorValue), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn update_value(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<IndicatorValuePatchInput>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let now = state.clock.now();
    let v = db(&state.pool, move |c| commands::update_value(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &v, v.version))
}

/// Deletes a value. With If-Match, only if it is still at that version.
#[utoipa::path(delete, path = "/api/v1/indicator-values/{id}", tag = "indicators", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn delete_value(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let expected = match req.headers().get(header::IF_MATCH) {
        Some(_) => Some(expected_version(&req, None)?),
        None => None,
    };
    let now = state.clock.now();
    db(&state.pool, move |c| commands::delete_value(c, &caller, id, expected, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
