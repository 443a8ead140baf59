//! The network at a glance, for the secretariat and observers: every city against the
//! framework's roles (how many commitments of each role its plan covers), its plan, its latest
//! check-in and its overdue actions. The figures come from `plans::overview`; this is the view.
//!
//! The table is paginated (`admin::PER_PAGE` cities a page, plain links) and filtered by a GET
//! form (country, plan, coverage, overdue actions, latest check-in), so every result set has
//! its own address and works without JavaScript; the counts above the table stay network-wide.

use super::admin;
use super::labels;
use super::web::{self, db, page, PageError, PageResult, Viewer};
use crate::i18n::Lang;
use crate::plans::overview::{self, CheckInOutcome, Coverage, Filter, Member, PlanState, Snapshot};
use crate::t;
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::{json, Value};

/// How much of the table an instance keeps rendered (`AppState::network_rows`), compressed: a
/// page of 50 rows (22 KB of HTML) is about 1 KB so, and this holds some 1,100 pages, every
/// page of a 10,000-city network in the four languages with room for filtered ones; a page not
/// kept is rendered again. Before, every row of every language stayed rendered beside the
/// computation: 4 MB of the server's memory per language at 10,000 cities (README, Performance).
pub const ROWS_BUDGET: usize = 1 << 20;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/network", aweb::get().to(show));
}

#[derive(Deserialize)]
struct Query {
    framework: Option<String>,
    country: Option<String>,
    plan: Option<String>,
    coverage: Option<String>,
    overdue: Option<String>,
    check_in: Option<String>,
    page: Option<String>,
}

/// An empty value means "any" (the form's first option).
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn bad(lang: Lang, field: &str, value: &str, accepted: &str) -> PageError {
    PageError::BadRequest(t!(lang, "network-bad-filter", field = field, value = value, accepted = accepted))
}

/// The filter the query asks for; an unknown value is a "bad request" page naming it.
fn filter_of(q: &Query, lang: Lang) -> Result<Filter, PageError> {
    let country = match given(&q.country) {
        None => None,
        Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => Some(c.to_ascii_uppercase()),
        Some(c) => return Err(bad(lang, "country", c, &t!(lang, "network-bad-country"))),
    };
    let plan = given(&q.plan)
        .map(|v| PlanState::parse(v).ok_or_else(|| bad(lang, "plan", v, "adopted, draft, none")))
        .transpose()?;
    let coverage = given(&q.coverage)
        .map(|v| Coverage::parse(v).ok_or_else(|| bad(lang, "coverage", v, "all, some, none")))
        .transpose()?;
    let overdue = match given(&q.overdue) {
        None => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(v) => return Err(bad(lang, "overdue", v, "yes, no")),
    };
    let check_in = given(&q.check_in)
        .map(|v| {
            CheckInOutcome::parse(v)
                .ok_or_else(|| bad(lang, "check_in", v, "on_time, late, open, overdue, missed, not_asked"))
        })
        .transpose()?;
    Ok(Filter { country, plan, coverage, overdue, check_in })
}

async fn show(req: HttpRequest, viewer: Viewer, q: aweb::Query<Query>) -> PageResult {
    viewer.caller.can_read_network()?;
    let q = q.into_inner();
    let lang = web::lang(&req);
    let filter = filter_of(&q, lang)?;
    let number = admin::page_number(q.page.as_deref(), lang)?;
    let state = web::state(&req);
    let (today, now) = (web::today(&state), state.clock.now());
    let wanted = given(&q.framework).unwrap_or("eurocities-integrating-cities").to_string();
    let staleness = state.settings.staleness(now);
    let st = state.clone();
    let snapshot = db(&req, move |c| overview::snapshot(&st.overview, c, &wanted, today, now, staleness)).await?;
    let pages = state.pages.clone();
    let mut data = view(&snapshot, &filter, number, lang, &|key, members| {
        if let Some(((), html)) = state.network_rows.get(key, snapshot.serial) {
            return Ok(html);
        }
        let mut html = String::new();
        for m in members {
            html.push_str(&pages.render_part(lang, "partials/network_row", &row(&snapshot, m, lang))?);
        }
        state.network_rows.put(key.to_string(), snapshot.serial, (), &html);
        Ok(html)
    })?;
    data["can_manage"] = viewer.caller.require_secretariat().is_ok().into();
    data["stale_after_days"] = state.settings.actions.stale_after_days.into();
    data["demo_command"] = "charter-tracker demo".into();
    page(&req, "network", &t!(lang, "network-title"), data)
}

