//! Reports, their versions and good-practice marks: compile a draft, publish it (freezing its
//! figures and rendered outputs), list and read them. The API, the CLI, the scheduler and the
//! web pages all call these functions.

use super::compile::{self, Previous};
use super::render::{self, Meta, Templates, View};
use super::{PreviousReport, ReportData};
use crate::charter::store::Framework;
use crate::config::Settings;
use crate::db::schema::{actions, frameworks, plans, report_good_practices, report_outputs, report_versions, reports};
use crate::db::{is_unique_violation, DbConnection};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::ids::{ActionId, CityId, FrameworkId, ReportId};
use crate::validation::Errors;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

pub const DRAFT: &str = "draft";
pub const PUBLISHED: &str = "published";

/// A report as lists show it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReportSummary {
    pub id: i64,
    /// Stable name in public URLs: /reports/{slug}.
    pub slug: String,
    pub framework: String,
    pub framework_title: String,
    #[schema(value_type = String, format = Date)]
    pub period_start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub period_end: NaiveDate,
    pub period_label: String,
    /// The number of the latest published version, if any.
    pub latest_published: Option<i32>,
    /// The number of the draft, if there is one (shown to the secretariat only).
    pub draft: Option<i32>,
    /// Where the latest published version is, if any.
    pub public_url: Option<String>,
    /// Actions marked as good practice (kept across versions).
    pub good_practices: Vec<i64>,
}

/// One version of a report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VersionSummary {
    /// The version's id: a draft's id is what `report publish` takes.
    pub id: i64,
    pub number: i32,
    /// draft or published.
    pub state: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub compiled_at: NaiveDateTime,
    pub compiled_by: String,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<NaiveDateTime>,
    pub published_by: Option<String>,
    pub changelog: Option<String>,
}

/// A report with one version's figures.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReportDetail {
    pub report: ReportSummary,
    pub version: VersionSummary,
    /// Every figure; unsuppressed for the secretariat, the public view for others.
    pub figures: ReportData,
}

/// What a compile did.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Compiled {
    pub report_id: i64,
    /// The draft's id (for `report publish`).
    pub draft_id: i64,
    pub number: i32,
    /// True when a new draft version was made; false when the draft was recompiled.
    pub created: bool,
}

/// What publishing did.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Published {
    pub report_id: i64,
    pub number: i32,
    /// The report's public address (always its latest published version).
    pub url: String,
    /// This version's own address.
    pub version_url: String,
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = report_versions)]
struct VersionRow {
    id: i64,
    report_id: i64,
    number: i32,
    state: String,
    figures: String,
    compiled_at: NaiveDateTime,
    compiled_by: String,
    changelog: Option<String>,
    published_at: Option<NaiveDateTime>,
    published_by: Option<String>,
}

impl VersionRow {
    fn summary(&self) -> VersionSummary {
        VersionSummary {
            id: self.id,
            number: self.number,
            state: self.state.clone(),
            compiled_at: self.compiled_at,
            compiled_by: self.compiled_by.clone(),
            published_at: self.published_at,
            published_by: self.published_by.clone(),
            changelog: self.changelog.clone(),
        }
    }
    fn data(&self) -> anyhow::Result<ReportData> {
        serde_json::from_str(&self.figures)
            .map_err(|e| anyhow::anyhow!("report version {} has unreadable figures: {e}", self.id))
    }
}

type ReportRow = (i64, i64, NaiveDate, NaiveDate, String, String, String);

