//! Search across the network's actions (`GET /api/v1/actions`, the `/actions` page): accents,
//! case and stemming; facets counted over the results; and access: nothing of a private city
//! reaches the public, in results, totals or facet counts.

use crate::helpers::TestApp;
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::{json, Value};

struct Network {
    secretariat: String,
    observer: String,
    editor_zurich: String,
    editor_other: String,
    lodz: i64,
    malmo: i64,
    cafe_lodz: i64,
    cafe_zurich: i64,
    desk_malmo: i64,
}

async fn network(app: &TestApp) -> Network {
    let secretariat = app.token(Role::Secretariat, None).await;
    let mk = |name: &'static str, country: &'static str, public: bool| {
        let s = secretariat.clone();
        async move {
            app.post("/api/v1/cities", &s, json!({"name": name, "country": country, "public": public}))
                .await
                .expect(201)
                .json::<Value>()["id"]
                .as_i64()
                .unwrap()
        }
    };
    let lodz = mk("Łódź", "PL", true).await;
    let malmo = mk("Malmö", "SE", true).await;
    let zurich = mk("Zürich", "CH", false).await;
    let other = mk("Porto", "PT", false).await;
    let action = |plan: i64, commitment: &'static str, title: &'static str, description: &'static str, areas: Value| {
        let s = secretariat.clone();
        async move {
            let body = json!({"commitment": commitment, "title": title, "description": description,
                              "department": "Integration office", "partners": ["Public library"],
                              "status": "in_progress", "progress": 40, "policy_areas": areas});
            app.create_action(&s, plan, body).await.id
        }
    };
    let (p_lodz, p_malmo, p_zurich) =
        (app.plan(&secretariat, lodz).await, app.plan(&secretariat, malmo).await, app.plan(&secretariat, zurich).await);
    let cafe_lodz = action(
        p_lodz,
        "SP1",
        "Language café for newcomers",
        "Weekly conversations in Polish with volunteers.",
        json!(["language_learning"]),
    )
    .await;
    let desk_malmo =
        action(p_malmo, "SP2", "Welcome desk at the town hall", "One door for every question.", json!(["other"])).await;
    let cafe_zurich =
        action(p_zurich, "SP1", "Language cafés in libraries", "Conversation groups.", json!(["language_learning"]))
            .await;
    Network {
        observer: app.token(Role::Observer, None).await,
        editor_zurich: app.token(Role::CityEditor, Some(zurich)).await,
        editor_other: app.token(Role::CityEditor, Some(other)).await,
        secretariat,
        lodz,
        malmo,
        cafe_lodz,
        cafe_zurich,
        desk_malmo,
    }
}

async fn search(app: &TestApp, token: Option<&str>, query: &str) -> Value {
    app.request(Method::GET, &format!("/api/v1/actions{query}"), token, None).await.expect(200).json()
}

