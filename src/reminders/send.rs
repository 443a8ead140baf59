//! Queues the reminders that are due: "due soon" and "overdue" mails to each city that has not
//! submitted (and the round-opened mail to contacts added since), plus the escalation digest
//! to the secretariat listing late cities.
//!
//! Every email has an idempotency key `checkin:{round}:{city}:{contact}:{kind}:{step}` (or
//! `digest:{round}:{step}:{user}`), unique in the outbox, so reruns, restarts and a second
//! instance cannot queue a second copy. After downtime only the latest step of each kind is
//! sent, not one mail per missed step.

use super::plan::{self, PlannedReminder, ReminderKind};
use crate::check_ins::rounds::{self, city_key_prefix, effective_schedule};
use crate::check_ins::{links, CheckInState};
use crate::db::schema::{check_ins, cities, outbox, rounds as rounds_t};
use crate::db::DbConnection;
use crate::i18n;
use crate::ids::{CheckInId, CityId, RoundId};
use crate::mail::emails::{DueSoon, Email, EscalationDigest, LateCity, Overdue, RoundOpened};
use crate::mail::outbox::{enqueue, NewEmail};
use crate::scheduler::Env;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// The email a reminder sends, whose name is also the key's `{kind}`.
fn kind_name(k: ReminderKind) -> &'static str {
    match k {
        ReminderKind::RoundOpened => RoundOpened::TEMPLATE,
        ReminderKind::DueSoon => DueSoon::TEMPLATE,
        ReminderKind::Overdue => Overdue::TEMPLATE,
    }
}

fn kind_from(s: &str) -> Option<ReminderKind> {
    [ReminderKind::RoundOpened, ReminderKind::DueSoon, ReminderKind::Overdue].into_iter().find(|k| kind_name(*k) == s)
}

/// (kind, step) pairs already queued per city in a round, read from one query over the
/// round's keys `checkin:{round}:{city}:{contact}:{kind}:{step}`.
fn already_queued(conn: &mut DbConnection, round_id: i64) -> QueryResult<HashMap<i64, HashSet<(ReminderKind, u32)>>> {
    let prefix = format!("checkin:{round_id}:");
    let keys: Vec<String> = outbox::table
        .filter(outbox::round_id.eq(round_id))
        .filter(outbox::idempotency_key.like(format!("{prefix}%")))
        .select(outbox::idempotency_key)
        .load(conn)?;
    let mut out: HashMap<i64, HashSet<(ReminderKind, u32)>> = HashMap::new();
    for k in &keys {
        let mut parts = k[prefix.len()..].split(':');
        let parsed = (|| {
            let city: i64 = parts.next()?.parse().ok()?;
            let _contact = parts.next()?;
            let kind = kind_from(parts.next()?)?;
            let step: u32 = parts.next()?.parse().ok()?;
            Some((city, kind, step))
        })();
        if let Some((city, kind, step)) = parsed {
            out.entry(city).or_default().insert((kind, step));
        }
    }
    Ok(out)
}

fn key_exists(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
    Ok(outbox::table.filter(outbox::idempotency_key.eq(key)).count().get_result::<i64>(conn)? > 0)
}

/// Queues every reminder due at `now` for rounds still open. Returns how many emails were queued.
pub fn queue_due(conn: &mut DbConnection, env: &Env<'_>, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let schedule = effective_schedule(conn, env.settings)?;
    let open: Vec<rounds::RoundRow> = rounds_t::table
        .filter(rounds_t::closed_at.is_null().and(rounds_t::opened_at.le(now.naive_utc())))
        .select(rounds::RoundRow::as_select())
        .load(conn)?;
    let mut queued = 0;
    for round in open {
        let pending: Vec<(i64, i64, String, NaiveDateTime)> = check_ins::table
            .inner_join(cities::table)
            .filter(check_ins::round_id.eq(round.id))
            .filter(check_ins::state.eq_any(CheckInState::unanswered()))
            .order(check_ins::id)
            .select((check_ins::id, check_ins::city_id, cities::name, check_ins::due_at))
            .load(conn)?;
        let queued_by_city = already_queued(conn, round.id)?;
        let nothing = HashSet::new();
        for (check_in_id, city_id, city_name, due_at) in pending {
            let due_at = due_at.and_utc();
            let planned =
                plan::plan(round.opened_at.and_utc(), due_at, round.closes_at.and_utc(), &env.settings.reminders);
            let sent = queued_by_city.get(&city_id).unwrap_or(&nothing);
            for r in plan::due_now(&planned, due_at, now, sent) {
                queued += queue_city_reminder(
                    conn,
                    env,
                    &round,
                    CheckInId(check_in_id),
                    CityId(city_id),
                    &city_name,
                    due_at,
                    &r,
                    now,
                )?;
            }
        }
        queued += queue_digest(conn, env, &schedule, &round, now)?;
    }
    Ok(queued)
}

