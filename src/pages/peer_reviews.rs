//! Peer reviews in the browser: the list (`/peer-reviews`), recording one (`/peer-reviews/new`,
//! which the secretariat's pairing view opens prefilled with `?host=&reviewers=&commitments=`),
//! changing it (`/peer-reviews/{id}/edit`), and the record (`/peer-reviews/{id}`) with the
//! secretariat's form for recommendations and the host's forms to respond, to agree to the
//! summary and to turn a recommendation into an action (`/recommendations/{id}/action`). The
//! public reads the record of an agreed summary of a public city. The rules live in
//! `peer_reviews::commands`.

use super::labels;
use super::web::{
    self, db, form_errors_in, redirect_with_notice, render, Form, MaybeViewer, PageError, PageResult, Viewer,
};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::peer_reviews::commands::{self, Seat};
use crate::peer_reviews::{
    AgreementInput, FindingInput, PeerReview, PeerReviewInput, PersonInput, RecommendationInput, Response,
    ResponseInput, ReviewState, ToActionInput,
};
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/peer-reviews", aweb::get().to(list))
        .route("/peer-reviews/new", aweb::get().to(new_form))
        .route("/peer-reviews/new", aweb::post().to(create))
        .route("/peer-reviews/{id}", aweb::get().to(show))
        .route("/peer-reviews/{id}/edit", aweb::get().to(edit_form))
        .route("/peer-reviews/{id}/edit", aweb::post().to(update))
        .route("/peer-reviews/{id}/recommendations", aweb::post().to(add_recommendation))
        .route("/peer-reviews/{id}/agreement", aweb::post().to(agree))
        .route("/recommendations/{id}/response", aweb::post().to(respond))
        .route("/recommendations/{id}/action", aweb::get().to(action_form))
        .route("/recommendations/{id}/action", aweb::post().to(to_action));
}

/// A review's state in words ("Planned").
pub fn state_label(s: ReviewState, lang: Lang) -> String {
    t!(
        lang,
        match s {
            ReviewState::Planned => "peer-state-planned",
            ReviewState::Visited => "peer-state-visited",
            ReviewState::Reported => "peer-state-reported",
            ReviewState::Closed => "peer-state-closed",
        }
    )
}

fn state_tag(s: ReviewState, lang: Lang) -> Value {
    let class = match s {
        ReviewState::Planned => "tag-grey",
        ReviewState::Visited => "tag-blue",
        ReviewState::Reported => "tag-yellow",
        ReviewState::Closed => "tag-green",
    };
    json!({"label": state_label(s, lang), "class": class})
}

/// The host's response to a recommendation in words ("Partly accepted").
pub fn response_label(r: Response, lang: Lang) -> String {
    t!(
        lang,
        match r {
            Response::Accepted => "peer-response-accepted",
            Response::Partly => "peer-response-partly",
            Response::NotAccepted => "peer-response-not-accepted",
        }
    )
}

fn response_tag(r: Option<Response>, lang: Lang) -> Value {
    match r {
        None => json!({"label": t!(lang, "peer-response-none"), "class": "tag-grey"}),
        Some(r) => {
            let class = match r {
                Response::Accepted => "tag-green",
                Response::Partly => "tag-yellow",
                Response::NotAccepted => "tag-red",
            };
            json!({"label": response_label(r, lang), "class": class})
        }
    }
}

/// "2 March 2026 to 4 March 2026", "2 March 2026", or "not set yet" (the list, the record and
/// the city page show it as it is).
fn dates(from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>, lang: Lang) -> String {
    match (from, to) {
        (Some(f), Some(to)) if f != to => {
            t!(lang, "peer-visit-range", from = labels::date(f, lang), to = labels::date(to, lang))
        }
        (Some(f), _) => labels::date(f, lang),
        _ => t!(lang, "peer-visit-not-set"),
    }
}