/// One city's row of the matrix.
fn row(s: &Snapshot, m: &Member, lang: Lang) -> Value {
    let r = &m.row;
    let cells: Vec<Value> = s
        .structure
        .iter()
        .zip(&s.live_per_role)
        .zip(&m.covered_by_role)
        .map(|(((role, _), total), n)| {
            let (label, class) = match (*n, *total) {
                (0, _) => ("network-cell-none", "tag-red"),
                (a, b) if a == b => ("network-cell-all", "tag-green"),
                _ => ("network-cell-some", "tag-yellow"),
            };
            json!({"role": role.title, "covered": n, "total": total, "tag": {"label": label, "class": class}})
        })
        .collect();
    let check_in = r.check_in.map(|ci| labels::check_in_tag(ci.state, ci.late, ci.overdue, lang));
    json!({
        "id": r.id, "name": r.name, "signed": labels::opt_date(r.signed, lang),
        "plan": r.plan.as_ref().map(|p| json!({"id": p.id, "title": p.title, "adopted": p.adopted})),
        "cells": cells, "overdue": r.overdue, "stale": r.stale, "check_in": check_in,
    })
}

/// `(value, label, selected)` options of a filter's select, "any" first.
fn options(any: &str, choices: &[(&str, String)], current: &str) -> Vec<Value> {
    std::iter::once(json!({"value": "", "label": any, "selected": current.is_empty()}))
        .chain(choices.iter().map(|(v, l)| json!({"value": v, "label": l, "selected": *v == current})))
        .collect()
}

fn outcome_label(o: CheckInOutcome, lang: Lang) -> String {
    t!(
        lang,
        match o {
            CheckInOutcome::OnTime => "network-outcome-on-time",
            CheckInOutcome::Late => "network-outcome-late",
            CheckInOutcome::Open => "network-outcome-open",
            CheckInOutcome::Overdue => "network-outcome-overdue",
            CheckInOutcome::Missed => "network-outcome-missed",
            CheckInOutcome::NotAsked => "network-outcome-not-asked",
        }
    )
}

