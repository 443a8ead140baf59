//! Verification: what the secretariat (or, once they exist, a peer-review team) found of a
//! city's commitment, on the same scale as the city's own self-assessment in its check-ins, with
//! a note, evidence links and the date. Kept as a history; the latest verification of a
//! commitment is the one in force. The city's page shows its own view and the verified one side
//! by side; the outcomes report compares them across the network (`reports::compile`).

pub mod commands;
pub mod routes;
pub mod store;

use crate::check_ins::Assessment;
use crate::validation::Evidence;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A verified rating as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VerifiedRating {
    pub id: i64,
    pub city_id: i64,
    pub framework: String,
    /// Commitment code, e.g. SP1.
    pub commitment: String,
    pub level: Assessment,
    pub note: String,
    pub evidence: Vec<Evidence>,
    #[schema(value_type = String, format = Date)]
    pub verified_on: NaiveDate,
    /// Who recorded it.
    pub verified_by: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// The body of `POST /api/v1/cities/{id}/verified-ratings`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    /// The framework's code; needed only when the commitment code exists in several frameworks
    /// the city takes part in.
    #[serde(default)]
    pub framework: Option<String>,
    /// Commitment code, e.g. SP1.
    pub commitment: String,
    /// not_started, limited, substantial or complete.
    pub level: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// YYYY-MM-DD, not in the future.
    pub verified_on: String,
}

/// One commitment of a city: its own latest view and the verified one, side by side.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SideBySide {
    pub framework: String,
    pub commitment: String,
    pub text: String,
    /// The city's latest self-assessment in a submitted check-in, and that round.
    pub self_level: Option<Assessment>,
    pub self_round: Option<String>,
    pub verified: Option<VerifiedRating>,
    /// Both exist and differ.
    pub disagree: bool,
}

/// How two ratings on the OGP scale compare: the self-assessment higher, equal or lower.
pub fn compare(self_level: Assessment, verified: Assessment) -> std::cmp::Ordering {
    let rank = |a: Assessment| Assessment::ALL.iter().position(|x| *x == a).unwrap_or(0);
    rank(self_level).cmp(&rank(verified))
}
