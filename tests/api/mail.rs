//! The outbox and its delivery, over a real SMTP server on TCP (`smtp_sink`), on SQLite and on
//! PostgreSQL (TEST_DATABASE_URL). The clock is passed in: nothing here waits for time to pass.

use crate::helpers::{sample_email, serve_on_a_free_port, templates, TestApp};
use crate::smtp_sink::{Mode, ReceivedMail, SmtpSink};
use base64::Engine;
use charter_tracker::config::MailSettings;
use charter_tracker::db::schema::outbox;
use charter_tracker::db::Pool;
use charter_tracker::mail::outbox::{self as ob, OutboxRow};
use charter_tracker::mail::transport::Transport;
use charter_tracker::mail::worker::{deliver_due, DeliveryReport};
use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::prelude::*;
use reqwest::Method;
use std::collections::BTreeMap;

/// A fixed instant, so every test reads the same.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 8, 0, 0).unwrap()
}

fn smtp(sink: &SmtpSink) -> Transport {
    Transport::smtp_plain("127.0.0.1", sink.port(), std::time::Duration::from_secs(10))
}

fn mail_settings(app: &TestApp) -> MailSettings {
    let mut s = app.settings.mail.clone();
    s.from = "EUROCITIES secretariat <no-reply@eurocities.example>".into();
    s
}

/// Runs blocking work (database, SMTP) off the test's runtime, which also serves the app.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

async fn deliver(app: &TestApp, transport: std::sync::Arc<Transport>, now: DateTime<Utc>) -> DeliveryReport {
    let pool = app.pool.clone();
    let settings = mail_settings(app);
    blocking(move || deliver_due(&pool, &transport, &settings, now).expect("deliver_due")).await
}

async fn rows(pool: &Pool) -> Vec<OutboxRow> {
    let pool = pool.clone();
    blocking(move || {
        outbox::table.order(outbox::id).select(OutboxRow::as_select()).load(&mut pool.get().unwrap()).unwrap()
    })
    .await
}

fn report(sent: usize, retried: usize, failed: usize, deferred: usize) -> DeliveryReport {
    DeliveryReport { sent, retried, failed, deferred }
}

/// The envelope recipients of every message received, in order.
fn recipients(received: &[ReceivedMail]) -> Vec<String> {
    received.iter().map(|m| m.to.join(",")).collect()
}

// ---- reading what the sink received -------------------------------------------------------

/// A received message: unfolded, decoded headers, and its text and HTML parts, decoded.
struct Parsed {
    headers: Vec<(String, String)>,
    text: String,
    html: String,
}

impl Parsed {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }
}

fn split_head(data: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = data.split_once("\r\n\r\n").unwrap_or((data, ""));
    let mut headers: Vec<(String, String)> = vec![];
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim_start());
            }
        } else if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    (headers, body)
}

/// RFC 2047 encoded words (`=?utf-8?b?...?=`, `=?utf-8?q?...?=`) in a header value.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        let word = &rest[start + 2..];
        let parts: Vec<&str> = word.splitn(3, '?').collect();
        let end = parts.get(2).and_then(|p| p.find("?=")).expect("encoded word ends");
        let text = &parts[2][..end];
        let bytes = match parts[1] {
            "b" | "B" => base64::engine::general_purpose::STANDARD.decode(text).unwrap(),
            _ => quoted_printable(&text.replace('_', " ")),
        };
        out.push_str(&String::from_utf8(bytes).unwrap());
        rest = &parts[2][end + 2..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

fn quoted_printable(s: &str) -> Vec<u8> {
    let s = s.replace("=\r\n", "");
    let bytes = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn parse(mail: &ReceivedMail) -> Parsed {
    let (mut headers, body) = split_head(&mail.data);
    for h in &mut headers {
        h.1 = decode_words(&h.1);
    }
    let content_type = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("Content-Type")).unwrap().1.clone();
    assert!(content_type.starts_with("multipart/alternative"), "{content_type}");
    let boundary = content_type.split("boundary=").nth(1).unwrap().trim_matches('"').to_string();
    let (mut text, mut html) = (None, None);
    for part in body.split(&format!("--{boundary}")).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let (part_headers, part_body) = split_head(part.trim_start_matches("\r\n"));
        let get = |name: &str| {
            part_headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.to_ascii_lowercase())
                .unwrap_or_default()
        };
        let part_body = part_body.strip_suffix("\r\n").unwrap_or(part_body);
        let decoded = match get("Content-Transfer-Encoding").as_str() {
            "base64" => base64::engine::general_purpose::STANDARD.decode(part_body.replace("\r\n", "")).unwrap(),
            "quoted-printable" => quoted_printable(part_body),
            _ => part_body.as_bytes().to_vec(),
        };
        let decoded = String::from_utf8(decoded).unwrap();
        if get("Content-Type").starts_with("text/plain") {
            text = Some(decoded);
        } else if get("Content-Type").starts_with("text/html") {
            html = Some(decoded);
        }
    }
    Parsed { headers, text: text.expect("a text part"), html: html.expect("an HTML part") }
}

fn same_text(a: &str, b: &str) -> bool {
    a.replace("\r\n", "\n").trim_end() == b.replace("\r\n", "\n").trim_end()
}

// ---- the tests -----------------------------------------------------------------------------

