//! The outbox: every email is a row written in the same transaction as the change that causes it.
//! (Interim: queueing only; delivery arrives with the mail worker.)

use super::templates::EmailTemplates;
use crate::db::schema::outbox;
use crate::db::{is_unique_violation, DbConnection};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

pub struct NewEmail {
    pub idempotency_key: String,
    pub template: String,
    pub language: String,
    pub to_address: String,
    pub to_name: String,
    pub context: serde_json::Value,
    pub city_id: Option<i64>,
    pub round_id: Option<i64>,
    pub not_before: DateTime<Utc>,
}

/// Renders and queues an email in the caller's transaction; false if its key exists already.
pub fn enqueue(conn: &mut DbConnection, templates: &EmailTemplates, email: NewEmail) -> anyhow::Result<bool> {
    let exists: i64 = outbox::table.filter(outbox::idempotency_key.eq(&email.idempotency_key)).count().get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    let r = templates.render(&email.template, &email.language, &email.context)?;
    let message_id = format!("<{}@charter-tracker>", &hex::encode(Sha256::digest(email.idempotency_key.as_bytes()))[..32]);
    let now = Utc::now().naive_utc();
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(outbox::table)
            .values((
                outbox::idempotency_key.eq(&email.idempotency_key),
                outbox::message_id.eq(message_id),
                outbox::kind.eq(&email.template),
                outbox::to_address.eq(&email.to_address),
                outbox::to_name.eq(&email.to_name),
                outbox::language.eq(&r.language),
                outbox::subject.eq(&r.subject),
                outbox::body_text.eq(&r.text),
                outbox::body_html.eq(&r.html),
                outbox::city_id.eq(email.city_id),
                outbox::round_id.eq(email.round_id),
                outbox::status.eq("queued"),
                outbox::attempts.eq(0),
                outbox::not_before.eq(email.not_before.naive_utc()),
                outbox::created_at.eq(now),
                outbox::updated_at.eq(now),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Cancels queued emails whose key starts with `key_prefix`.
pub fn cancel_queued(conn: &mut DbConnection, key_prefix: &str) -> QueryResult<usize> {
    diesel::update(outbox::table.filter(outbox::status.eq("queued")).filter(outbox::idempotency_key.like(format!("{key_prefix}%"))))
        .set((outbox::status.eq("cancelled"), outbox::updated_at.eq(Utc::now().naive_utc())))
        .execute(conn)
}
