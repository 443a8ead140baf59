//! The monthly reminder about stale actions: once per calendar month (in the network's time
//! zone) each city with open actions nobody has updated for `actions.stale_after_days` gets one
//! email per contact who receives reminders, listing those actions with a link to update each.
//!
//! Once per city per month, across instances: every email's idempotency key starts with
//! `stale:<YYYY-MM>:<city>:`, a city with any such key this month is skipped, and the outbox's
//! unique key turns a second instance's concurrent insert into a no-op.

use crate::actions::store::{stale_of, stale_per_city, StaleAction};
use crate::check_ins::rounds::{self, effective_schedule};
use crate::db::schema::outbox;
use crate::db::DbConnection;
use crate::i18n;
use crate::mail::emails::{StaleActions, StaleItem};
use crate::mail::outbox::{enqueue_many, NewEmail};
use crate::scheduler::Env;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// The key prefix of a month's stale-action emails.
fn month_prefix(month: &str) -> String {
    format!("stale:{month}:")
}

/// Queues this month's email for every city with stale actions that has not had it yet.
/// Returns how many emails were queued.
pub fn queue_monthly(conn: &mut DbConnection, env: &Env<'_>, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let staleness = env.settings.staleness(now);
    let with_stale: Vec<i64> = stale_per_city(conn, None, staleness)?.into_iter().map(|(city, _)| city).collect();
    if with_stale.is_empty() {
        return Ok(0);
    }
    let tz = effective_schedule(conn, env.settings)?.time_zone();
    let month = now.with_timezone(&tz).format("%Y-%m").to_string();
    let prefix = month_prefix(&month);
    let done: HashSet<i64> = outbox::table
        .filter(outbox::idempotency_key.like(format!("{prefix}%")))
        .select(outbox::idempotency_key)
        .load::<String>(conn)?
        .iter()
        .filter_map(|k| k[prefix.len()..].split(':').next()?.parse().ok())
        .collect();
    let due: Vec<i64> = with_stale.into_iter().filter(|c| !done.contains(c)).collect();
    if due.is_empty() {
        return Ok(0);
    }
    let mut by_city: BTreeMap<i64, Vec<StaleAction>> = BTreeMap::new();
    for a in stale_of(conn, &due, staleness)? {
        by_city.entry(a.city_id).or_default().push(a);
    }
    let names: BTreeMap<i64, String> = crate::db::schema::cities::table
        .filter(crate::db::schema::cities::id.eq_any(&due))
        .select((crate::db::schema::cities::id, crate::db::schema::cities::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    // One query for every recipient, and the emails queued with multi-row inserts in one
    // transaction: a month's run touches a tenth of the network at once.
    let mut recipients = rounds::all_recipients(conn)?;
    let mut emails = vec![];
    for (city_id, actions) in by_city {
        let city_name = names.get(&city_id).cloned().unwrap_or_default();
        for contact in recipients.remove(&city_id).unwrap_or_default() {
            let items = actions
                .iter()
                .map(|a| StaleItem {
                    title: a.title.clone(),
                    commitment: a.commitment.clone(),
                    updated: i18n::date(a.updated_at.and_utc().with_timezone(&tz).date_naive(), &contact.language),
                    link: env.url(&format!("/actions/{}/edit", a.id)),
                })
                .collect();
            emails.push(NewEmail {
                idempotency_key: format!("{prefix}{city_id}:{}", contact.id),
                content: StaleActions {
                    network_name: env.network().to_owned(),
                    contact_name: contact.name.clone(),
                    city_name: city_name.clone(),
                    days: env.settings.actions.stale_after_days,
                    actions: items,
                    link: env.url(&format!("/cities/{city_id}")),
                }
                .into(),
                language: contact.language.clone(),
                to_address: contact.email.clone(),
                to_name: contact.name.clone(),
                city_id: Some(city_id),
                round_id: None,
                not_before: now,
            });
        }
    }
    let queued = crate::db::transaction(conn, |c| enqueue_many(c, env.templates, emails, now))?;
    Ok(queued)
}
