//! A city's action plan under one framework, and its coverage of the framework's commitments.

pub mod commands;
pub mod coverage;
pub mod overview;
pub mod routes;
pub mod store;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

crate::text_enum! {
    /// Whether the plan is still being drafted or has been adopted by the city.
    PlanStatus { Draft = "draft", Adopted = "adopted" }
}

/// An action plan as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Plan {
    pub id: i64,
    pub city_id: i64,
    /// Framework code.
    pub framework: String,
    pub title: String,
    #[schema(value_type = String, format = Date)]
    pub period_start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_end: NaiveDate,
    pub status: PlanStatus,
    #[schema(value_type = Option<String>, format = Date)]
    pub adopted_on: Option<NaiveDate>,
    /// Link to the plan document.
    pub document_url: Option<String>,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlanInput {
    /// Framework code, e.g. eurocities-integrating-cities.
    pub framework: String,
    pub title: String,
    /// YYYY-MM-DD.
    pub period_start: String,
    /// YYYY-MM-DD, on or after period_start.
    pub period_end: String,
    /// draft (default) or adopted.
    pub status: Option<String>,
    /// YYYY-MM-DD; defaults to today when status is adopted.
    pub adopted_on: Option<String>,
    pub document_url: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPatchInput {
    pub version: Option<i32>,
    /// Cannot change: actions point at the framework's commitments.
    pub framework: Option<String>,
    pub title: Option<String>,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub status: Option<String>,
    /// null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub adopted_on: Option<Option<String>>,
    /// null clears it.
    #[serde(default, deserialize_with = "crate::http::double_option")]
    #[schema(value_type = Option<String>)]
    pub document_url: Option<Option<String>>,
}
