//! The city's secret calendar address: the page where its editors make, remake or revoke it
//! (`/cities/{id}/calendar`), and the feed itself (`/calendar/<token>.ics`), which calendar
//! apps fetch without signing in. The rules live in `check_ins::calendar` and
//! `check_ins::commands`.

use super::web::{self, db, page, redirect_with_notice, Form, PageError, PageResult, Viewer};
use crate::check_ins::commands;
use actix_web::{web as aweb, HttpRequest, HttpResponse};
use serde_json::json;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/calendar/{file}", aweb::get().to(feed))
        .route("/cities/{id}/calendar", aweb::get().to(show))
        .route("/cities/{id}/calendar", aweb::post().to(change));
}

async fn feed(req: HttpRequest, file: aweb::Path<String>) -> PageResult {
    let Some(token) = file.strip_suffix(".ics").map(str::to_owned) else {
        return Err(PageError::NotFound("no such calendar".into()));
    };
    let state = web::state(&req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let body = db(&req, move |c| commands::calendar_by_token(c, &settings, &token, now)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "private, max-age=900"))
        .insert_header(("X-Robots-Tag", "noindex"))
        .body(body))
}

/// The page, with the address when it was just made (the only time it is shown).
async fn render(req: &HttpRequest, viewer: &Viewer, city_id: i64, issued: Option<String>) -> PageResult {
    let lang = web::lang(req);
    let caller = viewer.caller.clone();
    let tz = web::state(req).settings.time_zone();
    let (city, info) = db(req, move |c| {
        let info = commands::calendar_link(c, &caller, city_id)?;
        Ok((crate::cities::store::require(c, city_id)?, info))
    })
    .await?;
    let info = info.map(|i| {
        let at = i.created_at.and_utc().with_timezone(&tz);
        json!({"by": i.created_by, "on_date": at.date_naive().to_string(), "on_time": at.format("%H:%M").to_string()})
    });
    page(
        req,
        "calendar",
        &crate::t!(lang, "city-calendar-title", city = city.name.as_str()),
        json!({"city": {"id": city.id, "name": city.name}, "info": info, "issued": issued}),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    render(&req, &viewer, city_id, None).await
}

async fn change(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    if form.check_csrf(&req).is_err() {
        // An expired form: show the page again, with a fresh token, and change nothing.
        return render(&req, &viewer, city_id, None).await;
    }
    let state = web::state(&req);
    let (settings, caller, now) = (state.settings.clone(), viewer.caller.clone(), state.clock.now());
    match form.get("intent") {
        "revoke" => {
            db(&req, move |c| commands::revoke_calendar_link(c, &caller, city_id)).await?;
            Ok(redirect_with_notice(
                &format!("/cities/{city_id}/calendar"),
                &crate::t!(web::lang(&req), "city-calendar-revoked"),
            ))
        }
        "issue" => {
            let issued = db(&req, move |c| commands::issue_calendar_link(c, &settings, &caller, city_id, now)).await?;
            render(&req, &viewer, city_id, Some(issued.url)).await
        }
        other => Err(PageError::BadRequest(format!("`{other}` is not something this form does; use its buttons"))),
    }
}
