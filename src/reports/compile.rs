//! From the data to `ReportData`: every figure of a report, computed with grouped queries.
//!
//! What counts (also stated in the README and in the report itself):
//! - cities in the report: signed the framework on or before the period's end, or have a plan
//!   under it created by then;
//! - actions and coverage as recorded at compile time, leaving out actions (and plans) created
//!   after the period's end;
//! - check-ins, action updates and self-assessments from rounds whose period lies within the
//!   report's; a city's latest self-assessment of a commitment in the period counts;
//! - indicator values whose period lies within the report's; a city's latest one counts (latest
//!   period end; of two ending the same day, the longer period);
//! - changes since the previous published report come from that report's frozen figures.

use super::stats::{self, change, mean, percent, quartiles};
use super::suppress::public_view;
use super::*;
use crate::actions::ActionStatus;
use crate::charter::store::Framework;
use crate::check_ins::{Assessment, CheckInState};
use crate::db::schema::{
    action_updates, actions, check_ins, cities, commitments, indicator_values, indicators, plans, rounds,
    self_assessments, signatures,
};
use crate::db::DbConnection;
use crate::indicators::Unit;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, sum};
use diesel::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

/// A previously published report (of an earlier period, or an earlier version of this one).
#[derive(Clone, Debug)]
pub struct Previous {
    pub summary: PreviousReport,
    /// Its frozen figures, unsuppressed.
    pub data: ReportData,
}

/// What to compile.
pub struct Request<'a> {
    pub framework: &'a Framework,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub now: DateTime<Utc>,
    pub network: &'a str,
    pub threshold: i64,
    /// Actions marked as good practice for this report.
    pub good_practices: &'a [i64],
    /// The latest published report of the framework for an earlier period.
    pub previous: Option<&'a Previous>,
    /// The latest published version of this very report (for a correction).
    pub previous_version: Option<&'a Previous>,
}

/// A check-in of the period: city, due, submitted, state, when its round closed.
type CheckInRow = (i64, NaiveDateTime, Option<NaiveDateTime>, String, Option<NaiveDateTime>);
/// A city's value of an indicator: period end, value, baseline, target.
type Reading = (NaiveDate, f64, Option<f64>, Option<f64>);
/// An action marked as good practice: id, city, commitment code and position, title, status,
/// progress, description.
type PracticeRow = (i64, String, String, i32, String, String, i32, String);

fn status_counts() -> Counts {
    ActionStatus::ALL.iter().map(|s| (s.as_str().to_string(), 0)).collect()
}

fn level_counts() -> Counts {
    Assessment::ALL.iter().map(|s| (s.as_str().to_string(), 0)).collect()
}

/// Sums of actions by status: (count, summed progress) per status.
#[derive(Default, Clone)]
struct Tally(HashMap<String, (i64, i64)>);

impl Tally {
    fn add(&mut self, status: &str, n: i64, progress: i64) {
        let e = self.0.entry(status.to_string()).or_default();
        e.0 += n;
        e.1 += progress;
    }
    fn merge(&mut self, other: &Tally) {
        for (s, (n, p)) in &other.0 {
            self.add(s, *n, *p);
        }
    }
    fn figures(&self, cities_acting: i64) -> ActionFigures {
        let mut by_status = status_counts();
        for (s, (n, _)) in &self.0 {
            *by_status.entry(s.clone()).or_insert(0) += n;
        }
        let actions: i64 = by_status.values().sum();
        let covering = self.0.iter().filter(|(s, _)| ActionStatus::from_db(s).covers());
        let (live, live_progress) = covering.fold((0, 0), |(n, p), (_, (k, q))| (n + k, p + q));
        let completed = by_status.get(ActionStatus::Completed.as_str()).copied().unwrap_or(0);
        ActionFigures {
            cities_acting,
            actions,
            by_status,
            completion_rate: percent(completed, live),
            mean_progress: mean(live_progress, live),
        }
    }
}

