//! Checked, validated changes to the check-in schedule and to check-ins, shared by the API and
//! the pages, and the reads both show (the schedule in force with its next firings, rounds).

use super::schedule::{Schedule, ScheduleError};
use super::{rounds, store, CheckIn, ExtendInput, ScheduleInput, ScheduleOut};
use crate::auth::Caller;
use crate::config::Settings;
use crate::db::schema::rounds as rounds_t;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// How many coming firings `schedule_in_force` lists.
const NEXT_FIRINGS: usize = 5;

/// The schedule, where it comes from, and its next firings after `now`.
pub fn describe(s: &Schedule, source: &str, now: DateTime<Utc>) -> ScheduleOut {
    let mut next = vec![];
    let mut at = now;
    for _ in 0..NEXT_FIRINGS {
        match s.next_after(at) {
            Some(n) => {
                next.push(n);
                at = n;
            }
            None => break,
        }
    }
    ScheduleOut {
        expression: s.expression().into(),
        time_zone: s.time_zone().name().into(),
        source: source.into(),
        next,
    }
}

/// The check-in schedule in force: the secretariat's if set, else the configured one.
pub fn schedule_in_force(conn: &mut DbConnection, settings: &Settings, now: DateTime<Utc>) -> ApiResult<ScheduleOut> {
    let s = rounds::effective_schedule(conn, settings)?;
    let source = if s.expression() == settings.check_ins.schedule.trim()
        && s.time_zone().name() == settings.check_ins.time_zone
    {
        "configuration"
    } else {
        "secretariat"
    };
    Ok(describe(&s, source, now))
}

/// Checks a schedule as typed; the error names `expression` or `time_zone` and says what is accepted.
pub fn parse_schedule(input: &ScheduleInput) -> ApiResult<Schedule> {
    Schedule::parse(&input.expression, &input.time_zone).map_err(|e| {
        let field = match e {
            ScheduleError::InvalidExpression { .. } => "expression",
            ScheduleError::InvalidTimeZone { .. } => "time_zone",
        };
        ApiError::Validation(vec![FieldError::new(field, e.to_string())])
    })
}

/// Changes the check-in schedule (secretariat only); returns it as now in force.
pub fn set_schedule(
    conn: &mut DbConnection,
    caller: &Caller,
    input: &ScheduleInput,
    now: DateTime<Utc>,
) -> ApiResult<ScheduleOut> {
    caller.require_secretariat()?;
    let s = parse_schedule(input)?;
    rounds::set_schedule(conn, &s, &caller.email)?;
    Ok(describe(&s, "secretariat", now))
}

/// Gives one city's check-in a new due date with a reason (secretariat only). `expected` is
/// the check-in's version the person saw, when they saw one (the pages send it; the API
/// never did): a check-in changed since then is a `Conflict`.
pub fn extend(
    conn: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    id: i64,
    input: &ExtendInput,
    expected: Option<i32>,
    now: DateTime<Utc>,
) -> ApiResult<CheckIn> {
    caller.require_secretariat()?;
    let date = match crate::validation::date("due_date", &input.due_date) {
        Ok(d) => d,
        Err(e) => {
            // Every mistake at once: the reason too, which `store::extend` would check next.
            let mut errors = vec![e];
            errors.extend(crate::validation::required_text("reason", &input.reason, 1000).err());
            return Err(ApiError::Validation(errors));
        }
    };
    if let Some(expected) = expected {
        let current = store::get(conn, settings, id)?.check_in.version;
        if current != expected {
            return Err(ApiError::version_conflict("check-in", current, expected));
        }
    }
    Ok(store::extend(conn, settings, id, date, &input.reason, &caller.email, now)?.check_in)
}

/// A page of rounds, newest first, and how many there are.
pub fn rounds(conn: &mut DbConnection, limit: i64, offset: i64) -> ApiResult<(Vec<rounds::RoundRow>, i64)> {
    let total = rounds_t::table.count().get_result(conn)?;
    let rows = rounds_t::table
        .order(rounds_t::opened_at.desc())
        .limit(limit)
        .offset(offset)
        .select(rounds::RoundRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}
