//! What every page shares: who is looking (`Viewer`), errors shown as pages (`PageError`),
//! posted forms and their CSRF tokens, one-time notices after a redirect ("flash"), rendering
//! inside the layout, and the middleware that ties these together for every page route.

use crate::app::AppState;
use crate::auth::sessions::{self, Session};
use crate::auth::tokens::random_string;
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::t;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;
use serde_json::{json, Value};

pub type PageResult = Result<HttpResponse, PageError>;

/// The cookie that carries the CSRF token of forms shown to people who are not signed in
/// (sign-in, password links, the emailed check-in link). Signed-in forms use the session's.
pub const CSRF_COOKIE: &str = "ct_csrf";
/// A notice shown once on the page a form redirects to ("Action saved").
pub const FLASH_COOKIE: &str = "ct_flash";
/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";

/// Why a page cannot be shown. The middleware renders these inside the layout.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// Not signed in: the browser is sent to the sign-in page, and back here afterwards.
    #[error("sign-in required")]
    SignIn { next: String },
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("gone: {0}")]
    Gone(String),
    /// Someone else changed the object; the detail says what to do.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A refusal with its own heading, for pages people reach from an email ("This link has
    /// expired") where a generic heading would not say what happened.
    #[error("{heading}: {detail}")]
    Refused { status: StatusCode, heading: &'static str, detail: String },
    /// Too busy now (password hashing): 503, with `Retry-After`.
    #[error("busy: {detail}")]
    Busy { detail: String, retry_after_seconds: u64 },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl PageError {
    /// The heading and explanation shown on the error page, in `lang`.
    fn explain(&self, lang: Lang) -> (String, String) {
        match self {
            PageError::SignIn { .. } => (t!(lang, "error-sign-in-heading"), t!(lang, "error-sign-in-detail")),
            PageError::Forbidden(d) => {
                (t!(lang, "error-forbidden-heading"), t!(lang, "error-forbidden-detail", reason = sentence(d)))
            }
            PageError::NotFound(d) => {
                (t!(lang, "error-not-found-heading"), t!(lang, "error-not-found-detail", reason = sentence(d)))
            }
            PageError::Gone(d) => (t!(lang, "error-gone-heading"), sentence(d)),
            PageError::Conflict(d) => (t!(lang, "error-conflict-heading"), sentence(d)),
            PageError::BadRequest(d) => (t!(lang, "error-bad-request-heading"), sentence(d)),
            PageError::Refused { heading, detail, .. } => (heading.to_string(), sentence(detail)),
            PageError::Busy { retry_after_seconds, .. } => {
                (t!(lang, "error-busy-heading"), t!(lang, "error-busy-detail", seconds = *retry_after_seconds))
            }
            PageError::Unexpected(_) => (t!(lang, "error-unexpected-heading"), t!(lang, "error-unexpected-detail")),
        }
    }
}

/// Capitalises the first letter, for messages that were written to follow a colon.
pub fn sentence(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Validation(errors) => PageError::BadRequest(
                errors.iter().map(|e| format!("{} {}", e.field, e.reason)).collect::<Vec<_>>().join("; "),
            ),
            ApiError::Malformed(e) => PageError::BadRequest(format!("{} {}", e.field, e.reason)),
            ApiError::Unauthenticated(_) => PageError::SignIn { next: "/".into() },
            ApiError::Forbidden(d) => PageError::Forbidden(d),
            ApiError::NotFound(d) => PageError::NotFound(d),
            ApiError::MethodNotAllowed(allow) => PageError::Refused {
                status: StatusCode::METHOD_NOT_ALLOWED,
                heading: "This address does not take this kind of request",
                detail: format!("it answers {} only", allow.join(", ")),
            },
            ApiError::Gone(d) => PageError::Gone(d),
            ApiError::Conflict { detail, .. } => PageError::Conflict(detail),
            ApiError::StateConflict(d) => PageError::Conflict(d),
            ApiError::VersionRequired => {
                PageError::BadRequest("the form is missing the version it was based on".into())
            }
            ApiError::Busy { detail, retry_after_seconds } => PageError::Busy { detail, retry_after_seconds },
            ApiError::TooLarge(d) => PageError::Refused {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                heading: "The file is too large",
                detail: d,
            },
            ApiError::UnreadableFile(d) => PageError::Refused {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                heading: "The file cannot be read",
                detail: d,
            },
            ApiError::Unexpected(e) => PageError::Unexpected(e),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::SignIn { .. } => StatusCode::SEE_OTHER,
            PageError::Forbidden(_) => StatusCode::FORBIDDEN,
            PageError::NotFound(_) => StatusCode::NOT_FOUND,
            PageError::Gone(_) => StatusCode::GONE,
            PageError::Conflict(_) => StatusCode::CONFLICT,
            PageError::BadRequest(_) => StatusCode::BAD_REQUEST,
            PageError::Refused { status, .. } => *status,
            PageError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            PageError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; `middleware` replaces its body with the page (it has the templates).
    fn error_response(&self) -> HttpResponse {
        match self {
            PageError::SignIn { next } => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("/login?next={}", url_encode(next))))
                .finish(),
            PageError::Unexpected(e) => {
                tracing::error!(error = ?e, "page failed");
                HttpResponse::InternalServerError().content_type("text/plain; charset=utf-8").body("internal error")
            }
            other => HttpResponse::build(other.status_code())
                .content_type("text/plain; charset=utf-8")
                .body(other.to_string()),
        }
    }
}

