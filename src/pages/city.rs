//! A city's page: its action plan by role and commitment, what is overdue, and its check-in.
//! People who may read the city see everything; anyone else sees the public page if the city
//! chose to have one.

use super::labels;
use super::web::{self, PageError, PageResult};
use crate::actions::{store as actions_store, Action};
use crate::check_ins::{rounds, CheckInState};
use crate::cities::commands::{self, Access};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::ids::{FrameworkId, PlanId};
use crate::plans::coverage;
use actix_web::{web as aweb, HttpRequest};
use chrono::NaiveDate;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}", aweb::get().to(show));
}

/// An action as a row in lists: title, status tag, progress, due date and whether it is overdue.
pub fn action_row(a: &Action, today: NaiveDate, lang: crate::i18n::Lang) -> Value {
    let overdue = a.status.is_open() && a.due_date.is_some_and(|d| d < today);
    json!({
        "id": a.id, "title": a.title, "commitment": a.commitment, "tag": labels::action_status_tag(a.status, lang),
        "progress": a.progress, "due": a.due_date.map(|d| d.to_string()), "overdue": overdue,
        "stale": a.stale, "updated": a.updated_at.date().to_string(),
    })
}

/// The plans of a city with their coverage, grouped by role and commitment.
pub fn plans_view(
    c: &mut DbConnection,
    city_id: i64,
    today: NaiveDate,
    staleness: crate::actions::Staleness,
    lang: crate::i18n::Lang,
) -> ApiResult<Vec<Value>> {
    let (plans, _) = crate::plans::store::list_for_city(c, city_id, 100, 0)?;
    let mut out = vec![];
    for p in plans {
        let stored = crate::plans::store::require(c, p.id)?;
        let cov = coverage::compute(c, PlanId(p.id), FrameworkId(stored.framework_id), &p.framework)?;
        let fw = crate::charter::store::by_id(c, stored.framework_id)?;
        let (actions, _) = actions_store::list(c, p.id, &Default::default(), staleness, i64::MAX, 0)?;
        let mut covered = 0;
        let mut total = 0;
        let mut unofficial = false;
        let roles: Vec<Value> = cov
            .roles
            .iter()
            .map(|r| {
                let commitments: Vec<Value> = r
                    .commitments
                    .iter()
                    .map(|cm| {
                        if !cm.retired {
                            total += 1;
                            if cm.covered {
                                covered += 1;
                            }
                        }
                        let rows: Vec<Value> = actions.iter().filter(|a| a.commitment == cm.code).map(|a| action_row(a, today, lang)).collect();
                        // The Charter's words in the page's language where a translation exists
                        // (labelled when unofficial), else as adopted, marked with their language.
                        let words = crate::charter::translations::commitment(&fw.code, &cm.code, &cm.text, lang);
                        unofficial |= words.unofficial;
                        json!({"code": cm.code, "text": words.text, "short": labels::short(&words.text, 90), "text_lang": words.lang,
                               "retired": cm.retired, "covered": cm.covered, "actions": rows, "plan_id": p.id})
                    })
                    .collect();
                let title = crate::charter::translations::role_title(&fw.code, &r.code, &r.title, lang);
                json!({"code": r.code, "title": title.text, "title_lang": title.lang, "commitments": commitments, "plan_title": p.title})
            })
            .collect();
        let uncovered: Vec<Value> = cov
            .roles
            .iter()
            .flat_map(|r| r.commitments.iter())
            .filter(|cm| !cm.covered && !cm.retired)
            .map(|cm| {
                let words = crate::charter::translations::commitment(&fw.code, &cm.code, &cm.text, lang);
                json!({"code": cm.code, "short": labels::short(&words.text, 90), "text_lang": words.lang})
            })
            .collect();
        let status = match p.status {
            crate::plans::PlanStatus::Adopted => {
                json!({"adopted": true, "adopted_on": p.adopted_on.map(|d| d.to_string()), "class": "tag-green"})
            }
            crate::plans::PlanStatus::Draft => json!({"adopted": false, "class": "tag-grey"}),
        };
        out.push(json!({
            "id": p.id, "title": p.title, "framework": fw.title, "framework_code": p.framework, "status": status,
            "period_start": p.period_start.to_string(), "period_end": p.period_end.to_string(),
            "document_url": p.document_url, "actions": cov.actions, "covered": covered, "total": total,
            "uncovered_count": uncovered.len(), "uncovered": uncovered, "roles": roles, "unofficial": unofficial,
        }));
    }
    Ok(out)
}

