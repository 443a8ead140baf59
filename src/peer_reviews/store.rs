//! Reads and writes of peer reviews and their recommendations. Reviews are small (a handful of
//! cities, people, commitments and recommendations), so a review is read in a few simple queries
//! and put together here.

use super::{ActionOutcome, CityRef, Focus, PeerReview, Person, Recommendation, Response, ReviewState};
use crate::actions::{ActionStatus, Staleness};
use crate::db::schema::{
    actions, cities, commitments, frameworks, peer_review_cities, peer_review_commitments, peer_review_people,
    peer_reviews, recommendations,
};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::history::{self, Actor, Change, Kind};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = peer_reviews)]
struct ReviewRow {
    id: i64,
    host_city_id: i64,
    framework_id: i64,
    state: String,
    visit_from: Option<NaiveDate>,
    visit_to: Option<NaiveDate>,
    report_date: Option<NaiveDate>,
    summary: String,
    summary_agreed: bool,
    summary_agreed_by: Option<String>,
    summary_agreed_at: Option<NaiveDateTime>,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = recommendations)]
struct RecommendationRow {
    id: i64,
    peer_review_id: i64,
    commitment_id: i64,
    text: String,
    response: Option<String>,
    response_note: String,
    responded_by: Option<String>,
    responded_at: Option<NaiveDateTime>,
    action_id: Option<i64>,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// A review as stored, with its framework's id (the API shows the code).
pub struct Stored {
    pub review: PeerReview,
    pub framework_id: i64,
}

fn city_refs(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, CityRef>> {
    let rows: Vec<(i64, String, bool)> = cities::table
        .filter(cities::id.eq_any(ids.to_vec()))
        .select((cities::id, cities::name, cities::is_public))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, name, public)| (id, CityRef { id, name, public })).collect())
}

/// The framework's commitments by id: (code, text, order in the framework).
fn commitment_index(conn: &mut DbConnection, framework_id: i64) -> QueryResult<HashMap<i64, (String, String, usize)>> {
    let mut out = HashMap::new();
    for (_, cs) in crate::charter::store::structure(conn, framework_id)? {
        for c in cs {
            let n = out.len();
            out.insert(c.id, (c.code, c.text, n));
        }
    }
    Ok(out)
}

fn outcome(conn: &mut DbConnection, action_id: Option<i64>) -> QueryResult<Option<ActionOutcome>> {
    let Some(id) = action_id else { return Ok(None) };
    let a = crate::actions::store::get(conn, id, Staleness::NEVER)?;
    Ok(a.map(|a| ActionOutcome {
        id: a.id,
        title: a.title,
        status: a.status,
        progress: a.progress,
        updated_at: a.updated_at,
    }))
}

