//! The secretariat's outbox, shared by the API and the pages: who may look (the secretariat
//! only: bodies carry check-in and password links), which states can be asked for, and
//! queueing a failed or cancelled email again.

use super::outbox::{self, status, OutboxRow, RetryRefused};
use crate::auth::Caller;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};

/// Reads a `status` filter: empty means every state; anything else must be a state.
pub fn parse_status(raw: Option<&str>) -> ApiResult<Option<&'static str>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => status::ALL.iter().find(|a| **a == s).map(|a| Some(*a)).ok_or_else(|| {
            ApiError::Validation(vec![
                FieldError::new("status", format!("`{s}` is not a state")).accepting(status::ALL.join(", "))
            ])
        }),
    }
}

/// A page of emails, newest first, optionally in one state, and how many there are.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    wanted: Option<&str>,
    limit: i64,
    offset: i64,
) -> ApiResult<(Vec<OutboxRow>, i64)> {
    caller.require_secretariat()?;
    Ok(outbox::list(conn, wanted, limit, offset)?)
}

/// One email with its bodies.
pub fn get(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<OutboxRow> {
    caller.require_secretariat()?;
    outbox::get(conn, id)?.ok_or_else(|| not_found(id))
}

/// Queues a failed or cancelled email again, attempts reset, due at `now`. Any other state is
/// a `StateConflict` saying why.
pub fn retry(conn: &mut DbConnection, caller: &Caller, id: i64, now: DateTime<Utc>) -> ApiResult<OutboxRow> {
    caller.require_secretariat()?;
    let row = match outbox::retry(conn, id, now)? {
        Ok(row) => row,
        Err(RetryRefused::NotFound) => return Err(not_found(id)),
        Err(RetryRefused::State(s)) => return Err(ApiError::StateConflict(refusal(id, &s))),
    };
    tracing::info!(id, by = %caller.email, "outbox email queued again");
    Ok(row)
}

/// Whether an email in this state can be queued again.
pub fn can_retry(state: &str) -> bool {
    state == status::FAILED || state == status::CANCELLED
}

fn not_found(id: i64) -> ApiError {
    ApiError::not_found(format!("no email with id {id} in the outbox"))
}

fn refusal(id: i64, state: &str) -> String {
    let why = match state {
        status::QUEUED => "it is already queued and will be sent when due",
        status::SENDING => "it is being sent right now",
        status::SENT => "it was already sent; retrying would send it twice",
        _ => "only failed or cancelled emails can be retried",
    };
    format!("email {id} is {state}: {why}; only failed or cancelled emails can be queued again")
}
