//! Import and export at network scale: 200 cities (2 contacts each) and one plan of 12,000
//! actions, from XLSX and from CSV, each into a fresh database: preview and commit times and the
//! peak memory (resident set) of each step; then the full export of that network as a workbook
//! and as the CSV zip. Targets: 12,000 actions previewed in under 2 s, committed in under 5 s,
//! under 200 MB; the full export under 2 s.
//!
//! `cargo bench --bench exchange` (or `scripts/bench-exchange.sh`); ACTIONS (default 12000);
//! BENCH_DATABASE_URL=postgres://... for PostgreSQL (fresh databases are created and dropped).
// Benchmarks stamp their data with real instants; time-from-the-clock is for the app.
#![allow(clippy::disallowed_methods)]

mod common;
use charter_tracker::config::Settings;
use charter_tracker::db;
use charter_tracker::exchange::commands::{import_actions, import_cities, Upload, ACTION_COLUMNS};
use charter_tracker::exchange::export::{self, ExportFormat, Scope};
use charter_tracker::exchange::{Preview, Who};
use charter_tracker::{charter, plans};
use common::database;
use std::time::Instant;

const STATUSES: [&str; 5] = ["planned", "in_progress", "completed", "delayed", "cancelled"];
const CODES: [&str; 15] =
    ["PM1", "PM2", "PM3", "SP1", "SP2", "EM1", "EM2", "EM3", "BU1", "BU2", "BU3", "DC1", "DC2", "DC3", "DC4"];

