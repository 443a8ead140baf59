//! The OpenAPI document: generated from the code, complete, and every route in it answers.

use crate::helpers::TestApp;
use reqwest::Method;

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = TestApp::spawn().await;
    let r = app.request(Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(r.status, 200);
    let spec = r.body;
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
    for schema in ["Problem", "FieldError", "Action", "Plan", "City", "Coverage"] {
        assert!(spec["components"]["schemas"][schema].is_object(), "schema {schema} missing");
    }
    // Every documented path is routed: none falls through to the "no such route" answer.
    let secretariat = app.token(charter_tracker::auth::Role::Secretariat, None).await;
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            let concrete = path.replace("{kind}", "cities").replace("{code}", "x").replace("{id}", "1");
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = app.request(m, &concrete, Some(&secretariat), None).await;
            let detail = r.body["detail"].as_str().unwrap_or("");
            assert!(!detail.starts_with("there is no"), "{method} {path} is documented but not routed");
        }
    }
}
