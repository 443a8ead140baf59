//! Queries and changes for actions.

use super::{Action, ActionStatus, Delivery, PolicyArea, Staleness};
use crate::db::schema::{actions, commitments, plans, roles};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::history::{self, Actor, Change, Kind};
use crate::ids::{CityId, PlanId};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = actions)]
pub struct ActionRow {
    id: i64,
    plan_id: i64,
    title: String,
    description: String,
    department: String,
    partners: String,
    delivery: String,
    policy_areas: String,
    start_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    status: String,
    progress: i32,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    evidence: String,
}

type Joined = (ActionRow, String, String, i64);

fn to_action((r, commitment, role, city_id): Joined, staleness: Staleness) -> Action {
    let status = ActionStatus::from_db(&r.status);
    Action {
        stale: staleness.of(status, r.updated_at),
        evidence: serde_json::from_str(&r.evidence).unwrap_or_default(),
        id: r.id,
        plan_id: r.plan_id,
        city_id,
        commitment,
        role,
        title: r.title,
        description: r.description,
        department: r.department,
        partners: serde_json::from_str(&r.partners).unwrap_or_default(),
        delivery: Delivery::from_db(&r.delivery),
        policy_areas: serde_json::from_str::<Vec<String>>(&r.policy_areas)
            .unwrap_or_default()
            .iter()
            .map(|p| PolicyArea::from_db(p))
            .collect(),
        start_date: r.start_date,
        due_date: r.due_date,
        status,
        progress: r.progress,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// Filters for a plan's action list.
#[derive(Default)]
pub struct Filter {
    pub role: Option<String>,
    pub commitment: Option<String>,
    pub status: Option<ActionStatus>,
    /// Only stale actions (`Some(true)`), or only the others (`Some(false)`).
    pub stale: Option<bool>,
}

pub fn list(
    conn: &mut DbConnection,
    plan_id: i64,
    f: &Filter,
    staleness: Staleness,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Action>, i64)> {
    // The same filters for the page and for the total.
    macro_rules! filtered {
        () => {{
            let mut q = actions::table
                .inner_join(commitments::table.inner_join(roles::table))
                .inner_join(plans::table)
                .filter(actions::plan_id.eq(plan_id))
                .into_boxed();
            if let Some(r) = &f.role {
                q = q.filter(roles::code.eq(r.clone()));
            }
            if let Some(c) = &f.commitment {
                q = q.filter(commitments::code.eq(c.clone()));
            }
            if let Some(s) = f.status {
                q = q.filter(actions::status.eq(s.as_str()));
            }
            // `Staleness::of` as a query: open and not updated since the cutoff.
            match f.stale {
                Some(true) => {
                    q = q
                        .filter(actions::status.eq_any(ActionStatus::open()))
                        .filter(actions::updated_at.lt(staleness.cutoff))
                }
                Some(false) => {
                    q = q.filter(
                        actions::status.ne_all(ActionStatus::open()).or(actions::updated_at.ge(staleness.cutoff)),
                    )
                }
                None => {}
            }
            q
        }};
    }
    let total = filtered!().count().get_result(conn)?;
    let rows: Vec<Joined> = filtered!()
        .order(actions::id)
        .limit(limit)
        .offset(offset)
        .select((ActionRow::as_select(), commitments::code, roles::code, plans::city_id))
        .load(conn)?;
    Ok((rows.into_iter().map(|r| to_action(r, staleness)).collect(), total))
}

/// How many stale actions each city has (cities with none are left out), in plans of the
/// framework `framework` if given. `Staleness::of` as a query.
pub fn stale_per_city(
    conn: &mut DbConnection,
    framework: Option<i64>,
    staleness: Staleness,
) -> QueryResult<Vec<(i64, i64)>> {
    let stale = actions::table
        .inner_join(plans::table)
        .filter(actions::status.eq_any(ActionStatus::open()))
        .filter(actions::updated_at.lt(staleness.cutoff));
    let count = (plans::city_id, diesel::dsl::count_star());
    match framework {
        Some(fw) => stale.filter(plans::framework_id.eq(fw)).group_by(plans::city_id).select(count).load(conn),
        None => stale.group_by(plans::city_id).select(count).load(conn),
    }
}

/// An open action with a due date, as the calendar feed lists it.
#[derive(Clone, Debug)]
pub struct DueAction {
    pub id: i64,
    pub title: String,
    pub commitment: String,
    pub status: ActionStatus,
    pub progress: i32,
    pub due_date: NaiveDate,
}

/// A city's open actions that have a due date, soonest first.
pub fn open_with_due_dates(conn: &mut DbConnection, city_id: i64) -> QueryResult<Vec<DueAction>> {
    let rows: Vec<(i64, String, String, String, i32, Option<NaiveDate>)> = actions::table
        .inner_join(plans::table)
        .inner_join(commitments::table)
        .filter(plans::city_id.eq(city_id))
        .filter(actions::status.eq_any(ActionStatus::open()))
        .filter(actions::due_date.is_not_null())
        .order((actions::due_date, actions::id))
        .select((actions::id, actions::title, commitments::code, actions::status, actions::progress, actions::due_date))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, title, commitment, status, progress, due)| {
            Some(DueAction { id, title, commitment, status: ActionStatus::from_db(&status), progress, due_date: due? })
        })
        .collect())
}

