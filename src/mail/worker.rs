//! Delivering the outbox: claim due emails, send each, record each outcome at once (over
//! SMTP), or write a claimed batch of `.eml` files, make it durable with one round of syncs and
//! record it as sent in one statement (files: a file written again after a crash replaces
//! itself, with the same name and Message-ID).
//!
//! Several workers (threads, processes, instances on one PostgreSQL database) can run at
//! the same time. A worker claims a batch with one UPDATE that marks the rows `sending` with
//! its own random claim token and an expiry; the UPDATE re-checks that each row is still due,
//! so two workers never hold the same row (on PostgreSQL the inner SELECT also skips rows
//! another worker is claiming, so both get work). Each outcome is committed right after the
//! email is handed over.
//!
//! The guarantee: an email is handed over twice only if its worker stopped (crashed, was
//! killed, lost the database) while handing it over; then its claim expires and another worker
//! sends it again, with the same Message-ID. Slowness alone never does it, because a claim
//! being worked does not expire: before each email the worker renews its claim if less than
//! half of `mail.claim_seconds` is left (and sends nothing more from the batch if the claim
//! expired meanwhile), so every email starts with at least half a claim ahead of it, which
//! `MailSettings::validate` keeps longer than an SMTP exchange can take. Batches are sized by
//! how long sending has been taking, to what half a claim covers (the first of a pass, before
//! anything was sent, is 10), so a slow relay leaves the rest of the queue to other workers. Claims are timed by the pass's clock, which moves on
//! as the pass goes (instances' clocks must agree to within a few seconds).
//!
//! The clock is a parameter (`now`), so tests and `outbox deliver --at` can move it.

use super::outbox::{mask_address, status, OutboxRow};
use super::transport::{build_message, EmlBatch, SendError, Transport};
use crate::config::MailSettings;
use crate::db::schema::outbox;
use crate::db::{DbConnection, Pool};
use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What one delivery pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Handed over to the SMTP server (or written as a file).
    pub sent: usize,
    /// Failed for now; queued again for later with a backoff.
    pub retried: usize,
    /// Refused for good, or out of attempts.
    pub failed: usize,
    /// Taken but not tried, because the server could not be reached or the worker was
    /// stopping; still due, for the next pass.
    pub deferred: usize,
}

impl DeliveryReport {
    pub fn is_empty(&self) -> bool {
        *self == DeliveryReport::default()
    }
}

impl std::fmt::Display for DeliveryReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sent {}, to retry {}, failed {}, deferred {}", self.sent, self.retried, self.failed, self.deferred)
    }
}

/// Longest `last_error` kept, in characters.
const MAX_ERROR_CHARS: usize = 2000;

