//! Peer reviews (the Charter's DC3, "peer reviews and other forms of mutual learning"): other
//! cities review a host city on some commitments of one framework, record findings and
//! recommendations per commitment, and a summary the host agrees to publish. The host responds
//! to each recommendation (accepted, partly, not accepted) and can turn it into an action of its
//! plan, whose progress the normal check-ins then follow.
//!
//! Who may: the secretariat records reviews, findings and recommendations; the host's editors
//! respond, turn recommendations into actions and agree to the summary; the reviewing cities'
//! editors read the review; observers read it without the reviewing people (personal data);
//! the public reads the agreed summary of a review whose host city has a public page. The rules
//! live in `commands`; `store` reads and writes; `routes` is the API.

pub mod commands;
pub mod routes;
pub mod store;

use crate::actions::ActionStatus;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_enum! {
    /// Where a review stands: planned, the visit took place, its report is written, closed
    /// (every recommendation has the host's response). It only moves forward.
    ReviewState { Planned = "planned", Visited = "visited", Reported = "reported", Closed = "closed" }
}

impl ReviewState {
    fn rank(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// Whether a review may move from `self` to `to` (the same state, or a later one).
    pub fn may_become(self, to: ReviewState) -> bool {
        to.rank() >= self.rank()
    }
}

crate::text_enum! {
    /// The host city's response to a recommendation.
    Response { Accepted = "accepted", Partly = "partly", NotAccepted = "not_accepted" }
}

impl Response {
    /// Whether a recommendation with this response may become an action.
    pub fn may_become_action(self) -> bool {
        self != Response::NotAccepted
    }
}

/// A city taking part in a review.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CityRef {
    pub id: i64,
    pub name: String,
    /// Whether the city has a public page.
    pub public: bool,
}

/// A member of the reviewing team (personal data).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Person {
    pub name: String,
    pub organisation: String,
    /// The city the person comes from, if any.
    pub city_id: Option<i64>,
    /// Their role in the review (peer, expert, coordinator...).
    pub role: String,
}

/// A commitment in focus, with the review's findings on it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Focus {
    pub commitment: String,
    pub text: String,
    pub findings: String,
}

/// The action a recommendation became, as it stands now (its progress comes from the host's
/// updates and check-ins).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ActionOutcome {
    pub id: i64,
    pub title: String,
    pub status: ActionStatus,
    /// 0 to 100.
    pub progress: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// A recommendation and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Recommendation {
    pub id: i64,
    pub peer_review_id: i64,
    pub host_city_id: i64,
    /// Commitment code, one of the review's commitments in focus.
    pub commitment: String,
    pub text: String,
    /// The host's response; none yet until it responds.
    pub response: Option<Response>,
    pub response_note: String,
    /// Who recorded the response.
    pub responded_by: Option<String>,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub responded_at: Option<NaiveDateTime>,
    /// The action of the host's plan it became, if it did.
    pub action_id: Option<i64>,
    pub action: Option<ActionOutcome>,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// A peer review as the API shows it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PeerReview {
    pub id: i64,
    pub host: CityRef,
    /// Framework code.
    pub framework: String,
    pub state: ReviewState,
    pub reviewing_cities: Vec<CityRef>,
    /// The reviewing people; `null` for those who may not see personal data (observers).
    pub people: Option<Vec<Person>>,
    /// The commitments in focus, in the framework's order, with the findings.
    pub commitments: Vec<Focus>,
    #[schema(value_type = Option<String>, format = Date)]
    pub visit_from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub visit_to: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub report_date: Option<NaiveDate>,
    pub summary: String,
    /// The host agreed to publish the summary.
    pub summary_agreed: bool,
    pub summary_agreed_by: Option<String>,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub summary_agreed_at: Option<NaiveDateTime>,
    /// The public can read the summary: agreed, not empty, and the host has a public page.
    pub summary_public: bool,
    pub recommendations: Vec<Recommendation>,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

