//! Operating the service: `/readyz` (and `/metrics`, issue 15 "Operate it").

use crate::helpers::TestApp;
use reqwest::Method;

/// `/readyz` answers 200 `{"status":"ready"}` while the database answers and its migrations are
/// applied; once a migration is missing from the database (as when a newer binary runs against
/// an older database) it answers 503 in problem JSON, and `/healthz` is unaffected.
#[tokio::test]
async fn readyz_is_ready_with_the_database_migrated_and_503_with_a_migration_missing() {
    let app = TestApp::spawn().await;
    let r = app.request(Method::GET, "/readyz", None, None).await.expect(200);
    assert_eq!(r.body, serde_json::json!({"status": "ready"}));

    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        use diesel::connection::SimpleConnection;
        pool.get()
            .unwrap()
            .batch_execute(
                "DELETE FROM __diesel_schema_migrations WHERE version = \
                 (SELECT MAX(version) FROM __diesel_schema_migrations)",
            )
            .unwrap();
    })
    .await
    .unwrap();
    let r = app.request(Method::GET, "/readyz", None, None).await;
    r.assert_problem(503, None);
    assert!(r.body["detail"].as_str().unwrap().contains("migrations"), "{}", r.body);
    app.request(Method::GET, "/healthz", None, None).await.expect(200);
}
