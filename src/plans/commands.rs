//! Checked changes to action plans, shared by the API and the pages.

use super::store::{self, PlanFields};
use super::{NewPlanInput, Plan, PlanPatchInput, PlanStatus};
use crate::auth::Caller;
use crate::charter;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError, PlainArg};
use crate::validation::{self, Errors};
use chrono::{DateTime, NaiveDate, Utc};

/// Creates a plan for a city (an editor of the city, or the secretariat). An adopted plan
/// without an adoption date was adopted `today`.
pub fn create(
    c: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
    input: &NewPlanInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Plan> {
    caller.can_edit_city(city_id)?;
    crate::cities::store::require(c, city_id)?;
    let fw = charter::store::by_code(c, input.framework.trim())?;
    let fields = parse(
        Raw {
            title: &input.title,
            period_start: &input.period_start,
            period_end: &input.period_end,
            status: input.status.as_deref().unwrap_or("draft"),
            adopted_on: input.adopted_on.as_deref(),
            document_url: input.document_url.as_deref(),
        },
        today,
    );
    // Report a bad framework together with any other field errors, not one at a time.
    let (fw, fields) = match (fw, fields) {
        (Some(fw), Ok(fields)) => (fw, fields),
        (fw, fields) => {
            let mut errors = match fields {
                Err(ApiError::Validation(v)) => v,
                Err(other) => return Err(other),
                Ok(_) => vec![],
            };
            if fw.is_none() {
                let known: Vec<String> = charter::store::list(c)?.into_iter().map(|f| f.code).collect();
                errors.insert(
                    0,
                    FieldError::new("framework", format!("`{}` is not a known framework", input.framework))
                        .accepting(known.join(", ")),
                );
            }
            return Err(ApiError::Validation(errors));
        }
    };
    store::create(c, city_id, &fw, fields, &caller.actor(), now)
}

/// Changes a plan still at the `expected` version (checked after access).
pub fn update(
    c: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: ApiResult<i32>,
    input: &PlanPatchInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Plan> {
    let before = store::require(c, id)?.plan;
    caller.can_edit_city(before.city_id)?;
    let expected = expected?;
    if let Some(fw) = &input.framework {
        if fw.trim() != before.framework {
            return Err(ApiError::field("framework", "cannot be changed: the plan's actions point at this framework's commitments; create a new plan instead"));
        }
    }
    let start = before.period_start.to_string();
    let end = before.period_end.to_string();
    let adopted = before.adopted_on.map(|d| d.to_string());
    let fields = parse(
        Raw {
            title: input.title.as_deref().unwrap_or(&before.title),
            period_start: input.period_start.as_deref().unwrap_or(&start),
            period_end: input.period_end.as_deref().unwrap_or(&end),
            status: input.status.as_deref().unwrap_or(before.status.as_str()),
            adopted_on: match &input.adopted_on {
                Some(v) => v.as_deref(),
                None => adopted.as_deref(),
            },
            document_url: match &input.document_url {
                Some(v) => v.as_deref(),
                None => before.document_url.as_deref(),
            },
        },
        today,
    )?;
    store::update(c, &before, expected, fields, &caller.actor(), now)
}

/// Raw plan values after merging a request over the current plan.
pub struct Raw<'a> {
    pub title: &'a str,
    pub period_start: &'a str,
    pub period_end: &'a str,
    pub status: &'a str,
    pub adopted_on: Option<&'a str>,
    pub document_url: Option<&'a str>,
}

/// Validates a plan's fields, every mistake at once (the API, the pages and imports).
pub fn parse(raw: Raw<'_>, today: NaiveDate) -> ApiResult<PlanFields> {
    let mut e = Errors::default();
    let title = e.take(validation::required_line("title", raw.title, 300));
    let start = e.take(validation::date("period_start", raw.period_start));
    let end = e.take(validation::date("period_end", raw.period_end));
    let status = e.take(PlanStatus::parse_field("status", raw.status.trim()));
    let adopted_on = e.take(validation::optional_date("adopted_on", raw.adopted_on));
    let document_url = match raw.document_url.map(str::trim).filter(|s| !s.is_empty()) {
        Some(u) => e.take(validation::web_link("document_url", u)).map(Some),
        None => Some(None),
    };
    if let (Some(s), Some(en)) = (start, end) {
        if en < s {
            e.push(
                FieldError::new("period_end", format!("{en} is before period_start {s}"))
                    .accepting("a date on or after period_start")
                    .plainly("date-order", vec![("other", PlainArg::Date(s))]),
            );
        }
    }
    e.finish()?;
    let status = status.unwrap();
    // An adopted plan has an adoption date; when none is given it was adopted today.
    let adopted_on = match (status, adopted_on.flatten()) {
        (PlanStatus::Adopted, None) => Some(today),
        (_, d) => d,
    };
    Ok(PlanFields {
        title: title.unwrap(),
        period_start: start.unwrap(),
        period_end: end.unwrap(),
        status,
        adopted_on,
        document_url: document_url.flatten(),
    })
}