/// A recommendation as pages show it (the record, the city page).
pub fn recommendation_view(r: &crate::peer_reviews::Recommendation, public: bool, lang: Lang) -> Value {
    json!({
        "id": r.id, "commitment": r.commitment, "text": r.text, "response": response_tag(r.response, lang),
        "responded": r.response.is_some(), "note": r.response_note, "version": r.version,
        "by": if public { None } else { r.responded_by.clone() },
        "when": r.responded_at.map(|t| t.date().to_string()),
        "may_act": r.response.is_some_and(|x| x.may_become_action()) && r.action.is_none(),
        "action": r.action.as_ref().map(|a| json!({"id": a.id, "title": a.title, "tag": labels::action_status_tag(a.status, lang), "progress": a.progress})),
    })
}

/// A review as a row of lists (the list page, the city page).
pub fn review_row(r: &PeerReview, public: bool, lang: Lang) -> Value {
    json!({
        "id": r.id, "host": r.host.name, "host_id": r.host.id, "state": state_tag(r.state, lang),
        "reviewers": r.reviewing_cities.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(", "),
        "commitments": r.commitments.iter().map(|c| c.commitment.clone()).collect::<Vec<_>>().join(", "),
        "visit": dates(r.visit_from, r.visit_to, lang),
        "count": r.recommendations.len(),
        "responded": r.recommendations.iter().filter(|x| x.response.is_some()).count(),
        "recommendations": r.recommendations.iter().map(|x| recommendation_view(x, public, lang)).collect::<Vec<_>>(),
    })
}

async fn list(req: HttpRequest, viewer: Viewer) -> PageResult {
    let lang = web::lang(&req);
    let caller = viewer.caller.clone();
    let (reviews, _) = db(&req, move |c| commands::list(c, &caller, 500, 0)).await?;
    let rows: Vec<Value> = reviews.iter().map(|r| review_row(r, false, lang)).collect();
    let secretariat = viewer.caller.require_secretariat().is_ok();
    web::page(&req, "peer_reviews", &t!(lang, "peer-list-title"), json!({"reviews": rows, "secretariat": secretariat}))
}

/// The review form's fields and the words their error messages start with.
const LABELS: [(&str, &str); 11] = [
    ("host_city_id", "peer-field-host"),
    ("framework", "peer-field-framework"),
    ("reviewing_city_ids", "peer-field-reviewers"),
    ("commitments", "peer-field-commitments"),
    ("state", "peer-field-state"),
    ("visit_from", "peer-field-visit-from"),
    ("visit_to", "peer-field-visit-to"),
    ("report_date", "peer-field-report-date"),
    ("people", "peer-field-people"),
    ("findings", "peer-field-findings"),
    ("summary", "peer-field-summary"),
];

/// `form_errors_in` for fields labelled by message keys.
fn errors_for(errors: &[FieldError], keys: &[(&str, &str)], lang: Lang) -> Value {
    let words: Vec<(&str, String)> = keys.iter().map(|(f, k)| (*f, t!(lang, k))).collect();
    let refs: Vec<(&str, &str)> = words.iter().map(|(f, w)| (*f, w.as_str())).collect();
    form_errors_in(errors, &refs, lang)
}

/// What the review form holds, as typed.
#[derive(Default, Clone)]
struct Typed {
    host: String,
    framework: String,
    reviewers: Vec<String>,
    commitments: Vec<String>,
    state: String,
    visit_from: String,
    visit_to: String,
    report_date: String,
    people: String,
    summary: String,
    findings: HashMap<String, String>,
    version: String,
}

impl Typed {
    fn from_form(form: &Form) -> Typed {
        Typed {
            host: form.get("host_city_id").into(),
            framework: form.get("framework").into(),
            reviewers: form.all("reviewing_city_ids").into_iter().map(str::to_string).collect(),
            commitments: form.all("commitments").into_iter().map(str::to_string).collect(),
            state: form.get("state").into(),
            visit_from: form.get("visit_from").into(),
            visit_to: form.get("visit_to").into(),
            report_date: form.get("report_date").into(),
            people: form.get("people").into(),
            summary: form.get("summary").into(),
            findings: form
                .0
                .iter()
                .filter_map(|(k, v)| k.strip_prefix("findings-").map(|c| (c.to_string(), v.clone())))
                .collect(),
            version: form.get("version").into(),
        }
    }

