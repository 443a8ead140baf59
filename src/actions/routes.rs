//! `/api/v1/plans/{id}/actions` and `/api/v1/actions/{id}`.

use super::commands::{self, active_codes};
use super::store::{self, Filter};
use super::{Action, ActionInput, ActionStatus};
use crate::app::AppState;
use crate::auth::Caller;
use crate::charter;
use crate::error::{ApiResult, FieldError, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use crate::validation::Errors;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/plans/{id}/actions", web::get().to(list_actions))
        .route("/plans/{id}/actions", web::post().to(create_action))
        .route("/actions", web::get().to(search_actions))
        .route("/actions/{id}", web::get().to(get_action))
        .route("/actions/{id}", web::patch().to(update_action))
        .route("/actions/{id}", web::delete().to(delete_action));
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionQuery {
    /// Role code, e.g. SP.
    pub role: Option<String>,
    /// Commitment code, e.g. SP1.
    pub commitment: Option<String>,
    /// planned, in_progress, completed, delayed or cancelled.
    pub status: Option<String>,
    /// `true`: only stale actions (open and not updated for `actions.stale_after_days`);
    /// `false`: only the others.
    #[param(pattern = "^(true|false)$")]
    pub stale: Option<String>,
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// Search across the network's actions: words, filters, facets with counts, sorting and pages.
/// Without a token: actions of cities whose page is public. With one: also what the caller may
/// read (a city editor their own city; the secretariat and observers every city).
#[utoipa::path(get, path = "/api/v1/actions", tag = "actions", security((), ("bearer" = [])),
    params(super::search::SearchParams),
    responses((status = 200, body = super::search::Results), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn search_actions(
    state: web::Data<AppState>,
    caller: crate::auth::MaybeCaller,
    q: web::Query<super::search::SearchParams>,
) -> ApiResult<HttpResponse> {
    let search = q.parse()?;
    let scope = super::search::Scope::of(caller.0.as_ref());
    let staleness = state.settings.staleness(state.clock.now());
    let st = state.clone();
    let results =
        db(&state.pool, move |c| Ok(super::search::search_cached(&st.searches, c, &search, scope, staleness)?)).await?;
    Ok(HttpResponse::Ok().json(&*results))
}

/// A plan's actions, filtered by role, commitment or status.
#[utoipa::path(get, path = "/api/v1/plans/{id}/actions", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path), ActionQuery),
    responses((status = 200, body = Page<Action>), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_actions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ActionQuery>,
) -> ApiResult<HttpResponse> {
    let plan_id = id_param(&id)?;
    let q = q.into_inner();
    let page = PageQuery { page: q.page, per_page: q.per_page };
    let (limit, offset) = page.limits()?;
    let staleness = state.settings.staleness(state.clock.now());
    let (items, total) = db(&state.pool, move |c| {
        let plan = crate::plans::store::require(c, plan_id)?;
        caller.can_read_city(plan.plan.city_id)?;
        let mut e = Errors::default();
        let status = match &q.status {
            Some(s) => e.take(ActionStatus::parse_field("status", s.trim())),
            None => None,
        };
        let stale = match q.stale.as_deref().map(str::trim) {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(other) => {
                e.push(FieldError::new("stale", format!("`{other}` is not true or false")).accepting("true, false"));
                None
            }
        };
        // The charter's structure is needed only to explain a bad role or commitment filter.
        let structure = if q.role.is_some() || q.commitment.is_some() {
            charter::store::structure(c, plan.framework_id)?
        } else {
            vec![]
        };
        if let Some(r) = &q.role {
            if !structure.iter().any(|(role, _)| role.code == *r) {
                let codes: Vec<&str> = structure.iter().map(|(role, _)| role.code.as_str()).collect();
                e.push(
                    FieldError::new("role", format!("`{r}` is not a role of {}", plan.plan.framework))
                        .accepting(codes.join(", ")),
                );
            }
        }
        if let Some(code) = &q.commitment {
            if !structure.iter().any(|(_, cs)| cs.iter().any(|c| c.code == *code)) {
                e.push(
                    FieldError::new("commitment", format!("`{code}` is not a commitment of {}", plan.plan.framework))
                        .accepting(active_codes(c, plan.framework_id)?),
                );
            }
        }
        e.finish()?;
        let filter = Filter { role: q.role.clone(), commitment: q.commitment.clone(), status, stale };
        Ok(store::list(c, plan_id, &filter, staleness, limit, offset)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, &page, total)))
}

/// Adds an action to a plan.
#[utoipa::path(post, path = "/api/v1/plans/{id}/actions", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ActionInput,
    responses((status = 201, body = Action), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_action(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ActionInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let plan_id = id_param(&id)?;
    let action = db(&state.pool, move |c| commands::create(c, &caller, plan_id, &body.0, now)).await?;
    Ok(versioned(StatusCode::CREATED, &action, action.version))
}

/// One action.
#[utoipa::path(get, path = "/api/v1/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Action), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_action(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let staleness = state.settings.staleness(state.clock.now());
    let action = db(&state.pool, move |c| {
        let a = store::require(c, id, staleness)?;
        caller.can_read_city(a.city_id)?;
        Ok(a)
    })
    .await?;
    Ok(versioned(StatusCode::OK, &action, action.version))
}

/// Changes an action; send the version you read (`version` or If-Match). A stale version gets 409.
#[utoipa::path(patch, path = "/api/v1/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ActionInput,
    responses((status = 200, body = Action), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn update_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ActionInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let action = db(&state.pool, move |c| commands::update(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &action, action.version))
}

/// Deletes an action. With If-Match, only if it is still at that version.
#[utoipa::path(delete, path = "/api/v1/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn delete_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = match req.headers().get(header::IF_MATCH) {
        Some(_) => Some(expected_version(&req, None)?),
        None => None,
    };
    db(&state.pool, move |c| commands::delete(c, &caller, id, expected, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
