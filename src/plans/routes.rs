//! `/api/v1/cities/{id}/plans` and `/api/v1/plans/{id}`.

use super::store;
use super::{commands, coverage};
use super::{NewPlanInput, Plan, PlanPatchInput};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use crate::ids::{FrameworkId, PlanId};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cities/{id}/plans", web::get().to(list_plans))
        .route("/cities/{id}/plans", web::post().to(create_plan))
        .route("/plans/{id}", web::get().to(get_plan))
        .route("/plans/{id}", web::patch().to(update_plan))
        .route("/plans/{id}/coverage", web::get().to(plan_coverage));
}

/// A city's action plans, newest period first.
#[utoipa::path(get, path = "/api/v1/cities/{id}/plans", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<Plan>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_plans(
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

/// Creates an action plan for a city under a framework.
#[utoipa::path(post, path = "/api/v1/cities/{id}/plans", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = NewPlanInput,
    responses((status = 201, body = Plan), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<NewPlanInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let city_id = id_param(&id)?;
    let today = state.clock.now().date_naive();
    let plan = db(&state.pool, move |c| commands::create(c, &caller, city_id, &body.0, today, now)).await?;
    Ok(versioned(StatusCode::CREATED, &plan, plan.version))
}

/// One action plan.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Plan), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_plan(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let plan = db(&state.pool, move |c| {
        let plan = store::require(c, id)?.plan;
        caller.can_read_city(plan.city_id)?;
        Ok(plan)
    })
    .await?;
    Ok(versioned(StatusCode::OK, &plan, plan.version))
}

/// Changes a plan; send the version you read.
#[utoipa::path(patch, path = "/api/v1/plans/{id}", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = PlanPatchInput,
    responses((status = 200, body = Plan), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn update_plan(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<PlanPatchInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let today = state.clock.now().date_naive();
    let plan = db(&state.pool, move |c| commands::update(c, &caller, id, expected, &body.0, today, now)).await?;
    Ok(versioned(StatusCode::OK, &plan, plan.version))
}

/// Per role and commitment: actions by status, and the commitments no action covers.
#[utoipa::path(get, path = "/api/v1/plans/{id}/coverage", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = coverage::Coverage), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn plan_coverage(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let plan_id = id_param(&id)?;
    let coverage = db(&state.pool, move |c| {
        let plan = store::require(c, plan_id)?;
        caller.can_read_city(plan.plan.city_id)?;
        Ok(coverage::compute(c, PlanId(plan_id), FrameworkId(plan.framework_id), &plan.plan.framework)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(coverage))
}
