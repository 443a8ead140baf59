//! The mayor's office pages: the city's plan by role and commitment, adding and changing
//! actions and plans, an action's history, and the public city page.

use crate::helpers::{TestApp, World};
use crate::web_client::WebClient;
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn the_city_page_shows_the_plan_by_role_and_commitment_with_what_is_missing() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    // A second action, overdue: due yesterday and not completed.
    let yesterday = (app.clock.now() - chrono::Duration::days(2)).date_naive().to_string();
    let overdue_id = app.create_action(&w.editor_a, w.plan_a, json!({"commitment": "EM1", "title": "Diverse recruitment panels", "due_date": yesterday, "status": "delayed", "progress": 40})).await.id;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let p = b.get(&format!("/cities/{}", w.city_a)).await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(p.text("h1"), "Malmö");
    assert_eq!(p.title(), "Malmö: action plan – EUROCITIES Charter tracker");
    // 15 commitments in the Charter; SP1 and EM1 have actions.
    assert!(
        p.text(".plan").contains("2 of 15 commitments have at least one action (2 actions in all)"),
        "{}",
        p.text(".plan")
    );
    assert_eq!(
        p.texts("h3"),
        ["Policy-maker", "Service provider", "Employer", "Buyer of goods and services", "Delivering the Charter"]
    );
    let sp1 = p.texts("tr").into_iter().find(|t| t.starts_with("SP1")).unwrap();
    assert!(sp1.contains("Action for SP1 In progress 10%"), "{sp1}");
    // Uncovered commitments are listed, with a link to add an action under each.
    let missing = p.text("details");
    assert!(
        missing.contains("Commitments with no action yet (13)") && missing.contains("PM1") && !missing.contains("SP1"),
        "{missing}"
    );
    assert!(p.has(&format!("a[href='/plans/{}/actions/new?commitment=BU1']", w.plan_a)));
    assert_eq!(p.texts(".plan ~ h2, h2").iter().filter(|h| *h == "Overdue actions").count(), 1);
    assert!(p.has(&format!("a[href='/actions/{overdue_id}']")));
    assert!(p.text("main").contains("No check-in is open now."));

    // The network's view of the same city: an observer sees it without edit buttons.
    let obs = app.browser_as(Role::Observer, None).await;
    let p = obs.get(&format!("/cities/{}", w.city_a)).await;
    assert_eq!(p.status, 200);
    assert!(!p.has("a[href$='/actions/new']") && !p.has("a[href$='/edit']"));

    // Another city's editor is refused; a stranger is asked to sign in.
    let other = app.browser_as(Role::CityEditor, Some(w.city_b)).await;
    let p = other.get(&format!("/cities/{}", w.city_a)).await;
    assert_eq!(p.status, 403);
    assert_eq!(p.text("h1"), "You cannot see or change this");
    let p = WebClient::new(&app).get(&format!("/cities/{}", w.city_a)).await;
    assert_eq!(p.status, 303);
}

#[tokio::test]
async fn an_open_check_in_is_shown_with_its_due_date() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let p = b.get(&format!("/cities/{}", w.city_a)).await;
    assert!(p.has(&format!("a[href='/check-ins/{}']", open.check_in_a)), "{}", p.body);
    assert!(p.text(".inset").starts_with("Not started The check-in for"), "{}", p.text(".inset"));
}

