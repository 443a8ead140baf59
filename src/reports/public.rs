//! Published reports for everyone, without signing in: `/reports`, `/reports/{slug}` with
//! `.json` and `.csv` siblings, each version at `/reports/{slug}/versions/{n}` (+ `.json`,
//! `.csv`), and one CSV per table under `.../tables/{table}.csv`. The bytes served are those
//! frozen at publication; drafts are never reachable here. An older version carries a `Link`
//! header pointing at the latest (RFC 5829), since its own bytes cannot change. Every file
//! carries an `ETag` naming its report, version and file; a request whose `If-None-Match`
//! matches it gets `304 Not Modified` without the body being read from the database.

use super::{files, store};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::http::db;
use crate::i18n::Lang;
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

/// The HTML list of published reports, in the reader's language (or `?lang=`).
pub async fn index(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, actix_web::Error> {
    let (lang, explicit) = wanted_language(&req)?;
    let settings = state.settings.clone();
    let list = db(&state.pool, move |c| store::list(c, &settings, false)).await?;
    let html = super::render::list_html(&state.report_templates, &state.settings.network.name, &list, lang)
        .map_err(ApiError::from)?;
    let mut res = HttpResponse::Ok();
    res.content_type("text/html; charset=utf-8").insert_header((header::CONTENT_LANGUAGE, lang.tag()));
    if !explicit {
        res.insert_header((header::VARY, "Accept-Language, Cookie"));
    }
    Ok(res.body(html))
}

/// The language a report page is asked in: `?lang=` when given (an offered language, else a
/// 404 page naming the offered ones), else the reader's (`pages::web::lang`). The bool says
/// whether `?lang=` chose it (the answer then does not vary with the request's headers).
fn wanted_language(req: &HttpRequest) -> Result<(Lang, bool), actix_web::Error> {
    let asked = web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("lang").cloned());
    let reader = crate::pages::web::lang(req);
    match asked {
        None => Ok((if Lang::OFFERED.contains(&reader) { reader } else { Lang::En }, false)),
        Some(tag) => match Lang::from_tag(&tag).filter(|l| Lang::OFFERED.contains(l)) {
            Some(l) => Ok((l, true)),
            None => {
                let names = Lang::OFFERED.iter().map(|l| format!("{} ({})", l.own_name(), l.tag())).collect::<Vec<_>>();
                let detail =
                    crate::t!(reader, "report-lang-unknown-detail", tag = tag.as_str(), languages = names.join(", "));
                Err(crate::pages::web::PageError::NotFound(detail).into())
            }
        },
    }
}

