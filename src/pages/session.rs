//! Signing in and out, password links (reset and invitation), and the account page (change
//! password, API tokens).

use super::web::{
    self, db, form_errors_in, message, page, redirect, redirect_with_notice, render, safe_next, Form, MaybeViewer,
    PageError, PageResult, Viewer,
};
use crate::auth::commands::{self, SignIn};
use crate::auth::password_links::{self, Purpose, Refusal};
use crate::auth::{sessions, tokens, Role};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::json;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/login", aweb::get().to(login_form))
        .route("/login", aweb::post().to(login))
        .route("/logout", aweb::get().to(logout_form))
        .route("/logout", aweb::post().to(logout))
        .route("/password/forgot", aweb::get().to(forgot_form))
        .route("/password/forgot", aweb::post().to(forgot))
        .route("/password/{token}", aweb::get().to(link_form))
        .route("/password/{token}", aweb::post().to(link_set))
        .route("/account", aweb::get().to(account))
        .route("/account/password", aweb::post().to(change_password))
        .route("/account/tokens", aweb::post().to(create_token))
        .route("/account/tokens/{id}/revoke", aweb::post().to(revoke_token));
}

/// Where a person lands after signing in: a city editor on their city, others on the network.
pub fn home_path(role: Role, city_id: Option<i64>) -> String {
    match (role, city_id) {
        (Role::CityEditor, Some(city)) => format!("/cities/{city}"),
        _ => "/network".into(),
    }
}