/// Claims up to `batch_size` due emails at a time (queued with `not_before <= now`, or
/// `sending` with an expired claim: a dead worker's), sends each and records the outcome,
/// until nothing is due. See the module documentation for the guarantees.
pub fn deliver_due(
    pool: &Pool,
    transport: &Transport,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<DeliveryReport> {
    deliver_due_until(pool, transport, settings, now, &AtomicBool::new(false))
}

/// As [`deliver_due`], returning early (and leaving the rest due) once `stop` is set.
pub fn deliver_due_until(
    pool: &Pool,
    transport: &Transport,
    settings: &MailSettings,
    now: DateTime<Utc>,
    stop: &AtomicBool,
) -> anyhow::Result<DeliveryReport> {
    let from = settings.from_mailbox()?;
    let domain = settings.from_domain();
    let mut conn = pool.get().context("taking a database connection to deliver the outbox")?;
    let conn = &mut *conn;
    let clock = PassClock { start: now, started: Instant::now() };
    let claim_for = Duration::from_secs(settings.claim_seconds);
    let mut pace = Pace::default();
    let mut report = DeliveryReport::default();
    loop {
        let token = uuid::Uuid::new_v4().simple().to_string();
        let claimed_at = clock.now();
        let limit = pace.batch_limit(settings.batch_size, claim_for);
        let claimed = claim(conn, &token, claimed_at, claim_for, limit).context("claiming due emails")?;
        if claimed == 0 {
            break;
        }
        let rows: Vec<OutboxRow> = outbox::table
            .filter(outbox::claim_token.eq(&token))
            .filter(outbox::status.eq(status::SENDING))
            .order(outbox::id)
            .select(OutboxRow::as_select())
            .load(conn)
            .context("reading the claimed emails")?;
        tracing::debug!(claimed = rows.len(), "outbox: emails claimed");
        let expires = claimed_at + chrono_duration(claim_for);
        let batch =
            Batch { conn: &mut *conn, token: &token, expires, claim_for, clock: &clock, now, stop, pace: &mut pace };
        match batch.deliver(&rows, transport, settings, &from, &domain, &mut report) {
            Ok(BatchEnd::Done) => {}
            Ok(BatchEnd::StopPass) => break,
            Err(e) => {
                // Best effort: what was not tried goes back at once rather than when the claim
                // expires (if the database is down, the claim's expiry does it later).
                let _ = release(conn, &token, clock.now());
                return Err(e);
            }
        }
    }
    Ok(report)
}

/// The clock claims run on: the pass's `now`, moving on as the pass goes, so a claim made or
/// renewed late in a long pass expires as late as it should (`outbox deliver --at` still sets
/// where it starts). Outcomes are stamped with the pass's `now`, as before.
struct PassClock {
    start: DateTime<Utc>,
    started: Instant,
}

impl PassClock {
    fn now(&self) -> DateTime<Utc> {
        self.start + chrono_duration(self.started.elapsed())
    }
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::days(1))
}

/// Most emails claimed before anything has been sent in a pass.
const FIRST_BATCH: u32 = 10;

/// How long sending one email has been taking in this pass, to claim no more than can be sent
/// within half a claim (so a slow relay leaves the rest to other workers).
#[derive(Default)]
struct Pace {
    sent: u32,
    spent: Duration,
}

impl Pace {
    fn record(&mut self, took: Duration) {
        self.sent = self.sent.saturating_add(1);
        self.spent += took;
    }

    fn record_many(&mut self, n: u32, took: Duration) {
        self.sent = self.sent.saturating_add(n);
        self.spent += took;
    }

    fn batch_limit(&self, batch_size: u32, claim_for: Duration) -> i64 {
        let fits = match self.spent.checked_div(self.sent) {
            Some(each) if !each.is_zero() => (claim_for / 2).as_secs_f64() / each.as_secs_f64(),
            Some(_) => f64::from(batch_size),
            // Nothing sent yet in this pass, so the pace is unknown: a small first batch, so a
            // slow relay does not keep a whole batch from other workers.
            None => f64::from(FIRST_BATCH),
        };
        // `as` saturates; at least one email, so a slow relay still makes progress.
        (fits as i64).clamp(1, i64::from(batch_size.max(1)))
    }
}

/// One claimed batch being delivered.
struct Batch<'a> {
    conn: &'a mut DbConnection,
    token: &'a str,
    /// When the claim ends unless it is renewed.
    expires: DateTime<Utc>,
    claim_for: Duration,
    /// Claims run on this clock, which moves with the pass.
    clock: &'a PassClock,
    /// The pass's time, which outcomes are stamped with (Date header, `sent_at`, retries).
    now: DateTime<Utc>,
    stop: &'a AtomicBool,
    pace: &'a mut Pace,
}

enum BatchEnd {
    /// Every email was dealt with, or the claim was lost: claim again.
    Done,
    /// The server is unreachable or the worker is stopping: end the pass.
    StopPass,
}

