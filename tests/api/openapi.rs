//! The OpenAPI document: generated from the code, complete, and every route in it answers.

use crate::helpers::TestApp;
use actix_web::introspection::{IntrospectionNode, IntrospectionTree, ResourceType};
use reqwest::Method;
use std::collections::{BTreeMap, BTreeSet};

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

/// Routed under /api/ on purpose without an entry in the document.
const NOT_DOCUMENTED_ON_PURPOSE: &[(&str, &str)] = &[
    // The document does not describe itself.
    ("GET", "/api/v1/openapi.json"),
];

/// The methods an OpenAPI path item can describe, but HEAD: its answer has no body, so a probe
/// cannot tell the "no such route" problem from a handler's 404 (and actix routes HEAD only
/// where a route says so, which the introspection below reports).
const PROBED: [Method; 7] =
    [Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE, Method::OPTIONS, Method::TRACE];

/// Every path the application routes, with the methods its routes are guarded by ("*" for a
/// route that takes any method), as actix-web itself records them while `startup::routes`
/// registers its services. The `experimental-introspection` feature (turned on for tests only,
/// in Cargo.toml's dev-dependencies) hooks `AppService::register_service`, through which every
/// resource, scope and service of an App passes, so no route can be missing from this list.
async fn routed_paths() -> BTreeMap<String, BTreeSet<String>> {
    use actix_web::dev::Service;
    use std::{cell::RefCell, rc::Rc};

    fn walk(node: &IntrospectionNode, out: &mut BTreeMap<String, BTreeSet<String>>) {
        if matches!(node.kind, ResourceType::Resource) {
            let methods = out.entry(node.full_path.clone()).or_default();
            if node.methods.is_empty() {
                methods.insert("*".to_string());
            }
            methods.extend(node.methods.iter().map(|m| m.to_string()));
        }
        for child in &node.children {
            walk(child, out);
        }
    }

    // The tree is app data of the running App: a middleware hands it out on the first request.
    let local = tokio::task::LocalSet::new();
    let tree = local
        .run_until(async {
            let seen: Rc<RefCell<Option<IntrospectionTree>>> = Rc::default();
            let keep = seen.clone();
            let app = actix_web::test::init_service(
                actix_web::App::new()
                    .wrap_fn(move |req, srv| {
                        let tree = req.app_data::<actix_web::web::Data<IntrospectionTree>>();
                        *keep.borrow_mut() = tree.map(|t| t.get_ref().clone());
                        srv.call(req)
                    })
                    .configure(charter_tracker::startup::routes),
            )
            .await;
            let req = actix_web::test::TestRequest::get().uri("/api/v1/no-such-route").to_request();
            let _ = actix_web::test::try_call_service(&app, req).await;
            let tree = seen.borrow_mut().take();
            tree.expect("actix-web's introspection tree (is the experimental-introspection feature on?)")
        })
        .await;
    let mut out = BTreeMap::new();
    walk(&tree.root, &mut out);
    out
}

/// A path with its parameters' names left out, so `/a/{id}` and `/a/{city_id:\d+}` compare equal.
fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path == "/readyz"
}