pub fn url_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A local path to return to after signing in; anything else (another site, `//host`) is
/// replaced by the home page, so the sign-in page cannot be used to send people elsewhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.contains(['\r', '\n']) => {
            n.to_string()
        }
        _ => "/".into(),
    }
}

/// The signed-in person looking at a page. Extracting it from a request without a live
/// session sends the browser to the sign-in page.
#[derive(Clone, Debug)]
pub struct Viewer(pub Session);

impl std::ops::Deref for Viewer {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.0
    }
}

/// A viewer if someone is signed in, for pages anyone may see.
#[derive(Clone, Debug)]
pub struct MaybeViewer(pub Option<Session>);

/// The session found for this request (looked up once, then kept in the request's extensions).
#[derive(Clone)]
struct Looked(Option<Session>);

fn state_of(req: &HttpRequest) -> Result<web::Data<AppState>, PageError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| PageError::Unexpected(anyhow::anyhow!("app state missing")))
}

/// What finding this request's session takes: nothing (already found, no cookie, or kept by
/// this instance and still current: `auth::sessions::Kept`), or a lookup of the cookie's
/// token, which is kept if found while the session generation it began at is trusted.
enum Lookup {
    Known(Option<Session>),
    Token { token: String, generation: Option<u64> },
}

fn lookup_for(req: &HttpRequest) -> Lookup {
    if let Some(Looked(s)) = req.extensions().get::<Looked>() {
        return Lookup::Known(s.clone());
    }
    let Some(cookie) = req.cookie(sessions::COOKIE) else { return Lookup::Known(None) };
    let token = cookie.value().to_string();
    let Ok(state) = state_of(req) else { return Lookup::Token { token, generation: None } };
    let generation = state.changes.sessions();
    if let Some(kept) = generation.and_then(|g| state.sessions.get(&token, g, state.clock.now())) {
        return Lookup::Known(Some(kept));
    }
    Lookup::Token { token, generation }
}