    fn from_review(r: &PeerReview) -> Typed {
        let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Typed {
            host: r.host.id.to_string(),
            framework: r.framework.clone(),
            reviewers: r.reviewing_cities.iter().map(|c| c.id.to_string()).collect(),
            commitments: r.commitments.iter().map(|c| c.commitment.clone()).collect(),
            state: r.state.as_str().into(),
            visit_from: opt(r.visit_from),
            visit_to: opt(r.visit_to),
            report_date: opt(r.report_date),
            people: r
                .people
                .iter()
                .flatten()
                .map(|p| [p.name.as_str(), p.organisation.as_str(), p.role.as_str()].join("; "))
                .collect::<Vec<_>>()
                .join("\n"),
            summary: r.summary.clone(),
            findings: r.commitments.iter().map(|c| (c.commitment.clone(), c.findings.clone())).collect(),
            version: r.version.to_string(),
        }
    }

    /// The API's input; `Err` for a field the form itself could not read.
    fn input(&self, editing: bool) -> (PeerReviewInput, Vec<FieldError>) {
        let mut errors = vec![];
        let mut ids = |field: &str, raw: &[String]| -> Vec<i64> {
            raw.iter()
                .filter_map(|s| match s.trim().parse::<i64>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        errors.push(
                            FieldError::new(field, format!("`{s}` is not a city"))
                                .accepting("a city of the list")
                                .plainly("choose", vec![]),
                        );
                        None
                    }
                })
                .collect()
        };
        let host = if self.host.is_empty() { vec![] } else { ids("host_city_id", std::slice::from_ref(&self.host)) };
        let reviewers = ids("reviewing_city_ids", &self.reviewers);
        let people = self
            .people
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let mut parts = l.splitn(3, ';').map(str::trim);
                PersonInput {
                    name: parts.next().unwrap_or("").into(),
                    organisation: parts.next().unwrap_or("").into(),
                    city_id: None,
                    role: parts.next().unwrap_or("").into(),
                }
            })
            .collect();
        let date = |s: &str| Some(Some(s.trim().to_string()).filter(|s| !s.is_empty()));
        let mut findings: Vec<FindingInput> = self
            .findings
            .iter()
            .filter(|(c, _)| self.commitments.contains(c))
            .map(|(c, t)| FindingInput { commitment: c.clone(), findings: t.clone() })
            .collect();
        findings.sort_by(|a, b| a.commitment.cmp(&b.commitment));
        let input = PeerReviewInput {
            version: self.version.parse().ok(),
            host_city_id: if editing { None } else { host.first().copied() },
            framework: if editing { None } else { Some(self.framework.clone()).filter(|f| !f.is_empty()) },
            reviewing_city_ids: Some(reviewers),
            people: Some(people),
            commitments: Some(self.commitments.clone()),
            findings: Some(findings),
            visit_from: date(&self.visit_from),
            visit_to: date(&self.visit_to),
            report_date: date(&self.report_date),
            state: Some(self.state.clone()).filter(|s| !s.is_empty()),
            summary: Some(self.summary.clone()),
        };
        if !editing && self.host.is_empty() {
            errors.push(
                FieldError::new("host_city_id", "is not chosen")
                    .accepting("a city of the list")
                    .plainly("choose", vec![]),
            );
        }
        (input, errors)
    }
}

