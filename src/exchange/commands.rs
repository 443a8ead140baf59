//! Importing a file: who may, matching each row to what exists, validating it with the forms'
//! own rules (`cities::commands::parse_city`, `parse_contact`, `plans::commands::parse`,
//! `actions::commands::validate`), the preview of every row and every mistake, and, when
//! confirmed, every write in one transaction (all rows or none).
//!
//! Matching: a city by its `reference` column, else by name and country; a contact by email
//! within its city; a plan by `reference`, else by title within its city; an action by
//! `reference`, else by title within its plan. A row equal to what is stored changes nothing,
//! so importing the same file twice writes nothing the second time.

use super::read::{self, Cell, Sheet};
use super::store::{self as xstore, Pending};
use super::{ImportKind, Mistake, Outcome, Preview, RowOutcome, Who, PENDING_MINUTES};
use crate::actions::store::ActionFields;
use crate::actions::{Action, ActionInput};
use crate::charter::store::{Commitment, Framework};
use crate::cities::commands::{self as city_commands, ContactFields};
use crate::cities::contacts::{Contact, ContactInput};
use crate::cities::store::CityFields;
use crate::cities::{City, SignatureInput};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::ids::{CityId, PlanId};
use crate::plans::store::PlanFields;
use crate::plans::Plan;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// The columns of each sheet an import reads (the templates and exports write the same).
pub const CITY_COLUMNS: &[&str] = &[
    "reference",
    "name",
    "country",
    "public",
    "framework",
    "signed_on",
    "contact_name",
    "contact_email",
    "contact_language",
    "contact_office_role",
    "contact_receives_reminders",
];
pub const SIGNATURE_COLUMNS: &[&str] = &["city_reference", "city", "framework", "signed_on"];
pub const CONTACT_COLUMNS: &[&str] =
    &["city_reference", "city", "name", "email", "language", "office_role", "receives_reminders"];
pub const PLAN_COLUMNS: &[&str] = &[
    "city_reference",
    "city",
    "reference",
    "framework",
    "title",
    "period_start",
    "period_end",
    "status",
    "adopted_on",
    "document_url",
];
pub const ACTION_COLUMNS: &[&str] = &[
    "reference",
    "commitment",
    "title",
    "description",
    "department",
    "partners",
    "delivery",
    "policy_areas",
    "start_date",
    "due_date",
    "status",
    "progress",
];
/// In a workbook of cities, the actions sheet also names each action's city and plan.
pub const PLAN_KEY_COLUMNS: &[&str] = &["city_reference", "city", "plan_reference", "plan"];

/// The framework a signature date without a framework column is for.
const DEFAULT_FRAMEWORK: &str = "eurocities-integrating-cities";

/// The errors a spreadsheet shows in a cell whose formula failed.
const SPREADSHEET_ERRORS: &[&str] =
    &["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!", "#CALC!"];

/// A file as uploaded.
pub struct Upload<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
}

