//! The charters as data: served by the API, loaded idempotently, and changed safely.

use crate::helpers::{TestApp, World};
use charter_tracker::charter::loader;
use reqwest::Method;

#[tokio::test]
async fn the_charter_is_served_with_its_roles_and_commitments() {
    let app = TestApp::spawn().await;
    let list = app.request(Method::GET, "/api/v1/frameworks", None, None).await.body;
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["eurocities-integrating-cities", "icc-lisbon-declaration"]);
    let fw = app.request(Method::GET, "/api/v1/frameworks/eurocities-integrating-cities", None, None).await.body;
    let shape: Vec<(String, usize)> = fw["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["code"].as_str().unwrap().to_string(), r["commitments"].as_array().unwrap().len()))
        .collect();
    assert_eq!(shape, [("PM".into(), 3), ("SP".into(), 2), ("EM".into(), 3), ("BU".into(), 3), ("DC".into(), 4)]);
    assert_eq!(fw["roles"][1]["title"], "Service provider");
    assert!(fw["roles"][1]["preamble"].as_str().unwrap().contains("advocate"), "the footnote on advocacy is kept");
    assert_eq!(
        fw["roles"][0]["commitments"][0]["text"],
        "Actively communicate our commitment to equal opportunities for everyone living in the city."
    );
    app.request(Method::GET, "/api/v1/frameworks/nope", None, None).await.assert_problem(404, None);
}

#[tokio::test]
async fn loading_is_idempotent_and_a_changed_file_retires_rather_than_deletes() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await; // an action points at SP1 and one at EM1
    let dir = app.dir().join("charters");
    let pool = app.pool.clone();
    let report = tokio::task::spawn_blocking(move || {
        let mut c = pool.get().unwrap();
        let files = loader::read_files(&dir).unwrap();
        let again = loader::sync(&mut c, &files, chrono::Utc::now()).unwrap();
        assert!(!again.changed(), "a second load of the same files writes nothing: {again:?}");

        // An override that rewords PM1, drops SP1 (used by an action) and SP2 (unused).
        let original = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/charters/eurocities-integrating-cities.toml")).unwrap();
        let changed = original
            .replace("Actively communicate our commitment", "Actively and visibly communicate our commitment")
            .replace("code = \"SP1\"", "code = \"SPX\"")
            .replace("[[roles.commitments]]\ncode = \"SP2\"\ntext = \"Ensure that immigrants' needs are understood and met by service providers.\"\n", "");
        assert_ne!(changed, original);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("eurocities-integrating-cities.toml"), changed).unwrap();
        let files = loader::read_files(&dir).unwrap();
        loader::sync(&mut c, &files, chrono::Utc::now()).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(report.updated, 1 + 10, "PM1 reworded; positions after SP shift: {report:?}");
    assert_eq!((report.inserted, report.retired, report.deleted), (1, 1, 1), "{report:?}");

    let fw = app.request(Method::GET, "/api/v1/frameworks/eurocities-integrating-cities", None, None).await.body;
    let sp: Vec<(String, bool)> = fw["roles"][1]["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_str().unwrap().to_string(), c["retired"].as_bool().unwrap()))
        .collect();
    assert_eq!(sp, [("SPX".to_string(), false), ("SP1".to_string(), true)]);
    assert!(fw["roles"][0]["commitments"][0]["text"].as_str().unwrap().starts_with("Actively and visibly"));
    // The action on the retired commitment is intact; new actions cannot use it.
    assert_eq!(app.get_action(&w.secretariat, w.action_a).await.commitment, "SP1");
    let r = app
        .post(
            &format!("/api/v1/plans/{}/actions", w.plan_a),
            &w.secretariat,
            serde_json::json!({"commitment": "SP1", "title": "x"}),
        )
        .await;
    r.assert_problem(422, Some("commitment"));
}
