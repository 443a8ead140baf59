//! The automatic compile: when `reports.schedule` fires (read in `check_ins.time_zone`), a draft
//! is compiled for the cycle that has just ended, for every framework with an action plan, and
//! every secretariat user is emailed through the outbox.
//!
//! A cycle is a run of `reports.cycle_years` calendar years; cycles start in the years where
//! (year - cycle_anchor_year) is a multiple of cycle_years. A firing on day D compiles the latest
//! cycle that ended before D. `report_cycles` has the (framework, cycle) as primary key and its
//! row is inserted first, in the same transaction as the compile and the emails, so several
//! instances ticking together compile and email once per cycle.

use crate::check_ins::rounds::secretariat_readers;
use crate::db::schema::{frameworks, plans, report_cycles};
use crate::db::{is_unique_violation, DbConnection};
use crate::mail::emails::ReportCompiled;
use crate::mail::outbox::{self, NewEmail};
use crate::scheduler::Env;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use diesel::prelude::*;

/// A firing older than this is not caught up (after a long outage, compile by hand).
pub const CATCH_UP_DAYS: i64 = 31;

/// Who compiles on schedule, as history and the draft record it.
pub const ACTOR: &str = "system:report-schedule";

/// The latest cycle of `years` calendar years (aligned on `anchor`) that ends before `day`.
pub fn cycle_before(day: NaiveDate, years: u32, anchor: i32) -> (NaiveDate, NaiveDate) {
    let years = years.max(1) as i32;
    let mut end_year = day.year() - 1;
    while (end_year + 1 - anchor).rem_euclid(years) != 0 {
        end_year -= 1;
    }
    let start = NaiveDate::from_ymd_opt(end_year - years + 1, 1, 1).expect("a valid year");
    let end = NaiveDate::from_ymd_opt(end_year, 12, 31).expect("a valid year");
    (start, end)
}

/// Compiles the drafts the schedule calls for at `now` and emails the secretariat; returns the
/// reports compiled (empty when there is nothing to do).
pub fn compile_due(conn: &mut DbConnection, env: &Env<'_>, now: DateTime<Utc>) -> anyhow::Result<Vec<i64>> {
    let schedule = env.settings.report_schedule()?;
    let Some(firing) = schedule.latest_at_or_before(now) else { return Ok(vec![]) };
    if now - firing > Duration::days(CATCH_UP_DAYS) {
        return Ok(vec![]);
    }
    let day = firing.with_timezone(&schedule.time_zone()).date_naive();
    let (start, end) = cycle_before(day, env.settings.reports.cycle_years, env.settings.reports.cycle_anchor_year);
    let with_plans: Vec<(i64, String, String)> = frameworks::table
        .filter(diesel::dsl::exists(plans::table.filter(plans::framework_id.eq(frameworks::id))))
        .order(frameworks::code)
        .select((frameworks::id, frameworks::code, frameworks::title))
        .load(conn)?;
    let mut compiled = vec![];
    for (fw, code, title) in with_plans {
        let done: i64 = report_cycles::table
            .filter(
                report_cycles::framework_id
                    .eq(fw)
                    .and(report_cycles::period_start.eq(start))
                    .and(report_cycles::period_end.eq(end)),
            )
            .count()
            .get_result(conn)?;
        if done > 0 {
            continue;
        }
        let result = crate::db::transaction(conn, |c| -> anyhow::Result<i64> {
            // The insert comes first: it takes the write lock, and its key settles races.
            diesel::insert_into(report_cycles::table)
                .values((
                    report_cycles::framework_id.eq(fw),
                    report_cycles::period_start.eq(start),
                    report_cycles::period_end.eq(end),
                    report_cycles::fired_at.eq(firing.naive_utc()),
                    report_cycles::created_at.eq(now.naive_utc()),
                ))
                .execute(c)?;
            let done = super::store::compile(c, env.settings, &code, start, end, ACTOR, now)
                .map_err(|e| anyhow::anyhow!("compiling the {code} report: {e:?}"))?;
            diesel::update(
                report_cycles::table.filter(
                    report_cycles::framework_id
                        .eq(fw)
                        .and(report_cycles::period_start.eq(start))
                        .and(report_cycles::period_end.eq(end)),
                ),
            )
            .set(report_cycles::report_id.eq(done.report_id))
            .execute(c)?;
            // Each secretariat user reads it in their language, else the network's.
            let default = env.settings.network.default_language();
            for (user_id, email, lang) in secretariat_readers(c, default)? {
                let label = super::period_label_in(start, end, lang);
                outbox::enqueue(
                    c,
                    env.templates,
                    NewEmail {
                        idempotency_key: format!("report_compiled:{code}:{start}:{end}:{user_id}"),
                        content: ReportCompiled {
                            network_name: env.network().to_owned(),
                            framework_title: title.clone(),
                            period_label: label.clone(),
                            version: done.number,
                            link: env.url(&format!("/reports/manage/{}", done.report_id)),
                        }
                        .into(),
                        language: lang.tag().into(),
                        to_address: email.clone(),
                        to_name: email,
                        city_id: None,
                        round_id: None,
                        not_before: now,
                    },
                    now,
                )?;
            }
            Ok(done.report_id)
        });
        match result {
            Ok(id) => {
                tracing::info!(report = id, framework = %code, %start, %end, "report compiled on schedule");
                compiled.push(id);
            }
            Err(e) if e.downcast_ref::<diesel::result::Error>().is_some_and(is_unique_violation) => {}
            Err(e) => return Err(e.context("compiling a report on schedule")),
        }
    }
    Ok(compiled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn cycles_end_before_the_firing_day() {
        // Annual: a firing on 1 January 2027 compiles 2026; any day in 2027 still means 2026.
        assert_eq!(cycle_before(d("2027-01-01"), 1, 2000), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(cycle_before(d("2027-06-15"), 1, 2000), (d("2026-01-01"), d("2026-12-31")));
        // Two-year cycles starting in even years (2024-2025, 2026-2027): in 2027 the last ended in 2025.
        assert_eq!(cycle_before(d("2028-01-01"), 2, 2026), (d("2026-01-01"), d("2027-12-31")));
        assert_eq!(cycle_before(d("2027-01-01"), 2, 2026), (d("2024-01-01"), d("2025-12-31")));
        // Anchored on odd years.
        assert_eq!(cycle_before(d("2027-01-01"), 2, 2025), (d("2025-01-01"), d("2026-12-31")));
    }
}
