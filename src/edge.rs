//! The edge: what text from outside may contain, checked before any handler sees it.
//!
//! NUL and the other control characters (C0, DEL and C1) belong in no text this service takes:
//! PostgreSQL cannot store NUL at all (SQLite would store it), and the rest are invisible on pages
//! and in emails. They are refused in one place per kind of input:
//!
//! - the path and the query string, for every route, by [`guard`] (wrapped around the whole
//!   application in `startup`): 400 for the path, 422 naming the parameter for the query;
//! - JSON bodies by `http::parse_json` (every API body goes through `http::Json`): 422 naming
//!   the field by its JSON path (`signatures[0].framework`);
//! - form bodies by `pages::web::Form`: an error page naming the field.
//!
//! A request line longer than [`MAX_REQUEST_LINE`] is answered 414 by [`screen_connection`],
//! before actix-http parses it (beyond 64 KB it answers a bare 400 no code of ours can shape).
//!
//! Line breaks and tabs are kept there (descriptions and narratives are written in lines); in
//! values that are one line (names, titles, labels) `validation` makes them spaces, and emails
//! and codes refuse them. The OpenAPI document states the rule as a pattern (`openapi::refine`).

use crate::error::{ApiError, FieldError};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::ResponseError;

/// The first character that no text may contain: a control character other than tab, line
/// feed and carriage return.
pub fn forbidden(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The first character a one-line value may not contain: any control character.
pub fn forbidden_in_line(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control())
}

/// "contains the control character U+0000", for a field error's reason.
pub fn reason(c: char) -> String {
    format!("contains the control character U+{:04X}", c as u32)
}

/// What `accepted` says about such text.
pub const ACCEPTED: &str = "text without control characters (line breaks and tabs only where text has lines)";

/// The field error for `field` if `s` holds a forbidden character.
pub fn check(field: &str, s: &str) -> Result<(), FieldError> {
    match forbidden(s) {
        Some(c) => Err(FieldError::new(field, reason(c)).accepting(ACCEPTED)),
        None => Ok(()),
    }
}

