//! `GET /metrics` in the Prometheus text format (issue 15, "Operate it"), with the `prometheus`
//! crate. Counted in the process: HTTP requests by route pattern, method and status, with their
//! latency (the middleware below), and scheduler passes with their duration
//! (`scheduler::plan_due`). Read from the database at each scrape: the outbox by state, the age
//! of the oldest queued email, and the check-ins of open rounds by state.
//!
//! Readable with `Authorization: Bearer <metrics.token>`, or without it from an address in
//! `metrics.allow_from` (the TCP peer, or behind a proxy listed in `metrics.forwarded_by` the
//! address that proxy added to `X-Forwarded-For`); with neither configured the path does not
//! exist (404).

use crate::app::AppState;
use crate::db::schema::{check_ins, outbox, rounds};
use crate::db::DbConnection;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use prometheus::{Encoder, GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry};
use std::sync::LazyLock;
use std::time::Instant;

/// What the process counts. One set per process: the HTTP server, the scheduler thread and the
/// CLI's `tick` all add to it.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    passes: IntCounterVec,
    pass_duration: HistogramVec,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let registry = Registry::new();
    let requests = IntCounterVec::new(
        Opts::new("http_requests_total", "HTTP requests answered, by route pattern, method and status"),
        &["route", "method", "status"],
    )
    .expect("metric definition");
    let latency = HistogramVec::new(
        HistogramOpts::new("http_request_duration_seconds", "Time to answer an HTTP request, by route pattern")
            .buckets(vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
        &["route", "method"],
    )
    .expect("metric definition");
    let passes = IntCounterVec::new(
        Opts::new("scheduler_passes_total", "Scheduler passes (plan_due), by outcome: ok or error"),
        &["outcome"],
    )
    .expect("metric definition");
    let pass_duration = HistogramVec::new(
        HistogramOpts::new("scheduler_pass_duration_seconds", "Time a scheduler pass (plan_due) took")
            .buckets(vec![0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0]),
        &[],
    )
    .expect("metric definition");
    for c in [Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>, Box::new(latency.clone())] {
        registry.register(c).expect("metric registered once");
    }
    registry.register(Box::new(passes.clone())).expect("metric registered once");
    registry.register(Box::new(pass_duration.clone())).expect("metric registered once");
    Metrics { registry, requests, latency, passes, pass_duration }
});

/// Records one scheduler pass: its outcome and how long it took.
pub fn scheduler_pass(ok: bool, seconds: f64) {
    METRICS.passes.with_label_values(&[if ok { "ok" } else { "error" }]).inc();
    METRICS.pass_duration.with_label_values::<&str>(&[]).observe(seconds);
}

/// Counts and times every request by the pattern of the route that answered it (`/cities/{id}`,
/// never the concrete path, so the label's values stay few); `unmatched` for paths no route
/// takes.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let res = next.call(req).await?;
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
    let status = res.status().as_u16().to_string();
    METRICS.requests.with_label_values(&[route.as_str(), method.as_str(), status.as_str()]).inc();
    METRICS.latency.with_label_values(&[route.as_str(), method.as_str()]).observe(started.elapsed().as_secs_f64());
    crate::allocator::answered();
    Ok(res)
}

/// The gauges read from the database at scrape time.
struct DatabaseGauges {
    outbox: Vec<(String, i64)>,
    oldest_queued: Option<chrono::NaiveDateTime>,
    open_check_ins: Vec<(String, i64)>,
}

