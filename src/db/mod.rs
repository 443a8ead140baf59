//! The database: one connection type over SQLite and PostgreSQL, the pool, and migrations.
//!
//! The backend is chosen from the URL scheme, never by trial: diesel's
//! `MultiConnection::establish` tries each backend in turn and replaces the real error
//! (a refused connection, a bad password) with "Invalid connection url".

pub mod changes;
pub mod libpq;
pub mod schema;

use crate::error::{ApiError, FieldError};
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::result::DatabaseErrorKind;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::PathBuf;
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Runs `f` in a transaction, as `Connection::transaction` does, except that on SQLite an
/// outermost transaction takes the write lock when it begins (`BEGIN IMMEDIATE`) rather than at
/// its first write. Every transaction here writes, and most read first: a deferred one that
/// read and then finds another connection committed meanwhile cannot take the lock and fails at
/// once with "database is locked" (SQLITE_BUSY_SNAPSHOT, which the busy timeout does not wait
/// out), while `BEGIN IMMEDIATE` waits its turn under the busy timeout. Nested calls are
/// savepoints, as with `Connection::transaction`; PostgreSQL is unchanged. A commit tells this
/// process's change feeds at once (`changes::committed_here`).
pub fn transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let outermost_sqlite = match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()?.is_none()
        }
        DbConnection::Pg(_) => false,
    };
    if !outermost_sqlite {
        #[allow(clippy::disallowed_methods)] // the one place that may
        let committed = conn.transaction(f);
        if committed.is_ok() {
            changes::committed_here();
        }
        return committed;
    }
    if let DbConnection::Sqlite(c) = conn {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
    }
    type Manager = <DbConnection as Connection>::TransactionManager;
    match f(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            changes::committed_here();
            Ok(value)
        }
        Err(error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(rollback.into()),
        },
    }
}

/// A connection to whichever backend the configured URL names.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// Which backend a URL names, with the URL in the form its driver wants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A path to a SQLite file.
    Sqlite(PathBuf),
    /// A libpq connection URL (`postgres://` or `postgresql://`), passed through untouched so
    /// options such as `sslmode=require` reach libpq.
    Postgres(String),
}

impl DatabaseUrl {
    /// Accepts `sqlite://PATH`, `sqlite:PATH`, `postgres://...`, `postgresql://...`, or a bare file path.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("is empty; expected sqlite://PATH or postgres://USER@HOST/DB".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        if url.contains(":memory:") {
            return Err("an in-memory SQLite database cannot be shared by a connection pool; use a file path".into());
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.contains("://") {
            return Err(format!("unsupported scheme in `{url}`; expected sqlite://PATH or postgres://USER@HOST/DB"));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }

    /// The URL with any password masked, for logs.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("sqlite://{}", p.display()),
            Self::Postgres(u) => match url::Url::parse(u) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("****"));
                    }
                    parsed.to_string()
                }
                Err(_) => "postgres://(unparseable)".into(),
            },
        }
    }

    fn connect(&self) -> diesel::ConnectionResult<DbConnection> {
        match self {
            Self::Sqlite(path) => {
                let mut c = SqliteConnection::establish(&path.to_string_lossy())?;
                // Per-connection settings: SQLite forgets these on every new connection.
                c.batch_execute(SQLITE_PRAGMAS).map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(c))
            }
            Self::Postgres(url) => {
                let mut c = libpq::establish(url)?;
                c.set_instrumentation(|event: diesel::connection::InstrumentationEvent<'_>| {
                    if let diesel::connection::InstrumentationEvent::FinishQuery { error: Some(e), .. } = event {
                        if matches!(e, diesel::result::Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)) {
                            CLOSED_ON_THIS_THREAD.with(|closed| closed.set(true));
                        }
                    }
                });
                Ok(DbConnection::Pg(c))
            }
        }
    }
}