impl Batch<'_> {
    fn deliver(
        self,
        rows: &[OutboxRow],
        transport: &Transport,
        settings: &MailSettings,
        from: &lettre::message::Mailbox,
        domain: &str,
        report: &mut DeliveryReport,
    ) -> anyhow::Result<BatchEnd> {
        if let Transport::File(dir) = transport {
            return self.deliver_files(rows, dir, settings, from, domain, report);
        }
        let Batch { conn, token, mut expires, claim_for, clock, now, stop, pace } = self;
        // An email is started only with at least this much of the claim left; the claim is
        // renewed before that runs short. `MailSettings::validate` keeps it above the longest
        // a send can take (the SMTP timeout for each step of the conversation).
        let keep_left = chrono_duration(claim_for / 2);
        for row in rows {
            if stop.load(Ordering::Relaxed) {
                report.deferred += release(conn, token, clock.now())?;
                return Ok(BatchEnd::StopPass);
            }
            let current = clock.now();
            if expires - current < keep_left {
                let renewed_until = current + chrono_duration(claim_for);
                if renew(conn, token, current, renewed_until)? == 0 {
                    // Expired before it could be renewed (the worker was held up): another
                    // worker may have these emails now, so none is sent from this batch.
                    tracing::warn!("outbox: a claim expired before it could be renewed; claiming again");
                    return Ok(BatchEnd::Done);
                }
                expires = renewed_until;
            }
            let attempts = row.attempts.saturating_add(1);
            let to = mask_address(&row.to_address);
            let started = Instant::now();
            let sent = transport.send(from, domain, row, now);
            pace.record(started.elapsed());
            match sent {
                Ok(()) => {
                    record(conn, row, token, Outcome::Sent, attempts, now)?;
                    tracing::info!(id = row.id, kind = %row.kind, %to, attempts, "email sent");
                    report.sent += 1;
                }
                Err(SendError::Permanent(error)) => {
                    record(conn, row, token, Outcome::Failed(&error), attempts, now)?;
                    tracing::error!(id = row.id, kind = %row.kind, %to, attempts, %error, "email refused for good; marked failed");
                    report.failed += 1;
                }
                Err(SendError::Transient { message: error, unreachable }) => {
                    if attempts >= i32::try_from(settings.max_attempts).unwrap_or(i32::MAX) {
                        record(conn, row, token, Outcome::Failed(&error), attempts, now)?;
                        tracing::error!(id = row.id, kind = %row.kind, %to, attempts, %error, "email out of attempts; marked failed");
                        report.failed += 1;
                    } else {
                        let delay = settings.retry_delay(attempts);
                        let next = now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(6));
                        record(conn, row, token, Outcome::Retry(&error, next.naive_utc()), attempts, now)?;
                        tracing::warn!(id = row.id, kind = %row.kind, %to, attempts, %error, retry_at = %next, "email not sent; will retry");
                        report.retried += 1;
                    }
                    if unreachable {
                        // Every other email would fail the same way now: leave them for later.
                        let deferred = release(conn, token, now)?;
                        if deferred > 0 {
                            tracing::warn!(
                                deferred,
                                "mail server unreachable; the other due emails wait for the next pass"
                            );
                        }
                        report.deferred += deferred;
                        return Ok(BatchEnd::StopPass);
                    }
                }
            }
        }
        Ok(BatchEnd::Done)
    }
}

