//! A scheduler pass that opens a round for 500 cities (500 check-ins, 1,000 links and 1,000
//! rendered emails in one transaction), then an idle pass at the same instant and one a day
//! later; baseline in the same run: one transaction inserting 1,000 outbox rows of the same
//! size with plain inserts (no rendering, no links). Target: the opening pass under 200 ms.
//!
//! `cargo bench --bench tick`; CITIES (default 500); BENCH_DATABASE_URL=postgres://... for
//! PostgreSQL (a fresh database is created and dropped).
// Benchmarks stamp their seed data with real instants; time-from-the-clock is for the app.
#![allow(clippy::disallowed_methods)]

mod common;
use charter_tracker::config::Settings;
use charter_tracker::db;
use charter_tracker::db::schema::{cities, contacts, outbox, plans, users};
use charter_tracker::mail::templates::EmailTemplates;
use charter_tracker::{charter, scheduler};
use chrono::{DateTime, Duration, Utc};
use common::database;
use diesel::prelude::*;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let n: i64 = std::env::var("CITIES").ok().and_then(|v| v.parse().ok()).unwrap_or(500);
    let dir = tempfile::tempdir()?;
    let (url, cleanup) = database(dir.path())?;
    let settings = Settings::load_from(dir.path(), &Default::default())?;
    let pool = db::connect_and_migrate(&url, 4)?;
    let mut conn = pool.get()?;
    charter::loader::sync(&mut conn, &charter::loader::read_files(&settings.charters.dir)?, chrono::Utc::now())?;
    let templates = EmailTemplates::load(None)?;
    println!("tick benchmark: {n} cities with an adopted plan and 2 contacts each, database {}", url.redacted());

    let fw: i64 = charter_tracker::db::schema::frameworks::table
        .filter(charter_tracker::db::schema::frameworks::code.eq("eurocities-integrating-cities"))
        .select(charter_tracker::db::schema::frameworks::id)
        .first(&mut conn)?;
    let t0 = Utc::now().naive_utc();
    charter_tracker::db::transaction(&mut conn, |c| -> QueryResult<()> {
        diesel::insert_into(users::table)
            .values((
                users::email.eq("sec@network.example"),
                users::password_hash.eq("x"),
                users::role.eq("secretariat"),
                users::disabled.eq(false),
                users::created_at.eq(t0),
            ))
            .execute(c)?;
        for i in 0..n {
            let city: i64 = diesel::insert_into(cities::table)
                .values((
                    cities::name.eq(format!("City {i}")),
                    cities::country.eq("DE"),
                    cities::is_public.eq(false),
                    cities::version.eq(1),
                    cities::created_at.eq(t0),
                    cities::updated_at.eq(t0),
                ))
                .returning(cities::id)
                .get_result(c)?;
            diesel::insert_into(plans::table)
                .values((
                    plans::city_id.eq(city),
                    plans::framework_id.eq(fw),
                    plans::title.eq("Plan"),
                    plans::period_start.eq(t0.date()),
                    plans::period_end.eq(t0.date() + Duration::days(700)),
                    plans::status.eq("adopted"),
                    plans::version.eq(1),
                    plans::created_at.eq(t0),
                    plans::updated_at.eq(t0),
                ))
                .execute(c)?;
            for (k, lang) in [(0, "en"), (1, "fr")] {
                diesel::insert_into(contacts::table)
                    .values((
                        contacts::city_id.eq(city),
                        contacts::name.eq(format!("Contact {i}-{k}")),
                        contacts::email.eq(format!("c{k}@city{i}.example")),
                        contacts::language.eq(lang),
                        contacts::office_role.eq(""),
                        contacts::receives_reminders.eq(true),
                        contacts::version.eq(1),
                        contacts::created_at.eq(t0),
                        contacts::updated_at.eq(t0),
                    ))
                    .execute(c)?;
            }
        }
        Ok(())
    })?;

    let opening: DateTime<Utc> = "2027-04-01T06:00:00Z".parse()?;
    let timed = |label: &str, at: DateTime<Utc>| -> anyhow::Result<f64> {
        let start = Instant::now();
        let r = scheduler::plan_due(&pool, &settings, &templates, at)?;
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{label:<44} {ms:>9.1} ms   ({} round opened, {} reminders queued)",
            r.opened_round.map_or(0, |_| 1),
            r.reminders_queued
        );
        Ok(ms)
    };
    let open_ms = timed("pass that opens the round", opening)?;
    let queued: i64 = outbox::table.count().get_result(&mut conn)?;
    timed("second pass at the same instant (nothing to do)", opening)?;
    timed("pass one day later (no reminders due)", opening + Duration::days(1))?;

    // Baseline: the same number of outbox rows of the same size, plain inserts, one transaction.
    let sample: (String, String, String) =
        outbox::table.select((outbox::subject, outbox::body_text, outbox::body_html)).first(&mut conn)?;
    let start = Instant::now();
    charter_tracker::db::transaction(&mut conn, |c| -> QueryResult<()> {
        let now = Utc::now().naive_utc();
        for i in 0..queued {
            diesel::insert_into(outbox::table)
                .values((
                    outbox::idempotency_key.eq(format!("baseline/{i}")),
                    outbox::message_id.eq(format!("{i:032}")),
                    outbox::kind.eq("round_opened"),
                    outbox::to_address.eq(format!("c{i}@x.example")),
                    outbox::to_name.eq("Contact"),
                    outbox::language.eq("en"),
                    outbox::subject.eq(&sample.0),
                    outbox::body_text.eq(&sample.1),
                    outbox::body_html.eq(&sample.2),
                    outbox::status.eq("queued"),
                    outbox::attempts.eq(0),
                    outbox::not_before.eq(now),
                    outbox::created_at.eq(now),
                    outbox::updated_at.eq(now),
                ))
                .execute(c)?;
        }
        Ok(())
    })?;
    let base_ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("{:<44} {base_ms:>9.1} ms", format!("baseline: {queued} plain outbox inserts"));
    println!("opening pass / baseline: {:.2}x", open_ms / base_ms);
    println!("{}  opening pass {open_ms:.0} ms (target < 200 ms)", if open_ms < 200.0 { "PASS" } else { "FAIL" });
    drop(conn);
    drop(pool);
    cleanup();
    Ok(())
}
