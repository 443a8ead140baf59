//! `/api/v1/plans/{id}/actions` and `/api/v1/actions/{id}`.

use super::store::{self, ActionFields, Filter};
use super::{Action, ActionInput, ActionStatus, Delivery, PolicyArea};
use crate::auth::Caller;
use crate::charter;
use crate::db::DbConnection;
use crate::error::{ApiResult, FieldError, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use crate::plans::store::Stored;
use crate::startup::AppState;
use crate::validation::{self, Errors};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/plans/{id}/actions", web::get().to(list_actions))
        .route("/plans/{id}/actions", web::post().to(create_action))
        .route("/actions/{id}", web::get().to(get_action))
        .route("/actions/{id}", web::patch().to(update_action))
        .route("/actions/{id}", web::delete().to(delete_action));
}

/// Resolves a commitment code against the plan's framework, explaining near misses.
fn resolve_commitment(conn: &mut DbConnection, plan: &Stored, code: &str) -> QueryResult<Result<i64, FieldError>> {
    let code = code.trim();
    let matches = charter::store::commitment_by_code(conn, code)?;
    if let Some((c, _)) = matches.iter().find(|(c, _)| c.framework_id == plan.framework_id) {
        if c.retired {
            return Ok(Err(FieldError::new("commitment", format!("`{code}` has been retired from {}", plan.plan.framework))
                .accepting(active_codes(conn, plan.framework_id)?)));
        }
        return Ok(Ok(c.id));
    }
    let reason = match matches.first() {
        Some((_, fw)) => format!(
            "`{code}` belongs to framework {}, not to this plan's framework {}",
            fw.code, plan.plan.framework
        ),
        None => format!("`{code}` is not a commitment code"),
    };
    Ok(Err(FieldError::new("commitment", reason).accepting(active_codes(conn, plan.framework_id)?)))
}

use diesel::QueryResult;

fn active_codes(conn: &mut DbConnection, framework_id: i64) -> QueryResult<String> {
    Ok(charter::store::structure(conn, framework_id)?
        .into_iter()
        .flat_map(|(_, cs)| cs.into_iter().filter(|c| !c.retired).map(|c| c.code))
        .collect::<Vec<_>>()
        .join(", "))
}