#[tokio::test]
async fn queued_emails_are_delivered_over_smtp_with_their_headers_and_both_bodies() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let transport = std::sync::Arc::new(smtp(&sink));
    for (key, to, lang) in [
        ("round-7/city-1/round_opened", "anna.berg@malmo.example", "en"),
        ("round-7/city-2/round_opened", "lea.dubois@lyon.example", "fr-BE"),
        ("round-7/city-3/round_opened", "lukas.nowak@lodz.example", "pl"),
    ] {
        assert!(app.enqueue_email(key, to, lang, t0()).await.is_some());
    }
    // Not due yet: nothing is sent.
    assert_eq!(deliver(&app, transport.clone(), t0() - Duration::seconds(1)).await, report(0, 0, 0, 0));
    assert!(sink.received().is_empty());

    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(3, 0, 0, 0));
    let received = sink.received();
    assert_eq!(
        recipients(&received),
        ["anna.berg@malmo.example", "lea.dubois@lyon.example", "lukas.nowak@lodz.example"]
    );
    assert_eq!(sink.connections(), 1, "one SMTP connection is reused for the whole pass");

    let stored = rows(&app.pool).await;
    for (row, mail) in stored.iter().zip(&received) {
        assert_eq!(row.status, "sent");
        assert_eq!(row.attempts, 1);
        assert_eq!(row.sent_at, Some(t0().naive_utc()));
        assert!(row.claim_token.is_none() && row.last_error.is_none());
        assert_eq!(mail.from, "no-reply@eurocities.example");
        let parsed = parse(mail);
        assert_eq!(parsed.header("Subject"), row.subject);
        assert_eq!(
            parsed.header("Message-ID"),
            format!("<{}@eurocities.example>", ob::message_id_for(&row.idempotency_key))
        );
        assert_eq!(parsed.header("Content-Language"), row.language);
        assert!(
            parsed.header("From").contains("EUROCITIES secretariat")
                && parsed.header("From").ends_with("<no-reply@eurocities.example>")
        );
        assert!(parsed.header("To").contains(&format!("<{}>", row.to_address)), "{}", parsed.header("To"));
        assert!(parsed.header("To").contains(&row.to_name), "{}", parsed.header("To"));
        assert!(same_text(&parsed.text, &row.body_text), "text part differs:\n{}", parsed.text);
        assert!(same_text(&parsed.html, &row.body_html), "HTML part differs:\n{}", parsed.html);
        assert!(parsed.text.contains("https://tracker.example/check-ins/42"));
        assert!(parsed.html.contains("Malmö"), "values reach the HTML body");
    }
    // fr-BE is written in French; Polish has no templates and falls back to English.
    let languages: Vec<&str> = stored.iter().map(|r| r.language.as_str()).collect();
    assert_eq!(languages, ["en", "fr", "en"]);
    assert!(stored[1].subject.starts_with("Suivi de la Charte"), "{}", stored[1].subject);
    assert!(parse(&received[1]).header("Subject").contains("Malmö"));

    // A later pass finds nothing more to do.
    assert_eq!(deliver(&app, transport, t0() + Duration::hours(1)).await, report(0, 0, 0, 0));
    assert_eq!(sink.received().len(), 3);
}