/// r2d2 manager that establishes the backend the URL names and keeps the real error.
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.url.connect().map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1").map_err(diesel::r2d2::Error::QueryError)
    }

    /// Whether the server closed the connection being returned (a restart, a failover, an
    /// administrator's `pg_terminate_backend`): it is then dropped rather than handed to the next
    /// request, which would fail the same way until the pool's idle timeout. libpq's status is
    /// not reachable through diesel, so each PostgreSQL connection reports a query that found it
    /// closed (its instrumentation, `DatabaseUrl::connect`) to the thread that ran the query,
    /// which is the thread that returns it: a pooled connection is taken and given back within
    /// one blocking task.
    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        CLOSED_ON_THIS_THREAD.with(|closed| closed.replace(false))
    }
}

thread_local! {
    /// Set when a query on this thread found its PostgreSQL connection closed (`Manager::has_broken`).
    static CLOSED_ON_THIS_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Opens the pool, creating the SQLite file's folder if needed, and applies pending migrations.
pub fn connect_and_migrate(url: &DatabaseUrl, pool_size: u32) -> anyhow::Result<Pool> {
    if let DatabaseUrl::Sqlite(path) = url {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating the database folder {}", dir.display()))?;
        }
        // WAL lets readers proceed while one writer commits; it is a property of the file, set once.
        let mut c = url.connect().with_context(|| format!("opening SQLite database {}", path.display()))?;
        c.batch_execute("PRAGMA journal_mode = WAL;").context("switching SQLite to WAL mode")?;
    } else {
        // Surface the real error (refused, auth, TLS) before the pool hides it behind a timeout.
        url.connect().with_context(|| format!("connecting to {}", url.redacted()))?;
    }
    let pool = r2d2::Pool::builder()
        .max_size(pool_size)
        // Connections are opened as requests need them and closed after ten idle minutes,
        // rather than all at start-up: each SQLite connection holds its own copy of the schema
        // and a page cache (about 1 MB), each PostgreSQL one a server process.
        .min_idle(Some(2.min(pool_size)))
        // A broken connection surfaces as a query error; checking each checkout costs a round trip.
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(10))
        .build(Manager { url: url.clone() })
        .with_context(|| format!("opening a connection pool to {}", url.redacted()))?;
    let mut conn = pool.get().context("taking a connection to run migrations")?;
    run_migrations(&mut conn)?;
    // Actions written by other means than the application (bulk seeding, or before search
    // existed) get their search entries now; one anti-join when there are none.
    let indexed = crate::actions::search::index_missing(&mut conn).context("indexing actions for search")?;
    if indexed > 0 {
        tracing::info!(indexed, "actions indexed for search");
    }
    Ok(pool)
}

fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<()> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConnection::Pg(c) => {
            // Several instances may start at once: serialise migrations with an advisory lock.
            c.batch_execute("SELECT pg_advisory_lock(727274)").context("taking the migration lock")?;
            let r = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len());
            c.batch_execute("SELECT pg_advisory_unlock(727274)").context("releasing the migration lock")?;
            r
        }
    }
    .map_err(|e| anyhow::anyhow!("applying database migrations: {e}"))?;
    if applied > 0 {
        tracing::info!(applied, "database migrations applied");
    }
    Ok(())
}