/// Compiles every figure. Reads only; the caller stores the result. One step per part of the
/// report; each step's rules are in its own doc.
pub fn compile(conn: &mut DbConnection, r: &Request<'_>) -> QueryResult<ReportData> {
    let fw = r.framework.id;
    let period = Period::of(r);
    let cities = cities_and_plans(conn, fw, &period)?;
    let structure = crate::charter::store::structure(conn, fw)?;
    let actions = action_tallies(conn, fw, &period)?;
    let mut activity = round_activity(conn, fw, &period, &cities.in_report)?;
    let sections = roles_and_commitments(&structure, &actions, &mut activity);
    let compliance = compliance(&cities.rows, &activity);
    let prev_data = r.previous.map(|p| &p.data);
    let (indicators, mut city_values) = indicators(conn, fw, &period, prev_data, &cities.in_report)?;
    let good_practices = good_practices(conn, r, fw)?;
    let live_commitments = structure.iter().flat_map(|(_, cs)| cs.iter()).filter(|c| !c.retired).count() as i64;
    let verification = verification(conn, r, &structure, &period, &cities, &activity)?;
    let mutual_learning = mutual_learning(conn, fw, &period, &structure, &good_practices)?;
    let profiles = city_profiles(&cities, &actions, &mut activity, &mut city_values, prev_data, live_commitments);

    let mut data = ReportData {
        framework: r.framework.code.clone(),
        framework_title: r.framework.title.clone(),
        network: r.network.to_string(),
        period_start: period.from,
        period_end: period.to,
        period_label: period_label(period.from, period.to),
        compiled_at: r.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        suppression_threshold: r.threshold,
        suppressed_view: false,
        previous_report: r.previous.map(|p| p.summary.clone()),
        signatories: cities.signatories,
        roles: sections.roles,
        commitments: sections.commitments,
        uncovered: sections.uncovered,
        compliance,
        indicators,
        good_practices,
        moved: vec![],
        cities: profiles,
        changes: vec![],
        verification,
        mutual_learning,
    };
    // Both lists compare public figures only, so they never reveal a withheld one.
    let now_public = public_view(&data);
    if let Some(p) = r.previous {
        data.moved = moves(&public_view(&p.data), &now_public);
    }
    if let Some(p) = r.previous_version {
        data.changes = changes(&public_view(&p.data), &now_public);
    }
    Ok(data)
}

/// The report's period, and the instant that ends it for rows stamped with a time.
struct Period {
    from: NaiveDate,
    to: NaiveDate,
    /// Rows created before the day after the period's end belong to the period.
    end_ts: NaiveDateTime,
}

impl Period {
    fn of(r: &Request<'_>) -> Period {
        let end_ts = r.to.succ_opt().unwrap_or(r.to).and_hms_opt(0, 0, 0).expect("midnight exists");
        Period { from: r.from, to: r.to, end_ts }
    }
}

/// A plan of the framework: city, title, status, adopted on, created at.
type PlanRow = (i64, String, String, Option<NaiveDate>, NaiveDateTime);

/// A plan counts as adopted in the report when it was adopted by the period's end.
fn adopted(p: &PlanRow, to: NaiveDate) -> bool {
    p.2 == "adopted" && p.3.is_none_or(|d| d <= to)
}

/// The cities in the report and their plans.
struct Cities {
    /// (id, name, country), by name.
    rows: Vec<(i64, String, String)>,
    in_report: HashSet<i64>,
    plans: Vec<PlanRow>,
    /// When each city signed, for signatures on or before the period's end.
    signed: HashMap<i64, NaiveDate>,
    signatories: Signatories,
    to: NaiveDate,
}

/// Cities in the report: those that signed the framework by the period's end, or have a plan
/// under it created by then; with the signatories' figures.
fn cities_and_plans(conn: &mut DbConnection, fw: i64, period: &Period) -> QueryResult<Cities> {
    let (from, to) = (period.from, period.to);
    let sigs: Vec<(i64, NaiveDate)> = signatures::table
        .filter(signatures::framework_id.eq(fw))
        .select((signatures::city_id, signatures::signed_on))
        .load(conn)?;
    let plans: Vec<PlanRow> = plans::table
        .filter(plans::framework_id.eq(fw).and(plans::created_at.lt(period.end_ts)))
        .order(plans::id)
        .select((plans::city_id, plans::title, plans::status, plans::adopted_on, plans::created_at))
        .load(conn)?;
    let signed: HashMap<i64, NaiveDate> = sigs.iter().filter(|(_, d)| *d <= to).copied().collect();
    let ids: BTreeSet<i64> = signed.keys().copied().chain(plans.iter().map(|p| p.0)).collect();
    let ids: Vec<i64> = ids.into_iter().collect();
    let mut rows: Vec<(i64, String, String)> = Vec::new();
    for chunk in ids.chunks(500) {
        rows.extend(
            cities::table
                .filter(cities::id.eq_any(chunk))
                .select((cities::id, cities::name, cities::country))
                .load::<(i64, String, String)>(conn)?,
        );
    }
    rows.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let in_report: HashSet<i64> = ids.iter().copied().collect();
    let name_of: HashMap<i64, String> = rows.iter().map(|(id, n, _)| (*id, n.clone())).collect();
    let with_plan: HashSet<i64> = plans.iter().filter(|p| adopted(p, to)).map(|p| p.0).collect();
    let mut new_names: Vec<String> =
        signed.iter().filter(|(_, d)| **d >= from).map(|(c, _)| name_of[c].clone()).collect();
    new_names.sort();
    let signatories = Signatories {
        cities: rows.len() as i64,
        signatories: signed.len() as i64,
        new_in_period: new_names.len() as i64,
        new_names,
        with_adopted_plan: with_plan.len() as i64,
        plans_adopted_in_period: plans.iter().filter(|p| adopted(p, to) && p.3.is_some_and(|d| d >= from)).count()
            as i64,
        without_plan: rows.iter().filter(|c| !with_plan.contains(&c.0)).map(|c| c.1.clone()).collect(),
    };
    Ok(Cities { rows, in_report, plans, signed, signatories, to })
}

