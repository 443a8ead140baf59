//! The scale benchmark's data and its two in-process measurements (issue 15), driven by
//! `scripts/bench-scale.sh`. Run it on its own too:
//!
//! ```sh
//! DATABASE_URL=sqlite://data/scale.db cargo bench --bench scale -- seed --cities 2000 --actions-per-city 50
//! DATABASE_URL=postgres://postgres@127.0.0.1/scale cargo bench --bench scale -- seed --cities 10000
//! DATABASE_URL=... cargo bench --bench scale -- tick --at 2027-01-01T00:00:30+01:00 --outbox-dir /tmp/mail
//! ```
//!
//! `seed` migrates the database named by `DATABASE_URL` (a new SQLite file or an empty
//! PostgreSQL database), loads the charters and indicators, and bulk-inserts with multi-row
//! INSERT statements (1,000 rows each, plain SQL, so every trigger on the tables fires): per
//! city a signature, `--contacts-per-city` contacts who receive reminders, an adopted plan with
//! `--actions-per-city` actions spread over every commitment, status and due date; the four
//! quarterly rounds of the last year as the default schedule opened them (the latest still open),
//! each with a check-in per city (submitted on time, late, missed, or still open in the latest),
//! `--updates-per-check-in` action updates and five self-assessments per submitted check-in;
//! and every common indicator's value per city and quarter. One city in ten has an action nobody
//! updated for a year (stale). It refuses a database that already holds cities.
//!
//! `tick` times one scheduler pass (`scheduler::plan_due`, the round opening at `--at`) and
//! counts what it queued, then times delivering the whole outbox as files into
//! `--outbox-dir` (`mail::worker::deliver_due`, the worker `serve` runs) and prints emails/s.
// Benchmarks stamp their seed data with real instants; time-from-the-clock is for the app.
#![allow(clippy::disallowed_methods)]

use charter_tracker::check_ins::rounds::round_times;
use charter_tracker::config::Settings;
use charter_tracker::db::schema::{
    action_updates, actions, check_ins, cities, commitments, contacts, frameworks, indicator_values, indicators,
    outbox, plans, rounds, self_assessments, signatures,
};
use charter_tracker::db::{self, DatabaseUrl, DbConnection};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use clap::{Parser, Subcommand};
use diesel::prelude::*;
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Seed a large network, or time a round opening and delivery on it (DATABASE_URL)")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Bulk-insert a network into an empty database.
    Seed {
        #[arg(long, default_value_t = 10_000)]
        cities: i64,
        #[arg(long, default_value_t = 50)]
        actions_per_city: i64,
        #[arg(long, default_value_t = 10)]
        updates_per_check_in: i64,
        #[arg(long, default_value_t = 2)]
        contacts_per_city: i64,
    },
    /// Time a scheduler pass at --at, then the delivery of everything it queued.
    Tick {
        /// RFC 3339 instant, e.g. 2027-01-01T00:00:30+01:00, or `next`: 30 s after the
        /// schedule's next firing.
        #[arg(long)]
        at: String,
        /// Where the delivered emails are written (one .eml each).
        #[arg(long)]
        outbox_dir: std::path::PathBuf,
    },
}

const STATUSES: [&str; 5] = ["planned", "in_progress", "completed", "delayed", "cancelled"];
const LEVELS: [&str; 4] = ["not_started", "limited", "substantial", "complete"];
const COUNTRIES: [&str; 20] = [
    "DE", "FR", "NL", "BE", "IT", "ES", "PT", "AT", "SE", "FI", "DK", "PL", "CZ", "IE", "GR", "NO", "CH", "HU", "RO",
    "SI",
];
const DEPARTMENTS: [&str; 6] =
    ["Social Affairs", "Education", "Housing Office", "Jobcentre", "Mayor's Office", "Health Department"];
/// Cities are inserted this many at a time, with everything that belongs to them.
const BLOCK: i64 = 250;

