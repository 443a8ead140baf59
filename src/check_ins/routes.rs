//! Check-in HTTP routes: the schedule, rounds, a round's check-ins, the form (by id for
//! signed-in users, or by the emailed link's token without a password), drafts, submission,
//! extensions, and the iCalendar feed.

use super::calendar::{FeedInfo, Issued};
use super::content::CheckInContent;
use super::store::{self, Form};
use super::{commands, rounds, CheckIn, ExtendInput, Round, ScheduleInput, ScheduleOut};
use crate::app::AppState;
use crate::auth::{Caller, Role};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::{db, id_param, Json, Page, PageQuery};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/schedule", web::get().to(get_schedule))
        .route("/schedule", web::put().to(put_schedule))
        .route("/rounds", web::get().to(list_rounds))
        .route("/rounds", web::post().to(open_round))
        .route("/rounds/{id}", web::get().to(get_round))
        .route("/rounds/{id}/check-ins", web::get().to(round_check_ins))
        .route("/cities/{id}/check-ins", web::get().to(city_check_ins))
        .route("/cities/{id}/check-ins.ics", web::get().to(city_calendar))
        .route("/cities/{id}/calendar-link", web::get().to(get_calendar_link))
        .route("/cities/{id}/calendar-link", web::post().to(issue_calendar_link))
        .route("/cities/{id}/calendar-link", web::delete().to(revoke_calendar_link))
        .route("/check-ins/{id}", web::get().to(get_check_in))
        .route("/check-ins/{id}/draft", web::put().to(save_draft))
        .route("/check-ins/{id}/submit", web::post().to(submit))
        .route("/check-ins/{id}/extend", web::post().to(extend))
        .route("/check-ins/{id}/review", web::post().to(review))
        .route("/reviews", web::get().to(review_queue))
        .route("/check-in-links/{token}", web::get().to(link_form))
        .route("/check-in-links/{token}/draft", web::put().to(link_save_draft))
        .route("/check-in-links/{token}/submit", web::post().to(link_submit));
}

/// The check-in schedule in force and the next rounds it will open.
#[utoipa::path(get, path = "/api/v1/schedule", tag = "check-ins", security(("bearer" = [])),
    responses((status = 200, body = ScheduleOut), (status = 401, body = Problem)))]
