//! Check-in rounds and the schedule that opens them: the rounds with how their check-ins
//! stand, one round city by city (with a form to extend a city's due date), and the schedule
//! in force with its next firings and a form to change it. The rules live in
//! `check_ins::commands`: the secretariat changes things; observers read.

use super::admin::{self, anchored, refused, Refused};
use super::labels;
use super::web::{db, form_errors_in, lang, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::check_ins::store::Counts;
use crate::check_ins::{commands, rounds, store, CheckIn, CheckInState};
use crate::check_ins::{ExtendInput, ScheduleInput};
use crate::error::FieldError;
use crate::i18n::Lang;
use crate::t;
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

fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    labels::date(d, lang)
}

/// "1 July 2026 to 30 September 2026".
fn period_dates(start: chrono::NaiveDate, end: chrono::NaiveDate, lang: Lang) -> String {
    t!(lang, "rounds-period-dates", start = date(start, lang), end = date(end, lang))
}

/// Why no round can open now, as a sentence in `lang`.
fn not_now(why: &rounds::NotNow, lang: Lang) -> String {
    match why {
        rounds::NotNow::RoundOpen(label, closes) => {
            t!(lang, "rounds-not-now-open", round = label.as_str(), date = date(closes.date(), lang))
        }
        rounds::NotNow::NoCities => t!(lang, "rounds-not-now-no-cities"),
        rounds::NotNow::EmptyPeriod(start) => t!(lang, "rounds-not-now-empty", date = date(*start, lang)),
    }
}

async fn list(req: HttpRequest, viewer: Viewer, q: aweb::Query<ListQuery>) -> PageResult {
    viewer.caller.can_read_network()?;
    let lang = lang(&req);
    let number = admin::page_number(q.page.as_deref(), lang)?;
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
                "id": r.id, "label": crate::i18n::period(r.period_start, r.period_end, lang),
                "period_dates": period_dates(r.period_start, r.period_end, lang),
                "due": date(rounds::due_date(&schedule, r.due_at), lang),
                "closed": r.closed_at.is_some(),
                "counts": n,
            })
        })
        .collect();
    page(
        &req,
        "rounds",
        &t!(lang, "rounds-title"),
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
    let lang = lang(req);
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
                "label": crate::i18n::period(p.times.period_start, p.times.period_end, lang),
                "period": period_dates(p.times.period_start, p.times.period_end, lang),
                "due": date(p.due_date, lang),
                "closes": date(p.times.closes_at.with_timezone(&state.settings.time_zone()).date_naive(), lang),
                "emails": emails,
                "city_count": p.cities.len(),
                "cities": p.cities.iter().map(|(name, cs)| json!({"name": name, "contacts": cs.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")})).collect::<Vec<_>>(),
            }, "errors": form_errors_in(errors, &[], lang)})
        }
        Err(why) => json!({"reason": not_now(&why, lang)}),
    };
    render(req, status, "round_new", &t!(lang, "rounds-new-title"), data)
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
        &t!(
            lang(&req),
            "rounds-opened-notice",
            round = crate::i18n::period(round.period_start, round.period_end, lang(&req))
        ),
    ))
}