/// The session of `lookup`, asking the database on `c` when it is not known.
fn find(
    c: &mut crate::db::DbConnection,
    lookup: Lookup,
    state: &AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Session>, ApiError> {
    match lookup {
        Lookup::Known(s) => Ok(s),
        Lookup::Token { token, generation } => {
            let found = sessions::lookup(c, &token, &state.settings.sign_in, now)?;
            if let (Some(g), Some(s)) = (generation, &found) {
                state.sessions.put(&token, g, s);
            }
            Ok(found)
        }
    }
}

/// The session of this request when it is known without the database (see `Lookup`): `None`
/// when finding it needs a query. A page that can be answered without one (a kept city page)
/// uses this, then `remember_viewer`.
pub fn known_viewer(req: &HttpRequest) -> Option<Option<Session>> {
    match lookup_for(req) {
        Lookup::Known(s) => Some(s),
        Lookup::Token { .. } => None,
    }
}

/// Records the session found for this request, for the layout and later helpers.
pub fn remember_viewer(req: &HttpRequest, viewer: Option<Session>) {
    req.extensions_mut().insert(Looked(viewer));
}

async fn look_up(req: HttpRequest) -> Result<Option<Session>, PageError> {
    let found = match lookup_for(&req) {
        Lookup::Known(s) => s,
        lookup => {
            let state = state_of(&req)?;
            let now = state.clock.now();
            let st = state.clone();
            crate::http::db(&state.pool, move |c| find(c, lookup, &st, now)).await?
        }
    };
    remember_viewer(&req, found.clone());
    Ok(found)
}

/// Like `db`, for a page anyone may see: finds who is signed in (as `MaybeViewer` does) on the
/// same connection and blocking thread as `f`, so the page costs one trip to the database pool
/// rather than two. `f` gets the session, if any; later helpers (`page_around`, the CSRF token)
/// see it as if `MaybeViewer` had found it.
pub async fn db_with_viewer<T, F>(req: &HttpRequest, f: F) -> Result<T, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection, Option<&Session>) -> Result<T, ApiError> + Send + 'static,
{
    let state = state_of(req)?;
    let lookup = lookup_for(req);
    let now = state.clock.now();
    let st = state.clone();
    let (viewer, out) = crate::http::db(&state.pool, move |c| {
        let viewer = find(c, lookup, &st, now)?;
        let out = f(c, viewer.as_ref());
        Ok((viewer, out))
    })
    .await?;
    remember_viewer(req, viewer);
    Ok(out?)
}

impl FromRequest for Viewer {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match look_up(req.clone()).await? {
                Some(s) => Ok(Viewer(s)),
                None => Err(PageError::SignIn {
                    next: req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/").to_string(),
                }),
            }
        })
    }
}

impl FromRequest for MaybeViewer {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeViewer(look_up(req).await?)) })
    }
}

/// The session already found for this request, if any (after `Viewer`/`MaybeViewer` ran).
fn session_of(req: &HttpRequest) -> Option<Session> {
    req.extensions().get::<Looked>().and_then(|l| l.0.clone())
}

/// Whether demo data is loaded, found once per request by the middleware.
#[derive(Clone, Copy)]
struct DemoLoaded(bool);

/// A CSRF cookie created during this request, to be set on the response.
#[derive(Clone)]
struct IssuedCsrf(String);

/// The CSRF token forms on this page must carry: the session's when signed in, otherwise the
/// visitor's CSRF cookie (created now if they have none).
pub fn csrf_token(req: &HttpRequest) -> String {
    if let Some(s) = session_of(req) {
        return s.csrf;
    }
    if let Some(IssuedCsrf(t)) = req.extensions().get::<IssuedCsrf>() {
        return t.clone();
    }
    if let Some(c) = req.cookie(CSRF_COOKIE).filter(|c| c.value().len() >= 32) {
        return c.value().to_string();
    }
    let token = random_string(24);
    req.extensions_mut().insert(IssuedCsrf(token.clone()));
    token
}

/// A posted form, as name/value pairs in order (checkbox groups repeat a name).
#[derive(Debug, Default)]
pub struct Form(pub Vec<(String, String)>);

