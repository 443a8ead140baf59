//! Building the application: database, charters, HTTP server. Tests call `Application::build`
//! with port 0 and read `port()`.

use crate::app::AppState;
use crate::config::Settings;
use crate::db::{self, Pool};
use crate::error::ApiError;
use crate::mail::templates::EmailTemplates;
use crate::{actions, auth, charter, check_ins, cities, history, http, mail, openapi, plans};
use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders};
use actix_web::{web, App, HttpResponse};
use anyhow::Context;
use std::net::TcpListener;
use std::sync::Arc;

/// Opens the database, applies migrations and loads the charters: everything `serve`,
/// the CLI and tests need before doing anything else. `now` stamps what loading changes.
pub fn prepare(settings: &Settings, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<Pool> {
    let url = settings.database_url()?;
    tracing::info!(database = %url.redacted(), "opening database");
    let pool = db::connect_and_migrate(&url, settings.database.pool_size)?;
    let files = charter::loader::read_files(&settings.charters.dir)?;
    charter::translations::load(&settings.charters.dir, &files)?;
    let mut conn = pool.get().context("taking a connection to load the charters")?;
    let report = charter::loader::sync(&mut conn, &files, now)?;
    if report.changed() {
        tracing::info!(?report, "charters loaded");
    }
    let indicators = crate::indicators::loader::sync(
        &mut conn,
        &crate::indicators::loader::read_files(&settings.charters.dir)?,
        now,
    )?;
    if indicators.changed() {
        tracing::info!(?indicators, "indicator sets loaded");
    }
    Ok(pool)
}

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds `bind` (use port 0 in tests) and builds the HTTP server over a prepared pool,
    /// loading the email templates from the settings.
    pub fn build(settings: Settings, pool: Pool, bind: &str) -> anyhow::Result<Self> {
        let templates = Arc::new(mail::load_templates(&settings.mail)?);
        Self::build_with(settings, pool, templates, crate::clock::Clock::System, bind)
    }

    /// As `build`, with templates already loaded.
    pub fn build_with(
        settings: Settings,
        pool: Pool,
        templates: Arc<EmailTemplates>,
        clock: crate::clock::Clock,
        bind: &str,
    ) -> anyhow::Result<Self> {
        crate::allocator::limit_arenas();
        crate::auth::password::configure(
            settings.sign_in.hashing_at_once as usize,
            std::time::Duration::from_millis(settings.sign_in.hashing_wait_ms),
        );
        let listener = TcpListener::bind(bind).with_context(|| format!("binding {bind}"))?;
        let port = listener.local_addr()?.port();
        let workers = settings.server.workers;
        let blocking_threads = settings.database.pool_size as usize + 4;
        let tls = settings.served_over_tls();
        crate::i18n::messages::offer_pseudo(settings.network.pseudo_language);
        let report_templates = Arc::new(crate::reports::render::Templates::load(&settings.reports.templates_dir)?);
        // File ages are the file system's clock, so this one reads the system time.
        crate::reports::files::remove_abandoned_copies(&settings.reports.cache_dir, std::time::SystemTime::now());
        let changes = crate::db::changes::Feed::for_database(&settings.database_url()?);
        let state = web::Data::new(AppState {
            report_templates,
            pages: Arc::new(crate::pages::Pages::load(
                std::path::Path::new("templates/pages"),
                &settings.network.name,
            )?),
            pool,
            settings: Arc::new(settings),
            templates,
            clock,
            demo: Default::default(),
            overview: Default::default(),
            city_pages: Default::default(),
            network_rows: crate::pages::rendered::Rendered::with_budget(crate::pages::network::ROWS_BUDGET),
            changes,
            sessions: Default::default(),
            searches: Default::default(),
        });
        let app = move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::QueryConfig::default().error_handler(http::query_error))
                .app_data(web::PathConfig::default().error_handler(http::path_error))
                .app_data(web::FormConfig::default().limit(crate::pages::web::MAX_FORM))
                .wrap(actix_web::middleware::from_fn(crate::http::conditional_get))
                .wrap(actix_web::middleware::from_fn(crate::edge::guard))
                .wrap(security_headers(tls))
                .wrap(Compress::default())
                .wrap(tracing_actix_web::TracingLogger::default())
                .wrap(actix_web::middleware::from_fn(crate::metrics::middleware))
                .configure(routes)
        };
        // What actix-web's HttpServer does, with one step first: each new connection is screened
        // (edge::screen_connection) before actix-http parses it. Timeouts are HttpServer's.
        let local = listener.local_addr()?;
        let mut builder = actix_server::Server::build();
        let shutdown = builder.graceful_shutdown_signal();
        if workers > 0 {
            builder = builder.workers(workers);
        }
        // Each worker's pool of threads for blocking work (every database call, file reads,
        // password hashing) may grow to 512 by default; more threads than connections only wait
        // for one, and each keeps its stack and allocator caches (40 threads held about 15 MB
        // after load at 10,000 cities; README, Performance). A few more than the connections
        // leave room for work that needs none.
        builder = builder.worker_max_blocking_threads(blocking_threads);
        let server = builder
            .listen("charter-tracker", listener, move || {
                use actix_service::ServiceFactoryExt;
                let shutdown = shutdown.clone();
                let app = actix_service::IntoServiceFactory::into_factory(app())
                    .map_err(|e: actix_web::Error| actix_web::ResponseError::error_response(e.as_response_error()));
                let http = actix_http::HttpService::build()
                    .client_request_timeout(std::time::Duration::from_secs(5))
                    .client_disconnect_timeout(std::time::Duration::from_secs(1))
                    .local_addr(local)
                    .graceful_shutdown_signal(move || {
                        let signal = shutdown.clone();
                        async move { signal.notified().await }
                    })
                    .finish(actix_service::map_config(app, |_| actix_web::dev::AppConfig::default()));
                actix_service::fn_service(|io: tokio::net::TcpStream| async move {
                    match crate::edge::screen_connection(io).await {
                        Ok(Some(io)) => {
                            let peer = io.peer_addr().ok();
                            Ok((io, actix_http::Protocol::Http1, peer))
                        }
                        Ok(None) => Err(actix_http::error::DispatchError::Io(std::io::Error::other(
                            "request line too long: answered 414",
                        ))),
                        Err(e) => Err(actix_http::error::DispatchError::Io(e)),
                    }
                })
                .and_then(http)
            })?
            .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server (tests restart the application on the same database).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Headers on every response: no script at all and only our own stylesheets and images (CSP),
