//! The error policy: which error type lives in which layer.
//!
//! - **Queries** (`<domain>/store.rs`) return `diesel::QueryResult` when all they can meet is a
//!   database failure, and `ApiResult` when they refuse something a caller can act on (a row that
//!   does not exist, a version that moved on: [`ApiError::version_conflict`]).
//! - **Commands** (`<domain>/commands.rs`: every write and every permission check) return
//!   `ApiResult<T>`. Validation collects every mistake at once (`validation::Errors`) into
//!   [`ApiError::Validation`], each a [`FieldError`] naming the field by its API path, what was
//!   wrong and what is accepted. A database error converts into `ApiError::Unexpected` with `?`.
//! - **API routes** return `ApiResult<HttpResponse>`; `ApiError` answers itself as an RFC 9457
//!   `application/problem+json` body. **Pages** return `pages::web::PageError`, made from an
//!   `ApiError` with `?`, which the pages' middleware renders as a page; a form that failed
//!   validation is shown again with the `FieldError`s beside its fields instead.
//! - **Start-up, the CLI, the scheduler and the delivery worker** use `anyhow::Result` with
//!   `.context()` on each step: nobody is waiting for a problem body there, and the log line must
//!   carry the whole chain.
//! - Anything unexpected is logged once, with its cause chain, where it becomes a response
//!   (`ApiError::error_response`, the pages' middleware), and is answered with a 500 that carries
//!   no internals. A 500 is a bug: input a person or client can get wrong is a 4xx.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// One thing wrong with one input field.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, as a JSON path (`progress`, `partners[2]`) or a parameter name.
    pub field: String,
    /// What was wrong with it.
    pub reason: String,
    /// What would have been accepted, when that can be said briefly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
    /// The same in plain words, as a person would be told it ("Enter a title"); in English
    /// here, in the page's language on the pages.
    /// (Boxed, like `plain`: an `ApiError` stays small enough to return by value.)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub message: Option<Box<String>>,
    /// What the plain words are made from (the message files' `error-*` keys).
    #[serde(skip)]
    #[schema(ignore)]
    pub plain: Option<Box<Plain>>,
}

/// A field error in plain words: the kind of mistake (`required`, `too-long`, `not-a-date`,
/// ...) and what the sentence needs. `FieldError::human` finds `error-{kind}-{field}` in the
/// message files (a sentence for that field: "Enter a title") or else `error-{kind}` with the
/// field's label.
#[derive(Clone, Debug, PartialEq)]
pub struct Plain {
    pub kind: &'static str,
    pub args: Vec<(&'static str, PlainArg)>,
}

/// A value in a plain-words message, formatted in the reader's language.
#[derive(Clone, Debug, PartialEq)]
pub enum PlainArg {
    Text(String),
    Number(i64),
    Date(chrono::NaiveDate),
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into(), accepted: None, message: None, plain: None }
    }
    pub fn accepting(mut self, accepted: impl Into<String>) -> Self {
        self.accepted = Some(accepted.into());
        self
    }
    /// Says the mistake in plain words too: `kind` names the sentence (`error-{kind}`).
    pub fn plainly(mut self, kind: &'static str, args: Vec<(&'static str, PlainArg)>) -> Self {
        self.plain = Some(Box::new(Plain { kind, args }));
        self
    }

    /// The mistake in plain words in `lang`, for a field people know as `label` (the form's
    /// words for it; the API has none and names the field by its path). Without plain words,
    /// the label, reason and what is accepted, as a sentence.
    pub fn human(&self, lang: crate::i18n::Lang, label: Option<&str>) -> String {
        use crate::i18n::messages::{has, t_args, Arg};
        // The field's own name: `actions[2].progress` -> `progress`, `partners[1]` -> `partners`.
        let last = self.field.rsplit('.').next().unwrap_or(&self.field);
        let id = last.split('[').next().unwrap_or(last);
        let shown = label.map(|l| l.trim().trim_end_matches(':').to_string()).unwrap_or_else(|| id.replace('_', " "));
        let Some(plain) = &self.plain else {
            let reason = format!("{shown} {}", self.reason);
            let reason = crate::pages::web::sentence(&reason);
            return match &self.accepted {
                Some(a) => crate::t!(lang, "error-fallback-accepted", reason = reason, accepted = a.as_str()),
                None => crate::t!(lang, "error-fallback", reason = reason),
            };
        };
        let mut args: Vec<(&str, Arg)> = plain
            .args
            .iter()
            .map(|(name, v)| {
                let value = match v {
                    PlainArg::Text(t) => Arg::from(t.as_str()),
                    PlainArg::Number(n) => Arg::from(*n),
                    PlainArg::Date(d) => Arg::from(crate::i18n::date(*d, lang)),
                };
                (*name, value)
            })
            .collect();
        let lower = lower_first(&shown);
        args.push(("label", Arg::from(shown.as_str())));
        args.push(("lower", Arg::from(lower.as_str())));
        let specific = format!("error-{}-{id}", plain.kind);
        let key = if has(&specific) { specific } else { format!("error-{}", plain.kind) };
        t_args(lang, &key, &args)
    }
}

