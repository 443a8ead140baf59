//! A city's context: its population and the share of residents born abroad (with the year and
//! source of the figures), so it can be compared with cities like it (`learning`). Optional.
//! The bands derived from the figures are the rule for "cities of your size" and "cities with a
//! similar share born abroad"; they are defined here once.

use crate::db::schema::city_contexts;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::validation::Errors;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A city's context as the API shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct Context {
    pub city_id: i64,
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    /// Residents born abroad, as a percentage of all residents (0 to 100).
    pub born_abroad_percent: Option<f64>,
    pub born_abroad_year: Option<i32>,
    /// Where the figures come from (a statistics office, a census).
    pub source: String,
    /// Derived from the population, e.g. "250,000 to 499,999 residents".
    pub size_band: Option<String>,
    /// Derived from the share born abroad, e.g. "20% to 29.9% born abroad".
    pub share_band: Option<String>,
    pub version: i32,
}

/// The body of `PUT /api/v1/cities/{id}/context`: every figure is optional (null clears it).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextInput {
    /// The version you read (0 when the city has no context yet), or send If-Match.
    pub version: Option<i32>,
    #[schema(minimum = 1, maximum = 100000000)]
    pub population: Option<i64>,
    #[schema(minimum = 1900, maximum = 2100)]
    pub population_year: Option<i32>,
    #[schema(minimum = 0, maximum = 100)]
    pub born_abroad_percent: Option<f64>,
    #[schema(minimum = 1900, maximum = 2100)]
    pub born_abroad_year: Option<i32>,
    /// At most 300 characters.
    pub source: Option<String>,
}

/// Size bands by population: (lower bound, label).
pub const SIZE_BANDS: &[(i64, &str)] = &[
    (0, "under 100,000 residents"),
    (100_000, "100,000 to 249,999 residents"),
    (250_000, "250,000 to 499,999 residents"),
    (500_000, "500,000 to 999,999 residents"),
    (1_000_000, "1 million residents or more"),
];

/// Share bands by percentage born abroad: (lower bound, label).
pub const SHARE_BANDS: &[(f64, &str)] = &[
    (0.0, "under 10% born abroad"),
    (10.0, "10% to 19.9% born abroad"),
    (20.0, "20% to 29.9% born abroad"),
    (30.0, "30% or more born abroad"),
];

/// The size band of a population (its index in `SIZE_BANDS`).
pub fn size_band(population: i64) -> usize {
    SIZE_BANDS.iter().rposition(|(low, _)| population >= *low).unwrap_or(0)
}

/// The share band of a percentage born abroad (its index in `SHARE_BANDS`).
pub fn share_band(percent: f64) -> usize {
    SHARE_BANDS.iter().rposition(|(low, _)| percent >= *low).unwrap_or(0)
}

type Row = (i64, Option<i64>, Option<i32>, Option<f64>, Option<i32>, String, i32);

fn to_context(r: Row) -> Context {
    let (city_id, population, population_year, born_abroad_percent, born_abroad_year, source, version) = r;
    Context {
        city_id,
        population,
        population_year,
        born_abroad_percent,
        born_abroad_year,
        source,
        size_band: population.map(|p| SIZE_BANDS[size_band(p)].1.to_string()),
        share_band: born_abroad_percent.map(|p| SHARE_BANDS[share_band(p)].1.to_string()),
        version,
    }
}

const COLUMNS: (
    city_contexts::city_id,
    city_contexts::population,
    city_contexts::population_year,
    city_contexts::born_abroad_percent,
    city_contexts::born_abroad_year,
    city_contexts::source,
    city_contexts::version,
) = (
    city_contexts::city_id,
    city_contexts::population,
    city_contexts::population_year,
    city_contexts::born_abroad_percent,
    city_contexts::born_abroad_year,
    city_contexts::source,
    city_contexts::version,
);

/// A city's context; an empty one (version 0) when none was recorded.
pub fn for_city(conn: &mut DbConnection, city_id: i64) -> QueryResult<Context> {
    let row: Option<Row> = city_contexts::table.find(city_id).select(COLUMNS).first(conn).optional()?;
    Ok(row.map(to_context).unwrap_or(Context { city_id, ..Default::default() }))
}

