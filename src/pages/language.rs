//! The language switcher (a link per language, no JavaScript: the choice is kept in a cookie)
//! and the account page's language preference.

use super::web::{self, db, redirect, redirect_with_notice, safe_next, Form, PageResult, Viewer, LANG_COOKIE};
use crate::auth::commands;
use crate::i18n::{messages, Lang};
use crate::t;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/language/{tag}", aweb::get().to(switch)).route("/account/language", aweb::post().to(set_preference));
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// `GET /language/fr?next=/cities/3`: remembers French for a year and goes back to the page.
/// A language we do not offer is a "Page not found" (the switcher only links offered ones).
async fn switch(req: HttpRequest, tag: aweb::Path<String>, q: aweb::Query<Next>) -> PageResult {
    let Some(lang) = Lang::from_tag(&tag).filter(|l| messages::is_offered(*l)) else {
        return Err(web::PageError::NotFound(t!(web::lang(&req), "language-not-offered", tag = tag.as_str())));
    };
    let secure = web::state(&req).settings.served_over_tls();
    let cookie = Cookie::build(LANG_COOKIE, lang.tag())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish();
    let mut res = redirect(&safe_next(q.next.as_deref()));
    let _ = res.add_cookie(&cookie);
    Ok(res)
}

/// `POST /account/language`: the signed-in person's language, kept with their account so it
/// follows them to other devices. The notice is in the language just chosen.
async fn set_preference(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    let lang = web::lang(&req);
    if form.check_csrf(&req).is_err() {
        return Err(web::PageError::BadRequest(t!(lang, "language-form-expired")));
    }
    let chosen = form.get("language").to_string();
    let caller = viewer.caller.clone();
    let typed = chosen.clone();
    match db(&req, move |c| commands::set_own_language(c, &caller, &typed)).await {
        Ok(()) => {}
        Err(web::PageError::BadRequest(_)) => {
            return Err(web::PageError::BadRequest(t!(lang, "language-not-offered", tag = chosen.as_str())))
        }
        Err(e) => return Err(e),
    }
    let now = Lang::from_tag(&chosen).unwrap_or(lang);
    Ok(redirect_with_notice("/account", &t!(now, "language-saved")))
}