/// The page's content: kept from an earlier request, or the data to render it from (and the
/// stamp to keep it under, when it may be kept).
enum Content {
    Kept(String),
    Data(Value, Option<super::rendered::Stamp>),
}

/// What a kept page of the city is kept under: the city, the language, and who reads (what a
/// role and city may see, `page_access`, peer-review seats, verification).
fn key(city_id: i64, lang: crate::i18n::Lang, viewer: Option<&crate::auth::sessions::Session>) -> String {
    let reader = viewer.map_or("anyone".to_string(), |s| format!("{:?}-{:?}", s.caller.role, s.caller.city_id));
    format!("{city_id}:{}:{reader}", lang.tag())
}

async fn show(req: HttpRequest, id: aweb::Path<String>) -> PageResult {
    let visitor_lang = web::visitor_lang(&req);
    let city_id = crate::http::id_param(&id)?;
    let state = web::state(&req);
    let (settings, now) = (state.settings.clone(), state.clock.now());
    // Without a query, when this instance has heard every change so far (db::changes) and
    // knows the session (auth::sessions::Kept): a kept page and the city's head kept with it.
    let heard = super::rendered::heard_stamp(&state.changes, now);
    if let (Some(stamp), Some(viewer)) = (heard, web::known_viewer(&req)) {
        // Remembered now, so that the way below does not look for it again.
        web::remember_viewer(&req, viewer.clone());
        let lang = web::lang_of(viewer.as_ref(), visitor_lang);
        if let Some((head, html)) = state.city_pages.get(&key(city_id, lang, viewer.as_ref()), stamp) {
            // Anything but a page to show (sign in, not found) is answered below, as before.
            if let Ok(access) = commands::page_access(viewer.as_ref().map(|s| &s.caller), head.id, head.public) {
                return around(&req, lang, &head, &access, &html);
            }
        }
    }
    let staleness = settings.staleness(now);
    let path = req.path().to_string();
    let today = web::today(&state);
    let kept = state.clone();
    let (head, access, content, key, lang) = web::db_with_viewer(&req, move |c, viewer| {
        let lang = web::lang_of(viewer, visitor_lang);
        let key = key(city_id, lang, viewer);
        // The counter first: what is read after it (the city's name and whether its page is
        // public, the content) is at least as new, so it may be kept under it. A page kept at
        // this counter comes with the city's head as it was then, which is as it is now (a
        // change to the city moves the counter): the access check is made on every request
        // either way, and a kept page needs no other query.
        let stamp = match heard {
            Some(stamp) => Some(stamp),
            None => super::rendered::stamp(c, now)?,
        };
        let found = stamp.and_then(|st| kept.city_pages.get(&key, st));
        let head = match &found {
            Some((head, _)) => head.clone(),
            None => crate::cities::store::require_head(c, city_id)?,
        };
        let access = match commands::page_access(viewer.map(|s| &s.caller), head.id, head.public) {
            Ok(a) => a,
            Err(ApiError::Unauthenticated(_)) => {
                return Ok((head, Err(PageError::SignIn { next: path }), Content::Kept(String::new()), key, lang))
            }
            Err(e) => return Ok((head, Err(e.into()), Content::Kept(String::new()), key, lang)),
        };
        if let Some((_, html)) = found {
            return Ok((head, Ok(access), Content::Kept(html), key, lang));
        }
        let city = crate::cities::store::require(c, city_id)?;
        let data = content(c, &city, &access, viewer, &settings, today, now, staleness, lang)?;
        Ok((head, Ok(access), Content::Data(data, stamp), key, lang))
    })
    .await?;
    let access = access?;
    let html = match content {
        Content::Kept(html) => html,
        Content::Data(mut data, stamp) => {
            data["network"] = state.settings.network.name.clone().into();
            let html = state
                .pages
                .render_part(lang, "city", &data)
                .map_err(|e| PageError::Unexpected(e.context("rendering page city")))?;
            if let Some(stamp) = stamp {
                state.city_pages.put(key, stamp, head.clone(), &html);
            }
            html
        }
    };
    around(&req, lang, &head, &access, &html)
}

