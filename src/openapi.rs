//! The OpenAPI 3 description, generated from the handlers' annotations and types.

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "charter-tracker API", description = "Cities' action plans against the EUROCITIES Charter on Integrating Cities. Errors are RFC 9457 problem details."),
    paths(
        crate::startup::healthz,
        crate::startup::readyz,
        crate::charter::routes::list_frameworks,
        crate::charter::routes::get_framework,
        crate::auth::routes::me,
        crate::cities::routes::list_cities,
        crate::cities::routes::create_city,
        crate::cities::routes::get_city,
        crate::cities::routes::update_city,
        crate::cities::routes::get_context,
        crate::cities::routes::put_context,
        crate::learning::routes::learn_from,
        crate::learning::routes::comparison,
        crate::learning::routes::good_practices,
        crate::learning::routes::peer_pairs,
        crate::cities::contacts::list_contacts,
        crate::cities::contacts::create_contact,
        crate::cities::contacts::update_contact,
        crate::cities::contacts::delete_contact,
        crate::plans::routes::list_plans,
        crate::plans::routes::create_plan,
        crate::plans::routes::get_plan,
        crate::plans::routes::update_plan,
        crate::plans::routes::plan_coverage,
        crate::actions::routes::list_actions,
        crate::actions::routes::search_actions,
        crate::actions::routes::create_action,
        crate::actions::routes::get_action,
        crate::actions::routes::update_action,
        crate::actions::routes::delete_action,
        crate::history::routes::object_history,
        crate::check_ins::routes::get_schedule,
        crate::check_ins::routes::put_schedule,
        crate::check_ins::routes::list_rounds,
        crate::check_ins::routes::open_round,
        crate::check_ins::routes::get_round,
        crate::check_ins::routes::round_check_ins,
        crate::check_ins::routes::city_check_ins,
        crate::check_ins::routes::city_calendar,
        crate::verification::routes::list,
        crate::verification::routes::record,
        crate::verification::routes::side_by_side,
        crate::peer_reviews::routes::list_reviews,
        crate::peer_reviews::routes::create_review,
        crate::peer_reviews::routes::get_review,
        crate::peer_reviews::routes::update_review,
        crate::peer_reviews::routes::agree_summary,
        crate::peer_reviews::routes::add_recommendation,
        crate::peer_reviews::routes::get_recommendation,
        crate::peer_reviews::routes::update_recommendation,
        crate::peer_reviews::routes::respond,
        crate::peer_reviews::routes::to_action,
        crate::privacy::routes::export_person,
        crate::privacy::routes::erase_person,
        crate::check_ins::routes::get_calendar_link,
        crate::check_ins::routes::issue_calendar_link,
        crate::check_ins::routes::revoke_calendar_link,
        crate::check_ins::routes::get_check_in,
        crate::check_ins::routes::save_draft,
        crate::check_ins::routes::submit,
        crate::check_ins::routes::extend,
        crate::check_ins::routes::review,
        crate::check_ins::routes::review_queue,
        crate::check_ins::routes::link_form,
        crate::check_ins::routes::link_save_draft,
        crate::check_ins::routes::link_submit,
        crate::mail::routes::list_outbox,
        crate::mail::routes::get_outbox_email,
        crate::mail::routes::retry_outbox_email,
        crate::indicators::routes::list_indicators,
        crate::indicators::routes::add_indicator,
        crate::indicators::routes::list_values,
        crate::indicators::routes::create_value,
        crate::indicators::routes::get_value,
        crate::indicators::routes::update_value,
        crate::indicators::routes::delete_value,
        crate::reports::routes::compile_report,
        crate::reports::routes::list_reports,
        crate::reports::routes::get_report,
        crate::reports::routes::report_versions,
        crate::reports::routes::publish_report,
        crate::reports::routes::draft_html,
        crate::reports::routes::mark_good_practice,
        crate::reports::routes::unmark_good_practice,
        crate::exchange::routes::import_cities,
        crate::exchange::routes::import_actions,
        crate::exchange::routes::confirm_import,
        crate::exchange::routes::template,
        crate::exchange::routes::export_data,
        crate::exchange::routes::open_data,
    ),
    modifiers(&BearerAuth, &Problems, &NotModified)
)]
pub struct ApiDoc;

/// Error answers as the API sends them: every 4xx and 5xx body is a `Problem` sent as
/// `application/problem+json`, and each operation lists the refusals every route of its kind
/// can give, so no route has to repeat them: 400 (a body or path that cannot be read, e.g. a
/// control character, see `crate::edge`), 401 and 403 where a token is needed, 404 where the
/// path names an object, 422 where there are parameters or a body, 409 for writes (a stale
/// version or an impossible state), and 428 for updates sent without their version.
struct Problems;

impl Problems {
    const BAD_REQUEST: &'static str =
        "the request cannot be read: malformed JSON, an unknown field, a wrong type, or a control character in the path";
    const UNAUTHENTICATED: &'static str = "no valid bearer token";
    const FORBIDDEN: &'static str = "outside the caller's access";
    const NOT_FOUND: &'static str = "no such object";
    const CONFLICT: &'static str =
        "the object changed since the version sent (`current_version` says which it is at), or the request is not possible in its current state";
    const UNPROCESSABLE: &'static str = "some values are not acceptable; `errors` names each field";
    const VERSION_REQUIRED: &'static str = "the version the change is based on is missing (body `version` or If-Match)";
}