/// A stale action, as the monthly email lists it.
#[derive(Clone, Debug)]
pub struct StaleAction {
    pub id: i64,
    pub city_id: i64,
    pub title: String,
    pub commitment: String,
    pub updated_at: NaiveDateTime,
}

/// Every stale action of these cities, by city then title. `Staleness::of` as a query.
pub fn stale_of(conn: &mut DbConnection, cities: &[i64], staleness: Staleness) -> QueryResult<Vec<StaleAction>> {
    let rows: Vec<(i64, i64, String, String, NaiveDateTime)> = actions::table
        .inner_join(plans::table)
        .inner_join(commitments::table)
        .filter(plans::city_id.eq_any(cities))
        .filter(actions::status.eq_any(ActionStatus::open()))
        .filter(actions::updated_at.lt(staleness.cutoff))
        .order((plans::city_id, actions::title, actions::id))
        .select((actions::id, plans::city_id, actions::title, commitments::code, actions::updated_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, city_id, title, commitment, updated_at)| StaleAction { id, city_id, title, commitment, updated_at })
        .collect())
}

pub fn get(conn: &mut DbConnection, id: i64, staleness: Staleness) -> QueryResult<Option<Action>> {
    let row: Option<Joined> = actions::table
        .inner_join(commitments::table.inner_join(roles::table))
        .inner_join(plans::table)
        .filter(actions::id.eq(id))
        .select((ActionRow::as_select(), commitments::code, roles::code, plans::city_id))
        .first(conn)
        .optional()?;
    Ok(row.map(|r| to_action(r, staleness)))
}

pub fn require(conn: &mut DbConnection, id: i64, staleness: Staleness) -> ApiResult<Action> {
    get(conn, id, staleness)?.ok_or_else(|| ApiError::not_found(format!("no action with id {id}")))
}

/// Validated action fields.
pub struct ActionFields {
    pub commitment_id: i64,
    pub title: String,
    pub description: String,
    pub department: String,
    pub partners: Vec<String>,
    pub delivery: Delivery,
    pub policy_areas: Vec<PolicyArea>,
    pub start_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub progress: i32,
    pub evidence: Vec<crate::validation::Evidence>,
}

/// The columns an action's fields fill, written alike when it is created and when it is changed
/// (a `None` date clears it).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = actions, treat_none_as_null = true)]
struct Columns<'a> {
    commitment_id: i64,
    title: &'a str,
    description: &'a str,
    department: &'a str,
    /// JSON list of names.
    partners: String,
    delivery: &'static str,
    /// JSON list of codes.
    policy_areas: String,
    start_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    status: &'static str,
    progress: i32,
    /// JSON list of {url, title}.
    evidence: String,
}