/// `[mail]` with transport = "smtp" builds a working transport; with STARTTLS required and a
/// server that does not offer it, nothing is sent in the clear: the email waits, saying why.
#[tokio::test]
async fn smtp_settings_build_the_transport_and_starttls_is_required() {
    use charter_tracker::config::{MailTransportKind, SmtpSecurity};
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    app.enqueue_email("settings/1", "c1@city.example", "en", t0()).await.unwrap();
    let mut settings = mail_settings(&app);
    settings.transport = MailTransportKind::Smtp;
    settings.smtp.host = "127.0.0.1".into();
    settings.smtp.port = sink.port();
    settings.smtp.security = SmtpSecurity::Starttls;
    let pool = app.pool.clone();
    let s = settings.clone();
    let r = blocking(move || deliver_due(&pool, &Transport::from_settings(&s).unwrap(), &s, t0()).unwrap()).await;
    assert_eq!(r, report(0, 1, 0, 0));
    assert!(sink.received().is_empty());
    let error = rows(&app.pool).await[0].last_error.clone().unwrap();
    assert!(error.contains("STARTTLS"), "{error}");

    settings.smtp.security = SmtpSecurity::None;
    let pool = app.pool.clone();
    let r = blocking(move || {
        deliver_due(&pool, &Transport::from_settings(&settings).unwrap(), &settings, t0() + Duration::minutes(1))
            .unwrap()
    })
    .await;
    assert_eq!(r, report(1, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["c1@city.example"]);
}

#[tokio::test]
async fn the_same_idempotency_key_twice_is_one_row_and_one_email() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let key = "round-7/city-1/due_soon/0";
    assert!(app.enqueue_email(key, "anna@malmo.example", "en", t0()).await.is_some());
    assert!(app.enqueue_email(key, "anna@malmo.example", "en", t0()).await.is_none());
    // Different content under the same key changes nothing either.
    assert!(app.enqueue_email(key, "someone.else@malmo.example", "fr", t0() + Duration::days(1)).await.is_none());
    assert_eq!(rows(&app.pool).await.len(), 1);
    assert_eq!(deliver(&app, std::sync::Arc::new(smtp(&sink)), t0()).await, report(1, 0, 0, 0));
    // Once sent, the key still counts: planning the reminder again queues nothing.
    assert!(app.enqueue_email(key, "anna@malmo.example", "en", t0()).await.is_none());
    assert_eq!(deliver(&app, std::sync::Arc::new(smtp(&sink)), t0() + Duration::days(2)).await, report(0, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["anna@malmo.example"]);
}

/// The lookup of keys already queued (a round opening runs it per 500 contacts) is planned with
/// its values each time: on PostgreSQL none of its statements stays prepared, so a plan made
/// while the outbox was empty (a scan of the whole table) is not reused once it holds 20,000
/// emails. The same lookup written the usual way does stay prepared, which shows the check can
/// fail. On SQLite the lookup answers the same.
#[tokio::test]
async fn the_lookup_of_queued_keys_keeps_no_prepared_plan() {
    let app = TestApp::spawn().await;
    for key in ["k/1", "k/2"] {
        assert!(app.enqueue_email(key, "anna@malmo.example", "en", t0()).await.is_some());
    }
    let pool = app.pool.clone();
    blocking(move || {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let mut conn = pool.get().unwrap();
        for _ in 0..8 {
            let found = ob::existing_keys(&mut conn, &["k/1", "k/2", "k/3"]).unwrap();
            assert_eq!(found, ["k/1".to_string(), "k/2".to_string()].into_iter().collect());
        }
        let kept = |conn: &mut charter_tracker::db::DbConnection| -> Option<i64> {
            match conn {
                charter_tracker::db::DbConnection::Pg(c) => Some(
                    diesel::sql_query(
                        "SELECT count(*) AS n FROM pg_prepared_statements \
                         WHERE statement LIKE '%\"idempotency_key\" = ANY(%'",
                    )
                    .get_result::<N>(c)
                    .unwrap()
                    .n,
                ),
                charter_tracker::db::DbConnection::Sqlite(_) => None,
            }
        };
        if let Some(n) = kept(&mut conn) {
            assert_eq!(n, 0, "the lookup of queued keys stayed a prepared statement");
            let usual: Vec<String> = outbox::table
                .filter(outbox::idempotency_key.eq_any(["k/1"]))
                .select(outbox::idempotency_key)
                .load(&mut *conn)
                .unwrap();
            assert_eq!(usual, ["k/1"]);
            assert_eq!(kept(&mut conn), Some(1), "the usual form should stay prepared");
        }
    })
    .await;
}

#[tokio::test]
async fn enqueue_commits_or_rolls_back_with_the_callers_transaction() {
    let app = TestApp::spawn().await;
    let pool = app.pool.clone();
    blocking(move || {
        let mut c = pool.get().unwrap();
        let count = |c: &mut charter_tracker::db::DbConnection| -> i64 { outbox::table.count().get_result(c).unwrap() };
        // The caller's change fails: its email goes with it.
        let r: Result<(), diesel::result::Error> = charter_tracker::db::transaction(&mut c, |c| {
            assert!(ob::enqueue(c, templates(), sample_email("k/1", "a@x.example", "en", t0()), chrono::Utc::now())
                .unwrap());
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(r.is_err());
        assert_eq!(count(&mut c), 0);
        // A duplicate inside a transaction does not spoil it: later statements run and commit.
        assert!(ob::enqueue(&mut c, templates(), sample_email("k/2", "a@x.example", "en", t0()), chrono::Utc::now())
            .unwrap());
        charter_tracker::db::transaction(&mut c, |c| {
            assert!(!ob::enqueue(c, templates(), sample_email("k/2", "a@x.example", "en", t0()), chrono::Utc::now())
                .unwrap());
            assert!(ob::enqueue(c, templates(), sample_email("k/3", "a@x.example", "en", t0()), chrono::Utc::now())
                .unwrap());
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
        assert_eq!(count(&mut c), 2);
        // A template that cannot be rendered (an override reading a variable the email does
        // not have) is an error naming it, and writes nothing.
        let dir = tempfile::tempdir().unwrap();
        let body = dir.path().join("round_opened/en/body.txt.hbs");
        std::fs::create_dir_all(body.parent().unwrap()).unwrap();
        std::fs::write(&body, "Dear {{contact_name}}, {{no_such_variable}}").unwrap();
        let overridden = charter_tracker::mail::templates::EmailTemplates::load(Some(dir.path())).unwrap();
        let bad = sample_email("k/4", "a@x.example", "en", t0());
        let e = format!("{:#}", ob::enqueue(&mut c, &overridden, bad, chrono::Utc::now()).unwrap_err());
        assert!(e.contains("round_opened") && e.contains("was not provided"), "{e}");
        assert_eq!(count(&mut c), 2);
    })
    .await;
}

/// On PostgreSQL, another transaction can insert the same key between the check and the
/// insert; the unique violation is caught inside a savepoint, so the caller's transaction
/// goes on and commits. (SQLite has one writer at a time, so the race cannot happen there.)
#[tokio::test]
async fn a_racing_duplicate_does_not_abort_the_callers_postgres_transaction() {
    let app = TestApp::spawn().await;
    if !app.database_url.starts_with("postgres") {
        return;
    }
    let pool = app.pool.clone();
    blocking(move || {
        use diesel::connection::SimpleConnection;
        let mut mine = pool.get().unwrap();
        let mut theirs = pool.get().unwrap();
        charter_tracker::db::transaction(&mut mine, |c| {
            // The snapshot is taken by the first query and no later commit is visible to it, so the
            // check below cannot see the other insert: only the unique index can.
            c.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")?;
            let before: i64 = outbox::table.count().get_result(c)?;
            assert!(ob::enqueue(
                &mut theirs,
                templates(),
                sample_email("race/1", "a@x.example", "en", t0()),
                chrono::Utc::now()
            )
            .unwrap());
            assert!(!ob::exists(c, "race/1")?, "the snapshot hides the other insert");
            assert!(!ob::enqueue(
                c,
                templates(),
                sample_email("race/1", "b@x.example", "en", t0()),
                chrono::Utc::now()
            )
            .unwrap());
            // The transaction is still usable.
            assert!(ob::enqueue(c, templates(), sample_email("race/2", "b@x.example", "en", t0()), chrono::Utc::now())
                .unwrap());
            assert_eq!(before, 0);
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
        let keys: Vec<String> =
            outbox::table.order(outbox::id).select(outbox::idempotency_key).load(&mut mine).unwrap();
        assert_eq!(keys, ["race/1", "race/2"]);
        let to: String = outbox::table
            .filter(outbox::idempotency_key.eq("race/1"))
            .select(outbox::to_address)
            .first(&mut mine)
            .unwrap();
        assert_eq!(to, "a@x.example", "the first insert wins");
    })
    .await;
}

#[tokio::test]
async fn the_file_transport_writes_one_eml_file_per_email() {
    let app = TestApp::spawn().await;
    let dir = app.dir().join("outbox");
    assert_eq!(app.settings.mail.outbox_dir, dir);
    for i in 0..3 {
        app.enqueue_email(&format!("file/{i}"), &format!("person{i}@city.example"), "fr", t0()).await.unwrap();
    }
    let transport = std::sync::Arc::new(Transport::from_settings(&app.settings.mail).unwrap());
    assert!(matches!(*transport, Transport::File(_)));
    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(3, 0, 0, 0));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}: no temporary files are left behind");
    let stored = rows(&app.pool).await;
    for (name, row) in names.iter().zip(&stored) {
        assert_eq!(name, &format!("{}-{:010}-round_opened.eml", row.created_at.format("%Y%m%dT%H%M%S"), row.id));
        let data = std::fs::read_to_string(dir.join(name)).unwrap();
        let parsed = parse(&ReceivedMail { from: String::new(), to: vec![], data });
        assert_eq!(parsed.header("Content-Language"), "fr");
        assert!(parsed.header("To").contains(&row.to_address));
        assert!(parsed.header("Message-ID").contains(&row.message_id));
        assert!(same_text(&parsed.text, &row.body_text));
        assert_eq!(row.status, "sent");
    }
    assert_eq!(deliver(&app, transport, t0() + Duration::days(1)).await, report(0, 0, 0, 0));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
}

#[tokio::test]
async fn while_the_smtp_server_is_down_emails_wait_with_backoff_and_none_is_lost() {
    let app = TestApp::spawn().await;
    let mut sink = SmtpSink::start();
    let transport = std::sync::Arc::new(smtp(&sink));
    for i in 1..=3 {
        app.enqueue_email(&format!("down/{i}"), &format!("c{i}@city.example"), "en", t0()).await.unwrap();
    }
    sink.stop();
    // The first email fails to connect; the others are not tried against a dead server.
    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(0, 1, 0, 2));
    let r = rows(&app.pool).await;
    assert_eq!(
        (r[0].status.as_str(), r[0].attempts, r[0].not_before),
        ("queued", 1, (t0() + Duration::seconds(60)).naive_utc())
    );
    assert!(r[0].last_error.as_deref().unwrap().to_lowercase().contains("connection"), "{:?}", r[0].last_error);
    for row in &r[1..] {
        assert_eq!((row.status.as_str(), row.attempts, row.not_before), ("queued", 0, t0().naive_utc()));
        assert!(row.claim_token.is_none());
    }
    // Still down a minute later: the first one backs off twice as long.
    let t1 = t0() + Duration::seconds(61);
    assert_eq!(deliver(&app, transport.clone(), t1).await, report(0, 1, 0, 2));
    let r = rows(&app.pool).await;
    assert_eq!((r[0].attempts, r[0].not_before), (2, (t1 + Duration::seconds(120)).naive_utc()));

    // Back up: the two that are due go now, the first one when its wait is over.
    sink.restart();
    assert_eq!(deliver(&app, transport.clone(), t1 + Duration::seconds(1)).await, report(2, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["c2@city.example", "c3@city.example"]);
    assert_eq!(deliver(&app, transport.clone(), t1 + Duration::seconds(120)).await, report(1, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["c2@city.example", "c3@city.example", "c1@city.example"]);
    let r = rows(&app.pool).await;
    assert!(r.iter().all(|row| row.status == "sent"));
    assert_eq!(r[0].attempts, 3);
}

#[tokio::test]
async fn a_temporary_refusal_is_retried_and_out_of_attempts_fails() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let transport = std::sync::Arc::new(smtp(&sink));
    for i in 1..=2 {
        app.enqueue_email(&format!("temp/{i}"), &format!("c{i}@city.example"), "en", t0()).await.unwrap();
    }
    sink.set_mode(Mode::TempFail);
    // A 451 is about this message, not the connection: every email is tried.
    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(0, 2, 0, 0));
    for row in rows(&app.pool).await {
        assert_eq!((row.status.as_str(), row.attempts), ("queued", 1));
        assert!(row.last_error.as_deref().unwrap().contains("451"), "{:?}", row.last_error);
    }
    sink.set_mode(Mode::Accept);
    assert_eq!(deliver(&app, transport.clone(), t0() + Duration::seconds(59)).await, report(0, 0, 0, 0));
    assert_eq!(deliver(&app, transport.clone(), t0() + Duration::seconds(60)).await, report(2, 0, 0, 0));
    assert_eq!(sink.received().len(), 2);

    // With max_attempts = 2, the second temporary refusal is the last.
    app.enqueue_email("temp/3", "c3@city.example", "en", t0()).await.unwrap();
    let pool = app.pool.clone();
    let mut settings = mail_settings(&app);
    settings.max_attempts = 2;
    sink.set_mode(Mode::TempFail);
    let t = transport.clone();
    let (first, second) = blocking(move || {
        let a = deliver_due(&pool, &t, &settings, t0()).unwrap();
        let b = deliver_due(&pool, &t, &settings, t0() + Duration::hours(1)).unwrap();
        (a, b)
    })
    .await;
    assert_eq!((first, second), (report(0, 1, 0, 0), report(0, 0, 1, 0)));
    let last = rows(&app.pool).await.pop().unwrap();
    assert_eq!((last.status.as_str(), last.attempts), ("failed", 2));
}

#[tokio::test]
async fn a_permanent_refusal_fails_at_once_and_the_secretariat_can_queue_it_again() {
    let app = TestApp::spawn().await;
    let secretariat = app.token(charter_tracker::auth::Role::Secretariat, None).await;
    let sink = SmtpSink::start();
    let transport = std::sync::Arc::new(smtp(&sink));
    let id = app.enqueue_email("perm/1", "nobody@city.example", "en", t0()).await.unwrap();
    let invalid = app.enqueue_email("perm/2", "not an address", "en", t0()).await.unwrap();
    sink.set_mode(Mode::PermFail);
    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(0, 0, 2, 0));
    assert!(sink.received().is_empty());

    let failed = app.get("/api/v1/outbox?status=failed", &secretariat).await;
    assert_eq!(failed.status, 200, "{}", failed.body);
    assert_eq!(failed.body["total"], 2);
    let items = failed.body["items"].as_array().unwrap();
    assert_eq!(items[0]["id"], invalid, "newest first");
    assert!(items[0]["last_error"].as_str().unwrap().contains("not a valid email address"), "{}", items[0]);
    let item = &items[1];
    assert_eq!(item["id"], id);
    assert_eq!(item["status"], "failed");
    assert_eq!(item["attempts"], 1);
    assert_eq!(item["kind"], "round_opened");
    assert_eq!(item["round_id"], 7);
    assert!(item["last_error"].as_str().unwrap().contains("550"), "{item}");
    assert!(item.get("body_text").is_none(), "lists carry no bodies");
    assert_eq!(app.get("/api/v1/outbox?status=queued", &secretariat).await.body["total"], 0);
    app.get("/api/v1/outbox?status=lost", &secretariat).await.assert_problem(422, Some("status"));
    app.get("/api/v1/outbox?per_page=500", &secretariat).await.assert_problem(422, Some("per_page"));

    let one = app.get(&format!("/api/v1/outbox/{id}"), &secretariat).await;
    assert_eq!(one.status, 200);
    assert!(one.body["body_text"].as_str().unwrap().contains("https://tracker.example/check-ins/42"));
    assert!(one.body["body_html"].as_str().unwrap().contains("<h1"));
    assert_eq!(one.body["message_id"], format!("<{}@charter-tracker.localhost>", ob::message_id_for("perm/1")));
    app.get("/api/v1/outbox/999999", &secretariat).await.assert_problem(404, None);

    let retried = app.post(&format!("/api/v1/outbox/{id}/retry"), &secretariat, serde_json::json!({})).await;
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert_eq!((retried.body["status"].as_str(), retried.body["attempts"].as_i64()), (Some("queued"), Some(0)));
    let again = app.request(Method::POST, &format!("/api/v1/outbox/{id}/retry"), Some(&secretariat), None).await;
    assert!(again.assert_problem(409, None)["detail"].as_str().unwrap().contains("already queued"), "{}", again.body);

    sink.set_mode(Mode::Accept);
    assert_eq!(deliver(&app, transport, Utc::now() + Duration::seconds(1)).await, report(1, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["nobody@city.example"]);
    let sent = app.request(Method::POST, &format!("/api/v1/outbox/{id}/retry"), Some(&secretariat), None).await;
    assert!(sent.assert_problem(409, None)["detail"].as_str().unwrap().contains("already sent"), "{}", sent.body);
    assert_eq!(app.get(&format!("/api/v1/outbox/{id}"), &secretariat).await.body["status"], "sent");
}

#[tokio::test]
async fn a_dead_workers_emails_are_taken_over_but_a_live_claim_is_left_alone() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let transport = std::sync::Arc::new(smtp(&sink));
    let mut ids = vec![];
    for i in 1..=3 {
        ids.push(app.enqueue_email(&format!("claim/{i}"), &format!("c{i}@city.example"), "en", t0()).await.unwrap());
    }
    // Two emails held by a worker that died at t0 - 10 min with a 5-minute claim, one held by
    // a worker that is alive (claim until t0 + 5 min).
    let pool = app.pool.clone();
    let (dead, live) = (ids[..2].to_vec(), ids[2]);
    blocking(move || {
        let mut c = pool.get().unwrap();
        for (ids, expires) in [(dead, t0() - Duration::minutes(5)), (vec![live], t0() + Duration::minutes(5))] {
            diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
                .set((
                    outbox::status.eq("sending"),
                    outbox::claim_token.eq(uuid::Uuid::new_v4().to_string()),
                    outbox::claim_expires_at.eq(expires.naive_utc()),
                ))
                .execute(&mut c)
                .unwrap();
        }
    })
    .await;
    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(2, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["c1@city.example", "c2@city.example"]);
    assert_eq!(rows(&app.pool).await[2].status, "sending");
    // The live worker dies too: once its claim has expired, the email is sent.
    assert_eq!(deliver(&app, transport.clone(), t0() + Duration::minutes(4)).await, report(0, 0, 0, 0));
    assert_eq!(deliver(&app, transport, t0() + Duration::minutes(6)).await, report(1, 0, 0, 0));
    assert_eq!(recipients(&sink.received()), ["c1@city.example", "c2@city.example", "c3@city.example"]);
    // The same Message-ID as the dead worker would have used.
    assert!(parse(&sink.received()[2]).header("Message-ID").contains(&ob::message_id_for("claim/3")));
}

/// Sending takes longer than the claim (4 emails at 400 ms with a 1-second claim): the worker
/// renews its claim as it goes, sends every email once in one pass, and leaves no claim behind.
#[tokio::test]
async fn a_worker_renews_its_claim_while_a_slow_relay_takes_longer_than_the_claim() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    sink.set_delay(std::time::Duration::from_millis(400));
    for i in 1..=4 {
        app.enqueue_email(&format!("short-claim/{i}"), &format!("c{i}@city.example"), "en", t0()).await.unwrap();
    }
    let (pool, transport) = (app.pool.clone(), smtp(&sink));
    let mut settings = mail_settings(&app);
    settings.claim_seconds = 1;
    let r = blocking(move || deliver_due(&pool, &transport, &settings, t0()).unwrap()).await;
    assert_eq!(r, report(4, 0, 0, 0));
    assert_eq!(
        recipients(&sink.received()),
        ["c1@city.example", "c2@city.example", "c3@city.example", "c4@city.example"]
    );
    let rows = rows(&app.pool).await;
    assert!(rows.iter().all(|r| r.status == "sent" && r.claim_token.is_none() && r.attempts == 1), "{rows:?}");
}

#[tokio::test]
async fn cancel_queued_cancels_only_queued_emails_under_the_prefix() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let keys = [
        "round-1/city-1/due_soon/0",
        "round-1/city-1/overdue/0",
        "round-1/city-10/due_soon/0",
        "round-1/city-2/due_soon/0",
        "ROUND-1/city-1/due_soon/0",
        "round-1/city-1_due_soon",
    ];
    for key in keys {
        app.enqueue_email(key, "c@city.example", "en", t0() + Duration::days(3)).await.unwrap();
    }
    // This one was sent already and stays sent.
    app.enqueue_email("round-1/city-1/round_opened", "c@city.example", "en", t0()).await.unwrap();
    assert_eq!(deliver(&app, std::sync::Arc::new(smtp(&sink)), t0()).await, report(1, 0, 0, 0));

    let pool = app.pool.clone();
    let (cancelled, again, wildcard) = blocking(move || {
        let mut c = pool.get().unwrap();
        let n = ob::cancel_queued(&mut c, "round-1/city-1/", chrono::Utc::now()).unwrap();
        let again = ob::cancel_queued(&mut c, "round-1/city-1/", chrono::Utc::now()).unwrap();
        // `_` and `%` are not wildcards.
        let wildcard = ob::cancel_queued(&mut c, "round-1/city-_", chrono::Utc::now()).unwrap()
            + ob::cancel_queued(&mut c, "%", chrono::Utc::now()).unwrap()
            + ob::cancel_queued(&mut c, "", chrono::Utc::now()).unwrap();
        (n, again, wildcard)
    })
    .await;
    assert_eq!((cancelled, again, wildcard), (2, 0, 0));
    let states: BTreeMap<String, String> =
        rows(&app.pool).await.into_iter().map(|r| (r.idempotency_key, r.status)).collect();
    let expected: BTreeMap<String, String> = [
        ("round-1/city-1/due_soon/0", "cancelled"),
        ("round-1/city-1/overdue/0", "cancelled"),
        ("round-1/city-10/due_soon/0", "queued"),
        ("round-1/city-2/due_soon/0", "queued"),
        ("ROUND-1/city-1/due_soon/0", "queued"),
        ("round-1/city-1_due_soon", "queued"),
        ("round-1/city-1/round_opened", "sent"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(states, expected);
    // Cancelled emails are never sent.
    assert_eq!(deliver(&app, std::sync::Arc::new(smtp(&sink)), t0() + Duration::days(4)).await, report(4, 0, 0, 0));
    assert_eq!(sink.received().len(), 5);
}

#[tokio::test]
async fn two_workers_at_once_send_each_of_200_emails_exactly_once() {
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let pool = app.pool.clone();
    blocking(move || {
        let mut c = pool.get().unwrap();
        charter_tracker::db::transaction(&mut c, |c| {
            for i in 0..200 {
                let email = sample_email(&format!("many/{i:03}"), &format!("contact{i:03}@city.example"), "en", t0());
                assert!(ob::enqueue(c, templates(), email, chrono::Utc::now()).unwrap());
            }
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap();
    })
    .await;
    let mut settings = mail_settings(&app);
    settings.batch_size = 15; // small batches, so the two workers interleave
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (pool, settings, transport) = (app.pool.clone(), settings.clone(), smtp(&sink));
            std::thread::spawn(move || deliver_due(&pool, &transport, &settings, t0()).unwrap())
        })
        .collect();
    let reports: Vec<DeliveryReport> = blocking(move || workers.into_iter().map(|w| w.join().unwrap()).collect()).await;
    assert_eq!(reports.iter().map(|r| r.sent).sum::<usize>(), 200, "{reports:?}");
    assert!(reports.iter().all(|r| r.retried + r.failed + r.deferred == 0), "{reports:?}");

    let received = sink.received();
    let mut per_recipient: BTreeMap<String, usize> = BTreeMap::new();
    for mail in &received {
        *per_recipient.entry(mail.to.join(",")).or_default() += 1;
    }
    assert_eq!(per_recipient.len(), 200);
    assert!(per_recipient.values().all(|n| *n == 1), "some email was sent twice");
    assert!(rows(&app.pool).await.iter().all(|r| r.status == "sent" && r.attempts == 1));
    assert!(sink.connections() >= 2, "both workers connected");
}

/// Two instances' delivery loops (as `serve` runs them, on the system clock) against a relay
/// that takes 300 ms per message, with a 3-second claim: more emails than one claim can cover.
/// A worker keeps its claim alive while it works and starts an email only with time left to
/// finish it, so no claim being worked expires and each Message-ID arrives exactly once.
#[tokio::test]
async fn two_delivery_loops_and_a_slow_relay_send_each_email_exactly_once() {
    use charter_tracker::config::{MailTransportKind, SmtpSecurity};
    use std::sync::atomic::{AtomicBool, Ordering};
    let app = TestApp::spawn().await;
    let sink = SmtpSink::start();
    sink.set_delay(std::time::Duration::from_millis(300));
    const EMAILS: usize = 24;
    for i in 0..EMAILS {
        app.enqueue_email(&format!("slow/{i:02}"), &format!("c{i:02}@city.example"), "en", t0()).await.unwrap();
    }
    let mut settings = mail_settings(&app);
    settings.transport = MailTransportKind::Smtp;
    settings.smtp.host = "127.0.0.1".into();
    settings.smtp.port = sink.port();
    settings.smtp.security = SmtpSecurity::None;
    settings.smtp.timeout_seconds = 1;
    settings.claim_seconds = 3;
    settings.batch_size = 200;
    settings.poll_seconds = 1;
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let clock = charter_tracker::clock::Clock::System;
    let loops: Vec<_> = (0..2)
        .map(|_| {
            charter_tracker::mail::worker::spawn(app.pool.clone(), settings.clone(), clock.clone(), stop.clone())
                .unwrap()
        })
        .collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline && rows(&app.pool).await.iter().any(|r| r.status != "sent") {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Let a send that is still under way (a duplicate) arrive before counting.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    stop.store(true, Ordering::SeqCst);
    blocking(move || loops.into_iter().for_each(|l| l.join().unwrap())).await;

    let mut per_message_id: BTreeMap<String, usize> = BTreeMap::new();
    for mail in &sink.received() {
        *per_message_id.entry(parse(mail).header("Message-ID").to_string()).or_default() += 1;
    }
    let twice: Vec<_> = per_message_id.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?} ({} deliveries of {EMAILS})", sink.received().len());
    assert_eq!(per_message_id.len(), EMAILS);
    assert!(rows(&app.pool).await.iter().all(|r| r.status == "sent" && r.attempts == 1));
}

/// After `mail.retention_days` (365 by default) the scheduler erases a sent email's recipient
/// and bodies, and keeps the row: its kind, state, times and key, so counts of emails sent stay
/// and the email is never queued again. Younger, queued and failed emails are left alone.
#[tokio::test]
async fn the_scheduler_erases_recipients_and_bodies_of_emails_sent_over_a_year_ago() {
    let app = TestApp::spawn().await;
    assert_eq!(app.settings.mail.retention_days, 365);
    let sink = SmtpSink::start();
    let transport = std::sync::Arc::new(smtp(&sink));
    for i in 1..=2 {
        app.enqueue_email(&format!("old/{i}"), &format!("old{i}@city.example"), "en", t0()).await.unwrap();
    }
    assert_eq!(deliver(&app, transport.clone(), t0()).await, report(2, 0, 0, 0));
    let later = t0() + Duration::days(300);
    app.enqueue_email("young/1", "young@city.example", "en", later).await.unwrap();
    assert_eq!(deliver(&app, transport.clone(), later).await, report(1, 0, 0, 0));
    app.enqueue_email("waiting/1", "waiting@city.example", "en", t0() + Duration::days(1000)).await.unwrap();
    let before = rows(&app.pool).await;

    // A day short of the year: nothing yet.
    assert_eq!(app.tick(t0() + Duration::days(364), transport.clone()).await.emails_erased, 0);
    assert_eq!(
        rows(&app.pool).await.iter().map(|r| r.to_address.clone()).collect::<Vec<_>>()[..2],
        ["old1@city.example", "old2@city.example"]
    );

    let year_on = t0() + Duration::days(366);
    assert_eq!(app.tick(year_on, transport.clone()).await.emails_erased, 2);
    let after = rows(&app.pool).await;
    for (old, now) in before.iter().zip(&after).take(2) {
        assert_eq!((now.to_address.as_str(), now.to_name.as_str()), ("", ""), "{now:?}");
        assert_eq!((now.body_text.as_str(), now.body_html.as_str()), ("", ""), "{now:?}");
        assert_eq!(
            (
                &now.status,
                &now.kind,
                &now.idempotency_key,
                &now.message_id,
                now.sent_at,
                now.city_id,
                now.round_id,
                now.attempts
            ),
            (
                &old.status,
                &old.kind,
                &old.idempotency_key,
                &old.message_id,
                old.sent_at,
                old.city_id,
                old.round_id,
                old.attempts
            )
        );
    }
    for (old, now) in before.iter().zip(&after).skip(2) {
        assert_eq!((&now.to_address, &now.body_text, &now.status), (&old.to_address, &old.body_text, &old.status));
    }
    assert_eq!(after.iter().filter(|r| r.status == "sent").count(), 3, "the count of emails sent stays");
    assert_eq!(app.tick(year_on, transport).await.emails_erased, 0);
    // An erased email's key still holds: it is not queued again.
    assert!(app.enqueue_email("old/1", "old1@city.example", "en", year_on).await.is_none());
    assert_eq!(sink.received().len(), 3);
}

// ---- the command line ------------------------------------------------------------------------

/// The binary, run in the test's folder against the test's database, with mail going to files
/// in `<dir>/cli-outbox`.
fn cli(app: &TestApp) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_charter-tracker"));
    cmd.current_dir(app.dir())
        .env_remove("CHARTER_TRACKER_ENV")
        .env("DATABASE_URL", &app.database_url)
        .env("CHARTER_TRACKER__MAIL__OUTBOX_DIR", app.dir().join("cli-outbox"))
        .env("CHARTER_TRACKER__LOG__FILTER", "warn");
    cmd
}

fn eml_files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => vec![],
    };
    names.retain(|n| n.ends_with(".eml"));
    names.sort();
    names
}

