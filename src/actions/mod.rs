//! Actions: what a city does, against one commitment of its plan's framework.

pub mod commands;
pub mod routes;
pub mod search;
pub mod store;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_enum! {
    ActionStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Completed = "completed",
        Delayed = "delayed",
        Cancelled = "cancelled",
    }
}

impl ActionStatus {
    /// Whether an action in this status counts as acting on its commitment (covers it): every
    /// status but cancelled. Plans' coverage, the network overview and the outcomes report
    /// all count by this rule; queries use [`ActionStatus::covering`].
    pub fn covers(self) -> bool {
        self != ActionStatus::Cancelled
    }

    /// The statuses that cover a commitment, as stored, for queries.
    pub fn covering() -> Vec<&'static str> {
        Self::ALL.iter().filter(|s| s.covers()).map(|s| s.as_str()).collect()
    }

    /// Whether the action is still to be done (neither completed nor cancelled): only such an
    /// action can be overdue.
    pub fn is_open(self) -> bool {
        !matches!(self, ActionStatus::Completed | ActionStatus::Cancelled)
    }

    /// The open statuses, as stored, for queries.
    pub fn open() -> Vec<&'static str> {
        Self::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect()
    }
}

/// When an action is **stale**: still open (neither completed nor cancelled) and not updated
/// since a cutoff, `actions.stale_after_days` before now. Stale actions are tagged on the city
/// and action pages, counted on the network overview, filtered with `?stale=true`, listed in the
/// escalation digest and in a monthly email to the city (`reminders::stale_actions`). This is
/// the rule; `store::list`'s `stale` filter is its query form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Staleness {
    pub cutoff: NaiveDateTime,
}

impl Staleness {
    pub fn at(now: chrono::DateTime<chrono::Utc>, after_days: u32) -> Staleness {
        Staleness { cutoff: (now - chrono::Duration::days(i64::from(after_days))).naive_utc() }
    }

    /// For an action just written, which cannot be stale, and where staleness is not shown.
    pub const NEVER: Staleness = Staleness { cutoff: NaiveDateTime::MIN };

    pub fn of(&self, status: ActionStatus, updated_at: NaiveDateTime) -> bool {
        status.is_open() && updated_at < self.cutoff
    }
}

crate::text_enum! {
    /// The Charter's footnote: where the city is not the direct service provider it advocates
    /// the Charter's provisions with those who are.
    Delivery { Direct = "direct", Advocacy = "advocacy" }
}

crate::text_enum! {
    /// The service areas the Charter names (SP1), plus other.
    PolicyArea {
        LanguageLearning = "language_learning",
        Housing = "housing",
        Employment = "employment",
        Health = "health",
        SocialCare = "social_care",
        Education = "education",
        Other = "other",
    }
}

/// An action as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Action {
    pub id: i64,
    pub plan_id: i64,
    pub city_id: i64,
    /// Commitment code, e.g. SP1.
    pub commitment: String,
    /// The role (section) the commitment belongs to, e.g. SP.
    pub role: String,
    pub title: String,
    pub description: String,
    /// Responsible department.
    pub department: String,
    pub partners: Vec<String>,
    pub delivery: Delivery,
    pub policy_areas: Vec<PolicyArea>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    /// 0 to 100.
    pub progress: i32,
    /// Open and not updated for `actions.stale_after_days` (180 by default).
    pub stale: bool,
    /// Links to documents: reports, council decisions, press.
    pub evidence: Vec<crate::validation::Evidence>,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// The body of `POST /plans/{id}/actions` and `PATCH /actions/{id}`; on PATCH every field is
/// optional and `version` (or If-Match) is required.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    pub version: Option<i32>,
    /// Commitment code from the plan's framework, e.g. PM1.
    pub commitment: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub department: Option<String>,
    pub partners: Option<Vec<String>>,
    /// direct (default) or advocacy.
    pub delivery: Option<String>,
    /// Any of language_learning, housing, employment, health, social_care, education, other.
    pub policy_areas: Option<Vec<String>>,
    /// YYYY-MM-DD; null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub start_date: Option<Option<String>>,
    /// YYYY-MM-DD, not before start_date; null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub due_date: Option<Option<String>>,
    /// planned (default), in_progress, completed, delayed, cancelled.
    pub status: Option<String>,
    /// 0 to 100 (default 0).
    pub progress: Option<i64>,
    /// Links to documents (URL http(s), optional title); at most 20. Replaces the list.
    pub evidence: Option<Vec<crate::validation::Evidence>>,
}
