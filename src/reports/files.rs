//! Published outputs kept as files on this instance's disk, and served from there.
//!
//! A published version never changes, so each of its outputs is copied once from the database
//! into `reports.cache_dir`, beside a gzip twin, and every later request streams the file in
//! chunks (actix-files) instead of holding the stored bytes in memory: at 10,000 cities the
//! report is 11.6 MB of HTML, and sixteen readers at once took the server to 436 MB when each
//! request read it from the database (README, Performance). Readers whose browser accepts gzip
//! get the compressed twin, compressed once instead of on every request.
//!
//! Each instance keeps its own copies; nothing is shared but the database. A file's name carries
//! the version row's id, its publication time and the output's length, so a copy left by
//! another database in the same folder (a restored backup, another test) is never taken for
//! this one; a file whose length is not the stored length (a crash halfway through writing) is
//! written again. When the folder cannot be written (read-only disk, disk full) the output is
//! served from memory as before, with a warning in the log.

use super::store::OutputMeta;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where an output is to be read from.
pub enum Source {
    /// The file and, when it could be written, its gzip twin.
    File { path: PathBuf, gzip: Option<PathBuf> },
    /// The bytes themselves (the folder could not be written).
    Memory(Vec<u8>),
}

/// One copy at a time: readers asking for an output not yet on disk wait for the first one's
/// copy instead of each reading the stored bytes (16 of them would hold 16 copies at once).
static COPYING: Mutex<()> = Mutex::new(());

/// The output's file, copied from the database first if this instance has none yet. `note`
/// (for versions frozen in English only) is inserted after the opening of `<main>`; `variant`
/// names what makes such a copy different from the stored bytes (the note's language).
pub fn ensure(
    conn: &mut DbConnection,
    dir: &Path,
    meta: &OutputMeta,
    name: &str,
    variant: Option<(&str, String)>,
) -> ApiResult<Source> {
    let path = dir.join(file_name(meta, name, variant.as_ref().map(|(v, _)| *v)));
    let expected = |p: &Path| std::fs::metadata(p).ok().map(|m| m.len());
    // A copy with a note is longer than the stored bytes by the note's length.
    let want_len = meta.length as u64 + variant.as_ref().map_or(0, |(_, note)| note.len() as u64);
    if expected(&path) == Some(want_len) {
        return Ok(Source::File { gzip: gzip_twin(&path), path });
    }
    let _one_at_a_time = COPYING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if expected(&path) == Some(want_len) {
        return Ok(Source::File { gzip: gzip_twin(&path), path });
    }
    let Some(mut body) = super::store::output_body(conn, meta.version_id, name)? else {
        return Err(ApiError::not_found(format!("the published version has no file `{name}`")));
    };
    if let Some((_, note)) = variant {
        splice_after_main(&mut body, note);
    }
    match write(&path, &body) {
        Ok(()) => Ok(Source::File { gzip: gzip_twin(&path), path }),
        Err(e) => {
            tracing::warn!(folder = %dir.display(), error = %e,
                "could not keep a published report output on disk (reports.cache_dir); serving it from memory");
            Ok(Source::Memory(body))
        }
    }
}

fn file_name(meta: &OutputMeta, name: &str, variant: Option<&str>) -> String {
    let safe = safe_name(name);
    let published = meta.published_at.map_or(0, |t| t.and_utc().timestamp_micros());
    let variant = variant.map(|v| format!("-{v}")).unwrap_or_default();
    format!("v{}-{published}-{}{variant}-{safe}", meta.version_id, meta.length)
}

/// An output's name with anything but ASCII letters, digits and dots as `-` (for file names
/// and entity tags).
pub fn safe_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect()
}

fn gzip_twin(path: &Path) -> Option<PathBuf> {
    let gz = gz_path(path);
    gz.is_file().then_some(gz)
}

fn gz_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".gz");
    PathBuf::from(p)
}

/// Writes the gzip twin first and the file last, each to a temporary name, synced, then
/// renamed: a file present under its name is whole, and so is its twin.
fn write(path: &Path, body: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(dir)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 8), flate2::Compression::default());
    gz.write_all(body)?;
    let compressed = gz.finish()?;
    // Only worth keeping when it saves something (it always does for HTML, CSV and JSON).
    if compressed.len() < body.len() {
        replace(&gz_path(path), &compressed)?;
    }
    drop(compressed);
    replace(path, body)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// What a file being written is named after its final name (then the writer's process id).
