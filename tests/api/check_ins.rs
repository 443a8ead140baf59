//! Check-ins on a schedule, with reminders: a year travelled one tick a day, the emailed link
//! over a real SMTP conversation, drafts, submission, extensions and the calendar feed.

use crate::helpers::{link_token, CheckIn, TestApp, World};
use crate::smtp_sink::SmtpSink;
use charter_tracker::auth::Role;
use charter_tracker::mail::transport::Transport;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn smtp(sink: &SmtpSink) -> Arc<Transport> {
    Arc::new(Transport::smtp_plain("127.0.0.1", sink.port(), std::time::Duration::from_secs(5)))
}

/// Sent emails per recipient as (kind, language), in the order they were queued.
async fn sent_by_recipient(app: &TestApp) -> BTreeMap<String, Vec<(String, String)>> {
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::outbox;
        let mut c = pool.get().unwrap();
        let rows: Vec<(String, String, String, String)> = outbox::table
            .order(outbox::id)
            .select((outbox::to_address, outbox::kind, outbox::language, outbox::status))
            .load(&mut c)
            .unwrap();
        let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for (to, kind, lang, status) in rows {
            if status == "sent" {
                out.entry(to).or_default().push((kind, lang));
            }
        }
        out
    })
    .await
    .unwrap()
}

/// Submits a check-in through the emailed link in the newest email to `address`.
async fn submit_by_emailed_link(app: &TestApp, address: &str, content: Value) -> CheckIn {
    let body = app.outbox_bodies_to(address).await;
    let token = link_token(body.last().unwrap()).unwrap();
    let version = app.check_in_link(&token).await.check_in.version;
    app.submit_by_link(&token, json!({"version": version, "content": content})).await
}

fn quarter(sent: &[(String, String)]) -> Vec<&str> {
    sent.iter().map(|(k, _)| k.as_str()).collect()
}

