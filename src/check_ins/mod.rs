//! Progress check-ins: rounds opened on the network's schedule, one check-in per city with an
//! adopted plan, answered through a one-page form reached by a secure emailed link.

pub mod calendar;
pub mod commands;
pub mod content;
pub mod ics;
pub mod links;
pub mod review;
pub mod rounds;
pub mod routes;
pub mod schedule;
pub mod store;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_enum! {
    /// Where a check-in stands. `extended` is shown while an open check-in has a new due date.
    /// After submission the secretariat reviews it: `accepted`, or `changes_requested`, after
    /// which the city `resubmitted` it (and it waits for review again).
    CheckInState {
        Open = "open",
        Draft = "draft",
        Extended = "extended",
        Submitted = "submitted",
        Missed = "missed",
        ChangesRequested = "changes_requested",
        Resubmitted = "resubmitted",
        Accepted = "accepted",
    }
}

impl CheckInState {
    /// Submitted and not yet reviewed, or resubmitted after a request for changes: in the
    /// secretariat's review queue.
    pub fn awaits_review(self) -> bool {
        matches!(self, CheckInState::Submitted | CheckInState::Resubmitted)
    }

    /// The city has sent its answer (whatever the review made of it since).
    pub fn was_submitted(self) -> bool {
        matches!(
            self,
            CheckInState::Submitted
                | CheckInState::ChangesRequested
                | CheckInState::Resubmitted
                | CheckInState::Accepted
        )
    }

    /// Not answered yet: what reminders chase and what a closing round marks missed.
    pub const UNANSWERED: [CheckInState; 3] = [CheckInState::Open, CheckInState::Draft, CheckInState::Extended];

    /// [`CheckInState::UNANSWERED`] as stored, for queries (`extended` is shown, never stored).
    pub fn unanswered() -> [&'static str; 3] {
        Self::UNANSWERED.map(CheckInState::as_str)
    }

    /// The city can still change its answer: before submission, and when changes were asked for.
    pub fn editable(self) -> bool {
        matches!(
            self,
            CheckInState::Open | CheckInState::Draft | CheckInState::Extended | CheckInState::ChangesRequested
        )
    }
}

crate::text_enum! {
    /// What the secretariat decided about a submitted check-in.
    ReviewDecision { Accept = "accept", RequestChanges = "request_changes" }
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

impl CheckIn {
    /// This check-in as `caller` may see it: a contact who submitted it through an emailed
    /// link is hidden from those who may not see the city's personal data (observers).
    pub fn seen_by(mut self, caller: &crate::auth::Caller) -> CheckIn {
        self.submitted_by = self.submitted_by.map(|by| crate::history::label_seen_by(by, caller, self.city_id));
        self
    }
}

/// The check-in schedule as the API and the pages show it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleOut {
    pub expression: String,
    pub time_zone: String,
    /// `configuration` or `secretariat` (set through this API).
    pub source: String,
    /// The next five rounds' opening instants.
    #[schema(value_type = Vec<String>)]
    pub next: Vec<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    /// 5-field crontab (`0 0 1 1,4,7,10 *`) or the cron crate's 6/7-field form.
    pub expression: String,
    /// IANA time zone, e.g. Europe/Brussels.
    pub time_zone: String,
}

/// The body of `POST /api/v1/check-ins/{id}/extend` and of the extension form.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtendInput {
    /// The new last day to submit (YYYY-MM-DD), before the round closes.
    pub due_date: String,
    /// Why, for the record.
    pub reason: String,
}