/// `{class, label}` of a check-in in the round's table; the label is a message key.
fn state_tag(c: &CheckIn, overdue: bool) -> Value {
    let (class, label) = match c.state {
        CheckInState::Submitted if c.late => ("tag-yellow", "rounds-state-submitted-late"),
        CheckInState::Submitted => ("tag-green", "rounds-state-submitted"),
        CheckInState::Resubmitted => ("tag-green", "rounds-state-resubmitted"),
        CheckInState::ChangesRequested => ("tag-yellow", "rounds-state-changes-requested"),
        CheckInState::Accepted if c.late => ("tag-green", "rounds-state-accepted-late"),
        CheckInState::Accepted => ("tag-green", "rounds-state-accepted"),
        CheckInState::Missed => ("tag-red", "rounds-state-missed"),
        CheckInState::Draft if overdue => ("tag-red", "rounds-state-draft-overdue"),
        CheckInState::Draft => ("tag-blue", "rounds-state-draft"),
        CheckInState::Extended if overdue => ("tag-red", "rounds-state-extended-overdue"),
        CheckInState::Extended => ("tag-yellow", "rounds-state-extended"),
        CheckInState::Open if overdue => ("tag-red", "rounds-state-overdue"),
        CheckInState::Open => ("tag-blue", "rounds-state-not-started"),
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
    let lang = lang(req);
    let state = super::web::state(req);
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (round, list, schedule) = db(req, move |c| {
        let round = rounds::get(c, id)?
            .ok_or_else(|| crate::error::ApiError::not_found(t!(lang, "rounds-no-round", id = id)))?;
        let list = store::for_round(c, &settings, id, None)?;
        Ok((round, list, rounds::effective_schedule(c, &settings)?))
    })
    .await?;
    let tz = schedule.time_zone();
    let closed = round.closed_at.is_some();
    let can_extend = viewer.caller.require_secretariat().is_ok();
    let mut field_labels: Vec<(String, String)> = vec![];
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
                field_labels.push((due_id.clone(), t!(lang, "rounds-new-due-for", city = c.city_name.as_str())));
                field_labels.push((reason_id.clone(), t!(lang, "rounds-reason-for", city = c.city_name.as_str())));
                forms.push(json!({
                    "id": c.id, "city": c.city_name, "due": date(c.due_date, lang), "due_id": due_id, "reason_id": reason_id,
                    "due_value": if mine { again.due_date.clone() } else { String::new() },
                    "reason_value": if mine { again.reason.clone() } else { String::new() },
                    "version": if mine { again.version.unwrap_or(c.version) } else { c.version },
                }));
            }
            json!({
                "id": c.id, "city_id": c.city_id, "city": c.city_name, "state": state_tag(c, overdue),
                "due": date(c.due_date, lang), "extension_reason": c.extension_reason,
                "submitted": c.submitted_at.map(|t| admin::when(t, tz, lang)), "submitted_by": c.submitted_by,
                "extendable": ext && can_extend,
            })
        })
        .collect();
    let label_refs: Vec<(&str, &str)> = field_labels.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let errors = form_errors_in(&again.errors, &label_refs, lang);
    for f in &mut forms {
        let (d, r) =
            (f["due_id"].as_str().unwrap_or("").to_string(), f["reason_id"].as_str().unwrap_or("").to_string());
        f["due_error"] = errors["fields"].get(&d).cloned().unwrap_or(Value::Null);
        f["reason_error"] = errors["fields"].get(&r).cloned().unwrap_or(Value::Null);
    }
    let counts = Counts::of(&list);
    let label = crate::i18n::period(round.period_start, round.period_end, lang);
    render(
        req,
        again.status.unwrap_or(StatusCode::OK),
        "round",
        &t!(lang, "rounds-round-title", round = label.as_str()),
        json!({
            "round": {
                "id": round.id, "label": label,
                "period": period_dates(round.period_start, round.period_end, lang),
                "opened": admin::when(round.opened_at, tz, lang), "due": date(rounds::due_date(&schedule, round.due_at), lang),
                "closes": admin::when(round.closes_at, tz, lang), "closed": round.closed_at.map(|t| admin::when(t, tz, lang)),
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
        return Err(
            crate::error::ApiError::not_found(t!(lang(&req), "rounds-no-check-in", round = round_id, id = id)).into()
        );
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
            &t!(lang(&req), "rounds-extended", city = c.city_name.as_str(), date = date(c.due_date, lang(&req))),
        )),
        Err(e) => {
            let r = refused(e, &t!(lang(&req), "rounds-conflict"))?;
            round_page(&req, &viewer, round_id, shown_again(r)).await
        }
    }
}

async fn schedule_page(
    req: &HttpRequest,
    viewer: &Viewer,
    status: StatusCode,
    typed: Option<(&str, &str)>,
    errors: &[FieldError],
) -> PageResult {
    viewer.caller.can_read_network()?;
    let state = super::web::state(req);
    let lang = lang(req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    let due_days = settings.check_ins.due_days;
    let s = db(req, move |c| commands::schedule_in_force(c, &settings, now)).await?;
    let tz: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let next: Vec<String> = s.next.iter().map(|t| admin::when(t.naive_utc(), tz, lang)).collect();
    let (schedule_label, zone_label) =
        (t!(lang, "rounds-schedule-error-label"), t!(lang, "rounds-time-zone-error-label"));
    let field_labels = [("expression", schedule_label.as_str()), ("time_zone", zone_label.as_str())];
    let (expression, time_zone) =
        typed.map(|(e, t)| (e.to_string(), t.to_string())).unwrap_or((s.expression.clone(), s.time_zone.clone()));
    render(
        req,
        status,
        "schedule",
        &t!(lang, "rounds-schedule-title"),
        json!({
            "current": {"expression": s.expression, "time_zone": s.time_zone, "by_secretariat": s.source == "secretariat", "next": next},
            "due_days": due_days, "can_change": viewer.caller.require_secretariat().is_ok(),
            "expression": expression, "time_zone": time_zone, "config_key": "check_ins.schedule",
            "errors": form_errors_in(&anchored(errors.to_vec(), "schedule-form"), &field_labels, lang),
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
            let lang = lang(&req);
            let notice = match s.next.first() {
                Some(t) => t!(
                    lang,
                    "rounds-schedule-changed-next",
                    when = admin::when(t.naive_utc(), tz, lang),
                    zone = s.time_zone.as_str()
                ),
                None => t!(lang, "rounds-schedule-changed"),
            };
            Ok(redirect_with_notice("/schedule", &notice))
        }
        Err(e) => {
            let r = refused(e, &t!(lang(&req), "rounds-schedule-conflict"))?;
            schedule_page(&req, &viewer, r.status, Some(typed), &r.errors).await
        }
    }
}
