//! The network at a glance, as data: for one framework, every city with its signature, the
//! plan shown for it (the adopted one, else the latest draft), the commitments its actions
//! cover, its overdue actions and its check-in of the latest round. The secretariat's and
//! observers' page (`pages::network`) lays it out; the counting rules come from
//! `ActionStatus::covers` and `ActionStatus::is_open`, as everywhere else.
//!
//! At 10,000 cities computing it takes a few hundred milliseconds, so each instance keeps the
//! last computation per framework (`Cache`) and serves filtered pages from it. It is computed
//! again when the data it reads changed (the `data_versions` row `network`, which triggers on
//! cities, signatures, plans, actions, rounds, check-ins and the charters bump in the same
//! transaction as the change, so every instance of one database sees it), and at the latest
//! each minute, since "overdue" and "not updated for N days" move with the clock.

use crate::actions::ActionStatus;
use crate::charter::store::{Commitment, Framework, Role};
use crate::check_ins::CheckInState;
use crate::db::schema::{actions, check_ins, cities, plans, rounds, signatures};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

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
    /// ISO 3166 code.
    pub country: String,
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
        .select((cities::id, cities::name, cities::country))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, country)| CityRow {
            id,
            name,
            country,
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

/// How a city stands in the latest round, as the overview counts and filters it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckInOutcome {
    OnTime,
    Late,
    Open,
    Overdue,
    Missed,
    /// The city had no check-in in the latest round (or there is no round yet).
    NotAsked,
}

impl CheckInOutcome {
    pub const ALL: [CheckInOutcome; 6] = [
        CheckInOutcome::OnTime,
        CheckInOutcome::Late,
        CheckInOutcome::Open,
        CheckInOutcome::Overdue,
        CheckInOutcome::Missed,
        CheckInOutcome::NotAsked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckInOutcome::OnTime => "on_time",
            CheckInOutcome::Late => "late",
            CheckInOutcome::Open => "open",
            CheckInOutcome::Overdue => "overdue",
            CheckInOutcome::Missed => "missed",
            CheckInOutcome::NotAsked => "not_asked",
        }
    }

    pub fn parse(s: &str) -> Option<CheckInOutcome> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// A submitted check-in is on time or late whatever the review made of it since.
    pub fn of(ci: Option<LatestCheckIn>) -> CheckInOutcome {
        match ci {
            None => CheckInOutcome::NotAsked,
            Some(ci) if ci.state.was_submitted() => {
                if ci.late {
                    CheckInOutcome::Late
                } else {
                    CheckInOutcome::OnTime
                }
            }
            Some(ci) if ci.state == CheckInState::Missed => CheckInOutcome::Missed,
            Some(ci) if ci.overdue => CheckInOutcome::Overdue,
            Some(_) => CheckInOutcome::Open,
        }
    }
}

/// The plan a city has under the framework, for the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanState {
    Adopted,
    Draft,
    NoPlan,
}

impl PlanState {
    pub const ALL: [PlanState; 3] = [PlanState::Adopted, PlanState::Draft, PlanState::NoPlan];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanState::Adopted => "adopted",
            PlanState::Draft => "draft",
            PlanState::NoPlan => "none",
        }
    }

    pub fn parse(s: &str) -> Option<PlanState> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    pub fn of(plan: Option<&PlanRef>) -> PlanState {
        match plan {
            Some(p) if p.adopted => PlanState::Adopted,
            Some(_) => PlanState::Draft,
            None => PlanState::NoPlan,
        }
    }
}

/// How many of the framework's commitments (retired ones left out) a city's plan covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    All,
    Some,
    None,
}

impl Coverage {
    pub const ALL: [Coverage; 3] = [Coverage::All, Coverage::Some, Coverage::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::All => "all",
            Coverage::Some => "some",
            Coverage::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Coverage> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }

    pub fn of(covered: usize, total: usize) -> Coverage {
        match covered {
            0 => Coverage::None,
            n if n >= total => Coverage::All,
            _ => Coverage::Some,
        }
    }
}