/// A year travelled one tick a day at 06:00 UTC with the default schedule (quarterly, Europe/
/// Brussels, due after 30 days, due-soon 7 and 1 days before, overdue 1 and 7 days after then
/// every 14 days until the round closes).
///
/// Per quarter a city that never answers gets: round opened, due soon (7 days), due soon
/// (1 day), overdue (1, 7, 21, 35 and 49 days late; 63 days late is after the round closes)
/// = 8 emails. City A answers Q1 on 20 January (before any reminder) and Q2 on 10 May (after
/// the overdue reminders of 1 and 7 days), so its contacts get 1 + 5 + 8 + 8 = 22 emails.
/// The secretariat gets the escalation digest at each of the 5 overdue steps of every quarter
/// (some city is late at each) and a summary when Q1, Q2 and Q3 close: 5+1+5+1+5+1+5 = 23,
/// after the draft outcomes report of 2026, compiled on 1 January by the report schedule.
#[tokio::test]
async fn a_year_of_ticks_sends_each_reminder_once_in_order_and_none_after_submission() {
    // Check-in reminders only: the monthly email about stale actions has its own test.
    let app = TestApp::spawn_with(|s| s.actions.stale_after_days = 36_500).await;
    let w = World::build(&app).await; // city A: Anna (sv); city B: no contact yet
    let sec_email = {
        let pool = app.pool.clone();
        tokio::task::spawn_blocking(move || {
            use charter_tracker::db::schema::users;
            users::table
                .filter(users::role.eq("secretariat"))
                .select(users::email)
                .first::<String>(&mut pool.get().unwrap())
                .unwrap()
        })
        .await
        .unwrap()
    };
    let s = &w.secretariat;
    app.contact(s, w.city_a, "Claire Dubois", "claire@malmo.example", "fr").await;
    app.contact(s, w.city_b, "Bogdan Nowak", "bogdan@lodz.example", "en").await;
    app.create_contact(
        s,
        w.city_b,
        json!({"name": "Quiet", "email": "quiet@lodz.example", "receives_reminders": false}),
    )
    .await;
    // A city with only a draft plan is not asked.
    let c = app.city(s, "Gent", "BE").await;
    app.create_plan(s, c, json!({"framework": "eurocities-integrating-cities", "title": "Draft", "period_start": "2027-01-01", "period_end": "2027-12-31"})).await;
    app.create_contact(s, c, json!({"name": "Gent", "email": "gent@gent.example"})).await;

    let sink = SmtpSink::start();
    let transport = smtp(&sink);
    let mut day = at("2027-01-01T06:00:00Z");
    let mut opened = vec![];
    while day < at("2027-12-31T12:00:00Z") {
        let report = app.tick(day, transport.clone()).await;
        if let Some(r) = report.opened_round {
            opened.push((day.date_naive().to_string(), r));
        }
        assert_eq!(report.failed, 0);
        if day == at("2027-01-20T06:00:00Z") {
            app.clock.set(at("2027-01-20T10:00:00Z"));
            let done = submit_by_emailed_link(&app, "claire@malmo.example", json!({
                "actions": [{"action_id": w.action_a, "status": "in_progress", "progress": 60, "narrative": "Two more districts joined.", "evidence": ["https://malmo.example/news/1"]}],
                "assessments": [{"commitment": "SP1", "level": "substantial", "comment": "On track."}]
            })).await;
            assert_eq!(done.state, "submitted");
            assert!(!done.late);
        }
        if day == at("2027-05-10T06:00:00Z") {
            app.clock.set(at("2027-05-10T09:00:00Z"));
            let done = submit_by_emailed_link(&app, "anna@malmo.example", json!({})).await;
            assert!(done.late);
        }
        day += Duration::days(1);
    }
    let dates: Vec<&str> = opened.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        dates,
        ["2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01"],
        "one round per quarter, each opened once"
    );

    let sent = sent_by_recipient(&app).await;
    let city = ["round_opened", "due_soon", "due_soon", "overdue", "overdue", "overdue", "overdue", "overdue"];
    let never_answers: Vec<&str> = city.iter().cycle().take(32).copied().collect();
    assert_eq!(quarter(&sent["bogdan@lodz.example"]), never_answers);
    let mut a = vec!["round_opened"];
    a.extend(&city[..5]);
    a.extend(city);
    a.extend(city);
    assert_eq!(quarter(&sent["anna@malmo.example"]), a);
    assert_eq!(quarter(&sent["claire@malmo.example"]), a);
    assert!(sent["claire@malmo.example"].iter().all(|(_, l)| l == "fr"), "Claire reads French");
    assert!(sent["anna@malmo.example"].iter().all(|(_, l)| l == "en"), "no Swedish templates: English");
    let d = "escalation_digest";
    let mut s = vec!["report_compiled"];
    for q in 0..4 {
        s.extend([d; 5]);
        if q < 3 {
            s.push("round_closed");
        }
    }
    assert_eq!(quarter(&sent[&sec_email]), s);
    assert!(!sent.contains_key("quiet@lodz.example") && !sent.contains_key("gent@gent.example"));

    // Over SMTP: every sent email arrived once, none twice.
    let received = sink.received();
    let total: usize = sent.values().map(Vec::len).sum();
    assert_eq!(received.len(), total);
    let ids: HashSet<String> = received
        .iter()
        .filter_map(|m| m.data.lines().find(|l| l.to_ascii_lowercase().starts_with("message-id:")).map(str::to_string))
        .collect();
    assert_eq!(ids.len(), total, "every Message-ID is different");

    // The Q1 submission updated the action, recorded under the contact who used the link.
    let h = app.history(&w.secretariat, "actions", w.action_a).await;
    let last = h.last().unwrap();
    assert_eq!(last.after["progress"], 60);
    assert_eq!(last.actor, "Claire Dubois <claire@malmo.example> (emailed link)");
    // Compliance as the rounds saw it.
    let first = opened[0].1;
    let list = app.round_check_ins(&w.secretariat, first).await;
    let states: Vec<(String, String, bool)> = list.into_iter().map(|c| (c.city_name, c.state, c.late)).collect();
    assert_eq!(states, [("Malmö".into(), "submitted".into(), false), ("Łódź".into(), "missed".into(), false)]);
}

