//! The import and export API. An import's file is the request body as it is (an XLSX or a CSV
//! file, at most 10 MB); it answers with the preview, and writes only with `?apply=true` (a file
//! with mistakes is then refused with 422, naming every cell) or when the preview's
//! `confirm_token` is sent to `POST /api/v1/imports/confirm/{token}`.

use super::commands::{self, Upload};
use super::export::{self, ExportFormat, Scope};
use super::{ImportKind, Preview, Who, MAX_UPLOAD};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::http::{db, id_param};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa::IntoParams;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/imports/cities", web::post().to(import_cities))
        .route("/imports/plans/{id}/actions", web::post().to(import_actions))
        .route("/imports/confirm/{token}", web::post().to(confirm_import))
        .route("/imports/templates/{kind}", web::get().to(template))
        .route("/export", web::get().to(export_data))
        .route("/open-data", web::get().to(open_data));
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Write the rows now (all or none) instead of previewing; refused with 422 if a row has a mistake.
    pub apply: Option<bool>,
    /// The file's name, for the preview and the history ("import of plan.xlsx").
    pub file_name: Option<String>,
}

/// Reads the uploaded file, refusing more than `MAX_UPLOAD` bytes before reading them all.
pub async fn read_body(req: &HttpRequest, mut payload: web::Payload) -> ApiResult<Vec<u8>> {
    let too_large = || ApiError::TooLarge(format!("files of at most {} MB are accepted", MAX_UPLOAD / 1024 / 1024));
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD) {
        return Err(too_large());
    }
    let mut out = Vec::with_capacity(declared.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::Malformed(FieldError::new("body", format!("could not be read: {e}"))))?;
        if out.len() + chunk.len() > MAX_UPLOAD {
            return Err(too_large());
        }
        out.extend_from_slice(&chunk);
    }
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.starts_with("multipart/") {
        return Err(ApiError::UnreadableFile(
            "send the file itself as the request body (e.g. curl --data-binary @plan.xlsx), not as a multipart form"
                .into(),
        ));
    }
    Ok(out)
}

fn file_name(q: &ImportQuery, default: &str) -> String {
    q.file_name
        .clone()
        .map(|n| n.trim().chars().take(200).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| default.into())
}

/// The preview as sent: when it can be applied and was not, with a token to confirm it.
fn answer(preview: Preview, apply: bool) -> ApiResult<HttpResponse> {
    if apply && !preview.ok {
        return Err(preview.refusal());
    }
    Ok(HttpResponse::Ok().json(preview))
}

/// Previews (or with `apply=true` writes) a file of cities with their contacts and signatures
/// (a workbook may add sheets `contacts`, `signatures`, `plans` and `actions`). Secretariat only.
#[utoipa::path(post, path = "/api/v1/imports/cities", tag = "imports", security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = String, description = "the XLSX or CSV file itself (the format is told from its bytes), at most 10 MB and 20,000 rows a sheet",
        content_type = "application/octet-stream"),
    responses((status = 200, body = Preview), (status = 403, body = Problem), (status = 413, body = Problem),
        (status = 422, description = "the file cannot be read, or (with apply) a row has a mistake", body = Problem)))]
pub async fn import_cities(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let bytes = read_body(&req, payload).await?;
    let (now, today) = (state.clock.now(), crate::pages::web::today(&state));
    let (apply, name) = (q.apply.unwrap_or(false), file_name(&q, "cities"));
    let preview = db(&state.pool, move |c| {
        let upload = Upload { file_name: &name, bytes: &bytes };
        let mut p = commands::import_cities(c, Who::Person(&caller), upload, apply, today, now)?;
        if p.ok && !p.applied {
            p.confirm_token = Some(commands::keep_for_confirmation(c, Who::Person(&caller), &p, bytes.clone(), now)?);
        }
        Ok(p)
    })
    .await?;
    answer(preview, apply)
}

/// Previews (or with `apply=true` writes) a file of one plan's actions: the city's editor or
/// the secretariat.
#[utoipa::path(post, path = "/api/v1/imports/plans/{id}/actions", tag = "imports", security(("bearer" = [])),
    params(("id" = i64, Path), ImportQuery),
    request_body(content = String, description = "the XLSX or CSV file itself (the format is told from its bytes), at most 10 MB and 20,000 rows",
        content_type = "application/octet-stream"),
    responses((status = 200, body = Preview), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 422, body = Problem)))]
