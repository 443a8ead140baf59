//! The secretariat's outcomes reports: compile a draft, read it, mark good practice, publish,
//! and see every version. The public reads published reports at `/reports` (`reports::public`).

use super::labels;
use super::web::{self, db, form_errors_in, redirect_with_notice, render, Form, PageError, PageResult, Viewer};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::ids::{ActionId, CityId, FrameworkId, ReportId};
use crate::reports::CompileInput;
use crate::reports::{commands, store};
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/reports/manage", aweb::get().to(list))
        .route("/reports/manage", aweb::post().to(compile))
        .route("/reports/manage/{id}", aweb::get().to(show))
        .route("/reports/manage/{id}/compile", aweb::post().to(recompile))
        .route("/reports/manage/{id}/preview", aweb::get().to(preview))
        .route("/reports/manage/{id}/publish", aweb::post().to(publish))
        .route("/reports/manage/{id}/good-practices", aweb::post().to(mark))
        .route("/reports/manage/{id}/good-practices/{action}/remove", aweb::post().to(unmark));
}

/// The compile form's fields and the words their error messages start with.
fn compile_labels(lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        ("framework", t!(lang, "reports-field-framework")),
        ("from", t!(lang, "reports-field-from")),
        ("to", t!(lang, "reports-field-to")),
    ]
}

fn secretariat_only(req: &HttpRequest, viewer: &Viewer) -> Result<(), PageError> {
    match commands::reader_is_secretariat(&viewer.caller) {
        true => Ok(()),
        false => Err(PageError::Forbidden(t!(web::lang(req), "reports-secretariat-only"))),
    }
}

/// A local time as the templates' `{{datetime}}` reads it (`2026-06-01T14:05:00`).
pub(crate) fn local_iso(t: chrono::NaiveDateTime, tz: &chrono_tz::Tz) -> String {
    t.and_utc().with_timezone(tz).naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The reporting cycle that contains `today` (a calendar year by default).
fn current_cycle(today: NaiveDate, years: u32, anchor: i32) -> (NaiveDate, NaiveDate) {
    for ahead in 1..=years.max(1) as i32 {
        let next = NaiveDate::from_ymd_opt(today.year() + ahead, 1, 1).expect("a valid year");
        let (start, end) = crate::reports::schedule::cycle_before(next, years, anchor);
        if start <= today && today <= end {
            return (start, end);
        }
    }
    (NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap(), NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap())
}

async fn list_page(req: &HttpRequest, status: StatusCode, form: Value, errors: &[FieldError]) -> PageResult {
    let lang = web::lang(req);
    let state = web::state(req);
    let settings = state.settings.clone();
    let (reports, frameworks) =
        db(req, move |c| Ok((store::list(c, &settings, true)?, crate::charter::store::list(c)?))).await?;
    let chosen = form["framework"].as_str().unwrap_or("eurocities-integrating-cities").to_string();
    let rows: Vec<Value> = reports
        .iter()
        .map(|r| {
            json!({"id": r.id, "title": r.framework_title, "start": r.period_start.to_string(), "end": r.period_end.to_string(), "published": r.latest_published, "draft": r.draft,
                   "public_url": r.public_url.as_ref().map(|_| format!("/reports/{}", r.slug)), "good_practices": r.good_practices.len()})
        })
        .collect();
    let frameworks: Vec<Value> =
        frameworks.iter().map(|f| json!({"value": f.code, "label": f.title, "selected": f.code == chosen})).collect();
    render(
        req,
        status,
        "reports_manage",
        &t!(lang, "reports-manage-title"),
        json!({"reports": rows, "frameworks": frameworks, "form": form, "errors": form_errors_in(errors, &labels_ref(&compile_labels(lang)), lang)}),
    )
}

async fn list(req: HttpRequest, viewer: Viewer) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let state = web::state(&req);
    let (from, to) =
        current_cycle(web::today(&state), state.settings.reports.cycle_years, state.settings.reports.cycle_anchor_year);
    list_page(
        &req,
        StatusCode::OK,
        json!({"framework": "eurocities-integrating-cities", "from": from.to_string(), "to": to.to_string()}),
        &[],
    )
    .await
}

async fn compile(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let input = CompileInput {
        framework: form.get("framework").into(),
        from: form.get("from").into(),
        to: form.get("to").into(),
    };
    let typed = json!({"framework": input.framework, "from": input.from, "to": input.to});
    if let Err(e) = form.check_csrf(&req) {
        return list_page(&req, StatusCode::UNPROCESSABLE_ENTITY, typed, &[e]).await;
    }
    let state = web::state(&req);
    let (settings, now, caller) = (state.settings.clone(), state.clock.now(), viewer.caller.clone());
    let outcome = db(&req, move |c| match commands::compile(c, &settings, &caller, &input, now) {
        Ok(done) => Ok(Ok(done)),
        Err(ApiError::Validation(e)) => Ok(Err(e)),
        Err(e) => Err(e),
    })
    .await?;
    match outcome {
        Ok(done) => {
            Ok(redirect_with_notice(&format!("/reports/manage/{}", done.report_id), &compiled_notice(&req, &done)))
        }
        Err(errors) => list_page(&req, StatusCode::UNPROCESSABLE_ENTITY, typed, &errors).await,
    }
}

