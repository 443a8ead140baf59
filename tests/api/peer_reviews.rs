//! Peer reviews as records: states, recommendations, the host's responses, recommendations
//! turned into actions (linked both ways, progress followed), and who may see what.

use crate::helpers::{TestApp, World, CHARTER};
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::{json, Value};

/// A review of city A by city B on SP1 and EM1, with two reviewing people.
pub fn review_body(w: &World) -> Value {
    json!({
        "host_city_id": w.city_a, "framework": CHARTER, "reviewing_city_ids": [w.city_b],
        "people": [
            {"name": "Ola Peer", "organisation": "City of Łódź", "city_id": w.city_b, "role": "peer"},
            {"name": "Eva Expert", "organisation": "Migration Policy Group", "role": "expert"}
        ],
        "commitments": ["SP1", "EM1"],
    })
}

/// Records the review of city A, moves it to `visited` and adds a recommendation on SP1:
/// (review id, recommendation id).
pub async fn visited_review_with_recommendation(app: &TestApp, w: &World) -> (i64, i64) {
    let r = app.post("/api/v1/peer-reviews", &w.secretariat, review_body(w)).await.expect(201).body;
    let id = r["id"].as_i64().unwrap();
    app.patch(
        &format!("/api/v1/peer-reviews/{id}"),
        &w.secretariat,
        json!({"version": r["version"], "state": "visited", "visit_from": "2026-03-02", "visit_to": "2026-03-04"}),
    )
    .await
    .expect(200);
    let rec = add_recommendation(app, w, id, "SP1", "Open the language cafés on Saturdays too").await;
    (id, rec)
}

pub async fn add_recommendation(app: &TestApp, w: &World, review: i64, commitment: &str, text: &str) -> i64 {
    let path = format!("/api/v1/peer-reviews/{review}/recommendations");
    let r = app.post(&path, &w.secretariat, json!({"commitment": commitment, "text": text})).await.expect(201);
    r.body["id"].as_i64().unwrap()
}

async fn review(app: &TestApp, token: &str, id: i64) -> Value {
    app.get(&format!("/api/v1/peer-reviews/{id}"), token).await.expect(200).body
}

async fn put(app: &TestApp, path: &str, token: &str, body: Value) -> crate::helpers::Reply {
    app.request(Method::PUT, path, Some(token), Some(&body)).await
}

