//! Queries and changes for action plans.

use super::{Plan, PlanStatus};
use crate::charter::store::Framework;
use crate::db::schema::{frameworks, plans};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::history::{self, Actor, Change, Kind};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = plans)]
struct PlanRow {
    id: i64,
    city_id: i64,
    framework_id: i64,
    title: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    status: String,
    adopted_on: Option<NaiveDate>,
    document_url: Option<String>,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// A plan together with the database id of its framework (which the API shows by code).
pub struct Stored {
    pub plan: Plan,
    pub framework_id: i64,
}

fn to_plan((r, code): (PlanRow, String)) -> Stored {
    Stored {
        framework_id: r.framework_id,
        plan: Plan {
            id: r.id,
            city_id: r.city_id,
            framework: code,
            title: r.title,
            period_start: r.period_start,
            period_end: r.period_end,
            status: PlanStatus::from_db(&r.status),
            adopted_on: r.adopted_on,
            document_url: r.document_url,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        },
    }
}

pub fn list_for_city(conn: &mut DbConnection, city_id: i64, limit: i64, offset: i64) -> QueryResult<(Vec<Plan>, i64)> {
    let total = plans::table.filter(plans::city_id.eq(city_id)).count().get_result(conn)?;
    let rows: Vec<(PlanRow, String)> = plans::table
        .inner_join(frameworks::table.on(frameworks::id.eq(plans::framework_id)))
        .filter(plans::city_id.eq(city_id))
        .order((plans::period_start.desc(), plans::id))
        .limit(limit)
        .offset(offset)
        .select((PlanRow::as_select(), frameworks::code))
        .load(conn)?;
    Ok((rows.into_iter().map(|r| to_plan(r).plan).collect(), total))
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Stored>> {
    let row: Option<(PlanRow, String)> = plans::table
        .inner_join(frameworks::table.on(frameworks::id.eq(plans::framework_id)))
        .filter(plans::id.eq(id))
        .select((PlanRow::as_select(), frameworks::code))
        .first(conn)
        .optional()?;
    Ok(row.map(to_plan))
}

pub fn require(conn: &mut DbConnection, id: i64) -> ApiResult<Stored> {
    get(conn, id)?.ok_or_else(|| ApiError::not_found(format!("no plan with id {id}")))
}

/// Validated plan fields.
pub struct PlanFields {
    pub title: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub status: PlanStatus,
    pub adopted_on: Option<NaiveDate>,
    pub document_url: Option<String>,
}

pub fn create(
    conn: &mut DbConnection,
    city_id: i64,
    fw: &Framework,
    f: PlanFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Plan> {
    Ok(crate::db::transaction(conn, |conn| {
        let id: i64 = diesel::insert_into(plans::table)
            .values((
                plans::city_id.eq(city_id),
                plans::framework_id.eq(fw.id),
                plans::title.eq(&f.title),
                plans::period_start.eq(f.period_start),
                plans::period_end.eq(f.period_end),
                plans::status.eq(f.status.as_str()),
                plans::adopted_on.eq(f.adopted_on),
                plans::document_url.eq(&f.document_url),
                plans::version.eq(1),
                plans::created_at.eq(now.naive_utc()),
                plans::updated_at.eq(now.naive_utc()),
            ))
            .returning(plans::id)
            .get_result(conn)?;
        let plan = get(conn, id)?.expect("just inserted").plan;
        history::record(conn, Change::created(Kind::Plan, id, Some(city_id), &plan), actor, now)?;
        QueryResult::Ok(plan)
    })?)
}

pub fn update(
    conn: &mut DbConnection,
    before: &Plan,
    expected: i32,
    f: PlanFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Plan> {
    if before.version != expected {
        return Err(ApiError::version_conflict("plan", before.version, expected));
    }
    let after = crate::db::transaction(conn, |conn| {
        let n = diesel::update(plans::table.find(before.id).filter(plans::version.eq(expected)))
            .set((
                plans::title.eq(&f.title),
                plans::period_start.eq(f.period_start),
                plans::period_end.eq(f.period_end),
                plans::status.eq(f.status.as_str()),
                plans::adopted_on.eq(f.adopted_on),
                plans::document_url.eq(&f.document_url),
                plans::version.eq(expected + 1),
                plans::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if n == 0 {
            return QueryResult::Ok(None);
        }
        let after = get(conn, before.id)?.expect("exists").plan;
        history::record(
            conn,
            Change::updated(Kind::Plan, before.id, Some(before.city_id), before, &after),
            actor,
            now,
        )?;
        Ok(Some(after))
    })?;
    after.ok_or_else(|| ApiError::version_conflict("plan", expected + 1, expected))
}
