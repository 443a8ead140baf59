//! Reminder planning for one check-in, kept free of I/O so the whole policy can be
//! tested with fixed instants and replayed after downtime.
//!
//! Steps are numbered 0.. within each kind in send order, so "a later step was sent"
//! reliably means "every earlier step is obsolete". All "days" are 24-hour periods.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    RoundOpened,
    DueSoon,
    Overdue,
}

impl ReminderKind {
    /// Tie-break for reminders at the same instant: the natural reading order of the mails.
    fn rank(self) -> u8 {
        match self {
            Self::RoundOpened => 0,
            Self::DueSoon => 1,
            Self::Overdue => 2,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedReminder {
    pub kind: ReminderKind,
    /// 0-based index within kind, in send order.
    pub step: u32,
    pub send_at: DateTime<Utc>,
}

impl PlannedReminder {
    fn new(kind: ReminderKind, step: u32, send_at: DateTime<Utc>) -> Self {
        Self { kind, step, send_at }
    }
}

/// `#[serde(default)]` so a config file only needs to name the fields it changes.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReminderPolicy {
    /// Days before the deadline; 0 is ignored (it could never be sent, see `due_now`).
    pub due_soon_days: Vec<u32>,
    /// Days after the deadline; an empty list disables overdue reminders entirely.
    pub overdue_days: Vec<u32>,
    /// Repeat interval after the last `overdue_days` entry; 0 disables repetition.
    pub overdue_repeat_days: u32,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        Self { due_soon_days: vec![7, 1], overdue_days: vec![1, 7], overdue_repeat_days: 14 }
    }
}

/// All reminders for a check-in opened at `opened_at`, due at `due_at` (end of due date),
/// in a round closing at `closes_at`, ordered by send_at then kind.
///
/// Nothing but `RoundOpened` is planned at or after `closes_at`: once a round closes,
/// nagging about it only confuses. DueSoon instants before `opened_at` are dropped
/// (short round) rather than clamped, so the city never gets two mails on day one.
pub fn plan(
    opened_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    policy: &ReminderPolicy,
) -> Vec<PlannedReminder> {
    let days = |d: &u32| Duration::days(i64::from(*d));
    let mut out = vec![PlannedReminder::new(ReminderKind::RoundOpened, 0, opened_at)];

    let due_soon = policy.due_soon_days.iter().filter(|d| **d > 0);
    let mut due_soon: Vec<_> = due_soon.map(|d| due_at - days(d)).collect();
    due_soon.retain(|t| *t >= opened_at && *t < closes_at);
    push_steps(&mut out, ReminderKind::DueSoon, due_soon);

    let overdue = policy.overdue_days.iter();
    let mut overdue: Vec<_> = overdue.map(|d| due_at + days(d)).collect();
    overdue.sort();
    if let (Some(&last), true) = (overdue.last(), policy.overdue_repeat_days > 0) {
        let every = days(&policy.overdue_repeat_days);
        let repeats = std::iter::successors(Some(last + every), |t| Some(*t + every));
        overdue.extend(repeats.take_while(|t| *t < closes_at));
    }
    overdue.retain(|t| *t < closes_at);
    push_steps(&mut out, ReminderKind::Overdue, overdue);

    out.sort_by_key(|r| (r.send_at, r.kind.rank(), r.step));
    out
}

/// Sorts and dedups first so step numbers follow send order whatever the policy order.
fn push_steps(out: &mut Vec<PlannedReminder>, kind: ReminderKind, mut at: Vec<DateTime<Utc>>) {
    at.sort();
    at.dedup();
    let steps = (0u32..).zip(at);
    out.extend(steps.map(|(step, send_at)| PlannedReminder::new(kind, step, send_at)));
}

/// Reminders to send at `now`, given the (kind, step) pairs already queued.
///
/// After downtime several steps of one kind can be due at once; only the latest is
/// returned so the city gets one mail, and every step at or before a sent step counts
/// as done, so a skipped step never fires late. DueSoon is dropped entirely once
/// `now >= due_at` because "due in 1 day" after the deadline is wrong, which is why this
/// takes `due_at` (the planned reminders alone do not carry it).
pub fn due_now(
    planned: &[PlannedReminder],
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
    already_sent: &HashSet<(ReminderKind, u32)>,
) -> Vec<PlannedReminder> {
    let mut done: HashMap<ReminderKind, u32> = HashMap::new();
    for &(kind, step) in already_sent {
        let max = done.entry(kind).or_insert(step);
        *max = (*max).max(step);
    }
    let mut latest: HashMap<ReminderKind, &PlannedReminder> = HashMap::new();
    for r in planned {
        let superseded = done.get(&r.kind).is_some_and(|&max| r.step <= max);
        let stale = r.kind == ReminderKind::DueSoon && now >= due_at;
        if r.send_at > now || superseded || stale {
            continue;
        }
        let slot = latest.entry(r.kind).or_insert(r);
        if (r.send_at, r.step) > (slot.send_at, slot.step) {
            *slot = r;
        }
    }
    let mut out: Vec<PlannedReminder> = latest.into_values().cloned().collect();
    out.sort_by_key(|r| (r.send_at, r.kind.rank(), r.step));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReminderKind::*;

    /// "2025-04-30T22" style (whole hours, UTC) to keep expectations readable.
    fn utc(s: &str) -> DateTime<Utc> {
        format!("{s}:00:00Z").parse().unwrap()
    }

    /// Parses "<r|d|o><step>@<instant>" items, e.g. "o1@2025-05-07T22".
    fn rs(list: &str) -> Vec<PlannedReminder> {
        let item = |it: &str| {
            let (kind, at) = it.split_once('@').unwrap();
            let k = [("r", RoundOpened), ("d", DueSoon), ("o", Overdue)];
            let kind_of = |c: &str| k.iter().find(|(n, _)| *n == c).unwrap().1;
            let (step, send_at) = (kind[1..].parse().unwrap(), utc(at));
            PlannedReminder::new(kind_of(&kind[..1]), step, send_at)
        };
        list.split_whitespace().map(item).collect()
    }

    const OPEN: &str = "2025-03-31T22";
    const DUE: &str = "2025-04-30T22";
    const CLOSE: &str = "2025-06-30T22";

    fn default_plan(open: &str, close: &str) -> Vec<PlannedReminder> {
        plan(utc(open), utc(DUE), utc(close), &ReminderPolicy::default())
    }

    fn sent(pairs: &[(ReminderKind, u32)]) -> HashSet<(ReminderKind, u32)> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn default_policy_thirty_day_round() {
        let want = "r0@2025-03-31T22 d0@2025-04-23T22 d1@2025-04-29T22 o0@2025-05-01T22 \
                    o1@2025-05-07T22 o2@2025-05-21T22 o3@2025-06-04T22 o4@2025-06-18T22";
        assert_eq!(default_plan(OPEN, CLOSE), rs(want));
    }

    #[test]
    fn short_round_keeps_only_reachable_due_soon() {
        let got = default_plan("2025-04-27T22", CLOSE);
        assert_eq!(got[..3], rs("r0@2025-04-27T22 d0@2025-04-29T22 o0@2025-05-01T22"));
    }

    #[test]
    fn overdue_repetition_stops_strictly_before_close() {
        let at_close = default_plan(OPEN, "2025-06-18T22"); // exactly where o4 would be
        assert_eq!(at_close.last(), rs("o3@2025-06-04T22").first());
        let early = default_plan(OPEN, "2025-05-02T22");
        assert_eq!(early.last(), rs("o0@2025-05-01T22").first());
        let no_repeat = ReminderPolicy { overdue_repeat_days: 0, ..Default::default() };
        let got = plan(utc(OPEN), utc(DUE), utc(CLOSE), &no_repeat);
        assert_eq!(got.last(), rs("o1@2025-05-07T22").first());
        let no_overdue = ReminderPolicy { overdue_days: vec![], ..Default::default() };
        let got = plan(utc(OPEN), utc(DUE), utc(CLOSE), &no_overdue);
        assert!(got.iter().all(|r| r.kind != Overdue));
    }

    #[test]
    fn ordering_duplicates_and_ties() {
        // Unsorted, duplicated policy; the 7-day due-soon lands exactly on the opening.
        let policy =
            ReminderPolicy { due_soon_days: vec![1, 7, 7, 0], overdue_days: vec![7, 1, 7], overdue_repeat_days: 30 };
        let got = plan(utc("2025-04-23T22"), utc(DUE), utc(CLOSE), &policy);
        let want = "r0@2025-04-23T22 d0@2025-04-23T22 d1@2025-04-29T22 \
                    o0@2025-05-01T22 o1@2025-05-07T22 o2@2025-06-06T22";
        assert_eq!(got, rs(want));
    }

    #[test]
    fn due_now_normal_progression() {
        let (p, due) = (default_plan(OPEN, CLOSE), utc(DUE));
        assert_eq!(due_now(&p, due, utc(OPEN), &sent(&[])), rs("r0@2025-03-31T22"));
        let opened = sent(&[(RoundOpened, 0)]);
        let almost = utc("2025-04-23T22") - Duration::seconds(1);
        assert!(due_now(&p, due, almost, &opened).is_empty());
        let got = due_now(&p, due, utc("2025-04-23T22"), &opened);
        assert_eq!(got, rs("d0@2025-04-23T22"));
    }

    #[test]
    fn due_now_catch_up_sends_one_per_kind() {
        let (p, due) = (default_plan(OPEN, CLOSE), utc(DUE));
        // Down from before the first due-soon until just before the deadline.
        let opened = sent(&[(RoundOpened, 0)]);
        let got = due_now(&p, due, utc("2025-04-30T21"), &opened);
        assert_eq!(got, rs("d1@2025-04-29T22"));
        // Exactly at the deadline the 1-day due-soon is already too late.
        assert!(due_now(&p, due, due, &opened).is_empty());
        // Down past the deadline: due-soon is stale, only the latest overdue goes out.
        let now = utc("2025-05-10T00");
        assert_eq!(due_now(&p, due, now, &opened), rs("o1@2025-05-07T22"));
        // The skipped overdue step 0 never fires later.
        let after = sent(&[(RoundOpened, 0), (Overdue, 1)]);
        assert!(due_now(&p, due, now, &after).is_empty());
        let got = due_now(&p, due, utc("2025-05-21T22"), &after);
        assert_eq!(got, rs("o2@2025-05-21T22"));
        // Never started at all: opening mail first, then the overdue one.
        let got = due_now(&p, due, now, &sent(&[]));
        assert_eq!(got, rs("r0@2025-03-31T22 o1@2025-05-07T22"));
    }

    #[test]
    fn kind_deserializes_snake_case() {
        use serde::de::{value::Error, value::StrDeserializer, IntoDeserializer};
        use serde::Deserialize;
        let de: StrDeserializer<'_, Error> = "due_soon".into_deserializer();
        assert_eq!(ReminderKind::deserialize(de), Ok(DueSoon));
    }
}
