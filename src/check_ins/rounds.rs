//! Opening rounds when the schedule fires and closing them when the next one opens.
//!
//! Each opening or closing is one transaction together with the emails it causes (written to
//! the outbox). The round's `opened_at` is unique, so two instances ticking at once cannot open
//! the same round twice; closing is a guarded UPDATE that only one of them wins.

use super::schedule::Schedule;
use super::{links, CheckInState, Round};
use crate::cities::contacts::{self, Contact};
use crate::config::Settings;
use crate::db::schema::{check_ins, cities, network_settings, plans, rounds, users};
use crate::db::{is_unique_violation, DbConnection};
use crate::i18n;
use crate::ids::{CityId, RoundId};
use crate::mail::emails::{RoundClosed, RoundOpened};
use crate::mail::outbox::{self, NewEmail};
use crate::scheduler::Env;
use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::SelectableHelper;

const SCHEDULE_KEY: &str = "check_ins.schedule";

/// The schedule in force: the secretariat's, if set through the API, else the configured one.
pub fn effective_schedule(conn: &mut DbConnection, settings: &Settings) -> anyhow::Result<Schedule> {
    let stored: Option<String> =
        network_settings::table.find(SCHEDULE_KEY).select(network_settings::value).first(conn).optional()?;
    match stored.and_then(|v| serde_json::from_str::<(String, String)>(&v).ok()) {
        Some((expr, tz)) => Schedule::parse(&expr, &tz).map_err(|e| anyhow::anyhow!("stored schedule: {e}")),
        None => settings.schedule(),
    }
}

/// Stores the secretariat's schedule (already validated).
pub fn set_schedule(conn: &mut DbConnection, schedule: &Schedule, by: &str, now: DateTime<Utc>) -> QueryResult<()> {
    let value = serde_json::to_string(&(schedule.expression(), schedule.time_zone().name())).unwrap();
    crate::db::transaction(conn, |conn| {
        diesel::delete(network_settings::table.find(SCHEDULE_KEY)).execute(conn)?;
        diesel::insert_into(network_settings::table)
            .values((
                network_settings::key.eq(SCHEDULE_KEY),
                network_settings::value.eq(value),
                network_settings::updated_by.eq(by),
                network_settings::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)
            .map(|_| ())
    })
}

/// The shape of a round opened by the firing at `opened_at`.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundTimes {
    pub opened_at: DateTime<Utc>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub due_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

/// A round covers the time since the previous firing, is due `due_days` later, and closes
/// when the next round opens.
pub fn round_times(schedule: &Schedule, opened_at: DateTime<Utc>, due_days: u32) -> RoundTimes {
    let tz = schedule.time_zone();
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    let period_end = local(opened_at).pred_opt().unwrap_or(local(opened_at));
    let period_start = schedule
        .latest_at_or_before(opened_at - Duration::seconds(1))
        .map(local)
        .unwrap_or_else(|| period_end - Duration::days(90));
    let closes_at = schedule.next_after(opened_at).unwrap_or(opened_at + Duration::days(365));
    let due_at = (opened_at + Duration::days(due_days as i64)).min(closes_at);
    RoundTimes { opened_at, period_start, period_end, due_at, closes_at }
}

/// The last day to submit, in the schedule's time zone (a due instant at midnight belongs to the day before).
pub fn due_date(schedule: &Schedule, due_at: NaiveDateTime) -> NaiveDate {
    (due_at.and_utc() - Duration::seconds(1)).with_timezone(&schedule.time_zone()).date_naive()
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = rounds)]
pub struct RoundRow {
    pub id: i64,
    pub opened_at: NaiveDateTime,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub label: String,
    pub due_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

impl From<RoundRow> for Round {
    fn from(r: RoundRow) -> Round {
        Round {
            id: r.id,
            label: r.label,
            period_start: r.period_start,
            period_end: r.period_end,
            opened_at: r.opened_at,
            due_at: r.due_at,
            closes_at: r.closes_at,
            closed_at: r.closed_at,
        }
    }
}

pub fn get(conn: &mut DbConnection, id: i64) -> QueryResult<Option<RoundRow>> {
    rounds::table.find(id).select(RoundRow::as_select()).first(conn).optional()
}

/// Cities that take part in a round: those with at least one adopted plan.
fn participating_cities(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    cities::table
        .filter(diesel::dsl::exists(
            plans::table.filter(plans::city_id.eq(cities::id).and(plans::status.eq("adopted"))),
        ))
        .order(cities::id)
        .select((cities::id, cities::name))
        .load(conn)
}

/// Contacts who receive reminders.
pub fn recipients(conn: &mut DbConnection, city_id: i64) -> QueryResult<Vec<Contact>> {
    Ok(contacts::for_city(conn, city_id)?.into_iter().filter(|c| c.receives_reminders).collect())
}

/// Every contact who receives reminders, by city, in one query.
pub fn all_recipients(conn: &mut DbConnection) -> QueryResult<std::collections::HashMap<i64, Vec<Contact>>> {
    use crate::db::schema::contacts as c;
    let all: Vec<Contact> =
        c::table.filter(c::receives_reminders.eq(true)).order(c::id).select(Contact::as_select()).load(conn)?;
    let mut by_city: std::collections::HashMap<i64, Vec<Contact>> = std::collections::HashMap::new();
    for contact in all {
        by_city.entry(contact.city_id).or_default().push(contact);
    }
    Ok(by_city)
}

/// Active secretariat users, who receive digests and summaries, with the language their emails
/// are written in: the one they chose for pages, else the network's default language.
pub fn secretariat_readers(
    conn: &mut DbConnection,
    default: i18n::Lang,
) -> QueryResult<Vec<(i64, String, i18n::Lang)>> {
    let rows: Vec<(i64, String, Option<String>)> = users::table
        .filter(users::role.eq("secretariat").and(users::disabled.eq(false)))
        .order(users::id)
        .select((users::id, users::email, users::language))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, lang)| (id, email, lang.as_deref().and_then(i18n::Lang::from_tag).unwrap_or(default)))
        .collect())
}

