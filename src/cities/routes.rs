//! `/api/v1/cities`: list, create, read, update.

use super::{commands, store};
use super::{City, CityPatchInput, NewCityInput};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cities", web::get().to(list_cities))
        .route("/cities", web::post().to(create_city))
        .route("/cities/{id}", web::get().to(get_city))
        .route("/cities/{id}", web::patch().to(update_city))
        .route("/cities/{id}/context", web::get().to(get_context))
        .route("/cities/{id}/context", web::put().to(put_context));
}

/// Signatory cities by name. A city editor sees only their own city.
#[utoipa::path(get, path = "/api/v1/cities", tag = "cities", security(("bearer" = [])),
    params(PageQuery), responses((status = 200, body = Page<City>), (status = 401, body = Problem)))]
pub async fn list_cities(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = q.limits()?;
    let (items, total) = db(&state.pool, move |c| commands::list(c, &caller, None, limit, offset)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, &q, total)))
}

/// Registers a signatory city (secretariat only).
#[utoipa::path(post, path = "/api/v1/cities", tag = "cities", security(("bearer" = [])),
    request_body = NewCityInput,
    responses((status = 201, body = City), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_city(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<NewCityInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    caller.require_secretariat()?;
    let city = db(&state.pool, move |c| commands::create(c, &caller, &body.0, now)).await?;
    Ok(versioned(StatusCode::CREATED, &city, city.version))
}

/// One city with the frameworks it signed.
#[utoipa::path(get, path = "/api/v1/cities/{id}", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = City), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_city(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    caller.can_read_city(id)?;
    let city = db(&state.pool, move |c| store::require(c, id)).await?;
    Ok(versioned(StatusCode::OK, &city, city.version))
}

/// Changes a city; send the version you read (`version` or If-Match).
#[utoipa::path(patch, path = "/api/v1/cities/{id}", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = CityPatchInput,
    responses((status = 200, body = City), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn update_city(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CityPatchInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    caller.can_edit_city(id)?;
    let expected = expected_version(&req, body.0.version)?;
    let city = db(&state.pool, move |c| commands::update(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &city, city.version))
}

/// A city's context: population and share of residents born abroad, with the bands derived
/// from them. Anyone may read a public city's; otherwise those who may read the city.
#[utoipa::path(get, path = "/api/v1/cities/{id}/context", tag = "cities", security((), ("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = super::context::Context), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_context(
    state: web::Data<AppState>,
    caller: crate::auth::MaybeCaller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let ctx = db(&state.pool, move |c| commands::context(c, caller.0.as_ref(), id)).await?;
    Ok(versioned(StatusCode::OK, &ctx, ctx.version))
}

/// Records a city's context (the secretariat or the city's editor); send the version you read
/// (0 when none was recorded), in `version` or If-Match.
#[utoipa::path(put, path = "/api/v1/cities/{id}/context", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = super::context::ContextInput,
    responses((status = 200, body = super::context::Context), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn put_context(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<super::context::ContextInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    caller.can_edit_city(id)?;
    let expected = expected_version(&req, body.0.version)?;
    let ctx = db(&state.pool, move |c| commands::set_context(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &ctx, ctx.version))
}
