//! Compiling the outcomes report for a large network: 200 cities x 60 actions, 8 quarterly
//! check-in rounds with every action reported in each (96,000 action updates), a
//! self-assessment of every commitment per check-in (24,000), and the 10 common indicators
//! reported every quarter (16,000 values); the report covers the two years of those rounds.
//!
//! Prints the compile's wall time (figures only, and with the draft stored), the peak memory of
//! the compile alone (the kernel's high-water mark is reset after seeding by writing 5 to
//! /proc/self/clear_refs), and, as the baseline measured in the same run, the same aggregates
//! as raw SQL (the database doing the grouping, no Rust objects) with the ratio.
//! Targets: under 1 s, under 200 MB, within 3x the raw SQL.
//!
//! `cargo bench --bench report_compile`; CITIES (default 200); BENCH_DATABASE_URL=postgres://...
//! for PostgreSQL (a fresh database is created and dropped).
// Benchmarks stamp their seed data with real instants; time-from-the-clock is for the app.
#![allow(clippy::disallowed_methods)]

mod common;
use charter_tracker::config::Settings;
use charter_tracker::db::schema::{
    action_updates, actions, check_ins, cities, commitments, frameworks, indicator_values, indicators, plans, rounds,
    self_assessments, signatures,
};
use charter_tracker::db::{self, DbConnection};
use charter_tracker::reports::compile;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use common::database;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use std::time::Instant;

const ACTIONS: usize = 60;
const ROUNDS: usize = 8;
const STATUSES: [&str; 5] = ["planned", "in_progress", "completed", "delayed", "cancelled"];
const LEVELS: [&str; 4] = ["not_started", "limited", "substantial", "complete"];

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ts(s: &str) -> NaiveDateTime {
    format!("{s}T00:00:00").parse().unwrap()
}

/// Inserts rows in chunks with multi-row statements, on the concrete backend.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks(1000) {
            charter_tracker::on_backend!($conn, |c| diesel::insert_into($table).values(chunk).execute(c))?;
        }
    };
}

fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn seed(conn: &mut DbConnection, n: usize) -> anyhow::Result<i64> {
    let fw: i64 = frameworks::table
        .filter(frameworks::code.eq("eurocities-integrating-cities"))
        .select(frameworks::id)
        .first(conn)?;
    let commitment_ids: Vec<i64> = commitments::table
        .filter(commitments::framework_id.eq(fw))
        .order(commitments::position)
        .select(commitments::id)
        .load(conn)?;
    let indicator_ids: Vec<(i64, String)> = indicators::table
        .filter(indicators::framework_id.eq(fw))
        .order(indicators::position)
        .select((indicators::id, indicators::unit))
        .load(conn)?;
    let t0 = ts("2024-06-01");
    charter_tracker::db::transaction(&mut *conn, |c| -> anyhow::Result<()> {
        let rows: Vec<_> = (0..n)
            .map(|i| {
                (
                    cities::name.eq(format!("City {i:03}")),
                    cities::country.eq("DE"),
                    cities::is_public.eq(true),
                    cities::version.eq(1),
                    cities::created_at.eq(t0),
                    cities::updated_at.eq(t0),
                )
            })
            .collect();
        insert_all!(c, cities::table, rows);
        let city_ids: Vec<i64> = cities::table.order(cities::id).select(cities::id).load(c)?;
        let rows: Vec<_> = city_ids
            .iter()
            .map(|id| {
                (
                    signatures::city_id.eq(*id),
                    signatures::framework_id.eq(fw),
                    signatures::signed_on.eq(d("2015-01-01")),
                )
            })
            .collect();
        insert_all!(c, signatures::table, rows);
        let rows: Vec<_> = city_ids
            .iter()
            .map(|id| {
                (
                    plans::city_id.eq(*id),
                    plans::framework_id.eq(fw),
                    plans::title.eq("Plan"),
                    plans::period_start.eq(d("2024-01-01")),
                    plans::period_end.eq(d("2027-12-31")),
                    plans::status.eq("adopted"),
                    plans::adopted_on.eq(Some(d("2024-06-01"))),
                    plans::version.eq(1),
                    plans::created_at.eq(t0),
                    plans::updated_at.eq(t0),
                )
            })
            .collect();
        insert_all!(c, plans::table, rows);
        let plan_ids: Vec<(i64, i64)> = plans::table.order(plans::id).select((plans::id, plans::city_id)).load(c)?;
        let rows: Vec<_> = plan_ids
            .iter()
            .flat_map(|(plan, _)| {
                let commitment_ids = &commitment_ids;
                (0..ACTIONS).map(move |j| {
                    (
                        actions::plan_id.eq(*plan),
                        actions::commitment_id.eq(commitment_ids[j % commitment_ids.len()]),
                        actions::title.eq(format!("Action {j}")),
                        actions::description.eq("A description of what the city does."),
                        actions::delivery.eq("direct"),
                        actions::status.eq(STATUSES[(j + *plan as usize) % 5]),
                        actions::progress.eq(((j * 7 + *plan as usize) % 101) as i32),
                        actions::version.eq(1),
                        actions::created_at.eq(ts("2024-07-01")),
                        actions::updated_at.eq(ts("2024-07-01")),
                    )
                })
            })
            .collect();
        insert_all!(c, actions::table, rows);
        // Eight quarterly rounds, 2025 Q1 to 2026 Q4; the last is still open.
        let quarters: Vec<(NaiveDate, NaiveDate)> = (0..ROUNDS)
            .map(|q| {
                let start = NaiveDate::from_ymd_opt(2025 + (q / 4) as i32, (q % 4 * 3 + 1) as u32, 1).unwrap();
                let next =
                    NaiveDate::from_ymd_opt(2025 + ((q + 1) / 4) as i32, ((q + 1) % 4 * 3 + 1) as u32, 1).unwrap();
                (start, next - Duration::days(1))
            })
            .collect();
        let rows: Vec<_> = quarters
            .iter()
            .enumerate()
            .map(|(q, (s, e))| {
                let opened = (*e + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap();
                (
                    rounds::opened_at.eq(opened),
                    rounds::period_start.eq(*s),
                    rounds::period_end.eq(*e),
                    rounds::label.eq(format!("Q{} {}", q % 4 + 1, s.format("%Y"))),
                    rounds::due_at.eq(opened + Duration::days(30)),
                    rounds::closes_at.eq(opened + Duration::days(91)),
                    rounds::closed_at.eq((q + 1 < ROUNDS).then_some(opened + Duration::days(91))),
                    rounds::created_at.eq(opened),
                )
            })
            .collect();
        insert_all!(c, rounds::table, rows);
        let round_rows: Vec<(i64, NaiveDateTime)> =
            rounds::table.order(rounds::id).select((rounds::id, rounds::due_at)).load(c)?;
        let rows: Vec<_> = round_rows
            .iter()
            .flat_map(|(round, due)| {
                city_ids.iter().map(move |city| {
                    // Every fifth city is late.
                    let submitted = if city % 5 == 0 { *due + Duration::days(3) } else { *due - Duration::days(3) };
                    (
                        check_ins::round_id.eq(*round),
                        check_ins::city_id.eq(*city),
                        check_ins::state.eq("submitted"),
                        check_ins::due_at.eq(*due),
                        check_ins::submitted_at.eq(Some(submitted)),
                        check_ins::submitted_by.eq(Some("bench")),
                        check_ins::version.eq(2),
                        check_ins::created_at.eq(*due),
                        check_ins::updated_at.eq(*due),
                    )
                })
            })
            .collect();
        insert_all!(c, check_ins::table, rows);
        let check_in_rows: Vec<(i64, i64)> =
            check_ins::table.order(check_ins::id).select((check_ins::id, check_ins::city_id)).load(c)?;
        let actions_by_city: std::collections::HashMap<i64, Vec<i64>> = {
            let all: Vec<(i64, i64)> =
                actions::table.inner_join(plans::table).select((actions::id, plans::city_id)).load(c)?;
            let mut m: std::collections::HashMap<i64, Vec<i64>> = Default::default();
            for (a, city) in all {
                m.entry(city).or_default().push(a);
            }
            m
        };
        let rows: Vec<_> = check_in_rows
            .iter()
            .flat_map(|(ci, city)| {
                actions_by_city[city].iter().enumerate().map(move |(j, a)| {
                    (
                        action_updates::check_in_id.eq(*ci),
                        action_updates::action_id.eq(*a),
                        action_updates::status.eq(STATUSES[j % 5]),
                        action_updates::progress.eq((j % 101) as i32),
                        action_updates::narrative.eq(if j % 3 == 0 {
                            "What happened this quarter, in a sentence or two."
                        } else {
                            ""
                        }),
                        action_updates::evidence.eq("[]"),
                        action_updates::created_at.eq(ts("2025-04-15")),
                    )
                })
            })
            .collect();
        insert_all!(c, action_updates::table, rows);
        let rows: Vec<_> = check_in_rows
            .iter()
            .flat_map(|(ci, _)| {
                commitment_ids.iter().enumerate().map(move |(k, cm)| {
                    (
                        self_assessments::check_in_id.eq(*ci),
                        self_assessments::commitment_id.eq(*cm),
                        self_assessments::level.eq(LEVELS[(k + *ci as usize) % 4]),
                        self_assessments::comment.eq(""),
                        self_assessments::created_at.eq(ts("2025-04-15")),
                    )
                })
            })
            .collect();
        insert_all!(c, self_assessments::table, rows);
        let rows: Vec<_> = quarters
            .iter()
            .flat_map(|(s, e)| {
                let indicator_ids = &indicator_ids;
                city_ids.iter().flat_map(move |city| {
                    indicator_ids.iter().map(move |(ind, unit)| {
                        let v = match unit.as_str() {
                            "yes_no" => (city % 2) as f64,
                            "percent" => (city % 97) as f64 + 0.5,
                            _ => (city * 13 % 1000) as f64,
                        };
                        (
                            indicator_values::indicator_id.eq(*ind),
                            indicator_values::city_id.eq(*city),
                            indicator_values::period_start.eq(*s),
                            indicator_values::period_end.eq(*e),
                            indicator_values::value.eq(v),
                            indicator_values::baseline.eq(Some(v / 2.0)),
                            indicator_values::target.eq(if unit == "yes_no" { None } else { Some(v + 10.0) }),
                            indicator_values::note.eq(""),
                            indicator_values::source.eq(""),
                            indicator_values::version.eq(1),
                            indicator_values::created_at.eq(t0),
                            indicator_values::updated_at.eq(t0),
                        )
                    })
                })
            })
            .collect();
        insert_all!(c, indicator_values::table, rows);
        Ok(())
    })?;
    Ok(fw)
}

/// The compile's queries as raw SQL: the same grouping, joins and filters, rows left in the
/// database driver (no Rust objects).
fn raw_sql(conn: &mut DbConnection, fw: i64, from: &str, to: &str, end: &str) -> anyhow::Result<()> {
    let actions = format!("FROM actions a JOIN plans p ON p.id = a.plan_id WHERE p.framework_id = {fw} AND p.created_at < '{end}' AND a.created_at < '{end}'");
    let in_rounds = format!("r.period_start >= '{from}' AND r.period_end <= '{to}'");
    let queries = [
        format!("SELECT city_id, signed_on FROM signatures WHERE framework_id = {fw}"),
        format!("SELECT city_id, title, status, adopted_on, created_at FROM plans WHERE framework_id = {fw} AND created_at < '{end}' ORDER BY id"),
        "SELECT id, name, country FROM cities".to_string(),
        format!("SELECT a.commitment_id, a.status, COUNT(*), SUM(a.progress) {actions} GROUP BY a.commitment_id, a.status"),
        format!("SELECT p.city_id, a.status, COUNT(*), SUM(a.progress) {actions} GROUP BY p.city_id, a.status"),
        format!("SELECT DISTINCT a.commitment_id, p.city_id {actions} AND a.status <> 'cancelled'"),
        format!("SELECT label FROM rounds r WHERE {in_rounds} ORDER BY period_start, opened_at"),
        format!(
            "SELECT a.commitment_id, p.city_id, COUNT(*) FROM action_updates u JOIN check_ins c ON c.id = u.check_in_id JOIN rounds r ON r.id = c.round_id \
             JOIN actions a ON a.id = u.action_id JOIN plans p ON p.id = a.plan_id WHERE p.framework_id = {fw} AND a.created_at < '{end}' AND {in_rounds} GROUP BY a.commitment_id, p.city_id"
        ),
        format!(
            "SELECT c.city_id, s.commitment_id, s.level FROM self_assessments s JOIN check_ins c ON c.id = s.check_in_id JOIN rounds r ON r.id = c.round_id \
             JOIN commitments m ON m.id = s.commitment_id WHERE m.framework_id = {fw} AND {in_rounds} ORDER BY c.city_id, s.commitment_id, r.period_end, r.opened_at"
        ),
        format!("SELECT c.city_id, c.due_at, c.submitted_at, c.state, r.closed_at FROM check_ins c JOIN rounds r ON r.id = c.round_id WHERE {in_rounds}"),
        format!(
            "SELECT v.indicator_id, v.city_id, v.period_end, v.value, v.baseline, v.target FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id \
             WHERE i.framework_id = {fw} AND v.period_start >= '{from}' AND v.period_end <= '{to}' ORDER BY v.indicator_id, v.city_id, v.period_end, v.period_start DESC, v.id"
        ),
    ];
    for q in queries {
        conn.batch_execute(&q)?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let n: usize = std::env::var("CITIES").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir()?;
    let (url, cleanup) = database(dir.path())?;
    let settings = Settings::load_from(dir.path(), &Default::default())?;
    let pool = db::connect_and_migrate(&url, 2)?;
    let mut conn = pool.get()?;
    charter_tracker::charter::loader::sync(
        &mut conn,
        &charter_tracker::charter::loader::read_files(&settings.charters.dir)?,
        chrono::Utc::now(),
    )?;
    charter_tracker::indicators::loader::sync(
        &mut conn,
        &charter_tracker::indicators::loader::read_files(&settings.charters.dir)?,
        chrono::Utc::now(),
    )?;
    let seeding = Instant::now();
    let fw = seed(&mut conn, n)?;
    let count = |c: &mut DbConnection, t: &str| -> anyhow::Result<i64> {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let q = format!("SELECT COUNT(*) AS n FROM {t}");
        Ok(charter_tracker::on_backend!(c, |b| diesel::sql_query(&q).get_result::<N>(b))?.n)
    };
    println!(
        "report compile benchmark, database {}: {} cities, {} actions, {} check-ins, {} action updates, {} self-assessments, {} indicator values (seeded in {:.1} s)",
        url.redacted(),
        count(&mut conn, "cities")?,
        count(&mut conn, "actions")?,
        count(&mut conn, "check_ins")?,
        count(&mut conn, "action_updates")?,
        count(&mut conn, "self_assessments")?,
        count(&mut conn, "indicator_values")?,
        seeding.elapsed().as_secs_f64()
    );
    if let DbConnection::Pg(_) = &mut *conn {
        conn.batch_execute("ANALYZE")?;
    }
    let framework = charter_tracker::charter::store::by_id(&mut conn, fw)?;
    let (from, to) = (d("2025-01-01"), d("2026-12-31"));
    let now = chrono::Utc::now();

    // Memory: reset the high-water mark, so VmHWM is the peak of what follows.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let rss_before = status_kb("VmRSS:");
    let request = compile::Request {
        framework: &framework,
        from,
        to,
        now,
        network: "EUROCITIES",
        threshold: 5,
        good_practices: &[],
        previous: None,
        previous_version: None,
    };
    let start = Instant::now();
    let data = compile::compile(&mut conn, &request)?;
    let first_ms = start.elapsed().as_secs_f64() * 1000.0;
    let peak_kb = status_kb("VmHWM:");
    let json_len = serde_json::to_string(&data)?.len();
    drop(data);

    let mut compile_ms = vec![first_ms];
    for _ in 0..2 {
        let start = Instant::now();
        compile::compile(&mut conn, &request)?;
        compile_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let mut raw_ms = vec![];
    for _ in 0..3 {
        let start = Instant::now();
        raw_sql(&mut conn, fw, "2025-01-01", "2026-12-31", "2027-01-01 00:00:00")?;
        raw_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let start = Instant::now();
    let stored = charter_tracker::reports::store::compile(
        &mut conn,
        &settings,
        "eurocities-integrating-cities",
        from,
        to,
        "bench",
        now,
    )
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let stored_ms = start.elapsed().as_secs_f64() * 1000.0;
    let templates = charter_tracker::reports::render::Templates::load(std::path::Path::new("templates/reports"))?;
    let start = Instant::now();
    let published =
        charter_tracker::reports::store::publish(&mut conn, &settings, &templates, stored.draft_id, None, "bench", now)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let publish_ms = start.elapsed().as_secs_f64() * 1000.0;

    let best = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
    let (compile_best, raw_best) = (best(&compile_ms), best(&raw_ms));
    println!(
        "compile (figures only), 3 runs:       {}",
        compile_ms.iter().map(|m| format!("{m:.0} ms")).collect::<Vec<_>>().join(", ")
    );
    println!(
        "baseline: the same queries as raw SQL: {}",
        raw_ms.iter().map(|m| format!("{m:.0} ms")).collect::<Vec<_>>().join(", ")
    );
    println!("compile / raw SQL (best of 3 each):   {:.2}x", compile_best / raw_best);
    println!("compile and store the draft:          {stored_ms:.0} ms (figures JSON {} kB)", json_len / 1024);
    println!("publish (render HTML, JSON, 11 CSVs): {publish_ms:.0} ms, version {}", published.number);
    if reset {
        println!(
            "peak memory during the first compile:  {:.1} MB (VmHWM after reset; RSS before it {:.1} MB)",
            peak_kb as f64 / 1024.0,
            rss_before as f64 / 1024.0
        );
    } else {
        println!(
            "peak memory: /proc/self/clear_refs not writable here; VmHWM {:.1} MB includes seeding",
            peak_kb as f64 / 1024.0
        );
    }
    let checks = [
        ("compile under 1 s", first_ms < 1000.0),
        ("peak memory under 200 MB", (peak_kb as f64 / 1024.0) < 200.0),
        ("within 3x of raw SQL", compile_best / raw_best <= 3.0),
    ];
    for (what, ok) in checks {
        println!("{}  {what}", if ok { "PASS" } else { "FAIL" });
    }
    drop(conn);
    drop(pool);
    cleanup();
    Ok(())
}