impl Modify for Problems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{Content, Ref, RefOr, Response};
        const PROBLEM_JSON: &str = "application/problem+json";
        let problem = || Content::new(Some(Ref::from_schema_name("Problem")));
        for (path, item) in openapi.paths.paths.iter_mut() {
            let ops = [
                ("GET", &mut item.get),
                ("PUT", &mut item.put),
                ("POST", &mut item.post),
                ("DELETE", &mut item.delete),
                ("PATCH", &mut item.patch),
                ("OPTIONS", &mut item.options),
                ("HEAD", &mut item.head),
                ("TRACE", &mut item.trace),
            ];
            for (method, op) in ops {
                let Some(op) = op else { continue };
                let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
                let has_input = op.request_body.is_some() || op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                let mut add = vec![("400", Self::BAD_REQUEST)];
                if secured {
                    add.push(("401", Self::UNAUTHENTICATED));
                    add.push(("403", Self::FORBIDDEN));
                }
                if path.contains('{') {
                    add.push(("404", Self::NOT_FOUND));
                }
                if has_input {
                    add.push(("422", Self::UNPROCESSABLE));
                }
                if matches!(method, "POST" | "PUT" | "PATCH" | "DELETE") {
                    add.push(("409", Self::CONFLICT));
                }
                if matches!(method, "PUT" | "PATCH") {
                    add.push(("428", Self::VERSION_REQUIRED));
                }
                for (status, description) in add {
                    op.responses.responses.entry(status.to_string()).or_insert_with(|| {
                        let mut r = Response::new(description);
                        r.content.insert(PROBLEM_JSON.to_string(), problem());
                        RefOr::T(r)
                    });
                }
                for (status, response) in op.responses.responses.iter_mut() {
                    let RefOr::T(response) = response else { continue };
                    if !(status.starts_with('4') || status.starts_with('5')) {
                        continue;
                    }
                    response.content.shift_remove("application/json");
                    response.content.insert(PROBLEM_JSON.to_string(), problem());
                }
            }
        }
    }
}

/// Conditional GET (`http::conditional_get`): every GET that answers 200 carries an `ETag`, and
/// answers 304 without a body when `If-None-Match` names it.
struct NotModified;

impl Modify for NotModified {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{RefOr, Response};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(op) = item.get.as_mut() else { continue };
            if matches!(path.as_str(), "/healthz" | "/readyz") || !op.responses.responses.contains_key("200") {
                continue;
            }
            op.responses.responses.entry("304".to_string()).or_insert_with(|| {
                RefOr::T(Response::new(
                    "not modified: `If-None-Match` names the `ETag` of what this request would answer (no body)",
                ))
            });
        }
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The document, built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOC: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    DOC.get_or_init(ApiDoc::openapi)
}

/// The document as served: `document()` with what the derive cannot say added to every
/// parameter and body field (see `refine`).
pub fn served() -> &'static serde_json::Value {
    static SERVED: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SERVED.get_or_init(|| {
        let mut v = serde_json::to_value(document()).unwrap_or_default();
        refine(&mut v);
        v
    })
}

pub async fn serve() -> HttpResponse {
    HttpResponse::Ok().json(served())
}

/// What text may contain, as a pattern (`crate::edge`): no control characters in parameters,
/// and none but tab, line feed and carriage return in bodies.
pub const PARAMETER_TEXT: &str = r"^[^\x00-\x1F\x7F-\x9F]*$";
pub const BODY_TEXT: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";

/// Adds the rules every route applies but no annotation states: a free-text string (no enum,
/// format or pattern of its own) refuses control characters (`crate::edge`), and an id in a
/// path is a positive number (`http::id_param`).
fn refine(doc: &mut serde_json::Value) {
    use serde_json::{json, Value};
    fn free_text(schema: &Value) -> bool {
        schema["type"] == "string"
            && schema.get("enum").is_none()
            && schema.get("format").is_none()
            && schema.get("pattern").is_none()
    }
    fn bodies(v: &mut Value) {
        match v {
            Value::Object(m) => {
                if free_text(&Value::Object(m.clone())) {
                    m.insert("pattern".into(), json!(BODY_TEXT));
                }
                m.values_mut().for_each(bodies);
            }
            Value::Array(a) => a.iter_mut().for_each(bodies),
            _ => {}
        }
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut() {
                let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else { continue };
                for p in params {
                    let in_path = p["in"] == "path";
                    let schema = &mut p["schema"];
                    if free_text(schema) {
                        schema["pattern"] = json!(PARAMETER_TEXT);
                    }
                    if in_path && schema["type"] == "integer" && schema.get("minimum").is_none() {
                        schema["minimum"] = json!(1);
                    }
                }
            }
        }
    }
    if let Some(schemas) = doc.pointer_mut("/components/schemas") {
        bodies(schemas);
    }
}

/// The methods the document gives a path (as routed, e.g. `/api/v1/cities/{id}`), for `Allow`;
/// None for a path it does not describe. The document itself takes GET.
pub fn methods_of(path: &str) -> Option<Vec<String>> {
    if path == "/api/v1/openapi.json" {
        return Some(vec!["GET".into()]);
    }
    let item = document().paths.paths.iter().find(|(p, _)| shape(p) == shape(path))?.1;
    let ops = [
        ("GET", &item.get),
        ("PUT", &item.put),
        ("POST", &item.post),
        ("DELETE", &item.delete),
        ("OPTIONS", &item.options),
        ("HEAD", &item.head),
        ("PATCH", &item.patch),
        ("TRACE", &item.trace),
    ];
    Some(ops.iter().filter(|(_, op)| op.is_some()).map(|(m, _)| m.to_string()).collect())
}

/// A path pattern without its parameters' names and regexes: `/a/{id:\\d+}` reads `/a/{}`.
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
