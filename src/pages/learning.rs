//! Mutual learning pages: a city's comparison with cities like it and whom to learn from
//! (`/cities/{id}/learn`), its context form (`/cities/{id}/context`), the secretariat's
//! peer-review pairing view (`/network/pairing`), and the public good-practice library
//! (`/good-practices`, a page per practice, an Atom feed). The rules are in `learning`.

use super::labels;
use super::web::{self, db, form_errors_in, page, redirect_with_notice, render, Form, PageError, PageResult, Viewer};
use crate::cities::context::{Context, ContextInput};
use crate::error::{ApiError, FieldError};
use crate::learning::{commands, Average, Practice, Weights};
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}/learn", aweb::get().to(learn))
        .route("/cities/{id}/context", aweb::get().to(context_form))
        .route("/cities/{id}/context", aweb::post().to(save_context))
        .route("/network/pairing", aweb::get().to(pairing))
        .route("/good-practices", aweb::get().to(library))
        .route("/good-practices.atom", aweb::get().to(feed))
        .route("/good-practices/{report}/{action}", aweb::get().to(practice));
}

fn one_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn average_view(a: &Option<Average>, threshold: i64) -> Value {
    match a {
        None => Value::Null,
        Some(a) => match a.covered {
            Some(c) => json!({"covered": one_decimal(c), "progress": a.progress, "cities": a.cities}),
            None => json!({"withheld": true, "threshold": threshold, "cities": a.cities}),
        },
    }
}

fn context_view(c: &Context, lang: crate::i18n::Lang) -> Value {
    json!({
        "population": c.population.map(|n| labels::thousands(n, lang)), "population_year": c.population_year,
        "born_abroad": c.born_abroad_percent, "born_abroad_year": c.born_abroad_year,
        "source": c.source, "size_band": c.size_band, "share_band": c.share_band,
        "any": c.population.is_some() || c.born_abroad_percent.is_some(),
    })
}

