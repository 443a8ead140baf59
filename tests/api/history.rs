//! History: who changed what, when, before and after, per object.

use crate::helpers::{TestApp, World};
use serde_json::json;

#[tokio::test]
async fn every_change_is_recorded_with_who_what_before_and_after() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.update_action(&w.editor_a, w.action_a, json!({"version": 1, "progress": 75, "status": "delayed"})).await;
    app.update_action(&w.secretariat, w.action_a, json!({"version": 2, "title": "Language cafés in every district"}))
        .await;

    let entries = app.history(&w.observer, "actions", w.action_a).await;
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].operation, "create");
    assert!(entries[0].before.is_null());
    assert_eq!(entries[1].operation, "update");
    assert!(entries[1].actor.starts_with("city-editor-"));
    assert_eq!(entries[1].changed, ["progress", "status"]);
    assert_eq!(entries[1].before["progress"], 10);
    assert_eq!(entries[1].after["progress"], 75);
    assert!(entries[2].actor.starts_with("secretariat-"));
    assert_eq!(entries[2].changed, ["title"]);
    assert!(entries[2].at.ends_with('Z'));

    // Cities, plans and contacts have histories too.
    app.update_city(&w.secretariat, w.city_a, json!({"version": 1, "name": "Malmö stad"})).await;
    let h = app.history(&w.secretariat, "cities", w.city_a).await;
    assert_eq!(h[1].before["name"], "Malmö");
    assert_eq!(h[1].after["name"], "Malmö stad");
    let h = app.history(&w.secretariat, "plans", w.plan_a).await;
    assert_eq!(h[0].operation, "create");
    let h = app.history(&w.editor_a, "contacts", w.contact_a).await;
    assert_eq!(h[0].after["email"], "anna@malmo.example");

    app.get("/api/v1/widgets/1/history", &w.secretariat).await.assert_problem(404, None);
    app.get("/api/v1/actions/999999/history", &w.secretariat).await.assert_problem(404, None);
}
