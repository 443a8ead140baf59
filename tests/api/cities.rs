//! Cities: Unicode names, ISO country codes, signatures, duplicates, and persistence.

use crate::helpers::{TestApp, World};
use charter_tracker::auth::Role;
use serde_json::json;

#[tokio::test]
async fn cities_keep_unicode_names_and_normalise_country_codes() {
    let app = TestApp::spawn().await;
    let t = app.token(Role::Secretariat, None).await;
    for (name, country) in
        [("Malmö", "se"), ("Łódź", "PL"), ("Zürich", "CH"), ("Thessaloníki", "GR"), ("Cluj-Napoca", "RO")]
    {
        let city = app.create_city(&t, json!({"name": name, "country": country})).await;
        assert_eq!(city.name, name);
        assert_eq!(city.country, country.to_uppercase());
        assert_eq!(city.version, 1);
        assert_eq!(app.get_city(&t, city.id).await.name, name);
    }
    let list = app.get("/api/v1/cities?per_page=2", &t).await.body;
    assert_eq!(list["total"], 5);
    assert_eq!(list["items"][0]["name"], "Cluj-Napoca", "sorted by name");
}

#[tokio::test]
async fn bad_city_input_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let t = app.token(Role::Secretariat, None).await;
    app.post("/api/v1/cities", &t, json!({"name": "Atlantis", "country": "XX"}))
        .await
        .assert_problem(422, Some("country"));
    app.post("/api/v1/cities", &t, json!({"name": "", "country": "SE"})).await.assert_problem(422, Some("name"));
    app.post("/api/v1/cities", &t, json!({"country": "SE"})).await.assert_problem(422, Some("name"));
    let r = app
        .post("/api/v1/cities", &t, json!({"name": "Gent", "country": "BE", "signatures": [{"framework": "nope", "signed_on": "2010-01-01"}, {"framework": "eurocities-integrating-cities", "signed_on": "yesterday"}]}))
        .await;
    r.assert_problem(422, Some("signatures[0].framework"));
    r.assert_problem(422, Some("signatures[1].signed_on"));
    app.city(&t, "Gent", "BE").await;
    app.post("/api/v1/cities", &t, json!({"name": "Gent", "country": "BE"})).await.assert_problem(422, Some("name"));
    assert_eq!(app.list_cities(&t).await.total, 1);
}

#[tokio::test]
async fn a_city_signs_several_frameworks_with_dates() {
    let app = TestApp::spawn().await;
    let t = app.token(Role::Secretariat, None).await;
    let city = app
        .create_city(
            &t,
            json!({"name": "Lisboa", "country": "PT", "signatures": [
            {"framework": "eurocities-integrating-cities", "signed_on": "2010-05-20"},
            {"framework": "icc-lisbon-declaration", "signed_on": "2017-11-29"}]}),
        )
        .await;
    assert_eq!(city.signatures.as_array().unwrap().len(), 2);
    let city = app.update_city(&t, city.id, json!({"version": 1, "signatures": [{"framework": "eurocities-integrating-cities", "signed_on": "2010-05-21"}]})).await;
    assert_eq!(city.signatures, json!([{"framework": "eurocities-integrating-cities", "signed_on": "2010-05-21"}]));
}

#[tokio::test]
async fn contacts_are_validated() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let url = format!("/api/v1/cities/{}/contacts", w.city_a);
    let r = app.post(&url, &w.editor_a, json!({"name": "Erik", "email": "erik(at)malmo", "language": "swedish"})).await;
    r.assert_problem(422, Some("email"));
    r.assert_problem(422, Some("language"));
    let erik = app.create_contact(&w.editor_a, w.city_a, json!({"name": "Erik", "email": "Erik@Malmo.example", "language": "fr", "office_role": "Deputy mayor's office"})).await;
    assert_eq!(erik.email, "erik@malmo.example");
    assert!(erik.receives_reminders);
    assert_eq!(app.list_contacts(&w.editor_a, w.city_a).await.len(), 2);
}

#[tokio::test]
async fn everything_is_still_there_after_a_restart() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let before = app.get(&format!("/api/v1/plans/{}/actions", w.plan_a), &w.editor_a).await.body;
    let app = app.restart().await;
    let after = app.get(&format!("/api/v1/plans/{}/actions", w.plan_a), &w.editor_a).await;
    assert_eq!(after.status, 200, "the old token still works after a restart: {}", after.body);
    assert_eq!(after.body, before);
    assert_eq!(app.get_city(&w.editor_a, w.city_a).await.name, "Malmö");
}

