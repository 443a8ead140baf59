//! The check-in page an emailed link opens: works with plain HTML forms (no JavaScript).

use crate::helpers::{TestApp, World};

async fn page(app: &TestApp, path: &str, form: Option<&[(&str, &str)]>) -> (u16, String, reqwest::header::HeaderMap) {
    let url = format!("{}{path}", app.address);
    let req = match form {
        Some(f) => app.client.post(url).form(f),
        None => app.client.get(url),
    };
    let r = req.send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, r.text().await.unwrap(), headers)
}

#[tokio::test]
async fn the_emailed_link_opens_a_form_that_keeps_input_shows_errors_and_submits() {
    let app = TestApp::spawn().await;
    let w = World::build(&app).await;
    let open = app.open_round_now(&w).await;
    let path = format!("/check-in/{}", open.token_a);
    let a = w.action_a.to_string();

    let (status, html, headers) = page(&app, &path, None).await;
    assert_eq!(status, 200);
    assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    assert!(html.contains("<html lang=\"en\">") && html.contains("Skip to main content"));
    assert!(html.contains("Malmö: progress check-in"), "{html}");
    assert!(html.contains(&format!("<label for=\"a{a}_progress\">")), "inputs have labels");
    assert!(!html.contains("<script"), "no JavaScript");

    // A mistake: the form comes back with the summary, the message by the field, and the input kept.
    let progress = format!("a{a}_progress");
    let narrative = format!("a{a}_narrative");
    let (status, html, _) = page(&app, &path, Some(&[("version", "1"), ("intent", "submit"), (&progress, "150"), (&narrative, "Libraries in three districts"), ("c_SP1_level", "substantial")])).await;
    assert_eq!(status, 422);
    assert!(html.contains("There is a problem") && html.contains(&format!("href=\"#a{a}_progress\"")), "{html}");
    assert!(html.contains("<title>Error: "));
    assert!(html.contains("Libraries in three districts"), "what was typed is kept");
    assert!(html.contains("value=\"150\""));

    // Save a draft, then submit.
    let (status, html, _) = page(&app, &path, Some(&[("version", "1"), ("intent", "draft"), (&progress, "70"), (&narrative, "Libraries in three districts")])).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Your draft has been saved"));
    let (status, html, _) = page(&app, &path, Some(&[("version", "2"), ("intent", "submit"), (&progress, "75"), ("c_SP1_level", "substantial"), ("new_title", "Mentoring for new staff"), ("new_commitment", "EM2")])).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Check-in submitted") && html.contains("no more reminders"));
    let action = app.get(&format!("/api/v1/actions/{a}"), &w.editor_a).await.body;
    assert_eq!(action["progress"], 75);
    assert_eq!(app.get(&format!("/api/v1/plans/{}/actions?commitment=EM2", w.plan_a), &w.editor_a).await.body["total"], 1);
    // Opening the link again says it is done; a forged link gets a helpful page, not a stack trace.
    let (status, html, _) = page(&app, &path, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Check-in submitted"));
    let (status, html, _) = page(&app, "/check-in/forged", None).await;
    assert_eq!(status, 404);
    assert!(html.contains("This link does not work"));
    let (status, css, _) = page(&app, "/static/app.css", None).await;
    assert_eq!(status, 200);
    assert!(css.contains("@media print"));
}
