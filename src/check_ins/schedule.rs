//! Check-in schedules: a cron expression evaluated on a city's local wall clock.
//!
//! Cities think in local time ("midnight on the 1st of the quarter"), while the
//! app stores and compares instants in UTC. The cron crate is therefore only used
//! to walk *wall-clock* times (we feed it naive local times disguised as UTC, which
//! has no DST), and every wall-clock match is then mapped to a single UTC instant:
//!
//! * a wall-clock time that happens twice (autumn fall-back) fires once, at its first
//!   occurrence, so one local time never opens two rounds;
//! * a wall-clock time that does not exist (spring gap) fires at the end of the gap,
//!   so a quarterly round is never silently skipped.
//!
//! Both rules keep the wall-clock → instant mapping non-decreasing, which is what lets us
//! reuse the cron crate's fast field-by-field search instead of scanning minutes.
//!
//! Unlike classic crontab, when both day-of-month and day-of-week are restricted
//! they must BOTH match (cron crate semantics), not either one.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Quarterly: 00:00 local time on 1 January, April, July and October.
pub const DEFAULT_CHECK_IN_SCHEDULE: &str = "0 0 1 1,4,7,10 *";

/// How far back `latest_at_or_before` looks; older firings are not worth catching up on.
const CATCH_UP_HORIZON_DAYS: i64 = 731;

const DOW_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error(
        "`{expr}` is not a valid cron expression: {reason}. Accepted: 5 fields \
         (min hour day-of-month month day-of-week, day-of-week 0-7 with 0 and 7 = Sunday, \
         or names SUN-SAT) or 6/7 fields (sec min hour dom month dow [year], \
         day-of-week 1-7 with 1 = Sunday, or names SUN-SAT)"
    )]
    InvalidExpression { expr: String, reason: String },
    #[error("`{tz}` is not a known IANA time zone (for example Europe/Brussels)")]
    InvalidTimeZone { tz: String },
}

#[derive(Clone, Debug)]
pub struct Schedule {
    cron: cron::Schedule,
    tz: Tz,
    expr: String,
}

impl Schedule {
    /// 5-field input is read as classic crontab (seconds = 0, crontab day-of-week
    /// numbers) because that is what people copy from elsewhere; 6/7 fields and
    /// `@daily`-style shorthands are handed to the cron crate unchanged.
    pub fn parse(expr: &str, tz: &str) -> Result<Self, ScheduleError> {
        let expr = expr.trim();
        let invalid = |reason: String| ScheduleError::InvalidExpression { expr: expr.to_string(), reason };
        let fields: Vec<&str> = expr.split_whitespace().collect();
        let normalized = match fields.len() {
            1 if expr.starts_with('@') => expr.to_string(),
            5 => {
                let dow = crontab_dow_to_cron(fields[4]).map_err(invalid)?;
                format!("0 {} {}", fields[..4].join(" "), dow)
            }
            6 | 7 => fields.join(" "),
            n => return Err(invalid(format!("expected 5, 6 or 7 fields but found {n}"))),
        };
        let cron = normalized.parse::<cron::Schedule>().map_err(|e| {
            // The crate's message echoes our rewritten input with a caret; keep only the cause.
            let msg = e.to_string();
            let cause = msg.lines().last().unwrap_or_default().trim();
            invalid(cause.trim_end_matches('.').to_string())
        })?;
        let (tz_name, expr) = (tz.trim(), expr.to_string());
        let invalid_tz = |_| ScheduleError::InvalidTimeZone { tz: tz_name.into() };
        let tz = tz_name.parse::<Tz>().map_err(invalid_tz)?;
        Ok(Self { cron, tz, expr })
    }

