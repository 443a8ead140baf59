//! Reads and writes of verified ratings, and the city's latest self-assessments they are
//! compared with.

use super::VerifiedRating;
use crate::check_ins::{Assessment, CheckInState};
use crate::db::schema::{check_ins, commitments, frameworks, rounds, self_assessments, verified_ratings};
use crate::db::DbConnection;
use crate::validation::Evidence;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

type Row = (i64, i64, String, String, String, String, String, NaiveDate, String, chrono::NaiveDateTime);

fn to_rating(r: Row) -> VerifiedRating {
    let (id, city_id, framework, commitment, level, note, evidence, verified_on, verified_by, created_at) = r;
    VerifiedRating {
        id,
        city_id,
        framework,
        commitment,
        level: Assessment::from_db(&level),
        note,
        evidence: serde_json::from_str(&evidence).unwrap_or_default(),
        verified_on,
        verified_by,
        created_at,
    }
}

/// Every verified rating of these cities (all cities when `None`) on or before `until`, oldest
/// first, so the last of each (city, commitment) is the one in force.
pub fn history(
    conn: &mut DbConnection,
    cities: Option<&[i64]>,
    until: Option<NaiveDate>,
) -> QueryResult<Vec<VerifiedRating>> {
    let mut q = verified_ratings::table
        .inner_join(commitments::table)
        .inner_join(frameworks::table.on(frameworks::id.eq(commitments::framework_id)))
        .into_boxed();
    if let Some(ids) = cities {
        q = q.filter(verified_ratings::city_id.eq_any(ids.to_vec()));
    }
    if let Some(d) = until {
        q = q.filter(verified_ratings::verified_on.le(d));
    }
    let rows: Vec<Row> = q
        .order((verified_ratings::verified_on, verified_ratings::id))
        .select((
            verified_ratings::id,
            verified_ratings::city_id,
            frameworks::code,
            commitments::code,
            verified_ratings::level,
            verified_ratings::note,
            verified_ratings::evidence,
            verified_ratings::verified_on,
            verified_ratings::verified_by,
            verified_ratings::created_at,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(to_rating).collect())
}

/// The rating in force per (city, framework, commitment code).
pub fn in_force(ratings: Vec<VerifiedRating>) -> HashMap<(i64, String, String), VerifiedRating> {
    let mut out = HashMap::new();
    for r in ratings {
        out.insert((r.city_id, r.framework.clone(), r.commitment.clone()), r);
    }
    out
}

pub struct NewRating<'a> {
    pub city_id: i64,
    pub commitment_id: i64,
    pub level: Assessment,
    pub note: &'a str,
    pub evidence: &'a [Evidence],
    pub verified_on: NaiveDate,
    pub verified_by: &'a str,
}

pub fn insert(conn: &mut DbConnection, r: &NewRating<'_>, now: DateTime<Utc>) -> QueryResult<i64> {
    diesel::insert_into(verified_ratings::table)
        .values((
            verified_ratings::city_id.eq(r.city_id),
            verified_ratings::commitment_id.eq(r.commitment_id),
            verified_ratings::level.eq(r.level.as_str()),
            verified_ratings::note.eq(r.note),
            verified_ratings::evidence.eq(serde_json::to_string(r.evidence).expect("links serialise")),
            verified_ratings::verified_on.eq(r.verified_on),
            verified_ratings::verified_by.eq(r.verified_by),
            verified_ratings::created_at.eq(now.naive_utc()),
        ))
        .returning(verified_ratings::id)
        .get_result(conn)
}

/// A city's latest self-assessment per commitment id, from check-ins it submitted (the latest
/// round's answer counts): (level, round label).
pub fn latest_self_assessments(
    conn: &mut DbConnection,
    city_id: i64,
) -> QueryResult<HashMap<i64, (Assessment, String)>> {
    let submitted: Vec<&str> = CheckInState::ALL.iter().filter(|s| s.was_submitted()).map(|s| s.as_str()).collect();
    let rows: Vec<(i64, String, String)> = self_assessments::table
        .inner_join(check_ins::table.inner_join(rounds::table))
        .filter(check_ins::city_id.eq(city_id))
        .filter(check_ins::state.eq_any(submitted))
        .order((rounds::period_end, rounds::opened_at, self_assessments::id))
        .select((self_assessments::commitment_id, self_assessments::level, rounds::label))
        .load(conn)?;
    let mut out = HashMap::new();
    for (commitment, level, round) in rows {
        out.insert(commitment, (Assessment::from_db(&level), round));
    }
    Ok(out)
}
