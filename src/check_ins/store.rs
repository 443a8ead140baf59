//! Check-ins: reading, saving a draft, submitting (and resubmitting after the secretariat asked
//! for changes), and extending a due date. The secretariat's review is in `review`.

use super::content::{self, CheckInContent, Scope};
use super::rounds::{self, effective_schedule};
use super::{CheckIn, CheckInState};
use crate::actions;
use crate::config::Settings;
use crate::db::schema::{action_updates, check_ins, cities, rounds as rounds_t, self_assessments};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::Actor;
use crate::ids::{CityId, PlanId, RoundId};
use crate::indicators::store::FromCheckIn;
use crate::mail::outbox;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = check_ins)]
struct Row {
    id: i64,
    round_id: i64,
    city_id: i64,
    state: String,
    due_at: NaiveDateTime,
    extension_reason: Option<String>,
    draft: Option<String>,
    draft_saved_at: Option<NaiveDateTime>,
    submitted_at: Option<NaiveDateTime>,
    submitted_by: Option<String>,
    version: i32,
}

/// A check-in with its draft content.
pub struct Full {
    pub check_in: CheckIn,
    pub draft: CheckInContent,
    pub round_closed: bool,
}

/// The state a check-in is shown in: `extended` while an open one has a new due date.
pub fn shown_state(stored: CheckInState, extended: bool) -> CheckInState {
    match stored {
        CheckInState::Open if extended => CheckInState::Extended,
        s => s,
    }
}

fn to_check_in(
    r: Row,
    round_label: String,
    city_name: String,
    closed: bool,
    settings: &Settings,
    conn: &mut DbConnection,
) -> anyhow::Result<Full> {
    let schedule = effective_schedule(conn, settings)?;
    let state = shown_state(CheckInState::from_db(&r.state), r.extension_reason.is_some());
    let draft = r.draft.as_deref().map(read_draft).unwrap_or_default();
    Ok(Full {
        check_in: CheckIn {
            id: r.id,
            round_id: r.round_id,
            round_label,
            city_id: r.city_id,
            city_name,
            state,
            late: r.submitted_at.is_some_and(|s| s > r.due_at),
            due_at: r.due_at,
            due_date: rounds::due_date(&schedule, r.due_at),
            extension_reason: r.extension_reason,
            draft_saved_at: r.draft_saved_at,
            submitted_at: r.submitted_at,
            submitted_by: r.submitted_by,
            version: r.version,
        },
        draft,
        round_closed: closed,
    })
}

/// A saved draft. Drafts saved before indicator values were typed kept them as free JSON; such
/// values are dropped rather than losing the whole draft.
fn read_draft(text: &str) -> CheckInContent {
    serde_json::from_str(text).unwrap_or_else(|_| {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.remove("indicators");
        }
        serde_json::from_value(v).unwrap_or_default()
    })
}

type Joined = (Row, String, Option<NaiveDateTime>, String);

fn load(conn: &mut DbConnection, settings: &Settings, rows: Vec<Joined>) -> anyhow::Result<Vec<Full>> {
    rows.into_iter()
        .map(|(r, label, closed, city)| to_check_in(r, label, city, closed.is_some(), settings, conn))
        .collect()
}

pub fn get(conn: &mut DbConnection, settings: &Settings, id: i64) -> ApiResult<Full> {
    let rows: Vec<Joined> = check_ins::table
        .inner_join(rounds_t::table)
        .inner_join(cities::table)
        .filter(check_ins::id.eq(id))
        .select((Row::as_select(), rounds_t::label, rounds_t::closed_at, cities::name))
        .load(conn)?;
    load(conn, settings, rows)?.pop().ok_or_else(|| ApiError::not_found(format!("no check-in with id {id}")))
}

