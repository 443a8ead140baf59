//! Signatory cities: name, country, the frameworks they signed and when, and their contacts.

pub mod commands;
pub mod contacts;
pub mod context;
pub mod routes;
pub mod store;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a city page needs before anything it kept is shown: the city's name (the title) and
/// whether its page is public (who may see it); one query, without the signatures.
#[derive(Clone, Debug)]
pub struct CityHead {
    pub id: i64,
    pub name: String,
    pub public: bool,
}

/// A city as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct City {
    pub id: i64,
    /// Any Unicode name (Malmö, Łódź, Zürich).
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Whether the city's page is visible to the public.
    pub public: bool,
    pub signatures: Vec<Signature>,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// The city signed `framework` on `signed_on`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Framework code, e.g. eurocities-integrating-cities.
    pub framework: String,
    /// YYYY-MM-DD.
    #[schema(value_type = String, format = Date)]
    pub signed_on: NaiveDate,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCityInput {
    pub name: String,
    pub country: String,
    #[serde(default)]
    pub public: bool,
    #[serde(default)]
    pub signatures: Vec<SignatureInput>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureInput {
    pub framework: String,
    pub signed_on: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CityPatchInput {
    /// The version you read (or send If-Match).
    pub version: Option<i32>,
    pub name: Option<String>,
    pub country: Option<String>,
    pub public: Option<bool>,
    /// Replaces the whole list when given.
    pub signatures: Option<Vec<SignatureInput>>,
}