#[tokio::test]
async fn outbox_deliver_on_the_command_line_sends_what_is_due_at_the_given_instant() {
    let app = TestApp::spawn().await;
    app.enqueue_email("cli/1", "c1@city.example", "en", t0()).await.unwrap();
    app.enqueue_email("cli/2", "c2@city.example", "fr", t0()).await.unwrap();
    app.enqueue_email("cli/3", "c3@city.example", "en", t0() + Duration::days(1)).await.unwrap();
    let mut at_t0 = cli(&app);
    at_t0.args(["outbox", "deliver", "--at", "2026-06-01T08:00:00Z"]);
    let out = blocking(move || at_t0.output().unwrap()).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "sent 2, to retry 0, failed 0, deferred 0");
    assert_eq!(eml_files(&app.dir().join("cli-outbox")).len(), 2);

    let mut bad = cli(&app);
    bad.args(["outbox", "deliver", "--at", "tomorrow"]);
    let out = blocking(move || bad.output().unwrap()).await;
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--at `tomorrow`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Without --at: now, which is after the third email's time.
    let mut now = cli(&app);
    now.args(["outbox", "deliver"]);
    let out = blocking(move || now.output().unwrap()).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "sent 1, to retry 0, failed 0, deferred 0");
    assert_eq!(eml_files(&app.dir().join("cli-outbox")).len(), 3);
}

