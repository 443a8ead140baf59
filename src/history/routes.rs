//! `GET /api/v1/{kind}/{id}/history`.

use super::{for_object, Entry, Kind};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::{db, id_param};
use actix_web::{web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/{kind}/{id}/history", web::get().to(object_history));
}

/// Every recorded change of a city, plan, action, contact, indicator value, peer review or
/// recommendation, oldest first.
#[utoipa::path(get, path = "/api/v1/{kind}/{id}/history", tag = "history", security(("bearer" = [])),
    params(("kind" = String, Path, description = "cities, plans, actions, contacts, indicator-values, peer-reviews or recommendations"), ("id" = i64, Path)),
    responses((status = 200, body = Vec<Entry>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn object_history(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (kind_raw, id_raw) = path.into_inner();
    let kind = Kind::from_plural(&kind_raw).ok_or_else(|| {
        ApiError::not_found(format!(
            "`{kind_raw}` has no history; accepted: cities, plans, actions, contacts, indicator-values, peer-reviews, recommendations"
        ))
    })?;
    let id = id_param(&id_raw)?;
    let entries = db(&state.pool, move |c| {
        let (entries, city) = for_object(c, kind, id)?;
        if entries.is_empty() {
            return Err(ApiError::not_found(format!("no history for {} {id}", kind.as_str())));
        }
        // Reviewing cities' editors read a review of another city: its own rule decides.
        if matches!(kind, Kind::PeerReview | Kind::Recommendation) {
            crate::peer_reviews::commands::may_read_history(c, &caller, kind, id)?;
            return Ok(entries);
        }
        let entries = match city {
            Some(city) => entries.into_iter().map(|e| e.seen_by(&caller, city)).collect(),
            None => entries,
        };
        if let Some(city) = city {
            caller.can_read_city(city)?;
            // A contact's history holds its names and email addresses (personal data).
            if kind == Kind::Contact && !caller.may_see_personal_data(city) {
                return Err(ApiError::Forbidden(
                    "a contact's history holds personal data, for the secretariat and the city's editors".into(),
                ));
            }
        }
        Ok(entries)
    })
    .await?;
    Ok(HttpResponse::Ok().json(entries))
}
