//! Signing in and out of the pages: sessions, CSRF, throttling, password links, the account
//! page, and the security headers.

use crate::helpers::{serve_on_a_free_port, TestApp};
use crate::web_client::{path_in, WebClient};
use charter_tracker::auth::Role;
use chrono::Duration;

const PASSWORD: &str = "correct horse battery";

fn cookie<'a>(p: &'a crate::web_client::Page, name: &str) -> Option<&'a str> {
    p.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|c| c.starts_with(&format!("{name}=")))
}

#[tokio::test]
async fn signing_in_and_out_with_csrf_and_a_safe_return_path() {
    let app = TestApp::spawn().await;
    let email = app.person(Role::Secretariat, None, PASSWORD).await;
    let b = WebClient::new(&app);

    // A page behind sign-in sends the browser to the sign-in page and back.
    let r = b.get("/account").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), Some("/login?next=%2Faccount"));

    let form = b.get("/login?next=%2Faccount").await;
    assert_eq!(form.status, 200);
    assert_eq!(form.attrs("input[name=next]", "value"), ["/account"]);
    assert!(form.has("label[for=email]") && form.has("label[for=password]"));
    let set = cookie(&form, "ct_csrf").expect("a CSRF cookie for the anonymous form");
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");

    // Without the CSRF token nothing happens, and the form says why.
    let r = b.post("/login", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].contains("expired"), "{:?}", r.errors());
    assert!(cookie(&r, "ct_session").is_none());

    // Empty fields are named; a wrong password does not say which of the two was wrong.
    let r = b.submit("/login", "/login", &[("email", ""), ("password", "")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#email", "#password"]);
    assert!(r.title().starts_with("Error: "));
    let r = b.submit("/login", "/login", &[("email", &email), ("password", "wrong password!")]).await;
    assert_eq!(r.status, 401);
    assert!(r.errors()[0].contains("email address or the password is not right"), "{:?}", r.errors());
    assert_eq!(r.attrs("#email", "value"), std::slice::from_ref(&email), "the email typed is kept");
    assert_eq!(r.attrs("#password", "value"), [""], "the password is never sent back");

    // The right password: a session cookie, and back to the page asked for.
    let r = b
        .submit(
            "/login?next=%2Faccount",
            "/login",
            &[("email", &email.to_uppercase()), ("password", PASSWORD), ("next", "/account")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), Some("/account"));
    let set = cookie(&r, "ct_session").unwrap();
    assert!(
        set.contains("HttpOnly")
            && set.contains("SameSite=Lax")
            && set.contains("Max-Age=43200")
            && set.contains("Path=/"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "plain http in tests: {set}");
    let account = b.follow(&r).await;
    assert_eq!(account.status, 200);
    assert!(account.text("main").contains(&email));
    assert!(account.text(".user-box").contains("network secretariat"));
    assert_eq!(account.headers["cache-control"], "no-store");

    // Signing out ends the session on the server too: the old cookie no longer works.
    let token = set.split(';').next().unwrap().trim_start_matches("ct_session=").to_string();
    let r = b.post("/logout", &[("csrf_token", &account.csrf())]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), Some("/login"));
    let login = b.follow(&r).await;
    assert_eq!(login.notice().as_deref(), Some("You have signed out."));
    let stale = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = stale
        .get(format!("{}/account", app.address))
        .header("cookie", format!("ct_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    // After signing in, a return path to another site is replaced by the home page.
    let r =
        b.submit("/login", "/login", &[("email", &email), ("password", PASSWORD), ("next", "//evil.example/")]).await;
    assert_eq!(r.location(), Some("/network"));
}

#[tokio::test]
async fn a_city_editor_lands_on_their_city_and_the_home_page_sends_people_on() {
    let app = TestApp::spawn().await;
    let sec = app.token(Role::Secretariat, None).await;
    let city = app.city(&sec, "Malmö", "SE").await;
    let email = app.person(Role::CityEditor, Some(city), PASSWORD).await;
    let b = WebClient::new(&app);
    let home = b.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.has("a[href='/login']"));
    let r = b.sign_in(&email, PASSWORD).await;
    assert_eq!(r.location(), Some(format!("/cities/{city}").as_str()));
    let r = b.get("/").await;
    assert_eq!(r.location(), Some(format!("/cities/{city}").as_str()));
    let r = b.get("/login").await;
    assert_eq!(r.status, 303, "signed-in people skip the sign-in form");
}

#[tokio::test]
async fn repeated_failures_pause_sign_in_for_the_account_and_for_the_address() {
    let app = TestApp::spawn_with(|s| {
        s.sign_in.max_failures = 3;
        s.sign_in.max_failures_per_ip = 5;
        s.sign_in.lockout_minutes = 15;
    })
    .await;
    let email = app.person(Role::Observer, None, PASSWORD).await;
    let other = app.person(Role::Observer, None, PASSWORD).await;
    let b = WebClient::new(&app);
    for _ in 0..3 {
        let r = b.submit("/login", "/login", &[("email", &email), ("password", "not it at all")]).await;
        assert_eq!(r.status, 401);
    }
    // Locked: even the right password is refused, with the time it lifts.
    let r = b.submit("/login", "/login", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.errors()[0].contains("too many failed attempts"), "{:?}", r.errors());
    // Another account from the same address still works (2 more failures allowed per address).
    let r = b.submit("/login", "/login", &[("email", &other), ("password", "nope nope nope")]).await;
    assert_eq!(r.status, 401);
    let r = b.submit("/login", "/login", &[("email", "nobody@city.example"), ("password", "nope nope nope")]).await;
    assert_eq!(r.status, 401, "unknown addresses count too, and answer the same");
    // Five failures from this address: every account is paused for it.
    let r = b.submit("/login", "/login", &[("email", &other), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 429);

    // The window passes: the right password works again.
    app.clock.set(app.clock.now() + Duration::minutes(16));
    let r = b.submit("/login", "/login", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
}

#[tokio::test]
async fn a_password_reset_by_email_works_once_and_signs_out_other_sessions() {
    let app = TestApp::spawn().await;
    let email = app.person(Role::Observer, None, PASSWORD).await;
    let elsewhere = WebClient::new(&app);
    elsewhere.sign_in(&email, PASSWORD).await;
    let b = WebClient::new(&app);

    // Unknown and known addresses get the same answer; only the known one gets an email.
    let r = b.submit("/password/forgot", "/password/forgot", &[("email", "nobody@city.example")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text("h1"), "Check your email");
    assert!(app.outbox_of("password_reset").await.is_empty());
    let r = b.submit("/password/forgot", "/password/forgot", &[("email", "not an address")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#email"]);
    let r = b.submit("/password/forgot", "/password/forgot", &[("email", &email)]).await;
    assert_eq!(r.status, 200);
    let mails = app.outbox_of("password_reset").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, email);
    // Asking again at once does not send a second email.
    b.submit("/password/forgot", "/password/forgot", &[("email", &email)]).await;
    assert_eq!(app.outbox_of("password_reset").await.len(), 1);

    let link = path_in(&mails[0].1, "/password/");
    let form = b.get(&link).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.text("h1"), "Choose a new password");
    let r = b.submit(&link, &link, &[("password", "short"), ("confirm", "short")]).await;
    assert_eq!(r.status, 422);
    assert!(r.errors()[0].starts_with("New password is 5 characters long"), "{:?}", r.errors());
    let r = b.submit(&link, &link, &[("password", "a brand new password"), ("confirm", "a brand new passwort")]).await;
    assert_eq!(r.error_links(), ["#confirm"]);
    let r = b.submit(&link, &link, &[("password", "a brand new password"), ("confirm", "a brand new password")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), Some("/network"));
    let landed = b.get("/account").await;
    assert_eq!(landed.notice().as_deref(), Some("Your password has been saved and you are signed in."));

    // The link is spent, the other browser is signed out, and only the new password works.
    let again = b.get(&link).await;
    assert_eq!(again.status, 410);
    assert_eq!(again.text("h1"), "This link has already been used");
    assert_eq!(elsewhere.get("/account").await.status, 303);
    let fresh = WebClient::new(&app);
    let r = fresh.submit("/login", "/login", &[("email", &email), ("password", PASSWORD)]).await;
    assert_eq!(r.status, 401);
    fresh.sign_in(&email, "a brand new password").await;

    // A link that was never issued, and one that has run out.
    assert_eq!(b.get("/password/forged-token").await.status, 404);
    app.clock.set(app.clock.now() + Duration::minutes(2));
    b.submit("/password/forgot", "/password/forgot", &[("email", &email)]).await;
    let second = path_in(&app.outbox_of("password_reset").await[1].1, "/password/");
    app.clock.set(app.clock.now() + Duration::minutes(61));
    let r = b.get(&second).await;
    assert_eq!(r.status, 410);
    assert_eq!(r.text("h1"), "This link has expired");
}

#[tokio::test]
async fn sessions_end_when_idle_at_the_latest_after_the_absolute_limit_and_when_disabled() {
    let app = TestApp::spawn_with(|s| {
        s.sign_in.idle_minutes = 30;
        s.sign_in.absolute_hours = 2;
    })
    .await;
    let email = app.person(Role::Observer, None, PASSWORD).await;
    let b = WebClient::new(&app);
    b.sign_in(&email, PASSWORD).await;
    // Activity every 25 minutes keeps it alive...
    for _ in 0..4 {
        app.clock.set(app.clock.now() + Duration::minutes(25));
        assert_eq!(b.get("/account").await.status, 200);
    }
    // ...but not past two hours after signing in.
    app.clock.set(app.clock.now() + Duration::minutes(25));
    assert_eq!(b.get("/account").await.status, 303);

    b.sign_in(&email, PASSWORD).await;
    app.clock.set(app.clock.now() + Duration::minutes(31));
    assert_eq!(b.get("/account").await.status, 303, "idle for longer than 30 minutes");

    b.sign_in(&email, PASSWORD).await;
    let pool = app.pool.clone();
    let e = email.clone();
    tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::users;
        use diesel::prelude::*;
        diesel::update(users::table.filter(users::email.eq(e)))
            .set(users::disabled.eq(true))
            .execute(&mut pool.get().unwrap())
            .unwrap();
    })
    .await
    .unwrap();
    assert_eq!(b.get("/account").await.status, 303, "a disabled user's session stops working");
}

#[tokio::test]
async fn the_account_page_changes_the_password_and_manages_api_tokens() {
    let app = TestApp::spawn().await;
    let email = app.person(Role::Observer, None, PASSWORD).await;
    let b = WebClient::new(&app);
    b.sign_in(&email, PASSWORD).await;

    let r = b
        .submit(
            "/account",
            "/account/password",
            &[("current", "wrong"), ("password", "another good password"), ("confirm", "another good password")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.error_links(), ["#current"]);
    let r = b
        .submit(
            "/account",
            "/account/password",
            &[("current", PASSWORD), ("password", "another good password"), ("confirm", "another good password")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(b.follow(&r).await.notice().unwrap().contains("password has been changed"));

    // A token is shown once, works on the API, and stops working when revoked.
    let r = b.submit("/account", "/account/tokens", &[("label", "spreadsheet")]).await;
    assert_eq!(r.status, 200);
    let token = r.attrs("#token", "value").pop().unwrap();
    assert!(token.starts_with("ct_"));
    assert_eq!(app.get("/api/v1/me", &token).await.body["email"], email);
    let account = b.get("/account").await;
    assert!(!account.body.contains(&token), "the token is never shown again");
    let action = account.attrs("form[action$='/revoke']", "action").pop().unwrap();
    let r = b.post(&action, &[("csrf_token", &account.csrf())]).await;
    assert_eq!(r.status, 303);
    app.get("/api/v1/me", &token).await.assert_problem(401, None);

    // Someone else's token cannot be revoked from here.
    let other = app.token(Role::Observer, None).await;
    let other_id = action.trim_end_matches("/revoke").rsplit('/').next().unwrap().parse::<i64>().unwrap() + 1;
    let r = b.post(&format!("/account/tokens/{other_id}/revoke"), &[("csrf_token", &account.csrf())]).await;
    assert_eq!(r.status, 404);
    assert_eq!(app.get("/api/v1/me", &other).await.status, 200);
}

#[tokio::test]
async fn pages_carry_security_headers_and_refuse_cross_site_posts() {
    let app = TestApp::spawn_with(|s| s.server.public_url = "https://tracker.example.org".into()).await;
    let email = app.person(Role::Observer, None, PASSWORD).await;
    let b = WebClient::new(&app);
    let login = b.get("/login").await;
    let csp = login.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(login.headers["x-content-type-options"], "nosniff");
    assert_eq!(login.headers["x-frame-options"], "DENY");
    assert_eq!(login.headers["referrer-policy"], "same-origin");
    assert!(login.headers.contains_key("strict-transport-security"));
    assert!(!login.body.contains("<script"));

    // Behind TLS the cookies are Secure, which a client keeps off plain http: send the CSRF
    // cookie by hand to sign in, and read the session cookie from the header.
    let csrf_cookie = cookie(&login, "ct_csrf").unwrap().split(';').next().unwrap().to_string();
    assert!(cookie(&login, "ct_csrf").unwrap().contains("Secure"));
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/login", b.base))
        .header("cookie", csrf_cookie)
        .form(&[("csrf_token", login.csrf().as_str()), ("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("ct_session="))
        .unwrap()
        .to_string();
    assert!(set.contains("Secure") && set.contains("HttpOnly"), "{set}");

    // A form posted from another site is refused before anything happens.
    let r = b
        .client
        .post(format!("{}/login", b.base))
        .header("origin", "https://evil.example")
        .form(&[("csrf_token", login.csrf().as_str()), ("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("sent from another site"));
    // A cross-site post from a page with a strict referrer policy carries `Origin: null`.
    let r = b
        .client
        .post(format!("{}/login", b.base))
        .header("origin", "null")
        .form(&[("email", email.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // Unknown pages answer with a page for browsers and a problem for API clients.
    let r = b.get("/no/such/page").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.text("h1"), "Page not found");
    let r = app.request(reqwest::Method::GET, "/api/v1/nothing", None, None).await;
    r.assert_problem(404, None);
}

#[tokio::test]
async fn an_invitation_lets_a_new_user_choose_a_password() {
    let app = TestApp::spawn().await;
    let email = app.person(Role::Observer, None, "an initial unknown password").await;
    let pool = app.pool.clone();
    let (settings, now) = (app.settings.clone(), app.clock.now());
    let e = email.clone();
    tokio::task::spawn_blocking(move || {
        let mut c = pool.get().unwrap();
        let user = charter_tracker::auth::store::by_email(&mut c, &e).unwrap().unwrap();
        charter_tracker::auth::password_links::send(
            &mut c,
            &settings,
            crate::helpers::templates(),
            user.id,
            charter_tracker::auth::password_links::Purpose::Invitation,
            now,
        )
        .unwrap();
    })
    .await
    .unwrap();
    let mails = app.outbox_of("invitation").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].1.contains(&email), "the email says which address to sign in with");
    let link = path_in(&mails[0].1, "/password/");
    let b = WebClient::new(&app);
    let form = b.get(&link).await;
    assert_eq!(form.text("h1"), "Choose your password");
    // Still valid after six days (invitations last a week by default).
    app.clock.set(app.clock.now() + Duration::days(6));
    let r = b.submit(&link, &link, &[("password", "my very own password"), ("confirm", "my very own password")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(b.get("/account").await.status, 200);
}

/// The server's memory in a process of its own (`serve`), read from /proc: (VmHWM, VmRSS) in MB.
fn memory_mb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb = |key: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in /proc/{pid}/status"))
    };
    (kb("VmHWM:") / 1024, kb("VmRSS:") / 1024)
}

/// The binary serving the test's database in a process of its own, with `env` added, and a
/// browser for it holding a sign-in form's CSRF cookie; the form's token.
pub(crate) async fn serve_alone(app: &TestApp, env: &[(&str, &str)]) -> (std::process::Child, WebClient, String) {
    let (server, port) = serve_on_a_free_port(None, |port| {
        std::process::Command::new(env!("CARGO_BIN_EXE_charter-tracker"))
            .current_dir(app.dir())
            .env_remove("CHARTER_TRACKER_ENV")
            .env("DATABASE_URL", &app.database_url)
            .env("CHARTER_TRACKER__LOG__FILTER", "error")
            .env("CHARTER_TRACKER__CHECK_INS__SCHEDULER_POLL_SECONDS", "3600")
            // More at once than the lock per client address lets through otherwise.
            .env("CHARTER_TRACKER__SIGN_IN__MAX_FAILURES_PER_IP", "100")
            .envs(env.iter().copied())
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    })
    .await;
    let base = format!("http://127.0.0.1:{port}");
    let browser = WebClient {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        base,
    };
    let token = browser.get("/login").await.csrf();
    (server, browser, token)
}

/// `n` failed sign-ins at once, for `n` different addresses: (status, Retry-After, body) each.
async fn failed_sign_ins_at_once(browser: &WebClient, token: &str, n: usize) -> Vec<(u16, Option<String>, String)> {
    let attempts: Vec<_> = (0..n)
        .map(|i| {
            let (client, base, token) = (browser.client.clone(), browser.base.clone(), token.to_string());
            tokio::spawn(async move {
                let email = format!("nobody{i}@city.example");
                let fields = [("csrf_token", token.as_str()), ("email", &email), ("password", "not the password")];
                let r = client.post(format!("{base}/login")).form(&fields).send().await.unwrap();
                let retry_after = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
                (r.status().as_u16(), retry_after, r.text().await.unwrap())
            })
        })
        .collect();
    let mut answers = vec![];
    for attempt in attempts {
        answers.push(attempt.await.unwrap());
    }
    answers
}

/// Each answer is 401, or 503 with `Retry-After: 2` and the page saying the service is busy.
fn assert_401_or_busy(answers: &[(u16, Option<String>, String)]) {
    for (status, retry_after, body) in answers {
        match status {
            401 => {}
            503 => {
                assert_eq!(retry_after.as_deref(), Some("2"), "a 503 says when to come back");
                assert!(body.contains("The service is busy"), "{body}");
            }
            other => panic!("unexpected answer {other}: {body}"),
        }
    }
}

/// Each failed sign-in checks a password with argon2 (19 MiB). 32 at once, against the binary
/// in a process of its own: each answer is 401, or 503 with `Retry-After` and an error page;
/// the server's peak memory stays within its memory before plus [`PEAK_ALLOWANCE_MB`] (before
/// the bound, 24 at once took it from 60 MB to 479 MB), and the memory is handed back
/// afterwards.
#[tokio::test]
async fn concurrent_failed_sign_ins_are_bounded_in_memory_and_refused_with_503_beyond() {
    const AT_ONCE: usize = 32;
    /// Two passwords checked at a time take 2 x 19 MiB; the rest is slack for the requests.
    const PEAK_ALLOWANCE_MB: u64 = 70;
    let app = TestApp::spawn().await;
    let (mut server, browser, token) = serve_alone(&app, &[]).await;
    // One password check first, so the memory before includes what any sign-in leaves.
    let first =
        browser.post("/login", &[("csrf_token", &token), ("email", "x@city.example"), ("password", "nope")]).await;
    assert_eq!(first.status, 401, "{}", first.body);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, before) = memory_mb(server.id());

    let answers = failed_sign_ins_at_once(&browser, &token, AT_ONCE).await;
    let (peak, right_after) = memory_mb(server.id());
    let mut after = right_after;
    for _ in 0..50 {
        if after <= before + 20 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        after = memory_mb(server.id()).1;
    }
    let _ = server.kill();
    let _ = server.wait();

    assert_401_or_busy(&answers);
    let refused = answers.iter().filter(|a| a.0 == 503).count();
    eprintln!("{AT_ONCE} at once: {refused} refused; memory before {before} MB, peak {peak} MB, after {after} MB");
    assert!(peak <= before + PEAK_ALLOWANCE_MB, "peak {peak} MB, before {before} MB");
    assert!(after <= before + 20, "memory kept after the sign-ins: {after} MB, before {before} MB");
}

/// With one turn at hashing and no waiting (`sign_in.hashing_at_once = 1`,
/// `hashing_wait_ms = 0`), sign-ins arriving together are refused with 503, `Retry-After` and
/// a page, not counted as failures; the one that got its turn is a 401.
#[tokio::test]
async fn sign_ins_beyond_the_bound_get_503_with_retry_after_and_a_page() {
    let app = TestApp::spawn().await;
    let (mut server, browser, token) = serve_alone(
        &app,
        &[("CHARTER_TRACKER__SIGN_IN__HASHING_AT_ONCE", "1"), ("CHARTER_TRACKER__SIGN_IN__HASHING_WAIT_MS", "0")],
    )
    .await;
    let answers = failed_sign_ins_at_once(&browser, &token, 16).await;
    let _ = server.kill();
    let _ = server.wait();
    assert_401_or_busy(&answers);
    let refused = answers.iter().filter(|a| a.0 == 503).count();
    assert!(refused > 0 && refused < 16, "{refused} of 16 refused");
    let pool = app.pool.clone();
    let recorded: i64 = tokio::task::spawn_blocking(move || {
        use charter_tracker::db::schema::login_attempts;
        use diesel::prelude::*;
        login_attempts::table.count().get_result(&mut pool.get().unwrap()).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(recorded as usize, 16 - refused, "only the attempts whose password was checked count");
}