    /// The expression as the user wrote it (trimmed), so it can be shown back verbatim.
    pub fn expression(&self) -> &str {
        &self.expr
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// Firings f with after < f <= until, in UTC, evaluated in the schedule's time zone.
    /// The window is the caller's to keep sane: a per-second schedule over a year is 31M items.
    pub fn firings_between(&self, after: DateTime<Utc>, until: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        let mut cursor = after;
        while let Some(f) = self.next_after(cursor).filter(|f| *f <= until) {
            out.push(f);
            cursor = f;
        }
        out
    }

    /// The most recent firing at or before `at` (catch-up after downtime opens only this one),
    /// searching back at most ~2 years; None if none.
    pub fn latest_at_or_before(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let at = truncate(at);
        let (local, shift) = self.local_start(at);
        // prev_from is exclusive, so start one second past the inclusive upper bound.
        let start = as_fake_utc(local + shift + Duration::seconds(1));
        self.cron
            .after(&start)
            .rev()
            .map(|n| self.resolve(n.naive_utc()))
            .find(|f| *f <= at)
            .filter(|f| *f >= at - Duration::days(CATCH_UP_HORIZON_DAYS))
    }

    /// The shortest time between two of the next firings after `from` (looking at 60 of them,
    /// enough to span a year of a monthly schedule and its clock changes), if it fires twice.
    pub fn shortest_gap(&self, from: DateTime<Utc>) -> Option<Duration> {
        let mut at = from;
        let mut prev: Option<DateTime<Utc>> = None;
        let mut shortest: Option<Duration> = None;
        for _ in 0..60 {
            let Some(next) = self.next_after(at) else { break };
            if let Some(p) = prev {
                let gap = next - p;
                shortest = Some(shortest.map_or(gap, |s| s.min(gap)));
            }
            prev = Some(next);
            at = next;
        }
        shortest
    }

    /// Check-in rounds open at most once a day: a round per firing, and a round more often
    /// than daily could not be answered before the next one opens. (23 hours, so that a
    /// daily schedule on the day clocks go forward passes.) Returns the explanation if not.
    pub fn too_frequent_for_rounds(&self, from: DateTime<Utc>) -> Option<String> {
        let gap = self.shortest_gap(from)?;
        if gap >= Duration::hours(23) {
            return None;
        }
        let every = if gap < Duration::hours(1) {
            format!("{} minutes", gap.num_minutes().max(1))
        } else {
            format!("{} hours", gap.num_hours())
        };
        Some(format!(
            "`{}` fires every {every} at times; a check-in round opens at each firing and cities need days to answer, so rounds can open at most once a day (quarterly, e.g. `0 0 1 1,4,7,10 *`, is usual)",
            self.expr
        ))
    }

    pub fn next_after(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let at = truncate(at);
        // Inside a repeated hour a few matches may map to instants <= `at`; they are skipped.
        let start = as_fake_utc(at.with_timezone(&self.tz).naive_local());
        self.cron.after(&start).map(|n| self.resolve(n.naive_utc())).find(|f| *f > at)
    }

    /// Wall-clock time of `at`, plus how far wall-clock times still map to instants <= `at`
    /// beyond it: non-zero only during the second pass of a repeated (fall-back) hour,
    /// where the rest of that hour already fired during its first pass.
    fn local_start(&self, at: DateTime<Utc>) -> (NaiveDateTime, Duration) {
        let local = at.with_timezone(&self.tz).naive_local();
        let first = self.resolve(local);
        (local, at - first)
    }

    /// Maps a wall-clock time to the one instant it fires at (see module docs).
    fn resolve(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => d.with_timezone(&Utc),
            LocalResult::None => self.gap_end(local),
        }
    }

