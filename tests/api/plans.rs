//! Plans: validation and coverage of the Charter's commitments.

use crate::helpers::{TestApp, World};
use serde_json::json;

#[tokio::test]
async fn bad_plan_input_names_the_field() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/cities/{}/plans", w.city_a);
    let r = app.post(&url, &w.editor_a, json!({"framework": "unknown-charter", "title": "", "period_start": "2026-01-01", "period_end": "2025-01-01", "status": "approved", "document_url": "ftp://x"})).await;
    for f in ["framework", "title", "period_end", "status", "document_url"] {
        r.assert_problem(422, Some(f));
    }
    let plan = app.create_plan(&w.editor_a, w.city_a, json!({"framework": "eurocities-integrating-cities", "title": "Draft plan", "period_start": "2026-01-01", "period_end": "2027-12-31"})).await;
    assert_eq!(plan.status, "draft");
    assert!(plan.adopted_on.is_none());
    let id = plan.id;
    let r = app.patch(&format!("/api/v1/plans/{id}"), &w.editor_a, json!({"version": 1, "status": "adopted", "adopted_on": "2026-03-15", "document_url": "https://malmo.example/plan.pdf"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["adopted_on"], "2026-03-15");
    let r = app
        .patch(
            &format!("/api/v1/plans/{id}"),
            &w.editor_a,
            json!({"version": 2, "framework": "icc-lisbon-declaration"}),
        )
        .await;
    r.assert_problem(422, Some("framework"));
}

#[tokio::test]
async fn coverage_counts_actions_per_commitment_and_lists_the_uncovered() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await; // plan A has one in_progress action under SP1
    let p = w.plan_a;
    for (c, s) in [("PM1", "planned"), ("PM1", "completed"), ("EM3", "delayed"), ("BU1", "cancelled")] {
        app.action(&w.editor_a, p, c, s).await;
    }
    let cov = app.get(&format!("/api/v1/plans/{p}/coverage"), &w.observer).await.body;
    assert_eq!(cov["framework"], "eurocities-integrating-cities");
    assert_eq!(cov["actions"], 5);
    assert_eq!(cov["by_status"], json!({"planned": 1, "in_progress": 1, "completed": 1, "delayed": 1, "cancelled": 1}));
    let roles: Vec<&str> = cov["roles"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(roles, ["PM", "SP", "EM", "BU", "DC"]);
    let pm = &cov["roles"][0];
    assert_eq!(pm["actions"], 2);
    assert_eq!(pm["commitments"][0]["code"], "PM1");
    assert_eq!(pm["commitments"][0]["by_status"]["completed"], 1);
    assert_eq!(pm["commitments"][0]["covered"], true);
    // BU1 has only a cancelled action, so it is not covered.
    let bu1 = &cov["roles"][3]["commitments"][0];
    assert_eq!(
        (bu1["code"].as_str(), bu1["actions"].as_i64(), bu1["covered"].as_bool()),
        (Some("BU1"), Some(1), Some(false))
    );
    assert_eq!(
        cov["uncovered"],
        json!(["PM2", "PM3", "SP2", "EM1", "EM2", "BU1", "BU2", "BU3", "DC1", "DC2", "DC3", "DC4"])
    );
}

#[tokio::test]
async fn a_plan_under_the_lisbon_declaration_uses_its_own_commitments() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let plan = app.create_plan(&w.editor_b, w.city_b, json!({"framework": "icc-lisbon-declaration", "title": "Intercultural strategy", "period_start": "2026-01-01", "period_end": "2030-12-31", "status": "adopted"})).await.id;
    app.action(&w.editor_b, plan, "LD7", "in_progress").await;
    app.post(&format!("/api/v1/plans/{plan}/actions"), &w.editor_b, json!({"commitment": "PM1", "title": "x"}))
        .await
        .assert_problem(422, Some("commitment"));
    let cov = app.get(&format!("/api/v1/plans/{plan}/coverage"), &w.editor_b).await.body;
    assert_eq!(cov["uncovered"].as_array().unwrap().len(), 9);
}
