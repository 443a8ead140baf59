//! Starting the real application for a test: its own database (a SQLite file, or a fresh
//! PostgreSQL database when TEST_DATABASE_URL names a server), a random port, and users.

use charter_tracker::auth::{self, Role};
use charter_tracker::config::Settings;
use charter_tracker::db::Pool;
use charter_tracker::startup::{self, Application};
use reqwest::{Method, StatusCode};
use serde_json::Value;

mod api;
pub use api::*;

pub struct TestApp {
    pub address: String,
    pub pool: Pool,
    pub database_url: String,
    /// The settings the application runs with (mail.outbox_dir points into the test's folder).
    pub settings: Settings,
    pub client: reqwest::Client,
    /// The application's clock: starts at the real time; tests move it to travel in time.
    pub clock: charter_tracker::clock::Clock,
    handle: actix_web::dev::ServerHandle,
    adjust: std::sync::Arc<dyn Fn(&mut Settings) + Send + Sync>,
    _dir: std::sync::Arc<tempfile::TempDir>,
    dir_path: std::path::PathBuf,
}

/// A response: status, headers and the body as JSON (Null when empty).
pub struct Reply {
    /// The request it answers, e.g. `POST /api/v1/cities` (for failure messages).
    pub request: String,
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts the status, with the request and the body in the failure message.
    #[track_caller]
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(self.status.as_u16(), status, "{}: {}", self.request, self.body);
        self
    }

    /// The body read as a test-side type, with the request and the body in the failure message.
    #[track_caller]
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        T::deserialize(&self.body).unwrap_or_else(|e| panic!("{}: {e} in {}", self.request, self.body))
    }

    pub fn content_type(&self) -> &str {
        self.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts an RFC 9457 problem with this status naming `field`, and returns the body.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, field: Option<&str>) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.content_type(), "application/problem+json");
        assert_eq!(self.body["status"], status);
        assert!(self.body["title"].is_string() && self.body["detail"].is_string(), "{}", self.body);
        if let Some(f) = field {
            let errors = self.body["errors"].as_array().unwrap_or_else(|| panic!("no errors in {}", self.body));
            assert!(errors.iter().any(|e| e["field"] == f), "no error for field {f} in {}", self.body);
        }
        &self.body
    }
}

fn settings_for(dir: &std::path::Path, database_url: &str) -> Settings {
    let url = database_url.to_string();
    let mut s = Settings::load_from(dir, &[("DATABASE_URL".to_string(), url)].into()).expect("settings");
    s.charters.dir = dir.join("charters");
    s.server.workers = 2;
    s.database.pool_size = 4;
    s.mail.outbox_dir = dir.join("outbox");
    s.reports.cache_dir = dir.join("report-cache");
    s
}

