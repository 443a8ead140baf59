//! The secretariat's pages in a browser: cities, contacts, users and tokens, check-in rounds
//! and the schedule, and the outbox. Every page route times every role; forms show errors
//! beside their fields and in a summary, keep what was typed, refuse a missing CSRF token and
//! a stale version, and their changes show in the API and the database.

use crate::helpers::{OpenRound, TestApp, World, CHARTER};
use crate::web_client::{path_in, Page, WebClient};
use charter_tracker::auth::Role;
use charter_tracker::db::DbConnection;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde_json::json;
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";

async fn on_db<T: Send + 'static>(app: &TestApp, f: impl FnOnce(&mut DbConnection) -> T + Send + 'static) -> T {
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || f(&mut pool.get().unwrap())).await.unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn files(app: &TestApp) -> Arc<charter_tracker::mail::transport::Transport> {
    Arc::new(charter_tracker::mail::transport::Transport::from_settings(&app.settings.mail).unwrap())
}

/// The id at the end of a redirect's location (`/users/7` -> 7).
fn id_in(p: &Page) -> i64 {
    p.location()
        .unwrap_or_else(|| panic!("no redirect: {} {}", p.status, p.body))
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let e = email.to_string();
    on_db(app, move |c| charter_tracker::auth::store::by_email(c, &e).unwrap().unwrap().id).await
}

async fn user_version(app: &TestApp, id: i64) -> i32 {
    on_db(app, move |c| charter_tracker::auth::store::by_id(c, id).unwrap().unwrap().version).await
}

/// A new API token for an existing user.
async fn token_for(app: &TestApp, user: i64, label: &str) -> (i64, String) {
    let (label, now) = (label.to_string(), app.clock.now());
    on_db(app, move |c| charter_tracker::auth::tokens::issue(c, user, &label, now).unwrap()).await
}

/// A queued email moved to `state` (with a last error when failed); returns its id.
async fn email_in_state(app: &TestApp, to: &str, state: &str) -> i64 {
    let key = format!("admin-pages/{}", uuid::Uuid::new_v4().simple());
    let id = app.enqueue_email(&key, to, "en", Utc::now()).await.unwrap();
    let state = state.to_string();
    on_db(app, move |c| {
        use charter_tracker::db::schema::outbox;
        let error = (state == "failed").then_some("550 5.1.1 mailbox unavailable");
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq(&state),
                outbox::attempts.eq(if error.is_some() { 8 } else { 0 }),
                outbox::last_error.eq(error),
            ))
            .execute(c)
            .unwrap();
    })
    .await;
    id
}

/// The browsers of the route table: anonymous, secretariat, editor of city A, editor of city
/// B, observer; and their CSRF tokens (anonymous has none).
struct Browsers {
    all: [WebClient; 5],
    csrf: [String; 5],
}

impl Browsers {
    async fn new(app: &TestApp, w: &World) -> Browsers {
        let all = [
            WebClient::new(app),
            app.browser_as(Role::Secretariat, None).await,
            app.browser_as(Role::CityEditor, Some(w.city_a)).await,
            app.browser_as(Role::CityEditor, Some(w.city_b)).await,
            app.browser_as(Role::Observer, None).await,
        ];
        let mut csrf: [String; 5] = Default::default();
        for (i, b) in all.iter().enumerate().skip(1) {
            csrf[i] = b.get("/account").await.csrf();
        }
        Browsers { all, csrf }
    }
}

const ROLES: [&str; 5] = ["anonymous", "secretariat", "editor of city A", "editor of city B", "observer"];