fn report_row(conn: &mut DbConnection, id: i64) -> ApiResult<ReportRow> {
    reports::table
        .inner_join(frameworks::table)
        .filter(reports::id.eq(id))
        .select((
            reports::id,
            reports::framework_id,
            reports::period_start,
            reports::period_end,
            reports::slug,
            frameworks::code,
            frameworks::title,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no report with id {id}")))
}

fn summary(conn: &mut DbConnection, settings: &Settings, r: ReportRow) -> ApiResult<ReportSummary> {
    let (id, _, start, end, slug, code, title) = r;
    let states: Vec<(i32, String)> = report_versions::table
        .filter(report_versions::report_id.eq(id))
        .select((report_versions::number, report_versions::state))
        .load(conn)?;
    let latest_published = states.iter().filter(|(_, s)| s == PUBLISHED).map(|(n, _)| *n).max();
    let draft = states.iter().find(|(_, s)| s == DRAFT).map(|(n, _)| *n);
    let good_practices = report_good_practices::table
        .filter(report_good_practices::report_id.eq(id))
        .order(report_good_practices::action_id)
        .select(report_good_practices::action_id)
        .load(conn)?;
    Ok(ReportSummary {
        id,
        public_url: latest_published.map(|_| format!("{}/reports/{slug}", settings.public_base())),
        slug,
        framework: code,
        framework_title: title,
        period_start: start,
        period_end: end,
        period_label: super::period_label(start, end),
        latest_published,
        draft,
        good_practices,
    })
}

/// One report.
pub fn get(conn: &mut DbConnection, settings: &Settings, id: i64) -> ApiResult<ReportSummary> {
    let row = report_row(conn, id)?;
    summary(conn, settings, row)
}

/// Reports, newest period first; without drafts, only those with a published version.
pub fn list(conn: &mut DbConnection, settings: &Settings, include_unpublished: bool) -> ApiResult<Vec<ReportSummary>> {
    let rows: Vec<ReportRow> = reports::table
        .inner_join(frameworks::table)
        .order((reports::period_end.desc(), reports::period_start, frameworks::code))
        .select((
            reports::id,
            reports::framework_id,
            reports::period_start,
            reports::period_end,
            reports::slug,
            frameworks::code,
            frameworks::title,
        ))
        .load(conn)?;
    let mut out = vec![];
    for r in rows {
        let s = summary(conn, settings, r)?;
        if include_unpublished || s.latest_published.is_some() {
            out.push(s);
        }
    }
    Ok(out)
}

/// A report's versions, oldest first; without drafts, the published ones only.
pub fn versions(conn: &mut DbConnection, report_id: i64, include_draft: bool) -> ApiResult<Vec<VersionSummary>> {
    report_row(conn, report_id)?;
    let rows: Vec<VersionRow> = report_versions::table
        .filter(report_versions::report_id.eq(report_id))
        .order(report_versions::number)
        .select(VersionRow::as_select())
        .load(conn)?;
    Ok(rows.iter().filter(|r| include_draft || r.state == PUBLISHED).map(VersionRow::summary).collect())
}

fn version_rows(conn: &mut DbConnection, report_id: i64) -> QueryResult<Vec<VersionRow>> {
    report_versions::table
        .filter(report_versions::report_id.eq(report_id))
        .order(report_versions::number)
        .select(VersionRow::as_select())
        .load(conn)
}

/// The report with the version its reader should see: for the secretariat the draft if there
/// is one (else the latest published), unsuppressed; for others the latest published version's
/// public figures, and 403 while nothing is published.
pub fn detail(
    conn: &mut DbConnection,
    settings: &Settings,
    report_id: i64,
    secretariat: bool,
) -> ApiResult<ReportDetail> {
    let report = get(conn, settings, report_id)?;
    let rows = version_rows(conn, report_id)?;
    let chosen = if secretariat {
        rows.iter().find(|r| r.state == DRAFT).or_else(|| rows.iter().rev().find(|r| r.state == PUBLISHED))
    } else {
        rows.iter().rev().find(|r| r.state == PUBLISHED)
    };
    let Some(v) = chosen else {
        return Err(if secretariat {
            ApiError::not_found(format!("report {report_id} has no version"))
        } else {
            ApiError::Forbidden("this report has not been published yet; drafts are for the secretariat only".into())
        });
    };
    let data = v.data()?;
    let figures = if secretariat { data } else { super::suppress::public_view(&data) };
    Ok(ReportDetail { report, version: v.summary(), figures })
}

/// Compiles the draft of the report for `framework` and the period, creating the report (and
/// a draft, or a correction draft after a publication) as needed.
pub fn compile(
    conn: &mut DbConnection,
    settings: &Settings,
    framework: &str,
    from: NaiveDate,
    to: NaiveDate,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    let mut e = Errors::default();
    let fw = crate::charter::store::by_code(conn, framework.trim())?;
    if fw.is_none() {
        let known: Vec<String> = crate::charter::store::list(conn)?.into_iter().map(|f| f.code).collect();
        e.push(
            FieldError::new("framework", format!("`{framework}` is not a known framework")).accepting(known.join(", ")),
        );
    }
    if to < from {
        e.push(FieldError::new("to", format!("{to} is before `from` ({from})")).accepting("a date on or after `from`"));
    }
    e.finish()?;
    let fw = fw.expect("checked");
    let report_id = report_for(conn, &fw, from, to, by, now)?;
    compile_report(conn, settings, report_id, by, now)
}

/// The report for a framework and period, created if it does not exist yet.
fn report_for(
    conn: &mut DbConnection,
    fw: &Framework,
    from: NaiveDate,
    to: NaiveDate,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<i64> {
    let find = |conn: &mut DbConnection| -> QueryResult<Option<i64>> {
        reports::table
            .filter(reports::framework_id.eq(fw.id).and(reports::period_start.eq(from)).and(reports::period_end.eq(to)))
            .select(reports::id)
            .first(conn)
            .optional()
    };
    if let Some(id) = find(conn)? {
        return Ok(id);
    }
    let inserted = crate::db::transaction(conn, |c| {
        diesel::insert_into(reports::table)
            .values((
                reports::framework_id.eq(fw.id),
                reports::period_start.eq(from),
                reports::period_end.eq(to),
                reports::slug.eq(super::slug(&fw.code, from, to)),
                reports::created_at.eq(now.naive_utc()),
                reports::created_by.eq(by),
            ))
            .returning(reports::id)
            .get_result::<i64>(c)
    });
    match inserted {
        Ok(id) => Ok(id),
        // Someone created it at the same moment: use theirs.
        Err(e) if is_unique_violation(&e) => {
            Ok(find(conn)?.ok_or_else(|| anyhow::anyhow!("report vanished after a duplicate insert"))?)
        }
        Err(e) => Err(e.into()),
    }
}

/// The latest published version of the report, as a comparison base.
fn latest_published(
    conn: &mut DbConnection,
    report_id: i64,
    slug: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> ApiResult<Option<Previous>> {
    let row: Option<VersionRow> = report_versions::table
        .filter(report_versions::report_id.eq(report_id).and(report_versions::state.eq(PUBLISHED)))
        .order(report_versions::number.desc())
        .select(VersionRow::as_select())
        .first(conn)
        .optional()?;
    Ok(match row {
        None => None,
        Some(v) => Some(Previous {
            summary: PreviousReport {
                slug: slug.to_string(),
                version: v.number,
                period_label: super::period_label(start, end),
                published_at: v
                    .published_at
                    .map(|t| t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .unwrap_or_default(),
            },
            data: v.data()?,
        }),
    })
}

/// (Re)compiles the report's draft from the data now; makes a new draft version when there is none.
pub fn compile_report(
    conn: &mut DbConnection,
    settings: &Settings,
    report_id: i64,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    let (id, fw_id, start, end, slug, _, _) = report_row(conn, report_id)?;
    let fw = crate::charter::store::by_id(conn, fw_id)?;
    let marked: Vec<i64> = report_good_practices::table
        .filter(report_good_practices::report_id.eq(id))
        .select(report_good_practices::action_id)
        .load(conn)?;
    // The previous report: the framework's published report with the latest period ending before this one's end.
    let earlier: Vec<(i64, String, NaiveDate, NaiveDate)> = reports::table
        .filter(reports::framework_id.eq(fw_id).and(reports::period_end.lt(end)).and(reports::id.ne(id)))
        .filter(diesel::dsl::exists(
            report_versions::table
                .filter(report_versions::report_id.eq(reports::id).and(report_versions::state.eq(PUBLISHED))),
        ))
        .order((reports::period_end.desc(), reports::period_start.desc()))
        .select((reports::id, reports::slug, reports::period_start, reports::period_end))
        .limit(1)
        .load(conn)?;
    let previous = match earlier.first() {
        Some((pid, pslug, ps, pe)) => latest_published(conn, *pid, pslug, *ps, *pe)?,
        None => None,
    };
    let previous_version = latest_published(conn, id, &slug, start, end)?;
    let data = compile::compile(
        conn,
        &compile::Request {
            framework: &fw,
            from: start,
            to: end,
            now,
            network: &settings.network.name,
            threshold: settings.reports.suppression_threshold as i64,
            good_practices: &marked,
            previous: previous.as_ref(),
            previous_version: previous_version.as_ref(),
        },
    )?;
    let figures = serde_json::to_string(&data).map_err(|e| anyhow::anyhow!("serialising report figures: {e}"))?;
    let saved = crate::db::transaction(conn, |c| -> QueryResult<(i64, i32, bool)> {
        // The update comes first: it takes the write lock before anything is read.
        let n = diesel::update(
            report_versions::table.filter(report_versions::report_id.eq(id).and(report_versions::state.eq(DRAFT))),
        )
        .set((
            report_versions::figures.eq(&figures),
            report_versions::compiled_at.eq(now.naive_utc()),
            report_versions::compiled_by.eq(by),
        ))
        .execute(c)?;
        if n > 0 {
            let (vid, number) = report_versions::table
                .filter(report_versions::report_id.eq(id).and(report_versions::state.eq(DRAFT)))
                .select((report_versions::id, report_versions::number))
                .first(c)?;
            return Ok((vid, number, false));
        }
        let last: Option<i32> = report_versions::table
            .filter(report_versions::report_id.eq(id))
            .select(diesel::dsl::max(report_versions::number))
            .first(c)?;
        let number = last.unwrap_or(0) + 1;
        let vid = diesel::insert_into(report_versions::table)
            .values((
                report_versions::report_id.eq(id),
                report_versions::number.eq(number),
                report_versions::state.eq(DRAFT),
                report_versions::figures.eq(&figures),
                report_versions::compiled_at.eq(now.naive_utc()),
                report_versions::compiled_by.eq(by),
            ))
            .returning(report_versions::id)
            .get_result(c)?;
        Ok((vid, number, true))
    });
    let (draft_id, number, created) = match saved {
        Ok(s) => s,
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::StateConflict(
                "another compile of this report finished at the same moment; compile again to refresh the draft".into(),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(report = id, version = number, created, "report compiled");
    Ok(Compiled { report_id: id, draft_id, number, created })
}

/// The id of the report's draft; 409 when there is none.
pub fn draft_id(conn: &mut DbConnection, report_id: i64) -> ApiResult<i64> {
    report_row(conn, report_id)?;
    report_versions::table
        .filter(report_versions::report_id.eq(report_id).and(report_versions::state.eq(DRAFT)))
        .select(report_versions::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            ApiError::StateConflict(format!("report {report_id} has no draft to publish; compile one first"))
        })
}

/// The render metadata of a version.
fn meta(slug: &str, v: &VersionRow, published: Option<(NaiveDateTime, Option<String>)>, demo: bool) -> Meta {
    let (published_at, changelog) = match published {
        Some((at, log)) => (Some(at), log),
        None => (v.published_at, v.changelog.clone()),
    };
    Meta {
        slug: slug.to_string(),
        number: v.number,
        draft: published_at.is_none(),
        published_at: published_at.map(|t| t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        changelog,
        demo,
    }
}

/// Publishes a draft: freezes its figures and renders the public outputs (HTML, JSON, CSVs),
/// stored as bytes and served unchanged from then on. A version after the first needs a
/// changelog.
pub fn publish(
    conn: &mut DbConnection,
    settings: &Settings,
    templates: &Templates,
    draft_id: i64,
    changelog: Option<&str>,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Published> {
    let v: VersionRow = report_versions::table
        .find(draft_id)
        .select(VersionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no report draft with id {draft_id}")))?;
    let (report_id, _, _, _, slug, _, _) = report_row(conn, v.report_id)?;
    if v.state != DRAFT {
        return Err(ApiError::StateConflict(format!(
            "version {} of {slug} is already published; compile a correction draft first",
            v.number
        )));
    }
    let earlier_published: i64 = report_versions::table
        .filter(report_versions::report_id.eq(report_id).and(report_versions::state.eq(PUBLISHED)))
        .count()
        .get_result(conn)?;
    let log = changelog.map(str::trim).filter(|s| !s.is_empty());
    let mut e = Errors::default();
    if let Some(l) = log {
        e.take(crate::validation::optional_text("changelog", l, 4000));
    } else if earlier_published > 0 {
        e.push(
            FieldError::new("changelog", format!("is required: this is version {} of {slug}, a correction", v.number))
                .accepting("a short account of what this version corrects, up to 4000 characters"),
        );
    }
    e.finish()?;
    let data = v.data()?;
    let public = super::suppress::public_view(&data);
    let m = meta(&slug, &v, Some((now.naive_utc(), log.map(str::to_string))), crate::demo::is_loaded(conn)?);
    let outputs = render::outputs(templates, &public, &m, View::Public)?;
    crate::db::transaction(conn, |c| -> ApiResult<()> {
        let n = diesel::update(report_versions::table.find(draft_id).filter(report_versions::state.eq(DRAFT)))
            .set((
                report_versions::state.eq(PUBLISHED),
                report_versions::changelog.eq(log),
                report_versions::published_at.eq(now.naive_utc()),
                report_versions::published_by.eq(by),
                report_versions::languages.eq(frozen_languages()),
            ))
            .execute(c)?;
        if n == 0 {
            return Err(ApiError::StateConflict(format!(
                "version {} of {slug} was published by someone else a moment ago",
                v.number
            )));
        }
        for (name, content_type, body) in &outputs {
            diesel::insert_into(report_outputs::table)
                .values((
                    report_outputs::version_id.eq(draft_id),
                    report_outputs::name.eq(name),
                    report_outputs::content_type.eq(content_type),
                    report_outputs::body.eq(body),
                ))
                .execute(c)?;
        }
        Ok(())
    })?;
    tracing::info!(report = report_id, version = v.number, "report published");
    let base = settings.public_base();
    Ok(Published {
        report_id,
        number: v.number,
        url: format!("{base}/reports/{slug}"),
        version_url: format!("{base}/reports/{slug}/versions/{}", v.number),
    })
}

/// The languages a version published now is frozen in, as stored in `report_versions.languages`.
fn frozen_languages() -> String {
    crate::i18n::Lang::OFFERED.iter().map(|l| l.tag()).collect::<Vec<_>>().join(" ")
}

/// The secretariat's reading of the current version (the draft if there is one) in `lang`: the
/// full HTML, unsuppressed, bannered as a draft when it is one.
pub fn secretariat_html(
    conn: &mut DbConnection,
    templates: &Templates,
    report_id: i64,
    lang: crate::i18n::Lang,
) -> ApiResult<String> {
    let (_, _, _, _, slug, _, _) = report_row(conn, report_id)?;
    let rows = version_rows(conn, report_id)?;
    let v = rows
        .iter()
        .find(|r| r.state == DRAFT)
        .or_else(|| rows.iter().rev().find(|r| r.state == PUBLISHED))
        .ok_or_else(|| ApiError::not_found(format!("report {report_id} has no version")))?;
    let demo = crate::demo::is_loaded(conn)?;
    Ok(render::html(templates, &v.data()?, &meta(&slug, v, None, demo), View::Secretariat, lang)?)
}

fn require_action_of(conn: &mut DbConnection, report: ReportId, action: ActionId) -> ApiResult<()> {
    let (report_id, action_id) = (report.0, action.0);
    let (_, fw, ..) = report_row(conn, report_id)?;
    let plan_fw: Option<i64> = actions::table
        .inner_join(plans::table)
        .filter(actions::id.eq(action_id))
        .select(plans::framework_id)
        .first(conn)
        .optional()?;
    match plan_fw {
        None => {
            Err(ApiError::Validation(vec![FieldError::new("action_id", format!("there is no action {action_id}"))
                .accepting("the id of an action of a city's plan")]))
        }
        Some(f) if f != fw => Err(ApiError::Validation(vec![FieldError::new(
            "action_id",
            format!("action {action_id} is under another framework than this report's"),
        )
        .accepting("an action of a plan under the report's framework")])),
        Some(_) => Ok(()),
    }
}

/// Marks an action as good practice for the report and recompiles its draft (a correction
/// draft when the latest version is published).
pub fn mark_good_practice(
    conn: &mut DbConnection,
    settings: &Settings,
    report: ReportId,
    action: ActionId,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    let (report_id, action_id) = (report.0, action.0);
    require_action_of(conn, report, action)?;
    let exists: i64 = report_good_practices::table
        .filter(report_good_practices::report_id.eq(report_id).and(report_good_practices::action_id.eq(action_id)))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        let r = diesel::insert_into(report_good_practices::table)
            .values((
                report_good_practices::report_id.eq(report_id),
                report_good_practices::action_id.eq(action_id),
                report_good_practices::marked_by.eq(by),
                report_good_practices::marked_at.eq(now.naive_utc()),
            ))
            .execute(conn);
        match r {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    compile_report(conn, settings, report_id, by, now)
}

/// Removes a good-practice mark and recompiles the draft.
pub fn unmark_good_practice(
    conn: &mut DbConnection,
    settings: &Settings,
    report: ReportId,
    action: ActionId,
    by: &str,
    now: DateTime<Utc>,
) -> ApiResult<Compiled> {
    let (report_id, action_id) = (report.0, action.0);
    report_row(conn, report_id)?;
    let n = diesel::delete(
        report_good_practices::table
            .filter(report_good_practices::report_id.eq(report_id).and(report_good_practices::action_id.eq(action_id))),
    )
    .execute(conn)?;
    if n == 0 {
        return Err(ApiError::not_found(format!(
            "action {action_id} is not marked as good practice in report {report_id}"
        )));
    }
    compile_report(conn, settings, report_id, by, now)
}

/// The report a slug names.
pub fn by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<i64>> {
    reports::table.filter(reports::slug.eq(slug)).select(reports::id).first(conn).optional()
}

/// Numbers of a report's published versions, ascending.
pub fn published_numbers(conn: &mut DbConnection, report_id: i64) -> QueryResult<Vec<i32>> {
    report_versions::table
        .filter(report_versions::report_id.eq(report_id).and(report_versions::state.eq(PUBLISHED)))
        .order(report_versions::number)
        .select(report_versions::number)
        .load(conn)
}

/// The languages a published version's HTML was frozen in (English only for versions
/// published before reports were published in several languages).
pub fn version_languages(conn: &mut DbConnection, report_id: i64, number: i32) -> QueryResult<Vec<crate::i18n::Lang>> {
    let tags: Option<String> = report_versions::table
        .filter(report_versions::report_id.eq(report_id).and(report_versions::number.eq(number)))
        .select(report_versions::languages)
        .first(conn)
        .optional()?;
    Ok(tags.unwrap_or_default().split_whitespace().filter_map(crate::i18n::Lang::from_tag).collect())
}

/// What is known of one stored output of a published version without reading its bytes.
#[derive(Clone, Debug)]
pub struct OutputMeta {
    pub version_id: i64,
    pub published_at: Option<NaiveDateTime>,
    pub content_type: String,
    /// The stored bytes' length.
    pub length: i32,
}

/// The output `name` of a published version: its type and length, not its bytes (those are
/// served from this instance's copy on disk, `reports::files`).
pub fn output_meta(
    conn: &mut DbConnection,
    report_id: i64,
    number: i32,
    name: &str,
) -> QueryResult<Option<OutputMeta>> {
    report_outputs::table
        .inner_join(report_versions::table)
        .filter(
            report_versions::report_id
                .eq(report_id)
                .and(report_versions::number.eq(number))
                .and(report_versions::state.eq(PUBLISHED)),
        )
        .filter(report_outputs::name.eq(name))
        .select((
            report_versions::id,
            report_versions::published_at,
            report_outputs::content_type,
            diesel::dsl::sql::<diesel::sql_types::Integer>("CAST(length(report_outputs.body) AS INTEGER)"),
        ))
        .first::<(i64, Option<NaiveDateTime>, String, i32)>(conn)
        .optional()
        .map(|o| {
            o.map(|(version_id, published_at, content_type, length)| OutputMeta {
                version_id,
                published_at,
                content_type,
                length,
            })
        })
}

/// The stored bytes of one output of a version.
pub fn output_body(conn: &mut DbConnection, version_id: i64, name: &str) -> QueryResult<Option<Vec<u8>>> {
    report_outputs::table.find((version_id, name)).select(report_outputs::body).first(conn).optional()
}

/// The draft id a CLI user gave, with a clear refusal when it is not a draft.
pub fn require_draft(conn: &mut DbConnection, draft_id: i64) -> ApiResult<i64> {
    let state: Option<String> =
        report_versions::table.find(draft_id).select(report_versions::state).first(conn).optional()?;
    match state.as_deref() {
        None => Err(ApiError::not_found(format!("no report draft with id {draft_id}"))),
        Some(DRAFT) => Ok(draft_id),
        Some(_) => Err(ApiError::StateConflict(format!("report version {draft_id} is already published"))),
    }
}

/// An action the secretariat can mark as good practice, as the report's page lists it.
pub struct Candidate {
    pub id: i64,
    pub title: String,
    pub commitment: String,
    pub status: crate::actions::ActionStatus,
    pub progress: i32,
}

/// The cities with a plan under a framework, for the good-practice picker: (id, name).
pub fn cities_with_plans(conn: &mut DbConnection, framework_id: i64) -> QueryResult<Vec<(i64, String)>> {
    use crate::db::schema::{cities, plans};
    plans::table
        .inner_join(cities::table)
        .filter(plans::framework_id.eq(framework_id))
        .select((cities::id, cities::name))
        .distinct()
        .load(conn)
}

/// A city's actions under a framework, in the charter's order, to mark as good practice.
pub fn good_practice_candidates(
    conn: &mut DbConnection,
    framework: FrameworkId,
    city: CityId,
) -> QueryResult<Vec<Candidate>> {
    let (framework_id, city_id) = (framework.0, city.0);
    use crate::db::schema::{actions, commitments, plans};
    let rows: Vec<(i64, String, String, String, i32)> = actions::table
        .inner_join(plans::table)
        .inner_join(commitments::table)
        .filter(plans::framework_id.eq(framework_id).and(plans::city_id.eq(city_id)))
        .order((commitments::position, actions::id))
        .select((actions::id, actions::title, commitments::code, actions::status, actions::progress))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, commitment, status, progress)| Candidate {
            id,
            title,
            commitment,
            status: crate::actions::ActionStatus::from_db(&status),
            progress,
        })
        .collect())
}