/// A round's check-ins by city name; `only` limits it to one city.
pub fn for_round(
    conn: &mut DbConnection,
    settings: &Settings,
    round_id: i64,
    only: Option<i64>,
) -> ApiResult<Vec<CheckIn>> {
    let mut q = check_ins::table
        .inner_join(rounds_t::table)
        .inner_join(cities::table)
        .filter(check_ins::round_id.eq(round_id))
        .into_boxed();
    if let Some(c) = only {
        q = q.filter(check_ins::city_id.eq(c));
    }
    let rows: Vec<Joined> = q
        .order(cities::name)
        .select((Row::as_select(), rounds_t::label, rounds_t::closed_at, cities::name))
        .load(conn)?;
    Ok(load(conn, settings, rows)?.into_iter().map(|f| f.check_in).collect())
}

/// A city's check-ins, newest round first.
pub fn for_city(conn: &mut DbConnection, settings: &Settings, city_id: i64) -> ApiResult<Vec<CheckIn>> {
    let rows: Vec<Joined> = check_ins::table
        .inner_join(rounds_t::table)
        .inner_join(cities::table)
        .filter(check_ins::city_id.eq(city_id))
        .order(rounds_t::opened_at.desc())
        .select((Row::as_select(), rounds_t::label, rounds_t::closed_at, cities::name))
        .load(conn)?;
    Ok(load(conn, settings, rows)?.into_iter().map(|f| f.check_in).collect())
}

fn refuse_if_finished(f: &Full) -> ApiResult<()> {
    match f.check_in.state {
        CheckInState::Submitted | CheckInState::Resubmitted => Err(ApiError::Conflict {
            detail: format!(
                "this check-in was submitted on {}; thank you, nothing more is needed for {} unless the secretariat asks for changes",
                f.check_in.submitted_at.map(|d| d.date().to_string()).unwrap_or_default(),
                f.check_in.round_label
            ),
            current_version: Some(f.check_in.version),
        }),
        CheckInState::Accepted => Err(ApiError::Conflict {
            detail: format!("the secretariat has accepted this check-in for {}; it is final", f.check_in.round_label),
            current_version: Some(f.check_in.version),
        }),
        // Changes asked for can be made after the round has closed: the review needs them.
        CheckInState::ChangesRequested => Ok(()),
        CheckInState::Missed => Err(ApiError::Conflict {
            detail: format!("the {} round has closed; please contact the secretariat", f.check_in.round_label),
            current_version: Some(f.check_in.version),
        }),
        _ if f.round_closed => {
            Err(ApiError::Conflict { detail: "the round has closed".into(), current_version: Some(f.check_in.version) })
        }
        _ => Ok(()),
    }
}

fn stale(f: &Full, expected: i32) -> ApiResult<()> {
    if f.check_in.version != expected {
        return Err(ApiError::version_conflict("check-in", f.check_in.version, expected));
    }
    Ok(())
}