pub async fn import_actions(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let plan_id = id_param(&id)?;
    // Refuse strangers before reading their upload.
    let who = caller.clone();
    db(&state.pool, move |c| {
        let plan = crate::plans::store::require(c, plan_id)?;
        who.can_edit_city(plan.plan.city_id)
    })
    .await?;
    let bytes = read_body(&req, payload).await?;
    let (now, today) = (state.clock.now(), crate::pages::web::today(&state));
    let (apply, name) = (q.apply.unwrap_or(false), file_name(&q, "actions"));
    let preview = db(&state.pool, move |c| {
        let upload = Upload { file_name: &name, bytes: &bytes };
        let mut p = commands::import_actions(c, Who::Person(&caller), plan_id, upload, apply, today, now)?;
        if p.ok && !p.applied {
            p.confirm_token = Some(commands::keep_for_confirmation(c, Who::Person(&caller), &p, bytes.clone(), now)?);
        }
        Ok(p)
    })
    .await?;
    answer(preview, apply)
}

/// Applies a previewed import by its `confirm_token` (valid one hour, for the person who
/// uploaded it). The file is checked again: anything changed meanwhile shows as a 422.
#[utoipa::path(post, path = "/api/v1/imports/confirm/{token}", tag = "imports", security(("bearer" = [])),
    params(("token" = String, Path)),
    responses((status = 200, body = Preview), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn confirm_import(
    state: web::Data<AppState>,
    caller: Caller,
    token: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (now, today) = (state.clock.now(), crate::pages::web::today(&state));
    let token = token.into_inner();
    let preview = db(&state.pool, move |c| commands::confirm(c, Who::Person(&caller), &token, today, now)).await?;
    answer(preview, true)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// xlsx (default) or csv (for exports: a zip of CSV files with datapackage.json).
    pub format: Option<String>,
}

fn format_of(q: &FormatQuery) -> ApiResult<ExportFormat> {
    ExportFormat::parse_field("format", q.format.as_deref().unwrap_or("xlsx"))
        .map_err(|e| ApiError::Validation(vec![e]))
}

fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(bytes)
}

/// A template to fill in: `cities` or `actions`, as XLSX (a header row, lists of accepted
/// values, an example row) or CSV (the same columns). Anyone may download one.
#[utoipa::path(get, path = "/api/v1/imports/templates/{kind}", tag = "imports",
    params(("kind" = String, Path, description = "cities or actions"), FormatQuery),
    responses((status = 200, description = "the template file"), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn template(
    state: web::Data<AppState>,
    kind: web::Path<String>,
    q: web::Query<FormatQuery>,
) -> ApiResult<HttpResponse> {
    let kind = ImportKind::parse_field("kind", &kind)
        .map_err(|_| ApiError::not_found(format!("no template `{kind}`; there are: {}", ImportKind::accepted())))?;
    let format = format_of(&q)?;
    let (bytes, ct, name) = db(&state.pool, move |c| export::template(c, kind, format)).await?;
    Ok(download(bytes, ct, &name))
}

/// Everything the caller may read, as one XLSX workbook (a sheet per table) or a zip of CSV
/// files with a Frictionless `datapackage.json`: the secretariat and observers the whole
/// network, a city editor their own city.
#[utoipa::path(get, path = "/api/v1/export", tag = "imports", security(("bearer" = [])),
    params(FormatQuery),
    responses((status = 200, description = "the workbook or the zip"), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn export_data(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<FormatQuery>,
) -> ApiResult<HttpResponse> {
    let format = format_of(&q)?;
    let scope = Scope::for_caller(&caller);
    let settings = state.settings.clone();
    let (bytes, ct, name) = db(&state.pool, move |c| export::export(c, scope, format, &settings)).await?;
    Ok(download(bytes, ct, &name))
}

/// The open data: public cities, their plans and actions, and indicator values that are not
/// sensitive; no personal data; under the licence in `exports.licence_name`.
#[utoipa::path(get, path = "/api/v1/open-data", tag = "imports",
    params(FormatQuery),
    responses((status = 200, description = "the workbook or the zip"), (status = 422, body = Problem)))]
pub async fn open_data(state: web::Data<AppState>, q: web::Query<FormatQuery>) -> ApiResult<HttpResponse> {
    let format = format_of(&q)?;
    let settings = state.settings.clone();
    let (bytes, ct, name) = db(&state.pool, move |c| export::export(c, Scope::Public, format, &settings)).await?;
    Ok(download(bytes, ct, &name))
}