/// Previews a file of cities (secretariat only), or with `apply` writes it if it has no
/// mistakes; a file with mistakes is never written (the preview says why).
pub fn import_cities(
    conn: &mut DbConnection,
    who: Who<'_>,
    upload: Upload<'_>,
    apply: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Preview> {
    who.require_secretariat()?;
    run(conn, who, ImportKind::Cities, None, upload, apply, today, now)
}

/// Previews a file of one plan's actions (the city's editor or the secretariat), or applies it.
pub fn import_actions(
    conn: &mut DbConnection,
    who: Who<'_>,
    plan_id: i64,
    upload: Upload<'_>,
    apply: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Preview> {
    let plan = crate::plans::store::require(conn, plan_id)?;
    who.can_edit_city(plan.plan.city_id)?;
    run(conn, who, ImportKind::Actions, Some(plan_id), upload, apply, today, now)
}

/// Keeps an upload that previewed without mistakes, for a later confirmation; returns the token.
pub fn keep_for_confirmation(
    conn: &mut DbConnection,
    who: Who<'_>,
    preview: &Preview,
    content: Vec<u8>,
    now: DateTime<Utc>,
) -> ApiResult<String> {
    let token = crate::auth::tokens::random_string(24);
    let pending = Pending {
        user_id: who.user_id(),
        kind: preview.kind,
        plan_id: preview.plan_id,
        file_name: preview.file_name.clone(),
        content,
    };
    let expires = now + chrono::Duration::minutes(PENDING_MINUTES);
    xstore::save_pending(conn, &crate::auth::tokens::hash_token(&token), &pending, now, expires)?;
    Ok(token)
}

/// Applies an upload kept by `keep_for_confirmation`, for the person who uploaded it. The file
/// is checked again against the data as it is now: what changed meanwhile shows as mistakes.
pub fn confirm(
    conn: &mut DbConnection,
    who: Who<'_>,
    token: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Preview> {
    let gone = || {
        // 404 rather than 410: an applied or expired import cannot be told from a token that
        // never existed (the row is gone), and a wrong token must not look different.
        ApiError::not_found("no import is waiting under this token: it was applied, its hour passed, or it is not yours; upload the file again")
    };
    let (id, p) = xstore::pending(conn, &crate::auth::tokens::hash_token(token), now)?.ok_or_else(gone)?;
    if p.user_id != who.user_id() {
        return Err(gone());
    }
    let upload = Upload { file_name: &p.file_name, bytes: &p.content };
    let preview = match (p.kind, p.plan_id) {
        (ImportKind::Actions, Some(plan)) => import_actions(conn, who, plan, upload, true, today, now)?,
        _ => import_cities(conn, who, upload, true, today, now)?,
    };
    if preview.applied {
        xstore::delete_pending(conn, id)?;
    }
    Ok(preview)
}

#[allow(clippy::too_many_arguments)]
fn run(
    conn: &mut DbConnection,
    who: Who<'_>,
    kind: ImportKind,
    plan_id: Option<i64>,
    upload: Upload<'_>,
    apply: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<Preview> {
    let (format, sheets) = read::read(upload.bytes)?;
    // The name is the uploader's: keep it short in previews and history.
    let file_name: String = upload.file_name.chars().take(200).collect();
    let upload = Upload { file_name: &file_name, bytes: upload.bytes };
    let mut ctx = Ctx::default();
    // Planning reads inside the transaction, so what is written is what was previewed.
    crate::db::transaction(conn, |c| {
        let ops = match (kind, plan_id) {
            (ImportKind::Actions, Some(plan)) => plan_actions_file(c, &sheets, plan, &mut ctx)?,
            _ => plan_network(c, &sheets, today, &mut ctx)?,
        };
        // One mistake per cell: a formula error also fails the column's own rule.
        let mut seen = std::collections::HashSet::new();
        ctx.mistakes.retain(|m| seen.insert((m.sheet.clone(), m.row, m.column.clone())));
        let sheets = ctx.sheets.clone();
        ctx.mistakes.sort_by_key(|m| (sheets.iter().position(|s| *s == m.sheet).unwrap_or(usize::MAX), m.row));
        let mut preview = Preview {
            kind,
            file_name: upload.file_name.to_string(),
            format,
            plan_id,
            ok: false,
            applied: false,
            counts: Default::default(),
            rows: std::mem::take(&mut ctx.rows),
            mistakes: std::mem::take(&mut ctx.mistakes),
            sheets: ctx.sheets.clone(),
            ignored_columns: ctx.ignored.clone(),
            confirm_token: None,
        };
        preview.count();
        let mut preview = preview.echoed_safely();
        if apply && preview.ok {
            execute(c, ops, &who.actor(upload.file_name), now)?;
            preview.applied = true;
        }
        ApiResult::Ok(preview)
    })
}

// ---------------------------------------------------------------------------------------------
// What a file will do

/// A city the file names: found, to be created, or to be changed.
struct CitySlot {
    existing: Option<City>,
    write: Option<CityFields>,
    /// A reference to store (new, or different from the stored one).
    reference: Option<String>,
    name: String,
    country: String,
    file_reference: Option<String>,
    /// The stored reference of an existing city.
    stored_reference: Option<String>,
    /// The `public` cell: yes/no/blank, or what was found when it is neither.
    public: Option<Result<Option<bool>, String>>,
    /// Where the city's own row is (none when only other sheets name it).
    row: Option<(String, usize)>,
    signatures: Vec<(SignatureInput, String, usize)>,
}

struct ContactOp {
    city: usize,
    before: Option<Contact>,
    fields: ContactFields,
}

struct PlanSlot {
    city: usize,
    existing: Option<Plan>,
    framework: Option<Framework>,
    framework_id: i64,
    framework_code: String,
    write: Option<PlanFields>,
    reference: Option<String>,
    title: String,
    file_reference: Option<String>,
    existing_actions: Option<Vec<Action>>,
    action_references: HashMap<i64, String>,
    /// Positions in `existing_actions` by reference key and by title key.
    by_reference: HashMap<String, usize>,
    by_title: HashMap<String, Vec<usize>>,
}

struct ActionOp {
    plan: usize,
    before: Option<Action>,
    write: Option<ActionFields>,
    reference: Option<String>,
}

#[derive(Default)]
struct Ops {
    cities: Vec<CitySlot>,
    contacts: Vec<ContactOp>,
    plans: Vec<PlanSlot>,
    actions: Vec<ActionOp>,
}

#[derive(Default)]
struct Ctx {
    rows: Vec<RowOutcome>,
    mistakes: Vec<Mistake>,
    sheets: Vec<String>,
    ignored: Vec<String>,
}

/// One data row of a sheet.
#[derive(Clone, Copy)]
struct Row<'a> {
    sheet: &'a Sheet,
    i: usize,
}

impl<'a> Row<'a> {
    fn number(&self) -> usize {
        Sheet::row_number(self.i)
    }
    /// The cell under `column`, None when the sheet has no such column.
    fn cell(&self, column: &str) -> Option<&'a Cell> {
        let c = self.sheet.column(column)?;
        Some(self.sheet.rows[self.i].get(c).unwrap_or(&Cell::Empty))
    }
    fn text(&self, column: &str) -> Option<String> {
        self.cell(column).map(Cell::text)
    }
    /// The text of a column when present and not blank.
    fn value(&self, column: &str) -> Option<String> {
        self.text(column).filter(|t| !t.is_empty())
    }
}

impl Ctx {
    fn mistake(&mut self, row: Row<'_>, column: &str, reason: impl Into<String>, accepted: Option<String>) {
        let found = row.text(column).unwrap_or_default();
        self.mistakes.push(Mistake {
            sheet: row.sheet.name.clone(),
            row: row.number(),
            column: column.to_string(),
            found,
            reason: reason.into(),
            accepted,
        });
    }

    /// Records a command's field errors against this row, naming each by its column.
    fn field_errors(&mut self, row: Row<'_>, err: ApiError, column_of: &dyn Fn(&str) -> String) -> ApiResult<()> {
        match err {
            ApiError::Validation(errors) => {
                for e in errors {
                    let column = column_of(&crate::pages::web::field_id(&e.field));
                    self.mistake(row, &column, e.reason, e.accepted);
                }
                Ok(())
            }
            other => Err(other),
        }
    }

    fn outcome(&mut self, row: Row<'_>, object: &'static str, label: &str, outcome: Outcome, changes: Vec<String>) {
        self.rows.push(RowOutcome {
            sheet: row.sheet.name.clone(),
            row: row.number(),
            object,
            label: label.to_string(),
            outcome,
            changes,
        });
    }

    /// Cells holding a formula error are mistakes whatever the column.
    fn formula_errors(&mut self, sheet: &Sheet, known: &[&str]) {
        for (i, cells) in sheet.rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let error = match cell {
                    Cell::Error(e) => Some(e.clone()),
                    // A CSV saved from a sheet with a broken formula holds its error as text.
                    Cell::Text(t) if SPREADSHEET_ERRORS.contains(&t.trim()) => Some(t.trim().to_string()),
                    _ => None,
                };
                if let (Some(e), Some(h)) = (error, sheet.headers.get(c)) {
                    if known.contains(&h.as_str()) {
                        self.mistakes.push(Mistake {
                            sheet: sheet.name.clone(),
                            row: Sheet::row_number(i),
                            column: h.clone(),
                            found: e.clone(),
                            reason: format!("holds the spreadsheet error {e}"),
                            accepted: Some("a value: correct the formula, or paste the values instead".into()),
                        });
                    }
                }
            }
        }
    }

    fn note_sheet(&mut self, sheet: &Sheet, known: &[&str]) {
        self.sheets.push(sheet.name.clone());
        for h in &sheet.headers {
            if !h.is_empty() && !known.contains(&h.as_str()) {
                self.ignored.push(format!("{}: {h}", sheet.name));
            }
        }
    }
}

/// Lower case, single spaces: how names and titles are compared.
fn key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Finds a sheet by its name (any case).
fn sheet_named<'a>(sheets: &'a [Sheet], name: &str) -> Option<&'a Sheet> {
    sheets.iter().find(|s| read::normalise_header(&s.name) == name)
}

fn rows_of(sheet: &Sheet) -> impl Iterator<Item = Row<'_>> {
    (0..sheet.rows.len()).map(move |i| Row { sheet, i })
}

// ---------------------------------------------------------------------------------------------
// Commitments by code or by the Charter's wording

struct Commitments {
    all: Vec<(Commitment, Framework)>,
    by_key: HashMap<String, Vec<usize>>,
    active: HashMap<i64, String>,
}

