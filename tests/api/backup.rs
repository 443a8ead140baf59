//! `charter-tracker backup FILE` (issue 15): a consistent copy of the SQLite database taken while
//! the application keeps writing, which holds every row committed before the backup began.

use crate::helpers::TestApp;
use charter_tracker::auth::Role;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The binary's `backup` subcommand on the test's database; its exit status and standard error.
async fn run_backup(app: &TestApp, file: &std::path::Path) -> (bool, String) {
    let (dir, url, file) = (app.dir().to_path_buf(), app.database_url.clone(), file.to_path_buf());
    tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_charter-tracker"))
            .current_dir(dir)
            .env_remove("CHARTER_TRACKER_ENV")
            .env("DATABASE_URL", url)
            .env("CHARTER_TRACKER__LOG__FILTER", "error")
            .arg("backup")
            .arg(&file)
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_backup_taken_while_cities_are_being_created_holds_every_city_committed_before_it() {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        println!("skipped: `backup` copies SQLite databases; on PostgreSQL it points to pg_dump");
        return;
    }
    let app = TestApp::spawn().await;
    let token = app.token(Role::Secretariat, None).await;

    // A writer creating cities through the API until told to stop; each id is recorded once its
    // 201 has arrived, that is once the row is committed.
    let created: Arc<Mutex<Vec<i64>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (created, stop, client) = (created.clone(), stop.clone(), app.client.clone());
        let (url, token) = (format!("{}/api/v1/cities", app.address), token.clone());
        tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let r = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"name": format!("Writer city {i}"), "country": "SE"}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
                let body: serde_json::Value = r.json().await.unwrap();
                created.lock().unwrap().push(body["id"].as_i64().unwrap());
            }
        })
    };
    while created.lock().unwrap().len() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }

    let file = app.dir().join("backups").join("copy.db");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let committed_before: BTreeSet<i64> = created.lock().unwrap().iter().copied().collect();
    let (ok, stderr) = run_backup(&app, &file).await;
    assert!(ok, "backup failed: {stderr}");
    let during = created.lock().unwrap().len() - committed_before.len();
    // Let the writer go on a little after the backup, then stop it.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    let total = created.lock().unwrap().len();
    println!("cities committed before the backup: {}, during it: {during}, in all: {total}", committed_before.len());
    assert!(total > committed_before.len(), "the writer kept writing while the backup ran");

    // An existing file is refused, and left as it was.
    let size = std::fs::metadata(&file).unwrap().len();
    let (ok, stderr) = run_backup(&app, &file).await;
    assert!(!ok && stderr.contains("already exists"), "second backup into the same file: {stderr}");
    assert_eq!(std::fs::metadata(&file).unwrap().len(), size);

    // The copy opens as a SQLite database, whole, with every migration applied, and holds every
    // city committed before the backup began.
    let (in_copy, tables_copy, tables_live) = {
        let (file, pool) = (file.clone(), app.pool.clone());
        tokio::task::spawn_blocking(move || {
            use charter_tracker::db::{schema::cities, DbConnection};
            use diesel::prelude::*;
            #[derive(QueryableByName)]
            struct Row {
                #[diesel(sql_type = diesel::sql_types::Text)]
                v: String,
            }
            let tables = |c: &mut DbConnection| -> Vec<String> {
                diesel::sql_query("SELECT name AS v FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")
                    .load::<Row>(c)
                    .unwrap()
                    .into_iter()
                    .map(|r| r.v)
                    .collect()
            };
            let mut copy = DbConnection::Sqlite(SqliteConnection::establish(file.to_str().unwrap()).unwrap());
            let check: Vec<String> = diesel::sql_query("SELECT integrity_check AS v FROM pragma_integrity_check")
                .load::<Row>(&mut copy)
                .unwrap()
                .into_iter()
                .map(|r| r.v)
                .collect();
            assert_eq!(check, ["ok"]);
            assert!(!charter_tracker::db::has_pending_migrations(&mut copy).unwrap(), "migrations missing in the copy");
            let ids: BTreeSet<i64> = cities::table.select(cities::id).load(&mut copy).unwrap().into_iter().collect();
            (ids, tables(&mut copy), tables(&mut pool.get().unwrap()))
        })
        .await
        .unwrap()
    };
    let missing: Vec<_> = committed_before.difference(&in_copy).collect();
    assert!(missing.is_empty(), "cities committed before the backup but missing from it: {missing:?}");
    assert_eq!(tables_copy, tables_live, "the copy's tables and indexes");
}
