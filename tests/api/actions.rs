//! Actions: bad input gets a problem naming the field; stale versions get 409 and change
//! nothing; filters and pagination.

use crate::helpers::{TestApp, World};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn bad_action_input_names_each_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/plans/{}/actions", w.plan_a);
    let cases = [
        (json!({"commitment": "PM9", "title": "x"}), 422, "commitment"),
        (json!({"commitment": "LD3", "title": "x"}), 422, "commitment"),
        (json!({"commitment": "PM1", "title": "x", "progress": 101}), 422, "progress"),
        (json!({"commitment": "PM1", "title": "x", "progress": -1}), 422, "progress"),
        (
            json!({"commitment": "PM1", "title": "x", "start_date": "2026-06-01", "due_date": "2026-05-31"}),
            422,
            "due_date",
        ),
        (json!({"commitment": "PM1", "title": "x", "due_date": "31/12/2026"}), 422, "due_date"),
        (json!({"commitment": "PM1", "title": "x", "status": "done"}), 422, "status"),
        (json!({"commitment": "PM1", "title": "x", "delivery": "outsourced"}), 422, "delivery"),
        (json!({"commitment": "PM1", "title": "x", "policy_areas": ["housing", "sport"]}), 422, "policy_areas[1]"),
        (json!({"commitment": "PM1", "title": "   "}), 422, "title"),
        (json!({"title": "no commitment"}), 422, "commitment"),
        (json!({"commitment": "PM1", "title": "x", "colour": "red"}), 400, "colour"),
        (json!({"commitment": "PM1", "title": "x", "progress": "half"}), 400, "progress"),
        (json!({"commitment": "PM1", "title": "x", "partners": ["NGO", 7]}), 400, "partners[1]"),
    ];
    for (body, status, field) in cases {
        let r = app.post(&url, &w.secretariat, body.clone()).await;
        r.assert_problem(status, Some(field));
    }
    // The wrong-framework message says which framework the code belongs to, and lists the accepted codes.
    let r = app.post(&url, &w.secretariat, json!({"commitment": "LD3", "title": "x"})).await;
    let e = &r.body["errors"][0];
    assert!(e["reason"].as_str().unwrap().contains("icc-lisbon-declaration"), "{e}");
    assert!(e["accepted"].as_str().unwrap().contains("PM1"), "{e}");
    // Several mistakes at once are all reported.
    let r = app.post(&url, &w.secretariat, json!({"commitment": "PM9", "title": "", "progress": 500})).await;
    assert_eq!(r.body["errors"].as_array().unwrap().len(), 3, "{}", r.body);

    // Malformed JSON and a wrong content type.
    let raw = app
        .client
        .post(format!("{}{url}", app.address))
        .bearer_auth(&w.secretariat)
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    assert_eq!(raw.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = raw.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "body");
    let raw = app
        .client
        .post(format!("{}{url}", app.address))
        .bearer_auth(&w.secretariat)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);

    let list = app.list_actions(&w.secretariat, w.plan_a, "").await;
    assert_eq!(list.total, 1, "nothing was stored by the refused requests");
}

