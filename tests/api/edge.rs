//! The edge (issue 10): NUL and other control characters in every kind of text input are
//! refused before any database sees them (PostgreSQL answered 500, SQLite stored them), and
//! errors come in the promised shape: problem JSON under /api, a page elsewhere.

use crate::helpers::{TestApp, World};
use crate::web_client::WebClient;
use reqwest::Method;
use serde_json::json;

fn is_html(r: &crate::helpers::Reply) -> bool {
    r.content_type().starts_with("text/html")
}

#[tokio::test]
async fn a_control_character_in_a_path_segment_is_refused() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    // API: 400 problem naming the path, with or without a token.
    let r = app.request(Method::GET, "/api/v1/frameworks/a%00b", None, None).await;
    r.assert_problem(400, Some("path"));
    let r = app.get(&format!("/api/v1/cities/{}%0A", w.city_a), &w.secretariat).await;
    r.assert_problem(400, Some("path"));
    let r = app.request(Method::GET, "/api/v1/check-in-links/x%1Fy", None, None).await;
    r.assert_problem(400, Some("path"));
    // Pages: a 400 page.
    let r = app.request(Method::GET, "/reports/%00", None, None).await;
    assert_eq!(r.status, 400);
    assert!(is_html(&r), "{}", r.content_type());
    assert!(r.body.as_str().unwrap().contains("U+0000"));
}

#[tokio::test]
async fn a_control_character_in_a_query_string_is_refused() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.get("/api/v1/outbox?status=a%00b", &w.secretariat).await.assert_problem(422, Some("status"));
    app.get(&format!("/api/v1/plans/{}/actions?commitment=SP1%00", w.plan_a), &w.secretariat)
        .await
        .assert_problem(422, Some("commitment"));
    app.get("/api/v1/cities?page=1%07", &w.observer).await.assert_problem(422, Some("page"));
    let r = app.request(Method::GET, "/login?next=%2F%00", None, None).await;
    assert_eq!(r.status, 400);
    assert!(is_html(&r));
}

#[tokio::test]
async fn a_control_character_in_a_json_string_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let cities_before = app.list_cities(&w.secretariat).await.total;
    let t = &w.secretariat;
    app.post("/api/v1/cities", t, json!({"name": "Ma\u{0}lmö", "country": "SE"}))
        .await
        .assert_problem(422, Some("name"));
    app.post(
        "/api/v1/cities",
        t,
        json!({"name": "Gent", "country": "BE", "signatures": [{"framework": "eurocities-integrating-cities\u{0}", "signed_on": "2010-01-01"}]}),
    )
    .await
    .assert_problem(422, Some("signatures[0].framework"));
    app.post("/api/v1/cities", t, json!({"name": "Ma\u{1b}lmö", "country": "SE"}))
        .await
        .assert_problem(422, Some("name"));
    assert_eq!(app.list_cities(t).await.total, cities_before, "nothing was stored");
    // A name is one line: line breaks and tabs in it become one space.
    let city = app.post("/api/v1/cities", t, json!({"name": "Ma\r\n\tlmö", "country": "SE"})).await.expect(201);
    assert_eq!(city.body["name"], "Ma lmö");

    let contacts = format!("/api/v1/cities/{}/contacts", w.city_a);
    app.post(&contacts, t, json!({"name": "An\u{0}na", "email": "anna2@malmo.example"}))
        .await
        .assert_problem(422, Some("name"));
    app.post(&contacts, t, json!({"name": "Anna", "email": "a\u{0}b@x.example"}))
        .await
        .assert_problem(422, Some("email"));
    app.post(&contacts, t, json!({"name": "Anna", "email": "a\u{7f}b@x.example"}))
        .await
        .assert_problem(422, Some("email"));
    app.patch(&format!("/api/v1/contacts/{}", w.contact_a), t, json!({"version": 1, "office_role": "Mayor\u{85}"}))
        .await
        .assert_problem(422, Some("office_role"));

    let actions = format!("/api/v1/plans/{}/actions", w.plan_a);
    let body = |description: &str| json!({"commitment": "SP2", "title": "Cafés", "description": description});
    app.post(&actions, &w.editor_a, body("one\u{0}two")).await.assert_problem(422, Some("description"));
    app.post(&actions, &w.editor_a, body("one\u{c}two")).await.assert_problem(422, Some("description"));
    app.post(&actions, &w.editor_a, json!({"commitment": "SP2", "title": "Cafés", "partners": ["a", "b\u{0}"]}))
        .await
        .assert_problem(422, Some("partners[1]"));
    // Lines and tabs belong in a description, and are kept.
    let kept = app.post(&actions, &w.editor_a, body("First line\n\tindented\r\nlast")).await.expect(201);
    assert_eq!(kept.body["description"], "First line\n\tindented\r\nlast");
}