impl ActionFields {
    fn columns(&self) -> Columns<'_> {
        Columns {
            commitment_id: self.commitment_id,
            title: &self.title,
            description: &self.description,
            department: &self.department,
            partners: serde_json::to_string(&self.partners).unwrap(),
            delivery: self.delivery.as_str(),
            policy_areas: serde_json::to_string(&self.policy_areas.iter().map(|p| p.as_str()).collect::<Vec<_>>())
                .unwrap(),
            start_date: self.start_date,
            due_date: self.due_date,
            status: self.status.as_str(),
            progress: self.progress,
            evidence: serde_json::to_string(&self.evidence).unwrap(),
        }
    }
}

pub fn create(
    conn: &mut DbConnection,
    plan: PlanId,
    city: CityId,
    f: ActionFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Action> {
    create_with_reference(conn, plan, city, f, None, actor, now)
}

/// As `create`, storing the reference an imported file gives the action (in the same insert:
/// an import of thousands of actions saves a round trip per action).
pub fn create_with_reference(
    conn: &mut DbConnection,
    plan: PlanId,
    city: CityId,
    f: ActionFields,
    reference: Option<&str>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Action> {
    let (plan_id, city_id) = (plan.0, city.0);
    Ok(crate::db::transaction(conn, |conn| {
        let id: i64 = diesel::insert_into(actions::table)
            .values((
                actions::plan_id.eq(plan_id),
                f.columns(),
                actions::reference.eq(reference),
                actions::version.eq(1),
                actions::created_at.eq(now.naive_utc()),
                actions::updated_at.eq(now.naive_utc()),
            ))
            .returning(actions::id)
            .get_result(conn)?;
        super::search::index(conn, &[id])?;
        let action = get(conn, id, Staleness::NEVER)?.expect("just inserted");
        history::record(conn, Change::created(Kind::Action, id, Some(city_id), &action), actor, now)?;
        QueryResult::Ok(action)
    })?)
}

pub fn update(
    conn: &mut DbConnection,
    before: &Action,
    expected: i32,
    f: ActionFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Action> {
    if before.version != expected {
        return Err(ApiError::version_conflict("action", before.version, expected));
    }
    let after = crate::db::transaction(conn, |conn| {
        let n = diesel::update(actions::table.find(before.id).filter(actions::version.eq(expected)))
            .set((f.columns(), actions::version.eq(expected + 1), actions::updated_at.eq(now.naive_utc())))
            .execute(conn)?;
        if n == 0 {
            return QueryResult::Ok(None);
        }
        super::search::index(conn, &[before.id])?;
        let after = get(conn, before.id, Staleness::NEVER)?.expect("exists");
        history::record(
            conn,
            Change::updated(Kind::Action, before.id, Some(before.city_id), before, &after),
            actor,
            now,
        )?;
        Ok(Some(after))
    })?;
    after.ok_or_else(|| ApiError::version_conflict("action", expected + 1, expected))
}

/// Deletes an action; with `expected`, only if it is still at that version.
pub fn delete(
    conn: &mut DbConnection,
    before: &Action,
    expected: Option<i32>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if let Some(v) = expected.filter(|v| *v != before.version) {
        return Err(ApiError::version_conflict("action", before.version, v));
    }
    let deleted = crate::db::transaction(conn, |conn| {
        let n =
            diesel::delete(actions::table.find(before.id).filter(actions::version.eq(before.version))).execute(conn)?;
        if n == 0 {
            return QueryResult::Ok(false);
        }
        history::record(conn, Change::deleted(Kind::Action, before.id, Some(before.city_id), before), actor, now)?;
        Ok(true)
    })?;
    if deleted {
        Ok(())
    } else {
        Err(ApiError::version_conflict("action", before.version + 1, before.version))
    }
}