/// "Due date" -> "due date" (for "Enter due date"); a word in capitals (an acronym) stays.
fn lower_first(s: &str) -> String {
    let mut words = s.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let rest = words.next();
    let first = if first.chars().skip(1).any(char::is_uppercase) { first.to_string() } else { first.to_lowercase() };
    match rest {
        Some(r) => format!("{first} {r}"),
        None => first,
    }
}

/// RFC 9457 problem details, as sent.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body or parameters were understood but some values are not acceptable.
    #[error("invalid input: {}", summarise(.0))]
    Validation(Vec<FieldError>),
    /// The body could not be read as the expected JSON at all.
    #[error("malformed request: {0:?}")]
    Malformed(FieldError),
    #[error("authentication required: {0}")]
    Unauthenticated(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// The path exists but not with this method; the methods it takes go in `Allow`.
    #[error("method not allowed; allowed: {}", .0.join(", "))]
    MethodNotAllowed(Vec<String>),
    /// It existed but is no longer available (an expired link).
    #[error("gone: {0}")]
    Gone(String),
    /// The object changed since the version the client had.
    #[error("version conflict")]
    Conflict { detail: String, current_version: Option<i32> },
    /// The request is not possible in the object's current state (e.g. retrying an email
    /// that was already sent); the detail says why.
    #[error("state conflict: {0}")]
    StateConflict(String),
    /// An update came without the version it was based on.
    #[error("version required")]
    VersionRequired,
    /// Too much of a bounded resource is in use (password hashing): 503 with `Retry-After`.
    #[error("busy: {detail}")]
    Busy { detail: String, retry_after_seconds: u64 },
    /// An upload larger than a stated limit (bytes, rows, or what a zip expands to).
    #[error("too large: {0}")]
    TooLarge(String),
    /// An uploaded file that cannot be read as a spreadsheet (not one, encrypted, damaged).
    #[error("unreadable file: {0}")]
    UnreadableFile(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    pub fn field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, reason)])
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound(what.into())
    }

    /// The 409 for an update based on an old version of `what` (an action, a plan...).
    pub fn version_conflict(what: &str, current: i32, expected: i32) -> Self {
        Self::Conflict {
            detail: format!("the {what} was changed by someone else: you sent version {expected}, it is now at version {current}; reload it, reapply your change and send the new version"),
            current_version: Some(current),
        }
    }

    fn problem(&self) -> Problem {
        let (type_, title, detail, errors, current_version) = match self {
            Self::Validation(errors) => {
                ("validation", "Some values are not acceptable", summarise(errors), errors.clone(), None)
            }
            Self::Malformed(e) => (
                "malformed-request",
                "The request body could not be read",
                summarise(std::slice::from_ref(e)),
                vec![e.clone()],
                None,
            ),
            Self::Unauthenticated(d) => ("unauthenticated", "Authentication required", d.clone(), vec![], None),
            Self::Forbidden(d) => ("forbidden", "Not allowed", d.clone(), vec![], None),
            Self::NotFound(d) => ("not-found", "Not found", d.clone(), vec![], None),
            Self::MethodNotAllowed(allow) => (
                "method-not-allowed",
                "Method not allowed",
                format!("this path answers {} only", allow.join(", ")),
                vec![],
                None,
            ),
            Self::Gone(d) => ("gone", "No longer available", d.clone(), vec![], None),
            Self::Conflict { detail, current_version } => {
                ("version-conflict", "The object has changed", detail.clone(), vec![], *current_version)
            }
            Self::StateConflict(d) => {
                ("state-conflict", "Not possible in the object's current state", d.clone(), vec![], None)
            }
            Self::VersionRequired => (
                "version-required",
                "The version you edited is required",
                "send the version you read, as `version` in the body or as an If-Match header".into(),
                vec![FieldError::new("version", "is required for updates")
                    .accepting("the object's current version number")],
                None,
            ),
            Self::Busy { detail, .. } => ("busy", "Busy, try again shortly", detail.clone(), vec![], None),
            Self::TooLarge(d) => ("too-large", "The upload is too large", d.clone(), vec![], None),
            Self::UnreadableFile(d) => ("unreadable-file", "The file cannot be read", d.clone(), vec![], None),
            Self::Unexpected(_) => (
                "internal",
                "Something went wrong on our side",
                "the error has been logged; please try again or contact the secretariat".into(),
                vec![],
                None,
            ),
        };
        let errors = errors
            .into_iter()
            .map(|mut e| {
                if e.plain.is_some() {
                    e.message = Some(Box::new(e.human(crate::i18n::Lang::En, None)));
                }
                e
            })
            .collect();
        Problem {
            type_: format!("/problems/{type_}"),
            title: title.into(),
            status: self.status_code().as_u16(),
            detail,
            errors,
            current_version,
        }
    }
}

