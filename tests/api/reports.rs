//! The outcomes report: a fixture network with known data and figures worked out by hand,
//! publication frozen byte for byte, corrections, suppression, formats, validation, the
//! scheduled compile and the command line.

use crate::helpers::{CheckIn, TestApp, World};
use charter_tracker::auth::Role;
use charter_tracker::mail::transport::Transport;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

const FW: &str = "eurocities-integrating-cities";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

fn files(app: &TestApp) -> Arc<Transport> {
    Arc::new(Transport::from_settings(&app.settings.mail).unwrap())
}

/// The fixture network. Four cities are in the 2026 report (a fifth signs in 2027):
///
/// | city | signed | plan | actions (commitment status progress) |
/// |---|---|---|---|
/// | Amsterdam | 2015-05-01 | adopted 2025-06-01 | PM1 completed 100, PM1 in_progress 50, SP1 in_progress 40, EM1 cancelled 0, BU1 planned 0 (created 2027: left out) |
/// | Bergen | 2026-03-10 | adopted 2026-04-15 | PM1 planned 0, SP1 completed 100, SP1 delayed 20 |
/// | Cluj-Napoca | 2020-01-01 | adopted 2026-02-01 | EM3 in_progress 60; never submits a check-in |
/// | Dublin | 2019-09-09 | draft | PM3 in_progress 30; not asked to check in (no adopted plan) |
/// | Espoo | 2027-02-01 | none | not in the 2026 report |
///
/// Check-in rounds: Q1 2026 (opened 1 April, due 30 April), Q2 (opened 1 July), Q3 (opened 1
/// October, still open when the report is compiled). Amsterdam submits Q1 on 10 April and Q2 on
/// 5 July (on time); Bergen submits Q1 on 10 May (late) and misses Q2; Cluj-Napoca misses both.
struct Fixture {
    w: World,
    ams: i64,
    ber: i64,
    clu: i64,
    dub: i64,
    /// Amsterdam's PM1 completed action and PM1 in-progress action; Bergen's completed SP1 action.
    a1: i64,
    a2: i64,
    b2: i64,
}

async fn plan(app: &TestApp, token: &str, city: i64, adopted_on: Option<&str>) -> i64 {
    let mut body = json!({"framework": FW, "title": "Integration plan 2026-2028", "period_start": "2026-01-01", "period_end": "2028-12-31", "status": "draft"});
    if let Some(d) = adopted_on {
        body["status"] = json!("adopted");
        body["adopted_on"] = json!(d);
    }
    app.create_plan(token, city, body).await.id
}

async fn action(
    app: &TestApp,
    token: &str,
    plan: i64,
    commitment: &str,
    status: &str,
    progress: i64,
    title: &str,
) -> i64 {
    let body = json!({"commitment": commitment, "title": title, "status": status, "progress": progress, "description": format!("{title}: the plan's words.")});
    app.create_action(token, plan, body).await.id
}

/// Sets when rows were created, so the fixture does not depend on today's date.
async fn created(app: &TestApp, table: &'static str, ids: Vec<i64>, when: &str) {
    let pool = app.pool.clone();
    let when: chrono::NaiveDateTime = at(when).naive_utc();
    blocking(move || {
        use charter_tracker::db::schema::{actions, plans};
        let mut c = pool.get().unwrap();
        match table {
            "plans" => diesel::update(plans::table.filter(plans::id.eq_any(ids)))
                .set(plans::created_at.eq(when))
                .execute(&mut c)
                .unwrap(),
            _ => diesel::update(actions::table.filter(actions::id.eq_any(ids)))
                .set(actions::created_at.eq(when))
                .execute(&mut c)
                .unwrap(),
        };
    })
    .await;
}

async fn submit(app: &TestApp, token: &str, round: i64, city: i64, when: &str, content: Value) -> CheckIn {
    app.clock.set(at(when));
    let check_in = app.check_in_of(token, round, city).await;
    app.submit_check_in(token, check_in.id, json!({"version": check_in.version, "content": content})).await
}

fn year(indicator: &str, v: f64) -> Value {
    json!({"indicator": indicator, "period_start": "2026-01-01", "period_end": "2026-12-31", "value": v})
}

impl Fixture {
    async fn build(app: &TestApp) -> Fixture {
        let w = World::build(app).await;
        // World's own cities (Malmö, Łódź) have plans too; they stay out of this framework's
        // report only if their plans are under another framework, so move them.
        let pool = app.pool.clone();
        blocking(move || {
            use charter_tracker::db::schema::{frameworks, plans};
            let mut c = pool.get().unwrap();
            let icc: i64 = frameworks::table
                .filter(frameworks::code.eq("icc-lisbon-declaration"))
                .select(frameworks::id)
                .first(&mut c)
                .unwrap();
            // Their actions point at Charter commitments; drop them so the move is consistent.
            diesel::sql_query("DELETE FROM history").execute(&mut c).unwrap();
            diesel::sql_query("DELETE FROM actions").execute(&mut c).unwrap();
            diesel::update(plans::table)
                .set((plans::framework_id.eq(icc), plans::status.eq("draft")))
                .execute(&mut c)
                .unwrap();
        })
        .await;
        let s = w.secretariat.clone();
        let ams = app.signed_city(&s, "Amsterdam", "NL", FW, "2015-05-01").await;
        let ber = app.signed_city(&s, "Bergen", "NO", FW, "2026-03-10").await;
        let clu = app.signed_city(&s, "Cluj-Napoca", "RO", FW, "2020-01-01").await;
        let dub = app.signed_city(&s, "Dublin", "IE", FW, "2019-09-09").await;
        app.signed_city(&s, "Espoo", "FI", FW, "2027-02-01").await;
        let (pa, pb, pc, pd) = (
            plan(app, &s, ams, Some("2025-06-01")).await,
            plan(app, &s, ber, Some("2026-04-15")).await,
            plan(app, &s, clu, Some("2026-02-01")).await,
            plan(app, &s, dub, None).await,
        );
        let a1 = action(app, &s, pa, "PM1", "completed", 100, "Equal opportunities campaign").await;
        let a2 = action(app, &s, pa, "PM1", "in_progress", 50, "Anti-discrimination desk").await;
        let a3 = action(app, &s, pa, "SP1", "in_progress", 40, "Language courses").await;
        let a4 = action(app, &s, pa, "EM1", "cancelled", 0, "Recruitment drive").await;
        let a5 = action(app, &s, pa, "BU1", "planned", 0, "Social clauses").await;
        let b1 = action(app, &s, pb, "PM1", "planned", 0, "Diversity charter").await;
        let b2 = action(app, &s, pb, "SP1", "completed", 100, "Language cafés").await;
        let b3 = action(app, &s, pb, "SP1", "delayed", 20, "Housing advice").await;
        let c1 = action(app, &s, pc, "EM3", "in_progress", 60, "Diversity training").await;
        let d1 = action(app, &s, pd, "PM3", "in_progress", 30, "Migrant council").await;
        created(app, "plans", vec![pa, pb, pc, pd], "2026-01-15T09:00:00Z").await;
        created(app, "actions", vec![a1, a2, a3, a4, b1, b2, b3, c1, d1], "2026-01-20T09:00:00Z").await;
        created(app, "actions", vec![a5], "2027-01-15T09:00:00Z").await;

        // Rounds: Q1 opens on 1 April 2026 (Brussels), Q2 on 1 July, Q3 on 1 October.
        let q1 = app.tick(at("2026-04-01T06:00:00Z"), files(app)).await.opened_round.expect("Q1 opens");
        let ams_q1 = submit(app, &s, q1, ams, "2026-04-10T10:00:00Z", json!({
            "actions": [{"action_id": a1, "narrative": "The campaign reached all 40 districts."}, {"action_id": a3, "narrative": ""}],
            "assessments": [{"commitment": "PM1", "level": "substantial"}, {"commitment": "SP1", "level": "limited"}],
            "indicators": [{"indicator": "EM1-A", "value": 12}]
        }))
        .await;
        // The secretariat accepts Amsterdam's Q1 check-in; the others stay unreviewed.
        app.review_check_in(&s, ams_q1.id, json!({"version": ams_q1.version, "decision": "accept"})).await;
        submit(
            app,
            &s,
            q1,
            ber,
            "2026-05-10T10:00:00Z",
            json!({
                "actions": [{"action_id": b2}],
                "assessments": [{"commitment": "SP1", "level": "substantial"}],
                "indicators": [{"indicator": "SP1-A", "value": 120}]
            }),
        )
        .await;
        let q2 = app.tick(at("2026-07-01T06:00:00Z"), files(app)).await.opened_round.expect("Q2 opens");
        submit(app, &s, q2, ams, "2026-07-05T10:00:00Z", json!({
            "actions": [{"action_id": a2, "narrative": "Desk open three days a week."}],
            "assessments": [{"commitment": "PM1", "level": "complete"}, {"commitment": "EM1", "level": "not_started"}]
        }))
        .await;
        app.tick(at("2026-10-01T06:00:00Z"), files(app)).await.opened_round.expect("Q3 opens");
        app.clock.set(at("2026-10-02T08:00:00Z"));

        // Verified ratings: Amsterdam's PM1 (its own latest view: complete) and Bergen's SP1
        // (its own: substantial); Cluj-Napoca's EM3 (no view of its own).
        for (city, commitment, level) in
            [(ams, "PM1", "substantial"), (ber, "SP1", "substantial"), (clu, "EM3", "limited")]
        {
            let body = json!({"commitment": commitment, "level": level, "verified_on": "2026-09-15"});
            app.post(&format!("/api/v1/cities/{city}/verified-ratings"), &s, body).await.expect(201);
        }

        // Indicator values through the API.
        app.create_indicator_value(
            &s,
            ams,
            json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-03-31", "value": 25}),
        )
        .await; // superseded by the annual value
        app.create_indicator_value(
            &s,
            ams,
            json!({"indicator": "EM3-A", "period_start": "2025-01-01", "period_end": "2025-12-31", "value": 99}),
        )
        .await; // outside the period
        app.create_indicator_value(&s, ams, json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 30, "baseline": 20, "target": 50})).await;
        app.create_indicator_value(&s, ber, json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 45, "baseline": 40, "target": 40})).await;
        app.create_indicator_value(&s, clu, json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 10, "target": 30})).await;
        app.create_indicator_value(&s, ber, year("EM1-A", 18.0)).await;
        app.create_indicator_value(&s, ams, year("PM1-A", 1.0)).await;
        app.create_indicator_value(&s, ber, year("PM1-A", 0.0)).await;
        app.create_indicator_value(&s, clu, year("PM1-A", 1.0)).await;
        Fixture { w, ams, ber, clu, dub, a1, a2, b2 }
    }
}

