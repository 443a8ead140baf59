//! Checked changes to peer reviews and recommendations, and who may read what. Shared by the
//! API and the pages; errors name the API's field paths (`reviewing_city_ids[1]`).

use super::store::{self, RecommendationChange, ReviewFields, Stored};
use super::{
    AgreementInput, PeerReview, PeerReviewInput, Person, Recommendation, RecommendationInput, Response, ResponseInput,
    ReviewState, ToActionInput, TurnedIntoAction,
};
use crate::actions::ActionInput;
use crate::auth::{Caller, Role};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::Kind;
use crate::validation::{self, Errors};
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap};

const MAX_TEXT: usize = 10_000;
const MAX_RECOMMENDATION: usize = 4_000;
const MAX_NOTE: usize = 2_000;

/// The place of a caller in a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seat {
    Secretariat,
    /// An editor of the host city.
    Host,
    /// An editor of a reviewing city.
    Reviewer,
    Observer,
}

impl Seat {
    /// The reviewing people (personal data) are for the secretariat and the cities involved.
    pub fn sees_people(self) -> bool {
        self != Seat::Observer
    }

    /// The host's editors and the secretariat respond, turn recommendations into actions and
    /// agree to the summary.
    pub fn speaks_for_host(self) -> bool {
        matches!(self, Seat::Secretariat | Seat::Host)
    }
}

/// Where the caller sits in this review; a city editor of a city not involved is refused.
pub fn seat(caller: &Caller, r: &PeerReview) -> ApiResult<Seat> {
    match caller.role {
        Role::Secretariat => Ok(Seat::Secretariat),
        Role::Observer => Ok(Seat::Observer),
        Role::CityEditor if caller.city_id == Some(r.host.id) => Ok(Seat::Host),
        Role::CityEditor if caller.city_id.is_some_and(|c| r.reviewing_cities.iter().any(|x| x.id == c)) => {
            Ok(Seat::Reviewer)
        }
        Role::CityEditor => Err(ApiError::Forbidden(
            "you may only see peer reviews your city hosts or takes part in as a reviewer".into(),
        )),
    }
}

fn host_only(seat: Seat) -> ApiResult<()> {
    if seat.speaks_for_host() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(match seat {
            Seat::Observer => "observers have read-only access".into(),
            _ => "only the host city's editors or the network secretariat may do this".into(),
        }))
    }
}

/// The review as someone in `seat` may see it: without the people for observers.
fn seen_from(mut r: PeerReview, seat: Seat) -> PeerReview {
    if !seat.sees_people() {
        r.people = None;
    }
    r
}

/// The review as the public may see it: the agreed summary, commitments, dates and
/// recommendations with what became of them; no people, findings, or who recorded what.
pub fn public_view(mut r: PeerReview) -> PeerReview {
    r.people = None;
    r.summary_agreed_by = None;
    for f in &mut r.commitments {
        f.findings.clear();
    }
    for rec in &mut r.recommendations {
        rec.responded_by = None;
    }
    r
}

