//! What the secretariat's pages (cities, contacts, users, rounds, outbox) share: reading a
//! page number, pagination links, times in the network's time zone, the hidden `version` of
//! an edit form, and turning a command's refusal into a form shown again.

use super::web::{url_encode, PageError};
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::t;
use actix_web::http::StatusCode;
use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde_json::{json, Value};

/// Rows per page of the secretariat's lists.
pub const PER_PAGE: i64 = 50;

/// The 1-based page number of `?page=`; 1 when absent, a "bad request" page when not a number.
pub fn page_number(raw: Option<&str>, lang: Lang) -> Result<i64, PageError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(1),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| PageError::BadRequest(t!(lang, "network-page-number-bad", number = s))),
    }
}

/// (limit, offset) for a page number.
pub fn limits(page: i64) -> (i64, i64) {
    (PER_PAGE, (page - 1).saturating_mul(PER_PAGE))
}

/// Previous/next links for a list: `path` with `params` (empty ones left out) and `page=`.
/// `pages` is 0 when everything fits on one page, so the template shows nothing.
pub fn pagination(path: &str, params: &[(&str, &str)], page: i64, total: i64) -> Value {
    let pages = (total + PER_PAGE - 1) / PER_PAGE;
    let href = |n: i64| {
        let mut q: Vec<String> =
            params.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
        if n > 1 {
            q.push(format!("page={n}"));
        }
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", q.join("&"))
        }
    };
    json!({
        "pages": if pages > 1 { pages } else { 0 },
        "page": page,
        "previous": (page > 1).then(|| href((page - 1).min(pages.max(1)))),
        "next": (page < pages).then(|| href(page + 1)),
    })
}

/// "24 November 2026, 10:11" in the network's time zone, in `lang`.
pub fn when(t: NaiveDateTime, tz: Tz, lang: Lang) -> String {
    let local = t.and_utc().with_timezone(&tz);
    // Not i18n::date_time: ICU's English says "1 January 2027 at 00:00"; the lists keep "1 January 2027, 00:00".
    t!(
        lang,
        "network-date-time",
        date = crate::i18n::date(local.date_naive(), lang),
        time = local.format("%H:%M").to_string()
    )
}

/// The network's time zone: the check-in schedule's (the secretariat's if set).
pub fn network_tz(conn: &mut crate::db::DbConnection, settings: &crate::config::Settings) -> Tz {
    crate::check_ins::rounds::effective_schedule(conn, settings).map(|s| s.time_zone()).unwrap_or(chrono_tz::UTC)
}

/// The version an edit form was based on (its hidden `version` field).
pub fn form_version(form: &super::web::Form) -> Result<i32, PageError> {
    form.get("version").trim().parse::<i32>().map_err(|_| ApiError::VersionRequired.into())
}

/// Sends errors that belong to the whole form (an expired form, a change by someone else) to
/// `anchor`, the id of the form or fieldset they concern, so the error summary links there.
pub fn anchored(mut errors: Vec<FieldError>, anchor: &str) -> Vec<FieldError> {
    for e in &mut errors {
        if e.field == super::web::CSRF_FIELD || e.field == "version" {
            e.field = anchor.to_string();
        }
    }
    errors
}

/// Why a form is shown again: the status, the errors to show, and the version the form should
/// now carry (after someone else's change, so that saving again is possible).
pub struct Refused {
    pub status: StatusCode,
    pub errors: Vec<FieldError>,
    pub version: Option<i32>,
}

/// Splits a command's error into what re-shows the form (bad values, a stale version, a state
/// that does not allow it) and what is a page of its own (not allowed, not found, a failure).
/// `conflict` is what to say when someone else saved a change first (the page's own message,
/// in the page's language: "someone else saved a change to this city after you opened…").
pub fn refused(e: ApiError, conflict: &str) -> Result<Refused, PageError> {
    match e {
        ApiError::Validation(errors) => Ok(Refused { status: StatusCode::UNPROCESSABLE_ENTITY, errors, version: None }),
        ApiError::Conflict { current_version, .. } => Ok(Refused {
            status: StatusCode::CONFLICT,
            errors: vec![FieldError::new("version", conflict)],
            version: current_version,
        }),
        ApiError::StateConflict(detail) => Ok(Refused {
            status: StatusCode::CONFLICT,
            errors: vec![FieldError::new("version", detail)],
            version: None,
        }),
        other => Err(other.into()),
    }
}

/// The refusal of a form whose CSRF token did not match.
pub fn expired(e: FieldError) -> Refused {
    Refused { status: StatusCode::UNPROCESSABLE_ENTITY, errors: vec![e], version: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links_keep_the_filters() {
        let p = pagination("/outbox", &[("status", "failed"), ("q", "")], 2, 120);
        assert_eq!(p["pages"], 3);
        assert_eq!(p["previous"], "/outbox?status=failed");
        assert_eq!(p["next"], "/outbox?status=failed&page=3");
        assert_eq!(pagination("/cities", &[], 1, 50)["pages"], 0);
        assert!(page_number(Some("0"), Lang::En).is_err() && page_number(Some("x"), Lang::Fr).is_err());
        assert_eq!(page_number(None, Lang::En).unwrap(), 1);
    }
}
