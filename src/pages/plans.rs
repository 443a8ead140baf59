//! Starting an action plan and changing its details.

use super::web::{self, db, form_errors, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::error::{ApiError, FieldError};
use crate::plans::{commands, NewPlanInput, PlanPatchInput, PlanStatus};
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}/plans/new", aweb::get().to(new_form))
        .route("/cities/{id}/plans/new", aweb::post().to(create))
        .route("/plans/{id}/edit", aweb::get().to(edit_form))
        .route("/plans/{id}/edit", aweb::post().to(update));
}

const LABELS: &[(&str, &str)] = &[
    ("framework", "Framework"),
    ("title", "Title"),
    ("period_start", "Start of the period"),
    ("period_end", "End of the period"),
    ("status", "Status"),
    ("adopted_on", "Adoption date"),
    ("document_url", "Link to the plan document"),
];

#[derive(Default)]
struct Values {
    framework: String,
    title: String,
    period_start: String,
    period_end: String,
    status: String,
    adopted_on: String,
    document_url: String,
    version: i32,
}

impl Values {
    fn typed(f: &Form) -> Values {
        Values {
            framework: f.get("framework").into(),
            title: f.get("title").into(),
            period_start: f.get("period_start").into(),
            period_end: f.get("period_end").into(),
            status: f.get("status").into(),
            adopted_on: f.get("adopted_on").into(),
            document_url: f.get("document_url").into(),
            version: f.get("version").parse().unwrap_or(0),
        }
    }
}

fn view(
    c: &mut crate::db::DbConnection,
    v: &Values,
    errors: &[FieldError],
    mode: &str,
    city: (i64, String),
    action_url: String,
) -> Result<Value, ApiError> {
    let frameworks: Vec<Value> = crate::charter::store::list(c)?
        .into_iter()
        .map(|f| json!({"value": f.code, "label": f.title, "selected": f.code == v.framework}))
        .collect();
    let choice = |value: &str, label: &str, hint: &str| json!({"value": value, "label": label, "hint": hint, "checked": v.status == value});
    Ok(json!({
        "mode": mode, "action_url": action_url, "city": {"id": city.0, "name": city.1},
        "frameworks": frameworks,
        "status_options": [
            choice(PlanStatus::Draft.as_str(), "Draft", "Still being prepared: it gets no check-ins yet."),
            choice(PlanStatus::Adopted.as_str(), "Adopted", "Adopted by the city: its progress is asked for in every check-in round."),
        ],
        "form": {"title": v.title, "period_start": v.period_start, "period_end": v.period_end, "adopted_on": v.adopted_on,
                 "document_url": v.document_url, "version": v.version},
        "errors": form_errors(errors, LABELS),
    }))
}

fn chosen_status(v: &Values, errors: &mut Vec<FieldError>) -> Option<String> {
    if v.status.trim().is_empty() {
        errors.push(FieldError::new("status", "is not chosen").accepting("draft or adopted"));
        None
    } else {
        Some(v.status.clone())
    }
}

async fn new_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let data = db(&req, move |c| {
        caller.can_edit_city(city_id)?;
        let city = crate::cities::store::require(c, city_id)?;
        let framework = city
            .signatures
            .first()
            .map(|s| s.framework.clone())
            .unwrap_or_else(|| "eurocities-integrating-cities".into());
        let v = Values { framework, status: "draft".into(), ..Default::default() };
        view(c, &v, &[], "new", (city.id, city.name), format!("/cities/{city_id}/plans/new"))
    })
    .await?;
    page(&req, "plan_form", "Start an action plan", data)
}

