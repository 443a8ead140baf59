//! Mutual learning: a city's context and bands, the comparison with cities like it, "Learn
//! from" with its score worked by hand, the pairing view, and the good-practice library; and
//! that no private city reaches those who may not read it.

use crate::helpers::TestApp;
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::{json, Value};

const FW: &str = "eurocities-integrating-cities";

struct Net {
    s: String,
    editor_t: String,
    observer: String,
    t: i64,
    a: i64,
    b: i64,
    a_completed: i64,
    a_advanced: i64,
    b_advanced: i64,
    c_completed: i64,
}

/// T (Malmö, 350,000, 35% born abroad) covers PM1 (completed) and PM2 (planned, 10%).
/// A (Łódź, public, 670,000, 2%): SP1 completed, SP1 in progress at 60%.
/// B (Göteborg, public, 300,000, 30%): SP1 in progress at 50%.
/// C (Zürich, private): SP1 completed.  D (Porto, public): SP1 planned at 10%.
async fn net(app: &TestApp) -> Net {
    let s = app.token(Role::Secretariat, None).await;
    let mut ids = vec![];
    for (name, country, public) in [
        ("Malmö", "SE", false),
        ("Łódź", "PL", true),
        ("Göteborg", "SE", true),
        ("Zürich", "CH", false),
        ("Porto", "PT", true),
    ] {
        let id = app
            .post("/api/v1/cities", &s, json!({"name": name, "country": country, "public": public}))
            .await
            .expect(201)
            .json::<Value>()["id"]
            .as_i64()
            .unwrap();
        ids.push(id);
    }
    let (t, a, b, c, d) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
    for (city, pop, share) in [(t, 350_000, 35.0), (a, 670_000, 2.0), (b, 300_000, 30.0)] {
        app.request(Method::PUT, &format!("/api/v1/cities/{city}/context"), Some(&s), Some(&json!({"version": 0, "population": pop, "population_year": 2024, "born_abroad_percent": share, "born_abroad_year": 2024, "source": "Statistics office"}))).await.expect(200);
    }
    let act = |plan: i64, commitment: &'static str, status: &'static str, progress: i64| {
        let s = s.clone();
        async move {
            app.create_action(&s, plan, json!({"commitment": commitment, "title": format!("{commitment} {status} {progress}"), "status": status, "progress": progress})).await.id
        }
    };
    let pt = app.plan(&s, t).await;
    act(pt, "PM1", "completed", 100).await;
    act(pt, "PM2", "planned", 10).await;
    let pa = app.plan(&s, a).await;
    let a_completed = act(pa, "SP1", "completed", 100).await;
    let a_advanced = act(pa, "SP1", "in_progress", 60).await;
    let pb = app.plan(&s, b).await;
    let b_advanced = act(pb, "SP1", "in_progress", 50).await;
    let pc = app.plan(&s, c).await;
    let c_completed = act(pc, "SP1", "completed", 100).await;
    let pd = app.plan(&s, d).await;
    act(pd, "SP1", "planned", 10).await;
    Net {
        editor_t: app.token(Role::CityEditor, Some(t)).await,
        observer: app.token(Role::Observer, None).await,
        s,
        t,
        a,
        b,
        a_completed,
        a_advanced,
        b_advanced,
        c_completed,
    }
}

fn gap<'a>(v: &'a Value, commitment: &str) -> &'a Value {
    v["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["commitment"] == commitment)
        .unwrap_or_else(|| panic!("no gap {commitment}: {v}"))
}