/// Merges `input` over `base` (None when creating) and validates every field.
fn parse(conn: &mut DbConnection, plan: &Stored, input: &ActionInput, base: Option<(&Action, i64)>) -> ApiResult<ActionFields> {
    let mut e = Errors::default();
    let current = base.map(|(a, _)| a);
    let commitment_id = match (&input.commitment, base) {
        (Some(code), _) => e.take(resolve_commitment(conn, plan, code)?),
        (None, Some((_, id))) => Some(id),
        (None, None) => e.take(Err(FieldError::new("commitment", "is required").accepting(active_codes(conn, plan.framework_id)?))),
    };
    let title = match (&input.title, current) {
        (Some(t), _) => e.take(validation::required_text("title", t, 300)),
        (None, Some(a)) => Some(a.title.clone()),
        (None, None) => e.take(Err(FieldError::new("title", "is required").accepting("1 to 300 characters"))),
    };
    let text = |e: &mut Errors, field: &str, v: &Option<String>, old: Option<&String>, max: usize| match v {
        Some(s) => e.take(validation::optional_text(field, s, max)),
        None => Some(old.cloned().unwrap_or_default()),
    };
    let description = text(&mut e, "description", &input.description, current.map(|a| &a.description), 10_000);
    let department = text(&mut e, "department", &input.department, current.map(|a| &a.department), 200);
    let partners = match &input.partners {
        Some(list) => {
            let mut out = vec![];
            for (i, p) in list.iter().enumerate() {
                if let Some(p) = e.take(validation::required_text(&format!("partners[{i}]"), p, 200)) {
                    out.push(p);
                }
            }
            out
        }
        None => current.map(|a| a.partners.clone()).unwrap_or_default(),
    };
    let delivery = match &input.delivery {
        Some(d) => e.take(Delivery::parse_field("delivery", d.trim())),
        None => Some(current.map(|a| a.delivery).unwrap_or(Delivery::Direct)),
    };
    let policy_areas = match &input.policy_areas {
        Some(list) => {
            let mut out: Vec<PolicyArea> = vec![];
            for (i, p) in list.iter().enumerate() {
                if let Some(p) = e.take(PolicyArea::parse_field(&format!("policy_areas[{i}]"), p.trim())) {
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
            }
            out
        }
        None => current.map(|a| a.policy_areas.clone()).unwrap_or_default(),
    };
    let date = |e: &mut Errors, field: &str, v: &Option<Option<String>>, old: Option<chrono::NaiveDate>| match v {
        Some(Some(s)) => e.take(validation::optional_date(field, Some(s))),
        Some(None) => Some(None),
        None => Some(old),
    };
    let start_date = date(&mut e, "start_date", &input.start_date, current.and_then(|a| a.start_date));
    let due_date = date(&mut e, "due_date", &input.due_date, current.and_then(|a| a.due_date));
    let status = match &input.status {
        Some(s) => e.take(ActionStatus::parse_field("status", s.trim())),
        None => Some(current.map(|a| a.status).unwrap_or(ActionStatus::Planned)),
    };
    let progress = match input.progress {
        Some(p) if (0..=100).contains(&p) => Some(p as i32),
        Some(p) => e.take(Err(FieldError::new("progress", format!("is {p}")).accepting("a whole number from 0 to 100"))),
        None => Some(current.map(|a| a.progress).unwrap_or(0)),
    };
    if let (Some(Some(s)), Some(Some(d))) = (start_date, due_date) {
        if d < s {
            e.push(FieldError::new("due_date", format!("{d} is before start_date {s}")).accepting("a date on or after start_date"));
        }
    }
    e.finish()?;
    Ok(ActionFields {
        commitment_id: commitment_id.unwrap(),
        title: title.unwrap(),
        description: description.unwrap(),
        department: department.unwrap(),
        partners,
        delivery: delivery.unwrap(),
        policy_areas,
        start_date: start_date.unwrap(),
        due_date: due_date.unwrap(),
        status: status.unwrap(),
        progress: progress.unwrap(),
    })
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
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// A plan's actions, filtered by role, commitment or status.
#[utoipa::path(get, path = "/api/v1/plans/{id}/actions", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path), ActionQuery),
    responses((status = 200, body = Page<Action>), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list_actions(state: web::Data<AppState>, caller: Caller, id: web::Path<String>, q: web::Query<ActionQuery>) -> ApiResult<HttpResponse> {
    let plan_id = id_param(&id)?;
    let q = q.into_inner();
    let page = PageQuery { page: q.page, per_page: q.per_page };
    let (limit, offset) = page.limits()?;
    let (items, total) = db(&state.pool, move |c| {
        let plan = crate::plans::store::require(c, plan_id)?;
        caller.can_read_city(plan.plan.city_id)?;
        let mut e = Errors::default();
        let status = match &q.status {
            Some(s) => e.take(ActionStatus::parse_field("status", s.trim())),
            None => None,
        };
        // The charter's structure is needed only to explain a bad role or commitment filter.
        let structure = if q.role.is_some() || q.commitment.is_some() { charter::store::structure(c, plan.framework_id)? } else { vec![] };
        if let Some(r) = &q.role {
            if !structure.iter().any(|(role, _)| role.code == *r) {
                let codes: Vec<&str> = structure.iter().map(|(role, _)| role.code.as_str()).collect();
                e.push(FieldError::new("role", format!("`{r}` is not a role of {}", plan.plan.framework)).accepting(codes.join(", ")));
            }
        }
        if let Some(code) = &q.commitment {
            if !structure.iter().any(|(_, cs)| cs.iter().any(|c| c.code == *code)) {
                e.push(FieldError::new("commitment", format!("`{code}` is not a commitment of {}", plan.plan.framework)).accepting(active_codes(c, plan.framework_id)?));
            }
        }
        e.finish()?;
        let filter = Filter { role: q.role.clone(), commitment: q.commitment.clone(), status };
        Ok(store::list(c, plan_id, &filter, limit, offset)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, &page, total)))
}

/// Adds an action to a plan.
#[utoipa::path(post, path = "/api/v1/plans/{id}/actions", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ActionInput,
    responses((status = 201, body = Action), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_action(state: web::Data<AppState>, caller: Caller, id: web::Path<String>, body: Json<ActionInput>) -> ApiResult<HttpResponse> {
    let plan_id = id_param(&id)?;
    let action = db(&state.pool, move |c| {
        let plan = crate::plans::store::require(c, plan_id)?;
        caller.can_edit_city(plan.plan.city_id)?;
        let fields = parse(c, &plan, &body.0, None)?;
        store::create(c, plan_id, plan.plan.city_id, fields, &caller.actor())
    })
    .await?;
    Ok(versioned(StatusCode::CREATED, &action, action.version))
}

/// One action.
#[utoipa::path(get, path = "/api/v1/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Action), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_action(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let action = db(&state.pool, move |c| {
        let a = store::require(c, id)?;
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
pub async fn update_action(req: HttpRequest, state: web::Data<AppState>, caller: Caller, id: web::Path<String>, body: Json<ActionInput>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let action = db(&state.pool, move |c| {
        let before = store::require(c, id)?;
        caller.can_edit_city(before.city_id)?;
        let expected = expected?;
        let plan = crate::plans::store::require(c, before.plan_id)?;
        let commitment_id = current_commitment_id(c, &plan, &before)?;
        let fields = parse(c, &plan, &body.0, Some((&before, commitment_id)))?;
        store::update(c, &before, expected, fields, &caller.actor())
    })
    .await?;
    Ok(versioned(StatusCode::OK, &action, action.version))
}

fn current_commitment_id(c: &mut DbConnection, plan: &Stored, a: &Action) -> ApiResult<i64> {
    Ok(charter::store::commitment_by_code(c, &a.commitment)?
        .into_iter()
        .find(|(cm, _)| cm.framework_id == plan.framework_id)
        .map(|(cm, _)| cm.id)
        .ok_or_else(|| anyhow::anyhow!("action {} points at a missing commitment", a.id))?)
}

/// Deletes an action. With If-Match, only if it is still at that version.
#[utoipa::path(delete, path = "/api/v1/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn delete_action(req: HttpRequest, state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let expected = match req.headers().get(header::IF_MATCH) {
        Some(_) => Some(expected_version(&req, None)?),
        None => None,
    };
    db(&state.pool, move |c| {
        let before = store::require(c, id)?;
        caller.can_edit_city(before.city_id)?;
        store::delete(c, &before, expected, &caller.actor())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

