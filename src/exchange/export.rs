//! Exports: the data as tables (one per kind of object), written as one XLSX workbook (a sheet
//! per table) or a zip of CSV files with a Frictionless Data Package (`datapackage.json`, with
//! a schema per table); and the import templates. The tables use the import's column names,
//! so an exported workbook imports back as it is.

use super::commands::{ACTION_COLUMNS, CITY_COLUMNS};
use crate::actions::{ActionStatus, Delivery};
use crate::auth::{Caller, Role};
use crate::db::schema::{indicator_values, indicators};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use chrono::NaiveDate;
use diesel::prelude::*;
use rust_xlsxwriter::{DataValidation, Format as XFormat, Workbook};
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;

/// What an export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everything, contacts included (the secretariat, observers, the command line).
    All,
    /// One city, contacts included (its editor).
    City(i64),
    /// The open data: public cities' plans, actions and indicator values that are not
    /// sensitive; no contacts, no personal data.
    Public,
}

impl Scope {
    /// The scope a caller's export has: a city editor gets their own city.
    pub fn for_caller(caller: &Caller) -> Scope {
        match caller.role {
            Role::Secretariat | Role::Observer => Scope::All,
            Role::CityEditor => Scope::City(caller.city_id.unwrap_or(-1)),
        }
    }
}

crate::text_enum! {
    /// The export's file format: one workbook, or a zip of CSVs with `datapackage.json`.
    ExportFormat { Xlsx = "xlsx", Csv = "csv" }
}

/// A value in a table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Null,
    Int(i64),
    Num(f64),
    Text(String),
    Bool(bool),
    Date(NaiveDate),
}

impl V {
    fn csv(&self) -> String {
        match self {
            V::Null => String::new(),
            V::Int(i) => i.to_string(),
            V::Num(n) => n.to_string(),
            V::Text(s) => s.clone(),
            V::Bool(b) => if *b { "yes" } else { "no" }.into(),
            V::Date(d) => d.to_string(),
        }
    }
}

fn opt_date(d: Option<NaiveDate>) -> V {
    d.map(V::Date).unwrap_or(V::Null)
}

fn opt_text(s: Option<&String>) -> V {
    s.map(|s| V::Text(s.clone())).unwrap_or(V::Null)
}

/// A column: its name, its Table Schema type, and what it means.
pub struct Field {
    pub name: &'static str,
    pub kind: &'static str,
    pub description: &'static str,
}

const fn f(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field { name, kind, description }
}

/// One table of an export.
pub struct Table {
    pub name: &'static str,
    pub title: &'static str,
    pub fields: &'static [Field],
    pub primary_key: Option<&'static str>,
    pub rows: Vec<Vec<V>>,
}