#[tokio::test]
async fn ticking_twice_at_the_same_instant_or_from_two_instances_changes_nothing_more() {
    let app = TestApp::spawn().await;
    let _w = World::build(&app).await;
    let sink = SmtpSink::start();
    let t = at("2027-04-01T06:00:00Z");
    // Two instances ticking at once (two threads, separate connections).
    let (a, b) = tokio::join!(app.tick(t, smtp(&sink)), app.tick(t, smtp(&sink)));
    assert_eq!(a.opened_round.is_some() as u8 + b.opened_round.is_some() as u8, 1, "{a:?} {b:?}");
    let again = app.tick(t, smtp(&sink)).await;
    assert!(again.opened_round.is_none() && again.reminders_queued == 0 && again.sent == 0, "{again:?}");
    assert_eq!(sink.received().len(), 1, "Anna's round-opened email, once");

    // After a week of downtime the missed round still opens once, with one email per contact,
    // and the reminders whose time passed meanwhile collapse to the latest of each kind.
    let app2 = TestApp::spawn().await;
    let _w2 = World::build(&app2).await;
    let sink2 = SmtpSink::start();
    let r = app2.tick(at("2027-04-08T06:00:00Z"), smtp(&sink2)).await;
    assert!(r.opened_round.is_some());
    assert_eq!(r.sent, 1);
    // Down again until after the due date (30 April): the two due-soon reminders would now
    // arrive after the deadline, so neither is sent; one overdue goes to Anna and one digest
    // to the secretariat: two emails, not four.
    let r = app2.tick(at("2027-05-03T06:00:00Z"), smtp(&sink2)).await;
    assert_eq!(r.sent, 2, "{r:?}");
    let sent = sent_by_recipient(&app2).await;
    let kinds: Vec<String> = sent["anna@malmo.example"].iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(kinds, ["round_opened", "overdue"]);
    assert_eq!(sent.values().flatten().filter(|(k, _)| k == "escalation_digest").count(), 1);
}

