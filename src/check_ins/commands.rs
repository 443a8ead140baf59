//! Checked, validated changes to the check-in schedule and to check-ins, shared by the API and
//! the pages, and the reads both show (the schedule in force with its next firings, rounds).
//!
//! A check-in's form is filled in by a signed-in editor of the city (or the secretariat), or by
//! whoever holds a live link from a reminder email. Both ways in are checked here, once, and
//! give an [`Opened`] check-in; saving a draft and submitting take one, so neither the API
//! nor the pages can write a check-in they have not opened.

use super::content::CheckInContent;
use super::links;
use super::schedule::{Schedule, ScheduleError};
use super::{rounds, store, CheckIn, ExtendInput, ScheduleInput, ScheduleOut};
use crate::auth::Caller;
use crate::config::Settings;
use crate::db::schema::rounds as rounds_t;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::Actor;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// How many coming firings `schedule_in_force` lists.
const NEXT_FIRINGS: usize = 5;

/// The schedule, where it comes from, and its next firings after `now`.
pub fn describe(s: &Schedule, source: &str, now: DateTime<Utc>) -> ScheduleOut {
    let mut next = vec![];
    let mut at = now;
    for _ in 0..NEXT_FIRINGS {
        match s.next_after(at) {
            Some(n) => {
                next.push(n);
                at = n;
            }
            None => break,
        }
    }
    ScheduleOut {
        expression: s.expression().into(),
        time_zone: s.time_zone().name().into(),
        source: source.into(),
        next,
    }
}

/// The check-in schedule in force: the secretariat's if set, else the configured one.
pub fn schedule_in_force(conn: &mut DbConnection, settings: &Settings, now: DateTime<Utc>) -> ApiResult<ScheduleOut> {
    let s = rounds::effective_schedule(conn, settings)?;
    let source = if s.expression() == settings.check_ins.schedule.trim()
        && s.time_zone().name() == settings.check_ins.time_zone
    {
        "configuration"
    } else {
        "secretariat"
    };
    Ok(describe(&s, source, now))
}

/// Checks a schedule as typed; the error names `expression` or `time_zone` and says what is accepted.
pub fn parse_schedule(input: &ScheduleInput, now: DateTime<Utc>) -> ApiResult<Schedule> {
    let s = Schedule::parse(&input.expression, &input.time_zone).map_err(|e| {
        let field = match e {
            ScheduleError::InvalidExpression { .. } => "expression",
            ScheduleError::InvalidTimeZone { .. } => "time_zone",
        };
        ApiError::Validation(vec![FieldError::new(field, e.to_string())])
    })?;
    if let Some(why) = s.too_frequent_for_rounds(now) {
        return Err(ApiError::Validation(vec![
            FieldError::new("expression", why).accepting("a schedule that fires at most once a day")
        ]));
    }
    Ok(s)
}

/// Changes the check-in schedule (secretariat only); returns it as now in force.
pub fn set_schedule(
    conn: &mut DbConnection,
    caller: &Caller,
    input: &ScheduleInput,
    now: DateTime<Utc>,
) -> ApiResult<ScheduleOut> {
    caller.require_secretariat()?;
    let s = parse_schedule(input, now)?;
    rounds::set_schedule(conn, &s, &caller.email, now)?;
    Ok(describe(&s, "secretariat", now))
}

/// Gives one city's check-in a new due date with a reason (secretariat only). `expected` is
/// the check-in's version the person saw, when they saw one (the pages send it; the API
/// never did): a check-in changed since then is a `Conflict`.
pub fn extend(
    conn: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    id: i64,
    input: &ExtendInput,
    expected: Option<i32>,
    now: DateTime<Utc>,
) -> ApiResult<CheckIn> {
    caller.require_secretariat()?;
    let date = match crate::validation::date("due_date", &input.due_date) {
        Ok(d) => d,
        Err(e) => {
            // Every mistake at once: the reason too, which `store::extend` would check next.
            let mut errors = vec![e];
            errors.extend(crate::validation::required_text("reason", &input.reason, 1000).err());
            return Err(ApiError::Validation(errors));
        }
    };
    if let Some(expected) = expected {
        let current = store::get(conn, settings, id)?.check_in.version;
        if current != expected {
            return Err(ApiError::version_conflict("check-in", current, expected));
        }
    }
    Ok(store::extend(conn, settings, id, date, &input.reason, &caller.email, now)?.check_in)
}