/// Actions by commitment and by city, and who covers what.
struct Tallies {
    by_commitment: HashMap<i64, Tally>,
    by_city: HashMap<i64, Tally>,
    /// Commitment -> the cities acting on it.
    acting: HashMap<i64, HashSet<i64>>,
    /// City -> the commitments it covers.
    covered_by_city: HashMap<i64, HashSet<i64>>,
}

/// Actions as recorded now, leaving out those (and plans) created after the period; grouped in
/// the database. A commitment is covered by a city with an action that covers it
/// (`ActionStatus::covers`).
fn action_tallies(conn: &mut DbConnection, fw: i64, period: &Period) -> QueryResult<Tallies> {
    let end_ts = period.end_ts;
    let by_commitment: Vec<(i64, String, i64, Option<i64>)> = actions::table
        .inner_join(plans::table)
        .filter(plans::framework_id.eq(fw).and(plans::created_at.lt(end_ts)).and(actions::created_at.lt(end_ts)))
        .group_by((actions::commitment_id, actions::status))
        .select((actions::commitment_id, actions::status, count_star(), sum(actions::progress)))
        .load(conn)?;
    let by_city: Vec<(i64, String, i64, Option<i64>)> = actions::table
        .inner_join(plans::table)
        .filter(plans::framework_id.eq(fw).and(plans::created_at.lt(end_ts)).and(actions::created_at.lt(end_ts)))
        .group_by((plans::city_id, actions::status))
        .select((plans::city_id, actions::status, count_star(), sum(actions::progress)))
        .load(conn)?;
    let acting_rows: Vec<(i64, i64)> = actions::table
        .inner_join(plans::table)
        .filter(plans::framework_id.eq(fw).and(plans::created_at.lt(end_ts)).and(actions::created_at.lt(end_ts)))
        .filter(actions::status.eq_any(ActionStatus::covering()))
        .select((actions::commitment_id, plans::city_id))
        .distinct()
        .load(conn)?;
    let mut t = Tallies {
        by_commitment: HashMap::new(),
        by_city: HashMap::new(),
        acting: HashMap::new(),
        covered_by_city: HashMap::new(),
    };
    for (c, s, n, p) in by_commitment {
        t.by_commitment.entry(c).or_default().add(&s, n, p.unwrap_or(0));
    }
    for (c, s, n, p) in by_city {
        t.by_city.entry(c).or_default().add(&s, n, p.unwrap_or(0));
    }
    for (commitment, city) in acting_rows {
        t.acting.entry(commitment).or_default().insert(city);
        t.covered_by_city.entry(city).or_default().insert(commitment);
    }
    Ok(t)
}

/// What the period's rounds hold: updates, self-assessments and check-ins.
struct Activity {
    round_labels: Vec<String>,
    updates_by_commitment: HashMap<i64, i64>,
    updates_by_city: HashMap<i64, i64>,
    levels_by_commitment: HashMap<i64, Counts>,
    levels_by_city: HashMap<i64, Counts>,
    check_ins: HashMap<i64, CheckInCounts>,
    /// Each (city, commitment id)'s latest self-assessment level in the period.
    latest_level: HashMap<(i64, i64), String>,
}

