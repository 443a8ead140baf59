//! Signing in and out, password links (reset and invitation), and the account page (change
//! password, API tokens).

use super::web::{
    self, db, form_errors, message, page, redirect, redirect_with_notice, render, safe_next, Form, MaybeViewer,
    PageError, PageResult, Viewer,
};
use crate::auth::commands::{self, SignIn};
use crate::auth::password_links::{self, Purpose, Refusal};
use crate::auth::{sessions, tokens, Role};
use crate::error::{ApiError, FieldError};
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

const LOGIN_LABELS: &[(&str, &str)] = &[("email", "Email address"), ("password", "Password")];

async fn login_form(req: HttpRequest, viewer: MaybeViewer, q: aweb::Query<NextQuery>) -> PageResult {
    if let Some(s) = &viewer.0 {
        let next = safe_next(q.next.as_deref());
        let to = if next == "/" { home_for(s) } else { next };
        return Ok(redirect(&to));
    }
    page(&req, "login", "Sign in", json!({"next": safe_next(q.next.as_deref()), "email": ""}))
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
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    if email.is_empty() {
        errors.push(FieldError::new("email", "is empty").accepting("the email address your account was created with"));
    }
    if pass.is_empty() {
        errors.push(FieldError::new("password", "is empty"));
    }
    let again = |status: StatusCode, errors: &[FieldError]| {
        render(
            &req,
            status,
            "login",
            "Sign in",
            json!({"next": next, "email": email, "errors": form_errors(errors, LOGIN_LABELS)}),
        )
    };
    if !errors.is_empty() {
        return again(StatusCode::UNPROCESSABLE_ENTITY, &errors);
    }
    let state = web::state(&req);
    let ip = client_ip(&req, state.settings.sign_in.trust_forwarded_for);
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (e2, tz) = (email.clone(), settings.schedule().map(|s| s.time_zone()).unwrap_or(chrono_tz::UTC));
    let outcome = db(&req, move |c| commands::sign_in(c, &settings.sign_in, &e2, &pass, &ip, now)).await?;
    match outcome {
        SignIn::Ok { session: token, role, city_id } => {
            let home = home_path(role, city_id);
            let mut res = redirect(if next == "/" { &home } else { &next });
            res.add_cookie(&web::session_cookie(&token, &state.settings)).map_err(|e| PageError::Unexpected(anyhow::anyhow!("setting the session cookie: {e}")))?;
            Ok(res)
        }
        SignIn::Wrong => again(
            StatusCode::UNAUTHORIZED,
            &[FieldError::new("email", "the email address or the password is not right; check both, or reset your password if you have forgotten it")],
        ),
        SignIn::Locked(until) => {
            let local = until.and_utc().with_timezone(&tz);
            again(
                StatusCode::TOO_MANY_REQUESTS,
                &[FieldError::new(
                    "email",
                    format!(
                        "there have been too many failed attempts to sign in, so signing in is paused until {} ({}). You can reset your password in the meantime",
                        local.format("%H:%M on %-d %B %Y"),
                        tz.name()
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
    page(&req, "signout", "Sign out", json!({}))
}

async fn logout(req: HttpRequest, viewer: MaybeViewer, form: Form) -> PageResult {
    if viewer.0.is_none() {
        return Ok(redirect_with_notice("/login", "You are signed out."));
    }
    if form.check_csrf(&req).is_err() {
        return page(&req, "signout", "Sign out", json!({}));
    }
    if let Some(cookie) = req.cookie(sessions::COOKIE) {
        let token = cookie.value().to_string();
        db(&req, move |c| commands::sign_out(c, &token)).await?;
    }
    let mut res = redirect_with_notice("/login", "You have signed out.");
    res.add_cookie(&web::session_cookie_removal()).map_err(|e| PageError::Unexpected(anyhow::anyhow!("{e}")))?;
    Ok(res)
}

async fn forgot_form(req: HttpRequest, _viewer: MaybeViewer) -> PageResult {
    page(&req, "password_forgot", "Reset your password", json!({"email": ""}))
}

/// Sends a reset link when the address has an account, and says the same either way, so the
/// page does not reveal who has an account. At most one link a minute per account.
async fn forgot(req: HttpRequest, _viewer: MaybeViewer, form: Form) -> PageResult {
    let typed = form.get("email").to_string();
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
            "Reset your password",
            json!({"email": typed, "errors": form_errors(&errors, &[("email", "Email address")])}),
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
        "Check your email",
        &[
            &format!("If {email} belongs to an account, we have sent it a link to choose a new password. The link works for {minutes} minutes."),
            "If nothing arrives within a few minutes, check your spam folder, or ask the network secretariat.",
        ],
        Some(("/login", "Back to sign in")),
    )
}

fn refusal_page(req: &HttpRequest, r: Refusal) -> PageResult {
    let (status, heading, text) = match r {
        Refusal::Unknown => (StatusCode::NOT_FOUND, "This link does not work", "Check that you copied the whole address from the email. Links from older emails stop working when a newer one is sent."),
        Refusal::Expired => (StatusCode::GONE, "This link has expired", "For your security, password links work for a limited time. Ask for a new one below."),
        Refusal::Used => (StatusCode::GONE, "This link has already been used", "Each link can be used once. If you need to change your password again, ask for a new link."),
    };
    message(req, status, heading, &[text], Some(("/password/forgot", "Ask for a new link")))
}

fn heading_for(p: Purpose) -> &'static str {
    match p {
        Purpose::Reset => "Choose a new password",
        Purpose::Invitation => "Choose your password",
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
            heading_for(link.purpose),
            json!({"heading": heading_for(link.purpose), "email": link.email, "action": password_links::path(&token)}),
        ),
    }
}

enum Set {
    Done(String, String),
    Refused(Refusal),
    Invalid(String, Purpose, Vec<FieldError>),
}

async fn link_set(req: HttpRequest, _viewer: MaybeViewer, token: aweb::Path<String>, form: Form) -> PageResult {
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
            heading_for(purpose),
            json!({"heading": heading_for(purpose), "email": email, "action": password_links::path(&token), "errors": form_errors(&errors, PASSWORD_LABELS)}),
        ),
        Set::Done(session, home) => {
            let mut res = redirect_with_notice(&home, "Your password has been saved and you are signed in.");
            res.add_cookie(&web::session_cookie(&session, &state.settings))
                .map_err(|e| PageError::Unexpected(anyhow::anyhow!("{e}")))?;
            Ok(res)
        }
    }
}

const PASSWORD_LABELS: &[(&str, &str)] =
    &[("current", "Current password"), ("password", "New password"), ("confirm", "The repeated password")];

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
            json!({"id": t.id, "label": t.label, "created": crate::i18n::date(t.created_at.date(), "en"),
                   "revoked": t.revoked_at.map(|r| crate::i18n::date(r.date(), "en"))})
        })
        .collect();
    let mut labels = PASSWORD_LABELS.to_vec();
    labels.push(("label", "The label"));
    render(
        req,
        status,
        "account",
        "Your account",
        json!({
            "name": viewer.name, "email": viewer.caller.email, "role": web::role_label(viewer.caller.role, web::lang(req)),
            "languages": crate::i18n::messages::offered().iter().map(|l| json!({"tag": l.tag(), "name": l.own_name(),
                "chosen": viewer.language == Some(*l)})).collect::<Vec<_>>(),
            "language_chosen": viewer.language.is_some(),
            "city": city, "tokens": tokens, "label": label, "errors": form_errors(errors, &labels),
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
        return Ok(redirect_with_notice(
            "/account",
            "Your password has been changed. Any other devices signed in to your account have been signed out.",
        ));
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
    page(&req, "token_created", "Your new API token", json!({"token": token, "label": label}))
}

async fn revoke_token(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let id = crate::http::id_param(&id)?;
    if form.check_csrf(&req).is_err() {
        return account_page(
            &req,
            &viewer,
            StatusCode::UNPROCESSABLE_ENTITY,
            &[FieldError::new(web::CSRF_FIELD, "this form had expired, so the token was not revoked. Try again")],
            "",
        )
        .await;
    }
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    db(&req, move |c| commands::revoke_own_token(c, &caller, id, now)).await?;
    Ok(redirect_with_notice("/account", "The token has been revoked: programs using it can no longer reach the API."))
}

/// The home page: signed-in people go to their start page; others see what is public.
pub async fn home(req: HttpRequest, viewer: MaybeViewer) -> PageResult {
    if let Some(s) = &viewer.0 {
        return Ok(redirect(&home_for(s)));
    }
    let public = db(&req, |c| Ok(crate::cities::store::public_names(c)?)).await?;
    let mut public = public;
    public.sort_by_key(|(_, n)| super::labels::sort_key(n));
    let cities: Vec<_> = public.into_iter().map(|(id, name)| json!({"id": id, "name": name})).collect();
    page(&req, "home", "Home", json!({"cities": cities}))
}