fn ids(v: &Value) -> Vec<i64> {
    let mut out: Vec<i64> = v["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    out.sort();
    out
}

fn facet(v: &Value, name: &str) -> Vec<(String, i64)> {
    v["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["value"].as_str().unwrap().to_string(), f["count"].as_i64().unwrap()))
        .collect()
}

#[tokio::test]
async fn accents_case_and_word_forms_do_not_matter() {
    let app = TestApp::spawn().await;
    let n = network(&app).await;
    // "lodz" finds Łódź (the city's name is part of each action's text), "CAFE" finds café,
    // "languages" finds "Language" (stemming), "cafés" finds "café".
    for q in ["lodz", "%C5%81%C3%B3d%C5%BA", "CAFE", "languages%20cafe", "caf%C3%A9s", "volunteer"] {
        let r = search(&app, None, &format!("?q={q}")).await;
        assert_eq!(ids(&r), vec![n.cafe_lodz], "q={q}: {r}");
        assert_eq!(r["total"], 1);
    }
    // Every word must be there.
    assert_eq!(search(&app, None, "?q=language%20desk").await["total"], 0);
    // FTS syntax in the words is only words.
    let r = search(&app, None, "?q=%22cafe%22%20OR%20NEAR(desk*").await;
    assert_eq!(r["total"], 0, "{r}");
    // A renamed city is found by its new name.
    let v = app.get_city(&n.secretariat, n.malmo).await.version;
    app.patch(&format!("/api/v1/cities/{}", n.malmo), &n.secretariat, json!({"version": v, "name": "Göteborg"}))
        .await
        .expect(200);
    assert_eq!(ids(&search(&app, None, "?q=goteborg").await), vec![n.desk_malmo]);
    assert_eq!(search(&app, None, "?q=malmo").await["total"], 0);
    // A changed title is found at once; a removed action is gone.
    let a = app.get_action(&n.secretariat, n.cafe_lodz).await;
    app.patch(
        &format!("/api/v1/actions/{}", n.cafe_lodz),
        &n.secretariat,
        json!({"version": a.version, "title": "Tandem partners"}),
    )
    .await
    .expect(200);
    assert_eq!(ids(&search(&app, None, "?q=tandem").await), vec![n.cafe_lodz]);
    app.request(Method::DELETE, &format!("/api/v1/actions/{}", n.cafe_lodz), Some(&n.secretariat), None)
        .await
        .expect(204);
    assert_eq!(search(&app, None, "?q=tandem").await["total"], 0);
}

#[tokio::test]
async fn nothing_of_a_private_city_reaches_those_who_may_not_read_it() {
    let app = TestApp::spawn().await;
    let n = network(&app).await;
    // The public: Łódź and Malmö only, in items, total and every facet.
    let public = search(&app, None, "?q=cafe").await;
    assert_eq!(ids(&public), vec![n.cafe_lodz]);
    assert_eq!(facet(&public, "country"), vec![("PL".to_string(), 1)]);
    let all = search(&app, None, "").await;
    assert_eq!(all["total"], 2);
    assert!(!all.to_string().contains("CH") && !all.to_string().contains("Zürich"), "{all}");
    // Another city's editor sees the public cities and its own (none here), not Zürich.
    assert_eq!(search(&app, Some(&n.editor_other), "?q=cafe").await["total"], 1);
    // Zürich's editor sees its own beside the public ones.
    let own = search(&app, Some(&n.editor_zurich), "?q=cafe").await;
    assert_eq!(ids(&own), {
        let mut v = vec![n.cafe_lodz, n.cafe_zurich];
        v.sort();
        v
    });
    // The observer and the secretariat see every city.
    for t in [&n.observer, &n.secretariat] {
        let r = search(&app, Some(t), "?q=cafe").await;
        assert_eq!(r["total"], 2);
        assert_eq!(facet(&r, "country"), vec![("CH".to_string(), 1), ("PL".to_string(), 1)]);
    }
    // A private city's action page is not shown to the public; a public city's is, without history.
    let private = app.request(Method::GET, &format!("/actions/{}", n.cafe_zurich), None, None).await.expect(200);
    let html = private.body.as_str().unwrap();
    assert!(html.contains("<h1>Sign in</h1>") && !html.contains("Language cafés in libraries"), "{html}");
    let shown = app.request(Method::GET, &format!("/actions/{}", n.cafe_lodz), None, None).await.expect(200);
    let html = shown.body.as_str().unwrap();
    assert!(html.contains("Language café for newcomers") && !html.contains("History of changes"));
    // A bad token is refused, not treated as anonymous.
    app.request(Method::GET, "/api/v1/actions", Some("nonsense"), None).await.assert_problem(401, None);
    let _ = n.lodz;
}

#[tokio::test]
async fn facets_count_the_results_and_filters_narrow_them() {
    let app = TestApp::spawn().await;
    let n = network(&app).await;
    let all = search(&app, Some(&n.observer), "").await;
    assert_eq!(all["total"], 3);
    assert_eq!(facet(&all, "commitment"), vec![("SP1".to_string(), 2), ("SP2".to_string(), 1)]);
    assert_eq!(facet(&all, "policy_area"), vec![("language_learning".to_string(), 2), ("other".to_string(), 1)]);
    assert_eq!(facet(&all, "status"), vec![("in_progress".to_string(), 3)]);
    assert_eq!(facet(&all, "good_practice"), vec![("false".to_string(), 3)]);
    // Two facets at once; the counts follow.
    let r = search(&app, Some(&n.observer), "?commitment=SP1&country=CH").await;
    assert_eq!(ids(&r), vec![n.cafe_zurich]);
    assert_eq!(facet(&r, "country"), vec![("CH".to_string(), 1)]);
    assert!(r["facets"]["country"][0]["selected"].as_bool().unwrap());
    let r = search(&app, Some(&n.observer), "?policy_area=other").await;
    assert_eq!(ids(&r), vec![n.desk_malmo]);
    // A value that matches nothing still shows, selected, with 0, so it can be removed.
    let r = search(&app, Some(&n.observer), "?country=FR").await;
    assert_eq!(r["total"], 0);
    assert_eq!(facet(&r, "country"), vec![("FR".to_string(), 0)]);
    // Pages.
    let p1 = search(&app, Some(&n.observer), "?sort=title&per_page=2").await;
    let p2 = search(&app, Some(&n.observer), "?sort=title&per_page=2&page=2").await;
    let titles = |v: &Value| {
        v["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(titles(&p1), vec!["Language café for newcomers", "Language cafés in libraries"]);
    assert_eq!(titles(&p2), vec!["Welcome desk at the town hall"]);
    assert_eq!((p2["page"].as_i64(), p2["per_page"].as_i64(), p2["total"].as_i64()), (Some(2), Some(2), Some(3)));
    // Mistakes, named all at once.
    let bad = app
        .request(
            Method::GET,
            "/api/v1/actions?status=done&per_page=1000&good_practice=maybe&sort=best&country=XX",
            None,
            None,
        )
        .await;
    for f in ["status", "per_page", "good_practice", "sort", "country"] {
        bad.assert_problem(422, Some(f));
    }
}

#[tokio::test]
async fn the_page_works_without_javascript_and_shows_mistakes() {
    let app = TestApp::spawn().await;
    let n = network(&app).await;
    let r = app.request(Method::GET, "/actions?q=lodz", None, None).await.expect(200);
    let html = r.body.as_str().unwrap().replace("&#x3D;", "=").replace("&amp;", "&");
    assert!(html.contains("1 to 1 of 1 action<"), "{html}");
    assert!(html.contains(&format!("href=\"/actions/{}\"", n.cafe_lodz)));
    // Each facet value is a link that keeps the words.
    assert!(html.contains("href=\"/actions?q=lodz&commitment=SP1\""), "{html}");
    let r = app.request(Method::GET, "/actions?status=done", None, None).await;
    assert_eq!(r.status.as_u16(), 422);
    let html = r.body.as_str().unwrap();
    assert!(html.contains("There is a problem") && html.contains("Status"), "{html}");
}
