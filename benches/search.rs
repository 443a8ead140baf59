//! Search and matching at network scale (issue 12): 2,000 cities x 50 actions (100,000
//! actions) with realistic words, 20 countries, four fifths of the cities public, each with a
//! population and a share born abroad.
//!
//! `cargo bench --bench search` seeds a fresh database (SQLite in a temporary folder, or
//! `BENCH_DATABASE_URL=postgres://...`: a fresh database on that server, dropped after), then
//! prints, in-process and side by side with a baseline measured in the same run (one action
//! read by its primary key):
//! - a search with words and two facets, facet counts included (target p99 < 20 ms);
//! - the public landing search (no words, no filter: every public action's facets);
//! - "Learn from" for one city (target < 50 ms), and the pairing of all cities.
//!
//! `cargo bench --bench search -- seed URL` only seeds URL (a SQLite path or a postgres:// URL)
//! and exits: `scripts/bench-search.sh` uses it before loading the HTTP server with wrk.
//! CITIES (default 2000) and ACTIONS (per city, default 50) change the size.
// Benchmarks stamp their seed data with real instants; time-from-the-clock is for the app.
#![allow(clippy::disallowed_methods)]

mod common;
use charter_tracker::actions::search::{self, Scope, SearchParams};
use charter_tracker::actions::Staleness;
use charter_tracker::auth::{Caller, Role};
use charter_tracker::config::Settings;
use charter_tracker::db::schema::{actions, cities, city_contexts, commitments, frameworks, plans, roles};
use charter_tracker::db::{self, DatabaseUrl, DbConnection};
use charter_tracker::{charter, learning};
use chrono::{Duration, Utc};
use common::database;
use diesel::prelude::*;
use rand::prelude::*;
use std::time::Instant;

