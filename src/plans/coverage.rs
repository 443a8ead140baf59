//! Coverage of a plan: per role and commitment, how many actions in which status, and which
//! commitments have none. An action that is cancelled does not cover its commitment.

use crate::actions::ActionStatus;
use crate::charter;
use crate::db::schema::actions;
use crate::db::DbConnection;
use crate::ids::{FrameworkId, PlanId};
use diesel::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// Action counts by status; every status is present, with 0 where there are none.
pub type StatusCounts = BTreeMap<String, i64>;

fn empty_counts() -> StatusCounts {
    ActionStatus::ALL.iter().map(|s| (s.as_str().to_string(), 0)).collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Coverage {
    pub plan_id: i64,
    pub framework: String,
    pub actions: i64,
    #[schema(value_type = Object)]
    pub by_status: StatusCounts,
    pub roles: Vec<RoleCoverage>,
    /// Codes of commitments with no action (other than cancelled ones), in charter order.
    pub uncovered: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleCoverage {
    pub code: String,
    pub title: String,
    pub actions: i64,
    pub commitments: Vec<CommitmentCoverage>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommitmentCoverage {
    pub code: String,
    pub text: String,
    pub retired: bool,
    pub actions: i64,
    #[schema(value_type = Object)]
    pub by_status: StatusCounts,
    pub covered: bool,
}

pub fn compute(
    conn: &mut DbConnection,
    plan: PlanId,
    framework: FrameworkId,
    framework_code: &str,
) -> QueryResult<Coverage> {
    let (plan_id, framework_id) = (plan.0, framework.0);
    let counts: Vec<(i64, String, i64)> = actions::table
        .filter(actions::plan_id.eq(plan_id))
        .group_by((actions::commitment_id, actions::status))
        .select((actions::commitment_id, actions::status, diesel::dsl::count_star()))
        .load(conn)?;
    let mut per_commitment: HashMap<i64, StatusCounts> = HashMap::new();
    for (cid, status, n) in counts {
        *per_commitment.entry(cid).or_insert_with(empty_counts).entry(status).or_insert(0) += n;
    }
    let mut total_by_status = empty_counts();
    let mut uncovered = vec![];
    let mut roles = vec![];
    for (role, commitments) in charter::store::structure(conn, framework_id)? {
        let mut role_actions = 0;
        let mut out = vec![];
        for c in commitments {
            let by_status = per_commitment.remove(&c.id).unwrap_or_else(empty_counts);
            let n: i64 = by_status.values().sum();
            // A retired commitment nobody acts on is history, not a gap.
            if c.retired && n == 0 {
                continue;
            }
            let covered = by_status.iter().any(|(s, k)| *k > 0 && ActionStatus::from_db(s).covers());
            if !covered {
                uncovered.push(c.code.clone());
            }
            for (s, k) in &by_status {
                *total_by_status.get_mut(s).expect("all statuses present") += k;
            }
            role_actions += n;
            out.push(CommitmentCoverage {
                code: c.code,
                text: c.text,
                retired: c.retired,
                actions: n,
                by_status,
                covered,
            });
        }
        roles.push(RoleCoverage { code: role.code, title: role.title, actions: role_actions, commitments: out });
    }
    Ok(Coverage {
        plan_id,
        framework: framework_code.to_string(),
        actions: total_by_status.values().sum(),
        by_status: total_by_status,
        roles,
        uncovered,
    })
}
