//! Shared HTTP plumbing: the JSON body extractor, pagination, versions, and running
//! blocking database work off the async executor.

use crate::db::{DbConnection, Pool};
use crate::error::{ApiError, ApiResult, FieldError};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Bodies larger than this are refused: no legitimate request comes near it.
const MAX_BODY: usize = 256 * 1024;

/// Runs database work on the blocking pool with a pooled connection.
pub async fn db<T, F>(pool: &Pool, f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
{
    let pool = pool.clone();
    web::block(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await?
}

/// A JSON body whose errors name the offending field by its path (`partners[1]`).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !(content_type.starts_with("application/json") || content_type.contains("+json")) {
                return Err(ApiError::Malformed(
                    FieldError::new("Content-Type", format!("is `{content_type}`")).accepting("application/json"),
                ));
            }
            let bytes = body
                .await
                .map_err(|e| ApiError::Malformed(FieldError::new("body", format!("could not be read: {e}"))))?;
            if bytes.len() > MAX_BODY {
                return Err(ApiError::Malformed(
                    FieldError::new("body", "is too large").accepting(format!("at most {MAX_BODY} bytes")),
                ));
            }
            parse_json(&bytes).map(Json)
        })
    }
}

/// Parses JSON, turning serde's message into a field error naming the path. A string holding a
/// control character (other than a line break or tab) is refused first, naming its path
/// (`crate::edge`).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let mut value = serde_json::from_slice::<serde_json::Value>(bytes)
        .map_err(|e| ApiError::Malformed(FieldError::new("body", format!("is not valid JSON: {e}"))))?;
    let mut errors = vec![];
    forbidden_strings(&value, &mut String::new(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    integral_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde_json appends " at line L column C"; people do not need it for a field error.
        let reason = message.split(" at line ").next().unwrap_or(&message).to_string();
        if let Some(unknown) = reason.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
            let field = if path == "." || path.is_empty() { unknown.to_string() } else { path.clone() };
            let accepted = reason.split_once(", expected ").map(|(_, a)| a.to_string());
            let mut fe = FieldError::new(field, "is not a known field");
            fe.accepted = accepted;
            return ApiError::Malformed(fe);
        }
        if let Some(missing) = reason.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
            let field = if path == "." || path.is_empty() { missing.to_string() } else { format!("{path}.{missing}") };
            return ApiError::Validation(vec![FieldError::new(field, "is required")]);
        }
        let field = if path == "." || path.is_empty() { "body".to_string() } else { path };
        if inner.is_syntax() || inner.is_eof() {
            ApiError::Malformed(FieldError::new("body", format!("is not valid JSON: {message}")))
        } else {
            ApiError::Malformed(FieldError::new(field, reason))
        }
    })
}

