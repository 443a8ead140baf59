//! Checked changes to actions, shared by the API and the pages: who may, what is valid, and
//! the store call. Errors name the API's field paths (`title`, `partners[1]`), which the pages
//! map to their form fields.

use super::store::{self, ActionFields};
use super::{Action, ActionInput, ActionStatus, Delivery, PolicyArea, Staleness};
use crate::auth::Caller;
use crate::charter;
use crate::db::DbConnection;
use crate::error::{ApiResult, FieldError, PlainArg};
use crate::ids::{CityId, PlanId};
use crate::plans::store::Stored;
use crate::validation::{self, Errors};
use chrono::{DateTime, Utc};
use diesel::QueryResult;

/// Adds an action to a plan (an editor of the plan's city, or the secretariat).
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    plan_id: i64,
    input: &ActionInput,
    now: DateTime<Utc>,
) -> ApiResult<Action> {
    let plan = crate::plans::store::require(conn, plan_id)?;
    caller.can_edit_city(plan.plan.city_id)?;
    let fields = parse(conn, &plan, input, None)?;
    store::create(conn, PlanId(plan_id), CityId(plan.plan.city_id), fields, &caller.actor(), now)
}

/// Changes an action that is still at the `expected` version (the version is checked after
/// access, so a stranger learns nothing from a 428).
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: ApiResult<i32>,
    input: &ActionInput,
    now: DateTime<Utc>,
) -> ApiResult<Action> {
    let before = store::require(conn, id, Staleness::NEVER)?;
    caller.can_edit_city(before.city_id)?;
    let expected = expected?;
    let plan = crate::plans::store::require(conn, before.plan_id)?;
    let commitment_id = current_commitment_id(conn, &plan, &before)?;
    let fields = parse(conn, &plan, input, Some((&before, commitment_id)))?;
    store::update(conn, &before, expected, fields, &caller.actor(), now)
}

/// Deletes an action; with `expected`, only if it is still at that version.
pub fn delete(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: Option<i32>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let before = store::require(conn, id, Staleness::NEVER)?;
    caller.can_edit_city(before.city_id)?;
    store::delete(conn, &before, expected, &caller.actor(), now)
}

/// Resolves a commitment code against the plan's framework, explaining near misses.
fn resolve_commitment(conn: &mut DbConnection, plan: &Stored, code: &str) -> QueryResult<Result<i64, FieldError>> {
    let code = code.trim();
    let matches = charter::store::commitment_by_code(conn, code)?;
    match pick_commitment(&matches, plan.framework_id, &plan.plan.framework, code) {
        Ok(id) => Ok(Ok(id)),
        Err(reason) => Ok(Err(FieldError::new("commitment", reason).accepting(active_codes(conn, plan.framework_id)?))),
    }
}

/// Picks, among the commitments `given` names (`matches`), the one of the plan's framework; or
/// says why none fits (retired, another framework's, unknown). Imports, which also accept the
/// Charter's wording, find `matches` their own way and share this rule.
pub fn pick_commitment(
    matches: &[(charter::store::Commitment, charter::store::Framework)],
    framework_id: i64,
    framework_code: &str,
    given: &str,
) -> Result<i64, String> {
    if let Some((c, _)) = matches.iter().find(|(c, _)| c.framework_id == framework_id) {
        if c.retired {
            return Err(format!("`{given}` has been retired from {framework_code}"));
        }
        return Ok(c.id);
    }
    Err(match matches.first() {
        Some((_, fw)) => {
            format!("`{given}` belongs to framework {}, not to this plan's framework {framework_code}", fw.code)
        }
        None => format!("`{given}` is not a commitment code"),
    })
}

pub fn active_codes(conn: &mut DbConnection, framework_id: i64) -> QueryResult<String> {
    Ok(charter::store::structure(conn, framework_id)?
        .into_iter()
        .flat_map(|(_, cs)| cs.into_iter().filter(|c| !c.retired).map(|c| c.code))
        .collect::<Vec<_>>()
        .join(", "))
}

/// Merges `input` over `base` (None when creating) and validates every field.
fn parse(
    conn: &mut DbConnection,
    plan: &Stored,
    input: &ActionInput,
    base: Option<(&Action, i64)>,
) -> ApiResult<ActionFields> {
    let commitment = match (&input.commitment, base) {
        (Some(code), _) => resolve_commitment(conn, plan, code)?,
        (None, Some((_, id))) => Ok(id),
        (None, None) => Err(FieldError::new("commitment", "is required")
            .accepting(active_codes(conn, plan.framework_id)?)
            .plainly("required", vec![])),
    };
    validate(input, base.map(|(a, _)| a), commitment)
}