impl Form {
    /// The first value of a field, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// The value of a field, None when the field was not sent at all.
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every value of a field (checkbox groups, multi-selects).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A field's lines, trimmed, without blank ones (lists typed one per line).
    pub fn lines(&self, name: &str) -> Vec<String> {
        self.get(name).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    /// Checks the CSRF token against the session's (signed in) or the CSRF cookie's. Fails
    /// with a field error to show in the form's error summary, keeping what was typed.
    pub fn check_csrf(&self, req: &HttpRequest) -> Result<(), FieldError> {
        let expected = match session_of(req) {
            Some(s) => Some(s.csrf),
            None => req.cookie(CSRF_COOKIE).map(|c| c.value().to_string()),
        };
        let sent = self.get(CSRF_FIELD);
        match expected {
            Some(e) if !sent.is_empty() && constant_time_eq(e.as_bytes(), sent.as_bytes()) => Ok(()),
            _ => Err(FieldError::new(
                CSRF_FIELD,
                "this form had expired, or was opened in another session, so nothing was saved. Check your answers and send the form again",
            )),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The largest form accepted: a check-in of a plan with many actions and long narratives.
pub const MAX_FORM: usize = 1024 * 1024;

impl FromRequest for Form {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let fut = web::Form::<Vec<(String, String)>>::from_request(req, payload);
        Box::pin(async move {
            let mut form = fut.await.map(|f| Form(f.into_inner())).map_err(|e| {
                PageError::BadRequest(format!("the form could not be read ({e}); please go back and send it again"))
            })?;
            // Control characters are refused here, for every form (`crate::edge`).
            for (name, value) in &form.0 {
                let field = if crate::edge::forbidden_in_line(name).is_some() { "a field name" } else { name };
                if let Some(c) = crate::edge::forbidden_in_line(name).or_else(|| crate::edge::forbidden(value)) {
                    return Err(PageError::BadRequest(format!(
                        "the field `{field}` {}, which no text here may contain, so nothing was saved; please go back, remove it and send the form again",
                        crate::edge::reason(c)
                    )));
                }
            }
            form.join_dates();
            Ok(form)
        })
    }
}

impl Form {
    /// Puts each date typed as three boxes (`due-day`, `due-month`, `due-year`, from
    /// `partials/date`) together as `due`: `year-month-day` as typed (validation reads it as a
    /// date, or names what is wrong), or empty when all three boxes are.
    fn join_dates(&mut self) {
        let days: Vec<String> = self.0.iter().filter_map(|(k, _)| k.strip_suffix("-day").map(str::to_string)).collect();
        for base in days {
            if self.0.iter().any(|(k, _)| *k == base) {
                continue;
            }
            let part = |suffix: &str| self.get(&format!("{base}-{suffix}")).trim().to_string();
            let (d, m, y) = (part("day"), part("month"), part("year"));
            let joined =
                if d.is_empty() && m.is_empty() && y.is_empty() { String::new() } else { format!("{y}-{m}-{d}") };
            self.0.push((base, joined));
        }
    }
}

/// `{{date_part value "day"}}`: the day, month or year of a form's date value (`2026-06-01`,
/// or `2026-6-31` as typed), for the three boxes of `partials/date`.
pub fn date_part(value: &str, part: &str) -> String {
    let mut pieces = value.splitn(3, '-');
    let (y, m, d) = (pieces.next().unwrap_or(""), pieces.next().unwrap_or(""), pieces.next().unwrap_or(""));
    match part {
        "day" => d,
        "month" => m,
        "year" => y,
        _ => "",
    }
    .to_string()
}

/// Form errors for a template, in `lang`: `summary` (anchor + message, for the error summary
/// at the top) and `fields` (field id -> message, shown beside the field). `labels` gives each
/// field id the words people see on the form, in the form's order, so a mistake reads in plain
/// words with the field's name ("Enter a title", "Progress must be ...") and the summary lists
/// mistakes top to bottom; an error for a field without a label (the form as a whole) is shown
/// first, as written.
pub fn form_errors_in(errors: &[FieldError], labels: &[(&str, &str)], lang: Lang) -> Value {
    let mut summary = vec![];
    let mut fields = serde_json::Map::new();
    let position = |e: &FieldError| labels.iter().position(|(f, _)| *f == field_id(&e.field)).map_or(0, |p| p + 1);
    let mut ordered: Vec<&FieldError> = errors.iter().collect();
    ordered.sort_by_key(|e| position(e));
    for e in ordered {
        let id = field_id(&e.field);
        let message = match labels.iter().find(|(f, _)| *f == id) {
            Some((_, label)) => e.human(lang, Some(label)),
            None if e.plain.is_some() => e.human(lang, None),
            None => match &e.accepted {
                Some(a) => t!(lang, "error-fallback-accepted", reason = sentence(&e.reason), accepted = a.as_str()),
                None => t!(lang, "error-fallback", reason = sentence(&e.reason)),
            },
        };
        summary.push(json!({"anchor": id, "message": message}));
        fields.entry(id).or_insert(Value::String(message));
    }
    json!({"summary": summary, "fields": fields})
}

/// The usual mapping of an API field path to a form field id: `partners[2]` -> `partners`,
/// `signatures[0].signed_on` -> `signatures`.
pub fn field_id(path: &str) -> String {
    path.split(['[', '.']).next().unwrap_or(path).to_string()
}

/// A redirect after a successful POST, with a notice for the next page.
pub fn redirect_with_notice(to: &str, notice: &str) -> HttpResponse {
    let mut res = HttpResponse::SeeOther().insert_header((header::LOCATION, to.to_string())).finish();
    let cookie = Cookie::build(FLASH_COOKIE, url_encode(notice))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::seconds(120))
        .finish();
    let _ = res.add_cookie(&cookie);
    res
}

pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, to.to_string())).finish()
}

