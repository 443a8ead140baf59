//! `/api/v1/cities/{id}/plans` and `/api/v1/plans/{id}`.

use super::store::{self, PlanFields};
use super::{NewPlanInput, Plan, PlanPatchInput, PlanStatus};
use crate::auth::Caller;
use crate::charter;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use crate::startup::AppState;
use crate::validation::{self, Errors};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cities/{id}/plans", web::get().to(list_plans))
        .route("/cities/{id}/plans", web::post().to(create_plan))
        .route("/plans/{id}", web::get().to(get_plan))
        .route("/plans/{id}", web::patch().to(update_plan))
        .route("/plans/{id}/coverage", web::get().to(super::coverage::plan_coverage));
}

/// Raw plan values after merging a request over the current plan.
struct Raw<'a> {
    title: &'a str,
    period_start: &'a str,
    period_end: &'a str,
    status: &'a str,
    adopted_on: Option<&'a str>,
    document_url: Option<&'a str>,
}

fn parse(raw: Raw, today: NaiveDate) -> ApiResult<PlanFields> {
    let mut e = Errors::default();
    let title = e.take(validation::required_text("title", raw.title, 300));
    let start = e.take(validation::date("period_start", raw.period_start));
    let end = e.take(validation::date("period_end", raw.period_end));
    let status = e.take(PlanStatus::parse_field("status", raw.status.trim()));
    let adopted_on = e.take(validation::optional_date("adopted_on", raw.adopted_on));
    let document_url = match raw.document_url.map(str::trim).filter(|s| !s.is_empty()) {
        Some(u) => e.take(validation::web_link("document_url", u)).map(Some),
        None => Some(None),
    };
    if let (Some(s), Some(en)) = (start, end) {
        if en < s {
            e.push(FieldError::new("period_end", format!("{en} is before period_start {s}")).accepting("a date on or after period_start"));
        }
    }
    e.finish()?;
    let status = status.unwrap();
    // An adopted plan has an adoption date; when none is given it was adopted today.
    let adopted_on = match (status, adopted_on.flatten()) {
        (PlanStatus::Adopted, None) => Some(today),
        (_, d) => d,
    };
    Ok(PlanFields { title: title.unwrap(), period_start: start.unwrap(), period_end: end.unwrap(), status, adopted_on, document_url: document_url.flatten() })
}

/// A city's action plans, newest period first.
#[utoipa::path(get, path = "/api/v1/cities/{id}/plans", tag = "plans", security(("bearer" = [])),
    params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = Page<Plan>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_plans(state: web::Data<AppState>, caller: Caller, id: web::Path<String>, q: web::Query<PageQuery>) -> ApiResult<HttpResponse> {
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
pub async fn create_plan(state: web::Data<AppState>, caller: Caller, id: web::Path<String>, body: Json<NewPlanInput>) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_edit_city(city_id)?;
    let input = body.0;
    let plan = db(&state.pool, move |c| {
        crate::cities::store::require(c, city_id)?;
        let fw = charter::store::by_code(c, input.framework.trim())?;
        let fields = parse(
            Raw {
                title: &input.title,
                period_start: &input.period_start,
                period_end: &input.period_end,
                status: input.status.as_deref().unwrap_or("draft"),
                adopted_on: input.adopted_on.as_deref(),
                document_url: input.document_url.as_deref(),
            },
            chrono::Utc::now().date_naive(),
        );
        // Report a bad framework together with any other field errors, not one at a time.
        let (fw, fields) = match (fw, fields) {
            (Some(fw), Ok(fields)) => (fw, fields),
            (fw, fields) => {
                let mut errors = match fields {
                    Err(ApiError::Validation(v)) => v,
                    Err(other) => return Err(other),
                    Ok(_) => vec![],
                };
                if fw.is_none() {
                    let known: Vec<String> = charter::store::list(c)?.into_iter().map(|f| f.code).collect();
                    errors.insert(0, FieldError::new("framework", format!("`{}` is not a known framework", input.framework)).accepting(known.join(", ")));
                }
                return Err(ApiError::Validation(errors));
            }
        };
        store::create(c, city_id, &fw, fields, &caller.actor())
    })
    .await?;
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
pub async fn update_plan(req: HttpRequest, state: web::Data<AppState>, caller: Caller, id: web::Path<String>, body: Json<PlanPatchInput>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let input = body.0;
    let expected = expected_version(&req, input.version);
    let plan = db(&state.pool, move |c| {
        let before = store::require(c, id)?.plan;
        caller.can_edit_city(before.city_id)?;
        let expected = expected?;
        if let Some(fw) = &input.framework {
            if fw.trim() != before.framework {
                return Err(ApiError::field("framework", "cannot be changed: the plan's actions point at this framework's commitments; create a new plan instead"));
            }
        }
        let start = before.period_start.to_string();
        let end = before.period_end.to_string();
        let adopted = before.adopted_on.map(|d| d.to_string());
        let fields = parse(
            Raw {
                title: input.title.as_deref().unwrap_or(&before.title),
                period_start: input.period_start.as_deref().unwrap_or(&start),
                period_end: input.period_end.as_deref().unwrap_or(&end),
                status: input.status.as_deref().unwrap_or(before.status.as_str()),
                adopted_on: match &input.adopted_on { Some(v) => v.as_deref(), None => adopted.as_deref() },
                document_url: match &input.document_url { Some(v) => v.as_deref(), None => before.document_url.as_deref() },
            },
            chrono::Utc::now().date_naive(),
        )?;
        store::update(c, &before, expected, fields, &caller.actor())
    })
    .await?;
    Ok(versioned(StatusCode::OK, &plan, plan.version))
}
