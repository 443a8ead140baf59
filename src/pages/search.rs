//! `/actions`: the network's actions for anyone, searched and narrowed by facets. Every filter
//! is a plain link or the GET form, so each result set has its own address and the page works
//! without JavaScript. The search itself is `actions::search`; this is the view.

use super::labels;
use super::web::{self, db, form_errors_in, page, render, MaybeViewer, PageResult};
use crate::actions::search::{self, Results, Scope, Search, SearchParams, Sort};
use crate::actions::{ActionStatus, Delivery, PolicyArea};
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/actions", aweb::get().to(show));
}

/// The facets in the order the page shows them, with their headings.
const FACETS: &[(&str, &str)] = &[
    ("role", "search-facet-role"),
    ("commitment", "search-facet-commitment"),
    ("policy_area", "search-facet-policy-area"),
    ("status", "search-facet-status"),
    ("delivery", "search-facet-delivery"),
    ("country", "search-facet-country"),
    ("good_practice", "search-facet-good-practice"),
    ("stale", "search-facet-stale"),
    ("framework", "search-facet-framework"),
];

fn labels(lang: Lang) -> Vec<(&'static str, String)> {
    [
        ("q", "search-words"),
        ("sort", "search-sort"),
        ("role", "search-facet-role"),
        ("commitment", "search-facet-commitment"),
        ("policy_area", "search-facet-policy-area"),
        ("status", "search-facet-status"),
        ("delivery", "search-field-delivery"),
        ("country", "search-facet-country"),
        ("good_practice", "search-field-good-practice"),
        ("stale", "search-field-stale"),
        ("framework", "search-facet-framework"),
        ("page", "search-field-page"),
        ("per_page", "search-field-per-page"),
    ]
    .into_iter()
    .map(|(f, key)| (f, t!(lang, key)))
    .collect()
}

/// A facet value in the page's words: the domain labels the facets in English for the API, so
/// the values with codes are named again here.
fn facet_label(facet: &str, value: &str, english: &str, lang: Lang) -> String {
    match facet {
        "policy_area" => labels::policy_area(PolicyArea::from_db(value), lang),
        "status" => labels::action_status(ActionStatus::from_db(value), lang),
        "delivery" => labels::delivery(Delivery::from_db(value), lang),
        "good_practice" | "stale" => t!(lang, if value == "true" { "search-yes" } else { "search-no" }),
        _ => english.to_string(),
    }
}

/// The parameters in the order addresses carry them.
const ORDER: &[&str] = &[
    "q",
    "role",
    "commitment",
    "policy_area",
    "status",
    "delivery",
    "country",
    "good_practice",
    "stale",
    "framework",
    "sort",
    "per_page",
    "page",
];

/// The address of this search with `changes` applied (None removes a parameter); the page
/// goes back to 1 unless it is the change.
fn href(p: &SearchParams, changes: &[(&str, Option<&str>)]) -> String {
    let v = serde_json::to_value(p).unwrap_or_default();
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for key in ORDER {
        let value = match changes.iter().find(|(k, _)| k == key) {
            Some((_, change)) => change.map(str::to_string),
            None if *key == "page" => None,
            None => v.get(*key).and_then(Value::as_str).map(str::to_string),
        };
        if let Some(value) = value.filter(|s| !s.trim().is_empty()) {
            out.append_pair(key, &value);
        }
    }
    let qs = out.finish();
    if qs.is_empty() {
        "/actions".into()
    } else {
        format!("/actions?{qs}")
    }
}

async fn show(req: HttpRequest, viewer: MaybeViewer, q: aweb::Query<SearchParams>) -> PageResult {
    let lang = web::lang(&req);
    let params = q.into_inner();
    let state = web::state(&req);
    let scope = Scope::of(viewer.0.as_ref().map(|s| &s.caller));
    let staleness = state.settings.staleness(state.clock.now());
    match params.parse() {
        Ok(s) => {
            let s2 = s.clone();
            let st = state.clone();
            let results = db(&req, move |c| Ok(search::search_cached(&st.searches, c, &s2, scope, staleness)?)).await?;
            page(&req, "actions_search", &t!(lang, "search-title"), view(&params, &s, &results, scope, None, lang))
        }
        Err(ApiError::Validation(errors)) => {
            // Show the form with what was wrong, and the whole network below it.
            let s = Search { page: 1, per_page: 20, ..Default::default() };
            let s2 = s.clone();
            let st = state.clone();
            let results = db(&req, move |c| Ok(search::search_cached(&st.searches, c, &s2, scope, staleness)?)).await?;
            let labels = labels(lang);
            let errors =
                form_errors_in(&errors, &labels.iter().map(|(f, l)| (*f, l.as_str())).collect::<Vec<_>>(), lang);
            render(
                &req,
                StatusCode::UNPROCESSABLE_ENTITY,
                "actions_search",
                &t!(lang, "search-title"),
                view(&params, &s, &results, scope, Some(errors), lang),
            )
        }
        Err(e) => Err(e.into()),
    }
}