/// Action figures: cities acting, actions, [planned, in_progress, completed, delayed, cancelled],
/// completion rate, mean progress.
fn af(cities: i64, actions: i64, s: [i64; 5], rate: Value, mean: Value) -> Value {
    json!({"cities_acting": cities, "actions": actions,
        "by_status": {"planned": s[0], "in_progress": s[1], "completed": s[2], "delayed": s[3], "cancelled": s[4]},
        "completion_rate": rate, "mean_progress": mean})
}

fn levels(l: [i64; 4]) -> Value {
    json!({"not_started": l[0], "limited": l[1], "substantial": l[2], "complete": l[3]})
}

fn merge(mut a: Value, b: Value) -> Value {
    for (k, v) in b.as_object().unwrap() {
        a[k] = v.clone();
    }
    a
}

fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Object(keys.iter().map(|k| (k.to_string(), v[*k].clone())).collect())
}

/// The rows of one table in an HTML page: (row heading, cells).
fn html_rows(html: &str, id: &str) -> Vec<(String, Vec<String>)> {
    let start = html.find(&format!("<table id=\"{id}\">")).unwrap_or_else(|| panic!("no table {id}"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let body = &table[table.find("<tbody>").unwrap()..];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            let head = row.split("<th scope=\"row\">").nth(1).unwrap().split("</th>").next().unwrap().to_string();
            // A cell is `<td>` (text) or `<td class="num">` (a figure column).
            let cells: Vec<String> = row
                .split("<td")
                .skip(1)
                .map(|c| c.split_once('>').unwrap().1.split("</td>").next().unwrap().to_string())
                .collect();
            (unescape(&head), cells.into_iter().map(|c: String| unescape(&c)).collect())
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x3D;", "=")
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().iter().map(str::to_string).collect();
    (headers, r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect())
}

/// A number as the outputs print it: "" when absent.
fn num(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Number(n) => n.as_f64().unwrap().to_string(),
        other => other.as_str().unwrap().to_string(),
    }
}

async fn page(app: &TestApp, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let r = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, headers, r.bytes().await.unwrap().to_vec())
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[tokio::test]
async fn the_fixture_network_compiles_to_the_figures_worked_out_by_hand() {
    let app = TestApp::spawn().await;
    let f = Fixture::build(&app).await;
    let s = &f.w.secretariat;
    let r = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await;
    assert_eq!(r.compiled.number, 1);
    let report = r.compiled.report_id;
    assert_eq!(r.detail["report"]["slug"], "eurocities-integrating-cities-2026");
    let d = &r.detail["figures"];

    // Signatories: Amsterdam, Bergen, Cluj-Napoca and Dublin signed by the end of 2026 (Espoo
    // signs in 2027); Bergen in 2026. Adopted plans: Amsterdam (2025), Bergen and Cluj-Napoca
    // (both adopted in 2026); Dublin's is a draft.
    assert_eq!(
        d["signatories"],
        json!({"cities": 4, "signatories": 4, "new_in_period": 1, "new_names": ["Bergen"], "with_adopted_plan": 3, "plans_adopted_in_period": 2, "without_plan": ["Dublin"]})
    );

    // Roles. PM: Amsterdam's PM1 100 and 50, Bergen's PM1 0, Dublin's PM3 30 -> 4 actions in 3
    // cities, 1 completed of 4 = 25.0 %, mean (100 + 50 + 0 + 30) / 4 = 45.0.
    // SP: Amsterdam 40, Bergen 100 and 20 -> 1 of 3 = 33.3 %, mean 160 / 3 = 53.3.
    // EM: Amsterdam's cancelled EM1 (not acting, left out of rates) and Cluj-Napoca's EM3 60 ->
    // 1 city, 0 of 1 completed = 0.0 %, mean 60.0. BU: the BU1 action was created in 2027: none.
    let roles: Vec<Value> = d["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            merge(
                pick(r, &["code"]),
                pick(r, &["cities_acting", "actions", "by_status", "completion_rate", "mean_progress"]),
            )
        })
        .collect();
    assert_eq!(
        roles,
        vec![
            merge(json!({"code": "PM"}), af(3, 4, [1, 2, 1, 0, 0], json!(25.0), json!(45.0))),
            merge(json!({"code": "SP"}), af(2, 3, [0, 1, 1, 1, 0], json!(33.3), json!(53.3))),
            merge(json!({"code": "EM"}), af(1, 2, [0, 1, 0, 0, 1], json!(0.0), json!(60.0))),
            merge(json!({"code": "BU"}), af(0, 0, [0; 5], Value::Null, Value::Null)),
            merge(json!({"code": "DC"}), af(0, 0, [0; 5], Value::Null, Value::Null)),
        ]
    );

    // Commitments. PM1: 100, 50 (Amsterdam), 0 (Bergen) -> 2 cities, 1 of 3 = 33.3 %, mean 50.0;
    // updates: Amsterdam reported a1 in Q1 and a2 in Q2 = 2; latest self-assessments: Amsterdam
    // complete (Q2 replaces Q1's substantial). SP1: 40, 100, 20 -> 33.3 %, 53.3; updates a3 (Q1)
    // and b2 (Q1) = 2; Amsterdam limited, Bergen substantial. EM1: only a cancelled action ->
    // not covered, no rate; Amsterdam assessed it not started. The rest: nobody.
    let zero = |code: &str, role: &str| {
        merge(
            json!({"code": code, "role": role, "updates": 0, "assessments": levels([0; 4]), "covered": false}),
            af(0, 0, [0; 5], Value::Null, Value::Null),
        )
    };
    let mut expected = vec![
        merge(
            json!({"code": "PM1", "role": "PM", "updates": 2, "assessments": levels([0, 0, 0, 1]), "covered": true}),
            af(2, 3, [1, 1, 1, 0, 0], json!(33.3), json!(50.0)),
        ),
        zero("PM2", "PM"),
        merge(
            json!({"code": "PM3", "role": "PM", "updates": 0, "assessments": levels([0; 4]), "covered": true}),
            af(1, 1, [0, 1, 0, 0, 0], json!(0.0), json!(30.0)),
        ),
        merge(
            json!({"code": "SP1", "role": "SP", "updates": 2, "assessments": levels([0, 1, 1, 0]), "covered": true}),
            af(2, 3, [0, 1, 1, 1, 0], json!(33.3), json!(53.3)),
        ),
        zero("SP2", "SP"),
        merge(
            json!({"code": "EM1", "role": "EM", "updates": 0, "assessments": levels([1, 0, 0, 0]), "covered": false}),
            af(0, 1, [0, 0, 0, 0, 1], Value::Null, Value::Null),
        ),
        zero("EM2", "EM"),
        merge(
            json!({"code": "EM3", "role": "EM", "updates": 0, "assessments": levels([0; 4]), "covered": true}),
            af(1, 1, [0, 1, 0, 0, 0], json!(0.0), json!(60.0)),
        ),
    ];
    for (code, role) in
        [("BU1", "BU"), ("BU2", "BU"), ("BU3", "BU"), ("DC1", "DC"), ("DC2", "DC"), ("DC3", "DC"), ("DC4", "DC")]
    {
        expected.push(zero(code, role));
    }
    let got: Vec<Value> = d["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            pick(
                c,
                &[
                    "code",
                    "role",
                    "updates",
                    "assessments",
                    "covered",
                    "cities_acting",
                    "actions",
                    "by_status",
                    "completion_rate",
                    "mean_progress",
                ],
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(d["uncovered"], json!(["PM2", "SP2", "EM1", "EM2", "BU1", "BU2", "BU3", "DC1", "DC2", "DC3", "DC4"]));

    // Compliance: three rounds in 2026. Amsterdam: Q1, Q2 on time, Q3 pending. Bergen: Q1 late,
    // Q2 missed, Q3 pending. Cluj-Napoca: never checked in: missed twice, Q3 pending. Dublin was
    // never asked. Totals 9 asked: 2 on time, 1 late, 3 missed, 3 pending; on time 2 / 6 = 33.3 %.
    // Review: Amsterdam's Q1 was accepted; its Q2 and Bergen's Q1 were never reviewed.
    let row = |city: &str, country: &str, c: [i64; 7]| json!({"city": city, "country": country, "asked": c[0], "on_time": c[1], "late": c[2], "missed": c[3], "pending": c[4], "accepted": c[5], "unreviewed": c[6]});
    assert_eq!(
        d["compliance"],
        json!({
            "rounds": ["Q1 2026", "Q2 2026", "Q3 2026"],
            "cities": [row("Amsterdam", "NL", [3, 2, 0, 0, 1, 1, 1]), row("Bergen", "NO", [3, 0, 1, 1, 1, 0, 1]), row("Cluj-Napoca", "RO", [3, 0, 0, 2, 1, 0, 0]), row("Dublin", "IE", [0, 0, 0, 0, 0, 0, 0])],
            "totals": {"asked": 9, "on_time": 2, "late": 1, "missed": 3, "pending": 3, "accepted": 1, "unreviewed": 2},
            "on_time_rate": 33.3
        })
    );

    // Verification: PM1 assessed by Amsterdam only (its latest view, Q2: complete), verified
    // substantial: the city's view is higher. SP1: Amsterdam (limited) and Bergen
    // (substantial) assessed; Bergen verified substantial: agree. EM3: Cluj-Napoca verified,
    // never assessed. EM1 assessed by Amsterdam (not started), not verified.
    let v = |code: &str| {
        d["verification"]["commitments"].as_array().unwrap().iter().find(|c| c["code"] == code).unwrap().clone()
    };
    let vrow = |c: [i64; 5]| json!({"self_rated": c[0], "verified": c[1], "agree": c[2], "self_higher": c[3], "self_lower": c[4]});
    let keys = ["self_rated", "verified", "agree", "self_higher", "self_lower"];
    assert_eq!(pick(&v("PM1"), &keys), vrow([1, 1, 0, 1, 0]));
    assert_eq!(pick(&v("SP1"), &keys), vrow([2, 1, 1, 0, 0]));
    assert_eq!(pick(&v("EM3"), &keys), vrow([0, 1, 0, 0, 0]));
    assert_eq!(pick(&v("EM1"), &keys), vrow([1, 0, 0, 0, 0]));
    assert_eq!(d["verification"]["cities"].as_array().unwrap().len(), 3);

    // Indicators.
    // EM3-A: latest 2026 values 30 (Amsterdam; its Q1 25 is older, its 2025 99 outside), 45
    // (Bergen), 10 (Cluj-Napoca): sorted 10, 30, 45; Q1 at rank 0.5 = 10 + 0.5 * 20 = 20, median
    // 30, Q3 at rank 1.5 = 30 + 0.5 * 15 = 37.5. Baselines: 30 - 20 = 10, 45 - 40 = 5 -> median
    // 7.5. Still to go: 50 - 30 = 20, 40 - 45 = -5 (reached), 30 - 10 = 20 -> median 20, 1 reached.
    // SP1-A: one value (Bergen's check-in, 120): every quartile 120, no baseline or target.
    // EM1-A (sensitive): 12 (Amsterdam's Q1 check-in) and 18: Q1 13.5, median 15, Q3 16.5.
    // PM1-A (yes/no): yes, no, yes -> 2 of 3 = 66.7 %.
    let ind = |code: &str| d["indicators"].as_array().unwrap().iter().find(|i| i["code"] == code).unwrap().clone();
    let keys = [
        "cities_reporting",
        "q1",
        "median",
        "q3",
        "yes",
        "share_yes",
        "change_since_previous",
        "baseline_cities",
        "change_since_baseline",
        "target_cities",
        "distance_to_target",
        "reached_target",
        "suppressed",
    ];
    assert_eq!(
        pick(&ind("EM3-A"), &keys),
        json!({"cities_reporting": 3, "q1": 20.0, "median": 30.0, "q3": 37.5, "yes": null, "share_yes": null, "change_since_previous": null, "baseline_cities": 2, "change_since_baseline": 7.5, "target_cities": 3, "distance_to_target": 20.0, "reached_target": 1, "suppressed": false})
    );
    assert_eq!(
        pick(&ind("SP1-A"), &keys),
        json!({"cities_reporting": 1, "q1": 120.0, "median": 120.0, "q3": 120.0, "yes": null, "share_yes": null, "change_since_previous": null, "baseline_cities": 0, "change_since_baseline": null, "target_cities": 0, "distance_to_target": null, "reached_target": 0, "suppressed": false})
    );
    assert_eq!(
        pick(&ind("EM1-A"), &keys),
        json!({"cities_reporting": 2, "q1": 13.5, "median": 15.0, "q3": 16.5, "yes": null, "share_yes": null, "change_since_previous": null, "baseline_cities": 0, "change_since_baseline": null, "target_cities": 0, "distance_to_target": null, "reached_target": 0, "suppressed": false})
    );
    assert_eq!(
        pick(&ind("PM1-A"), &keys),
        json!({"cities_reporting": 2 + 1, "q1": null, "median": null, "q3": null, "yes": 2, "share_yes": 66.7, "change_since_previous": null, "baseline_cities": null, "change_since_baseline": null, "target_cities": null, "distance_to_target": null, "reached_target": null, "suppressed": false})
    );
    assert_eq!(
        pick(&ind("BU1-A"), &keys),
        json!({"cities_reporting": 0, "q1": null, "median": null, "q3": null, "yes": null, "share_yes": null, "change_since_previous": null, "baseline_cities": 0, "change_since_baseline": null, "target_cities": 0, "distance_to_target": null, "reached_target": 0, "suppressed": false})
    );
    assert_eq!(d["indicators"].as_array().unwrap().len(), 10);

    // City profiles. Amsterdam: 4 actions (the 2027 one left out), mean of the 3 live ones
    // (100 + 50 + 40) / 3 = 63.3, PM1 and SP1 acted on, 3 updates. Bergen: (0 + 100 + 20) / 3 = 40.
    let profile = |name: &str| d["cities"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap().clone();
    let pkeys = [
        "actions",
        "mean_progress",
        "commitments_covered",
        "commitments_total",
        "updates",
        "check_ins",
        "assessments",
        "plan_status",
        "signed_on",
        "plan_adopted_on",
    ];
    assert_eq!(
        pick(&profile("Amsterdam"), &pkeys),
        json!({"actions": 4, "mean_progress": 63.3, "commitments_covered": 2, "commitments_total": 15, "updates": 3, "check_ins": {"asked": 3, "on_time": 2, "late": 0, "missed": 0, "pending": 1, "accepted": 1, "unreviewed": 1}, "assessments": levels([1, 1, 0, 1]), "plan_status": "adopted", "signed_on": "2015-05-01", "plan_adopted_on": "2025-06-01"})
    );
    assert_eq!(
        pick(&profile("Bergen"), &pkeys),
        json!({"actions": 3, "mean_progress": 40.0, "commitments_covered": 2, "commitments_total": 15, "updates": 1, "check_ins": {"asked": 3, "on_time": 0, "late": 1, "missed": 1, "pending": 1, "accepted": 0, "unreviewed": 1}, "assessments": levels([0, 0, 1, 0]), "plan_status": "adopted", "signed_on": "2026-03-10", "plan_adopted_on": "2026-04-15"})
    );
    assert_eq!(
        pick(&profile("Cluj-Napoca"), &pkeys),
        json!({"actions": 1, "mean_progress": 60.0, "commitments_covered": 1, "commitments_total": 15, "updates": 0, "check_ins": {"asked": 3, "on_time": 0, "late": 0, "missed": 2, "pending": 1, "accepted": 0, "unreviewed": 0}, "assessments": levels([0; 4]), "plan_status": "adopted", "signed_on": "2020-01-01", "plan_adopted_on": "2026-02-01"})
    );
    assert_eq!(
        pick(&profile("Dublin"), &pkeys),
        json!({"actions": 1, "mean_progress": 30.0, "commitments_covered": 1, "commitments_total": 15, "updates": 0, "check_ins": {"asked": 0, "on_time": 0, "late": 0, "missed": 0, "pending": 0, "accepted": 0, "unreviewed": 0}, "assessments": levels([0; 4]), "plan_status": "draft", "signed_on": "2019-09-09", "plan_adopted_on": null})
    );
    let codes = |name: &str| {
        profile(name)["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("{}={}", v["code"].as_str().unwrap(), v["value"]))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("Amsterdam"), ["EM1-A=12.0", "EM3-A=30.0", "PM1-A=1.0"]);
    assert_eq!(codes("Bergen"), ["EM1-A=18.0", "EM3-A=45.0", "PM1-A=0.0", "SP1-A=120.0"]);
    assert!(
        d["good_practices"].as_array().unwrap().is_empty()
            && d["moved"].as_array().unwrap().is_empty()
            && d["changes"].as_array().unwrap().is_empty()
    );
    assert!(d["previous_report"].is_null());

    // Two good practices: the city's narrative where it gave one, else the action's description.
    for a in [f.a1, f.b2] {
        app.mark_good_practice(s, report, a).await;
    }
    let gp = app.get_report(s, report).await["figures"]["good_practices"].clone();
    assert_eq!(
        gp,
        json!([
            {"action_id": f.a1, "city": "Amsterdam", "commitment": "PM1", "title": "Equal opportunities campaign", "status": "completed", "progress": 100, "narrative": "The campaign reached all 40 districts."},
            {"action_id": f.b2, "city": "Bergen", "commitment": "SP1", "title": "Language cafés", "status": "completed", "progress": 100, "narrative": "Language cafés: the plan's words."}
        ])
    );
    let _ = (f.ams, f.ber, f.clu, f.dub, f.a2);
}

#[tokio::test]
async fn publishing_freezes_the_outputs_and_a_correction_is_a_new_version_with_its_changes() {
    let app = TestApp::spawn().await;
    let f = Fixture::build(&app).await;
    let s = &f.w.secretariat;
    let report = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await.compiled.report_id;
    app.mark_good_practice(s, report, f.a1).await;

    // Before publication nothing is public.
    let slug = "eurocities-integrating-cities-2026";
    assert_eq!(page(&app, &format!("/reports/{slug}")).await.0, 404);
    assert_eq!(page(&app, &format!("/reports/{slug}/versions/1")).await.0, 404);
    app.get(&format!("/api/v1/reports/{report}"), &f.w.observer).await.assert_problem(403, None);

    let published = app.publish_report(s, report, None).await;
    assert_eq!(published.url, format!("{}/reports/{slug}", app.settings.public_base()));
    let urls: Vec<String> = [
        "",
        ".json",
        ".csv",
        "/versions/1",
        "/versions/1.json",
        "/versions/1.csv",
        "/tables/commitments.csv",
        "/versions/1/tables/indicators.csv",
        "/versions/1/tables/city_indicators.csv",
        "?lang=fr",
        "?lang=de",
        "/versions/1?lang=fr",
        "/versions/1?lang=de",
    ]
    .iter()
    .map(|u| format!("/reports/{slug}{u}"))
    .collect();
    let mut frozen = BTreeMap::new();
    for u in &urls {
        let (status, headers, body) = page(&app, u).await;
        assert_eq!(status, 200, "{u}");
        assert!(headers.get("link").is_none(), "{u} is the latest");
        frozen.insert(u.clone(), body);
    }
    let html = text(&frozen[&format!("/reports/{slug}")]);
    assert_eq!(frozen[&format!("/reports/{slug}")], frozen[&format!("/reports/{slug}/versions/1")]);
    // Every offered language is frozen: its own words, <html lang>, Content-Language, its own
    // ETag, and links to the others; the browser's Accept-Language picks one without `?lang=`.
    let fr = text(&frozen[&format!("/reports/{slug}?lang=fr")]);
    let de = text(&frozen[&format!("/reports/{slug}?lang=de")]);
    assert!(
        fr.contains("<html lang=\"fr\">") && fr.contains("rapport de résultats") && fr.contains("Sommaire"),
        "{fr}"
    );
    assert!(de.contains("<html lang=\"de\">") && de.contains("Ergebnisbericht") && de.contains("Inhalt"), "{de}");
    assert!(
        html.contains("<html lang=\"en\">")
            && html.contains(&format!("hreflang=\"fr\" href=\"/reports/{slug}/versions/1?lang&#x3D;fr\"")),
        "{html}"
    );
    assert!(fr.contains(&format!("hreflang=\"de\" href=\"/reports/{slug}/versions/1?lang&#x3D;de\"")));
    let (_, en_h, _) = page(&app, &format!("/reports/{slug}")).await;
    let (_, fr_h, _) = page(&app, &format!("/reports/{slug}?lang=fr")).await;
    assert_eq!((en_h["content-language"].to_str().unwrap(), fr_h["content-language"].to_str().unwrap()), ("en", "fr"));
    assert_ne!(en_h["etag"], fr_h["etag"], "each language has its own ETag");
    assert!(en_h["vary"].to_str().unwrap().contains("Accept-Language"), "{en_h:?}");
    let r = app
        .client
        .get(format!("{}/reports/{slug}", app.address))
        .header("Accept-Language", "de-CH, fr;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-language"], "de");
    assert_eq!(r.bytes().await.unwrap().to_vec(), frozen[&format!("/reports/{slug}?lang=de")]);
    let (status, _, body) = page(&app, &format!("/reports/{slug}?lang=sv")).await;
    assert_eq!(status, 404);
    assert!(text(&body).contains("English (en), Français (fr), Deutsch (de)"), "{}", text(&body));
    let listing_fr = text(&page(&app, "/reports?lang=fr").await.2);
    assert!(listing_fr.contains("Rapports de résultats") && listing_fr.contains("<html lang=\"fr\">"), "{listing_fr}");
    let listing = text(&page(&app, "/reports").await.2);
    assert!(listing.contains(&format!("href=\"/reports/{slug}\"")), "{listing}");

    // Change the data: Amsterdam's PM1 desk moves from 50 to 80, a value is corrected.
    let a2 = app.get_action(s, f.a2).await;
    app.update_action(s, f.a2, json!({"version": a2.version, "progress": 80})).await;
    // The published bytes do not move, and compiling makes a correction draft (version 2).
    let r = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await;
    assert_eq!(r.compiled.number, 2, "{}", r.detail);
    for u in &urls {
        assert_eq!(page(&app, u).await.2, frozen[u], "{u} changed after the data changed");
    }
    // The correction lists what changed: PM1 mean (100 + 80 + 0) / 3 = 60 (was 50); the
    // policy-maker role (100 + 80 + 0 + 30) / 4 = 52.5 (was 45); Amsterdam (100 + 80 + 40) / 3 = 73.3.
    let changes = r.detail["figures"]["changes"].clone();
    assert_eq!(
        changes,
        json!([
            {"what": "Roles: Policy-maker, mean progress", "before": "45", "after": "52.5"},
            {"what": "Commitments: PM1, mean progress", "before": "50", "after": "60"},
            {"what": "Cities: Amsterdam, mean progress", "before": "63.3", "after": "73.3"}
        ])
    );
    // A second version needs a changelog.
    app.post(&format!("/api/v1/reports/{report}/publish"), s, json!({})).await.assert_problem(422, Some("changelog"));
    let changelog = "Amsterdam corrected the progress of its anti-discrimination desk.";
    assert_eq!(app.publish_report(s, report, Some(changelog)).await.number, 2);

    // Version 1 is still served as it was, now marked as superseded; the slug serves version 2.
    for u in urls.iter().filter(|u| u.contains("/versions/1")) {
        let (status, headers, body) = page(&app, u).await;
        assert_eq!((status, &body), (200, &frozen[u]), "{u}");
        let link = headers["link"].to_str().unwrap();
        assert!(
            link.contains(&format!("</reports/{slug}>; rel=\"latest-version\""))
                && link.contains("versions/2>; rel=\"successor-version\""),
            "{link}"
        );
    }
    // Conditional GET: every file has an ETag; asking again with it answers 304 without a body;
    // the latest address's tag moves with the new version, a version's never does.
    let conditional = |path: String, tag: String| {
        let app = &app;
        async move {
            let r = app.client.get(format!("{}{path}", app.address)).header("If-None-Match", tag).send().await.unwrap();
            (r.status().as_u16(), r.bytes().await.unwrap().len())
        }
    };
    let v1_page = format!("/reports/{slug}/versions/1");
    let v1_tag = page(&app, &v1_page).await.1["etag"].to_str().unwrap().to_string();
    assert_eq!(conditional(v1_page.clone(), v1_tag.clone()).await, (304, 0));
    assert_eq!(conditional(v1_page.clone(), format!("W/{v1_tag}")).await, (304, 0), "a weak comparison");
    assert_eq!(conditional(format!("/reports/{slug}"), v1_tag.clone()).await.0, 200, "the latest is version 2 now");
    let latest_tag = page(&app, &format!("/reports/{slug}")).await.1["etag"].to_str().unwrap().to_string();
    assert_ne!(latest_tag, v1_tag);
    assert_eq!(conditional(format!("/reports/{slug}"), latest_tag).await, (304, 0));
    let csv_tag = page(&app, &format!("/reports/{slug}/versions/1.csv")).await.1["etag"].to_str().unwrap().to_string();
    assert_ne!(csv_tag, v1_tag, "each file has its own tag");
    let v2 = text(&page(&app, &format!("/reports/{slug}")).await.2);
    assert_ne!(v2, html);
    assert!(v2.contains("Amsterdam corrected the progress of its anti-discrimination desk."));
    assert!(
        v2.contains(&format!("<a href=\"/reports/{slug}/versions/1\">version 1</a>")),
        "the correction links to the version it corrects"
    );
    let changes_rows = html_rows(&v2, "table-changes");
    assert_eq!(
        changes_rows[1],
        ("Commitments: PM1, mean progress".to_string(), vec!["50".to_string(), "60".to_string()])
    );
    // Good-practice marks belong to the report: version 2 keeps the one made on the draft of 1.
    assert!(v2.contains("The campaign reached all 40 districts."));
    let versions = app.get(&format!("/api/v1/reports/{report}/versions"), &f.w.observer).await.body;
    let states: Vec<(i64, String)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["number"].as_i64().unwrap(), v["state"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(states, [(1, "published".to_string()), (2, "published".to_string())]);
    let json2: Value = serde_json::from_slice(&page(&app, &format!("/reports/{slug}.json")).await.2).unwrap();
    assert_eq!((json2["version"].as_i64(), json2["changelog"].as_str().is_some()), (Some(2), true));

    // A report of a later period says what moved since this one (public figures only).
    let a2 = app.get_action(s, f.a2).await;
    app.update_action(s, f.a2, json!({"version": a2.version, "progress": 90})).await;
    let next = app.compile_report(s, FW, "2027-01-01", "2027-12-31").await;
    let nf = &next.detail["figures"];
    assert_eq!(nf["previous_report"]["slug"], slug);
    assert_eq!(nf["previous_report"]["version"], 2);
    let moved: Vec<(String, String, String, f64, f64)> = nf["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["section"].as_str().unwrap().into(),
                m["item"].as_str().unwrap().into(),
                m["measure"].as_str().unwrap().into(),
                m["before"].as_f64().unwrap(),
                m["after"].as_f64().unwrap(),
            )
        })
        .collect();
    // PM1's mean goes from 60 to (100 + 90 + 0) / 3 = 63.3 (the BU1 action, created in January
    // 2027, now counts too); no 2027 check-ins or indicator values yet.
    assert!(moved.contains(&("Commitments".into(), "PM1".into(), "mean progress".into(), 60.0, 63.3)), "{moved:?}");
    assert!(moved.contains(&("Indicators".into(), "EM3-A".into(), "cities reporting".into(), 3.0, 0.0)), "{moved:?}");
    assert!(!moved.iter().any(|m| m.1 == "EM1-A"), "a withheld figure never moves in public: {moved:?}");
    // Each city's change in mean progress is against its own figure in the previous report.
    let before: std::collections::HashMap<i64, f64> = json2["figures"]["cities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| Some((c["city_id"].as_i64()?, c["mean_progress"].as_f64()?)))
        .collect();
    let changed: Vec<(i64, f64, f64)> = nf["cities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            Some((c["city_id"].as_i64()?, c["mean_progress"].as_f64()?, c["mean_progress_change"].as_f64()?))
        })
        .collect();
    assert!(changed.len() >= 2, "cities of both reports have a change: {changed:?} (before: {before:?})");
    for (city, after, change) in changed {
        assert!(
            (change - (after - before[&city])).abs() < 0.06,
            "city {city}: {change} from {} to {after}",
            before[&city]
        );
    }
}

#[tokio::test]
async fn sensitive_figures_are_withheld_in_every_public_output_and_shown_to_the_secretariat() {
    let app = TestApp::spawn().await;
    let f = Fixture::build(&app).await;
    let s = &f.w.secretariat;
    let report = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await.compiled.report_id;
    app.publish_report(s, report, None).await;
    let slug = "eurocities-integrating-cities-2026";

    // EM1-A is sensitive and only 2 cities (fewer than 5) reported it: 12 and 18, median 15.
    let secretariat = app.get_report(s, report).await;
    let em1 = |d: &Value| {
        d["figures"]["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "EM1-A").unwrap().clone()
    };
    assert_eq!(
        (em1(&secretariat)["median"].as_f64(), em1(&secretariat)["cities_reporting"].as_i64()),
        (Some(15.0), Some(2))
    );
    let staff_html = {
        let r = app
            .client
            .get(format!("{}/api/v1/reports/{report}/draft.html", app.address))
            .bearer_auth(s)
            .send()
            .await
            .unwrap();
        r.text().await.unwrap()
    };
    let em1_row = |html: &str| html_rows(html, "table-indicators").into_iter().find(|(h, _)| h == "EM1-A").unwrap().1;
    assert_eq!(em1_row(&staff_html)[2..6], ["2", "13.5", "15", "16.5"], "the secretariat sees the figures");
    assert!(staff_html.contains("Secretariat view"));

    // Public: the API for an observer, the JSON, the HTML and every CSV.
    let observer = app.get_report(&f.w.observer, report).await;
    let public_json: Value = serde_json::from_slice(&page(&app, &format!("/reports/{slug}.json")).await.2).unwrap();
    let public_doc = json!({"figures": public_json["figures"].clone()});
    // Verification in public: no city's page is public here, and fewer than 5 cities were
    // verified for any commitment, so neither a city's ratings nor a comparison appear.
    let pv = &public_json["figures"]["verification"];
    assert_eq!(pv["cities"], json!([]), "{pv}");
    let pm1 = pv["commitments"].as_array().unwrap().iter().find(|c| c["code"] == "PM1").unwrap();
    assert_eq!(
        (pm1["self_rated"].clone(), pm1["verified"].clone(), pm1["suppressed"].clone()),
        (json!(1), Value::Null, json!(true))
    );
    for d in [&observer, &public_doc] {
        let e = em1(d);
        assert_eq!(
            pick(&e, &["cities_reporting", "q1", "median", "q3", "suppressed"]),
            json!({"cities_reporting": null, "q1": null, "median": null, "q3": null, "suppressed": true})
        );
        for c in d["figures"]["cities"].as_array().unwrap() {
            assert!(
                !c["indicators"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v["code"] == "EM1-A" || v["code"] == "EM1-B" || v["code"] == "EM2-A"),
                "{c}"
            );
        }
        // A non-sensitive indicator with a single value is shown.
        let sp = d["figures"]["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "SP1-A").unwrap().clone();
        assert_eq!(sp["median"], 120.0);
    }
    let html = text(&page(&app, &format!("/reports/{slug}")).await.2);
    let row = em1_row(&html);
    assert_eq!(row[2..6], ["–", "–", "–", "–"]);
    assert_eq!(row.last().unwrap(), "withheld: fewer than 5 cities reported");
    assert!(!html.contains("Secretariat view"));
    for file in ["tables/indicators.csv", "tables/city_indicators.csv"] {
        let csv = text(&page(&app, &format!("/reports/{slug}/{file}")).await.2);
        let (_, rows) = csv_rows(&csv);
        for r in rows.iter().filter(|r| r.contains(&"EM1-A".to_string())) {
            assert_eq!(file, "tables/indicators.csv", "no city value of EM1-A in {file}: {r:?}");
            assert_eq!(r[3..7], ["", "", "", ""], "{r:?}");
        }
    }
    let all = text(&page(&app, &format!("/reports/{slug}.csv")).await.2);
    assert!(!all.lines().any(|l| l.starts_with("city_indicators,") && l.contains("EM1-A")));
    assert!(
        all.lines().any(|l| l.starts_with("city_indicators,") && l.contains("EM3-A")),
        "non-sensitive city values are public"
    );
}

#[tokio::test]
async fn the_csv_parses_and_the_json_html_and_csv_carry_the_same_figures() {
    let app = TestApp::spawn().await;
    let f = Fixture::build(&app).await;
    let s = &f.w.secretariat;
    let report = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await.compiled.report_id;
    app.publish_report(s, report, None).await;
    let slug = "eurocities-integrating-cities-2026";
    let (_, headers, html) = page(&app, &format!("/reports/{slug}")).await;
    let html = text(&html);
    assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    let json: Value = serde_json::from_slice(&page(&app, &format!("/reports/{slug}.json")).await.2).unwrap();
    let d = &json["figures"];

    // Commitments: HTML row = CSV row = JSON figures.
    let (headers, rows) = csv_rows(&text(&page(&app, &format!("/reports/{slug}/tables/commitments.csv")).await.2));
    assert_eq!(headers[..4], ["commitment", "role", "cities_acting", "actions"]);
    let html_c = html_rows(&html, "table-commitments");
    assert_eq!(rows.len(), 15);
    assert_eq!(html_c.len(), 15);
    for ((row, (head, cells)), c) in rows.iter().zip(&html_c).zip(d["commitments"].as_array().unwrap()) {
        assert_eq!(&row[0], head);
        let as_html: Vec<String> =
            row[1..].iter().map(|v| if v.is_empty() { "–".to_string() } else { v.clone() }).collect();
        assert_eq!(&as_html, cells, "{head}");
        assert_eq!(row[0], c["code"].as_str().unwrap());
        assert_eq!(row[2], c["cities_acting"].to_string());
        assert_eq!(row[9], num(&c["completion_rate"]), "{head}");
        assert_eq!(row[10], num(&c["mean_progress"]), "{head}");
    }
    assert_eq!(html_c[0].1[8..10], ["33.3".to_string(), "50".to_string()]);
    // Indicators and compliance: the same in all three.
    let (_, ind_rows) = csv_rows(&text(&page(&app, &format!("/reports/{slug}/tables/indicators.csv")).await.2));
    for (row, i) in ind_rows.iter().zip(d["indicators"].as_array().unwrap()) {
        assert_eq!(
            (row[0].as_str(), row[3].clone(), row[5].clone()),
            (i["code"].as_str().unwrap(), num(&i["cities_reporting"]), num(&i["median"]))
        );
    }
    let html_i = html_rows(&html, "table-indicators");
    assert_eq!(html_i.iter().find(|(h, _)| h == "EM3-A").unwrap().1[2..6], ["3", "20", "30", "37.5"]);
    let (_, comp) = csv_rows(&text(&page(&app, &format!("/reports/{slug}/tables/compliance.csv")).await.2));
    assert_eq!(comp.last().unwrap(), &["All cities", "", "9", "2", "1", "3", "3", "1", "2"]);
    assert_eq!(html_rows(&html, "table-compliance").last().unwrap().1, ["–", "9", "2", "1", "3", "3", "1", "2"]);
    // The one-file CSV holds every table's cells: table, row, column, value.
    let (h, all) = csv_rows(&text(&page(&app, &format!("/reports/{slug}.csv")).await.2));
    assert_eq!(h, ["table", "row", "column", "value"]);
    assert!(all.contains(&vec!["commitments".into(), "1".into(), "completion_rate".into(), "33.3".into()]));
    assert!(all.contains(&vec!["signatories".into(), "2".into(), "value".into(), "4".into()]));
    // Every table CSV linked from the HTML downloads.
    for name in [
        "signatories",
        "roles",
        "commitments",
        "compliance",
        "indicators",
        "good_practices",
        "moved",
        "cities",
        "city_indicators",
        "changes",
    ] {
        let href = format!("/reports/{slug}/versions/1/tables/{name}.csv");
        assert!(html.contains(&format!("href=\"{href}\"")), "{name} not linked");
        let (status, headers, body) = page(&app, &href).await;
        assert_eq!(status, 200);
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        csv_rows(&text(&body));
    }

    // REPORT_HTML_DUMP=<folder> keeps the pages, to run them through the W3C Nu checker by hand.
    if let Ok(dir) = std::env::var("REPORT_HTML_DUMP") {
        let staff = app
            .client
            .get(format!("{}/api/v1/reports/{report}/draft.html", app.address))
            .bearer_auth(s)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let list = text(&page(&app, "/reports").await.2);
        for (name, body) in [("public.html", &html), ("secretariat.html", &staff), ("list.html", &list)] {
            std::fs::write(std::path::Path::new(&dir).join(name), body).unwrap();
        }
    }
    // The document: standalone, accessible, no inline style or script, charts from plotters.
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert_eq!(html.matches("<h1>").count(), 1);
    assert!(html.contains("<title>EUROCITIES Charter on Integrating Cities: outcomes report 2026</title>"));
    assert!(html.contains("href=\"#main\"") && html.contains("<link rel=\"stylesheet\" href=\"/static/report.css\">"));
    for forbidden in ["style=", "<style", "<script"] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert_eq!(html.matches("<svg class=\"chart\" role=\"img\" aria-labelledby=").count(), 2);
    assert_eq!(html.matches("<caption").count(), html.matches("<table").count());
    let (status, _, css) = page(&app, "/static/report.css").await;
    assert_eq!(status, 200);
    assert!(text(&css).contains("@media print") && text(&css).contains("break-before: page"));
    let _ = f;
}

#[tokio::test]
async fn mistakes_are_named_with_what_is_accepted() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let s = &w.secretariat;
    let compile = |body: Value| app.post("/api/v1/reports", s, body);
    compile(json!({"framework": FW, "from": "2026-13-01", "to": "2026-12-31"})).await.assert_problem(422, Some("from"));
    let r = compile(json!({"framework": FW, "from": "2026-12-31", "to": "2026-01-01"})).await;
    r.assert_problem(422, Some("to"));
    let r = compile(json!({"framework": "eurocities", "from": "2026-01-01", "to": "2026-12-31"})).await;
    let e = r.assert_problem(422, Some("framework"));
    assert!(e["errors"][0]["accepted"].as_str().unwrap().contains(FW));
    compile(json!({"framework": FW, "from": "2026-01-01"})).await.assert_problem(422, Some("to"));
    compile(json!({"framework": FW, "from": "2026-01-01", "to": "2026-12-31", "title": "x"}))
        .await
        .assert_problem(400, Some("title"));
    let id = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await.compiled.report_id;
    // Good practice: no such action, an action under another framework.
    app.request(Method::PUT, &format!("/api/v1/reports/{id}/good-practices/999999"), Some(s), None)
        .await
        .assert_problem(422, Some("action_id"));
    let icc_plan = app.create_plan(s, w.city_a, json!({"framework": "icc-lisbon-declaration", "title": "ICC", "period_start": "2026-01-01", "period_end": "2026-12-31"})).await.id;
    let icc_action =
        app.create_action(s, icc_plan, json!({"commitment": "LD1", "title": "Intercultural week"})).await.id;
    app.request(Method::PUT, &format!("/api/v1/reports/{id}/good-practices/{icc_action}"), Some(s), None)
        .await
        .assert_problem(422, Some("action_id"));
    app.request(Method::DELETE, &format!("/api/v1/reports/{id}/good-practices/{}", w.action_a), Some(s), None)
        .await
        .assert_problem(404, None);
    // Publishing twice: nothing left to publish.
    app.publish_report(s, id, None).await;
    app.post(&format!("/api/v1/reports/{id}/publish"), s, json!({})).await.assert_problem(409, None);
    app.get("/api/v1/reports/999999", s).await.assert_problem(404, None);

    // Indicator values: unit checks, periods, unknown codes, duplicates.
    let values_path = format!("/api/v1/cities/{}/indicator-values", w.city_a);
    let post = |body: Value| app.post(&values_path, &w.editor_a, body);
    let r = post(json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 120, "baseline": -1})).await;
    r.assert_problem(422, Some("value"));
    r.assert_problem(422, Some("baseline"));
    post(json!({"indicator": "SP1-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 2.5}))
        .await
        .assert_problem(422, Some("value"));
    post(json!({"indicator": "PM1-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 2}))
        .await
        .assert_problem(422, Some("value"));
    post(json!({"indicator": "EM3-A", "period_start": "2026-12-31", "period_end": "2026-01-01", "value": 5}))
        .await
        .assert_problem(422, Some("period_end"));
    let r =
        post(json!({"indicator": "XX-9", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 5})).await;
    assert!(r.assert_problem(422, Some("indicator"))["errors"][0]["accepted"].as_str().unwrap().contains("EM3-A"));
    let vid = app
        .create_indicator_value(
            &w.editor_a,
            w.city_a,
            json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 5}),
        )
        .await;
    post(json!({"indicator": "EM3-A", "period_start": "2026-01-01", "period_end": "2026-12-31", "value": 6}))
        .await
        .assert_problem(409, None);
    app.patch(&format!("/api/v1/indicator-values/{vid}"), &w.editor_a, json!({"value": 7}))
        .await
        .assert_problem(428, None);
    app.patch(&format!("/api/v1/indicator-values/{vid}"), &w.editor_a, json!({"version": 9, "value": 7}))
        .await
        .assert_problem(409, None);
    let r = app
        .patch(
            &format!("/api/v1/indicator-values/{vid}"),
            &w.editor_a,
            json!({"version": 1, "value": 7, "target": null}),
        )
        .await;
    assert_eq!((r.status.as_u16(), r.body["value"].as_f64()), (200, Some(7.0)), "{}", r.body);
    let history = app.history(&w.editor_a, "indicator-values", vid).await;
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].changed, ["value"]);
    // Definitions: the secretariat adds one; it survives a restart (the files are reloaded).
    let fw_path = format!("/api/v1/frameworks/{FW}/indicators");
    app.post(&fw_path, s, json!({"code": "SP2-B", "name": "Translated leaflets", "unit": "litres"}))
        .await
        .assert_problem(422, Some("unit"));
    app.post(
        &fw_path,
        s,
        json!({"code": "SP2-B", "name": "Translated leaflets", "unit": "count", "commitment": "ZZ9"}),
    )
    .await
    .assert_problem(422, Some("commitment"));
    app.post(&fw_path, s, json!({"code": "EM3-A", "name": "Again", "unit": "count"}))
        .await
        .assert_problem(422, Some("code"));
    let r = app
        .post(
            &fw_path,
            s,
            json!({"code": "SP2-B", "name": "Translated leaflets", "unit": "money", "commitment": "SP2"}),
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.body["currency"].as_str(), r.body["source"].as_str()),
        (201, Some("EUR"), Some("secretariat")),
        "{}",
        r.body
    );
    let app = app.restart().await;
    let list = app.request(Method::GET, &fw_path, None, None).await.body;
    let codes: Vec<&str> = list.as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 11);
    assert_eq!(codes.last(), Some(&"SP2-B"));
}

