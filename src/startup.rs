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
use actix_web::{web, App, HttpResponse, HttpServer};
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
        let listener = TcpListener::bind(bind).with_context(|| format!("binding {bind}"))?;
        let port = listener.local_addr()?.port();
        let workers = settings.server.workers;
        let tls = settings.served_over_tls();
        let report_templates = Arc::new(crate::reports::render::Templates::load(&settings.reports.templates_dir)?);
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
        });
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(web::QueryConfig::default().error_handler(http::query_error))
                .app_data(web::PathConfig::default().error_handler(http::path_error))
                .app_data(web::FormConfig::default().limit(crate::pages::web::MAX_FORM))
                .wrap(security_headers(tls))
                .wrap(Compress::default())
                .wrap(tracing_actix_web::TracingLogger::default())
                .configure(routes)
        })
        .listen(listener)?;
        if workers > 0 {
            server = server.workers(workers);
        }
        Ok(Application { port, server: server.run() })
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
                .configure(crate::exchange::routes::configure),
        )
        .service(
            web::scope("")
                .wrap(actix_web::middleware::from_fn(crate::pages::web::middleware))
                .configure(crate::pages::configure),
        )
        .default_service(web::to(no_such_route));
}

/// Liveness and readiness: answers 200 only when the database answers.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "the database answers"), (status = 503, body = crate::error::Problem)))]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    use diesel::connection::SimpleConnection;
    let pool = state.pool.clone();
    let checked = web::block(move || -> Result<(), String> {
        let mut conn = pool.get().map_err(|e| e.to_string())?;
        conn.batch_execute("SELECT 1").map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())
    .and_then(|r| r);
    match checked {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({"status": "ok", "database": "ok"})),
        Err(reason) => {
            tracing::error!(%reason, "health check failed");
            HttpResponse::ServiceUnavailable().content_type("application/problem+json").body(
                serde_json::json!({"type": "/problems/unavailable", "title": "The database does not answer",
                    "status": 503, "detail": "the service cannot reach its database"})
                .to_string(),
            )
        }
    }
}

/// Unknown paths get a problem body too, pointing at the API description; a browser asking
/// for a page gets a page.
async fn no_such_route(req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    let wants_html = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if wants_html && !req.path().starts_with("/api/") {
        return Ok(crate::pages::web::message(
            &req,
            actix_web::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["If you typed the address, check it is correct; if you followed a link, it may be out of date."],
            Some(("/", "Go to the home page")),
        )
        .unwrap_or_else(|e| actix_web::ResponseError::error_response(&e)));
    }
    Err(ApiError::not_found(format!(
        "there is no {} {} here; the API is described at /api/v1/openapi.json",
        req.method(),
        req.path()
    )))
}
