//! The check-in form, opened by an emailed link or by a signed-in editor: plain HTML forms
//! (no JavaScript), a CSRF token, errors beside the fields, drafts and submission.

use crate::helpers::{TestApp, World};
use crate::web_client::WebClient;
use charter_tracker::auth::Role;
use serde_json::json;

#[tokio::test]
async fn the_emailed_link_opens_a_form_that_keeps_input_shows_errors_and_submits() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let path = format!("/check-in/{}", open.token_a);
    let a = w.action_a.to_string();
    let b = WebClient::new(&app);

    let p = b.get(&path).await;
    assert_eq!(p.status, 200);
    assert!(p.headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    assert!(p.body.contains("<html lang=\"en\">") && p.body.contains("Skip to main content"));
    assert!(p.text("h1").starts_with("Malmö: progress check-in"), "{}", p.text("h1"));
    assert!(p.has(&format!("label[for=a{a}_progress]")), "inputs have labels");
    assert!(!p.body.contains("<script"), "no JavaScript");

    // A mistake: the form comes back with the summary, the message by the field, and the input kept.
    let progress = format!("a{a}_progress");
    let narrative = format!("a{a}_narrative");
    let r = b
        .submit(
            &path,
            &path,
            &[
                ("version", "1"),
                ("intent", "submit"),
                (&progress, "150"),
                (&narrative, "Libraries in three districts"),
                ("c_SP1_level", "substantial"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.error_links().contains(&format!("#{progress}")), "{:?}", r.error_links());
    assert!(r.title().starts_with("Error: "));
    assert_eq!(r.text(&format!("#{narrative}")), "Libraries in three districts", "what was typed is kept");
    assert_eq!(r.attrs(&format!("#{progress}"), "value"), ["150"]);

    // Without the CSRF token nothing is saved, and nothing typed is lost.
    let r = b.post(&path, &[("version", "1"), ("intent", "submit"), (&progress, "70"), (&narrative, "Kept")]).await;
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("This form had expired"), "{:?}", r.errors());
    assert_eq!(r.attrs(&format!("#{progress}"), "value"), ["70"]);
    assert_eq!(app.get_check_in(&w.secretariat, open.check_in_a).await.check_in.state, "open");

    // Save a draft, then submit.
    let r = b
        .submit(
            &path,
            &path,
            &[("version", "1"), ("intent", "draft"), (&progress, "70"), (&narrative, "Libraries in three districts")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Your draft has been saved"));
    let r = b
        .submit(
            &path,
            &path,
            &[
                ("version", "2"),
                ("intent", "submit"),
                (&progress, "75"),
                ("c_SP1_level", "substantial"),
                ("new_title", "Mentoring for new staff"),
                ("new_commitment", "EM2"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.text("h1") == "Check-in submitted" && r.body.contains("no more reminders"));
    assert_eq!(app.get_action(&w.editor_a, w.action_a).await.progress, 75);
    assert_eq!(app.list_actions(&w.editor_a, w.plan_a, "?commitment=EM2").await.total, 1);
    let history = app.history(&w.secretariat, "actions", w.action_a).await;
    assert_eq!(history.last().unwrap().actor, "Anna Berg <anna@malmo.example> (emailed link)");
    // Opening the link again says it is done; a forged link gets a helpful page, not a stack trace.
    let r = b.get(&path).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text("h1"), "Check-in submitted");
    let r = b.get("/check-in/forged").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.text("h1"), "This link does not work");
    assert!(r.text("main").contains("reply to the email"), "{}", r.text("main"));
    let css = b.get("/static/app.css").await;
    assert_eq!(css.status, 200);
    assert!(css.body.contains("@media print"));
    assert_eq!(b.get("/static/report.css").await.status, 200);
}

#[tokio::test]
async fn a_signed_in_editor_fills_in_the_same_form_and_history_names_them() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let path = format!("/check-ins/{}", open.check_in_a);
    let email = app.person(Role::CityEditor, Some(w.city_a), "correct horse battery").await;
    let b = WebClient::new(&app);
    assert_eq!(b.get(&path).await.location(), Some(format!("/login?next=%2Fcheck-ins%2F{}", open.check_in_a).as_str()));
    b.sign_in(&email, "correct horse battery").await;
    let p = b.get(&path).await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(
        p.attrs("form[method=post]:not(.inline-form)", "action"),
        std::slice::from_ref(&path),
        "the form posts back to the signed-in page"
    );
    assert!(p.has(".user-box"), "the layout shows who is signed in");
    let progress = format!("a{}_progress", w.action_a);
    let r = b.submit(&path, &path, &[("version", "1"), ("intent", "submit"), (&progress, "55")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.text("h1"), "Check-in submitted");
    let ci = app.get_check_in(&w.secretariat, open.check_in_a).await.check_in;
    assert_eq!(ci.state, "submitted");
    assert_eq!(ci.submitted_by.as_deref(), Some(email.as_str()));
    let history = app.history(&w.secretariat, "actions", w.action_a).await;
    assert_eq!(history.last().unwrap().actor, email);

    // Another city's editor and an observer cannot open it; the secretariat can.
    let other = app.browser_as(Role::CityEditor, Some(w.city_b)).await;
    assert_eq!(other.get(&path).await.status, 403);
    assert_eq!(app.browser_as(Role::Observer, None).await.get(&path).await.status, 403);
    let sec = app.browser_as(Role::Secretariat, None).await;
    assert_eq!(sec.get(&format!("/check-ins/{}", open.check_in_b)).await.status, 200);
    assert_eq!(sec.get("/check-ins/999999").await.status, 404);
}

#[tokio::test]
async fn the_secretariat_compiles_marks_good_practice_publishes_and_corrects_a_report_in_the_browser() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let year = chrono::Datelike::year(&app.clock.now());
    let b = app.browser_as(Role::Secretariat, None).await;
    let list = b.get("/reports/manage").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.text("main").contains("No report has been compiled yet."));
    // The dates are day, month and year boxes (partials/date).
    let boxes = |id: &str| {
        ["", "-month", "-year"].iter().map(|s| list.attrs(&format!("#{id}{s}"), "value").concat()).collect::<Vec<_>>()
    };
    assert_eq!(boxes("from"), ["01", "01", &year.to_string()], "the current reporting cycle is proposed");
    assert_eq!(boxes("to"), ["31", "12", &year.to_string()]);

    // Mistakes are shown beside the fields.
    let r = b
        .submit(
            "/reports/manage",
            "/reports/manage",
            &[("framework", "eurocities-integrating-cities"), ("from", "2026-13-01"), ("to", "2026-12-31")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#from"]);
    let r = b
        .submit(
            "/reports/manage",
            "/reports/manage",
            &[("framework", "eurocities-integrating-cities"), ("from", "2026-12-31"), ("to", "2026-01-01")],
        )
        .await;
    assert_eq!(r.error_links(), ["#to"]);

    let from = format!("{year}-01-01");
    let to = format!("{year}-12-31");
    let r = b
        .submit(
            "/reports/manage",
            "/reports/manage",
            &[("framework", "eurocities-integrating-cities"), ("from", &from), ("to", &to)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let manage = r.location().unwrap().to_string();
    let p = b.follow(&r).await;
    assert_eq!(p.notice().as_deref(), Some("Draft version 1 compiled."));
    assert!(p.text("main").contains("No action is marked yet."));

    // Mark Malmö's action as good practice.
    let p = b.get(&format!("{manage}?city={}", w.city_a)).await;
    assert!(p.texts("table caption").contains(&"Actions of the city chosen".to_string()));
    assert_eq!(
        p.texts("button").iter().filter(|t| t.starts_with("Mark as good practice")).count(),
        1,
        "Malmö has one action"
    );
    let r = b
        .post(
            &format!("{manage}/good-practices"),
            &[("csrf_token", &p.csrf()), ("action_id", &w.action_a.to_string()), ("city", &w.city_a.to_string())],
        )
        .await;
    assert_eq!(r.status, 303);
    let p = b.follow(&r).await;
    assert!(p.notice().unwrap().contains("“Action for SP1” is marked as good practice"));
    assert!(p.text("#good-practice ~ ul").contains("Action for SP1 (Malmö, SP1, 10%)"), "{}", p.text("main"));
    // The draft, as the secretariat reads it, shows it.
    let preview = b.get(&format!("{manage}/preview")).await;
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("Action for SP1"));

    // Publish version 1, then it is public.
    let p = b.get(&manage).await;
    let r = b.post(&format!("{manage}/publish"), &[("csrf_token", &p.csrf()), ("changelog", "")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let p = b.follow(&r).await;
    assert!(p.notice().unwrap().starts_with("Version 1 is published at"), "{:?}", p.notice());
    let slug = format!("eurocities-integrating-cities-{year}");
    let public = WebClient::new(&app).get(&format!("/reports/{slug}")).await;
    assert_eq!(public.status, 200);
    let frozen = public.body.clone();

    // A correction needs a changelog; the first version stays as it was.
    app.update_action(&w.editor_a, w.action_a, json!({"version": 1, "status": "completed", "progress": 100})).await;
    let p = b.get(&manage).await;
    let r = b.post(&format!("{manage}/compile"), &[("csrf_token", &p.csrf())]).await;
    assert_eq!(b.follow(&r).await.notice().as_deref(), Some("Draft version 2 compiled."));
    let r = b.submit(&manage, &format!("{manage}/publish"), &[("changelog", "")]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.error_links(), ["#changelog"]);
    let r = b.submit(&manage, &format!("{manage}/publish"), &[("changelog", "Malmö's library cafés completed.")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let p = b.follow(&r).await;
    let versions = p.texts("table:last-of-type tbody tr");
    assert_eq!(versions.len(), 2);
    assert!(
        versions[0].starts_with("Version 2") && versions[0].contains("Malmö's library cafés completed."),
        "{}",
        versions[0]
    );
    assert_eq!(
        WebClient::new(&app).get(&format!("/reports/{slug}/versions/1")).await.body,
        frozen,
        "version 1 is unchanged"
    );

    // Drafts are for the secretariat only.
    for role in [Role::Observer, Role::CityEditor] {
        let other = app.browser_as(role, Some(w.city_a).filter(|_| role == Role::CityEditor)).await;
        assert_eq!(other.get("/reports/manage").await.status, 403);
        assert_eq!(other.get(&format!("{manage}/preview")).await.status, 403);
    }
    assert_eq!(WebClient::new(&app).get("/reports/manage").await.status, 303);
    let missing = WebClient::new(&app).get("/reports/no-such-report").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.text("h1"), "Page not found", "a missing report asked for as a page gets a page");
}

#[tokio::test]
async fn a_link_of_a_closed_round_says_it_has_expired() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    // The daily schedule opens the next round tomorrow, which closes this one.
    let transport =
        std::sync::Arc::new(charter_tracker::mail::transport::Transport::from_settings(&app.settings.mail).unwrap());
    let report = app.tick(app.clock.now() + chrono::Duration::days(2), transport).await;
    assert_eq!(report.closed_rounds, [open.round]);
    let r = WebClient::new(&app).get(&format!("/check-in/{}", open.token_a)).await;
    assert_eq!(r.status, 410);
    assert_eq!(r.text("h1"), "This link has expired");
}