fn view(p: &SearchParams, s: &Search, r: &Results, scope: Scope, errors: Option<Value>, lang: Lang) -> Value {
    let facets: Vec<Value> = FACETS
        .iter()
        .filter_map(|(key, heading)| {
            let values = r.facets.get(*key)?;
            if values.is_empty() {
                return None;
            }
            let selected = values.iter().find(|v| v.selected);
            let items: Vec<Value> = values
                .iter()
                .map(|v| {
                    let link = if v.selected { href(p, &[(key, None)]) } else { href(p, &[(key, Some(&v.value))]) };
                    json!({"label": facet_label(key, &v.value, &v.label, lang), "count": v.count, "selected": v.selected, "href": link})
                })
                .collect();
            Some(json!({
                "key": key, "heading": t!(lang, *heading), "values": items,
                "selected": selected.map(|v| json!({"label": facet_label(key, &v.value, &v.label, lang), "remove": href(p, &[(key, None)])})),
            }))
        })
        .collect();
    let chosen: Vec<Value> = facets
        .iter()
        .filter(|f| !f["selected"].is_null())
        .map(|f| json!({"heading": f["heading"], "label": f["selected"]["label"], "remove": f["selected"]["remove"]}))
        .collect();
    let pages = (r.total + r.per_page - 1) / r.per_page;
    let items: Vec<Value> = r
        .items
        .iter()
        .map(|h| {
            json!({
                "id": h.id, "title": h.title, "summary": h.summary, "city": h.city, "city_id": h.city_id,
                "country": h.country, "commitment": h.commitment, "commitment_text": labels::short(&h.commitment_text, 90),
                "status": labels::action_status_tag(h.status, lang), "progress": h.progress,
                "delivery": labels::delivery(h.delivery, lang),
                "policy_areas": h.policy_areas.iter().map(|a| labels::policy_area(*a, lang)).collect::<Vec<_>>().join(", "),
                "stale": h.stale, "good_practice": h.good_practice, "updated": h.updated_at.date().to_string(),
            })
        })
        .collect();
    let order = s.order();
    let sorts: Vec<Value> = [
        (Sort::Relevance, "search-sort-relevance"),
        (Sort::Recent, "search-sort-recent"),
        (Sort::Title, "search-sort-title"),
        (Sort::City, "search-sort-city"),
        (Sort::Progress, "search-sort-progress"),
    ]
    .iter()
    .filter(|(v, _)| *v != Sort::Relevance || !s.words.is_empty())
    .map(|(v, l)| json!({"value": v.as_str(), "label": t!(lang, *l), "selected": *v == order}))
    .collect();
    let hidden: Vec<Value> = FACETS
        .iter()
        .filter_map(|(k, _)| {
            let v = serde_json::to_value(p).ok()?.get(*k)?.as_str()?.to_string();
            (!v.trim().is_empty()).then(|| json!({"name": k, "value": v}))
        })
        .collect();
    let api = href(p, &[]).replacen("/actions", "/api/v1/actions", 1);
    json!({
        "q": p.q.clone().unwrap_or_default(),
        "sorts": sorts,
        "hidden": hidden,
        "facets": facets,
        "chosen": chosen,
        "clear": if chosen_or_words(p) { Some("/actions") } else { None },
        "items": items,
        "total": r.total,
        "first": if r.total == 0 { 0 } else { (r.page - 1) * r.per_page + 1 },
        "last": ((r.page - 1) * r.per_page + r.items.len() as i64),
        "pagination": {
            "pages": pages, "page": r.page,
            "previous": (r.page > 1).then(|| href(p, &[("page", Some(&(r.page - 1).to_string()))])),
            "next": (r.page < pages).then(|| href(p, &[("page", Some(&(r.page + 1).to_string()))])),
        },
        "public_only": scope == Scope::Public,
        "own_city": matches!(scope, Scope::PublicAnd(_)),
        "api": api,
        "errors": errors,
    })
}

fn chosen_or_words(p: &SearchParams) -> bool {
    let v = serde_json::to_value(p).unwrap_or_default();
    v.as_object()
        .is_some_and(|m| m.iter().any(|(k, v)| k != "per_page" && v.as_str().is_some_and(|s| !s.trim().is_empty())))
}
