//! The scheduler: one pass closes finished rounds, opens the round the schedule calls for,
//! queues due reminders, then delivers what the outbox holds. `serve` runs a pass every
//! `check_ins.scheduler_poll_seconds`; `charter-tracker tick [--at T]` runs one, for system
//! cron and for tests that travel in time. The clock is always passed in.

use crate::check_ins::rounds;
use crate::config::Settings;
use crate::db::Pool;
use crate::mail::templates::EmailTemplates;
use crate::mail::{transport::Transport, worker};
use crate::reminders;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What the scheduler's jobs (opening and closing rounds, queueing reminders, compiling
/// scheduled reports) need besides a connection and the time: the settings and the email
/// templates their emails are written with.
pub struct Env<'a> {
    pub settings: &'a Settings,
    pub templates: &'a EmailTemplates,
}

impl Env<'_> {
    pub fn network(&self) -> &str {
        &self.settings.network.name
    }
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.settings.public_base())
    }
}

#[derive(Debug, Default, Serialize)]
pub struct TickReport {
    pub closed_rounds: Vec<i64>,
    pub opened_round: Option<i64>,
    pub reminders_queued: usize,
    /// Reports whose draft the report schedule compiled in this pass.
    pub reports_compiled: Vec<i64>,
    /// Sent emails whose recipient and bodies were erased, past `mail.retention_days`.
    pub emails_erased: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub deferred: usize,
}

impl std::fmt::Display for TickReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let opened = self.opened_round.map(|r| format!("round {r}")).unwrap_or_else(|| "none".into());
        write!(
            f,
            "rounds closed: {:?}; round opened: {opened}; reminders queued: {}; reports compiled: {:?}; emails sent: {}, to retry: {}, failed: {}, deferred: {}; old emails erased: {}",
            self.closed_rounds, self.reminders_queued, self.reports_compiled, self.sent, self.retried, self.failed, self.deferred, self.emails_erased
        )
    }
}

/// Plans the work due at `now` (rounds, reminders) without delivering. Each pass is counted
/// and timed for `/metrics` (`scheduler_passes_total`, `scheduler_pass_duration_seconds`).
pub fn plan_due(
    pool: &Pool,
    settings: &Settings,
    templates: &EmailTemplates,
    now: DateTime<Utc>,
) -> anyhow::Result<TickReport> {
    let started = std::time::Instant::now();
    let result = plan_due_untimed(pool, settings, templates, now);
    crate::metrics::scheduler_pass(result.is_ok(), started.elapsed().as_secs_f64());
    result
}

fn plan_due_untimed(
    pool: &Pool,
    settings: &Settings,
    templates: &EmailTemplates,
    now: DateTime<Utc>,
) -> anyhow::Result<TickReport> {
    let env = Env { settings, templates };
    let mut conn = pool.get()?;
    let closed_rounds = rounds::close_due(&mut conn, &env, now)?;
    let opened_round = rounds::open_due(&mut conn, &env, now)?;
    let reminders_queued = reminders::send::queue_due(&mut conn, &env, now)?
        + reminders::stale_actions::queue_monthly(&mut conn, &env, now)?;
    let reports_compiled = crate::reports::schedule::compile_due(&mut conn, &env, now)?;
    crate::auth::sessions::purge_expired(&mut conn, now)?;
    crate::auth::throttle::purge_old(&mut conn, now)?;
    let emails_erased = crate::mail::outbox::erase_old_sent(&mut conn, settings.mail.retention_days, now)?;
    Ok(TickReport {
        closed_rounds,
        opened_round,
        reminders_queued,
        reports_compiled,
        emails_erased,
        ..Default::default()
    })
}

/// One whole pass: plan, then deliver everything due.
pub fn tick(
    pool: &Pool,
    settings: &Settings,
    templates: &EmailTemplates,
    transport: &Transport,
    now: DateTime<Utc>,
) -> anyhow::Result<TickReport> {
    let mut report = plan_due(pool, settings, templates, now)?;
    let delivered = worker::deliver_due(pool, transport, &settings.mail, now)?;
    report.sent = delivered.sent;
    report.retried = delivered.retried;
    report.failed = delivered.failed;
    report.deferred = delivered.deferred;
    Ok(report)
}

/// The background loop inside `serve` (planning only; the mail worker delivers).
pub fn spawn(
    pool: Pool,
    settings: Arc<Settings>,
    templates: Arc<EmailTemplates>,
    clock: crate::clock::Clock,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("scheduler".into())
        .spawn(move || {
            let every = Duration::from_secs(settings.check_ins.scheduler_poll_seconds);
            while !stop.load(Ordering::Relaxed) {
                let span = tracing::info_span!("scheduler_pass");
                let _g = span.enter();
                match plan_due(&pool, &settings, &templates, clock.now()) {
                    Ok(r)
                        if r.opened_round.is_some()
                            || !r.closed_rounds.is_empty()
                            || r.reminders_queued > 0
                            || !r.reports_compiled.is_empty()
                            || r.emails_erased > 0 =>
                    {
                        tracing::info!(?r, "scheduler pass")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = ?e, "scheduler pass failed"),
                }
                let mut waited = Duration::ZERO;
                while waited < every && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(200));
                    waited += Duration::from_millis(200);
                }
            }
        })
        .expect("spawning the scheduler thread")
}
