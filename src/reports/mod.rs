//! The outcomes report: compiled from what cities logged (`compile`), reviewed as a draft,
//! published as a frozen snapshot of its figures and rendered outputs (`store`), rendered as
//! HTML with charts, JSON and CSV (`render`, `charts`), served publicly (`public`) and through the
//! API (`routes`), and compiled automatically at the end of each cycle (`schedule`).
//!
//! `ReportData` holds every figure, unsuppressed (the secretariat's view). Public output is
//! always made from `suppress::public_view`, which applies the suppression rule.

pub mod charts;
pub mod commands;
pub mod compile;
pub mod files;
pub mod public;
pub mod render;
pub mod routes;
pub mod schedule;
pub mod stats;
pub mod store;
pub mod suppress;

use crate::error::{ApiResult, FieldError};
use crate::validation::{self, Errors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Counts keyed by a closed vocabulary (action status, self-assessment level); every key present.
pub type Counts = BTreeMap<String, i64>;

/// Every figure of one report version. Serialised as the version's JSON (after suppression,
/// for the public) and stored unsuppressed as the version's frozen figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReportData {
    pub framework: String,
    pub framework_title: String,
    pub network: String,
    #[schema(value_type = String, format = Date)]
    pub period_start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_end: NaiveDate,
    /// e.g. "2026" or "2025–2026".
    pub period_label: String,
    /// When the figures were compiled (UTC, RFC 3339).
    pub compiled_at: String,
    /// Aggregates of a sensitive indicator over fewer cities than this are withheld publicly.
    pub suppression_threshold: i64,
    /// True in public output: sensitive figures have been withheld where the rule says so.
    pub suppressed_view: bool,
    /// The report the changes ("what moved") are measured against, if any.
    pub previous_report: Option<PreviousReport>,
    pub signatories: Signatories,
    pub roles: Vec<RoleFigures>,
    pub commitments: Vec<CommitmentFigures>,
    /// Codes of commitments that no city acts on (cancelled actions do not count).
    pub uncovered: Vec<String>,
    pub compliance: Compliance,
    pub indicators: Vec<IndicatorFigures>,
    pub good_practices: Vec<GoodPractice>,
    /// What moved since the previous published report (public figures only).
    pub moved: Vec<Move>,
    pub cities: Vec<CityProfile>,
    /// For a correction: what differs from the previous published version of this report.
    pub changes: Vec<Change>,
    /// Self-assessments against verified ratings (absent from reports compiled before
    /// verification existed).
    #[serde(default)]
    pub verification: Verification,
    /// Peer reviews held in the period, their recommendations and follow-up, and good practices
    /// by commitment (absent from reports compiled before peer reviews existed).
    #[serde(default)]
    pub mutual_learning: MutualLearning,
}

/// Mutual learning (the Charter's DC3): peer reviews held in the period and what became of
/// their recommendations, and the good practices by commitment. The totals and the figures per
/// commitment are always made from `reviews` by [`MutualLearning::summarise`], so public output,
/// which keeps only public reviews, counts only those.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MutualLearning {
    pub reviews: Vec<ReviewHeld>,
    pub totals: LearningFigures,
    pub commitments: Vec<CommitmentLearning>,
}

/// One peer review held in the period (cities only: never the reviewing people).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewHeld {
    pub host: String,
    pub reviewers: Vec<String>,
    pub commitments: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub visit_from: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub report_date: Option<NaiveDate>,
    pub state: String,
    pub recommendations: Vec<RecommendationHeld>,
    /// The host has a public page and agreed to publish the summary: only such reviews are in
    /// public output.
    pub public: bool,
}

/// A recommendation and its follow-up, as the report counts it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RecommendationHeld {
    pub commitment: String,
    /// accepted, partly, not_accepted, or none yet.
    pub response: Option<String>,
    /// The status of the action it became, when it did.
    pub action_status: Option<String>,
    pub action_progress: Option<i32>,
}

/// Counts of recommendations and their follow-up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LearningFigures {
    pub reviews: i64,
    pub recommendations: i64,
    pub accepted: i64,
    pub partly: i64,
    pub not_accepted: i64,
    pub no_response: i64,
    pub became_actions: i64,
    /// The actions they became, by status (every status present).
    #[schema(value_type = Object)]
    pub actions_by_status: Counts,
    /// Mean progress of those actions, cancelled ones left out.
    pub mean_action_progress: Option<f64>,
}