#[tokio::test]
async fn the_schedule_compiles_once_per_cycle_even_with_two_ticks_at_once_and_emails_the_secretariat() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let second = app.token(Role::Secretariat, None).await;
    let _ = second;
    // 1 January 2027, 07:00 in Brussels: after the default firing (06:00), the 2026 cycle is due.
    let when = at("2027-01-01T06:00:00Z");
    let ticks: Vec<_> = (0..2)
        .map(|_| {
            let (pool, settings) = (app.pool.clone(), app.settings.clone());
            let transport = Transport::from_settings(&settings.mail).unwrap();
            std::thread::spawn(move || {
                charter_tracker::scheduler::tick(&pool, &settings, crate::helpers::templates(), &transport, when)
                    .unwrap()
            })
        })
        .collect();
    let reports: Vec<Vec<i64>> =
        blocking(move || ticks.into_iter().map(|t| t.join().unwrap().reports_compiled).collect()).await;
    let compiled: Vec<i64> = reports.concat();
    assert_eq!(compiled.len(), 1, "one compile between two ticks: {reports:?}");
    let again = app.tick(at("2027-01-02T06:00:00Z"), files(&app)).await;
    assert!(again.reports_compiled.is_empty());
    let list = app.list_reports(&w.secretariat).await;
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].slug.as_str(), list[0].draft, list[0].latest_published),
        ("eurocities-integrating-cities-2026", Some(1), None)
    );
    // Nothing public; every secretariat user got one email, sent.
    assert_eq!(page(&app, "/reports/eurocities-integrating-cities-2026").await.0, 404);
    let pool = app.pool.clone();
    let mails: Vec<(String, String, String)> = blocking(move || {
        use charter_tracker::db::schema::outbox;
        outbox::table
            .filter(outbox::kind.eq("report_compiled"))
            .order(outbox::to_address)
            .select((outbox::to_address, outbox::subject, outbox::status))
            .load(&mut pool.get().unwrap())
            .unwrap()
    })
    .await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(
        mails.iter().all(|(_, subject, status)| subject
            == "Draft outcomes report for 2026 ready to review: EUROCITIES Charter on Integrating Cities"
            && status == "sent"),
        "{mails:?}"
    );
    // The email links to the draft's page, which a browser can open after signing in.
    let report = list[0].id;
    let bodies = app.outbox_of("report_compiled").await;
    assert!(bodies.iter().all(|(_, body)| body.contains(&format!("/reports/manage/{report}"))), "{bodies:?}");
    // Two-year cycles, anchored on 2025: on 1 January 2027 the cycle 2025-2026 is compiled.
    let mut settings = app.settings.clone();
    settings.reports.cycle_years = 2;
    settings.reports.cycle_anchor_year = 2025;
    let pool = app.pool.clone();
    let r = blocking(move || {
        charter_tracker::scheduler::plan_due(&pool, &settings, crate::helpers::templates(), at("2027-01-01T06:00:00Z"))
            .unwrap()
    })
    .await;
    assert_eq!(r.reports_compiled.len(), 1);
    let list = app.list_reports(&w.secretariat).await;
    assert!(list.iter().any(|r| r.slug == "eurocities-integrating-cities-2025-2026"), "{list:?}");
}

