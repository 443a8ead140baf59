//! Browser sessions: a random token in an HttpOnly cookie, stored only as its SHA-256 hash,
//! with a CSRF token bound to the session. A session ends after `sign_in.idle_minutes` without
//! activity, `sign_in.absolute_hours` after signing in, at sign-out, when the password changes,
//! or when the user is disabled.

use super::tokens::{hash_token, random_string};
use super::{Caller, Role};
use crate::config::SignInSettings;
use crate::db::schema::{sessions, users};
use crate::db::DbConnection;
use crate::i18n::Lang;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

/// The cookie that carries the session token.
pub const COOKIE: &str = "ct_session";

/// Activity moves the idle deadline, but at most once a minute: a page view is then a read,
/// not a write.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// A live session and the person behind it.
#[derive(Clone, Debug)]
pub struct Session {
    pub id: i64,
    pub caller: Caller,
    /// The user's display name (the email when none was given).
    pub name: String,
    /// Every form of a signed-in page carries this; a POST without it is refused.
    pub csrf: String,
    pub expires_at: NaiveDateTime,
    /// Set when this lookup moved the idle deadline, so the cookie can be renewed with it.
    pub renewed: bool,
    /// The language the user chose on the account page, if any.
    pub language: Option<Lang>,
}

/// Starts a session for a user; returns the token to put in the cookie.
pub fn create(
    conn: &mut DbConnection,
    user_id: i64,
    settings: &SignInSettings,
    now: DateTime<Utc>,
) -> QueryResult<String> {
    let token = random_string(24);
    let now = now.naive_utc();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash_token(&token)),
            sessions::user_id.eq(user_id),
            sessions::csrf_token.eq(random_string(24)),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(now + idle(settings)),
        ))
        .execute(conn)?;
    Ok(token)
}

fn idle(settings: &SignInSettings) -> Duration {
    Duration::minutes(i64::from(settings.idle_minutes))
}

/// The live session for a cookie token, sliding its idle deadline (never past the absolute one).
pub fn lookup(
    conn: &mut DbConnection,
    token: &str,
    settings: &SignInSettings,
    now: DateTime<Utc>,
) -> QueryResult<Option<Session>> {
    let now = now.naive_utc();
    type Row = (
        i64,
        String,
        NaiveDateTime,
        NaiveDateTime,
        NaiveDateTime,
        i64,
        String,
        String,
        String,
        Option<i64>,
        Option<String>,
    );
    let row: Option<Row> = sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(hash_token(token)))
        .filter(sessions::expires_at.gt(now))
        .filter(users::disabled.eq(false))
        .select((
            sessions::id,
            sessions::csrf_token,
            sessions::created_at,
            sessions::last_seen_at,
            sessions::expires_at,
            users::id,
            users::email,
            users::name,
            users::role,
            users::city_id,
            users::language,
        ))
        .first(conn)
        .optional()?;
    let Some((id, csrf, created_at, last_seen_at, mut expires_at, user_id, email, name, role, city_id, language)) = row
    else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    let absolute = created_at + Duration::hours(i64::from(settings.absolute_hours));
    let mut renewed = false;
    if now - last_seen_at >= TOUCH_EVERY {
        expires_at = (now + idle(settings)).min(absolute);
        diesel::update(sessions::table.find(id))
            .set((sessions::last_seen_at.eq(now), sessions::expires_at.eq(expires_at)))
            .execute(conn)?;
        renewed = true;
    }
    let name = if name.trim().is_empty() { email.clone() } else { name };
    let language = language.as_deref().and_then(Lang::from_tag).filter(|l| crate::i18n::messages::is_offered(*l));
    Ok(Some(Session {
        id,
        caller: Caller { user_id, email, role, city_id },
        name,
        csrf,
        expires_at,
        renewed,
        language,
    }))
}

/// Ends the session with this token (signing out). Unknown tokens are ignored.
pub fn end(conn: &mut DbConnection, token: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(hash_token(token)))).execute(conn)?;
    Ok(())
}

/// Ends every session of a user (password changed, account disabled).
pub fn end_all(conn: &mut DbConnection, user_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
}

/// Ends every session of a user but one (the password was changed in that one).
pub fn end_others(conn: &mut DbConnection, user_id: i64, keep: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id).and(sessions::id.ne(keep)))).execute(conn)
}

/// Deletes sessions that have ended; run by the scheduler pass.
pub fn purge_expired(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now.naive_utc()))).execute(conn)
}