async fn learn(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let lang = web::lang(&req);
    let city_id = crate::http::id_param(&id)?;
    let state = web::state(&req);
    let (caller, now) = (viewer.caller.clone(), state.clock.now().naive_utc());
    let threshold = i64::from(state.settings.reports.suppression_threshold);
    let (city, ctx, comparisons, learn) = db(&req, move |c| {
        let comparisons = commands::compare(c, &caller, city_id, threshold)?;
        let learn = commands::learn_from(c, &caller, city_id, now)?;
        let city = crate::cities::store::require(c, city_id)?;
        let ctx = crate::cities::context::for_city(c, city_id)?;
        Ok((city, ctx, comparisons, learn))
    })
    .await?;
    let comparisons: Vec<Value> = comparisons
        .iter()
        .map(|cmp| {
            let row = |r: &crate::learning::RoleComparison| {
                json!({
                    "title": r.title, "code": r.role, "covered": r.covered, "total": r.total, "progress": r.progress,
                    "same_size": average_view(&r.same_size, threshold), "same_share": average_view(&r.same_share, threshold),
                    "network": average_view(&Some(r.network.clone()), threshold),
                })
            };
            let o = &cmp.overall;
            let mut sentence = crate::t!(lang, "learn-sentence-covered", covered = o.covered, total = o.total);
            if let Some(Average { covered: Some(c), .. }) = &o.same_size {
                sentence.push_str(&crate::t!(lang, "learn-sentence-same-size", average = crate::i18n::format::decimal(*c, 1, lang)));
            }
            if let Some(c) = o.network.covered {
                sentence.push_str(&crate::t!(lang, "learn-sentence-network", average = crate::i18n::format::decimal(c, 1, lang)));
            }
            json!({
                "framework": cmp.framework, "sentence": crate::t!(lang, "learn-sentence", sentence = sentence), "overall": row(o),
                "roles": cmp.roles.iter().map(row).collect::<Vec<_>>(),
                "size_band": cmp.size_band, "share_band": cmp.share_band,
                "has_size": o.same_size.is_some(), "has_share": o.same_share.is_some(),
            })
        })
        .collect();
    let gaps: Vec<Value> = learn
        .gaps
        .iter()
        .map(|g| {
            json!({
                "commitment": g.commitment, "text": g.text, "reasons": g.reasons.join("; "),
                "suggestions": g.suggestions.iter().map(|s| json!({
                    "city": s.city, "city_id": s.city_id, "country": s.country, "score": s.score,
                    "parts": s.parts.iter().map(|p| crate::t!(lang, "learn-part", reason = p.reason.as_str(), points = p.points)).collect::<Vec<_>>(),
                    "actions": s.actions.iter().map(|a| json!({"id": a.id, "title": a.title, "tag": labels::action_status_tag(a.status, lang), "progress": a.progress, "good_practice": a.good_practice})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "search": format!("/actions?commitment={}", g.commitment),
            })
        })
        .collect();
    let weights = vec![
        crate::t!(lang, "learn-weight-completed", points = Weights::COMPLETED),
        crate::t!(lang, "learn-weight-advanced", points = Weights::ADVANCED, progress = Weights::ADVANCED_PROGRESS),
        crate::t!(lang, "learn-weight-good-practice", points = Weights::GOOD_PRACTICE),
        crate::t!(lang, "learn-weight-context", size = Weights::SAME_SIZE, share = Weights::SAME_SHARE),
        crate::t!(lang, "learn-weight-recent", points = Weights::RECENT, days = Weights::RECENT_DAYS),
    ];
    let can_edit = viewer.caller.can_edit_city(city_id).is_ok();
    page(
        &req,
        "learn",
        &crate::t!(lang, "learn-heading", city = city.name.as_str()),
        json!({
            "city": {"id": city.id, "name": city.name}, "context": context_view(&ctx, lang), "can_edit": can_edit,
            "comparisons": comparisons, "gaps": gaps, "weights": weights, "threshold": threshold,
            "suggestions": Weights::SUGGESTIONS,
        }),
    )
}

fn context_labels(lang: crate::i18n::Lang) -> Vec<(&'static str, String)> {
    [
        ("population", "learn-population"),
        ("population_year", "learn-population-year"),
        ("born_abroad_percent", "learn-born-abroad-field"),
        ("born_abroad_year", "learn-born-abroad-year"),
        ("source", "learn-source"),
    ]
    .into_iter()
    .map(|(f, key)| (f, crate::t!(lang, key)))
    .collect()
}

async fn context_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    viewer.caller.can_edit_city(city_id)?;
    let (city, ctx) = db(&req, move |c| {
        Ok((crate::cities::store::require(c, city_id)?, crate::cities::context::for_city(c, city_id)?))
    })
    .await?;
    let values = json!({
        "population": ctx.population.map(|p| p.to_string()).unwrap_or_default(),
        "population_year": ctx.population_year.map(|p| p.to_string()).unwrap_or_default(),
        "born_abroad_percent": ctx.born_abroad_percent.map(one_decimal).unwrap_or_default(),
        "born_abroad_year": ctx.born_abroad_year.map(|p| p.to_string()).unwrap_or_default(),
        "source": ctx.source, "version": ctx.version,
    });
    page(
        &req,
        "context_form",
        &crate::t!(web::lang(&req), "learn-context-title", city = city.name.as_str()),
        json!({"city": {"id": city.id, "name": city.name}, "values": values}),
    )
}

/// A whole number as people type it: spaces, commas, dots and apostrophes between digits are
/// thousands separators ("350 000", "350,000", "1'000'000").
fn whole(field: &str, s: &str, what: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let t: String = s.trim().chars().filter(|c| !matches!(c, ' ' | ',' | '.' | '\'' | '\u{a0}' | '\u{202f}')).collect();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(FieldError::new(field, what));
            None
        }
    }
}

async fn save_context(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let lang = web::lang(&req);
    let (residents, year) = (crate::t!(lang, "learn-must-be-residents"), crate::t!(lang, "learn-must-be-year"));
    let population = whole("population", form.get("population"), &residents, &mut errors);
    let population_year =
        whole("population_year", form.get("population_year"), &year, &mut errors).map(|y| y.clamp(0, 9999) as i32);
    let born_abroad_year =
        whole("born_abroad_year", form.get("born_abroad_year"), &year, &mut errors).map(|y| y.clamp(0, 9999) as i32);
    let pct = form.get("born_abroad_percent").trim().trim_end_matches('%').trim().replace(',', ".");
    let born_abroad_percent = if pct.is_empty() {
        None
    } else {
        match pct.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                errors.push(FieldError::new("born_abroad_percent", crate::t!(lang, "learn-must-be-percent")));
                None
            }
        }
    };
    let version: i32 = form.get("version").parse().unwrap_or(-1);
    let input = ContextInput {
        version: Some(version),
        population,
        population_year,
        born_abroad_percent,
        born_abroad_year,
        source: Some(form.get("source").to_string()),
    };
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    let outcome = db(&req, move |c| {
        let run = |c: &mut crate::db::DbConnection| {
            crate::cities::commands::set_context(c, &caller, city_id, version, &input, now)
        };
        let result = if errors.is_empty() {
            run(c)
        } else {
            Err(ApiError::Validation([errors, crate::db::dry_run(c, run)?].concat()))
        };
        match result {
            Ok(done) => Ok(Ok(done)),
            Err(ApiError::Validation(e)) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(_) => Ok(redirect_with_notice(&format!("/cities/{city_id}/learn"), &crate::t!(lang, "learn-context-saved"))),
        Err(e) => {
            let city = db(&req, move |c| crate::cities::store::require(c, city_id)).await?;
            let labels = context_labels(lang);
            let values = json!({
                "population": form.get("population"), "population_year": form.get("population_year"),
                "born_abroad_percent": form.get("born_abroad_percent"), "born_abroad_year": form.get("born_abroad_year"),
                "source": form.get("source"), "version": version,
            });
            render(
                &req,
                StatusCode::UNPROCESSABLE_ENTITY,
                "context_form",
                &crate::t!(lang, "learn-context-title", city = city.name.as_str()),
                json!({"city": {"id": city.id, "name": city.name}, "values": values,
                       "errors": form_errors_in(&e, &labels.iter().map(|(f, l)| (*f, l.as_str())).collect::<Vec<_>>(), lang)}),
            )
        }
    }
}

#[derive(Deserialize)]
struct PairingQuery {
    framework: Option<String>,
}

async fn pairing(req: HttpRequest, viewer: Viewer, q: aweb::Query<PairingQuery>) -> PageResult {
    viewer.caller.require_secretariat()?;
    let fw = q.into_inner().framework.unwrap_or_else(|| "eurocities-integrating-cities".into());
    let caller = viewer.caller.clone();
    let pairs = db(&req, move |c| commands::pairing(c, &caller, &fw)).await?;
    let rows: Vec<Value> = pairs
        .iter()
        .map(|p| {
            let start = |host: &crate::learning::CityRef, reviewer: &crate::learning::CityRef, focus: &[String]| {
                format!("/peer-reviews/new?host={}&reviewers={}&commitments={}", host.id, reviewer.id, focus.join(","))
            };
            json!({
                "a": p.a, "b": p.b, "a_helps_b": p.a_helps_b.join(", "), "b_helps_a": p.b_helps_a.join(", "),
                "score": p.score, "similar": p.similar,
                "review_b": start(&p.b, &p.a, &p.a_helps_b), "review_a": start(&p.a, &p.b, &p.b_helps_a),
            })
        })
        .collect();
    page(&req, "pairing", &crate::t!(web::lang(&req), "peer-pairing-title"), json!({"pairs": rows}))
}

#[derive(Deserialize)]
struct LibraryQuery {
    commitment: Option<String>,
}

async fn library(req: HttpRequest, q: aweb::Query<LibraryQuery>) -> PageResult {
    let lang = web::lang(&req);
    let all = db(&req, commands::practices).await?;
    let wanted = q.into_inner().commitment.filter(|c| !c.trim().is_empty());
    let mut by: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
    for p in &all {
        *by.entry(p.commitment.clone()).or_default() += 1;
    }
    let filters: Vec<Value> = by
        .iter()
        .map(|(c, n)| json!({"code": c, "count": n, "current": wanted.as_deref() == Some(c.as_str()), "href": format!("/good-practices?commitment={c}")}))
        .collect();
    let items: Vec<Value> = all
        .iter()
        .filter(|p| wanted.as_ref().is_none_or(|w| &p.commitment == w))
        .map(|p| {
            json!({
                "href": format!("/good-practices/{}/{}", p.report, p.action_id), "title": p.title, "city": p.city,
                "commitment": p.commitment, "period": p.report_period, "published": p.published_at.date().to_string(),
                "summary": labels::short(&p.narrative, 280),
            })
        })
        .collect();
    page(
        &req,
        "practices",
        &crate::t!(lang, "learn-practices-title"),
        json!({"items": items, "filters": filters, "commitment": wanted, "total": all.len()}),
    )
}

async fn practice(req: HttpRequest, path: aweb::Path<(String, String)>) -> PageResult {
    let lang = web::lang(&req);
    let (report, action) = path.into_inner();
    let action_id = crate::http::id_param(&action)?;
    let (found, public_action) = db(&req, move |c| {
        let found = commands::practices(c)?.into_iter().find(|p| p.report == report && p.action_id == action_id);
        // Link to the action today only where its city's page is public.
        let public = match crate::actions::store::get(c, action_id, crate::actions::Staleness::NEVER)? {
            Some(a) => crate::cities::store::get(c, a.city_id)?.is_some_and(|city| city.public),
            None => false,
        };
        Ok((found, public))
    })
    .await?;
    let p: Practice = found.ok_or_else(|| PageError::NotFound("no such good practice in a published report".into()))?;
    page(
        &req,
        "practice",
        &p.title,
        json!({
            "title": p.title, "city": p.city, "commitment": p.commitment, "status": labels::action_status(crate::actions::ActionStatus::from_db(&p.status), lang),
            "progress": p.progress, "narrative": p.narrative, "period": p.report_period, "report": p.report,
            "version": p.version, "published": p.published_at.date().to_string(),
            "action": public_action.then_some(p.action_id), "search": format!("/actions?commitment={}", p.commitment),
        }),
    )
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// The library as an Atom feed, newest first (the 50 latest).
async fn feed(req: HttpRequest) -> Result<HttpResponse, PageError> {
    let state = web::state(&req);
    let base = state.settings.server.public_url.trim_end_matches('/').to_string();
    let network = state.settings.network.name.clone();
    let all = db(&req, commands::practices).await?;
    let updated = all.first().map(|p| p.published_at).unwrap_or_default();
    let stamp = |t: chrono::NaiveDateTime| t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "<title>{} · Good practices under the Charter on Integrating Cities</title>\n",
        xml(&network)
    ));
    out.push_str(&format!("<id>{}/good-practices</id>\n<link rel=\"self\" href=\"{}/good-practices.atom\"/>\n<link href=\"{}/good-practices\"/>\n", xml(&base), xml(&base), xml(&base)));
    out.push_str(&format!(
        "<updated>{}</updated>\n<author><name>{} secretariat</name></author>\n",
        stamp(updated),
        xml(&network)
    ));
    for p in all.iter().take(50) {
        let href = format!("{base}/good-practices/{}/{}", p.report, p.action_id);
        out.push_str(&format!(
            "<entry>\n<title>{}: {}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}</updated>\n<category term=\"{}\"/>\n<summary>{}</summary>\n</entry>\n",
            xml(&p.city), xml(&p.title), xml(&href), xml(&href), stamp(p.published_at), xml(&p.commitment), xml(&p.narrative)
        ));
    }
    out.push_str("</feed>\n");
    Ok(HttpResponse::Ok().content_type("application/atom+xml; charset=utf-8").body(out))
}
