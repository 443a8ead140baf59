//! Mutual learning between cities (Delivering the Charter, DC3): who is strong where a city is
//! weak ("Learn from"), how a city compares with cities like it, pairs of cities for peer
//! reviews, and the library of good practices the network published.
//!
//! The rules are here once: what makes a city *weak* on a commitment (no action covers it, or
//! its latest self-assessment or verified rating is "not started" or "limited"), what makes it
//! *strong* (a completed action, an action at least half done, or a verified rating of
//! "substantial" or "complete"), and the score that ranks suggestions ([`Weights`]), which the
//! page explains in the same words.

pub mod commands;
pub mod routes;
pub mod store;

use serde::Serialize;
use utoipa::ToSchema;

/// The score of a city to learn from on one commitment: points per reason.
pub struct Weights;

impl Weights {
    /// Each completed action on the commitment.
    pub const COMPLETED: i64 = 3;
    /// Each open action on it at least `ADVANCED_PROGRESS` percent done.
    pub const ADVANCED: i64 = 1;
    pub const ADVANCED_PROGRESS: i32 = 50;
    /// Each of its actions on it published as good practice.
    pub const GOOD_PRACTICE: i64 = 2;
    /// The same size band (population).
    pub const SAME_SIZE: i64 = 1;
    /// The same band of residents born abroad.
    pub const SAME_SHARE: i64 = 1;
    /// One of its actions on it updated in the last `RECENT_DAYS` days.
    pub const RECENT: i64 = 1;
    pub const RECENT_DAYS: i64 = 180;
    /// How many cities are suggested per commitment.
    pub const SUGGESTIONS: usize = 3;
}

/// One reason in a score.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ScorePart {
    pub reason: String,
    pub points: i64,
}

/// An action of another city to learn from.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PeerAction {
    pub id: i64,
    pub title: String,
    pub status: crate::actions::ActionStatus,
    pub progress: i32,
    pub good_practice: bool,
}

/// A city suggested for one commitment, with its score explained.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Suggestion {
    pub city_id: i64,
    pub city: String,
    pub country: String,
    pub score: i64,
    pub parts: Vec<ScorePart>,
    pub actions: Vec<PeerAction>,
}

/// A commitment where the city is weak, why, and who to learn from.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Gap {
    pub framework: String,
    pub commitment: String,
    pub text: String,
    /// Why it is a gap: "no action covers it", "self-assessed as limited", "verified as not started".
    pub reasons: Vec<String>,
    pub suggestions: Vec<Suggestion>,
}

/// `GET /api/v1/cities/{id}/learn-from`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LearnFrom {
    pub city_id: i64,
    pub gaps: Vec<Gap>,
}

/// A figure of the city beside the average of a group of cities.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Average {
    /// Cities in the group (the city itself included).
    pub cities: i64,
    /// None when the group has fewer cities than the report's suppression threshold.
    pub covered: Option<f64>,
    pub progress: Option<f64>,
}

/// One role (or the whole framework when `role` is None) compared.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct RoleComparison {
    pub role: Option<String>,
    pub title: String,
    pub total: i64,
    pub covered: i64,
    /// Mean progress of the city's actions that cover a commitment (cancelled ones do not).
    pub progress: Option<f64>,
    pub same_size: Option<Average>,
    pub same_share: Option<Average>,
    pub network: Average,
}

/// A city against cities of its size, of its share born abroad, and the network.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Comparison {
    pub city_id: i64,
    pub framework: String,
    pub size_band: Option<String>,
    pub share_band: Option<String>,
    /// Group averages over fewer cities than this are not shown.
    pub threshold: i64,
    pub overall: RoleComparison,
    pub roles: Vec<RoleComparison>,
}

/// A proposed peer-review pair: each city strong where the other is weak.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Pair {
    pub a: CityRef,
    pub b: CityRef,
    /// Commitments where `a` is strong and `b` weak.
    pub a_helps_b: Vec<String>,
    /// Commitments where `b` is strong and `a` weak.
    pub b_helps_a: Vec<String>,
    pub score: i64,
    /// Same size band or share band.
    pub similar: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CityRef {
    pub id: i64,
    pub name: String,
    pub country: String,
}

/// A good practice as the network published it in a report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Practice {
    pub report: String,
    pub report_period: String,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub published_at: chrono::NaiveDateTime,
    pub action_id: i64,
    pub city: String,
    pub commitment: String,
    pub title: String,
    pub status: String,
    pub progress: i32,
    /// The city's own words, as published.
    pub narrative: String,
}
