//! Checked changes to outcomes reports, shared by the API and the secretariat's pages: only the
//! secretariat compiles, publishes and marks good practice; every change is stamped with who
//! made it and when. Reading a report (`store::detail`, `store::list`) is open to every
//! signed-in role, each seeing what its role may (`reader_is_secretariat`).

use super::render::Templates;
use super::store::{self, Compiled, Published};
use super::CompileInput;
use crate::auth::{Caller, Role};
use crate::config::Settings;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::ids::{ActionId, ReportId};
use chrono::{DateTime, Utc};

/// Whether a reader sees drafts and unsuppressed figures (the secretariat) or only what is
/// published, with sensitive figures withheld (everyone else).
pub fn reader_is_secretariat(caller: &Caller) -> bool {
    caller.role == Role::Secretariat
}

/// Compiles the draft of the report `input` names (framework and period), creating the report
/// and its draft, or a correction draft after a publication, as needed. The period's mistakes
/// come first, alone, as before the framework is looked up.
pub fn compile(
    c: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    input: &CompileInput,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    caller.require_secretariat()?;
    let (from, to) = input.dates()?;
    store::compile(c, settings, &input.framework, from, to, &caller.email, now)
}

/// Compiles an existing report's draft again from the data as it is now.
pub fn recompile(
    c: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    report_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    caller.require_secretariat()?;
    store::compile_report(c, settings, report_id, &caller.email, now)
}

/// Publishes the report's draft; a version after the first needs a changelog.
pub fn publish(
    c: &mut DbConnection,
    settings: &Settings,
    templates: &Templates,
    caller: &Caller,
    report_id: i64,
    changelog: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<Published> {
    caller.require_secretariat()?;
    let draft = store::draft_id(c, report_id)?;
    store::publish(c, settings, templates, draft, changelog, &caller.email, now)
}

/// Marks an action as good practice in the report and compiles the draft again.
pub fn mark_good_practice(
    c: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    report: ReportId,
    action: ActionId,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    caller.require_secretariat()?;
    store::mark_good_practice(c, settings, report, action, &caller.email, now)
}

/// Removes a good-practice mark and compiles the draft again.
pub fn unmark_good_practice(
    c: &mut DbConnection,
    settings: &Settings,
    caller: &Caller,
    report: ReportId,
    action: ActionId,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    caller.require_secretariat()?;
    store::unmark_good_practice(c, settings, report, action, &caller.email, now)
}