fn read_gauges(conn: &mut DbConnection) -> QueryResult<DatabaseGauges> {
    let outbox =
        outbox::table
            .group_by(outbox::status)
            .select((outbox::status, diesel::dsl::count_star()))
            .load::<(String, i64)>(conn)?;
    let oldest_queued = outbox::table
        .filter(outbox::status.eq(crate::mail::outbox::status::QUEUED))
        .select(diesel::dsl::min(outbox::created_at))
        .first::<Option<chrono::NaiveDateTime>>(conn)?;
    let open_check_ins = check_ins::table
        .inner_join(rounds::table)
        .filter(rounds::closed_at.is_null())
        .group_by(check_ins::state)
        .select((check_ins::state, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?;
    Ok(DatabaseGauges { outbox, oldest_queued, open_check_ins })
}

/// The text exposition: what the process counted, then the database's gauges.
fn render(g: &DatabaseGauges, listening: bool, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<Vec<u8>> {
    let scrape = Registry::new();
    let outbox = IntGaugeVec::new(Opts::new("outbox_emails", "Emails in the outbox, by state"), &["state"])?;
    for state in ["queued", "sending", "sent", "failed", "cancelled"] {
        outbox.with_label_values(&[state]).set(0);
    }
    for (state, n) in &g.outbox {
        outbox.with_label_values(&[state.as_str()]).set(*n);
    }
    let oldest = GaugeVec::new(
        Opts::new("outbox_oldest_queued_age_seconds", "Age of the oldest queued email in seconds (0 when none)"),
        &[],
    )?;
    let age = g.oldest_queued.map(|t| (now.naive_utc() - t).num_milliseconds().max(0) as f64 / 1000.0);
    oldest.with_label_values::<&str>(&[]).set(age.unwrap_or(0.0));
    let open =
        IntGaugeVec::new(Opts::new("open_check_ins", "Check-ins of rounds not yet closed, by state"), &["state"])?;
    for state in crate::check_ins::CheckInState::ALL {
        open.with_label_values(&[state.as_str()]).set(0);
    }
    for (state, n) in &g.open_check_ins {
        open.with_label_values(&[state.as_str()]).set(*n);
    }
    let feed = IntGaugeVec::new(
        Opts::new(
            "change_feed_listening",
            "1 while this instance hears changes as they commit (PostgreSQL LISTEN; db::changes); 0 when its pages ask the database",
        ),
        &[],
    )?;
    feed.with_label_values::<&str>(&[]).set(i64::from(listening));
    scrape.register(Box::new(outbox))?;
    scrape.register(Box::new(oldest))?;
    scrape.register(Box::new(open))?;
    scrape.register(Box::new(feed))?;
    let mut families = METRICS.registry.gather();
    families.extend(scrape.gather());
    let mut out = Vec::new();
    prometheus::TextEncoder::new().encode(&families, &mut out)?;
    Ok(out)
}

/// Compares two tokens in time that does not depend on where they differ.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len() && given.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// `GET /metrics`: 404 when neither `metrics.token` nor `metrics.allow_from` is set; the
/// Prometheus text format for the token or an allowed address; otherwise 401 (a token is
/// configured: send it) or 403 (only addresses are).
pub async fn serve(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let m = &state.settings.metrics;
    if !m.enabled() {
        return crate::startup::no_such_route(req).await;
    }
    let expected = m.token.as_bytes();
    let given = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let by_token = !expected.is_empty() && given.is_some_and(|g| same_token(g.as_bytes(), expected));
    let by_address = || {
        let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        req.peer_addr().and_then(|p| m.client(p.ip(), forwarded)).is_some_and(|ip| m.allows(ip))
    };
    if !by_token && !by_address() {
        if expected.is_empty() {
            return HttpResponse::Forbidden()
                .content_type("text/plain; charset=utf-8")
                .body("403: /metrics is readable only from the addresses in metrics.allow_from\n");
        }
        return HttpResponse::Unauthorized()
            .insert_header(("WWW-Authenticate", "Bearer realm=\"metrics\""))
            .content_type("text/plain; charset=utf-8")
            .body("401: /metrics needs Authorization: Bearer <metrics.token>\n");
    }
    let (pool, now, listening) = (state.pool.clone(), state.clock.now(), state.changes.listening());
    let gauges = web::block(move || -> anyhow::Result<DatabaseGauges> {
        let mut conn = pool.get()?;
        Ok(read_gauges(&mut conn)?)
    })
    .await
    .map_err(anyhow::Error::from)
    .and_then(|r| r)
    .and_then(|g| render(&g, listening, now));
    match gauges {
        Ok(body) => HttpResponse::Ok().content_type(prometheus::TEXT_FORMAT).body(body),
        Err(e) => {
            tracing::error!(error = ?e, "reading the metrics failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("503: the metrics could not be read from the database\n")
        }
    }
}
