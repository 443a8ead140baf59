//! Reads an import matches rows against, references, and uploads waiting for confirmation.

use super::ImportKind;
use crate::charter::store::{Commitment, Framework};
use crate::db::schema::{actions, cities, commitments, frameworks, pending_imports, plans};
use crate::db::DbConnection;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

/// Every commitment of every framework, with its framework (an import resolves codes and the
/// Charter's wording against them without a query per row).
pub fn all_commitments(conn: &mut DbConnection) -> QueryResult<Vec<(Commitment, Framework)>> {
    commitments::table
        .inner_join(frameworks::table.on(frameworks::id.eq(commitments::framework_id)))
        .order((commitments::framework_id, commitments::position))
        .select((Commitment::as_select(), Framework::as_select()))
        .load(conn)
}

/// Object id -> reference, for the objects that have one.
pub fn city_references(conn: &mut DbConnection) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, Option<String>)> = cities::table.select((cities::id, cities::reference)).load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, r)| r.map(|r| (id, r))).collect())
}

pub fn plan_references(conn: &mut DbConnection) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, Option<String>)> = plans::table.select((plans::id, plans::reference)).load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, r)| r.map(|r| (id, r))).collect())
}

pub fn action_references(conn: &mut DbConnection, plan_ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, Option<String>)> = actions::table
        .filter(actions::plan_id.eq_any(plan_ids))
        .select((actions::id, actions::reference))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, r)| r.map(|r| (id, r))).collect())
}

pub fn set_city_reference(conn: &mut DbConnection, id: i64, reference: &str) -> QueryResult<()> {
    diesel::update(cities::table.find(id)).set(cities::reference.eq(reference)).execute(conn).map(drop)
}

pub fn set_plan_reference(conn: &mut DbConnection, id: i64, reference: &str) -> QueryResult<()> {
    diesel::update(plans::table.find(id)).set(plans::reference.eq(reference)).execute(conn).map(drop)
}

pub fn set_action_reference(conn: &mut DbConnection, id: i64, reference: &str) -> QueryResult<()> {
    diesel::update(actions::table.find(id)).set(actions::reference.eq(reference)).execute(conn).map(drop)
}

/// An uploaded file waiting for confirmation.
pub struct Pending {
    pub user_id: Option<i64>,
    pub kind: ImportKind,
    pub plan_id: Option<i64>,
    pub file_name: String,
    pub content: Vec<u8>,
}

/// Keeps an upload under a token's hash until `expires_at`; clears expired ones.
pub fn save_pending(
    conn: &mut DbConnection,
    token_hash: &str,
    p: &Pending,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::delete(pending_imports::table.filter(pending_imports::expires_at.lt(now.naive_utc()))).execute(conn)?;
    diesel::insert_into(pending_imports::table)
        .values((
            pending_imports::token_hash.eq(token_hash),
            pending_imports::user_id.eq(p.user_id),
            pending_imports::kind.eq(p.kind.as_str()),
            pending_imports::plan_id.eq(p.plan_id),
            pending_imports::file_name.eq(&p.file_name),
            pending_imports::content.eq(&p.content),
            pending_imports::created_at.eq(now.naive_utc()),
            pending_imports::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)
        .map(drop)
}

type PendingRow = (i64, Option<i64>, String, Option<i64>, String, Vec<u8>);

/// The upload kept under this token's hash, if it has not expired.
pub fn pending(conn: &mut DbConnection, token_hash: &str, now: DateTime<Utc>) -> QueryResult<Option<(i64, Pending)>> {
    let row: Option<PendingRow> = pending_imports::table
        .filter(pending_imports::token_hash.eq(token_hash))
        .filter(pending_imports::expires_at.gt(now.naive_utc()))
        .select((
            pending_imports::id,
            pending_imports::user_id,
            pending_imports::kind,
            pending_imports::plan_id,
            pending_imports::file_name,
            pending_imports::content,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, user_id, kind, plan_id, file_name, content)| {
        (id, Pending { user_id, kind: ImportKind::from_db(&kind), plan_id, file_name, content })
    }))
}

pub fn delete_pending(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(pending_imports::table.find(id)).execute(conn).map(drop)
}