impl Batch<'_> {
    /// Delivers a claimed batch as `.eml` files: every file is written, the batch is made
    /// durable with one round of syncs (the files' data, then the folder after the renames),
    /// and only then are the emails marked sent, all in one statement. A crash in between
    /// leaves them claimed, so they are written again (same file names, same Message-IDs) once
    /// the claim expires; never marked sent without a durable file.
    fn deliver_files(
        self,
        rows: &[OutboxRow],
        dir: &std::path::Path,
        settings: &MailSettings,
        from: &lettre::message::Mailbox,
        domain: &str,
        report: &mut DeliveryReport,
    ) -> anyhow::Result<BatchEnd> {
        let Batch { conn, token, expires, claim_for, clock, now, stop, pace } = self;
        if stop.load(Ordering::Relaxed) {
            report.deferred += release(conn, token, clock.now())?;
            return Ok(BatchEnd::StopPass);
        }
        // Writing a batch takes far less than half a claim, so one check covers the batch.
        let current = clock.now();
        if expires - current < chrono_duration(claim_for / 2)
            && renew(conn, token, current, current + chrono_duration(claim_for))? == 0
        {
            tracing::warn!("outbox: a claim expired before it could be renewed; claiming again");
            return Ok(BatchEnd::Done);
        }
        let started = Instant::now();
        let mut files = EmlBatch::new(dir);
        let mut written: Vec<&OutboxRow> = Vec::with_capacity(rows.len());
        let mut unreachable = None;
        for row in rows {
            let message = match build_message(from, domain, row, now) {
                Ok(m) => m,
                Err(e) => {
                    let error = e.to_string();
                    record(conn, row, token, Outcome::Failed(&error), row.attempts.saturating_add(1), now)?;
                    tracing::error!(id = row.id, kind = %row.kind, to = %mask_address(&row.to_address), %error, "email refused for good; marked failed");
                    report.failed += 1;
                    continue;
                }
            };
            let result = match files.as_mut() {
                Ok(batch) => batch.write(row, &message.formatted()),
                Err(e) => Err(anyhow::anyhow!("{e:#}")),
            };
            match result {
                Ok(()) => written.push(row),
                Err(e) => {
                    unreachable = Some((row, format!("writing the email into {}: {e:#}", dir.display())));
                    break;
                }
            }
        }
        let committed = match files {
            Ok(batch) if !batch.is_empty() => batch.commit().map_err(|e| format!("{e:#}")),
            _ => Ok(0),
        };
        if let Err(error) = committed {
            // Nothing of this batch is known to be durable: every written email is retried.
            unreachable = written.first().map(|row| (*row, error));
            written.clear();
        }
        if !written.is_empty() {
            let changed = mark_sent(conn, &written, token, now)?;
            let n = u32::try_from(written.len()).unwrap_or(u32::MAX);
            pace.record_many(n, started.elapsed());
            if changed < written.len() {
                tracing::warn!(
                    written = written.len(),
                    marked = changed,
                    "the claim on some emails expired before they were marked sent; another worker took them over and may write them again (raise mail.claim_seconds?)"
                );
            }
            for row in &written {
                tracing::info!(id = row.id, kind = %row.kind, to = %mask_address(&row.to_address), attempts = row.attempts.saturating_add(1), "email sent");
            }
            report.sent += written.len();
        }
        if let Some((row, error)) = unreachable {
            // The email that could not be written counts an attempt, as a refused connection
            // does; the rest of the batch (all of it, if the sync failed) is handed back, still
            // due, for the next pass.
            let attempts = row.attempts.saturating_add(1);
            if attempts >= i32::try_from(settings.max_attempts).unwrap_or(i32::MAX) {
                record(conn, row, token, Outcome::Failed(&error), attempts, now)?;
                tracing::error!(id = row.id, kind = %row.kind, attempts, %error, "email out of attempts; marked failed");
                report.failed += 1;
            } else {
                let delay = settings.retry_delay(attempts);
                let next = now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(6));
                record(conn, row, token, Outcome::Retry(&error, next.naive_utc()), attempts, now)?;
                tracing::warn!(id = row.id, kind = %row.kind, attempts, %error, retry_at = %next, "email not written; will retry");
                report.retried += 1;
            }
            let deferred = release(conn, token, now)?;
            if deferred > 0 {
                tracing::warn!(deferred, "outbox folder not writable; the other due emails wait for the next pass");
            }
            report.deferred += deferred;
            return Ok(BatchEnd::StopPass);
        }
        Ok(BatchEnd::Done)
    }
}

/// Marks emails of this claim sent, in one statement; only those whose claim is still ours.
/// Returns how many were marked.
fn mark_sent(conn: &mut DbConnection, rows: &[&OutboxRow], token: &str, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let now = now.naive_utc();
    let mut changed = 0;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    for chunk in ids.chunks(500) {
        changed += diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(chunk))
                .filter(outbox::claim_token.eq(token))
                .filter(outbox::status.eq(status::SENDING)),
        )
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::claim_token.eq(None::<String>),
            outbox::claim_expires_at.eq(None::<NaiveDateTime>),
            outbox::updated_at.eq(now),
            outbox::status.eq(status::SENT),
            outbox::sent_at.eq(now),
        ))
        .execute(conn)
        .context("recording the delivery of a batch of emails")?;
    }
    Ok(changed)
}

