//! Progress check-ins: rounds opened on the network's schedule, one check-in per city with an
//! adopted plan, answered through a one-page form reached by a secure emailed link.

pub mod commands;
pub mod content;
pub mod ics;
pub mod links;
pub mod rounds;
pub mod routes;
pub mod schedule;
pub mod store;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use utoipa::ToSchema;

crate::text_enum! {
    /// Where a check-in stands. `extended` is shown while an open check-in has a new due date.
    CheckInState {
        Open = "open",
        Draft = "draft",
        Extended = "extended",
        Submitted = "submitted",
        Missed = "missed",
    }
}

crate::text_enum! {
    /// The Open Government Partnership's completion scale, for a city's view of a commitment.
    Assessment {
        NotStarted = "not_started",
        Limited = "limited",
        Substantial = "substantial",
        Complete = "complete",
    }
}

/// A round as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Round {
    pub id: i64,
    /// e.g. "Q4 2026".
    pub label: String,
    #[schema(value_type = String, format = Date)]
    pub period_start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_end: NaiveDate,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub opened_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub due_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub closes_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closed_at: Option<NaiveDateTime>,
}

/// A check-in as the API shows it (without its draft).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CheckIn {
    pub id: i64,
    pub round_id: i64,
    pub round_label: String,
    pub city_id: i64,
    pub city_name: String,
    pub state: CheckInState,
    /// Submitted after the due date.
    pub late: bool,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub due_at: NaiveDateTime,
    /// The last day to submit, in the network's time zone.
    #[schema(value_type = String, format = Date)]
    pub due_date: NaiveDate,
    pub extension_reason: Option<String>,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub draft_saved_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<String>,
    pub version: i32,
}
