//! User accounts: the list, inviting someone (the account is created with a random password
//! nobody knows, and an email invites them to choose one), and one account's page: change
//! name, role and city, disable or enable it, send a password link, revoke its API tokens.
//! The rules live in `auth::commands`: the secretariat manages; observers read.

use super::admin::{self, anchored, form_version, refused, Refused};
use super::labels;
use super::web::{db, form_errors_in, lang, page, redirect_with_notice, render, Form, PageError, PageResult, Viewer};
use crate::auth::commands::{self, NewUserInput, UserChangeInput, UserDetail, UserState, UserView};
use crate::auth::password_links::Purpose;
use crate::auth::Role;
use crate::error::FieldError;
use crate::i18n::Lang;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/users", aweb::get().to(list))
        .route("/users/new", aweb::get().to(new_form))
        .route("/users/new", aweb::post().to(invite))
        .route("/users/{id}", aweb::get().to(show))
        .route("/users/{id}", aweb::post().to(update))
        .route("/users/{id}/disable", aweb::post().to(disable))
        .route("/users/{id}/enable", aweb::post().to(enable))
        .route("/users/{id}/password-reset", aweb::post().to(password_reset))
        .route("/users/{id}/invitation", aweb::post().to(resend_invitation))
        .route("/users/{id}/tokens/{token}/revoke", aweb::post().to(revoke_token));
}

/// The fields' names, for the error summary.
fn field_labels(lang: Lang) -> Vec<(&'static str, String)> {
    [("name", "users-name"), ("email", "users-email"), ("role", "users-role"), ("city", "users-city")]
        .into_iter()
        .map(|(field, key)| (field, t!(lang, key)))
        .collect()
}

fn errors_view(errors: &[FieldError], lang: Lang) -> Value {
    let labels = field_labels(lang);
    let labels: Vec<(&str, &str)> = labels.iter().map(|(f, l)| (*f, l.as_str())).collect();
    form_errors_in(errors, &labels, lang)
}

/// The message key of a role's name.
fn role_name(r: Role) -> &'static str {
    match r {
        Role::Secretariat => "users-role-secretariat",
        Role::CityEditor => "users-role-city-editor",
        Role::Observer => "users-role-observer",
    }
}

/// `{class, label}` of an account's state; the label is a message key (`{{t state.label}}`).
fn state_tag(s: UserState) -> Value {
    match s {
        UserState::Active => json!({"class": "tag-green", "label": "users-state-active"}),
        UserState::Invited => json!({"class": "tag-yellow", "label": "users-state-invited"}),
        UserState::Disabled => json!({"class": "tag-grey", "label": "users-state-disabled"}),
    }
}

/// An account for the templates; `role` and `state.label` are message keys.
fn user_json(v: &UserView, lang: Lang) -> Value {
    json!({
        "id": v.user.id, "name": v.user.shown_name(), "email": v.user.email, "role": role_name(v.role),
        "city": v.city_name, "city_id": v.user.city_id, "state": state_tag(v.state),
        "created": labels::date(v.user.created_at.date(), lang),
    })
}

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<String>,
}

async fn list(req: HttpRequest, viewer: Viewer, q: aweb::Query<ListQuery>) -> PageResult {
    viewer.caller.can_read_network()?;
    let lang = lang(&req);
    let number = admin::page_number(q.page.as_deref(), lang)?;
    let (limit, offset) = admin::limits(number);
    let caller = viewer.caller.clone();
    let (users, total) = db(&req, move |c| commands::list(c, &caller, limit, offset)).await?;
    page(
        &req,
        "users",
        &t!(lang, "users-title"),
        json!({
            "users": users.iter().map(|u| user_json(u, lang)).collect::<Vec<_>>(), "total": total,
            "can_manage": viewer.caller.require_secretariat().is_ok(),
            "pagination": admin::pagination("/users", &[], number, total),
        }),
    )
}

/// The role radios and the city drop-down, with `role` and `city` chosen.
fn role_and_city(cities: &[(i64, String)], role: &str, city: &str, lang: Lang) -> Value {
    let hint = |r: Role| match r {
        Role::Secretariat => "users-role-secretariat-hint",
        Role::CityEditor => "users-role-city-editor-hint",
        Role::Observer => "users-role-observer-hint",
    };
    let roles: Vec<Value> = [Role::Secretariat, Role::CityEditor, Role::Observer]
        .iter()
        .map(|r| json!({"value": r.as_str(), "label": t!(lang, role_name(*r)), "hint": t!(lang, hint(*r)), "checked": r.as_str() == role}))
        .collect();
    let mut options = vec![json!({"value": "", "label": t!(lang, "users-no-city"), "selected": city.is_empty()})];
    options.extend(
        cities
            .iter()
            .map(|(id, name)| json!({"value": id.to_string(), "label": name, "selected": id.to_string() == city})),
    );
    json!({"roles": roles, "cities": options})
}