/// Every city's context that has one, by city.
pub fn all(conn: &mut DbConnection) -> QueryResult<std::collections::HashMap<i64, Context>> {
    let rows: Vec<Row> = city_contexts::table.select(COLUMNS).load(conn)?;
    Ok(rows.into_iter().map(|r| (r.0, to_context(r))).collect())
}

/// Validated figures.
pub struct ContextFields {
    pub population: Option<i64>,
    pub population_year: Option<i32>,
    pub born_abroad_percent: Option<f64>,
    pub born_abroad_year: Option<i32>,
    pub source: String,
}

/// Checks every figure at once.
pub fn parse(input: &ContextInput, this_year: i32) -> ApiResult<ContextFields> {
    let mut e = Errors::default();
    if let Some(p) = input.population.filter(|p| !(1..=100_000_000).contains(p)) {
        e.push(FieldError::new("population", format!("is {p}; enter the number of residents, from 1 to 100,000,000")));
    }
    for (field, year) in [("population_year", input.population_year), ("born_abroad_year", input.born_abroad_year)] {
        if let Some(y) = year.filter(|y| !(1900..=this_year).contains(y)) {
            e.push(FieldError::new(field, format!("is {y}; enter a year from 1900 to {this_year}")));
        }
    }
    if let Some(p) = input.born_abroad_percent.filter(|p| !p.is_finite() || !(0.0..=100.0).contains(p)) {
        e.push(FieldError::new("born_abroad_percent", format!("is {p}; enter a percentage from 0 to 100")));
    }
    let source = e.take(crate::validation::optional_line("source", input.source.as_deref().unwrap_or(""), 300));
    e.finish()?;
    Ok(ContextFields {
        population: input.population,
        population_year: input.population_year,
        born_abroad_percent: input.born_abroad_percent.map(|p| (p * 10.0).round() / 10.0),
        born_abroad_year: input.born_abroad_year,
        source: source.unwrap_or_default(),
    })
}

/// Writes a city's context if it is still at `expected` (0: none recorded yet).
pub fn save(
    conn: &mut DbConnection,
    city_id: i64,
    expected: i32,
    f: &ContextFields,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Context> {
    let now: NaiveDateTime = now.naive_utc();
    let values = (
        city_contexts::population.eq(f.population),
        city_contexts::population_year.eq(f.population_year),
        city_contexts::born_abroad_percent.eq(f.born_abroad_percent),
        city_contexts::born_abroad_year.eq(f.born_abroad_year),
        city_contexts::source.eq(&f.source),
        city_contexts::updated_at.eq(now),
        city_contexts::updated_by.eq(by),
    );
    let current = for_city(conn, city_id)?;
    if current.version != expected {
        return Err(ApiError::version_conflict("city context", current.version, expected));
    }
    let n = if expected == 0 {
        // Two first saves at once: the second hits the primary key and is told to reload.
        match diesel::insert_into(city_contexts::table)
            .values((city_contexts::city_id.eq(city_id), city_contexts::version.eq(1), values))
            .execute(conn)
        {
            Err(e) if crate::db::is_unique_violation(&e) => 0,
            r => r?,
        }
    } else {
        diesel::update(city_contexts::table.find(city_id).filter(city_contexts::version.eq(expected)))
            .set((city_contexts::version.eq(expected + 1), values))
            .execute(conn)?
    };
    if n == 0 {
        return Err(ApiError::version_conflict("city context", for_city(conn, city_id)?.version, expected));
    }
    Ok(for_city(conn, city_id)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_their_lower_bounds() {
        assert_eq!(size_band(99_999), 0);
        assert_eq!(size_band(100_000), 1);
        assert_eq!(size_band(670_000), 3);
        assert_eq!(size_band(3_600_000), 4);
        assert_eq!(share_band(9.9), 0);
        assert_eq!(share_band(10.0), 1);
        assert_eq!(share_band(34.5), 3);
    }
}
