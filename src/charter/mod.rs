//! The charters (frameworks) as data: roles and their commitments, loaded from TOML.

pub mod loader;
pub mod routes;
pub mod store;
pub mod translations;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A framework file in `config/charters/*.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub source: String,
    pub roles: Vec<RoleFile>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFile {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub preamble: String,
    pub commitments: Vec<CommitmentFile>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentFile {
    pub code: String,
    pub text: String,
}

/// A framework as the API shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FrameworkSummary {
    pub code: String,
    pub title: String,
    pub description: String,
    pub source: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FrameworkDetail {
    #[serde(flatten)]
    pub summary: FrameworkSummary,
    pub roles: Vec<RoleOut>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoleOut {
    pub code: String,
    pub title: String,
    pub preamble: String,
    pub commitments: Vec<CommitmentOut>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CommitmentOut {
    pub code: String,
    pub text: String,
    /// Removed from the framework file but kept because actions point to it.
    pub retired: bool,
}
