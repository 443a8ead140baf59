//! Check-in rounds and the schedule that opens them: the rounds with how their check-ins
//! stand, one round city by city (with a form to extend a city's due date), and the schedule
//! in force with its next firings and a form to change it. The rules live in
//! `check_ins::commands`: the secretariat changes things; observers read.

use super::admin::{self, anchored, refused, Refused};
use super::web::{db, form_errors, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::check_ins::store::Counts;
use crate::check_ins::{commands, rounds, store, CheckIn, CheckInState};
use crate::check_ins::{ExtendInput, ScheduleInput};
use crate::error::FieldError;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/rounds", aweb::get().to(list))
        .route("/rounds/new", aweb::get().to(new_form))
        .route("/rounds/new", aweb::post().to(open_now))
        .route("/rounds/{id}", aweb::get().to(show))
        .route("/rounds/{id}/check-ins/{check_in}/extend", aweb::post().to(extend))
        .route("/schedule", aweb::get().to(schedule))
        .route("/schedule", aweb::post().to(change_schedule));
}

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<String>,
}

fn date(d: chrono::NaiveDate) -> String {
    crate::i18n::date(d, "en")
}

async fn list(req: HttpRequest, viewer: Viewer, q: aweb::Query<ListQuery>) -> PageResult {
    viewer.caller.can_read_network()?;
    let number = admin::page_number(q.page.as_deref())?;
    let (limit, offset) = admin::limits(number);
    let settings = super::web::state(&req).settings.clone();
    let (rows, total, counts, schedule) = db(&req, move |c| {
        let (rows, total) = commands::rounds(c, limit, offset)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let counts = store::counts(c, &ids)?;
        Ok((rows, total, counts, rounds::effective_schedule(c, &settings)?))
    })
    .await?;
    let items: Vec<Value> = rows
        .iter()
        .map(|r| {
            let n = counts.get(&r.id).copied().unwrap_or_default();
            json!({
                "id": r.id, "label": r.label,
                "period": crate::i18n::period(r.period_start, r.period_end, "en"),
                "period_dates": format!("{} to {}", date(r.period_start), date(r.period_end)),
                "due": date(rounds::due_date(&schedule, r.due_at)),
                "closed": r.closed_at.is_some(),
                "counts": n,
            })
        })
        .collect();
    page(
        &req,
        "rounds",
        "Check-in rounds",
        json!({"rounds": items, "total": total, "pagination": admin::pagination("/rounds", &[], number, total),
               "can_open": viewer.caller.require_secretariat().is_ok() && rows.iter().all(|r| r.closed_at.is_some())}),
    )
}

/// The confirmation before opening a round by hand: the period, the due date, and every city
/// and contact it will email; or why no round can open now.
async fn new_form(req: HttpRequest, viewer: Viewer) -> PageResult {
    new_page(&req, &viewer, StatusCode::OK, &[]).await
}

