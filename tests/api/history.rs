//! History: who changed what, when, before and after, per object.

use crate::helpers::{TestApp, World};
use serde_json::json;

#[tokio::test]
async fn every_change_is_recorded_with_who_what_before_and_after() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/actions/{}", w.action_a);
    app.patch(&url, &w.editor_a, json!({"version": 1, "progress": 75, "status": "delayed"})).await;
    app.patch(&url, &w.secretariat, json!({"version": 2, "title": "Language cafés in every district"})).await;

    let h = app.get(&format!("{url}/history"), &w.observer).await;
    assert_eq!(h.status, 200, "{}", h.body);
    let entries = h.body.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0]["operation"], "create");
    assert!(entries[0]["before"].is_null());
    assert_eq!(entries[1]["operation"], "update");
    assert!(entries[1]["actor"].as_str().unwrap().starts_with("city-editor-"));
    assert_eq!(entries[1]["changed"], json!(["progress", "status"]));
    assert_eq!(entries[1]["before"]["progress"], 10);
    assert_eq!(entries[1]["after"]["progress"], 75);
    assert!(entries[2]["actor"].as_str().unwrap().starts_with("secretariat-"));
    assert_eq!(entries[2]["changed"], json!(["title"]));
    assert!(entries[2]["at"].as_str().unwrap().ends_with('Z'));

    // Cities, plans and contacts have histories too.
    app.patch(&format!("/api/v1/cities/{}", w.city_a), &w.secretariat, json!({"version": 1, "name": "Malmö stad"}))
        .await;
    let h = app.get(&format!("/api/v1/cities/{}/history", w.city_a), &w.secretariat).await.body;
    assert_eq!(h[1]["before"]["name"], "Malmö");
    assert_eq!(h[1]["after"]["name"], "Malmö stad");
    let h = app.get(&format!("/api/v1/plans/{}/history", w.plan_a), &w.secretariat).await.body;
    assert_eq!(h[0]["operation"], "create");
    let h = app.get(&format!("/api/v1/contacts/{}/history", w.contact_a), &w.editor_a).await.body;
    assert_eq!(h[0]["after"]["email"], "anna@malmo.example");

    app.get("/api/v1/widgets/1/history", &w.secretariat).await.assert_problem(404, None);
    app.get("/api/v1/actions/999999/history", &w.secretariat).await.assert_problem(404, None);
}