/// A page of rounds, newest first, and how many there are.
pub fn rounds(conn: &mut DbConnection, limit: i64, offset: i64) -> ApiResult<(Vec<rounds::RoundRow>, i64)> {
    let total = rounds_t::table.count().get_result(conn)?;
    let rows = rounds_t::table
        .order(rounds_t::opened_at.desc())
        .limit(limit)
        .offset(offset)
        .select(rounds::RoundRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// A check-in its filler may change, and who they are for its history. Made only by
/// [`open_signed_in`] and [`open_by_link`].
#[derive(Clone, Debug)]
pub struct Opened {
    id: i64,
    actor: Actor,
}

impl Opened {
    pub fn id(&self) -> i64 {
        self.id
    }
}

/// A check-in of a city the caller may change (its editors and the secretariat).
pub fn open_signed_in(conn: &mut DbConnection, settings: &Settings, caller: &Caller, id: i64) -> ApiResult<Opened> {
    let f = store::get(conn, settings, id)?;
    caller.can_edit_city(f.check_in.city_id)?;
    Ok(Opened { id, actor: caller.actor() })
}

/// The check-in a live emailed link opens, as the contact it was sent to. An unknown token is
/// a 404 and a link whose round has closed a 410, each saying what to do.
pub fn open_by_link(conn: &mut DbConnection, token: &str, now: DateTime<Utc>) -> ApiResult<Opened> {
    match links::resolve(conn, token, now)? {
        Ok((id, contact)) => {
            let label = match contact {
                Some(cid) => crate::cities::contacts::for_id(conn, cid)?
                    .map(|x| format!("{} <{}> (emailed link)", x.name, x.email)),
                None => None,
            }
            .unwrap_or_else(|| "emailed link".into());
            Ok(Opened { id, actor: Actor { user_id: None, label } })
        }
        Err(links::Refusal::Unknown) => Err(ApiError::not_found(
            "this link is not valid: check that the whole address was copied, or ask the secretariat for a new one",
        )),
        Err(links::Refusal::Expired) => Err(ApiError::Gone(
            "this link has expired because its check-in round has closed; please contact the secretariat".into(),
        )),
    }
}

/// Saves an opened check-in's form as a draft, if it is still at version `expected`.
pub fn save_draft(
    conn: &mut DbConnection,
    settings: &Settings,
    opened: &Opened,
    expected: i32,
    content: &CheckInContent,
    now: DateTime<Utc>,
) -> ApiResult<store::Full> {
    store::save_draft(conn, settings, opened.id, expected, content, now)
}

/// Submits an opened check-in (`content`, or its saved draft when absent), recorded under
/// whoever opened it.
pub fn submit(
    conn: &mut DbConnection,
    settings: &Settings,
    opened: &Opened,
    expected: i32,
    content: Option<&CheckInContent>,
    now: DateTime<Utc>,
) -> ApiResult<store::Full> {
    store::submit(conn, settings, opened.id, expected, content, &opened.actor, now)
}

/// Why no round can be opened now, in words for the secretariat.
pub fn not_now_reason(why: &rounds::NotNow) -> String {
    match why {
        rounds::NotNow::RoundOpen(label, closes) => format!(
            "round {label} is still open until {}; the next round opens on the schedule when it closes",
            crate::i18n::date(closes.date(), "en")
        ),
        rounds::NotNow::NoCities => {
            "no city has an adopted action plan yet, so a round would ask nobody; a round asks the cities with an adopted plan".into()
        }
        rounds::NotNow::EmptyPeriod(start) => format!(
            "a round already covers the days up to yesterday (a new one would cover {} to yesterday, which is empty); the next round opens on the schedule",
            crate::i18n::date(*start, "en")
        ),
    }
}

/// What opening a round now would do (secretariat only): its period, due date and the cities
/// and contacts it would email, or why it cannot open.
pub fn preview_round_now(
    conn: &mut DbConnection,
    env: &crate::scheduler::Env<'_>,
    caller: &Caller,
    now: DateTime<Utc>,
) -> ApiResult<Result<rounds::Preview, rounds::NotNow>> {
    caller.require_secretariat()?;
    Ok(rounds::preview_now(conn, env, now)?)
}

/// Opens a check-in round now (secretariat only), when none is open: a network's first round
/// need not wait for the schedule. A refusal is a `StateConflict` saying why.
pub fn open_round_now(
    conn: &mut DbConnection,
    env: &crate::scheduler::Env<'_>,
    caller: &Caller,
    now: DateTime<Utc>,
) -> ApiResult<rounds::RoundRow> {
    caller.require_secretariat()?;
    let id = match rounds::open_now(conn, env, now)? {
        Ok(Some(id)) => id,
        Ok(None) => {
            return Err(ApiError::StateConflict("a round opened at this very moment already; reload the rounds".into()))
        }
        Err(why) => return Err(ApiError::StateConflict(not_now_reason(&why))),
    };
    tracing::info!(round = id, by = %caller.email, "check-in round opened by hand");
    rounds::get(conn, id)?.ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("round {id} vanished")))
}