#[tokio::test]
async fn adding_an_action_shows_every_mistake_at_once_keeps_the_input_and_saves_it_whole() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let new = format!("/plans/{}/actions/new", w.plan_a);
    let form = b.get(&format!("{new}?commitment=BU1")).await;
    assert_eq!(form.status, 200);
    assert_eq!(
        form.attrs("option[selected]", "value"),
        ["BU1"],
        "the commitment chosen on the plan page is preselected"
    );
    assert_eq!(
        form.attrs("#commitment optgroup", "label"),
        ["Policy-maker", "Service provider", "Employer", "Buyer of goods and services", "Delivering the Charter"]
    );
    assert!(
        form.texts("#commitment option")
            .iter()
            .any(|t| t == "BU1 – Apply principles of equality and diversity in procurement and tendering."),
        "{:?}",
        form.texts("#commitment option")
    );
    assert!(form.text(".choice-hint").contains("advocate its provisions with the service providers"));
    for id in ["title", "description", "department", "partners", "start_date", "due_date", "progress"] {
        assert!(form.has(&format!("label[for={id}]")), "label for {id}");
    }
    assert!(
        form.has("fieldset legend")
            && form.has("input#delivery[type=radio]")
            && form.has("input#policy_areas[type=checkbox]")
    );

    let bad = [
        ("commitment", "BU1"),
        ("title", "   "),
        ("description", "Clauses in every tender"),
        ("partners", "Chamber of commerce\nMigrant business network"),
        ("delivery", "direct"),
        ("policy_areas", "employment"),
        ("start_date", "2026-06-01"),
        ("due_date", "2026-05-01"),
        ("status", "in_progress"),
        ("progress", "lots"),
        ("version", "0"),
    ];
    let r = b.submit(&new, &new, &bad).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.error_links(), ["#title", "#due_date", "#progress"], "in the form's order");
    assert_eq!(r.errors()[2], "Enter progress as a number from 0 to 100");
    assert_eq!(r.text("#title-error"), "Error: Enter a title");
    assert_eq!(r.attrs("#progress", "aria-describedby"), ["progress-hint progress-error"]);
    assert!(
        r.body.contains(">Chamber of commerce\nMigrant business network</textarea>"),
        "input is kept exactly, lines unindented"
    );
    assert_eq!(r.attrs("input[name=policy_areas][checked]", "value"), ["employment"]);
    assert_eq!(r.attrs("input[name=status][checked]", "value"), ["in_progress"]);
    assert!(r.title().starts_with("Error: "));

    let good = [
        ("commitment", "BU1"),
        ("title", "Equality clauses in tenders"),
        ("description", "Clauses in every tender"),
        ("partners", "Chamber of commerce\n\nMigrant business network\n"),
        ("delivery", "advocacy"),
        ("policy_areas", "employment"),
        ("policy_areas", "other"),
        ("start_date", "2026-06-01"),
        ("due_date", "2026-12-31"),
        ("status", "in_progress"),
        ("progress", "25%"),
        ("version", "0"),
    ];
    let r = b.submit(&new, &new, &good).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), Some(format!("/cities/{}", w.city_a).as_str()));
    let page = b.follow(&r).await;
    assert_eq!(page.notice().as_deref(), Some("Action “Equality clauses in tenders” added under BU1."));
    let list = app.list_actions(&w.secretariat, w.plan_a, "?commitment=BU1").await;
    let a = &list.items[0];
    assert_eq!(a.title, "Equality clauses in tenders");
    assert_eq!(a.partners, ["Chamber of commerce", "Migrant business network"]);
    assert_eq!(a.policy_areas, ["employment", "other"]);
    assert_eq!(a.delivery, "advocacy");
    assert_eq!(a.progress, 25);
    assert_eq!(a.due_date.as_deref(), Some("2026-12-31"));

    // CSRF: a post without the token saves nothing and keeps the input.
    let r = b.post(&new, &good).await;
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("This form had expired"));
    assert_eq!(r.attrs("#title", "value"), ["Equality clauses in tenders"]);
    assert_eq!(app.list_actions(&w.secretariat, w.plan_a, "?commitment=BU1").await.total, 1);

    // An observer and another city's editor cannot open the form.
    assert_eq!(app.browser_as(Role::Observer, None).await.get(&new).await.status, 403);
    assert_eq!(app.browser_as(Role::CityEditor, Some(w.city_b)).await.get(&new).await.status, 403);
}

#[tokio::test]
async fn changing_an_action_handles_a_concurrent_edit_and_records_history() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let edit = format!("/actions/{}/edit", w.action_a);
    let form = b.get(&edit).await;
    assert_eq!(form.attrs("#title", "value"), ["Action for SP1"]);
    assert_eq!(form.attrs("input[name=version]", "value"), ["1"]);
    let token = form.csrf();

    // Meanwhile the secretariat changes the action through the API.
    app.update_action(&w.secretariat, w.action_a, json!({"version": 1, "status": "delayed"})).await;

    let mut fields: Vec<(String, String)> = vec![];
    for (k, v) in [
        ("csrf_token", token.as_str()),
        ("version", "1"),
        ("commitment", "SP1"),
        ("title", "Language cafés in every library"),
        ("delivery", "direct"),
        ("status", "in_progress"),
        ("progress", "60"),
    ] {
        fields.push((k.into(), v.into()));
    }
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = b.post(&edit, &borrowed).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.errors()[0].contains("was changed by secretariat-"), "{:?}", r.errors());
    assert_eq!(r.attrs("#title", "value"), ["Language cafés in every library"], "nothing typed is lost");
    assert_eq!(r.attrs("input[name=version]", "value"), ["2"], "the next save is based on the current version");

    // Saving again from that page goes through.
    let mut again = borrowed.clone();
    again[1] = ("version", "2");
    let r = b.post(&edit, &again).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = b.follow(&r).await;
    assert_eq!(page.notice().as_deref(), Some("Your changes have been saved."));
    assert_eq!(page.text("h1"), "Language cafés in every library");
    let history = page.texts("ol.history > li");
    assert_eq!(history.len(), 3, "{history:?}");
    assert!(
        history[0].contains("city-editor-")
            && history[0].contains("Progress: from “10” to “60”")
            && history[0].contains("Title: from “Action for SP1” to “Language cafés in every library”"),
        "{}",
        history[0]
    );
    assert!(
        history[1].contains("secretariat-") && history[1].contains("Status: from “in_progress” to “delayed”"),
        "{}",
        history[1]
    );
    assert!(history[2].contains("Added the action"));
}

