//! `/api/v1/peer-reviews` and `/api/v1/recommendations/{id}`.

use super::{
    commands, AgreementInput, PeerReview, PeerReviewInput, Recommendation, RecommendationInput, ResponseInput,
    ToActionInput, TurnedIntoAction,
};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json, Page, PageQuery};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/peer-reviews", web::get().to(list_reviews))
        .route("/peer-reviews", web::post().to(create_review))
        .route("/peer-reviews/{id}", web::get().to(get_review))
        .route("/peer-reviews/{id}", web::patch().to(update_review))
        .route("/peer-reviews/{id}/summary-agreement", web::put().to(agree_summary))
        .route("/peer-reviews/{id}/recommendations", web::post().to(add_recommendation))
        .route("/recommendations/{id}", web::get().to(get_recommendation))
        .route("/recommendations/{id}", web::patch().to(update_recommendation))
        .route("/recommendations/{id}/response", web::put().to(respond))
        .route("/recommendations/{id}/action", web::post().to(to_action));
}

/// The peer reviews the caller may see (a city editor: those its city hosts or reviews), the
/// latest visit first. The reviewing people are `null` for observers.
#[utoipa::path(get, path = "/api/v1/peer-reviews", tag = "peer reviews", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Page<PeerReview>), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn list_reviews(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let (limit, offset) = q.limits()?;
    let (items, total) = db(&state.pool, move |c| commands::list(c, &caller, limit, offset)).await?;
    Ok(HttpResponse::Ok().json(Page::new(items, &q, total)))
}

/// Records a peer review (the secretariat).
#[utoipa::path(post, path = "/api/v1/peer-reviews", tag = "peer reviews", security(("bearer" = [])),
    request_body = PeerReviewInput,
    responses((status = 201, body = PeerReview), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_review(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PeerReviewInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let r = db(&state.pool, move |c| commands::create(c, &caller, &body.0, now)).await?;
    Ok(versioned(StatusCode::CREATED, &r, r.version))
}

/// One peer review, with its recommendations and what became of them.
#[utoipa::path(get, path = "/api/v1/peer-reviews/{id}", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = PeerReview), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_review(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let r = db(&state.pool, move |c| commands::get(c, &caller, id)).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

/// Changes a peer review (the secretariat): dates, state, team, commitments in focus, findings,
/// summary. Send the version you read (`version` or If-Match); a stale one gets 409, and so
/// does moving the state back or changing a closed review.
#[utoipa::path(patch, path = "/api/v1/peer-reviews/{id}", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = PeerReviewInput,
    responses((status = 200, body = PeerReview), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn update_review(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<PeerReviewInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let r = db(&state.pool, move |c| commands::update(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

/// Records whether the host agrees to publish the summary (the host's editors or the
/// secretariat). The summary is public once agreed, if the host city has a public page.
#[utoipa::path(put, path = "/api/v1/peer-reviews/{id}/summary-agreement", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = AgreementInput,
    responses((status = 200, body = PeerReview), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn agree_summary(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<AgreementInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let r = db(&state.pool, move |c| commands::agree(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

/// Adds a recommendation on one of the review's commitments in focus (the secretariat; once
/// the visit took place, and not after the review is closed).
#[utoipa::path(post, path = "/api/v1/peer-reviews/{id}/recommendations", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = RecommendationInput,
    responses((status = 201, body = Recommendation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn add_recommendation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<RecommendationInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let r = db(&state.pool, move |c| commands::add_recommendation(c, &caller, id, &body.0, now)).await?;
    Ok(versioned(StatusCode::CREATED, &r, r.version))
}

/// One recommendation, its response and the action it became (with that action's status and
/// progress).
#[utoipa::path(get, path = "/api/v1/recommendations/{id}", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Recommendation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_recommendation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let r = db(&state.pool, move |c| commands::get_recommendation(c, &caller, id)).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

/// Changes a recommendation's commitment or text (the secretariat); send the version you read.
#[utoipa::path(patch, path = "/api/v1/recommendations/{id}", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = RecommendationInput,
    responses((status = 200, body = Recommendation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
pub async fn update_recommendation(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<RecommendationInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version);
    let r = db(&state.pool, move |c| commands::update_recommendation(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

/// Records the host's response to a recommendation (the host's editors or the secretariat):
/// accepted, partly or not_accepted, with a note. A first response needs no version; changing
/// a response needs the version you read (`version` or If-Match), else 409.
#[utoipa::path(put, path = "/api/v1/recommendations/{id}/response", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ResponseInput,
    responses((status = 200, body = Recommendation), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn respond(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ResponseInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let version = match (body.0.version, req.headers().get(header::IF_MATCH)) {
        (Some(v), _) => Some(v),
        (None, Some(_)) => Some(expected_version(&req, None)?),
        (None, None) => None,
    };
    let r = db(&state.pool, move |c| commands::respond(c, &caller, id, version, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

/// Turns an accepted (or partly accepted) recommendation into an action of the host's plan,
/// under its commitment, linked both ways; the action's progress then shows on the
/// recommendation. 422 if the host has no plan under the review's framework or did not accept
/// the recommendation; 409 if it already became an action.
#[utoipa::path(post, path = "/api/v1/recommendations/{id}/action", tag = "peer reviews", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ToActionInput,
    responses((status = 201, body = TurnedIntoAction), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn to_action(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ToActionInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let done = db(&state.pool, move |c| commands::to_action(c, &caller, id, &body.0, now)).await?;
    Ok(HttpResponse::Created().json(done))
}
