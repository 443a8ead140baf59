//! Importing and exporting in the browser: the secretariat imports cities from the network's
//! empty page (a file with mistakes first, then the corrected one), an editor imports their
//! plan's actions, and the downloads and the open data answer.

use crate::helpers::{TestApp, World};
use crate::web_client::{Page, WebClient};
use charter_tracker::auth::Role;

/// Posts `bytes` as the file of an upload form, with the form page's CSRF token.
async fn upload(b: &WebClient, form: &str, file_name: &str, bytes: &[u8]) -> Page {
    let page = b.get(form).await;
    assert_eq!(page.status, 200, "{form}: {}", page.body);
    let action = page.attrs("form[enctype='multipart/form-data']", "action").first().cloned().expect("an upload form");
    let boundary = "ct-test-boundary-7d1f";
    let mut body = Vec::new();
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n", page.csrf())
            .as_bytes(),
    );
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = b
        .client
        .post(format!("{}{action}", b.base))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    Page { status, headers, body: res.text().await.unwrap() }
}

#[tokio::test]
async fn exchange_pages_the_secretariat_imports_cities_after_fixing_the_file_and_an_editor_imports_the_plan() {
    let app = TestApp::spawn().await;
    let secretariat = app.browser_as(Role::Secretariat, None).await;
    let network = secretariat.get("/network").await;
    assert!(
        network.attrs("a", "href").contains(&"/imports/cities".to_string()),
        "the empty network links to the import"
    );

    let bad = "name,country,contact_email\nMalmö,SWE,anna@malmo.example\n";
    let p = upload(&secretariat, "/imports/cities", "cities.csv", bad.as_bytes()).await;
    assert_eq!(p.status, 422, "{}", p.body);
    assert!(p.body.contains("SWE") && p.body.contains("is not an ISO 3166-1 country code"), "{}", p.body);
    assert!(!p.body.contains("Import these rows"), "no confirm button while the file has mistakes");

    let good = "name,country,contact_email,contact_name\nMalmö,SE,anna@malmo.example,Anna Berg\n";
    let p = upload(&secretariat, "/imports/cities", "cities.csv", good.as_bytes()).await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.body.contains("Import these rows"));
    let token = p.attrs("input[name='token']", "value").first().cloned().unwrap();
    let s = app.token(Role::Secretariat, None).await;
    assert!(app.list_cities(&s).await.items.is_empty(), "the preview saved nothing");
    let done = secretariat.post("/imports/confirm", &[("csrf_token", &p.csrf()), ("token", &token)]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("Import complete"));
    let cities = app.list_cities(&s).await.items;
    assert_eq!(cities.len(), 1);
    let city = cities[0].id;
    assert_eq!(app.list_contacts(&s, city).await.len(), 1);
    // The same token cannot apply twice.
    let again = secretariat.post("/imports/confirm", &[("csrf_token", &p.csrf()), ("token", &token)]).await;
    assert_eq!(again.status, 404);

    let plan = app.plan(&s, city).await;
    let editor = app.browser_as(Role::CityEditor, Some(city)).await;
    let page = editor.get(&format!("/cities/{city}")).await;
    assert!(page.attrs("a", "href").contains(&format!("/plans/{plan}/import")));
    let actions = "commitment,title,progress\nSP1,Language cafés,30%\nEM1,Diverse recruitment,0.5\n";
    let p = upload(&editor, &format!("/plans/{plan}/import"), "plan.csv", actions.as_bytes()).await;
    assert_eq!(p.status, 200, "{}", p.body);
    let token = p.attrs("input[name='token']", "value").first().cloned().unwrap();
    let done = editor.post("/imports/confirm", &[("csrf_token", &p.csrf()), ("token", &token)]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(app.list_actions(&s, plan, "").await.total, 2);

    // Someone else's plan, and an observer.
    let zurich = app.city(&s, "Zürich", "CH").await;
    let other = app.browser_as(Role::CityEditor, Some(zurich)).await;
    assert_eq!(other.get(&format!("/plans/{plan}/import")).await.status, 403);
    let observer = app.browser_as(Role::Observer, None).await;
    assert_eq!(observer.get("/imports/cities").await.status, 403);

    // A file that is no spreadsheet is refused beside the file field.
    let p = upload(&secretariat, "/imports/cities", "photo.png", b"\x89PNG\r\n\x1a\n\0\0\0").await;
    assert_eq!(p.status, 422);
    assert!(p.body.contains("not a spreadsheet"), "{}", p.body);
}

#[tokio::test]
async fn exchange_pages_downloads_and_the_open_data() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let editor = app.browser_as(Role::CityEditor, Some(w.city_a)).await;
    assert_eq!(editor.get("/export").await.status, 200);
    let res = editor.client.get(format!("{}/export/download?format=xlsx", editor.base)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    let anonymous = WebClient::new(&app);
    let home = anonymous.get("/").await;
    assert!(home.attrs("a", "href").contains(&"/open-data".to_string()));
    let page = anonymous.get("/open-data").await;
    assert!(page.body.contains("CC-BY-4.0"), "{}", page.body);
    let res = anonymous.client.get(format!("{}/open-data/download?format=csv", anonymous.base)).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert_eq!(anonymous.get("/export").await.status, 303, "the export asks to sign in");
}
