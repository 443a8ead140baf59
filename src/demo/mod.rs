//! A demo network in one command (`charter-tracker demo`, or `serve --demo`): about forty real
//! European cities with invented action plans across the Charter's four roles and "Delivering
//! the Charter", fifteen months of check-in history lived through the real scheduler (rounds
//! opened, reminders queued, check-ins submitted on time, late, missed or left as drafts, rounds
//! closed), indicator values, good practices and one published outcomes report.
//!
//! Everything goes through the same commands people and the scheduler use, at the instants it
//! would have happened, so the demo obeys every rule the application does. The content is
//! invented: while demo data is loaded every page says so (`is_loaded`, shown by the layout and
//! by reports published meanwhile). It refuses to run on a database that already holds cities.

mod data;

use crate::actions::ActionInput;
use crate::auth::{Caller, Role};
use crate::check_ins::content::{ActionReport, CheckInContent, CommitmentAssessment, IndicatorReport};
use crate::check_ins::{commands as check_ins_commands, store as check_ins_store, CheckInState};
use crate::cities::contacts::ContactInput;
use crate::cities::{NewCityInput, SignatureInput};
use crate::config::Settings;
use crate::db::schema::{cities, network_settings, outbox};
use crate::db::{DbConnection, Pool};
use crate::indicators::NewIndicatorValueInput;
use crate::mail::templates::EmailTemplates;
use crate::plans::NewPlanInput;
use anyhow::Context;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

/// The framework the demo's cities signed.
const FRAMEWORK: &str = "eurocities-integrating-cities";
/// The `network_settings` key that says demo data is loaded.
const FLAG: &str = "demo.loaded";
/// How far back the demo's history starts.
const HISTORY_DAYS: i64 = 455;

/// An account the demo made, with its password (shown once).
#[derive(Debug)]
pub struct Account {
    pub role: Role,
    pub email: String,
    pub password: String,
    /// The city a city editor edits.
    pub city: Option<String>,
}

/// What the demo made.
#[derive(Debug, Default)]
pub struct Summary {
    pub cities: usize,
    pub plans: usize,
    pub actions: usize,
    pub rounds: usize,
    pub check_ins_submitted: usize,
    pub report_url: Option<String>,
    pub accounts: Vec<Account>,
}