#[tokio::test]
async fn every_page_route_times_every_role() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open: OpenRound = app.open_round_now(&w).await;
    let b = Browsers::new(&app, &w).await;
    let target = app.person(Role::Observer, None, PASSWORD).await;
    let target = user_id(&app, &target).await;
    let invited = b.all[1]
        .submit(
            "/users/new",
            "/users/new",
            &[("name", "Ines Invited"), ("email", "ines@network.example"), ("role", "observer"), ("city", "")],
        )
        .await;
    assert_eq!(invited.status, 303, "{}", invited.body);
    let invited = id_in(&invited);
    let email = email_in_state(&app, "anna@malmo.example", "sent").await;
    let (a, c, r, ci) = (w.city_a, w.contact_a, open.round, open.check_in_a);
    let (plan, act) = (w.plan_a, w.action_a);
    let progress_field = format!("a{act}_progress");
    let year = chrono::Datelike::year(&app.clock.now());
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let report = app.compile_report(&w.secretariat, CHARTER, &from, &to).await.compiled.report_id;
    let (review, rec) = crate::peer_reviews::visited_review_with_recommendation(&app, &w).await;
    let response_field = format!("response-{rec}");

    enum Fresh {
        No,
        Contact,
        Token,
        CancelledEmail,
        UserVersion,
        Action,
    }
    use reqwest::Method as M;
    // Forms with a mistake in them: whoever may send them is told what is wrong (422), others
    // are refused first (403), and nothing changes either way.
    let (due_field, reason_field) = (format!("due_date-{ci}"), format!("reason-{ci}"));
    type Case<'a> = (M, String, Vec<(&'a str, &'a str)>, Fresh, [u16; 5]);
    let cases: Vec<Case<'_>> = vec![
        (M::GET, "/cities".into(), vec![], Fresh::No, [303, 200, 200, 200, 200]),
        (M::GET, "/cities/new".into(), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::POST, "/cities/new".into(), vec![("name", ""), ("country", "SE")], Fresh::No, [303, 422, 403, 403, 403]),
        (M::GET, format!("/cities/{a}/edit"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/cities/{a}/edit"),
            vec![("version", "1"), ("name", ""), ("country", "SE")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/cities/{a}/contacts"), vec![], Fresh::No, [303, 200, 200, 403, 200]),
        (M::GET, format!("/cities/{a}/contacts/new"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/cities/{a}/contacts/new"),
            vec![("name", ""), ("email", "x@malmo.example")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/cities/{a}/contacts/{c}/edit"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/cities/{a}/contacts/{c}/edit"),
            vec![("version", "1"), ("name", ""), ("email", "anna@malmo.example")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/cities/{a}/contacts/{c}/remove"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (M::POST, format!("/cities/{a}/contacts/{{fresh}}/remove"), vec![], Fresh::Contact, [303, 303, 303, 403, 403]),
        (M::GET, "/users".into(), vec![], Fresh::No, [303, 200, 403, 403, 200]),
        (M::GET, "/users/new".into(), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (
            M::POST,
            "/users/new".into(),
            vec![("name", ""), ("email", "new@network.example"), ("role", "observer")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (M::GET, format!("/users/{target}"), vec![], Fresh::No, [303, 200, 403, 403, 200]),
        (
            M::POST,
            format!("/users/{target}"),
            vec![("version", "1"), ("name", ""), ("role", "observer")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (M::POST, format!("/users/{target}/disable"), vec![], Fresh::UserVersion, [303, 303, 403, 403, 403]),
        (M::POST, format!("/users/{target}/enable"), vec![], Fresh::UserVersion, [303, 303, 403, 403, 403]),
        (M::POST, format!("/users/{target}/password-reset"), vec![], Fresh::No, [303, 303, 403, 403, 403]),
        (M::POST, format!("/users/{invited}/invitation"), vec![], Fresh::No, [303, 303, 403, 403, 403]),
        (M::POST, format!("/users/{target}/tokens/{{fresh}}/revoke"), vec![], Fresh::Token, [303, 303, 403, 403, 403]),
        (M::GET, "/rounds".into(), vec![], Fresh::No, [303, 200, 403, 403, 200]),
        (M::GET, format!("/rounds/{r}"), vec![], Fresh::No, [303, 200, 403, 403, 200]),
        (
            M::POST,
            format!("/rounds/{r}/check-ins/{ci}/extend"),
            vec![("version", "1"), (&due_field, "soon"), (&reason_field, "x")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (M::GET, "/schedule".into(), vec![], Fresh::No, [303, 200, 403, 403, 200]),
        (
            M::POST,
            "/schedule".into(),
            vec![("expression", "every day"), ("time_zone", "UTC")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (M::GET, "/outbox".into(), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::GET, format!("/outbox/{email}"), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::POST, "/outbox/{fresh}/retry".into(), vec![], Fresh::CancelledEmail, [303, 303, 403, 403, 403]),
        // Personal data: what is held about a person, its download, and erasure (unconfirmed here).
        (M::GET, "/people".into(), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::POST, "/people".into(), vec![("email", "not an address")], Fresh::No, [303, 422, 403, 403, 403]),
        (M::POST, "/people".into(), vec![("email", "anna@malmo.example")], Fresh::No, [303, 200, 403, 403, 403]),
        (M::POST, "/people/export".into(), vec![("email", "anna@malmo.example")], Fresh::No, [303, 200, 403, 403, 403]),
        (M::POST, "/people/erase".into(), vec![("email", "anna@malmo.example")], Fresh::No, [303, 422, 403, 403, 403]),
        // The mayor's office and the network.
        (M::GET, "/network".into(), vec![], Fresh::No, [303, 200, 403, 403, 200]),
        (M::GET, format!("/cities/{a}"), vec![], Fresh::No, [303, 200, 200, 403, 200]),
        (M::GET, format!("/cities/{a}/check-ins"), vec![], Fresh::No, [303, 200, 200, 403, 200]),
        (M::GET, format!("/cities/{a}/plans/new"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/cities/{a}/plans/new"),
            vec![("framework", "eurocities-integrating-cities"), ("title", ""), ("status", "draft")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/plans/{plan}/edit"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/plans/{plan}/edit"),
            vec![("version", "1"), ("title", ""), ("status", "adopted")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/plans/{plan}/actions/new"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/plans/{plan}/actions/new"),
            vec![
                ("commitment", "PM1"),
                ("title", ""),
                ("delivery", "direct"),
                ("status", "planned"),
                ("progress", "0"),
            ],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/actions/{act}"), vec![], Fresh::No, [303, 200, 200, 403, 200]),
        // Mutual learning: the search and the library are for anyone; a city's comparison for
        // its readers; its context form for its editors; the pairing view for the secretariat.
        (M::GET, "/actions".into(), vec![], Fresh::No, [200; 5]),
        (M::GET, "/actions?status=bogus".into(), vec![], Fresh::No, [422; 5]),
        (M::GET, "/good-practices".into(), vec![], Fresh::No, [200; 5]),
        (M::GET, "/good-practices.atom".into(), vec![], Fresh::No, [200; 5]),
        (M::GET, format!("/cities/{a}/learn"), vec![], Fresh::No, [303, 200, 200, 403, 200]),
        (M::GET, format!("/cities/{a}/context"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/cities/{a}/context"),
            vec![("version", "0"), ("population", "lots")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, "/network/pairing".into(), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::GET, format!("/actions/{act}/edit"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/actions/{act}/edit"),
            vec![
                ("version", "1"),
                ("commitment", "SP1"),
                ("title", ""),
                ("delivery", "direct"),
                ("status", "planned"),
                ("progress", "0"),
            ],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/actions/{act}/delete"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (M::POST, "/actions/{fresh}/delete".into(), vec![], Fresh::Action, [303, 303, 303, 403, 403]),
        (M::GET, format!("/check-ins/{ci}"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (
            M::POST,
            format!("/check-ins/{ci}"),
            vec![("version", "1"), ("intent", "draft"), (&progress_field, "150")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, "/account".into(), vec![], Fresh::No, [303, 200, 200, 200, 200]),
        (
            M::POST,
            "/account/password".into(),
            vec![("current", "wrong"), ("password", "a new long password"), ("confirm", "a new long password")],
            Fresh::No,
            [303, 422, 422, 422, 422],
        ),
        // Peer reviews: city A hosts, city B reviews.
        (M::GET, "/peer-reviews".into(), vec![], Fresh::No, [303, 200, 200, 200, 200]),
        (
            M::GET,
            "/peer-reviews/new?host=1&reviewers=2,999&commitments=SP1,XX1".into(),
            vec![],
            Fresh::No,
            [303, 200, 403, 403, 403],
        ),
        (
            M::POST,
            "/peer-reviews/new".into(),
            vec![("host_city_id", ""), ("framework", "eurocities-integrating-cities"), ("state", "planned")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (M::GET, format!("/peer-reviews/{review}"), vec![], Fresh::No, [303, 200, 200, 200, 200]),
        (M::GET, format!("/peer-reviews/{review}/edit"), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (
            M::POST,
            format!("/peer-reviews/{review}/edit"),
            vec![("version", "2"), ("state", "someday"), ("commitments", "SP1"), ("reviewing_city_ids", "{city_b}")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (
            M::POST,
            format!("/peer-reviews/{review}/recommendations"),
            vec![("commitment", "SP1"), ("text", "")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (
            M::POST,
            format!("/peer-reviews/{review}/agreement"),
            vec![("version", "2"), ("agreed", "yes")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (
            M::POST,
            format!("/recommendations/{rec}/response"),
            vec![(&response_field, "")],
            Fresh::No,
            [303, 422, 422, 403, 403],
        ),
        (M::GET, format!("/recommendations/{rec}/action"), vec![], Fresh::No, [303, 200, 200, 403, 403]),
        (M::POST, format!("/recommendations/{rec}/action"), vec![("title", "")], Fresh::No, [303, 422, 422, 403, 403]),
        // The outcomes report (drafts are the secretariat's alone).
        (M::GET, "/reports/manage".into(), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (
            M::POST,
            "/reports/manage".into(),
            vec![("framework", "eurocities-integrating-cities"), ("from", "someday"), ("to", "2026-12-31")],
            Fresh::No,
            [303, 422, 403, 403, 403],
        ),
        (M::GET, format!("/reports/manage/{report}"), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::GET, format!("/reports/manage/{report}/preview"), vec![], Fresh::No, [303, 200, 403, 403, 403]),
        (M::POST, format!("/reports/manage/{report}/compile"), vec![], Fresh::No, [303, 303, 403, 403, 403]),
        (
            M::POST,
            format!("/reports/manage/{report}/good-practices"),
            vec![("action_id", "{action}")],
            Fresh::No,
            [303, 303, 403, 403, 403],
        ),
        (
            M::POST,
            format!("/reports/manage/{report}/good-practices/{act}/remove"),
            vec![],
            Fresh::No,
            [303, 303, 403, 403, 403],
        ),
        (
            M::POST,
            format!("/reports/manage/{report}/publish"),
            vec![("changelog", "")],
            Fresh::No,
            [303, 303, 403, 403, 403],
        ),
    ];
    let mut failures = vec![];
    for (method, template, fields, fresh, expect) in &cases {
        for (i, browser) in b.all.iter().enumerate() {
            let mut fields: Vec<(&str, String)> = fields
                .iter()
                .map(|(k, v)| (*k, v.replace("{action}", &act.to_string()).replace("{city_b}", &w.city_b.to_string())))
                .collect();
            let path = match fresh {
                Fresh::No => template.clone(),
                Fresh::Contact => {
                    let temp = json!({"name": "Temp", "email": "temp@malmo.example"});
                    let id = app.create_contact(&w.secretariat, a, temp).await.id;
                    template.replace("{fresh}", &id.to_string())
                }
                Fresh::Token => template.replace("{fresh}", &token_for(&app, target, "table").await.0.to_string()),
                Fresh::CancelledEmail => template
                    .replace("{fresh}", &email_in_state(&app, "anna@malmo.example", "cancelled").await.to_string()),
                Fresh::Action => {
                    template.replace("{fresh}", &app.action(&w.secretariat, plan, "BU2", "planned").await.to_string())
                }
                Fresh::UserVersion => {
                    fields.push(("version", user_version(&app, target).await.to_string()));
                    template.clone()
                }
            };
            let p = if *method == M::GET {
                browser.get(&path).await
            } else {
                if i > 0 {
                    fields.push(("csrf_token", b.csrf[i].clone()));
                }
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                browser.post(&path, &pairs).await
            };
            if p.status != expect[i] {
                failures.push(format!("{method} {path} as {}: expected {}, got {}", ROLES[i], expect[i], p.status));
            }
            if i == 0 && *method == M::GET && expect[0] == 303 {
                let want = format!("/login?next={}", charter_tracker::pages::web::url_encode(&path));
                if p.location() != Some(want.as_str()) {
                    failures
                        .push(format!("GET {path} as anonymous: redirected to {:?}, expected {want}", p.location()));
                }
            }
            if p.status == 403 && p.text("h1") != "You cannot see or change this" {
                failures.push(format!("{method} {path} as {}: the 403 is not the refusal page", ROLES[i]));
            }
            if p.status == 422 && (p.errors().is_empty() || !p.title().starts_with("Error: ")) {
                failures.push(format!("{method} {path} as {}: 422 without an error summary", ROLES[i]));
            }
        }
    }
    assert!(failures.is_empty(), "{} cells differ:\n{}", failures.len(), failures.join("\n"));
    // Nothing the refused or mistaken forms sent was saved.
    assert_eq!(app.get_city(&w.secretariat, a).await.name, "Malmö");
    assert_eq!(app.list_cities(&w.secretariat).await.total, 2);
}

#[tokio::test]
async fn the_city_list_shows_signatures_and_public_pages_searches_names_in_any_case_and_has_pages() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let malmo = app
        .create_city(&sec, json!({"name": "Malmö", "country": "SE", "public": true, "signatures": [{"framework": "eurocities-integrating-cities", "signed_on": "2015-06-09"}]}))
        .await
        .id;
    let lodz = app.city(&sec, "Łódź", "PL").await;
    let b = app.browser_as(Role::Secretariat, None).await;

    let list = b.get("/cities").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.text("h1"), "Cities");
    assert_eq!(list.text("caption"), "Signatory cities (2)");
    let mut names = list.texts("tbody th[scope=row]");
    names.sort();
    assert_eq!(names, ["Malmö", "Łódź"]);
    let row = list.text(&format!("tr:has(a[href='/cities/{malmo}'])"));
    assert!(
        row.contains("Sweden")
            && row.contains("EUROCITIES Charter on Integrating Cities, 9 June 2015")
            && row.contains("Public"),
        "{row}"
    );
    let row = list.text(&format!("tr:has(a[href='/cities/{lodz}'])"));
    assert!(row.contains("Nothing signed yet") && row.contains("Not public"), "{row}");
    assert_eq!(list.attrs("a[href='/cities/new']", "href").len(), 1, "the secretariat can register a city");
    assert!(list.has("label[for=q]"));

    // Search ignores case beyond ASCII: ł finds Ł.
    let found = b.get("/cities?q=%C5%82%C3%B3d%C5%BA").await;
    assert_eq!(found.texts("tbody th[scope=row]"), ["Łódź"]);
    assert_eq!(found.text("caption"), "Cities whose name contains “łódź” (1)");
    assert_eq!(found.attrs("#q", "value"), ["łódź"], "the search is kept in the box");
    let none = b.get("/cities?q=Zürich").await;
    assert!(none.texts("main p").contains(&"No city’s name contains “Zürich”.".to_string()), "{}", none.body);

    // 52 cities: two pages of 50, the search carried over.
    for i in 0..50 {
        app.city(&sec, &format!("Town {i:02}"), "DE").await;
    }
    let first = b.get("/cities").await;
    assert_eq!(first.texts("tbody tr").len(), 50);
    assert_eq!(first.text(".pagination"), "Page 1 of 2 Next page");
    assert_eq!(first.attrs(".pagination a[rel=next]", "href"), ["/cities?page=2"]);
    let second = b.get("/cities?page=2").await;
    assert_eq!(second.texts("tbody tr").len(), 2);
    assert_eq!(second.attrs(".pagination a[rel=prev]", "href"), ["/cities"]);
    let towns = b.get("/cities?q=town").await;
    assert_eq!(towns.text("caption"), "Cities whose name contains “town” (50)");
    assert!(!towns.has(".pagination"), "50 fit on one page");
    assert_eq!(b.get("/cities?page=0").await.status, 400);

    // An editor sees their own city only, and may change it (as the API allows); an observer
    // reads, with no links to change anything.
    let editor = app.browser_as(Role::CityEditor, Some(lodz)).await;
    let theirs = editor.get("/cities").await;
    assert_eq!(theirs.texts("tbody th[scope=row]"), ["Łódź"]);
    assert_eq!(theirs.attrs("a[href$='/edit']", "href"), [format!("/cities/{lodz}/edit")]);
    assert!(!theirs.has("a[href='/cities/new']"));
    let observer = app.browser_as(Role::Observer, None).await;
    let read = observer.get("/cities").await;
    assert_eq!(read.text("caption"), "Signatory cities (52)");
    assert!(!read.has("a[href$='/edit']") && !read.has("a[href='/cities/new']"));
    assert!(read.has(&format!("a[href='/cities/{malmo}/contacts']")));
}

#[tokio::test]
async fn registering_and_changing_a_city_shows_errors_keeps_input_and_refuses_stale_and_expired_forms() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let b = app.browser_as(Role::Secretariat, None).await;
    let eic = "signed_on-eurocities-integrating-cities";

    let form = b.get("/cities/new").await;
    assert_eq!(form.status, 200);
    assert_eq!(form.text("h1"), "Register a signatory city");
    assert!(
        form.has("label[for=name]")
            && form.has("label[for=country]")
            && form.has(&format!("label[for={eic}]"))
            && form.has("label[for=signed_on-icc-lisbon-declaration]")
    );
    assert_eq!(form.text("fieldset:has(input[name=public]) legend"), "Should the city’s page be public?");
    // The country is chosen by its name in the page's language; the ISO code is sent.
    assert_eq!(form.text("#country option[value=SE]"), "Sweden");
    assert_eq!(form.attrs("#country option[selected]", "value"), [""], "nothing chosen yet");

    // Every mistake at once, summarised with links to the fields and shown beside each.
    let r = b
        .submit(
            "/cities/new",
            "/cities/new",
            &[("name", " "), ("country", "Sweden"), ("public", "yes"), (eic, "9 June 2015")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.title().starts_with("Error: Register a city"));
    assert_eq!(r.error_links(), ["#name", "#country", &format!("#{eic}")]);
    assert_eq!(r.errors()[1], "Choose a country");
    assert_eq!(r.text("#country-error"), format!("Error: {}", r.errors()[1]));
    assert_eq!(r.errors()[2], "The date the city signed EUROCITIES Charter on Integrating Cities must be a real date");
    assert!(r.attrs("#country option[selected]", "value").iter().all(|v| v.is_empty()), "no country was chosen");
    assert_eq!(r.attrs(&format!("#{eic}"), "value"), ["9 June 2015"]);
    assert_eq!(r.attrs("#country", "aria-invalid"), ["true"]);
    assert_eq!(r.attrs("input[name=public][checked]", "value"), ["yes"]);

    // Without the CSRF token nothing is saved, and the form comes back as typed.
    let r = b.post("/cities/new", &[("name", "Malmö"), ("country", "SE"), ("public", "yes")]).await;
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("This form had expired"), "{:?}", r.errors());
    assert_eq!(r.attrs("#name", "value"), ["Malmö"]);
    assert_eq!(app.list_cities(&sec).await.total, 0);

    let r = b
        .submit(
            "/cities/new",
            "/cities/new",
            &[
                ("name", "Malmö"),
                ("country", "se"),
                ("public", "yes"),
                (eic, "2015-06-09"),
                ("signed_on-icc-lisbon-declaration", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), Some("/cities"));
    assert_eq!(
        b.follow(&r).await.notice().unwrap(),
        "Malmö has been registered. Add its contacts so they receive check-in reminders."
    );
    let list = app.list_cities(&sec).await;
    let city = &list.items[0];
    assert_eq!((city.name.as_str(), city.country.as_str(), city.public), ("Malmö", "SE", true));
    assert_eq!(city.signatures, json!([{"framework": "eurocities-integrating-cities", "signed_on": "2015-06-09"}]));
    let id = city.id;
    let h = app.history(&sec, "cities", id).await;
    assert!(h[0].actor.starts_with("secretariat-"), "the history names the person signed in: {h:?}");

    let r = b.submit("/cities/new", "/cities/new", &[("name", "Malmö"), ("country", "SE"), ("public", "no")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.errors(), ["Name is already used by another city in SE: `Malmö`."]);

    // The edit form starts from what is saved.
    let edit = format!("/cities/{id}/edit");
    let page = b.get(&edit).await;
    assert_eq!(page.text("h1"), "Change the details of Malmö");
    assert_eq!(page.attrs("#name", "value"), ["Malmö"]);
    assert_eq!(page.attrs(&format!("#{eic}"), "value"), ["2015-06-09"]);
    assert_eq!(page.attrs("input[name=version]", "value"), ["1"]);
    assert_eq!(page.attrs("input[name=public][checked]", "value"), ["yes"]);

    // Someone changes the city meanwhile: saving the old version is refused, the typed values
    // are kept, and the form now carries the new version.
    app.update_city(&sec, id, json!({"version": 1, "public": false})).await;
    let csrf = page.csrf();
    let typed = [
        ("csrf_token", csrf.as_str()),
        ("version", "1"),
        ("name", "Malmö stad"),
        ("country", "SE"),
        ("public", "yes"),
        (eic, ""),
    ];
    let r = b.post(&edit, &typed).await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(
        r.errors()[0].starts_with("Someone else saved a change to this city after you opened this page"),
        "{:?}",
        r.errors()
    );
    assert_eq!(r.error_links(), ["#city-form"]);
    assert_eq!(r.attrs("#name", "value"), ["Malmö stad"]);
    assert_eq!(r.attrs("input[name=version]", "value"), ["2"]);
    assert_eq!(app.get_city(&sec, id).await.name, "Malmö");
    let again: Vec<(&str, &str)> = typed.iter().map(|&(k, v)| if k == "version" { (k, "2") } else { (k, v) }).collect();
    let r = b.post(&edit, &again).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(b.follow(&r).await.notice().unwrap(), "The details of Malmö stad have been saved.");
    let city = app.get_city(&sec, id).await;
    assert_eq!((city.name.as_str(), city.public, city.version), ("Malmö stad", true, 3));
    assert_eq!(city.signatures, json!([]), "an emptied date removes the signature");

    assert_eq!(b.get("/cities/999999/edit").await.status, 404);
}

#[tokio::test]
async fn a_city_editor_manages_their_contacts_and_an_observer_reads_them() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let a = app.city(&sec, "Malmö", "SE").await;
    let other = app.city(&sec, "Łódź", "PL").await;
    let foreign = app.create_contact(&sec, other, json!({"name": "Bogdan", "email": "bogdan@lodz.example"})).await.id;
    let editor_email = app.person(Role::CityEditor, Some(a), PASSWORD).await;
    let editor = WebClient::new(&app);
    editor.sign_in(&editor_email, PASSWORD).await;
    let list = format!("/cities/{a}/contacts");
    let new = format!("/cities/{a}/contacts/new");

    let empty = editor.get(&list).await;
    assert_eq!(empty.text("h1"), "Contacts in Malmö");
    assert!(empty.text("main").contains("Malmö has no contacts yet"));
    assert!(empty.has(&format!("a[href='{new}']")));
    let form = editor.get(&new).await;
    assert_eq!(form.attrs("#language", "value"), ["en"]);
    assert_eq!(form.attrs("input[name=receives_reminders][checked]", "value"), ["yes"]);

    let r = editor
        .submit(
            &new,
            &new,
            &[("name", ""), ("email", "anna(at)malmo"), ("language", "Swedish"), ("receives_reminders", "no")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#name", "#email", "#language"]);
    assert_eq!(r.errors()[1], "Enter an email address in the correct format, like name@example.org");
    assert_eq!(r.attrs("#language", "value"), ["Swedish"]);
    assert_eq!(r.attrs("input[name=receives_reminders][checked]", "value"), ["no"]);

    let r = editor
        .submit(
            &new,
            &new,
            &[
                ("name", "Anna Berg"),
                ("email", "Anna@Malmo.example"),
                ("language", "sv"),
                ("office_role", "Integration officer"),
                ("receives_reminders", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), Some(list.as_str()));
    let page = editor.follow(&r).await;
    assert_eq!(page.notice().unwrap(), "Anna Berg has been added to the contacts of Malmö.");
    assert_eq!(
        page.text("tbody tr"),
        "Anna Berg anna@malmo.example sv Integration officer No reminders Change Anna Berg Remove Anna Berg"
    );
    let saved = app.list_contacts(&sec, a).await;
    let anna = &saved[0];
    assert_eq!(
        (anna.email.as_str(), anna.language.as_str(), anna.receives_reminders),
        ("anna@malmo.example", "sv", false)
    );
    let id = anna.id;
    let h = app.history(&sec, "contacts", id).await;
    assert_eq!(h[0].actor, editor_email);

    // A stale version is refused; the fresh one saves.
    let edit = format!("/cities/{a}/contacts/{id}/edit");
    let page = editor.get(&edit).await;
    assert_eq!(page.attrs("#email", "value"), ["anna@malmo.example"]);
    assert_eq!(page.attrs("input[name=version]", "value"), ["1"]);
    app.update_contact(&sec, id, json!({"version": 1, "language": "en"})).await;
    let csrf = page.csrf();
    let fields = |v: &'static str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("version", v.to_string()),
            ("name", "Anna Berg".into()),
            ("email", "anna@malmo.example".into()),
            ("language", "sv".into()),
            ("office_role", "Head of integration".into()),
            ("receives_reminders", "yes".into()),
        ]
    };
    let send = |f: Vec<(&'static str, String)>| {
        let e = &editor;
        let edit = edit.clone();
        async move { e.post(&edit, &f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>()).await }
    };
    let r = send(fields("1")).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.attrs("input[name=version]", "value"), ["2"]);
    assert_eq!(r.attrs("#office_role", "value"), ["Head of integration"]);
    let r = send(fields("2")).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let anna = app.list_contacts(&sec, a).await[0].clone();
    assert_eq!((anna.office_role.as_str(), anna.receives_reminders, anna.version), ("Head of integration", true, 3));

    // Another city's contact is not found under this city; another city is refused.
    assert_eq!(editor.get(&format!("/cities/{a}/contacts/{foreign}/edit")).await.status, 404);
    assert_eq!(editor.get(&format!("/cities/{other}/contacts")).await.status, 403);

    // An observer reads the list without names and email addresses, with nothing to change.
    let observer = app.browser_as(Role::Observer, None).await;
    let read = observer.get(&list).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.texts("tbody th[scope=row]"), ["Head of integration"]);
    assert!(!read.body.contains("Anna Berg") && !read.body.contains("@malmo.example"), "{}", read.body);
    assert!(read.text("main").contains("Names and email addresses are personal data"));
    assert!(!read.has("a[href$='/edit']") && !read.has(&format!("a[href='{new}']")));

    // Removing asks first; an expired form removes nothing.
    let remove = format!("/cities/{a}/contacts/{id}/remove");
    let confirm = editor.get(&remove).await;
    assert_eq!(confirm.text("h1"), "Remove Anna Berg from the contacts of Malmö?");
    assert_eq!(confirm.text("#remove-form button"), "Remove the contact");
    let r = editor.post(&remove, &[("csrf_token", "stale")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(app.list_contacts(&sec, a).await.len(), 1);
    let r = editor.post(&remove, &[("csrf_token", &confirm.csrf())]).await;
    assert_eq!(r.status, 303);
    assert!(editor
        .follow(&r)
        .await
        .notice()
        .unwrap()
        .starts_with("Anna Berg has been removed from the contacts of Malmö."));
    assert!(app.list_contacts(&sec, a).await.is_empty());
}

#[tokio::test]
async fn an_invited_user_chooses_a_password_and_signs_in() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let a = app.city(&sec, "Malmö", "SE").await;
    let b = app.browser_as(Role::Secretariat, None).await;

    let form = b.get("/users/new").await;
    assert_eq!(form.text("fieldset:has(input[name=role]) legend"), "Role");
    assert_eq!(form.texts("#city option"), ["No city (not a city editor)", "Malmö"]);
    let r = b
        .submit("/users/new", "/users/new", &[("name", ""), ("email", "per"), ("role", "city-editor"), ("city", "")])
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#name", "#email", "#city"]);
    assert_eq!(r.errors()[2], "City is not chosen: a city editor works for one city; choose it.");
    assert_eq!(r.attrs("input[name=role][checked]", "value"), ["city-editor"]);
    let r = b
        .submit(
            "/users/new",
            "/users/new",
            &[("name", "Per Olsson"), ("email", "per@malmo.example"), ("role", "observer"), ("city", &a.to_string())],
        )
        .await;
    assert_eq!(r.error_links(), ["#city"]);
    assert_eq!(r.attrs("#city option[selected]", "value"), [a.to_string()]);
    let r = b
        .post(
            "/users/new",
            &[
                ("name", "Per Olsson"),
                ("email", "per@malmo.example"),
                ("role", "city-editor"),
                ("city", &a.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, 422, "no CSRF token");
    assert_eq!(r.error_links(), ["#user-form"]);
    assert_eq!(r.attrs("#email", "value"), ["per@malmo.example"]);
    assert!(app.outbox_of("invitation").await.is_empty());
    assert!(on_db(&app, |c| charter_tracker::auth::store::by_email(c, "per@malmo.example").unwrap()).await.is_none());

    let r = b
        .submit(
            "/users/new",
            "/users/new",
            &[
                ("name", "Per Olsson"),
                ("email", "Per@Malmo.example"),
                ("role", "city-editor"),
                ("city", &a.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = id_in(&r);
    let page = b.follow(&r).await;
    assert_eq!(
        page.notice().unwrap(),
        "Per Olsson has been invited. An email is on its way to per@malmo.example with a link to choose a password; the link works for 7 days."
    );
    assert_eq!(page.text("h1"), "Per Olsson");
    assert_eq!(page.text(".summary-list"), format!("Email address per@malmo.example Role City editor City Malmö State Invited, no password yet Account created {}", charter_tracker::i18n::date(Utc::now().date_naive(), "en")));
    let r = b
        .submit(
            "/users/new",
            "/users/new",
            &[("name", "Per again"), ("email", "per@malmo.example"), ("role", "observer"), ("city", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("Email address per@malmo.example already has an account."), "{:?}", r.errors());

    // The invitation email's link lets Per choose a password; then Per signs in as usual.
    let mails = app.outbox_of("invitation").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "per@malmo.example");
    assert!(mails[0].1.contains("Per Olsson"), "{}", mails[0].1);
    let link = path_in(&mails[0].1, "/password/");
    let per = WebClient::new(&app);
    assert_eq!(per.get(&link).await.text("h1"), "Choose your password");
    let r = per.submit(&link, &link, &[("password", "Per's own password"), ("confirm", "Per's own password")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), Some(format!("/cities/{a}").as_str()), "a city editor lands on their city");
    let fresh = WebClient::new(&app);
    fresh.sign_in("per@malmo.example", "Per's own password").await;
    assert!(fresh.get("/account").await.text(".user-box").contains("Per Olsson"));
    let list = b.get("/users").await;
    assert_eq!(
        list.text(&format!("tr:has(a[href='/users/{id}'])")),
        "Per Olsson per@malmo.example City editor Malmö Active"
    );

    // Inviting again is refused once the password is chosen (a reset link is what they need).
    let page = b.get(&format!("/users/{id}")).await;
    assert!(!page.has(&format!("form[action='/users/{id}/invitation']")));
    let r = b.post(&format!("/users/{id}/invitation"), &[("csrf_token", &page.csrf())]).await;
    assert_eq!(r.status, 409);
    assert_eq!(
        r.errors(),
        ["Per Olsson is not waiting for an invitation (they have a password); send a password reset link instead."]
    );
    assert_eq!(app.outbox_of("invitation").await.len(), 1);
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_and_stops_their_tokens() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let a = app.city(&sec, "Malmö", "SE").await;
    let email = app.person(Role::Observer, None, PASSWORD).await;
    let id = user_id(&app, &email).await;
    let (token_id, token) = token_for(&app, id, "spreadsheet").await;
    let them = WebClient::new(&app);
    them.sign_in(&email, PASSWORD).await;
    assert_eq!(app.get("/api/v1/me", &token).await.status, 200);
    let admin_email = app.person(Role::Secretariat, None, PASSWORD).await;
    let b = WebClient::new(&app);
    b.sign_in(&admin_email, PASSWORD).await;

    let page = b.get(&format!("/users/{id}")).await;
    assert_eq!(page.texts("#tokens + .table-wrap tbody th"), ["spreadsheet"]);
    assert_eq!(page.text("#tokens + .table-wrap tbody .tag"), "Active");
    assert_eq!(page.text("#tokens + .table-wrap tbody button"), "Revoke the token spreadsheet");
    let version =
        page.attrs(&format!("form[action='/users/{id}/disable'] input[name=version]"), "value").pop().unwrap();
    assert_eq!(version, "1");
    let r =
        b.post(&format!("/users/{id}/disable"), &[("csrf_token", "from another session"), ("version", &version)]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#access-form"]);
    assert_eq!(them.get("/account").await.status, 200, "an expired form disables nothing");
    let r = b.post(&format!("/users/{id}/disable"), &[("csrf_token", &page.csrf()), ("version", &version)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = b.follow(&r).await;
    assert_eq!(page.notice().unwrap(), format!("The account of {email} is disabled: they have been signed out everywhere, and their API tokens no longer work."));
    assert_eq!(page.text(".summary-list .tag"), "Disabled");
    assert_eq!(them.get("/account").await.status, 303, "their session has ended");
    app.get("/api/v1/me", &token).await.assert_problem(401, None);
    assert_eq!(
        WebClient::new(&app).submit("/login", "/login", &[("email", &email), ("password", PASSWORD)]).await.status,
        401
    );
    let sessions: i64 = on_db(&app, move |c| {
        charter_tracker::db::schema::sessions::table
            .filter(charter_tracker::db::schema::sessions::user_id.eq(id))
            .count()
            .get_result(c)
            .unwrap()
    })
    .await;
    assert_eq!(sessions, 0);

    // A stale version (the page before disabling) is refused; the current one enables.
    let r = b.post(&format!("/users/{id}/enable"), &[("csrf_token", &page.csrf()), ("version", "1")]).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.error_links(), ["#access-form"]);
    let r = b.post(&format!("/users/{id}/enable"), &[("csrf_token", &page.csrf()), ("version", "2")]).await;
    assert_eq!(r.status, 303);
    assert_eq!(
        app.get("/api/v1/me", &token).await.status,
        200,
        "enabled again, an unrevoked token works again (as the page says)"
    );

    // Revoking a token from the account page stops it for good.
    let r = b.post(&format!("/users/{id}/tokens/{token_id}/revoke"), &[("csrf_token", &page.csrf())]).await;
    assert_eq!(r.status, 303);
    assert_eq!(
        b.follow(&r).await.notice().unwrap(),
        "The token “spreadsheet” has been revoked: programs using it can no longer reach the API."
    );
    app.get("/api/v1/me", &token).await.assert_problem(401, None);
    assert_eq!(
        b.post(&format!("/users/{id}/tokens/{token_id}/revoke"), &[("csrf_token", &page.csrf())]).await.status,
        404
    );

    // A password reset link by email.
    let r = b.post(&format!("/users/{id}/password-reset"), &[("csrf_token", &page.csrf())]).await;
    assert_eq!(r.status, 303);
    assert!(b
        .follow(&r)
        .await
        .notice()
        .unwrap()
        .starts_with(&format!("A link to choose a new password has been sent to {email}. It works for 60 minutes")));
    assert_eq!(
        app.outbox_of("password_reset").await.iter().map(|m| m.0.clone()).collect::<Vec<_>>(),
        std::slice::from_ref(&email)
    );

    // Name, role and city: the change applies to the API at once.
    let r = b
        .post(
            &format!("/users/{id}"),
            &[
                ("csrf_token", &page.csrf()),
                ("version", "3"),
                ("name", "Eva Ek"),
                ("role", "city-editor"),
                ("city", &a.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let me = app.get("/api/v1/me", &token_for(&app, id, "new").await.1).await.body;
    assert_eq!((me["role"].as_str(), me["city_id"].as_i64()), (Some("city-editor"), Some(a)));
    let r = b
        .post(
            &format!("/users/{id}"),
            &[("csrf_token", &page.csrf()), ("version", "3"), ("name", "Eva"), ("role", "observer"), ("city", "")],
        )
        .await;
    assert_eq!(r.status, 409, "the version moved on");
    assert_eq!(r.attrs("#name", "value"), ["Eva"], "what was typed is kept");

    // Nobody disables their own account or changes their own role.
    let me_id = user_id(&app, &admin_email).await;
    let v = user_version(&app, me_id).await.to_string();
    let r = b.post(&format!("/users/{me_id}/disable"), &[("csrf_token", &page.csrf()), ("version", &v)]).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.errors(), ["You cannot disable your own account; ask another member of the secretariat."]);
    let r = b
        .post(
            &format!("/users/{me_id}"),
            &[("csrf_token", &page.csrf()), ("version", &v), ("name", "Me"), ("role", "observer"), ("city", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#role"]);
    assert_eq!(b.get("/account").await.status, 200);
}

#[tokio::test]
async fn rounds_show_how_cities_stand_and_the_secretariat_extends_a_due_date() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.tick(at("2027-01-01T06:00:00Z"), files(&app)).await;
    app.clock.set(at("2027-01-10T10:00:00Z"));
    let round = app.list_rounds(&w.secretariat).await.items[0].id;
    let ci_a = app.check_in_of(&w.secretariat, round, w.city_a).await.id;
    let ci_b = app.check_in_of(&w.secretariat, round, w.city_b).await.id;
    // City B saves a draft.
    app.save_draft(&w.editor_b, ci_b, json!({"version": 1, "content": {}})).await;
    let b = app.browser_as(Role::Secretariat, None).await;

    let page = b.get("/rounds").await;
    assert_eq!(page.text("h1"), "Check-in rounds");
    assert_eq!(page.text("tbody tr"), "Q4 2026 1 October 2026 to 31 December 2026 30 January 2027 Open 0 0 0 1 1 0");
    assert_eq!(
        page.texts("thead th"),
        ["Round", "Period", "Due", "State", "On time", "Late", "Missed", "Not started", "Draft saved", "To review"]
    );

    let path = format!("/rounds/{round}");
    let page = b.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.text("h1"), "Check-ins for Q4 2026");
    fn row(p: &Page, city: i64) -> String {
        let css = format!("tbody tr:has(a[href='/cities/{city}'])");
        p.texts(&css).pop().unwrap_or_else(|| panic!("nothing matches {css} in ({}):\n{}", p.status, p.body))
    }
    assert_eq!(
        row(&page, w.city_a),
        "Malmö Not started 30 January 2027 Not yet Extend the due date for Malmö Contacts in Malmö"
    );
    assert_eq!(
        row(&page, w.city_b),
        "Łódź Draft saved 30 January 2027 Not yet Extend the due date for Łódź Contacts in Łódź"
    );
    assert_eq!(page.attrs("form[id^=extend-]", "id"), [format!("extend-{ci_a}"), format!("extend-{ci_b}")]);
    let form = format!("#extend-{ci_a}");
    assert_eq!(page.text(&format!("{form} legend")), "Malmö, due 30 January 2027");
    let (due, reason) = (format!("due_date-{ci_a}"), format!("reason-{ci_a}"));
    assert!(page.has(&format!("label[for='{due}']")) && page.has(&format!("label[for='{reason}']")));

    // Mistakes are shown beside that city's fields, with what was typed.
    let extend = format!("/rounds/{round}/check-ins/{ci_a}/extend");
    let csrf = page.csrf();
    let r = b.post(&extend, &[("csrf_token", &csrf), ("version", "1"), (&due, "2027-01-15"), (&reason, " ")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), [format!("#{due}"), format!("#{reason}")]);
    assert_eq!(
        r.errors()[0],
        "New due date for Malmö 2027-01-15 is not after the current due date 2027-01-30. Accepted: a later date."
    );
    assert_eq!(r.errors()[1], "Enter reason for the extension for Malmö");
    assert_eq!(r.attrs(&format!("#{due}"), "value"), ["2027-01-15"]);
    assert_eq!(r.text(&format!("#{due}-error")), format!("Error: {}", r.errors()[0]));
    assert!(!r.has(&format!("#due_date-{ci_b}-error")), "the other city's form has no error");
    let r = b
        .post(&extend, &[("csrf_token", &csrf), ("version", "1"), (&due, "20/02/2027"), (&reason, "Council elections")])
        .await;
    assert_eq!(r.error_links(), [format!("#{due}")]);
    let r = b.post(&extend, &[("version", "1"), (&due, "2027-02-20"), (&reason, "Council elections")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), [format!("#extend-{ci_a}")]);
    assert_eq!(r.attrs(&format!("#{reason}"), "value"), ["Council elections"]);

    let r = b
        .post(&extend, &[("csrf_token", &csrf), ("version", "1"), (&due, "2027-02-20"), (&reason, "Council elections")])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = b.follow(&r).await;
    assert_eq!(
        page.notice().unwrap(),
        "Malmö now has until 20 February 2027 to submit its check-in. Its reminders follow the new date."
    );
    assert_eq!(row(&page, w.city_a), "Malmö Extended 20 February 2027 Extended: Council elections Not yet Extend the due date for Malmö Contacts in Malmö");
    let api = app.get_check_in(&w.secretariat, ci_a).await.check_in;
    assert_eq!((api.due_date.as_str(), api.state.as_str()), ("2027-02-20", "extended"));
    // The form still showing version 1 is stale now.
    let r =
        b.post(&extend, &[("csrf_token", &csrf), ("version", "1"), (&due, "2027-02-25"), (&reason, "More time")]).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.attrs("input[name=version]", "value")[0], "2", "the re-shown form carries the current version");
    assert_eq!(app.get_check_in(&w.secretariat, ci_a).await.check_in.due_date, "2027-02-20");
    // An observer reads the round without the forms.
    let observer = app.browser_as(Role::Observer, None).await;
    let read = observer.get(&path).await;
    assert_eq!(read.status, 200);
    assert!(!read.has("form[id^=extend-]") && !read.has("a[href^='#extend-']"));

    // The secretariat's emails link to this page, not to the JSON API.
    app.tick(at("2027-02-01T06:00:00Z"), files(&app)).await;
    let digest = app.outbox_of("escalation_digest").await;
    assert!(!digest.is_empty());
    assert!(
        digest.iter().all(|(_, body)| body.contains(&format!("{}/rounds/{round}\n", app.settings.public_base()))
            && !body.contains("/api/v1")),
        "{digest:?}"
    );
    let b = app.browser_as(Role::Secretariat, None).await; // three weeks later: signed in again
    let overdue = b.get(&path).await;
    assert_eq!(
        row(&overdue, w.city_b),
        "Łódź Draft saved, overdue 30 January 2027 Not yet Extend the due date for Łódź Contacts in Łódź"
    );
    app.tick(at("2027-04-01T06:00:00Z"), files(&app)).await;
    let closed = app.outbox_of("round_closed").await;
    assert!(
        !closed.is_empty()
            && closed.iter().all(|(_, body)| body.contains(&format!("/rounds/{round}")) && !body.contains("/api/v1"))
    );
    let b = app.browser_as(Role::Secretariat, None).await;
    let page = b.get(&path).await;
    assert_eq!(
        row(&page, w.city_a),
        "Malmö Missed 20 February 2027 Extended: Council elections Not yet Contacts in Malmö"
    );
    assert!(!page.has("form[id^=extend-]"), "a closed round cannot be extended");
    let list = b.get("/rounds").await;
    assert_eq!(list.texts("tbody tr").len(), 2);
    assert_eq!(
        list.texts("tbody tr")[1],
        "Q4 2026 1 October 2026 to 31 December 2026 30 January 2027 Closed 0 0 2 0 0 0"
    );
}

#[tokio::test]
async fn the_schedule_page_shows_the_next_rounds_and_refuses_a_bad_schedule_naming_the_field() {
    let app = TestApp::spawn().await;
    app.clock.set(at("2026-11-24T10:00:00Z"));
    let b = app.browser_as(Role::Secretariat, None).await;
    let page = b.get("/schedule").await;
    assert_eq!(page.text("h1"), "Check-in schedule");
    assert_eq!(
        page.text(".summary-list"),
        "Schedule 0 0 1 1,4,7,10 * Time zone Europe/Brussels Set by The configuration file ( check_ins.schedule )"
    );
    assert_eq!(
        page.texts("main ol li"),
        [
            "1 January 2027, 00:00 (Europe/Brussels)",
            "1 April 2027, 00:00 (Europe/Brussels)",
            "1 July 2027, 00:00 (Europe/Brussels)",
            "1 October 2027, 00:00 (Europe/Brussels)",
            "1 January 2028, 00:00 (Europe/Brussels)"
        ]
    );
    let r = b.submit("/schedule", "/schedule", &[("expression", "0 0 32 * *"), ("time_zone", "Europe/Brussels")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#expression"]);
    assert!(r.errors()[0].starts_with("The schedule `0 0 32 * *` is not a valid cron expression"), "{:?}", r.errors());
    assert_eq!(r.attrs("#expression", "value"), ["0 0 32 * *"]);
    let r = b.submit("/schedule", "/schedule", &[("expression", "0 9 1 * *"), ("time_zone", "Europe/Atlantis")]).await;
    assert_eq!(r.error_links(), ["#time_zone"]);
    assert_eq!(
        r.errors(),
        ["The time zone `Europe/Atlantis` is not a known IANA time zone (for example Europe/Brussels)."]
    );
    let r = b.post("/schedule", &[("expression", "0 9 1 * *"), ("time_zone", "Europe/Warsaw")]).await;
    assert_eq!(r.status, 422, "no CSRF token");
    assert_eq!(r.attrs("#time_zone", "value"), ["Europe/Warsaw"]);

    let r = b.submit("/schedule", "/schedule", &[("expression", "0 9 1 * *"), ("time_zone", "Europe/Warsaw")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = b.follow(&r).await;
    assert_eq!(
        page.notice().unwrap(),
        "The check-in schedule has been changed. The next round opens on 1 December 2026, 09:00 (Europe/Warsaw)."
    );
    assert!(page.text(".summary-list").contains("Set by The network secretariat, on this page"));
    let sec = app.token(Role::Secretariat, None).await;
    let s = app.get_schedule(&sec).await;
    assert_eq!(
        (s.expression.as_str(), s.time_zone.as_str(), s.source.as_str()),
        ("0 9 1 * *", "Europe/Warsaw", "secretariat")
    );
    let observer = app.browser_as(Role::Observer, None).await;
    let read = observer.get("/schedule").await;
    assert_eq!(read.status, 200);
    assert!(!read.has("#schedule-form"));
}

#[tokio::test]
async fn the_outbox_lists_emails_by_state_shows_one_and_retries_a_failed_one() {
    let app = TestApp::spawn().await;
    let failed = email_in_state(&app, "anna@malmo.example", "failed").await;
    let sent = email_in_state(&app, "bogdan@lodz.example", "sent").await;
    for i in 0..50 {
        email_in_state(&app, &format!("person{i}@city.example"), "queued").await;
    }
    let b = app.browser_as(Role::Secretariat, None).await;

    let all = b.get("/outbox").await;
    assert_eq!(all.text("caption"), format!("Every email (52, newest first; times in {})", "Europe/Brussels"));
    assert_eq!(all.texts("tbody tr").len(), 50);
    assert_eq!(all.attrs(".pagination a[rel=next]", "href"), ["/outbox?page=2"]);
    assert_eq!(all.attrs(".filter-list a[aria-current=page]", "href"), ["/outbox"]);
    let page2 = b.get("/outbox?page=2").await;
    assert_eq!(page2.texts("tbody tr").len(), 2);

    let list = b.get("/outbox?status=failed").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.text("caption"), "Failed emails (1, newest first; times in Europe/Brussels)");
    assert_eq!(list.attrs(".filter-list a[aria-current=page]", "href"), ["/outbox?status=failed"]);
    let row = list.text("tbody tr");
    assert!(
        row.starts_with(
            "Q2 2026 Charter check-in for Malmö: please update by 30 June 2026 To anna, anna@malmo.example Check-in round opened"
        ),
        "{row}"
    );
    assert!(
        row.contains("Check-in round opened Failed 8 attempts Last error: 550 5.1.1 mailbox unavailable Last changed "),
        "{row}"
    );
    assert_eq!(b.get("/outbox?status=lost").await.status, 400);

    let page = b.get(&format!("/outbox/{failed}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.text(".summary-list").contains("State Failed Attempts 8 Last error 550 5.1.1 mailbox unavailable"),
        "{}",
        page.text(".summary-list")
    );
    assert!(page.text("pre.email-text").contains("https://tracker.example/check-ins/42"), "the text body is shown");
    assert_eq!(page.text("#retry-form button"), "Retry sending the email");
    let r = b.post(&format!("/outbox/{failed}/retry"), &[]).await;
    assert_eq!(r.status, 422, "no CSRF token");
    let r = b.post(&format!("/outbox/{failed}/retry"), &[("csrf_token", &page.csrf())]).await;
    assert_eq!(r.status, 303);
    let page = b.follow(&r).await;
    assert_eq!(
        page.notice().unwrap(),
        "The email to anna@malmo.example has been queued again and will be sent within a few minutes."
    );
    assert_eq!(page.text(".summary-list .tag"), "Queued");
    assert!(!page.has("#retry-form"));
    let (status, attempts): (String, i32) = on_db(&app, move |c| {
        use charter_tracker::db::schema::outbox;
        outbox::table.find(failed).select((outbox::status, outbox::attempts)).first(c).unwrap()
    })
    .await;
    assert_eq!((status.as_str(), attempts), ("queued", 0));

    // A sent email offers no retry, and a retry sent anyway is refused with the reason.
    let page = b.get(&format!("/outbox/{sent}")).await;
    assert!(!page.has("#retry-form"));
    let r = b.post(&format!("/outbox/{sent}/retry"), &[("csrf_token", &page.csrf())]).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.errors(), [format!("Email {sent} is sent: it was already sent; retrying would send it twice; only failed or cancelled emails can be queued again.")]);
    assert_eq!(b.get("/outbox/999999").await.status, 404);
}