/// Validates every field of `input` merged over `current` (None when creating), with the
/// commitment already resolved (or the reason it could not be). The API, the pages and
/// imports all go through this, so an action's rules live here once.
pub fn validate(
    input: &ActionInput,
    current: Option<&Action>,
    commitment: Result<i64, FieldError>,
) -> ApiResult<ActionFields> {
    let mut e = Errors::default();
    let commitment_id = e.take(commitment);
    let title = match (&input.title, current) {
        (Some(t), _) => e.take(validation::required_line("title", t, 300)),
        (None, Some(a)) => Some(a.title.clone()),
        (None, None) => e.take(Err(FieldError::new("title", "is required")
            .accepting("1 to 300 characters")
            .plainly("required", vec![]))),
    };
    let text = |e: &mut Errors, field: &str, v: &Option<String>, old: Option<&String>, max: usize| match v {
        Some(s) => e.take(validation::optional_text(field, s, max)),
        None => Some(old.cloned().unwrap_or_default()),
    };
    let description = text(&mut e, "description", &input.description, current.map(|a| &a.description), 10_000);
    let department = text(&mut e, "department", &input.department, current.map(|a| &a.department), 200);
    let partners = match &input.partners {
        Some(list) => {
            let mut out = vec![];
            for (i, p) in list.iter().enumerate() {
                if let Some(p) = e.take(validation::required_line(&format!("partners[{i}]"), p, 200)) {
                    out.push(p);
                }
            }
            out
        }
        None => current.map(|a| a.partners.clone()).unwrap_or_default(),
    };
    let delivery = match &input.delivery {
        Some(d) => e.take(Delivery::parse_field("delivery", d.trim())),
        None => Some(current.map(|a| a.delivery).unwrap_or(Delivery::Direct)),
    };
    let policy_areas = match &input.policy_areas {
        Some(list) => {
            let mut out: Vec<PolicyArea> = vec![];
            for (i, p) in list.iter().enumerate() {
                if let Some(p) = e.take(PolicyArea::parse_field(&format!("policy_areas[{i}]"), p.trim())) {
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
            }
            out
        }
        None => current.map(|a| a.policy_areas.clone()).unwrap_or_default(),
    };
    let date = |e: &mut Errors, field: &str, v: &Option<Option<String>>, old: Option<chrono::NaiveDate>| match v {
        Some(Some(s)) => e.take(validation::optional_date(field, Some(s))),
        Some(None) => Some(None),
        None => Some(old),
    };
    let start_date = date(&mut e, "start_date", &input.start_date, current.and_then(|a| a.start_date));
    let due_date = date(&mut e, "due_date", &input.due_date, current.and_then(|a| a.due_date));
    let status = match &input.status {
        Some(s) => e.take(ActionStatus::parse_field("status", s.trim())),
        None => Some(current.map(|a| a.status).unwrap_or(ActionStatus::Planned)),
    };
    let progress = match input.progress {
        Some(p) if (0..=100).contains(&p) => Some(p as i32),
        Some(p) => e.take(Err(FieldError::new("progress", format!("is {p}"))
            .accepting("a whole number from 0 to 100")
            .plainly("out-of-range", vec![("min", PlainArg::Number(0)), ("max", PlainArg::Number(100))]))),
        None => Some(current.map(|a| a.progress).unwrap_or(0)),
    };
    let evidence = match &input.evidence {
        Some(list) => validation::evidence("evidence", list, &mut e),
        None => current.map(|a| a.evidence.clone()).unwrap_or_default(),
    };
    if let (Some(Some(s)), Some(Some(d))) = (start_date, due_date) {
        if d < s {
            e.push(
                FieldError::new("due_date", format!("{d} is before start_date {s}"))
                    .accepting("a date on or after start_date")
                    .plainly("date-order", vec![("other", PlainArg::Date(s))]),
            );
        }
    }
    e.finish()?;
    Ok(ActionFields {
        commitment_id: commitment_id.unwrap(),
        title: title.unwrap(),
        description: description.unwrap(),
        department: department.unwrap(),
        partners,
        delivery: delivery.unwrap(),
        policy_areas,
        start_date: start_date.unwrap(),
        due_date: due_date.unwrap(),
        status: status.unwrap(),
        progress: progress.unwrap(),
        evidence,
    })
}

fn current_commitment_id(c: &mut DbConnection, plan: &Stored, a: &Action) -> ApiResult<i64> {
    Ok(charter::store::commitment_by_code(c, &a.commitment)?
        .into_iter()
        .find(|(cm, _)| cm.framework_id == plan.framework_id)
        .map(|(cm, _)| cm.id)
        .ok_or_else(|| anyhow::anyhow!("action {} points at a missing commitment", a.id))?)
}
