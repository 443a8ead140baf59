//! Import and export: a preview writes nothing and lists every mistake; applying writes all
//! rows or none; importing the same file again changes nothing; who may import what; files
//! that cannot be read get a clear 4xx; and an exported workbook imports into an empty
//! database as the same plans and actions.

use crate::helpers::{Reply, TestApp, World};
use charter_tracker::auth::Role;
use reqwest::Method;
use serde_json::Value;

/// Posts a file as the request body.
async fn upload(app: &TestApp, path: &str, token: Option<&str>, bytes: Vec<u8>) -> Reply {
    let mut req = app.client.request(Method::POST, format!("{}{}", app.address, path)).body(bytes);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("request sent");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    Reply { request: format!("POST {path}"), status, headers, body }
}

async fn download(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String, Vec<u8>) {
    let mut req = app.client.get(format!("{}{}", app.address, path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let ct = res.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, ct, res.bytes().await.unwrap().to_vec())
}

/// A workbook with one sheet per (name, rows); the first row is the header.
fn workbook(sheets: &[(&str, Vec<Vec<&str>>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                // Numbers as numbers, like a spreadsheet holds them.
                match v.parse::<f64>() {
                    Ok(n) if r > 0 => ws.write_number(r as u32, c as u16, n).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, *v).unwrap(),
                };
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn city_names(app: &TestApp, token: &str) -> Vec<String> {
    let mut names: Vec<String> = app.list_cities(token).await.items.into_iter().map(|c| c.name).collect();
    names.sort();
    names
}

const CITIES_CSV: &str = "reference,name,country,public,signed_on,contact_name,contact_email,contact_language\n\
MAL,Malmö,SE,yes,01/03/2019,Anna Berg,anna@malmo.example,sv\n\
MAL,Malmö,SE,yes,,Per Olsson,per@malmo.example,sv\n\
LOD,Łódź,PL,no,2020-05-04,Ewa Nowak,ewa@lodz.example,pl\n";

#[tokio::test]
async fn exchange_preview_writes_nothing_and_lists_every_mistake_at_once() {
    let app = TestApp::spawn().await;
    let s = app.token(Role::Secretariat, None).await;
    let bad = "reference,name,country,public,contact_email\n\
        A,Malmö,SWE,yes,anna@malmo.example\n\
        B,,PL,maybe,not-an-address\n\
        C,Zürich,CH,no,\n";
    let r = upload(&app, "/api/v1/imports/cities?file_name=cities.csv", Some(&s), bad.as_bytes().to_vec())
        .await
        .expect(200);
    let p = &r.body;
    assert_eq!(p["ok"], false, "{p}");
    assert_eq!(p["applied"], false);
    assert!(p.get("confirm_token").is_none());
    let mistakes: Vec<(u64, String, String)> = p["mistakes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["row"].as_u64().unwrap(),
                m["column"].as_str().unwrap().to_string(),
                m["found"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(mistakes.contains(&(2, "country".into(), "SWE".into())), "{mistakes:?}");
    assert!(mistakes.contains(&(3, "name".into(), "".into())), "{mistakes:?}");
    assert!(mistakes.contains(&(3, "public".into(), "maybe".into())), "{mistakes:?}");
    assert!(mistakes.contains(&(3, "contact_email".into(), "not-an-address".into())), "{mistakes:?}");
    // The forms' own wording: what was wrong and what is accepted.
    let country = p["mistakes"].as_array().unwrap().iter().find(|m| m["column"] == "country").unwrap();
    assert_eq!(country["reason"], "`SWE` is not an ISO 3166-1 country code");
    assert_eq!(country["accepted"], "a two-letter code such as SE, PL, CH, DE, FR");
    // Row 4 is fine and would be created; nothing is.
    assert!(p["rows"].as_array().unwrap().iter().any(|r| r["row"] == 4 && r["outcome"] == "create"));
    assert!(city_names(&app, &s).await.is_empty());

    // The same file with apply is refused as a whole, naming the cells.
    let r = upload(&app, "/api/v1/imports/cities?apply=true", Some(&s), bad.as_bytes().to_vec()).await;
    r.assert_problem(422, Some("csv!country2"));
    assert!(city_names(&app, &s).await.is_empty(), "a file with a mistake writes nothing, not even its good rows");
}

#[tokio::test]
async fn exchange_cities_apply_then_reimport_changes_nothing_and_a_changed_row_updates_with_history() {
    let app = TestApp::spawn().await;
    let s = app.token(Role::Secretariat, None).await;
    // Windows-1252, as Excel writes CSV, with semicolons.
    let base = CITIES_CSV.replace("Łódź", "Lodz");
    let semicolons = base.replace(',', ";");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&semicolons);
    let r = upload(&app, "/api/v1/imports/cities?file_name=cities.csv", Some(&s), cp1252.to_vec()).await.expect(200);
    assert_eq!(r.body["ok"], true, "{}", r.body);
    assert_eq!(r.body["counts"]["create"], 5, "2 cities and 3 contacts: {}", r.body);
    let token = r.body["confirm_token"].as_str().unwrap().to_string();
    assert!(city_names(&app, &s).await.is_empty(), "the preview wrote nothing");
    // Confirming applies it, once.
    let r = app.request(Method::POST, &format!("/api/v1/imports/confirm/{token}"), Some(&s), None).await.expect(200);
    assert_eq!(r.body["applied"], true);
    app.request(Method::POST, &format!("/api/v1/imports/confirm/{token}"), Some(&s), None)
        .await
        .assert_problem(404, None);
    assert_eq!(city_names(&app, &s).await, vec!["Lodz", "Malmö"]);
    let malmo = app.list_cities(&s).await.items.into_iter().find(|c| c.name == "Malmö").unwrap();
    assert_eq!(malmo.signatures[0]["signed_on"], "2019-03-01");
    assert!(malmo.public);
    assert_eq!(app.list_contacts(&s, malmo.id).await.len(), 2);

    // The same file again: every row unchanged, nothing written.
    let r = upload(&app, "/api/v1/imports/cities?apply=true", Some(&s), cp1252.to_vec()).await.expect(200);
    assert_eq!(r.body["counts"]["create"], 0, "{}", r.body);
    assert_eq!(r.body["counts"]["update"], 0, "{}", r.body);
    assert_eq!(app.history(&s, "cities", malmo.id).await.len(), 1);

    // A changed row updates, and history names the import.
    let changed = base.replace("MAL,Malmö,SE,yes,01/03/2019", "MAL,Malmö,SE,no,01/03/2019");
    let r = upload(&app, "/api/v1/imports/cities?apply=true&file_name=cities-v2.csv", Some(&s), changed.into_bytes())
        .await
        .expect(200);
    let row =
        r.body["rows"].as_array().unwrap().iter().find(|r| r["object"] == "city" && r["label"] == "Malmö").unwrap();
    assert_eq!(row["outcome"], "update");
    assert_eq!(row["changes"], serde_json::json!(["public"]));
    let history = app.history(&s, "cities", malmo.id).await;
    assert_eq!(history.len(), 2);
    assert!(history[1].actor.ends_with("(import of cities-v2.csv)"), "{}", history[1].actor);
    assert_eq!(history[1].changed, vec!["public"]);
}

#[tokio::test]
async fn exchange_actions_from_a_workbook_with_charter_wording_european_dates_percentages_and_serials() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let header = vec![
        "Reference",
        "Commitment *",
        "Title *",
        "Partners",
        "Delivery",
        "Start date",
        "Due date",
        "Status",
        "Progress",
    ];
    let charter = app.get("/api/v1/frameworks/eurocities-integrating-cities", &w.secretariat).await.body;
    let sp2_text = charter["roles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["commitments"].as_array().unwrap().clone())
        .find(|c| c["code"] == "SP2")
        .unwrap()["text"]
        .as_str()
        .unwrap()
        .to_uppercase();
    let file = workbook(&[(
        "actions",
        vec![
            header.clone(),
            vec![
                "A-1",
                "PM1",
                "Welcome campaign",
                "Red Cross; Caritas",
                "advocacy",
                "2026-01-15",
                "31/12/2026",
                "In progress",
                "30%",
            ],
            vec!["A-2", &sp2_text, "Interpreting at counters", "", "", "46023", "46387", "planned", "0.25"],
            vec!["A-3", "sp1", "Language cafés", "", "", "", "", "", "30"],
        ],
    )]);
    let path = format!("/api/v1/imports/plans/{}/actions?file_name=plan.xlsx", w.plan_a);
    let r = upload(&app, &path, Some(&w.editor_a), file.clone()).await.expect(200);
    assert_eq!(r.body["ok"], true, "{}", r.body);
    assert_eq!(r.body["format"], "xlsx");
    assert_eq!(r.body["counts"]["create"], 3);
    let r = upload(&app, &format!("{path}&apply=true"), Some(&w.editor_a), file.clone()).await.expect(200);
    assert_eq!(r.body["applied"], true);
    let actions = app.list_actions(&w.editor_a, w.plan_a, "").await.items;
    let get = |t: &str| actions.iter().find(|a| a.title == t).unwrap().clone();
    let a1 = get("Welcome campaign");
    assert_eq!((a1.commitment.as_str(), a1.progress, a1.delivery.as_str()), ("PM1", 30, "advocacy"));
    assert_eq!(a1.partners, vec!["Red Cross", "Caritas"]);
    assert_eq!(a1.due_date.as_deref(), Some("2026-12-31"));
    let a2 = get("Interpreting at counters");
    assert_eq!((a2.commitment.as_str(), a2.progress), ("SP2", 25));
    assert_eq!(a2.due_date.as_deref(), Some("2026-12-31"), "an Excel date serial");
    assert_eq!(get("Language cafés").commitment, "SP1");

    // Again: nothing changes; a changed progress updates that action alone.
    let r = upload(&app, &format!("{path}&apply=true"), Some(&w.editor_a), file).await.expect(200);
    assert_eq!(
        (r.body["counts"]["create"].as_u64(), r.body["counts"]["update"].as_u64()),
        (Some(0), Some(0)),
        "{}",
        r.body
    );
    let file = workbook(&[(
        "actions",
        vec![header, vec!["A-3", "SP1", "Language cafés in libraries", "", "", "", "", "", "45"]],
    )]);
    let r = upload(&app, &format!("{path}&apply=true"), Some(&w.editor_a), file).await.expect(200);
    let row = &r.body["rows"][0];
    assert_eq!(row["outcome"], "update", "matched by reference although the title changed: {}", r.body);
    assert_eq!(row["changes"], serde_json::json!(["title", "progress"]));
    let history = app.history(&w.editor_a, "actions", get("Language cafés").id).await;
    assert!(history.last().unwrap().actor.ends_with("(import of plan.xlsx)"));
}

#[tokio::test]
async fn exchange_action_mistakes_and_all_or_nothing() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let before = app.list_actions(&w.secretariat, w.plan_a, "").await.total;
    let csv = "commitment,title,status,progress,due_date,start_date\n\
        SP1,Good row,planned,10,2026-12-31,\n\
        ZZ9,Bad commitment,finished,150,2026-02-30,\n\
        EM1,Dates backwards,planned,lots,2026-01-01,2026-06-01\n\
        SP2,#REF!,planned,0,,\n";
    let path = format!("/api/v1/imports/plans/{}/actions", w.plan_a);
    let r = upload(&app, &path, Some(&w.secretariat), csv.as_bytes().to_vec()).await.expect(200);
    let m: Vec<(u64, &str)> = r.body["mistakes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["row"].as_u64().unwrap(), m["column"].as_str().unwrap()))
        .collect();
    for expected in [
        (3, "commitment"),
        (3, "status"),
        (3, "progress"),
        (3, "due_date"),
        (4, "progress"),
        (4, "due_date"),
        (5, "title"),
    ] {
        assert!(m.contains(&expected), "{expected:?} not in {m:?}");
    }
    let zz9 = r.body["mistakes"].as_array().unwrap().iter().find(|m| m["column"] == "commitment").unwrap();
    assert_eq!(zz9["reason"], "`ZZ9` is not a commitment code");
    let r = upload(&app, &format!("{path}?apply=true"), Some(&w.secretariat), csv.as_bytes().to_vec()).await;
    r.assert_problem(422, None);
    assert_eq!(
        app.list_actions(&w.secretariat, w.plan_a, "").await.total,
        before,
        "the good row was not written either"
    );
}

#[tokio::test]
async fn exchange_who_may_import() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let csv = || b"commitment,title\nSP1,Imported\n".to_vec();
    let cities = || CITIES_CSV.as_bytes().to_vec();
    upload(&app, "/api/v1/imports/cities", None, cities()).await.assert_problem(401, None);
    upload(&app, "/api/v1/imports/cities", Some(&w.observer), cities()).await.assert_problem(403, None);
    upload(&app, "/api/v1/imports/cities", Some(&w.editor_a), cities()).await.assert_problem(403, None);
    let a = format!("/api/v1/imports/plans/{}/actions?apply=true", w.plan_a);
    upload(&app, &a, Some(&w.observer), csv()).await.assert_problem(403, None);
    upload(&app, &a, Some(&w.editor_b), csv()).await.assert_problem(403, None);
    upload(&app, &a, Some(&w.editor_a), csv()).await.expect(200);
    upload(&app, "/api/v1/imports/plans/99999/actions", Some(&w.secretariat), csv()).await.assert_problem(404, None);
    // A confirmation token works only for the person who uploaded the file.
    let r = upload(
        &app,
        &format!("/api/v1/imports/plans/{}/actions", w.plan_b),
        Some(&w.editor_b),
        b"commitment,title\nSP1,Other\n".to_vec(),
    )
    .await
    .expect(200);
    let token = r.body["confirm_token"].as_str().unwrap();
    app.request(Method::POST, &format!("/api/v1/imports/confirm/{token}"), Some(&w.secretariat), None)
        .await
        .assert_problem(404, None);
}

#[tokio::test]
async fn exchange_bad_files_get_clear_answers() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let s = &w.secretariat;
    let post = |bytes: Vec<u8>| upload(&app, "/api/v1/imports/cities", Some(s), bytes);
    let r = post(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).await;
    assert!(r.assert_problem(422, None)["detail"].as_str().unwrap().contains("not a spreadsheet"));
    // An encrypted workbook is an OLE container holding an EncryptionInfo stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 100]);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let r = post(ole).await;
    assert!(r.assert_problem(422, None)["detail"].as_str().unwrap().contains("password"));
    let r = post(b"PK\x03\x04not really a zip".to_vec()).await;
    r.assert_problem(422, None);
    // Over the size limit: refused before it is read.
    let r = post(vec![b'a'; 10 * 1024 * 1024 + 1]).await;
    assert!(r.assert_problem(413, None)["detail"].as_str().unwrap().contains("10 MB"));
    // Too many rows.
    let mut many = String::from("name,country\n");
    for i in 0..20_001 {
        many.push_str(&format!("City {i},SE\n"));
    }
    let r = post(many.into_bytes()).await;
    assert!(r.assert_problem(413, None)["detail"].as_str().unwrap().contains("20000"));
    // A zip bomb posing as a workbook: 300 MB of zeros in a small upload.
    let bomb = {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("[Content_Types].xml", o).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..300 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < MAX_BOMB_UPLOAD, "{}", bomb.len());
    let r = post(bomb).await;
    assert!(r.assert_problem(413, None)["detail"].as_str().unwrap().contains("expand"));
    // A formula error in a cell is a mistake at that cell.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "name").unwrap();
    ws.write_string(0, 1, "country").unwrap();
    ws.write_formula(1, 0, rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    ws.write_string(1, 1, "SE").unwrap();
    let r = post(wb.save_to_buffer().unwrap()).await.expect(200);
    let m = &r.body["mistakes"][0];
    assert_eq!(
        (m["row"].as_u64(), m["column"].as_str(), m["found"].as_str()),
        (Some(2), Some("name"), Some("#DIV/0!")),
        "{}",
        r.body
    );
}

const MAX_BOMB_UPLOAD: usize = 2 * 1024 * 1024;

#[tokio::test]
async fn exchange_templates_have_the_columns_and_import_as_one_example_row() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let (status, ct, xlsx) = download(&app, "/api/v1/imports/templates/actions", None).await;
    assert_eq!(status, 200);
    assert!(ct.contains("spreadsheetml"));
    let (_, _, csv) = download(&app, "/api/v1/imports/templates/actions?format=csv", None).await;
    let header = String::from_utf8(csv.clone()).unwrap().lines().next().unwrap().to_string();
    assert_eq!(header, "reference,commitment,title,description,department,partners,delivery,policy_areas,start_date,due_date,status,progress");
    for file in [xlsx, csv] {
        let r = upload(&app, &format!("/api/v1/imports/plans/{}/actions", w.plan_a), Some(&w.editor_a), file)
            .await
            .expect(200);
        assert_eq!((r.body["ok"].as_bool(), r.body["counts"]["create"].as_u64()), (Some(true), Some(1)), "{}", r.body);
    }
    let (_, _, cities) = download(&app, "/api/v1/imports/templates/cities", None).await;
    let r = upload(&app, "/api/v1/imports/cities", Some(&w.secretariat), cities).await.expect(200);
    // The example is Malmö, which the world already has: found, and given the example's reference.
    assert_eq!(r.body["ok"], true, "{}", r.body);
    assert_eq!(download(&app, "/api/v1/imports/templates/nothing", None).await.0, 404);
}

#[tokio::test]
async fn exchange_exports_by_role_and_the_open_data_has_no_personal_data() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    app.update_city(&w.secretariat, w.city_b, serde_json::json!({"public": true, "version": 1})).await;
    let sheets = |bytes: &[u8]| {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let names = wb.sheet_names();
        names
            .iter()
            .map(|n| (n.clone(), wb.worksheet_range(n).unwrap().height().saturating_sub(1)))
            .collect::<Vec<(String, usize)>>()
    };
    let (status, ct, all) = download(&app, "/api/v1/export", Some(&w.secretariat)).await;
    assert_eq!((status, ct.contains("spreadsheetml")), (200, true));
    let all = sheets(&all);
    assert!(
        all.contains(&("cities".into(), 2))
            && all.contains(&("actions".into(), 2))
            && all.contains(&("contacts".into(), 1)),
        "{all:?}"
    );
    let (_, _, own) = download(&app, "/api/v1/export", Some(&w.editor_b)).await;
    let own = sheets(&own);
    assert!(own.contains(&("cities".into(), 1)) && own.contains(&("actions".into(), 1)), "{own:?}");
    assert_eq!(download(&app, "/api/v1/export", None).await.0, 401);
    let (status, ct, zip) = download(&app, "/api/v1/open-data?format=csv", None).await;
    assert_eq!((status, ct.as_str()), (200, "application/zip"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let names: Vec<String> = (0..z.len()).map(|i| z.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert!(
        names.contains(&"datapackage.json".to_string()) && !names.contains(&"contacts.csv".to_string()),
        "{names:?}"
    );
    let package: Value = serde_json::from_reader(z.by_name("datapackage.json").unwrap()).unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(package["profile"], "tabular-data-package");
    let cities = package["resources"].as_array().unwrap().iter().find(|r| r["name"] == "cities").unwrap();
    assert_eq!(cities["schema"]["primaryKey"], "id");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut z.by_name("cities.csv").unwrap(), &mut text).unwrap();
    assert!(text.contains("Łódź") && !text.contains("Malmö"), "only the public city: {text}");
    let mut all_text = String::new();
    for i in 0..z.len() {
        std::io::Read::read_to_string(&mut z.by_index(i).unwrap(), &mut all_text).unwrap();
    }
    assert!(!all_text.contains('@'), "no email address in the open data");
}

#[tokio::test]
async fn exchange_round_trip_an_exported_workbook_into_an_empty_database() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let csv = "reference,commitment,title,partners,policy_areas,due_date,status,progress\n\
        X1,EM2,Diverse recruitment,Unions; Employers,employment,2027-06-30,delayed,40\n";
    upload(
        &app,
        &format!("/api/v1/imports/plans/{}/actions?apply=true", w.plan_a),
        Some(&w.editor_a),
        csv.as_bytes().to_vec(),
    )
    .await
    .expect(200);
    let (_, _, workbook) = download(&app, "/api/v1/export", Some(&w.secretariat)).await;

    let empty = TestApp::spawn().await;
    let s = empty.token(Role::Secretariat, None).await;
    let r = upload(&empty, "/api/v1/imports/cities?apply=true&file_name=export.xlsx", Some(&s), workbook.clone())
        .await
        .expect(200);
    assert_eq!(r.body["applied"], true, "{}", r.body);
    let original = snapshot(&app, &w.secretariat).await;
    assert_eq!(original.len(), 2);
    assert_eq!(snapshot(&empty, &s).await, original);
    // And importing it again there changes nothing.
    let r = upload(&empty, "/api/v1/imports/cities", Some(&s), workbook).await.expect(200);
    assert_eq!(
        (r.body["counts"]["create"].as_u64(), r.body["counts"]["update"].as_u64()),
        (Some(0), Some(0)),
        "{}",
        r.body
    );
}

/// Every plan of every city, with its actions, as comparable text.
async fn snapshot(app: &TestApp, token: &str) -> Vec<String> {
    let mut out = vec![];
    for c in app.list_cities(token).await.items {
        for p in app.list_plans(token, c.id).await.items {
            let plan: Value = app.get(&format!("/api/v1/plans/{}", p.id), token).await.body;
            let mut actions: Vec<String> = app
                .list_actions(token, p.id, "")
                .await
                .items
                .into_iter()
                .map(|a| {
                    format!(
                        "{} {} {:?} {:?} {} {} {:?}",
                        a.commitment, a.title, a.partners, a.policy_areas, a.delivery, a.progress, a.due_date
                    )
                })
                .collect();
            actions.sort();
            out.push(format!(
                "{} {} {} {} {} {} {} {:?}",
                c.name,
                c.country,
                plan["title"],
                plan["period_start"],
                plan["period_end"],
                plan["status"],
                plan["adopted_on"],
                actions
            ));
        }
    }
    out.sort();
    out
}