/// JSON has one kind of number: `3.0` is the integer 3 (JSON Schema agrees), so a whole number
/// written with a fraction is read as an integer, for fields typed as integers.
fn integral_numbers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            // Below 2^53 every whole f64 is exact, and so is its i64.
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0) {
                *v = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// Collects a field error for each string (or key) in `v` with a control character, named by
/// its path as `parse_json` names fields (`signatures[0].framework`).
fn forbidden_strings(v: &serde_json::Value, path: &mut String, errors: &mut Vec<FieldError>) {
    use serde_json::Value;
    let here = |path: &str| if path.is_empty() { "body".to_string() } else { path.to_string() };
    match v {
        Value::String(s) => errors.extend(crate::edge::check(&here(path), s).err()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                forbidden_strings(item, path, errors);
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (k, item) in fields {
                if let Some(c) = crate::edge::forbidden_in_line(k) {
                    errors.push(
                        FieldError::new(here(path), format!("has a field name that {}", crate::edge::reason(c)))
                            .accepting(crate::edge::ACCEPTED),
                    );
                    continue;
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                forbidden_strings(item, path, errors);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// `?page=&per_page=` on list endpoints.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number (default 1), at most 1,000,000.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

pub const MAX_PER_PAGE: i64 = 200;
/// The last page number asked for that is taken (beyond it the offset is past any real list,
/// and the arithmetic must not overflow).
pub const MAX_PAGE: i64 = 1_000_000;

impl PageQuery {
    /// (limit, offset), or a field error.
    pub fn limits(&self) -> ApiResult<(i64, i64)> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(50);
        let mut errors = vec![];
        if !(1..=MAX_PAGE).contains(&page) {
            errors.push(FieldError::new("page", format!("is {page}")).accepting("1 to 1000000"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            errors.push(FieldError::new("per_page", format!("is {per_page}")).accepting("1 to 200"));
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok((per_page, (page - 1) * per_page))
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: i64,
    pub per_page: i64,
    /// How many items there are in all pages together.
    pub total: i64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, q: &PageQuery, total: i64) -> Self {
        Page { items, page: q.page.unwrap_or(1), per_page: q.per_page.unwrap_or(50), total }
    }
}

/// The version an update is based on: the body's `version`, else an `If-Match` header.
pub fn expected_version(req: &HttpRequest, body_version: Option<i32>) -> ApiResult<i32> {
    if let Some(v) = body_version {
        return Ok(v);
    }
    match req.headers().get(header::IF_MATCH) {
        None => Err(ApiError::VersionRequired),
        Some(v) => {
            let raw = v.to_str().unwrap_or("").trim();
            let raw = raw.strip_prefix("W/").unwrap_or(raw).trim_matches('"');
            raw.parse::<i32>().map_err(|_| {
                ApiError::Validation(vec![
                    FieldError::new("If-Match", format!("is `{raw}`")).accepting("the version number, e.g. \"3\"")
                ])
            })
        }
    }
}

/// 200 with the object as JSON and its version as ETag.
pub fn versioned<T: Serialize>(status: actix_web::http::StatusCode, body: &T, version: i32) -> HttpResponse {
    HttpResponse::build(status).insert_header((header::ETAG, format!("\"{version}\""))).json(body)
}

/// Query and path errors as problems, wired into the app's extractor configs.
pub fn query_error(err: actix_web::error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let msg = err.to_string();
    let reason = msg.strip_prefix("Query deserialize error: ").unwrap_or(&msg).to_string();
    ApiError::Validation(vec![FieldError::new("query", reason)]).into()
}

pub fn path_error(err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::not_found(format!("no such object: {err}")).into()
}

/// Reads a request's `{id}` as a positive integer, else a 404 (ids are never anything else).
pub fn id_param(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| ApiError::not_found(format!("`{raw}` is not an id")))
}

/// Serde helper: distinguishes an absent field (None) from an explicit null (Some(None)).
pub fn double_option<'de, T, D>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Deserialize::deserialize(de).map(Some)
}

/// Serialises a stored UTC timestamp as RFC 3339 with `Z`, so clients never guess the zone.
pub fn as_utc<S: serde::Serializer>(t: &chrono::NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// As `as_utc`, for optional timestamps.
pub fn as_utc_opt<S: serde::Serializer>(t: &Option<chrono::NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => as_utc(t, s),
        None => s.serialize_none(),
    }
}

/// Bodies above this are sent without an `ETag` of their body (downloads: they are not
/// buffered to be hashed).
const MAX_TAGGED_BODY: u64 = 4 << 20;

/// Conditional GET for every page and API read (issue 15): a 200 answer to GET carries an
/// `ETag` (the handler's own, such as an object's version or a published report file's, else a
/// weak tag over the body: hashing it costs far less than rendering it did), and a request
/// whose `If-None-Match` names that tag gets `304 Not Modified` without the body. Every such
/// answer says `Vary: Cookie, Authorization, Accept-Language`, since what a page or the API shows
/// depends on who asks and in which language: a shared cache never hands one person's copy to another, and a person's tag matches
/// only what they were shown. Pages for signed-in people stay `no-store` (web::middleware).
///
/// Requests that may write (not GET, HEAD or OPTIONS) pass through, and once answered with
/// success or a redirect tell the instance's change feed (`db::changes::Feed::wrote`), so what
/// it kept is not shown again.
pub async fn conditional_get(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    use actix_web::body::BodySize;
    use actix_web::http::{Method, StatusCode};
    let eligible = req.method() == Method::GET && !matches!(req.path(), "/healthz" | "/readyz" | "/metrics");
    if !eligible {
        let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let state = req.app_data::<actix_web::web::Data<crate::app::AppState>>().cloned();
        let res = next.call(req).await?;
        // Whatever the request changed, this instance shows from the next request on (other
        // instances hear it from the database: db::changes). A refused request changed nothing.
        let done = res.status().is_success() || res.status().is_redirection();
        if let Some(state) = state.filter(|_| writes && done) {
            state.changes.wrote();
        }
        return Ok(res.map_into_boxed_body());
    }
    let tags: Vec<String> =
        req.headers().get_all(header::IF_NONE_MATCH).filter_map(|v| v.to_str().ok().map(str::to_string)).collect();
    let res = next.call(req).await?;
    if res.status() != StatusCode::OK {
        return Ok(res.map_into_boxed_body());
    }
    let (http, mut response) = res.into_parts();
    let vary = header::HeaderValue::from_static("Cookie, Authorization, Accept-Language");
    response.headers_mut().append(header::VARY, vary);
    let (tag, response) = match response.headers().get(header::ETAG).and_then(|v| v.to_str().ok()) {
        Some(t) => (t.to_string(), response.map_into_boxed_body()),
        None => {
            let small = matches!(response.body().size(), BodySize::Sized(n) if n <= MAX_TAGGED_BODY);
            if !small {
                return Ok(actix_web::dev::ServiceResponse::new(http, response.map_into_boxed_body()));
            }
            let (mut head, body) = response.into_parts();
            let bytes = actix_web::body::to_bytes(body).await.map_err(|e| {
                actix_web::error::ErrorInternalServerError(format!("reading a response body: {}", e.into()))
            })?;
            let tag = weak_tag(&bytes);
            head.headers_mut()
                .insert(header::ETAG, header::HeaderValue::from_str(&tag).expect("hex is a header value"));
            (tag, head.set_body(bytes).map_into_boxed_body())
        }
    };
    let bare = tag.trim_start_matches("W/");
    let matched =
        tags.iter().flat_map(|v| v.split(',')).map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == bare);
    if !matched {
        return Ok(actix_web::dev::ServiceResponse::new(http, response));
    }
    let mut not_modified = HttpResponse::NotModified();
    for (name, value) in response.headers() {
        if name != header::CONTENT_LENGTH && name != header::CONTENT_TYPE {
            not_modified.append_header((name.clone(), value.clone()));
        }
    }
    Ok(actix_web::dev::ServiceResponse::new(http, not_modified.finish()))
}

/// A weak entity tag over a body: its 128-bit XXH3 hash, plenty to tell one person's versions
/// of a page apart (a tag only ever answers its own person's request, see `Vary`). Hashing every
/// page with SHA-256 took 4 % of the server's time under load on the city page; XXH3 is
/// many times faster, and nothing here needs a cryptographic hash.
fn weak_tag(body: &[u8]) -> String {
    format!("W/\"{:032x}\"", xxhash_rust::xxh3::xxh3_128(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        progress: Option<i64>,
        partners: Option<Vec<String>>,
    }

    #[test]
    fn errors_name_the_field() {
        match parse_json::<T>(br#"{"progress": "lots"}"#) {
            Err(ApiError::Malformed(e)) => assert_eq!(e.field, "progress"),
            other => panic!("{other:?}"),
        }
        match parse_json::<T>(br#"{"partners": ["a", 3]}"#) {
            Err(ApiError::Malformed(e)) => assert_eq!(e.field, "partners[1]"),
            other => panic!("{other:?}"),
        }
        match parse_json::<T>(br#"{"progres": 1}"#) {
            Err(ApiError::Malformed(e)) => {
                assert_eq!(e.field, "progres");
                assert!(e.accepted.unwrap().contains("progress"));
            }
            other => panic!("{other:?}"),
        }
        match parse_json::<T>(br#"{"partners": ["a", "b\u0000"]}"#) {
            Err(ApiError::Validation(e)) => assert_eq!(e[0].field, "partners[1]"),
            other => panic!("{other:?}"),
        }
        assert!(parse_json::<T>(br#"{"partners": ["a\nb\tc"]}"#).is_ok());
        assert_eq!(parse_json::<T>(br#"{"progress": 30.0}"#).unwrap().progress, Some(30));
        assert!(parse_json::<T>(br#"{"progress": 30.5}"#).is_err());
        match parse_json::<T>(br#"{"progress": 1"#) {
            Err(ApiError::Malformed(e)) => assert_eq!(e.field, "body"),
            other => panic!("{other:?}"),
        }
    }
}