#[derive(Deserialize)]
struct ShowQuery {
    city: Option<i64>,
}

/// One report: its state, the good practices, the city picker for marking more, the publish
/// form and the versions. `errors` re-show the publish form.
async fn report_page(
    req: &HttpRequest,
    id: i64,
    city: Option<i64>,
    status: StatusCode,
    changelog: &str,
    errors: &[FieldError],
) -> PageResult {
    let lang = web::lang(req);
    let state = web::state(req);
    let settings = state.settings.clone();
    let tz = settings.time_zone();
    let data = db(req, move |c| {
        let summary = store::get(c, &settings, id)?;
        let versions = store::versions(c, id, true)?;
        let detail = store::detail(c, &settings, id, true)?;
        let fw =
            crate::charter::store::by_code(c, &summary.framework)?.ok_or_else(|| ApiError::not_found("framework"))?;
        let mut cities_of = store::cities_with_plans(c, fw.id)?;
        crate::i18n::sort_by_name(&mut cities_of, lang, |(_, n)| n.as_str());
        let candidates = match city {
            Some(city) => store::good_practice_candidates(c, FrameworkId(fw.id), CityId(city))?,
            None => vec![],
        };
        Ok((summary, versions, detail, cities_of, candidates))
    })
    .await?;
    let (summary, versions, detail, cities_of, candidates) = data;
    let when = |t: chrono::NaiveDateTime| local_iso(t, &tz);
    let marked: Vec<Value> = detail
        .figures
        .good_practices
        .iter()
        .map(|g| json!({"action_id": g.action_id, "city": g.city, "commitment": g.commitment, "title": g.title, "narrative": g.narrative, "progress": g.progress}))
        .collect();
    let candidates: Vec<Value> = candidates
        .into_iter()
        .map(|a| {
            json!({"id": a.id, "title": a.title, "commitment": a.commitment, "tag": labels::action_status_tag(a.status, lang),
                   "progress": a.progress, "marked": summary.good_practices.contains(&a.id)})
        })
        .collect();
    let draft = versions
        .iter()
        .find(|v| v.state == store::DRAFT)
        .map(|v| json!({"number": v.number, "compiled": when(v.compiled_at), "by": v.compiled_by}));
    let needs_changelog = summary.latest_published.is_some();
    let versions: Vec<Value> = versions
        .iter()
        .rev()
        .map(|v| {
            json!({"number": v.number, "draft": v.state == store::DRAFT, "compiled": when(v.compiled_at), "compiled_by": v.compiled_by,
                   "published": v.published_at.map(when), "published_by": v.published_by, "changelog": v.changelog,
                   "url": (v.state == store::PUBLISHED).then(|| format!("/reports/{}/versions/{}", summary.slug, v.number))})
        })
        .collect();
    let cities: Vec<Value> =
        cities_of.iter().map(|(cid, n)| json!({"value": cid, "label": n, "selected": Some(*cid) == city})).collect();
    render(
        req,
        status,
        "report_admin",
        &t!(
            lang,
            "reports-admin-title",
            framework = &summary.framework_title,
            period = crate::i18n::period(summary.period_start, summary.period_end, lang)
        ),
        json!({
            "report": {"id": summary.id, "title": summary.framework_title, "public_path": format!("/reports/{}", summary.slug),
                       "start": summary.period_start.to_string(), "end": summary.period_end.to_string(),
                       "published": summary.latest_published, "public_url": summary.public_url.as_ref().map(|_| format!("/reports/{}", summary.slug))},
            "draft": draft, "needs_changelog": needs_changelog, "changelog": changelog,
            "marked": marked, "cities": cities, "city": city, "candidates": candidates, "versions": versions,
            "errors": form_errors_in(errors, &[("changelog", &t!(lang, "reports-admin-field-changelog"))], lang),
        }),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, q: aweb::Query<ShowQuery>) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let id = crate::http::id_param(&id)?;
    report_page(&req, id, q.city, StatusCode::OK, "", &[]).await
}

async fn recompile(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let id = crate::http::id_param(&id)?;
    if let Err(e) = form.check_csrf(&req) {
        return report_page(&req, id, None, StatusCode::UNPROCESSABLE_ENTITY, "", &[e]).await;
    }
    let state = web::state(&req);
    let (settings, now, caller) = (state.settings.clone(), state.clock.now(), viewer.caller.clone());
    let done = db(&req, move |c| commands::recompile(c, &settings, &caller, id, now)).await?;
    Ok(redirect_with_notice(&format!("/reports/manage/{id}"), &compiled_notice(&req, &done)))
}

