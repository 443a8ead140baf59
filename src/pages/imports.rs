//! Importing and exporting in the browser: the secretariat uploads a file of cities, a city's
//! editor a file of their plan's actions; the preview lists every row and every mistake; a
//! file without mistakes is kept on the server under a random token (for an hour) and the
//! confirm button applies exactly that file; then a result page. Downloads: the exports by
//! role (`/export`) and the public open data (`/open-data`). The rules live in
//! `exchange::commands`.

use super::web::{self, db, lang, page, render, Form, MaybeViewer, PageError, PageResult, Viewer};
use crate::exchange::commands::{self, Upload};
use crate::exchange::export::{self, ExportFormat, Scope};
use crate::exchange::{Outcome, Preview, Who, MAX_ROWS, MAX_UPLOAD};
use crate::i18n::Lang;
use crate::t;
use actix_web::http::{header, StatusCode};
use actix_web::{web as aweb, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/imports/cities", aweb::get().to(cities_form))
        .route("/imports/cities", aweb::post().to(cities_upload))
        .route("/plans/{id}/import", aweb::get().to(actions_form))
        .route("/plans/{id}/import", aweb::post().to(actions_upload))
        .route("/imports/confirm", aweb::post().to(confirm))
        .route("/export", aweb::get().to(export_page))
        .route("/export/download", aweb::get().to(export_download))
        .route("/open-data", aweb::get().to(open_data_page))
        .route("/open-data/download", aweb::get().to(open_data_download));
}

fn limits() -> Value {
    json!({"megabytes": MAX_UPLOAD / 1024 / 1024, "rows": MAX_ROWS})
}

async fn cities_form(req: HttpRequest, viewer: Viewer) -> PageResult {
    viewer.caller.require_secretariat()?;
    let heading = t!(lang(&req), "exchange-cities-heading");
    upload_page(&req, StatusCode::OK, "/imports/cities", "cities", &heading, None)
}

async fn actions_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let plan_id = crate::http::id_param(&id)?;
    let plan = plan_title(&req, &viewer, plan_id).await?;
    upload_page(
        &req,
        StatusCode::OK,
        &format!("/plans/{plan_id}/import"),
        "actions",
        &t!(lang(&req), "exchange-actions-heading", plan = plan),
        None,
    )
}

/// The plan's title, once the viewer may change its city.
async fn plan_title(req: &HttpRequest, viewer: &Viewer, plan_id: i64) -> Result<String, PageError> {
    let caller = viewer.caller.clone();
    db(req, move |c| {
        let p = crate::plans::store::require(c, plan_id)?;
        caller.can_edit_city(p.plan.city_id)?;
        Ok(p.plan.title)
    })
    .await
}

fn upload_page(
    req: &HttpRequest,
    status: StatusCode,
    action: &str,
    kind: &str,
    heading: &str,
    error: Option<&str>,
) -> PageResult {
    let errors = match error {
        Some(e) => json!({"summary": [{"anchor": "file", "message": e}], "fields": {"file": e}}),
        None => json!({}),
    };
    render(
        req,
        status,
        "import_upload",
        heading,
        json!({"heading": heading, "action": action, "kind": kind, "limits": limits(), "errors": errors,
               "sheets": "signatures, contacts, plans, actions", "reference_column": "reference"}),
    )
}

/// The file and the CSRF token of an upload form (multipart), at most `MAX_UPLOAD` bytes.
async fn read_upload(req: &HttpRequest, payload: aweb::Payload) -> Result<(Form, String, Vec<u8>), PageError> {
    let lang = lang(req);
    let mut multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let mut form = Form::default();
    let (mut name, mut bytes) = (String::new(), Vec::new());
    let too_large = || PageError::Refused {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        heading: "The file is too large",
        detail: t!(lang, "exchange-file-too-large", megabytes = MAX_UPLOAD / 1024 / 1024),
    };
    while let Some(field) = multipart.next().await {
        let mut field =
            field.map_err(|e| PageError::BadRequest(t!(lang, "exchange-unreadable", error = e.to_string())))?;
        let field_name = field.name().unwrap_or("").to_string();
        let file_name = field.content_disposition().and_then(|d| d.get_filename()).map(str::to_string);
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk =
                chunk.map_err(|e| PageError::BadRequest(t!(lang, "exchange-unreadable", error = e.to_string())))?;
            if value.len() + chunk.len() > MAX_UPLOAD {
                return Err(too_large());
            }
            value.extend_from_slice(&chunk);
        }
        if field_name == "file" {
            name = file_name.unwrap_or_default();
            bytes = value;
        } else {
            form.0.push((field_name, String::from_utf8_lossy(&value).into_owned()));
        }
    }
    Ok((form, name, bytes))
}

