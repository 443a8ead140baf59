//! Starting an action plan and changing its details.

use super::web::{self, db, form_errors_in, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::plans::{commands, NewPlanInput, PlanPatchInput, PlanStatus};
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}/plans/new", aweb::get().to(new_form))
        .route("/cities/{id}/plans/new", aweb::post().to(create))
        .route("/plans/{id}/edit", aweb::get().to(edit_form))
        .route("/plans/{id}/edit", aweb::post().to(update));
}

fn labels(lang: Lang) -> Vec<(&'static str, String)> {
    [
        ("framework", "plan-framework"),
        ("title", "plan-title-label"),
        ("period_start", "plan-period-start"),
        ("period_end", "plan-period-end"),
        ("status", "plan-status"),
        ("adopted_on", "plan-adopted-on-field"),
        ("document_url", "plan-document-field"),
    ]
    .into_iter()
    .map(|(f, key)| (f, t!(lang, key)))
    .collect()
}

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
    lang: Lang,
) -> Result<Value, ApiError> {
    let frameworks: Vec<Value> = crate::charter::store::list(c)?
        .into_iter()
        .map(|f| json!({"value": f.code, "label": f.title, "selected": f.code == v.framework}))
        .collect();
    let labels = labels(lang);
    let choice = |value: &str, label: &str, hint: &str| json!({"value": value, "label": t!(lang, label), "hint": t!(lang, hint), "checked": v.status == value});
    Ok(json!({
        "mode": mode, "action_url": action_url, "city": {"id": city.0, "name": city.1},
        "frameworks": frameworks,
        "status_options": [
            choice(PlanStatus::Draft.as_str(), "plan-status-draft", "plan-status-draft-hint"),
            choice(PlanStatus::Adopted.as_str(), "plan-status-adopted", "plan-status-adopted-hint"),
        ],
        "form": {"title": v.title, "period_start": v.period_start, "period_end": v.period_end, "adopted_on": v.adopted_on,
                 "document_url": v.document_url, "version": v.version},
        "errors": form_errors_in(errors, &labels.iter().map(|(f, l)| (*f, l.as_str())).collect::<Vec<_>>(), lang),
    }))
}

fn chosen_status(v: &Values, errors: &mut Vec<FieldError>, lang: Lang) -> Option<String> {
    if v.status.trim().is_empty() {
        errors.push(
            FieldError::new("status", t!(lang, "plan-status-not-chosen")).accepting(t!(lang, "plan-status-accepted")),
        );
        None
    } else {
        Some(v.status.clone())
    }
}

async fn new_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    let lang = web::lang(&req);
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
        view(c, &v, &[], "new", (city.id, city.name), format!("/cities/{city_id}/plans/new"), lang)
    })
    .await?;
    page(&req, "plan_form", &t!(lang, "plan-new-title"), data)
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
    let lang = web::lang(&req);
    let status = chosen_status(&v, &mut errors, lang);
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
                Ok(Err(view(
                    c,
                    &v,
                    &errors,
                    "new",
                    (city.id, city.name),
                    format!("/cities/{city_id}/plans/new"),
                    lang,
                )?))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(p) => Ok(redirect_with_notice(
            &format!("/cities/{}", p.city_id),
            &t!(lang, "plan-created", title = p.title.as_str()),
        )),
        Err(data) => render(&req, StatusCode::UNPROCESSABLE_ENTITY, "plan_form", &t!(lang, "plan-new-title"), data),
    }
}

async fn edit_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let plan_id = crate::http::id_param(&id)?;
    let lang = web::lang(&req);
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
        view(c, &v, &[], "edit", (city.id, city.name), format!("/plans/{plan_id}/edit"), lang)
    })
    .await?;
    page(&req, "plan_form", &t!(lang, "plan-edit-title"), data)
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
    let lang = web::lang(&req);
    let status = chosen_status(&v, &mut errors, lang);
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
            Err(ApiError::Validation(crate::db::dry_run(c, |c| {
                commands::update(c, &caller, plan_id, Ok(v.version), &input, today, now)
            })?))
        };
        match result {
            Ok(p) => Ok(Ok(p)),
            Err(ApiError::Validation(more)) => {
                errors.extend(more);
                Ok(Err((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    view(c, &v, &errors, "edit", (city.id, city.name), format!("/plans/{plan_id}/edit"), lang)?,
                )))
            }
            Err(ApiError::Conflict { current_version, .. }) => {
                v.version = current_version.unwrap_or(before.version);
                let e = FieldError::new("plan-form", t!(lang, "plan-conflict"));
                Ok(Err((
                    StatusCode::CONFLICT,
                    view(c, &v, &[e], "edit", (city.id, city.name), format!("/plans/{plan_id}/edit"), lang)?,
                )))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(p) => Ok(redirect_with_notice(&format!("/cities/{}", p.city_id), &t!(lang, "plan-saved"))),
        Err((status, data)) => render(&req, status, "plan_form", &t!(lang, "plan-edit-title"), data),
    }
}