/// The draft (or, without one, the latest version) as the secretariat reads it: every figure,
/// unsuppressed, bannered as a draft.
async fn preview(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let id = crate::http::id_param(&id)?;
    let templates = web::state(&req).report_templates.clone();
    let lang = web::lang(&req);
    let html = db(&req, move |c| store::secretariat_html(c, &templates, id, lang)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((actix_web::http::header::CONTENT_LANGUAGE, lang.tag()))
        .body(html))
}

async fn publish(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let id = crate::http::id_param(&id)?;
    let changelog = form.get("changelog").to_string();
    if let Err(e) = form.check_csrf(&req) {
        return report_page(&req, id, None, StatusCode::UNPROCESSABLE_ENTITY, &changelog, &[e]).await;
    }
    let state = web::state(&req);
    let (settings, templates, now, caller) =
        (state.settings.clone(), state.report_templates.clone(), state.clock.now(), viewer.caller.clone());
    let text = changelog.clone();
    let outcome = db(&req, move |c| {
        let log = Some(text.as_str()).filter(|t| !t.trim().is_empty());
        match commands::publish(c, &settings, &templates, &caller, id, log, now) {
            Ok(p) => Ok(Ok(p)),
            Err(ApiError::Validation(e)) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(p) => Ok(redirect_with_notice(
            &format!("/reports/manage/{id}"),
            &t!(web::lang(&req), "reports-admin-published-notice", number = p.number, url = &p.url),
        )),
        Err(errors) => report_page(&req, id, None, StatusCode::UNPROCESSABLE_ENTITY, &changelog, &errors).await,
    }
}

async fn mark(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let id = crate::http::id_param(&id)?;
    let city = form.get("city").parse::<i64>().ok();
    if let Err(e) = form.check_csrf(&req) {
        return report_page(&req, id, city, StatusCode::UNPROCESSABLE_ENTITY, "", &[e]).await;
    }
    let action = form
        .get("action_id")
        .parse::<i64>()
        .map_err(|_| PageError::BadRequest(t!(web::lang(&req), "reports-admin-which-action")))?;
    let state = web::state(&req);
    let (settings, now, caller) = (state.settings.clone(), state.clock.now(), viewer.caller.clone());
    let title = db(&req, move |c| {
        commands::mark_good_practice(c, &settings, &caller, ReportId(id), ActionId(action), now)?;
        Ok(crate::actions::store::require(c, action, crate::actions::Staleness::NEVER)?.title)
    })
    .await?;
    let back = match city {
        Some(c) => format!("/reports/manage/{id}?city={c}#good-practice"),
        None => format!("/reports/manage/{id}#good-practice"),
    };
    Ok(redirect_with_notice(&back, &t!(web::lang(&req), "reports-admin-marked-notice", title = title)))
}

async fn unmark(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>, form: Form) -> PageResult {
    secretariat_only(&req, &viewer)?;
    let (id, action) = path.into_inner();
    let (id, action) = (crate::http::id_param(&id)?, crate::http::id_param(&action)?);
    if let Err(e) = form.check_csrf(&req) {
        return report_page(&req, id, None, StatusCode::UNPROCESSABLE_ENTITY, "", &[e]).await;
    }
    let state = web::state(&req);
    let (settings, now, caller) = (state.settings.clone(), state.clock.now(), viewer.caller.clone());
    db(&req, move |c| commands::unmark_good_practice(c, &settings, &caller, ReportId(id), ActionId(action), now))
        .await?;
    Ok(redirect_with_notice(
        &format!("/reports/manage/{id}#good-practice"),
        &t!(web::lang(&req), "reports-admin-unmarked-notice"),
    ))
}

/// "Draft version 2 compiled." or "... compiled again with the latest data."
fn compiled_notice(req: &HttpRequest, done: &crate::reports::store::Compiled) -> String {
    let key = if done.created { "reports-compiled" } else { "reports-compiled-again" };
    t!(web::lang(req), key, number = done.number)
}

/// `form_errors_in` takes borrowed labels.
fn labels_ref<'a>(labels: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    labels.iter().map(|(f, l)| (*f, l.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_cycle_contains_today() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(current_cycle(d("2026-11-24"), 1, 2026), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(current_cycle(d("2026-11-24"), 2, 2026), (d("2026-01-01"), d("2027-12-31")));
        assert_eq!(current_cycle(d("2027-03-01"), 2, 2026), (d("2026-01-01"), d("2027-12-31")));
        assert_eq!(current_cycle(d("2028-03-01"), 2, 2026), (d("2028-01-01"), d("2029-12-31")));
    }
}