/// Saves the form as a draft: validated, so what is saved can be submitted.
pub fn save_draft(
    conn: &mut DbConnection,
    settings: &Settings,
    id: i64,
    expected: i32,
    draft: &CheckInContent,
    now: DateTime<Utc>,
) -> ApiResult<Full> {
    let f = get(conn, settings, id)?;
    refuse_if_finished(&f)?;
    let scope = Scope::load(conn, f.check_in.city_id, settings.staleness(now))?;
    content::validate(&scope, draft)?;
    stale(&f, expected)?;
    let n = diesel::update(check_ins::table.find(id).filter(check_ins::version.eq(expected)))
        .set((
            check_ins::draft.eq(serde_json::to_string(draft).unwrap()),
            check_ins::draft_saved_at.eq(now.naive_utc()),
            check_ins::state.eq(CheckInState::Draft.as_str()),
            check_ins::version.eq(expected + 1),
            check_ins::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(ApiError::version_conflict("check-in", expected + 1, expected));
    }
    get(conn, settings, id)
}

/// Submits the check-in: applies each action report to its action (recorded in the action's
/// history under the submitter), records updates and self-assessments, creates new actions,
/// and cancels the reminders still queued for this city in this round. One transaction.
pub fn submit(
    conn: &mut DbConnection,
    settings: &Settings,
    id: i64,
    expected: i32,
    submitted: Option<&CheckInContent>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> ApiResult<Full> {
    let f = get(conn, settings, id)?;
    refuse_if_finished(&f)?;
    let body = submitted.cloned().unwrap_or_else(|| f.draft.clone());
    let scope = Scope::load(conn, f.check_in.city_id, settings.staleness(now))?;
    let valid = content::validate(&scope, &body)?;
    stale(&f, expected)?;
    let city_id = f.check_in.city_id;
    // A resubmission (after the secretariat asked for changes) replaces what the first one
    // reported, and keeps the first submission's time: on time or late was decided then.
    let resubmission = f.check_in.state == CheckInState::ChangesRequested;
    let (state, kind) = if resubmission {
        (CheckInState::Resubmitted, super::review::EventKind::Resubmitted)
    } else {
        (CheckInState::Submitted, super::review::EventKind::Submitted)
    };
    // The actions a submission adds exist from then on: the saved answers no longer carry them,
    // so a resubmission from the saved answers does not add them twice.
    let saved = CheckInContent { new_actions: vec![], ..body.clone() };
    crate::db::transaction(conn, |conn| -> ApiResult<()> {
        let n = diesel::update(check_ins::table.find(id).filter(check_ins::version.eq(expected)))
            .set((
                check_ins::state.eq(state.as_str()),
                check_ins::draft.eq(serde_json::to_string(&saved).unwrap()),
                check_ins::submitted_at.eq(f.check_in.submitted_at.unwrap_or(now.naive_utc())),
                check_ins::submitted_by.eq(f.check_in.submitted_by.clone().unwrap_or_else(|| actor.label.clone())),
                check_ins::version.eq(expected + 1),
                check_ins::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        if n == 0 {
            return Err(ApiError::version_conflict("check-in", expected + 1, expected));
        }
        super::review::record(conn, id, kind, actor, "", &[], now)?;
        if resubmission {
            diesel::delete(action_updates::table.filter(action_updates::check_in_id.eq(id))).execute(conn)?;
            diesel::delete(self_assessments::table.filter(self_assessments::check_in_id.eq(id))).execute(conn)?;
        }
        for r in &valid.actions {
            let a = &r.action;
            let commitment_id = scope
                .commitments
                .iter()
                .find(|((fw, code), _)| {
                    *code == a.commitment && scope.plans.iter().any(|p| p.plan.id == a.plan_id && p.framework_id == *fw)
                })
                .map(|(_, (cid, _))| *cid)
                .ok_or_else(|| anyhow::anyhow!("action {} has no commitment in scope", a.id))?;
            if r.status != a.status || r.progress != a.progress {
                let fields = actions::store::ActionFields {
                    commitment_id,
                    title: a.title.clone(),
                    description: a.description.clone(),
                    department: a.department.clone(),
                    partners: a.partners.clone(),
                    delivery: a.delivery,
                    policy_areas: a.policy_areas.clone(),
                    start_date: a.start_date,
                    due_date: a.due_date,
                    status: r.status,
                    progress: r.progress,
                    evidence: a.evidence.clone(),
                };
                actions::store::update(conn, a, a.version, fields, actor, now)?;
            }
            diesel::insert_into(action_updates::table)
                .values((
                    action_updates::check_in_id.eq(id),
                    action_updates::action_id.eq(a.id),
                    action_updates::status.eq(r.status.as_str()),
                    action_updates::progress.eq(r.progress),
                    action_updates::narrative.eq(&r.narrative),
                    action_updates::evidence.eq(serde_json::to_string(&r.evidence).unwrap()),
                    action_updates::created_at.eq(now.naive_utc()),
                ))
                .execute(conn)?;
        }
        for (commitment_id, level, comment) in &valid.assessments {
            diesel::insert_into(self_assessments::table)
                .values((
                    self_assessments::check_in_id.eq(id),
                    self_assessments::commitment_id.eq(commitment_id),
                    self_assessments::level.eq(level.as_str()),
                    self_assessments::comment.eq(comment),
                    self_assessments::created_at.eq(now.naive_utc()),
                ))
                .execute(conn)?;
        }
        for n in valid.new_actions {
            actions::store::create(conn, PlanId(n.plan_id), CityId(city_id), n.fields, actor, now)?;
        }
        if !valid.indicators.is_empty() {
            let round = rounds::get(conn, f.check_in.round_id)?
                .ok_or_else(|| anyhow::anyhow!("round {} vanished", f.check_in.round_id))?;
            let source = FromCheckIn { check_in_id: id, period: (round.period_start, round.period_end) };
            for (def, figures) in &valid.indicators {
                crate::indicators::store::record_from_check_in(conn, &source, def, city_id, figures, actor, now)?;
            }
        }
        outbox::cancel_queued(conn, &rounds::city_key_prefix(RoundId(f.check_in.round_id), CityId(city_id)), now)?;
        Ok(())
    })?;
    get(conn, settings, id)
}

/// Gives one city a new due date, with a reason (secretariat only).
pub fn extend(
    conn: &mut DbConnection,
    settings: &Settings,
    id: i64,
    due_date: NaiveDate,
    reason: &str,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Full> {
    let f = get(conn, settings, id)?;
    refuse_if_finished(&f)?;
    let schedule = effective_schedule(conn, settings)?;
    let round = rounds::get(conn, f.check_in.round_id)?.ok_or_else(|| ApiError::not_found("round"))?;
    // Due at the end of that day in the network's time zone.
    let next_midnight = due_date
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .ok_or_else(|| ApiError::field("due_date", "is out of range"))?;
    let due_at = match next_midnight.and_local_timezone(schedule.time_zone()) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        chrono::LocalResult::None => (next_midnight + chrono::Duration::hours(1)).and_utc(),
    };
    let mut e = crate::validation::Errors::default();
    if due_at.naive_utc() <= f.check_in.due_at {
        e.push(
            FieldError::new(
                "due_date",
                format!("{due_date} is not after the current due date {}", f.check_in.due_date),
            )
            .accepting("a later date"),
        );
    }
    if due_at.naive_utc() > round.closes_at {
        e.push(
            FieldError::new("due_date", format!("{due_date} is after the round closes"))
                .accepting(format!("a date before {}", rounds::due_date(&schedule, round.closes_at))),
        );
    }
    if due_at <= now {
        e.push(FieldError::new("due_date", "is in the past"));
    }
    let reason = e.take(crate::validation::required_text("reason", reason, 1000));
    e.finish()?;
    diesel::update(check_ins::table.find(id))
        .set((
            check_ins::due_at.eq(due_at.naive_utc()),
            check_ins::extension_reason.eq(reason),
            check_ins::extended_by.eq(by),
            check_ins::version.eq(f.check_in.version + 1),
            check_ins::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    get(conn, settings, id)
}

/// The one-page form: the check-in, and the city's plans with their actions to report on.
#[derive(Debug, Serialize, ToSchema)]
pub struct Form {
    pub check_in: CheckIn,
    pub plans: Vec<crate::plans::Plan>,
    pub actions: Vec<crate::actions::Action>,
    /// Commitment codes the city can assess or add actions under, with their text.
    pub commitments: Vec<FormCommitment>,
    /// The common indicators the city can report values of, for the round's period.
    pub indicators: Vec<crate::indicators::Indicator>,
    pub draft: CheckInContent,
    /// While the city answers a request for changes: the secretariat's comments.
    pub review: Option<super::review::Event>,
    /// The steps since the city answered: submitted, changes requested, resubmitted, accepted.
    pub events: Vec<super::review::Event>,
}

impl Form {
    /// The form as `caller` may see it: a contact who answered through an emailed link (who
    /// submitted it, or a step of its review) is hidden from those who may not see the city's
    /// personal data (observers).
    pub fn seen_by(mut self, caller: &crate::auth::Caller) -> Form {
        let city = self.check_in.city_id;
        self.check_in = self.check_in.seen_by(caller);
        for e in self.events.iter_mut().chain(self.review.iter_mut()) {
            e.by = crate::history::label_seen_by(std::mem::take(&mut e.by), caller, city);
        }
        self
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FormCommitment {
    pub framework: String,
    pub role: String,
    pub code: String,
    pub text: String,
}

pub fn form(conn: &mut DbConnection, settings: &Settings, id: i64, now: DateTime<Utc>) -> ApiResult<Form> {
    let f = get(conn, settings, id)?;
    let review = super::review::open_request(conn, &f)?;
    let events = super::review::events(conn, id)?;
    let scope = Scope::load(conn, f.check_in.city_id, settings.staleness(now))?;
    let mut commitments = vec![];
    let mut seen = std::collections::HashSet::new();
    for p in &scope.plans {
        if !seen.insert(p.framework_id) {
            continue;
        }
        for (role, cs) in crate::charter::store::structure(conn, p.framework_id)? {
            for c in cs.into_iter().filter(|c| !c.retired) {
                commitments.push(FormCommitment {
                    framework: p.plan.framework.clone(),
                    role: role.title.clone(),
                    code: c.code,
                    text: c.text,
                });
            }
        }
    }
    Ok(Form {
        check_in: f.check_in,
        indicators: scope.indicators.into_iter().map(|d| d.indicator).collect(),
        plans: scope.plans.into_iter().map(|p| p.plan).collect(),
        actions: scope.actions,
        commitments,
        draft: f.draft,
        review,
        events,
    })
}

/// How a round's check-ins stand: submitted on time or late, missed, open (extended or not),
/// with a draft saved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub on_time: i64,
    pub late: i64,
    pub missed: i64,
    pub open: i64,
    pub draft: i64,
    /// Submitted or resubmitted, waiting for the secretariat's review (counted in on time or late too).
    pub to_review: i64,
    /// Accepted by the secretariat (counted in on time or late too).
    pub accepted: i64,
}

impl Counts {
    fn add(&mut self, state: CheckInState, late: bool) {
        match state {
            s if s.was_submitted() => {
                if late {
                    self.late += 1
                } else {
                    self.on_time += 1
                }
                if s.awaits_review() {
                    self.to_review += 1
                }
                if s == CheckInState::Accepted {
                    self.accepted += 1
                }
            }
            CheckInState::Missed => self.missed += 1,
            CheckInState::Draft => self.draft += 1,
            _ => self.open += 1,
        }
    }

    /// The counts of check-ins already loaded.
    pub fn of(list: &[CheckIn]) -> Counts {
        let mut c = Counts::default();
        for x in list {
            c.add(x.state, x.late);
        }
        c
    }
}

/// The counts of each of these rounds, in one query.
pub fn counts(conn: &mut DbConnection, round_ids: &[i64]) -> QueryResult<std::collections::HashMap<i64, Counts>> {
    let rows: Vec<(i64, String, NaiveDateTime, Option<NaiveDateTime>)> = check_ins::table
        .filter(check_ins::round_id.eq_any(round_ids))
        .select((check_ins::round_id, check_ins::state, check_ins::due_at, check_ins::submitted_at))
        .load(conn)?;
    let mut out: std::collections::HashMap<i64, Counts> = round_ids.iter().map(|id| (*id, Counts::default())).collect();
    for (round, state, due_at, submitted_at) in rows {
        out.entry(round).or_default().add(CheckInState::from_db(&state), submitted_at.is_some_and(|s| s > due_at));
    }
    Ok(out)
}

/// What check-ins reported on one action, newest first: (round label, when, status, progress,
/// narrative, evidence as a JSON list).
pub type ActionReportRow = (String, NaiveDateTime, String, i32, String, String);

/// Every check-in report on an action, newest first, for the action's page.
pub fn reports_for_action(conn: &mut DbConnection, action_id: i64) -> QueryResult<Vec<ActionReportRow>> {
    action_updates::table
        .inner_join(check_ins::table.inner_join(rounds_t::table))
        .filter(action_updates::action_id.eq(action_id))
        .order(action_updates::id.desc())
        .select((
            rounds_t::label,
            action_updates::created_at,
            action_updates::status,
            action_updates::progress,
            action_updates::narrative,
            action_updates::evidence,
        ))
        .load(conn)
}
