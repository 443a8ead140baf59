//! The outbox: emails written to the database in the same transaction as the change that
//! calls for them, then delivered by the worker (`super::worker`).
//!
//! An email is identified by its idempotency key: enqueueing the same key twice writes one
//! row, so a reminder planned again after a restart is not sent twice. The Message-ID is
//! derived from the key too, so a resend after a crash carries the same Message-ID and mail
//! clients show it once.

use super::emails::Content;
use super::templates::{EmailTemplates, RenderedEmail};
use crate::db::schema::outbox;
use crate::db::{is_unique_violation, DbConnection};
use anyhow::Context;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

/// The states of an email, as stored in `outbox.status`.
pub mod status {
    /// Waiting for `not_before`.
    pub const QUEUED: &str = "queued";
    /// Taken by a worker until `claim_expires_at`.
    pub const SENDING: &str = "sending";
    pub const SENT: &str = "sent";
    /// Refused for good, or out of attempts; the secretariat can queue it again.
    pub const FAILED: &str = "failed";
    /// Withdrawn before it was sent (e.g. the city submitted its check-in).
    pub const CANCELLED: &str = "cancelled";
    pub const ALL: [&str; 5] = [QUEUED, SENDING, SENT, FAILED, CANCELLED];
}

/// An email to send: which one with what values, to whom, and not before when.
#[derive(Clone, Debug)]
pub struct NewEmail {
    /// Unique per email that should be sent once, e.g. `round-7/city-3/due_soon/0`.
    pub idempotency_key: String,
    /// Which email, with its template's variables: one of the structs of `super::emails`,
    /// e.g. `emails::RoundOpened { .. }.into()`.
    pub content: Content,
    /// The recipient's language; falls back to `en` when the template lacks it.
    pub language: String,
    pub to_address: String,
    pub to_name: String,
    pub city_id: Option<i64>,
    pub round_id: Option<i64>,
    pub not_before: DateTime<Utc>,
}

/// One row of the outbox.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub idempotency_key: String,
    pub message_id: String,
    pub kind: String,
    pub to_address: String,
    pub to_name: String,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub city_id: Option<i64>,
    pub round_id: Option<i64>,
    pub status: String,
    pub attempts: i32,
    pub not_before: NaiveDateTime,
    pub claim_token: Option<String>,
    pub claim_expires_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// The left part of the Message-ID for an idempotency key: 32 hex digits of its SHA-256.
/// The header is `<{this}@{domain of mail.from}>`.
pub fn message_id_for(idempotency_key: &str) -> String {
    let digest = Sha256::digest(idempotency_key.as_bytes());
    hex::encode(digest)[..32].to_string()
}

/// Whether an email with this idempotency key exists, whatever its state.
pub fn exists(conn: &mut DbConnection, idempotency_key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(outbox::table.filter(outbox::idempotency_key.eq(idempotency_key))))
        .get_result(conn)
}

/// Renders (EmailTemplates::render, language fallback to en) and inserts in the caller's
/// transaction, so the state change and the email commit together. `Ok(false)` and nothing
/// written if the key already exists.
///
/// A duplicate never aborts an enclosing PostgreSQL transaction: the key is checked first,
/// and the insert runs in a nested transaction (a savepoint when the caller has one open),
/// so a racing insert of the same key is rolled back to the savepoint and reported as false.
/// `now` is when it was queued (not when it may go: that is `email.not_before`).
pub fn enqueue(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    email: NewEmail,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    if email.idempotency_key.trim().is_empty() {
        anyhow::bail!("an email needs an idempotency key");
    }
    if exists(conn, &email.idempotency_key).context("looking up the email's idempotency key")? {
        return Ok(false);
    }
    let template = email.content.template();
    let rendered = templates
        .render(template, &email.language, email.content.values())
        .with_context(|| format!("rendering email `{template}` ({})", email.idempotency_key))?;
    let now = now.naive_utc();
    let insert = diesel::insert_into(outbox::table).values((
        outbox::idempotency_key.eq(&email.idempotency_key),
        outbox::message_id.eq(message_id_for(&email.idempotency_key)),
        outbox::kind.eq(template),
        outbox::to_address.eq(email.to_address.trim()),
        outbox::to_name.eq(email.to_name.trim()),
        outbox::language.eq(&rendered.language),
        outbox::subject.eq(&rendered.subject),
        outbox::body_text.eq(&rendered.text),
        outbox::body_html.eq(&rendered.html),
        outbox::city_id.eq(email.city_id),
        outbox::round_id.eq(email.round_id),
        outbox::status.eq(status::QUEUED),
        outbox::attempts.eq(0),
        outbox::not_before.eq(email.not_before.naive_utc()),
        outbox::created_at.eq(now),
        outbox::updated_at.eq(now),
    ));
    match crate::db::transaction(conn, |c| insert.execute(c)) {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(anyhow::Error::new(e).context(format!("queueing email {}", email.idempotency_key))),
    }
}