/// One review, as the caller may see it.
pub fn get(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<PeerReview> {
    let r = store::require(conn, id)?.review;
    let seat = seat(caller, &r)?;
    Ok(seen_from(r, seat))
}

/// One review and the caller's seat in it (for pages, which show forms by seat).
pub fn get_with_seat(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<(PeerReview, Seat)> {
    let r = store::require(conn, id)?.review;
    let seat = seat(caller, &r)?;
    Ok((seen_from(r, seat), seat))
}

/// A review the public may read: its host has a public page and agreed to publish the summary.
/// Anything else is "not found", so nothing is learnt about reviews that are not public.
pub fn get_public(conn: &mut DbConnection, id: i64) -> ApiResult<PeerReview> {
    match store::get(conn, id)? {
        Some(s) if s.review.is_public() => Ok(public_view(s.review)),
        _ => Err(ApiError::not_found(format!("no published peer review with id {id}"))),
    }
}

/// The reviews the caller may see: every review for the secretariat and observers, those its
/// city hosts or reviews for a city editor.
pub fn list(conn: &mut DbConnection, caller: &Caller, limit: i64, offset: i64) -> ApiResult<(Vec<PeerReview>, i64)> {
    let only = match caller.role {
        Role::CityEditor => Some(vec![caller.city_id.unwrap_or(-1)]),
        _ => None,
    };
    let (rows, total) = store::list(conn, only.as_deref(), limit, offset)?;
    let mut out = vec![];
    for s in rows {
        let seat = seat(caller, &s.review)?;
        out.push(seen_from(s.review, seat));
    }
    Ok((out, total))
}

/// The reviews a city hosted, for its page: all of them for those who read the city, the
/// published ones (as the public sees them) for anyone else.
pub fn hosted_by(conn: &mut DbConnection, caller: Option<&Caller>, city_id: i64) -> ApiResult<Vec<PeerReview>> {
    let all = store::hosted_by(conn, city_id)?;
    let full = caller.is_some_and(|c| c.can_read_city(city_id).is_ok());
    Ok(all
        .into_iter()
        .filter(|s| full || s.review.is_public())
        .map(|s| {
            let r = s.review;
            match caller.map(|c| seat(c, &r)) {
                Some(Ok(seat)) if full => seen_from(r, seat),
                _ => public_view(r),
            }
        })
        .collect())
}

/// Whether the caller may read the history of a review (it holds the people, so not
/// observers) or of a recommendation (whoever reads the review).
pub fn may_read_history(conn: &mut DbConnection, caller: &Caller, kind: Kind, id: i64) -> ApiResult<()> {
    let review_id = match kind {
        Kind::Recommendation => store::review_of_recommendation(conn, id)?,
        _ => id,
    };
    let r = store::require(conn, review_id)?.review;
    let seat = seat(caller, &r)?;
    if kind == Kind::PeerReview && !seat.sees_people() {
        return Err(ApiError::Forbidden(
            "a peer review's history names its reviewing people (personal data), for the secretariat and the cities involved".into(),
        ));
    }
    Ok(())
}

/// Records a peer review (the secretariat).
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    input: &PeerReviewInput,
    now: DateTime<Utc>,
) -> ApiResult<PeerReview> {
    caller.require_secretariat()?;
    let (host, framework_id, fields) = parse(conn, input, None)?;
    store::create(conn, host, framework_id, &fields, &caller.actor(), now)
}

/// Changes a review still at version `expected` (the secretariat).
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: ApiResult<i32>,
    input: &PeerReviewInput,
    now: DateTime<Utc>,
) -> ApiResult<PeerReview> {
    let before = store::require(conn, id)?;
    seat(caller, &before.review)?;
    caller.require_secretariat()?;
    let expected = expected?;
    if before.review.version != expected {
        return Err(ApiError::version_conflict("peer review", before.review.version, expected));
    }
    if before.review.state == ReviewState::Closed {
        return Err(ApiError::StateConflict("the peer review is closed; it can no longer change".into()));
    }
    let (_, _, fields) = parse(conn, input, Some(&before))?;
    store::update(conn, &before.review, expected, &fields, &caller.actor(), now)
}

/// Records (or withdraws) the host's agreement to publish the summary: the host's editors or
/// the secretariat.
pub fn agree(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: ApiResult<i32>,
    input: &AgreementInput,
    now: DateTime<Utc>,
) -> ApiResult<PeerReview> {
    let before = store::require(conn, id)?;
    host_only(seat(caller, &before.review)?)?;
    let expected = expected?;
    if before.review.version != expected {
        return Err(ApiError::version_conflict("peer review", before.review.version, expected));
    }
    if input.agreed && before.review.summary.trim().is_empty() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "agreed",
            "cannot be true: the review has no summary yet to agree to",
        )
        .accepting("false, or true once the secretariat has written the summary")]));
    }
    let mut fields = unchanged(conn, &before)?;
    fields.summary_agreed = input.agreed;
    fields.summary_agreed_by = input.agreed.then(|| caller.actor().label);
    fields.summary_agreed_at = input.agreed.then(|| now.naive_utc());
    let after = store::update(conn, &before.review, expected, &fields, &caller.actor(), now)?;
    Ok(seen_from(after, seat(caller, &before.review)?))
}

