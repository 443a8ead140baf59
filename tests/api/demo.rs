//! `charter-tracker demo`: an empty database becomes a network of about forty cities with plans
//! across the Charter's roles, a year of check-ins in every state, indicator values, good
//! practices and a published report; every page says the data is invented; it refuses to run
//! over data that is there already.

use crate::helpers::TestApp;
use crate::web_client::WebClient;
use charter_tracker::db::schema::{actions, check_ins, cities, commitments, indicator_values, outbox, roles};
use diesel::prelude::*;
use std::collections::BTreeSet;

fn cli(app: &TestApp) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_charter-tracker"));
    cmd.current_dir(app.dir())
        .env_remove("CHARTER_TRACKER_ENV")
        .env("DATABASE_URL", &app.database_url)
        .env("CHARTER_TRACKER__LOG__FILTER", "warn");
    cmd
}

async fn run(mut cmd: std::process::Command) -> (bool, String, String) {
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// The password printed on the line of `email`.
fn password_of(stdout: &str, email: &str) -> String {
    let line = stdout.lines().find(|l| l.contains(email)).unwrap_or_else(|| panic!("no line for {email} in {stdout}"));
    line.split("password: ").nth(1).unwrap().trim().to_string()
}

#[tokio::test]
async fn the_demo_fills_an_empty_network_says_so_on_every_page_and_refuses_to_run_twice() {
    let app = TestApp::spawn().await;
    let mut cmd = cli(&app);
    cmd.arg("demo");
    let (ok, stdout, stderr) = run(cmd).await;
    assert!(ok, "demo failed: {stderr}");
    for who in ["secretariat@network.example", "officer@amsterdam.example", "observer@network.example"] {
        assert!(stdout.contains(who), "the accounts are printed: {stdout}");
    }
    assert!(!stdout.contains("\u{1b}["), "no colour codes on a pipe");

    let pool = app.pool.clone();
    let (names, roles_acted, states, late, values, queued_past) = tokio::task::spawn_blocking(move || {
        let mut c = pool.get().unwrap();
        let names: Vec<String> = cities::table.select(cities::name).load(&mut c).unwrap();
        let roles_acted: BTreeSet<String> = actions::table
            .inner_join(commitments::table.inner_join(roles::table))
            .select(roles::code)
            .distinct()
            .load::<String>(&mut c)
            .unwrap()
            .into_iter()
            .collect();
        let states: BTreeSet<String> =
            check_ins::table.select(check_ins::state).distinct().load::<String>(&mut c).unwrap().into_iter().collect();
        let submitted: Vec<(chrono::NaiveDateTime, Option<chrono::NaiveDateTime>)> = check_ins::table
            .filter(check_ins::state.eq("submitted"))
            .select((check_ins::due_at, check_ins::submitted_at))
            .load(&mut c)
            .unwrap();
        let late = submitted.iter().filter(|(due, at)| at.is_some_and(|a| a > *due)).count();
        assert!(submitted.len() > late, "some check-ins were on time");
        let values: i64 = indicator_values::table.count().get_result(&mut c).unwrap();
        let now = chrono::Utc::now().naive_utc();
        let queued_past: i64 = outbox::table
            .filter(outbox::status.eq("queued").and(outbox::not_before.le(now)))
            .count()
            .get_result(&mut c)
            .unwrap();
        (names, roles_acted, states, late, values, queued_past)
    })
    .await
    .unwrap();
    assert!(names.len() >= 40, "{names:?}");
    for n in ["Antwerpen", "Łódź", "Malmö", "Pesaro", "Vantaa", "Warszawa", "Zagreb", "Zürich"] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
    assert_eq!(roles_acted, ["BU", "DC", "EM", "PM", "SP"].iter().map(|s| s.to_string()).collect());
    for s in ["submitted", "missed", "draft"] {
        assert!(states.contains(s), "a check-in {s}: {states:?}");
    }
    assert!(late > 0, "some check-ins came late");
    assert!(values > 50, "indicator values: {values}");
    assert_eq!(queued_past, 0, "the demo's past emails are not delivered again");

    // The published report, with its good practices, says it is a demo; so does every page.
    let report = app.client.get(format!("{}/reports", app.address)).send().await.unwrap().text().await.unwrap();
    let slug = report.split("href=\"/reports/").nth(1).unwrap().split('"').next().unwrap().to_string();
    let html = app.client.get(format!("{}/reports/{slug}", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Demo data.") && html.contains("Good practice"), "{}", &html[..500.min(html.len())]);
    let web = WebClient::new(&app);
    let home = web.get("/").await;
    assert!(home.text(".demo-banner").contains("invented"), "banner on the home page");
    web.sign_in("secretariat@network.example", &password_of(&stdout, "secretariat@network.example")).await;
    for path in ["/network", "/cities", "/rounds", "/outbox", "/reports/manage"] {
        let page = web.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.has(".demo-banner"), "banner on {path}");
    }
    let network = web.get("/network").await;
    assert!(network.texts("tbody tr").len() >= 38, "the network page lists the signatories");

    // A second run over the same data refuses and changes nothing.
    let mut again = cli(&app);
    again.arg("demo");
    let (ok, _, stderr) = run(again).await;
    assert!(!ok && stderr.contains("already holds"), "{stderr}");
}