#[tokio::test]
async fn a_stale_update_gets_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/actions/{}", w.action_a);
    let first = app.patch(&url, &w.editor_a, json!({"version": 1, "progress": 40, "status": "in_progress"})).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["version"], 2);
    assert_eq!(first.headers["etag"], "\"2\"");

    let stale = app.patch(&url, &w.secretariat, json!({"version": 1, "progress": 90})).await;
    stale.assert_problem(409, None);
    assert_eq!(stale.body["current_version"], 2);
    let now = app.get_action(&w.secretariat, w.action_a).await;
    assert_eq!(now.progress, 40);
    assert_eq!(now.version, 2);

    // If-Match works as well as the body field, and a missing version is refused with 428.
    let r = app
        .request_with(
            Method::PATCH,
            &url,
            Some(&w.secretariat),
            Some(&json!({"progress": 60})),
            &[("If-Match", "\"2\"")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .request_with(
            Method::PATCH,
            &url,
            Some(&w.secretariat),
            Some(&json!({"progress": 70})),
            &[("If-Match", "\"2\"")],
        )
        .await;
    r.assert_problem(409, None);
    app.patch(&url, &w.secretariat, json!({"progress": 70})).await.assert_problem(428, Some("version"));

    // A stale delete is refused too, and the action survives.
    let r = app.request_with(Method::DELETE, &url, Some(&w.secretariat), None, &[("If-Match", "\"1\"")]).await;
    r.assert_problem(409, None);
    assert_eq!(app.get(&url, &w.secretariat).await.status, 200);
}

#[tokio::test]
async fn patch_changes_only_what_it_names_and_null_clears_dates() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/actions/{}", w.action_a);
    let r = app
        .patch(
            &url,
            &w.editor_a,
            json!({"version": 1, "start_date": "2026-02-01", "due_date": "2026-12-31",
        "partners": ["Red Cross", "Adult education centre"], "policy_areas": ["language_learning", "education"],
        "department": "Education", "commitment": "SP2", "delivery": "advocacy"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["commitment"], "SP2");
    assert_eq!(r.body["role"], "SP");
    assert_eq!(r.body["title"], "Action for SP1", "untouched fields keep their value");
    assert_eq!(r.body["partners"], json!(["Red Cross", "Adult education centre"]));
    let r = app.patch(&url, &w.editor_a, json!({"version": 2, "due_date": null})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["due_date"].is_null());
    assert_eq!(r.body["start_date"], "2026-02-01");
    // A due date before the stored start date is caught even when only one of them is sent.
    let r = app.patch(&url, &w.editor_a, json!({"version": 3, "due_date": "2026-01-01"})).await;
    r.assert_problem(422, Some("due_date"));
}

#[tokio::test]
async fn lists_filter_by_role_commitment_and_status_and_paginate() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let p = w.plan_a;
    for (c, s) in
        [("PM1", "planned"), ("PM2", "completed"), ("EM3", "completed"), ("BU2", "delayed"), ("PM1", "cancelled")]
    {
        app.action(&w.editor_a, p, c, s).await;
    }
    let count = |q: &'static str| {
        let app = &app;
        let t = w.editor_a.clone();
        async move { app.list_actions(&t, p, q).await.total }
    };
    assert_eq!(count("").await, 6);
    assert_eq!(count("?role=PM").await, 3);
    assert_eq!(count("?commitment=PM1").await, 2);
    assert_eq!(count("?status=completed").await, 2);
    assert_eq!(count("?role=PM&status=completed").await, 1);
    app.get(&format!("/api/v1/plans/{p}/actions?status=finished"), &w.editor_a)
        .await
        .assert_problem(422, Some("status"));
    app.get(&format!("/api/v1/plans/{p}/actions?role=XX"), &w.editor_a).await.assert_problem(422, Some("role"));
    app.get(&format!("/api/v1/plans/{p}/actions?commitment=LD1"), &w.editor_a)
        .await
        .assert_problem(422, Some("commitment"));
    app.get(&format!("/api/v1/plans/{p}/actions?per_page=500"), &w.editor_a)
        .await
        .assert_problem(422, Some("per_page"));
    app.get(&format!("/api/v1/plans/{p}/actions?page=0"), &w.editor_a).await.assert_problem(422, Some("page"));
    app.get(&format!("/api/v1/plans/{p}/actions?page=abc"), &w.editor_a).await.assert_problem(422, None);

    let page1 = app.list_actions(&w.editor_a, p, "?per_page=4").await;
    let page2 = app.list_actions(&w.editor_a, p, "?per_page=4&page=2").await;
    assert_eq!(page1.items.len(), 4);
    assert_eq!(page2.items.len(), 2);
    assert_eq!(page1.total, 6);
    let ids: Vec<i64> = page1.items.iter().chain(&page2.items).map(|a| a.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "pages are disjoint and ordered");
}

#[tokio::test]
async fn deleting_an_action_removes_it_and_keeps_its_history() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/actions/{}", w.action_a);
    assert_eq!(app.delete(&url, &w.editor_a).await.status, 204);
    app.get(&url, &w.editor_a).await.assert_problem(404, None);
    app.delete(&url, &w.editor_a).await.assert_problem(404, None);
    let h = app.history(&w.editor_a, "actions", w.action_a).await;
    let ops: Vec<&str> = h.iter().map(|e| e.operation.as_str()).collect();
    assert_eq!(ops, ["create", "delete"]);
    // The deleted action's city is still known, so another city's editor still cannot read it.
    app.get(&format!("{url}/history"), &w.editor_b).await.assert_problem(403, None);
}