/// The page's data: the network-wide counts, the filter form, one page of the matrix (its rows
/// rendered by `rows` from the page's members, given a key naming the page: the framework,
/// language, filter and page number).
fn view(
    s: &Snapshot,
    f: &Filter,
    number: i64,
    lang: Lang,
    rows: &dyn Fn(&str, &[&Member]) -> anyhow::Result<String>,
) -> Result<Value, PageError> {
    let roles: Vec<Value> = s
        .structure
        .iter()
        .zip(&s.live_per_role)
        .map(|((r, _), total)| json!({"code": r.code, "title": r.title, "total": total}))
        .collect();
    let (limit, offset) = admin::limits(number);
    let mut total = 0i64;
    let mut shown = Vec::new();
    for m in s.filtered(f) {
        if total >= offset && total < offset + limit {
            shown.push(m);
        }
        total += 1;
    }
    let framework = if s.framework.code == "eurocities-integrating-cities" { "" } else { s.framework.code.as_str() };
    let country = f.country.clone().unwrap_or_default();
    let plan = f.plan.map_or("", PlanState::as_str);
    let coverage = f.coverage.map_or("", Coverage::as_str);
    let overdue = match f.overdue {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let check_in = f.check_in.map_or("", CheckInOutcome::as_str);
    let params = [
        ("framework", framework),
        ("country", country.as_str()),
        ("plan", plan),
        ("coverage", coverage),
        ("overdue", overdue),
        ("check_in", check_in),
    ];
    let key = format!("{}|{params:?}|{number}", lang.tag());
    let rows = rows(&key, &shown)?;
    let count = |o| s.outcome_count(o);
    let any = t!(lang, "network-any");
    let mut countries: Vec<(&str, String)> =
        s.countries.iter().map(|c| (c.as_str(), crate::i18n::format::country(c, lang))).collect();
    crate::i18n::format::sort_by_name(&mut countries, lang, |(_, name)| name.as_str());
    Ok(json!({
        "framework": {"code": s.framework.code, "title": s.framework.title},
        "framework_param": framework,
        "frameworks": s.frameworks.iter().map(|fw| json!({"code": fw.code, "title": fw.title, "current": fw.code == s.framework.code})).collect::<Vec<_>>(),
        "roles": roles, "rows": rows, "city_count": s.members.len(), "adopted_count": s.adopted,
        "shown": total, "filtered": !f.is_empty(), "page": number,
        "round": s.round.as_ref().map(|(id, label)| json!({"id": id, "label": label})),
        "counts": {
            "on_time": count(CheckInOutcome::OnTime), "late": count(CheckInOutcome::Late),
            "open": count(CheckInOutcome::Open), "overdue": count(CheckInOutcome::Overdue),
            "missed": count(CheckInOutcome::Missed),
        },
        "filters": {
            "country": options(&t!(lang, "network-any-country"), &countries, &country),
            "plan": options(&any, &[("adopted", t!(lang, "network-plan-adopted")), ("draft", t!(lang, "network-plan-draft")), ("none", t!(lang, "network-plan-none"))], plan),
            "coverage": options(&any, &[("all", t!(lang, "network-coverage-all")), ("some", t!(lang, "network-coverage-some")), ("none", t!(lang, "network-coverage-none"))], coverage),
            "overdue": options(&any, &[("yes", t!(lang, "network-overdue-yes")), ("no", t!(lang, "network-overdue-no"))], overdue),
            "check_in": options(&any, &CheckInOutcome::ALL.iter().map(|o| (o.as_str(), outcome_label(*o, lang))).collect::<Vec<_>>(), check_in),
        },
        "pagination": admin::pagination("/network", &params, number, total),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_ins::CheckInState;

    fn q(pairs: &[(&str, &str)]) -> Query {
        let get = |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string());
        Query {
            framework: None,
            country: get("country"),
            plan: get("plan"),
            coverage: get("coverage"),
            overdue: get("overdue"),
            check_in: get("check_in"),
            page: None,
        }
    }

    fn filter_of_en(q: &Query) -> Result<Filter, PageError> {
        filter_of(q, Lang::En)
    }

    #[test]
    fn the_filter_reads_each_field_and_names_a_value_it_does_not_know() {
        assert_eq!(filter_of_en(&q(&[])).unwrap(), Filter::default());
        let f = filter_of_en(&q(&[("country", "pl"), ("plan", "draft"), ("overdue", "yes"), ("check_in", "missed")]))
            .unwrap();
        assert_eq!(f.country.as_deref(), Some("PL"));
        assert_eq!(f.plan, Some(PlanState::Draft));
        assert_eq!(f.overdue, Some(true));
        assert_eq!(f.check_in, Some(CheckInOutcome::Missed));
        assert_eq!(filter_of_en(&q(&[("coverage", "")])).unwrap(), Filter::default(), "empty is any");
        for (k, v) in
            [("country", "Poland"), ("plan", "x"), ("coverage", "most"), ("overdue", "1"), ("check_in", "late!")]
        {
            let e = filter_of_en(&q(&[(k, v)])).unwrap_err().to_string();
            assert!(e.contains(k) && e.contains(v), "{e}");
        }
    }

    #[test]
    fn a_check_in_counts_once_by_its_outcome() {
        use crate::plans::overview::LatestCheckIn;
        let ci = |state, late, overdue| Some(LatestCheckIn { state, late, overdue });
        assert_eq!(CheckInOutcome::of(None), CheckInOutcome::NotAsked);
        assert_eq!(CheckInOutcome::of(ci(CheckInState::Accepted, true, false)), CheckInOutcome::Late);
        assert_eq!(CheckInOutcome::of(ci(CheckInState::Submitted, false, false)), CheckInOutcome::OnTime);
        assert_eq!(CheckInOutcome::of(ci(CheckInState::Missed, false, true)), CheckInOutcome::Missed);
        assert_eq!(CheckInOutcome::of(ci(CheckInState::Draft, false, true)), CheckInOutcome::Overdue);
        assert_eq!(CheckInOutcome::of(ci(CheckInState::Extended, false, false)), CheckInOutcome::Open);
    }
}