/// Whether migrations embedded in this binary are still to be applied to this database
/// (`/readyz` answers 503 until they are).
pub fn has_pending_migrations(conn: &mut DbConnection) -> anyhow::Result<bool> {
    match conn {
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
        DbConnection::Pg(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
    }
    .map_err(|e| anyhow::anyhow!("reading the applied migrations: {e}"))
}

/// `charter-tracker backup FILE`: a consistent copy of a SQLite database into a new file, taken
/// with `VACUUM INTO` in one read transaction, so it can run while `serve` writes (WAL lets the
/// writers go on; the copy holds exactly what was committed when it began). An existing FILE is
/// refused, never overwritten. On PostgreSQL the answer is an error naming the `pg_dump` command.
pub fn backup(url: &DatabaseUrl, file: &std::path::Path) -> anyhow::Result<()> {
    match url {
        DatabaseUrl::Postgres(u) => anyhow::bail!(
            "`backup` copies SQLite databases only; for PostgreSQL, pg_dump is the tool:\n  {}",
            pg_dump_command(u, file)
        ),
        DatabaseUrl::Sqlite(path) => {
            if file.exists() {
                anyhow::bail!("{} already exists; choose a new file name (a backup never overwrites)", file.display());
            }
            if !path.exists() {
                anyhow::bail!("there is no SQLite database at {} to back up", path.display());
            }
            let target = file.to_str().with_context(|| format!("{} is not valid UTF-8", file.display()))?;
            let mut c = url.connect().with_context(|| format!("opening SQLite database {}", path.display()))?;
            c.batch_execute(&format!("VACUUM INTO '{}'", target.replace('\'', "''")))
                .with_context(|| format!("copying {} into {}", path.display(), file.display()))?;
            Ok(())
        }
    }
}

/// The `pg_dump` command line for a PostgreSQL URL: the URL as configured, without its password
/// (pg_dump reads it from PGPASSWORD or ~/.pgpass), quoted for a POSIX shell.
pub fn pg_dump_command(url: &str, file: &std::path::Path) -> String {
    let (dbname, password) = match url::Url::parse(url) {
        Ok(mut parsed) => {
            let had = parsed.password().is_some();
            let _ = parsed.set_password(None);
            (parsed.to_string(), had)
        }
        Err(_) => (url.to_string(), false),
    };
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    format!(
        "{}pg_dump --format=custom --file={} --dbname={}",
        if password { "PGPASSWORD=... " } else { "" },
        quote(&file.to_string_lossy()),
        quote(&dbname)
    )
}

/// True when a diesel error is a unique-constraint violation (on either backend).
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(e, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
}

/// A condition that always holds, for a query PostgreSQL must plan with its values each time.
/// diesel keeps most statements prepared, and PostgreSQL settles on one plan for a prepared
/// statement after five runs, made for the table as it was then, until the table is next
/// analysed. For a lookup run many times while its table grows by thousands of rows within
/// one transaction (the outbox during a round opening, `mail::outbox::existing_keys`), that
/// plan is a scan of the whole table; a literal SQL fragment makes diesel prepare the
/// statement afresh.
pub fn planned_each_time() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql("TRUE")
}

/// Runs `$body` with `$c` bound to the concrete connection, for the few statements diesel's
/// multi-backend cannot express (multi-row inserts, upserts). `$body` is compiled once per backend.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Pg($c) => $body,
        }
    };
}

/// Every SQLite connection's settings. `cache_size`: each connection keeps 256 KiB of pages
/// rather than SQLite's default 2 MiB. A pool of 8 held 19 MB of pages after the network
/// overview and city pages were read at 10,000 cities with the default, 10.8 MB with 1 MiB
/// (heaptrack; README, Performance); the pages they read again are few (a city's plan, the
/// indexes' upper levels) and the operating system caches the file anyway.
const SQLITE_PRAGMAS: &str =
    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -256;";

/// The counter of changes to the network's data (migrations `2026-12-03-000020_scale` and
/// `2026-12-05-000001_page_versions`): triggers bump it with every write to what the network
/// overview and the city page read, so a computation made at one value holds until it moves.
pub fn data_version(conn: &mut DbConnection) -> diesel::QueryResult<i64> {
    use self::schema::data_versions;
    use diesel::prelude::*;
    data_versions::table.filter(data_versions::name.eq("network")).select(data_versions::version).first(conn)
}

#[derive(diesel::QueryableByName)]
struct Committed {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    version: Option<i64>,
}

