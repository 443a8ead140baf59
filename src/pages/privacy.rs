//! Personal data: the public privacy page, and the secretariat's page to see what is held
//! about one person (by email address), download it as JSON, and erase them
//! (`privacy::commands`, which the API uses too). The address travels in form bodies only, so
//! it stays out of URLs and access logs.

use super::web::{db, form_errors_in, lang, page, redirect_with_notice, render, Form, MaybeViewer, PageResult, Viewer};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::privacy::{commands, PersonalData};
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest, HttpResponse};
use serde_json::json;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/privacy", aweb::get().to(privacy))
        .route("/people", aweb::get().to(search))
        .route("/people", aweb::post().to(show))
        .route("/people/export", aweb::post().to(download))
        .route("/people/erase", aweb::post().to(erase));
}

/// What personal data is kept, why, for how long, and who to ask.
async fn privacy(req: HttpRequest, _viewer: MaybeViewer) -> PageResult {
    let s = &super::web::state(&req).settings;
    page(
        &req,
        "privacy",
        &t!(lang(&req), "privacy-title"),
        json!({
            "retention_days": s.mail.retention_days,
            "idle_minutes": s.sign_in.idle_minutes,
            "absolute_hours": s.sign_in.absolute_hours,
        }),
    )
}

/// The form's errors, with the fields' names in the page's language.
fn errors_view(errors: &[FieldError], lang: Lang) -> serde_json::Value {
    let (email, confirm) = (t!(lang, "privacy-email"), t!(lang, "privacy-confirmation"));
    form_errors_in(errors, &[("email", email.as_str()), ("confirm", confirm.as_str())], lang)
}

fn search_page(req: &HttpRequest, status: StatusCode, email: &str, errors: &[FieldError]) -> PageResult {
    let lang = lang(req);
    render(
        req,
        status,
        "people",
        &t!(lang, "privacy-people-title"),
        json!({"email": email, "errors": errors_view(errors, lang)}),
    )
}

/// A role's name (`secretariat`, `city-editor`, `observer`) in `lang`.
fn role_name(role: &str, lang: Lang) -> String {
    match crate::auth::Role::parse(role) {
        Some(crate::auth::Role::Secretariat) => t!(lang, "users-role-secretariat"),
        Some(crate::auth::Role::CityEditor) => t!(lang, "users-role-city-editor"),
        Some(crate::auth::Role::Observer) => t!(lang, "users-role-observer"),
        None => role.to_string(),
    }
}

/// The form asking for an address.
async fn search(req: HttpRequest, viewer: Viewer) -> PageResult {
    viewer.caller.require_secretariat()?;
    search_page(&req, StatusCode::OK, "", &[])
}

fn summary(data: &PersonalData, lang: Lang) -> serde_json::Value {
    json!({
        "email": data.email,
        "contacts": data.contacts.iter().map(|c| json!({"id": c.id, "city_id": c.city_id, "name": c.name, "office_role": c.office_role, "language": c.language})).collect::<Vec<_>>(),
        "user": data.user.as_ref().map(|u| json!({"id": u.id, "name": u.name, "role": role_name(&u.role, lang), "disabled": u.disabled, "sessions": u.sessions.len(), "tokens": u.api_tokens.len()})),
        "emails": data.emails.len(),
        "emails_with_bodies": data.emails.iter().filter(|e| e.body_text.is_some()).count(),
        "history": data.history.len(),
        "sign_ins": data.sign_in_attempts.len(),
        "links": data.check_in_links.len(),
        "events": data.check_in_events.len(),
        "mentions": data.mentions.len(),
    })
}

/// Looks the person up, with the outcome of `f` (a 422 or 404 shows the form again).
async fn lookup(
    req: &HttpRequest,
    viewer: &Viewer,
    form: &Form,
) -> Result<Result<PersonalData, PageResult>, super::web::PageError> {
    viewer.caller.require_secretariat()?;
    let email = form.get("email").to_string();
    if let Err(e) = form.check_csrf(req) {
        return Ok(Err(search_page(req, StatusCode::UNPROCESSABLE_ENTITY, &email, &[e])));
    }
    let (caller, asked) = (viewer.caller.clone(), email.clone());
    match db(req, move |c| Ok(commands::export(c, &caller, &asked))).await? {
        Ok(data) => Ok(Ok(data)),
        Err(ApiError::Validation(errors)) => {
            Ok(Err(search_page(req, StatusCode::UNPROCESSABLE_ENTITY, &email, &errors)))
        }
        Err(ApiError::NotFound(why)) => {
            Ok(Err(search_page(req, StatusCode::NOT_FOUND, &email, &[FieldError::new("email", why)])))
        }
        Err(e) => Err(e.into()),
    }
}

/// What is held about the address: a summary, the download and the erase form.
async fn show(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    match lookup(&req, &viewer, &form).await? {
        Ok(data) => person_page(&req, StatusCode::OK, &data, &[]),
        Err(page) => page,
    }
}

fn person_page(req: &HttpRequest, status: StatusCode, data: &PersonalData, errors: &[FieldError]) -> PageResult {
    let lang = lang(req);
    render(
        req,
        status,
        "person",
        &t!(lang, "privacy-person-title", email = data.email.as_str()),
        json!({"person": summary(data, lang), "errors": errors_view(errors, lang)}),
    )
}

/// Everything held, as a JSON file.
async fn download(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    match lookup(&req, &viewer, &form).await? {
        Ok(data) => {
            let name = data.email.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-', "_");
            Ok(HttpResponse::Ok()
                .content_type("application/json")
                .insert_header(("Content-Disposition", format!("attachment; filename=\"personal-data-{name}.json\"")))
                .body(serde_json::to_string_pretty(&data).map_err(|e| ApiError::Unexpected(e.into()))?))
        }
        Err(page) => page,
    }
}

/// Erases the person, once the confirmation box is ticked.
async fn erase(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    let data = match lookup(&req, &viewer, &form).await? {
        Ok(data) => data,
        Err(page) => return page,
    };
    let confirm = form.get("confirm") == "yes";
    let (caller, email, now) = (viewer.caller.clone(), data.email.clone(), super::web::state(&req).clock.now());
    match db(&req, move |c| Ok(commands::erase(c, &caller, &email, confirm, now))).await? {
        Ok(done) => Ok(redirect_with_notice(
            "/people",
            &t!(
                lang(&req),
                if done.user_deleted { "privacy-erased-with-account" } else { "privacy-erased" },
                email = done.email.as_str(),
                contacts = done.contacts_deleted,
                pseudonym = done.pseudonym.as_str()
            ),
        )),
        Err(ApiError::Validation(errors)) => person_page(&req, StatusCode::UNPROCESSABLE_ENTITY, &data, &errors),
        Err(ApiError::StateConflict(why)) => {
            person_page(&req, StatusCode::CONFLICT, &data, &[FieldError::new("confirm", why)])
        }
        Err(e) => Err(e.into()),
    }
}