const TEMPORARY: &str = ".tmp-";

fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!("{TEMPORARY}{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// Removes the temporary files a copy left behind when its process was killed halfway (`kill
/// -9`, power loss): `NAME.tmp-PID` files in `dir` last written more than an hour ago. A copy
/// being written now by another instance sharing the folder is younger, and is left alone.
/// Returns how many were removed; a folder that does not exist yet has none.
pub fn remove_abandoned_copies(dir: &Path, now: std::time::SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().contains(TEMPORARY) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > std::time::Duration::from_secs(3600)));
        if old && entry.file_type().is_ok_and(|t| t.is_file()) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(file = %entry.path().display(), error = %e, "could not remove an abandoned report copy")
                }
            }
        }
    }
    if removed > 0 {
        tracing::info!(folder = %dir.display(), removed, "removed report copies left half-written by a stopped process");
    }
    removed
}

/// Inserts `note` right after `<main id="main" tabindex="-1">` (or at the start).
pub fn splice_after_main(body: &mut Vec<u8>, note: String) {
    let at = b"<main id=\"main\" tabindex=\"-1\">\n";
    let pos = body.windows(at.len()).position(|w| w == at).map(|p| p + at.len()).unwrap_or(0);
    body.splice(pos..pos, note.into_bytes());
}

/// Whether the request's `Accept-Encoding` takes gzip (a `q=0` refuses it).
pub fn accepts_gzip(req: &actix_web::HttpRequest) -> bool {
    req.headers().get_all(actix_web::http::header::ACCEPT_ENCODING).filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                let p = p.trim().replace(' ', "");
                p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()).is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn gzip_is_taken_unless_refused() {
        let asks =
            |v: &str| accepts_gzip(&TestRequest::default().insert_header(("Accept-Encoding", v)).to_http_request());
        assert!(asks("gzip, deflate, br"));
        assert!(asks("br;q=1.0, gzip;q=0.8"));
        assert!(asks("*"));
        assert!(!asks("gzip;q=0"));
        assert!(!asks("gzip; q=0.0"));
        assert!(!asks("br, deflate"));
        assert!(!asks("identity"));
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }

    #[test]
    fn copies_left_half_written_are_removed_once_an_hour_old_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let keep = ["v1-0-10-report.html", "v1-0-10-report.html.gz"];
        for f in keep.iter().chain(&["v2-0-99-report.html.tmp-4242", "v2-0-99-report.html.gz.tmp-4242"]) {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let written = std::time::SystemTime::now();
        // Younger than an hour: another instance may be writing it now.
        assert_eq!(remove_abandoned_copies(dir.path(), written + std::time::Duration::from_secs(600)), 0);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        assert_eq!(remove_abandoned_copies(dir.path(), written + std::time::Duration::from_secs(7200)), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, keep);
        assert_eq!(remove_abandoned_copies(&dir.path().join("missing"), written), 0);
    }

    #[test]
    fn a_note_goes_after_the_opening_of_main() {
        let mut body = b"<body><main id=\"main\" tabindex=\"-1\">\n<h1>R</h1>".to_vec();
        splice_after_main(&mut body, "<p>note</p>".into());
        assert_eq!(body, b"<body><main id=\"main\" tabindex=\"-1\">\n<p>note</p><h1>R</h1>".to_vec());
    }

    #[test]
    fn a_copy_is_written_whole_with_its_twin_and_named_by_version_time_and_length() {
        let dir = tempfile::tempdir().unwrap();
        let meta = OutputMeta {
            version_id: 7,
            published_at: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap().and_hms_opt(9, 0, 0),
            content_type: "text/html".into(),
            length: 4000,
        };
        let name = file_name(&meta, "tables/cities.csv", Some("fr"));
        assert!(name.starts_with("v7-") && name.ends_with("-4000-fr-tables-cities.csv"), "{name}");
        let path = dir.path().join("sub").join(&name);
        let body = "ville;valeur\n".repeat(300);
        write(&path, body.as_bytes()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), body.as_bytes());
        let gz = gzip_twin(&path).expect("a gzip twin");
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(std::fs::File::open(gz).unwrap()), &mut back)
            .unwrap();
        assert_eq!(back, body);
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 2);
    }
}