fn home_for(session: &sessions::Session) -> String {
    home_path(session.caller.role, session.caller.city_id)
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn login_labels(lang: Lang) -> [(&'static str, String); 2] {
    [("email", t!(lang, "session-email-label")), ("password", t!(lang, "session-password-label"))]
}

/// `form_errors` takes borrowed labels.
fn borrowed<'a>(labels: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    labels.iter().map(|(f, l)| (*f, l.as_str())).collect()
}

async fn login_form(req: HttpRequest, viewer: MaybeViewer, q: aweb::Query<NextQuery>) -> PageResult {
    if let Some(s) = &viewer.0 {
        let next = safe_next(q.next.as_deref());
        let to = if next == "/" { home_for(s) } else { next };
        return Ok(redirect(&to));
    }
    let lang = web::lang(&req);
    page(&req, "login", &t!(lang, "session-sign-in-title"), json!({"next": safe_next(q.next.as_deref()), "email": ""}))
}

/// The client's address for throttling: the TCP peer, or behind a trusted proxy the address
/// it reports.
fn client_ip(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for {
        if let Some(ip) = req.connection_info().realip_remote_addr() {
            return ip.to_string();
        }
    }
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

async fn login(req: HttpRequest, _viewer: MaybeViewer, form: Form) -> PageResult {
    let next = safe_next(form.opt("next"));
    let email = form.get("email").trim().to_lowercase();
    let pass = form.get("password").to_string();
    let lang = web::lang(&req);
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    if email.is_empty() {
        errors.push(
            FieldError::new("email", t!(lang, "session-email-empty"))
                .accepting(t!(lang, "session-email-empty-accepted")),
        );
    }
    if pass.is_empty() {
        errors.push(FieldError::new("password", t!(lang, "session-password-empty")));
    }
    let again = |status: StatusCode, errors: &[FieldError]| {
        render(
            &req,
            status,
            "login",
            &t!(lang, "session-sign-in-title"),
            json!({"next": next, "email": email, "errors": form_errors_in(errors, &borrowed(&login_labels(lang)), lang)}),
        )
    };
    if !errors.is_empty() {
        return again(StatusCode::UNPROCESSABLE_ENTITY, &errors);
    }
    let state = web::state(&req);
    let ip = client_ip(&req, state.settings.sign_in.trust_forwarded_for);
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (e2, tz) = (email.clone(), settings.time_zone());
    let outcome = db(&req, move |c| commands::sign_in(c, &settings.sign_in, &e2, &pass, &ip, now)).await?;
    match outcome {
        SignIn::Ok { session: token, role, city_id } => {
            let home = home_path(role, city_id);
            let mut res = redirect(if next == "/" { &home } else { &next });
            res.add_cookie(&web::session_cookie(&token, &state.settings))
                .map_err(|e| PageError::Unexpected(anyhow::anyhow!("setting the session cookie: {e}")))?;
            Ok(res)
        }
        SignIn::Wrong => again(StatusCode::UNAUTHORIZED, &[FieldError::new("email", t!(lang, "session-wrong"))]),
        SignIn::Locked(until) => {
            let local = until.and_utc().with_timezone(&tz);
            again(
                StatusCode::TOO_MANY_REQUESTS,
                &[FieldError::new(
                    "email",
                    t!(
                        lang,
                        "session-locked",
                        time = local.format("%H:%M").to_string(),
                        date = crate::i18n::date(local.date_naive(), lang),
                        zone = tz.name()
                    ),
                )],
            )
        }
    }
}

async fn logout_form(req: HttpRequest, viewer: MaybeViewer) -> PageResult {
    if viewer.0.is_none() {
        return Ok(redirect("/login"));
    }
    page(&req, "signout", &t!(web::lang(&req), "session-sign-out-title"), json!({}))
}

async fn logout(req: HttpRequest, viewer: MaybeViewer, form: Form) -> PageResult {
    let lang = web::lang(&req);
    if viewer.0.is_none() {
        return Ok(redirect_with_notice("/login", &t!(lang, "session-already-signed-out")));
    }
    if form.check_csrf(&req).is_err() {
        return page(&req, "signout", &t!(lang, "session-sign-out-title"), json!({}));
    }
    if let Some(cookie) = req.cookie(sessions::COOKIE) {
        let token = cookie.value().to_string();
        db(&req, move |c| commands::sign_out(c, &token)).await?;
    }
    let mut res = redirect_with_notice("/login", &t!(lang, "session-signed-out"));
    res.add_cookie(&web::session_cookie_removal()).map_err(|e| PageError::Unexpected(anyhow::anyhow!("{e}")))?;
    Ok(res)
}

async fn forgot_form(req: HttpRequest, _viewer: MaybeViewer) -> PageResult {
    page(&req, "password_forgot", &t!(web::lang(&req), "session-forgot-title"), json!({"email": ""}))
}

/// Sends a reset link when the address has an account, and says the same either way, so the
/// page does not reveal who has an account. At most one link a minute per account.
async fn forgot(req: HttpRequest, _viewer: MaybeViewer, form: Form) -> PageResult {
    let typed = form.get("email").to_string();
    let lang = web::lang(&req);
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let email = match crate::validation::email("email", &typed) {
        Ok(e) => Some(e),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    if !errors.is_empty() {
        return render(
            &req,
            StatusCode::UNPROCESSABLE_ENTITY,
            "password_forgot",
            &t!(lang, "session-forgot-title"),
            json!({"email": typed, "errors": form_errors_in(&errors, &[("email", &t!(lang, "session-email-label"))], lang)}),
        );
    }
    let email = email.expect("checked");
    let state = web::state(&req);
    let (settings, templates, now) = (state.settings.clone(), state.templates.clone(), state.clock.now());
    let e2 = email.clone();
    db(&req, move |c| commands::request_password_reset(c, &settings, &templates, &e2, now)).await?;
    let minutes = state.settings.sign_in.reset_link_minutes;
    message(
        &req,
        StatusCode::OK,
        &t!(lang, "session-check-email-title"),
        &[
            &t!(lang, "session-check-email-sent", email = email.as_str(), minutes = minutes as i64),
            &t!(lang, "session-check-email-nothing"),
        ],
        Some(("/login", &t!(lang, "session-back-to-sign-in"))),
    )
}

fn refusal_page(req: &HttpRequest, r: Refusal) -> PageResult {
    let lang = web::lang(req);
    let (status, heading, text) = match r {
        Refusal::Unknown => (StatusCode::NOT_FOUND, "session-link-unknown-title", "session-link-unknown-text"),
        Refusal::Expired => (StatusCode::GONE, "session-link-expired-title", "session-link-expired-text"),
        Refusal::Used => (StatusCode::GONE, "session-link-used-title", "session-link-used-text"),
    };
    message(
        req,
        status,
        &t!(lang, heading),
        &[&t!(lang, text)],
        Some(("/password/forgot", &t!(lang, "session-link-ask-new"))),
    )
}

fn heading_for(p: Purpose, lang: Lang) -> String {
    match p {
        Purpose::Reset => t!(lang, "session-choose-new-password"),
        Purpose::Invitation => t!(lang, "session-choose-your-password"),
    }
}

async fn link_form(req: HttpRequest, _viewer: MaybeViewer, token: aweb::Path<String>) -> PageResult {
    let token = token.into_inner();
    let now = web::state(&req).clock.now();
    let t = token.clone();
    match db(&req, move |c| Ok(password_links::resolve(c, &t, now)?)).await? {
        Err(r) => refusal_page(&req, r),
        Ok(link) => page(
            &req,
            "password_set",
            &heading_for(link.purpose, web::lang(&req)),
            json!({"heading": heading_for(link.purpose, web::lang(&req)), "email": link.email, "action": password_links::path(&token)}),
        ),
    }
}

enum Set {
    Done(String, String),
    Refused(Refusal),
    Invalid(String, Purpose, Vec<FieldError>),
}

async fn link_set(req: HttpRequest, _viewer: MaybeViewer, token: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let token = token.into_inner();
    let state = web::state(&req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let csrf = form.check_csrf(&req);
    let (pass, confirm) = (form.get("password").to_string(), form.get("confirm").to_string());
    let t = token.clone();
    let outcome = db(&req, move |c| {
        let link = match password_links::resolve(c, &t, now)? {
            Err(r) => return Ok(Set::Refused(r)),
            Ok(l) => l,
        };
        let set = |c: &mut crate::db::DbConnection| {
            commands::set_password_from_link(c, &settings.sign_in, &link, &pass, &confirm, now)
        };
        let result = match csrf {
            Ok(()) => set(c),
            // Nothing is saved; the password's own mistakes are listed too.
            Err(e) => Err(ApiError::Validation([vec![e], crate::db::dry_run(c, set)?].concat())),
        };
        match result {
            Ok(Ok(SignIn::Ok { session, role, city_id })) => Ok(Set::Done(session, home_path(role, city_id))),
            Ok(Ok(_)) => Err(ApiError::Unexpected(anyhow::anyhow!("setting a password signs in"))),
            Ok(Err(refusal)) => Ok(Set::Refused(refusal)),
            Err(ApiError::Validation(errors)) => Ok(Set::Invalid(link.email, link.purpose, errors)),
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Set::Refused(r) => refusal_page(&req, r),
        Set::Invalid(email, purpose, errors) => render(
            &req,
            StatusCode::UNPROCESSABLE_ENTITY,
            "password_set",
            &heading_for(purpose, web::lang(&req)),
            json!({"heading": heading_for(purpose, web::lang(&req)), "email": email, "action": password_links::path(&token),
                   "errors": form_errors_in(&errors, &borrowed(&password_labels(web::lang(&req))), lang)}),
        ),
        Set::Done(session, home) => {
            let mut res = redirect_with_notice(&home, &t!(web::lang(&req), "session-password-saved"));
            res.add_cookie(&web::session_cookie(&session, &state.settings))
                .map_err(|e| PageError::Unexpected(anyhow::anyhow!("{e}")))?;
            Ok(res)
        }
    }
}

fn password_labels(lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        ("current", t!(lang, "session-current-password-label")),
        ("password", t!(lang, "session-new-password-label")),
        ("confirm", t!(lang, "session-confirm-field")),
    ]
}

/// The account page's data; `errors` and `label` re-show a form that failed.
async fn account_page(
    req: &HttpRequest,
    viewer: &Viewer,
    status: StatusCode,
    errors: &[FieldError],
    label: &str,
) -> PageResult {
    let user_id = viewer.caller.user_id;
    let city = viewer.caller.city_id;
    let (list, city) = db(req, move |c| {
        let list = tokens::list_for_user(c, user_id)?;
        let city = match city {
            Some(id) => crate::cities::store::get(c, id)?.map(|c| json!({"id": c.id, "name": c.name})),
            None => None,
        };
        Ok((list, city))
    })
    .await?;
    let tokens: Vec<_> = list
        .iter()
        .map(|t| {
            json!({"id": t.id, "label": t.label, "created": t.created_at.date().to_string(),
                   "revoked": t.revoked_at.map(|r| r.date().to_string())})
        })
        .collect();
    let lang = web::lang(req);
    let mut labels = password_labels(lang);
    labels.push(("label", t!(lang, "session-new-token-field")));
    render(
        req,
        status,
        "account",
        &t!(lang, "session-account-title"),
        json!({
            "name": viewer.name, "email": viewer.caller.email, "role": web::role_label(viewer.caller.role, web::lang(req)),
            "languages": crate::i18n::messages::offered().iter().map(|l| json!({"tag": l.tag(), "name": l.own_name(),
                "chosen": viewer.language == Some(*l)})).collect::<Vec<_>>(),
            "language_chosen": viewer.language.is_some(),
            "city": city, "tokens": tokens, "label": label, "errors": form_errors_in(errors, &borrowed(&labels), lang),
        }),
    )
}

async fn account(req: HttpRequest, viewer: Viewer) -> PageResult {
    account_page(&req, &viewer, StatusCode::OK, &[], "").await
}

async fn change_password(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let (current, pass, confirm) =
        (form.get("current").to_string(), form.get("password").to_string(), form.get("confirm").to_string());
    let (caller, session_id) = (viewer.caller.clone(), viewer.id);
    let errors = db(&req, move |c| {
        let change = |c: &mut crate::db::DbConnection| {
            commands::change_own_password(c, &caller, session_id, &current, &pass, &confirm)
        };
        let result =
            if errors.is_empty() { change(c) } else { Err(ApiError::Validation(crate::db::dry_run(c, change)?)) };
        match result {
            Ok(()) => Ok(errors),
            Err(ApiError::Validation(more)) => Ok([errors, more].concat()),
            Err(e) => Err(e),
        }
    })
    .await?;
    if errors.is_empty() {
        return Ok(redirect_with_notice("/account", &t!(web::lang(&req), "session-password-changed")));
    }
    account_page(&req, &viewer, StatusCode::UNPROCESSABLE_ENTITY, &errors, "").await
}

async fn create_token(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let (caller, now, typed) = (viewer.caller.clone(), web::now(&req), form.get("label").to_string());
    let label = typed.clone();
    let issued = db(&req, move |c| {
        let issue = |c: &mut crate::db::DbConnection| commands::issue_own_token(c, &caller, &label, now);
        let result =
            if errors.is_empty() { issue(c) } else { Err(ApiError::Validation(crate::db::dry_run(c, issue)?)) };
        match result {
            Ok((_, token)) => Ok(Ok(token)),
            Err(ApiError::Validation(more)) => Ok(Err([errors, more].concat())),
            Err(e) => Err(e),
        }
    })
    .await?;
    let token = match issued {
        Ok(token) => token,
        Err(errors) => return account_page(&req, &viewer, StatusCode::UNPROCESSABLE_ENTITY, &errors, &typed).await,
    };
    let label = typed.trim().to_string();
    page(
        &req,
        "token_created",
        &t!(web::lang(&req), "session-token-created-title"),
        json!({"token": token, "label": label}),
    )
}

async fn revoke_token(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let id = crate::http::id_param(&id)?;
    if form.check_csrf(&req).is_err() {
        return account_page(
            &req,
            &viewer,
            StatusCode::UNPROCESSABLE_ENTITY,
            &[FieldError::new(web::CSRF_FIELD, t!(web::lang(&req), "session-revoke-expired"))],
            "",
        )
        .await;
    }
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    db(&req, move |c| commands::revoke_own_token(c, &caller, id, now)).await?;
    Ok(redirect_with_notice("/account", &t!(web::lang(&req), "session-token-revoked-notice")))
}

/// The home page: signed-in people go to their start page; others see what is public.
pub async fn home(req: HttpRequest, viewer: MaybeViewer) -> PageResult {
    if let Some(s) = &viewer.0 {
        return Ok(redirect(&home_for(s)));
    }
    let lang = web::lang(&req);
    let mut public = db(&req, |c| Ok(crate::cities::store::public_names(c)?)).await?;
    crate::i18n::sort_by_name(&mut public, lang, |(_, n)| n.as_str());
    let cities: Vec<_> = public.into_iter().map(|(id, name)| json!({"id": id, "name": name})).collect();
    page(&req, "home", &t!(lang, "public-home-title"), json!({"cities": cities}))
}