/// Whether demo data is loaded (the pages then carry a banner saying the plans are invented).
pub fn is_loaded(conn: &mut DbConnection) -> QueryResult<bool> {
    let n: i64 = network_settings::table.filter(network_settings::key.eq(FLAG)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Whether demo data is loaded, as the pages ask on every request: read from the database at
/// most once a minute (so a demo loaded by the CLI while the server runs shows within a minute).
#[derive(Debug, Default)]
pub struct Flag {
    cached: std::sync::Mutex<Option<(std::time::Instant, bool)>>,
}

impl Flag {
    const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(60);

    pub async fn loaded(&self, pool: &Pool) -> bool {
        if let Some((at, v)) = *self.cached.lock().expect("not poisoned") {
            if at.elapsed() < Self::FRESH_FOR {
                return v;
            }
        }
        let pool = pool.clone();
        let read = actix_web::web::block(move || -> anyhow::Result<bool> {
            let mut conn = pool.get()?;
            Ok(is_loaded(&mut conn)?)
        })
        .await;
        match read {
            Ok(Ok(v)) => {
                *self.cached.lock().expect("not poisoned") = Some((std::time::Instant::now(), v));
                v
            }
            // The database is unreachable: the page will say so itself; no banner meanwhile.
            _ => false,
        }
    }
}

/// Fills an empty database with the demo network, as of `now`.
pub fn load(
    pool: &Pool,
    settings: &Settings,
    templates: &EmailTemplates,
    now: DateTime<Utc>,
) -> anyhow::Result<Summary> {
    let mut conn = pool.get().context("taking a database connection")?;
    let existing: i64 = cities::table.count().get_result(&mut conn)?;
    if existing > 0 {
        anyhow::bail!(
            "the database already holds {existing} cities; the demo only fills an empty database (use a new one, e.g. DATABASE_URL=sqlite://data/demo.db)"
        );
    }
    // First, so that what the demo publishes says it is a demo too.
    diesel::insert_into(network_settings::table)
        .values((
            network_settings::key.eq(FLAG),
            network_settings::value.eq("true"),
            network_settings::updated_by.eq("charter-tracker demo"),
            network_settings::updated_at.eq(now.naive_utc()),
        ))
        .execute(&mut conn)?;
    drop(conn);
    let mut demo = Demo::new(pool, settings, templates, now)?;
    demo.build()?;
    let mut conn = pool.get()?;
    settle_history(&mut conn, now)?;
    Ok(demo.summary)
}

/// The demo's emails belong to its invented past: what was due before `now` is marked as sent
/// (to addresses under .example, which cannot receive mail), so a server started afterwards
/// does not deliver a year of reminders at once.
fn settle_history(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(outbox::table.filter(outbox::status.eq("queued")).filter(outbox::not_before.le(now.naive_utc())))
        .set((
            outbox::status.eq("sent"),
            outbox::attempts.eq(1),
            outbox::sent_at.eq(outbox::not_before.nullable()),
            outbox::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)
}

/// A city of the demo, once created.
struct Made {
    id: i64,
    name: &'static str,
    contacts: Vec<i64>,
    /// The plan check-ins are about, if adopted.
    plan: Option<i64>,
    actions: Vec<MadeAction>,
    /// How the city behaves in check-ins: the chance it answers at all, and on time.
    diligence: f64,
}

struct MadeAction {
    id: i64,
    commitment: &'static str,
    progress: i64,
    status: &'static str,
}

/// What a city does about one round's check-in, decided when the round opens.
#[derive(Clone, Copy, Debug)]
enum Plan {
    Submit(DateTime<Utc>),
    DraftOnly(DateTime<Utc>),
    Nothing,
}

struct Demo<'a> {
    pool: &'a Pool,
    settings: &'a Settings,
    templates: &'a EmailTemplates,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    rng: StdRng,
    secretariat: Caller,
    cities: Vec<Made>,
    summary: Summary,
}

impl<'a> Demo<'a> {
    fn new(
        pool: &'a Pool,
        settings: &'a Settings,
        templates: &'a EmailTemplates,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Self> {
        let start = now - Duration::days(HISTORY_DAYS);
        let mut rng = StdRng::seed_from_u64(2010);
        let mut conn = pool.get()?;
        let password = password(&mut rng);
        let email = "secretariat@network.example".to_string();
        let id = crate::auth::store::add(&mut conn, &email, Role::Secretariat, None, &password, start)?;
        crate::auth::store::update_details(&mut conn, id, 1, "Demo secretariat", Role::Secretariat, None)?;
        let secretariat = Caller { user_id: id, email: email.clone(), role: Role::Secretariat, city_id: None };
        let summary = Summary {
            accounts: vec![Account { role: Role::Secretariat, email, password, city: None }],
            ..Default::default()
        };
        Ok(Demo { pool, settings, templates, now, start, rng, secretariat, cities: vec![], summary })
    }

    fn conn(&self) -> anyhow::Result<crate::db::PooledConn> {
        self.pool.get().context("taking a database connection")
    }

    fn build(&mut self) -> anyhow::Result<()> {
        self.cities_and_plans()?;
        self.indicator_values()?;
        self.live_through_history()?;
        self.accounts()?;
        Ok(())
    }

    /// Cities, their contacts, plans and actions, as they stood when the history starts.
    fn cities_and_plans(&mut self) -> anyhow::Result<()> {
        let mut conn = self.conn()?;
        let first_year = self.start.year();
        for (i, c) in data::CITIES.iter().enumerate() {
            let at = self.start + Duration::minutes(i as i64);
            // Most signed years ago; a few joined during the history.
            let signed = if i % 13 == 5 {
                self.start.date_naive() + Duration::days(self.rng.gen_range(30..300))
            } else {
                NaiveDate::from_ymd_opt(
                    self.rng.gen_range(2010..first_year.min(2024)),
                    self.rng.gen_range(1..=12),
                    self.rng.gen_range(1..=28),
                )
                .expect("a valid date")
            };
            let signed_later = signed > self.start.date_naive();
            let input = NewCityInput {
                name: c.name.into(),
                country: c.country.into(),
                public: i % 3 != 2,
                signatures: vec![SignatureInput { framework: FRAMEWORK.into(), signed_on: signed.to_string() }],
            };
            let when = if signed_later { signed.and_hms_opt(9, 0, 0).expect("time").and_utc() } else { at };
            let city = crate::cities::commands::create(&mut conn, &self.secretariat, &input, when)?;
            let mut contacts = vec![];
            let people = data::people(c.language);
            let (first, last) = people[i % people.len()];
            let slug = host_name(c.name);
            for (k, office_role) in
                ["Integration officer", "Head of the mayor's office"].iter().enumerate().take(1 + i % 2)
            {
                let (first, last) = if k == 0 { (first, last) } else { people[(i + 1) % people.len()] };
                let contact = ContactInput {
                    version: None,
                    name: Some(format!("{first} {last}")),
                    email: Some(format!("{}.{}@{slug}.example", host_name(first), host_name(last))),
                    language: Some(c.language.into()),
                    office_role: Some((*office_role).into()),
                    receives_reminders: Some(k == 0 || i % 4 == 0),
                };
                contacts.push(
                    crate::cities::commands::create_contact(&mut conn, &self.secretariat, city.id, &contact, when)?.id,
                );
            }
            // Plans: most adopted before the history, a few during it, some still drafts, a
            // few cities without one.
            let plan = match i % 10 {
                7 if !signed_later => None,
                3 => Some(("draft", None)),
                6 => Some(("adopted", Some(self.start.date_naive() + Duration::days(120)))),
                _ if signed_later => Some(("draft", None)),
                _ => Some(("adopted", Some(signed.max(NaiveDate::from_ymd_opt(first_year - 1, 3, 1).expect("date"))))),
            };
            let mut made = Made {
                id: city.id,
                name: c.name,
                contacts,
                plan: None,
                actions: vec![],
                diligence: 0.55 + 0.45 * ((i * 7 % 10) as f64 / 10.0),
            };
            if let Some((status, adopted_on)) = plan {
                // A plan adopted during the history is created then; the others at the start.
                let created = match adopted_on {
                    Some(d) if d > self.start.date_naive() => d.and_hms_opt(10, 0, 0).expect("time").and_utc(),
                    _ => when,
                };
                let input = NewPlanInput {
                    framework: FRAMEWORK.into(),
                    title: format!("{} integration action plan {}–{}", c.name, first_year, first_year + 3),
                    period_start: format!("{first_year}-01-01"),
                    period_end: format!("{}-12-31", first_year + 3),
                    status: Some(if adopted_on.is_some_and(|d| d > created.date_naive()) {
                        "draft".into()
                    } else {
                        status.into()
                    }),
                    adopted_on: adopted_on.filter(|d| *d <= created.date_naive()).map(|d| d.to_string()),
                    document_url: (status == "adopted")
                        .then(|| format!("https://www.{slug}.example/integration-plan.pdf")),
                };
                let p = crate::plans::commands::create(
                    &mut conn,
                    &self.secretariat,
                    city.id,
                    &input,
                    created.date_naive(),
                    created,
                )?;
                self.summary.plans += 1;
                if status == "adopted" {
                    made.plan = Some(p.id);
                }
                made.actions = self.actions(&mut conn, p.id, i, created)?;
            }
            self.cities.push(made);
            self.summary.cities += 1;
        }
        Ok(())
    }

    /// A plan's actions: each city acts on most commitments of the four roles, and on some of
    /// "Delivering the Charter".
    fn actions(
        &mut self,
        conn: &mut DbConnection,
        plan: i64,
        i: usize,
        at: DateTime<Utc>,
    ) -> anyhow::Result<Vec<MadeAction>> {
        let codes = [
            "PM1", "PM2", "PM3", "SP1", "SP1", "SP2", "EM1", "EM2", "EM3", "BU1", "BU2", "BU3", "DC1", "DC2", "DC3",
            "DC4",
        ];
        let mut out = vec![];
        let year = at.year();
        for (k, code) in codes.iter().enumerate() {
            // Every city leaves a few commitments uncovered, each a different few.
            if (i + k * 3).is_multiple_of(7) || (code.starts_with("BU") && i.is_multiple_of(3)) {
                continue;
            }
            let pool = data::actions_for(code);
            let (title, department, description, areas) = pool[(i + k) % pool.len()];
            if out.iter().any(|a: &MadeAction| a.commitment == *code && title == pool[(i + k + 1) % pool.len()].0) {
                continue;
            }
            let roll: f64 = self.rng.gen();
            let (status, progress) = match roll {
                r if r < 0.22 => ("planned", 0),
                r if r < 0.65 => ("in_progress", self.rng.gen_range(2..8) * 10),
                r if r < 0.82 => ("completed", 100),
                r if r < 0.95 => ("delayed", self.rng.gen_range(1..5) * 10),
                _ => ("cancelled", self.rng.gen_range(0..3) * 10),
            };
            let start = NaiveDate::from_ymd_opt(year, self.rng.gen_range(1..=12), 1).expect("date");
            let due =
                NaiveDate::from_ymd_opt(year + self.rng.gen_range(0..3), self.rng.gen_range(1..=12), 28).expect("date");
            let partners: Vec<String> = (0..self.rng.gen_range(0..3))
                .map(|n| data::PARTNERS[(i + k + n) % data::PARTNERS.len()].to_string())
                .collect();
            let input = ActionInput {
                version: None,
                commitment: Some((*code).into()),
                title: Some(title.into()),
                description: Some(description.into()),
                department: Some(department.into()),
                partners: Some(partners),
                delivery: Some(
                    if code.starts_with("SP") && (i + k).is_multiple_of(4) { "advocacy" } else { "direct" }.into(),
                ),
                policy_areas: Some(areas.iter().map(|a| a.to_string()).collect()),
                start_date: Some(Some(start.to_string())),
                due_date: Some(Some(due.max(start).to_string())),
                status: Some(status.into()),
                progress: Some(progress),
                evidence: None,
            };
            let a = crate::actions::commands::create(conn, &self.secretariat, plan, &input, at)?;
            self.summary.actions += 1;
            out.push(MadeAction { id: a.id, commitment: code, progress, status });
        }
        Ok(out)
    }

    /// The previous year's values of the common indicators, with baselines and targets for
    /// some, reported through the API's command.
    fn indicator_values(&mut self) -> anyhow::Result<()> {
        let mut conn = self.conn()?;
        let year = self.start.year() - 1;
        let at = self.start + Duration::days(20);
        for (i, c) in self.cities.iter().enumerate() {
            if c.plan.is_none() || i % 5 == 4 {
                continue;
            }
            let f = (i % 9) as f64;
            let values: [(&str, f64, Option<f64>, Option<f64>); 6] = [
                ("EM1-A", 8.0 + f * 1.7, Some(6.0 + f), Some(15.0 + f)),
                ("EM3-A", 20.0 + f * 6.0, None, Some(80.0)),
                ("PM1-A", if i % 4 == 0 { 0.0 } else { 1.0 }, None, None),
                ("SP1-A", 120.0 + f * 85.0, Some(100.0 + f * 40.0), Some(400.0 + f * 50.0)),
                ("SP2-A", 35.0 + f * 5.0, None, Some(90.0)),
                ("BU1-A", 5.0 + f * 3.0, Some(2.0), Some(30.0)),
            ];
            for (code, value, baseline, target) in values.iter().take(3 + i % 4) {
                let input = NewIndicatorValueInput {
                    indicator: (*code).into(),
                    framework: None,
                    period_start: format!("{year}-01-01"),
                    period_end: format!("{year}-12-31"),
                    value: *value,
                    baseline: *baseline,
                    target: *target,
                    note: None,
                    source: Some(format!("{} statistics office", c.name)),
                };
                crate::indicators::commands::create_value(&mut conn, &self.secretariat, c.id, &input, at)?;
            }
        }
        Ok(())
    }

    /// Runs the scheduler once a day through the history, and has each city answer each
    /// round's check-in (or not) as its habits say. Publishes the report of the first full
    /// year on the tenth day after the scheduled compile.
    fn live_through_history(&mut self) -> anyhow::Result<()> {
        let mut plans: HashMap<(i64, i64), Plan> = HashMap::new();
        let mut published = false;
        let first = Utc
            .with_ymd_and_hms(self.start.year(), self.start.month(), self.start.day(), 5, 0, 0)
            .single()
            .context("the demo's first day")?;
        let mut day = first;
        while day <= self.now {
            let report = crate::scheduler::plan_due(self.pool, self.settings, self.templates, day)?;
            if report.opened_round.is_some() {
                self.summary.rounds += 1;
            }
            let mut conn = self.conn()?;
            for round in open_rounds(&mut conn)? {
                for ci in check_ins_store::for_round(&mut conn, self.settings, round.0, None)? {
                    let key = (round.0, ci.city_id);
                    if let std::collections::hash_map::Entry::Vacant(e) = plans.entry(key) {
                        let decided = self.decide(ci.city_id, round.1, ci.due_at.and_utc());
                        e.insert(decided);
                    }
                    match plans[&key] {
                        Plan::Submit(at) if at <= day && CheckInState::UNANSWERED.contains(&ci.state) => {
                            self.answer(&mut conn, ci.id, ci.city_id, ci.version, true, at.min(self.now))?;
                        }
                        Plan::DraftOnly(at) if at <= day && ci.state == CheckInState::Open => {
                            self.answer(&mut conn, ci.id, ci.city_id, ci.version, false, at.min(self.now))?;
                        }
                        _ => {}
                    }
                }
            }
            if !published && !report.reports_compiled.is_empty() {
                published = true;
                let id = report.reports_compiled[0];
                self.publish(&mut conn, id, day + Duration::days(10))?;
            }
            day += Duration::days(1);
        }
        Ok(())
    }

    /// How a city answers a round: most submit on time, some late, some never; the current
    /// round's stragglers are left with drafts.
    fn decide(&mut self, city_id: i64, opened: DateTime<Utc>, due: DateTime<Utc>) -> Plan {
        let Some(c) = self.cities.iter().find(|c| c.id == city_id) else { return Plan::Nothing };
        let roll: f64 = self.rng.gen();
        let span = (due - opened).num_days().max(2);
        if roll < c.diligence * 0.8 {
            Plan::Submit(
                opened + Duration::days(self.rng.gen_range(1..span)) + Duration::hours(self.rng.gen_range(8..17)),
            )
        } else if roll < c.diligence {
            Plan::Submit(due + Duration::days(self.rng.gen_range(2..20)) + Duration::hours(10))
        } else if roll < c.diligence + 0.1 || (roll < c.diligence + 0.3 && due + Duration::days(60) > self.now) {
            // The latest round still has stragglers with drafts: the secretariat has someone to chase.
            Plan::DraftOnly(opened + Duration::days(self.rng.gen_range(3..span)))
        } else {
            Plan::Nothing
        }
    }

    /// A city's answer through the link emailed to its first contact: progress on some actions,
    /// its view of the commitments it acts on, and now and then an indicator value.
    fn answer(
        &mut self,
        conn: &mut DbConnection,
        check_in: i64,
        city_id: i64,
        version: i32,
        submit: bool,
        at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let Some(ci) = self.cities.iter().position(|c| c.id == city_id) else { return Ok(()) };
        let Some(&contact) = self.cities[ci].contacts.first() else { return Ok(()) };
        let token = crate::check_ins::links::create(conn, check_in, Some(contact), at + Duration::days(60), at)?;
        let opened = check_ins_commands::open_by_link(conn, &token, at)?;
        let mut reports = vec![];
        let n = self.cities[ci].actions.len();
        for k in 0..n.min(self.rng.gen_range(2..6)) {
            let idx = (k * 3 + self.rng.gen_range(0..n.max(1))) % n.max(1);
            let a = &mut self.cities[ci].actions[idx];
            if reports.iter().any(|r: &ActionReport| r.action_id == a.id)
                || matches!(a.status, "completed" | "cancelled")
            {
                continue;
            }
            let step = [10, 10, 20, 30][k % 4];
            a.progress = (a.progress + step).min(100);
            a.status = if a.progress >= 100 { "completed" } else { "in_progress" };
            reports.push(ActionReport {
                action_id: a.id,
                status: Some(a.status.into()),
                progress: Some(a.progress),
                narrative: data::NARRATIVES[(idx + k) % data::NARRATIVES.len()].into(),
                evidence: vec![],
            });
        }
        let mut seen = vec![];
        let mut assessments = vec![];
        for a in &self.cities[ci].actions {
            if seen.contains(&a.commitment) || a.status == "cancelled" {
                continue;
            }
            seen.push(a.commitment);
            let level = match a.progress {
                0 => "not_started",
                p if p < 40 => "limited",
                p if p < 100 => "substantial",
                _ => "complete",
            };
            assessments.push(CommitmentAssessment {
                commitment: a.commitment.into(),
                level: level.into(),
                comment: String::new(),
            });
        }
        let indicators = if self.rng.gen_bool(0.3) {
            vec![IndicatorReport {
                indicator: "EM3-A".into(),
                value: self.rng.gen_range(20..90) as f64,
                baseline: None,
                target: None,
                note: String::new(),
            }]
        } else {
            vec![]
        };
        let content = CheckInContent { actions: reports, assessments, new_actions: vec![], indicators };
        if submit {
            check_ins_commands::submit(conn, self.settings, &opened, version, Some(&content), at)?;
            self.summary.check_ins_submitted += 1;
        } else {
            check_ins_commands::save_draft(conn, self.settings, &opened, version, &content, at)?;
        }
        Ok(())
    }

    /// Marks good practices in the compiled draft and publishes it.
    fn publish(&mut self, conn: &mut DbConnection, report: i64, at: DateTime<Utc>) -> anyhow::Result<()> {
        let at = at.min(self.now);
        let picks: Vec<i64> = self
            .cities
            .iter()
            .step_by(6)
            .filter_map(|c| c.actions.iter().find(|a| a.status == "completed" || a.progress >= 60).map(|a| a.id))
            .take(6)
            .collect();
        for action in picks {
            crate::reports::commands::mark_good_practice(
                conn,
                self.settings,
                &self.secretariat,
                crate::ids::ReportId(report),
                crate::ids::ActionId(action),
                at,
            )?;
        }
        let templates = crate::reports::render::Templates::load(&self.settings.reports.templates_dir)?;
        let p =
            crate::reports::commands::publish(conn, self.settings, &templates, &self.secretariat, report, None, at)?;
        self.summary.report_url = Some(p.url);
        Ok(())
    }

    /// A city editor (for the first city with an adopted plan and public page) and an observer.
    fn accounts(&mut self) -> anyhow::Result<()> {
        let mut conn = self.conn()?;
        let city = self.cities.iter().find(|c| c.plan.is_some()).context("a city with a plan")?;
        let (city_id, city_name) = (city.id, city.name);
        for (role, email, name, city) in [
            (Role::CityEditor, format!("officer@{}.example", host_name(city_name)), "Demo city officer", Some(city_id)),
            (Role::Observer, "observer@network.example".to_string(), "Demo observer", None),
        ] {
            let password = password(&mut self.rng);
            let id = crate::auth::store::add(&mut conn, &email, role, city, &password, self.now)?;
            crate::auth::store::update_details(&mut conn, id, 1, name, role, city)?;
            self.summary.accounts.push(Account { role, email, password, city: city.map(|_| city_name.to_string()) });
        }
        Ok(())
    }
}

/// Rounds not yet closed: (id, opened at).
fn open_rounds(conn: &mut DbConnection) -> QueryResult<Vec<(i64, DateTime<Utc>)>> {
    use crate::db::schema::rounds;
    let rows: Vec<(i64, chrono::NaiveDateTime)> =
        rounds::table.filter(rounds::closed_at.is_null()).select((rounds::id, rounds::opened_at)).load(conn)?;
    Ok(rows.into_iter().map(|(id, at)| (id, at.and_utc())).collect())
}

/// A memorable random password: four words and a number.
fn password(rng: &mut StdRng) -> String {
    const WORDS: &[&str] = &[
        "harbour", "lantern", "meadow", "orchard", "bridge", "compass", "river", "garden", "market", "library", "tram",
        "square",
    ];
    let w: Vec<&str> = (0..4).map(|_| WORDS[rng.gen_range(0..WORDS.len())]).collect();
    format!("{}-{}", w.join("-"), rng.gen_range(10..100))
}

/// A city's name as a host name: `Łódź` -> `lodz`.
fn host_name(name: &str) -> String {
    ascii(name).replace(' ', "-")
}

/// Lower-case ASCII letters of a name (for invented addresses).
fn ascii(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_host_names() {
        assert_eq!(host_name("Łódź"), "lodz");
        assert_eq!(host_name("Zürich"), "zurich");
        assert_eq!(host_name("de Vries"), "de-vries");
        assert_eq!(ascii("Hélène"), "helene");
    }

    #[test]
    fn every_commitment_has_actions_to_choose_from() {
        for code in
            ["PM1", "PM2", "PM3", "SP1", "SP2", "EM1", "EM2", "EM3", "BU1", "BU2", "BU3", "DC1", "DC2", "DC3", "DC4"]
        {
            assert!(!data::actions_for(code).is_empty(), "{code}");
        }
        assert!(data::CITIES.len() >= 40);
    }
}
