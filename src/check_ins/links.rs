//! The secure links in reminder emails: a random token, stored only as a hash, valid for one
//! city's check-in in one round until the round closes. It opens that check-in's form and
//! nothing else.

use crate::auth::tokens::{hash_token, random_string};
use crate::db::schema::{check_in_links, check_ins, rounds};
use crate::db::DbConnection;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// Creates a link for a contact (or none) and returns the token, which is never stored.
pub fn create(
    conn: &mut DbConnection,
    check_in_id: i64,
    contact_id: Option<i64>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<String> {
    let token = random_string(24);
    diesel::insert_into(check_in_links::table)
        .values((
            check_in_links::check_in_id.eq(check_in_id),
            check_in_links::contact_id.eq(contact_id),
            check_in_links::token_hash.eq(hash_token(&token)),
            check_in_links::expires_at.eq(expires_at.naive_utc()),
            check_in_links::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Creates one link per (check-in, contact) with multi-row inserts; returns the tokens in order.
pub fn create_many(
    conn: &mut DbConnection,
    wanted: &[(i64, Option<i64>)],
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<Vec<String>> {
    let tokens: Vec<String> = wanted.iter().map(|_| random_string(24)).collect();
    let rows: Vec<_> = wanted
        .iter()
        .zip(&tokens)
        .map(|((check_in, contact), token)| {
            (
                check_in_links::check_in_id.eq(*check_in),
                check_in_links::contact_id.eq(*contact),
                check_in_links::token_hash.eq(hash_token(token)),
                check_in_links::expires_at.eq(expires_at.naive_utc()),
                check_in_links::created_at.eq(now.naive_utc()),
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        crate::on_backend!(conn, |c| diesel::insert_into(check_in_links::table).values(chunk).execute(c))?;
    }
    Ok(tokens)
}

/// The path of the form a token opens.
pub fn path(token: &str) -> String {
    format!("/check-in/{token}")
}

/// Why a token does not open a form.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Expired,
}

/// The check-in and contact a live token stands for. A link works until it expires and its
/// round closes; while the secretariat's request for changes is open it works after the round
/// has closed too (until it expires), since the city must be able to answer it.
pub fn resolve(
    conn: &mut DbConnection,
    token: &str,
    now: DateTime<Utc>,
) -> QueryResult<Result<(i64, Option<i64>), Refusal>> {
    type Found = (i64, Option<i64>, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>, String);
    let row: Option<Found> = check_in_links::table
        .inner_join(check_ins::table.inner_join(rounds::table))
        .filter(check_in_links::token_hash.eq(hash_token(token)))
        .select((
            check_in_links::check_in_id,
            check_in_links::contact_id,
            check_in_links::expires_at,
            rounds::closed_at,
            check_ins::state,
        ))
        .first(conn)
        .optional()?;
    let changes_asked = |state: &str| state == super::CheckInState::ChangesRequested.as_str();
    Ok(match row {
        None => Err(Refusal::Unknown),
        Some((_, _, expires, _, _)) if expires <= now.naive_utc() => Err(Refusal::Expired),
        Some((_, _, _, Some(_), state)) if !changes_asked(&state) => Err(Refusal::Expired),
        Some((id, contact, _, _, _)) => Ok((id, contact)),
    })
}
