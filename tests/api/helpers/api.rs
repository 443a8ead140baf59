//! Named API calls for what tests do over and over: set up state and read it back. Each one
//! asserts its success status (the request and the response body are in the failure message)
//! and returns what tests use: an id, or a test-side view of the object (the library's API
//! types only serialise). Tests whose point is the HTTP exchange itself (statuses, problem
//! bodies, headers) keep calling `TestApp::request` and its shorthands.
//!
//! The names follow the API's operations (`create_city` is `POST /cities`, the handler
//! `cities::routes::create_city`); the short `city`, `plan`, `action` and `contact` make one
//! with everyday values and return its id.

use super::TestApp;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

/// The Charter's framework code.
pub const CHARTER: &str = "eurocities-integrating-cities";

/// One page of a list.
#[derive(Debug, Clone, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct City {
    pub id: i64,
    pub name: String,
    pub country: String,
    pub public: bool,
    /// `[{"framework": ..., "signed_on": ...}]`, kept as JSON to compare with literals.
    pub signatures: Value,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Contact {
    pub id: i64,
    pub email: String,
    pub language: String,
    pub office_role: String,
    pub receives_reminders: bool,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Plan {
    pub id: i64,
    pub status: String,
    pub adopted_on: Option<String>,
    pub document_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Action {
    pub id: i64,
    pub commitment: String,
    pub title: String,
    pub partners: Vec<String>,
    pub policy_areas: Vec<String>,
    pub delivery: String,
    pub due_date: Option<String>,
    pub progress: i64,
    pub stale: bool,
    pub version: i64,
}

/// One entry of an object's history.
#[derive(Debug, Clone, Deserialize)]
pub struct Change {
    pub operation: String,
    pub actor: String,
    /// RFC 3339, in UTC.
    pub at: String,
    pub changed: Vec<String>,
    /// The object before and after (null for a creation and a deletion).
    pub before: Value,
    pub after: Value,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Schedule {
    pub expression: String,
    pub time_zone: String,
    pub source: String,
    pub next: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Round {
    pub id: i64,
    pub label: String,
    pub period_start: String,
    pub period_end: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CheckIn {
    pub id: i64,
    pub city_id: i64,
    pub city_name: String,
    pub state: String,
    pub late: bool,
    pub due_date: String,
    pub submitted_by: Option<String>,
    pub version: i64,
}

/// The check-in form: the check-in, the city's actions, the indicators it can report, and the
/// saved draft.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckInForm {
    pub check_in: CheckIn,
    pub actions: Vec<Value>,
    pub indicators: Vec<Value>,
    pub draft: Value,
}

/// What compiling a report answers.
#[derive(Debug, Clone, Deserialize)]
pub struct Compiled {
    pub compiled: CompiledVersion,
    /// The report, its draft version and every figure.
    pub detail: Value,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CompiledVersion {
    pub report_id: i64,
    pub number: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Published {
    pub number: i64,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReportSummary {
    pub id: i64,
    pub slug: String,
    pub draft: Option<i64>,
    pub latest_published: Option<i64>,
}

impl TestApp {
    // Cities and their contacts.

    /// Creates a city and returns its id.
    pub async fn city(&self, token: &str, name: &str, country: &str) -> i64 {
        self.create_city(token, json!({"name": name, "country": country})).await.id
    }

    /// Creates a city that signed `framework` on `signed_on` (YYYY-MM-DD) and returns its id.
    pub async fn signed_city(&self, token: &str, name: &str, country: &str, framework: &str, signed_on: &str) -> i64 {
        let signatures = json!([{"framework": framework, "signed_on": signed_on}]);
        self.create_city(token, json!({"name": name, "country": country, "signatures": signatures})).await.id
    }

    /// `POST /cities` with this body, expecting 201.
    pub async fn create_city(&self, token: &str, body: Value) -> City {
        self.post("/api/v1/cities", token, body).await.expect(201).json()
    }

    pub async fn get_city(&self, token: &str, city: i64) -> City {
        self.get(&format!("/api/v1/cities/{city}"), token).await.expect(200).json()
    }

    /// `GET /cities`: the first page, as the caller may see it.
    pub async fn list_cities(&self, token: &str) -> Page<City> {
        self.get("/api/v1/cities", token).await.expect(200).json()
    }

    /// `PATCH /cities/{id}` with this body (which names the version), expecting 200.
    pub async fn update_city(&self, token: &str, city: i64, body: Value) -> City {
        self.patch(&format!("/api/v1/cities/{city}"), token, body).await.expect(200).json()
    }

    /// Adds a contact to a city and returns its id.
    pub async fn contact(&self, token: &str, city: i64, name: &str, email: &str, language: &str) -> i64 {
        self.create_contact(token, city, json!({"name": name, "email": email, "language": language})).await.id
    }

    /// `POST /cities/{id}/contacts` with this body, expecting 201.
    pub async fn create_contact(&self, token: &str, city: i64, body: Value) -> Contact {
        self.post(&format!("/api/v1/cities/{city}/contacts"), token, body).await.expect(201).json()
    }

    pub async fn list_contacts(&self, token: &str, city: i64) -> Vec<Contact> {
        self.get(&format!("/api/v1/cities/{city}/contacts"), token).await.expect(200).json()
    }

    /// `PATCH /contacts/{id}` with this body (which names the version), expecting 200.
    pub async fn update_contact(&self, token: &str, contact: i64, body: Value) -> Contact {
        self.patch(&format!("/api/v1/contacts/{contact}"), token, body).await.expect(200).json()
    }

    // Plans and actions.

    /// Creates an adopted Charter plan for a city and returns its id.
    pub async fn plan(&self, token: &str, city: i64) -> i64 {
        let body = json!({"framework": CHARTER, "title": "Action plan 2026-2028",
            "period_start": "2026-01-01", "period_end": "2028-12-31", "status": "adopted"});
        self.create_plan(token, city, body).await.id
    }

    /// `POST /cities/{id}/plans` with this body (a draft unless it says otherwise), expecting 201.
    pub async fn create_plan(&self, token: &str, city: i64, body: Value) -> Plan {
        self.post(&format!("/api/v1/cities/{city}/plans"), token, body).await.expect(201).json()
    }

    pub async fn get_plan(&self, token: &str, plan: i64) -> Plan {
        self.get(&format!("/api/v1/plans/{plan}"), token).await.expect(200).json()
    }

    /// `GET /cities/{id}/plans`.
    pub async fn list_plans(&self, token: &str, city: i64) -> Page<Plan> {
        self.get(&format!("/api/v1/cities/{city}/plans"), token).await.expect(200).json()
    }

    /// Adds an action under a commitment (title "Action for <commitment>", progress 10, direct
    /// delivery) and returns its id.
    pub async fn action(&self, token: &str, plan: i64, commitment: &str, status: &str) -> i64 {
        let body = json!({"commitment": commitment, "title": format!("Action for {commitment}"), "status": status,
            "progress": 10, "delivery": "direct"});
        self.create_action(token, plan, body).await.id
    }

    /// `POST /plans/{id}/actions` with this body, expecting 201.
    pub async fn create_action(&self, token: &str, plan: i64, body: Value) -> Action {
        self.post(&format!("/api/v1/plans/{plan}/actions"), token, body).await.expect(201).json()
    }

    pub async fn get_action(&self, token: &str, action: i64) -> Action {
        self.get(&format!("/api/v1/actions/{action}"), token).await.expect(200).json()
    }

    /// `GET /plans/{id}/actions` with a query string ("" or e.g. "?commitment=EM2").
    pub async fn list_actions(&self, token: &str, plan: i64, query: &str) -> Page<Action> {
        self.get(&format!("/api/v1/plans/{plan}/actions{query}"), token).await.expect(200).json()
    }

    /// `PATCH /actions/{id}` with this body (which names the version), expecting 200.
    pub async fn update_action(&self, token: &str, action: i64, body: Value) -> Action {
        self.patch(&format!("/api/v1/actions/{action}"), token, body).await.expect(200).json()
    }

    /// The history of an object: `kind` is the path's collection (`actions`, `cities`, ...).
    pub async fn history(&self, token: &str, kind: &str, id: i64) -> Vec<Change> {
        self.get(&format!("/api/v1/{kind}/{id}/history"), token).await.expect(200).json()
    }

    // Check-ins.

    /// `PUT /schedule`, expecting 200.
    pub async fn put_schedule(&self, token: &str, expression: &str, time_zone: &str) -> Schedule {
        let body = json!({"expression": expression, "time_zone": time_zone});
        self.request(Method::PUT, "/api/v1/schedule", Some(token), Some(&body)).await.expect(200).json()
    }

    pub async fn get_schedule(&self, token: &str) -> Schedule {
        self.get("/api/v1/schedule", token).await.expect(200).json()
    }

    /// `GET /rounds`: newest first.
    pub async fn list_rounds(&self, token: &str) -> Page<Round> {
        self.get("/api/v1/rounds", token).await.expect(200).json()
    }

    pub async fn get_round(&self, token: &str, round: i64) -> Round {
        self.get(&format!("/api/v1/rounds/{round}"), token).await.expect(200).json()
    }

    /// Every city's check-in in a round.
    pub async fn round_check_ins(&self, token: &str, round: i64) -> Vec<CheckIn> {
        self.get(&format!("/api/v1/rounds/{round}/check-ins"), token).await.expect(200).json()
    }

    /// A city's check-in in a round.
    pub async fn check_in_of(&self, token: &str, round: i64, city: i64) -> CheckIn {
        let all = self.round_check_ins(token, round).await;
        all.into_iter().find(|c| c.city_id == city).unwrap_or_else(|| panic!("no check-in of city {city} in {round}"))
    }

    /// `GET /check-ins/{id}`: the form.
    pub async fn get_check_in(&self, token: &str, check_in: i64) -> CheckInForm {
        self.get(&format!("/api/v1/check-ins/{check_in}"), token).await.expect(200).json()
    }

    /// `PUT /check-ins/{id}/draft` with this body (version and content), expecting 200.
    pub async fn save_draft(&self, token: &str, check_in: i64, body: Value) -> CheckIn {
        let path = format!("/api/v1/check-ins/{check_in}/draft");
        self.request(Method::PUT, &path, Some(token), Some(&body)).await.expect(200).json()
    }

    /// `POST /check-ins/{id}/submit` with this body (version, and content unless the saved
    /// draft is meant), expecting 200.
    pub async fn submit_check_in(&self, token: &str, check_in: i64, body: Value) -> CheckIn {
        self.post(&format!("/api/v1/check-ins/{check_in}/submit"), token, body).await.expect(200).json()
    }

    /// `POST /check-ins/{id}/review` with this body (version, decision, comments), expecting 200.
    pub async fn review_check_in(&self, token: &str, check_in: i64, body: Value) -> CheckIn {
        self.post(&format!("/api/v1/check-ins/{check_in}/review"), token, body).await.expect(200).json()
    }

    /// `GET /check-in-links/{token}`: the form an emailed link opens, without signing in.
    pub async fn check_in_link(&self, link: &str) -> CheckInForm {
        let path = format!("/api/v1/check-in-links/{link}");
        self.request(Method::GET, &path, None, None).await.expect(200).json()
    }

    /// `POST /check-in-links/{token}/submit` with this body, expecting 200.
    pub async fn submit_by_link(&self, link: &str, body: Value) -> CheckIn {
        let path = format!("/api/v1/check-in-links/{link}/submit");
        self.request(Method::POST, &path, None, Some(&body)).await.expect(200).json()
    }

    // Indicator values and reports.

    /// `POST /cities/{id}/indicator-values` with this body, expecting 201; returns its id.
    pub async fn create_indicator_value(&self, token: &str, city: i64, body: Value) -> i64 {
        let r = self.post(&format!("/api/v1/cities/{city}/indicator-values"), token, body).await.expect(201);
        r.json::<IdOnly>().id
    }

    /// Compiles a new draft of the report of `framework` from `from` to `to` (YYYY-MM-DD),
    /// expecting 201.
    pub async fn compile_report(&self, token: &str, framework: &str, from: &str, to: &str) -> Compiled {
        let body = json!({"framework": framework, "from": from, "to": to});
        self.post("/api/v1/reports", token, body).await.expect(201).json()
    }

    /// Publishes a report's draft (a correction needs a changelog), expecting 200.
    pub async fn publish_report(&self, token: &str, report: i64, changelog: Option<&str>) -> Published {
        let body = match changelog {
            None => json!({}),
            Some(c) => json!({"changelog": c}),
        };
        self.post(&format!("/api/v1/reports/{report}/publish"), token, body).await.expect(200).json()
    }

    /// `GET /reports/{id}`: the report, its version and its figures as the caller may see them.
    pub async fn get_report(&self, token: &str, report: i64) -> Value {
        self.get(&format!("/api/v1/reports/{report}"), token).await.expect(200).body
    }

    pub async fn list_reports(&self, token: &str) -> Vec<ReportSummary> {
        self.get("/api/v1/reports", token).await.expect(200).json()
    }

    /// Marks an action as a good practice of a report, expecting 200.
    pub async fn mark_good_practice(&self, token: &str, report: i64, action: i64) {
        let path = format!("/api/v1/reports/{report}/good-practices/{action}");
        self.request(Method::PUT, &path, Some(token), None).await.expect(200);
    }
}

#[derive(Deserialize)]
struct IdOnly {
    id: i64,
}