/// The binary, run in the test's folder against the test's database.
fn cli(app: &TestApp) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_charter-tracker"));
    cmd.current_dir(app.dir())
        .env_remove("CHARTER_TRACKER_ENV")
        .env("DATABASE_URL", &app.database_url)
        .env("CHARTER_TRACKER__LOG__FILTER", "warn");
    cmd
}

async fn run(mut cmd: std::process::Command) -> (bool, String, String) {
    let out = blocking(move || cmd.output().unwrap()).await;
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[tokio::test]
async fn the_command_line_compiles_publishes_and_lists() {
    let app = TestApp::spawn().await;
    let _w = World::build(&app).await;
    let mut c = cli(&app);
    c.args(["report", "compile", "--framework", FW, "--from", "2026-01-01", "--to", "2026-12-31"]);
    let (ok, draft, err) = run(c).await;
    assert!(ok, "{err}");
    let draft: i64 = draft.parse().unwrap_or_else(|_| panic!("a draft id on stdout, got `{draft}`"));
    let mut c = cli(&app);
    c.args(["report", "publish", &draft.to_string()]);
    let (ok, url, err) = run(c).await;
    assert!(ok, "{err}");
    assert_eq!(url, "http://127.0.0.1:8080/reports/eurocities-integrating-cities-2026");
    assert_eq!(page(&app, "/reports/eurocities-integrating-cities-2026").await.0, 200);
    let mut c = cli(&app);
    c.args(["report", "publish", &draft.to_string()]);
    let (ok, _, err) = run(c).await;
    assert!(!ok && err.contains("already published"), "{err}");
    // A correction needs --changelog.
    let mut c = cli(&app);
    c.args(["report", "compile", "--framework", FW, "--from", "2026-01-01", "--to", "2026-12-31"]);
    let (_, second, _) = run(c).await;
    let mut c = cli(&app);
    c.args(["report", "publish", &second]);
    let (ok, _, err) = run(c).await;
    assert!(!ok && err.contains("--changelog"), "{err}");
    let mut c = cli(&app);
    c.args(["report", "publish", &second, "--changelog", "Typo in a city name."]);
    assert!(run(c).await.0);
    let mut c = cli(&app);
    c.args(["report", "compile", "--framework", FW, "--from", "2026-02-30", "--to", "2026-12-31"]);
    let (ok, _, err) = run(c).await;
    assert!(!ok && err.contains("--from `2026-02-30`"), "{err}");
    let mut c = cli(&app);
    c.args(["report", "compile", "--framework", "nope", "--from", "2026-01-01", "--to", "2026-12-31"]);
    let (ok, _, err) = run(c).await;
    assert!(!ok && err.contains("--framework") && err.contains(FW), "{err}");
    let mut c = cli(&app);
    c.args(["report", "list"]);
    let (ok, list, _) = run(c).await;
    assert!(ok && list.contains("eurocities-integrating-cities-2026\tpublished v2\tno draft"), "{list}");
}

#[tokio::test]
async fn the_emailed_check_in_form_takes_indicator_values_for_the_rounds_period() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    // A browser: the form carries a CSRF token that the post must send back.
    let b = crate::web_client::WebClient::new(&app);
    let path = format!("/check-in/{}", open.token_a);
    let html = b.get(&path).await.body;
    assert!(html.contains("<label for=\"i_EM3-A_value\">Value (A percentage from 0 to 100"), "labelled inputs");
    assert!(
        html.contains("<legend>Answer</legend>") && html.contains("id=\"i_PM1-A_yes\""),
        "yes/no as radios in a fieldset"
    );
    // Mistakes: text that is not a number, a percentage over 100; the typed text is kept.
    let form = [
        ("version", "1"),
        ("intent", "submit"),
        ("i_EM3-A_value", "lots"),
        ("i_EM1-A_value", "101"),
        ("i_SP1-A_value", "1 200"),
        ("i_BU1-A_value", "12,5"),
    ];
    let r = b.submit(&path, &path, &form).await;
    assert_eq!(r.status, 422);
    let html = r.body;
    assert!(html.contains("href=\"#i_EM3-A_value\"") && html.contains("href=\"#i_EM1-A_value\""), "{html}");
    assert!(html.contains("value=\"lots\"") && html.contains("value=\"101\""));
    assert!(html.contains("is not a number"));
    if let Ok(dir) = std::env::var("REPORT_HTML_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join("check_in_errors.html"), &html).unwrap();
    }
    let form = [
        ("version", "1"),
        ("intent", "submit"),
        ("i_EM3-A_value", "35"),
        ("i_EM3-A_target", "50"),
        ("i_SP1-A_value", "1 200"),
        ("i_BU1-A_value", "12,5"),
        ("i_PM1-A_value", "1"),
    ];
    let r = b.submit(&path, &path, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let values = app.get(&format!("/api/v1/cities/{}/indicator-values", w.city_a), &w.editor_a).await.body;
    let round = app.get_round(&w.editor_a, open.round).await;
    let got: BTreeMap<String, (f64, Option<f64>)> = values["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["indicator"].as_str().unwrap().to_string(), (v["value"].as_f64().unwrap(), v["target"].as_f64())))
        .collect();
    assert_eq!(
        got,
        BTreeMap::from([
            ("BU1-A".into(), (12.5, None)),
            ("EM3-A".into(), (35.0, Some(50.0))),
            ("PM1-A".into(), (1.0, None)),
            ("SP1-A".into(), (1200.0, None))
        ])
    );
    for v in values["items"].as_array().unwrap() {
        assert_eq!(
            (v["period_start"].as_str(), v["period_end"].as_str(), v["check_in_id"].as_i64()),
            (Some(round.period_start.as_str()), Some(round.period_end.as_str()), Some(open.check_in_a))
        );
    }
    // Through the API the list is typed: an unknown field is refused, an unknown code named.
    let form = app.get_check_in(&w.editor_b, open.check_in_b).await;
    let version = form.check_in.version;
    assert_eq!(form.indicators.len(), 10);
    let r = app.request(Method::PUT, &format!("/api/v1/check-ins/{}/draft", open.check_in_b), Some(&w.editor_b), Some(&json!({"version": version, "content": {"indicators": [{"indicator": "EM3-A", "value": 5, "colour": "red"}]}}))).await;
    r.assert_problem(400, Some("content.indicators[0].colour"));
    let r = app.request(Method::PUT, &format!("/api/v1/check-ins/{}/draft", open.check_in_b), Some(&w.editor_b), Some(&json!({"version": version, "content": {"indicators": [{"indicator": "EM9", "value": 5}, {"indicator": "EM3-A", "value": 500}]}}))).await;
    r.assert_problem(422, Some("indicators[0].indicator"));
    r.assert_problem(422, Some("indicators[1].value"));
}

/// What the fixture network's story puts out, masked where it is random by design (tokens,
/// generated addresses): the published report in every format and every email queued along the
/// way, the scheduled compile's and a password link's included. `tests/golden/` holds the bytes
/// as they were before the code was reorganised; with `UPDATE_GOLDEN=1` the test writes them
/// anew instead of comparing (only for a deliberate change of output, reviewed in the diff).
#[tokio::test]
async fn published_reports_and_emails_stay_byte_identical_to_the_golden_files() {
    let app = TestApp::spawn().await;
    let f = Fixture::build(&app).await;
    let s = &f.w.secretariat;
    let report = app.compile_report(s, FW, "2026-01-01", "2026-12-31").await.compiled.report_id;
    app.mark_good_practice(s, report, f.a1).await;
    app.publish_report(s, report, None).await;
    let slug = "eurocities-integrating-cities-2026";
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let tables = charter_tracker::reports::render::table_names();
    let mut urls: Vec<String> = ["", ".json", ".csv"].iter().map(|u| format!("/reports/{slug}{u}")).collect();
    urls.extend(tables.iter().map(|t| format!("/reports/{slug}/tables/{t}.csv")));
    for lang in ["fr", "de"] {
        let (status, _, body) = page(&app, &format!("/reports/{slug}?lang={lang}")).await;
        assert_eq!(status, 200, "{lang}");
        out.insert(format!("report.{lang}.html"), body);
    }
    for u in &urls {
        let (status, _, body) = page(&app, u).await;
        assert_eq!(status, 200, "{u}");
        let name = u.trim_start_matches(&format!("/reports/{slug}")).trim_start_matches('/').replace('/', "_");
        out.insert(
            format!(
                "report{}{}",
                if name.is_empty() || name.starts_with('.') { "" } else { "_" },
                if name.is_empty() { ".html".into() } else { name }
            ),
            body,
        );
    }
    // Reminders for Q3 (due soon, overdue), its close and the escalation digest, the Q4 round,
    // the scheduled compile of the 2026 cycle, and a password reset and an invitation, to
    // contacts in English and in French.
    for (city, name, email, lang) in [
        (f.ams, "Anouk de Vries", "anouk@amsterdam.example", "en"),
        (f.ber, "Hélène Dubois", "helene@bergen.example", "fr"),
        (f.clu, "Ioana Pop", "ioana@cluj.example", "en"),
    ] {
        app.contact(s, city, name, email, lang).await;
    }
    for when in ["2026-10-25T06:00:00Z", "2026-11-03T06:00:00Z", "2026-11-20T06:00:00Z", "2027-01-01T06:00:00Z"] {
        app.tick(at(when), files(&app)).await;
    }
    let (pool, settings, city) = (app.pool.clone(), app.settings.clone(), f.ams);
    blocking(move || {
        use charter_tracker::auth::password_links::{send, Purpose};
        let mut c = pool.get().unwrap();
        let editor = charter_tracker::auth::store::add(
            &mut c,
            "officer@malmo.example",
            Role::CityEditor,
            Some(city),
            "a long test password",
            at("2027-01-02T08:00:00Z"),
        )
        .unwrap();
        send(&mut c, &settings, crate::helpers::templates(), editor, Purpose::Reset, at("2027-01-02T09:00:00Z"))
            .unwrap();
        send(&mut c, &settings, crate::helpers::templates(), editor, Purpose::Invitation, at("2027-01-02T09:05:00Z"))
            .unwrap();
    })
    .await;
    let pool = app.pool.clone();
    let mails: Vec<(String, String, String, String, String, String)> = blocking(move || {
        use charter_tracker::db::schema::outbox;
        outbox::table
            .order(outbox::id)
            .select((
                outbox::kind,
                outbox::to_address,
                outbox::language,
                outbox::subject,
                outbox::body_text,
                outbox::body_html,
            ))
            .load(&mut pool.get().unwrap())
            .unwrap()
    })
    .await;
    let kinds: std::collections::BTreeSet<&str> = mails.iter().map(|m| m.0.as_str()).collect();
    for kind in [
        "round_opened",
        "due_soon",
        "overdue",
        "round_closed",
        "escalation_digest",
        "report_compiled",
        "password_reset",
        "invitation",
    ] {
        assert!(kinds.contains(kind), "the story queues a {kind} email: {kinds:?}");
    }
    let mut text = String::new();
    for (kind, to, lang, subject, body, html) in &mails {
        text.push_str(&format!("===== {kind} to {to} ({lang})\nSubject: {subject}\n\n{body}\n----- html\n{html}\n"));
    }
    out.insert("emails.txt".into(), mask(&text).into_bytes());

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| !v.is_empty()) {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &out {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    for (name, bytes) in &out {
        let golden = std::fs::read(dir.join(name))
            .unwrap_or_else(|e| panic!("tests/golden/{name}: {e}; run with UPDATE_GOLDEN=1 to create it"));
        if &golden != bytes {
            let (g, b) = (String::from_utf8_lossy(&golden), String::from_utf8_lossy(bytes));
            let line =
                g.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(g.lines().count().min(b.lines().count()));
            panic!(
                "{name} differs from tests/golden/{name} at line {}:\n golden: {:?}\n    now: {:?}",
                line + 1,
                g.lines().nth(line),
                b.lines().nth(line)
            );
        }
    }
    let expected: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    for name in expected {
        assert!(out.contains_key(&name), "tests/golden/{name} is no longer produced");
    }
}

/// Masks what differs between runs by design: link tokens and the generated users' addresses.
fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let markers = ["/check-in/", "/password/", "-secretariat-", "secretariat-", "observer-", "city-editor-"];
    while let Some((pos, m)) = markers.iter().filter_map(|m| rest.find(m).map(|p| (p, *m))).min_by_key(|(p, _)| *p) {
        out.push_str(&rest[..pos + m.len()]);
        rest = &rest[pos + m.len()..];
        let n = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .map(char::len_utf8)
            .sum::<usize>();
        if n >= 16 {
            out.push_str("<masked>");
            rest = &rest[n..];
        }
    }
    out.push_str(rest);
    out
}