fn flash_of(req: &HttpRequest) -> Option<String> {
    req.cookie(FLASH_COOKIE).map(|c| {
        url::form_urlencoded::parse(format!("m={}", c.value()).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    })
}

/// A notice for the layout: its text, split around the first address of this site in it
/// (`http(s)://this-host/...`), which the layout shows as a link ("Version 1 is published at
/// <a>...</a>"). Addresses of other hosts stay text: the notice comes from a cookie.
fn flash_view(req: &HttpRequest, text: &str) -> Value {
    let host = req.connection_info().host().to_string();
    let found = text.match_indices("http").find_map(|(start, _)| {
        let rest = &text[start..];
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let address = rest[..len].trim_end_matches(['.', ',', ';', ':', ')']);
        let url = url::Url::parse(address).ok()?;
        let same = matches!(url.scheme(), "http" | "https")
            && url.host_str().map(|h| match url.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            }) == Some(host.clone());
        same.then_some((start, address.len()))
    });
    match found {
        Some((start, len)) => {
            json!({"before": &text[..start], "href": &text[start..start + len], "after": &text[start + len..]})
        }
        None => json!({"before": text}),
    }
}

/// The links of the main navigation for who is signed in: address and message key.
fn nav_for(session: Option<&Session>) -> Vec<(String, &'static str)> {
    use crate::auth::Role;
    match session.map(|s| (s.caller.role, s.caller.city_id)) {
        None => vec![
            ("/actions".into(), "nav-explore-actions"),
            ("/good-practices".into(), "nav-good-practices"),
            ("/reports".into(), "nav-published-reports"),
        ],
        Some((Role::CityEditor, city)) => {
            let city = city.unwrap_or(0);
            vec![
                (format!("/cities/{city}"), "nav-your-plan"),
                (format!("/cities/{city}/check-ins"), "nav-check-ins"),
                (format!("/cities/{city}/learn"), "nav-learn"),
                ("/actions".into(), "nav-explore-actions"),
                ("/reports".into(), "nav-reports"),
            ]
        }
        Some((Role::Secretariat, _)) => vec![
            ("/network".into(), "nav-network"),
            ("/cities".into(), "nav-cities"),
            ("/rounds".into(), "nav-check-ins"),
            ("/reviews".into(), "nav-reviews"),
            ("/actions".into(), "nav-explore-actions"),
            ("/peer-reviews".into(), "nav-peer-reviews"),
            ("/reports/manage".into(), "nav-reports"),
            ("/outbox".into(), "nav-outbox"),
            ("/users".into(), "nav-users"),
            ("/people".into(), "nav-personal-data"),
        ],
        Some((Role::Observer, _)) => vec![
            ("/network".into(), "nav-network"),
            ("/cities".into(), "nav-cities"),
            ("/rounds".into(), "nav-check-ins"),
            ("/actions".into(), "nav-explore-actions"),
            ("/reports".into(), "nav-reports"),
        ],
    }
}

/// A role in words ("network secretariat").
pub fn role_label(role: crate::auth::Role, lang: Lang) -> String {
    match role {
        crate::auth::Role::Secretariat => t!(lang, "role-secretariat"),
        crate::auth::Role::CityEditor => t!(lang, "role-city-editor"),
        crate::auth::Role::Observer => t!(lang, "role-observer"),
    }
}

/// The cookie that keeps the language chosen with the switcher.
pub const LANG_COOKIE: &str = "ct_lang";