/// Marks up to `limit` due emails as ours: one UPDATE, whose WHERE re-checks that each row is
/// still due when it is written, so rows another worker claimed in between are skipped.
fn claim(
    conn: &mut DbConnection,
    token: &str,
    now: DateTime<Utc>,
    claim_for: Duration,
    limit: i64,
) -> QueryResult<usize> {
    let now = now.naive_utc();
    let expires = now + chrono::Duration::from_std(claim_for).unwrap_or(chrono::Duration::minutes(5));
    // The inner SELECT reads the table under another name: diesel does not accept a table
    // in a subquery of its own UPDATE otherwise.
    let inner = diesel::alias!(outbox as candidates);
    macro_rules! due {
        ($t:expr) => {
            $t.field(outbox::status)
                .eq(status::QUEUED)
                .and($t.field(outbox::not_before).le(now))
                .or($t.field(outbox::status).eq(status::SENDING).and($t.field(outbox::claim_expires_at).lt(now)))
        };
    }
    let set = (
        outbox::status.eq(status::SENDING),
        outbox::claim_token.eq(token),
        outbox::claim_expires_at.eq(expires),
        outbox::updated_at.eq(now),
    );
    let still_due = outbox::status
        .eq(status::QUEUED)
        .and(outbox::not_before.le(now))
        .or(outbox::status.eq(status::SENDING).and(outbox::claim_expires_at.lt(now)));
    match conn {
        DbConnection::Pg(pg) => {
            // SKIP LOCKED: a worker passes over rows another one is claiming right now and
            // takes the next ones, instead of waiting for them and then finding them taken.
            let ids = inner
                .filter(due!(inner))
                .order(inner.field(outbox::id))
                .limit(limit)
                .select(inner.field(outbox::id))
                .for_update()
                .skip_locked();
            diesel::update(outbox::table.filter(outbox::id.eq_any(ids)).filter(still_due)).set(set).execute(pg)
        }
        DbConnection::Sqlite(lite) => {
            // SQLite runs one writer at a time: the second UPDATE sees the first one's rows.
            let ids =
                inner.filter(due!(inner)).order(inner.field(outbox::id)).limit(limit).select(inner.field(outbox::id));
            diesel::update(outbox::table.filter(outbox::id.eq_any(ids)).filter(still_due)).set(set).execute(lite)
        }
    }
}

/// Extends the claim on the emails of `token` not yet dealt with to `until`, if it has not
/// expired by `now` (an expired claim may be another worker's by now). Returns how many.
fn renew(conn: &mut DbConnection, token: &str, now: DateTime<Utc>, until: DateTime<Utc>) -> anyhow::Result<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::claim_token.eq(token))
            .filter(outbox::status.eq(status::SENDING))
            .filter(outbox::claim_expires_at.gt(now.naive_utc())),
    )
    .set((outbox::claim_expires_at.eq(until.naive_utc()), outbox::updated_at.eq(now.naive_utc())))
    .execute(conn)
    .context("renewing the claim on emails being sent")
}