/// Accepts a submitted check-in or asks the city for changes (the secretariat only: a city
/// cannot accept its own answer). Returns the check-in as it now stands.
pub fn review(
    conn: &mut DbConnection,
    env: &crate::scheduler::Env<'_>,
    caller: &Caller,
    id: i64,
    input: &super::review::ReviewInput,
    now: DateTime<Utc>,
) -> ApiResult<CheckIn> {
    caller.require_secretariat()?;
    Ok(super::review::review(conn, env, id, input, &caller.actor(), now)?.check_in)
}

/// The check-ins waiting for review, the longest waiting first (the secretariat only).
pub fn review_queue(
    conn: &mut DbConnection,
    caller: &Caller,
    now: DateTime<Utc>,
) -> ApiResult<Vec<super::review::Waiting>> {
    caller.require_secretariat()?;
    Ok(super::review::queue(conn, now)?)
}

/// The city's calendar feed as iCalendar text (check-in due dates with extensions, open
/// actions' due dates); the caller has been checked or holds the city's calendar token.
fn feed(conn: &mut DbConnection, settings: &Settings, city_id: i64, now: DateTime<Utc>) -> ApiResult<String> {
    let city = crate::cities::store::require(conn, city_id)?;
    let list = store::for_city(conn, settings, city_id)?;
    let actions = crate::actions::store::open_with_due_dates(conn, city_id)?;
    let host = url::Url::parse(settings.public_base())
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "charter-tracker".into());
    Ok(super::ics::calendar(&city.name, &list, &actions, &host, &settings.network.name, now))
}

/// The feed for someone signed in who may read the city.
pub fn city_calendar(
    conn: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    city_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    caller.can_read_city(city_id)?;
    feed(conn, settings, city_id, now)
}

/// The feed a secret calendar address opens; an unknown or revoked token is a 404.
pub fn calendar_by_token(
    conn: &mut DbConnection,
    settings: &Settings,
    token: &str,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    let city_id = super::calendar::resolve(conn, token)?.ok_or_else(|| {
        ApiError::not_found(
            "this calendar address does not exist or was revoked; ask the city's editors for the current one",
        )
    })?;
    feed(conn, settings, city_id, now)
}

/// Whether the city has a calendar address, and who made it (those who may change the city).
pub fn calendar_link(
    conn: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
) -> ApiResult<Option<super::calendar::FeedInfo>> {
    caller.can_edit_city(city_id)?;
    crate::cities::store::require(conn, city_id)?;
    Ok(super::calendar::info(conn, city_id)?)
}

/// The city's calendar address as a resource: a city without one is a 404.
pub fn require_calendar_link(
    conn: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
) -> ApiResult<super::calendar::FeedInfo> {
    calendar_link(conn, caller, city_id)?.ok_or_else(|| ApiError::not_found("this city has no calendar address"))
}

/// Issues the city's calendar address, replacing any earlier one (which stops working).
pub fn issue_calendar_link(
    conn: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    city_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<super::calendar::Issued> {
    caller.can_edit_city(city_id)?;
    crate::cities::store::require(conn, city_id)?;
    let token = super::calendar::issue(conn, city_id, &caller.actor().label, now)?;
    Ok(super::calendar::Issued {
        url: format!("{}{}", settings.public_base(), super::calendar::path(&token)),
        created_at: now.naive_utc(),
    })
}

/// Revokes the city's calendar address; a city without one is a 404.
pub fn revoke_calendar_link(conn: &mut DbConnection, caller: &Caller, city_id: i64) -> ApiResult<()> {
    caller.can_edit_city(city_id)?;
    crate::cities::store::require(conn, city_id)?;
    if !super::calendar::revoke(conn, city_id)? {
        return Err(ApiError::not_found("this city has no calendar address"));
    }
    Ok(())
}