/// The stored fields of a review, to change one of them.
fn unchanged(conn: &mut DbConnection, s: &Stored) -> ApiResult<ReviewFields> {
    let ids = store::commitment_ids(conn, s.framework_id)?;
    let r = &s.review;
    Ok(ReviewFields {
        state: r.state,
        reviewing: r.reviewing_cities.iter().map(|c| c.id).collect(),
        people: r.people.clone().unwrap_or_default(),
        focus: r
            .commitments
            .iter()
            .filter_map(|f| ids.get(&f.commitment).map(|(id, _)| (*id, f.findings.clone())))
            .collect(),
        visit_from: r.visit_from,
        visit_to: r.visit_to,
        report_date: r.report_date,
        summary: r.summary.clone(),
        summary_agreed: r.summary_agreed,
        summary_agreed_by: r.summary_agreed_by.clone(),
        summary_agreed_at: r.summary_agreed_at,
    })
}

fn city_exists(conn: &mut DbConnection, id: i64) -> ApiResult<bool> {
    Ok(crate::cities::store::get(conn, id)?.is_some())
}

/// Validates every field of `input` over `base` (None when creating): the host city, the
/// framework's id and the fields to store.
fn parse(
    conn: &mut DbConnection,
    input: &PeerReviewInput,
    base: Option<&Stored>,
) -> ApiResult<(i64, i64, ReviewFields)> {
    let mut e = Errors::default();
    let current = match base {
        Some(b) => Some(unchanged(conn, b)?),
        None => None,
    };
    // The host and the framework are fixed once recorded.
    let host = match (input.host_city_id, base) {
        (Some(h), Some(b)) if h != b.review.host.id => {
            e.push(
                FieldError::new("host_city_id", "cannot change once the review is recorded")
                    .accepting(b.review.host.id.to_string()),
            );
            None
        }
        (_, Some(b)) => Some(b.review.host.id),
        (Some(h), None) if city_exists(conn, h)? => Some(h),
        (Some(h), None) => {
            e.push(
                FieldError::new("host_city_id", format!("there is no city with id {h}"))
                    .accepting("the id of a registered city"),
            );
            None
        }
        (None, None) => {
            e.push(FieldError::new("host_city_id", "is required").accepting("the id of a registered city"));
            None
        }
    };
    let frameworks = crate::charter::store::list(conn)?;
    let known = || frameworks.iter().map(|f| f.code.as_str()).collect::<Vec<_>>().join(", ");
    let framework = match (input.framework.as_deref().map(str::trim), base) {
        (Some(f), Some(b)) if f != b.review.framework => {
            e.push(
                FieldError::new("framework", "cannot change once the review is recorded")
                    .accepting(b.review.framework.clone()),
            );
            None
        }
        (_, Some(b)) => Some(b.framework_id),
        (Some(f), None) => match frameworks.iter().find(|x| x.code == f) {
            Some(x) => Some(x.id),
            None => {
                e.push(FieldError::new("framework", format!("`{f}` is not a framework")).accepting(known()));
                None
            }
        },
        (None, None) => {
            e.push(FieldError::new("framework", "is required").accepting(known()));
            None
        }
    };
    let reviewing = match &input.reviewing_city_ids {
        Some(ids) => {
            let mut out: Vec<i64> = vec![];
            for (i, id) in ids.iter().enumerate() {
                let field = format!("reviewing_city_ids[{i}]");
                if Some(*id) == host {
                    e.push(FieldError::new(field, "is the host city").accepting("cities other than the host"));
                } else if !city_exists(conn, *id)? {
                    e.push(
                        FieldError::new(field, format!("there is no city with id {id}"))
                            .accepting("the id of a registered city"),
                    );
                } else if !out.contains(id) {
                    out.push(*id);
                }
            }
            if ids.is_empty() {
                e.push(FieldError::new("reviewing_city_ids", "is empty").accepting("one or more city ids"));
            }
            out
        }
        None => match &current {
            Some(c) => c.reviewing.clone(),
            None => {
                e.push(FieldError::new("reviewing_city_ids", "is required").accepting("one or more city ids"));
                vec![]
            }
        },
    };
    let people = match &input.people {
        Some(list) => {
            let mut out = vec![];
            for (i, p) in list.iter().enumerate() {
                let name = e.take(validation::required_line(&format!("people[{i}].name"), &p.name, 200));
                let organisation =
                    e.take(validation::optional_line(&format!("people[{i}].organisation"), &p.organisation, 200));
                let role = e.take(validation::optional_line(&format!("people[{i}].role"), &p.role, 200));
                if let Some(c) = p.city_id {
                    if !city_exists(conn, c)? {
                        e.push(
                            FieldError::new(format!("people[{i}].city_id"), format!("there is no city with id {c}"))
                                .accepting("the id of a registered city, or null"),
                        );
                    }
                }
                if let (Some(name), Some(organisation), Some(role)) = (name, organisation, role) {
                    out.push(Person { name, organisation, city_id: p.city_id, role });
                }
            }
            out
        }
        None => current.as_ref().map(|c| c.people.clone()).unwrap_or_default(),
    };
    let ids = match framework {
        Some(f) => store::commitment_ids(conn, f)?,
        None => HashMap::new(),
    };
    let live = || {
        let mut codes: Vec<(&String, &i64)> =
            ids.iter().filter(|(_, (_, retired))| !retired).map(|(c, (id, _))| (c, id)).collect();
        codes.sort_by_key(|(_, id)| **id);
        codes.into_iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ")
    };
    let old_findings: HashMap<i64, String> =
        current.as_ref().map(|c| c.focus.iter().cloned().collect()).unwrap_or_default();
    let mut focus: Vec<(i64, String)> = match &input.commitments {
        Some(codes) => {
            let mut out: Vec<(i64, String)> = vec![];
            for (i, code) in codes.iter().enumerate() {
                let code = code.trim();
                match ids.get(code) {
                    Some((id, false)) if !out.iter().any(|(x, _)| x == id) => {
                        out.push((*id, old_findings.get(id).cloned().unwrap_or_default()));
                    }
                    Some((_, false)) => {}
                    Some((_, true)) => e.push(
                        FieldError::new(format!("commitments[{i}]"), format!("`{code}` has been retired"))
                            .accepting(live()),
                    ),
                    None if framework.is_some() => e.push(
                        FieldError::new(
                            format!("commitments[{i}]"),
                            format!("`{code}` is not a commitment of the framework"),
                        )
                        .accepting(live()),
                    ),
                    None => {}
                }
            }
            if codes.is_empty() {
                e.push(FieldError::new("commitments", "is empty").accepting(live()));
            }
            out
        }
        None => match &current {
            Some(c) => c.focus.clone(),
            None => {
                e.push(FieldError::new("commitments", "is required").accepting(live()));
                vec![]
            }
        },
    };
    if let Some(b) = base {
        // A commitment with recommendations stays in focus.
        for rec in &b.review.recommendations {
            if let Some((id, _)) = ids.get(&rec.commitment) {
                if !focus.iter().any(|(x, _)| x == id) {
                    e.push(
                        FieldError::new(
                            "commitments",
                            format!("leaves out {}, which has recommendations", rec.commitment),
                        )
                        .accepting("a list that keeps every commitment with recommendations"),
                    );
                    break;
                }
            }
        }
    }
    if let Some(findings) = &input.findings {
        let in_focus: Vec<String> =
            ids.iter().filter(|(_, (id, _))| focus.iter().any(|(x, _)| x == id)).map(|(c, _)| c.clone()).collect();
        for (i, f) in findings.iter().enumerate() {
            let text = e.take(validation::optional_text(&format!("findings[{i}].findings"), &f.findings, MAX_TEXT));
            let code = f.commitment.trim();
            match (ids.get(code).map(|(id, _)| *id), text) {
                (Some(id), Some(text)) if focus.iter().any(|(x, _)| *x == id) => {
                    focus.iter_mut().filter(|(x, _)| *x == id).for_each(|(_, t)| *t = text.clone());
                }
                (_, _) => e.push(
                    FieldError::new(
                        format!("findings[{i}].commitment"),
                        format!("`{code}` is not a commitment in focus"),
                    )
                    .accepting(if in_focus.is_empty() {
                        "a commitment in focus".into()
                    } else {
                        in_focus.join(", ")
                    }),
                ),
            }
        }
    }
    let date = |e: &mut Errors, field: &str, v: &Option<Option<String>>, old: Option<chrono::NaiveDate>| match v {
        Some(Some(s)) => e.take(validation::optional_date(field, Some(s))).flatten(),
        Some(None) => None,
        None => old,
    };
    let visit_from = date(&mut e, "visit_from", &input.visit_from, current.as_ref().and_then(|c| c.visit_from));
    let visit_to = date(&mut e, "visit_to", &input.visit_to, current.as_ref().and_then(|c| c.visit_to));
    let report_date = date(&mut e, "report_date", &input.report_date, current.as_ref().and_then(|c| c.report_date));
    if let (Some(f), Some(t)) = (visit_from, visit_to) {
        if t < f {
            e.push(
                FieldError::new("visit_to", format!("{t} is before visit_from {f}"))
                    .accepting("a date on or after visit_from"),
            );
        }
    }
    if let (Some(f), Some(r)) = (visit_from, report_date) {
        if r < f {
            e.push(
                FieldError::new("report_date", format!("{r} is before visit_from {f}"))
                    .accepting("a date on or after visit_from"),
            );
        }
    }
    let old_state = current.as_ref().map(|c| c.state).unwrap_or(ReviewState::Planned);
    let state = match &input.state {
        Some(s) => e.take(ReviewState::parse_field("state", s.trim())),
        None => Some(old_state),
    };
    if let Some(s) = state {
        if !old_state.may_become(s) {
            return Err(ApiError::StateConflict(format!(
                "the peer review is {}; it cannot go back to {}",
                old_state.as_str(),
                s.as_str()
            )));
        }
        if s != ReviewState::Planned && visit_from.is_none() {
            e.push(
                FieldError::new("visit_from", format!("is needed for a review that is {}", s.as_str()))
                    .accepting("the first day of the visit, YYYY-MM-DD"),
            );
        }
        if matches!(s, ReviewState::Reported | ReviewState::Closed) && report_date.is_none() {
            e.push(
                FieldError::new("report_date", format!("is needed for a review that is {}", s.as_str()))
                    .accepting("the date of the review's report, YYYY-MM-DD"),
            );
        }
        if s == ReviewState::Closed {
            let open: Vec<String> = base
                .map(|b| {
                    b.review
                        .recommendations
                        .iter()
                        .filter(|r| r.response.is_none())
                        .map(|r| format!("{} ({})", r.id, r.commitment))
                        .collect()
                })
                .unwrap_or_default();
            if !open.is_empty() {
                e.push(
                    FieldError::new(
                        "state",
                        format!(
                            "cannot be closed: recommendations {} have no response from the host yet",
                            open.join(", ")
                        ),
                    )
                    .accepting(format!(
                        "{}, or closed once the host responded to every recommendation",
                        old_state.as_str()
                    )),
                );
            }
        }
    }
    let summary = match &input.summary {
        Some(s) => e.take(validation::optional_text("summary", s, MAX_TEXT)),
        None => Some(current.as_ref().map(|c| c.summary.clone()).unwrap_or_default()),
    };
    e.finish()?;
    let summary = summary.expect("checked");
    // Changing the summary withdraws the host's agreement: it agreed to other words.
    let (agreed, agreed_by, agreed_at) = match &current {
        Some(c) if c.summary == summary => (c.summary_agreed, c.summary_agreed_by.clone(), c.summary_agreed_at),
        _ => (false, None, None),
    };
    Ok((
        host.expect("checked"),
        framework.expect("checked"),
        ReviewFields {
            state: state.expect("checked"),
            reviewing,
            people,
            focus,
            visit_from,
            visit_to,
            report_date,
            summary,
            summary_agreed: agreed,
            summary_agreed_by: agreed_by,
            summary_agreed_at: agreed_at,
        },
    ))
}

