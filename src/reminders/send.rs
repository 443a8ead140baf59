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
use crate::cities::contacts::Contact;
use crate::db::schema::{check_ins, cities, outbox, rounds as rounds_t};
use crate::db::DbConnection;
use crate::i18n;
use crate::ids::{CheckInId, CityId, RoundId};
use crate::mail::emails::{DueSoon, Email, EscalationDigest, LateCity, Overdue, RoundOpened};
use crate::mail::outbox::{enqueue, enqueue_new, existing_keys, NewEmail};
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
        let mut due = vec![];
        for (check_in_id, city_id, city_name, due_at) in pending {
            let due_at = due_at.and_utc();
            let planned =
                plan::plan(round.opened_at.and_utc(), due_at, round.closes_at.and_utc(), &env.settings.reminders);
            let sent = queued_by_city.get(&city_id).unwrap_or(&nothing);
            for r in plan::due_now(&planned, due_at, now, sent) {
                due.push(DueReminder {
                    check_in: CheckInId(check_in_id),
                    city: CityId(city_id),
                    city_name: city_name.clone(),
                    due_at,
                    reminder: r,
                });
            }
        }
        queued += queue_city_reminders(conn, env, &schedule, &round, due, now)?;
        queued += queue_digest(conn, env, &schedule, &round, now)?;
    }
    Ok(queued)
}

/// A reminder due for one city's check-in, to go to each of its contacts.
struct DueReminder {
    check_in: CheckInId,
    city: CityId,
    city_name: String,
    due_at: DateTime<Utc>,
    reminder: PlannedReminder,
}

/// Queues the due reminders to every contact who receives them, each with its own link: the
/// keys already in the outbox are left out first, then the links and the emails are written
/// with multi-row inserts in one transaction (a step such as "due soon" reaches every city that
/// has not answered, at once). A key another instance queues meanwhile is skipped by the outbox
/// (its link from this pass then stays unused until the round closes).
fn queue_city_reminders(
    conn: &mut DbConnection,
    env: &Env<'_>,
    schedule: &crate::check_ins::schedule::Schedule,
    round: &rounds::RoundRow,
    due: Vec<DueReminder>,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    if due.is_empty() {
        return Ok(0);
    }
    let recipients = rounds::all_recipients(conn)?;
    let mut each: Vec<(&DueReminder, Contact, String)> = vec![];
    for d in &due {
        for contact in recipients.get(&d.city.0).into_iter().flatten() {
            let key = format!(
                "{}{}:{}:{}",
                city_key_prefix(RoundId(round.id), d.city),
                contact.id,
                kind_name(d.reminder.kind),
                d.reminder.step
            );
            each.push((d, contact.clone(), key));
        }
    }
    let keys: Vec<&str> = each.iter().map(|(_, _, k)| k.as_str()).collect();
    let existing = existing_keys(conn, &keys)?;
    each.retain(|(_, _, k)| !existing.contains(k));
    if each.is_empty() {
        return Ok(0);
    }
    // The links and the emails commit together.
    crate::db::transaction(conn, |conn| -> anyhow::Result<usize> {
        let wanted: Vec<(i64, Option<i64>)> = each.iter().map(|(d, c, _)| (d.check_in.0, Some(c.id))).collect();
        let tokens = links::create_many(conn, &wanted, round.closes_at.and_utc(), now)?;
        let emails = each
            .into_iter()
            .zip(tokens)
            .map(|((d, contact, key), token)| {
                let due = rounds::due_date(schedule, d.due_at.naive_utc());
                let days = match d.reminder.kind {
                    ReminderKind::Overdue => (now - d.due_at).num_days().max(1),
                    _ => (d.due_at - now).num_days().max(0),
                };
                let lang = contact.language.clone();
                let network_name = env.network().to_owned();
                let contact_name = contact.name.clone();
                let city_name = d.city_name.clone();
                let period_label = i18n::period(round.period_start, round.period_end, &lang);
                let due_date = i18n::date(due, &lang);
                let link = env.url(&links::path(&token));
                let content = match d.reminder.kind {
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
                NewEmail {
                    idempotency_key: key,
                    content,
                    language: lang,
                    to_address: contact.email,
                    to_name: contact.name,
                    city_id: Some(d.city.0),
                    round_id: Some(round.id),
                    not_before: now,
                }
            })
            .collect();
        enqueue_new(conn, env.templates, emails, now)
    })
}

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
    let mut recipients = rounds::all_recipients(conn)?;
    let mut late_cities = vec![];
    for (name, city_id, city_due) in late {
        let contacts: Vec<String> =
            recipients.remove(&city_id).unwrap_or_default().into_iter().map(|c| c.name).collect();
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
