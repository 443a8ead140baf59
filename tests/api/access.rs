//! Who may do what: every route of the API times every role, as a table. A city editor of
//! city B is refused on every route of city A. The table must list every route the OpenAPI
//! document describes, so a new route cannot be added without deciding who may use it.

use crate::helpers::{TestApp, World, CHARTER};
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Which object a route's `{id}` names, so the table can fill it in and fetch its version.
#[derive(Clone, Copy)]
enum Target {
    None,
    CityA,
    PlanA,
    ActionA,
    ContactA,
    /// A new action of city A, created just before the call (for deletes).
    FreshActionA,
    /// A new contact of city A, created just before the call (for deletes).
    FreshContactA,
    Framework,
    /// A new cancelled email in the outbox, created just before the call (so a retry succeeds).
    FreshCancelledEmail,
    /// City A, with a calendar address issued just before the call (so a revoke succeeds).
    CityACalendar,
    /// The check-in round opened for the test.
    Round,
    /// City A's check-in in that round.
    CheckInA,
    /// The link emailed to city A's contact: it, not the caller, grants access.
    LinkA,
    /// An indicator value of city A.
    ValueA,
    /// A new indicator value of city A, created just before the call (for deletes).
    FreshValueA,
    /// A report with a draft and nothing published; `{action_id}` is city A's action.
    Report,
    /// A new report draft, compiled just before the call (for publishing).
    FreshReport,
    /// The report with city A's action marked as good practice just before the call.
    MarkedReport,
    /// A peer review hosted by city A and reviewed by city B, visited, with a recommendation.
    ReviewA,
    /// That review's recommendation.
    RecommendationA,
    /// A new recommendation of that review, added just before the call (for responses).
    FreshRecommendationA,
    /// A new recommendation the host accepted just before the call (to become an action).
    FreshAcceptedRecommendationA,
}

struct Case {
    method: Method,
    /// The path as the OpenAPI document writes it.
    template: &'static str,
    target: Target,
    body: Option<Value>,
    /// Expected status for: anonymous, secretariat, editor of city A, editor of city B, observer.
    expect: [u16; 5],
}

fn case(method: Method, template: &'static str, target: Target, body: Option<Value>, expect: [u16; 5]) -> Case {
    Case { method, template, target, body, expect }
}