async fn city_names(req: &HttpRequest) -> Result<Vec<(i64, String)>, PageError> {
    db(req, |c| Ok(crate::cities::store::names(c)?)).await
}

struct NewForm {
    name: String,
    email: String,
    role: String,
    city: String,
}

fn new_page(
    req: &HttpRequest,
    status: StatusCode,
    cities: &[(i64, String)],
    f: &NewForm,
    errors: &[FieldError],
) -> PageResult {
    let days = super::web::state(req).settings.sign_in.invitation_days;
    let lang = lang(req);
    render(
        req,
        status,
        "user_new",
        &t!(lang, "users-invite"),
        json!({
            "name": f.name, "email": f.email, "choices": role_and_city(cities, &f.role, &f.city, lang), "days": days,
            "errors": errors_view(&anchored(errors.to_vec(), "user-form"), lang),
        }),
    )
}

async fn new_form(req: HttpRequest, viewer: Viewer) -> PageResult {
    viewer.caller.require_secretariat()?;
    let cities = city_names(&req).await?;
    new_page(
        &req,
        StatusCode::OK,
        &cities,
        &NewForm { name: String::new(), email: String::new(), role: String::new(), city: String::new() },
        &[],
    )
}

async fn invite(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    viewer.caller.require_secretariat()?;
    let cities = city_names(&req).await?;
    let f = NewForm {
        name: form.get("name").into(),
        email: form.get("email").into(),
        role: form.get("role").into(),
        city: form.get("city").into(),
    };
    if let Err(e) = form.check_csrf(&req) {
        return new_page(&req, StatusCode::UNPROCESSABLE_ENTITY, &cities, &f, &[e]);
    }
    let state = super::web::state(&req);
    let (settings, templates, now, caller) =
        (state.settings.clone(), state.templates.clone(), state.clock.now(), viewer.caller.clone());
    let input =
        NewUserInput { name: f.name.clone(), email: f.email.clone(), role: f.role.clone(), city: f.city.clone() };
    match db(&req, move |c| Ok(commands::invite(c, &settings, &templates, &caller, &input, now))).await? {
        Ok(user) => Ok(redirect_with_notice(
            &format!("/users/{}", user.id),
            &t!(
                lang(&req),
                "users-invited",
                name = user.shown_name(),
                email = user.email.as_str(),
                days = state.settings.sign_in.invitation_days
            ),
        )),
        Err(e) => {
            let r = refused(e, &t!(lang(&req), "users-conflict"))?;
            new_page(&req, r.status, &cities, &f, &r.errors)
        }
    }
}

/// The account page's forms as typed after a refusal: which form failed, and its values.
#[derive(Default)]
struct Again {
    status: Option<StatusCode>,
    name: Option<String>,
    role: Option<String>,
    city: Option<String>,
    version: Option<i32>,
    errors: Vec<FieldError>,
}