#[allow(clippy::too_many_arguments)]
fn queue_city_reminder(
    conn: &mut DbConnection,
    env: &Env<'_>,
    round: &rounds::RoundRow,
    check_in: CheckInId,
    city: CityId,
    city_name: &str,
    due_at: DateTime<Utc>,
    r: &PlannedReminder,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let (check_in_id, city_id) = (check_in.0, city.0);
    let schedule = effective_schedule(conn, env.settings)?;
    let due = rounds::due_date(&schedule, due_at.naive_utc());
    let days = match r.kind {
        ReminderKind::Overdue => (now - due_at).num_days().max(1),
        _ => (due_at - now).num_days().max(0),
    };
    let mut n = 0;
    for contact in rounds::recipients(conn, city_id)? {
        let key = format!(
            "{}{}:{}:{}",
            city_key_prefix(RoundId(round.id), CityId(city_id)),
            contact.id,
            kind_name(r.kind),
            r.step
        );
        if key_exists(conn, &key)? {
            continue;
        }
        // The link, the email and nothing else commit together.
        n += conn
            .transaction(|conn| -> anyhow::Result<usize> {
                let token = links::create(conn, check_in_id, Some(contact.id), round.closes_at.and_utc(), now)?;
                let lang = contact.language.clone();
                let network_name = env.network().to_owned();
                let contact_name = contact.name.clone();
                let city_name = city_name.to_owned();
                let period_label = i18n::period(round.period_start, round.period_end, &lang);
                let due_date = i18n::date(due, &lang);
                let link = env.url(&links::path(&token));
                let content = match r.kind {
                    ReminderKind::RoundOpened => RoundOpened {
                        network_name,
                        contact_name,
                        city_name,
                        period_label,
                        due_date,
                        link,
                        days: Some(days),
                    }
                    .into(),
                    ReminderKind::DueSoon => {
                        DueSoon { network_name, contact_name, city_name, period_label, due_date, days, link }.into()
                    }
                    ReminderKind::Overdue => {
                        Overdue { network_name, contact_name, city_name, period_label, due_date, days, link }.into()
                    }
                };
                let inserted = enqueue(
                    conn,
                    env.templates,
                    NewEmail {
                        idempotency_key: key.clone(),
                        content,
                        language: lang.clone(),
                        to_address: contact.email.clone(),
                        to_name: contact.name.clone(),
                        city_id: Some(city_id),
                        round_id: Some(round.id),
                        not_before: now,
                    },
                    now,
                )?;
                if !inserted {
                    // Another instance queued it first: drop the unused link with this transaction.
                    anyhow::bail!(AlreadyQueued);
                }
                Ok(1)
            })
            .or_else(|e| if e.is::<AlreadyQueued>() { Ok(0) } else { Err(e) })?;
    }
    Ok(n)
}

#[derive(Debug, thiserror::Error)]
#[error("already queued by another instance")]
struct AlreadyQueued;

/// The escalation digest: at each overdue step of the round's own due date, the secretariat
/// gets one list of the cities that are late (if any are).
fn queue_digest(
    conn: &mut DbConnection,
    env: &Env<'_>,
    schedule: &crate::check_ins::schedule::Schedule,
    round: &rounds::RoundRow,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let due_at = round.due_at.and_utc();
    let planned: Vec<PlannedReminder> =
        plan::plan(round.opened_at.and_utc(), due_at, round.closes_at.and_utc(), &env.settings.reminders)
            .into_iter()
            .filter(|r| r.kind == ReminderKind::Overdue)
            .collect();
    let prefix = format!("digest:{}:", round.id);
    let keys: Vec<String> = outbox::table
        .filter(outbox::idempotency_key.like(format!("{prefix}%")))
        .select(outbox::idempotency_key)
        .load(conn)?;
    let sent: HashSet<(ReminderKind, u32)> = keys
        .iter()
        .filter_map(|k| k[prefix.len()..].split(':').next()?.parse().ok().map(|s| (ReminderKind::Overdue, s)))
        .collect();
    let Some(step) = plan::due_now(&planned, due_at, now, &sent).into_iter().next() else { return Ok(0) };
    let late: Vec<(String, i64, NaiveDateTime)> = check_ins::table
        .inner_join(cities::table)
        .filter(check_ins::round_id.eq(round.id))
        .filter(check_ins::state.eq_any(CheckInState::unanswered()))
        .filter(check_ins::due_at.lt(now.naive_utc()))
        .order(cities::name)
        .select((cities::name, cities::id, check_ins::due_at))
        .load(conn)?;
    if late.is_empty() {
        return Ok(0);
    }
    let mut late_cities = vec![];
    for (name, city_id, city_due) in late {
        let contacts: Vec<String> = rounds::recipients(conn, city_id)?.into_iter().map(|c| c.name).collect();
        late_cities.push(LateCity { name, days_late: (now - city_due.and_utc()).num_days().max(1), contacts });
    }
    let stale = crate::actions::store::stale_per_city(conn, None, env.settings.staleness(now))?;
    let (stale_actions, stale_cities) = (stale.iter().map(|(_, n)| n).sum::<i64>(), stale.len() as i64);
    let mut n = 0;
    for (user_id, email, lang) in rounds::secretariat_readers(conn, env.settings.network.default_language())? {
        let inserted = enqueue(
            conn,
            env.templates,
            NewEmail {
                idempotency_key: format!("{prefix}{}:{user_id}", step.step),
                content: EscalationDigest {
                    network_name: env.network().to_owned(),
                    round_label: round.label.clone(),
                    due_date: i18n::date(rounds::due_date(schedule, round.due_at), lang),
                    late_cities: late_cities.clone(),
                    stale_actions,
                    stale_cities,
                    link: env.url(&format!("/rounds/{}", round.id)),
                }
                .into(),
                language: lang.tag().into(),
                to_address: email.clone(),
                to_name: email,
                city_id: None,
                round_id: Some(round.id),
                not_before: now,
            },
            now,
        )?;
        n += inserted as usize;
    }
    Ok(n)
}
