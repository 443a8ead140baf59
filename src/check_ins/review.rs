//! The secretariat's review of submitted check-ins: it accepts one, or asks for changes with a
//! comment on the whole and on any action's report, and the city's contacts get an email with
//! the comments and a link back to the form (which works after the round has closed, for
//! that purpose). Every step is an event: submitted, changes requested, resubmitted, accepted.

use super::store::{self, Full};
use super::{links, CheckIn, CheckInState, ReviewDecision};
use crate::db::schema::{check_in_events, check_ins, cities, rounds};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::Actor;
use crate::mail::emails::{ActionComment as EmailedComment, ChangesRequested};
use crate::mail::outbox::{self, NewEmail};
use crate::scheduler::Env;
use crate::validation::Errors;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How long the link in a request for changes works.
const CHANGES_LINK_DAYS: i64 = 30;
/// The longest comment accepted.
const MAX_COMMENT: usize = 5000;

crate::text_enum! {
    /// A step in a check-in's life after the city answered.
    EventKind {
        Submitted = "submitted",
        ChangesRequested = "changes_requested",
        Resubmitted = "resubmitted",
        Accepted = "accepted",
    }
}

/// A comment on one action's report.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionComment {
    pub action_id: i64,
    pub comment: String,
}

/// One step, as the API and the pages show it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Event {
    pub kind: EventKind,
    /// Who: a user's address, or a contact's name for an emailed link.
    pub by: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
    pub comment: String,
    pub actions: Vec<ActionComment>,
}

