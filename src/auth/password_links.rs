//! Single-use links that let a person choose a password: "forgot your password" resets, and
//! invitations to a new account. The token is random (192 bits), travels only in the email,
//! and is stored as its SHA-256 hash. A newer link of the same kind replaces older ones, using
//! a link ends every session of the user, and an expired or used link explains itself.

use super::tokens::{hash_token, random_string};
use crate::config::Settings;
use crate::db::schema::{password_links, users};
use crate::db::DbConnection;
use crate::mail::emails::{Invitation, PasswordReset};
use crate::mail::outbox::{self, NewEmail};
use crate::mail::templates::EmailTemplates;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

crate::text_enum! {
    /// Why a link was sent.
    Purpose { Reset = "reset", Invitation = "invitation" }
}

/// The page a link opens.
pub fn path(token: &str) -> String {
    format!("/password/{token}")
}

/// Whether a link of this kind was sent to the user after `since` (a rate limit on resets).
pub fn sent_since(conn: &mut DbConnection, user_id: i64, purpose: Purpose, since: DateTime<Utc>) -> QueryResult<bool> {
    let n: i64 = password_links::table
        .filter(
            password_links::user_id
                .eq(user_id)
                .and(password_links::purpose.eq(purpose.as_str()))
                .and(password_links::created_at.gt(since.naive_utc())),
        )
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Why a link cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Expired,
    Used,
}

/// A usable link: whose, and what for.
#[derive(Debug)]
pub struct Valid {
    pub link_id: i64,
    pub user_id: i64,
    pub email: String,
    pub purpose: Purpose,
}

fn lifetime(settings: &Settings, purpose: Purpose) -> Duration {
    match purpose {
        Purpose::Reset => Duration::minutes(i64::from(settings.sign_in.reset_link_minutes)),
        Purpose::Invitation => Duration::days(i64::from(settings.sign_in.invitation_days)),
    }
}

/// Creates a link for a user and queues the email that carries it, in one transaction.
/// Earlier unused links of the same kind stop working.
pub fn send(
    conn: &mut DbConnection,
    settings: &Settings,
    templates: &EmailTemplates,
    user_id: i64,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (email, name, language): (String, String, Option<String>) =
        users::table.find(user_id).select((users::email, users::name, users::language)).first(conn)?;
    // The language the user chose for pages, else the network's.
    let lang = language
        .as_deref()
        .and_then(crate::i18n::Lang::from_tag)
        .unwrap_or_else(|| settings.network.default_language());
    let token = random_string(24);
    let expires_at = now + lifetime(settings, purpose);
    crate::db::transaction(conn, |conn| -> anyhow::Result<()> {
        diesel::delete(
            password_links::table
                .filter(password_links::user_id.eq(user_id))
                .filter(password_links::purpose.eq(purpose.as_str()))
                .filter(password_links::used_at.is_null()),
        )
        .execute(conn)?;
        let link_id: i64 = diesel::insert_into(password_links::table)
            .values((
                password_links::token_hash.eq(hash_token(&token)),
                password_links::user_id.eq(user_id),
                password_links::purpose.eq(purpose.as_str()),
                password_links::created_at.eq(now.naive_utc()),
                password_links::expires_at.eq(expires_at.naive_utc()),
            ))
            .returning(password_links::id)
            .get_result(conn)?;
        let tz = settings.time_zone();
        let local = expires_at.with_timezone(&tz);
        let when = format!("{} ({})", crate::i18n::date_time(local.naive_local(), lang), tz.name());
        let shown_name = if name.trim().is_empty() { email.clone() } else { name.clone() };
        let network_name = settings.network.name.clone();
        let reset_link = format!("{}{}", settings.public_base(), path(&token));
        let sign_in_email = email.clone();
        let content = match purpose {
            Purpose::Reset => {
                PasswordReset { network_name, contact_name: shown_name, reset_link, expires_at: when, sign_in_email }
                    .into()
            }
            Purpose::Invitation => {
                Invitation { network_name, contact_name: shown_name, reset_link, expires_at: when, sign_in_email }
                    .into()
            }
        };
        outbox::enqueue(
            conn,
            templates,
            NewEmail {
                idempotency_key: format!("password:{}:{link_id}", purpose.as_str()),
                content,
                language: lang.tag().into(),
                to_address: email.clone(),
                to_name: name,
                city_id: None,
                round_id: None,
                not_before: now,
            },
            now,
        )?;
        Ok(())
    })
}

/// A link joined with its user: link id, user id, purpose, expiry, use, email, disabled.
type LinkRow = (i64, i64, String, NaiveDateTime, Option<NaiveDateTime>, String, bool);

/// What a token stands for, if it can still be used.
pub fn resolve(conn: &mut DbConnection, token: &str, now: DateTime<Utc>) -> QueryResult<Result<Valid, Refusal>> {
    let row: Option<LinkRow> = password_links::table
        .inner_join(users::table)
        .filter(password_links::token_hash.eq(hash_token(token)))
        .select((
            password_links::id,
            password_links::user_id,
            password_links::purpose,
            password_links::expires_at,
            password_links::used_at,
            users::email,
            users::disabled,
        ))
        .first(conn)
        .optional()?;
    Ok(match row {
        None => Err(Refusal::Unknown),
        Some((_, _, _, _, _, _, true)) => Err(Refusal::Unknown),
        Some((_, _, _, _, Some(_), _, _)) => Err(Refusal::Used),
        Some((_, _, _, expires, None, _, _)) if expires <= now.naive_utc() => Err(Refusal::Expired),
        Some((link_id, user_id, purpose, _, None, email, false)) => {
            Ok(Valid { link_id, user_id, email, purpose: Purpose::from_db(&purpose) })
        }
    })
}

/// Sets the new password through a valid link, once: the link is spent, and every session of
/// the user ends (someone who knew the old password is signed out). False if the link was
/// spent in the meantime.
pub fn set_password(
    conn: &mut DbConnection,
    link: &Valid,
    password_hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    crate::db::transaction(conn, |conn| {
        let n = diesel::update(password_links::table.find(link.link_id).filter(password_links::used_at.is_null()))
            .set(password_links::used_at.eq(now.naive_utc()))
            .execute(conn)?;
        if n == 0 {
            return Ok(false);
        }
        diesel::update(users::table.find(link.user_id)).set(users::password_hash.eq(password_hash)).execute(conn)?;
        super::sessions::end_all(conn, link.user_id)?;
        Ok(true)
    })
}