/// `data_version`, when what is read next is sure to include every change it counts; `None`
/// when it may not, so what is computed from it should not be kept.
///
/// On SQLite the counter is a row written in the changing transaction: any value read is
/// committed with its change. On PostgreSQL it is a sequence, bumped before the change commits:
/// a value read while a writer is in progress may count a change that is not visible yet, and a
/// page rendered then and kept under that value would miss it until the next change. Each
/// writing statement holds a shared advisory lock from its bump until its transaction ends
/// (migration `2026-12-07-000001_committed_version`); the read takes the counter, then tries
/// that lock exclusively without waiting, in one statement: no value while any writer is in
/// progress. Read it outside a transaction (it holds the lock to the end of the one it runs in).
pub fn committed_data_version(conn: &mut DbConnection) -> diesel::QueryResult<Option<i64>> {
    use diesel::RunQueryDsl;
    match conn {
        DbConnection::Sqlite(_) => data_version(conn).map(Some),
        DbConnection::Pg(c) => {
            // The counter is read by the inner query, before the outer one's expression tries
            // the lock (OFFSET 0 keeps the two apart). A plpgsql function doing the same in two
            // statements took a third longer (pgbench, 8 clients).
            let row: Committed = diesel::sql_query(
                "SELECT CASE WHEN pg_try_advisory_xact_lock(727277) THEN counted END AS version \
                 FROM (SELECT last_value AS counted FROM network_data_version OFFSET 0) AS counter",
            )
            .get_result(c)?;
            Ok(row.version)
        }
    }
}

/// Runs a command in a transaction that is always rolled back, and returns its validation
/// errors: a form with a mistake only the form can make (a choice not made, a number that is
/// not one) still lists every other mistake at once, and saves nothing.
pub fn dry_run<T>(
    c: &mut DbConnection,
    command: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<Vec<FieldError>, ApiError> {
    let outcome = transaction::<(), ApiError, _>(c, |c| {
        command(c)?;
        Err(ApiError::Validation(vec![]))
    });
    match outcome {
        Err(ApiError::Validation(errors)) => Ok(errors),
        Err(other) => Err(other),
        Ok(()) => Ok(vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The failure `transaction` prevents: a transaction reads, another connection commits a
    /// write meanwhile, then the first writes. With a deferred BEGIN the write fails at once
    /// ("database is locked"); with the lock taken at BEGIN the other writer waits its turn.
    #[test]
    fn a_sqlite_transaction_that_reads_first_still_writes_beside_another_writer() {
        use diesel::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("t.sqlite3"));
        let mut a = url.connect().unwrap();
        a.batch_execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER NOT NULL); INSERT INTO t VALUES (1);")
            .unwrap();
        let count = |c: &mut DbConnection| -> i64 {
            diesel::dsl::select(diesel::dsl::sql::<diesel::sql_types::BigInt>("(SELECT count(*) FROM t)"))
                .get_result(c)
                .unwrap()
        };
        let other = std::thread::scope(|scope| {
            let r = transaction(&mut a, |a| -> diesel::QueryResult<_> {
                assert_eq!(count(a), 1, "the read that starts the transaction");
                let other = scope.spawn(|| {
                    let mut b = url.connect().unwrap();
                    b.batch_execute("INSERT INTO t VALUES (2)").map(|_| count(&mut b))
                });
                std::thread::sleep(Duration::from_millis(300));
                a.batch_execute("INSERT INTO t VALUES (3)")?;
                Ok(other)
            });
            r.expect("the first transaction writes after reading").join().unwrap()
        });
        assert_eq!(other.expect("the other writer waited, then wrote"), 3);
    }

    #[test]
    fn backend_is_chosen_from_the_scheme() {
        assert_eq!(DatabaseUrl::parse("sqlite://data/x.db").unwrap(), DatabaseUrl::Sqlite("data/x.db".into()));
        assert_eq!(DatabaseUrl::parse("data/x.db").unwrap(), DatabaseUrl::Sqlite("data/x.db".into()));
        assert!(DatabaseUrl::parse("postgres://u@h/db?sslmode=require").unwrap().is_postgres());
        assert!(DatabaseUrl::parse("postgresql://u@h/db").unwrap().is_postgres());
        assert!(DatabaseUrl::parse("mysql://u@h/db").unwrap_err().contains("unsupported scheme"));
        assert!(DatabaseUrl::parse("sqlite://:memory:").is_err());
        assert!(DatabaseUrl::parse("").is_err());
    }

    #[test]
    fn passwords_are_masked_in_logs() {
        let u = DatabaseUrl::parse("postgres://app:s3cret@db.example/ct").unwrap();
        assert!(!u.redacted().contains("s3cret"));
    }
}
