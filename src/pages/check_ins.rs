//! A city's check-ins, round by round: what was asked, by when, and what happened.

use super::labels;
use super::web::{self, db, page, PageResult, Viewer};
use crate::check_ins::CheckInState;
use actix_web::{web as aweb, HttpRequest};
use serde_json::json;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}/check-ins", aweb::get().to(for_city));
}

async fn for_city(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let lang = web::lang(&req);
    let city_id = crate::http::id_param(&id)?;
    viewer.caller.can_read_city(city_id)?;
    let can_edit = viewer.caller.can_edit_city(city_id).is_ok();
    let state = web::state(&req);
    let (settings, now) = (state.settings.clone(), state.clock.now().naive_utc());
    let caller = viewer.caller.clone();
    let (city, list) = db(&req, move |c| {
        let city = crate::cities::store::require(c, city_id)?;
        let list = crate::check_ins::store::for_city(c, &settings, city_id)?;
        Ok((city, list.into_iter().map(|ci| ci.seen_by(&caller)).collect::<Vec<_>>()))
    })
    .await?;
    let rows: Vec<_> = list
        .iter()
        .map(|ci| {
            let open = matches!(ci.state, CheckInState::Open | CheckInState::Draft | CheckInState::Extended);
            let overdue = open && now > ci.due_at;
            json!({
                "id": ci.id, "round": ci.round_label, "due": ci.due_date.to_string(), "open": open && can_edit,
                "tag": labels::check_in_tag(ci.state, ci.late, overdue, lang), "extension": ci.extension_reason,
                "submitted": ci.submitted_at.map(|t| t.date().to_string()), "by": ci.submitted_by,
            })
        })
        .collect();
    page(
        &req,
        "city_check_ins",
        &crate::t!(lang, "city-check-ins-title", city = city.name.as_str()),
        json!({"city": {"id": city.id, "name": city.name}, "check_ins": rows}),
    )
}
