//! The network at a glance, as data: for one framework, every city with its signature, the
//! plan shown for it (the adopted one, else the latest draft), the commitments its actions
//! cover, its overdue actions and its check-in of the latest round. The secretariat's and
//! observers' page (`pages::network`) lays it out; the counting rules come from
//! `ActionStatus::covers` and `ActionStatus::is_open`, as everywhere else.

use crate::actions::ActionStatus;
use crate::charter::store::{Commitment, Framework, Role};
use crate::check_ins::CheckInState;
use crate::db::schema::{actions, check_ins, cities, plans, rounds, signatures};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// The plan the overview shows for a city.
#[derive(Clone, Debug)]
pub struct PlanRef {
    pub id: i64,
    pub title: String,
    pub adopted: bool,
}

/// A city's check-in in the latest round.
#[derive(Clone, Copy, Debug)]
pub struct LatestCheckIn {
    /// As shown: `extended` while an open check-in has a new due date.
    pub state: CheckInState,
    /// Submitted after its due date.
    pub late: bool,
    /// Not submitted and past its due date.
    pub overdue: bool,
}

/// One city's row.
#[derive(Clone, Debug)]
pub struct CityRow {
    pub id: i64,
    pub name: String,
    pub signed: Option<NaiveDate>,
    pub plan: Option<PlanRef>,
    /// Ids of the commitments at least one covering action acts on.
    pub covered: HashSet<i64>,
    /// Open actions past their due date.
    pub overdue: i64,
    /// Open actions nobody has updated for `actions.stale_after_days`.
    pub stale: i64,
    pub check_in: Option<LatestCheckIn>,
}

/// The whole overview of one framework.
pub struct Overview {
    pub framework: Framework,
    pub frameworks: Vec<Framework>,
    pub structure: Vec<(Role, Vec<Commitment>)>,
    /// Every city, by name; the page shows those that signed the framework or have a plan.
    pub cities: Vec<CityRow>,
    /// The latest round: (id, label).
    pub round: Option<(i64, String)>,
}

/// The overview of the framework with code `framework` on `today` (in the network's time
/// zone) at `now`.
pub fn network(
    conn: &mut DbConnection,
    framework: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    staleness: crate::actions::Staleness,
) -> ApiResult<Overview> {
    let frameworks = crate::charter::store::list(conn)?;
    let fw = frameworks
        .iter()
        .find(|f| f.code == framework)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("there is no framework `{framework}`")))?;
    let structure = crate::charter::store::structure(conn, fw.id)?;
    let mut rows: Vec<CityRow> = cities::table
        .order(cities::name)
        .select((cities::id, cities::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .map(|(id, name)| CityRow {
            id,
            name,
            signed: None,
            plan: None,
            covered: HashSet::new(),
            overdue: 0,
            stale: 0,
            check_in: None,
        })
        .collect();
    let index: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    signatures_of(conn, fw.id, &mut rows, &index)?;
    plans_of(conn, fw.id, &mut rows, &index)?;
    coverage_of(conn, fw.id, &mut rows, &index)?;
    overdue_of(conn, fw.id, today, &mut rows, &index)?;
    for (city, n) in crate::actions::store::stale_per_city(conn, Some(fw.id), staleness)? {
        rows[index[&city]].stale = n;
    }
    let round = latest_check_ins(conn, now, &mut rows, &index)?;
    Ok(Overview { framework: fw, frameworks, structure, cities: rows, round })
}

fn signatures_of(c: &mut DbConnection, fw: i64, rows: &mut [CityRow], index: &HashMap<i64, usize>) -> QueryResult<()> {
    let sigs: Vec<(i64, NaiveDate)> = signatures::table
        .filter(signatures::framework_id.eq(fw))
        .select((signatures::city_id, signatures::signed_on))
        .load(c)?;
    for (city, on) in sigs {
        rows[index[&city]].signed = Some(on);
    }
    Ok(())
}

/// The plan shown: the adopted one if any, else the latest draft.
fn plans_of(c: &mut DbConnection, fw: i64, rows: &mut [CityRow], index: &HashMap<i64, usize>) -> QueryResult<()> {
    let ps: Vec<(i64, i64, String, String)> = plans::table
        .filter(plans::framework_id.eq(fw))
        .order((plans::status.asc(), plans::period_start.desc()))
        .select((plans::id, plans::city_id, plans::title, plans::status))
        .load(c)?;
    for (id, city, title, status) in ps {
        let r = &mut rows[index[&city]];
        let adopted = status == crate::plans::PlanStatus::Adopted.as_str();
        if r.plan.as_ref().is_none_or(|p| !p.adopted && adopted) {
            r.plan = Some(PlanRef { id, title, adopted });
        }
    }
    Ok(())
}

/// The commitments each city's covering actions act on.
fn coverage_of(c: &mut DbConnection, fw: i64, rows: &mut [CityRow], index: &HashMap<i64, usize>) -> QueryResult<()> {
    let covered: Vec<(i64, i64)> = actions::table
        .inner_join(plans::table)
        .filter(plans::framework_id.eq(fw).and(actions::status.eq_any(ActionStatus::covering())))
        .select((plans::city_id, actions::commitment_id))
        .distinct()
        .load(c)?;
    for (city, commitment) in covered {
        rows[index[&city]].covered.insert(commitment);
    }
    Ok(())
}

fn overdue_of(
    c: &mut DbConnection,
    fw: i64,
    today: NaiveDate,
    rows: &mut [CityRow],
    index: &HashMap<i64, usize>,
) -> QueryResult<()> {
    let overdue: Vec<(i64, i64)> = actions::table
        .inner_join(plans::table)
        .filter(plans::framework_id.eq(fw))
        .filter(actions::status.eq_any(ActionStatus::open()))
        .filter(actions::due_date.lt(today))
        .group_by(plans::city_id)
        .select((plans::city_id, diesel::dsl::count_star()))
        .load(c)?;
    for (city, n) in overdue {
        rows[index[&city]].overdue = n;
    }
    Ok(())
}

/// A check-in of the latest round: city, state, submitted at, due at, extension reason.
type CheckInRow = (i64, String, Option<chrono::NaiveDateTime>, chrono::NaiveDateTime, Option<String>);

/// The latest round's check-ins; returns that round.
fn latest_check_ins(
    c: &mut DbConnection,
    now: DateTime<Utc>,
    rows: &mut [CityRow],
    index: &HashMap<i64, usize>,
) -> QueryResult<Option<(i64, String)>> {
    let round: Option<(i64, String)> =
        rounds::table.order(rounds::opened_at.desc()).select((rounds::id, rounds::label)).first(c).optional()?;
    if let Some((round_id, _)) = &round {
        let cis: Vec<CheckInRow> = check_ins::table
            .filter(check_ins::round_id.eq(round_id))
            .select((
                check_ins::city_id,
                check_ins::state,
                check_ins::submitted_at,
                check_ins::due_at,
                check_ins::extension_reason,
            ))
            .load(c)?;
        for (city, st, submitted, due, extension) in cis {
            let state = crate::check_ins::store::shown_state(CheckInState::from_db(&st), extension.is_some());
            rows[index[&city]].check_in = Some(LatestCheckIn {
                state,
                late: submitted.is_some_and(|s| s > due),
                overdue: submitted.is_none() && now.naive_utc() > due,
            });
        }
    }
    Ok(round)
}