/// The other direction from the test above: every API route the application serves has an
/// entry in the document, and no page does. A `.route("/api/v1/x", web::get().to(x))` added
/// without a `#[utoipa::path]` listed in `openapi::ApiDoc` fails here.
#[tokio::test]
async fn every_api_route_is_documented_and_no_page_route_is() {
    let app = TestApp::spawn().await;
    let spec = app.request(Method::GET, "/api/v1/openapi.json", None, None).await.body;
    let mut documented: BTreeSet<(String, String)> = BTreeSet::new();
    let mut doc_paths: BTreeMap<String, String> = BTreeMap::new();
    for (path, ops) in spec["paths"].as_object().expect("paths in the document") {
        doc_paths.insert(shape(path), path.clone());
        for method in ops.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), shape(path)));
        }
    }
    let mut routed = routed_paths().await;
    let mut failures = vec![];

    // A route that carries no method guard, or shares its path with another one, could answer
    // methods the introspection does not name: ask the server itself for each API path. No
    // token is sent, so nothing can change; only the fall-through answer means "not routed".
    for (path, methods) in routed.iter_mut().filter(|(p, _)| is_api(p)) {
        let concrete = path.split('/').map(|s| if s.starts_with('{') { "1" } else { s }).collect::<Vec<_>>().join("/");
        for m in PROBED {
            let r = app.request(m.clone(), &concrete, None, None).await;
            // 405: the path is routed, but not for this method.
            let fell_through = r.status == 405
                || (r.status == 404 && r.body["detail"].as_str().is_some_and(|d| d.starts_with("there is no ")));
            if !fell_through {
                methods.insert(m.to_string());
            }
        }
    }

    for (path, methods) in &routed {
        if is_api(path) {
            for m in methods {
                if m == "*" {
                    failures.push(format!("{path} is routed for any method: give its route a method guard"));
                } else if !documented.contains(&(m.clone(), shape(path)))
                    && !NOT_DOCUMENTED_ON_PURPOSE.contains(&(m.as_str(), path.as_str()))
                {
                    failures.push(format!(
                        "{m} {path} is routed but not in the OpenAPI document: annotate its handler with \
                         #[utoipa::path] and list it in openapi::ApiDoc"
                    ));
                }
            }
        } else if let Some(documented_as) = doc_paths.get(&shape(path)) {
            failures.push(format!("the page route {path} is in the API document (as {documented_as})"));
        }
    }
    let routed_shapes: BTreeSet<(String, String)> =
        routed.iter().flat_map(|(p, ms)| ms.iter().map(move |m| (m.clone(), shape(p)))).collect();
    for (m, path) in &documented {
        if !routed_shapes.contains(&(m.clone(), path.clone())) {
            failures.push(format!("{m} {path} is documented but not routed"));
        }
    }
    for path in doc_paths.values() {
        if !path.starts_with("/api/v1/") && path != "/healthz" && path != "/readyz" {
            failures.push(format!(
                "{path} is documented, but only /api/v1/*, /healthz and /readyz belong in the API document"
            ));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
    // The introspection saw the whole application, pages included.
    for page in ["/", "/login", "/cities/{id}", "/reports/{slug}/versions/{file}", "/static/{name}"] {
        assert!(routed.contains_key(page), "{page} missing from {:?}", routed.keys());
    }
}

/// Issue 10: the document says what the API sends: enums by their wire names, every refusal as
/// `application/problem+json`, and the bounds of `page` and `per_page`.
#[tokio::test]
async fn the_document_agrees_with_what_the_api_sends() {
    let app = TestApp::spawn().await;
    let spec = app.request(Method::GET, "/api/v1/openapi.json", None, None).await.body;
    let schemas = &spec["components"]["schemas"];
    assert_eq!(
        schemas["ActionStatus"]["enum"],
        serde_json::json!(["planned", "in_progress", "completed", "delayed", "cancelled"])
    );
    for name in ["Delivery", "PlanStatus", "CheckInState", "PolicyArea", "Unit", "Role"] {
        assert!(schemas[name]["enum"].is_array(), "{name} has no enum");
    }
    // Every enum anywhere in the document is in the wire's words (snake_case or kebab-case).
    fn enums(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Array(values)) = m.get("enum") {
                    out.extend(values.iter().filter_map(|v| v.as_str().map(str::to_string)));
                }
                m.values().for_each(|v| enums(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| enums(v, out)),
            _ => {}
        }
    }
    let mut values = vec![];
    enums(&spec, &mut values);
    assert!(values.len() > 20, "{values:?}");
    for v in values {
        assert!(v.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'), "{v}");
    }
    let mut failures = vec![];
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    let content = response["content"].as_object().cloned().unwrap_or_default();
                    if !content.contains_key("application/problem+json") || content.contains_key("application/json") {
                        failures.push(format!("{method} {path} {status}: {content:?}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let patch = &spec["paths"]["/api/v1/cities/{id}"]["patch"]["responses"];
    for status in ["400", "401", "403", "404", "409", "422", "428"] {
        assert!(patch[status].is_object(), "PATCH /api/v1/cities/{{id}} does not document {status}");
    }
    for (path, method) in [("/api/v1/cities", "get"), ("/api/v1/plans/{id}/actions", "get"), ("/api/v1/outbox", "get")]
    {
        let params = spec["paths"][path][method]["parameters"].as_array().unwrap();
        let bounds = |name: &str| {
            let p = params.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{path}: no {name}"));
            (p["schema"]["minimum"].as_i64(), p["schema"]["maximum"].as_i64())
        };
        assert_eq!(bounds("page"), (Some(1), Some(1_000_000)), "{path}");
        assert_eq!(bounds("per_page"), (Some(1), Some(200)), "{path}");
    }
    // The bounds are the code's.
    let token = app.token(charter_tracker::auth::Role::Secretariat, None).await;
    app.get("/api/v1/cities?page=1000001", &token).await.assert_problem(422, Some("page"));
    app.get("/api/v1/cities?per_page=201", &token).await.assert_problem(422, Some("per_page"));
    app.get("/api/v1/cities?page=1000000&per_page=200", &token).await.expect(200);
}