/// The language of this request's page: the signed-in user's preference, else the language
/// chosen with the switcher (a cookie), else the browser's `Accept-Language`, else
/// `network.default_language`. Only offered languages are chosen.
pub fn lang(req: &HttpRequest) -> Lang {
    lang_of(session_of(req).as_ref(), visitor_lang(req))
}

/// The page's language for `viewer`: their own choice, if they made one, else `otherwise` (the
/// visitor's, `visitor_lang`).
pub fn lang_of(viewer: Option<&Session>, otherwise: Lang) -> Lang {
    viewer.and_then(|s| s.language).unwrap_or(otherwise)
}

/// The language chosen without a signed-in user's own choice: the switcher's cookie, the
/// browser's `Accept-Language`, the network's default.
pub fn visitor_lang(req: &HttpRequest) -> Lang {
    use crate::i18n::messages::is_offered;
    if let Some(l) = req.cookie(LANG_COOKIE).and_then(|c| Lang::from_tag(c.value())).filter(|l| is_offered(*l)) {
        return l;
    }
    if let Some(l) =
        req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language)
    {
        return l;
    }
    state_of(req).map(|s| s.settings.network.default_language()).unwrap_or_default()
}

/// The switcher's links: one per offered language, each to `/language/{tag}?next=` this page.
fn languages_for(req: &HttpRequest, current: Lang) -> Vec<Value> {
    let here = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    Lang::OFFERED
        .into_iter()
        .map(|l| {
            json!({"tag": l.tag(), "name": l.own_name(), "current": l == current,
                   "href": format!("/language/{}?next={}", l.tag(), url_encode(here))})
        })
        .collect()
}

/// The layout's data for this request: navigation, who is signed in, the CSRF token for the
/// sign-out button, and a pending notice.
fn chrome(req: &HttpRequest, title: &str, lang: Lang) -> Value {
    let session = session_of(req);
    let path = req.path();
    let nav: Vec<Value> = nav_for(session.as_ref())
        .into_iter()
        .map(|(href, label)| {
            let current = path == href || (href != "/" && path.starts_with(&format!("{href}/")));
            json!({"href": href, "label": t!(lang, label), "current": current})
        })
        .collect();
    json!({
        "title": title,
        "nav": nav,
        "user": session.as_ref().map(|s| json!({"name": s.name, "role": role_label(s.caller.role, lang)})),
        "lang": lang.tag(),
        "languages": languages_for(req, lang),
        "csrf_token": csrf_token(req),
        "flash": flash_of(req).map(|f| flash_view(req, &f)),
        "demo": req.extensions().get::<DemoLoaded>().is_some_and(|d| d.0),
    })
}

/// Renders `template` with `data` inside the layout. `data` gains `csrf_token` (use
/// `{{@root.csrf_token}}` inside loops).
pub fn render(req: &HttpRequest, status: StatusCode, template: &str, title: &str, mut data: Value) -> PageResult {
    let state = state_of(req)?;
    let lang = lang(req);
    let chrome = chrome(req, title, lang);
    if let Value::Object(m) = &mut data {
        m.insert("csrf_token".into(), chrome["csrf_token"].clone());
        m.insert("network".into(), state.settings.network.name.clone().into());
    }
    let html = state
        .pages
        .render_with(lang, template, &chrome, &data)
        .map_err(|e| PageError::Unexpected(e.context(format!("rendering page {template}"))))?;
    Ok(html_response(status, lang, html))
}

/// A rendered page as the response: HTML in `lang`.
fn html_response(status: StatusCode, lang: Lang, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_LANGUAGE, lang.tag()))
        .body(html)
}

/// A 200 page whose content was rendered beforehand (`Pages::render_part`): only the layout
/// around it is rendered now.
pub fn page_around(req: &HttpRequest, title: &str, content: &str) -> PageResult {
    let state = state_of(req)?;
    let lang = lang(req);
    let chrome = chrome(req, title, lang);
    let html = state
        .pages
        .render_around(lang, &chrome, content)
        .map_err(|e| PageError::Unexpected(e.context("rendering the layout")))?;
    Ok(html_response(StatusCode::OK, lang, html))
}