async fn detail_page(req: &HttpRequest, viewer: &Viewer, id: i64, again: Again) -> PageResult {
    let caller = viewer.caller.clone();
    let settings = super::web::state(req).settings.clone();
    let (d, cities, tz): (UserDetail, _, _) = db(req, move |c| {
        let d = commands::get(c, &caller, id)?;
        Ok((d, crate::cities::store::names(c)?, admin::network_tz(c, &settings)))
    })
    .await?;
    let v = &d.view;
    let lang = lang(req);
    let name = again.name.unwrap_or_else(|| v.user.name.clone());
    let role = again.role.unwrap_or_else(|| v.role.as_str().to_string());
    let city = again.city.unwrap_or_else(|| v.user.city_id.map(|c| c.to_string()).unwrap_or_default());
    let tokens: Vec<Value> = d
        .tokens
        .iter()
        .map(|t| json!({"id": t.id, "label": t.label, "created": admin::when(t.created_at, tz, lang), "revoked": t.revoked_at.map(|r| admin::when(r, tz, lang))}))
        .collect();
    let title = v.user.shown_name().to_string();
    render(
        req,
        again.status.unwrap_or(StatusCode::OK),
        "user",
        &title,
        json!({
            "user": user_json(v, lang), "is_self": v.user.id == viewer.caller.user_id,
            "disabled": v.state == UserState::Disabled, "invited": v.state == UserState::Invited,
            "can_manage": viewer.caller.require_secretariat().is_ok(),
            "form": {"name": name, "choices": role_and_city(&cities, &role, &city, lang), "version": again.version.unwrap_or(v.user.version)},
            "version": v.user.version, "tokens": tokens, "time_zone": tz.name(),
            "reset_minutes": super::web::state(req).settings.sign_in.reset_link_minutes,
            "errors": errors_view(&again.errors, lang),
        }),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    detail_page(&req, &viewer, id, Again::default()).await
}

/// Shows the account page again after a refused form, its errors linked to `anchor`.
async fn again(
    req: &HttpRequest,
    viewer: &Viewer,
    id: i64,
    r: Refused,
    anchor: &str,
    typed: Option<(&Form, i32)>,
) -> PageResult {
    let mut a = Again { status: Some(r.status), errors: anchored(r.errors, anchor), ..Default::default() };
    if let Some((form, version)) = typed {
        a.name = Some(form.get("name").into());
        a.role = Some(form.get("role").into());
        a.city = Some(form.get("city").into());
        a.version = Some(r.version.unwrap_or(version));
    }
    detail_page(req, viewer, id, a).await
}

async fn update(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let id = crate::http::id_param(&id)?;
    viewer.caller.require_secretariat()?;
    let expected = form_version(&form)?;
    if let Err(e) = form.check_csrf(&req) {
        return again(&req, &viewer, id, admin::expired(e), "user-form", Some((&form, expected))).await;
    }
    let input =
        UserChangeInput { name: form.get("name").into(), role: form.get("role").into(), city: form.get("city").into() };
    let caller = viewer.caller.clone();
    match db(&req, move |c| Ok(commands::update(c, &caller, id, expected, &input))).await? {
        Ok(user) => {
            Ok(redirect_with_notice(&format!("/users/{id}"), &t!(lang(&req), "users-saved", name = user.shown_name())))
        }
        Err(e) => {
            let r = refused(e, &t!(lang(&req), "users-conflict"))?;
            again(&req, &viewer, id, r, "user-form", Some((&form, expected))).await
        }
    }
}

async fn set_disabled(
    req: HttpRequest,
    viewer: Viewer,
    id: aweb::Path<String>,
    form: Form,
    disabled: bool,
) -> PageResult {
    let id = crate::http::id_param(&id)?;
    viewer.caller.require_secretariat()?;
    let expected = form_version(&form)?;
    if let Err(e) = form.check_csrf(&req) {
        return again(&req, &viewer, id, admin::expired(e), "access-form", None).await;
    }
    let caller = viewer.caller.clone();
    match db(&req, move |c| Ok(commands::set_disabled(c, &caller, id, expected, disabled))).await? {
        Ok(user) => {
            let key = if disabled { "users-disabled" } else { "users-enabled" };
            let notice = t!(lang(&req), key, name = user.shown_name());
            Ok(redirect_with_notice(&format!("/users/{id}"), &notice))
        }
        Err(e) => again(&req, &viewer, id, refused(e, &t!(lang(&req), "users-conflict"))?, "access-form", None).await,
    }
}

async fn disable(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    set_disabled(req, viewer, id, form, true).await
}

async fn enable(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    set_disabled(req, viewer, id, form, false).await
}

async fn send_link(
    req: HttpRequest,
    viewer: Viewer,
    id: aweb::Path<String>,
    form: Form,
    purpose: Purpose,
) -> PageResult {
    let id = crate::http::id_param(&id)?;
    viewer.caller.require_secretariat()?;
    if let Err(e) = form.check_csrf(&req) {
        return again(&req, &viewer, id, admin::expired(e), "links-form", None).await;
    }
    let state = super::web::state(&req);
    let (settings, templates, now, caller) =
        (state.settings.clone(), state.templates.clone(), state.clock.now(), viewer.caller.clone());
    match db(&req, move |c| Ok(commands::send_link(c, &settings, &templates, &caller, id, purpose, now))).await? {
        Ok(user) => {
            let notice = match purpose {
                Purpose::Reset => t!(
                    lang(&req),
                    "users-reset-sent",
                    email = user.email.as_str(),
                    minutes = state.settings.sign_in.reset_link_minutes
                ),
                Purpose::Invitation => t!(
                    lang(&req),
                    "users-invitation-sent",
                    email = user.email.as_str(),
                    days = state.settings.sign_in.invitation_days
                ),
            };
            Ok(redirect_with_notice(&format!("/users/{id}"), &notice))
        }
        Err(e) => again(&req, &viewer, id, refused(e, &t!(lang(&req), "users-conflict"))?, "links-form", None).await,
    }
}

async fn password_reset(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    send_link(req, viewer, id, form, Purpose::Reset).await
}

async fn resend_invitation(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    send_link(req, viewer, id, form, Purpose::Invitation).await
}

async fn revoke_token(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>, form: Form) -> PageResult {
    let (id, token) = (crate::http::id_param(&path.0)?, crate::http::id_param(&path.1)?);
    viewer.caller.require_secretariat()?;
    if let Err(e) = form.check_csrf(&req) {
        return again(&req, &viewer, id, admin::expired(e), "tokens", None).await;
    }
    let (caller, now) = (viewer.caller.clone(), super::web::now(&req));
    let revoked = db(&req, move |c| commands::revoke_token(c, &caller, id, token, now)).await?;
    let notice = if revoked.label.is_empty() {
        t!(lang(&req), "users-token-revoked-notice")
    } else {
        t!(lang(&req), "users-token-revoked-notice-label", label = revoked.label.as_str())
    };
    Ok(redirect_with_notice(&format!("/users/{id}"), &notice))
}