/// Per commitment: reviews that looked at it, their recommendations and follow-up, and the good
/// practices marked for it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommitmentLearning {
    pub code: String,
    pub figures: LearningFigures,
    pub good_practices: i64,
    /// "City: action title" of each good practice.
    pub good_practice_titles: Vec<String>,
}

impl MutualLearning {
    /// Totals and per-commitment figures from `reviews` and the report's good practices, in the
    /// order of `codes` (the framework's commitments); commitments with nothing are left out.
    pub fn summarise(reviews: Vec<ReviewHeld>, good_practices: &[GoodPractice], codes: &[String]) -> MutualLearning {
        let figures = |reviews: &[&ReviewHeld], code: Option<&str>| {
            let mut f = LearningFigures {
                reviews: reviews.len() as i64,
                actions_by_status: ["planned", "in_progress", "completed", "delayed", "cancelled"]
                    .iter()
                    .map(|s| (s.to_string(), 0))
                    .collect(),
                ..Default::default()
            };
            let (mut progress, mut live) = (0i64, 0i64);
            for rec in reviews.iter().flat_map(|r| r.recommendations.iter()) {
                if code.is_some_and(|c| c != rec.commitment) {
                    continue;
                }
                f.recommendations += 1;
                match rec.response.as_deref() {
                    Some("accepted") => f.accepted += 1,
                    Some("partly") => f.partly += 1,
                    Some("not_accepted") => f.not_accepted += 1,
                    _ => f.no_response += 1,
                }
                if let Some(status) = &rec.action_status {
                    f.became_actions += 1;
                    *f.actions_by_status.entry(status.clone()).or_insert(0) += 1;
                    if status != "cancelled" {
                        live += 1;
                        progress += i64::from(rec.action_progress.unwrap_or(0));
                    }
                }
            }
            f.mean_action_progress = (live > 0).then(|| ((progress as f64 / live as f64) * 10.0).round() / 10.0);
            f
        };
        let all: Vec<&ReviewHeld> = reviews.iter().collect();
        let totals = figures(&all, None);
        let commitments = codes
            .iter()
            .filter_map(|code| {
                let focused: Vec<&ReviewHeld> = reviews.iter().filter(|r| r.commitments.contains(code)).collect();
                let practices: Vec<String> = good_practices
                    .iter()
                    .filter(|g| g.commitment == *code)
                    .map(|g| format!("{}: {}", g.city, g.title))
                    .collect();
                if focused.is_empty() && practices.is_empty() {
                    return None;
                }
                Some(CommitmentLearning {
                    code: code.clone(),
                    figures: figures(&focused, Some(code)),
                    good_practices: practices.len() as i64,
                    good_practice_titles: practices,
                })
            })
            .collect();
        MutualLearning { reviews, totals, commitments }
    }
}

/// The cities' own view of their commitments against what was verified.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Verification {
    pub commitments: Vec<CommitmentVerification>,
    /// Per city and verified commitment; in public output only cities whose page is public.
    pub cities: Vec<CityVerification>,
}