/// Inserts rows with multi-row statements of 1,000 rows, on the concrete backend.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(1000) {
            charter_tracker::on_backend!($conn, |c| diesel::insert_into($table).values(chunk).execute(c))?;
        }
    };
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` adds `--bench`; the subcommands do not take it.
    let args = Args::parse_from(std::env::args().filter(|a| a != "--bench"));
    let url = std::env::var("DATABASE_URL").map_err(|_| anyhow::anyhow!("set DATABASE_URL"))?;
    let url = DatabaseUrl::parse(&url).map_err(|e| anyhow::anyhow!("DATABASE_URL {e}"))?;
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::load_from(dir.path(), &Default::default())?;
    match args.command {
        Command::Seed { cities, actions_per_city, updates_per_check_in, contacts_per_city } => {
            let pool = db::connect_and_migrate(&url, 2)?;
            let mut conn = pool.get()?;
            let now = Utc::now();
            charter_tracker::charter::loader::sync(
                &mut conn,
                &charter_tracker::charter::loader::read_files(&settings.charters.dir)?,
                now,
            )?;
            charter_tracker::indicators::loader::sync(
                &mut conn,
                &charter_tracker::indicators::loader::read_files(&settings.charters.dir)?,
                now,
            )?;
            let shape = Shape {
                cities,
                actions: actions_per_city.max(1),
                updates: updates_per_check_in.clamp(0, actions_per_city),
                contacts: contacts_per_city.max(0),
            };
            let started = Instant::now();
            let counts = seed(&mut conn, &settings, &shape, now)?;
            println!("seeded in {:.1} s: {counts}", started.elapsed().as_secs_f64());
        }
        Command::Tick { at, outbox_dir } => {
            let at: DateTime<Utc> = if at == "next" {
                settings
                    .schedule()?
                    .next_after(Utc::now())
                    .ok_or_else(|| anyhow::anyhow!("the schedule never fires"))?
                    + Duration::seconds(30)
            } else {
                DateTime::parse_from_rfc3339(&at)?.with_timezone(&Utc)
            };
            settings.mail.outbox_dir = outbox_dir.clone();
            std::fs::create_dir_all(&outbox_dir)?;
            let pool = db::connect_and_migrate(&url, 4)?;
            let templates = charter_tracker::mail::templates::EmailTemplates::load(None)?;
            let mut conn = pool.get()?;
            let before: i64 = outbox::table.count().get_result(&mut conn)?;
            let started = Instant::now();
            let r = charter_tracker::scheduler::plan_due(&pool, &settings, &templates, at)?;
            let planned = started.elapsed().as_secs_f64();
            let queued: i64 = outbox::table.filter(outbox::status.eq("queued")).count().get_result(&mut conn)?;
            let added = outbox::table.count().get_result::<i64>(&mut conn)? - before;
            let checked: i64 = match r.opened_round {
                Some(id) => check_ins::table.filter(check_ins::round_id.eq(id)).count().get_result(&mut conn)?,
                None => 0,
            };
            println!(
                "tick: {planned:.2} s; round opened: {}; check-ins: {checked}; emails queued by the pass: {added}; reminders: {}",
                r.opened_round.map_or("none".to_string(), |id| id.to_string()),
                r.reminders_queued
            );
            let transport = charter_tracker::mail::transport::Transport::from_settings(&settings.mail)?;
            let started = Instant::now();
            let mut sent = 0usize;
            loop {
                let d = charter_tracker::mail::worker::deliver_due(&pool, &transport, &settings.mail, at)?;
                sent += d.sent;
                if d.sent + d.retried + d.failed + d.deferred == 0 {
                    break;
                }
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "delivery: {sent} of {queued} queued emails in {secs:.2} s = {:.0} emails/s",
                sent as f64 / secs.max(1e-9)
            );
        }
    }
    Ok(())
}

struct Shape {
    cities: i64,
    actions: i64,
    updates: i64,
    contacts: i64,
}

/// One round as seeded: its id, times, and whether it is the latest (maybe still open).
struct SeedRound {
    id: i64,
    period_start: NaiveDate,
    period_end: NaiveDate,
    opened_at: NaiveDateTime,
    due_at: NaiveDateTime,
    closes_at: NaiveDateTime,
    latest: bool,
}

fn next_id(conn: &mut DbConnection, table: &str) -> anyhow::Result<i64> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let r: N = diesel::sql_query(format!("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM {table}")).get_result(conn)?;
    Ok(r.n)
}

fn seed(conn: &mut DbConnection, settings: &Settings, shape: &Shape, now: DateTime<Utc>) -> anyhow::Result<String> {
    let existing: i64 = cities::table.count().get_result(conn)?;
    anyhow::ensure!(existing == 0, "the database already holds {existing} cities; seed an empty one");
    let fw: i64 = frameworks::table
        .filter(frameworks::code.eq("eurocities-integrating-cities"))
        .select(frameworks::id)
        .first(conn)?;
    let commitment_ids: Vec<i64> = commitments::table
        .filter(commitments::framework_id.eq(fw).and(commitments::retired.eq(false)))
        .order(commitments::position)
        .select(commitments::id)
        .load(conn)?;
    let indicator_ids: Vec<(i64, String)> = indicators::table
        .filter(indicators::framework_id.eq(fw))
        .order(indicators::position)
        .select((indicators::id, indicators::unit))
        .load(conn)?;

    // The four latest firings of the default schedule, as the scheduler would have opened them.
    let schedule = settings.schedule()?;
    let mut firings = vec![];
    let mut t = now;
    while firings.len() < 4 {
        let f = schedule.latest_at_or_before(t).ok_or_else(|| anyhow::anyhow!("the schedule never fired"))?;
        firings.push(f);
        t = f - Duration::seconds(1);
    }
    firings.reverse();
    let round_base = next_id(conn, "rounds")?;
    let seeded_rounds: Vec<SeedRound> = firings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let rt = round_times(&schedule, *f, settings.check_ins.due_days);
            SeedRound {
                id: round_base + i as i64,
                period_start: rt.period_start,
                period_end: rt.period_end,
                opened_at: rt.opened_at.naive_utc(),
                due_at: rt.due_at.naive_utc(),
                closes_at: rt.closes_at.naive_utc(),
                latest: i == 3,
            }
        })
        .collect();
    let now_n = now.naive_utc();
    let year_ago = seeded_rounds[0].opened_at - Duration::days(90);
    charter_tracker::db::transaction(&mut *conn, |c| -> anyhow::Result<()> {
        let rows: Vec<_> = seeded_rounds
            .iter()
            .map(|r| {
                let label = format!("{} to {}", r.period_start, r.period_end);
                (
                    rounds::id.eq(r.id),
                    rounds::opened_at.eq(r.opened_at),
                    rounds::period_start.eq(r.period_start),
                    rounds::period_end.eq(r.period_end),
                    rounds::label.eq(label),
                    rounds::due_at.eq(r.due_at),
                    rounds::closes_at.eq(r.closes_at),
                    rounds::closed_at.eq((r.closes_at <= now_n).then_some(r.closes_at)),
                    rounds::created_at.eq(r.opened_at),
                )
            })
            .collect();
        insert_all!(c, rounds::table, rows);
        Ok(())
    })?;

    let bases = Bases {
        city: next_id(conn, "cities")?,
        contact: next_id(conn, "contacts")?,
        plan: next_id(conn, "plans")?,
        action: next_id(conn, "actions")?,
        check_in: next_id(conn, "check_ins")?,
    };
    let mut done = 0;
    let mut last_print = Instant::now();
    while done < shape.cities {
        let n = BLOCK.min(shape.cities - done);
        let ctx = Ctx {
            fw,
            commitments: &commitment_ids,
            indicators: &indicator_ids,
            rounds: &seeded_rounds,
            shape,
            bases: &bases,
            now: now_n,
            year_ago,
        };
        charter_tracker::db::transaction(&mut *conn, |c| seed_block(c, &ctx, done, n))?;
        done += n;
        if last_print.elapsed().as_secs() >= 10 {
            eprintln!("  {done} of {} cities", shape.cities);
            last_print = Instant::now();
        }
    }
    if let DbConnection::Pg(pg) = conn {
        use diesel::connection::SimpleConnection;
        for t in [
            "cities",
            "contacts",
            "plans",
            "actions",
            "rounds",
            "check_ins",
            "action_updates",
            "self_assessments",
            "indicator_values",
        ] {
            pg.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {t}), 1)); ANALYZE {t};"
            ))?;
        }
    }
    let count = |c: &mut DbConnection, t: &str| -> anyhow::Result<i64> {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        Ok(diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {t}")).get_result::<N>(c)?.n)
    };
    let mut parts = vec![];
    for t in [
        "cities",
        "contacts",
        "plans",
        "actions",
        "rounds",
        "check_ins",
        "action_updates",
        "self_assessments",
        "indicator_values",
    ] {
        parts.push(format!("{} {t}", count(conn, t)?));
    }
    Ok(parts.join(", "))
}

/// The first id of each table's seeded rows (ids are given, so no read-back is needed).
struct Bases {
    city: i64,
    contact: i64,
    plan: i64,
    action: i64,
    check_in: i64,
}

struct Ctx<'a> {
    fw: i64,
    commitments: &'a [i64],
    indicators: &'a [(i64, String)],
    rounds: &'a [SeedRound],
    shape: &'a Shape,
    bases: &'a Bases,
    now: NaiveDateTime,
    year_ago: NaiveDateTime,
}

/// What city `i` (0-based) did in round `r`: submitted (and when) or not.
fn submission(i: i64, r: &SeedRound, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let open = r.latest && r.closes_at > now;
    let k = i % 10;
    match k {
        // Nine in ten answer in a closed round; in the open one, as many as the time allows.
        9 => None,
        8 if open => None,
        7 if open && now < r.due_at => None,
        // One in ten is late.
        0 => Some(r.due_at + Duration::days(3)).filter(|t| *t < now),
        _ => Some(r.opened_at + Duration::days(5 + k)).filter(|t| *t < now),
    }
}

fn seed_block(c: &mut DbConnection, x: &Ctx<'_>, first: i64, n: i64) -> anyhow::Result<()> {
    let s = x.shape;
    let t0 = x.year_ago;
    let idx = first..first + n;
    let city_id = |i: i64| x.bases.city + i;
    let rows: Vec<_> = idx
        .clone()
        .map(|i| {
            (
                cities::id.eq(city_id(i)),
                cities::name.eq(format!("City {:05}", i + 1)),
                cities::country.eq(COUNTRIES[(i % 20) as usize]),
                cities::is_public.eq(i % 2 == 0),
                cities::version.eq(1),
                cities::created_at.eq(t0),
                cities::updated_at.eq(t0),
            )
        })
        .collect();
    insert_all!(c, cities::table, rows);
    let rows: Vec<_> = idx
        .clone()
        .map(|i| {
            (
                signatures::city_id.eq(city_id(i)),
                signatures::framework_id.eq(x.fw),
                signatures::signed_on.eq(NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + Duration::days(i % 5000)),
            )
        })
        .collect();
    insert_all!(c, signatures::table, rows);
    let rows: Vec<_> = idx
        .clone()
        .flat_map(|i| {
            (0..s.contacts).map(move |k| {
                (
                    contacts::id.eq(x.bases.contact + i * s.contacts + k),
                    contacts::city_id.eq(city_id(i)),
                    contacts::name.eq(format!("Contact {k} of city {}", i + 1)),
                    contacts::email.eq(format!("c{k}@city{}.example", i + 1)),
                    contacts::language.eq(if k % 2 == 0 { "en" } else { "fr" }),
                    contacts::office_role.eq("Integration officer"),
                    contacts::receives_reminders.eq(true),
                    contacts::version.eq(1),
                    contacts::created_at.eq(t0),
                    contacts::updated_at.eq(t0),
                )
            })
        })
        .collect();
    insert_all!(c, contacts::table, rows);
    let plan_id = |i: i64| x.bases.plan + i;
    let rows: Vec<_> = idx
        .clone()
        .map(|i| {
            (
                plans::id.eq(plan_id(i)),
                plans::city_id.eq(city_id(i)),
                plans::framework_id.eq(x.fw),
                plans::title.eq("Action plan for integrating cities"),
                plans::period_start.eq(t0.date()),
                plans::period_end.eq(t0.date() + Duration::days(3 * 365)),
                plans::status.eq("adopted"),
                plans::adopted_on.eq(Some(t0.date())),
                plans::version.eq(1),
                plans::created_at.eq(t0),
                plans::updated_at.eq(t0),
            )
        })
        .collect();
    insert_all!(c, plans::table, rows);
    let last_update =
        x.rounds.iter().rev().find(|r| r.opened_at < x.now).map_or(t0, |r| r.opened_at) + Duration::days(5);
    let last_update = last_update.min(x.now);
    let action_id = |i: i64, j: i64| x.bases.action + i * s.actions + j;
    let rows: Vec<_> = idx
        .clone()
        .flat_map(|i| {
            (0..s.actions).map(move |j| {
                let status = STATUSES[((i + j) % 5) as usize];
                let stale = i % 10 == 0 && j == 0;
                (
                    (
                        actions::id.eq(action_id(i, j)),
                        actions::plan_id.eq(plan_id(i)),
                        actions::commitment_id.eq(x.commitments[(j as usize) % x.commitments.len()]),
                        actions::title.eq(format!("Action {} of city {}", j + 1, i + 1)),
                        actions::description.eq("What the city does, for whom, with whom, and how it knows it works."),
                        actions::department.eq(DEPARTMENTS[((i + j) % 6) as usize]),
                        actions::delivery.eq(if j % 4 == 0 { "advocacy" } else { "direct" }),
                    ),
                    (
                        actions::start_date.eq(Some(t0.date())),
                        actions::due_date.eq(Some(t0.date() + Duration::days(60 + (j * 37 + i) % 900))),
                        actions::status.eq(if stale { "in_progress" } else { status }),
                        actions::progress.eq(((j * 7 + i) % 101) as i32),
                        actions::version.eq(1),
                        actions::created_at.eq(t0),
                        actions::updated_at.eq(if stale { t0 } else { last_update }),
                    ),
                )
            })
        })
        .collect();
    insert_all!(c, actions::table, rows);
    let check_in_id = |r: usize, i: i64| x.bases.check_in + (r as i64) * s.cities + i;
    let rows: Vec<_> = x
        .rounds
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| {
            idx.clone().map(move |i| {
                let submitted = submission(i, r, x.now);
                let closed = r.closes_at <= x.now;
                let state = match submitted {
                    Some(_) if i % 3 == 0 => "accepted",
                    Some(_) => "submitted",
                    None if closed => "missed",
                    None if i % 2 == 0 => "draft",
                    None => "open",
                };
                (
                    check_ins::id.eq(check_in_id(ri, i)),
                    check_ins::round_id.eq(r.id),
                    check_ins::city_id.eq(city_id(i)),
                    check_ins::state.eq(state),
                    check_ins::due_at.eq(r.due_at),
                    check_ins::submitted_at.eq(submitted),
                    check_ins::submitted_by.eq(submitted.map(|_| format!("c0@city{}.example", i + 1))),
                    check_ins::version.eq(if submitted.is_some() { 2 } else { 1 }),
                    check_ins::created_at.eq(r.opened_at),
                    check_ins::updated_at.eq(submitted.unwrap_or(r.opened_at)),
                )
            })
        })
        .collect();
    insert_all!(c, check_ins::table, rows);
    let submitted: Vec<(usize, i64, NaiveDateTime)> = x
        .rounds
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| idx.clone().filter_map(move |i| submission(i, r, x.now).map(|t| (ri, i, t))))
        .collect();
    let rows: Vec<_> = submitted
        .iter()
        .flat_map(|(ri, i, at)| {
            (0..s.updates).map(move |k| {
                let j = (k + (*ri as i64) * s.updates) % s.actions;
                (
                    action_updates::check_in_id.eq(check_in_id(*ri, *i)),
                    action_updates::action_id.eq(action_id(*i, j)),
                    action_updates::status.eq(STATUSES[((i + j + *ri as i64) % 4) as usize]),
                    action_updates::progress.eq(((j * 11 + *ri as i64 * 20) % 101) as i32),
                    action_updates::narrative.eq(if k % 3 == 0 {
                        "What happened this quarter, in a sentence or two."
                    } else {
                        ""
                    }),
                    action_updates::evidence.eq("[]"),
                    action_updates::created_at.eq(*at),
                )
            })
        })
        .collect();
    insert_all!(c, action_updates::table, rows);
    let rows: Vec<_> = submitted
        .iter()
        .flat_map(|(ri, i, at)| {
            (0..5usize).map(move |k| {
                let cm = x.commitments[(k + ri * 5 + *i as usize) % x.commitments.len()];
                (
                    self_assessments::check_in_id.eq(check_in_id(*ri, *i)),
                    self_assessments::commitment_id.eq(cm),
                    self_assessments::level.eq(LEVELS[(k + *ri + *i as usize) % 4]),
                    self_assessments::comment.eq(""),
                    self_assessments::created_at.eq(*at),
                )
            })
        })
        .collect();
    insert_all!(c, self_assessments::table, rows);
    let rows: Vec<_> = x
        .rounds
        .iter()
        .filter(|r| r.opened_at < x.now)
        .flat_map(|r| {
            idx.clone().flat_map(move |i| {
                x.indicators.iter().map(move |(ind, unit)| {
                    let v = match unit.as_str() {
                        "yes_no" => (i % 2) as f64,
                        "percent" => (i % 97) as f64 + 0.5,
                        _ => (i * 13 % 1000) as f64,
                    };
                    (
                        indicator_values::indicator_id.eq(*ind),
                        indicator_values::city_id.eq(city_id(i)),
                        indicator_values::period_start.eq(r.period_start),
                        indicator_values::period_end.eq(r.period_end),
                        indicator_values::value.eq(v),
                        indicator_values::baseline.eq(Some(v / 2.0)),
                        indicator_values::target.eq(if unit == "yes_no" { None } else { Some(v + 10.0) }),
                        indicator_values::version.eq(1),
                        indicator_values::created_at.eq(r.opened_at),
                        indicator_values::updated_at.eq(r.opened_at),
                    )
                })
            })
        })
        .collect();
    insert_all!(c, indicator_values::table, rows);
    Ok(())
}