/// The note put above an old version's English report when another language was asked for.
fn english_only_note(lang: Lang) -> String {
    let esc = |s: String| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<div class=\"banner\" role=\"note\" lang=\"{}\"><p><strong>{}</strong> {}</p></div>\n",
        lang.tag(),
        esc(crate::t!(lang, "report-old-version-strong")),
        esc(crate::t!(lang, "report-old-version-text"))
    )
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
    format!("\"r{report}-v{version}-{}\"", files::safe_name(name))
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
) -> Result<HttpResponse, actix_web::Error> {
    let html = name == "report.html";
    // The HTML is frozen in every language; JSON and CSV are language-neutral.
    let (lang, explicit) = if html { wanted_language(&req)? } else { (Lang::En, true) };
    let vary = html && !explicit;
    let (s, n) = (slug.clone(), name.clone());
    let cache = |number: Option<i32>| if number.is_some() { "public, max-age=86400, immutable" } else { "no-cache" };
    let tags = if_none_match(&req);
    let dir = state.settings.reports.cache_dir.clone();
    let found = db(&state.pool, move |c| {
        let Some(id) = store::by_slug(c, &s)? else { return Ok(None) };
        let published = store::published_numbers(c, id)?;
        let Some(&latest) = published.last() else { return Ok(None) };
        let wanted = number.unwrap_or(latest);
        if !published.contains(&wanted) {
            return Ok(None);
        }
        // A version published before reports had languages has its English HTML only: it is
        // served for every language, with a note in the language asked for.
        let (stored, english_only) = if !html {
            (n.clone(), false)
        } else if store::version_languages(c, id, wanted)?.contains(&lang) {
            (super::render::html_name(lang), false)
        } else {
            ("report.html".to_string(), lang != Lang::En)
        };
        let tag = if english_only {
            etag(id, wanted, &format!("{stored}-{}", lang.tag()))
        } else {
            etag(id, wanted, &stored)
        };
        if not_modified(&tags, &tag) {
            return Ok(Some(Err(tag)));
        }
        let Some(meta) = store::output_meta(c, id, wanted, &stored)? else { return Ok(None) };
        let note = english_only.then(|| (lang.tag(), english_only_note(lang)));
        let source = files::ensure(c, &dir, &meta, &stored, note)?;
        Ok(Some(Ok((meta.content_type, source, wanted, latest, tag, english_only))))
    })
    .await
    .map_err(|e| as_page_if_html(&name, e))?;
    if let Some(Err(tag)) = &found {
        let mut res = HttpResponse::NotModified();
        res.insert_header((header::ETAG, tag.clone())).insert_header((header::CACHE_CONTROL, cache(number)));
        if vary {
            res.insert_header((header::VARY, "Accept-Language, Cookie"));
        }
        return Ok(res.finish());
    }
    let Some(Ok((content_type, source, wanted, latest, tag, english_only))) = found else {
        return Err(as_page_if_html(
            &name,
            match number {
                None => not_published(&slug),
                Some(v) => {
                    ApiError::not_found(format!("report `{slug}` has no published version {v} with a file `{name}`"))
                }
            },
        ));
    };
    let mut headers = vec![(header::ETAG, tag)];
    if html {
        headers.push((header::CONTENT_LANGUAGE, if english_only { "en" } else { lang.tag() }.to_string()));
    }
    let mut vary_on = vec![];
    if vary {
        vary_on.extend(["Accept-Language", "Cookie"]);
    }
    if content_type.starts_with("text/csv") {
        let file = match (number, name.as_str()) {
            (_, n) if n.starts_with("tables/") => format!("{slug}-v{wanted}-{}", n.trim_start_matches("tables/")),
            _ => format!("{slug}-v{wanted}.csv"),
        };
        headers.push((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")));
    }
    // A version's bytes never change; the latest address must show a correction at once.
    headers.push((header::CACHE_CONTROL, cache(number).to_string()));
    if wanted < latest {
        headers.push((
            header::LINK,
            format!(
                "</reports/{slug}>; rel=\"latest-version\", </reports/{slug}/versions/{}>; rel=\"successor-version\"",
                wanted + 1
            ),
        ));
    }
    let mut res = match source {
        files::Source::File { path, gzip } => {
            // The gzip twin for readers who take it (the Compress middleware leaves an encoded
            // response alone); either way the file is streamed in chunks, never read whole.
            let gzipped = gzip.filter(|_| files::accepts_gzip(&req));
            vary_on.push("Accept-Encoding");
            let mime: mime::Mime = content_type.parse().unwrap_or(mime::APPLICATION_OCTET_STREAM);
            let mut file = actix_files::NamedFile::open_async(gzipped.as_ref().unwrap_or(&path))
                .await
                .map_err(|e| {
                    as_page_if_html(&name, ApiError::Unexpected(anyhow::anyhow!("reading {}: {e}", path.display())))
                })?
                .set_content_type(mime)
                .use_etag(false)
                .use_last_modified(false)
                .disable_content_disposition();
            if gzipped.is_some() {
                file = file.set_content_encoding(actix_web::http::header::ContentEncoding::Gzip);
            }
            file.into_response(&req)
        }
        files::Source::Memory(body) => HttpResponse::Ok().content_type(content_type.as_str()).body(body),
    };
    for (k, v) in headers {
        if let Ok(v) = header::HeaderValue::from_str(&v) {
            res.headers_mut().insert(k, v);
        }
    }
    if !vary_on.is_empty() {
        res.headers_mut().insert(header::VARY, header::HeaderValue::from_str(&vary_on.join(", ")).expect("ASCII"));
    }
    Ok(res)
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
    serve(req, state, slug.to_string(), None, name.to_string()).await
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
) -> Result<HttpResponse, actix_web::Error> {
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
    serve(req, state, slug, Some(n), name.to_string()).await
}

/// `/reports/{slug}/versions/{n}/tables/{table}.csv`.
pub async fn version_table(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, actix_web::Error> {
    let (slug, n, file) = path.into_inner();
    let n = number(&n, &slug)?;
    let name = table_file(&file)?;
    serve(req, state, slug, Some(n), name).await
}