const COUNTRIES: &[&str] = &[
    "DE", "FR", "IT", "ES", "PL", "NL", "SE", "FI", "PT", "AT", "BE", "CZ", "DK", "GR", "HU", "IE", "NO", "RO", "CH",
    "GB",
];
const WHAT: &[&str] = &[
    "Language café",
    "Welcome desk",
    "Mentoring programme",
    "Job fair",
    "Housing advice",
    "Anti-discrimination training",
    "Intercultural festival",
    "Parent network",
    "Health navigators",
    "Procurement clause",
    "Recruitment campaign",
    "Youth sports club",
    "Civic orientation course",
    "Translation service",
    "Tenant support",
    "Skills recognition",
];
const FOR: &[&str] = &[
    "for newcomers",
    "for refugees",
    "in libraries",
    "for women",
    "for young people",
    "at the town hall",
    "for employers",
    "in schools",
    "for seniors",
    "with NGOs",
    "in every district",
    "for city staff",
];
const SENTENCES: &[&str] = &[
    "Volunteers meet residents every week to practise the language.",
    "The office answers questions on permits, schools and housing in one place.",
    "Local employers offer traineeships and mentoring to migrants.",
    "Staff receive training on equal treatment and unconscious bias.",
    "Contracts require suppliers to respect equal opportunities.",
    "Community organisations co-design the services with the city.",
    "A multilingual helpline guides families through health services.",
    "The programme is evaluated every year with the participants.",
    "Cafés in the libraries bring newcomers and long-time residents together.",
    "Łódź, Malmö and Zürich shared their experience at a network meeting.",
];
const AREAS: &[&str] = &["language_learning", "housing", "employment", "health", "social_care", "education", "other"];
const STATUSES: &[&str] = &["planned", "in_progress", "in_progress", "completed", "delayed", "cancelled"];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n_cities: i64 = std::env::var("CITIES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let per_city: i64 = std::env::var("ACTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(50);
    let dir = tempfile::tempdir()?;
    // `seed URL`: seed that database and stop.
    if let Some(pos) = args.iter().position(|a| a == "seed") {
        let target = args.get(pos + 1).ok_or_else(|| anyhow::anyhow!("seed needs a database URL"))?;
        let url = DatabaseUrl::parse(target).map_err(|e| anyhow::anyhow!("{target}: {e}"))?;
        let settings = Settings::load_from(dir.path(), &Default::default())?;
        let pool = db::connect_and_migrate(&url, 2)?;
        let mut conn = pool.get()?;
        charter::loader::sync(&mut conn, &charter::loader::read_files(&settings.charters.dir)?, Utc::now())?;
        seed(&mut conn, n_cities, per_city)?;
        return Ok(());
    }
    let (url, cleanup) = database(dir.path())?;
    let settings = Settings::load_from(dir.path(), &Default::default())?;
    let pool = db::connect_and_migrate(&url, 2)?;
    let mut conn = pool.get()?;
    charter::loader::sync(&mut conn, &charter::loader::read_files(&settings.charters.dir)?, Utc::now())?;
    println!("search benchmark: {n_cities} cities x {per_city} actions, database {}", url.redacted());
    seed(&mut conn, n_cities, per_city)?;

    let staleness = Staleness::at(Utc::now(), 180);
    let ids: Vec<i64> = actions::table.select(actions::id).limit(1000).load(&mut conn)?;
    let mut rng = StdRng::seed_from_u64(7);
    // Baseline: one action by its primary key.
    let base = time(300, || {
        let id = *ids.choose(&mut rng).unwrap();
        charter_tracker::actions::store::get(&mut conn, id, staleness).map(drop)
    })?;
    report("baseline: one action by primary key", &base, None, None);
    let queries = [
        ("language cafe", "SP", "FR"),
        ("mentoring", "EM", "FR"),
        ("housing advice", "SP", "PL"),
        ("training", "EM", "SE"),
        ("welcome desk", "PM", "IT"),
    ];
    let mut k = 0;
    let mut total = 0;
    let two = time(300, || {
        let (q, role, country) = queries[k % queries.len()];
        k += 1;
        let p = SearchParams {
            q: Some(q.into()),
            role: Some(role.into()),
            country: Some(country.into()),
            ..Default::default()
        };
        let r = search::search(&mut conn, &p.parse().unwrap(), Scope::Public, staleness)?;
        total += r.total;
        diesel::QueryResult::Ok(())
    })?;
    report("search, cold: words + role + country, facets included (public)", &two, Some(&base), Some(20.0));
    println!("   ({} results per search on average)", total / 300);
    // The same searches as the server answers them: from its cache until the data changes.
    let cache = search::Cache::default();
    let mut k = 0;
    let warm = time(300, || {
        let (q, role, country) = queries[k % queries.len()];
        k += 1;
        let p = SearchParams {
            q: Some(q.into()),
            role: Some(role.into()),
            country: Some(country.into()),
            ..Default::default()
        };
        search::search_cached(&cache, &mut conn, &p.parse().unwrap(), Scope::Public, staleness).map(drop)
    })?;
    report("search, as served (cached until the data changes): the same five searches", &warm, Some(&base), Some(20.0));
    let landing = time(30, || {
        let s = SearchParams::default().parse().unwrap();
        search::search(&mut conn, &s, Scope::Public, staleness).map(drop)
    })?;
    report("search, cold: no words, no filter (every public action's facets)", &landing, Some(&base), None);
    let words_only = time(100, || {
        let s = SearchParams { q: Some("language cafe".into()), ..Default::default() }.parse().unwrap();
        search::search(&mut conn, &s, Scope::All, staleness).map(drop)
    })?;
    report("search, cold: two common words, every city (secretariat)", &words_only, Some(&base), None);

    let secretariat =
        Caller { user_id: 1, email: "bench@network.example".into(), role: Role::Secretariat, city_id: None };
    let city_ids: Vec<i64> = cities::table.select(cities::id).load(&mut conn)?;
    let now = Utc::now().naive_utc();
    let learn = time(50, || {
        let c = *city_ids.choose(&mut rng).unwrap();
        learning::commands::learn_from(&mut conn, &secretariat, c, now).map(drop).map_err(|e| anyhow::anyhow!("{e}"))
    })?;
    report("learn from: one city, every gap, every other city", &learn, Some(&base), Some(50.0));
    let pairing = time(3, || {
        learning::commands::pairing(&mut conn, &secretariat, "eurocities-integrating-cities")
            .map(drop)
            .map_err(|e| anyhow::anyhow!("{e}"))
    })?;
    report("pairing: every two cities", &pairing, Some(&base), None);
    drop(conn);
    drop(pool);
    cleanup();
    Ok(())
}

/// A multi-row insert on the concrete connection: diesel's `MultiConnection` does not offer
/// batch inserts for SQLite.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
            DbConnection::Pg(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

fn time<E: Into<anyhow::Error>>(n: usize, mut f: impl FnMut() -> Result<(), E>) -> anyhow::Result<Vec<f64>> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f().map_err(Into::into)?;
        out.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    out.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Ok(out)
}

fn pct(v: &[f64], p: f64) -> f64 {
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, v: &[f64], base: Option<&[f64]>, target_ms: Option<f64>) {
    let (p50, p99) = (pct(v, 0.5), pct(v, 0.99));
    let ratio = base.map(|b| format!(", p50 {:.0}x the baseline", p50 / pct(b, 0.5))).unwrap_or_default();
    let verdict = target_ms
        .map(|t| format!(" — target p99 < {t} ms: {}", if p99 < t { "met" } else { "NOT met" }))
        .unwrap_or_default();
    println!("{what}: p50 {p50:.2} ms, p99 {p99:.2} ms over {} runs{ratio}{verdict}", v.len());
}