/// Renders the form to record (`review` None) or change a review.
async fn form_page(
    req: &HttpRequest,
    review: Option<PeerReview>,
    status: StatusCode,
    typed: Typed,
    errors: &[FieldError],
    notes: Vec<String>,
) -> PageResult {
    let lang = web::lang(req);
    let (cities, frameworks) = db(req, move |c| {
        let cities = commands::city_choices(c)?;
        let mut fws = vec![];
        for f in crate::charter::store::list(c)? {
            let mut commitments = vec![];
            for (role, cs) in crate::charter::store::structure(c, f.id)? {
                for cm in cs.into_iter().filter(|cm| !cm.retired) {
                    commitments.push((role.title.clone(), cm.code, cm.text));
                }
            }
            fws.push((f.code, f.title, commitments));
        }
        Ok((cities, fws))
    })
    .await?;
    let editing = review.is_some();
    let host_options: Vec<Value> =
        std::iter::once(
            json!({"value": "", "label": t!(lang, "peer-form-choose-host"), "selected": typed.host.is_empty()}),
        )
        .chain(cities.iter().map(
            |(id, name)| json!({"value": id.to_string(), "label": name, "selected": typed.host == id.to_string()}),
        ))
        .collect();
    let fw_options: Vec<Value> = frameworks
        .iter()
        .map(|(code, title, _)| json!({"value": code, "label": title, "checked": typed.framework == *code}))
        .collect();
    let reviewer_options: Vec<Value> = cities
        .iter()
        .filter(|(id, _)| review.as_ref().is_none_or(|r| r.host.id != *id))
        .map(|(id, name)| json!({"value": id.to_string(), "label": name, "checked": typed.reviewers.contains(&id.to_string())}))
        .collect();
    // The commitments of the review's framework when editing; of every framework when recording.
    let mut first = true;
    let groups: Vec<Value> = frameworks
        .iter()
        .filter(|(code, _, _)| review.as_ref().is_none_or(|r| r.framework == *code))
        .map(|(code, title, cs)| {
            let options: Vec<Value> = cs
                .iter()
                .map(|(_, c, text)| {
                    // The first box carries the field's id, so the error summary can link to it.
                    let id = if std::mem::take(&mut first) { "commitments".to_string() } else { format!("commitments-{code}-{c}") };
                    json!({"id": id, "value": c, "label": format!("{c}: {}", labels::short(text, 80)), "checked": typed.commitments.contains(c)})
                })
                .collect();
            json!({"code": code, "title": title, "options": options})
        })
        .collect();
    let states: Vec<Value> = ReviewState::ALL
        .iter()
        .map(|s| json!({"value": s.as_str(), "label": state_label(*s, lang), "checked": typed.state == s.as_str()}))
        .collect();
    let findings: Vec<Value> = review
        .as_ref()
        .map(|r| {
            r.commitments
                .iter()
                .map(|c| {
                    json!({"field": format!("findings-{}", c.commitment), "label": t!(lang, "peer-form-findings", commitment = &c.commitment, text = labels::short(&c.text, 90)),
                           "value": typed.findings.get(&c.commitment).cloned().unwrap_or_default()})
                })
                .collect()
        })
        .unwrap_or_default();
    let shown = errors_for(errors, &LABELS, lang);
    let title = match &review {
        Some(r) => t!(lang, "peer-form-change-title", host = &r.host.name),
        None => t!(lang, "peer-form-record-title"),
    };
    render(
        req,
        status,
        "peer_review_form",
        &title,
        json!({
            "heading": title, "editing": editing, "review": review.as_ref().map(|r| json!({"id": r.id, "host": r.host.name, "framework": r.framework})),
            "host_options": host_options, "frameworks": fw_options, "reviewers": reviewer_options, "groups": groups,
            "states": states, "findings": findings, "notes": notes,
            "typed": {"visit_from": typed.visit_from, "visit_to": typed.visit_to, "report_date": typed.report_date,
                      "people": typed.people, "summary": typed.summary, "version": typed.version},
            "errors": shown,
        }),
    )
}

#[derive(serde::Deserialize)]
struct Prefill {
    host: Option<String>,
    reviewers: Option<String>,
    commitments: Option<String>,
    framework: Option<String>,
}