fn summarise(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| match &e.accepted {
            Some(a) => format!("{}: {} (accepted: {a})", e.field, e.reason),
            None => format!("{}: {}", e.field, e.reason),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Malformed(_) => StatusCode::BAD_REQUEST,
            Self::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Gone(_) => StatusCode::GONE,
            Self::Conflict { .. } | Self::StateConflict(_) => StatusCode::CONFLICT,
            Self::VersionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnreadableFile(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Unexpected(e) = self {
            tracing::error!(error = ?e, "unexpected error");
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Self::Unauthenticated(_) = self {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let Self::MethodNotAllowed(allow) = self {
            res.insert_header((header::ALLOW, allow.join(", ")));
        }
        if let Self::Busy { retry_after_seconds, .. } = self {
            res.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
        }
        res.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Unexpected(anyhow::Error::new(e).context("database query"))
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(e: r2d2::Error) -> Self {
        Self::Unexpected(anyhow::Error::new(e).context("taking a database connection"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        Self::Unexpected(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_names_the_field_and_what_is_accepted() {
        let e = ApiError::Validation(vec![FieldError::new("progress", "is 101").accepting("0 to 100")]);
        let p = e.problem();
        assert_eq!(p.status, 422);
        assert_eq!(p.type_, "/problems/validation");
        assert_eq!(p.detail, "progress: is 101 (accepted: 0 to 100)");
        let res = e.error_response();
        assert_eq!(res.headers().get("content-type").unwrap(), "application/problem+json");
    }

    #[test]
    fn busy_is_a_503_problem_with_retry_after() {
        let e = ApiError::Busy { detail: "too many sign-ins".into(), retry_after_seconds: 2 };
        assert_eq!(e.problem().type_, "/problems/busy");
        let res = e.error_response();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers().get("retry-after").unwrap(), "2");
        assert_eq!(res.headers().get("content-type").unwrap(), "application/problem+json");
    }
}
