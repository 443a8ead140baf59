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

/// `/healthz` is a static answer: it stays 200 with every database connection taken, while
/// `/readyz` (which asks the database) cannot answer then.
#[tokio::test]
async fn healthz_answers_without_the_database() {
    let app = TestApp::spawn().await;
    let pool = app.pool.clone();
    let held: Vec<_> = tokio::task::spawn_blocking(move || {
        let mut held = vec![];
        while let Ok(c) = pool.get_timeout(std::time::Duration::from_millis(200)) {
            held.push(c);
        }
        held
    })
    .await
    .unwrap();
    assert!(!held.is_empty());
    let r = app.request(Method::GET, "/healthz", None, None).await.expect(200);
    assert_eq!(r.body, serde_json::json!({"status": "ok"}));
    drop(held);
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
    // On PostgreSQL the instance hears changes as they commit (db::changes); SQLite never does.
    // (Its listening connection may still be connecting on a busy machine: a few more scrapes.)
    let line = format!("\nchange_feed_listening {}\n", i32::from(app.database_url.starts_with("postgres")));
    let mut body = body;
    for _ in 0..50 {
        if body.contains(&line) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        body = scrape(&app, Some(METRICS_TOKEN)).await.1;
    }
    assert!(body.contains(&line), "no `{}` in:\n{body}", line.trim());
}

async fn scrape_from(app: &TestApp, forwarded_for: Option<&str>) -> u16 {
    let mut req = app.client.get(format!("{}/metrics", app.address));
    if let Some(f) = forwarded_for {
        req = req.header("X-Forwarded-For", f);
    }
    req.send().await.unwrap().status().as_u16()
}

/// From an address in `metrics.allow_from` no token is needed (the tests' client is 127.0.0.1);
/// the token still works from anywhere.
#[tokio::test]
async fn metrics_are_readable_without_the_token_from_an_allowed_address() {
    let app = TestApp::spawn_with(|s| {
        s.metrics.token = METRICS_TOKEN.into();
        s.metrics.allow_from = vec!["127.0.0.0/8".into()];
    })
    .await;
    let (status, body) = scrape(&app, None).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\noutbox_emails"), "{body}");
    let app = TestApp::spawn_with(|s| s.metrics.allow_from = vec!["::1".into(), "127.0.0.1".into()]).await;
    assert_eq!(scrape_from(&app, None).await, 200);
}

/// From any other address: 403 when only addresses are configured (401 when a token is), and a
/// client cannot talk its way in with `X-Forwarded-For` unless the request comes through a
/// proxy in `metrics.forwarded_by`, and then only the address that proxy added counts.
#[tokio::test]
async fn metrics_refuse_other_addresses_and_believe_forwarded_for_only_from_a_configured_proxy() {
    let app = TestApp::spawn_with(|s| s.metrics.allow_from = vec!["10.0.0.0/8".into()]).await;
    assert_eq!(scrape_from(&app, None).await, 403);
    assert_eq!(scrape_from(&app, Some("10.1.2.3")).await, 403, "X-Forwarded-For is not believed by default");
    let app = TestApp::spawn_with(|s| {
        s.metrics.token = METRICS_TOKEN.into();
        s.metrics.allow_from = vec!["10.0.0.0/8".into()];
    })
    .await;
    assert_eq!(scrape(&app, None).await.0, 401);

    let app = TestApp::spawn_with(|s| {
        s.metrics.allow_from = vec!["10.0.0.0/8".into()];
        s.metrics.forwarded_by = vec!["127.0.0.1".into(), "::1".into()];
    })
    .await;
    assert_eq!(scrape_from(&app, Some("10.1.2.3")).await, 200, "the proxy's client is allowed");
    assert_eq!(scrape_from(&app, Some("192.0.2.7")).await, 403);
    assert_eq!(
        scrape_from(&app, Some("10.1.2.3, 192.0.2.7")).await,
        403,
        "what the client wrote before the proxy's own entry does not count"
    );
    assert_eq!(scrape_from(&app, None).await, 403, "the proxy itself is not in allow_from");
}

#[test]
fn a_bad_metrics_address_stops_start_up_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("local.toml"), "[metrics]\nallow_from = [\"10.0.0.0/33\"]\n").unwrap();
    let e = charter_tracker::config::Settings::load_from(dir.path(), &Default::default()).unwrap_err().to_string();
    assert!(e.contains("metrics.allow_from") && e.contains("10.0.0.0/33"), "{e}");
}
