//! The secretariat's review of check-ins: accept, or ask for changes with comments that reach
//! the city's contacts by email with a link back to the form, which still works after the round
//! closed; the city resubmits and the secretariat accepts. Each refusal names why.

use crate::helpers::{link_token, TestApp, World};
use charter_tracker::auth::Role;
use chrono::Duration;
use reqwest::Method;
use serde_json::{json, Value};

async fn review(app: &TestApp, token: &str, check_in: i64, body: Value) -> crate::helpers::Reply {
    app.request(Method::POST, &format!("/api/v1/check-ins/{check_in}/review"), Some(token), Some(&body)).await
}

async fn queue(app: &TestApp, token: &str) -> Value {
    app.get("/api/v1/reviews", token).await.expect(200).json()
}

/// Kinds of the emails queued to an address, oldest first.
async fn kinds_to(app: &TestApp, address: &str) -> Vec<String> {
    let pool = app.pool.clone();
    let address = address.to_string();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::outbox;
        use diesel::prelude::*;
        let mut c = pool.get().unwrap();
        outbox::table
            .filter(outbox::to_address.eq(address))
            .order(outbox::id)
            .select(outbox::kind)
            .load::<String>(&mut c)
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn changes_asked_for_reach_the_city_which_resubmits_after_the_round_closed_and_is_accepted_once() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let ci = open.check_in_a;
    let v = app.get_check_in(&w.editor_a, ci).await.check_in.version;
    let content = json!({"actions": [{"action_id": w.action_a, "progress": 40, "status": "in_progress", "narrative": "Two desks open."}]});
    let submitted = app.submit_check_in(&w.editor_a, ci, json!({"version": v, "content": content})).await;
    assert_eq!(submitted.state, "submitted");

    // It waits in the secretariat's queue; nobody else sees the queue.
    app.clock.set(app.clock.now() + Duration::days(3));
    let q = queue(&app, &w.secretariat).await;
    assert_eq!(q.as_array().unwrap().len(), 1, "{q}");
    assert_eq!(q[0]["check_in_id"], ci);
    assert_eq!(q[0]["state"], "submitted");
    assert_eq!(q[0]["days_waiting"], 3);
    for t in [&w.editor_a, &w.editor_b, &w.observer] {
        app.get("/api/v1/reviews", t).await.expect(403);
    }

    // A city editor cannot accept their own check-in, nor another city's editor, nor an observer.
    let accept = json!({"version": submitted.version, "decision": "accept"});
    for t in [&w.editor_a, &w.editor_b, &w.observer] {
        review(&app, t, ci, accept.clone()).await.assert_problem(403, None);
    }
    // Mistakes are named: an unknown decision, a request for changes without any comment, an
    // action of another city.
    review(&app, &w.secretariat, ci, json!({"version": submitted.version, "decision": "maybe"}))
        .await
        .assert_problem(422, Some("decision"));
    review(
        &app,
        &w.secretariat,
        ci,
        json!({"version": submitted.version, "decision": "request_changes", "comment": "  "}),
    )
    .await
    .assert_problem(422, Some("comment"));
    let other = json!({"version": submitted.version, "decision": "request_changes",
                       "actions": [{"action_id": w.action_b, "comment": "Not yours"}]});
    review(&app, &w.secretariat, ci, other).await.assert_problem(422, Some("actions[0].action_id"));
    // A stale version is refused.
    review(&app, &w.secretariat, ci, json!({"version": submitted.version - 1, "decision": "accept"}))
        .await
        .assert_problem(409, None);

    // The secretariat asks for changes on the whole and on the action.
    let ask = json!({"version": submitted.version, "decision": "request_changes",
                     "comment": "Please say which districts the desks serve.",
                     "actions": [{"action_id": w.action_a, "comment": "Which two desks?"}]});
    let asked: Value = review(&app, &w.secretariat, ci, ask.clone()).await.expect(200).json();
    assert_eq!(asked["state"], "changes_requested");
    // Asking twice is refused until the city answers.
    let again = json!({"version": asked["version"], "decision": "request_changes", "comment": "More"});
    review(&app, &w.secretariat, ci, again).await.assert_problem(409, None);
    assert_eq!(queue(&app, &w.secretariat).await, json!([]));

    // The contact gets an email with both comments and a link to the form.
    assert_eq!(kinds_to(&app, "anna@malmo.example").await.last().unwrap(), "changes_requested");
    let bodies = app.outbox_bodies_to("anna@malmo.example").await;
    let email = bodies.last().unwrap();
    assert!(email.contains("Please say which districts the desks serve."), "{email}");
    assert!(email.contains("Which two desks?"), "{email}");
    let token = link_token(email).expect("a link to the form");
    assert_ne!(token, open.token_a, "a new link, valid for the request");

    // The round closes; the link still opens the form with the last answers and the comments.
    let transport =
        std::sync::Arc::new(charter_tracker::mail::transport::Transport::from_settings(&app.settings.mail).unwrap());
    app.tick(app.clock.now() + Duration::days(2), transport).await;
    let round: Value = app.get(&format!("/api/v1/rounds/{}", open.round), &w.secretariat).await.expect(200).json();
    assert!(round["closed_at"].is_string(), "{round}");
    let form = app.check_in_link(&token).await;
    assert_eq!(form.check_in.state, "changes_requested");
    assert_eq!(form.draft["actions"][0]["narrative"], "Two desks open.");
    let raw: Value = app.request(Method::GET, &format!("/api/v1/check-in-links/{token}"), None, None).await.json();
    assert_eq!(raw["review"]["comment"], "Please say which districts the desks serve.");
    assert_eq!(raw["review"]["actions"], json!([{"action_id": w.action_a, "comment": "Which two desks?"}]));

    // The city resubmits through the link.
    let answer = json!({"actions": [{"action_id": w.action_a, "progress": 45, "status": "in_progress",
                                     "narrative": "Desks in Rosengård and Fosie."}]});
    let resubmitted = app.submit_by_link(&token, json!({"version": form.check_in.version, "content": answer})).await;
    assert_eq!(resubmitted.state, "resubmitted");
    assert_eq!(app.get_action(&w.editor_a, w.action_a).await.progress, 45);
    let q = queue(&app, &w.secretariat).await;
    assert_eq!((q[0]["check_in_id"].clone(), q[0]["state"].clone()), (json!(ci), json!("resubmitted")));

    // Accepted once; accepting twice says it is accepted already; the city can no longer change it.
    let done =
        app.review_check_in(&w.secretariat, ci, json!({"version": resubmitted.version, "decision": "accept"})).await;
    assert_eq!(done.state, "accepted");
    let twice = review(&app, &w.secretariat, ci, json!({"version": done.version, "decision": "accept"})).await;
    twice.assert_problem(409, None);
    assert!(twice.body["detail"].as_str().unwrap().contains("already accepted"), "{}", twice.body);
    let late_edit = app
        .request(
            Method::POST,
            &format!("/api/v1/check-in-links/{token}/submit"),
            None,
            Some(&json!({"version": done.version})),
        )
        .await;
    late_edit.assert_problem(410, None);
    // Nor does the round's first link, now that the round is closed and the check-in accepted.
    app.request(Method::GET, &format!("/api/v1/check-in-links/{}", open.token_a), None, None)
        .await
        .assert_problem(410, None);

    // Every step is kept, naming who and when.
    let form: Value = app.get(&format!("/api/v1/check-ins/{ci}"), &w.secretariat).await.expect(200).json();
    let steps: Vec<&str> = form["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(steps, ["submitted", "changes_requested", "resubmitted", "accepted"]);
    assert!(form["events"][1]["by"].as_str().unwrap().starts_with("secretariat-"), "{}", form["events"][1]);
    assert_eq!(form["events"][2]["by"], "Anna Berg <anna@malmo.example> (emailed link)");
    assert!(form["events"].as_array().unwrap().iter().all(|e| e["at"].as_str().unwrap().ends_with('Z')));
    assert_eq!(form["review"], Value::Null, "no open request once accepted");
}

#[tokio::test]
async fn the_review_pages_list_the_queue_reshow_mistakes_and_show_the_city_the_comment_beside_its_action() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let v = app.get_check_in(&w.editor_a, open.check_in_a).await.check_in.version;
    let content = json!({"actions": [{"action_id": w.action_a, "progress": 40, "status": "in_progress", "narrative": "Two desks open."}]});
    app.submit_check_in(&w.editor_a, open.check_in_a, json!({"version": v, "content": content})).await;

    let b = app.browser_as(Role::Secretariat, None).await;
    let page = b.get("/reviews").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Check-ins to review");
    assert!(page.text("tbody tr").contains("Malmö"), "{}", page.body);
    let path = format!("/check-ins/{}/review", open.check_in_a);
    assert!(page.attrs("tbody a", "href").contains(&path), "{}", page.body);

    // Asking for changes without a comment re-shows the form with the mistake and what was typed.
    let field = format!("c{}", w.action_a);
    let r = b
        .submit(&path, &path, &[("version", "2"), ("decision", "request_changes"), ("comment", ""), (&field, "")])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.errors().len(), 1, "{:?}", r.errors());
    assert!(r.errors()[0].starts_with("The comment on the whole check-in"), "{:?}", r.errors());
    let version = r.attrs("input[name=version]", "value")[0].clone();
    let r = b
        .submit(
            &path,
            &path,
            &[("version", &version), ("decision", "request_changes"), ("comment", ""), (&field, "Which two desks?")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let after = b.follow(&r).await;
    assert!(after.notice().unwrap().contains("asked for changes"), "{:?}", after.notice());

    // The contact's link opens the form with the comment beside the action.
    let token = link_token(app.outbox_bodies_to("anna@malmo.example").await.last().unwrap()).unwrap();
    let city = crate::web_client::WebClient::new(&app);
    let form = city.get(&format!("/check-in/{token}")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.text(".review-comment").contains("Which two desks?"), "{}", form.body);

    // Other roles cannot open the review pages.
    for (role, c) in [(Role::CityEditor, Some(w.city_a)), (Role::Observer, None)] {
        let other = app.browser_as(role, c).await;
        assert_eq!(other.get("/reviews").await.status, 403);
        assert_eq!(other.get(&path).await.status, 403);
    }
}

#[tokio::test]
async fn observers_do_not_see_which_contact_answered_through_the_emailed_link() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let v = app.check_in_link(&open.token_a).await.check_in.version;
    app.submit_by_link(&open.token_a, json!({"version": v, "content": {}})).await;
    let path = format!("/api/v1/check-ins/{}", open.check_in_a);
    let seen: Value = app.get(&path, &w.observer).await.expect(200).json();
    assert!(!seen.to_string().contains("anna@malmo.example"), "{seen}");
    assert!(!seen.to_string().contains("Anna Berg"), "{seen}");
    assert_eq!(seen["events"][0]["by"], "a contact (emailed link)");
    let full: Value = app.get(&path, &w.secretariat).await.expect(200).json();
    assert_eq!(full["events"][0]["by"], "Anna Berg <anna@malmo.example> (emailed link)");
}
