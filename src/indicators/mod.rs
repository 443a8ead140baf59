//! The common indicators a framework monitors progress on (the Charter's "common set of
//! indicators"), and the values cities report for them per period.
//!
//! Definitions live beside the framework in `config/charters/<code>.indicators.toml`, built
//! into the binary and overridable like the framework files; the secretariat can add more
//! through the API. Values come through the API or a check-in (for the round's period).

pub mod commands;
pub mod loader;
pub mod routes;
pub mod store;

use crate::error::FieldError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_enum! {
    /// What an indicator's numbers mean, and so which values are acceptable.
    Unit {
        Percent = "percent",
        Count = "count",
        Money = "money",
        YesNo = "yes_no",
    }
}

impl Unit {
    /// Checks a reported number against the unit; the error names `field`.
    pub fn check(self, field: &str, v: f64) -> Result<f64, FieldError> {
        let bad = |accepted: &str| Err(FieldError::new(field, format!("is {v}")).accepting(accepted.to_string()));
        // Forms pass a missing number as infinity and unreadable text as NaN.
        if v.is_infinite() {
            return Err(FieldError::new(field, "is missing").accepting(self.accepted_values()));
        }
        if v.is_nan() {
            return Err(FieldError::new(field, "is not a number").accepting(self.accepted_values()));
        }
        match self {
            Unit::Percent if !(0.0..=100.0).contains(&v) => bad("a percentage from 0 to 100"),
            Unit::Count if v < 0.0 || v.fract() != 0.0 => bad("a whole number, 0 or more"),
            Unit::Money if v < 0.0 => bad("an amount, 0 or more"),
            Unit::YesNo if v != 0.0 && v != 1.0 => bad("1 for yes or 0 for no"),
            _ => Ok(v),
        }
    }

    pub fn accepted_values(self) -> &'static str {
        match self {
            Unit::Percent => "a percentage from 0 to 100",
            Unit::Count => "a whole number, 0 or more",
            Unit::Money => "an amount, 0 or more",
            Unit::YesNo => "1 for yes or 0 for no",
        }
    }
}

/// An indicators file: `config/charters/<framework code>.indicators.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    pub indicators: Vec<IndicatorFile>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub unit: String,
    /// For money: an ISO 4217 code (default EUR).
    pub currency: Option<String>,
    /// The commitment code the indicator evidences.
    pub commitment: Option<String>,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    #[serde(default)]
    pub sensitive: bool,
}

fn yes() -> bool {
    true
}

/// An indicator as the API shows it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, ToSchema)]
pub struct Indicator {
    pub code: String,
    /// Framework code.
    pub framework: String,
    pub name: String,
    pub description: String,
    pub unit: Unit,
    /// ISO 4217 code, for money.
    pub currency: Option<String>,
    /// The commitment it evidences.
    pub commitment: Option<String>,
    pub higher_is_better: bool,
    /// City values are withheld from public reports (see the README's suppression rule).
    pub sensitive: bool,
    /// `file` (config/charters) or `secretariat` (added through the API).
    pub source: String,
    /// Removed from its file but kept because values were reported.
    pub retired: bool,
}

/// The body of `POST /api/v1/frameworks/{code}/indicators`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIndicatorInput {
    /// Letters, digits, - or _; unique in the framework (e.g. SP2-B).
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// percent, count, money or yes_no.
    pub unit: String,
    /// ISO 4217 code for money (default EUR).
    pub currency: Option<String>,
    /// A commitment code of the framework.
    pub commitment: Option<String>,
    /// Default true.
    pub higher_is_better: Option<bool>,
    /// Default false.
    pub sensitive: Option<bool>,
}

/// A city's value of an indicator for one period.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct IndicatorValue {
    pub id: i64,
    pub city_id: i64,
    /// Indicator code.
    pub indicator: String,
    /// Framework code.
    pub framework: String,
    #[schema(value_type = String, format = Date)]
    pub period_start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_end: NaiveDate,
    pub value: f64,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub note: String,
    /// Where the figure comes from (a survey, HR records...).
    pub source: String,
    /// The check-in that reported it, if any.
    pub check_in_id: Option<i64>,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// The body of `POST /api/v1/cities/{id}/indicator-values`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIndicatorValueInput {
    /// Indicator code, e.g. EM1-A.
    pub indicator: String,
    /// Framework code; needed only when two frameworks use the same indicator code.
    pub framework: Option<String>,
    /// YYYY-MM-DD.
    pub period_start: String,
    /// YYYY-MM-DD, on or after period_start.
    pub period_end: String,
    /// Checked against the indicator's unit (percent 0-100, count whole >= 0, money >= 0, yes_no 1 or 0).
    pub value: f64,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// The body of `PATCH /api/v1/indicator-values/{id}`; `version` or If-Match is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValuePatchInput {
    pub version: Option<i32>,
    pub value: Option<f64>,
    /// null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<f64>)]
    pub baseline: Option<Option<f64>>,
    /// null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<f64>)]
    pub target: Option<Option<f64>>,
    pub note: Option<String>,
    pub source: Option<String>,
}
