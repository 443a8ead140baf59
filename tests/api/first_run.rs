//! A network's first day: the secretariat opens a round without waiting for the schedule (after
//! a confirmation that names the period and every city it will email), a schedule that would
//! open rounds more often than daily is refused with the reason, and an empty network says
//! what to do next.

use crate::helpers::{TestApp, World};
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_secretariat_opens_a_round_now_when_none_is_open_and_only_then() {
    let app = TestApp::spawn().await;
    let empty = app.token(Role::Secretariat, None).await;
    // No city with an adopted plan: nobody to ask.
    let r = app.request(Method::POST, "/api/v1/rounds", Some(&empty), None).await;
    r.assert_problem(409, None);
    assert!(r.body["detail"].as_str().unwrap().contains("no city has an adopted action plan"), "{}", r.body);

    let w = World::build(&app).await;
    for who in [&w.observer, &w.editor_a] {
        app.request(Method::POST, "/api/v1/rounds", Some(who), None).await.assert_problem(403, None);
    }
    let r = app.request(Method::POST, "/api/v1/rounds", Some(&w.secretariat), None).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let yesterday = (app.clock.now() - chrono::Duration::days(1)).date_naive();
    assert_eq!(r.body["period_end"], json!(yesterday.to_string()), "the round covers the days up to yesterday");
    let round = r.body["id"].as_i64().unwrap();
    let emailed = app.outbox_bodies_to("anna@malmo.example").await;
    assert!(emailed.iter().any(|b| b.contains("/check-in/")), "the contact got the round's link: {emailed:?}");
    let check_ins = app.round_check_ins(&w.secretariat, round).await;
    assert_eq!(check_ins.len(), 2, "both cities with an adopted plan are asked");

    // While it is open, no other round opens by hand; the refusal says which and until when.
    let again = app.request(Method::POST, "/api/v1/rounds", Some(&w.secretariat), None).await;
    again.assert_problem(409, None);
    let label = r.body["label"].as_str().unwrap();
    assert!(again.body["detail"].as_str().unwrap().contains(&format!("round {label} is still open")), "{}", again.body);
}

#[tokio::test]
async fn the_confirmation_names_the_period_and_every_city_and_contact_before_anything_is_sent() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let browser = app.browser_as(Role::Secretariat, None).await;
    let rounds = browser.get("/rounds").await;
    assert!(rounds.attrs("a", "href").contains(&"/rounds/new".to_string()), "the rounds page offers it");
    let confirm = browser.get("/rounds/new").await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let cities = confirm.texts("tbody th");
    assert_eq!(cities, ["Malmö", "Łódź"].map(String::from), "{}", confirm.body);
    assert!(confirm.body.contains("Anna Berg"), "the contact who will be emailed is named");
    assert!(confirm.text(".summary-list").contains("Period it covers"));
    assert!(app.outbox_bodies_to("anna@malmo.example").await.is_empty(), "the confirmation sends nothing");

    let done = browser.submit("/rounds/new", "/rounds/new", &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let round = browser.follow(&done).await;
    assert!(round.notice().unwrap_or_default().contains("is open"), "{}", round.body);
    assert_eq!(app.outbox_bodies_to("anna@malmo.example").await.len(), 1);

    // Now that one is open, the page says why no other can open, and offers nothing to click.
    let later = browser.get("/rounds/new").await;
    assert!(later.body.contains("is still open until") && !later.has("form[action='/rounds/new']"), "{}", later.body);
    let observer = app.browser_as(Role::Observer, None).await;
    assert_eq!(observer.get("/rounds/new").await.status, 403);
    let editor = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    assert_eq!(editor.get("/rounds/new").await.status, 403);
}

#[tokio::test]
async fn a_schedule_more_often_than_daily_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let s = app.token(Role::Secretariat, None).await;
    for every in ["*/30 * * * *", "0 */6 * * *", "0 8,20 * * *"] {
        let body = json!({"expression": every, "time_zone": "Europe/Brussels"});
        let r = app.request(Method::PUT, "/api/v1/schedule", Some(&s), Some(&body)).await;
        r.assert_problem(422, Some("expression"));
        assert!(r.body["detail"].as_str().unwrap().contains("at most once a day"), "{}", r.body);
    }
    // Daily is the most frequent allowed, also on the days the clocks change.
    app.put_schedule(&s, "0 0 * * *", "Europe/Brussels").await;
    app.put_schedule(&s, "0 0 1 1,4,7,10 *", "Europe/Brussels").await;
}

#[tokio::test]
async fn an_empty_network_says_what_to_do_next() {
    let app = TestApp::spawn().await;
    let browser = app.browser_as(Role::Secretariat, None).await;
    let page = browser.get("/network").await;
    assert!(page.text("main").contains("Getting started"), "{}", page.body);
    assert!(page.attrs("a", "href").contains(&"/cities/new".to_string()));
    assert!(page.body.contains("charter-tracker demo"));
    let observer = app.browser_as(Role::Observer, None).await;
    assert!(!observer.get("/network").await.text("main").contains("Getting started"), "observers cannot act on it");
}