/// Decodes `%XX` escapes (a path's; `+` stays a plus), or None if the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// What is wrong with a request's path or query string, if anything.
pub fn check_target(path: &str, query: &str) -> Result<(), ApiError> {
    match percent_decode(path) {
        None => {
            return Err(ApiError::Malformed(
                FieldError::new("path", "is not UTF-8 once decoded").accepting("a UTF-8 path"),
            ))
        }
        Some(p) => {
            if let Some(c) = forbidden_in_line(&p) {
                return Err(ApiError::Malformed(FieldError::new("path", reason(c)).accepting(ACCEPTED)));
            }
        }
    }
    let mut errors = vec![];
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if let Some(c) = forbidden_in_line(&name) {
            errors.push(FieldError::new("query", format!("a parameter name {}", reason(c))).accepting(ACCEPTED));
        } else if let Some(c) = forbidden_in_line(&value) {
            errors.push(FieldError::new(name.to_string(), reason(c)).accepting(ACCEPTED));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Wraps the whole application: a path or query string with a control character is answered
/// here, as a problem under `/api/` and as a page elsewhere, before any route or database sees it.
pub async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match check_target(req.uri().path(), req.query_string()) {
        Ok(()) => Ok(next.call(req).await?.map_into_boxed_body()),
        Err(e) => {
            let http = req.request().clone();
            let res = if is_api(req.path()) { e.error_response() } else { refusal_page(&http, &e) };
            Ok(req.into_response(res))
        }
    }
}

/// Whether a path is the API's (answered with problem JSON) rather than a page's.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// An `ApiError` shown as a page, for requests refused before reaching a page route.
pub fn refusal_page(req: &actix_web::HttpRequest, e: &ApiError) -> actix_web::HttpResponse {
    let status = e.status_code();
    let status = if status == StatusCode::UNPROCESSABLE_ENTITY { StatusCode::BAD_REQUEST } else { status };
    let detail = match e {
        ApiError::Validation(errors) => {
            errors.iter().map(|e| format!("{} {}", e.field, e.reason)).collect::<Vec<_>>().join("; ")
        }
        ApiError::Malformed(e) => format!("{} {}", e.field, e.reason),
        other => other.to_string(),
    };
    let text = format!(
        "{}. Addresses and forms cannot contain control characters; if you followed a link, it may be damaged.",
        crate::pages::web::sentence(&detail)
    );
    crate::pages::web::message(
        req,
        status,
        "Something is not right with this request",
        &[&text],
        Some(("/", "Go to the home page")),
    )
    .unwrap_or_else(|e| e.error_response())
}

/// The longest request line (method, target and version) taken: browsers and proxies rarely
/// go beyond 8 KB, and nothing here needs more.
pub const MAX_REQUEST_LINE: usize = 16 * 1024;

/// Looks at the first request of a new connection without consuming it. When its request line
/// is longer than [`MAX_REQUEST_LINE`], answers `414 URI Too Long` in the shape of the address
/// (problem JSON under `/api/`, a page elsewhere), closes the connection and returns None;
/// otherwise hands the connection back untouched for actix-http to serve.
pub async fn screen_connection(mut io: tokio::net::TcpStream) -> std::io::Result<Option<tokio::net::TcpStream>> {
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::time::{sleep, timeout_at, Instant};
    let mut buf = vec![0u8; MAX_REQUEST_LINE + 1];
    // A client slower than this is left to actix-http's own request timeout.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut seen = 0;
    let n = loop {
        let n = match timeout_at(deadline, io.peek(&mut buf)).await {
            Ok(n) => n?,
            Err(_) => return Ok(Some(io)),
        };
        if n == 0 || buf[..n].contains(&b'\n') {
            return Ok(Some(io));
        }
        if n > MAX_REQUEST_LINE {
            break n;
        }
        // Peeking again returns at once while the bytes seen are still unread: wait for more.
        if n == seen {
            sleep(Duration::from_millis(2)).await;
        }
        seen = n;
    };
    let line = String::from_utf8_lossy(&buf[..n]);
    let path = line.split(' ').nth(1).unwrap_or("/");
    let response = long_request_line_answer(is_api(path));
    io.write_all(&response).await?;
    io.shutdown().await?;
    // Read what the client is still sending (up to a bound) so that closing does not reset the
    // connection before it has read the answer.
    let mut sink = [0u8; 16 * 1024];
    let mut drained = 0;
    while drained < 4 * 1024 * 1024 {
        match timeout_at(Instant::now() + Duration::from_secs(1), io.read(&mut sink)).await {
            Ok(Ok(n)) if n > 0 => drained += n,
            _ => break,
        }
    }
    Ok(None)
}

/// The whole HTTP response to a request line that is too long.
fn long_request_line_answer(api: bool) -> Vec<u8> {
    let detail = format!(
        "the address is longer than {} KB; shorten the query string, or send the data in a request body",
        MAX_REQUEST_LINE / 1024
    );
    let (content_type, body) = if api {
        let problem = crate::error::Problem {
            type_: "/problems/uri-too-long".into(),
            title: "The address is too long".into(),
            status: 414,
            detail,
            errors: vec![FieldError::new("path", "is too long")
                .accepting(format!("a path and query string of at most {} KB", MAX_REQUEST_LINE / 1024))],
            current_version: None,
        };
        ("application/problem+json", serde_json::to_string(&problem).unwrap_or_default())
    } else {
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>The address is too long</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n\
             <body>\n<main id=\"main\">\n<h1>The address is too long</h1>\n<p>{}.</p>\n\
             <p><a href=\"/\">Go to the home page</a></p>\n</main>\n</body>\n</html>\n",
            crate::pages::web::sentence(&detail)
        );
        ("text/html; charset=utf-8", page)
    };
    format!(
        "HTTP/1.1 414 URI Too Long\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\
         cache-control: no-store\r\nx-content-type-options: nosniff\r\n\
         content-security-policy: default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n\
         x-frame-options: DENY\r\nreferrer-policy: same-origin\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_queries() {
        assert!(check_target("/reports/%00", "").is_err());
        assert!(check_target("/reports/%FF", "").is_err());
        assert!(check_target("/api/v1/frameworks/a%00b", "").is_err());
        assert!(check_target("/reports/x%2", "").is_ok());
        assert!(check_target("/reports/%C5%81%C3%B3d%C5%BA", "a=b+c&d=%0").is_ok());
        match check_target("/x", "status=a%01b") {
            Err(ApiError::Validation(e)) => assert_eq!(e[0].field, "status"),
            other => panic!("{other:?}"),
        }
        assert!(check_target("/x", "next=%0A").is_err());
    }

    #[test]
    fn text_keeps_lines_and_tabs() {
        assert_eq!(forbidden("a\nb\tc\r\n"), None);
        assert_eq!(forbidden("a\u{0}b"), Some('\0'));
        assert_eq!(forbidden("a\u{1b}b"), Some('\u{1b}'));
        assert_eq!(forbidden("a\u{85}b"), Some('\u{85}'));
        assert_eq!(forbidden_in_line("a\tb"), Some('\t'));
    }
}