/// `render` with 200 OK.
pub fn page(req: &HttpRequest, template: &str, title: &str, data: Value) -> PageResult {
    render(req, StatusCode::OK, template, title, data)
}

/// A page with a heading and a few paragraphs (confirmations, refusals).
pub fn message(
    req: &HttpRequest,
    status: StatusCode,
    heading: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
) -> PageResult {
    render(
        req,
        status,
        "message",
        heading,
        json!({"heading": heading, "paragraphs": paragraphs, "panel": false, "link": link.map(|(href, label)| json!({"href": href, "label": label}))}),
    )
}

/// Wraps every page route: refuses cross-site form posts, renders `PageError`s as pages in the
/// layout, sets a CSRF cookie issued while rendering, clears a notice once shown, and keeps
/// pages out of shared caches.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if let Ok(state) = state_of(req.request()) {
        let demo = state.demo.loaded(&state.pool).await;
        req.extensions_mut().insert(DemoLoaded(demo));
    }
    if req.method() == Method::POST && !same_origin(req.request()) {
        let http = req.request().clone();
        let lang = lang(&http);
        let res = message(
            &http,
            StatusCode::FORBIDDEN,
            &t!(lang, "error-cross-site-heading"),
            &[&t!(lang, "error-cross-site-detail")],
            Some(("/", &t!(lang, "error-go-home"))),
        )
        .unwrap_or_else(|e| e.error_response());
        return Ok(req.into_response(res));
    }
    let had_flash = req.cookie(FLASH_COOKIE).is_some();
    let res = next.call(req).await?.map_into_boxed_body();
    let (http, mut response) = res.into_parts();
    if let Some(err) = response.error().and_then(|e| e.as_error::<PageError>()) {
        if let PageError::SignIn { next } = err {
            // Someone not signed in opened a signed-in page (an old bookmark, a link in an
            // email): normal, so a line at info, and the redirect without the error attached
            // (the request logger reports a response that carries an error at error level).
            tracing::info!(path = %http.path(), %next, "not signed in; sent to the sign-in page");
            response = err.error_response();
        } else {
            let lang = lang(&http);
            let (heading, detail) = err.explain(lang);
            let status = err.status_code();
            let home = t!(lang, "error-go-home");
            let link = match err {
                PageError::Unexpected(_) => None,
                _ => Some(("/", home.as_str())),
            };
            let retry_after = match err {
                PageError::Busy { retry_after_seconds, .. } => Some(*retry_after_seconds),
                _ => None,
            };
            response = message(&http, status, &heading, &[&detail], link).unwrap_or_else(|e| {
                tracing::error!(error = ?e, "rendering an error page failed");
                HttpResponse::build(status).content_type("text/plain; charset=utf-8").body(detail)
            });
            if let Some(seconds) = retry_after {
                response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
            }
        }
    }
    let secure = state_of(&http).map(|s| s.settings.served_over_tls()).unwrap_or(false);
    if let Some(IssuedCsrf(token)) = http.extensions().get::<IssuedCsrf>().cloned() {
        let cookie = Cookie::build(CSRF_COOKIE, token)
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .finish();
        let _ = response.add_cookie(&cookie);
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if had_flash && is_html && response.status() != StatusCode::SEE_OTHER {
        let mut gone = Cookie::build(FLASH_COOKIE, "").path("/").finish();
        gone.make_removal();
        let _ = response.add_cookie(&gone);
    }
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    }
    Ok(ServiceResponse::new(http, response))
}

/// A POST is same-origin when its Origin (or, lacking it, Referer) names this host. Browsers
/// send Origin on every cross-site POST; requests without either (scripts, old clients) carry
/// no ambient credentials worth stealing beyond what the CSRF token already guards.
fn same_origin(req: &HttpRequest) -> bool {
    let host = req.connection_info().host().to_string();
    let named = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match named {
        None => true,
        Some(v) if v == "null" => false,
        Some(v) => url::Url::parse(&v).ok().is_some_and(|u| {
            let h = match u.port() {
                Some(p) => format!("{}:{p}", u.host_str().unwrap_or("")),
                None => u.host_str().unwrap_or("").to_string(),
            };
            h == host
        }),
    }
}