#[tokio::test]
async fn the_emailed_link_over_smtp_opens_that_citys_form_and_nothing_else() {
    // Only the round's emails: the monthly email about stale actions has its own test.
    let app = TestApp::spawn_with(|s| s.actions.stale_after_days = 36_500).await;
    let w = World::build(&app).await;
    app.contact(&w.secretariat, w.city_b, "Bogdan Nowak", "bogdan@lodz.example", "fr").await;
    let sink = SmtpSink::start();
    app.tick(at("2027-07-01T06:00:00Z"), smtp(&sink)).await;
    let mails = sink.received();
    assert_eq!(mails.len(), 2);
    let to_anna = mails.iter().find(|m| m.to == ["anna@malmo.example"]).expect("mail to Anna");
    let to_bogdan = mails.iter().find(|m| m.to == ["bogdan@lodz.example"]).expect("mail to Bogdan");
    let header = |m: &crate::smtp_sink::ReceivedMail, name: &str| {
        m.data
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&format!("{}:", name.to_ascii_lowercase())))
            .map(|l| l.split_once(':').unwrap().1.trim().to_string())
    };
    assert!(header(to_anna, "Subject").unwrap().contains("Q2 2027"), "{:?}", header(to_anna, "Subject"));
    assert_eq!(header(to_anna, "Content-Language").as_deref(), Some("en"));
    assert_eq!(header(to_bogdan, "Content-Language").as_deref(), Some("fr"));
    assert!(to_anna.data.contains("Malm"), "the city is named");

    // The link in the body opens that city's form, without a password.
    let token_a = link_token(&to_anna.data.replace("=\r\n", "")).expect("a link in the body");
    let token_b = link_token(&to_bogdan.data.replace("=\r\n", "")).expect("a link in the body");
    app.clock.set(at("2027-07-02T08:00:00Z"));
    let form = app.check_in_link(&token_a).await;
    assert_eq!(form.check_in.city_id, w.city_a);
    assert_eq!(form.actions.len(), 1);
    assert_eq!(form.actions[0]["id"], w.action_a);
    assert_eq!(app.check_in_link(&token_b).await.check_in.city_id, w.city_b);

    // The token reaches nothing else: not the API, not another city's action.
    app.get("/api/v1/cities", &token_a).await.assert_problem(401, None);
    app.get(&format!("/api/v1/actions/{}", w.action_a), &token_a).await.assert_problem(401, None);
    let v = form.check_in.version;
    let r = app
        .request(
            Method::PUT,
            &format!("/api/v1/check-in-links/{token_a}/draft"),
            None,
            Some(&json!({"version": v, "content": {"actions": [{"action_id": w.action_b, "progress": 99}]}})),
        )
        .await;
    r.assert_problem(422, Some("actions[0].action_id"));
    // A forged or mangled token is refused.
    app.request(Method::GET, "/api/v1/check-in-links/not-a-real-token", None, None).await.assert_problem(404, None);
    app.request(Method::GET, &format!("/api/v1/check-in-links/{}x", token_a), None, None)
        .await
        .assert_problem(404, None);

    // When the round closes, the link expires.
    app.tick(at("2027-10-01T06:00:00Z"), smtp(&sink)).await;
    app.request(Method::GET, &format!("/api/v1/check-in-links/{token_a}"), None, None).await.assert_problem(410, None);
}

#[tokio::test]
async fn drafts_are_validated_saved_and_submitted_once() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let url = format!("/api/v1/check-ins/{}", open.check_in_a);
    let form = app.get_check_in(&w.editor_a, open.check_in_a).await;
    assert_eq!(form.check_in.state, "open");
    let v = form.check_in.version;

    let bad = json!({"version": v, "content": {
        "actions": [{"action_id": w.action_a, "progress": 150, "status": "finished", "evidence": ["not a link"]}],
        "assessments": [{"commitment": "SP1", "level": "mostly"}, {"commitment": "XX9", "level": "limited"}],
        "new_actions": [{"plan_id": w.plan_b, "commitment": "PM1", "title": ""}]
    }});
    let r = app.request(Method::PUT, &format!("{url}/draft"), Some(&w.editor_a), Some(&bad)).await;
    for f in [
        "actions[0].progress",
        "actions[0].status",
        "actions[0].evidence[0]",
        "assessments[0].level",
        "assessments[1].commitment",
        "new_actions[0].plan_id",
        "new_actions[0].title",
    ] {
        r.assert_problem(422, Some(f));
    }
    let good = json!({"version": v, "content": {
        "actions": [{"action_id": w.action_a, "progress": 80, "status": "in_progress", "narrative": "Nearly there"}],
        "assessments": [{"commitment": "SP1", "level": "substantial", "comment": "Good uptake"}],
        "new_actions": [{"plan_id": w.plan_a, "commitment": "EM2", "title": "Fair-treatment training for managers", "status": "planned"}],
        "indicators": [{"indicator": "EM1-A", "value": 12.5}]
    }});
    assert_eq!(app.save_draft(&w.editor_a, open.check_in_a, good).await.state, "draft");
    let saved = app.get_check_in(&w.editor_a, open.check_in_a).await;
    assert_eq!(saved.draft["actions"][0]["progress"], 80, "the draft is kept, indicators included");
    assert_eq!(saved.draft["indicators"][0]["value"], 12.5);
    // The action itself is untouched until submission.
    assert_eq!(app.get_action(&w.editor_a, w.action_a).await.progress, 10);

    // A stale version is refused; submitting the saved draft works once.
    let stale =
        app.request(Method::POST, &format!("{url}/submit"), Some(&w.editor_a), Some(&json!({"version": v}))).await;
    stale.assert_problem(409, None);
    let v2 = saved.check_in.version;
    let submitted = app.submit_check_in(&w.editor_a, open.check_in_a, json!({"version": v2})).await;
    assert_eq!(submitted.state, "submitted");
    assert!(submitted.submitted_by.unwrap().starts_with("city-editor-"));
    assert_eq!(app.get_action(&w.editor_a, w.action_a).await.progress, 80);
    let actions = app.list_actions(&w.editor_a, w.plan_a, "?commitment=EM2").await;
    assert_eq!(actions.total, 1, "the new action was created");
    let again = app
        .request(
            Method::POST,
            &format!("{url}/submit"),
            Some(&w.editor_a),
            Some(&json!({"version": submitted.version})),
        )
        .await;
    again.assert_problem(409, None);
    // City B's check-in is untouched.
    assert_eq!(app.get_check_in(&w.secretariat, open.check_in_b).await.check_in.state, "open");
}

