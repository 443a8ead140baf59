//! What every benchmark shares (each file under benches/ is its own crate: `mod common;`).

use charter_tracker::db::DatabaseUrl;

/// The database a benchmark runs on: a SQLite file in `dir`, or with `BENCH_DATABASE_URL`
/// (a PostgreSQL server's URL) a fresh database on that server; the closure drops it.
pub fn database(dir: &std::path::Path) -> anyhow::Result<(DatabaseUrl, Box<dyn FnOnce()>)> {
    match std::env::var("BENCH_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        None => Ok((DatabaseUrl::Sqlite(dir.join("bench.db")), Box::new(|| {}))),
        Some(server) => {
            use diesel::connection::SimpleConnection;
            let name = format!("ct_bench_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
            let mut admin = charter_tracker::db::libpq::establish(&server)?;
            admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
            let mut url = url::Url::parse(&server)?;
            url.set_path(&name);
            Ok((
                DatabaseUrl::Postgres(url.to_string()),
                Box::new(move || {
                    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }),
            ))
        }
    }
}