/// Check-ins, action updates and self-assessments from rounds whose period lies within the
/// report's; a city's latest self-assessment of a commitment in the period counts.
fn round_activity(
    conn: &mut DbConnection,
    fw: i64,
    period: &Period,
    in_report: &HashSet<i64>,
) -> QueryResult<Activity> {
    let (from, to) = (period.from, period.to);
    let in_period = rounds::period_start.ge(from).and(rounds::period_end.le(to));
    let round_labels: Vec<String> = rounds::table
        .filter(in_period)
        .order((rounds::period_start, rounds::opened_at))
        .select(rounds::label)
        .load(conn)?;
    let updates: Vec<(i64, i64, i64)> = action_updates::table
        .inner_join(check_ins::table.inner_join(rounds::table))
        .inner_join(actions::table.on(actions::id.eq(action_updates::action_id)))
        .inner_join(plans::table.on(plans::id.eq(actions::plan_id)))
        .filter(plans::framework_id.eq(fw).and(actions::created_at.lt(period.end_ts)))
        .filter(rounds::period_start.ge(from).and(rounds::period_end.le(to)))
        .group_by((actions::commitment_id, plans::city_id))
        .select((actions::commitment_id, plans::city_id, count_star()))
        .load(conn)?;
    let mut updates_by_commitment: HashMap<i64, i64> = HashMap::new();
    let mut updates_by_city: HashMap<i64, i64> = HashMap::new();
    for (c, city, n) in updates {
        *updates_by_commitment.entry(c).or_default() += n;
        *updates_by_city.entry(city).or_default() += n;
    }
    let assessed: Vec<(i64, i64, String)> = self_assessments::table
        .inner_join(check_ins::table.inner_join(rounds::table))
        .inner_join(commitments::table.on(commitments::id.eq(self_assessments::commitment_id)))
        .filter(commitments::framework_id.eq(fw))
        .filter(rounds::period_start.ge(from).and(rounds::period_end.le(to)))
        .order((check_ins::city_id, self_assessments::commitment_id, rounds::period_end, rounds::opened_at))
        .select((check_ins::city_id, self_assessments::commitment_id, self_assessments::level))
        .load(conn)?;
    // Ordered by round, so the last row of each (city, commitment) is the latest.
    let mut latest_level: HashMap<(i64, i64), String> = HashMap::new();
    for (city, c, level) in assessed.into_iter().filter(|(city, _, _)| in_report.contains(city)) {
        latest_level.insert((city, c), level);
    }
    let mut levels_by_commitment: HashMap<i64, Counts> = HashMap::new();
    let mut levels_by_city: HashMap<i64, Counts> = HashMap::new();
    for ((city, c), level) in &latest_level {
        *levels_by_commitment.entry(*c).or_insert_with(level_counts).entry(level.clone()).or_insert(0) += 1;
        *levels_by_city.entry(*city).or_insert_with(level_counts).entry(level.clone()).or_insert(0) += 1;
    }
    let check_in_rows: Vec<CheckInRow> = check_ins::table
        .inner_join(rounds::table)
        .filter(rounds::period_start.ge(from).and(rounds::period_end.le(to)))
        .select((check_ins::city_id, check_ins::due_at, check_ins::submitted_at, check_ins::state, rounds::closed_at))
        .load(conn)?;
    let mut check_ins: HashMap<i64, CheckInCounts> = HashMap::new();
    for (city, due, submitted, state, closed) in check_in_rows.into_iter().filter(|r| in_report.contains(&r.0)) {
        let c = check_ins.entry(city).or_default();
        c.asked += 1;
        match submitted {
            Some(s) if s <= due => c.on_time += 1,
            Some(_) => c.late += 1,
            None if state == "missed" || closed.is_some() => c.missed += 1,
            None => c.pending += 1,
        }
        // What the secretariat's review made of the answers: accepted, or not yet.
        if submitted.is_some() {
            if CheckInState::from_db(&state) == CheckInState::Accepted {
                c.accepted += 1;
            } else {
                c.unreviewed += 1;
            }
        }
    }
    Ok(Activity {
        round_labels,
        updates_by_commitment,
        updates_by_city,
        levels_by_commitment,
        levels_by_city,
        check_ins,
        latest_level,
    })
}

/// The roles' and commitments' tables, and the commitments nobody covers.
struct Sections {
    roles: Vec<RoleFigures>,
    commitments: Vec<CommitmentFigures>,
    uncovered: Vec<String>,
}

/// Per role and per commitment: actions, cities acting, updates and self-assessments. A
/// retired commitment nobody acted on is history, not a gap, and is left out.
fn roles_and_commitments(
    structure: &[(crate::charter::store::Role, Vec<crate::charter::store::Commitment>)],
    actions: &Tallies,
    activity: &mut Activity,
) -> Sections {
    let mut out = Sections { roles: vec![], commitments: vec![], uncovered: vec![] };
    for (role, cs) in structure {
        let mut role_tally = Tally::default();
        let mut role_cities: HashSet<i64> = HashSet::new();
        for c in cs {
            let tally = actions.by_commitment.get(&c.id).cloned().unwrap_or_default();
            let cities_acting = actions.acting.get(&c.id).map_or(0, |s| s.len() as i64);
            let figures = tally.figures(cities_acting);
            if c.retired && figures.actions == 0 {
                continue;
            }
            role_tally.merge(&tally);
            role_cities.extend(actions.acting.get(&c.id).into_iter().flatten());
            if cities_acting == 0 {
                out.uncovered.push(c.code.clone());
            }
            out.commitments.push(CommitmentFigures {
                code: c.code.clone(),
                role: role.code.clone(),
                text: c.text.clone(),
                figures,
                updates: activity.updates_by_commitment.get(&c.id).copied().unwrap_or(0),
                assessments: activity.levels_by_commitment.remove(&c.id).unwrap_or_else(level_counts),
                covered: cities_acting > 0,
            });
        }
        out.roles.push(RoleFigures {
            code: role.code.clone(),
            title: role.title.clone(),
            figures: role_tally.figures(role_cities.len() as i64),
        });
    }
    out
}