/// The page around the city's content, titled for what `access` shows.
fn around(
    req: &HttpRequest,
    lang: crate::i18n::Lang,
    head: &crate::cities::CityHead,
    access: &Access,
    html: &str,
) -> PageResult {
    let title = if matches!(access, Access::Full { .. }) {
        crate::t!(lang, "city-title-full", city = head.name.as_str())
    } else {
        crate::t!(lang, "city-title-public", city = head.name.as_str())
    };
    web::page_around(req, &title, html)
}

/// What the city template shows `viewer`, who has `access`.
#[allow(clippy::too_many_arguments)]
fn content(
    c: &mut DbConnection,
    city: &crate::cities::City,
    access: &Access,
    viewer: Option<&crate::auth::sessions::Session>,
    settings: &crate::config::Settings,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    staleness: crate::actions::Staleness,
    lang: crate::i18n::Lang,
) -> ApiResult<Value> {
    let city_id = city.id;
    let titles: std::collections::HashMap<String, String> =
        crate::charter::store::list(c)?.into_iter().map(|f| (f.code, f.title)).collect();
    let plans = plans_view(c, city_id, today, staleness, lang)?;
    let mut data = json!({"plans": plans});
    let (full, edit) = match access {
        Access::Full { edit } => (true, *edit),
        Access::Public => (false, false),
    };
    let reviews = crate::peer_reviews::commands::hosted_by(c, viewer.map(|s| &s.caller), city_id)?;
    data["peer_reviews"] =
        reviews.iter().map(|r| super::peer_reviews::review_row(r, !full, lang)).collect::<Vec<_>>().into();
    if full {
        let check_ins = crate::check_ins::store::for_city(c, settings, city_id)?;
        let open = check_ins
            .iter()
            .find(|ci| matches!(ci.state, CheckInState::Open | CheckInState::Draft | CheckInState::Extended));
        data["check_in"] = match open {
            Some(ci) => {
                let overdue = now.naive_utc() > ci.due_at;
                json!({"id": ci.id, "round": ci.round_label, "due": ci.due_date.to_string(), "overdue": overdue,
                       "tag": labels::check_in_tag(ci.state, ci.late, overdue, lang)})
            }
            None => Value::Null,
        };
        data["last_check_in"] = check_ins
            .iter()
            .find(|ci| !matches!(ci.state, CheckInState::Open | CheckInState::Draft | CheckInState::Extended))
            .map(|ci| json!({"round": ci.round_label, "tag": labels::check_in_tag(ci.state, ci.late, false, lang)}))
            .unwrap_or(Value::Null);
        let schedule = rounds::effective_schedule(c, settings)?;
        data["next_round"] =
            schedule.next_after(now).map(|t| t.with_timezone(&schedule.time_zone()).date_naive().to_string()).into();
        let (mut overdue, mut stale) = (vec![], vec![]);
        for p in data["plans"].as_array().unwrap() {
            for r in p["roles"].as_array().unwrap() {
                for cm in r["commitments"].as_array().unwrap() {
                    let rows = cm["actions"].as_array().unwrap();
                    overdue.extend(rows.iter().filter(|a| a["overdue"] == true).cloned());
                    stale.extend(rows.iter().filter(|a| a["stale"] == true).cloned());
                }
            }
        }
        data["overdue"] = overdue.into();
        data["stale"] = stale.into();
        data["stale_after_days"] = settings.actions.stale_after_days.into();
        if let Some(v) = viewer {
            let all = crate::verification::commands::side_by_side(c, &v.caller, city_id)?;
            data["verification"] = super::verification::rows(&all, true, lang).into();
        }
    }
    data["city"] = json!({
        "id": city.id, "name": city.name, "country": city.country, "public": city.public,
        "signatures": city.signatures.iter().map(|s| json!({"framework": titles.get(&s.framework).unwrap_or(&s.framework), "signed_on": s.signed_on.to_string()})).collect::<Vec<_>>(),
    });
    data["full"] = full.into();
    data["can_edit"] = edit.into();
    Ok(data)
}