/// no framing, no MIME sniffing, no referrer to other sites (check-in and password links carry
/// secrets; `same-origin` rather than `no-referrer` because with the latter browsers send
/// `Origin: null` on our own form posts, which the pages' same-origin check must refuse), and
/// HSTS when the service is reached over HTTPS.
fn security_headers(tls: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"));
    if tls {
        headers.add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        headers
    }
}

/// Every route of the application.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .route("/metrics", web::get().to(crate::metrics::serve))
        .route("/api/v1/openapi.json", web::get().to(openapi::serve))
        .route("/static/{name}", web::get().to(crate::pages::asset))
        // Browsers ask for /favicon.ico on pages that name no icon (the standalone reports).
        .route(
            "/favicon.ico",
            web::get().to(|| async {
                HttpResponse::MovedPermanently().insert_header(("Location", "/static/favicon.svg")).finish()
            }),
        )
        .service(
            web::scope("/api/v1")
                .configure(charter::routes::configure)
                .configure(auth::routes::configure)
                .configure(cities::routes::configure)
                .configure(cities::contacts::configure)
                .configure(plans::routes::configure)
                .configure(actions::routes::configure)
                .configure(check_ins::routes::configure)
                .configure(history::routes::configure)
                .configure(mail::routes::configure)
                .configure(crate::indicators::routes::configure)
                .configure(crate::reports::routes::configure)
                .configure(crate::verification::routes::configure)
                .configure(crate::learning::routes::configure)
                .configure(crate::peer_reviews::routes::configure)
                .configure(crate::exchange::routes::configure)
                .configure(crate::privacy::routes::configure),
        )
        .service(
            web::scope("")
                .wrap(actix_web::middleware::from_fn(crate::pages::web::middleware))
                .configure(crate::pages::configure),
        )
        .default_service(web::to(no_such_route));
}

/// Liveness: the process answers HTTP. A static 200 that touches nothing (no database, no
/// lock), so a slow or lost database never gets a live instance restarted; `/readyz` is the
/// check that asks the database.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "the process answers (the database is not asked: see /readyz)")))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(r#"{"status":"ok"}"#)
}

/// Readiness, for a load balancer or orchestrator deciding whether to send traffic here: 200
/// `{"status":"ready"}` when a query on the database succeeds and every migration this binary
/// carries is applied; 503 problem JSON otherwise.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, description = "the database answers a query and its migrations are applied"),
        (status = 503, body = crate::error::Problem)))]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    use diesel::connection::SimpleConnection;
    let pool = state.pool.clone();
    let checked = web::block(move || -> Result<(), (&'static str, String)> {
        let mut conn = pool.get().map_err(|e| ("the service cannot reach its database", e.to_string()))?;
        conn.batch_execute("SELECT 1").map_err(|e| ("the database does not answer a query", e.to_string()))?;
        match db::has_pending_migrations(&mut conn) {
            Ok(false) => Ok(()),
            Ok(true) => Err(("the database has migrations still to apply", "pending migrations".into())),
            Err(e) => Err(("the database's migrations cannot be read", format!("{e:#}"))),
        }
    })
    .await
    .map_err(|e| ("the readiness check did not run", e.to_string()))
    .and_then(|r| r);
    match checked {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({"status": "ready"})),
        Err((detail, reason)) => {
            tracing::error!(%reason, detail, "readiness check failed");
            HttpResponse::ServiceUnavailable().content_type("application/problem+json").body(
                serde_json::json!({"type": "/problems/unavailable", "title": "Not ready",
                    "status": 503, "detail": detail})
                .to_string(),
            )
        }
    }
}

/// Unknown paths: under `/api/` a problem (a 405 with `Allow` when the path is documented but
/// not with this method), elsewhere the "Page not found" page, whatever the client accepts.
pub async fn no_such_route(req: actix_web::HttpRequest) -> HttpResponse {
    let pattern = req.resource_map().match_pattern(req.path());
    if let Some(allow) = pattern.as_deref().and_then(openapi::methods_of) {
        return actix_web::ResponseError::error_response(&ApiError::MethodNotAllowed(allow));
    }
    if !crate::edge::is_api(req.path()) {
        return crate::pages::web::message(
            &req,
            actix_web::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["If you typed the address, check it is correct; if you followed a link, it may be out of date."],
            Some(("/", "Go to the home page")),
        )
        .unwrap_or_else(|e| actix_web::ResponseError::error_response(&e));
    }
    actix_web::ResponseError::error_response(&ApiError::not_found(format!(
        "there is no {} {} here; the API is described at /api/v1/openapi.json",
        req.method(),
        req.path()
    )))
}