/// Check-ins per city (on time, late, missed, pending) and in all, with the on-time rate of
/// those that were due.
fn compliance(cities: &[(i64, String, String)], activity: &Activity) -> Compliance {
    let mut compliance = Compliance { rounds: activity.round_labels.clone(), ..Default::default() };
    for (id, name, country) in cities {
        let counts = activity.check_ins.get(id).cloned().unwrap_or_default();
        let t = &mut compliance.totals;
        t.asked += counts.asked;
        t.on_time += counts.on_time;
        t.late += counts.late;
        t.missed += counts.missed;
        t.pending += counts.pending;
        t.accepted += counts.accepted;
        t.unreviewed += counts.unreviewed;
        compliance.cities.push(CityCompliance { city: name.clone(), country: country.clone(), counts });
    }
    let t = &compliance.totals;
    compliance.on_time_rate = percent(t.on_time, t.on_time + t.late + t.missed);
    compliance
}

/// Self-assessment against verification: per live commitment, the cities in the report that
/// assessed themselves in the period (their latest view counts), those with a verified rating
/// in force at the period's end, and where both exist how they compare (`verification::compare`);
/// per city, each verified commitment.
fn verification(
    conn: &mut DbConnection,
    r: &Request<'_>,
    structure: &[(crate::charter::store::Role, Vec<crate::charter::store::Commitment>)],
    period: &Period,
    cities: &Cities,
    activity: &Activity,
) -> QueryResult<Verification> {
    use crate::verification::{compare, store as verified};
    let in_force = verified::in_force(verified::history(conn, None, Some(period.to))?);
    let public: HashSet<i64> = crate::db::schema::cities::table
        .filter(crate::db::schema::cities::is_public.eq(true))
        .select(crate::db::schema::cities::id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut out = Verification::default();
    for c in structure.iter().flat_map(|(_, cs)| cs.iter()).filter(|c| !c.retired) {
        let mut row = CommitmentVerification { code: c.code.clone(), ..Default::default() };
        let (mut verified_n, mut agree, mut higher, mut lower) = (0, 0, 0, 0);
        for (city, name, _) in &cities.rows {
            let own = activity.latest_level.get(&(*city, c.id));
            if own.is_some() {
                row.self_rated += 1;
            }
            let Some(v) = in_force.get(&(*city, r.framework.code.clone(), c.code.clone())) else { continue };
            verified_n += 1;
            if let Some(own) = own {
                match compare(Assessment::from_db(own), v.level) {
                    std::cmp::Ordering::Equal => agree += 1,
                    std::cmp::Ordering::Greater => higher += 1,
                    std::cmp::Ordering::Less => lower += 1,
                }
            }
            out.cities.push(CityVerification {
                city: name.clone(),
                commitment: c.code.clone(),
                self_level: own.cloned(),
                verified_level: v.level.as_str().to_string(),
                verified_on: v.verified_on,
                public: public.contains(city),
            });
        }
        row.verified = Some(verified_n);
        row.agree = Some(agree);
        row.self_higher = Some(higher);
        row.self_lower = Some(lower);
        out.commitments.push(row);
    }
    Ok(out)
}

/// Per indicator, the network's figures, and per city its values. Indicator values whose
/// period lies within the report's count; a city's latest one counts (latest period end; of
/// two ending the same day, the longer period).
fn indicators(
    conn: &mut DbConnection,
    fw: i64,
    period: &Period,
    prev_data: Option<&ReportData>,
    in_report: &HashSet<i64>,
) -> QueryResult<(Vec<IndicatorFigures>, CityValues)> {
    let (from, to) = (period.from, period.to);
    let defs = crate::indicators::store::definitions(conn, &[fw])?;
    let value_rows: Vec<(i64, i64, Reading)> = indicator_values::table
        .inner_join(indicators::table)
        .filter(indicators::framework_id.eq(fw))
        .filter(indicator_values::period_start.ge(from).and(indicator_values::period_end.le(to)))
        .order((
            indicator_values::indicator_id,
            indicator_values::city_id,
            indicator_values::period_end,
            indicator_values::period_start.desc(),
            indicator_values::id,
        ))
        .select((
            indicator_values::indicator_id,
            indicator_values::city_id,
            (
                indicator_values::period_end,
                indicator_values::value,
                indicator_values::baseline,
                indicator_values::target,
            ),
        ))
        .load(conn)?;
    // Ordered so that the last row of each (indicator, city) is the one that counts.
    let mut latest: HashMap<(i64, i64), Reading> = HashMap::new();
    for (ind, city, reading) in value_rows.into_iter().filter(|r| in_report.contains(&r.1)) {
        latest.insert((ind, city), reading);
    }
    let mut indicators_out = vec![];
    let mut city_values: CityValues = HashMap::new();
    // The previous report's cities by id (the first entry of a city, as a search would), looked
    // up for each value rather than searched: at 10,000 cities a search per value was 10^9 steps.
    let mut prev_city: HashMap<i64, &CityProfile> = HashMap::new();
    for c in prev_data.map_or(&[][..], |p| &p.cities[..]) {
        prev_city.entry(c.city_id).or_insert(c);
    }
    for d in &defs {
        let mut rows: Vec<(i64, Reading)> =
            latest.iter().filter(|((i, _), _)| *i == d.id).map(|((_, c), v)| (*c, *v)).collect();
        if d.indicator.retired && rows.is_empty() {
            continue;
        }
        rows.sort_by_key(|(c, _)| *c);
        let prev = prev_data.and_then(|p| p.indicators.iter().find(|i| i.code == d.indicator.code));
        indicators_out.push(indicator_figures(d, &rows, prev));
        for (city, (end, v, b, t)) in rows {
            let before = prev_city
                .get(&city)
                .and_then(|c| c.indicators.iter().find(|i| i.code == d.indicator.code))
                .map(|i| i.value);
            city_values.entry(city).or_default().push(CityIndicator {
                code: d.indicator.code.clone(),
                value: v,
                baseline: b,
                target: t,
                period_end: end,
                change_since_previous: change(before, Some(v)),
            });
        }
    }
    Ok((indicators_out, city_values))
}

/// Each city's counting values, by city id.
type CityValues = HashMap<i64, Vec<CityIndicator>>;

/// One indicator's network figures from the cities' counting values: for yes/no the share of
/// yes, otherwise quartiles, the median change since baseline and the median distance to target.
fn indicator_figures(
    d: &crate::indicators::store::Def,
    rows: &[(i64, Reading)],
    prev: Option<&IndicatorFigures>,
) -> IndicatorFigures {
    let values: Vec<f64> = rows.iter().map(|(_, v)| v.1).collect();
    let n = values.len() as i64;
    let unit = d.unit();
    let hib = d.indicator.higher_is_better;
    let mut f = IndicatorFigures {
        code: d.indicator.code.clone(),
        name: d.indicator.name.clone(),
        unit: unit.as_str().into(),
        currency: d.indicator.currency.clone(),
        commitment: d.indicator.commitment.clone(),
        higher_is_better: hib,
        sensitive: d.indicator.sensitive,
        cities_reporting: Some(n),
        q1: None,
        median: None,
        q3: None,
        yes: None,
        share_yes: None,
        change_since_previous: None,
        previous_cities_reporting: prev.and_then(|p| p.cities_reporting),
        baseline_cities: None,
        change_since_baseline: None,
        target_cities: None,
        distance_to_target: None,
        reached_target: None,
        suppressed: false,
    };
    if unit == Unit::YesNo {
        let yes = values.iter().filter(|v| **v == 1.0).count() as i64;
        f.yes = Some(yes);
        f.share_yes = percent(yes, n);
        f.change_since_previous = change(prev.and_then(|p| p.share_yes), f.share_yes);
    } else {
        if let Some((q1, m, q3)) = quartiles(&values) {
            (f.q1, f.median, f.q3) = (Some(q1), Some(m), Some(q3));
        }
        f.change_since_previous = change(prev.and_then(|p| p.median), f.median);
        let diffs: Vec<f64> = rows.iter().filter_map(|(_, v)| v.2.map(|b| v.1 - b)).collect();
        f.baseline_cities = Some(diffs.len() as i64);
        f.change_since_baseline = stats::median(&diffs);
        let to_go: Vec<f64> =
            rows.iter().filter_map(|(_, v)| v.3.map(|t| if hib { t - v.1 } else { v.1 - t })).collect();
        f.target_cities = Some(to_go.len() as i64);
        f.distance_to_target = stats::median(&to_go);
        f.reached_target = Some(to_go.iter().filter(|x| **x <= 0.0).count() as i64);
    }
    f
}

/// A profile of every city in the report: its plan (the adopted one, else the latest), its
/// actions, coverage, updates, check-ins, self-assessments and indicator values.
fn city_profiles(
    cities: &Cities,
    actions: &Tallies,
    activity: &mut Activity,
    city_values: &mut CityValues,
    prev_data: Option<&ReportData>,
    live_commitments: i64,
) -> Vec<CityProfile> {
    let to = cities.to;
    // Each city's plan in the report: the adopted one, else the latest; of equals, the last
    // created (plans come by id). Looked up by city, not searched per city: at 10,000 cities a
    // search of every plan for each city was a seventh of a compile.
    let mut plan_of: HashMap<i64, &PlanRow> = HashMap::with_capacity(cities.plans.len());
    let rank = |p: &PlanRow| (adopted(p, to), p.3, p.4);
    for p in &cities.plans {
        let kept = plan_of.entry(p.0).or_insert(p);
        if rank(p) >= rank(kept) {
            *kept = p;
        }
    }
    // The previous report's mean progress by city (the first entry of a city, as a search would).
    let mut prev_progress_of: HashMap<i64, Option<f64>> = HashMap::new();
    for c in prev_data.map_or(&[][..], |p| &p.cities[..]) {
        prev_progress_of.entry(c.city_id).or_insert(c.mean_progress);
    }
    let mut profiles = Vec::with_capacity(cities.rows.len());
    for (id, name, country) in &cities.rows {
        let plan = plan_of.get(id).copied();
        let tally = actions.by_city.get(id).cloned().unwrap_or_default();
        let figures = tally.figures(0);
        let prev_progress = prev_progress_of.get(id).copied().flatten();
        profiles.push(CityProfile {
            city_id: *id,
            name: name.clone(),
            country: country.clone(),
            signed_on: cities.signed.get(id).copied(),
            plan_title: plan.map(|p| p.1.clone()),
            plan_status: plan.map(|p| if adopted(p, to) { "adopted".to_string() } else { "draft".to_string() }),
            plan_adopted_on: plan.filter(|p| adopted(p, to)).and_then(|p| p.3),
            actions: figures.actions,
            by_status: figures.by_status,
            mean_progress: figures.mean_progress,
            mean_progress_change: change(prev_progress, figures.mean_progress),
            commitments_covered: actions.covered_by_city.get(id).map_or(0, |s| s.len() as i64),
            commitments_total: live_commitments,
            updates: activity.updates_by_city.get(id).copied().unwrap_or(0),
            check_ins: activity.check_ins.get(id).cloned().unwrap_or_default(),
            assessments: activity.levels_by_city.remove(id).unwrap_or_else(level_counts),
            indicators: city_values.remove(id).unwrap_or_default(),
        });
    }
    profiles
}

/// Mutual learning: the peer reviews of the framework whose visit (or, before a visit is
/// recorded, report) falls within the period, each recommendation's response and the action it
/// became as they stand when the report is compiled; and the good practices by commitment.
fn mutual_learning(
    conn: &mut DbConnection,
    fw: i64,
    period: &Period,
    structure: &[(crate::charter::store::Role, Vec<crate::charter::store::Commitment>)],
    good_practices: &[GoodPractice],
) -> QueryResult<MutualLearning> {
    let held = crate::peer_reviews::store::held_in(conn, fw, period.from, period.to)?;
    let reviews = held
        .into_iter()
        .map(|s| {
            let r = s.review;
            ReviewHeld {
                public: r.is_public(),
                host: r.host.name,
                reviewers: r.reviewing_cities.into_iter().map(|c| c.name).collect(),
                commitments: r.commitments.into_iter().map(|c| c.commitment).collect(),
                visit_from: r.visit_from,
                report_date: r.report_date,
                state: r.state.as_str().to_string(),
                recommendations: r
                    .recommendations
                    .into_iter()
                    .map(|x| RecommendationHeld {
                        commitment: x.commitment,
                        response: x.response.map(|v| v.as_str().to_string()),
                        action_status: x.action.as_ref().map(|a| a.status.as_str().to_string()),
                        action_progress: x.action.map(|a| a.progress),
                    })
                    .collect(),
            }
        })
        .collect();
    let codes: Vec<String> = structure.iter().flat_map(|(_, cs)| cs.iter().map(|c| c.code.clone())).collect();
    Ok(MutualLearning::summarise(reviews, good_practices, &codes))
}

fn good_practices(conn: &mut DbConnection, r: &Request<'_>, fw: i64) -> QueryResult<Vec<GoodPractice>> {
    if r.good_practices.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<PracticeRow> = actions::table
        .inner_join(plans::table.inner_join(cities::table))
        .inner_join(commitments::table)
        .filter(actions::id.eq_any(r.good_practices).and(plans::framework_id.eq(fw)))
        .order((cities::name, commitments::position, actions::title, actions::id))
        .select((
            actions::id,
            cities::name,
            commitments::code,
            commitments::position,
            actions::title,
            actions::status,
            actions::progress,
            actions::description,
        ))
        .load(conn)?;
    let narratives: Vec<(i64, String)> = action_updates::table
        .inner_join(check_ins::table.inner_join(rounds::table))
        .filter(action_updates::action_id.eq_any(r.good_practices).and(action_updates::narrative.ne("")))
        .filter(rounds::period_start.ge(r.from).and(rounds::period_end.le(r.to)))
        .order((action_updates::action_id, rounds::period_end, action_updates::id))
        .select((action_updates::action_id, action_updates::narrative))
        .load(conn)?;
    let latest: HashMap<i64, String> = narratives.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|(id, city, commitment, _, title, status, progress, description)| GoodPractice {
            action_id: id,
            city,
            commitment,
            title,
            status,
            progress,
            narrative: latest.get(&id).cloned().unwrap_or(description),
        })
        .collect())
}