impl PeerReview {
    /// Whether the public may read this review's page.
    pub fn is_public(&self) -> bool {
        self.summary_agreed && self.host.public && !self.summary.trim().is_empty()
    }

    /// The review as its history records it: without the recommendations, which have their own.
    pub fn record(&self) -> PeerReview {
        PeerReview { recommendations: vec![], ..self.clone() }
    }
}

/// A member of the reviewing team, as sent.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// 1 to 200 characters.
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    /// The city the person comes from, if any.
    #[serde(default)]
    pub city_id: Option<i64>,
    #[serde(default)]
    pub role: String,
}

/// The findings on one commitment in focus.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingInput {
    /// Commitment code, one of the review's commitments in focus.
    pub commitment: String,
    /// The findings (replaces what was there); empty clears them.
    pub findings: String,
}

/// The body of `POST /api/v1/peer-reviews` and `PATCH /api/v1/peer-reviews/{id}`. Creating
/// needs `host_city_id`, `framework`, `reviewing_city_ids` and `commitments`; on PATCH every
/// field is optional (absent ones keep their value), `version` (or If-Match) is required, and the
/// host and framework cannot change.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerReviewInput {
    pub version: Option<i32>,
    pub host_city_id: Option<i64>,
    /// Framework code, e.g. eurocities-integrating-cities.
    pub framework: Option<String>,
    /// One or more cities other than the host.
    pub reviewing_city_ids: Option<Vec<i64>>,
    /// Replaces the team.
    pub people: Option<Vec<PersonInput>>,
    /// Commitment codes of the framework (one or more); replaces the list, keeping the findings
    /// of commitments still in it.
    pub commitments: Option<Vec<String>>,
    /// Findings per commitment in focus; commitments not named keep theirs.
    pub findings: Option<Vec<FindingInput>>,
    /// YYYY-MM-DD; null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub visit_from: Option<Option<String>>,
    /// YYYY-MM-DD, not before visit_from; null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub visit_to: Option<Option<String>>,
    /// YYYY-MM-DD, not before visit_from; null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub report_date: Option<Option<String>>,
    /// planned (default), visited (needs visit_from), reported (needs report_date) or closed
    /// (every recommendation has a response); only forward.
    pub state: Option<String>,
    /// The summary the host may agree to publish; changing it withdraws an earlier agreement.
    pub summary: Option<String>,
}

/// The body of `POST /api/v1/peer-reviews/{id}/recommendations` and
/// `PATCH /api/v1/recommendations/{id}` (there every field is optional and `version` required).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationInput {
    pub version: Option<i32>,
    /// Commitment code, one of the review's commitments in focus.
    pub commitment: Option<String>,
    /// 1 to 4000 characters.
    pub text: Option<String>,
}

/// The body of `PUT /api/v1/recommendations/{id}/response`. A first response needs no version;
/// changing a response needs the version read (`version` or If-Match).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseInput {
    pub version: Option<i32>,
    /// accepted, partly or not_accepted.
    pub response: String,
    #[serde(default)]
    pub note: String,
}

/// The body of `POST /api/v1/recommendations/{id}/action`: the new action of the host's plan,
/// under the recommendation's commitment. Title and description default to the
/// recommendation's text.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToActionInput {
    /// The host's plan under the review's framework; needed only when it has several.
    pub plan_id: Option<i64>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// planned (default), in_progress, completed, delayed, cancelled.
    pub status: Option<String>,
    /// YYYY-MM-DD.
    pub due_date: Option<String>,
}

/// The body of `PUT /api/v1/peer-reviews/{id}/summary-agreement`.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementInput {
    pub version: Option<i32>,
    /// true: the host agrees to publish the summary; false withdraws it.
    pub agreed: bool,
}

/// What `POST /api/v1/recommendations/{id}/action` answers: the recommendation, linked, and
/// the new action.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TurnedIntoAction {
    pub recommendation: Recommendation,
    pub action: crate::actions::Action,
}
