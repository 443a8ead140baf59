//! Outbox delivery throughput: 10,000 emails queued in a temporary SQLite database, delivered
//! by `deliver_due` to a local SMTP server; and, in the same run, the baseline of lettre
//! sending the same 10,000 prebuilt messages over one pooled connection with no database.
//!
//! `cargo bench --bench outbox_delivery` (prints figures; asserts nothing but correctness).
//! Environment: EMAILS (default 10000); BENCH_DATABASE_URL=postgres://... to measure on
//! PostgreSQL instead (a fresh database is created and dropped).
// Benchmarks stamp their seed data with real instants; time-from-the-clock is for the app.
#![allow(clippy::disallowed_methods)]

// Its own unit tests are not run from here, so some of their imports look unused.
#[allow(dead_code, unused_imports)]
#[path = "../tests/api/smtp_sink.rs"]
mod smtp_sink;

mod common;
use charter_tracker::config::Settings;
use charter_tracker::db;
use charter_tracker::mail::emails::RoundOpened;
use charter_tracker::mail::outbox::{self, NewEmail, OutboxRow};
use charter_tracker::mail::templates::EmailTemplates;
use charter_tracker::mail::transport::{build_message, Transport};
use charter_tracker::mail::worker::deliver_due;
use chrono::Utc;
use common::database;
use diesel::prelude::*;
use smtp_sink::SmtpSink;
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let emails: usize = std::env::var("EMAILS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir()?;
    let (url, cleanup) = database(dir.path())?;
    let settings = Settings::load_from(dir.path(), &Default::default())?;
    let mail = settings.mail.clone();
    let pool = db::connect_and_migrate(&url, 4)?;
    println!("outbox delivery benchmark: {emails} emails, database {}", url.redacted());

    // Queue: render and insert, in one transaction as a round opening would.
    let templates = EmailTemplates::load(None)?;
    let now = Utc::now();
    let started = Instant::now();
    {
        let mut conn = pool.get()?;
        charter_tracker::db::transaction(&mut conn, |c| -> anyhow::Result<()> {
            for i in 0..emails {
                let email = NewEmail {
                    idempotency_key: format!("bench/round-1/contact-{i}/round_opened"),
                    content: RoundOpened {
                        network_name: "EUROCITIES".into(),
                        contact_name: format!("Contact {i}"),
                        city_name: "Malmö".into(),
                        period_label: "Q2 2026".into(),
                        due_date: "30 June 2026".into(),
                        link: format!("https://tracker.example/check-ins/{i}"),
                        days: None,
                    }
                    .into(),
                    language: if i % 3 == 0 { "fr".into() } else { "en".into() },
                    to_address: format!("contact{i}@city{}.example", i % 97),
                    to_name: format!("Contact {i}"),
                    city_id: None,
                    round_id: Some(1),
                    not_before: now,
                };
                assert!(outbox::enqueue(c, &templates, email, chrono::Utc::now())?);
            }
            Ok(())
        })?;
    }
    let queued = started.elapsed();
    println!(
        "  queue (render + insert):        {:>8.0} emails/s  ({:.2} s)",
        rate(emails, queued),
        queued.as_secs_f64()
    );

    // Delivery through the outbox.
    let sink = SmtpSink::start();
    let transport = Transport::smtp_plain("127.0.0.1", sink.port(), Duration::from_secs(10));
    let started = Instant::now();
    let report = deliver_due(&pool, &transport, &mail, now)?;
    let outbox_time = started.elapsed();
    assert_eq!(report.sent, emails, "{report}");
    assert_eq!(sink.received().len(), emails);
    let connections = sink.connections();
    drop(transport);
    drop(sink);
    let outbox_rate = rate(emails, outbox_time);
    println!(
        "  deliver_due -> SMTP:            {:>8.0} emails/s  ({:.2} s, {connections} SMTP connection(s), batch {})",
        outbox_rate,
        outbox_time.as_secs_f64(),
        mail.batch_size
    );

    // Baseline: the same messages, prebuilt, through lettre alone.
    let rows: Vec<OutboxRow> = {
        use charter_tracker::db::schema::outbox as t;
        t::table.order(t::id).select(OutboxRow::as_select()).load(&mut pool.get()?)?
    };
    let from = mail.from_mailbox()?;
    let domain = mail.from_domain();
    let started = Instant::now();
    let messages: Vec<lettre::Message> = rows
        .iter()
        .map(|r| build_message(&from, &domain, r, now).map_err(|e| anyhow::anyhow!("{e}")))
        .collect::<anyhow::Result<_>>()?;
    let build_time = started.elapsed();
    let formatted: usize = messages.iter().map(|m| m.formatted().len()).sum();
    println!(
        "  (building the messages alone:   {:>8.0} emails/s, {:.2} s of the outbox's time; {} KiB per message)",
        rate(emails, build_time),
        build_time.as_secs_f64(),
        formatted / emails / 1024
    );
    let sink = SmtpSink::start();
    let Transport::Smtp(smtp) = Transport::smtp_plain("127.0.0.1", sink.port(), Duration::from_secs(10)) else {
        unreachable!()
    };
    let started = Instant::now();
    for m in &messages {
        lettre::Transport::send(&smtp, m)?;
    }
    let baseline_time = started.elapsed();
    assert_eq!(sink.received().len(), emails);
    let baseline_rate = rate(emails, baseline_time);
    println!(
        "  lettre alone (no database):     {:>8.0} emails/s  ({:.2} s, {} SMTP connection(s))",
        baseline_rate,
        baseline_time.as_secs_f64(),
        sink.connections()
    );
    println!("  outbox / lettre alone:          {:>8.2}", outbox_rate / baseline_rate);
    println!(
        "  target 1,000 emails/s through the outbox (issue 15): {}",
        if outbox_rate >= 1000.0 { "met" } else { "NOT met" }
    );
    drop(pool);
    cleanup();
    Ok(())
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}