/// One comparable figure: (key, section, item, measure, value).
type KeyFigure = (String, String, String, String, Option<f64>);

/// The figures "what moved" and a correction's change list compare, in reading order.
/// `detail` adds per-city figures (corrections list everything that differs).
pub fn key_figures(d: &ReportData, detail: bool) -> Vec<KeyFigure> {
    let mut out: Vec<KeyFigure> = vec![];
    let mut push = |section: &str, item: &str, measure: &str, v: Option<f64>| {
        out.push((format!("{section}/{item}/{measure}"), section.into(), item.into(), measure.into(), v));
    };
    let s = &d.signatories;
    push("Network", "Signatories", "cities", Some(s.signatories as f64));
    push("Network", "Adopted action plans", "cities", Some(s.with_adopted_plan as f64));
    for r in &d.roles {
        push("Roles", &r.title, "cities acting", Some(r.figures.cities_acting as f64));
        push("Roles", &r.title, "completion rate (%)", r.figures.completion_rate);
        push("Roles", &r.title, "mean progress", r.figures.mean_progress);
    }
    for c in &d.commitments {
        push("Commitments", &c.code, "cities acting", Some(c.figures.cities_acting as f64));
        push("Commitments", &c.code, "completion rate (%)", c.figures.completion_rate);
        push("Commitments", &c.code, "mean progress", c.figures.mean_progress);
    }
    push("Check-ins", "All cities", "on time (%)", d.compliance.on_time_rate);
    for i in &d.indicators {
        push("Indicators", &i.code, "cities reporting", i.cities_reporting.map(|n| n as f64));
        if i.unit == "yes_no" {
            push("Indicators", &i.code, "share answering yes (%)", i.share_yes);
        } else {
            push("Indicators", &i.code, "median", i.median);
        }
    }
    for c in &d.cities {
        push("Cities", &c.name, "mean progress", c.mean_progress);
        if detail {
            push("Cities", &c.name, "actions", Some(c.actions as f64));
            push("Cities", &c.name, "check-ins on time", Some(c.check_ins.on_time as f64));
            push("Cities", &c.name, "check-ins late", Some(c.check_ins.late as f64));
            push("Cities", &c.name, "check-ins missed", Some(c.check_ins.missed as f64));
            for v in &c.indicators {
                push("Cities", &c.name, &format!("{} value", v.code), Some(v.value));
            }
        }
    }
    out
}