/// A fresh database URL: a file in `dir`, or a new database on the TEST_DATABASE_URL server.
pub fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        None => format!("sqlite://{}", dir.join("test.db").display()),
        Some(server) => {
            use diesel::connection::SimpleConnection;
            // Named after the run's database, so a CI run can drop exactly the ones it made.
            let mut url = url::Url::parse(&server).unwrap();
            let base = match url.path().trim_start_matches('/') {
                "" | "postgres" => "ct_test".to_string(),
                other => other.to_string(),
            };
            let name = format!("{base}_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
            // Through the application's one way of connecting, which prepares libpq's libraries
            // for the process's exit before the first connection (`db::libpq`).
            let mut admin = charter_tracker::db::libpq::establish(&server).expect("TEST_DATABASE_URL reachable");
            admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
            url.set_path(&name);
            url.to_string()
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// As `spawn`, with settings changed by `adjust` first.
    pub async fn spawn_with(adjust: impl Fn(&mut Settings) + Send + Sync + 'static) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(dir.path());
        Self::start(std::sync::Arc::new(dir), url, std::sync::Arc::new(adjust)).await
    }

    async fn start(
        dir: std::sync::Arc<tempfile::TempDir>,
        database_url: String,
        adjust: std::sync::Arc<dyn Fn(&mut Settings) + Send + Sync>,
    ) -> TestApp {
        // Errors the application logs are printed with a failing test's output (RUST_LOG for more).
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "error".into()))
            .with_test_writer()
            .try_init();
        let dir_path = dir.path().to_path_buf();
        let mut settings = settings_for(&dir_path, &database_url);
        adjust(&mut settings);
        let pool = {
            let s = settings.clone();
            tokio::task::spawn_blocking(move || startup::prepare(&s, chrono::Utc::now()))
                .await
                .unwrap()
                .expect("prepare")
        };
        let clock = charter_tracker::clock::Clock::manual(chrono::Utc::now());
        let templates = std::sync::Arc::new(charter_tracker::mail::load_templates(&settings.mail).expect("templates"));
        let app = Application::build_with(settings.clone(), pool.clone(), templates, clock.clone(), "127.0.0.1:0")
            .expect("build");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            pool,
            database_url,
            settings,
            client: reqwest::Client::new(),
            clock,
            handle,
            _dir: dir,
            dir_path,
            adjust,
        }
    }

    /// Stops this server and starts a new one on the same database, as after a restart.
    pub async fn restart(self) -> TestApp {
        self.handle.stop(true).await;
        let dir = self._dir.clone();
        Self::start(dir, self.database_url.clone(), self.adjust.clone()).await
    }

    /// One scheduler pass at `at`, exactly as `charter-tracker tick --at` runs it, delivering
    /// through `transport`; the application's clock moves to `at` too.
    pub async fn tick(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        transport: std::sync::Arc<charter_tracker::mail::transport::Transport>,
    ) -> charter_tracker::scheduler::TickReport {
        self.clock.set(at);
        let (pool, settings) = (self.pool.clone(), self.settings.clone());
        tokio::task::spawn_blocking(move || {
            charter_tracker::scheduler::tick(&pool, &settings, templates(), &transport, at)
        })
        .await
        .unwrap()
        .expect("tick")
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir_path
    }

    /// Creates a user with a role (and city, for editors) and returns a bearer token.
    pub async fn token(&self, role: Role, city: Option<i64>) -> String {
        let (pool, now) = (self.pool.clone(), self.clock.now());
        tokio::task::spawn_blocking(move || {
            let mut c = pool.get().unwrap();
            let email = format!("{}-{}@test.example", role.as_str(), uuid::Uuid::new_v4().simple());
            let id = auth::store::add(&mut c, &email, role, city, "a long test password", now).unwrap();
            auth::tokens::issue(&mut c, id, "test", now).unwrap().1
        })
        .await
        .unwrap()
    }

    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
        self.request_with(method, path, token, body, &[]).await
    }

    pub async fn request_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let request = format!("{method} {path}");
        let mut req = self.client.request(method, format!("{}{}", self.address, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Reply { request, status, headers, body }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::POST, path, Some(token), Some(&body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::PATCH, path, Some(token), Some(&body)).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.request(Method::DELETE, path, Some(token), None).await
    }

    /// Queues a `round_opened` email to `to` (language `lang`) under `key`, due at `not_before`,
    /// and returns its id (None if the key was already used).
    pub async fn enqueue_email(
        &self,
        key: &str,
        to: &str,
        lang: &str,
        not_before: chrono::DateTime<chrono::Utc>,
    ) -> Option<i64> {
        let pool = self.pool.clone();
        let email = sample_email(key, to, lang, not_before);
        tokio::task::spawn_blocking(move || {
            use charter_tracker::db::schema::outbox;
            use diesel::prelude::*;
            let mut c = pool.get().unwrap();
            let key = email.idempotency_key.clone();
            let created = charter_tracker::mail::outbox::enqueue(&mut c, templates(), email, chrono::Utc::now())
                .expect("enqueue");
            created.then(|| {
                outbox::table.filter(outbox::idempotency_key.eq(key)).select(outbox::id).first(&mut c).unwrap()
            })
        })
        .await
        .unwrap()
    }
}

/// The secretariat's token plus a small world: two cities, each with a plan and one action,
/// and a token per role (editors of city A and city B, an observer).
#[allow(dead_code)] // every test uses a different part of the world
pub struct World {
    pub secretariat: String,
    pub editor_a: String,
    pub editor_b: String,
    pub observer: String,
    pub city_a: i64,
    pub city_b: i64,
    pub plan_a: i64,
    pub plan_b: i64,
    pub action_a: i64,
    pub action_b: i64,
    pub contact_a: i64,
}

impl World {
    pub async fn build(app: &TestApp) -> World {
        let secretariat = app.token(Role::Secretariat, None).await;
        let city_a = app.city(&secretariat, "Malmö", "SE").await;
        let city_b = app.city(&secretariat, "Łódź", "PL").await;
        let editor_a = app.token(Role::CityEditor, Some(city_a)).await;
        let editor_b = app.token(Role::CityEditor, Some(city_b)).await;
        let observer = app.token(Role::Observer, None).await;
        let plan_a = app.plan(&secretariat, city_a).await;
        let plan_b = app.plan(&secretariat, city_b).await;
        let action_a = app.action(&editor_a, plan_a, "SP1", "in_progress").await;
        let action_b = app.action(&editor_b, plan_b, "EM1", "planned").await;
        let contact_a = app.contact(&secretariat, city_a, "Anna Berg", "anna@malmo.example", "sv").await;
        World {
            secretariat,
            editor_a,
            editor_b,
            observer,
            city_a,
            city_b,
            plan_a,
            plan_b,
            action_a,
            action_b,
            contact_a,
        }
    }
}