/// Hands back the claimed emails not yet tried: queued again, still due. Returns how many.
fn release(conn: &mut DbConnection, token: &str, now: DateTime<Utc>) -> anyhow::Result<usize> {
    diesel::update(outbox::table.filter(outbox::claim_token.eq(token)).filter(outbox::status.eq(status::SENDING)))
        .set((
            outbox::status.eq(status::QUEUED),
            outbox::claim_token.eq(None::<String>),
            outbox::claim_expires_at.eq(None::<NaiveDateTime>),
            outbox::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)
        .context("handing back claimed emails")
}

enum Outcome<'a> {
    Sent,
    Failed(&'a str),
    Retry(&'a str, NaiveDateTime),
}

/// Commits one email's outcome, only if the claim is still ours.
fn record(
    conn: &mut DbConnection,
    row: &OutboxRow,
    token: &str,
    outcome: Outcome<'_>,
    attempts: i32,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let now = now.naive_utc();
    let target = outbox::table
        .filter(outbox::id.eq(row.id))
        .filter(outbox::claim_token.eq(token))
        .filter(outbox::status.eq(status::SENDING));
    let released = (
        outbox::attempts.eq(attempts),
        outbox::claim_token.eq(None::<String>),
        outbox::claim_expires_at.eq(None::<NaiveDateTime>),
        outbox::updated_at.eq(now),
    );
    let changed = match outcome {
        Outcome::Sent => diesel::update(target)
            .set((released, outbox::status.eq(status::SENT), outbox::sent_at.eq(now)))
            .execute(conn),
        Outcome::Failed(error) => diesel::update(target)
            .set((released, outbox::status.eq(status::FAILED), outbox::last_error.eq(truncate(error))))
            .execute(conn),
        Outcome::Retry(error, next) => diesel::update(target)
            .set((
                released,
                outbox::status.eq(status::QUEUED),
                outbox::not_before.eq(next),
                outbox::last_error.eq(truncate(error)),
            ))
            .execute(conn),
    }
    .with_context(|| format!("recording the delivery of email {}", row.id))?;
    if changed == 0 {
        tracing::warn!(
            id = row.id,
            "the claim on this email expired before its outcome was recorded; another worker took it over and may send it again (raise mail.claim_seconds?)"
        );
    }
    Ok(())
}

fn truncate(error: &str) -> String {
    match error.char_indices().nth(MAX_ERROR_CHARS) {
        Some((cut, _)) => format!("{}…", &error[..cut]),
        None => error.to_string(),
    }
}

/// The background loop of `serve`: a delivery pass with the current time every
/// `poll_seconds`, until `stop` is set (checked at least every 200 ms while idle, and
/// between emails during a pass). Fails only if the transport cannot be built.
pub fn spawn(
    pool: Pool,
    settings: MailSettings,
    clock: crate::clock::Clock,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<JoinHandle<()>> {
    let transport = Transport::from_settings(&settings)?;
    let handle = std::thread::Builder::new()
        .name("outbox-worker".into())
        .spawn(move || {
            tracing::info!(transport = ?transport, poll_seconds = settings.poll_seconds, "outbox worker started");
            while !stop.load(Ordering::Relaxed) {
                match deliver_due_until(&pool, &transport, &settings, clock.now(), &stop) {
                    Ok(report) if !report.is_empty() => tracing::info!(%report, "outbox delivery pass"),
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = ?e, "outbox delivery pass failed; trying again at the next poll"),
                }
                let until = Instant::now() + Duration::from_secs(settings.poll_seconds);
                while !stop.load(Ordering::Relaxed) {
                    let left = until.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    std::thread::sleep(left.min(Duration::from_millis(200)));
                }
            }
            tracing::info!("outbox worker stopped");
        })
        .context("starting the outbox worker thread")?;
    Ok(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_shrink_to_what_half_a_claim_covers() {
        let claim = Duration::from_secs(300);
        assert_eq!(Pace::default().batch_limit(200, claim), 10);
        assert_eq!(Pace::default().batch_limit(5, claim), 5);
        let mut pace = Pace::default();
        pace.record(Duration::from_millis(10));
        assert_eq!(pace.batch_limit(200, claim), 200);
        let mut slow = Pace::default();
        slow.record(Duration::from_secs(2));
        slow.record(Duration::from_secs(2));
        assert_eq!(slow.batch_limit(200, claim), 75);
        let mut stuck = Pace::default();
        stuck.record(Duration::from_secs(400));
        assert_eq!(stuck.batch_limit(200, claim), 1);
    }

    #[test]
    fn long_errors_are_cut() {
        let long = "é".repeat(MAX_ERROR_CHARS + 10);
        let cut = truncate(&long);
        assert_eq!(cut.chars().count(), MAX_ERROR_CHARS + 1);
        assert_eq!(truncate("short"), "short");
    }
}