#[tokio::test]
async fn removing_an_action_asks_first() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let path = format!("/actions/{}/delete", w.action_a);
    let confirm = b.get(&path).await;
    assert_eq!(confirm.text("h1"), "Remove “Action for SP1”?");
    let r = b.submit(&path, &path, &[("version", "1")]).await;
    assert_eq!(r.status, 303);
    assert_eq!(b.follow(&r).await.notice().as_deref(), Some("Action “Action for SP1” removed. Its history is kept."));
    app.get(&format!("/api/v1/actions/{}", w.action_a), &w.secretariat).await.assert_problem(404, None);
    assert_eq!(b.get(&path).await.status, 404);
}

#[tokio::test]
async fn starting_and_changing_a_plan() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let city = app.city(&sec, "Zürich", "CH").await;
    let b = app.browser_as(Role::CityEditor, Some(city)).await;
    let p = b.get(&format!("/cities/{city}")).await;
    assert!(p.text("main").contains("Zürich has no action plan yet."));
    let new = format!("/cities/{city}/plans/new");
    let r = b
        .submit(
            &new,
            &new,
            &[
                ("framework", "eurocities-integrating-cities"),
                ("title", ""),
                ("period_start", "2026-01-01"),
                ("period_end", "2025-12-31"),
                ("status", ""),
                ("document_url", "ftp://x"),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.error_links(), ["#title", "#period_end", "#status", "#document_url"]);
    assert_eq!(app.list_plans(&sec, city).await.total, 0, "nothing was saved");
    let r = b
        .submit(
            &new,
            &new,
            &[
                ("framework", "eurocities-integrating-cities"),
                ("title", "Zürich integration plan"),
                ("period_start", "2026-01-01"),
                ("period_end", "2028-12-31"),
                ("status", "adopted"),
                ("adopted_on", "2026-02-15"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let plans = app.list_plans(&sec, city).await;
    let plan = &plans.items[0];
    assert_eq!(plan.status, "adopted");
    assert_eq!(plan.adopted_on.as_deref(), Some("2026-02-15"));
    let id = plan.id;
    let page = b.follow(&r).await;
    assert!(page.text(".plan").contains("Adopted 15 February 2026"), "{}", page.text(".plan"));

    let edit = format!("/plans/{id}/edit");
    let form = b.get(&edit).await;
    assert!(!form.has("#framework"), "the framework cannot change");
    let r = b
        .submit(
            &edit,
            &edit,
            &[
                ("version", "1"),
                ("title", "Zürich integration plan 2026–2028"),
                ("period_start", "2026-01-01"),
                ("period_end", "2028-12-31"),
                ("status", "adopted"),
                ("adopted_on", "2026-02-15"),
                ("document_url", "https://www.stadt-zuerich.ch/plan.pdf"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(app.get_plan(&sec, id).await.document_url.as_deref(), Some("https://www.stadt-zuerich.ch/plan.pdf"));
}

#[tokio::test]
async fn a_plan_s_dates_are_typed_as_day_month_and_year() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let city = app.city(&sec, "Zürich", "CH").await;
    let b = app.browser_as(Role::CityEditor, Some(city)).await;
    let new = format!("/cities/{city}/plans/new");
    let form = b.get(&new).await;
    assert_eq!(
        form.attrs("input[name='period_start-day']", "id"),
        ["period_start"],
        "the error summary links to the day box"
    );
    assert!(form.has("input[name='period_start-month']") && form.has("input[name='adopted_on-year']"));

    // 31 February: the form comes back with what was typed in each box, and nothing is saved.
    let typed = [
        ("framework", "eurocities-integrating-cities"),
        ("title", "Zürich integration plan"),
        ("period_start-day", "1"),
        ("period_start-month", "1"),
        ("period_start-year", "2026"),
        ("period_end-day", "31"),
        ("period_end-month", "2"),
        ("period_end-year", "2026"),
        ("status", "draft"),
        ("adopted_on-day", ""),
        ("adopted_on-month", ""),
        ("adopted_on-year", ""),
    ];
    let r = b.submit(&new, &new, &typed).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.error_links(), ["#period_end"]);
    assert_eq!(r.attrs("#period_end", "value"), ["31"]);
    assert_eq!(r.attrs("#period_end-month", "value"), ["2"]);
    assert_eq!(r.attrs("#period_end-year", "value"), ["2026"]);
    assert_eq!(r.attrs("#period_start", "value"), ["1"]);
    assert_eq!(r.attrs("#adopted_on", "value"), [""], "empty boxes stay empty");
    assert_eq!(app.list_plans(&sec, city).await.total, 0, "nothing was saved");

    // Good dates in three boxes each are saved as dates.
    let r = b
        .submit(
            &new,
            &new,
            &[
                ("framework", "eurocities-integrating-cities"),
                ("title", "Zürich integration plan"),
                ("period_start-day", "1"),
                ("period_start-month", "1"),
                ("period_start-year", "2026"),
                ("period_end-day", "31"),
                ("period_end-month", "12"),
                ("period_end-year", "2028"),
                ("status", "adopted"),
                ("adopted_on-day", "5"),
                ("adopted_on-month", "3"),
                ("adopted_on-year", "2026"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let plan = app.list_plans(&sec, city).await.items[0].clone();
    assert_eq!(plan.adopted_on.as_deref(), Some("2026-03-05"));
    let page = b.follow(&r).await;
    assert!(page.text(".plan").contains("Adopted 5 March 2026"), "{}", page.text(".plan"));
    assert!(page.text(".plan").contains("1 January 2026 to 31 December 2028"), "{}", page.text(".plan"));
    let edit = b.get(&format!("/plans/{}/edit", plan.id)).await;
    assert_eq!(edit.attrs("#adopted_on", "value"), ["05"]);
    assert_eq!(edit.attrs("#adopted_on-month", "value"), ["03"]);
    assert_eq!(edit.attrs("#adopted_on-year", "value"), ["2026"]);
}

#[tokio::test]
async fn a_public_city_shows_its_plan_to_everyone_and_nothing_private() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let anyone = WebClient::new(&app);
    assert_eq!(anyone.get(&format!("/cities/{}", w.city_b)).await.status, 303, "private until the city chooses");
    app.update_city(&w.secretariat, w.city_b, json!({"version": 1, "public": true})).await;
    let home = anyone.get("/").await;
    assert_eq!(
        home.attrs("main a[href^='/cities/']", "href"),
        [format!("/cities/{}", w.city_b)],
        "the home page lists the public cities only"
    );
    let p = anyone.get(&format!("/cities/{}", w.city_b)).await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(p.title(), "Łódź: public page – EUROCITIES Charter tracker");
    assert!(p.text("main").contains("Action for EM1"));
    assert!(!p.has("a[href^='/actions/']"), "no links into the signed-in pages");
    assert!(!p.text("main").contains("check-in") && !p.has("a[href$='/contacts']"));
    // Another city's editor sees the public page, not the full one.
    let other = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let p = other.get(&format!("/cities/{}", w.city_b)).await;
    assert_eq!(p.status, 200);
    assert!(!p.has("a[href^='/actions/']"));
}

#[tokio::test]
async fn the_network_overview_shows_every_city_against_the_roles() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    // Łódź completes its employer commitments; Malmö's only action is cancelled on BU1's side.
    for code in ["EM2", "EM3"] {
        app.action(&w.editor_b, w.plan_b, code, "completed").await;
    }
    app.action(&w.editor_a, w.plan_a, "BU1", "cancelled").await;
    let open = app.open_round_now(&w).await;
    app.submit_check_in(&w.editor_b, open.check_in_b, json!({"version": 1, "content": {}})).await;

    let b = app.browser_as(Role::Secretariat, None).await;
    let p = b.get("/network").await;
    assert_eq!(p.status, 200, "{}", p.body);
    let label = app.get_round(&w.secretariat, open.round).await.label;
    assert_eq!(
        p.texts("table.matrix thead th"),
        [
            "City",
            "Policy-maker (3)",
            "Service provider (2)",
            "Employer (3)",
            "Buyer of goods and services (3)",
            "Delivering the Charter (4)",
            "Overdue actions",
            "Actions not updated",
            &format!("Check-in {label}")
        ]
    );
    let rows = p.texts("table.matrix tbody tr");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0], "Łódź None 0 of 3 None 0 of 2 All 3 of 3 None 0 of 3 None 0 of 4 0 0 Submitted");
    assert_eq!(
        rows[1], "Malmö None 0 of 3 Some 1 of 2 None 0 of 3 None 0 of 3 None 0 of 4 0 0 Not started",
        "a cancelled action covers nothing"
    );
    assert!(
        p.text("main").contains("1 sent on time, 0 sent late, 1 still open, 0 overdue, 0 missed"),
        "{}",
        p.text("main")
    );
    assert!(p.has(&format!("a[href='/cities/{}']", w.city_a)));

    // The table's rows are kept rendered per language and per computation of the overview: the
    // same page in French is French, and a change shows on the next request.
    assert_eq!(b.get("/language/fr?next=/network").await.status, 303);
    let fr = b.get("/network").await.texts("table.matrix tbody tr");
    assert_eq!(fr.len(), 2);
    assert!(fr[0].starts_with("Łódź") && !fr[0].contains(" of ") && fr[0] != rows[0], "{fr:?}");
    assert_eq!(b.get("/language/en?next=/network").await.status, 303);
    assert_eq!(b.get("/network").await.texts("table.matrix tbody tr"), rows, "English again");
    app.action(&w.editor_a, w.plan_a, "PM1", "completed").await;
    let rows = b.get("/network").await.texts("table.matrix tbody tr");
    assert_eq!(rows[1], "Malmö Some 1 of 3 Some 1 of 2 None 0 of 3 None 0 of 3 None 0 of 4 0 0 Not started");

    // The Lisbon Declaration has no signatory here.
    let p = b.get("/network?framework=icc-lisbon-declaration").await;
    assert!(p.text("main").contains("No city has signed this framework"));
    assert_eq!(b.get("/network?framework=nope").await.status, 404);

    assert_eq!(app.browser_as(Role::Observer, None).await.get("/network").await.status, 200);
    assert_eq!(app.browser_as(Role::CityEditor, Some(w.city_a)).await.get("/network").await.status, 403);
}

#[tokio::test]
async fn a_city_lists_its_check_ins() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let path = format!("/cities/{}/check-ins", w.city_a);
    assert!(b.get(&path).await.text("main").contains("No check-in has been asked of Malmö yet."));
    let open = app.open_round_now(&w).await;
    let p = b.get(&path).await;
    let rows = p.texts("tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].ends_with("Not started –"), "{}", rows[0]);
    assert!(p.has(&format!("a[href='/check-ins/{}']", open.check_in_a)));
    // An observer reads it without a link to fill it in; another city's editor cannot.
    let p = app.browser_as(Role::Observer, None).await.get(&path).await;
    assert_eq!(p.status, 200);
    assert!(!p.has("a[href^='/check-ins/']"));
    assert_eq!(app.browser_as(Role::CityEditor, Some(w.city_b)).await.get(&path).await.status, 403);
}

/// Issue 14: which language a page speaks (preference > switcher cookie > Accept-Language >
/// default), `<html lang>` and `Content-Language`, a form's mistakes in that language, and the
/// Charter's wording: German where an (unofficial, labelled) translation exists, else the
/// adopted English marked `lang="en"`.
#[tokio::test]
async fn pages_speak_the_chosen_language_and_label_the_charter_s_unofficial_translation() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let web = WebClient::new(&app);
    let ask = |al: &'static str| {
        let (client, base) = (web.client.clone(), web.base.clone());
        async move {
            let r = client.get(format!("{base}/login")).header("accept-language", al).send().await.unwrap();
            let lang = r.headers()["content-language"].to_str().unwrap().to_string();
            let body = r.text().await.unwrap();
            (lang, body)
        }
    };
    // Accept-Language, by weight; languages not offered are skipped.
    let (lang, body) = ask("sv, de-CH;q=0.9, fr;q=0.5").await;
    assert_eq!(lang, "de");
    assert!(body.contains("<html lang=\"de\">") && body.contains("Anmelden"), "{body}");
    assert_eq!(ask("pl").await.0, "en", "network.default_language");
    // The switcher's cookie beats the browser's wish.
    let switched = web.get("/language/fr?next=/login").await;
    assert_eq!((switched.status, switched.location()), (303, Some("/login")));
    assert_eq!(ask("de").await.0, "fr");
    assert_eq!(web.get("/language/xx?next=/").await.status, 404, "only offered languages");
    // A signed-in person's own choice beats both, and follows them.
    let b = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    let saved = b.submit("/account", "/account/language", &[("language", "de")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let account = b.follow(&saved).await;
    assert_eq!(account.attrs("html", "lang"), ["de"]);
    assert_eq!(account.headers["content-language"], "de");
    assert_eq!(account.notice().as_deref(), Some("Ihre Sprache wurde gespeichert."));
    // A form's mistakes in German, in plain words.
    let new = format!("/plans/{}/actions/new", w.plan_a);
    let bad = b.submit(&new, &new, &[("title", " "), ("progress", "150%")]).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.errors().iter().any(|e| e == "Geben Sie einen Titel ein"), "{:?}", bad.errors());
    // The Charter on the city page: the unofficial German wording, labelled; English marked as such.
    let city = b.get(&format!("/cities/{}", w.city_a)).await;
    assert!(city
        .body
        .contains("Gleichen Zugang und Nichtdiskriminierung in allen unseren Politikbereichen sicherstellen."));
    assert!(city.text("main").contains("inoffiziellen Übersetzung"), "{}", city.text("main"));
    assert_eq!(city.texts("h3")[0], "Politische Entscheidungsträgerin");
    b.submit("/account", "/account/language", &[("language", "")]).await;
    let city = b.get(&format!("/cities/{}", w.city_a)).await;
    assert!(city.has(r#"span.commitment-text[lang="en"]"#) && !city.text("main").contains("unofficial translation"));
}

/// The city page's content is rendered once and kept (pages::rendered) until something it shows
/// changes: a change made anywhere shows on the next request, and each kind of reader and each
/// language has its own copy.
#[tokio::test]
async fn the_city_page_shows_every_change_at_once_though_its_content_is_kept() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/cities/{}", w.city_a);
    let sec = app.browser_as(Role::Secretariat, None).await;
    let first = sec.get(&url).await;
    assert!(first.text("main").contains("Action for SP1"), "{}", first.body);
    assert_eq!(sec.get(&url).await.text("main"), first.text("main"), "the same again");

    // An action renamed through the API.
    let renamed = app
        .patch(
            &format!("/api/v1/actions/{}", w.action_a),
            &w.editor_a,
            json!({"version": 1, "title": "Welcome desks in every district"}),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let p = sec.get(&url).await;
    assert!(p.text("main").contains("Welcome desks in every district") && !p.text("main").contains("Action for SP1"));

    // A verified rating recorded by the secretariat (a table the network overview does not read).
    let open = app.open_round_now(&w).await;
    let v = app.get_check_in(&w.editor_a, open.check_in_a).await.check_in.version;
    let content = json!({"assessments": [{"commitment": "SP1", "level": "substantial"}]});
    app.submit_check_in(&w.editor_a, open.check_in_a, json!({"version": v, "content": content})).await;
    let before = sec.get(&url).await;
    app.request(
        Method::POST,
        &format!("/api/v1/cities/{}/verified-ratings", w.city_a),
        Some(&w.secretariat),
        Some(&json!({"commitment": "SP1", "level": "limited", "verified_on": "2026-11-20"})),
    )
    .await
    .expect(201);
    let after = sec.get(&url).await;
    assert_ne!(before.text("main"), after.text("main"), "the verified rating shows at once");
    assert!(after.text("main").to_lowercase().contains("limited"), "{}", after.text("main"));

    // An action due tomorrow becomes overdue when the clock passes its date, with no write.
    let tomorrow = (app.clock.now() + chrono::Duration::days(1)).date_naive().to_string();
    let due = app
        .create_action(&w.editor_a, w.plan_a, json!({"commitment": "PM1", "title": "Due tomorrow", "due_date": tomorrow, "status": "in_progress", "progress": 5}))
        .await;
    let overdue_link = format!("a[href='/actions/{}']", due.id);
    let count = |p: &crate::web_client::Page| p.attrs(&overdue_link, "href").len();
    let today = sec.get(&url).await;
    app.clock.set(app.clock.now() + chrono::Duration::days(3));
    // (Three days end any session: the same kind of reader signs in again.)
    let sec = app.browser_as(Role::Secretariat, None).await;
    let later = sec.get(&url).await;
    assert_eq!(count(&later), count(&today) + 1, "listed under overdue as well once its date has passed");

    // Another kind of reader gets its own copy: the observer sees no edit links, a city's editor
    // its own; another city's editor is refused, not shown a kept copy.
    let obs = app.browser_as(Role::Observer, None).await.get(&url).await;
    assert_eq!(obs.status, 200);
    assert!(!obs.has("a[href$='/actions/new']") && !obs.has(&format!("a[href='/cities/{}/calendar']", w.city_a)));
    let mine = app.browser_as(Role::CityEditor, Some(w.city_a)).await.get(&url).await;
    assert!(mine.has(&format!("a[href='/cities/{}/calendar']", w.city_a)));
    let other = app.browser_as(Role::CityEditor, Some(w.city_b)).await.get(&url).await;
    assert_eq!(other.status, 403);
    // And each language its own.
    let fr = sec.get(&format!("/language/fr?next={url}")).await;
    assert!(fr.status < 400);
    let p = sec.get(&url).await;
    assert_eq!(p.attrs("html", "lang"), ["fr"]);
    assert!(p.text("main").contains("Welcome desks in every district"), "the French copy has the change too");

    // Who may see it is decided on every request, also when the page is kept: a public page
    // shown to a visitor (and kept), then made private, sends the next visitor to sign in.
    let version =
        app.get(&format!("/api/v1/cities/{}", w.city_a), &w.secretariat).await.json::<Value>()["version"].clone();
    let made_public = app.update_city(&w.secretariat, w.city_a, json!({"version": version, "public": true})).await;
    let visitor = WebClient::new(&app);
    let public = visitor.get(&url).await;
    assert_eq!(public.status, 200, "{}", public.body);
    assert_eq!(visitor.get(&url).await.text("main"), public.text("main"), "the same again, kept");
    app.update_city(&w.secretariat, w.city_a, json!({"version": made_public.version, "public": false})).await;
    let private = WebClient::new(&app).get(&url).await;
    assert_eq!(private.status, 303, "{}", private.body);
    assert!(private.location().is_some_and(|l| l.starts_with("/login")), "{:?}", private.location());
}

/// The counter kept city pages are stamped with (`db::committed_data_version`): while a change
/// is written and not yet committed, PostgreSQL's counter already counts it (a sequence), so no
/// value is offered to keep a page under; SQLite's counts it only once committed, so the last
/// committed value is. Once the change commits, the counter has moved.
#[tokio::test]
async fn the_change_counter_offers_no_value_a_change_in_progress_would_invalidate() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let (pool, city) = (app.pool.clone(), w.city_a);
    let postgres = app.database_url.starts_with("postgres");
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::committed_data_version;
        use diesel::connection::SimpleConnection;
        let mut reader = pool.get().unwrap();
        let before = committed_data_version(&mut reader).unwrap().expect("no writer: a value");
        let mut writer = pool.get().unwrap();
        writer.batch_execute("BEGIN").unwrap();
        writer.batch_execute(&format!("UPDATE cities SET name = 'Lyon-Métropole' WHERE id = {city}")).unwrap();
        let during = committed_data_version(&mut reader).unwrap();
        if postgres {
            assert_eq!(during, None, "a change counted and not committed");
        } else {
            assert_eq!(during, Some(before), "the last committed value");
        }
        writer.batch_execute("COMMIT").unwrap();
        let after = committed_data_version(&mut reader).unwrap().expect("committed: a value");
        assert!(after > before, "{after} after {before}");
    })
    .await
    .unwrap();
}

/// What the CLI or a script writes: one statement on a connection of its own.
async fn write_elsewhere(app: &TestApp, sql: String) {
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        use diesel::connection::SimpleConnection;
        pool.get().unwrap().batch_execute(&sql).unwrap();
    })
    .await
    .unwrap();
}