/// The idempotency-key prefix of every reminder about one city's check-in in one round.
pub fn city_key_prefix(round: RoundId, city: CityId) -> String {
    let (round_id, city_id) = (round.0, city.0);
    format!("checkin:{round_id}:{city_id}:")
}

/// Opens the round of the latest firing at or before `now`, unless it exists already or its
/// due date has passed (a fresh install does not open a round nobody can answer on time).
/// After downtime this opens the one missed round, once.
pub fn open_due(conn: &mut DbConnection, env: &Env<'_>, now: DateTime<Utc>) -> anyhow::Result<Option<i64>> {
    let schedule = effective_schedule(conn, env.settings)?;
    let Some(firing) = schedule.latest_at_or_before(now) else { return Ok(None) };
    let exists: i64 = rounds::table.filter(rounds::opened_at.eq(firing.naive_utc())).count().get_result(conn)?;
    if exists > 0 {
        return Ok(None);
    }
    let t = round_times(&schedule, firing, env.settings.check_ins.due_days);
    if now >= t.due_at {
        return Ok(None);
    }
    open(conn, env, &schedule, &t, now)
}

/// What opening a round now would do: its times, and the cities it would ask with the contacts
/// it would email. `Err` says why no round can open now.
pub struct Preview {
    pub times: RoundTimes,
    pub label: String,
    pub due_date: NaiveDate,
    /// (city, its contacts who receive reminders).
    pub cities: Vec<(String, Vec<Contact>)>,
}

/// Why a round cannot be opened now.
#[derive(Debug, PartialEq, Eq)]
pub enum NotNow {
    /// A round is still open (its label and when it closes).
    RoundOpen(String, NaiveDateTime),
    /// No city has an adopted plan, so nobody would be asked.
    NoCities,
    /// The period since the previous firing is empty (a round opened earlier today).
    EmptyPeriod(NaiveDate),
}