/// Bulk inserts: cities, contexts, plans, actions (multi-row inserts in one transaction), then
/// the search index (as the server would at start-up).
fn seed(conn: &mut DbConnection, n_cities: i64, per_city: i64) -> anyhow::Result<()> {
    let t = Instant::now();
    let mut rng = StdRng::seed_from_u64(42);
    let now = Utc::now().naive_utc();
    let fw: i64 = frameworks::table
        .filter(frameworks::code.eq("eurocities-integrating-cities"))
        .select(frameworks::id)
        .first(conn)?;
    let commitment_ids: Vec<i64> = commitments::table
        .inner_join(roles::table)
        .filter(roles::framework_id.eq(fw).and(commitments::retired.eq(false)))
        .select(commitments::id)
        .load(conn)?;
    charter_tracker::db::transaction(&mut *conn, |c| -> anyhow::Result<()> {
        let first: i64 = cities::table.select(diesel::dsl::max(cities::id)).first::<Option<i64>>(c)?.unwrap_or(0);
        for chunk in (0..n_cities).collect::<Vec<_>>().chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|i| {
                    (
                        cities::name.eq(format!("Bench city {i}")),
                        cities::country.eq(COUNTRIES[*i as usize % COUNTRIES.len()]),
                        cities::is_public.eq(i % 5 != 0),
                        cities::version.eq(1),
                        cities::created_at.eq(now),
                        cities::updated_at.eq(now),
                    )
                })
                .collect();
            insert_many!(c, cities::table, rows)?;
        }
        let city_ids: Vec<i64> =
            cities::table.filter(cities::id.gt(first)).order(cities::id).select(cities::id).load(c)?;
        for chunk in city_ids.chunks(500) {
            let ctx: Vec<_> = chunk
                .iter()
                .map(|id| {
                    (
                        city_contexts::city_id.eq(*id),
                        city_contexts::population.eq(Some(rng.gen_range(50_000i64..2_000_000))),
                        city_contexts::population_year.eq(Some(2024)),
                        city_contexts::born_abroad_percent.eq(Some(f64::from(rng.gen_range(20..400)) / 10.0)),
                        city_contexts::born_abroad_year.eq(Some(2024)),
                        city_contexts::source.eq("Bench"),
                        city_contexts::version.eq(1),
                        city_contexts::updated_at.eq(now),
                        city_contexts::updated_by.eq("bench"),
                    )
                })
                .collect();
            insert_many!(c, city_contexts::table, ctx)?;
            let ps: Vec<_> = chunk
                .iter()
                .map(|id| {
                    (
                        plans::city_id.eq(*id),
                        plans::framework_id.eq(fw),
                        plans::title.eq("Action plan 2026-2028"),
                        plans::period_start.eq(now.date()),
                        plans::period_end.eq(now.date() + Duration::days(900)),
                        plans::status.eq("adopted"),
                        plans::version.eq(1),
                        plans::created_at.eq(now),
                        plans::updated_at.eq(now),
                    )
                })
                .collect();
            insert_many!(c, plans::table, ps)?;
        }
        let plan_ids: Vec<i64> =
            plans::table.filter(plans::city_id.gt(first)).order(plans::id).select(plans::id).load(c)?;
        let mut batch = vec![];
        for plan in &plan_ids {
            for _ in 0..per_city {
                let what = WHAT.choose(&mut rng).unwrap();
                let desc: Vec<&str> = SENTENCES.choose_multiple(&mut rng, 2).copied().collect();
                let how_many = rng.gen_range(1..3);
                let areas: Vec<&str> = AREAS.choose_multiple(&mut rng, how_many).copied().collect();
                let status = *STATUSES.choose(&mut rng).unwrap();
                let progress = match status {
                    "completed" => 100,
                    "planned" => 0,
                    _ => rng.gen_range(5..95),
                };
                let updated = now - Duration::days(rng.gen_range(0..700));
                batch.push((
                    actions::plan_id.eq(*plan),
                    actions::commitment_id.eq(*commitment_ids.choose(&mut rng).unwrap()),
                    actions::title.eq(format!("{what} {}", FOR.choose(&mut rng).unwrap())),
                    actions::description.eq(desc.join(" ")),
                    actions::department.eq("Integration office"),
                    actions::partners.eq(r#"["Public library","Refugee council"]"#),
                    actions::delivery.eq(if rng.gen_bool(0.8) { "direct" } else { "advocacy" }),
                    actions::policy_areas.eq(serde_json::to_string(&areas).unwrap()),
                    actions::status.eq(status),
                    actions::progress.eq(progress),
                    actions::version.eq(1),
                    actions::created_at.eq(updated),
                    actions::updated_at.eq(updated),
                ));
                if batch.len() == 500 {
                    insert_many!(c, actions::table, std::mem::take(&mut batch))?;
                }
            }
        }
        if !batch.is_empty() {
            insert_many!(c, actions::table, batch)?;
        }
        Ok(())
    })?;
    let inserted = t.elapsed();
    let indexed = search::index_missing(conn)?;
    println!(
        "seeded {n_cities} cities and {} actions in {:.1} s; indexed {indexed} actions for search in {:.1} s",
        n_cities * per_city,
        inserted.as_secs_f64(),
        (t.elapsed() - inserted).as_secs_f64()
    );
    if let DbConnection::Pg(pg) = conn {
        use diesel::connection::SimpleConnection;
        pg.batch_execute("ANALYZE")?;
    }
    Ok(())
}