/// A server process, stopped when the test ends, passed or failed.
struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// GETs `url` until `done` holds of the page, for up to three seconds; the last page.
async fn until(b: &WebClient, url: &str, done: impl Fn(&crate::web_client::Page) -> bool) -> crate::web_client::Page {
    let start = std::time::Instant::now();
    loop {
        let p = b.get(url).await;
        if done(&p) || start.elapsed() > std::time::Duration::from_secs(3) {
            return p;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// On PostgreSQL each instance hears changes as they commit (db::changes, LISTEN/NOTIFY): a kept
/// city page and a session found before are answered without a query, here while the tables
/// the page and the session come from are locked by another transaction. A change made on
/// another instance (this test's server) or by the CLI shows once heard, and a session ended
/// elsewhere is no longer trusted. On SQLite, where every request asks, both show at once.
#[tokio::test]
async fn a_kept_city_page_needs_no_query_and_shows_what_was_written_elsewhere() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let postgres = app.database_url.starts_with("postgres");
    let url = format!("/cities/{}", w.city_a);
    // The instance under test runs in a process of its own, so that nothing else commits in it.
    let email = app.person(Role::Secretariat, None, "correct horse battery").await;
    let token = "a-metrics-token-for-tests";
    // Its connections are named, so that they alone can be cut below.
    let named = format!("{}?application_name=instance-under-test", app.database_url);
    let url_of_instance = if postgres { named.as_str() } else { app.database_url.as_str() };
    let (server, sec, csrf) = crate::sign_in::serve_alone(
        &app,
        &[("CHARTER_TRACKER__METRICS__TOKEN", token), ("DATABASE_URL", url_of_instance)],
    )
    .await;
    let _stopped_at_the_end = Stop(server);
    let listening = || async {
        loop {
            let metrics = sec.client.get(format!("{}/metrics", sec.base)).bearer_auth(token).send().await.unwrap();
            if metrics.text().await.unwrap().contains("\nchange_feed_listening 1\n") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    if postgres {
        // Pages are kept under what the instance hears once its listening connection is up.
        tokio::time::timeout(std::time::Duration::from_secs(20), listening()).await.expect("the instance listens");
    }
    let signed_in =
        sec.post("/login", &[("csrf_token", &csrf), ("email", &email), ("password", "correct horse battery")]).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let first = sec.get(&url).await;
    assert!(first.text("main").contains("Action for SP1"), "{}", first.body);
    assert_eq!(sec.get(&url).await.text("main"), first.text("main"), "the same again");
    if postgres {
        // Another transaction holds the city, its people and the sessions; a request that
        // asked the database for any of them would wait until it ends.
        let pool = app.pool.clone();
        let (locked_tx, locked) = std::sync::mpsc::channel();
        let (release, released) = std::sync::mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            use diesel::connection::SimpleConnection;
            let mut c = pool.get().unwrap();
            c.batch_execute("BEGIN; LOCK TABLE cities, users, sessions IN ACCESS EXCLUSIVE MODE").unwrap();
            locked_tx.send(()).unwrap();
            let _ = released.recv_timeout(std::time::Duration::from_secs(30));
            c.batch_execute("ROLLBACK").unwrap();
        });
        locked.recv().unwrap();
        let kept = tokio::time::timeout(std::time::Duration::from_secs(5), sec.get(&url)).await;
        release.send(()).unwrap();
        holder.join().unwrap();
        let kept = kept.expect("a kept page answered without waiting for the database");
        assert_eq!(kept.status, 200, "{}", kept.body);
        assert_eq!(kept.text("main"), first.text("main"), "the kept page");
    }

    // An action renamed on another instance (this test's server, through the API).
    let renamed = app
        .patch(
            &format!("/api/v1/actions/{}", w.action_a),
            &w.editor_a,
            json!({"version": 1, "title": "Renamed on another instance"}),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let shown = if postgres {
        until(&sec, &url, |p| p.text("main").contains("Renamed on another instance")).await
    } else {
        sec.get(&url).await
    };
    assert!(shown.text("main").contains("Renamed on another instance"), "{}", shown.text("main"));

    // Every session ended by the CLI or a script.
    write_elsewhere(&app, "DELETE FROM sessions".to_string()).await;
    let ended = if postgres { until(&sec, &url, |p| p.status == 303).await } else { sec.get(&url).await };
    assert_eq!(ended.status, 303, "a session ended elsewhere: sign in again; {}", ended.body);
    assert!(ended.location().is_some_and(|l| l.starts_with("/login")), "{:?}", ended.location());
    if !postgres {
        return;
    }

    // Every connection of the instance cut (the database restarted, a failover): the pool
    // replaces the closed ones, meanwhile the instance asks the database, so a change made then
    // shows, and then it listens again.
    let csrf = sec.get("/login").await.csrf();
    let signed_in =
        sec.post("/login", &[("csrf_token", &csrf), ("email", &email), ("password", "correct horse battery")]).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert_eq!(sec.get(&url).await.status, 200);
    let pool = app.pool.clone();
    let cut = tokio::task::spawn_blocking(move || -> i64 {
        use diesel::RunQueryDsl;
        let terminated = "(SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                          WHERE application_name = 'instance-under-test')";
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(terminated))
            .get_result(&mut pool.get().unwrap())
            .unwrap()
    })
    .await
    .unwrap();
    assert!(cut >= 2, "the listening connection and the pool's: {cut} cut");
    let renamed = app
        .patch(
            &format!("/api/v1/actions/{}", w.action_a),
            &w.editor_a,
            json!({"version": 2, "title": "Renamed while nobody listened"}),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    let shown = until(&sec, &url, |p| p.text("main").contains("Renamed while nobody listened")).await;
    assert!(shown.text("main").contains("Renamed while nobody listened"), "{}", shown.text("main"));
    tokio::time::timeout(std::time::Duration::from_secs(20), listening()).await.expect("the instance listens again");
}
