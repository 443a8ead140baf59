//! Personal data: the privacy page, export of everything held about a person, and erasure
//! (names and addresses replaced by a pseudonym everywhere, plans, actions and reports intact).

use crate::helpers::{TestApp, World, CHARTER};
use charter_tracker::auth::Role;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use reqwest::Method;
use serde_json::{json, Value};

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    t: String,
    #[diesel(sql_type = Text)]
    c: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Every (table, column) of the database holding `needle`, found by walking the catalog.
async fn where_in_database(app: &TestApp, needle: &str) -> Vec<String> {
    let (pool, postgres, needle) = (app.pool.clone(), app.database_url.starts_with("postgres"), needle.to_string());
    tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().unwrap();
        let columns: Vec<Column> = if postgres {
            diesel::sql_query(
                "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public'",
            )
            .load(&mut conn)
            .unwrap()
        } else {
            diesel::sql_query(
                "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
            )
            .load(&mut conn)
            .unwrap()
        };
        assert!(columns.iter().any(|x| x.t == "outbox" && x.c == "body_html"), "the catalog walk sees the schema");
        let mut found = vec![];
        for Column { t, c } in columns {
            let cast = if postgres && t == "report_outputs" && c == "body" {
                format!("convert_from(\"{c}\", 'UTF8')")
            } else {
                format!("CAST(\"{c}\" AS TEXT)")
            };
            let q = format!("SELECT COUNT(*) AS n FROM \"{t}\" WHERE {cast} LIKE '%{needle}%'");
            let n = diesel::sql_query(q).get_result::<Count>(&mut conn).map(|r| r.n).unwrap_or(0);
            if n > 0 {
                found.push(format!("{t}.{c} ({n} rows)"));
            }
        }
        found
    })
    .await
    .unwrap()
}