#[tokio::test]
async fn a_control_character_in_a_form_is_refused_with_a_page() {
    let app = TestApp::spawn().await;
    let browser = WebClient::new(&app);
    let p = browser.get("/login").await;
    let token = p.csrf();
    let r = browser
        .post("/login", &[("csrf_token", token.as_str()), ("email", "a\u{0}b@x.example"), ("password", "whatever")])
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(r.body.contains("email") && r.body.contains("U+0000"), "{}", r.body);
}

#[tokio::test]
async fn unknown_addresses_are_answered_in_the_right_shape() {
    let app = TestApp::spawn().await;
    // A page address: the "Page not found" page, whatever the client accepts.
    let r = app.request(Method::GET, "/no-such-page", None, None).await;
    assert_eq!(r.status, 404);
    assert!(is_html(&r), "{}", r.content_type());
    assert!(r.body.as_str().unwrap().contains("Page not found"));
    let r = app.request(Method::GET, "/static/no-such-file.css", None, None).await;
    assert_eq!(r.status, 404);
    assert!(is_html(&r), "{}", r.content_type());
    // An API address: problem JSON.
    app.request(Method::GET, "/api/v1/no-such-thing", None, None).await.assert_problem(404, None);
    app.request(Method::GET, "/api/no-such-version", None, None).await.assert_problem(404, None);
}

#[tokio::test]
async fn a_method_a_path_does_not_take_is_answered_405_with_allow() {
    let app = TestApp::spawn().await;
    let r = app.request(Method::TRACE, "/api/v1/cities", None, None).await;
    r.assert_problem(405, None);
    assert_eq!(r.headers["allow"], "GET, POST");
    let r = app.request(Method::DELETE, "/api/v1/cities/1", None, None).await;
    r.assert_problem(405, None);
    assert_eq!(r.headers["allow"], "GET, PATCH");
    let r = app.request(Method::POST, "/healthz", None, None).await;
    r.assert_problem(405, None);
    assert_eq!(r.headers["allow"], "GET");
}

/// Sends a raw GET with a query string of `len` bytes (no HTTP client builds one this long) and
/// returns the status, the headers (lower-cased) and the body.
async fn raw_get(app: &TestApp, path: &str, len: usize) -> (u16, String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.address.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let request = format!("GET {path}?q={} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\n\r\n", "a".repeat(len));
    // The server may answer and close before reading everything: a failed write is fine.
    let _ = s.write_all(request.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no answer head: {answer:.200}"));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_ascii_lowercase(), body.to_string())
}

#[tokio::test]
async fn a_very_long_query_string_gets_an_answer_in_the_right_shape() {
    let app = TestApp::spawn().await;
    for len in [100 * 1024, 20 * 1024] {
        let (status, head, body) = raw_get(&app, "/api/v1/frameworks", len).await;
        assert_eq!(status, 414, "{head}");
        assert!(head.contains("content-type: application/problem+json"), "{head}");
        let problem: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(problem["status"], 414);
        assert_eq!(problem["errors"][0]["field"], "path");
        let (status, head, body) = raw_get(&app, "/reports", len).await;
        assert_eq!(status, 414, "{head}");
        assert!(head.contains("content-type: text/html"), "{head}");
        assert!(body.contains("<h1>The address is too long</h1>"), "{body:.300}");
    }
    // Up to the limit, the request is served as usual.
    let (status, _, _) = raw_get(&app, "/api/v1/frameworks", 8 * 1024).await;
    assert_eq!(status, 200);
}