fn main() -> anyhow::Result<()> {
    let actions: usize = std::env::var("ACTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(12_000);
    let cities = city_rows(200);
    let action_rows = action_rows(actions);
    println!("exchange benchmark: 200 cities (400 contact rows), one plan of {actions} actions");
    println!("{:<34} {:>10} {:>12}", "step", "seconds", "peak MB");
    for format in ["xlsx", "csv"] {
        let city_file = encode(format, "cities", &cities)?;
        let action_file = encode(format, "actions", &action_rows)?;
        println!(
            "-- {format}: cities file {} KB, actions file {} KB",
            city_file.len() / 1024,
            action_file.len() / 1024
        );
        let dir = tempfile::tempdir()?;
        let (url, cleanup) = database(dir.path())?;
        let settings = Settings::load_from(dir.path(), &Default::default())?;
        let pool = db::connect_and_migrate(&url, 2)?;
        let mut conn = pool.get()?;
        let now = chrono::Utc::now();
        charter::loader::sync(&mut conn, &charter::loader::read_files(&settings.charters.dir)?, now)?;
        let today = now.date_naive();

        let p = measure(&format!("{format} 200 cities preview"), || {
            import_cities(&mut conn, Who::CommandLine, upload(&city_file), false, today, now)
        })?;
        check(&p, 600, false);
        let p = measure(&format!("{format} 200 cities commit"), || {
            import_cities(&mut conn, Who::CommandLine, upload(&city_file), true, today, now)
        })?;
        check(&p, 600, true);

        let plan = charter_tracker::db::transaction(&mut conn, |c| -> anyhow::Result<i64> {
            let fw = charter::store::by_code(c, "eurocities-integrating-cities")?.expect("the Charter");
            let raw = plans::commands::Raw {
                title: "Action plan 2026-2028",
                period_start: "2026-01-01",
                period_end: "2028-12-31",
                status: "adopted",
                adopted_on: None,
                document_url: None,
            };
            let fields = plans::commands::parse(raw, today).map_err(|e| anyhow::anyhow!("{e}"))?;
            let actor = charter_tracker::history::Actor::system("bench");
            let (list, _) = charter_tracker::cities::store::list(c, None, None, 1, 0)?;
            Ok(plans::store::create(c, list[0].id, &fw, fields, &actor, now).map_err(|e| anyhow::anyhow!("{e}"))?.id)
        })?;
        let p = measure(&format!("{format} {actions} actions preview"), || {
            import_actions(&mut conn, Who::CommandLine, plan, upload(&action_file), false, today, now)
        })?;
        check(&p, actions, false);
        let p = measure(&format!("{format} {actions} actions commit"), || {
            import_actions(&mut conn, Who::CommandLine, plan, upload(&action_file), true, today, now)
        })?;
        check(&p, actions, true);
        let p = measure(&format!("{format} {actions} actions re-import"), || {
            import_actions(&mut conn, Who::CommandLine, plan, upload(&action_file), false, today, now)
        })?;
        assert_eq!(p.counts.unchanged, actions, "a re-import changes nothing");

        let bytes = measure("export xlsx (whole network)", || {
            export::export(&mut conn, Scope::All, ExportFormat::Xlsx, &settings)
        })?;
        let zip = measure("export csv zip (whole network)", || {
            export::export(&mut conn, Scope::All, ExportFormat::Csv, &settings)
        })?;
        println!("   export sizes: xlsx {} KB, zip {} KB", bytes.0.len() / 1024, zip.0.len() / 1024);
        drop(conn);
        drop(pool);
        cleanup();
    }
    Ok(())
}

fn check(p: &Preview, rows: usize, applied: bool) {
    assert!(p.ok, "{:?}", p.mistakes.first());
    assert_eq!(p.applied, applied);
    assert!(p.counts.create >= rows.min(400), "{:?}", p.counts);
}

/// Runs a step, printing its time and the peak resident memory of the process during it.
fn measure<T, E: std::fmt::Display>(what: &str, f: impl FnOnce() -> Result<T, E>) -> anyhow::Result<T> {
    // Writing 5 to clear_refs resets the peak (VmHWM) to the current resident set.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let out = f().map_err(|e| anyhow::anyhow!("{what}: {e}"))?;
    let secs = t.elapsed().as_secs_f64();
    println!("{what:<34} {secs:>10.3} {:>12.1}", peak_mb());
    Ok(out)
}

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn city_rows(n: usize) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "reference",
        "name",
        "country",
        "public",
        "signed_on",
        "contact_name",
        "contact_email",
        "contact_language",
    ]
    .map(String::from)
    .to_vec()];
    for i in 0..n {
        for k in 0..2 {
            rows.push(vec![
                format!("C{i:03}"),
                format!("Città {i}"),
                ["SE", "PL", "DE", "IT", "FR"][i % 5].into(),
                if i % 2 == 0 { "yes" } else { "no" }.into(),
                "01/03/2019".into(),
                format!("Contact {k} of {i}"),
                format!("c{k}.{i}@city{i}.example"),
                "en".into(),
            ]);
        }
    }
    rows
}

fn action_rows(n: usize) -> Vec<Vec<String>> {
    // The header is the import's own column list, so the bench cannot drift from it.
    let mut rows = vec![ACTION_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    for i in 0..n {
        rows.push(vec![
            format!("A{i:05}"),
            CODES[i % CODES.len()].into(),
            format!("Action number {i} of the plan"),
            "A description of a few words, as cities write them in their plans.".into(),
            "Integration office".into(),
            "Red Cross; Adult education centre".into(),
            if i % 3 == 0 { "advocacy" } else { "direct" }.into(),
            "language_learning; education".into(),
            "2026-01-15".into(),
            "31/12/2027".into(),
            STATUSES[i % STATUSES.len()].into(),
            format!("{}%", (i * 7) % 101),
        ]);
    }
    rows
}

fn encode(format: &str, sheet: &str, rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    if format == "csv" {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in rows {
            w.write_record(r)?;
        }
        return Ok(w.into_inner()?);
    }
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v)?;
        }
    }
    Ok(wb.save_to_buffer()?)
}

fn upload(bytes: &[u8]) -> Upload<'_> {
    Upload { file_name: "bench", bytes }
}
