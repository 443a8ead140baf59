//! Conditional GET (issue 15): pages and API reads carry an `ETag` and answer 304 without a
//! body when `If-None-Match` names it, until what they show changes; never across people.

use crate::helpers::{TestApp, World};
use crate::web_client::WebClient;
use reqwest::Method;

fn etag(h: &reqwest::header::HeaderMap) -> String {
    h.get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_string()
}

fn vary(h: &reqwest::header::HeaderMap) -> String {
    h.get_all("vary").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(", ")
}

/// The public page of a city: the same page again is a 304 with no body; once the city's plan
/// changes, the old tag no longer matches.
#[tokio::test]
async fn a_public_city_page_answers_304_until_its_data_changes() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.update_city(&w.secretariat, w.city_b, serde_json::json!({"version": 1, "public": true})).await;
    let visitor = WebClient::new(&app);
    let path = format!("/cities/{}", w.city_b);
    let first = visitor.get(&path).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let tag = etag(&first.headers);
    assert!(tag.starts_with("W/\""), "{tag}");
    assert!(vary(&first.headers).contains("Cookie") && vary(&first.headers).contains("Authorization"));
    let again = visitor.get(&path).await;
    assert_eq!(etag(&again.headers), tag, "the same page has the same tag");

    let url = format!("{}{path}", app.address);
    let cached = visitor.client.get(&url).header("If-None-Match", tag.as_str()).send().await.unwrap();
    assert_eq!(cached.status().as_u16(), 304);
    assert_eq!(cached.headers().get("etag").unwrap().to_str().unwrap(), tag);
    assert!(cached.text().await.unwrap().is_empty());

    app.action(&w.editor_b, w.plan_b, "SP1", "in_progress").await;
    let changed = visitor.client.get(&url).header("If-None-Match", tag.as_str()).send().await.unwrap();
    assert_eq!(changed.status().as_u16(), 200);
    assert_ne!(changed.headers().get("etag").unwrap().to_str().unwrap(), tag);
}

/// An API list: 304 for its tag, 200 once an item is added; an object keeps its version as its
/// tag and answers 304 for it too.
#[tokio::test]
async fn api_lists_and_objects_answer_304_for_their_tag() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let list = format!("/api/v1/plans/{}/actions", w.plan_a);
    let r = app.get(&list, &w.editor_a).await.expect(200);
    let tag = etag(&r.headers);
    let r = app.request_with(Method::GET, &list, Some(&w.editor_a), None, &[("If-None-Match", &tag)]).await;
    assert_eq!(r.status.as_u16(), 304);
    assert_eq!(r.body, serde_json::Value::Null);
    let r = app.request_with(Method::GET, &list, Some(&w.editor_a), None, &[("If-None-Match", "W/\"other\"")]).await;
    assert_eq!(r.status.as_u16(), 200);

    app.action(&w.editor_a, w.plan_a, "SP2", "planned").await;
    let r = app.request_with(Method::GET, &list, Some(&w.editor_a), None, &[("If-None-Match", &tag)]).await;
    assert_eq!(r.status.as_u16(), 200, "the list changed");

    let one = format!("/api/v1/actions/{}", w.action_a);
    let r = app.get(&one, &w.editor_a).await.expect(200);
    let version_tag = etag(&r.headers);
    let r = app.request_with(Method::GET, &one, Some(&w.editor_a), None, &[("If-None-Match", &version_tag)]).await;
    assert_eq!(r.status.as_u16(), 304);
}

/// A tag one person was given matches nothing another person is shown differently: a city
/// editor's list of cities is not the secretariat's.
#[tokio::test]
async fn a_tag_is_never_served_across_people_who_see_different_things() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let r = app.get("/api/v1/cities", &w.secretariat).await.expect(200);
    let tag = etag(&r.headers);
    let r = app.request_with(Method::GET, "/api/v1/cities", Some(&w.editor_a), None, &[("If-None-Match", &tag)]).await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.body);
    assert!(r.body.is_object());
}
