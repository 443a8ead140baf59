//! Throttling of failed sign-ins, per email address and per client address, kept in the
//! database so that every instance sees the same count.
//!
//! An email address is locked once it has `sign_in.max_failures` failures within
//! `sign_in.lockout_minutes` (failures before its last successful sign-in do not count); a
//! client address once it has `sign_in.max_failures_per_ip` within the same window. The lock
//! lifts when enough of those failures are older than the window. While locked, even the right
//! password is refused, so guessing cannot continue in the background.

use crate::config::SignInSettings;
use crate::db::schema::login_attempts;
use crate::db::DbConnection;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Refused until this instant (UTC).
    Locked {
        until: NaiveDateTime,
    },
}

fn window(settings: &SignInSettings) -> Duration {
    Duration::minutes(i64::from(settings.lockout_minutes))
}

/// Whether a sign-in for `email` from `ip` may be tried now.
pub fn check(
    conn: &mut DbConnection,
    email: &str,
    ip: &str,
    settings: &SignInSettings,
    now: DateTime<Utc>,
) -> QueryResult<Verdict> {
    let now = now.naive_utc();
    let since = now - window(settings);
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::email.eq(email).and(login_attempts::succeeded.eq(true)))
        .select(diesel::dsl::max(login_attempts::at))
        .first(conn)?;
    let from = last_success.map_or(since, |s| s.max(since));
    let by_email: Vec<NaiveDateTime> = login_attempts::table
        .filter(
            login_attempts::email.eq(email).and(login_attempts::succeeded.eq(false)).and(login_attempts::at.gt(from)),
        )
        .order(login_attempts::at.desc())
        .limit(i64::from(settings.max_failures))
        .select(login_attempts::at)
        .load(conn)?;
    let mut until: Option<NaiveDateTime> = None;
    if by_email.len() >= settings.max_failures as usize {
        // The lock lifts when the oldest of the last `max_failures` failures leaves the window.
        until = by_email.last().map(|t| *t + window(settings));
    }
    let by_ip: Vec<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::ip.eq(ip).and(login_attempts::succeeded.eq(false)).and(login_attempts::at.gt(since)))
        .order(login_attempts::at.desc())
        .limit(i64::from(settings.max_failures_per_ip))
        .select(login_attempts::at)
        .load(conn)?;
    if by_ip.len() >= settings.max_failures_per_ip as usize {
        let ip_until = by_ip.last().map(|t| *t + window(settings));
        until = until.max(ip_until);
    }
    Ok(match until {
        Some(until) if until > now => Verdict::Locked { until },
        _ => Verdict::Allowed,
    })
}

/// Records an attempt (the email as typed, lower-cased, even when no such user exists: an
/// attacker must not learn which addresses have accounts from the throttling).
pub fn record(conn: &mut DbConnection, email: &str, ip: &str, succeeded: bool, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::email.eq(email),
            login_attempts::ip.eq(ip),
            login_attempts::succeeded.eq(succeeded),
            login_attempts::at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets attempts older than a day; run by the scheduler pass.
pub fn purge_old(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(login_attempts::table.filter(login_attempts::at.lt(now.naive_utc() - Duration::days(1))))
        .execute(conn)
}