/// Which of these idempotency keys the outbox holds already, whatever the email's state.
///
/// Planned with its values each time ([`crate::db::planned_each_time`]): a round opening runs
/// it dozens of times while the outbox may still be empty, and the plan PostgreSQL settles on
/// then, a scan of the whole table, took 0.1-0.6 s per 500 keys when the same pass looked up the
/// monthly stale-action emails after queueing 22,000 (1.1 s of a 6.6 s pass at 10,000 cities).
pub fn existing_keys(conn: &mut DbConnection, keys: &[&str]) -> QueryResult<std::collections::HashSet<String>> {
    let mut existing = std::collections::HashSet::new();
    for chunk in keys.chunks(500) {
        let found: Vec<String> = outbox::table
            .filter(outbox::idempotency_key.eq_any(chunk))
            .filter(crate::db::planned_each_time())
            .select(outbox::idempotency_key)
            .load(conn)?;
        existing.extend(found);
    }
    Ok(existing)
}

/// Queues many emails in the caller's transaction with multi-row inserts (a round opening
/// queues one per contact of every city). Keys that exist already are skipped, without
/// rendering; a key inserted concurrently by someone else is skipped too (`ON CONFLICT DO
/// NOTHING` on the unique key; on PostgreSQL the insert waits for the other transaction and
/// skips the key if it committed). Returns how many were queued.
pub fn enqueue_many(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    emails: Vec<NewEmail>,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let keys: Vec<&str> = emails.iter().map(|e| e.idempotency_key.as_str()).collect();
    let existing = existing_keys(conn, &keys)?;
    let emails: Vec<NewEmail> = emails.into_iter().filter(|e| !existing.contains(&e.idempotency_key)).collect();
    enqueue_new(conn, templates, emails, now)
}

/// [`enqueue_many`] for emails whose keys the caller has just looked up with [`existing_keys`]
/// and found absent (a round opening does, to leave out the links of emails already queued):
/// renders and inserts them without asking the database again. A key queued meanwhile by
/// someone else is still skipped. Returns how many were queued.
pub fn enqueue_new(
    conn: &mut DbConnection,
    templates: &EmailTemplates,
    emails: Vec<NewEmail>,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let now = now.naive_utc();
    if emails.iter().any(|e| e.idempotency_key.trim().is_empty()) {
        anyhow::bail!("an email needs an idempotency key");
    }
    let rendered = render_all(templates, &emails)?;
    let mut rows = vec![];
    for (email, r) in emails.into_iter().zip(rendered) {
        let template = email.content.template();
        rows.push((
            outbox::message_id.eq(message_id_for(&email.idempotency_key)),
            outbox::idempotency_key.eq(email.idempotency_key),
            outbox::kind.eq(template),
            outbox::to_address.eq(email.to_address.trim().to_string()),
            outbox::to_name.eq(email.to_name.trim().to_string()),
            outbox::language.eq(r.language),
            outbox::subject.eq(r.subject),
            outbox::body_text.eq(r.text),
            outbox::body_html.eq(r.html),
            outbox::city_id.eq(email.city_id),
            outbox::round_id.eq(email.round_id),
            (
                outbox::status.eq(status::QUEUED),
                outbox::attempts.eq(0),
                outbox::not_before.eq(email.not_before.naive_utc()),
                outbox::created_at.eq(now),
                outbox::updated_at.eq(now),
            ),
        ));
    }
    let mut queued = 0;
    for chunk in rows.chunks(200) {
        // A key queued meanwhile by someone else (another instance) is skipped, not an error.
        queued += crate::on_backend!(conn, |c| diesel::insert_into(outbox::table)
            .values(chunk)
            .on_conflict(outbox::idempotency_key)
            .do_nothing()
            .execute(c))
        .context("queueing emails")?;
    }
    Ok(queued)
}

/// Renders every email, on up to four threads for a long list (a round opening renders one
/// per contact of every city, and rendering is most of its time outside the database).
fn render_all(templates: &EmailTemplates, emails: &[NewEmail]) -> anyhow::Result<Vec<RenderedEmail>> {
    let render = |email: &NewEmail| {
        let template = email.content.template();
        templates
            .render(template, &email.language, email.content.values())
            .with_context(|| format!("rendering email `{template}` ({})", email.idempotency_key))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    if threads < 2 || emails.len() < 500 {
        return emails.iter().map(render).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = emails
            .chunks(emails.len().div_ceil(threads))
            .map(|chunk| scope.spawn(move || chunk.iter().map(render).collect::<anyhow::Result<Vec<_>>>()))
            .collect();
        let mut out = Vec::with_capacity(emails.len());
        for part in parts {
            out.extend(part.join().map_err(|_| anyhow::anyhow!("rendering emails panicked"))??);
        }
        Ok(out)
    })
}