const CITY_FIELDS: &[Field] = &[
    f("id", "integer", "the tracker's id"),
    f("reference", "string", "the city's code in imported files"),
    f("name", "string", "the city's name"),
    f("country", "string", "ISO 3166-1 alpha-2"),
    f("public", "boolean", "whether the city's page is public"),
];
const SIGNATURE_FIELDS: &[Field] = &[
    f("city_id", "integer", "the city (cities.id)"),
    f("city_reference", "string", "the city's reference"),
    f("city", "string", "the city's name"),
    f("framework", "string", "the framework's code"),
    f("signed_on", "date", "when the city signed"),
];
const CONTACT_FIELDS: &[Field] = &[
    f("id", "integer", "the tracker's id"),
    f("city_id", "integer", "the city (cities.id)"),
    f("city_reference", "string", "the city's reference"),
    f("city", "string", "the city's name"),
    f("name", "string", "the contact's name"),
    f("email", "string", "the contact's email address"),
    f("language", "string", "preferred language (ISO 639-1)"),
    f("office_role", "string", "their role in the office"),
    f("receives_reminders", "boolean", "whether check-in emails go to them"),
];
const PLAN_FIELDS: &[Field] = &[
    f("id", "integer", "the tracker's id"),
    f("city_id", "integer", "the city (cities.id)"),
    f("city_reference", "string", "the city's reference"),
    f("city", "string", "the city's name"),
    f("reference", "string", "the plan's code in imported files"),
    f("framework", "string", "the framework's code"),
    f("title", "string", "the plan's title"),
    f("period_start", "date", "first day of the plan"),
    f("period_end", "date", "last day of the plan"),
    f("status", "string", "draft or adopted"),
    f("adopted_on", "date", "when the city adopted it"),
    f("document_url", "string", "link to the plan document"),
];
const ACTION_FIELDS: &[Field] = &[
    f("id", "integer", "the tracker's id"),
    f("plan_id", "integer", "the plan (plans.id)"),
    f("city_id", "integer", "the city (cities.id)"),
    f("city_reference", "string", "the city's reference"),
    f("city", "string", "the city's name"),
    f("plan_reference", "string", "the plan's reference"),
    f("plan", "string", "the plan's title"),
    f("reference", "string", "the action's code in imported files"),
    f("commitment", "string", "the commitment's code, e.g. SP1"),
    f("role", "string", "the role the commitment belongs to, e.g. SP"),
    f("title", "string", "the action's title"),
    f("description", "string", "what the action does"),
    f("department", "string", "responsible department"),
    f("partners", "string", "partners, separated by `; `"),
    f("delivery", "string", "direct or advocacy"),
    f("policy_areas", "string", "policy areas, separated by `; `"),
    f("start_date", "date", "when it starts"),
    f("due_date", "date", "when it is due"),
    f("status", "string", "planned, in_progress, completed, delayed or cancelled"),
    f("progress", "integer", "per cent, 0 to 100"),
];
const VALUE_FIELDS: &[Field] = &[
    f("id", "integer", "the tracker's id"),
    f("city_id", "integer", "the city (cities.id)"),
    f("city", "string", "the city's name"),
    f("indicator", "string", "the indicator's code"),
    f("indicator_name", "string", "the indicator's name"),
    f("unit", "string", "percent, count, money or yes_no"),
    f("period_start", "date", "first day of the period the value is for"),
    f("period_end", "date", "last day of that period"),
    f("value", "number", "the value"),
    f("baseline", "number", "the baseline, if given"),
    f("target", "number", "the target, if given"),
    f("source", "string", "where the figure comes from"),
];

