//! The override folder: a copy of any subset of `templates/email/`, whose files replace the
//! built-in ones of the same path (or add languages), so wording can change without a rebuild.

use std::io;
use std::path::{Path, PathBuf};

use super::{Source, TemplateError};

/// Every template file of the override folder `dir`, by its path relative to `dir` (as the
/// built-in file it replaces is named).
pub(super) fn read(dir: &Path) -> Result<Vec<(String, Source)>, TemplateError> {
    let mut sources = Vec::new();
    for (rel, path) in override_files(dir)? {
        let file = path.display().to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|source| TemplateError::Read { file: file.clone(), source })?;
        sources.push((rel, Source { text, origin: file }));
    }
    Ok(sources)
}

/// Every `*.hbs` file under `dir` as (path relative to `dir` with `/` separators, full path).
/// Hidden files and folders are skipped, so editor and VCS droppings do not count.
fn override_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, TemplateError> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = if rel.is_empty() { name } else { format!("{rel}/{}", name) };
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &rel, out)?;
            } else if rel.ends_with(".hbs") {
                out.push((rel, path));
            }
        }
        Ok(())
    }

    let mut out = Vec::new();
    walk(dir, "", &mut out).map_err(|source| TemplateError::OverrideDir { dir: dir.display().to_string(), source })?;
    Ok(out)
}
