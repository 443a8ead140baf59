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
    /// When activity last moved the idle deadline (by this lookup, if `renewed`).
    pub seen_at: NaiveDateTime,
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
    let mut seen_at = last_seen_at;
    if now - last_seen_at >= TOUCH_EVERY {
        expires_at = (now + idle(settings)).min(absolute);
        diesel::update(sessions::table.find(id))
            .set((sessions::last_seen_at.eq(now), sessions::expires_at.eq(expires_at)))
            .execute(conn)?;
        renewed = true;
        seen_at = now;
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
        seen_at,
    }))
}

/// Sessions found recently, by their token's hash, each with the generation of sessions and
/// users (`db::changes::Feed::sessions`) it was found at. A page view whose session is kept
/// here needs no query: the session is trusted while the generation stays (no session has
/// ended and no user has changed on any instance since) and until its idle deadline next
/// moves, when `lookup` is asked again and refreshes it. The feed is trusted on PostgreSQL only,
/// so on SQLite nothing is kept.
#[derive(Default)]
pub struct Kept {
    inner: std::sync::Mutex<std::collections::HashMap<String, (u64, Session)>>,
}

/// How many sessions one instance keeps; when full it starts again from none.
const KEPT_AT_MOST: usize = 10_000;

impl Kept {
    /// The session with `token` if it was kept at `generation` and needs no refresh at `now`.
    pub fn get(&self, token: &str, generation: u64, now: DateTime<Utc>) -> Option<Session> {
        let now = now.naive_utc();
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (at, session) = inner.get(&hash_token(token))?;
        let current = *at == generation && now - session.seen_at < TOUCH_EVERY && now < session.expires_at;
        current.then(|| Session { renewed: false, ..session.clone() })
    }

    /// Keeps `session`, found with `token` by a lookup that began at `generation`.
    pub fn put(&self, token: &str, generation: u64, session: &Session) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.len() >= KEPT_AT_MOST {
            inner.clear();
        }
        inner.insert(hash_token(token), (generation, session.clone()));
    }
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