fn scores(g: &Value) -> Vec<(String, i64)> {
    g["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["city"].as_str().unwrap().to_string(), s["score"].as_i64().unwrap()))
        .collect()
}

#[tokio::test]
async fn learn_from_ranks_cities_by_a_score_worked_by_hand_and_hides_private_cities() {
    let app = TestApp::spawn().await;
    let n = net(&app).await;
    let url = format!("/api/v1/cities/{}/learn-from", n.t);
    let mine: Value = app.get(&url, &n.editor_t).await.expect(200).json();
    // PM1 and PM2 are covered; SP1 is not: a gap, with its reason.
    assert!(mine["gaps"].as_array().unwrap().iter().all(|g| g["commitment"] != "PM1" && g["commitment"] != "PM2"));
    let sp1 = gap(&mine, "SP1");
    assert_eq!(sp1["reasons"], json!(["no action covers it"]));
    // Łódź: 1 completed (3) + 1 at least half done (1) + updated recently (1) = 5.
    // Göteborg: 1 at least half done (1) + same size band (1) + same share band (1) + recent (1) = 4.
    // Zürich is private: T's editor does not see it. Porto's action is only planned: not strong.
    assert_eq!(scores(sp1), vec![("Łódź".into(), 5), ("Göteborg".into(), 4)]);
    let lodz = &sp1["suggestions"][0];
    let parts: Vec<i64> = lodz["parts"].as_array().unwrap().iter().map(|p| p["points"].as_i64().unwrap()).collect();
    assert_eq!(parts, vec![3, 1, 1]);
    let actions: Vec<i64> = lodz["actions"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(actions, vec![n.a_completed, n.a_advanced]);
    assert_eq!(sp1["suggestions"][1]["actions"][0]["id"], n.b_advanced);
    assert!(!mine.to_string().contains("Zürich"));
    // The secretariat sees every city: Zürich scores 3 + 1 = 4, after Göteborg by name.
    let all: Value = app.get(&url, &n.s).await.expect(200).json();
    assert_eq!(scores(gap(&all, "SP1")), vec![("Łódź".into(), 5), ("Göteborg".into(), 4), ("Zürich".into(), 4)]);
    assert_eq!(gap(&all, "SP1")["suggestions"][2]["actions"][0]["id"], n.c_completed);
    // Only readers of the city.
    let other = app.token(Role::CityEditor, Some(n.a)).await;
    app.get(&url, &other).await.assert_problem(403, None);
    app.request(Method::GET, &url, None, None).await.assert_problem(401, None);
    // The page says the same, with the score explained.
    let session = app.browser_as(Role::CityEditor, Some(n.t)).await;
    let html = session.get(&format!("/cities/{}/learn", n.t)).await.body;
    assert!(
        html.contains("Łódź") && html.contains("score 5") && html.contains("3 points for each completed action"),
        "{html}"
    );
    assert!(!html.contains("Zürich"));
}

#[tokio::test]
async fn a_city_compares_with_cities_of_its_size_only_over_enough_cities() {
    let app = TestApp::spawn_with(|s| s.reports.suppression_threshold = 2).await;
    let n = net(&app).await;
    let v: Value = app.get(&format!("/api/v1/cities/{}/comparison", n.t), &n.editor_t).await.expect(200).json();
    let o = &v[0]["overall"];
    // T covers 2; the network's 5 cities cover 2, 1, 1, 1, 1 = 1.2 on average; T's size band
    // (250,000 to 499,999) holds T and Göteborg: (2 + 1) / 2 = 1.5.
    assert_eq!(o["covered"], 2);
    assert_eq!(o["network"]["covered"], 1.2);
    assert_eq!(o["network"]["cities"], 5);
    assert_eq!(o["same_size"]["covered"], 1.5);
    assert_eq!(o["same_size"]["cities"], 2);
    // T's progress: (100 + 10) / 2 = 55.
    assert_eq!(o["progress"], 55.0);
    assert_eq!(v[0]["size_band"], "250,000 to 499,999 residents");
    assert_eq!(v[0]["share_band"], "30% or more born abroad");
    // With a threshold of 3, the size group (2 cities) is withheld.
    let app3 = TestApp::spawn_with(|s| s.reports.suppression_threshold = 3).await;
    let n3 = net(&app3).await;
    let v: Value = app3.get(&format!("/api/v1/cities/{}/comparison", n3.t), &n3.s).await.expect(200).json();
    assert_eq!(v[0]["overall"]["same_size"], json!({"cities": 2, "covered": null, "progress": null}));
    let _ = (n.b, n.observer);
}

#[tokio::test]
async fn context_figures_are_checked_and_versioned() {
    let app = TestApp::spawn().await;
    let n = net(&app).await;
    let url = format!("/api/v1/cities/{}/context", n.t);
    let ctx: Value = app.get(&url, &n.editor_t).await.expect(200).json();
    assert_eq!((ctx["population"].as_i64(), ctx["version"].as_i64()), (Some(350_000), Some(1)));
    let bad = json!({"version": 1, "population": 0, "born_abroad_percent": 140.0, "population_year": 1800});
    let r = app.request(Method::PUT, &url, Some(&n.editor_t), Some(&bad)).await;
    for f in ["population", "born_abroad_percent", "population_year"] {
        r.assert_problem(422, Some(f));
    }
    app.request(Method::PUT, &url, Some(&n.editor_t), Some(&json!({"version": 0, "population": 1})))
        .await
        .assert_problem(409, None);
    app.request(Method::PUT, &url, Some(&n.observer), Some(&json!({"version": 1}))).await.assert_problem(403, None);
    let done: Value = app
        .request(Method::PUT, &url, Some(&n.editor_t), Some(&json!({"version": 1, "population": 1_200_000})))
        .await
        .expect(200)
        .json();
    assert_eq!(done["size_band"], "1 million residents or more");
    assert_eq!(done["born_abroad_percent"], Value::Null);
    // A private city's context is not public; a public one's is.
    app.request(Method::GET, &url, None, None).await.assert_problem(401, None);
    app.request(Method::GET, &format!("/api/v1/cities/{}/context", n.a), None, None).await.expect(200);
}

#[tokio::test]
async fn pairs_join_cities_that_can_each_teach_the_other() {
    let app = TestApp::spawn().await;
    let n = net(&app).await;
    let pairs: Value = app.get("/api/v1/peer-pairs", &n.s).await.expect(200).json();
    // T is strong on PM1 where every other city is weak; Łódź, Göteborg and Zürich are strong on
    // SP1 where T is weak: three candidates scoring 2; Göteborg has a similar context and wins.
    // The others are strong on the same commitment only: no second pair.
    assert_eq!(pairs.as_array().unwrap().len(), 1, "{pairs}");
    assert_eq!((pairs[0]["a"]["id"].as_i64(), pairs[0]["b"]["id"].as_i64()), (Some(n.t), Some(n.b)));
    assert_eq!(pairs[0]["a_helps_b"], json!(["PM1"]));
    assert_eq!(pairs[0]["b_helps_a"], json!(["SP1"]));
    assert_eq!(pairs[0]["similar"], true);
    for t in [&n.observer, &n.editor_t] {
        app.get("/api/v1/peer-pairs", t).await.assert_problem(403, None);
    }
    let session = app.browser_as(Role::Secretariat, None).await;
    let html = session.get("/network/pairing").await.body.replace("&#x3D;", "=");
    assert!(
        html.contains(&format!("/peer-reviews/new?host={}&amp;reviewers={}&amp;commitments=PM1", n.b, n.t)),
        "{html}"
    );
}

#[tokio::test]
async fn the_library_holds_what_a_published_report_marked_as_good_practice() {
    let app = TestApp::spawn().await;
    let n = net(&app).await;
    assert_eq!(app.request(Method::GET, "/api/v1/good-practices", None, None).await.expect(200).body, json!([]));
    let report = app.compile_report(&n.s, FW, "2026-01-01", "2026-12-31").await.compiled.report_id;
    app.mark_good_practice(&n.s, report, n.a_completed).await;
    // A draft is not published: nothing yet.
    assert_eq!(app.request(Method::GET, "/api/v1/good-practices", None, None).await.expect(200).body, json!([]));
    app.publish_report(&n.s, report, None).await;
    let lib: Value = app.request(Method::GET, "/api/v1/good-practices", None, None).await.expect(200).json();
    assert_eq!(lib.as_array().unwrap().len(), 1);
    assert_eq!((lib[0]["city"].as_str(), lib[0]["commitment"].as_str()), (Some("Łódź"), Some("SP1")));
    let slug = lib[0]["report"].as_str().unwrap().to_string();
    // A page per practice, and the feed.
    let page =
        app.request(Method::GET, &format!("/good-practices/{slug}/{}", n.a_completed), None, None).await.expect(200);
    assert!(page.body.as_str().unwrap().contains("SP1 completed 100"));
    app.request(Method::GET, &format!("/good-practices/{slug}/{}", n.b_advanced), None, None).await.expect(404);
    let feed = app.request(Method::GET, "/good-practices.atom", None, None).await.expect(200);
    assert!(feed.headers["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let xml = feed.body.as_str().unwrap();
    assert!(xml.contains("<entry>") && xml.contains("Łódź: SP1 completed 100"), "{xml}");
    // The search's facet, and the score: Łódź gains 2 points for its good practice.
    let found: Value =
        app.request(Method::GET, "/api/v1/actions?good_practice=true", None, None).await.expect(200).json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["id"], n.a_completed);
    let mine: Value = app.get(&format!("/api/v1/cities/{}/learn-from", n.t), &n.editor_t).await.expect(200).json();
    assert_eq!(scores(gap(&mine, "SP1"))[0], ("Łódź".to_string(), 7));
}
