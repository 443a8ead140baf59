//! A city's secret calendar address: calendar apps subscribe to `/calendar/<token>.ics`
//! without signing in (they cannot send a Bearer token). The token is random (192 bits),
//! stored only as a hash, one per city; reissuing replaces it (the old address stops working)
//! and revoking deletes it. The feed (`ics::calendar`) lists check-in due dates with any
//! extension, and the due dates of the city's open actions.

use crate::auth::tokens::{hash_token, random_string};
use crate::db::schema::calendar_feeds;
use crate::db::DbConnection;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

/// The path of the feed a token opens.
pub fn path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

/// A city's calendar address as its page and the API show it (never the token, which is
/// shown once, when issued).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedInfo {
    pub created_by: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// A newly issued address: the only time its URL is shown.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Issued {
    /// Give this to a calendar app ("subscribe to a calendar from the internet").
    pub url: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

pub fn info(conn: &mut DbConnection, city_id: i64) -> QueryResult<Option<FeedInfo>> {
    calendar_feeds::table
        .filter(calendar_feeds::city_id.eq(city_id))
        .select((calendar_feeds::created_by, calendar_feeds::created_at))
        .first::<(String, NaiveDateTime)>(conn)
        .optional()
        .map(|r| r.map(|(created_by, created_at)| FeedInfo { created_by, created_at }))
}

/// Issues a new token for the city, replacing any earlier one; returns the token.
pub fn issue(conn: &mut DbConnection, city_id: i64, by: &str, now: DateTime<Utc>) -> QueryResult<String> {
    let token = random_string(32);
    crate::db::transaction(conn, |c| {
        diesel::delete(calendar_feeds::table.filter(calendar_feeds::city_id.eq(city_id))).execute(c)?;
        diesel::insert_into(calendar_feeds::table)
            .values((
                calendar_feeds::city_id.eq(city_id),
                calendar_feeds::token_hash.eq(hash_token(&token)),
                calendar_feeds::created_by.eq(by),
                calendar_feeds::created_at.eq(now.naive_utc()),
            ))
            .execute(c)
    })?;
    Ok(token)
}

/// Deletes the city's token; returns whether there was one.
pub fn revoke(conn: &mut DbConnection, city_id: i64) -> QueryResult<bool> {
    Ok(diesel::delete(calendar_feeds::table.filter(calendar_feeds::city_id.eq(city_id))).execute(conn)? > 0)
}

/// The city a token belongs to, if it is current.
pub fn resolve(conn: &mut DbConnection, token: &str) -> QueryResult<Option<i64>> {
    calendar_feeds::table
        .filter(calendar_feeds::token_hash.eq(hash_token(token)))
        .select(calendar_feeds::city_id)
        .first(conn)
        .optional()
}