/// Records a step.
pub fn record(
    conn: &mut DbConnection,
    check_in: i64,
    kind: EventKind,
    actor: &Actor,
    comment: &str,
    actions: &[ActionComment],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(check_in_events::table)
        .values((
            check_in_events::check_in_id.eq(check_in),
            check_in_events::kind.eq(kind.as_str()),
            check_in_events::actor_user_id.eq(actor.user_id),
            check_in_events::actor.eq(&actor.label),
            check_in_events::comment.eq(comment),
            check_in_events::action_comments.eq(serde_json::to_string(actions).expect("comments serialise")),
            check_in_events::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A check-in's steps, oldest first.
pub fn events(conn: &mut DbConnection, check_in: i64) -> QueryResult<Vec<Event>> {
    let rows: Vec<(String, String, NaiveDateTime, String, String)> = check_in_events::table
        .filter(check_in_events::check_in_id.eq(check_in))
        .order(check_in_events::id)
        .select((
            check_in_events::kind,
            check_in_events::actor,
            check_in_events::created_at,
            check_in_events::comment,
            check_in_events::action_comments,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(kind, by, at, comment, actions)| Event {
            kind: EventKind::from_db(&kind),
            by,
            at,
            comment,
            actions: serde_json::from_str(&actions).unwrap_or_default(),
        })
        .collect())
}

/// The request for changes the city is answering, while it is answering it.
pub fn open_request(conn: &mut DbConnection, f: &Full) -> QueryResult<Option<Event>> {
    if f.check_in.state != CheckInState::ChangesRequested {
        return Ok(None);
    }
    Ok(events(conn, f.check_in.id)?.into_iter().rev().find(|e| e.kind == EventKind::ChangesRequested))
}

/// The body of `POST /api/v1/check-ins/{id}/review`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// The check-in's version you read.
    pub version: i32,
    /// `accept` or `request_changes`.
    pub decision: String,
    /// On the check-in as a whole; a request for changes needs it or an action comment.
    #[serde(default)]
    pub comment: String,
    /// Comments on single actions' reports.
    #[serde(default)]
    pub actions: Vec<ActionComment>,
}

/// Accepts a submitted (or resubmitted) check-in, or asks for changes and emails the city's
/// contacts. The caller has checked who may review.
pub fn review(
    conn: &mut DbConnection,
    env: &Env<'_>,
    id: i64,
    input: &ReviewInput,
    reviewer: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Full> {
    let f = store::get(conn, env.settings, id)?;
    refuse_unless_waiting(&f)?;
    let form = store::form(conn, env.settings, id, now)?;
    let mut e = Errors::default();
    let decision = e.take(ReviewDecision::parse_field("decision", input.decision.trim()));
    let comment = e.take(crate::validation::optional_text("comment", &input.comment, MAX_COMMENT)).unwrap_or_default();
    let mut actions = vec![];
    for (i, a) in input.actions.iter().enumerate() {
        if !form.actions.iter().any(|x| x.id == a.action_id) {
            e.push(
                FieldError::new(
                    format!("actions[{i}].action_id"),
                    format!("{} is not an action of this city's plans", a.action_id),
                )
                .accepting("the id of an action the check-in reports on"),
            );
            continue;
        }
        let field = format!("actions[{i}].comment");
        if let Some(c) = e.take(crate::validation::optional_text(&field, &a.comment, MAX_COMMENT)) {
            if !c.is_empty() {
                actions.push(ActionComment { action_id: a.action_id, comment: c });
            }
        }
    }
    if decision == Some(ReviewDecision::RequestChanges) && comment.is_empty() && actions.is_empty() {
        e.push(
            FieldError::new("comment", "is empty")
                .accepting("what the city should change: a comment on the check-in, or on one of its actions"),
        );
    }
    e.finish()?;
    let decision = decision.expect("checked");
    if f.check_in.version != input.version {
        return Err(ApiError::version_conflict("check-in", f.check_in.version, input.version));
    }
    let (state, kind) = match decision {
        ReviewDecision::Accept => (CheckInState::Accepted, EventKind::Accepted),
        ReviewDecision::RequestChanges => (CheckInState::ChangesRequested, EventKind::ChangesRequested),
    };
    crate::db::transaction(conn, |conn| -> ApiResult<()> {
        let n = diesel::update(check_ins::table.find(id).filter(check_ins::version.eq(input.version)))
            .set((
                check_ins::state.eq(state.as_str()),
                check_ins::version.eq(input.version + 1),
                check_ins::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if n == 0 {
            return Err(ApiError::version_conflict("check-in", input.version + 1, input.version));
        }
        record(conn, id, kind, reviewer, &comment, &actions, now)?;
        if decision == ReviewDecision::RequestChanges {
            email_request(conn, env, &f.check_in, &form, &comment, &actions, now)?;
        }
        Ok(())
    })?;
    store::get(conn, env.settings, id)
}

/// Only a check-in waiting for review can be reviewed; the refusal says where it stands.
fn refuse_unless_waiting(f: &Full) -> ApiResult<()> {
    let c = &f.check_in;
    let why = match c.state {
        s if s.awaits_review() => return Ok(()),
        CheckInState::Accepted => format!("the check-in of {} for {} is already accepted", c.city_name, c.round_label),
        CheckInState::ChangesRequested => format!(
            "changes to the check-in of {} for {} were asked for already; it can be reviewed again once the city resubmits it",
            c.city_name, c.round_label
        ),
        CheckInState::Missed => format!("{} did not answer for {}; there is nothing to review", c.city_name, c.round_label),
        _ => format!("{} has not submitted its check-in for {} yet", c.city_name, c.round_label),
    };
    Err(ApiError::StateConflict(why))
}

/// Emails each contact of the city who receives reminders the comments and a link to the form.
fn email_request(
    conn: &mut DbConnection,
    env: &Env<'_>,
    c: &CheckIn,
    form: &store::Form,
    comment: &str,
    actions: &[ActionComment],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let action_comments: Vec<EmailedComment> = actions
        .iter()
        .filter_map(|a| {
            let action = form.actions.iter().find(|x| x.id == a.action_id)?;
            Some(EmailedComment { title: action.title.clone(), comment: a.comment.clone() })
        })
        .collect();
    let requests = events(conn, c.id)?.iter().filter(|e| e.kind == EventKind::ChangesRequested).count();
    for contact in super::rounds::recipients(conn, c.city_id)? {
        let token = links::create(conn, c.id, Some(contact.id), now + Duration::days(CHANGES_LINK_DAYS), now)?;
        outbox::enqueue(
            conn,
            env.templates,
            NewEmail {
                idempotency_key: format!("checkin:{}:changes:{requests}:{}", c.id, contact.id),
                content: ChangesRequested {
                    network_name: env.network().to_owned(),
                    contact_name: contact.name.clone(),
                    city_name: c.city_name.clone(),
                    round_label: c.round_label.clone(),
                    comment: comment.to_owned(),
                    action_comments: action_comments.clone(),
                    link: env.url(&links::path(&token)),
                }
                .into(),
                language: contact.language.clone(),
                to_address: contact.email.clone(),
                to_name: contact.name.clone(),
                city_id: Some(c.city_id),
                round_id: Some(c.round_id),
                not_before: now,
            },
            now,
        )?;
    }
    Ok(())
}

/// A check-in waiting for review, as the queue shows it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Waiting {
    pub check_in_id: i64,
    pub city_id: i64,
    pub city_name: String,
    pub round_label: String,
    pub state: CheckInState,
    /// When it was (re)submitted: since then it waits.
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub waiting_since: NaiveDateTime,
    /// Whole days since then.
    pub days_waiting: i64,
}

/// Check-ins waiting for review, the longest waiting first.
pub fn queue(conn: &mut DbConnection, now: DateTime<Utc>) -> QueryResult<Vec<Waiting>> {
    let rows: Vec<(i64, i64, String, String, String)> = check_ins::table
        .inner_join(cities::table)
        .inner_join(rounds::table)
        .filter(check_ins::state.eq_any([CheckInState::Submitted.as_str(), CheckInState::Resubmitted.as_str()]))
        .select((check_ins::id, check_ins::city_id, cities::name, rounds::label, check_ins::state))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let latest: Vec<(i64, Option<NaiveDateTime>)> = check_in_events::table
        .filter(check_in_events::check_in_id.eq_any(&ids))
        .filter(check_in_events::kind.eq_any([EventKind::Submitted.as_str(), EventKind::Resubmitted.as_str()]))
        .group_by(check_in_events::check_in_id)
        .select((check_in_events::check_in_id, diesel::dsl::max(check_in_events::created_at)))
        .load(conn)?;
    let since: std::collections::HashMap<i64, NaiveDateTime> =
        latest.into_iter().filter_map(|(id, at)| at.map(|a| (id, a))).collect();
    let mut out: Vec<Waiting> = rows
        .into_iter()
        .map(|(id, city_id, city_name, round_label, state)| {
            let waiting_since = since.get(&id).copied().unwrap_or(now.naive_utc());
            Waiting {
                check_in_id: id,
                city_id,
                city_name,
                round_label,
                state: CheckInState::from_db(&state),
                waiting_since,
                days_waiting: (now.naive_utc() - waiting_since).num_days().max(0),
            }
        })
        .collect();
    out.sort_by_key(|w| (w.waiting_since, w.check_in_id));
    Ok(out)
}
