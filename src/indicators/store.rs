//! Queries and changes for indicator definitions and cities' values.

use super::{Indicator, IndicatorValue, NewIndicatorInput, NewIndicatorValueInput, Unit};
use crate::charter::store::Framework;
use crate::db::schema::{commitments, frameworks, indicator_values, indicators};
use crate::db::{is_unique_violation, DbConnection};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::{self, Actor, Change, Kind};
use crate::ids::{CityId, IndicatorId};
use crate::validation::{self, Errors};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;

/// An indicator with its database ids, for code that joins on them.
#[derive(Clone, Debug)]
pub struct Def {
    pub id: i64,
    pub framework_id: i64,
    pub commitment_id: Option<i64>,
    pub indicator: Indicator,
}

impl Def {
    pub fn unit(&self) -> Unit {
        self.indicator.unit
    }
}

type DefRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    bool,
    bool,
    String,
    bool,
    String,
    Option<String>,
);

/// Live and retired indicators of the given frameworks, in file order then code.
pub fn definitions(conn: &mut DbConnection, framework_ids: &[i64]) -> QueryResult<Vec<Def>> {
    let rows: Vec<DefRow> = indicators::table
        .inner_join(frameworks::table)
        .left_join(commitments::table.on(indicators::commitment_id.eq(commitments::id.nullable())))
        .filter(indicators::framework_id.eq_any(framework_ids))
        .order((indicators::framework_id, indicators::retired, indicators::position, indicators::code))
        .select((
            indicators::id,
            indicators::framework_id,
            indicators::code,
            indicators::name,
            indicators::description,
            indicators::unit,
            indicators::currency,
            indicators::commitment_id,
            indicators::higher_is_better,
            indicators::sensitive,
            indicators::source,
            indicators::retired,
            frameworks::code,
            commitments::code.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                framework_id,
                code,
                name,
                description,
                unit,
                currency,
                commitment_id,
                higher_is_better,
                sensitive,
                source,
                retired,
                fw,
                commitment,
            )| Def {
                id,
                framework_id,
                commitment_id,
                indicator: Indicator {
                    code,
                    framework: fw,
                    name,
                    description,
                    unit: Unit::from_db(&unit),
                    currency,
                    commitment,
                    higher_is_better,
                    sensitive,
                    source,
                    retired,
                },
            },
        )
        .collect())
}