#[tokio::test]
async fn the_secretariat_extends_one_citys_due_date_with_a_reason() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let sink = SmtpSink::start();
    app.tick(at("2027-01-01T06:00:00Z"), smtp(&sink)).await;
    app.clock.set(at("2027-01-10T10:00:00Z"));
    let round = app.list_rounds(&w.secretariat).await.items[0].id;
    let a = app.check_in_of(&w.secretariat, round, w.city_a).await;
    assert_eq!(a.due_date, "2027-01-30");
    let url = format!("/api/v1/check-ins/{}/extend", a.id);
    app.post(&url, &w.editor_a, json!({"due_date": "2027-02-20", "reason": "Council elections"}))
        .await
        .assert_problem(403, None);
    app.post(&url, &w.secretariat, json!({"due_date": "2027-01-15", "reason": "x"}))
        .await
        .assert_problem(422, Some("due_date"));
    app.post(&url, &w.secretariat, json!({"due_date": "2027-06-01", "reason": "x"}))
        .await
        .assert_problem(422, Some("due_date"));
    app.post(&url, &w.secretariat, json!({"due_date": "2027-02-20", "reason": " "}))
        .await
        .assert_problem(422, Some("reason"));
    app.post(&url, &w.secretariat, json!({"due_date": "20/02/2027", "reason": "x"}))
        .await
        .assert_problem(422, Some("due_date"));
    let r = app.post(&url, &w.secretariat, json!({"due_date": "2027-02-20", "reason": "Council elections"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "extended");
    assert_eq!(r.body["due_date"], "2027-02-20");
    assert_eq!(r.body["extension_reason"], "Council elections");

    // Reminders follow the new date: nothing overdue on 1 February, a due-soon before 20 February.
    app.tick(at("2027-02-01T06:00:00Z"), smtp(&sink)).await;
    let kinds: Vec<String> =
        sent_by_recipient(&app).await["anna@malmo.example"].iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(kinds, ["round_opened"], "no due-soon or overdue for the old date");
    app.tick(at("2027-02-14T06:00:00Z"), smtp(&sink)).await;
    let kinds: Vec<String> =
        sent_by_recipient(&app).await["anna@malmo.example"].iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(kinds, ["round_opened", "due_soon"]);

    // The calendar feed carries the new due date.
    let ics = app
        .client
        .get(format!("{}/api/v1/cities/{}/check-ins.ics", app.address, w.city_a))
        .bearer_auth(&w.editor_a)
        .send()
        .await
        .unwrap();
    assert_eq!(ics.headers()["content-type"], "text/calendar; charset=utf-8");
    let text = ics.text().await.unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains("DTSTART;VALUE=DATE:20270220\r\n"), "{text}");
    assert!(text.lines().all(|l| l.len() <= 75));
}