async fn new_form(req: HttpRequest, viewer: Viewer, q: aweb::Query<Prefill>) -> PageResult {
    let lang = web::lang(&req);
    viewer.caller.require_secretariat()?;
    let q = q.into_inner();
    let split = |s: &Option<String>| -> Vec<String> {
        s.as_deref().unwrap_or("").split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
    };
    let (host, reviewers, commitments) = (split(&q.host), split(&q.reviewers), split(&q.commitments));
    // What the link named that is not known is said on the page, not silently dropped.
    let (known_cities, framework, unknown_commitments) = {
        let (fw, wanted) = (q.framework.clone(), commitments.clone());
        db(&req, move |c| {
            let cities = commands::city_choices(c)?;
            // The framework named, else the one the first commitment named belongs to.
            let fw = match fw {
                Some(f) => crate::charter::store::by_code(c, f.trim())?,
                None => match wanted.first() {
                    Some(code) => {
                        crate::charter::store::commitment_by_code(c, code)?.into_iter().next().map(|(_, f)| f)
                    }
                    None => None,
                },
            };
            let unknown = match &fw {
                Some(f) => commands::unknown_commitments(c, f.id, &wanted)?,
                None => wanted.into_iter().collect(),
            };
            Ok((cities, fw.map(|f| f.code).unwrap_or_default(), unknown))
        })
        .await?
    };
    let known = |raw: &String| known_cities.iter().any(|(id, _)| id.to_string() == *raw);
    let mut notes = vec![];
    let unknown_cities: Vec<&String> = host.iter().chain(reviewers.iter()).filter(|c| !known(c)).collect();
    if !unknown_cities.is_empty() {
        notes.push(t!(
            lang,
            "peer-form-unknown-cities",
            cities = unknown_cities.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !unknown_commitments.is_empty() {
        let commitments = unknown_commitments.iter().cloned().collect::<Vec<_>>().join(", ");
        notes.push(if framework.is_empty() {
            t!(lang, "peer-form-unknown-commitments-any", commitments = commitments)
        } else {
            t!(lang, "peer-form-unknown-commitments", framework = &framework, commitments = commitments)
        });
    }
    let host = host.into_iter().find(|h| known(h)).unwrap_or_default();
    let typed = Typed {
        reviewers: reviewers.into_iter().filter(|r| known(r) && *r != host).collect(),
        commitments: commitments.into_iter().filter(|c| !unknown_commitments.contains(c)).collect(),
        host,
        framework,
        state: "planned".into(),
        ..Default::default()
    };
    form_page(&req, None, StatusCode::OK, typed, &[], notes).await
}

/// Runs a command with the form's own mistakes: a form with mistakes is checked by the command
/// too (in a transaction rolled back), so every mistake is shown at once.
async fn run<T: Send + 'static>(
    req: &HttpRequest,
    mut errors: Vec<FieldError>,
    command: impl Fn(&mut crate::db::DbConnection) -> Result<T, ApiError> + Send + 'static,
) -> Result<Result<T, Vec<FieldError>>, PageError> {
    db(req, move |c| {
        let result = if errors.is_empty() {
            command(c)
        } else {
            errors.extend(crate::db::dry_run(c, &command)?);
            Err(ApiError::Validation(errors))
        };
        match result {
            Ok(done) => Ok(Ok(done)),
            Err(ApiError::Validation(e)) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    })
    .await
}

async fn create(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    viewer.caller.require_secretariat()?;
    let lang = web::lang(&req);
    let typed = Typed::from_form(&form);
    let (input, mut errors) = typed.input(false);
    if let Err(e) = form.check_csrf(&req) {
        errors.insert(0, e);
    }
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    match run(&req, errors, move |c| commands::create(c, &caller, &input, now)).await? {
        Ok(r) => Ok(redirect_with_notice(
            &format!("/peer-reviews/{}", r.id),
            &t!(lang, "peer-recorded-notice", host = &r.host.name),
        )),
        Err(errors) => form_page(&req, None, StatusCode::UNPROCESSABLE_ENTITY, typed, &dedupe(errors), vec![]).await,
    }
}

fn dedupe(errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut seen = std::collections::HashSet::new();
    errors.into_iter().filter(|e| seen.insert(web::field_id(&e.field))).collect()
}

async fn edit_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let r = db(&req, move |c| commands::get(c, &caller, id)).await?;
    viewer.caller.require_secretariat()?;
    let typed = Typed::from_review(&r);
    form_page(&req, Some(r), StatusCode::OK, typed, &[], vec![]).await
}

async fn update(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let id = crate::http::id_param(&id)?;
    let caller = viewer.caller.clone();
    let r = db(&req, move |c| commands::get(c, &caller, id)).await?;
    viewer.caller.require_secretariat()?;
    let lang = web::lang(&req);
    let typed = Typed::from_form(&form);
    let (input, mut errors) = typed.input(true);
    if let Err(e) = form.check_csrf(&req) {
        errors.insert(0, e);
    }
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    let outcome = run(&req, errors, move |c| {
        commands::update(c, &caller, id, input.version.ok_or(ApiError::VersionRequired), &input, now)
    })
    .await?;
    match outcome {
        Ok(r) => Ok(redirect_with_notice(&format!("/peer-reviews/{}", r.id), &t!(lang, "peer-saved-notice"))),
        Err(errors) => form_page(&req, Some(r), StatusCode::UNPROCESSABLE_ENTITY, typed, &dedupe(errors), vec![]).await,
    }
}

/// What a form on the record page sent, to show it again with its mistakes.
#[derive(Default)]
struct RecordTyped {
    commitment: String,
    text: String,
    /// (recommendation id, response, note)
    response: Option<(i64, String, String)>,
}

async fn record_page(
    req: &HttpRequest,
    viewer: Option<&Viewer>,
    id: i64,
    status: StatusCode,
    typed: RecordTyped,
    errors: &[FieldError],
) -> PageResult {
    let lang = web::lang(req);
    let caller = viewer.map(|v| v.caller.clone());
    let path = req.path().to_string();
    let (review, seat) = db(req, move |c| {
        if let Some(caller) = &caller {
            match commands::get_with_seat(c, caller, id) {
                Ok((r, seat)) => return Ok(Ok((r, Some(seat)))),
                Err(ApiError::Forbidden(d)) => {
                    return Ok(match commands::get_public(c, id) {
                        Ok(r) => Ok((r, None)),
                        Err(_) => Err(PageError::Forbidden(d)),
                    })
                }
                Err(e) => return Err(e),
            }
        }
        Ok(match commands::get_public(c, id) {
            Ok(r) => Ok((r, None)),
            Err(ApiError::NotFound(_)) if crate::peer_reviews::store::get(c, id)?.is_some() => {
                Err(PageError::SignIn { next: path })
            }
            Err(e) => Err(e.into()),
        })
    })
    .await??;
    let public = seat.is_none();
    let secretariat = seat == Some(Seat::Secretariat);
    let host = seat.is_some_and(|s| s.speaks_for_host());
    let open = review.state != ReviewState::Closed;
    let shown =
        errors_for(errors, &[("commitment", "peer-field-commitment"), ("text", "peer-field-recommendation")], lang);
    let recs: Vec<Value> = review
        .recommendations
        .iter()
        .map(|r| {
            let mut v = recommendation_view(r, public, lang);
            let (typed_response, typed_note) = match &typed.response {
                Some((rid, resp, note)) if *rid == r.id => (resp.clone(), note.clone()),
                _ => (r.response.map(|x| x.as_str().to_string()).unwrap_or_default(), r.response_note.clone()),
            };
            v["options"] = Response::ALL
                .iter()
                .map(|x| json!({"value": x.as_str(), "label": response_label(*x, lang), "checked": typed_response == x.as_str()}))
                .collect::<Vec<_>>()
                .into();
            v["typed_note"] = typed_note.into();
            v["response_legend"] = t!(lang, "peer-response-legend", host = &review.host.name).into();
            v["field"] = format!("response-{}", r.id).into();
            v["note_field"] = format!("note-{}", r.id).into();
            v["error"] = shown["fields"][format!("response-{}", r.id)].clone();
            v["note_error"] = shown["fields"][format!("note-{}", r.id)].clone();
            v
        })
        .collect();
    let focus_options: Vec<Value> = std::iter::once(json!({"value": "", "label": t!(lang, "peer-choose-commitment"), "selected": typed.commitment.is_empty()}))
        .chain(review.commitments.iter().map(|c| {
            json!({"value": c.commitment, "label": format!("{}: {}", c.commitment, labels::short(&c.text, 70)), "selected": typed.commitment == c.commitment})
        }))
        .collect();
    let title = t!(lang, "peer-record-title", host = &review.host.name);
    render(
        req,
        status,
        "peer_review",
        &title,
        json!({
            "heading": title, "public": public, "secretariat": secretariat, "host": host, "open": open,
            "review": {
                "id": review.id, "host": review.host, "framework": review.framework, "state": state_tag(review.state, lang),
                "reviewers": review.reviewing_cities, "people": review.people,
                "visit": dates(review.visit_from, review.visit_to, lang), "report": review.report_date.map(|x| x.to_string()),
                "summary": review.summary, "agreed": review.summary_agreed, "summary_public": review.summary_public,
                "agreed_by": review.summary_agreed_by, "agreed_on": review.summary_agreed_at.map(|t| t.date().to_string()),
                "version": review.version, "may_record": review.state != ReviewState::Planned && open,
                "commitments": review.commitments.iter().map(|c| json!({"code": c.commitment, "text": c.text, "findings": c.findings,
                    "recommendations": recs.iter().filter(|r| r["commitment"] == c.commitment.as_str()).cloned().collect::<Vec<_>>()})).collect::<Vec<_>>(),
            },
            "focus_options": focus_options, "typed": {"text": typed.text},
            "errors": shown,
        }),
    )
}

async fn show(req: HttpRequest, viewer: MaybeViewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    let viewer = viewer.0.map(Viewer);
    record_page(&req, viewer.as_ref(), id, StatusCode::OK, RecordTyped::default(), &[]).await
}

async fn add_recommendation(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let id = crate::http::id_param(&id)?;
    let typed =
        RecordTyped { commitment: form.get("commitment").into(), text: form.get("text").into(), response: None };
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let input = RecommendationInput {
        version: None,
        commitment: Some(typed.commitment.clone()),
        text: Some(typed.text.clone()),
    };
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    match run(&req, errors, move |c| commands::add_recommendation(c, &caller, id, &input, now)).await? {
        Ok(r) => Ok(redirect_with_notice(
            &format!("/peer-reviews/{id}#recommendation-{}", r.id),
            &t!(web::lang(&req), "peer-recommendation-added-notice", commitment = &r.commitment),
        )),
        Err(errors) => {
            record_page(&req, Some(&viewer), id, StatusCode::UNPROCESSABLE_ENTITY, typed, &dedupe(errors)).await
        }
    }
}

async fn agree(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let id = crate::http::id_param(&id)?;
    if let Err(e) = form.check_csrf(&req) {
        return record_page(&req, Some(&viewer), id, StatusCode::UNPROCESSABLE_ENTITY, RecordTyped::default(), &[e])
            .await;
    }
    let agreed = form.get("agreed") == "yes";
    let input = AgreementInput { version: form.get("version").parse().ok(), agreed };
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    match run(&req, vec![], move |c| {
        commands::agree(c, &caller, id, input.version.ok_or(ApiError::VersionRequired), &input, now)
    })
    .await?
    {
        Ok(_) => Ok(redirect_with_notice(
            &format!("/peer-reviews/{id}"),
            &t!(web::lang(&req), if agreed { "peer-agreed-notice" } else { "peer-withdrawn-notice" }),
        )),
        Err(errors) => {
            record_page(&req, Some(&viewer), id, StatusCode::UNPROCESSABLE_ENTITY, RecordTyped::default(), &errors)
                .await
        }
    }
}

async fn respond(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let rec = crate::http::id_param(&id)?;
    let review = db(&req, move |c| crate::peer_reviews::store::review_of_recommendation(c, rec)).await?;
    let (response, note) =
        (form.get(&format!("response-{rec}")).to_string(), form.get(&format!("note-{rec}")).to_string());
    let typed = RecordTyped { response: Some((rec, response.clone(), note.clone())), ..Default::default() };
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    if response.is_empty() {
        errors.push(
            FieldError::new("response", "is not chosen")
                .accepting("Accepted, Partly accepted, Not accepted")
                .plainly("choose", vec![]),
        );
    }
    let input = ResponseInput { version: None, response, note };
    let version = form.get("version").parse().ok();
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    let outcome = run(&req, errors, move |c| commands::respond(c, &caller, rec, version, &input, now)).await?;
    match outcome {
        Ok(r) => Ok(redirect_with_notice(
            &format!("/peer-reviews/{review}#recommendation-{rec}"),
            &t!(
                lang,
                "peer-response-notice",
                commitment = &r.commitment,
                response = r.response.map(|x| response_label(x, lang)).unwrap_or_default()
            ),
        )),
        Err(errors) => {
            // Fields of this recommendation's form are named after it.
            let errors: Vec<FieldError> = dedupe(errors)
                .into_iter()
                .map(|mut e| {
                    if e.field == "response" || e.field == "note" {
                        e.field = format!("{}-{rec}", e.field);
                    }
                    e
                })
                .collect();
            record_page(&req, Some(&viewer), review, StatusCode::UNPROCESSABLE_ENTITY, typed, &errors).await
        }
    }
}

const ACTION_LABELS: [(&str, &str); 4] = [
    ("plan_id", "peer-field-plan"),
    ("title", "peer-field-action-title"),
    ("description", "peer-field-description"),
    ("due_date", "peer-field-due-date"),
];

async fn action_page(
    req: &HttpRequest,
    viewer: &Viewer,
    rec: i64,
    status: StatusCode,
    typed: Option<(String, String, String)>,
    errors: &[FieldError],
) -> PageResult {
    let lang = web::lang(req);
    let caller = viewer.caller.clone();
    let (r, review) = db(req, move |c| {
        let review = crate::peer_reviews::store::review_of_recommendation(c, rec)?;
        let (review, seat) = commands::get_with_seat(c, &caller, review)?;
        if !seat.speaks_for_host() {
            return Err(ApiError::Forbidden(t!(lang, "peer-host-only")));
        }
        let r = crate::peer_reviews::store::recommendation(&review, rec)?;
        Ok((r, review))
    })
    .await?;
    let (title, description, due) =
        typed.unwrap_or_else(|| (commands::default_title(&r.text), r.text.clone(), String::new()));
    let heading = t!(lang, "peer-action-heading");
    render(
        req,
        status,
        "recommendation_action",
        &heading,
        json!({
            "heading": heading, "rec": recommendation_view(&r, false, lang), "review": {"id": review.id, "host": review.host.name, "framework": review.framework},
            "typed": {"title": title, "description": description, "due_date": due},
            "errors": errors_for(errors, &ACTION_LABELS, lang),
        }),
    )
}

async fn action_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let rec = crate::http::id_param(&id)?;
    action_page(&req, &viewer, rec, StatusCode::OK, None, &[]).await
}

async fn to_action(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let rec = crate::http::id_param(&id)?;
    let typed = (form.get("title").to_string(), form.get("description").to_string(), form.get("due_date").to_string());
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    let input = ToActionInput {
        plan_id: None,
        title: Some(typed.0.clone()),
        description: Some(typed.1.clone()),
        status: None,
        due_date: Some(typed.2.trim().to_string()).filter(|d| !d.is_empty()),
    };
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    match run(&req, errors, move |c| commands::to_action(c, &caller, rec, &input, now)).await? {
        Ok(done) => Ok(redirect_with_notice(
            &format!("/actions/{}", done.action.id),
            &t!(web::lang(&req), "peer-action-notice", title = &done.action.title),
        )),
        Err(errors) => {
            action_page(&req, &viewer, rec, StatusCode::UNPROCESSABLE_ENTITY, Some(typed), &dedupe(errors)).await
        }
    }
}