/// The built-in email templates, loaded once per test binary.
pub fn templates() -> &'static charter_tracker::mail::templates::EmailTemplates {
    static T: std::sync::OnceLock<charter_tracker::mail::templates::EmailTemplates> = std::sync::OnceLock::new();
    T.get_or_init(|| charter_tracker::mail::templates::EmailTemplates::load(None).expect("built-in templates"))
}

/// A `round_opened` email with every variable it needs; the contact's name is taken from `to`.
pub fn sample_email(
    key: &str,
    to: &str,
    lang: &str,
    not_before: chrono::DateTime<chrono::Utc>,
) -> charter_tracker::mail::outbox::NewEmail {
    let name = to.split('@').next().unwrap_or("").replace('.', " ");
    charter_tracker::mail::outbox::NewEmail {
        idempotency_key: key.to_string(),
        content: charter_tracker::mail::emails::RoundOpened {
            network_name: "EUROCITIES".into(),
            contact_name: name.clone(),
            city_name: "Malmö".into(),
            period_label: "Q2 2026".into(),
            due_date: "30 June 2026".into(),
            link: "https://tracker.example/check-ins/42".into(),
            days: None,
        }
        .into(),
        language: lang.into(),
        to_address: to.into(),
        to_name: name,
        city_id: None,
        round_id: Some(7),
        not_before,
    }
}

/// The token of the first check-in link in a text (an email body).
pub fn link_token(text: &str) -> Option<String> {
    let rest = text.split("/check-in/").nth(1)?;
    Some(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect())
}

/// A round opened at the app clock's "now": the schedule becomes daily at 00:00 UTC, so the
/// round opened today and closes tomorrow, whatever the real date. Emails go to files.
pub struct OpenRound {
    pub round: i64,
    pub check_in_a: i64,
    pub check_in_b: i64,
    /// The token of the link emailed to city A's contact.
    pub token_a: String,
}

impl TestApp {
    pub async fn open_round_now(&self, w: &World) -> OpenRound {
        self.put_schedule(&w.secretariat, "0 0 * * *", "UTC").await;
        let transport = std::sync::Arc::new(
            charter_tracker::mail::transport::Transport::from_settings(&self.settings.mail).unwrap(),
        );
        let report = self.tick(self.clock.now(), transport).await;
        let round = report.opened_round.expect("a round opens");
        let body = self.outbox_bodies_to("anna@malmo.example").await;
        OpenRound {
            round,
            check_in_a: self.check_in_of(&w.secretariat, round, w.city_a).await.id,
            check_in_b: self.check_in_of(&w.secretariat, round, w.city_b).await.id,
            token_a: link_token(body.last().expect("an email to city A")).unwrap(),
        }
    }

    /// Text bodies of the emails queued to an address, oldest first.
    pub async fn outbox_bodies_to(&self, address: &str) -> Vec<String> {
        let pool = self.pool.clone();
        let address = address.to_string();
        tokio::task::spawn_blocking(move || {
            use charter_tracker::db::schema::outbox;
            use diesel::prelude::*;
            let mut c = pool.get().unwrap();
            outbox::table
                .filter(outbox::to_address.eq(address))
                .order(outbox::id)
                .select(outbox::body_text)
                .load::<String>(&mut c)
                .unwrap()
        })
        .await
        .unwrap()
    }
}

/// Starts a server in a process of its own (`start(port)` spawns it) on a free port, and waits
/// until it answers `/healthz`. A free port is found by binding and letting go, so another
/// test's server may take it first: this one then exits at start (it cannot bind), and the
/// other may answer in its place. So the child must still be running once `/healthz` answers,
/// or it is started again on another port (five attempts; `log`, if given, is shown when the
/// last one fails).
pub async fn serve_on_a_free_port(
    log: Option<&std::path::Path>,
    mut start: impl FnMut(u16) -> std::process::Child,
) -> (std::process::Child, u16) {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut child = start(port);
        let up = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.is_err()
            && std::time::Instant::now() < up
            && child.try_wait().unwrap().is_none()
        {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // Answering, and still ours: give it a moment to fail binding if the port was taken.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        match child.try_wait().unwrap() {
            None => return (child, port),
            Some(status) => {
                let log = log.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
                assert!(attempts < 5, "the server exited at start five times (last: {status}); log:\n{log}");
            }
        }
    }
}