/// Resolves a recommendation's commitment against the review's commitments in focus.
fn focus_commitment(conn: &mut DbConnection, s: &Stored, code: &str) -> ApiResult<Result<i64, FieldError>> {
    let ids = store::commitment_ids(conn, s.framework_id)?;
    let code = code.trim();
    let in_focus: Vec<&str> = s.review.commitments.iter().map(|f| f.commitment.as_str()).collect();
    Ok(match ids.get(code) {
        Some((id, _)) if in_focus.contains(&code) => Ok(*id),
        _ => Err(FieldError::new("commitment", format!("`{code}` is not a commitment in focus of this review"))
            .accepting(in_focus.join(", "))),
    })
}

/// Adds a recommendation (the secretariat), once the visit took place and while the review is
/// not closed.
pub fn add_recommendation(
    conn: &mut DbConnection,
    caller: &Caller,
    review_id: i64,
    input: &RecommendationInput,
    now: DateTime<Utc>,
) -> ApiResult<Recommendation> {
    let s = store::require(conn, review_id)?;
    seat(caller, &s.review)?;
    caller.require_secretariat()?;
    match s.review.state {
        ReviewState::Planned => {
            return Err(ApiError::StateConflict(
                "the peer review is still planned: record the visit (state visited) before its recommendations".into(),
            ))
        }
        ReviewState::Closed => return Err(ApiError::StateConflict("the peer review is closed".into())),
        _ => {}
    }
    let mut e = Errors::default();
    let commitment = match &input.commitment {
        Some(c) => e.take(focus_commitment(conn, &s, c)?),
        None => e.take(Err(FieldError::new("commitment", "is required")
            .accepting(s.review.commitments.iter().map(|f| f.commitment.as_str()).collect::<Vec<_>>().join(", ")))),
    };
    let text = e.take(validation::required_text("text", input.text.as_deref().unwrap_or(""), MAX_RECOMMENDATION));
    e.finish()?;
    store::add_recommendation(
        conn,
        &s.review,
        commitment.expect("checked"),
        &text.expect("checked"),
        &caller.actor(),
        now,
    )
}

