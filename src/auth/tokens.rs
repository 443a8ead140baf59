//! API tokens: random, shown once, stored as a SHA-256 hash, revocable.
//!
//! A token has 192 bits of entropy, so a fast hash is enough to make a stolen database
//! useless for calling the API (unlike passwords, which need argon2).

use super::{Caller, Role};
use crate::db::schema::{api_tokens, users};
use crate::db::DbConnection;
use base64::Engine;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

const PREFIX: &str = "ct_";

pub fn random_string(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token for a user and returns (token id, the token itself).
pub fn issue(conn: &mut DbConnection, user_id: i64, label: &str, now: DateTime<Utc>) -> QueryResult<(i64, String)> {
    let token = format!("{PREFIX}{}", random_string(24));
    let id = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::token_hash.eq(hash_token(&token)),
            api_tokens::label.eq(label),
            api_tokens::created_at.eq(now.naive_utc()),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    Ok((id, token))
}

/// Revokes a token by id; false if there was none to revoke.
pub fn revoke(conn: &mut DbConnection, token_id: i64, now: DateTime<Utc>) -> QueryResult<bool> {
    let n = diesel::update(api_tokens::table.find(token_id).filter(api_tokens::revoked_at.is_null()))
        .set(api_tokens::revoked_at.eq(now.naive_utc()))
        .execute(conn)?;
    Ok(n == 1)
}

/// The caller a token stands for, if it is live and its user enabled.
pub fn authenticate(conn: &mut DbConnection, token: &str) -> QueryResult<Option<Caller>> {
    let row: Option<(i64, String, String, Option<i64>)> = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(hash_token(token)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(users::disabled.eq(false))
        .select((users::id, users::email, users::role, users::city_id))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(user_id, email, role, city_id)| {
        Role::parse(&role).map(|role| Caller { user_id, email, role, city_id })
    }))
}

#[derive(Debug, Queryable, serde::Serialize, utoipa::ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub label: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<chrono::NaiveDateTime>,
}

pub fn list_for_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<TokenInfo>> {
    api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::id)
        .select((api_tokens::id, api_tokens::label, api_tokens::created_at, api_tokens::revoked_at))
        .load(conn)
}