/// Adds an indicator to a framework (secretariat). Such indicators survive every reload.
pub fn add(
    conn: &mut DbConnection,
    fw: &Framework,
    input: &NewIndicatorInput,
    now: DateTime<Utc>,
) -> ApiResult<Indicator> {
    let mut e = Errors::default();
    let code = input.code.trim();
    if code.is_empty() || code.len() > 40 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        e.push(
            FieldError::new("code", format!("`{code}` is not a usable code"))
                .accepting("1 to 40 letters, digits, - or _, e.g. SP2-B"),
        );
    }
    let name = e.take(validation::required_line("name", &input.name, 300));
    let description = e.take(validation::optional_text("description", &input.description, 4000));
    let unit = e.take(Unit::parse_field("unit", input.unit.trim()));
    let currency = match (unit, input.currency.as_deref().map(str::trim)) {
        (Some(Unit::Money), None) => Some("EUR".to_string()),
        (Some(Unit::Money), Some(c)) if super::loader::currency_ok(c) => Some(c.to_string()),
        (Some(Unit::Money), Some(c)) => {
            e.push(
                FieldError::new("currency", format!("`{c}` is not a currency code"))
                    .accepting("an ISO 4217 code such as EUR, SEK, PLN"),
            );
            None
        }
        (Some(_), Some(_)) => {
            e.push(
                FieldError::new("currency", "is only for money indicators").accepting("no currency, or unit `money`"),
            );
            None
        }
        _ => None,
    };
    let commitment_id = match input.commitment.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => {
            let id: Option<i64> = commitments::table
                .filter(
                    commitments::framework_id
                        .eq(fw.id)
                        .and(commitments::code.eq(c))
                        .and(commitments::retired.eq(false)),
                )
                .select(commitments::id)
                .first(conn)
                .optional()?;
            if id.is_none() {
                let known: Vec<String> = commitments::table
                    .filter(commitments::framework_id.eq(fw.id).and(commitments::retired.eq(false)))
                    .order(commitments::position)
                    .select(commitments::code)
                    .load(conn)?;
                e.push(
                    FieldError::new("commitment", format!("`{c}` is not a commitment of {}", fw.code))
                        .accepting(known.join(", ")),
                );
            }
            id
        }
    };
    e.finish()?;
    let position: Option<i32> = indicators::table
        .filter(indicators::framework_id.eq(fw.id))
        .select(diesel::dsl::max(indicators::position))
        .first(conn)?;
    let inserted = diesel::insert_into(indicators::table)
        .values((
            indicators::framework_id.eq(fw.id),
            indicators::code.eq(code),
            indicators::name.eq(name.unwrap_or_default()),
            indicators::description.eq(description.unwrap_or_default()),
            indicators::unit.eq(unit.expect("checked").as_str()),
            indicators::currency.eq(currency),
            indicators::commitment_id.eq(commitment_id),
            indicators::higher_is_better.eq(input.higher_is_better.unwrap_or(true)),
            indicators::sensitive.eq(input.sensitive.unwrap_or(false)),
            indicators::source.eq("secretariat"),
            indicators::position.eq(position.unwrap_or(0) + 1000),
            indicators::retired.eq(false),
            indicators::created_at.eq(now.naive_utc()),
            indicators::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "code",
                format!("`{code}` is already an indicator of {}", fw.code),
            )
            .accepting("a new code")]))
        }
        Err(e) => return Err(e.into()),
    }
    Ok(definitions(conn, &[fw.id])?.into_iter().find(|d| d.indicator.code == code).expect("just inserted").indicator)
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = indicator_values)]
struct ValueRow {
    id: i64,
    indicator_id: i64,
    city_id: i64,
    period_start: NaiveDate,
    period_end: NaiveDate,
    value: f64,
    baseline: Option<f64>,
    target: Option<f64>,
    note: String,
    source: String,
    check_in_id: Option<i64>,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn to_value(r: ValueRow, code: String, framework: String) -> IndicatorValue {
    IndicatorValue {
        id: r.id,
        city_id: r.city_id,
        indicator: code,
        framework,
        period_start: r.period_start,
        period_end: r.period_end,
        value: r.value,
        baseline: r.baseline,
        target: r.target,
        note: r.note,
        source: r.source,
        check_in_id: r.check_in_id,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// A city's values, newest period first.
pub fn list_for_city(
    conn: &mut DbConnection,
    city_id: i64,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<IndicatorValue>, i64)> {
    let total = indicator_values::table.filter(indicator_values::city_id.eq(city_id)).count().get_result(conn)?;
    let rows: Vec<(ValueRow, String, String)> = indicator_values::table
        .inner_join(indicators::table.inner_join(frameworks::table))
        .filter(indicator_values::city_id.eq(city_id))
        .order((indicator_values::period_end.desc(), indicators::position, indicator_values::id))
        .limit(limit)
        .offset(offset)
        .select((ValueRow::as_select(), indicators::code, frameworks::code))
        .load(conn)?;
    Ok((rows.into_iter().map(|(r, c, f)| to_value(r, c, f)).collect(), total))
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(IndicatorValue, i64)>> {
    let row: Option<(ValueRow, String, String)> = indicator_values::table
        .inner_join(indicators::table.inner_join(frameworks::table))
        .filter(indicator_values::id.eq(id))
        .select((ValueRow::as_select(), indicators::code, frameworks::code))
        .first(conn)
        .optional()?;
    Ok(row.map(|(r, c, f)| {
        let indicator_id = r.indicator_id;
        (to_value(r, c, f), indicator_id)
    }))
}

pub fn require(conn: &mut DbConnection, id: i64) -> ApiResult<IndicatorValue> {
    get(conn, id)?.map(|(v, _)| v).ok_or_else(|| ApiError::not_found(format!("no indicator value with id {id}")))
}

/// Validated numbers of a value: the value, baseline and target, each checked against the unit.
/// The same columns are written when a value is created and when it is changed (a `None`
/// baseline or target clears it).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = indicator_values, treat_none_as_null = true)]
pub struct Figures {
    pub value: f64,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub note: String,
    pub source: String,
}

/// Figures as reported, before checking.
pub struct Reported<'a> {
    pub value: f64,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub note: &'a str,
    pub source: &'a str,
}

/// Checks the figures of one value against its indicator's unit; `prefix` is prepended to field
/// names (`indicators[2].` in a check-in).
pub fn check_figures(e: &mut Errors, prefix: &str, unit: Unit, r: Reported<'_>) -> Option<Figures> {
    let Reported { value, baseline, target, note, source } = r;
    let value = e.take(unit.check(&format!("{prefix}value"), value));
    let baseline = match baseline {
        None => Some(None),
        Some(b) => e.take(unit.check(&format!("{prefix}baseline"), b)).map(Some),
    };
    let target = match target {
        None => Some(None),
        Some(t) => e.take(unit.check(&format!("{prefix}target"), t)).map(Some),
    };
    let note = e.take(validation::optional_text(&format!("{prefix}note"), note, 2000));
    let source = e.take(validation::optional_line(&format!("{prefix}source"), source, 500));
    Some(Figures { value: value?, baseline: baseline?, target: target?, note: note?, source: source? })
}

/// The indicator a city reports on: by code among the frameworks the city has plans for or
/// signed (or among all frameworks when `framework` is given).
pub fn resolve(conn: &mut DbConnection, code: &str, framework: Option<&str>) -> ApiResult<Def> {
    let code = code.trim();
    let fws: Vec<i64> = match framework.map(str::trim) {
        Some(f) => {
            let fw = crate::charter::store::by_code(conn, f)?;
            match fw {
                Some(fw) => vec![fw.id],
                None => {
                    let known: Vec<String> = crate::charter::store::list(conn)?.into_iter().map(|f| f.code).collect();
                    return Err(ApiError::Validation(vec![FieldError::new(
                        "framework",
                        format!("`{f}` is not a known framework"),
                    )
                    .accepting(known.join(", "))]));
                }
            }
        }
        None => frameworks::table.select(frameworks::id).load(conn)?,
    };
    let defs = definitions(conn, &fws)?;
    let matching: Vec<&Def> = defs.iter().filter(|d| d.indicator.code == code && !d.indicator.retired).collect();
    match matching.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let known: Vec<&str> =
                defs.iter().filter(|d| !d.indicator.retired).map(|d| d.indicator.code.as_str()).collect();
            Err(ApiError::Validation(vec![
                FieldError::new("indicator", format!("`{code}` is not an indicator")).accepting(known.join(", "))
            ]))
        }
        many => Err(ApiError::Validation(vec![FieldError::new(
            "framework",
            format!("indicator `{code}` exists in several frameworks"),
        )
        .accepting(many.iter().map(|d| d.indicator.framework.clone()).collect::<Vec<_>>().join(", "))])),
    }
}

/// Records a city's value for a period (through the API); a value for the same indicator and
/// period exists already -> 409 naming it.
pub fn create(
    conn: &mut DbConnection,
    city_id: i64,
    input: &NewIndicatorValueInput,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<IndicatorValue> {
    let mut e = Errors::default();
    let def = match resolve(conn, &input.indicator, input.framework.as_deref()) {
        Ok(d) => Some(d),
        Err(ApiError::Validation(errs)) => {
            e.0.extend(errs);
            None
        }
        Err(other) => return Err(other),
    };
    let start = e.take(validation::date("period_start", &input.period_start));
    let end = e.take(validation::date("period_end", &input.period_end));
    if let (Some(s), Some(t)) = (start, end) {
        if t < s {
            e.push(
                FieldError::new("period_end", format!("{t} is before period_start {s}"))
                    .accepting("a date on or after period_start"),
            );
        }
    }
    let figures = def.as_ref().and_then(|d| {
        let r = Reported {
            value: input.value,
            baseline: input.baseline,
            target: input.target,
            note: input.note.as_deref().unwrap_or(""),
            source: input.source.as_deref().unwrap_or(""),
        };
        check_figures(&mut e, "", d.unit(), r)
    });
    e.finish()?;
    let (def, start, end, figures) = (def.unwrap(), start.unwrap(), end.unwrap(), figures.unwrap());
    if let Some(existing) = find(conn, IndicatorId(def.id), CityId(city_id), start, end)? {
        return Err(ApiError::StateConflict(format!(
            "this city already has a value of {} for {start} to {end} (indicator value {existing}); change it with PATCH /api/v1/indicator-values/{existing}",
            def.indicator.code
        )));
    }
    let id = crate::db::transaction(conn, |conn| insert(conn, &def, city_id, start, end, &figures, None, actor, now))?;
    require(conn, id)
}

fn find(
    conn: &mut DbConnection,
    indicator: IndicatorId,
    city: CityId,
    start: NaiveDate,
    end: NaiveDate,
) -> QueryResult<Option<i64>> {
    let (indicator_id, city_id) = (indicator.0, city.0);
    indicator_values::table
        .filter(indicator_values::indicator_id.eq(indicator_id))
        .filter(indicator_values::city_id.eq(city_id))
        .filter(indicator_values::period_start.eq(start).and(indicator_values::period_end.eq(end)))
        .select(indicator_values::id)
        .first(conn)
        .optional()
}

#[allow(clippy::too_many_arguments)]
fn insert(
    conn: &mut DbConnection,
    def: &Def,
    city_id: i64,
    start: NaiveDate,
    end: NaiveDate,
    f: &Figures,
    check_in_id: Option<i64>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<i64> {
    let id: i64 = diesel::insert_into(indicator_values::table)
        .values((
            indicator_values::indicator_id.eq(def.id),
            indicator_values::city_id.eq(city_id),
            indicator_values::period_start.eq(start),
            indicator_values::period_end.eq(end),
            f,
            indicator_values::check_in_id.eq(check_in_id),
            indicator_values::version.eq(1),
            indicator_values::created_at.eq(now.naive_utc()),
            indicator_values::updated_at.eq(now.naive_utc()),
        ))
        .returning(indicator_values::id)
        .get_result(conn)?;
    let after = require(conn, id)?;
    history::record(conn, Change::created(Kind::IndicatorValue, id, Some(city_id), &after), actor, now)?;
    Ok(id)
}

/// Changes a value's figures; `expected` is the version the caller read.
pub fn update(
    conn: &mut DbConnection,
    before: &IndicatorValue,
    expected: i32,
    f: &Figures,
    check_in_id: Option<i64>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<IndicatorValue> {
    if before.version != expected {
        return Err(ApiError::version_conflict("indicator value", before.version, expected));
    }
    let changed = crate::db::transaction(conn, |conn| -> ApiResult<bool> {
        let n = diesel::update(indicator_values::table.find(before.id).filter(indicator_values::version.eq(expected)))
            .set((
                f,
                indicator_values::check_in_id.eq(check_in_id.or(before.check_in_id)),
                indicator_values::version.eq(expected + 1),
                indicator_values::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if n == 0 {
            return Ok(false);
        }
        let after = require(conn, before.id)?;
        history::record(
            conn,
            Change::updated(Kind::IndicatorValue, before.id, Some(before.city_id), before, &after),
            actor,
            now,
        )?;
        Ok(true)
    })?;
    if !changed {
        return Err(ApiError::version_conflict("indicator value", expected + 1, expected));
    }
    require(conn, before.id)
}

/// Deletes a value; with `expected`, only if it is still at that version.
pub fn delete(
    conn: &mut DbConnection,
    before: &IndicatorValue,
    expected: Option<i32>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if let Some(v) = expected.filter(|v| *v != before.version) {
        return Err(ApiError::version_conflict("indicator value", before.version, v));
    }
    crate::db::transaction(conn, |conn| -> ApiResult<()> {
        let n = diesel::delete(
            indicator_values::table.find(before.id).filter(indicator_values::version.eq(before.version)),
        )
        .execute(conn)?;
        if n == 0 {
            return Err(ApiError::version_conflict("indicator value", before.version + 1, before.version));
        }
        history::record(
            conn,
            Change::deleted(Kind::IndicatorValue, before.id, Some(before.city_id), before),
            actor,
            now,
        )?;
        Ok(())
    })
}

/// The check-in a value was reported in, and the period it counts for (its round's).
pub struct FromCheckIn {
    pub check_in_id: i64,
    pub period: (NaiveDate, NaiveDate),
}

/// Records what a check-in reported for the round's period: a new value, or a change to the
/// one already there (with history either way). Runs in the submission's transaction.
pub fn record_from_check_in(
    conn: &mut DbConnection,
    source: &FromCheckIn,
    def: &Def,
    city_id: i64,
    f: &Figures,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let FromCheckIn { check_in_id, period } = *source;
    match find(conn, IndicatorId(def.id), CityId(city_id), period.0, period.1)? {
        None => insert(conn, def, city_id, period.0, period.1, f, Some(check_in_id), actor, now).map(|_| ()),
        Some(id) => {
            let before = require(conn, id)?;
            update(conn, &before, before.version, f, Some(check_in_id), actor, now).map(|_| ())
        }
    }
}