async fn new_page(req: &HttpRequest, viewer: &Viewer, status: StatusCode, errors: &[FieldError]) -> PageResult {
    let state = super::web::state(req);
    let (st, caller, now) = (state.clone(), viewer.caller.clone(), state.clock.now());
    let preview = db(req, move |c| {
        let env = crate::scheduler::Env { settings: &st.settings, templates: &st.templates };
        commands::preview_round_now(c, &env, &caller, now)
    })
    .await?;
    let data = match preview {
        Ok(p) => {
            let emails: usize = p.cities.iter().map(|(_, cs)| cs.len()).sum();
            json!({"preview": {
                "label": p.label,
                "period": format!("{} to {}", date(p.times.period_start), date(p.times.period_end)),
                "due": date(p.due_date),
                "closes": date(p.times.closes_at.with_timezone(&state.settings.schedule()?.time_zone()).date_naive()),
                "emails": emails,
                "city_count": p.cities.len(),
                "cities": p.cities.iter().map(|(name, cs)| json!({"name": name, "contacts": cs.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")})).collect::<Vec<_>>(),
            }, "errors": form_errors(errors, &[])})
        }
        Err(why) => json!({"reason": super::web::sentence(&commands::not_now_reason(&why))}),
    };
    render(req, status, "round_new", "Open a check-in round now", data)
}

async fn open_now(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    if let Err(e) = form.check_csrf(&req) {
        return new_page(&req, &viewer, StatusCode::UNPROCESSABLE_ENTITY, &[e]).await;
    }
    let state = super::web::state(&req);
    let (st, caller, now) = (state.clone(), viewer.caller.clone(), state.clock.now());
    let round = db(&req, move |c| {
        let env = crate::scheduler::Env { settings: &st.settings, templates: &st.templates };
        commands::open_round_now(c, &env, &caller, now)
    })
    .await?;
    Ok(redirect_with_notice(
        &format!("/rounds/{}", round.id),
        &format!("Round {} is open and its emails are on their way to the cities' contacts.", round.label),
    ))
}

fn state_tag(c: &CheckIn, overdue: bool) -> Value {
    let (class, label) = match c.state {
        CheckInState::Submitted if c.late => ("tag-yellow", "Submitted late"),
        CheckInState::Submitted => ("tag-green", "Submitted on time"),
        CheckInState::Resubmitted => ("tag-green", "Resubmitted, to review"),
        CheckInState::ChangesRequested => ("tag-yellow", "Changes requested"),
        CheckInState::Accepted if c.late => ("tag-green", "Accepted, sent late"),
        CheckInState::Accepted => ("tag-green", "Accepted"),
        CheckInState::Missed => ("tag-red", "Missed"),
        CheckInState::Draft if overdue => ("tag-red", "Draft saved, overdue"),
        CheckInState::Draft => ("tag-blue", "Draft saved"),
        CheckInState::Extended if overdue => ("tag-red", "Extended, overdue"),
        CheckInState::Extended => ("tag-yellow", "Extended"),
        CheckInState::Open if overdue => ("tag-red", "Overdue"),
        CheckInState::Open => ("tag-blue", "Not started"),
    };
    json!({"class": class, "label": label})
}

/// Typed values and errors of the one extension form that was refused.
#[derive(Default)]
struct Again {
    status: Option<StatusCode>,
    check_in: Option<i64>,
    due_date: String,
    reason: String,
    version: Option<i32>,
    errors: Vec<FieldError>,
}

fn extendable(c: &CheckIn, round_closed: bool) -> bool {
    !round_closed && matches!(c.state, CheckInState::Open | CheckInState::Draft | CheckInState::Extended)
}

async fn round_page(req: &HttpRequest, viewer: &Viewer, id: i64, again: Again) -> PageResult {
    viewer.caller.can_read_network()?;
    let state = super::web::state(req);
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (round, list, schedule) = db(req, move |c| {
        let round = rounds::get(c, id)?
            .ok_or_else(|| crate::error::ApiError::not_found(format!("no check-in round with id {id}")))?;
        let list = store::for_round(c, &settings, id, None)?;
        Ok((round, list, rounds::effective_schedule(c, &settings)?))
    })
    .await?;
    let tz = schedule.time_zone();
    let closed = round.closed_at.is_some();
    let can_extend = viewer.caller.require_secretariat().is_ok();
    let mut labels: Vec<(String, String)> = vec![];
    let mut forms = vec![];
    let rows: Vec<Value> = list
        .iter()
        .map(|c| {
            let overdue =
                !closed && c.submitted_at.is_none() && c.state != CheckInState::Missed && c.due_at < now.naive_utc();
            let ext = extendable(c, closed);
            if ext && can_extend {
                let mine = again.check_in == Some(c.id);
                let (due_id, reason_id) = (format!("due_date-{}", c.id), format!("reason-{}", c.id));
                labels.push((due_id.clone(), format!("New due date for {}", c.city_name)));
                labels.push((reason_id.clone(), format!("Reason for the extension for {}", c.city_name)));
                forms.push(json!({
                    "id": c.id, "city": c.city_name, "due": date(c.due_date), "due_id": due_id, "reason_id": reason_id,
                    "due_value": if mine { again.due_date.clone() } else { String::new() },
                    "reason_value": if mine { again.reason.clone() } else { String::new() },
                    "version": if mine { again.version.unwrap_or(c.version) } else { c.version },
                }));
            }
            json!({
                "id": c.id, "city_id": c.city_id, "city": c.city_name, "state": state_tag(c, overdue),
                "due": date(c.due_date), "extension_reason": c.extension_reason,
                "submitted": c.submitted_at.map(|t| admin::when(t, tz)), "submitted_by": c.submitted_by,
                "extendable": ext && can_extend,
            })
        })
        .collect();
    let label_refs: Vec<(&str, &str)> = labels.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let errors = form_errors(&again.errors, &label_refs);
    for f in &mut forms {
        let (d, r) =
            (f["due_id"].as_str().unwrap_or("").to_string(), f["reason_id"].as_str().unwrap_or("").to_string());
        f["due_error"] = errors["fields"].get(&d).cloned().unwrap_or(Value::Null);
        f["reason_error"] = errors["fields"].get(&r).cloned().unwrap_or(Value::Null);
    }
    let counts = Counts::of(&list);
    render(
        req,
        again.status.unwrap_or(StatusCode::OK),
        "round",
        &format!("Check-ins for {}", round.label),
        json!({
            "round": {
                "id": round.id, "label": round.label,
                "period": format!("{} to {}", date(round.period_start), date(round.period_end)),
                "opened": admin::when(round.opened_at, tz), "due": date(rounds::due_date(&schedule, round.due_at)),
                "closes": admin::when(round.closes_at, tz), "closed": round.closed_at.map(|t| admin::when(t, tz)),
            },
            "time_zone": tz.name(), "check_ins": rows, "forms": forms, "counts": counts,
            "errors": errors,
        }),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    round_page(&req, &viewer, id, Again::default()).await
}

async fn extend(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>, form: Form) -> PageResult {
    let (round_id, id) = (crate::http::id_param(&path.0)?, crate::http::id_param(&path.1)?);
    viewer.caller.require_secretariat()?;
    let state = super::web::state(&req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let s2 = settings.clone();
    let current = db(&req, move |c| Ok(store::get(c, &s2, id)?.check_in)).await?;
    if current.round_id != round_id {
        return Err(crate::error::ApiError::not_found(format!("round {round_id} has no check-in with id {id}")).into());
    }
    let input = ExtendInput {
        due_date: form.get(&format!("due_date-{id}")).to_string(),
        reason: form.get(&format!("reason-{id}")).to_string(),
    };
    let expected = admin::form_version(&form)?;
    let shown_again = |r: Refused| {
        let mut errors = anchored(r.errors, &format!("extend-{id}"));
        for e in &mut errors {
            if e.field == "due_date" || e.field == "reason" {
                e.field = format!("{}-{id}", e.field);
            }
        }
        Again {
            status: Some(r.status),
            check_in: Some(id),
            due_date: input.due_date.clone(),
            reason: input.reason.clone(),
            version: r.version.or(Some(expected)),
            errors,
        }
    };
    if let Err(e) = form.check_csrf(&req) {
        return round_page(&req, &viewer, round_id, shown_again(admin::expired(e))).await;
    }
    let caller = viewer.caller.clone();
    let typed = ExtendInput { due_date: input.due_date.clone(), reason: input.reason.clone() };
    match db(&req, move |c| Ok(commands::extend(c, &settings, &caller, id, &typed, Some(expected), now))).await? {
        Ok(c) => Ok(redirect_with_notice(
            &format!("/rounds/{round_id}"),
            &format!(
                "{} now has until {} to submit its check-in. Its reminders follow the new date.",
                c.city_name,
                date(c.due_date)
            ),
        )),
        Err(e) => {
            let r = refused(e, "check-in")?;
            round_page(&req, &viewer, round_id, shown_again(r)).await
        }
    }
}

const SCHEDULE_LABELS: &[(&str, &str)] = &[("expression", "The schedule"), ("time_zone", "The time zone")];

async fn schedule_page(
    req: &HttpRequest,
    viewer: &Viewer,
    status: StatusCode,
    typed: Option<(&str, &str)>,
    errors: &[FieldError],
) -> PageResult {
    viewer.caller.can_read_network()?;
    let state = super::web::state(req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let due_days = settings.check_ins.due_days;
    let s = db(req, move |c| commands::schedule_in_force(c, &settings, now)).await?;
    let tz: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let next: Vec<String> = s.next.iter().map(|t| admin::when(t.naive_utc(), tz)).collect();
    let (expression, time_zone) =
        typed.map(|(e, t)| (e.to_string(), t.to_string())).unwrap_or((s.expression.clone(), s.time_zone.clone()));
    render(
        req,
        status,
        "schedule",
        "Check-in schedule",
        json!({
            "current": {"expression": s.expression, "time_zone": s.time_zone, "by_secretariat": s.source == "secretariat", "next": next},
            "due_days": due_days, "can_change": viewer.caller.require_secretariat().is_ok(),
            "expression": expression, "time_zone": time_zone,
            "errors": form_errors(&anchored(errors.to_vec(), "schedule-form"), SCHEDULE_LABELS),
        }),
    )
}

async fn schedule(req: HttpRequest, viewer: Viewer) -> PageResult {
    schedule_page(&req, &viewer, StatusCode::OK, None, &[]).await
}

async fn change_schedule(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    viewer.caller.require_secretariat()?;
    let input =
        ScheduleInput { expression: form.get("expression").to_string(), time_zone: form.get("time_zone").to_string() };
    let typed = (input.expression.as_str(), input.time_zone.as_str());
    if let Err(e) = form.check_csrf(&req) {
        return schedule_page(&req, &viewer, StatusCode::UNPROCESSABLE_ENTITY, Some(typed), &[e]).await;
    }
    let now = super::web::state(&req).clock.now();
    let caller = viewer.caller.clone();
    let i2 = ScheduleInput { expression: input.expression.clone(), time_zone: input.time_zone.clone() };
    match db(&req, move |c| Ok(commands::set_schedule(c, &caller, &i2, now))).await? {
        Ok(s) => {
            let tz: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::UTC);
            let next = s
                .next
                .first()
                .map(|t| format!(" The next round opens on {} ({}).", admin::when(t.naive_utc(), tz), s.time_zone))
                .unwrap_or_default();
            Ok(redirect_with_notice("/schedule", &format!("The check-in schedule has been changed.{next}")))
        }
        Err(e) => {
            let r = refused(e, "schedule")?;
            schedule_page(&req, &viewer, r.status, Some(typed), &r.errors).await
        }
    }
}