/// Reads the tables of a scope.
pub fn tables(conn: &mut DbConnection, scope: Scope) -> ApiResult<Vec<Table>> {
    let only = match scope {
        Scope::City(id) => Some(id),
        _ => None,
    };
    let (mut cities, _) = crate::cities::store::list(conn, only, None, i64::MAX, 0)?;
    if scope == Scope::Public {
        cities.retain(|c| c.public);
    }
    let refs = super::store::city_references(conn)?;
    let plan_refs = super::store::plan_references(conn)?;
    let city_ref = |id: i64| opt_text(refs.get(&id));
    let mut t_cities = vec![];
    let mut t_sigs = vec![];
    let mut t_contacts = vec![];
    let mut t_plans = vec![];
    let mut t_actions = vec![];
    for c in &cities {
        t_cities.push(vec![
            V::Int(c.id),
            city_ref(c.id),
            V::Text(c.name.clone()),
            V::Text(c.country.clone()),
            V::Bool(c.public),
        ]);
        for s in &c.signatures {
            t_sigs.push(vec![
                V::Int(c.id),
                city_ref(c.id),
                V::Text(c.name.clone()),
                V::Text(s.framework.clone()),
                V::Date(s.signed_on),
            ]);
        }
        if scope != Scope::Public {
            for k in crate::cities::contacts::for_city(conn, c.id)? {
                t_contacts.push(vec![
                    V::Int(k.id),
                    V::Int(c.id),
                    city_ref(c.id),
                    V::Text(c.name.clone()),
                    V::Text(k.name),
                    V::Text(k.email),
                    V::Text(k.language),
                    V::Text(k.office_role),
                    V::Bool(k.receives_reminders),
                ]);
            }
        }
        let (plans, _) = crate::plans::store::list_for_city(conn, c.id, i64::MAX, 0)?;
        for p in plans {
            t_plans.push(vec![
                V::Int(p.id),
                V::Int(c.id),
                city_ref(c.id),
                V::Text(c.name.clone()),
                opt_text(plan_refs.get(&p.id)),
                V::Text(p.framework.clone()),
                V::Text(p.title.clone()),
                V::Date(p.period_start),
                V::Date(p.period_end),
                V::Text(p.status.as_str().into()),
                opt_date(p.adopted_on),
                opt_text(p.document_url.as_ref()),
            ]);
            let (actions, _) = crate::actions::store::list(
                conn,
                p.id,
                &crate::actions::store::Filter::default(),
                crate::actions::Staleness::NEVER,
                i64::MAX,
                0,
            )?;
            let action_refs = super::store::action_references(conn, &[p.id])?;
            for a in actions {
                t_actions.push(vec![
                    V::Int(a.id),
                    V::Int(p.id),
                    V::Int(c.id),
                    city_ref(c.id),
                    V::Text(c.name.clone()),
                    opt_text(plan_refs.get(&p.id)),
                    V::Text(p.title.clone()),
                    opt_text(action_refs.get(&a.id)),
                    V::Text(a.commitment),
                    V::Text(a.role),
                    V::Text(a.title),
                    V::Text(a.description),
                    V::Text(a.department),
                    V::Text(a.partners.join("; ")),
                    V::Text(a.delivery.as_str().into()),
                    V::Text(a.policy_areas.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("; ")),
                    opt_date(a.start_date),
                    opt_date(a.due_date),
                    V::Text(a.status.as_str().into()),
                    V::Int(a.progress.into()),
                ]);
            }
        }
    }
    let names: HashMap<i64, String> = cities.iter().map(|c| (c.id, c.name.clone())).collect();
    let ids: Vec<i64> = cities.iter().map(|c| c.id).collect();
    type ValueRow =
        (i64, i64, String, String, String, bool, NaiveDate, NaiveDate, f64, Option<f64>, Option<f64>, String);
    let values: Vec<ValueRow> = indicator_values::table
        .inner_join(indicators::table)
        .filter(indicator_values::city_id.eq_any(&ids))
        .order((indicator_values::city_id, indicators::code, indicator_values::period_start))
        .select((
            indicator_values::id,
            indicator_values::city_id,
            indicators::code,
            indicators::name,
            indicators::unit,
            indicators::sensitive,
            indicator_values::period_start,
            indicator_values::period_end,
            indicator_values::value,
            indicator_values::baseline,
            indicator_values::target,
            indicator_values::source,
        ))
        .load(conn)?;
    let t_values = values
        .into_iter()
        // A sensitive indicator never shows one city's value publicly (the suppression rule).
        .filter(|v| !(scope == Scope::Public && v.5))
        .map(|(id, city, code, name, unit, _, start, end, value, baseline, target, source)| {
            vec![
                V::Int(id),
                V::Int(city),
                V::Text(names.get(&city).cloned().unwrap_or_default()),
                V::Text(code),
                V::Text(name),
                V::Text(unit),
                V::Date(start),
                V::Date(end),
                V::Num(value),
                baseline.map(V::Num).unwrap_or(V::Null),
                target.map(V::Num).unwrap_or(V::Null),
                V::Text(source),
            ]
        })
        .collect();
    let mut out = vec![
        Table {
            name: "cities",
            title: "Signatory cities",
            fields: CITY_FIELDS,
            primary_key: Some("id"),
            rows: t_cities,
        },
        Table {
            name: "signatures",
            title: "Frameworks each city signed",
            fields: SIGNATURE_FIELDS,
            primary_key: None,
            rows: t_sigs,
        },
    ];
    if scope != Scope::Public {
        out.push(Table {
            name: "contacts",
            title: "Cities' contacts",
            fields: CONTACT_FIELDS,
            primary_key: Some("id"),
            rows: t_contacts,
        });
    }
    out.push(Table {
        name: "plans",
        title: "Action plans",
        fields: PLAN_FIELDS,
        primary_key: Some("id"),
        rows: t_plans,
    });
    out.push(Table {
        name: "actions",
        title: "Actions",
        fields: ACTION_FIELDS,
        primary_key: Some("id"),
        rows: t_actions,
    });
    out.push(Table {
        name: "indicator_values",
        title: "Indicator values",
        fields: VALUE_FIELDS,
        primary_key: Some("id"),
        rows: t_values,
    });
    Ok(out)
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::Unexpected(anyhow::Error::new(e).context("writing a workbook"))
}