/// Which cities of the overview to list (every field optional; all given must hold).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// ISO 3166 code, upper case.
    pub country: Option<String>,
    pub plan: Option<PlanState>,
    pub coverage: Option<Coverage>,
    /// With (true) or without (false) open actions past their due date.
    pub overdue: Option<bool>,
    pub check_in: Option<CheckInOutcome>,
}

/// One city of a snapshot: its row, with what the filter and the page read precomputed.
#[derive(Clone, Debug)]
pub struct Member {
    pub row: CityRow,
    /// Live (not retired) commitments covered, per role in the order of `structure`.
    pub covered_by_role: Vec<usize>,
    pub coverage: Coverage,
    pub outcome: CheckInOutcome,
}

impl Filter {
    pub fn matches(&self, m: &Member) -> bool {
        self.country.as_ref().is_none_or(|c| *c == m.row.country)
            && self.plan.is_none_or(|p| p == PlanState::of(m.row.plan.as_ref()))
            && self.coverage.is_none_or(|c| c == m.coverage)
            && self.overdue.is_none_or(|o| o == (m.row.overdue > 0))
            && self.check_in.is_none_or(|o| o == m.outcome)
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// The overview of one framework as computed at one moment, shared by the requests that read
/// it: the cities that signed it or have a plan under it, in name order, and the network-wide
/// counts above the table.
pub struct Snapshot {
    pub framework: Framework,
    pub frameworks: Vec<Framework>,
    pub structure: Vec<(Role, Vec<Commitment>)>,
    /// Live commitments per role, in the order of `structure`.
    pub live_per_role: Vec<usize>,
    pub members: Vec<Member>,
    pub round: Option<(i64, String)>,
    /// Members per check-in outcome of the latest round, in `CheckInOutcome::ALL`'s order.
    pub outcomes: [usize; 6],
    /// Members with an adopted plan.
    pub adopted: usize,
    /// The members' countries, sorted, once each.
    pub countries: Vec<String>,
    /// Which computation this is, unique in the process: the page keeps what it rendered from
    /// a snapshot under this number (`pages::network`).
    pub serial: u64,
}

/// The next snapshot's `serial`.
static SERIALS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Snapshot {
    fn of(o: Overview) -> Snapshot {
        let live: Vec<Vec<i64>> =
            o.structure.iter().map(|(_, cs)| cs.iter().filter(|c| !c.retired).map(|c| c.id).collect()).collect();
        let live_total: usize = live.iter().map(Vec::len).sum();
        let mut members: Vec<Member> = o
            .cities
            .into_iter()
            .filter(|r| r.signed.is_some() || r.plan.is_some())
            .map(|mut row| {
                let covered_by_role: Vec<usize> =
                    live.iter().map(|ids| ids.iter().filter(|id| row.covered.contains(id)).count()).collect();
                let coverage = Coverage::of(covered_by_role.iter().sum(), live_total);
                let outcome = CheckInOutcome::of(row.check_in);
                // The page reads the counts per role; the set is not needed any more.
                row.covered = HashSet::new();
                Member { row, covered_by_role, coverage, outcome }
            })
            .collect();
        // Kept until the next computation: without this, the capacity the filter's collect grew
        // to by doubling (16,384 members' room for 10,000 cities, 1.3 MB more).
        members.shrink_to_fit();
        // One order for every language (the snapshot is shared): CLDR's root order through the
        // English collator, which puts Łódź with L and Zürich with Z.
        members.sort_by(|a, b| {
            crate::i18n::compare(&a.row.name, &b.row.name, crate::i18n::Lang::En).then(a.row.id.cmp(&b.row.id))
        });
        let mut outcomes = [0usize; 6];
        for m in &members {
            outcomes[CheckInOutcome::ALL.iter().position(|o| *o == m.outcome).unwrap_or(5)] += 1;
        }
        let adopted = members.iter().filter(|m| m.row.plan.as_ref().is_some_and(|p| p.adopted)).count();
        let mut countries: Vec<String> = members.iter().map(|m| m.row.country.clone()).collect();
        countries.sort();
        countries.dedup();
        Snapshot {
            serial: SERIALS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            live_per_role: live.iter().map(Vec::len).collect(),
            framework: o.framework,
            frameworks: o.frameworks,
            structure: o.structure,
            members,
            round: o.round,
            outcomes,
            adopted,
            countries,
        }
    }

    /// The members the filter keeps, in name order.
    pub fn filtered<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Member> + 'a {
        self.members.iter().filter(move |m| filter.matches(m))
    }

    /// Members with this outcome in the latest round.
    pub fn outcome_count(&self, o: CheckInOutcome) -> usize {
        CheckInOutcome::ALL.iter().position(|x| *x == o).map_or(0, |i| self.outcomes[i])
    }
}

/// What the last computation of each framework was made from: the data version and the minute.
type Key = (i64, i64);

/// How many minutes old a computation may be and still be shown while another request
/// computes the next one.
const STALE_MINUTES: i64 = 2;

/// The overview as last computed in this process, per framework.
#[derive(Default)]
pub struct Cache {
    snapshots: Mutex<HashMap<String, Entry>>,
}

struct Entry {
    key: Key,
    snapshot: Arc<Snapshot>,
    /// A request is computing the next one.
    refreshing: bool,
}

/// The overview of `framework` at `now`, from the cache when neither the data nor the minute
/// changed since it was computed.
///
/// When one of them changed, one request computes the overview again (about a second at
/// 10,000 cities on PostgreSQL) while the others are shown the previous computation, if it is at
/// most `STALE_MINUTES` old: the page's figures then lag a change by that second instead of
/// every reader waiting for it (that wait was the p99 of 243 ms; README, Performance). With no
/// computation yet, or only an older one, the first request computes and the others wait for
/// its result rather than each computing it.
pub fn snapshot(
    cache: &Cache,
    conn: &mut DbConnection,
    framework: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
    staleness: crate::actions::Staleness,
) -> ApiResult<Arc<Snapshot>> {
    // Read before the data: a change committed meanwhile makes the next request compute again.
    let key = (crate::db::data_version(conn)?, now.timestamp().div_euclid(60));
    let mut snapshots = cache.snapshots.lock().unwrap_or_else(|e| e.into_inner());
    let recent = |k: &Key| key.1 - k.1 <= STALE_MINUTES;
    match snapshots.get_mut(framework) {
        Some(e) if e.key == key => return Ok(e.snapshot.clone()),
        Some(e) if recent(&e.key) && e.refreshing => return Ok(e.snapshot.clone()),
        Some(e) if recent(&e.key) => {
            e.refreshing = true;
            drop(snapshots);
            // Whatever happens to this computation, the next request may try again.
            let done = Refreshing { cache, framework };
            let fresh = Arc::new(Snapshot::of(network(conn, framework, today, now, staleness)?));
            drop(done);
            let mut snapshots = cache.snapshots.lock().unwrap_or_else(|e| e.into_inner());
            snapshots.insert(framework.to_string(), Entry { key, snapshot: fresh.clone(), refreshing: false });
            return Ok(fresh);
        }
        _ => {}
    }
    let fresh = Arc::new(Snapshot::of(network(conn, framework, today, now, staleness)?));
    snapshots.insert(framework.to_string(), Entry { key, snapshot: fresh.clone(), refreshing: false });
    Ok(fresh)
}

/// Clears the `refreshing` mark when a computation ends, also by an error or a panic.
struct Refreshing<'a> {
    cache: &'a Cache,
    framework: &'a str,
}

impl Drop for Refreshing<'_> {
    fn drop(&mut self) {
        let mut snapshots = self.cache.snapshots.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = snapshots.get_mut(self.framework) {
            e.refreshing = false;
        }
    }
}
