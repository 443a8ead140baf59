//! Operating the service: `/readyz` (and `/metrics`, issue 15 "Operate it").

use crate::helpers::TestApp;
use reqwest::Method;

/// `/readyz` answers 200 `{"status":"ready"}` while the database answers and its migrations are
/// applied; once a migration is missing from the database (as when a newer binary runs against
/// an older database) it answers 503 in problem JSON, and `/healthz` is unaffected.
#[tokio::test]
async fn readyz_is_ready_with_the_database_migrated_and_503_with_a_migration_missing() {
    let app = TestApp::spawn().await;
    let r = app.request(Method::GET, "/readyz", None, None).await.expect(200);
    assert_eq!(r.body, serde_json::json!({"status": "ready"}));

    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        use diesel::connection::SimpleConnection;
        pool.get()
            .unwrap()
            .batch_execute(
                "DELETE FROM __diesel_schema_migrations WHERE version = \
                 (SELECT MAX(version) FROM __diesel_schema_migrations)",
            )
            .unwrap();
    })
    .await
    .unwrap();
    let r = app.request(Method::GET, "/readyz", None, None).await;
    r.assert_problem(503, None);
    assert!(r.body["detail"].as_str().unwrap().contains("migrations"), "{}", r.body);
    app.request(Method::GET, "/healthz", None, None).await.expect(200);
}

const METRICS_TOKEN: &str = "a-metrics-token-for-tests";

async fn scrape(app: &TestApp, token: Option<&str>) -> (u16, String) {
    let mut req = app.client.get(format!("{}/metrics", app.address));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// With no `metrics.token` configured (the default) `/metrics` does not exist.
#[tokio::test]
async fn metrics_are_not_served_without_a_configured_token() {
    let app = TestApp::spawn().await;
    assert_eq!(scrape(&app, None).await.0, 404);
    assert_eq!(scrape(&app, Some(METRICS_TOKEN)).await.0, 404);
}

/// With a token: 401 without it or with another, and with it the Prometheus text format naming
/// each metric, with the route pattern (not the concrete path) of a request made before.
#[tokio::test]
async fn metrics_need_the_configured_token_and_count_requests_by_route_pattern() {
    let app = TestApp::spawn_with(|s| s.metrics.token = METRICS_TOKEN.into()).await;
    assert_eq!(scrape(&app, None).await.0, 401);
    assert_eq!(scrape(&app, Some("not-the-metrics-token-at-all")).await.0, 401);

    let token = app.token(charter_tracker::auth::Role::Secretariat, None).await;
    let city = app.city(&token, "Malmö", "SE").await;
    app.get(&format!("/api/v1/cities/{city}"), &token).await.expect(200);
    app.get("/api/v1/cities/999999", &token).await.expect(404);
    // One scheduler pass, so its counter and histogram have a sample.
    let (pool, settings, now) = (app.pool.clone(), app.settings.clone(), app.clock.now());
    tokio::task::spawn_blocking(move || {
        let templates = charter_tracker::mail::load_templates(&settings.mail).unwrap();
        charter_tracker::scheduler::plan_due(&pool, &settings, &templates, now).unwrap()
    })
    .await
    .unwrap();
    let _ = app.enqueue_email("metrics-1", "anna@malmo.example", "en", now).await;

    let (status, body) = scrape(&app, Some(METRICS_TOKEN)).await;
    assert_eq!(status, 200, "{body}");
    for name in [
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "scheduler_passes_total",
        "scheduler_pass_duration_seconds_count",
        "outbox_emails",
        "outbox_oldest_queued_age_seconds",
        "open_check_ins",
    ] {
        assert!(body.contains(&format!("\n{name}")), "no {name} in:\n{body}");
    }
    for line in [
        r#"http_requests_total{method="GET",route="/api/v1/cities/{id}",status="200"} "#,
        r#"http_requests_total{method="GET",route="/api/v1/cities/{id}",status="404"} "#,
        r#"http_requests_total{method="POST",route="/api/v1/cities",status="201"} "#,
        r#"outbox_emails{state="queued"} 1"#,
        r#"outbox_emails{state="sent"} 0"#,
        r#"open_check_ins{state="open"} 0"#,
    ] {
        assert!(body.contains(line), "no `{line}` in:\n{body}");
    }
    assert!(!body.contains(&format!("/api/v1/cities/{city}\"")), "a concrete path as a label:\n{body}");
}