/// A recommendation, its review and the caller's seat.
fn load_recommendation(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<(Stored, Recommendation, Seat)> {
    let review_id = store::review_of_recommendation(conn, id)?;
    let s = store::require(conn, review_id)?;
    let seat = seat(caller, &s.review)?;
    let rec = store::recommendation(&s.review, id)?;
    Ok((s, rec, seat))
}

/// One recommendation, as the caller may see it.
pub fn get_recommendation(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<Recommendation> {
    Ok(load_recommendation(conn, caller, id)?.1)
}

/// Changes a recommendation's commitment or text (the secretariat).
pub fn update_recommendation(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: ApiResult<i32>,
    input: &RecommendationInput,
    now: DateTime<Utc>,
) -> ApiResult<Recommendation> {
    let (s, before, _) = load_recommendation(conn, caller, id)?;
    caller.require_secretariat()?;
    let expected = expected?;
    if before.version != expected {
        return Err(ApiError::version_conflict("recommendation", before.version, expected));
    }
    if s.review.state == ReviewState::Closed {
        return Err(ApiError::StateConflict("the peer review is closed".into()));
    }
    let mut e = Errors::default();
    let commitment = e.take(focus_commitment(conn, &s, input.commitment.as_deref().unwrap_or(&before.commitment))?);
    if input.commitment.as_deref().is_some_and(|c| c.trim() != before.commitment) && before.action_id.is_some() {
        e.push(
            FieldError::new(
                "commitment",
                "cannot change: the recommendation already became an action under its commitment",
            )
            .accepting(before.commitment.clone()),
        );
    }
    let text =
        e.take(validation::required_text("text", input.text.as_deref().unwrap_or(&before.text), MAX_RECOMMENDATION));
    e.finish()?;
    let (commitment_id, text) = (commitment.expect("checked"), text.expect("checked"));
    store::change_recommendation(
        conn,
        &before,
        expected,
        RecommendationChange::Text { commitment_id, text: &text },
        &caller.actor(),
        now,
    )
}

/// Records the host's response to a recommendation (the host's editors or the secretariat). A
/// first response needs no version; changing one needs the version it was based on.
pub fn respond(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    version: Option<i32>,
    input: &ResponseInput,
    now: DateTime<Utc>,
) -> ApiResult<Recommendation> {
    let (s, before, seat) = load_recommendation(conn, caller, id)?;
    host_only(seat)?;
    if s.review.state == ReviewState::Closed {
        return Err(ApiError::StateConflict("the peer review is closed; its responses are final".into()));
    }
    let expected = match (version, before.response) {
        (Some(v), _) => v,
        (None, None) => before.version,
        (None, Some(r)) => {
            return Err(ApiError::StateConflict(format!(
                "the recommendation already has a response ({}); to change it, send the version you read (it is at version {})",
                r.as_str(),
                before.version
            )))
        }
    };
    if before.version != expected {
        return Err(ApiError::version_conflict("recommendation", before.version, expected));
    }
    let mut e = Errors::default();
    let response = e.take(Response::parse_field("response", input.response.trim()));
    let note = e.take(validation::optional_text("note", &input.note, MAX_NOTE));
    if let (Some(Response::NotAccepted), Some(a)) = (response, before.action_id) {
        e.push(
            FieldError::new(
                "response",
                format!("cannot be not_accepted: the recommendation already became action {a}"),
            )
            .accepting("accepted, partly"),
        );
    }
    e.finish()?;
    let (response, note) = (response.expect("checked"), note.expect("checked"));
    store::change_recommendation(
        conn,
        &before,
        expected,
        RecommendationChange::Response { response, note: &note },
        &caller.actor(),
        now,
    )
}

/// The host's plan a recommendation's action goes into: the one named, else its only plan under
/// the review's framework, else its only adopted one.
fn host_plan(conn: &mut DbConnection, s: &Stored, named: Option<i64>) -> ApiResult<i64> {
    let (plans, _) = crate::plans::store::list_for_city(conn, s.review.host.id, 1000, 0)?;
    let plans: Vec<_> = plans.into_iter().filter(|p| p.framework == s.review.framework).collect();
    let ids = || plans.iter().map(|p| format!("{} ({})", p.id, p.title)).collect::<Vec<_>>().join(", ");
    if plans.is_empty() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "plan_id",
            format!(
                "{} has no action plan under {}: start one, then turn the recommendation into an action",
                s.review.host.name, s.review.framework
            ),
        )
        .accepting(format!("a plan of {} under {}", s.review.host.name, s.review.framework))]));
    }
    if let Some(id) = named {
        return if plans.iter().any(|p| p.id == id) {
            Ok(id)
        } else {
            Err(ApiError::Validation(vec![FieldError::new(
                "plan_id",
                format!("{id} is not a plan of {} under {}", s.review.host.name, s.review.framework),
            )
            .accepting(ids())]))
        };
    }
    let adopted: Vec<_> = plans.iter().filter(|p| p.status == crate::plans::PlanStatus::Adopted).collect();
    match (plans.len(), adopted.len()) {
        (1, _) => Ok(plans[0].id),
        (_, 1) => Ok(adopted[0].id),
        _ => Err(ApiError::Validation(vec![FieldError::new(
            "plan_id",
            "is needed: the host has several plans under the framework",
        )
        .accepting(ids())])),
    }
}

