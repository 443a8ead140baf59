//! Queries and changes for cities and their signatures.

use super::{City, Signature, SignatureInput};
use crate::charter;
use crate::db::schema::{cities, frameworks, signatures};
use crate::db::{is_unique_violation, DbConnection};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::{self, Actor, Change, Kind};
use crate::validation::{self, Errors};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = cities)]
struct CityRow {
    id: i64,
    name: String,
    country: String,
    is_public: bool,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Validated fields of a city.
pub struct CityFields {
    pub name: String,
    pub country: String,
    pub public: bool,
    pub signatures: Option<Vec<(i64, String, NaiveDate)>>,
}

/// Resolves framework codes and dates of submitted signatures, recording field errors.
pub fn parse_signatures(
    conn: &mut DbConnection,
    input: &[SignatureInput],
    errors: &mut Errors,
) -> QueryResult<Vec<(i64, String, NaiveDate)>> {
    let mut out = vec![];
    for (i, s) in input.iter().enumerate() {
        let date = errors.take(validation::date(&format!("signatures[{i}].signed_on"), &s.signed_on));
        let fw = charter::store::by_code(conn, s.framework.trim())?;
        if fw.is_none() {
            let known: Vec<String> = charter::store::list(conn)?.into_iter().map(|f| f.code).collect();
            errors.push(
                FieldError::new(
                    format!("signatures[{i}].framework"),
                    format!("`{}` is not a known framework", s.framework),
                )
                .accepting(known.join(", ")),
            );
        }
        if out.iter().any(|(_, code, _): &(i64, String, NaiveDate)| *code == s.framework.trim()) {
            errors.push(FieldError::new(format!("signatures[{i}].framework"), "is listed twice"));
        }
        if let (Some(fw), Some(date)) = (fw, date) {
            out.push((fw.id, fw.code, date));
        }
    }
    Ok(out)
}

fn load_signatures(conn: &mut DbConnection, city_ids: &[i64]) -> QueryResult<Vec<(i64, Signature)>> {
    let rows: Vec<(i64, String, NaiveDate)> = signatures::table
        .inner_join(frameworks::table.on(frameworks::id.eq(signatures::framework_id)))
        .filter(signatures::city_id.eq_any(city_ids))
        .order((signatures::city_id, frameworks::code))
        .select((signatures::city_id, frameworks::code, signatures::signed_on))
        .load(conn)?;
    Ok(rows.into_iter().map(|(c, framework, signed_on)| (c, Signature { framework, signed_on })).collect())
}

fn assemble(conn: &mut DbConnection, rows: Vec<CityRow>) -> QueryResult<Vec<City>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let sigs = load_signatures(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| City {
            signatures: sigs.iter().filter(|(c, _)| *c == r.id).map(|(_, s)| s.clone()).collect(),
            id: r.id,
            name: r.name,
            country: r.country,
            public: r.is_public,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

/// A page of cities by name; `only` limits it to one city (a city editor's own), and
/// `name_contains` to names containing it in any case. The name filter runs in Rust: SQLite's
/// `lower()` folds ASCII only (Łódź would not match łódź), and a network has a few hundred
/// cities at most.
pub fn list(
    conn: &mut DbConnection,
    only: Option<i64>,
    name_contains: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<City>, i64)> {
    let mut q = cities::table.into_boxed();
    let mut count = cities::table.into_boxed();
    if let Some(id) = only {
        q = q.filter(cities::id.eq(id));
        count = count.filter(cities::id.eq(id));
    }
    let wanted = name_contains.map(|n| n.trim().to_lowercase()).filter(|n| !n.is_empty());
    let Some(wanted) = wanted else {
        let total = count.count().get_result(conn)?;
        let rows =
            q.order((cities::name, cities::id)).limit(limit).offset(offset).select(CityRow::as_select()).load(conn)?;
        return Ok((assemble(conn, rows)?, total));
    };
    let names: Vec<(i64, String)> =
        q.order((cities::name, cities::id)).select((cities::id, cities::name)).load(conn)?;
    let matching: Vec<i64> =
        names.into_iter().filter(|(_, n)| n.to_lowercase().contains(&wanted)).map(|(id, _)| id).collect();
    let total = matching.len() as i64;
    let page: Vec<i64> = matching.into_iter().skip(offset.max(0) as usize).take(limit.max(0) as usize).collect();
    let rows = cities::table
        .filter(cities::id.eq_any(&page))
        .order((cities::name, cities::id))
        .select(CityRow::as_select())
        .load(conn)?;
    Ok((assemble(conn, rows)?, total))
}

/// Every city's id and name, by name (for choosing a city in a form).
/// The cities whose page is public: (id, name), in no particular order.
pub fn public_names(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    cities::table.filter(cities::is_public.eq(true)).select((cities::id, cities::name)).load(conn)
}

pub fn names(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    cities::table.order((cities::name, cities::id)).select((cities::id, cities::name)).load(conn)
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<City>> {
    let row = cities::table.find(id).select(CityRow::as_select()).first(conn).optional()?;
    Ok(match row {
        Some(r) => assemble(conn, vec![r])?.pop(),
        None => None,
    })
}

pub fn require(conn: &mut DbConnection, id: i64) -> ApiResult<City> {
    get(conn, id)?.ok_or_else(|| ApiError::not_found(format!("no city with id {id}")))
}

/// A city's name and visibility (`CityHead`), or not found.
pub fn require_head(conn: &mut DbConnection, id: i64) -> ApiResult<super::CityHead> {
    let row: Option<(i64, String, bool)> =
        cities::table.find(id).select((cities::id, cities::name, cities::is_public)).first(conn).optional()?;
    let (id, name, public) = row.ok_or_else(|| ApiError::not_found(format!("no city with id {id}")))?;
    Ok(super::CityHead { id, name, public })
}

fn duplicate_name(f: &CityFields) -> ApiError {
    ApiError::Validation(vec![FieldError::new(
        "name",
        format!("is already used by another city in {}: `{}`", f.country, f.name),
    )])
}

fn replace_signatures(conn: &mut DbConnection, city_id: i64, sigs: &[(i64, String, NaiveDate)]) -> QueryResult<()> {
    diesel::delete(signatures::table.filter(signatures::city_id.eq(city_id))).execute(conn)?;
    for (fw, _, date) in sigs {
        diesel::insert_into(signatures::table)
            .values((signatures::city_id.eq(city_id), signatures::framework_id.eq(fw), signatures::signed_on.eq(date)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn create(conn: &mut DbConnection, f: CityFields, actor: &Actor, now: DateTime<Utc>) -> ApiResult<City> {
    let result = crate::db::transaction(conn, |conn| {
        let id: i64 = diesel::insert_into(cities::table)
            .values((
                cities::name.eq(&f.name),
                cities::country.eq(&f.country),
                cities::is_public.eq(f.public),
                cities::version.eq(1),
                cities::created_at.eq(now.naive_utc()),
                cities::updated_at.eq(now.naive_utc()),
            ))
            .returning(cities::id)
            .get_result(conn)?;
        replace_signatures(conn, id, f.signatures.as_deref().unwrap_or(&[]))?;
        let city = get(conn, id)?.expect("just inserted");
        history::record(conn, Change::created(Kind::City, id, Some(id), &city), actor, now)?;
        Ok(city)
    });
    result.map_err(|e: diesel::result::Error| if is_unique_violation(&e) { duplicate_name(&f) } else { e.into() })
}

/// Applies validated changes if the city is still at `expected` version.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    expected: i32,
    f: CityFields,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<City> {
    let before = require(conn, id)?;
    if before.version != expected {
        return Err(ApiError::version_conflict("city", before.version, expected));
    }
    let result = crate::db::transaction(conn, |conn| {
        // The guarded UPDATE comes first so the write lock is taken before anything else.
        let n = diesel::update(cities::table.find(id).filter(cities::version.eq(expected)))
            .set((
                cities::name.eq(&f.name),
                cities::country.eq(&f.country),
                cities::is_public.eq(f.public),
                cities::version.eq(expected + 1),
                cities::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(sigs) = &f.signatures {
            replace_signatures(conn, id, sigs)?;
        }
        if before.name != f.name || before.country != f.country {
            // The city's name and country are part of each of its actions' search text.
            crate::actions::search::index_city(conn, id)?;
        }
        let after = get(conn, id)?.expect("exists");
        history::record(conn, Change::updated(Kind::City, id, Some(id), &before, &after), actor, now)?;
        Ok(Some(after))
    });
    match result {
        Ok(Some(city)) => Ok(city),
        Ok(None) => Err(ApiError::version_conflict("city", require(conn, id)?.version, expected)),
        Err(e) if is_unique_violation(&e) => Err(duplicate_name(&f)),
        Err(e) => Err(e.into()),
    }
}