#[tokio::test]
async fn an_invalid_schedule_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let t = app.token(Role::Secretariat, None).await;
    let r = app
        .request(
            Method::PUT,
            "/api/v1/schedule",
            Some(&t),
            Some(&json!({"expression": "0 0 32 * *", "time_zone": "Europe/Brussels"})),
        )
        .await;
    r.assert_problem(422, Some("expression"));
    let r = app
        .request(
            Method::PUT,
            "/api/v1/schedule",
            Some(&t),
            Some(&json!({"expression": "0 0 1 * *", "time_zone": "Mars/Olympus"})),
        )
        .await;
    r.assert_problem(422, Some("time_zone"));
    let s = app.get_schedule(&t).await;
    assert_eq!((s.expression.as_str(), s.source.as_str()), ("0 0 1 1,4,7,10 *", "configuration"));
    assert_eq!(app.put_schedule(&t, "0 9 1 * *", "Europe/Lisbon").await.next.len(), 5);
    assert_eq!(app.get_schedule(&t).await.source, "secretariat");
}

#[tokio::test]
async fn a_citys_secret_calendar_address_works_without_signing_in_until_reissued_or_revoked() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.tick(at("2027-01-01T06:00:00Z"), Arc::new(Transport::from_settings(&app.settings.mail).unwrap())).await;
    app.clock.set(at("2027-01-10T10:00:00Z"));
    let round = app.list_rounds(&w.secretariat).await.items[0].id;
    let check_in = app.check_in_of(&w.secretariat, round, w.city_a).await;
    let a = app.get_action(&w.editor_a, w.action_a).await;
    app.update_action(&w.editor_a, w.action_a, json!({"version": a.version, "due_date": "2027-03-31"})).await;
    let extend = json!({"due_date": "2027-02-20", "reason": "New council elected"});
    app.post(&format!("/api/v1/check-ins/{}/extend", check_in.id), &w.secretariat, extend).await.expect(200);

    let link = format!("/api/v1/cities/{}/calendar-link", w.city_a);
    app.get(&link, &w.editor_a).await.assert_problem(404, None); // no address yet
    let issued = app.request(Method::POST, &link, Some(&w.editor_a), None).await.expect(201).body;
    let url = issued["url"].as_str().unwrap().to_string();
    let path = url.split_once("://").unwrap().1.split_once('/').map(|(_, p)| format!("/{p}")).unwrap();
    assert!(path.starts_with("/calendar/") && path.ends_with(".ics"), "{url}");
    let info = app.get(&link, &w.secretariat).await.expect(200).body;
    assert!(info["created_by"].as_str().unwrap().starts_with("city-editor-"), "{info}");
    assert!(!info.to_string().contains(&path[10..path.len() - 4]), "the token is never shown again");

    // A calendar app fetches it without any token or cookie.
    let feed = reqwest::get(format!("{}{path}", app.address)).await.unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let body = feed.text().await.unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"), "{body}");
    let unfolded = body.replace("\r\n ", "");
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20270220"), "the extended due date: {unfolded}");
    assert!(unfolded.contains("extended: New council elected"), "{unfolded}");
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20270331"), "the action's due date: {unfolded}");
    assert!(unfolded.contains(&format!("UID:action-{}@", w.action_a)), "{unfolded}");
    assert!(!unfolded.contains("anna@malmo.example"), "no personal data in the feed");

    // Reissuing replaces the address; revoking ends it. Other cities' editors and observers
    // can neither see nor change it.
    let again = app.request(Method::POST, &link, Some(&w.secretariat), None).await.expect(201).body;
    assert_ne!(again["url"], issued["url"]);
    assert_eq!(reqwest::get(format!("{}{path}", app.address)).await.unwrap().status(), 404);
    for t in [&w.editor_b, &w.observer] {
        app.request(Method::POST, &link, Some(t), None).await.assert_problem(403, None);
        app.request(Method::DELETE, &link, Some(t), None).await.assert_problem(403, None);
    }
    app.request(Method::DELETE, &link, Some(&w.editor_a), None).await.expect(204);
    let new_path = again["url"].as_str().unwrap().split_once("://").unwrap().1.split_once('/').unwrap().1.to_string();
    assert_eq!(reqwest::get(format!("{}/{new_path}", app.address)).await.unwrap().status(), 404);
    app.request(Method::DELETE, &link, Some(&w.editor_a), None).await.assert_problem(404, None);
    app.get(&link, &w.editor_a).await.assert_problem(404, None);

    // The page: make an address, see it once, revoke it.
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let page_path = format!("/cities/{}/calendar", w.city_a);
    let made = b.submit(&page_path, &page_path, &[("intent", "issue")]).await;
    assert_eq!(made.status, 200, "{}", made.body);
    let shown = made.attrs("#calendar-url", "value")[0].clone();
    assert!(shown.contains("/calendar/"), "{shown}");
    let later = b.get(&page_path).await;
    assert!(!later.body.contains(&shown), "shown once only");
    assert!(later.text("main").contains("The address in use"));
    let revoked = b.submit(&page_path, &page_path, &[("intent", "revoke")]).await;
    assert_eq!(revoked.status, 303);
    let other = app.browser_as(Role::CityEditor, Some(w.city_b)).await;
    assert_eq!(other.get(&page_path).await.status, 403);
}