#[tokio::test]
async fn a_review_moves_forward_through_its_states_and_says_what_each_needs() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    // Every mistake at once, each naming its field.
    let bad = json!({"host_city_id": w.city_a, "framework": CHARTER, "reviewing_city_ids": [w.city_a, 999_999],
        "commitments": ["SP1", "XX9"], "people": [{"name": " "}], "visit_from": "2026-03-04", "visit_to": "2026-03-01"});
    let r = app.post("/api/v1/peer-reviews", &w.secretariat, bad).await;
    let body = r.assert_problem(422, Some("reviewing_city_ids[0]"));
    for field in ["reviewing_city_ids[1]", "commitments[1]", "people[0].name", "visit_to"] {
        assert!(body["errors"].as_array().unwrap().iter().any(|e| e["field"] == field), "{field} in {body}");
    }
    let r = app.post("/api/v1/peer-reviews", &w.secretariat, json!({"framework": "nope"})).await;
    let body = r.assert_problem(422, Some("host_city_id"));
    assert!(body["errors"].as_array().unwrap().iter().any(
        |e| e["field"] == "framework" && e["accepted"].as_str().unwrap().contains("eurocities-integrating-cities")
    ));

    let created = app.post("/api/v1/peer-reviews", &w.secretariat, review_body(&w)).await.expect(201).body;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["state"], "planned");
    assert_eq!(created["host"]["name"], "Malmö");
    assert_eq!(created["reviewing_cities"][0]["name"], "Łódź");
    let codes: Vec<&str> =
        created["commitments"].as_array().unwrap().iter().map(|c| c["commitment"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SP1", "EM1"], "in the framework's order");
    let path = format!("/api/v1/peer-reviews/{id}");

    // No recommendations before the visit.
    let rec_path = format!("/api/v1/peer-reviews/{id}/recommendations");
    app.post(&rec_path, &w.secretariat, json!({"commitment": "SP1", "text": "x"})).await.assert_problem(409, None);
    // Visited needs the visit's date; reported needs the report's.
    app.patch(&path, &w.secretariat, json!({"version": 1, "state": "visited"}))
        .await
        .assert_problem(422, Some("visit_from"));
    let v = app
        .patch(&path, &w.secretariat, json!({"version": 1, "state": "visited", "visit_from": "2026-03-02", "findings": [{"commitment": "SP1", "findings": "Courses are full."}]}))
        .await
        .expect(200)
        .body;
    assert_eq!((v["state"].as_str(), v["version"].as_i64()), (Some("visited"), Some(2)));
    assert_eq!(v["commitments"][0]["findings"], "Courses are full.");
    // Findings only on commitments in focus; recommendations too.
    app.patch(&path, &w.secretariat, json!({"version": 2, "findings": [{"commitment": "PM1", "findings": "x"}]}))
        .await
        .assert_problem(422, Some("findings[0].commitment"));
    app.post(&rec_path, &w.secretariat, json!({"commitment": "PM1", "text": "x"}))
        .await
        .assert_problem(422, Some("commitment"));
    app.post(&rec_path, &w.secretariat, json!({"commitment": "SP1", "text": " "}))
        .await
        .assert_problem(422, Some("text"));
    let rec = add_recommendation(&app, &w, id, "EM1", "Publish the staff diversity figures").await;
    // A commitment with recommendations stays in focus.
    app.patch(&path, &w.secretariat, json!({"version": 2, "commitments": ["SP1"]}))
        .await
        .assert_problem(422, Some("commitments"));
    // A stale version is refused; going back is refused.
    app.patch(&path, &w.secretariat, json!({"version": 1, "summary": "x"})).await.assert_problem(409, None);
    app.patch(&path, &w.secretariat, json!({"summary": "x"})).await.assert_problem(428, None);
    app.patch(&path, &w.secretariat, json!({"version": 2, "state": "planned"})).await.assert_problem(409, None);
    app.patch(&path, &w.secretariat, json!({"version": 2, "state": "reported"}))
        .await
        .assert_problem(422, Some("report_date"));
    app.patch(&path, &w.secretariat, json!({"version": 2, "report_date": "2026-03-01"}))
        .await
        .assert_problem(422, Some("report_date"));
    let v = app
        .patch(&path, &w.secretariat, json!({"version": 2, "state": "reported", "report_date": "2026-05-10"}))
        .await
        .expect(200)
        .body;
    assert_eq!(v["state"], "reported");
    // Closing needs a response to every recommendation.
    let r = app.patch(&path, &w.secretariat, json!({"version": 3, "state": "closed"})).await;
    let body = r.assert_problem(422, Some("state"));
    assert!(body.to_string().contains(&format!("recommendations {rec} (EM1)")), "{body}");
    put(
        &app,
        &format!("/api/v1/recommendations/{rec}/response"),
        &w.editor_a,
        json!({"response": "partly", "note": "Next year"}),
    )
    .await
    .expect(200);
    app.patch(&path, &w.secretariat, json!({"version": 3, "state": "closed"})).await.expect(200);
    // A closed review no longer changes, nor do its recommendations and responses.
    app.patch(&path, &w.secretariat, json!({"version": 4, "summary": "late"})).await.assert_problem(409, None);
    app.post(&rec_path, &w.secretariat, json!({"commitment": "SP1", "text": "x"})).await.assert_problem(409, None);
    put(
        &app,
        &format!("/api/v1/recommendations/{rec}/response"),
        &w.editor_a,
        json!({"version": 2, "response": "accepted"}),
    )
    .await
    .assert_problem(409, None);
    // Every step is in the review's history.
    let h = app.history(&w.secretariat, "peer-reviews", id).await;
    assert_eq!(h.len(), 4, "created, visited, reported, closed");
    let h = app.history(&w.secretariat, "recommendations", rec).await;
    assert_eq!(h.len(), 2, "created, responded");
    assert!(h[1].changed.contains(&"response".to_string()));
}

#[tokio::test]
async fn the_host_responds_and_turns_a_recommendation_into_an_action_linked_both_ways() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let (id, rec) = visited_review_with_recommendation(&app, &w).await;
    let refused = add_recommendation(&app, &w, id, "EM1", "Set a target for staff with a migrant background").await;
    let respond = |rec: i64| format!("/api/v1/recommendations/{rec}/response");
    let to_action = |rec: i64| format!("/api/v1/recommendations/{rec}/action");

    // Before a response there is nothing to act on.
    app.post(&to_action(rec), &w.editor_a, json!({})).await.assert_problem(422, Some("response"));
    // Only the host (or the secretariat) responds: not a reviewer, not an observer, not another city.
    let outsider_city = app.city(&w.secretariat, "Zagreb", "HR").await;
    let outsider = app.token(Role::CityEditor, Some(outsider_city)).await;
    for token in [&w.editor_b, &w.observer, &outsider] {
        put(&app, &respond(rec), token, json!({"response": "accepted"})).await.assert_problem(403, None);
    }
    put(&app, &respond(rec), &w.editor_a, json!({"response": "maybe"})).await.assert_problem(422, Some("response"));
    let r = put(&app, &respond(rec), &w.editor_a, json!({"response": "accepted", "note": "From May"}))
        .await
        .expect(200)
        .body;
    assert_eq!((r["response"].as_str(), r["version"].as_i64()), (Some("accepted"), Some(2)));
    assert_eq!(r["response_note"], "From May");
    assert!(r["responded_by"].as_str().unwrap().contains('@'));
    // Responding twice: without the version, or with a stale one, is refused.
    let again = put(&app, &respond(rec), &w.editor_a, json!({"response": "partly"})).await;
    assert!(again.assert_problem(409, None)["detail"].as_str().unwrap().contains("already has a response"));
    put(&app, &respond(rec), &w.editor_a, json!({"version": 1, "response": "partly"})).await.assert_problem(409, None);
    let r = put(
        &app,
        &respond(rec),
        &w.editor_a,
        json!({"version": 2, "response": "partly", "note": "Saturdays only in summer"}),
    )
    .await
    .expect(200)
    .body;
    assert_eq!(r["response"], "partly");

    // Not accepted: no action.
    put(&app, &respond(refused), &w.editor_a, json!({"response": "not_accepted", "note": "No budget"}))
        .await
        .expect(200);
    app.post(&to_action(refused), &w.editor_a, json!({})).await.assert_problem(422, Some("response"));
    // Another city's editor may not turn it into an action; nor may the reviewer.
    app.post(&to_action(rec), &outsider, json!({})).await.assert_problem(403, None);
    app.post(&to_action(rec), &w.editor_b, json!({})).await.assert_problem(403, None);

    // The host's editor turns it into an action; title and description default to the text.
    let done = app
        .post(&to_action(rec), &w.editor_a, json!({"title": "Saturday language cafés", "due_date": "2026-12-31"}))
        .await
        .expect(201)
        .body;
    let action = done["action"]["id"].as_i64().unwrap();
    assert_eq!(done["action"]["commitment"], "SP1");
    assert_eq!(done["action"]["plan_id"], w.plan_a);
    assert_eq!(done["action"]["title"], "Saturday language cafés");
    assert_eq!(done["action"]["description"], "Open the language cafés on Saturdays too");
    assert_eq!(done["recommendation"]["action_id"], action);
    // Once is enough.
    app.post(&to_action(rec), &w.editor_a, json!({})).await.assert_problem(409, None);
    // It cannot be refused now that it became an action.
    let v = done["recommendation"]["version"].clone();
    put(&app, &respond(rec), &w.editor_a, json!({"version": v, "response": "not_accepted"}))
        .await
        .assert_problem(422, Some("response"));

    // The action's progress, updated as any action is, shows on the recommendation.
    app.update_action(&w.editor_a, action, json!({"version": 1, "status": "in_progress", "progress": 60})).await;
    let r = review(&app, &w.observer, id).await;
    let shown = r["recommendations"].as_array().unwrap().iter().find(|x| x["id"] == rec).unwrap().clone();
    assert_eq!(shown["action"]["status"], "in_progress");
    assert_eq!(shown["action"]["progress"], 60);
    let one = app.get(&format!("/api/v1/recommendations/{rec}"), &w.editor_b).await.expect(200).body;
    assert_eq!(one["action"]["progress"], 60);

    // The action's page names the recommendation it came from, with a link to the review.
    let browser = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let page = browser.get(&format!("/actions/{action}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("From peer review recommendation"), "{}", page.body);
    assert!(page.attrs("a", "href").contains(&format!("/peer-reviews/{id}#recommendation-{rec}")));
    // And the review's page shows the action with its progress.
    let page = browser.get(&format!("/peer-reviews/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.attrs("a", "href").contains(&format!("/actions/{action}")));
    assert!(page.body.contains("60%"));
    // The list shows the review.
    let page = browser.get("/peer-reviews").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.attrs("a", "href").contains(&format!("/peer-reviews/{id}")));
    // The host's page lists the recommendation and what became of it.
    let page = browser.get(&format!("/cities/{}", w.city_a)).await;
    assert!(page.body.contains("Peer reviews and recommendations"), "{}", page.body);
    assert!(page.body.contains("Saturday language cafés"));

    // A host with no plan under the review's framework is told so.
    let icc = json!({"host_city_id": w.city_a, "framework": "icc-lisbon-declaration", "reviewing_city_ids": [w.city_b],
        "commitments": ["LD1"], "state": "visited", "visit_from": "2026-04-01"});
    let icc = app.post("/api/v1/peer-reviews", &w.secretariat, icc).await.expect(201).body["id"].as_i64().unwrap();
    let rec = add_recommendation(&app, &w, icc, "LD1", "Adopt an intercultural strategy").await;
    put(&app, &respond(rec), &w.editor_a, json!({"response": "accepted"})).await.expect(200);
    let r = app.post(&to_action(rec), &w.editor_a, json!({})).await;
    let body = r.assert_problem(422, Some("plan_id"));
    assert!(body.to_string().contains("Malmö has no action plan under icc-lisbon-declaration"), "{body}");
}

#[tokio::test]
async fn people_are_for_those_involved_and_the_public_reads_only_agreed_summaries_of_public_cities() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let (id, _) = visited_review_with_recommendation(&app, &w).await;
    let outsider_city = app.city(&w.secretariat, "Zagreb", "HR").await;
    let outsider = app.token(Role::CityEditor, Some(outsider_city)).await;
    // The secretariat, the host and the reviewers see the team; observers do not.
    for token in [&w.secretariat, &w.editor_a, &w.editor_b] {
        assert_eq!(review(&app, token, id).await["people"][0]["name"], "Ola Peer");
    }
    let seen = review(&app, &w.observer, id).await;
    assert!(seen["people"].is_null());
    assert!(!seen.to_string().contains("Ola Peer") && !seen.to_string().contains("Eva Expert"));
    app.get(&format!("/api/v1/peer-reviews/{id}"), &outsider).await.assert_problem(403, None);
    // The review's history names the people: not for observers; a recommendation's is.
    app.get(&format!("/api/v1/peer-reviews/{id}/history"), &w.observer).await.assert_problem(403, None);
    app.get(&format!("/api/v1/peer-reviews/{id}/history"), &w.editor_b).await.expect(200);
    // Lists: a city editor sees the reviews their city hosts or reviews, nothing else.
    assert_eq!(app.get("/api/v1/peer-reviews", &w.editor_b).await.expect(200).body["total"], 1);
    assert_eq!(app.get("/api/v1/peer-reviews", &outsider).await.expect(200).body["total"], 0);
    let listed = app.get("/api/v1/peer-reviews", &w.observer).await.expect(200).body;
    assert!(listed["items"][0]["people"].is_null());

    // The public page: nothing until the host agrees and has a public page (the public is asked
    // to sign in, as for a city without a public page).
    let public = crate::web_client::WebClient::new(&app);
    assert_eq!(public.get(&format!("/peer-reviews/{id}")).await.status, 303);
    let path = format!("/api/v1/peer-reviews/{id}");
    let v = review(&app, &w.secretariat, id).await["version"].clone();
    let v = app
        .patch(&path, &w.secretariat, json!({"version": v, "summary": "Malmö's language cafés are a model."}))
        .await
        .expect(200)
        .body["version"]
        .clone();
    let agreement = format!("/api/v1/peer-reviews/{id}/summary-agreement");
    // Only the host (or the secretariat) agrees.
    put(&app, &agreement, &w.editor_b, json!({"version": v, "agreed": true})).await.assert_problem(403, None);
    put(&app, &agreement, &w.observer, json!({"version": v, "agreed": true})).await.assert_problem(403, None);
    put(&app, &agreement, &w.editor_a, json!({"agreed": true})).await.assert_problem(428, None);
    let agreed = put(&app, &agreement, &w.editor_a, json!({"version": v, "agreed": true})).await.expect(200).body;
    assert!(agreed["summary_agreed"].as_bool().unwrap());
    assert!(!agreed["summary_public"].as_bool().unwrap(), "Malmö has no public page yet");
    assert_eq!(public.get(&format!("/peer-reviews/{id}")).await.status, 303);
    let city = app.get_city(&w.secretariat, w.city_a).await;
    app.update_city(&w.secretariat, w.city_a, json!({"version": city.version, "public": true})).await;
    let page = public.get(&format!("/peer-reviews/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("Malmö&#x27;s language cafés are a model.")
            || page.body.contains("language cafés are a model")
    );
    assert!(page.body.contains("Open the language cafés on Saturdays too"));
    assert!(page.body.contains("Łódź"));
    for private in ["Ola Peer", "Eva Expert", "Migration Policy Group", "@"] {
        assert!(!page.body.contains(private), "{private} on the public page");
    }
    // The public city page lists it too.
    let city_page = public.get(&format!("/cities/{}", w.city_a)).await;
    assert!(city_page.attrs("a", "href").contains(&format!("/peer-reviews/{id}")));
    // Changing the summary withdraws the agreement: the host agreed to other words.
    let v = agreed["version"].clone();
    let changed =
        app.patch(&path, &w.secretariat, json!({"version": v, "summary": "New words"})).await.expect(200).body;
    assert!(!changed["summary_agreed"].as_bool().unwrap());
    assert_eq!(public.get(&format!("/peer-reviews/{id}")).await.status, 303);
}

#[tokio::test]
async fn the_outcomes_report_counts_reviews_held_their_recommendations_and_follow_up_worked_by_hand() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let s = &w.secretariat;
    let respond = |rec: i64| format!("/api/v1/recommendations/{rec}/response");
    let to_action = |rec: i64| format!("/api/v1/recommendations/{rec}/action");
    // Review 1: Malmö hosts, Łódź reviews, SP1 and EM1, visited in March 2026.
    let (one, r1) = visited_review_with_recommendation(&app, &w).await;
    let r2 = add_recommendation(&app, &w, one, "SP1", "Open a second café").await;
    let r3 = add_recommendation(&app, &w, one, "EM1", "Publish the staff figures").await;
    put(&app, &respond(r1), &w.editor_a, json!({"response": "accepted"})).await.expect(200);
    put(&app, &respond(r2), &w.editor_a, json!({"response": "not_accepted"})).await.expect(200);
    put(&app, &respond(r3), &w.editor_a, json!({"response": "partly"})).await.expect(200);
    let a1 = app.post(&to_action(r1), &w.editor_a, json!({})).await.expect(201).body["action"]["id"].as_i64().unwrap();
    let a3 = app.post(&to_action(r3), &w.editor_a, json!({})).await.expect(201).body["action"]["id"].as_i64().unwrap();
    app.update_action(&w.editor_a, a1, json!({"version": 1, "status": "in_progress", "progress": 60})).await;
    app.update_action(&w.editor_a, a3, json!({"version": 1, "status": "completed", "progress": 100})).await;
    // Review 2: Łódź hosts, Malmö reviews, PM1, visited in May 2026; no response yet.
    let two = json!({"host_city_id": w.city_b, "framework": CHARTER, "reviewing_city_ids": [w.city_a],
        "commitments": ["PM1"], "state": "visited", "visit_from": "2026-05-01"});
    let two = app.post("/api/v1/peer-reviews", s, two).await.expect(201).body["id"].as_i64().unwrap();
    add_recommendation(&app, &w, two, "PM1", "Adopt an equality statement").await;
    // Review 3: visited in 2027, outside the period.
    let three = json!({"host_city_id": w.city_a, "framework": CHARTER, "reviewing_city_ids": [w.city_b],
        "commitments": ["BU1"], "state": "visited", "visit_from": "2027-02-01"});
    app.post("/api/v1/peer-reviews", s, three).await.expect(201);
    // Malmö is public and agreed to publish review 1's summary; Łódź is not public.
    let city = app.get_city(s, w.city_a).await;
    app.update_city(s, w.city_a, json!({"version": city.version, "public": true})).await;
    let v = review(&app, s, one).await["version"].clone();
    let v = app
        .patch(&format!("/api/v1/peer-reviews/{one}"), s, json!({"version": v, "summary": "A model."}))
        .await
        .expect(200)
        .body["version"]
        .clone();
    put(
        &app,
        &format!("/api/v1/peer-reviews/{one}/summary-agreement"),
        &w.editor_a,
        json!({"version": v, "agreed": true}),
    )
    .await
    .expect(200);

    let report = app.compile_report(s, CHARTER, "2026-01-01", "2026-12-31").await.compiled.report_id;
    app.mark_good_practice(s, report, w.action_a).await; // SP1, Malmö
    let full = app.get_report(s, report).await["figures"]["mutual_learning"].clone();
    // By hand, the secretariat's view: 2 reviews (not the 2027 one), 4 recommendations: accepted
    // 1, partly 1, not accepted 1, none 1; 2 became actions (60 % in progress, 100 % completed):
    // mean progress 80.
    let t = &full["totals"];
    assert_eq!(
        [
            &t["reviews"],
            &t["recommendations"],
            &t["accepted"],
            &t["partly"],
            &t["not_accepted"],
            &t["no_response"],
            &t["became_actions"]
        ],
        [&json!(2), &json!(4), &json!(1), &json!(1), &json!(1), &json!(1), &json!(2)]
    );
    assert_eq!(t["actions_by_status"]["completed"], 1);
    assert_eq!(t["actions_by_status"]["in_progress"], 1);
    assert_eq!(t["mean_action_progress"], 80.0);
    let row =
        |ml: &Value, code: &str| ml["commitments"].as_array().unwrap().iter().find(|c| c["code"] == code).cloned();
    let sp1 = row(&full, "SP1").unwrap();
    assert_eq!(
        (
            sp1["figures"]["recommendations"].as_i64(),
            sp1["figures"]["accepted"].as_i64(),
            sp1["figures"]["not_accepted"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(
        (sp1["figures"]["mean_action_progress"].as_f64(), sp1["good_practices"].as_i64()),
        (Some(60.0), Some(1))
    );
    assert_eq!(sp1["good_practice_titles"][0], "Malmö: Action for SP1");
    let em1 = row(&full, "EM1").unwrap();
    assert_eq!(
        (em1["figures"]["partly"].as_i64(), em1["figures"]["actions_by_status"]["completed"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(row(&full, "PM1").unwrap()["figures"]["no_response"], 1);
    assert!(row(&full, "BU1").is_none(), "the 2027 review is outside the period");
    let hosts: Vec<&str> = full["reviews"].as_array().unwrap().iter().map(|r| r["host"].as_str().unwrap()).collect();
    assert_eq!(hosts, ["Malmö", "Łódź"]);
    assert!(!full.to_string().contains("Ola Peer"), "cities only, never people");

    // Public output: only review 1 (Łódź is private): 3 recommendations, no PM1 row.
    let published = app.publish_report(s, report, None).await;
    let slug = published.url.rsplit('/').next().unwrap().to_string();
    let r = app.client.get(format!("{}/reports/{slug}.json", app.address)).send().await.unwrap();
    let public: Value = r.json().await.unwrap();
    let public = &public["figures"]["mutual_learning"];
    assert_eq!(public["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(
        (public["totals"]["recommendations"].as_i64(), public["totals"]["no_response"].as_i64()),
        (Some(3), Some(0))
    );
    assert_eq!(public["totals"]["mean_action_progress"], 80.0);
    assert!(row(public, "PM1").is_none());
    let csv = app
        .client
        .get(format!("{}/reports/{slug}/tables/peer_reviews.csv", app.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Malmö") && !csv.contains("Łódź,Malmö"), "{csv}");
    let html = app.client.get(format!("{}/reports/{slug}", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Mutual learning") && html.contains("1 peer reviews, 3 recommendations"), "{html}");
}