/// A round opened by the secretariat at `now`, rather than by the schedule: it covers the days
/// since the schedule's previous firing up to yesterday, is due `due_days` later (at the latest
/// when the schedule next fires) and closes when the schedule next fires. Only when no round is
/// open, so that a network's first round need not wait for the next quarter.
pub fn preview_now(
    conn: &mut DbConnection,
    env: &Env<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Preview, NotNow>> {
    let open: Option<(String, NaiveDateTime)> = rounds::table
        .filter(rounds::closed_at.is_null())
        .order(rounds::opened_at.desc())
        .select((rounds::label, rounds::closes_at))
        .first(conn)
        .optional()?;
    if let Some((label, closes)) = open {
        return Ok(Err(NotNow::RoundOpen(label, closes)));
    }
    let schedule = effective_schedule(conn, env.settings)?;
    let firing = now - Duration::nanoseconds(i64::from(now.timestamp_subsec_nanos()));
    let t = round_times(&schedule, firing, env.settings.check_ins.due_days);
    if t.period_end < t.period_start {
        return Ok(Err(NotNow::EmptyPeriod(t.period_start)));
    }
    let mut recipients = all_recipients(conn)?;
    let cities: Vec<(String, Vec<Contact>)> = participating_cities(conn)?
        .into_iter()
        .map(|(id, name)| (name, recipients.remove(&id).unwrap_or_default()))
        .collect();
    if cities.is_empty() {
        return Ok(Err(NotNow::NoCities));
    }
    let due_date = due_date(&schedule, t.due_at.naive_utc());
    let label = i18n::period(t.period_start, t.period_end, "en");
    Ok(Ok(Preview { times: t, label, due_date, cities }))
}

/// Opens the round `preview_now` described, at `now`; `Ok(None)` if one opened meanwhile.
pub fn open_now(
    conn: &mut DbConnection,
    env: &Env<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Option<i64>, NotNow>> {
    match preview_now(conn, env, now)? {
        Err(why) => Ok(Err(why)),
        Ok(p) => {
            let schedule = effective_schedule(conn, env.settings)?;
            Ok(Ok(open(conn, env, &schedule, &p.times, now)?))
        }
    }
}

/// Opens a round with these times: a check-in for every city with an adopted plan, a link and
/// an email for each of their contacts, in one transaction. `Ok(None)` when a round with the
/// same opening instant exists (another instance opened it).
fn open(
    conn: &mut DbConnection,
    env: &Env<'_>,
    schedule: &Schedule,
    t: &RoundTimes,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    let firing = t.opened_at;
    let result = crate::db::transaction(conn, |conn| -> anyhow::Result<i64> {
        // The insert comes first: it takes the write lock, and its unique key settles races.
        let round_id: i64 = diesel::insert_into(rounds::table)
            .values((
                rounds::opened_at.eq(firing.naive_utc()),
                rounds::period_start.eq(t.period_start),
                rounds::period_end.eq(t.period_end),
                rounds::label.eq(i18n::period(t.period_start, t.period_end, "en")),
                rounds::due_at.eq(t.due_at.naive_utc()),
                rounds::closes_at.eq(t.closes_at.naive_utc()),
                rounds::created_at.eq(now.naive_utc()),
            ))
            .returning(rounds::id)
            .get_result(conn)?;
        let due = due_date(schedule, t.due_at.naive_utc());
        let mut recipients_by_city = all_recipients(conn)?;
        let cities = participating_cities(conn)?;
        // Multi-row inserts: a round opening touches every city, and round trips dominate.
        let rows: Vec<_> = cities
            .iter()
            .map(|(city_id, _)| {
                (
                    check_ins::round_id.eq(round_id),
                    check_ins::city_id.eq(*city_id),
                    check_ins::state.eq(CheckInState::Open.as_str()),
                    check_ins::due_at.eq(t.due_at.naive_utc()),
                    check_ins::version.eq(1),
                    check_ins::created_at.eq(now.naive_utc()),
                    check_ins::updated_at.eq(now.naive_utc()),
                )
            })
            .collect();
        for chunk in rows.chunks(500) {
            crate::on_backend!(conn, |c| diesel::insert_into(check_ins::table).values(chunk).execute(c))?;
        }
        let ids: std::collections::HashMap<i64, i64> = check_ins::table
            .filter(check_ins::round_id.eq(round_id))
            .select((check_ins::city_id, check_ins::id))
            .load::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        let mut wanted = vec![];
        let mut addressed = vec![];
        for (city_id, city_name) in &cities {
            for contact in recipients_by_city.remove(city_id).unwrap_or_default() {
                wanted.push((ids[city_id], Some(contact.id)));
                addressed.push((*city_id, city_name.clone(), contact));
            }
        }
        let tokens = links::create_many(conn, &wanted, t.closes_at, now)?;
        let emails = addressed
            .into_iter()
            .zip(tokens)
            .map(|((city_id, city_name, contact), token)| {
                let lang = contact.language.clone();
                NewEmail {
                    idempotency_key: format!(
                        "{}{}:round_opened:0",
                        city_key_prefix(RoundId(round_id), CityId(city_id)),
                        contact.id
                    ),
                    content: RoundOpened {
                        network_name: env.network().to_owned(),
                        contact_name: contact.name.clone(),
                        city_name,
                        period_label: i18n::period(t.period_start, t.period_end, &lang),
                        due_date: i18n::date(due, &lang),
                        link: env.url(&links::path(&token)),
                        days: None,
                    }
                    .into(),
                    language: lang.clone(),
                    to_address: contact.email.clone(),
                    to_name: contact.name.clone(),
                    city_id: Some(city_id),
                    round_id: Some(round_id),
                    not_before: now,
                }
            })
            .collect();
        outbox::enqueue_many(conn, env.templates, emails, now)?;
        Ok(round_id)
    });
    match result {
        Ok(id) => {
            tracing::info!(round = id, opened_at = %firing, "check-in round opened");
            Ok(Some(id))
        }
        Err(e) if e.downcast_ref::<diesel::result::Error>().is_some_and(is_unique_violation) => Ok(None),
        Err(e) => Err(e).context("opening a check-in round"),
    }
}

/// Closes rounds whose closing time has passed: unsubmitted check-ins become missed, pending
/// reminders are cancelled, and the secretariat gets a summary. Returns the rounds closed.
pub fn close_due(conn: &mut DbConnection, env: &Env<'_>, now: DateTime<Utc>) -> anyhow::Result<Vec<i64>> {
    let due: Vec<i64> = rounds::table
        .filter(rounds::closed_at.is_null().and(rounds::closes_at.le(now.naive_utc())))
        .order(rounds::id)
        .select(rounds::id)
        .load(conn)?;
    let mut closed = vec![];
    for round_id in due {
        let won = crate::db::transaction(conn, |conn| -> anyhow::Result<bool> {
            let n = diesel::update(rounds::table.find(round_id).filter(rounds::closed_at.is_null()))
                .set(rounds::closed_at.eq(now.naive_utc()))
                .execute(conn)?;
            if n == 0 {
                return Ok(false); // another instance closed it
            }
            diesel::update(
                check_ins::table
                    .filter(check_ins::round_id.eq(round_id))
                    .filter(check_ins::state.eq_any(CheckInState::unanswered())),
            )
            .set((check_ins::state.eq(CheckInState::Missed.as_str()), check_ins::updated_at.eq(now.naive_utc())))
            .execute(conn)?;
            outbox::cancel_queued(conn, &format!("checkin:{round_id}:"), now)?;
            outbox::cancel_queued(conn, &format!("digest:{round_id}:"), now)?;
            send_summary(conn, env, round_id, now)?;
            Ok(true)
        })?;
        if won {
            tracing::info!(round = round_id, "check-in round closed");
            closed.push(round_id);
        }
    }
    Ok(closed)
}

fn send_summary(conn: &mut DbConnection, env: &Env<'_>, round_id: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
    let round = get(conn, round_id)?.context("round vanished")?;
    let schedule = effective_schedule(conn, env.settings)?;
    let rows: Vec<(String, String, NaiveDateTime, Option<NaiveDateTime>)> = check_ins::table
        .inner_join(cities::table)
        .filter(check_ins::round_id.eq(round_id))
        .order(cities::name)
        .select((cities::name, check_ins::state, check_ins::due_at, check_ins::submitted_at))
        .load(conn)?;
    let (mut on_time, mut late, mut missed) = (vec![], vec![], vec![]);
    for (name, _state, due_at, submitted) in rows {
        match submitted {
            Some(s) if s <= due_at => on_time.push(name),
            Some(_) => late.push(name),
            None => missed.push(name),
        }
    }
    for (user_id, email, lang) in secretariat_readers(conn, env.settings.network.default_language())? {
        outbox::enqueue(
            conn,
            env.templates,
            NewEmail {
                idempotency_key: format!("round_closed:{round_id}:{user_id}"),
                content: RoundClosed {
                    network_name: env.network().to_owned(),
                    round_label: round.label.clone(),
                    due_date: i18n::date(due_date(&schedule, round.due_at), lang),
                    on_time: on_time.clone(),
                    late: late.clone(),
                    missed: missed.clone(),
                    link: env.url(&format!("/rounds/{round_id}")),
                }
                .into(),
                language: lang.tag().into(),
                to_address: email.clone(),
                to_name: email,
                city_id: None,
                round_id: Some(round_id),
                not_before: now,
            },
            now,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarterly_round_covers_the_previous_quarter_and_closes_at_the_next() {
        let s = Schedule::parse("0 0 1 1,4,7,10 *", "Europe/Brussels").unwrap();
        let firing: DateTime<Utc> = "2026-12-31T23:00:00Z".parse().unwrap(); // 1 January 2027, 00:00 in Brussels
        let t = round_times(&s, firing, 30);
        assert_eq!(t.period_start, "2026-10-01".parse::<NaiveDate>().unwrap());
        assert_eq!(t.period_end, "2026-12-31".parse::<NaiveDate>().unwrap());
        assert_eq!(t.due_at, "2027-01-30T23:00:00Z".parse::<DateTime<Utc>>().unwrap());
        assert_eq!(t.closes_at, "2027-03-31T22:00:00Z".parse::<DateTime<Utc>>().unwrap()); // 1 April, summer time
        assert_eq!(due_date(&s, t.due_at.naive_utc()), "2027-01-30".parse::<NaiveDate>().unwrap());
        assert_eq!(i18n::period(t.period_start, t.period_end, "en"), "Q4 2026");
    }
}