async fn cities_upload(req: HttpRequest, viewer: Viewer, payload: aweb::Payload) -> PageResult {
    viewer.caller.require_secretariat()?;
    upload(req, viewer, payload, None).await
}

async fn actions_upload(
    req: HttpRequest,
    viewer: Viewer,
    id: aweb::Path<String>,
    payload: aweb::Payload,
) -> PageResult {
    let plan_id = crate::http::id_param(&id)?;
    plan_title(&req, &viewer, plan_id).await?;
    upload(req, viewer, payload, Some(plan_id)).await
}

async fn upload(req: HttpRequest, viewer: Viewer, payload: aweb::Payload, plan: Option<i64>) -> PageResult {
    let lang = lang(&req);
    let (action, kind, heading) = match plan {
        Some(p) => (format!("/plans/{p}/import"), "actions", t!(lang, "exchange-actions-heading-short")),
        None => ("/imports/cities".to_string(), "cities", t!(lang, "exchange-cities-heading")),
    };
    let heading = heading.as_str();
    let (form, name, bytes) = read_upload(&req, payload).await?;
    if let Err(e) = form.check_csrf(&req) {
        return upload_page(&req, StatusCode::BAD_REQUEST, &action, kind, heading, Some(&web::sentence(&e.reason)));
    }
    if bytes.is_empty() {
        let msg = t!(lang, "exchange-choose-file");
        return upload_page(&req, StatusCode::UNPROCESSABLE_ENTITY, &action, kind, heading, Some(&msg));
    }
    let state = web::state(&req);
    let (now, today) = (state.clock.now(), web::today(&state));
    let caller = viewer.caller.clone();
    let name = if name.is_empty() { t!(lang, "exchange-default-file-name", kind = kind) } else { name };
    let result = db(&req, move |c| {
        let upload = Upload { file_name: &name, bytes: &bytes };
        let who = Who::Person(&caller);
        let mut p = match plan {
            Some(plan) => commands::import_actions(c, who, plan, upload, false, today, now)?,
            None => commands::import_cities(c, who, upload, false, today, now)?,
        };
        if p.ok {
            p.confirm_token = Some(commands::keep_for_confirmation(c, who, &p, bytes.clone(), now)?);
        }
        Ok(p)
    })
    .await;
    let preview = match result {
        Ok(p) => p,
        // A file that cannot be read at all: say why beside the file field.
        Err(PageError::Refused { status, detail, .. }) => {
            return upload_page(&req, status, &action, kind, heading, Some(&web::sentence(&detail)));
        }
        Err(e) => return Err(e),
    };
    let title = t!(lang, if preview.ok { "exchange-check-title" } else { "exchange-mistakes-title" });
    let status = if preview.ok { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    render(&req, status, "import_preview", &title, preview_view(&preview, &action, kind))
}

/// The preview page's data: counts, mistakes, and the rows that change something (rows left
/// alone are counted, not listed, so a re-import of 12,000 rows stays readable). A row's
/// `outcome` is a message key (`{{t this.outcome}}`).
fn preview_view(p: &Preview, action: &str, kind: &str) -> Value {
    let word = |o: Outcome| match o {
        Outcome::Create => "exchange-outcome-create",
        Outcome::Update => "exchange-outcome-update",
        Outcome::Unchanged => "exchange-outcome-unchanged",
        Outcome::Refused => "exchange-outcome-refused",
    };
    let rows: Vec<Value> = p
        .rows
        .iter()
        .filter(|r| r.outcome != Outcome::Unchanged)
        .take(1000)
        .map(|r| {
            json!({"sheet": r.sheet, "row": r.row, "object": r.object, "label": r.label,
                "outcome": word(r.outcome), "changes": r.changes.join(", ")})
        })
        .collect();
    let listed = p.rows.iter().filter(|r| r.outcome != Outcome::Unchanged).count();
    json!({
        "file_name": p.file_name, "ok": p.ok, "counts": p.counts, "mistakes": p.mistakes,
        "mistake_count": p.mistakes.len(), "rows": rows, "more_rows": listed.saturating_sub(1000),
        "ignored": p.ignored_columns, "token": p.confirm_token, "action": action, "kind": kind, "limits": limits(),
    })
}

#[derive(Deserialize)]
struct ConfirmForm {
    csrf_token: String,
    token: String,
}

async fn confirm(req: HttpRequest, viewer: Viewer, form: aweb::Form<ConfirmForm>) -> PageResult {
    let f = form.into_inner();
    let check = Form(vec![(web::CSRF_FIELD.to_string(), f.csrf_token.clone())]);
    if check.check_csrf(&req).is_err() {
        return Err(PageError::BadRequest(t!(lang(&req), "exchange-expired")));
    }
    let state = web::state(&req);
    let (now, today) = (state.clock.now(), web::today(&state));
    let caller = viewer.caller.clone();
    let token = f.token;
    let outcome = db(&req, move |c| {
        let p = commands::confirm(c, Who::Person(&caller), &token, today, now);
        match p {
            Ok(p) => Ok(Ok(p)),
            Err(crate::error::ApiError::Validation(e)) => Ok(Err(e.len())),
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(p) if p.applied => {
            let back = match p.plan_id {
                Some(plan) => {
                    let caller = viewer.caller.clone();
                    let city = db(&req, move |c| {
                        let plan = crate::plans::store::require(c, plan)?;
                        caller.can_read_city(plan.plan.city_id)?;
                        Ok(plan.plan.city_id)
                    })
                    .await?;
                    (format!("/cities/{city}"), "exchange-back-plan")
                }
                None => ("/cities".to_string(), "exchange-back-cities"),
            };
            render(
                &req,
                StatusCode::OK,
                "import_done",
                &t!(lang(&req), "exchange-done-title"),
                json!({"file_name": p.file_name, "counts": p.counts, "back": {"href": back.0, "label": back.1}}),
            )
        }
        _ => {
            let lang = lang(&req);
            let (heading, detail, home) = (
                t!(lang, "exchange-not-imported"),
                t!(lang, "exchange-not-imported-detail"),
                t!(lang, "exchange-go-home"),
            );
            web::message(&req, StatusCode::CONFLICT, &heading, &[&detail], Some(("/", &home)))
        }
    }
}

async fn export_page(req: HttpRequest, viewer: Viewer) -> PageResult {
    let lang = lang(&req);
    let scope = match Scope::for_caller(&viewer.caller) {
        Scope::City(_) => t!(lang, "exchange-export-scope-city"),
        _ => t!(lang, "exchange-export-scope-network"),
    };
    page(&req, "export", &t!(lang, "exchange-export-title"), json!({"scope": scope, "datapackage": "datapackage.json"}))
}

#[derive(Deserialize)]
struct FormatQuery {
    format: Option<String>,
}

fn download(bytes: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(bytes)
}

fn format_of(q: &FormatQuery, lang: Lang) -> Result<ExportFormat, PageError> {
    ExportFormat::parse_field("format", q.format.as_deref().unwrap_or("xlsx"))
        .map_err(|e| PageError::BadRequest(t!(lang, "exchange-bad-format", reason = e.reason)))
}

async fn export_download(req: HttpRequest, viewer: Viewer, q: aweb::Query<FormatQuery>) -> PageResult {
    let format = format_of(&q, lang(&req))?;
    let scope = Scope::for_caller(&viewer.caller);
    let settings = web::state(&req).settings.clone();
    let (bytes, ct, name) = db(&req, move |c| export::export(c, scope, format, &settings)).await?;
    Ok(download(bytes, ct, &name))
}

async fn open_data_page(req: HttpRequest, _viewer: MaybeViewer) -> PageResult {
    let l = web::state(&req).settings.exports.clone();
    page(
        &req,
        "open_data",
        &t!(lang(&req), "exchange-open-data-title"),
        json!({"licence": {"name": l.licence_name, "title": l.licence_title, "url": l.licence_url},
               "datapackage": "datapackage.json"}),
    )
}

async fn open_data_download(req: HttpRequest, _viewer: MaybeViewer, q: aweb::Query<FormatQuery>) -> PageResult {
    let format = format_of(&q, lang(&req))?;
    let settings = web::state(&req).settings.clone();
    let (bytes, ct, name) = db(&req, move |c| export::export(c, Scope::Public, format, &settings)).await?;
    let mut res = download(bytes, ct, &name);
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("public, max-age=300"));
    Ok(res)
}