pub async fn get_schedule(state: web::Data<AppState>, _caller: Caller) -> ApiResult<HttpResponse> {
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| commands::schedule_in_force(c, &settings, now)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Changes the check-in schedule (secretariat). An invalid expression or zone is refused.
#[utoipa::path(put, path = "/api/v1/schedule", tag = "check-ins", security(("bearer" = [])), request_body = ScheduleInput,
    responses((status = 200, body = ScheduleOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn put_schedule(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<ScheduleInput>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let now = state.clock.now();
    let out = db(&state.pool, move |c| commands::set_schedule(c, &caller, &body.0, now)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Check-in rounds, newest first.
#[utoipa::path(get, path = "/api/v1/rounds", tag = "check-ins", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Round>), (status = 401, body = Problem)))]
pub async fn list_rounds(
    state: web::Data<AppState>,
    _caller: Caller,
    q: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let (limit, offset) = q.limits()?;
    let (items, total) = db(&state.pool, move |c| {
        let (rows, total) = commands::rounds(c, limit, offset)?;
        Ok((rows.into_iter().map(Round::from).collect::<Vec<_>>(), total))
    })
    .await?;
    Ok(HttpResponse::Ok().json(Page::new(items, &q, total)))
}

/// Opens a check-in round now (secretariat), when none is open: it covers the days since the
/// schedule's previous firing up to yesterday, and its emails go out at once. A network's first
/// round need not wait for the schedule. 409 says why a round cannot open now.
#[utoipa::path(post, path = "/api/v1/rounds", tag = "check-ins", security(("bearer" = [])),
    responses((status = 201, body = Round), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn open_round(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let st = state.clone();
    let round = db(&state.pool, move |c| {
        let env = crate::scheduler::Env { settings: &st.settings, templates: &st.templates };
        commands::open_round_now(c, &env, &caller, now)
    })
    .await?;
    Ok(HttpResponse::Created().json(Round::from(round)))
}

/// One round.
#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Round), (status = 404, body = Problem)))]
pub async fn get_round(state: web::Data<AppState>, _caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let round = db(&state.pool, move |c| {
        rounds::get(c, id)?.map(Round::from).ok_or_else(|| ApiError::not_found(format!("no round with id {id}")))
    })
    .await?;
    Ok(HttpResponse::Ok().json(round))
}

/// A round's check-ins with their state; a city editor sees only their own city's.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/check-ins", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CheckIn>), (status = 404, body = Problem)))]
pub async fn round_check_ins(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let settings = state.settings.clone();
    let list = db(&state.pool, move |c| {
        rounds::get(c, id)?.ok_or_else(|| ApiError::not_found(format!("no round with id {id}")))?;
        let only = (caller.role == Role::CityEditor).then(|| caller.city_id.unwrap_or(-1));
        Ok(store::for_round(c, &settings, id, only)?.into_iter().map(|ci| ci.seen_by(&caller)).collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A city's check-ins, newest round first.
#[utoipa::path(get, path = "/api/v1/cities/{id}/check-ins", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CheckIn>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn city_check_ins(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_read_city(city_id)?;
    let settings = state.settings.clone();
    let list = db(&state.pool, move |c| {
        crate::cities::store::require(c, city_id)?;
        Ok(store::for_city(c, &settings, city_id)?.into_iter().map(|ci| ci.seen_by(&caller)).collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The city's check-in due dates as an iCalendar feed.
#[utoipa::path(get, path = "/api/v1/cities/{id}/check-ins.ics", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "text/calendar"), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn city_calendar(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let body = db(&state.pool, move |c| commands::city_calendar(c, &settings, &caller, city_id, now)).await?;
    Ok(HttpResponse::Ok().content_type("text/calendar; charset=utf-8").body(body))
}

/// Who made the city's secret calendar address and when (the city's editors and the
/// secretariat); 404 when it has none. The address itself is shown only when it is made.
#[utoipa::path(get, path = "/api/v1/cities/{id}/calendar-link", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = FeedInfo), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_calendar_link(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    let info = db(&state.pool, move |c| commands::require_calendar_link(c, &caller, city_id)).await?;
    Ok(HttpResponse::Ok().json(info))
}

/// Makes the city's secret calendar address (a random token in the path) that calendar apps
/// subscribe to without signing in; any earlier address stops working. The URL is in this
/// answer only.
#[utoipa::path(post, path = "/api/v1/cities/{id}/calendar-link", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 201, body = Issued), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn issue_calendar_link(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let issued = db(&state.pool, move |c| commands::issue_calendar_link(c, &settings, &caller, city_id, now)).await?;
    Ok(HttpResponse::Created().json(issued))
}

/// Revokes the city's calendar address: calendars subscribed to it stop updating.
#[utoipa::path(delete, path = "/api/v1/cities/{id}/calendar-link", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke_calendar_link(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    db(&state.pool, move |c| commands::revoke_calendar_link(c, &caller, city_id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A check-in with everything its form shows: the city's plans, actions, commitments, draft.
#[utoipa::path(get, path = "/api/v1/check-ins/{id}", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Form), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_check_in(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let form = db(&state.pool, move |c| {
        let f = store::get(c, &settings, id)?;
        caller.can_read_city(f.check_in.city_id)?;
        Ok(store::form(c, &settings, id, now)?.seen_by(&caller))
    })
    .await?;
    Ok(HttpResponse::Ok().json(form))
}

/// The body of a draft save or a submission.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInInput {
    /// The check-in's version you read.
    pub version: i32,
    /// The form's content; on submit, the saved draft is submitted when this is absent.
    pub content: Option<CheckInContent>,
}

/// Saves the form as a draft.
#[utoipa::path(put, path = "/api/v1/check-ins/{id}/draft", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CheckInInput,
    responses((status = 200, body = CheckIn), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn save_draft(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CheckInInput>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| {
        let opened = commands::open_signed_in(c, &settings, &caller, id)?;
        let content = body.0.content.unwrap_or_default();
        Ok(commands::save_draft(c, &settings, &opened, body.0.version, &content, now)?.check_in)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Submits the check-in: the actions are updated and this round's reminders stop.
#[utoipa::path(post, path = "/api/v1/check-ins/{id}/submit", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CheckInInput,
    responses((status = 200, body = CheckIn), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CheckInInput>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| {
        let opened = commands::open_signed_in(c, &settings, &caller, id)?;
        Ok(commands::submit(c, &settings, &opened, body.0.version, body.0.content.as_ref(), now)?.check_in)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Gives one city more time (secretariat).
#[utoipa::path(post, path = "/api/v1/check-ins/{id}/extend", tag = "check-ins", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ExtendInput,
    responses((status = 200, body = CheckIn), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn extend(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ExtendInput>,
) -> ApiResult<HttpResponse> {
    caller.require_secretariat()?;
    let id = id_param(&id)?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| commands::extend(c, &settings, &caller, id, &body.0, None, now)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Reviews a submitted check-in (secretariat): `accept`, or `request_changes` with a comment on
/// the whole and/or on actions' reports; the city's contacts are emailed the comments and a link
/// back to the form, which then works after the round has closed. Send the version you read.
#[utoipa::path(post, path = "/api/v1/check-ins/{id}/review", tag = "check-ins", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = super::review::ReviewInput,
    responses((status = 200, body = CheckIn), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn review(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<super::review::ReviewInput>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let now = state.clock.now();
    let st = state.clone();
    let out = db(&state.pool, move |c| {
        let env = crate::scheduler::Env { settings: &st.settings, templates: &st.templates };
        commands::review(c, &env, &caller, id, &body.0, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Check-ins waiting for the secretariat's review, the longest waiting first (secretariat).
#[utoipa::path(get, path = "/api/v1/reviews", tag = "check-ins", security(("bearer" = [])),
    responses((status = 200, body = Vec<super::review::Waiting>), (status = 403, body = Problem)))]
pub async fn review_queue(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let list = db(&state.pool, move |c| commands::review_queue(c, &caller, now)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The form an emailed link opens, without a password.
#[utoipa::path(get, path = "/api/v1/check-in-links/{token}", tag = "check-ins", params(("token" = String, Path)),
    responses((status = 200, body = Form), (status = 404, body = Problem), (status = 410, body = Problem)))]
pub async fn link_form(state: web::Data<AppState>, token: web::Path<String>) -> ApiResult<HttpResponse> {
    let settings = state.settings.clone();
    let now = state.clock.now();
    let form = db(&state.pool, move |c| {
        let opened = commands::open_by_link(c, &token, now)?;
        store::form(c, &settings, opened.id(), now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(form))
}

/// Saves a draft through an emailed link.
#[utoipa::path(put, path = "/api/v1/check-in-links/{token}/draft", tag = "check-ins", params(("token" = String, Path)), request_body = CheckInInput,
    responses((status = 200, body = CheckIn), (status = 404, body = Problem), (status = 409, body = Problem), (status = 410, body = Problem), (status = 422, body = Problem)))]
pub async fn link_save_draft(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: Json<CheckInInput>,
) -> ApiResult<HttpResponse> {
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| {
        let opened = commands::open_by_link(c, &token, now)?;
        let content = body.0.content.unwrap_or_default();
        Ok(commands::save_draft(c, &settings, &opened, body.0.version, &content, now)?.check_in)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Submits through an emailed link; the submission is recorded under the contact's name.
#[utoipa::path(post, path = "/api/v1/check-in-links/{token}/submit", tag = "check-ins", params(("token" = String, Path)), request_body = CheckInInput,
    responses((status = 200, body = CheckIn), (status = 404, body = Problem), (status = 409, body = Problem), (status = 410, body = Problem), (status = 422, body = Problem)))]
pub async fn link_submit(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: Json<CheckInInput>,
) -> ApiResult<HttpResponse> {
    let settings = state.settings.clone();
    let now = state.clock.now();
    let out = db(&state.pool, move |c| {
        let opened = commands::open_by_link(c, &token, now)?;
        Ok(commands::submit(c, &settings, &opened, body.0.version, body.0.content.as_ref(), now)?.check_in)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}