/// One workbook, a sheet per table, the header row in bold and frozen.
pub fn to_xlsx(tables: &[Table]) -> ApiResult<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(t.name).map_err(xlsx_error)?;
        for (c, field) in t.fields.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, field.name, &bold).map_err(xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    V::Null => {}
                    V::Int(i) => {
                        ws.write_number(r, c, *i as f64).map_err(xlsx_error)?;
                    }
                    V::Num(n) => {
                        ws.write_number(r, c, *n).map_err(xlsx_error)?;
                    }
                    V::Text(s) if s.is_empty() => {}
                    V::Text(s) => {
                        ws.write_string(r, c, s).map_err(xlsx_error)?;
                    }
                    V::Bool(b) => {
                        ws.write_string(r, c, if *b { "yes" } else { "no" }).map_err(xlsx_error)?;
                    }
                    V::Date(d) => {
                        ws.write_string(r, c, d.to_string()).map_err(xlsx_error)?;
                    }
                }
            }
        }
    }
    wb.save_to_buffer().map_err(xlsx_error)
}

/// The licence of an export, for `datapackage.json`.
pub struct Licence<'a> {
    pub name: &'a str,
    pub path: &'a str,
    pub title: &'a str,
}

/// A zip of one CSV per table (UTF-8, a header row) and `datapackage.json` describing them.
pub fn to_csv_zip(
    tables: &[Table],
    package_name: &str,
    title: &str,
    licence: Option<&Licence<'_>>,
) -> ApiResult<Vec<u8>> {
    let io = |e: std::io::Error| ApiError::Unexpected(anyhow::Error::new(e).context("writing the zip"));
    let zip_err = |e: zip::result::ZipError| ApiError::Unexpected(anyhow::Error::new(e).context("writing the zip"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut resources = vec![];
    for t in tables {
        let path = format!("{}.csv", t.name);
        zip.start_file(path.as_str(), options).map_err(zip_err)?;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(t.fields.iter().map(|f| f.name)).map_err(|e| io(e.into()))?;
        for row in &t.rows {
            w.write_record(row.iter().map(V::csv)).map_err(|e| io(e.into()))?;
        }
        let bytes = w.into_inner().map_err(|e| io(e.into_error()))?;
        zip.write_all(&bytes).map_err(io)?;
        let fields: Vec<_> = t
            .fields
            .iter()
            .map(|f| {
                let mut v = json!({"name": f.name, "type": f.kind, "description": f.description});
                if f.kind == "boolean" {
                    v["trueValues"] = json!(["yes"]);
                    v["falseValues"] = json!(["no"]);
                }
                v
            })
            .collect();
        let mut schema = json!({"fields": fields, "missingValues": [""]});
        if let Some(pk) = t.primary_key {
            schema["primaryKey"] = json!(pk);
        }
        resources.push(json!({
            "name": t.name, "title": t.title, "path": path, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        }));
    }
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": package_name,
        "title": title,
        "resources": resources,
    });
    if let Some(l) = licence {
        package["licenses"] = json!([{"name": l.name, "path": l.path, "title": l.title}]);
    }
    zip.start_file("datapackage.json", options).map_err(zip_err)?;
    zip.write_all(serde_json::to_string_pretty(&package).unwrap_or_default().as_bytes()).map_err(io)?;
    Ok(zip.finish().map_err(zip_err)?.into_inner())
}