/// The cookie that holds a new session.
pub fn session_cookie(token: &str, settings: &crate::config::Settings) -> Cookie<'static> {
    Cookie::build(sessions::COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .secure(settings.served_over_tls())
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::hours(i64::from(settings.sign_in.absolute_hours)))
        .finish()
}

/// A cookie that removes the session cookie.
pub fn session_cookie_removal() -> Cookie<'static> {
    let mut c = Cookie::build(sessions::COOKIE, "").path("/").finish();
    c.make_removal();
    c
}

/// Runs database work off the executor, for page handlers.
pub async fn db<T, F>(req: &HttpRequest, f: F) -> Result<T, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection) -> Result<T, ApiError> + Send + 'static,
{
    let state = state_of(req)?;
    Ok(crate::http::db(&state.pool, f).await?)
}

/// Today's date in the network's time zone (the one the check-in schedule is read in).
pub fn today(state: &AppState) -> chrono::NaiveDate {
    let tz = state.settings.time_zone();
    state.clock.now().with_timezone(&tz).date_naive()
}

/// The application clock's "now", for page handlers (a manual clock in tests).
pub fn now(req: &HttpRequest) -> chrono::DateTime<chrono::Utc> {
    state(req).clock.now()
}

/// The application state, for page handlers.
pub fn state(req: &HttpRequest) -> web::Data<AppState> {
    state_of(req).expect("app state is registered for every route")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/cities/3?x=1")), "/cities/3?x=1");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn errors_map_to_field_ids() {
        assert_eq!(field_id("partners[2]"), "partners");
        assert_eq!(field_id("signatures[0].signed_on"), "signatures");
        let v = form_errors_in(
            &[FieldError::new("progress", "is 101").accepting("0 to 100")],
            &[("progress", "Progress")],
            Lang::En,
        );
        assert_eq!(v["summary"][0]["anchor"], "progress");
        assert_eq!(v["fields"]["progress"], "Progress is 101. Accepted: 0 to 100.");
        let plain =
            |e: FieldError, label: &str, lang: Lang| form_errors_in(&[e], &[("x", label)], lang)["fields"]["x"].clone();
        let range = |f: &str| {
            FieldError::new(f, "is 150").plainly(
                "out-of-range",
                vec![("min", crate::error::PlainArg::Number(0)), ("max", crate::error::PlainArg::Number(100))],
            )
        };
        assert_eq!(
            plain(range("x"), "Share of the budget", Lang::En),
            "Enter share of the budget as a number from 0 to 100"
        );
        assert_eq!(
            form_errors_in(&[range("progress")], &[], Lang::En)["fields"]["progress"],
            "Enter progress as a number from 0 to 100"
        );
        let order = FieldError::new("due_date", "is before")
            .plainly("date-order", vec![("other", crate::error::PlainArg::Date("2026-06-01".parse().unwrap()))]);
        assert_eq!(
            form_errors_in(std::slice::from_ref(&order), &[("due_date", "Due date")], Lang::En)["fields"]["due_date"],
            "The due date must be the same as or after the start date (1 June 2026)"
        );
        assert_eq!(
            form_errors_in(&[order], &[("due_date", "Fälligkeitsdatum")], Lang::De)["fields"]["due_date"],
            "Das Fälligkeitsdatum muss am oder nach dem Startdatum liegen (1. Juni 2026)"
        );
        let empty = crate::validation::required_text("title", " ", 300).unwrap_err();
        assert_eq!(plain(FieldError { field: "x".into(), ..empty.clone() }, "Title", Lang::En), "Enter title");
        assert_eq!(form_errors_in(&[empty], &[("title", "Titre")], Lang::Fr)["fields"]["title"], "Saisissez un titre");
        let country = crate::validation::country("country", "").unwrap_err();
        assert_eq!(
            form_errors_in(&[country], &[("country", "Country")], Lang::En)["fields"]["country"],
            "Choose a country"
        );
        let v = form_errors_in(&[FieldError::new(CSRF_FIELD, "this form had expired")], &[], Lang::En);
        assert_eq!(v["summary"][0]["message"], "This form had expired.");
    }
}