diesel::define_sql_function! {
    /// `substr(text, start, length)`, 1-based, counting characters on both backends.
    fn substr(text: diesel::sql_types::Text, start: diesel::sql_types::Integer, length: diesel::sql_types::Integer) -> diesel::sql_types::Text;
}

/// Cancels queued emails whose idempotency key starts with `key_prefix` (e.g. when a city
/// submits its check-in). Emails being sent at that moment are not stopped. Returns how many.
/// An empty prefix cancels nothing (it would otherwise match every email).
pub fn cancel_queued(conn: &mut DbConnection, key_prefix: &str, now: DateTime<Utc>) -> QueryResult<usize> {
    if key_prefix.is_empty() {
        return Ok(0);
    }
    // Compared exactly: LIKE would need escaping and is case-insensitive on SQLite.
    let length = i32::try_from(key_prefix.chars().count()).unwrap_or(i32::MAX);
    diesel::update(
        outbox::table
            .filter(outbox::status.eq(status::QUEUED))
            .filter(substr(outbox::idempotency_key, 1, length).eq(key_prefix)),
    )
    .set((outbox::status.eq(status::CANCELLED), outbox::updated_at.eq(now.naive_utc())))
    .execute(conn)
}

/// One email by id.
pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<OutboxRow>> {
    outbox::table.find(id).select(OutboxRow::as_select()).first(conn).optional()
}

/// A page of emails, newest first, optionally in one state; and how many there are in all.
pub fn list(
    conn: &mut DbConnection,
    state: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<OutboxRow>, i64)> {
    let mut rows = outbox::table.into_boxed();
    let mut count = outbox::table.into_boxed();
    if let Some(s) = state {
        rows = rows.filter(outbox::status.eq(s.to_string()));
        count = count.filter(outbox::status.eq(s.to_string()));
    }
    let total = count.count().get_result(conn)?;
    let items = rows.order(outbox::id.desc()).limit(limit).offset(offset).select(OutboxRow::as_select()).load(conn)?;
    Ok((items, total))
}

/// Why an email could not be queued again.
#[derive(Debug, PartialEq, Eq)]
pub enum RetryRefused {
    NotFound,
    /// It is in this state, which cannot be retried.
    State(String),
}

/// Queues a failed or cancelled email again: attempts back to 0, due at `now`.
pub fn retry(conn: &mut DbConnection, id: i64, now: DateTime<Utc>) -> QueryResult<Result<OutboxRow, RetryRefused>> {
    let now = now.naive_utc();
    let changed = diesel::update(
        outbox::table.filter(outbox::id.eq(id)).filter(outbox::status.eq_any([status::FAILED, status::CANCELLED])),
    )
    .set((
        outbox::status.eq(status::QUEUED),
        outbox::attempts.eq(0),
        outbox::not_before.eq(now),
        outbox::claim_token.eq(None::<String>),
        outbox::claim_expires_at.eq(None::<NaiveDateTime>),
        outbox::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(match get(conn, id)? {
        None => Err(RetryRefused::NotFound),
        Some(row) if changed == 1 => Ok(row),
        Some(row) => Err(RetryRefused::State(row.status)),
    })
}

/// Most emails erased in one call, so one pass never holds a long transaction.
const ERASE_AT_ONCE: i64 = 1000;

/// Erases the recipient (address and name) and the bodies of emails sent more than
/// `retention_days` before `now` (personal data, kept no longer than it is useful). The row
/// stays, with its kind, city, round, state, attempts, times, idempotency key and Message-ID,
/// so counts of emails sent (by kind, round, city) stay right and an erased email is never
/// queued again. At most 1,000 a call, oldest first; returns how many.
pub fn erase_old_sent(conn: &mut DbConnection, retention_days: u32, now: DateTime<Utc>) -> QueryResult<usize> {
    let cutoff = (now - chrono::Duration::days(i64::from(retention_days))).naive_utc();
    let ids: Vec<i64> = outbox::table
        .filter(outbox::status.eq(status::SENT))
        .filter(outbox::sent_at.lt(cutoff))
        .filter(outbox::to_address.ne(""))
        .order(outbox::id)
        .limit(ERASE_AT_ONCE)
        .select(outbox::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)).filter(outbox::status.eq(status::SENT)))
        .set((
            outbox::to_address.eq(""),
            outbox::to_name.eq(""),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
            outbox::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)
}

/// `anna@example.org` -> `a***@example.org`, for logs.
pub fn mask_address(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_stable_and_differ_by_key() {
        let a = message_id_for("round-1/city-2/due_soon/0");
        assert_eq!(a, message_id_for("round-1/city-2/due_soon/0"));
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, message_id_for("round-1/city-2/due_soon/1"));
    }

    #[test]
    fn addresses_are_masked() {
        assert_eq!(mask_address("anna@malmo.example"), "a***@malmo.example");
        assert_eq!(mask_address("łukasz@lodz.example"), "ł***@lodz.example");
        assert_eq!(mask_address("nonsense"), "***");
    }
}