async fn create(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let now = web::now(&req);
    let city_id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let today = web::today(&web::state(&req));
    let v = Values::typed(&form);
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let status = chosen_status(&v, &mut errors);
    let outcome = db(&req, move |c| {
        caller.can_edit_city(city_id)?;
        let city = crate::cities::store::require(c, city_id)?;
        let input = NewPlanInput {
            framework: v.framework.clone(),
            title: v.title.clone(),
            period_start: v.period_start.clone(),
            period_end: v.period_end.clone(),
            status: status.clone().or(Some("draft".into())),
            adopted_on: Some(v.adopted_on.clone()).filter(|s| !s.trim().is_empty()),
            document_url: Some(v.document_url.clone()).filter(|s| !s.trim().is_empty()),
        };
        let result = if errors.is_empty() {
            commands::create(c, &caller, city_id, &input, today, now)
        } else {
            Err(ApiError::Validation(crate::db::dry_run(c, |c| {
                commands::create(c, &caller, city_id, &input, today, now)
            })?))
        };
        match result {
            Ok(p) => Ok(Ok(p)),
            Err(ApiError::Validation(more)) => {
                errors.extend(more);
                Ok(Err(view(c, &v, &errors, "new", (city.id, city.name), format!("/cities/{city_id}/plans/new"))?))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(p) => Ok(redirect_with_notice(
            &format!("/cities/{}", p.city_id),
            &format!("Plan “{}” created. Add its actions below.", p.title),
        )),
        Err(data) => render(&req, StatusCode::UNPROCESSABLE_ENTITY, "plan_form", "Start an action plan", data),
    }
}

async fn edit_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let plan_id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let data = db(&req, move |c| {
        let p = crate::plans::store::require(c, plan_id)?.plan;
        caller.can_edit_city(p.city_id)?;
        let city = crate::cities::store::require(c, p.city_id)?;
        let v = Values {
            framework: p.framework.clone(),
            title: p.title.clone(),
            period_start: p.period_start.to_string(),
            period_end: p.period_end.to_string(),
            status: p.status.as_str().into(),
            adopted_on: p.adopted_on.map(|d| d.to_string()).unwrap_or_default(),
            document_url: p.document_url.clone().unwrap_or_default(),
            version: p.version,
        };
        view(c, &v, &[], "edit", (city.id, city.name), format!("/plans/{plan_id}/edit"))
    })
    .await?;
    page(&req, "plan_form", "Change the plan's details", data)
}

async fn update(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let now = web::now(&req);
    let plan_id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let today = web::today(&web::state(&req));
    let mut v = Values::typed(&form);
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let status = chosen_status(&v, &mut errors);
    let outcome = db(&req, move |c| {
        let before = crate::plans::store::require(c, plan_id)?.plan;
        caller.can_edit_city(before.city_id)?;
        let city = crate::cities::store::require(c, before.city_id)?;
        v.framework = before.framework.clone();
        let input = PlanPatchInput {
            version: Some(v.version),
            framework: None,
            title: Some(v.title.clone()),
            period_start: Some(v.period_start.clone()),
            period_end: Some(v.period_end.clone()),
            status: status.clone().or(Some(before.status.as_str().into())),
            adopted_on: Some(Some(v.adopted_on.clone()).filter(|s| !s.trim().is_empty())),
            document_url: Some(Some(v.document_url.clone()).filter(|s| !s.trim().is_empty())),
        };
        let result = if errors.is_empty() {
            commands::update(c, &caller, plan_id, Ok(v.version), &input, today, now)
        } else {
            Err(ApiError::Validation(crate::db::dry_run(c, |c| commands::update(c, &caller, plan_id, Ok(v.version), &input, today, now))?))
        };
        match result {
            Ok(p) => Ok(Ok(p)),
            Err(ApiError::Validation(more)) => {
                errors.extend(more);
                Ok(Err((StatusCode::UNPROCESSABLE_ENTITY, view(c, &v, &errors, "edit", (city.id, city.name), format!("/plans/{plan_id}/edit"))?)))
            }
            Err(ApiError::Conflict { current_version, .. }) => {
                v.version = current_version.unwrap_or(before.version);
                let e = FieldError::new("plan-form", "this plan was changed by someone else while you were editing. Your changes are shown below and have not been saved yet; check them and save again");
                Ok(Err((StatusCode::CONFLICT, view(c, &v, &[e], "edit", (city.id, city.name), format!("/plans/{plan_id}/edit"))?)))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(p) => Ok(redirect_with_notice(&format!("/cities/{}", p.city_id), "The plan's details have been saved.")),
        Err((status, data)) => render(&req, status, "plan_form", "Change the plan's details", data),
    }
}
