//! Checked changes to indicators and cities' values: who may, what is valid, and the store call.
//! The API's routes only parse, call one of these, and answer.

use super::store::{self, Figures};
use super::{Indicator, IndicatorValue, IndicatorValuePatchInput, NewIndicatorInput, NewIndicatorValueInput, Unit};
use crate::auth::Caller;
use crate::charter::store::Framework;
use crate::db::schema::indicators;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::validation::Errors;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// The framework with this code, or a 404 naming it.
pub fn framework(c: &mut DbConnection, code: &str) -> ApiResult<Framework> {
    crate::charter::store::by_code(c, code)?
        .ok_or_else(|| ApiError::not_found(format!("no framework with code `{code}`")))
}

/// Adds an indicator to a framework (secretariat only).
pub fn add_indicator(
    c: &mut DbConnection,
    caller: &Caller,
    code: &str,
    input: &NewIndicatorInput,
    now: DateTime<Utc>,
) -> ApiResult<Indicator> {
    caller.require_secretariat()?;
    let fw = framework(c, code)?;
    store::add(c, &fw, input, now)
}

/// Records a city's value (an editor of the city, or the secretariat).
pub fn create_value(
    c: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
    input: &NewIndicatorValueInput,
    now: DateTime<Utc>,
) -> ApiResult<IndicatorValue> {
    caller.can_edit_city(city_id)?;
    crate::cities::store::require(c, city_id)?;
    store::create(c, city_id, input, &caller.actor(), now)
}

/// Changes a value's figures if it is still at the `expected` version (checked after access,
/// so a stranger learns nothing from a 428); absent fields keep their value.
pub fn update_value(
    c: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: ApiResult<i32>,
    p: &IndicatorValuePatchInput,
    now: DateTime<Utc>,
) -> ApiResult<IndicatorValue> {
    let (before, indicator_id) =
        store::get(c, id)?.ok_or_else(|| ApiError::not_found(format!("no indicator value with id {id}")))?;
    caller.can_edit_city(before.city_id)?;
    let expected = expected?;
    let unit: String = indicators::table.find(indicator_id).select(indicators::unit).first(c)?;
    let unit = Unit::from_db(&unit);
    let mut e = Errors::default();
    let reported = store::Reported {
        value: p.value.unwrap_or(before.value),
        baseline: p.baseline.unwrap_or(before.baseline),
        target: p.target.unwrap_or(before.target),
        note: p.note.as_deref().unwrap_or(&before.note),
        source: p.source.as_deref().unwrap_or(&before.source),
    };
    let figures = store::check_figures(&mut e, "", unit, reported);
    e.finish()?;
    let f: Figures = figures.expect("no errors");
    store::update(c, &before, expected, &f, None, &caller.actor(), now)
}

/// Deletes a value; with `expected`, only if it is still at that version.
pub fn delete_value(
    c: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: Option<i32>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let before = store::require(c, id)?;
    caller.can_edit_city(before.city_id)?;
    store::delete(c, &before, expected, &caller.actor(), now)
}