#[tokio::test]
async fn serve_refuses_to_start_with_a_broken_template_and_names_the_file() {
    let app = TestApp::spawn().await;
    let dir = app.dir().join("broken-templates");
    let file = dir.join("due_soon/en/body.txt.hbs");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "Dear {{contact_name}},\n{{#if days}}\nsoon\n").unwrap();
    let mut serve = cli(&app);
    serve.args(["serve", "--bind", "127.0.0.1:0"]).env("CHARTER_TRACKER__MAIL__TEMPLATES_DIR", &dir);
    let out = blocking(move || serve.output().unwrap()).await;
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
}

#[tokio::test]
async fn serve_delivers_the_outbox_in_the_background_and_stops_cleanly() {
    let app = TestApp::spawn().await;
    let id = app.enqueue_email("serve/1", "c1@city.example", "en", t0()).await.unwrap();
    // Up and answering before it is stopped (a signal before the HTTP server has installed its
    // handlers would kill the process, which is not what this test is about).
    let log_path = app.dir().join("serve.log");
    let (mut child, port) = serve_on_a_free_port(Some(&log_path), |port| {
        cli(&app)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("CHARTER_TRACKER__MAIL__POLL_SECONDS", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log_path).unwrap())
            .spawn()
            .unwrap()
    })
    .await;
    let outbox = app.dir().join("cli-outbox");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while eml_files(&outbox).is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let files = eml_files(&outbox);
    let status = rows(&app.pool).await.into_iter().find(|r| r.id == id).unwrap().status;
    // Still up on its port when it is stopped.
    assert!(reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.is_ok());
    // Now stop it.
    std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let exited = blocking(move || {
        for _ in 0..600 {
            if let Some(s) = child.try_wait().unwrap() {
                return Some(s);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        None
    })
    .await;
    let log = std::fs::read_to_string(app.dir().join("serve.log")).unwrap_or_default();
    assert_eq!(files.len(), 1, "the worker did not deliver within 30 s; log:\n{log}");
    assert!(status == "sent" || status == "sending", "{status}");
    assert!(exited.is_some_and(|s| s.success()), "serve did not stop cleanly on SIGTERM: {exited:?}; log:\n{log}");
    assert_eq!(rows(&app.pool).await[0].status, "sent");
}