/// Letters and digits only, lower case: "Commitment text." and "commitment text" match.
fn wording(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() {
                Some(c.to_lowercase().to_string())
            } else {
                c.is_whitespace().then(|| " ".into())
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Commitments {
    fn load(conn: &mut DbConnection) -> ApiResult<Commitments> {
        let all = xstore::all_commitments(conn)?;
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut active: HashMap<i64, Vec<String>> = HashMap::new();
        for (i, (c, _)) in all.iter().enumerate() {
            by_key.entry(c.code.to_lowercase()).or_default().push(i);
            by_key.entry(wording(&c.text)).or_default().push(i);
            if !c.retired {
                active.entry(c.framework_id).or_default().push(c.code.clone());
            }
        }
        Ok(Commitments { all, by_key, active: active.into_iter().map(|(k, v)| (k, v.join(", "))).collect() })
    }

    fn resolve(&self, framework_id: i64, framework_code: &str, given: &str) -> Result<i64, FieldError> {
        let given = given.trim();
        let accepted = || {
            format!(
                "a code of this plan's framework ({}) or its wording",
                self.active.get(&framework_id).cloned().unwrap_or_default()
            )
        };
        if given.is_empty() {
            return Err(FieldError::new("commitment", "is required").accepting(accepted()));
        }
        let mut idx = self.by_key.get(&given.to_lowercase()).cloned().unwrap_or_default();
        if idx.is_empty() {
            idx = self.by_key.get(&wording(given)).cloned().unwrap_or_default();
        }
        let matches: Vec<(Commitment, Framework)> = idx.iter().map(|i| self.all[*i].clone()).collect();
        crate::actions::commands::pick_commitment(&matches, framework_id, framework_code, given)
            .map_err(|reason| FieldError::new("commitment", reason).accepting(accepted()))
    }

    fn code(&self, id: i64) -> &str {
        self.all.iter().find(|(c, _)| c.id == id).map(|(c, _)| c.code.as_str()).unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// Actions

/// A file of one plan's actions: its first sheet, or the one named `actions`.
fn plan_actions_file(conn: &mut DbConnection, sheets: &[Sheet], plan_id: i64, ctx: &mut Ctx) -> ApiResult<Ops> {
    let stored = crate::plans::store::require(conn, plan_id)?;
    let city = crate::cities::store::require(conn, stored.plan.city_id)?;
    let sheet = sheet_named(sheets, "actions").unwrap_or(&sheets[0]);
    let mut ops = Ops::default();
    ops.cities.push(existing_city_slot(city, None));
    ops.plans.push(existing_plan_slot(0, stored.plan, stored.framework_id));
    let commitments = Commitments::load(conn)?;
    let mut known: Vec<&str> = ACTION_COLUMNS.to_vec();
    known.extend(PLAN_KEY_COLUMNS);
    ctx.note_sheet(sheet, &known);
    ctx.formula_errors(sheet, ACTION_COLUMNS);
    if sheet.column("title").is_none() {
        ctx.mistakes.push(missing_column(sheet, "title"));
        return Ok(ops);
    }
    let rows: Vec<(Row<'_>, usize)> = rows_of(sheet).map(|r| (r, 0)).collect();
    plan_actions(conn, &rows, &mut ops, &commitments, ctx)?;
    Ok(ops)
}

fn missing_column(sheet: &Sheet, column: &str) -> Mistake {
    Mistake {
        sheet: sheet.name.clone(),
        row: 1,
        column: column.into(),
        found: String::new(),
        reason: format!("the header row has no `{column}` column"),
        accepted: Some(format!("the template's columns: {}", ACTION_COLUMNS.join(", "))),
    }
}

fn existing_city_slot(city: City, reference: Option<String>) -> CitySlot {
    CitySlot {
        name: city.name.clone(),
        country: city.country.clone(),
        existing: Some(city),
        write: None,
        reference: None,
        file_reference: reference,
        stored_reference: None,
        public: None,
        row: None,
        signatures: vec![],
    }
}

fn existing_plan_slot(city: usize, plan: Plan, framework_id: i64) -> PlanSlot {
    PlanSlot {
        city,
        framework_id,
        framework_code: plan.framework.clone(),
        title: plan.title.clone(),
        existing: Some(plan),
        framework: None,
        write: None,
        reference: None,
        file_reference: None,
        existing_actions: None,
        action_references: HashMap::new(),
        by_reference: HashMap::new(),
        by_title: HashMap::new(),
    }
}

/// Matches, validates and compares action rows, each given with its plan slot.
fn plan_actions(
    conn: &mut DbConnection,
    rows: &[(Row<'_>, usize)],
    ops: &mut Ops,
    commitments: &Commitments,
    ctx: &mut Ctx,
) -> ApiResult<()> {
    // The existing actions of every plan the rows name, loaded once per plan.
    for (_, p) in rows {
        let slot = &mut ops.plans[*p];
        if slot.existing_actions.is_none() {
            let (list, refs) = match &slot.existing {
                Some(plan) => {
                    let filter = crate::actions::store::Filter::default();
                    let (list, _) = crate::actions::store::list(
                        conn,
                        plan.id,
                        &filter,
                        crate::actions::Staleness::NEVER,
                        i64::MAX,
                        0,
                    )?;
                    (list, xstore::action_references(conn, &[plan.id])?)
                }
                None => (vec![], HashMap::new()),
            };
            for (i, a) in list.iter().enumerate() {
                if let Some(r) = refs.get(&a.id) {
                    slot.by_reference.insert(key(r), i);
                }
                slot.by_title.entry(key(&a.title)).or_default().push(i);
            }
            slot.existing_actions = Some(list);
            slot.action_references = refs;
        }
    }
    // (plan slot, key) -> the row that named it first, to catch a row given twice.
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    let mut taken: HashMap<i64, usize> = HashMap::new();
    for &(row, p) in rows {
        let reference = row.value("reference");
        let title = row.text("title").unwrap_or_default();
        let file_key = match &reference {
            Some(r) => format!("ref:{}", key(r)),
            None => format!("title:{}", key(&title)),
        };
        if let Some(first) = seen.insert((p, file_key), row.number()) {
            let column = if reference.is_some() { "reference" } else { "title" };
            ctx.mistake(
                row,
                column,
                format!("names the same action as row {first}"),
                Some("each action once per plan".into()),
            );
            continue;
        }
        let slot = &ops.plans[p];
        let existing = slot.existing_actions.as_deref().unwrap_or(&[]);
        let by_ref = reference.as_ref().and_then(|r| slot.by_reference.get(&key(r))).map(|i| &existing[*i]);
        let matched = match by_ref {
            Some(a) => Some(a),
            None => {
                let same: Vec<&Action> = slot
                    .by_title
                    .get(&key(&title))
                    .map(|v| v.iter().map(|i| &existing[*i]).collect::<Vec<_>>())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|a| reference.is_none() || !slot.action_references.contains_key(&a.id))
                    .collect();
                if same.len() > 1 {
                    ctx.mistake(
                        row,
                        "title",
                        format!("matches {} actions of this plan with the same title", same.len()),
                        Some("a `reference` for each action, or distinct titles".into()),
                    );
                    continue;
                }
                same.first().copied()
            }
        };
        if let Some(a) = matched {
            if let Some(first) = taken.insert(a.id, row.number()) {
                ctx.mistake(row, "title", format!("names the same action as row {first}"), None);
                continue;
            }
        }
        let before = matched.cloned();
        let (input, commitment, ok) =
            action_input(row, before.as_ref(), slot.framework_id, &slot.framework_code, commitments, ctx);
        let label = if title.is_empty() { before.as_ref().map(|a| a.title.clone()).unwrap_or_default() } else { title };
        match crate::actions::commands::validate(&input, before.as_ref(), commitment) {
            Ok(fields) if ok => {
                let new_ref =
                    reference.filter(|r| Some(r) != before.as_ref().and_then(|a| slot.action_references.get(&a.id)));
                let (outcome, mut changes) = match &before {
                    None => (Outcome::Create, vec![]),
                    Some(a) => {
                        let changes = action_changes(a, &fields, commitments);
                        (if changes.is_empty() { Outcome::Unchanged } else { Outcome::Update }, changes)
                    }
                };
                if new_ref.is_some() && before.is_some() {
                    changes.push("reference".into());
                }
                let outcome =
                    if outcome == Outcome::Unchanged && new_ref.is_some() { Outcome::Update } else { outcome };
                ctx.outcome(row, "action", &label, outcome, changes.clone());
                let write = (before.is_none() || changes.iter().any(|c| c != "reference")).then_some(fields);
                if write.is_some() || new_ref.is_some() {
                    ops.actions.push(ActionOp { plan: p, before, write, reference: new_ref });
                }
            }
            Ok(_) => ctx.outcome(row, "action", &label, Outcome::Refused, vec![]),
            Err(e) => {
                ctx.field_errors(row, e, &|f| f.to_string())?;
                ctx.outcome(row, "action", &label, Outcome::Refused, vec![]);
            }
        }
    }
    Ok(())
}

/// The row as the API's action input. A column the file lacks keeps the stored value; a blank
/// text or date clears it; a blank status, delivery or progress keeps it (or the default).
/// Returns false when a cell was already refused here (a progress that is no number).
fn action_input(
    row: Row<'_>,
    before: Option<&Action>,
    framework_id: i64,
    framework_code: &str,
    commitments: &Commitments,
    ctx: &mut Ctx,
) -> (ActionInput, Result<i64, FieldError>, bool) {
    let mut ok = true;
    let commitment = match (row.text("commitment"), before) {
        (Some(c), _) if !c.is_empty() => commitments.resolve(framework_id, framework_code, &c),
        (_, Some(a)) => commitments.resolve(framework_id, framework_code, &a.commitment),
        (_, None) => commitments.resolve(framework_id, framework_code, ""),
    };
    let date = |column: &str| row.cell(column).map(|c| Some(read::date_text(c)).filter(|d| !d.is_empty()));
    let progress = match row.cell("progress").filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => match read::percent(c) {
            Ok(p) if p.fract() == 0.0 && p.abs() < 1e9 => Some(p as i64),
            Ok(p) => {
                ctx.mistake(
                    row,
                    "progress",
                    format!("is {p}"),
                    Some("a whole number from 0 to 100, as 30, 30% or 0.3".into()),
                );
                ok = false;
                None
            }
            Err(found) => {
                ctx.mistake(
                    row,
                    "progress",
                    format!("`{found}` is not a number"),
                    Some("a whole number from 0 to 100, as 30, 30% or 0.3".into()),
                );
                ok = false;
                None
            }
        },
    };
    let input = ActionInput {
        version: None,
        commitment: None,
        title: row.text("title").filter(|t| !t.is_empty() || before.is_none()),
        description: row.text("description"),
        department: row.text("department"),
        partners: row.cell("partners").map(read::list),
        delivery: row.cell("delivery").filter(|c| !c.is_empty()).map(read::code),
        policy_areas: row
            .cell("policy_areas")
            .map(|c| read::list(c).iter().map(|p| read::code(&Cell::Text(p.clone()))).collect()),
        start_date: date("start_date"),
        due_date: date("due_date"),
        status: row.cell("status").filter(|c| !c.is_empty()).map(read::code),
        progress,
        // The spreadsheet has no evidence column: an update keeps the action's links.
        evidence: None,
    };
    (input, commitment, ok)
}

fn action_changes(a: &Action, f: &ActionFields, commitments: &Commitments) -> Vec<String> {
    let mut out = vec![];
    let mut check = |name: &str, differs: bool| {
        if differs {
            out.push(name.to_string());
        }
    };
    check("commitment", commitments.code(f.commitment_id) != a.commitment);
    check("title", f.title != a.title);
    check("description", f.description != a.description);
    check("department", f.department != a.department);
    check("partners", f.partners != a.partners);
    check("delivery", f.delivery != a.delivery);
    check("policy_areas", f.policy_areas != a.policy_areas);
    check("start_date", f.start_date != a.start_date);
    check("due_date", f.due_date != a.due_date);
    check("status", f.status != a.status);
    check("progress", f.progress != a.progress);
    out
}

// ---------------------------------------------------------------------------------------------
// Cities, contacts, signatures, plans (a network)

/// A file of cities: a CSV or one sheet (cities with optional contact and signature columns),
/// or a workbook with sheets `cities`, `contacts`, `signatures`, `plans` and `actions` (the
/// export's own workbook reads back in this way).
fn plan_network(conn: &mut DbConnection, sheets: &[Sheet], today: NaiveDate, ctx: &mut Ctx) -> ApiResult<Ops> {
    let cities_sheet = sheet_named(sheets, "cities").unwrap_or(&sheets[0]);
    let mut ops = Ops::default();
    let (existing, _) = crate::cities::store::list(conn, None, None, i64::MAX, 0)?;
    let refs = xstore::city_references(conn)?;
    let mut net = Network { existing, refs };
    ctx.note_sheet(cities_sheet, CITY_COLUMNS);
    ctx.formula_errors(cities_sheet, CITY_COLUMNS);
    for column in ["name", "country"] {
        if cities_sheet.column(column).is_none() {
            let mut m = missing_column(cities_sheet, column);
            m.accepted = Some(format!("the template's columns: {}", CITY_COLUMNS.join(", ")));
            ctx.mistakes.push(m);
        }
    }
    if !ctx.mistakes.is_empty() {
        return Ok(ops);
    }
    let mut contact_rows: Vec<(Row<'_>, usize, &'static str)> = vec![];
    for row in rows_of(cities_sheet) {
        let Some(slot) = net.city_row(row, &mut ops, ctx) else { continue };
        if let (Some(fw), Some(date)) = (row.value("framework"), row.value("signed_on")) {
            let sig = SignatureInput { framework: fw, signed_on: read::date_text(&Cell::Text(date)) };
            ops.cities[slot].signatures.push((sig, row.sheet.name.clone(), row.number()));
        } else if let Some(date) = row.cell("signed_on").filter(|c| !c.is_empty()) {
            let sig = SignatureInput { framework: DEFAULT_FRAMEWORK.into(), signed_on: read::date_text(date) };
            ops.cities[slot].signatures.push((sig, row.sheet.name.clone(), row.number()));
        }
        if row.value("contact_email").is_some() || row.value("contact_name").is_some() {
            contact_rows.push((row, slot, "contact_"));
        }
    }
    let others: Vec<&Sheet> = sheets.iter().filter(|s| !std::ptr::eq(*s, cities_sheet)).collect();
    if let Some(sheet) = others.iter().find(|s| read::normalise_header(&s.name) == "signatures") {
        ctx.note_sheet(sheet, SIGNATURE_COLUMNS);
        ctx.formula_errors(sheet, SIGNATURE_COLUMNS);
        for row in rows_of(sheet) {
            let Some(slot) = net.named_city(row, &mut ops, ctx) else { continue };
            let sig = SignatureInput {
                framework: row.value("framework").unwrap_or_else(|| DEFAULT_FRAMEWORK.into()),
                signed_on: row.cell("signed_on").map(read::date_text).unwrap_or_default(),
            };
            ops.cities[slot].signatures.push((sig, sheet.name.clone(), row.number()));
        }
    }
    if let Some(sheet) = others.iter().find(|s| read::normalise_header(&s.name) == "contacts") {
        ctx.note_sheet(sheet, CONTACT_COLUMNS);
        ctx.formula_errors(sheet, CONTACT_COLUMNS);
        for row in rows_of(sheet) {
            if let Some(slot) = net.named_city(row, &mut ops, ctx) {
                contact_rows.push((row, slot, ""));
            }
        }
    }
    for slot in 0..ops.cities.len() {
        plan_city(conn, &mut ops.cities[slot], ctx)?;
    }
    plan_contacts(conn, &contact_rows, &mut ops, ctx)?;
    let mut plan_rows = vec![];
    if let Some(sheet) = others.iter().find(|s| read::normalise_header(&s.name) == "plans") {
        ctx.note_sheet(sheet, PLAN_COLUMNS);
        ctx.formula_errors(sheet, PLAN_COLUMNS);
        for row in rows_of(sheet) {
            if let Some(slot) = net.named_city(row, &mut ops, ctx) {
                plan_rows.push((row, slot));
            }
        }
    }
    plan_plans(conn, &plan_rows, &mut ops, today, ctx)?;
    if let Some(sheet) = others.iter().find(|s| read::normalise_header(&s.name) == "actions") {
        let mut known: Vec<&str> = ACTION_COLUMNS.to_vec();
        known.extend(PLAN_KEY_COLUMNS);
        ctx.note_sheet(sheet, &known);
        ctx.formula_errors(sheet, ACTION_COLUMNS);
        let commitments = Commitments::load(conn)?;
        let mut rows = vec![];
        for row in rows_of(sheet) {
            let Some(city) = net.named_city(row, &mut ops, ctx) else { continue };
            if let Some(plan) = find_plan(conn, row, city, &mut ops, ctx)? {
                rows.push((row, plan));
            }
        }
        plan_actions(conn, &rows, &mut ops, &commitments, ctx)?;
    }
    for s in others {
        let n = read::normalise_header(&s.name);
        if !["signatures", "contacts", "plans", "actions"].contains(&n.as_str()) {
            ctx.ignored.push(format!("sheet {}", s.name));
        }
    }
    Ok(ops)
}

/// The network as stored, for matching cities.
struct Network {
    existing: Vec<City>,
    refs: HashMap<i64, String>,
}

impl Network {
    /// The slot for a row of the cities sheet: a city named before in the file, or a new slot
    /// (matched to a stored city by reference, else by name and country).
    fn city_row(&mut self, row: Row<'_>, ops: &mut Ops, ctx: &mut Ctx) -> Option<usize> {
        let reference = row.value("reference");
        let name = row.text("name").unwrap_or_default();
        let country = row.text("country").unwrap_or_default();
        let same = |s: &CitySlot| match (&reference, &s.file_reference) {
            (Some(r), Some(x)) => key(r) == key(x),
            (None, _) | (_, None) => key(&s.name) == key(&name) && s.country.eq_ignore_ascii_case(&country),
        };
        if let Some(i) = ops.cities.iter().position(|s| s.row.is_some() && same(s)) {
            let s = &ops.cities[i];
            if key(&s.name) != key(&name) && !name.is_empty() {
                let first = s.row.as_ref().map(|r| r.1).unwrap_or(0);
                ctx.mistake(row, "name", format!("differs from row {first}, which has the same reference"), None);
            }
            return Some(i);
        }
        let by_ref = reference
            .as_ref()
            .and_then(|r| self.existing.iter().find(|c| self.refs.get(&c.id).is_some_and(|x| key(x) == key(r))));
        let by_name = || {
            self.existing.iter().find(|c| key(&c.name) == key(&name) && c.country.eq_ignore_ascii_case(country.trim()))
        };
        let existing = match by_ref {
            Some(c) => Some(c.clone()),
            None => match by_name() {
                Some(c) => match (self.refs.get(&c.id), &reference) {
                    (Some(stored), Some(given)) if key(stored) != key(given) => {
                        ctx.mistake(
                            row,
                            "reference",
                            format!("{} is stored with reference `{stored}`", c.name),
                            Some(format!("`{stored}`, or a blank reference")),
                        );
                        return None;
                    }
                    _ => Some(c.clone()),
                },
                None => None,
            },
        };
        let stored_reference = existing.as_ref().and_then(|c| self.refs.get(&c.id).cloned());
        ops.cities.push(CitySlot {
            existing,
            write: None,
            reference: None,
            name,
            country,
            file_reference: reference,
            stored_reference,
            public: row.cell("public").map(|c| read::yes_no(c).ok_or_else(|| c.text())),
            row: Some((row.sheet.name.clone(), row.number())),
            signatures: vec![],
        });
        Some(ops.cities.len() - 1)
    }

    /// The city a row of another sheet names by `city_reference` or `city` (its name).
    fn named_city(&mut self, row: Row<'_>, ops: &mut Ops, ctx: &mut Ctx) -> Option<usize> {
        let reference = row.value("city_reference");
        let name = row.value("city");
        if reference.is_none() && name.is_none() {
            let column = if row.cell("city").is_some() { "city" } else { "city_reference" };
            ctx.mistake(row, column, "is empty", Some("the city's reference or name, as in the cities sheet".into()));
            return None;
        }
        let in_file = ops.cities.iter().position(|s| match (&reference, &s.file_reference) {
            (Some(r), Some(x)) => key(r) == key(x),
            _ => name.as_ref().is_some_and(|n| key(n) == key(&s.name)),
        });
        if in_file.is_some() {
            return in_file;
        }
        let found = match &reference {
            Some(r) => self.existing.iter().find(|c| self.refs.get(&c.id).is_some_and(|x| key(x) == key(r))),
            None => None,
        }
        .or_else(|| name.as_ref().and_then(|n| self.existing.iter().find(|c| key(&c.name) == key(n))));
        match found {
            Some(c) => {
                ops.cities.push(existing_city_slot(c.clone(), reference));
                Some(ops.cities.len() - 1)
            }
            None => {
                let column = if reference.is_some() { "city_reference" } else { "city" };
                ctx.mistake(
                    row,
                    column,
                    "is not a city in this file or in the tracker",
                    Some("a city of the cities sheet, or one already registered".into()),
                );
                None
            }
        }
    }
}

/// Validates a city's own row (with the signatures the file gives it) and compares it.
fn plan_city(conn: &mut DbConnection, slot: &mut CitySlot, ctx: &mut Ctx) -> ApiResult<()> {
    if slot.row.is_none() && slot.signatures.is_empty() {
        // Named only from another sheet, with nothing of its own to change.
        return Ok(());
    }
    // The file's signatures are added to the stored ones; a framework given again takes the
    // file's date. Signatures are never removed by an import.
    let mut merged: Vec<SignatureInput> = slot
        .existing
        .as_ref()
        .map(|c| {
            c.signatures
                .iter()
                .map(|s| SignatureInput { framework: s.framework.clone(), signed_on: s.signed_on.to_string() })
                .collect()
        })
        .unwrap_or_default();
    let mut origin: Vec<Option<(String, usize)>> = vec![None; merged.len()];
    for (sig, sheet, row) in &slot.signatures {
        let given = SignatureInput { framework: sig.framework.trim().to_string(), signed_on: sig.signed_on.clone() };
        match merged.iter().position(|s| s.framework == given.framework) {
            Some(i) => {
                merged[i] = given;
                origin[i] = Some((sheet.clone(), *row));
            }
            None => {
                merged.push(given);
                origin.push(Some((sheet.clone(), *row)));
            }
        }
    }
    let (sheet_name, row_no) =
        slot.row.clone().or_else(|| slot.signatures.first().map(|(_, s, r)| (s.clone(), *r))).unwrap_or_default();
    let default_public = slot.existing.as_ref().map(|c| c.public).unwrap_or(false);
    let mut mistakes = vec![];
    let public = match slot.public.take() {
        None | Some(Ok(None)) => default_public,
        Some(Ok(Some(p))) => p,
        Some(Err(found)) => {
            mistakes.push(Mistake {
                sheet: sheet_name.clone(),
                row: row_no,
                column: "public".into(),
                found: found.clone(),
                reason: format!("`{found}` is not yes or no"),
                accepted: Some("yes or no".into()),
            });
            default_public
        }
    };
    let (name, country) = (slot.name.clone(), slot.country.clone());
    let outcome_row = |outcome, changes| RowOutcome {
        sheet: sheet_name.clone(),
        row: row_no,
        object: "city",
        label: name.clone(),
        outcome,
        changes,
    };
    match city_commands::parse_city(conn, &name, &country, public, Some(&merged)) {
        Ok(fields) if mistakes.is_empty() => {
            let new_ref = slot
                .file_reference
                .clone()
                .filter(|r| slot.row.is_some() && slot.stored_reference.as_deref().map(key) != Some(key(r)));
            let changes: Vec<String> = match &slot.existing {
                None => vec![],
                Some(c) => {
                    let mut stored: Vec<(String, NaiveDate)> =
                        c.signatures.iter().map(|s| (s.framework.clone(), s.signed_on)).collect();
                    let mut given: Vec<(String, NaiveDate)> = fields
                        .signatures
                        .as_deref()
                        .unwrap_or(&[])
                        .iter()
                        .map(|(_, code, d)| (code.clone(), *d))
                        .collect();
                    stored.sort();
                    given.sort();
                    [
                        ("name", fields.name != c.name),
                        ("country", fields.country != c.country),
                        ("public", fields.public != c.public),
                        ("signatures", given != stored),
                    ]
                    .into_iter()
                    .filter(|(_, d)| *d)
                    .map(|(n, _)| n.to_string())
                    .collect()
                }
            };
            let mut shown = changes.clone();
            if new_ref.is_some() && slot.existing.is_some() {
                shown.push("reference".into());
            }
            let outcome = match &slot.existing {
                None => Outcome::Create,
                Some(_) if shown.is_empty() => Outcome::Unchanged,
                Some(_) => Outcome::Update,
            };
            if slot.row.is_some() || outcome != Outcome::Unchanged {
                ctx.rows.push(outcome_row(outcome, shown));
            }
            slot.reference = new_ref;
            if slot.existing.is_none() || !changes.is_empty() {
                slot.write = Some(fields);
            }
        }
        Ok(_) => {
            ctx.mistakes.extend(mistakes);
            ctx.rows.push(outcome_row(Outcome::Refused, vec![]));
        }
        Err(ApiError::Validation(errors)) => {
            ctx.mistakes.extend(mistakes);
            for e in errors {
                let (sheet, row, column) = match e.field.strip_prefix("signatures[") {
                    Some(rest) => {
                        let i: usize = rest.split(']').next().and_then(|n| n.parse().ok()).unwrap_or(0);
                        let column = if e.field.ends_with("signed_on") { "signed_on" } else { "framework" };
                        match origin.get(i).cloned().flatten() {
                            Some((s, r)) => (s, r, column),
                            None => (sheet_name.clone(), row_no, column),
                        }
                    }
                    None => (sheet_name.clone(), row_no, if e.field == "name" { "name" } else { "country" }),
                };
                let found = match column {
                    "name" => name.clone(),
                    "country" => country.clone(),
                    "framework" => origin_value(&merged, &e.field, |s| s.framework.clone()),
                    _ => origin_value(&merged, &e.field, |s| s.signed_on.clone()),
                };
                ctx.mistakes.push(Mistake {
                    sheet,
                    row,
                    column: column.into(),
                    found,
                    reason: e.reason,
                    accepted: e.accepted,
                });
            }
            ctx.rows.push(outcome_row(Outcome::Refused, vec![]));
        }
        Err(other) => return Err(other),
    }
    Ok(())
}

/// The value of the signature a `signatures[i]...` field error names.
fn origin_value(sigs: &[SignatureInput], field: &str, f: impl Fn(&SignatureInput) -> String) -> String {
    let i: usize = field
        .strip_prefix("signatures[")
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    sigs.get(i).map(f).unwrap_or_default()
}

fn plan_contacts(
    conn: &mut DbConnection,
    rows: &[(Row<'_>, usize, &'static str)],
    ops: &mut Ops,
    ctx: &mut Ctx,
) -> ApiResult<()> {
    let mut stored: HashMap<i64, Vec<Contact>> = HashMap::new();
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    for &(row, slot, prefix) in rows {
        let col = |c: &str| format!("{prefix}{c}");
        let email = row.text(&col("email")).unwrap_or_default();
        let city_id = ops.cities[slot].existing.as_ref().map(|c| c.id);
        let current: Vec<Contact> = match city_id {
            Some(id) => stored
                .entry(id)
                .or_insert_with(|| crate::cities::contacts::for_city(conn, id).unwrap_or_default())
                .clone(),
            None => vec![],
        };
        if let Some(first) = seen.insert((slot, email.trim().to_lowercase()), row.number()) {
            ctx.mistake(
                row,
                &col("email"),
                format!("names the same contact as row {first}"),
                Some("each contact once per city".into()),
            );
            continue;
        }
        let before = current.into_iter().find(|c| c.email.eq_ignore_ascii_case(email.trim()));
        let receives = match row.cell(&col("receives_reminders")).map(read::yes_no) {
            Some(None) => {
                ctx.mistake(row, &col("receives_reminders"), "is not yes or no", Some("yes or no".into()));
                continue;
            }
            Some(Some(v)) => v,
            None => None,
        };
        let input = ContactInput {
            version: None,
            name: row.text(&col("name")),
            email: Some(email.clone()),
            language: row.value(&col("language")),
            office_role: row.text(&col("office_role")),
            receives_reminders: receives,
        };
        let label = format!("{} <{}>", input.name.clone().unwrap_or_default(), email.trim());
        match city_commands::parse_contact(&input, before.as_ref()) {
            Ok(fields) => {
                let changes: Vec<String> = match &before {
                    None => vec![],
                    Some(c) => [
                        ("name", fields.name != c.name),
                        ("language", fields.language != c.language),
                        ("office_role", fields.office_role != c.office_role),
                        ("receives_reminders", fields.receives_reminders != c.receives_reminders),
                    ]
                    .into_iter()
                    .filter(|(_, d)| *d)
                    .map(|(n, _)| n.to_string())
                    .collect(),
                };
                let outcome = match (&before, changes.is_empty()) {
                    (None, _) => Outcome::Create,
                    (Some(_), true) => Outcome::Unchanged,
                    (Some(_), false) => Outcome::Update,
                };
                ctx.outcome(row, "contact", &label, outcome, changes);
                if outcome != Outcome::Unchanged {
                    ops.contacts.push(ContactOp { city: slot, before, fields });
                }
            }
            Err(e) => {
                ctx.field_errors(row, e, &|f| col(f))?;
                ctx.outcome(row, "contact", &label, Outcome::Refused, vec![]);
            }
        }
    }
    Ok(())
}

fn plan_plans(
    conn: &mut DbConnection,
    rows: &[(Row<'_>, usize)],
    ops: &mut Ops,
    today: NaiveDate,
    ctx: &mut Ctx,
) -> ApiResult<()> {
    let refs = xstore::plan_references(conn)?;
    let mut stored: HashMap<i64, Vec<Plan>> = HashMap::new();
    for &(row, city) in rows {
        let reference = row.value("reference");
        let title = row.text("title").unwrap_or_default();
        let current: Vec<Plan> = match ops.cities[city].existing.as_ref().map(|c| c.id) {
            Some(id) => match stored.get(&id) {
                Some(p) => p.clone(),
                None => {
                    let list = crate::plans::store::list_for_city(conn, id, i64::MAX, 0)?.0;
                    stored.insert(id, list.clone());
                    list
                }
            },
            None => vec![],
        };
        let in_file = ops.plans.iter().any(|p| {
            p.city == city
                && match (&reference, &p.file_reference) {
                    (Some(r), Some(x)) => key(r) == key(x),
                    _ => key(&p.title) == key(&title),
                }
        });
        if in_file {
            ctx.mistake(row, "title", "names the same plan as an earlier row", Some("each plan once per city".into()));
            continue;
        }
        let before = reference
            .as_ref()
            .and_then(|r| current.iter().find(|p| refs.get(&p.id).is_some_and(|x| key(x) == key(r))))
            .or_else(|| current.iter().find(|p| key(&p.title) == key(&title)))
            .cloned();
        let fw_code = row.value("framework").unwrap_or_else(|| DEFAULT_FRAMEWORK.into());
        let fw = crate::charter::store::by_code(conn, fw_code.trim())?;
        let mut bad = false;
        if let (Some(b), Some(_)) = (&before, row.value("framework")) {
            if b.framework != fw_code.trim() {
                ctx.mistake(row, "framework", "cannot be changed: the plan's actions point at this framework's commitments; create a new plan instead", Some(b.framework.clone()));
                bad = true;
            }
        }
        if fw.is_none() {
            let known: Vec<String> = crate::charter::store::list(conn)?.into_iter().map(|f| f.code).collect();
            ctx.mistake(row, "framework", format!("`{fw_code}` is not a known framework"), Some(known.join(", ")));
            bad = true;
        }
        let date = |c: &str| row.cell(c).map(read::date_text).unwrap_or_default();
        let (start, end) = (date("period_start"), date("period_end"));
        let adopted = row.cell("adopted_on").map(read::date_text).filter(|d| !d.is_empty());
        let kept_adopted = before.as_ref().and_then(|p| p.adopted_on.map(|d| d.to_string()));
        let status = row.cell("status").filter(|c| !c.is_empty()).map(read::code);
        let document = row.text("document_url");
        let raw = crate::plans::commands::Raw {
            title: &title,
            period_start: &start,
            period_end: &end,
            status: status.as_deref().or(before.as_ref().map(|p| p.status.as_str())).unwrap_or("draft"),
            adopted_on: adopted.as_deref().or(kept_adopted.as_deref()),
            document_url: match &document {
                Some(d) => Some(d.as_str()),
                None => before.as_ref().and_then(|p| p.document_url.as_deref()),
            },
        };
        let label = title.clone();
        match crate::plans::commands::parse(raw, today) {
            Ok(fields) if !bad => {
                let changes: Vec<String> = match &before {
                    None => vec![],
                    Some(p) => [
                        ("title", fields.title != p.title),
                        ("period_start", fields.period_start != p.period_start),
                        ("period_end", fields.period_end != p.period_end),
                        ("status", fields.status != p.status),
                        ("adopted_on", fields.adopted_on != p.adopted_on),
                        ("document_url", fields.document_url != p.document_url),
                    ]
                    .into_iter()
                    .filter(|(_, d)| *d)
                    .map(|(n, _)| n.to_string())
                    .collect(),
                };
                let new_ref = reference.clone().filter(|r| before.as_ref().is_none_or(|p| refs.get(&p.id) != Some(r)));
                let mut shown = changes.clone();
                if new_ref.is_some() && before.is_some() {
                    shown.push("reference".into());
                }
                let outcome = match &before {
                    None => Outcome::Create,
                    Some(_) if shown.is_empty() => Outcome::Unchanged,
                    Some(_) => Outcome::Update,
                };
                ctx.outcome(row, "plan", &label, outcome, shown);
                let fw = fw.expect("checked above");
                ops.plans.push(PlanSlot {
                    city,
                    framework_id: fw.id,
                    framework_code: fw.code.clone(),
                    framework: Some(fw),
                    write: (before.is_none() || !changes.is_empty()).then_some(fields),
                    existing: before,
                    reference: new_ref,
                    title: title.clone(),
                    file_reference: reference,
                    existing_actions: None,
                    action_references: HashMap::new(),
                    by_reference: HashMap::new(),
                    by_title: HashMap::new(),
                });
            }
            Ok(_) => ctx.outcome(row, "plan", &label, Outcome::Refused, vec![]),
            Err(e) => {
                ctx.field_errors(row, e, &|f| f.to_string())?;
                ctx.outcome(row, "plan", &label, Outcome::Refused, vec![]);
            }
        }
    }
    Ok(())
}

/// The plan a row of the actions sheet names (`plan_reference` or `plan`, its title), in the
/// file or stored for its city.
fn find_plan(
    conn: &mut DbConnection,
    row: Row<'_>,
    city: usize,
    ops: &mut Ops,
    ctx: &mut Ctx,
) -> ApiResult<Option<usize>> {
    let reference = row.value("plan_reference");
    let title = row.value("plan");
    if reference.is_none() && title.is_none() {
        ctx.mistake(row, "plan", "is empty", Some("the plan's reference or title, as in the plans sheet".into()));
        return Ok(None);
    }
    let matches = |p: &PlanSlot| {
        p.city == city
            && match (&reference, &p.file_reference) {
                (Some(r), Some(x)) => key(r) == key(x),
                _ => title.as_ref().is_some_and(|t| key(t) == key(&p.title)),
            }
    };
    if let Some(i) = ops.plans.iter().position(matches) {
        return Ok(Some(i));
    }
    if let Some(city_id) = ops.cities[city].existing.as_ref().map(|c| c.id) {
        let refs = xstore::plan_references(conn)?;
        let list = crate::plans::store::list_for_city(conn, city_id, i64::MAX, 0)?.0;
        let found = reference
            .as_ref()
            .and_then(|r| list.iter().find(|p| refs.get(&p.id).is_some_and(|x| key(x) == key(r))))
            .or_else(|| title.as_ref().and_then(|t| list.iter().find(|p| key(&p.title) == key(t))));
        if let Some(p) = found {
            let fw = crate::charter::store::by_code(conn, &p.framework)?.map(|f| f.id).unwrap_or(0);
            let mut slot = existing_plan_slot(city, p.clone(), fw);
            slot.file_reference = reference;
            ops.plans.push(slot);
            return Ok(Some(ops.plans.len() - 1));
        }
    }
    let column = if reference.is_some() { "plan_reference" } else { "plan" };
    ctx.mistake(
        row,
        column,
        "is not a plan of this city in this file or in the tracker",
        Some("a plan of the plans sheet".into()),
    );
    Ok(None)
}

// ---------------------------------------------------------------------------------------------
// Writing

fn execute(c: &mut DbConnection, ops: Ops, actor: &crate::history::Actor, now: DateTime<Utc>) -> ApiResult<()> {
    let mut city_ids = Vec::with_capacity(ops.cities.len());
    for slot in ops.cities {
        let id = match (slot.existing, slot.write) {
            (None, Some(fields)) => crate::cities::store::create(c, fields, actor, now)?.id,
            (Some(before), Some(fields)) => {
                crate::cities::store::update(c, before.id, before.version, fields, actor, now)?.id
            }
            (Some(before), None) => before.id,
            (None, None) => unreachable!("a new city always has fields"),
        };
        if let Some(r) = &slot.reference {
            xstore::set_city_reference(c, id, r)?;
        }
        city_ids.push(id);
    }
    for op in ops.contacts {
        match op.before {
            None => {
                city_commands::insert_contact(c, city_ids[op.city], &op.fields, actor, now)?;
            }
            Some(before) => {
                city_commands::write_contact(c, &before, before.version, &op.fields, actor, now)?;
            }
        }
    }
    let mut plans: Vec<(i64, i64)> = Vec::with_capacity(ops.plans.len());
    for slot in ops.plans {
        let city_id = city_ids[slot.city];
        let id = match (slot.existing, slot.write) {
            (None, Some(fields)) => {
                let fw = slot.framework.expect("a new plan has its framework");
                crate::plans::store::create(c, city_id, &fw, fields, actor, now)?.id
            }
            (Some(before), Some(fields)) => {
                crate::plans::store::update(c, &before, before.version, fields, actor, now)?.id
            }
            (Some(before), None) => before.id,
            (None, None) => unreachable!("a new plan always has fields"),
        };
        if let Some(r) = &slot.reference {
            xstore::set_plan_reference(c, id, r)?;
        }
        plans.push((id, city_id));
    }
    for op in ops.actions {
        let (plan_id, city_id) = plans[op.plan];
        let id = match (op.before, op.write) {
            (None, Some(fields)) => {
                // The reference goes in with the insert.
                let r = op.reference.as_deref();
                crate::actions::store::create_with_reference(
                    c,
                    PlanId(plan_id),
                    CityId(city_id),
                    fields,
                    r,
                    actor,
                    now,
                )?;
                continue;
            }
            (Some(before), Some(fields)) => {
                crate::actions::store::update(c, &before, before.version, fields, actor, now)?.id
            }
            (Some(before), None) => before.id,
            (None, None) => unreachable!("a new action always has fields"),
        };
        if let Some(r) = &op.reference {
            xstore::set_action_reference(c, id, r)?;
        }
    }
    Ok(())
}