    /// First instant whose wall-clock reading is past `local` (which lies in a gap).
    /// Offsets are within -12h..+14h, so the transition is inside this window.
    fn gap_end(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let (mut lo, mut hi) =
            ((local - Duration::hours(14)).and_utc().timestamp(), (local + Duration::hours(13)).and_utc().timestamp());
        let past = |t: i64| {
            let t = DateTime::from_timestamp(t, 0).expect("in range");
            t.with_timezone(&self.tz).naive_local() > local
        };
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if past(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        DateTime::from_timestamp(hi, 0).expect("in range")
    }
}

fn truncate(at: DateTime<Utc>) -> DateTime<Utc> {
    at - Duration::nanoseconds(i64::from(at.timestamp_subsec_nanos()))
}

fn as_fake_utc(local: NaiveDateTime) -> DateTime<Utc> {
    Utc.from_utc_datetime(&local)
}

/// Rewrites a crontab day-of-week field (0-7, 0 and 7 = Sunday) into day names, because
/// the cron crate numbers days 1-7 from Sunday and would silently shift every number by one.
fn crontab_dow_to_cron(field: &str) -> Result<String, String> {
    if field == "*" || field == "?" {
        return Ok(field.to_string());
    }
    let mut days = [false; 7];
    for item in field.split(',') {
        let (base, step) = match item.split_once('/') {
            Some((b, s)) => {
                let s: u32 = s.parse().map_err(|_| format!("bad step `{s}` in `{item}`"))?;
                if s == 0 {
                    return Err(format!("step must be positive in `{item}`"));
                }
                (b, Some(s))
            }
            None => (item, None),
        };
        let (from, to) = match base.split_once('-') {
            _ if base == "*" => (0, 7),
            Some((a, b)) => (crontab_day(a)?, crontab_day(b)?),
            None if step.is_some() => (crontab_day(base)?, 7),
            None => (crontab_day(base)?, crontab_day(base)?),
        };
        if from > to {
            return Err(format!("day-of-week range `{base}` runs backwards"));
        }
        for d in (from..=to).step_by(step.unwrap_or(1) as usize) {
            days[(d % 7) as usize] = true;
        }
    }
    let names: Vec<&str> = (0..7).filter(|&d| days[d]).map(|d| DOW_NAMES[d]).collect();
    Ok(names.join(","))
}

fn crontab_day(s: &str) -> Result<u32, String> {
    if let Ok(n) = s.parse::<u32>() {
        return if n <= 7 { Ok(n) } else { Err(format!("day-of-week `{n}` is not in 0-7")) };
    }
    let full = "sunday monday tuesday wednesday thursday friday saturday";
    (0u32..)
        .zip(DOW_NAMES.iter().zip(full.split(' ')))
        .find(|(_, (abbr, name))| abbr.eq_ignore_ascii_case(s) || name.eq_ignore_ascii_case(s))
        .map(|(d, _)| d)
        .ok_or_else(|| format!("`{s}` is not a day of the week"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "2025-06-01T10:00" style, UTC, to keep expectations readable.
    fn utc(s: &str) -> DateTime<Utc> {
        format!("{s}:00Z").parse().unwrap()
    }

    fn utcs(list: &str) -> Vec<DateTime<Utc>> {
        list.split_whitespace().map(utc).collect()
    }

    fn sched(expr: &str) -> Schedule {
        Schedule::parse(expr, "Europe/Brussels").unwrap()
    }

    #[test]
    fn five_six_and_seven_fields() {
        let five = sched("  30 9 * * 1-5 ");
        assert_eq!(five.expression(), "30 9 * * 1-5");
        let (a, b) = (utc("2025-06-01T00:00"), utc("2025-07-01T00:00"));
        let firings = five.firings_between(a, b);
        assert_eq!(firings, sched("0 30 9 * * MON-FRI").firings_between(a, b));
        assert_eq!(firings.len(), 21);
        assert_eq!(firings[0], utc("2025-06-02T07:30")); // Monday 09:30 CEST
        let seven = sched("0 0 0 1 1 * 2030");
        assert_eq!(seven.next_after(a), Some(utc("2029-12-31T23:00")));
        assert_eq!(sched("@daily").next_after(a), Some(utc("2025-06-01T22:00")));
    }

    #[test]
    fn crontab_sunday_is_0_and_7() {
        let sun = utc("2025-06-01T10:00");
        for expr in ["0 12 * * 0", "0 12 * * 7", "0 12 * * sun", "0 12 * * 5-7/2"] {
            let next = Schedule::parse(expr, "UTC").unwrap().next_after(sun);
            assert_eq!(next, Some(utc("2025-06-01T12:00")), "{expr}");
        }
        let s = Schedule::parse("0 12 * * */3", "UTC").unwrap(); // Sun, Wed, Sat
        let got = s.firings_between(sun, utc("2025-06-08T00:00"));
        assert_eq!(got, utcs("2025-06-01T12:00 2025-06-04T12:00 2025-06-07T12:00"));
        let six = Schedule::parse("0 0 12 * * 1", "UTC").unwrap(); // cron crate: 1 = Sunday
        assert_eq!(six.next_after(sun), Some(utc("2025-06-01T12:00")));
    }

    #[test]
    fn default_quarterly_in_brussels() {
        let s = sched(DEFAULT_CHECK_IN_SCHEDULE);
        assert_eq!(s.time_zone(), chrono_tz::Europe::Brussels);
        let got = s.firings_between(utc("2024-12-01T00:00"), utc("2025-12-31T00:00"));
        // 00:00 CET in winter, 00:00 CEST in summer.
        let want = "2024-12-31T23:00 2025-03-31T22:00 2025-06-30T22:00 2025-09-30T22:00";
        assert_eq!(got, utcs(want));
        let next = s.next_after(utc("2025-09-30T22:00"));
        assert_eq!(next, Some(utc("2025-12-31T23:00")));
    }

    #[test]
    fn spring_gap_fires_at_end_of_gap() {
        let s = sched("30 2 * * *");
        let got = s.firings_between(utc("2025-03-29T00:00"), utc("2025-03-31T12:00"));
        assert_eq!(got, utcs("2025-03-29T01:30 2025-03-30T01:00 2025-03-31T00:30"));
        let at = utc("2025-03-30T01:00");
        assert_eq!(s.latest_at_or_before(at), Some(at));
        // A gap time and the first real time after it collapse into one firing.
        let got = sched("0 2,3 * * *").firings_between(at - Duration::hours(1), at);
        assert_eq!(got, vec![at]);
    }

    #[test]
    fn repeated_autumn_hour_fires_once() {
        let s = sched("*/30 * * * *");
        let got = s.firings_between(utc("2025-10-25T23:45"), utc("2025-10-26T02:30"));
        // 02:00 and 02:30 CEST fire; the same wall-clock times in CET do not; 03:00 CET does.
        let want = "2025-10-26T00:00 2025-10-26T00:30 2025-10-26T02:00 2025-10-26T02:30";
        assert_eq!(got, utcs(want));
        let at = utc("2025-10-26T01:15"); // 02:15 CET, second pass of the repeated hour
        assert_eq!(s.next_after(at), Some(utc("2025-10-26T02:00")));
        assert_eq!(s.latest_at_or_before(at), Some(utc("2025-10-26T00:30")));
    }

    #[test]
    fn invalid_expression_messages() {
        let e = Schedule::parse("0 0 1 */3", "UTC").unwrap_err();
        assert!(matches!(e, ScheduleError::InvalidExpression { .. }));
        let want = "`0 0 1 */3` is not a valid cron expression: expected 5, 6 or 7 fields \
                    but found 4. Accepted: 5 fields (min hour";
        assert!(e.to_string().starts_with(want), "{e}");
        for bad in ["0 0 32 * *", "0 0 * * 8", "0 0 * * 5-1", "0 0 * * funday", "x y z a b c"] {
            let msg = Schedule::parse(bad, "UTC").unwrap_err().to_string();
            let prefix = format!("`{bad}` is not a valid cron expression: ");
            assert!(msg.starts_with(&prefix) && !msg.contains('\n'), "{msg}");
        }
    }

    #[test]
    fn invalid_time_zone_message() {
        let e = Schedule::parse(DEFAULT_CHECK_IN_SCHEDULE, " Europe/Brusels ").unwrap_err();
        let want = "`Europe/Brusels` is not a known IANA time zone (for example Europe/Brussels)";
        assert_eq!(e.to_string(), want);
    }

    #[test]
    fn firings_between_is_exclusive_then_inclusive() {
        let s = Schedule::parse("0 * * * *", "UTC").unwrap();
        let (a, b) = (utc("2025-01-01T10:00"), utc("2025-01-01T12:00"));
        assert_eq!(s.firings_between(a, b), utcs("2025-01-01T11:00 2025-01-01T12:00"));
        assert!(s.firings_between(a, a).is_empty() && s.firings_between(b, a).is_empty());
        let ns = Duration::nanoseconds(1);
        let got = s.firings_between(a - ns, b - ns);
        assert_eq!(got, utcs("2025-01-01T10:00 2025-01-01T11:00"));
    }

    #[test]
    fn latest_at_or_before_boundaries() {
        let s = sched(DEFAULT_CHECK_IN_SCHEDULE);
        let firing = utc("2025-03-31T22:00");
        assert_eq!(s.latest_at_or_before(firing), Some(firing));
        let just_before = firing - Duration::nanoseconds(1);
        assert_eq!(s.latest_at_or_before(just_before), Some(utc("2024-12-31T23:00")));
        // Beyond the ~2 year horizon: Feb 29 on a Monday last happened in 2016.
        let (rare, at) = (sched("0 0 0 29 2 MON"), utc("2025-01-01T00:00"));
        assert_eq!(rare.latest_at_or_before(at), None);
        assert_eq!(rare.next_after(at), Some(utc("2044-02-28T23:00")));
        let never = sched("0 0 30 2 *");
        assert_eq!((never.latest_at_or_before(at), never.next_after(at)), (None, None));
    }

    #[test]
    fn tick_is_fast() {
        let (quarterly, minutely) = (sched(DEFAULT_CHECK_IN_SCHEDULE), sched("* * * * *"));
        let start = std::time::Instant::now();
        for i in 0..1000 {
            let at = utc("2025-05-17T13:37") + Duration::minutes(i);
            assert!(quarterly.latest_at_or_before(at).is_some());
            assert!(minutely.latest_at_or_before(at).is_some());
        }
        // ~2000 ticks; a generous bound for unoptimised builds on a shared machine.
        let elapsed = start.elapsed();
        assert!(elapsed < std::time::Duration::from_millis(1000), "{elapsed:?}");
    }
}