/// The published report's files, as bytes.
async fn report_bytes(app: &TestApp) -> Vec<(String, Vec<u8>)> {
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::report_outputs;
        let mut c = pool.get().unwrap();
        report_outputs::table
            .order((report_outputs::version_id, report_outputs::name))
            .select((report_outputs::name, report_outputs::body))
            .load(&mut c)
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_privacy_page_says_what_is_kept_and_is_linked_from_every_page() {
    let app = TestApp::spawn().await;
    let page = app.client.get(format!("{}/privacy", app.address)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for words in ["Cities’ contacts", "Emails sent", "365 days", "Sign-in records", "History of changes", "secretariat"]
    {
        assert!(html.contains(words), "{words} missing");
    }
    assert!(html.contains("href=\"/privacy\""), "the footer links the page");
}

#[tokio::test]
async fn a_person_is_exported_then_erased_everywhere_and_plans_and_reports_stay() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    // Anna is named as the author of a check-in (and its changes) and in her contact's history.
    let version = app.check_in_link(&open.token_a).await.check_in.version;
    let content = json!({"actions": [{"action_id": w.action_a, "progress": 60}]});
    app.submit_by_link(&open.token_a, json!({"version": version, "content": content})).await;
    let contact = app.list_contacts(&w.secretariat, w.city_a).await;
    let v = contact.iter().find(|c| c.id == w.contact_a).unwrap().version;
    let path = format!("/api/v1/contacts/{}", w.contact_a);
    app.patch(&path, &w.secretariat, json!({"version": v, "office_role": "Integration officer"})).await.expect(200);
    let year = chrono::Datelike::year(&app.clock.now());
    let report = app
        .compile_report(&w.secretariat, CHARTER, &format!("{year}-01-01"), &format!("{year}-12-31"))
        .await
        .compiled
        .report_id;
    app.publish_report(&w.secretariat, report, None).await;
    // The secretariat's digest of late cities names contacts without their address.
    let digest = app.enqueue_email("digest/1", "digest@network.example", "en", app.clock.now()).await.unwrap();
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::outbox;
        diesel::update(outbox::table.find(digest))
            .set((
                outbox::body_text.eq("- Malmö: 3 days late. Contacts: Anna Berg"),
                outbox::body_html.eq("<li>Malmö: 3 days late. Contacts: Anna Berg</li>"),
            ))
            .execute(&mut pool.get().unwrap())
            .unwrap();
    })
    .await
    .unwrap();
    let published = report_bytes(&app).await;
    assert!(!published.is_empty());
    let plan = app.get(&format!("/api/v1/plans/{}", w.plan_a), &w.secretariat).await.body;
    let action = app.get(&format!("/api/v1/actions/{}", w.action_a), &w.secretariat).await.body;
    assert!(!where_in_database(&app, "anna@malmo.example").await.is_empty());

    // Export: the contact, the emails sent to her, her history.
    let anna = json!({"email": "Anna@Malmo.example"});
    let export = app.post("/api/v1/people/export", &w.secretariat, anna.clone()).await.expect(200).body;
    assert_eq!(export["email"], "anna@malmo.example");
    assert_eq!(export["contacts"][0]["name"], "Anna Berg");
    assert!(!export["emails"].as_array().unwrap().is_empty());
    assert!(export["emails"][0]["subject"].as_str().is_some());
    let history = export["history"].as_array().unwrap();
    assert!(history.iter().any(|h| h["object_kind"] == "contact"), "{history:?}");
    assert!(history.iter().any(|h| h["actor"].as_str().unwrap().contains("emailed link")), "{history:?}");
    assert!(!export["check_in_links"].as_array().unwrap().is_empty());
    let mentions = export["mentions"].as_array().unwrap();
    assert!(mentions.iter().any(|m| m["column"] == "submitted_by"), "{mentions:?}");
    assert!(
        mentions.iter().any(|m| m["table"] == "outbox" && m["key"].as_str() == Some(digest.to_string().as_str())),
        "{mentions:?}"
    );
    // Nobody but the secretariat, and nothing unconfirmed.
    for token in [&w.editor_a, &w.editor_b, &w.observer] {
        app.post("/api/v1/people/export", token, anna.clone()).await.assert_problem(403, None);
        let body = json!({"email": "anna@malmo.example", "confirm": true});
        app.post("/api/v1/people/erase", token, body).await.assert_problem(403, None);
    }
    app.request(Method::POST, "/api/v1/people/erase", None, Some(&anna)).await.assert_problem(401, None);
    app.post("/api/v1/people/erase", &w.secretariat, anna.clone()).await.assert_problem(422, Some("confirm"));
    let bad = json!({"email": "not an address", "confirm": true});
    app.post("/api/v1/people/erase", &w.secretariat, bad).await.assert_problem(422, Some("email"));
    assert_eq!(app.list_contacts(&w.secretariat, w.city_a).await.len(), 1);

    // Erase.
    let body = json!({"email": "anna@malmo.example", "confirm": true});
    let done = app.post("/api/v1/people/erase", &w.secretariat, body.clone()).await.expect(200).body;
    let pseudonym = format!("erased contact {}", w.contact_a);
    assert_eq!(done["pseudonym"], pseudonym.as_str());
    assert_eq!(done["contacts_deleted"], 1);
    assert_eq!(where_in_database(&app, "anna@malmo.example").await, Vec::<String>::new());
    assert_eq!(where_in_database(&app, "Anna Berg").await, Vec::<String>::new());
    assert!(!where_in_database(&app, &pseudonym).await.is_empty());
    assert!(app.list_contacts(&w.secretariat, w.city_a).await.is_empty());
    let check_ins = app.get(&format!("/api/v1/cities/{}/check-ins", w.city_a), &w.secretariat).await.body;
    assert!(check_ins.to_string().contains(&format!("{pseudonym} (emailed link)")), "{check_ins}");
    // Plans, actions and the published report are as they were.
    assert_eq!(app.get(&format!("/api/v1/plans/{}", w.plan_a), &w.secretariat).await.body, plan);
    assert_eq!(app.get(&format!("/api/v1/actions/{}", w.action_a), &w.secretariat).await.body, action);
    assert_eq!(report_bytes(&app).await, published);
    // Nothing is left: a second erasure and an export are 404.
    app.post("/api/v1/people/erase", &w.secretariat, body).await.assert_problem(404, None);
    app.post("/api/v1/people/export", &w.secretariat, anna).await.assert_problem(404, None);
}

