//! Verified ratings: the secretariat records what it verified of a city's commitment, with a
//! note and evidence links; the city sees its own view beside it; mistakes are named.

use crate::helpers::{TestApp, World};
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn the_secretariat_verifies_a_commitment_and_the_city_sees_both_views_side_by_side() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let v = app.get_check_in(&w.editor_a, open.check_in_a).await.check_in.version;
    let content = json!({"assessments": [{"commitment": "SP1", "level": "substantial"}, {"commitment": "PM1", "level": "limited"}]});
    app.submit_check_in(&w.editor_a, open.check_in_a, json!({"version": v, "content": content})).await;
    let url = format!("/api/v1/cities/{}/verified-ratings", w.city_a);

    // Mistakes, all at once: an unknown commitment, a level off the scale, a future date, a
    // link that is not http(s).
    let bad = json!({"commitment": "XX9", "level": "mostly", "verified_on": "2999-01-01",
                     "evidence": [{"url": "javascript:alert(1)", "title": "x"}]});
    let r = app.request(Method::POST, &url, Some(&w.secretariat), Some(&bad)).await;
    for f in ["commitment", "level", "verified_on", "evidence[0].url"] {
        r.assert_problem(422, Some(f));
    }
    // Only the secretariat records one.
    let good = json!({"commitment": "SP1", "level": "limited", "verified_on": "2026-11-20",
                      "note": "Visit to two of the four desks.",
                      "evidence": [{"url": "https://malmo.example/report.pdf", "title": "Visit report"}]});
    for t in [&w.editor_a, &w.editor_b, &w.observer] {
        app.request(Method::POST, &url, Some(t), Some(&good)).await.assert_problem(403, None);
    }
    let made: Value = app.request(Method::POST, &url, Some(&w.secretariat), Some(&good)).await.expect(201).json();
    assert_eq!(made["level"], "limited");
    assert_eq!(made["framework"], "eurocities-integrating-cities");
    assert_eq!(made["evidence"], json!([{"url": "https://malmo.example/report.pdf", "title": "Visit report"}]));
    assert!(made["verified_by"].as_str().unwrap().starts_with("secretariat-"));

    // Side by side: SP1 differs (substantial against limited); PM1 is not verified.
    let rows: Value =
        app.get(&format!("/api/v1/cities/{}/self-vs-verified", w.city_a), &w.editor_a).await.expect(200).json();
    let row = |code: &str| rows.as_array().unwrap().iter().find(|r| r["commitment"] == code).unwrap().clone();
    assert_eq!(
        (row("SP1")["self_level"].clone(), row("SP1")["verified"]["level"].clone()),
        (json!("substantial"), json!("limited"))
    );
    assert_eq!(row("SP1")["disagree"], true);
    assert_eq!((row("PM1")["self_level"].clone(), row("PM1")["verified"].clone()), (json!("limited"), Value::Null));
    app.get(&format!("/api/v1/cities/{}/self-vs-verified", w.city_a), &w.editor_b).await.expect(403);

    // A later verification is the one in force; the history keeps both, newest first.
    let later = json!({"commitment": "SP1", "level": "substantial", "verified_on": "2026-11-28"});
    app.request(Method::POST, &url, Some(&w.secretariat), Some(&later)).await.expect(201);
    let all: Value = app.get(&url, &w.observer).await.expect(200).json();
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["level"], "substantial");
    let rows: Value =
        app.get(&format!("/api/v1/cities/{}/self-vs-verified", w.city_a), &w.secretariat).await.expect(200).json();
    let sp1 = rows.as_array().unwrap().iter().find(|r| r["commitment"] == "SP1").unwrap();
    assert_eq!(sp1["disagree"], false);

    // The pages: the city page shows both; the secretariat's form re-shows mistakes.
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let city = b.get(&format!("/cities/{}", w.city_a)).await;
    let table = city.text("#verification-caption");
    assert!(!table.is_empty());
    assert!(
        city.texts("table tbody tr").iter().any(|r| r.starts_with("SP1") && r.contains("Substantial")),
        "{}",
        city.body
    );
    let page = format!("/cities/{}/verification", w.city_a);
    let mine = b.get(&page).await;
    assert_eq!(mine.status, 200);
    assert!(!mine.has("form[action$='/verification']"), "only the secretariat records");
    let s = app.browser_as(Role::Secretariat, None).await;
    let r = s
        .submit(
            &page,
            &page,
            &[("commitment", ""), ("level", "limited"), ("verified_on", "yesterday"), ("evidence", "ftp://x")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.errors().len(), 3, "{:?}", r.errors());
    assert_eq!(r.attrs("#verified_on", "value"), ["yesterday"], "what was typed is kept");
    let r = s
        .submit(
            &page,
            &page,
            &[
                ("commitment", "eurocities-integrating-cities|PM1"),
                ("level", "limited"),
                ("verified_on", "2026-11-30"),
                ("note", ""),
                ("evidence", "https://malmo.example/a.pdf Council minutes"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let after = s.follow(&r).await;
    assert!(after.body.contains("href=\"https://malmo.example/a.pdf\""), "{}", after.body);
    assert!(after.text("main").contains("Council minutes"));
}

#[tokio::test]
async fn actions_carry_evidence_links_http_and_https_only_shown_as_plain_links() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let a = app.get_action(&w.editor_a, w.action_a).await;
    let url = format!("/api/v1/actions/{}", w.action_a);
    let bad = json!({"version": a.version, "evidence": [
        {"url": "javascript:alert(1)"}, {"url": "data:text/html,hi"}, {"url": "https://ok.example/a", "title": "x".repeat(201)}
    ]});
    let r = app.request(Method::PATCH, &url, Some(&w.editor_a), Some(&bad)).await;
    for f in ["evidence[0].url", "evidence[1].url", "evidence[2].title"] {
        r.assert_problem(422, Some(f));
    }
    let good = json!({"version": a.version, "evidence": [{"url": "https://malmo.example/decision.pdf", "title": "Council decision <b>42</b>"}]});
    let saved: Value = app.request(Method::PATCH, &url, Some(&w.editor_a), Some(&good)).await.expect(200).json();
    assert_eq!(saved["evidence"][0]["url"], "https://malmo.example/decision.pdf");
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let page = b.get(&format!("/actions/{}", w.action_a)).await;
    assert!(page.body.contains(r#"<a href="https://malmo.example/decision.pdf" rel="nofollow noopener">Council decision &lt;b&gt;42&lt;/b&gt;</a>"#), "{}", page.body);
    // The edit form shows them one per line and keeps them through a save.
    let edit = b.get(&format!("/actions/{}/edit", w.action_a)).await;
    assert!(edit.text("#evidence").contains("https://malmo.example/decision.pdf Council decision"), "{}", edit.body);
}

#[tokio::test]
async fn check_in_reports_carry_evidence_links_with_titles_and_plain_urls_still_work() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let url = format!("/api/v1/check-ins/{}/submit", open.check_in_a);
    let v = app.get_check_in(&w.editor_a, open.check_in_a).await.check_in.version;
    let bad = json!({"version": v, "content": {"actions": [{"action_id": w.action_a, "evidence": [
        {"url": "javascript:alert(1)", "title": "x"}, {"url": "https://ok.example", "title": "y".repeat(201)}
    ]}]}});
    let r = app.request(Method::POST, &url, Some(&w.editor_a), Some(&bad)).await;
    r.assert_problem(422, Some("actions[0].evidence[0]"));
    r.assert_problem(422, Some("actions[0].evidence[1].title"));
    let good = json!({"version": v, "content": {"actions": [{"action_id": w.action_a, "narrative": "Done.", "evidence": [
        {"url": "https://malmo.example/minutes.pdf", "title": "Council minutes"}, "https://malmo.example/press"
    ]}]}});
    app.submit_check_in(&w.editor_a, open.check_in_a, good).await;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let page = b.get(&format!("/actions/{}", w.action_a)).await;
    assert!(
        page.body
            .contains(r#"<a href="https://malmo.example/minutes.pdf" rel="nofollow noopener">Council minutes</a>"#),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(
            r#"<a href="https://malmo.example/press" rel="nofollow noopener">https://malmo.example/press</a>"#
        ),
        "{}",
        page.body
    );
}
