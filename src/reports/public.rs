//! Published reports for everyone, without signing in: `/reports`, `/reports/{slug}` with
//! `.json` and `.csv` siblings, each version at `/reports/{slug}/versions/{n}` (+ `.json`,
//! `.csv`), and one CSV per table under `.../tables/{table}.csv`. The bytes served are those
//! frozen at publication; drafts are never reachable here. An older version carries a `Link`
//! header pointing at the latest (RFC 5829), since its own bytes cannot change. Every file
//! carries an `ETag` naming its report, version and file; a request whose `If-None-Match`
//! matches it gets `304 Not Modified` without the body being read from the database.

use super::store;
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::http::db;
use actix_web::{http::header, web, HttpRequest, HttpResponse};

/// Registered inside the pages' scope (after the secretariat's `/reports/manage` pages), so a
/// missing report asked for as a page gets a page; JSON and CSV keep problem+json.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/reports", web::get().to(index))
        .route("/reports/{file}", web::get().to(latest))
        .route("/reports/{slug}/tables/{file}", web::get().to(latest_table))
        .route("/reports/{slug}/versions/{file}", web::get().to(version))
        .route("/reports/{slug}/versions/{n}/tables/{file}", web::get().to(version_table));
}

/// The HTML list of published reports.
pub async fn index(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let settings = state.settings.clone();
    let list = db(&state.pool, move |c| store::list(c, &settings, false)).await?;
    let html = super::render::list_html(&state.report_templates, &state.settings.network.name, &list)?;
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html))
}

/// `name.json` -> ("name", "report.json"); `name.csv` -> ("name", "report.csv"); `name` -> ("name", "report.html").
fn split(file: &str) -> (&str, &'static str) {
    if let Some(s) = file.strip_suffix(".json") {
        (s, "report.json")
    } else if let Some(s) = file.strip_suffix(".csv") {
        (s, "report.csv")
    } else {
        (file, "report.html")
    }
}

fn not_published(slug: &str) -> ApiError {
    ApiError::not_found(format!("no published report `{slug}`; the published reports are listed at /reports"))
}

/// The entity tag of one stored file: a version's bytes never change, so its report, version
/// and file name identify them.
fn etag(report: i64, version: i32, name: &str) -> String {
    let file: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect();
    format!("\"r{report}-v{version}-{file}\"")
}

/// The tags `If-None-Match` names.
fn if_none_match(req: &HttpRequest) -> Vec<String> {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|t| t.trim().to_string()).collect::<Vec<_>>())
        .collect()
}

/// Whether one of the tags is this one (or `*`); weak tags compare equal too (RFC 9110).
fn not_modified(tags: &[String], tag: &str) -> bool {
    tags.iter().any(|t| t == "*" || t.trim_start_matches("W/") == tag)
}

/// Serves one stored output; `number` None means the latest published version.
async fn serve(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: String,
    number: Option<i32>,
    name: String,
) -> ApiResult<HttpResponse> {
    let (s, n) = (slug.clone(), name.clone());
    let cache = |number: Option<i32>| if number.is_some() { "public, max-age=86400, immutable" } else { "no-cache" };
    let tags = if_none_match(&req);
    let found = db(&state.pool, move |c| {
        let Some(id) = store::by_slug(c, &s)? else { return Ok(None) };
        let published = store::published_numbers(c, id)?;
        let Some(&latest) = published.last() else { return Ok(None) };
        let wanted = number.unwrap_or(latest);
        if !published.contains(&wanted) {
            return Ok(None);
        }
        let tag = etag(id, wanted, &n);
        if not_modified(&tags, &tag) {
            return Ok(Some(Err(tag)));
        }
        Ok(store::output(c, id, wanted, &n)?.map(|o| Ok((o, wanted, latest, tag))))
    })
    .await?;
    if let Some(Err(tag)) = &found {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, tag.clone()))
            .insert_header((header::CACHE_CONTROL, cache(number)))
            .finish());
    }
    let Some(Ok(((content_type, body), wanted, latest, tag))) = found else {
        return Err(match number {
            None => not_published(&slug),
            Some(v) => {
                ApiError::not_found(format!("report `{slug}` has no published version {v} with a file `{name}`"))
            }
        });
    };
    let mut res = HttpResponse::Ok();
    res.content_type(content_type.as_str());
    res.insert_header((header::ETAG, tag));
    if content_type.starts_with("text/csv") {
        let file = match (number, name.as_str()) {
            (_, n) if n.starts_with("tables/") => format!("{slug}-v{wanted}-{}", n.trim_start_matches("tables/")),
            _ => format!("{slug}-v{wanted}.csv"),
        };
        res.insert_header(("Content-Disposition", format!("attachment; filename=\"{file}\"")));
    }
    // A version's bytes never change; the latest address must show a correction at once.
    res.insert_header((header::CACHE_CONTROL, cache(number)));
    if wanted < latest {
        res.insert_header((
            "Link",
            format!(
                "</reports/{slug}>; rel=\"latest-version\", </reports/{slug}/versions/{}>; rel=\"successor-version\"",
                wanted + 1
            ),
        ));
    }
    Ok(res.body(body))
}

/// A missing HTML report is a page for people; a missing data file a problem for programs.
fn as_page_if_html(name: &str, e: ApiError) -> actix_web::Error {
    if name == "report.html" {
        crate::pages::web::PageError::from(e).into()
    } else {
        e.into()
    }
}

/// `/reports/{slug}`, `.json`, `.csv`: the latest published version.
pub async fn latest(
    req: HttpRequest,
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, actix_web::Error> {
    let (slug, name) = split(&file);
    serve(req, state, slug.to_string(), None, name.to_string()).await.map_err(|e| as_page_if_html(name, e))
}

fn table_file(file: &str) -> ApiResult<String> {
    let name = file.strip_suffix(".csv").filter(|n| super::render::table_names().contains(n));
    name.map(|n| format!("tables/{n}.csv")).ok_or_else(|| {
        ApiError::not_found(format!(
            "there is no table `{file}`; the tables are {}",
            super::render::table_names().iter().map(|t| format!("{t}.csv")).collect::<Vec<_>>().join(", ")
        ))
    })
}

/// `/reports/{slug}/tables/{table}.csv`: one table of the latest published version.
pub async fn latest_table(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (slug, file) = path.into_inner();
    let name = table_file(&file)?;
    serve(req, state, slug, None, name).await
}

fn number(raw: &str, slug: &str) -> ApiResult<i32> {
    raw.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::not_found(format!("`{raw}` is not a version number of `{slug}`")))
}

/// `/reports/{slug}/versions/{n}` (+ `.json`, `.csv`): one published version.
pub async fn version(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, actix_web::Error> {
    let (slug, file) = path.into_inner();
    let (n, name) = split(&file);
    let n = number(n, &slug).map_err(|e| as_page_if_html(name, e))?;
    serve(req, state, slug, Some(n), name.to_string()).await.map_err(|e| as_page_if_html(name, e))
}

/// `/reports/{slug}/versions/{n}/tables/{table}.csv`.
pub async fn version_table(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> ApiResult<HttpResponse> {
    let (slug, n, file) = path.into_inner();
    let n = number(&n, &slug)?;
    let name = table_file(&file)?;
    serve(req, state, slug, Some(n), name).await
}