/// One commitment across the network: how many cities rated themselves, how many were
/// verified (the rating in force at the period's end), and where both exist whether the
/// city's own latest view in the period agrees, is higher or is lower.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommitmentVerification {
    pub code: String,
    pub self_rated: i64,
    /// None when withheld (fewer verified cities than the suppression threshold).
    pub verified: Option<i64>,
    pub agree: Option<i64>,
    pub self_higher: Option<i64>,
    pub self_lower: Option<i64>,
    /// Public output only: withheld by the suppression rule.
    #[serde(default)]
    pub suppressed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CityVerification {
    pub city: String,
    pub commitment: String,
    /// The city's latest self-assessment in the period, if any.
    pub self_level: Option<String>,
    pub verified_level: String,
    #[schema(value_type = String, format = Date)]
    pub verified_on: NaiveDate,
    /// Whether the city's page is public (only those appear in public output).
    #[serde(default)]
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PreviousReport {
    pub slug: String,
    pub version: i32,
    pub period_label: String,
    pub published_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Signatories {
    /// Cities in the report: signed on or before the period's end, or with a plan under the framework.
    pub cities: i64,
    /// Cities that signed the framework on or before the period's end.
    pub signatories: i64,
    /// Of those, signed within the period.
    pub new_in_period: i64,
    pub new_names: Vec<String>,
    /// Cities with an adopted plan (adopted on or before the period's end).
    pub with_adopted_plan: i64,
    /// Plans adopted within the period.
    pub plans_adopted_in_period: i64,
    /// Cities in the report without an adopted plan, by name.
    pub without_plan: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActionFigures {
    /// Cities with at least one action that is not cancelled.
    pub cities_acting: i64,
    pub actions: i64,
    #[schema(value_type = Object)]
    pub by_status: Counts,
    /// Completed actions as a percentage of actions that are not cancelled.
    pub completion_rate: Option<f64>,
    /// Mean progress (0-100) of actions that are not cancelled.
    pub mean_progress: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RoleFigures {
    pub code: String,
    pub title: String,
    #[serde(flatten)]
    pub figures: ActionFigures,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CommitmentFigures {
    pub code: String,
    pub role: String,
    pub text: String,
    #[serde(flatten)]
    pub figures: ActionFigures,
    /// Action updates reported in check-ins of the period.
    pub updates: i64,
    /// Cities by their latest self-assessment in the period (not_started, limited, substantial, complete).
    #[schema(value_type = Object)]
    pub assessments: Counts,
    pub covered: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CheckInCounts {
    /// Check-ins asked of the city in rounds of the period.
    pub asked: i64,
    pub on_time: i64,
    pub late: i64,
    pub missed: i64,
    /// In a round still open and not yet submitted.
    pub pending: i64,
    /// Submitted and accepted by the secretariat when the figures were compiled.
    #[serde(default)]
    pub accepted: i64,
    /// Submitted but not (yet) accepted when the figures were compiled: waiting for review, or
    /// with changes asked for.
    #[serde(default)]
    pub unreviewed: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Compliance {
    /// Labels of the rounds whose period lies within the report's.
    pub rounds: Vec<String>,
    pub cities: Vec<CityCompliance>,
    pub totals: CheckInCounts,
    /// On time as a percentage of check-ins that were decided (on time, late or missed).
    pub on_time_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CityCompliance {
    pub city: String,
    pub country: String,
    #[serde(flatten)]
    pub counts: CheckInCounts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IndicatorFigures {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub currency: Option<String>,
    pub commitment: Option<String>,
    pub higher_is_better: bool,
    pub sensitive: bool,
    /// Cities with a value in the period (their latest one counts); None when withheld.
    pub cities_reporting: Option<i64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    /// yes_no indicators: cities answering yes, and their share of those reporting.
    pub yes: Option<i64>,
    pub share_yes: Option<f64>,
    /// Median (share of yes for yes_no) minus the previous published report's.
    pub change_since_previous: Option<f64>,
    /// How many cities reported it in the previous published report (None: not in it).
    pub previous_cities_reporting: Option<i64>,
    /// Cities that gave a baseline, and the median of their value minus baseline.
    pub baseline_cities: Option<i64>,
    pub change_since_baseline: Option<f64>,
    /// Cities that gave a target; the median distance still to go (negative: beyond the
    /// target); how many reached it.
    pub target_cities: Option<i64>,
    pub distance_to_target: Option<f64>,
    pub reached_target: Option<i64>,
    /// Public output only: some figures are withheld by the suppression rule.
    pub suppressed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct GoodPractice {
    pub action_id: i64,
    pub city: String,
    pub commitment: String,
    pub title: String,
    pub status: String,
    pub progress: i32,
    /// The city's own words: its latest narrative in the period, else the action's description.
    pub narrative: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Move {
    pub section: String,
    pub item: String,
    pub measure: String,
    pub before: f64,
    pub after: f64,
    pub change: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Change {
    pub what: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CityProfile {
    pub city_id: i64,
    pub name: String,
    pub country: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub signed_on: Option<NaiveDate>,
    pub plan_title: Option<String>,
    pub plan_status: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub plan_adopted_on: Option<NaiveDate>,
    pub actions: i64,
    #[schema(value_type = Object)]
    pub by_status: Counts,
    pub mean_progress: Option<f64>,
    /// Mean progress minus the previous published report's, for this city.
    pub mean_progress_change: Option<f64>,
    /// Commitments with at least one action that is not cancelled, of the framework's live ones.
    pub commitments_covered: i64,
    pub commitments_total: i64,
    pub updates: i64,
    pub check_ins: CheckInCounts,
    #[schema(value_type = Object)]
    pub assessments: Counts,
    pub indicators: Vec<CityIndicator>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CityIndicator {
    pub code: String,
    pub value: f64,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    #[schema(value_type = String, format = Date)]
    pub period_end: NaiveDate,
    pub change_since_previous: Option<f64>,
}

/// A readable, unique slug for a framework and period: `<framework>-2026`, `<framework>-2025-2026`,
/// `<framework>-2026-q3`, `<framework>-2026-03`, else `<framework>-2026-02-15-to-2026-03-14`.
pub fn slug(framework: &str, start: NaiveDate, end: NaiveDate) -> String {
    use chrono::Datelike;
    let last_of_month = |d: NaiveDate| d.succ_opt().is_none_or(|n| n.month() != d.month());
    let tail = if start.day() == 1 && last_of_month(end) {
        let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
        match months {
            _ if start.month() == 1 && end.month() == 12 && start.year() == end.year() => start.year().to_string(),
            _ if start.month() == 1 && end.month() == 12 => format!("{}-{}", start.year(), end.year()),
            3 if start.month0().is_multiple_of(3) => format!("{}-q{}", start.year(), start.month0() / 3 + 1),
            1 => format!("{}-{:02}", start.year(), start.month()),
            _ => format!("{start}-to-{end}"),
        }
    } else {
        format!("{start}-to-{end}")
    };
    format!("{framework}-{tail}")
}

/// The period as people read it: "2026", "2025–2026", "Q3 2026", else the dates.
pub fn period_label(start: NaiveDate, end: NaiveDate) -> String {
    period_label_in(start, end, crate::i18n::Lang::En)
}

/// `period_label` in a language ("T3 2026", "2025–2026").
pub fn period_label_in(start: NaiveDate, end: NaiveDate, lang: crate::i18n::Lang) -> String {
    use chrono::Datelike;
    if start.month() == 1 && start.day() == 1 && end.month() == 12 && end.day() == 31 && end.year() > start.year() {
        return format!("{}–{}", start.year(), end.year());
    }
    crate::i18n::period(start, end, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn slugs_and_labels_are_readable() {
        let f = "eurocities-integrating-cities";
        assert_eq!(slug(f, d("2026-01-01"), d("2026-12-31")), "eurocities-integrating-cities-2026");
        assert_eq!(slug(f, d("2025-01-01"), d("2026-12-31")), "eurocities-integrating-cities-2025-2026");
        assert_eq!(slug(f, d("2026-07-01"), d("2026-09-30")), "eurocities-integrating-cities-2026-q3");
        assert_eq!(slug(f, d("2026-03-01"), d("2026-03-31")), "eurocities-integrating-cities-2026-03");
        assert_eq!(slug(f, d("2026-02-15"), d("2026-03-14")), "eurocities-integrating-cities-2026-02-15-to-2026-03-14");
        assert_eq!(slug(f, d("2026-02-01"), d("2026-06-30")), "eurocities-integrating-cities-2026-02-01-to-2026-06-30");
        assert_eq!(period_label(d("2025-01-01"), d("2026-12-31")), "2025–2026");
        assert_eq!(period_label(d("2026-01-01"), d("2026-12-31")), "2026");
        assert_eq!(period_label(d("2026-07-01"), d("2026-09-30")), "Q3 2026");
    }
}

/// The body of `POST /api/v1/reports`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompileInput {
    /// Framework code, e.g. eurocities-integrating-cities.
    pub framework: String,
    /// First day of the period, YYYY-MM-DD.
    pub from: String,
    /// Last day of the period, YYYY-MM-DD, on or after `from`.
    pub to: String,
}

impl CompileInput {
    /// The period asked for; every mistake at once (the framework is checked by the store).
    pub fn dates(&self) -> ApiResult<(chrono::NaiveDate, chrono::NaiveDate)> {
        let mut e = Errors::default();
        let from = e.take(validation::date("from", &self.from));
        let to = e.take(validation::date("to", &self.to));
        if self.framework.trim().is_empty() {
            e.push(
                FieldError::new("framework", "is empty")
                    .accepting("a framework code such as eurocities-integrating-cities"),
            );
        }
        e.finish()?;
        Ok((from.expect("checked"), to.expect("checked")))
    }
}