fn table() -> Vec<Case> {
    use Method as M;
    use Target as T;
    let read = [401, 200, 200, 403, 200];
    let edit = [401, 200, 200, 403, 403];
    let create = [401, 201, 201, 403, 403];
    let delete = [401, 204, 204, 403, 403];
    let secretariat_only = [401, 200, 403, 403, 403];
    vec![
        case(M::GET, "/healthz", T::None, None, [200; 5]),
        case(M::GET, "/readyz", T::None, None, [200; 5]),
        case(M::GET, "/api/v1/frameworks", T::None, None, [200; 5]),
        case(M::GET, "/api/v1/frameworks/{code}", T::Framework, None, [200; 5]),
        case(M::GET, "/api/v1/me", T::None, None, [401, 200, 200, 200, 200]),
        case(M::GET, "/api/v1/cities", T::None, None, [401, 200, 200, 200, 200]),
        case(
            M::POST,
            "/api/v1/cities",
            T::None,
            Some(json!({"name": "Zürich", "country": "CH"})),
            [401, 201, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/cities/{id}", T::CityA, None, read),
        case(M::PATCH, "/api/v1/cities/{id}", T::CityA, Some(json!({"public": true})), edit),
        case(M::GET, "/api/v1/cities/{id}/contacts", T::CityA, None, read),
        case(
            M::POST,
            "/api/v1/cities/{id}/contacts",
            T::CityA,
            Some(json!({"name": "Per", "email": "per@malmo.example", "language": "sv"})),
            create,
        ),
        case(M::PATCH, "/api/v1/contacts/{id}", T::ContactA, Some(json!({"office_role": "Integration officer"})), edit),
        case(M::DELETE, "/api/v1/contacts/{id}", T::FreshContactA, None, delete),
        case(M::GET, "/api/v1/cities/{id}/plans", T::CityA, None, read),
        case(
            M::POST,
            "/api/v1/cities/{id}/plans",
            T::CityA,
            Some(
                json!({"framework": "icc-lisbon-declaration", "title": "Intercultural plan", "period_start": "2026-01-01", "period_end": "2027-12-31"}),
            ),
            create,
        ),
        case(M::GET, "/api/v1/plans/{id}", T::PlanA, None, read),
        case(M::PATCH, "/api/v1/plans/{id}", T::PlanA, Some(json!({"title": "Renamed plan"})), edit),
        case(M::GET, "/api/v1/plans/{id}/coverage", T::PlanA, None, read),
        case(M::GET, "/api/v1/plans/{id}/actions", T::PlanA, None, read),
        // Anyone: what they find depends on who they are (tests/api/search.rs).
        case(M::GET, "/api/v1/actions", T::None, None, [200; 5]),
        case(
            M::POST,
            "/api/v1/plans/{id}/actions",
            T::PlanA,
            Some(
                json!({"commitment": "PM1", "title": "Campaign", "status": "planned", "progress": 0, "delivery": "direct"}),
            ),
            create,
        ),
        case(M::GET, "/api/v1/actions/{id}", T::ActionA, None, read),
        case(M::PATCH, "/api/v1/actions/{id}", T::ActionA, Some(json!({"progress": 55})), edit),
        case(M::DELETE, "/api/v1/actions/{id}", T::FreshActionA, None, delete),
        case(M::GET, "/api/v1/{kind}/{id}/history", T::ActionA, None, read),
        case(M::GET, "/api/v1/schedule", T::None, None, [401, 200, 200, 200, 200]),
        case(
            M::PUT,
            "/api/v1/schedule",
            T::None,
            Some(json!({"expression": "0 0 * * *", "time_zone": "UTC"})),
            [401, 200, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/rounds", T::None, None, [401, 200, 200, 200, 200]),
        // The test's round is open, so the secretariat is told why no other can open (409).
        case(M::POST, "/api/v1/rounds", T::None, None, [401, 409, 403, 403, 403]),
        case(M::GET, "/api/v1/rounds/{id}", T::Round, None, [401, 200, 200, 200, 200]),
        case(M::GET, "/api/v1/rounds/{id}/check-ins", T::Round, None, [401, 200, 200, 200, 200]),
        case(M::GET, "/api/v1/cities/{id}/check-ins", T::CityA, None, read),
        case(M::GET, "/api/v1/cities/{id}/check-ins.ics", T::CityA, None, read),
        case(M::GET, "/api/v1/cities/{id}/calendar-link", T::CityACalendar, None, edit),
        case(M::GET, "/api/v1/cities/{id}/verified-ratings", T::CityA, None, read),
        // City A's page is public here, and so is its context (tests/api/learning.rs: a private one's is not).
        case(M::GET, "/api/v1/cities/{id}/context", T::CityA, None, [200; 5]),
        case(M::PUT, "/api/v1/cities/{id}/context", T::CityA, Some(json!({"population": 400000})), edit),
        case(M::GET, "/api/v1/cities/{id}/learn-from", T::CityA, None, read),
        case(M::GET, "/api/v1/cities/{id}/comparison", T::CityA, None, read),
        case(M::GET, "/api/v1/good-practices", T::None, None, [200; 5]),
        case(M::GET, "/api/v1/peer-pairs", T::None, None, secretariat_only),
        case(
            M::POST,
            "/api/v1/cities/{id}/verified-ratings",
            T::CityA,
            Some(json!({"commitment": "SP1", "level": "limited", "verified_on": "2026-01-01"})),
            [401, 201, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/cities/{id}/self-vs-verified", T::CityA, None, read),
        case(M::POST, "/api/v1/cities/{id}/calendar-link", T::CityA, None, create),
        case(M::DELETE, "/api/v1/cities/{id}/calendar-link", T::CityACalendar, None, delete),
        case(M::GET, "/api/v1/check-ins/{id}", T::CheckInA, None, read),
        case(M::PUT, "/api/v1/check-ins/{id}/draft", T::CheckInA, Some(json!({"content": {}})), edit),
        // Invalid content: whoever may submit is told what is wrong (422); others are refused first.
        case(
            M::POST,
            "/api/v1/check-ins/{id}/submit",
            T::CheckInA,
            Some(json!({"content": {"actions": [{"action_id": 0}]}})),
            [401, 422, 422, 403, 403],
        ),
        case(
            M::POST,
            "/api/v1/check-ins/{id}/extend",
            T::CheckInA,
            Some(json!({"due_date": "2000-01-01", "reason": "test"})),
            [401, 422, 403, 403, 403],
        ),
        // City A's check-in is not submitted yet: the secretariat is told there is nothing to review.
        case(
            M::POST,
            "/api/v1/check-ins/{id}/review",
            T::CheckInA,
            Some(json!({"version": 1, "decision": "accept"})),
            [401, 409, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/reviews", T::None, None, secretariat_only),
        case(M::GET, "/api/v1/check-in-links/{token}", T::LinkA, None, [200; 5]),
        case(M::PUT, "/api/v1/check-in-links/{token}/draft", T::LinkA, Some(json!({"content": {}})), [200; 5]),
        case(
            M::POST,
            "/api/v1/check-in-links/{token}/submit",
            T::LinkA,
            Some(json!({"content": {"actions": [{"action_id": 0}]}})),
            [422; 5],
        ),
        case(M::GET, "/api/v1/outbox", T::None, None, secretariat_only),
        case(M::GET, "/api/v1/outbox/{id}", T::FreshCancelledEmail, None, secretariat_only),
        case(M::POST, "/api/v1/outbox/{id}/retry", T::FreshCancelledEmail, None, secretariat_only),
        case(M::GET, "/api/v1/frameworks/{code}/indicators", T::Framework, None, [200; 5]),
        case(
            M::POST,
            "/api/v1/frameworks/{code}/indicators",
            T::Framework,
            Some(json!({"code": "X-1", "name": "Extra", "unit": "count"})),
            [401, 201, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/cities/{id}/indicator-values", T::CityA, None, read),
        // The period is made different per role below, so each creation is new.
        case(
            M::POST,
            "/api/v1/cities/{id}/indicator-values",
            T::CityA,
            Some(
                json!({"indicator": "EM3-A", "period_start": "2030-01-01", "period_end": "2030-12-31", "value": 12.5}),
            ),
            create,
        ),
        case(M::GET, "/api/v1/indicator-values/{id}", T::ValueA, None, read),
        case(M::PATCH, "/api/v1/indicator-values/{id}", T::ValueA, Some(json!({"value": 14})), edit),
        case(M::DELETE, "/api/v1/indicator-values/{id}", T::FreshValueA, None, delete),
        case(
            M::POST,
            "/api/v1/reports",
            T::None,
            Some(json!({"framework": "eurocities-integrating-cities", "from": "2031-01-01", "to": "2031-12-31"})),
            [401, 201, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/reports", T::None, None, [401, 200, 200, 200, 200]),
        // Imports: an empty body is refused as an empty file (422) once access is granted.
        case(M::POST, "/api/v1/imports/cities", T::None, None, [401, 422, 403, 403, 403]),
        case(M::POST, "/api/v1/imports/plans/{id}/actions", T::PlanA, None, [401, 422, 422, 403, 403]),
        // No such pending import: not found for whoever asks.
        case(M::POST, "/api/v1/imports/confirm/{token}", T::None, None, [401, 404, 404, 404, 404]),
        // ActionA fills `{kind}` with `actions`: templates are for anyone.
        case(M::GET, "/api/v1/imports/templates/{kind}", T::ActionA, None, [200; 5]),
        case(M::GET, "/api/v1/export", T::None, None, [401, 200, 200, 200, 200]),
        case(M::GET, "/api/v1/open-data", T::None, None, [200; 5]),
        // Nothing published yet: the draft is for the secretariat only.
        case(M::GET, "/api/v1/reports/{id}", T::Report, None, secretariat_only),
        case(M::GET, "/api/v1/reports/{id}/versions", T::Report, None, [401, 200, 200, 200, 200]),
        case(M::GET, "/api/v1/reports/{id}/draft.html", T::Report, None, secretariat_only),
        case(M::POST, "/api/v1/reports/{id}/publish", T::FreshReport, Some(json!({})), secretariat_only),
        case(M::PUT, "/api/v1/reports/{id}/good-practices/{action_id}", T::Report, None, secretariat_only),
        case(M::DELETE, "/api/v1/reports/{id}/good-practices/{action_id}", T::MarkedReport, None, secretariat_only),
        // Peer reviews: city A hosts, city B reviews (so its editor reads), observers read.
        case(M::GET, "/api/v1/peer-reviews", T::None, None, [401, 200, 200, 200, 200]),
        case(
            M::POST,
            "/api/v1/peer-reviews",
            T::None,
            Some(json!({"framework": CHARTER, "commitments": ["SP1"]})),
            [401, 201, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/peer-reviews/{id}", T::ReviewA, None, [401, 200, 200, 200, 200]),
        case(
            M::PATCH,
            "/api/v1/peer-reviews/{id}",
            T::ReviewA,
            Some(json!({"report_date": "2026-06-01"})),
            secretariat_only,
        ),
        case(
            M::PUT,
            "/api/v1/peer-reviews/{id}/summary-agreement",
            T::ReviewA,
            Some(json!({"agreed": false})),
            [401, 200, 200, 403, 403],
        ),
        case(
            M::POST,
            "/api/v1/peer-reviews/{id}/recommendations",
            T::ReviewA,
            Some(json!({"commitment": "EM1", "text": "Publish the figures"})),
            [401, 201, 403, 403, 403],
        ),
        case(M::GET, "/api/v1/recommendations/{id}", T::RecommendationA, None, [401, 200, 200, 200, 200]),
        case(
            M::PATCH,
            "/api/v1/recommendations/{id}",
            T::RecommendationA,
            Some(json!({"text": "Reworded"})),
            secretariat_only,
        ),
        case(
            M::PUT,
            "/api/v1/recommendations/{id}/response",
            T::FreshRecommendationA,
            Some(json!({"response": "accepted"})),
            [401, 200, 200, 403, 403],
        ),
        case(M::POST, "/api/v1/recommendations/{id}/action", T::FreshAcceptedRecommendationA, Some(json!({})), create),
        case(M::POST, "/api/v1/people/export", T::None, Some(json!({"email": "anna@malmo.example"})), secretariat_only),
        // The body names a new contact, made just before the call (below).
        case(M::POST, "/api/v1/people/erase", T::None, Some(json!({"confirm": true})), secretariat_only),
    ]
}

#[tokio::test]
async fn every_route_times_every_role() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let compile = |year: i32| {
        let (app, secretariat) = (&app, &w.secretariat);
        async move {
            let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
            app.compile_report(secretariat, CHARTER, &from, &to).await.compiled.report_id
        }
    };
    let report = compile(2030).await;
    let value_of_a = |year: i32| json!({"indicator": "PM3-A", "period_start": format!("{year}-01-01"), "period_end": format!("{year}-12-31"), "value": 2});
    let value_a = app.create_indicator_value(&w.secretariat, w.city_a, value_of_a(2029)).await;
    let mut fresh_year = 2040;
    let (review_a, recommendation_a) = crate::peer_reviews::visited_review_with_recommendation(&app, &w).await;
    let roles: [(&str, Option<&str>); 5] = [
        ("anonymous", None),
        ("secretariat", Some(&w.secretariat)),
        ("editor of city A", Some(&w.editor_a)),
        ("editor of city B", Some(&w.editor_b)),
        ("observer", Some(&w.observer)),
    ];
    let mut failures = vec![];
    for c in table() {
        for (i, (role, token)) in roles.iter().enumerate() {
            let (path, version_path) = match c.target {
                Target::None => (c.template.to_string(), None),
                Target::Framework => (c.template.replace("{code}", "eurocities-integrating-cities"), None),
                Target::CityA => {
                    (c.template.replace("{id}", &w.city_a.to_string()), Some(format!("/api/v1/cities/{}", w.city_a)))
                }
                Target::PlanA => {
                    (c.template.replace("{id}", &w.plan_a.to_string()), Some(format!("/api/v1/plans/{}", w.plan_a)))
                }
                Target::ActionA => {
                    let p = c.template.replace("{kind}", "actions").replace("{id}", &w.action_a.to_string());
                    (p, Some(format!("/api/v1/actions/{}", w.action_a)))
                }
                Target::ContactA => (c.template.replace("{id}", &w.contact_a.to_string()), None),
                Target::CityACalendar => {
                    let path = format!("/api/v1/cities/{}/calendar-link", w.city_a);
                    app.request(Method::POST, &path, Some(&w.secretariat), None).await.expect(201);
                    (c.template.replace("{id}", &w.city_a.to_string()), None)
                }
                Target::FreshActionA => {
                    let id = app.action(&w.secretariat, w.plan_a, "BU1", "planned").await;
                    (c.template.replace("{id}", &id.to_string()), None)
                }
                Target::FreshContactA => {
                    let temp = json!({"name": "Temp", "email": "temp@malmo.example"});
                    let id = app.create_contact(&w.secretariat, w.city_a, temp).await.id;
                    (c.template.replace("{id}", &id.to_string()), None)
                }
                Target::Round => (c.template.replace("{id}", &open.round.to_string()), None),
                Target::CheckInA | Target::LinkA => {
                    let p = c.template.replace("{id}", &open.check_in_a.to_string()).replace("{token}", &open.token_a);
                    (p, Some(format!("/api/v1/check-ins/{}", open.check_in_a)))
                }
                Target::ValueA => (
                    c.template.replace("{id}", &value_a.to_string()),
                    Some(format!("/api/v1/indicator-values/{value_a}")),
                ),
                Target::FreshValueA => {
                    fresh_year += 1;
                    let id = app.create_indicator_value(&w.secretariat, w.city_a, value_of_a(fresh_year)).await;
                    (c.template.replace("{id}", &id.to_string()), None)
                }
                Target::Report => (
                    c.template.replace("{id}", &report.to_string()).replace("{action_id}", &w.action_a.to_string()),
                    None,
                ),
                Target::FreshReport => {
                    fresh_year += 1;
                    let id = compile(fresh_year).await;
                    (c.template.replace("{id}", &id.to_string()), None)
                }
                Target::MarkedReport => {
                    app.mark_good_practice(&w.secretariat, report, w.action_a).await;
                    (
                        c.template.replace("{id}", &report.to_string()).replace("{action_id}", &w.action_a.to_string()),
                        None,
                    )
                }
                Target::ReviewA => (
                    c.template.replace("{id}", &review_a.to_string()),
                    Some(format!("/api/v1/peer-reviews/{review_a}")),
                ),
                Target::RecommendationA => (
                    c.template.replace("{id}", &recommendation_a.to_string()),
                    Some(format!("/api/v1/recommendations/{recommendation_a}")),
                ),
                Target::FreshRecommendationA | Target::FreshAcceptedRecommendationA => {
                    let id = crate::peer_reviews::add_recommendation(&app, &w, review_a, "SP1", "Fresh").await;
                    if matches!(c.target, Target::FreshAcceptedRecommendationA) {
                        let path = format!("/api/v1/recommendations/{id}/response");
                        let body = json!({"response": "accepted"});
                        app.request(Method::PUT, &path, Some(&w.secretariat), Some(&body)).await.expect(200);
                    }
                    (c.template.replace("{id}", &id.to_string()), None)
                }
                Target::FreshCancelledEmail => {
                    let key = format!("access/{}", uuid::Uuid::new_v4().simple());
                    let id = app.enqueue_email(&key, "anna@malmo.example", "sv", chrono::Utc::now()).await.unwrap();
                    let pool = app.pool.clone();
                    let cancelled = tokio::task::spawn_blocking(move || {
                        charter_tracker::mail::outbox::cancel_queued(&mut pool.get().unwrap(), &key, chrono::Utc::now())
                            .unwrap()
                    })
                    .await
                    .unwrap();
                    assert_eq!(cancelled, 1);
                    (c.template.replace("{id}", &id.to_string()), None)
                }
            };
            // Updates carry the current version, so only authorisation decides the outcome.
            let mut body = c.body.clone();
            if matches!(c.target, Target::CheckInA | Target::LinkA)
                && c.body.as_ref().is_some_and(|b| b.get("content").is_some())
            {
                let current =
                    app.get(version_path.as_ref().unwrap(), &w.secretariat).await.body["check_in"]["version"].clone();
                body.as_mut().unwrap()["version"] = current;
            } else if c.method == Method::PUT && c.template.ends_with("/context") {
                let current = app.get(&path, &w.secretariat).await.body["version"].clone();
                body.as_mut().unwrap()["version"] = current;
            } else if c.method == Method::PATCH || c.template.ends_with("/summary-agreement") {
                let current = match (&version_path, c.target) {
                    (Some(vp), _) => app.get(vp, &w.secretariat).await.body["version"].clone(),
                    (None, Target::ContactA) => {
                        let list = app.list_contacts(&w.secretariat, w.city_a).await;
                        json!(list.iter().find(|x| x.id == w.contact_a).unwrap().version)
                    }
                    _ => unreachable!(),
                };
                body.as_mut().unwrap()["version"] = current;
            }
            // Creating the same city twice would be refused as a duplicate, not for access.
            if c.template == "/api/v1/cities" && c.method == Method::POST {
                body = Some(json!({"name": format!("Zürich {i}"), "country": "CH"}));
            }
            if c.template == "/api/v1/cities/{id}/indicator-values" && c.method == Method::POST {
                body.as_mut().unwrap()["period_start"] = json!(format!("{}-01-01", 2030 + i));
                body.as_mut().unwrap()["period_end"] = json!(format!("{}-12-31", 2030 + i));
            }
            if c.template == "/api/v1/peer-reviews" && c.method == Method::POST {
                body.as_mut().unwrap()["host_city_id"] = json!(w.city_a);
                body.as_mut().unwrap()["reviewing_city_ids"] = json!([w.city_b]);
            }
            if c.template == "/api/v1/people/erase" {
                let email = format!("erase-{i}@malmo.example");
                app.create_contact(&w.secretariat, w.city_a, json!({"name": format!("Erin {i}"), "email": email}))
                    .await;
                body.as_mut().unwrap()["email"] = json!(email);
            }
            let r = app.request(c.method.clone(), &path, *token, body.as_ref()).await;
            let got = r.status.as_u16();
            if got != c.expect[i] {
                failures
                    .push(format!("{} {} as {role}: expected {}, got {got}: {}", c.method, path, c.expect[i], r.body));
            }
            if got >= 400 && r.content_type() != "application/problem+json" {
                failures.push(format!("{} {} as {role}: {got} without a problem body", c.method, path));
            }
        }
    }
    assert!(failures.is_empty(), "{} cells differ:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test]
async fn the_table_covers_every_documented_route() {
    let app = TestApp::spawn().await;
    let spec = app.request(Method::GET, "/api/v1/openapi.json", None, None).await.body;
    let mut documented = BTreeSet::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            if ["get", "post", "patch", "put", "delete"].contains(&method.as_str()) {
                documented.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    let tabled: BTreeSet<String> = table().iter().map(|c| format!("{} {}", c.method, c.template)).collect();
    assert_eq!(documented, tabled, "routes in the OpenAPI document and in the access table differ");
}

#[tokio::test]
async fn a_city_editor_lists_only_their_own_city_and_revoked_tokens_stop_working() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let list = app.list_cities(&w.editor_b).await;
    let ids: Vec<i64> = list.items.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![w.city_b]);
    assert_eq!(list.total, 1);

    // Revoke editor B's token: it is refused from then on.
    let pool = app.pool.clone();
    let token = w.editor_b.clone();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::api_tokens;
        use diesel::prelude::*;
        let mut c = pool.get().unwrap();
        let id: i64 = api_tokens::table
            .filter(api_tokens::token_hash.eq(charter_tracker::auth::tokens::hash_token(&token)))
            .select(api_tokens::id)
            .first(&mut c)
            .unwrap();
        assert!(charter_tracker::auth::tokens::revoke(&mut c, id, chrono::Utc::now()).unwrap());
    })
    .await
    .unwrap();
    app.get("/api/v1/cities", &w.editor_b).await.assert_problem(401, None);
    app.get("/api/v1/cities", "ct_forged-token").await.assert_problem(401, None);
    let r =
        app.request_with(Method::GET, "/api/v1/cities", None, None, &[("Authorization", "Basic Zm9vOmJhcg==")]).await;
    r.assert_problem(401, None);
}

#[tokio::test]
async fn tokens_are_stored_hashed() {
    let app = TestApp::spawn().await;
    let token = app.token(charter_tracker::auth::Role::Observer, None).await;
    let pool = app.pool.clone();
    let stored: Vec<String> = tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::{api_tokens, users};
        use diesel::prelude::*;
        let mut c = pool.get().unwrap();
        let mut all: Vec<String> = api_tokens::table.select(api_tokens::token_hash).load(&mut c).unwrap();
        all.extend(users::table.select(users::password_hash).load::<String>(&mut c).unwrap());
        all
    })
    .await
    .unwrap();
    assert!(stored.iter().all(|s| !s.contains(&token) && !s.contains("a long test password")));
    assert!(stored.iter().any(|s| s.starts_with("$argon2id$")));
}