/// An export in a format: (bytes, content type, file name).
pub fn export(
    conn: &mut DbConnection,
    scope: Scope,
    format: ExportFormat,
    settings: &crate::config::Settings,
) -> ApiResult<(Vec<u8>, &'static str, String)> {
    let tables = tables(conn, scope)?;
    let stem = match scope {
        Scope::All => "charter-tracker-export".to_string(),
        Scope::City(id) => format!("charter-tracker-city-{id}"),
        Scope::Public => "charter-tracker-open-data".to_string(),
    };
    let l = &settings.exports;
    let licence = Licence { name: &l.licence_name, path: &l.licence_url, title: &l.licence_title };
    let licence = (scope == Scope::Public).then_some(&licence);
    Ok(match format {
        ExportFormat::Xlsx => (to_xlsx(&tables)?, XLSX_TYPE, format!("{stem}.xlsx")),
        ExportFormat::Csv => {
            let title = format!("{}: Charter tracker data", settings.network.name);
            (to_csv_zip(&tables, &stem, &title, licence)?, "application/zip", format!("{stem}.zip"))
        }
    })
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---------------------------------------------------------------------------------------------
// Templates

/// A template to fill in: (bytes, content type, file name).
pub fn template(
    conn: &mut DbConnection,
    kind: super::ImportKind,
    format: ExportFormat,
) -> ApiResult<(Vec<u8>, &'static str, String)> {
    let (columns, example): (&[&str], Vec<&str>) = match kind {
        super::ImportKind::Cities => (
            CITY_COLUMNS,
            vec![
                "MAL",
                "Malmö",
                "SE",
                "yes",
                "eurocities-integrating-cities",
                "2019-03-01",
                "Anna Berg",
                "anna.berg@malmo.example",
                "sv",
                "Integration officer",
                "yes",
            ],
        ),
        super::ImportKind::Actions => (
            ACTION_COLUMNS,
            vec![
                "A-1",
                "SP1",
                "Language cafés in libraries",
                "Weekly conversation groups",
                "Libraries",
                "Red Cross; Adult education centre",
                "direct",
                "language_learning; education",
                "2026-01-15",
                "31/12/2026",
                "in_progress",
                "30%",
            ],
        ),
    };
    let name = kind.as_str();
    match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let err = |e: csv::Error| ApiError::Unexpected(anyhow::Error::new(e).context("writing a template"));
            w.write_record(columns).map_err(err)?;
            w.write_record(&example).map_err(err)?;
            let bytes = w.into_inner().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("{e}")))?;
            Ok((bytes, "text/csv; charset=utf-8", format!("{name}-template.csv")))
        }
        ExportFormat::Xlsx => {
            let mut wb = Workbook::new();
            let bold = XFormat::new().set_bold();
            let ws = wb.add_worksheet();
            ws.set_name(name).map_err(xlsx_error)?;
            for (c, h) in columns.iter().enumerate() {
                ws.write_string_with_format(0, c as u16, *h, &bold).map_err(xlsx_error)?;
                ws.write_string(1, c as u16, example[c]).map_err(xlsx_error)?;
                ws.set_column_width(c as u16, 18).map_err(xlsx_error)?;
            }
            ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
            let last = super::MAX_ROWS as u32;
            let mut list = |column: &str, values: Vec<String>, title: &str| -> ApiResult<()> {
                let Some(c) = columns.iter().position(|h| *h == column) else { return Ok(()) };
                let dv = DataValidation::new()
                    .allow_list_strings(&values)
                    .map_err(xlsx_error)?
                    .set_input_title(title)
                    .map_err(xlsx_error)?;
                ws.add_data_validation(1, c as u16, last, c as u16, &dv).map_err(xlsx_error)?;
                Ok(())
            };
            let yes_no = vec!["yes".to_string(), "no".to_string()];
            match kind {
                super::ImportKind::Cities => {
                    let frameworks: Vec<String> =
                        crate::charter::store::list(conn)?.into_iter().map(|f| f.code).collect();
                    list("public", yes_no.clone(), "Public page?")?;
                    list("framework", frameworks, "Framework")?;
                    list("contact_receives_reminders", yes_no, "Receives reminders?")?;
                }
                super::ImportKind::Actions => {
                    let codes: Vec<String> = super::store::all_commitments(conn)?
                        .into_iter()
                        .filter(|(c, f)| !c.retired && f.code == "eurocities-integrating-cities")
                        .map(|(c, _)| c.code)
                        .collect();
                    list("commitment", codes, "Commitment code")?;
                    list("status", ActionStatus::ALL.iter().map(|s| s.as_str().to_string()).collect(), "Status")?;
                    list("delivery", Delivery::ALL.iter().map(|s| s.as_str().to_string()).collect(), "Delivery")?;
                }
            }
            Ok((wb.save_to_buffer().map_err(xlsx_error)?, XLSX_TYPE, format!("{name}-template.xlsx")))
        }
    }
}