/// A contact who reads German gets the reminders in German, with German dates and periods, and
/// the outbox records German; the secretariat's emails stay in its own language.
#[tokio::test]
async fn a_german_contacts_reminder_is_in_german_with_a_german_date() {
    let app = TestApp::spawn_with(|s| s.actions.stale_after_days = 36_500).await;
    let w = World::build(&app).await; // city B: no contact yet
    app.contact(&w.secretariat, w.city_b, "Dieter Lang", "dieter@lodz.example", "de").await;
    let sink = SmtpSink::start();
    let transport = smtp(&sink);
    // Q1 2027 opens on 1 January, due 31 January; the first due-soon reminder is 7 days before.
    let mut day = at("2027-01-01T06:00:00Z");
    while day <= at("2027-01-25T06:00:00Z") {
        assert_eq!(app.tick(day, transport.clone()).await.failed, 0);
        day += Duration::days(1);
    }
    let pool = app.pool.clone();
    let rows: Vec<(String, String, String, String)> = tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::outbox;
        outbox::table
            .filter(outbox::to_address.eq("dieter@lodz.example"))
            .order(outbox::id)
            .select((outbox::kind, outbox::language, outbox::subject, outbox::body_text))
            .load(&mut pool.get().unwrap())
            .unwrap()
    })
    .await
    .unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(kinds, ["round_opened", "due_soon"], "{rows:?}");
    assert!(rows.iter().all(|r| r.1 == "de"), "the outbox records German: {rows:?}");
    let (_, _, subject, text) = &rows[1];
    assert!(
        subject.starts_with("Erinnerung: Der Zwischenbericht ")
            && subject.contains(" für Łódź ist in ")
            && subject.ends_with(" Tagen fällig"),
        "{subject}"
    );
    assert!(text.starts_with("Guten Tag Dieter Lang,"), "{text}");
    assert!(text.contains(". Januar 2027 fällig, also in "), "a German date: {text}");
    assert!(text.contains("Vielen Dank und freundliche Grüße"), "{text}");
    assert!(!text.contains("Dear ") && !text.contains("reminder"), "no English left: {text}");
    let opened = &rows[0];
    assert!(opened.2.contains(". Januar 2027 ausfüllen"), "{}", opened.2);
}