#[tokio::test]
async fn unknown_routes_and_ids_get_problem_bodies() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.get("/api/v1/nothing-here", &w.secretariat).await.assert_problem(404, None);
    app.get("/api/v1/cities/999999", &w.secretariat).await.assert_problem(404, None);
    app.get("/api/v1/cities/abc", &w.secretariat).await.assert_problem(404, None);
    app.get("/api/v1/plans/-3", &w.secretariat).await.assert_problem(404, None);
}

/// Contacts' names and email addresses are personal data: the secretariat and the city's own
/// editors see them; observers read the contacts without them (API and page), and not a
/// contact's history; another city's editor and the public see nothing of the city's contacts.
#[tokio::test]
async fn contacts_personal_data_is_shown_by_role() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let list = format!("/api/v1/cities/{}/contacts", w.city_a);
    let history = format!("/api/v1/contacts/{}/history", w.contact_a);
    for (who, token) in [("secretariat", &w.secretariat), ("editor of the city", &w.editor_a)] {
        let r = app.get(&list, token).await.expect(200);
        assert_eq!(r.body[0]["name"], "Anna Berg", "{who}");
        assert_eq!(r.body[0]["email"], "anna@malmo.example", "{who}");
        assert_eq!(app.get(&history, token).await.status, 200, "{who}");
    }
    let r = app.get(&list, &w.observer).await.expect(200);
    let seen = &r.body[0];
    assert!(seen["name"].is_null() && seen["email"].is_null(), "{seen}");
    assert_eq!((seen["id"].as_i64(), seen["language"].as_str()), (Some(w.contact_a), Some("sv")));
    assert!(!r.body.to_string().contains("anna@malmo.example") && !r.body.to_string().contains("Anna"));
    app.get(&history, &w.observer).await.assert_problem(403, None);
    app.get(&list, &w.editor_b).await.assert_problem(403, None);
    app.get(&history, &w.editor_b).await.assert_problem(403, None);
    app.request(reqwest::Method::GET, &list, None, None).await.assert_problem(401, None);

    let page = format!("/cities/{}/contacts", w.city_a);
    let shown = app.browser_as(Role::CityEditor, Some(w.city_a)).await.get(&page).await;
    assert!(shown.body.contains("Anna Berg") && shown.body.contains("anna@malmo.example"));
    let hidden = app.browser_as(Role::Observer, None).await.get(&page).await;
    assert_eq!(hidden.status, 200);
    assert!(!hidden.body.contains("Anna Berg") && !hidden.body.contains("anna@malmo.example"), "{}", hidden.body);
    assert_eq!(app.browser_as(Role::CityEditor, Some(w.city_b)).await.get(&page).await.status, 403);
    let public = crate::web_client::WebClient::new(&app).get(&page).await;
    assert_eq!(
        (public.status, public.location()),
        (303, Some(&*format!("/login?next=%2Fcities%2F{}%2Fcontacts", w.city_a)))
    );
}

/// A check-in submitted through an emailed link names the contact who sent it (in
/// `submitted_by` and as the actor in the history of what it changed): shown to the secretariat and the
/// city's editors, `a contact (emailed link)` for observers, in the API and on the page.
#[tokio::test]
async fn the_contact_who_submitted_a_check_in_is_hidden_from_observers() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let version = app.check_in_link(&open.token_a).await.check_in.version;
    let content = json!({"actions": [{"action_id": w.action_a, "progress": 60}]});
    app.submit_by_link(&open.token_a, json!({"version": version, "content": content})).await;
    let named = "Anna Berg <anna@malmo.example> (emailed link)";
    let list = format!("/api/v1/cities/{}/check-ins", w.city_a);
    let round = format!("/api/v1/rounds/{}/check-ins", open.round);
    let history = format!("/api/v1/actions/{}/history", w.action_a);
    for (token, by) in [(&w.secretariat, named), (&w.editor_a, named), (&w.observer, "a contact (emailed link)")] {
        assert_eq!(app.get(&list, token).await.expect(200).body[0]["submitted_by"], by);
        let in_round = app.get(&round, token).await.expect(200).body;
        let a = in_round.as_array().unwrap().iter().find(|c| c["city_id"] == w.city_a).unwrap().clone();
        assert_eq!(a["submitted_by"], by);
        let entries = app.get(&history, token).await.expect(200).body;
        assert_eq!(entries.as_array().unwrap().last().unwrap()["actor"], by, "{entries}");
    }
    let page = format!("/cities/{}/check-ins", w.city_a);
    let seen = app.browser_as(Role::Observer, None).await.get(&page).await;
    assert_eq!(seen.status, 200);
    assert!(!seen.body.contains("anna@malmo.example") && !seen.body.contains("Anna Berg"), "{}", seen.body);
    let seen = app.browser_as(Role::CityEditor, Some(w.city_a)).await.get(&page).await;
    assert!(seen.body.contains("Anna Berg"), "{}", seen.body);
}