#[tokio::test]
async fn an_erased_user_is_deleted_with_their_tokens_and_named_by_a_pseudonym() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let token = app.token(Role::CityEditor, Some(w.city_a)).await;
    let me: Value = app.get("/api/v1/me", &token).await.expect(200).body;
    let email = me["email"].as_str().unwrap().to_string();
    let id = me["user_id"].as_i64().unwrap();
    app.action(&token, w.plan_a, "PM1", "planned").await;
    let export = app.post("/api/v1/people/export", &w.secretariat, json!({"email": email})).await.expect(200).body;
    assert_eq!(export["user"]["id"], id);
    assert!(export["user"].get("password_hash").is_none());
    assert!(!export["history"].as_array().unwrap().is_empty());
    // Not oneself.
    let me = app.get("/api/v1/me", &w.secretariat).await.body;
    let own = json!({"email": me["email"], "confirm": true});
    app.post("/api/v1/people/erase", &w.secretariat, own).await.assert_problem(409, None);

    let done = app.post("/api/v1/people/erase", &w.secretariat, json!({"email": email, "confirm": true})).await;
    assert_eq!(done.expect(200).body["user_deleted"], true);
    app.get("/api/v1/me", &token).await.assert_problem(401, None);
    assert_eq!(where_in_database(&app, &email).await, Vec::<String>::new());
    let history = app.get(&format!("/api/v1/plans/{}/actions", w.plan_a), &w.secretariat).await.body;
    let new_action = history["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).max().unwrap();
    let changes = app.history(&w.secretariat, "actions", new_action).await;
    assert_eq!(changes[0].actor, format!("erased user {id}"));
}

#[tokio::test]
async fn the_secretariat_finds_downloads_and_erases_a_person_on_the_pages() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.open_round_now(&w).await;
    let b = app.browser_as(Role::Secretariat, None).await;
    let home = b.get("/people").await;
    assert_eq!(home.status, 200);
    assert!(home.attrs("nav a", "href").contains(&"/people".to_string()), "in the secretariat's navigation");
    let unknown = b.submit("/people", "/people", &[("email", "nobody@malmo.example")]).await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.errors().iter().any(|e| e.contains("nothing is held")), "{:?}", unknown.errors());

    let shown = b.submit("/people", "/people", &[("email", "anna@malmo.example")]).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert!(shown.body.contains("Anna Berg"));
    let csrf = shown.csrf();
    let file = b.post("/people/export", &[("csrf_token", &csrf), ("email", "anna@malmo.example")]).await;
    assert_eq!(file.status, 200);
    assert!(file.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let data: Value = serde_json::from_str(&file.body).unwrap();
    assert_eq!(data["contacts"][0]["name"], "Anna Berg");

    // Without the box ticked, or without the form's token, nothing is erased.
    let unticked = b.post("/people/erase", &[("csrf_token", &csrf), ("email", "anna@malmo.example")]).await;
    assert_eq!(unticked.status, 422);
    assert!(unticked.error_links().contains(&"#confirm".to_string()), "{:?}", unticked.error_links());
    let forged = b.post("/people/erase", &[("email", "anna@malmo.example"), ("confirm", "yes")]).await;
    assert_eq!(forged.status, 422);
    assert_eq!(app.list_contacts(&w.secretariat, w.city_a).await.len(), 1);

    let fields = [("csrf_token", csrf.as_str()), ("email", "anna@malmo.example"), ("confirm", "yes")];
    let erased = b.post("/people/erase", &fields).await;
    assert_eq!(erased.status, 303, "{}", erased.body);
    let after = b.follow(&erased).await;
    assert!(after.notice().unwrap().contains(&format!("erased contact {}", w.contact_a)));
    assert!(app.list_contacts(&w.secretariat, w.city_a).await.is_empty());
    assert_eq!(where_in_database(&app, "anna@malmo.example").await, Vec::<String>::new());
}