/// The title an action made from a recommendation gets unless one is given: its first line,
/// shortened.
pub fn default_title(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if line.chars().count() <= 200 {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(199).collect::<String>())
    }
}

/// Turns an accepted (or partly accepted) recommendation into an action of the host's plan,
/// under the recommendation's commitment, and links the two (the host's editors or the
/// secretariat).
pub fn to_action(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    input: &ToActionInput,
    now: DateTime<Utc>,
) -> ApiResult<TurnedIntoAction> {
    let (s, before, seat) = load_recommendation(conn, caller, id)?;
    host_only(seat)?;
    if let Some(a) = before.action_id {
        return Err(ApiError::StateConflict(format!("the recommendation already became action {a}")));
    }
    match before.response {
        None => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "response",
                "is missing: the host has not responded to the recommendation yet",
            )
            .accepting("respond accepted or partly first")]))
        }
        Some(r) if !r.may_become_action() => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "response",
                "is not_accepted: a recommendation the host did not accept does not become an action",
            )
            .accepting("accepted, partly")]))
        }
        Some(_) => {}
    }
    let plan_id = host_plan(conn, &s, input.plan_id)?;
    let action_input = ActionInput {
        commitment: Some(before.commitment.clone()),
        title: Some(input.title.clone().unwrap_or_else(|| default_title(&before.text))),
        description: Some(input.description.clone().unwrap_or_else(|| before.text.clone())),
        status: input.status.clone(),
        due_date: input.due_date.clone().map(Some),
        ..Default::default()
    };
    crate::db::transaction(conn, |conn| {
        let action = crate::actions::commands::create(conn, caller, plan_id, &action_input, now)?;
        let recommendation = store::change_recommendation(
            conn,
            &before,
            before.version,
            RecommendationChange::Action { action_id: action.id },
            &caller.actor(),
            now,
        )?;
        Ok(TurnedIntoAction { recommendation, action })
    })
}

/// The recommendation an action came from, if any, for whoever reads the action: (review id,
/// recommendation id, its text).
pub fn origin_of_action(conn: &mut DbConnection, action_id: i64) -> ApiResult<Option<(i64, i64, String)>> {
    Ok(store::recommendation_of_action(conn, action_id)?.map(|(rec, review, text)| (review, rec, text)))
}

/// The cities a review could involve, for forms: (id, name), by name.
pub fn city_choices(conn: &mut DbConnection) -> ApiResult<Vec<(i64, String)>> {
    let (cities, _) = crate::cities::store::list(conn, None, None, 10_000, 0)?;
    Ok(cities.into_iter().map(|c| (c.id, c.name)).collect())
}

/// Codes of `wanted` that are not live commitments of the framework (for prefilled forms).
pub fn unknown_commitments(
    conn: &mut DbConnection,
    framework_id: i64,
    wanted: &[String],
) -> ApiResult<BTreeSet<String>> {
    let ids = store::commitment_ids(conn, framework_id)?;
    Ok(wanted.iter().filter(|c| !matches!(ids.get(c.as_str()), Some((_, false)))).cloned().collect())
}