/// Figures present in both reports whose value differs, in reading order.
pub fn moves(before: &ReportData, after: &ReportData) -> Vec<Move> {
    let old: HashMap<String, Option<f64>> =
        key_figures(before, false).into_iter().map(|(k, _, _, _, v)| (k, v)).collect();
    key_figures(after, false)
        .into_iter()
        .filter_map(|(k, section, item, measure, v)| {
            let (b, a) = (old.get(&k).copied().flatten()?, v?);
            (b != a).then(|| Move { section, item, measure, before: b, after: a, change: stats::round2(a - b) })
        })
        .collect()
}

fn shown(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "–".into())
}

/// Everything that differs between two versions of a report (public figures), including good
/// practices added or removed.
pub fn changes(before: &ReportData, after: &ReportData) -> Vec<Change> {
    let old: Vec<KeyFigure> = key_figures(before, true);
    let new: Vec<KeyFigure> = key_figures(after, true);
    let old_map: HashMap<&str, Option<f64>> = old.iter().map(|(k, _, _, _, v)| (k.as_str(), *v)).collect();
    let new_keys: HashSet<&str> = new.iter().map(|(k, ..)| k.as_str()).collect();
    let label = |s: &str, i: &str, m: &str| format!("{s}: {i}, {m}");
    let mut out = vec![];
    for (k, s, i, m, v) in &new {
        match old_map.get(k.as_str()) {
            Some(b) if b == v => {}
            Some(b) => out.push(Change { what: label(s, i, m), before: shown(*b), after: shown(*v) }),
            None => out.push(Change { what: label(s, i, m), before: "–".into(), after: shown(*v) }),
        }
    }
    for (k, s, i, m, v) in &old {
        if !new_keys.contains(k.as_str()) {
            out.push(Change { what: label(s, i, m), before: shown(*v), after: "–".into() });
        }
    }
    let gp =
        |d: &ReportData| d.good_practices.iter().map(|g| format!("{}: {}", g.city, g.title)).collect::<BTreeSet<_>>();
    let (gb, ga) = (gp(before), gp(after));
    for g in ga.difference(&gb) {
        out.push(Change {
            what: format!("Good practice: {g}"),
            before: "not included".into(),
            after: "included".into(),
        });
    }
    for g in gb.difference(&ga) {
        out.push(Change {
            what: format!("Good practice: {g}"),
            before: "included".into(),
            after: "not included".into(),
        });
    }
    out
}