fn to_recommendation(
    conn: &mut DbConnection,
    r: RecommendationRow,
    host_city_id: i64,
    index: &HashMap<i64, (String, String, usize)>,
) -> QueryResult<Recommendation> {
    Ok(Recommendation {
        id: r.id,
        peer_review_id: r.peer_review_id,
        host_city_id,
        commitment: index.get(&r.commitment_id).map(|c| c.0.clone()).unwrap_or_default(),
        text: r.text,
        response: r.response.as_deref().map(Response::from_db),
        response_note: r.response_note,
        responded_by: r.responded_by,
        responded_at: r.responded_at,
        action_id: r.action_id,
        action: outcome(conn, r.action_id)?,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

fn assemble(conn: &mut DbConnection, r: ReviewRow) -> QueryResult<Stored> {
    let framework: String = frameworks::table.find(r.framework_id).select(frameworks::code).first(conn)?;
    let reviewer_ids: Vec<i64> = peer_review_cities::table
        .filter(peer_review_cities::peer_review_id.eq(r.id))
        .select(peer_review_cities::city_id)
        .load(conn)?;
    let refs = city_refs(conn, &[vec![r.host_city_id], reviewer_ids.clone()].concat())?;
    let mut reviewing: Vec<CityRef> = reviewer_ids.iter().filter_map(|id| refs.get(id).cloned()).collect();
    reviewing.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let people: Vec<(String, String, Option<i64>, String)> = peer_review_people::table
        .filter(peer_review_people::peer_review_id.eq(r.id))
        .order((peer_review_people::position, peer_review_people::id))
        .select((
            peer_review_people::name,
            peer_review_people::organisation,
            peer_review_people::city_id,
            peer_review_people::role,
        ))
        .load(conn)?;
    let index = commitment_index(conn, r.framework_id)?;
    let focus_rows: Vec<(i64, String)> = peer_review_commitments::table
        .filter(peer_review_commitments::peer_review_id.eq(r.id))
        .select((peer_review_commitments::commitment_id, peer_review_commitments::findings))
        .load(conn)?;
    let mut focus: Vec<(usize, Focus)> = focus_rows
        .into_iter()
        .filter_map(|(id, findings)| {
            index.get(&id).map(|(code, text, n)| (*n, Focus { commitment: code.clone(), text: text.clone(), findings }))
        })
        .collect();
    focus.sort_by_key(|(n, _)| *n);
    let rec_rows: Vec<RecommendationRow> = recommendations::table
        .filter(recommendations::peer_review_id.eq(r.id))
        .order(recommendations::id)
        .select(RecommendationRow::as_select())
        .load(conn)?;
    let mut recs = vec![];
    for row in rec_rows {
        recs.push(to_recommendation(conn, row, r.host_city_id, &index)?);
    }
    // Recommendations in the order of the commitments in focus, then as recorded.
    let order: HashMap<String, usize> = focus.iter().map(|(n, f)| (f.commitment.clone(), *n)).collect();
    recs.sort_by_key(|x| (order.get(&x.commitment).copied().unwrap_or(usize::MAX), x.id));
    let host = refs.get(&r.host_city_id).cloned().unwrap_or(CityRef {
        id: r.host_city_id,
        name: String::new(),
        public: false,
    });
    let mut review = PeerReview {
        id: r.id,
        host,
        framework,
        state: ReviewState::from_db(&r.state),
        reviewing_cities: reviewing,
        people: Some(
            people
                .into_iter()
                .map(|(name, organisation, city_id, role)| Person { name, organisation, city_id, role })
                .collect(),
        ),
        commitments: focus.into_iter().map(|(_, f)| f).collect(),
        visit_from: r.visit_from,
        visit_to: r.visit_to,
        report_date: r.report_date,
        summary: r.summary,
        summary_agreed: r.summary_agreed,
        summary_agreed_by: r.summary_agreed_by,
        summary_agreed_at: r.summary_agreed_at,
        summary_public: false,
        recommendations: recs,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    };
    review.summary_public = review.is_public();
    Ok(Stored { review, framework_id: r.framework_id })
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Stored>> {
    let row: Option<ReviewRow> = peer_reviews::table.find(id).select(ReviewRow::as_select()).first(conn).optional()?;
    row.map(|r| assemble(conn, r)).transpose()
}

pub fn require(conn: &mut DbConnection, id: i64) -> ApiResult<Stored> {
    get(conn, id)?.ok_or_else(|| ApiError::not_found(format!("no peer review with id {id}")))
}

/// Reviews, newest visit first (unscheduled ones first of all), of every city (`None`) or those
/// where one of `cities` is the host or a reviewer.
pub fn list(
    conn: &mut DbConnection,
    cities: Option<&[i64]>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Stored>, i64)> {
    let ids: Vec<i64> = match cities {
        None => peer_reviews::table.select(peer_reviews::id).load(conn)?,
        Some(c) => {
            let mut ids: Vec<i64> = peer_reviews::table
                .filter(peer_reviews::host_city_id.eq_any(c.to_vec()))
                .select(peer_reviews::id)
                .load(conn)?;
            ids.extend(
                peer_review_cities::table
                    .filter(peer_review_cities::city_id.eq_any(c.to_vec()))
                    .select(peer_review_cities::peer_review_id)
                    .load::<i64>(conn)?,
            );
            ids.sort_unstable();
            ids.dedup();
            ids
        }
    };
    let total = ids.len() as i64;
    let rows: Vec<ReviewRow> = peer_reviews::table
        .filter(peer_reviews::id.eq_any(ids))
        .order((peer_reviews::visit_from.desc(), peer_reviews::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(ReviewRow::as_select())
        .load(conn)?;
    let mut out = vec![];
    for r in rows {
        out.push(assemble(conn, r)?);
    }
    Ok((out, total))
}

/// Every review hosted by this city, newest first.
pub fn hosted_by(conn: &mut DbConnection, city_id: i64) -> QueryResult<Vec<Stored>> {
    let rows: Vec<ReviewRow> = peer_reviews::table
        .filter(peer_reviews::host_city_id.eq(city_id))
        .order((peer_reviews::visit_from.desc(), peer_reviews::id.desc()))
        .select(ReviewRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|r| assemble(conn, r)).collect()
}

/// Reviews of a framework whose visit (or, lacking one, report) falls within the period, by
/// visit date: those the outcomes report counts as held.
pub fn held_in(conn: &mut DbConnection, framework_id: i64, from: NaiveDate, to: NaiveDate) -> QueryResult<Vec<Stored>> {
    let rows: Vec<ReviewRow> = peer_reviews::table
        .filter(peer_reviews::framework_id.eq(framework_id))
        .order((peer_reviews::visit_from, peer_reviews::id))
        .select(ReviewRow::as_select())
        .load(conn)?;
    rows.into_iter()
        .filter(|r| r.visit_from.or(r.report_date).is_some_and(|d| d >= from && d <= to))
        .map(|r| assemble(conn, r))
        .collect()
}

/// The recommendation an action came from: (recommendation id, review id, its text).
pub fn recommendation_of_action(conn: &mut DbConnection, action_id: i64) -> QueryResult<Option<(i64, i64, String)>> {
    recommendations::table
        .filter(recommendations::action_id.eq(action_id))
        .select((recommendations::id, recommendations::peer_review_id, recommendations::text))
        .first(conn)
        .optional()
}

/// The review a recommendation belongs to.
pub fn review_of_recommendation(conn: &mut DbConnection, id: i64) -> ApiResult<i64> {
    recommendations::table
        .find(id)
        .select(recommendations::peer_review_id)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no recommendation with id {id}")))
}

/// Validated fields of a review.
pub struct ReviewFields {
    pub state: ReviewState,
    pub reviewing: Vec<i64>,
    pub people: Vec<Person>,
    /// Commitment ids in focus, with their findings.
    pub focus: Vec<(i64, String)>,
    pub visit_from: Option<NaiveDate>,
    pub visit_to: Option<NaiveDate>,
    pub report_date: Option<NaiveDate>,
    pub summary: String,
    pub summary_agreed: bool,
    pub summary_agreed_by: Option<String>,
    pub summary_agreed_at: Option<NaiveDateTime>,
}

fn write_children(conn: &mut DbConnection, id: i64, f: &ReviewFields) -> QueryResult<()> {
    diesel::delete(peer_review_cities::table.filter(peer_review_cities::peer_review_id.eq(id))).execute(conn)?;
    for c in &f.reviewing {
        diesel::insert_into(peer_review_cities::table)
            .values((peer_review_cities::peer_review_id.eq(id), peer_review_cities::city_id.eq(c)))
            .execute(conn)?;
    }
    diesel::delete(peer_review_people::table.filter(peer_review_people::peer_review_id.eq(id))).execute(conn)?;
    for (n, p) in f.people.iter().enumerate() {
        diesel::insert_into(peer_review_people::table)
            .values((
                peer_review_people::peer_review_id.eq(id),
                peer_review_people::position.eq(n as i32),
                peer_review_people::name.eq(&p.name),
                peer_review_people::organisation.eq(&p.organisation),
                peer_review_people::city_id.eq(p.city_id),
                peer_review_people::role.eq(&p.role),
            ))
            .execute(conn)?;
    }
    diesel::delete(peer_review_commitments::table.filter(peer_review_commitments::peer_review_id.eq(id)))
        .execute(conn)?;
    for (c, findings) in &f.focus {
        diesel::insert_into(peer_review_commitments::table)
            .values((
                peer_review_commitments::peer_review_id.eq(id),
                peer_review_commitments::commitment_id.eq(c),
                peer_review_commitments::findings.eq(findings),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn create(
    conn: &mut DbConnection,
    host_city_id: i64,
    framework_id: i64,
    f: &ReviewFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<PeerReview> {
    Ok(crate::db::transaction(conn, |conn| {
        let id: i64 = diesel::insert_into(peer_reviews::table)
            .values((
                peer_reviews::host_city_id.eq(host_city_id),
                peer_reviews::framework_id.eq(framework_id),
                peer_reviews::state.eq(f.state.as_str()),
                peer_reviews::visit_from.eq(f.visit_from),
                peer_reviews::visit_to.eq(f.visit_to),
                peer_reviews::report_date.eq(f.report_date),
                peer_reviews::summary.eq(&f.summary),
                peer_reviews::summary_agreed.eq(f.summary_agreed),
                peer_reviews::summary_agreed_by.eq(&f.summary_agreed_by),
                peer_reviews::summary_agreed_at.eq(f.summary_agreed_at),
                peer_reviews::version.eq(1),
                peer_reviews::created_at.eq(now.naive_utc()),
                peer_reviews::updated_at.eq(now.naive_utc()),
            ))
            .returning(peer_reviews::id)
            .get_result(conn)?;
        write_children(conn, id, f)?;
        let after = get(conn, id)?.expect("just inserted").review;
        history::record(conn, Change::created(Kind::PeerReview, id, Some(host_city_id), &after.record()), actor, now)?;
        QueryResult::Ok(after)
    })?)
}

pub fn update(
    conn: &mut DbConnection,
    before: &PeerReview,
    expected: i32,
    f: &ReviewFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<PeerReview> {
    if before.version != expected {
        return Err(ApiError::version_conflict("peer review", before.version, expected));
    }
    let after = crate::db::transaction(conn, |conn| {
        let n = diesel::update(peer_reviews::table.find(before.id).filter(peer_reviews::version.eq(expected)))
            .set((
                peer_reviews::state.eq(f.state.as_str()),
                peer_reviews::visit_from.eq(f.visit_from),
                peer_reviews::visit_to.eq(f.visit_to),
                peer_reviews::report_date.eq(f.report_date),
                peer_reviews::summary.eq(&f.summary),
                peer_reviews::summary_agreed.eq(f.summary_agreed),
                peer_reviews::summary_agreed_by.eq(&f.summary_agreed_by),
                peer_reviews::summary_agreed_at.eq(f.summary_agreed_at),
                peer_reviews::version.eq(expected + 1),
                peer_reviews::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if n == 0 {
            return QueryResult::Ok(None);
        }
        write_children(conn, before.id, f)?;
        let after = get(conn, before.id)?.expect("exists").review;
        history::record(
            conn,
            Change::updated(Kind::PeerReview, before.id, Some(before.host.id), &before.record(), &after.record()),
            actor,
            now,
        )?;
        Ok(Some(after))
    })?;
    after.ok_or_else(|| ApiError::version_conflict("peer review", expected + 1, expected))
}

/// Reads one recommendation of a loaded review.
pub fn recommendation(review: &PeerReview, id: i64) -> ApiResult<Recommendation> {
    review
        .recommendations
        .iter()
        .find(|r| r.id == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("no recommendation with id {id}")))
}

fn reload_recommendation(conn: &mut DbConnection, id: i64) -> QueryResult<Recommendation> {
    let row: RecommendationRow = recommendations::table.find(id).select(RecommendationRow::as_select()).first(conn)?;
    let (host, framework_id): (i64, i64) = peer_reviews::table
        .find(row.peer_review_id)
        .select((peer_reviews::host_city_id, peer_reviews::framework_id))
        .first(conn)?;
    let index = commitment_index(conn, framework_id)?;
    to_recommendation(conn, row, host, &index)
}

/// Adds a recommendation to a review.
pub fn add_recommendation(
    conn: &mut DbConnection,
    review: &PeerReview,
    commitment_id: i64,
    text: &str,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Recommendation> {
    Ok(crate::db::transaction(conn, |conn| {
        let id: i64 = diesel::insert_into(recommendations::table)
            .values((
                recommendations::peer_review_id.eq(review.id),
                recommendations::commitment_id.eq(commitment_id),
                recommendations::text.eq(text),
                recommendations::response_note.eq(""),
                recommendations::version.eq(1),
                recommendations::created_at.eq(now.naive_utc()),
                recommendations::updated_at.eq(now.naive_utc()),
            ))
            .returning(recommendations::id)
            .get_result(conn)?;
        let after = reload_recommendation(conn, id)?;
        history::record(conn, Change::created(Kind::Recommendation, id, Some(review.host.id), &after), actor, now)?;
        QueryResult::Ok(after)
    })?)
}

/// What a change to a recommendation sets.
pub enum RecommendationChange<'a> {
    Text { commitment_id: i64, text: &'a str },
    Response { response: Response, note: &'a str },
    Action { action_id: i64 },
}

/// Changes a recommendation still at version `expected`, recording the change in its history.
pub fn change_recommendation(
    conn: &mut DbConnection,
    before: &Recommendation,
    expected: i32,
    change: RecommendationChange<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Recommendation> {
    if before.version != expected {
        return Err(ApiError::version_conflict("recommendation", before.version, expected));
    }
    let after = crate::db::transaction(conn, |conn| {
        let target = recommendations::table.find(before.id).filter(recommendations::version.eq(expected));
        let bump = (recommendations::version.eq(expected + 1), recommendations::updated_at.eq(now.naive_utc()));
        let n = match change {
            RecommendationChange::Text { commitment_id, text } => diesel::update(target)
                .set((recommendations::commitment_id.eq(commitment_id), recommendations::text.eq(text), bump))
                .execute(conn)?,
            RecommendationChange::Response { response, note } => diesel::update(target)
                .set((
                    recommendations::response.eq(Some(response.as_str())),
                    recommendations::response_note.eq(note),
                    recommendations::responded_by.eq(Some(&actor.label)),
                    recommendations::responded_at.eq(Some(now.naive_utc())),
                    bump,
                ))
                .execute(conn)?,
            RecommendationChange::Action { action_id } => {
                diesel::update(target).set((recommendations::action_id.eq(Some(action_id)), bump)).execute(conn)?
            }
        };
        if n == 0 {
            return QueryResult::Ok(None);
        }
        let after = reload_recommendation(conn, before.id)?;
        let (mut b, mut a) = (before.clone(), after.clone());
        // The action's own progress is in the action's history, not the recommendation's.
        b.action = None;
        a.action = None;
        history::record(
            conn,
            Change::updated(Kind::Recommendation, before.id, Some(before.host_city_id), &b, &a),
            actor,
            now,
        )?;
        Ok(Some(after))
    })?;
    after.ok_or_else(|| ApiError::version_conflict("recommendation", expected + 1, expected))
}

/// Per recommendation of these reviews, the status of the action it became: for the report.
pub fn action_statuses(conn: &mut DbConnection, action_ids: &[i64]) -> QueryResult<HashMap<i64, (ActionStatus, i32)>> {
    let rows: Vec<(i64, String, i32)> = actions::table
        .filter(actions::id.eq_any(action_ids.to_vec()))
        .select((actions::id, actions::status, actions::progress))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, s, p)| (id, (ActionStatus::from_db(&s), p))).collect())
}

/// The framework's commitment ids by code.
pub fn commitment_ids(conn: &mut DbConnection, framework_id: i64) -> QueryResult<HashMap<String, (i64, bool)>> {
    let rows: Vec<(i64, String, bool)> = commitments::table
        .filter(commitments::framework_id.eq(framework_id))
        .select((commitments::id, commitments::code, commitments::retired))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, code, retired)| (code, (id, retired))).collect())
}
