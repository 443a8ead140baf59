//! Import and export: cities with their contacts, and plans with their actions, read from the
//! spreadsheets cities already keep (XLSX or CSV), always previewed before anything is written;
//! and everything (or one city, or the public open data) written out as one XLSX workbook or a
//! zip of CSVs with a Frictionless `datapackage.json`.
//!
//! `read` turns bytes into sheets of cells; `commands` matches rows to what exists, validates
//! them with the same rules as the forms (each domain's `validate`/`parse`), previews and, when
//! confirmed, writes all rows in one transaction; `store` holds the reads and the pending
//! uploads; `export` builds the tables and writes the formats (and the templates); `routes` is
//! the API.

pub mod commands;
pub mod export;
pub mod read;
pub mod routes;
pub mod store;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::history::Actor;
use serde::Serialize;
use utoipa::ToSchema;

/// The largest upload accepted (bytes).
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;
/// The most data rows in one sheet or CSV file.
pub const MAX_ROWS: usize = 20_000;
/// The most a workbook may expand to when unzipped (bytes): a zip bomb is refused before
/// anything parses it.
pub const MAX_UNZIPPED: u64 = 100 * 1024 * 1024;
/// How long an uploaded file waits for its preview to be confirmed.
pub const PENDING_MINUTES: i64 = 60;

crate::text_enum! {
    /// What a file imports: cities (with contacts, signatures, and in a workbook also plans
    /// and actions), or one plan's actions.
    ImportKind { Cities = "cities", Actions = "actions" }
}

/// Who imports: a signed-in person or token, or the command line (which may do anything,
/// like the database owner it runs as).
#[derive(Clone, Copy)]
pub enum Who<'a> {
    Person(&'a Caller),
    CommandLine,
}

impl Who<'_> {
    pub fn require_secretariat(&self) -> ApiResult<()> {
        match self {
            Who::Person(c) => c.require_secretariat(),
            Who::CommandLine => Ok(()),
        }
    }

    pub fn can_edit_city(&self, city_id: i64) -> ApiResult<()> {
        match self {
            Who::Person(c) => c.can_edit_city(city_id),
            Who::CommandLine => Ok(()),
        }
    }

    /// How history names the import: who, and which file.
    pub fn actor(&self, file_name: &str) -> Actor {
        match self {
            Who::Person(c) => Actor { user_id: Some(c.user_id), label: format!("{} (import of {file_name})", c.email) },
            Who::CommandLine => Actor { user_id: None, label: format!("command line (import of {file_name})") },
        }
    }

    pub fn user_id(&self) -> Option<i64> {
        match self {
            Who::Person(c) => Some(c.user_id),
            Who::CommandLine => None,
        }
    }
}

/// What happens to one object named by a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Create,
    Update,
    Unchanged,
    /// The row has a mistake: nothing happens until it is fixed.
    Refused,
}

/// One object a row creates, changes or leaves alone.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RowOutcome {
    pub sheet: String,
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
    /// city, contact, plan or action.
    pub object: &'static str,
    /// The object's name or title.
    pub label: String,
    pub outcome: Outcome,
    /// The fields that change (for updates).
    pub changes: Vec<String>,
}

/// One mistake in one cell.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Mistake {
    pub sheet: String,
    pub row: usize,
    /// The column's header.
    pub column: String,
    /// What the cell holds.
    pub found: String,
    /// What is wrong, in the forms' words.
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
}

/// What an import will do (a preview) or did (once applied).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Preview {
    pub kind: ImportKind,
    pub file_name: String,
    pub format: read::Format,
    /// The plan a file of actions goes into.
    pub plan_id: Option<i64>,
    /// No mistakes: the import can be applied.
    pub ok: bool,
    /// Whether it was written (`?apply=true` or a confirmation).
    pub applied: bool,
    pub counts: Counts,
    pub rows: Vec<RowOutcome>,
    pub mistakes: Vec<Mistake>,
    /// Sheets read, and columns that were not understood (left alone).
    pub sheets: Vec<String>,
    pub ignored_columns: Vec<String>,
    /// Send to `POST /api/v1/imports/confirm/{token}` within the hour to apply this preview.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm_token: Option<String>,
}

/// A text from the file as the preview echoes it: control characters (which the file may hold
/// and the API never sends; see the OpenAPI `pattern` on every text) are written as `U+0097`,
/// so the person sees what was found and the answer stays valid.
fn shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

impl Preview {
    /// Every text that came from the file, made safe to echo (`shown`).
    fn echoed_safely(mut self) -> Preview {
        self.file_name = shown(&self.file_name);
        for s in self.sheets.iter_mut().chain(self.ignored_columns.iter_mut()) {
            *s = shown(s);
        }
        for m in &mut self.mistakes {
            m.sheet = shown(&m.sheet);
            m.column = shown(&m.column);
            m.found = shown(&m.found);
            m.reason = shown(&m.reason);
            m.accepted = m.accepted.as_deref().map(shown);
        }
        for r in &mut self.rows {
            r.sheet = shown(&r.sheet);
            r.label = shown(&r.label);
            for c in &mut r.changes {
                *c = shown(c);
            }
        }
        self
    }

    fn count(&mut self) {
        let mut c = Counts::default();
        for r in &self.rows {
            match r.outcome {
                Outcome::Create => c.create += 1,
                Outcome::Update => c.update += 1,
                Outcome::Unchanged => c.unchanged += 1,
                Outcome::Refused => {}
            }
        }
        self.counts = c;
        self.ok = self.mistakes.is_empty();
    }

    /// The 422 for applying a file with mistakes.
    pub fn refusal(&self) -> ApiError {
        ApiError::Validation(
            self.mistakes
                .iter()
                .map(|m| {
                    let mut e = crate::error::FieldError::new(
                        format!("{}!{}{}", m.sheet, m.column, m.row),
                        format!("{} (found `{}`)", m.reason, m.found),
                    );
                    e.accepted = m.accepted.clone();
                    e
                })
                .collect(),
        )
    }
}

/// The preview as plain text, for the command line: counts, every row that changes something,
/// and every mistake.
pub fn preview_text(p: &Preview) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}): {} to create, {} to change, {} unchanged, {} mistake(s)",
        p.file_name,
        match p.format {
            read::Format::Xlsx => "XLSX",
            read::Format::Csv => "CSV",
        },
        p.counts.create,
        p.counts.update,
        p.counts.unchanged,
        p.mistakes.len()
    );
    for r in p.rows.iter().filter(|r| r.outcome != Outcome::Unchanged) {
        let what = match r.outcome {
            Outcome::Create => "create".to_string(),
            Outcome::Update => format!("change {}", r.changes.join(", ")),
            Outcome::Refused => "refused".into(),
            Outcome::Unchanged => "unchanged".into(),
        };
        let _ = writeln!(out, "  {} row {}: {} {}: {what}", r.sheet, r.row, r.object, r.label);
    }
    for m in &p.mistakes {
        let accepted = m.accepted.as_ref().map(|a| format!(" (accepted: {a})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  mistake: {} row {}, column {}: found `{}`: {}{accepted}",
            m.sheet, m.row, m.column, m.found, m.reason
        );
    }
    for c in &p.ignored_columns {
        let _ = writeln!(out, "  ignored: {c}");
    }
    out
}

#[cfg(test)]
mod echo_tests {
    #[test]
    fn control_characters_from_a_file_are_echoed_as_code_points() {
        assert_eq!(super::shown("csv: \u{97}$ a\tb"), "csv: U+0097$ a\tb");
        assert_eq!(super::shown("Łódź"), "Łódź");
    }
}
