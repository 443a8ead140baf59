//! The reports API: compile, list, read, versions, publish, good practices, and the
//! secretariat's HTML reading of the draft. Handlers are thin: `super::store` does the work.

use super::store::{self, Compiled, Published, ReportDetail, ReportSummary, VersionSummary};
use super::{commands, CompileInput};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::http::{db, id_param, Json};
use crate::ids::{ActionId, ReportId};
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/reports", web::post().to(compile_report))
        .route("/reports", web::get().to(list_reports))
        .route("/reports/{id}", web::get().to(get_report))
        .route("/reports/{id}/versions", web::get().to(report_versions))
        .route("/reports/{id}/publish", web::post().to(publish_report))
        .route("/reports/{id}/draft.html", web::get().to(draft_html))
        .route("/reports/{id}/good-practices/{action_id}", web::put().to(mark_good_practice))
        .route("/reports/{id}/good-practices/{action_id}", web::delete().to(unmark_good_practice));
}

/// What a compile answers: the draft and its figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompileOutput {
    pub compiled: Compiled,
    pub detail: ReportDetail,
}

/// Compiles a draft report for a framework and period (secretariat): creates the report and
/// its draft, or recompiles the draft, or starts a correction draft after a publication.
/// 201 when a new draft version was made, 200 when the existing draft was recompiled.
#[utoipa::path(post, path = "/api/v1/reports", tag = "reports", security(("bearer" = [])), request_body = CompileInput,
    responses((status = 201, body = CompileOutput), (status = 200, body = CompileOutput), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn compile_report(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CompileInput>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| {
        let compiled = commands::compile(c, &settings, &caller, &body.0, now)?;
        let detail = store::detail(c, &settings, compiled.report_id, true)?;
        Ok(CompileOutput { compiled, detail })
    })
    .await?;
    let status =
        if out.compiled.created { actix_web::http::StatusCode::CREATED } else { actix_web::http::StatusCode::OK };
    Ok(HttpResponse::build(status).json(out))
}

/// Reports, newest period first: every report for the secretariat, published ones for others.
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = Vec<ReportSummary>), (status = 401, body = Problem)))]
pub async fn list_reports(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let settings = state.settings.clone();
    let secretariat = commands::reader_is_secretariat(&caller);
    let mut list = db(&state.pool, move |c| store::list(c, &settings, secretariat)).await?;
    if !secretariat {
        list.iter_mut().for_each(|r| r.draft = None);
    }
    Ok(HttpResponse::Ok().json(list))
}

/// One report with every figure: the secretariat reads the draft (unsuppressed) if there is
/// one; others read the latest published version's public figures (403 before publication).
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ReportDetail), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_report(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let settings = state.settings.clone();
    let secretariat = commands::reader_is_secretariat(&caller);
    let mut detail = db(&state.pool, move |c| store::detail(c, &settings, id, secretariat)).await?;
    if !secretariat {
        detail.report.draft = None;
    }
    Ok(HttpResponse::Ok().json(detail))
}

/// A report's versions, oldest first (drafts for the secretariat only).
#[utoipa::path(get, path = "/api/v1/reports/{id}/versions", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<VersionSummary>), (status = 404, body = Problem)))]
pub async fn report_versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let secretariat = commands::reader_is_secretariat(&caller);
    let list = db(&state.pool, move |c| store::versions(c, id, secretariat)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The body of `POST /api/v1/reports/{id}/publish`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishInput {
    /// What this version corrects; required for every version after the first.
    pub changelog: Option<String>,
}

/// Publishes the report's draft (secretariat): its figures and rendered outputs are frozen and
/// public from then on at the returned URL.
#[utoipa::path(post, path = "/api/v1/reports/{id}/publish", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)), request_body = PublishInput,
    responses((status = 200, body = Published), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn publish_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<PublishInput>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let id = id_param(&id)?;
    let st = state.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| {
        let changelog = body.0.changelog.as_deref();
        commands::publish(c, &st.settings, &st.report_templates, &caller, id, changelog, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The secretariat's reading of the current version as a web page: every figure, unsuppressed,
/// bannered as a draft when it is one.
#[utoipa::path(get, path = "/api/v1/reports/{id}/draft.html", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "text/html"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn draft_html(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let id = id_param(&id)?;
    let st = state.clone();
    let html =
        db(&state.pool, move |c| store::secretariat_html(c, &st.report_templates, id, crate::i18n::Lang::En)).await?;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}

fn ids(path: (String, String)) -> ApiResult<(i64, i64)> {
    let report = id_param(&path.0)?;
    let action = path.1.parse::<i64>().ok().filter(|v| *v > 0).ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new("action_id", format!("`{}` is not an action id", path.1))
            .accepting("a positive whole number")])
    })?;
    Ok((report, action))
}

/// Marks an action as good practice in the report (secretariat) and recompiles the draft.
#[utoipa::path(put, path = "/api/v1/reports/{id}/good-practices/{action_id}", tag = "reports", security(("bearer" = [])),
    params(("id" = i64, Path), ("action_id" = i64, Path)),
    responses((status = 200, body = ReportDetail), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn mark_good_practice(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let (report, action) = ids(path.into_inner())?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let detail = db(&state.pool, move |c| {
        commands::mark_good_practice(c, &settings, &caller, ReportId(report), ActionId(action), now)?;
        store::detail(c, &settings, report, true)
    })
    .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Removes a good-practice mark (secretariat) and recompiles the draft.
#[utoipa::path(delete, path = "/api/v1/reports/{id}/good-practices/{action_id}", tag = "reports", security(("bearer" = [])),
    params(("id" = i64, Path), ("action_id" = i64, Path)),
    responses((status = 200, body = ReportDetail), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn unmark_good_practice(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let (report, action) = ids(path.into_inner())?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let detail = db(&state.pool, move |c| {
        commands::unmark_good_practice(c, &settings, &caller, ReportId(report), ActionId(action), now)?;
        store::detail(c, &settings, report, true)
    })
    .await?;
    Ok(HttpResponse::Ok().json(detail))
}
