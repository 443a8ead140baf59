//! Stale actions: open and not updated for `actions.stale_after_days` (180 by default). Flagged
//! in the API and on the pages, filtered with `?stale=true`, counted on the network overview,
//! and emailed to the city's contacts once a month, however many instances tick.

use crate::helpers::{TestApp, World};
use charter_tracker::auth::Role;
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde_json::json;

/// The stale-action emails queued to an address: (idempotency key, text body).
async fn stale_emails_to(app: &TestApp, address: &str) -> Vec<(String, String)> {
    let pool = app.pool.clone();
    let address = address.to_string();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::outbox;
        use diesel::prelude::*;
        let mut c = pool.get().unwrap();
        outbox::table
            .filter(outbox::to_address.eq(address).and(outbox::kind.eq("stale_actions")))
            .order(outbox::id)
            .select((outbox::idempotency_key, outbox::body_text))
            .load(&mut c)
            .unwrap()
    })
    .await
    .unwrap()
}

/// Two scheduler passes at the same instant, as two instances would run them.
async fn two_instances_plan(app: &TestApp, at: DateTime<Utc>) {
    app.clock.set(at);
    let run = || {
        let (pool, settings) = (app.pool.clone(), app.settings.clone());
        tokio::task::spawn_blocking(move || {
            charter_tracker::scheduler::plan_due(&pool, &settings, crate::helpers::templates(), at).expect("pass")
        })
    };
    let (a, b) = tokio::join!(run(), run());
    a.unwrap();
    b.unwrap();
}

#[tokio::test]
async fn an_action_nobody_updates_for_180_days_is_stale_everywhere_until_someone_updates_it() {
    let app = TestApp::spawn().await;
    let start: DateTime<Utc> = "2027-01-10T09:00:00Z".parse().unwrap();
    app.clock.set(start);
    let w = World::build(&app).await;

    // 179 days later nothing is stale; 181 days later both open actions are.
    app.clock.set(start + Duration::days(179));
    assert!(!app.get_action(&w.editor_a, w.action_a).await.stale);
    assert_eq!(app.list_actions(&w.editor_a, w.plan_a, "?stale=true").await.total, 0);
    app.clock.set(start + Duration::days(181));
    assert!(app.get_action(&w.editor_a, w.action_a).await.stale);
    let stale = app.list_actions(&w.editor_a, w.plan_a, "?stale=true").await;
    assert_eq!((stale.total, stale.items[0].id), (1, w.action_a));
    assert_eq!(app.list_actions(&w.editor_a, w.plan_a, "?stale=false").await.total, 0);
    let r = app
        .request(Method::GET, &format!("/api/v1/plans/{}/actions?stale=maybe", w.plan_a), Some(&w.editor_a), None)
        .await;
    r.assert_problem(422, Some("stale"));

    // The city page and the action page tag it; the network overview counts it per city.
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let city = b.get(&format!("/cities/{}", w.city_a)).await;
    assert!(city.text("main").contains("Actions nobody has updated for a while"), "{}", city.body);
    assert!(city.text("main").contains("Not updated since"), "{}", city.body);
    let action = b.get(&format!("/actions/{}", w.action_a)).await;
    assert!(action.text(".lead").contains("Not updated since"), "{}", action.body);
    let s = app.browser_as(Role::Secretariat, None).await;
    let network = s.get("/network").await;
    let rows = network.texts("table.matrix tbody tr");
    let malmo = rows.iter().find(|r| r.starts_with("Malmö")).expect("Malmö's row");
    assert!(malmo.contains(" 0 1 "), "0 overdue, 1 not updated: {malmo}");

    // A completed action is never stale; an update makes an open one fresh again.
    let a = app.get_action(&w.editor_b, w.action_b).await;
    app.update_action(&w.editor_b, w.action_b, json!({"version": a.version, "status": "completed", "progress": 100}))
        .await;
    let a = app.get_action(&w.editor_a, w.action_a).await;
    let fresh = app.update_action(&w.editor_a, w.action_a, json!({"version": a.version, "progress": 60})).await;
    assert!(!fresh.stale);
    app.clock.set(start + Duration::days(181 + 179));
    assert!(!app.get_action(&w.editor_b, w.action_b).await.stale, "completed");
    assert_eq!(app.list_actions(&w.editor_a, w.plan_a, "?stale=true").await.total, 0);
}

#[tokio::test]
async fn the_monthly_email_lists_a_citys_stale_actions_once_per_month_across_two_instances() {
    let app = TestApp::spawn().await;
    let start: DateTime<Utc> = "2027-01-10T09:00:00Z".parse().unwrap();
    app.clock.set(start);
    let w = World::build(&app).await;

    // Before anything is stale, no email.
    two_instances_plan(&app, start + Duration::days(100)).await;
    assert!(stale_emails_to(&app, "anna@malmo.example").await.is_empty());

    // 10 July 2027 (181 days): both instances pass at once; Anna gets one email.
    let july = start + Duration::days(181);
    two_instances_plan(&app, july).await;
    two_instances_plan(&app, july + Duration::days(5)).await;
    let sent = stale_emails_to(&app, "anna@malmo.example").await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let (key, body) = &sent[0];
    assert!(key.starts_with(&format!("stale:2027-07:{}:", w.city_a)), "{key}");
    assert!(body.contains("Malmö"), "{body}");
    assert!(body.contains(&format!("/actions/{}/edit", w.action_a)), "{body}");
    // The contact's language (Swedish falls back to English) and the date of the last update.
    assert!(body.contains("last updated 10 January 2027"), "{body}");

    // August: still stale, so one more; none for a city without contacts.
    two_instances_plan(&app, "2027-08-02T09:00:00Z".parse().unwrap()).await;
    two_instances_plan(&app, "2027-08-20T09:00:00Z".parse().unwrap()).await;
    assert_eq!(stale_emails_to(&app, "anna@malmo.example").await.len(), 2);

    // Once the action is updated, September brings nothing.
    let a = app.get_action(&w.editor_a, w.action_a).await;
    app.update_action(&w.editor_a, w.action_a, json!({"version": a.version, "progress": 70})).await;
    two_instances_plan(&app, "2027-09-03T09:00:00Z".parse().unwrap()).await;
    assert_eq!(stale_emails_to(&app, "anna@malmo.example").await.len(), 2);
}
