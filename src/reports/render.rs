//! The report's outputs: a standalone HTML document (handlebars, charts inline), JSON with
//! every figure, and one CSV per table plus one with them all.
//!
//! The tables are built once (`tables`) and feed both the HTML and the CSVs, so a figure reads
//! the same in both. Numbers print as Rust prints the rounded value (33.3, 12500); a missing
//! figure is an empty CSV cell and "–" in HTML.

use super::{charts, ReportData};
use crate::i18n::Lang;
use crate::t;
use handlebars::Handlebars;
use rust_embed::RustEmbed;
use serde::Serialize;
use serde_json::{json, Value};
use std::path::Path;

#[derive(RustEmbed)]
#[folder = "templates/reports/"]
#[include = "*.hbs"]
struct BuiltIn;

/// The report templates, compiled; built into the binary and overridable file by file.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl Templates {
    /// Compiles every template, taking `override_dir/<same path>` instead where it exists;
    /// a template that does not compile stops start-up, naming the file.
    pub fn load(override_dir: &Path) -> anyhow::Result<Templates> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(false); // optional values (changelog, previous report) are simply absent
        crate::i18n::messages::register(&mut registry);
        registry.register_escape_fn(crate::i18n::messages::escape);
        for name in BuiltIn::iter() {
            let stem = name.trim_end_matches(".hbs").to_string();
            let local = override_dir.join(name.as_ref());
            let (text, origin) = if local.is_file() {
                (
                    std::fs::read_to_string(&local).map_err(|e| anyhow::anyhow!("reading {}: {e}", local.display()))?,
                    local.display().to_string(),
                )
            } else {
                (
                    String::from_utf8_lossy(&BuiltIn::get(&name).expect("listed").data).into_owned(),
                    format!("templates/reports/{name} (built in)"),
                )
            };
            registry
                .register_template_string(&stem, text)
                .map_err(|e| anyhow::anyhow!("report template {origin}: {e}"))?;
        }
        Ok(Templates { registry })
    }

    fn render(&self, name: &str, data: &Value, lang: Lang) -> anyhow::Result<String> {
        crate::i18n::messages::rendering_in(lang, || self.registry.render(name, data))
            .map_err(|e| anyhow::anyhow!("rendering report template {name}: {e}"))
    }
}

/// Which reader an output is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Anyone: made from the suppressed figures.
    Public,
    /// The secretariat: every figure, with a banner saying so (and "draft" when it is one).
    Secretariat,
}

/// What the output says about the version it shows.
#[derive(Clone, Debug, Serialize)]
pub struct Meta {
    pub slug: String,
    pub number: i32,
    pub draft: bool,
    /// RFC 3339, when published.
    pub published_at: Option<String>,
    pub changelog: Option<String>,
    /// Made from the demo network's invented data (the page then says so).
    #[serde(skip)]
    pub demo: bool,
}

impl Meta {
    /// Where this version's files are (relative links, so the frozen HTML works behind any host).
    pub fn version_path(&self) -> String {
        format!("/reports/{}/versions/{}", self.slug, self.number)
    }
}

/// One cell of a table.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Int(Option<i64>),
    Num(Option<f64>),
}

impl Cell {
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Num(v) => v.map(|x| x.to_string()).unwrap_or_default(),
        }
    }
    fn html(&self) -> String {
        match self.csv() {
            s if s.is_empty() => "–".into(),
            s => s,
        }
    }
}

/// A table of the report: its CSV name, caption, columns (CSV key, HTML heading) and rows.
/// Captions, headings and the words in text cells are in the language the table was made in;
/// the CSVs are made in English (their keys are English whatever the language).
pub struct Table {
    pub name: &'static str,
    pub caption: String,
    pub columns: Vec<(&'static str, String)>,
    pub rows: Vec<Vec<Cell>>,
}

/// Columns from (CSV key, message key of the heading).
fn cols(lang: Lang, c: Vec<(&'static str, &'static str)>) -> Vec<(&'static str, String)> {
    c.into_iter().map(|(k, m)| (k, crate::i18n::t(lang, m))).collect()
}

/// The words for a code (`in_progress` under `report-status-`), the code itself when unknown.
fn code_word(lang: Lang, prefix: &str, code: &str, known: &[&str]) -> String {
    if known.contains(&code) {
        crate::i18n::t(lang, &format!("{prefix}{}", code.replace('_', "-")))
    } else {
        code.replace('_', " ")
    }
}

fn status_word(lang: Lang, code: &str) -> String {
    code_word(lang, "report-status-", code, &STATUSES)
}

fn level_word(lang: Lang, code: &str) -> String {
    code_word(lang, "report-level-", code, &LEVELS)
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}
fn i(v: i64) -> Cell {
    Cell::Int(Some(v))
}
fn oi(v: Option<i64>) -> Cell {
    Cell::Int(v)
}
fn n(v: Option<f64>) -> Cell {
    Cell::Num(v)
}

const STATUSES: [&str; 5] = ["planned", "in_progress", "completed", "delayed", "cancelled"];
const LEVELS: [&str; 4] = ["not_started", "limited", "substantial", "complete"];

fn count(c: &super::Counts, k: &str) -> Cell {
    i(c.get(k).copied().unwrap_or(0))
}

/// Every table of the report, in reading order.
pub fn tables(d: &ReportData, lang: Lang) -> Vec<Table> {
    let s = &d.signatories;
    let k = d.suppression_threshold;
    let mut out = vec![Table {
        name: "signatories",
        caption: t!(lang, "report-table-signatories", period = period_label(d, lang)),
        columns: cols(lang, vec![("measure", "report-col-measure"), ("value", "report-col-cities")]),
        rows: vec![
            vec![t(t!(lang, "report-row-cities")), i(s.cities)],
            vec![t(t!(lang, "report-row-signatories")), i(s.signatories)],
            vec![t(t!(lang, "report-row-signed-in-period")), i(s.new_in_period)],
            vec![t(t!(lang, "report-row-with-plan")), i(s.with_adopted_plan)],
            vec![t(t!(lang, "report-row-plans-adopted")), i(s.plans_adopted_in_period)],
            vec![t(t!(lang, "report-row-without-plan")), i(s.without_plan.len() as i64)],
        ],
    }];
    let action_cols = |first: Vec<(&'static str, &'static str)>| {
        let mut c = first;
        c.extend([
            ("cities_acting", "report-col-cities-acting"),
            ("actions", "report-col-actions"),
            ("planned", "report-col-planned"),
            ("in_progress", "report-col-in-progress"),
            ("completed", "report-col-completed"),
            ("delayed", "report-col-delayed"),
            ("cancelled", "report-col-cancelled"),
            ("completion_rate", "report-col-completion-rate"),
            ("mean_progress", "report-col-mean-progress"),
        ]);
        cols(lang, c)
    };
    let action_cells = |f: &super::ActionFigures| {
        let mut r = vec![i(f.cities_acting), i(f.actions)];
        r.extend(STATUSES.iter().map(|st| count(&f.by_status, st)));
        r.extend([n(f.completion_rate), n(f.mean_progress)]);
        r
    };
    out.push(Table {
        name: "roles",
        caption: t!(lang, "report-table-roles"),
        columns: action_cols(vec![("role", "report-col-role"), ("title", "report-col-title")]),
        rows: d.roles.iter().map(|r| [vec![t(&r.code), t(&r.title)], action_cells(&r.figures)].concat()).collect(),
    });
    let mut columns = action_cols(vec![("commitment", "report-col-commitment"), ("role", "report-col-role")]);
    columns.extend(cols(
        lang,
        vec![
            ("updates", "report-col-updates"),
            ("not_started", "report-col-not-started"),
            ("limited", "report-col-limited"),
            ("substantial", "report-col-substantial"),
            ("complete", "report-col-complete"),
        ],
    ));
    out.push(Table {
        name: "commitments",
        caption: t!(lang, "report-table-commitments"),
        columns,
        rows: d
            .commitments
            .iter()
            .map(|c| {
                let mut r = vec![t(&c.code), t(&c.role)];
                r.extend(action_cells(&c.figures));
                r.push(i(c.updates));
                r.extend(LEVELS.iter().map(|l| count(&c.assessments, l)));
                r
            })
            .collect(),
    });
    let check_cells = |c: &super::CheckInCounts| {
        vec![i(c.asked), i(c.on_time), i(c.late), i(c.missed), i(c.pending), i(c.accepted), i(c.unreviewed)]
    };
    let mut rows: Vec<Vec<Cell>> = d
        .compliance
        .cities
        .iter()
        .map(|c| [vec![t(&c.city), t(&c.country)], check_cells(&c.counts)].concat())
        .collect();
    rows.push([vec![t(t!(lang, "report-all-cities")), t("")], check_cells(&d.compliance.totals)].concat());
    out.push(Table {
        name: "compliance",
        caption: t!(lang, "report-table-compliance"),
        columns: cols(
            lang,
            vec![
                ("city", "report-col-city"),
                ("country", "report-col-country"),
                ("asked", "report-col-asked"),
                ("on_time", "report-col-on-time"),
                ("late", "report-col-late"),
                ("missed", "report-col-missed"),
                ("pending", "report-col-pending"),
                ("accepted", "report-col-accepted-by-secretariat"),
                ("unreviewed", "report-col-not-yet-accepted"),
            ],
        ),
        rows,
    });
    let withheld = |v: Option<i64>, suppressed: bool| {
        if suppressed {
            t(t!(lang, "report-fewer-than", threshold = k))
        } else {
            oi(v)
        }
    };
    out.push(Table {
        name: "verification",
        caption: t!(lang, "report-table-verification"),
        columns: cols(
            lang,
            vec![
                ("commitment", "report-col-commitment"),
                ("self_rated", "report-col-self-rated"),
                ("verified", "report-col-verified-cities"),
                ("agree", "report-col-agree"),
                ("self_higher", "report-col-self-higher"),
                ("self_lower", "report-col-self-lower"),
            ],
        ),
        rows: d
            .verification
            .commitments
            .iter()
            .map(|v| {
                vec![
                    t(&v.code),
                    i(v.self_rated),
                    withheld(v.verified, v.suppressed),
                    oi(v.agree),
                    oi(v.self_higher),
                    oi(v.self_lower),
                ]
            })
            .collect(),
    });
    out.push(Table {
        name: "verification_cities",
        caption: t!(lang, "report-table-verification-cities"),
        columns: cols(
            lang,
            vec![
                ("city", "report-col-city"),
                ("commitment", "report-col-commitment"),
                ("self_level", "report-col-self-level"),
                ("verified_level", "report-col-verified-level"),
                ("verified_on", "report-col-verified-on"),
            ],
        ),
        rows: d
            .verification
            .cities
            .iter()
            .map(|c| {
                vec![
                    t(&c.city),
                    t(&c.commitment),
                    t(c.self_level.as_deref().map(|l| level_word(lang, l)).unwrap_or_default()),
                    t(level_word(lang, &c.verified_level)),
                    t(c.verified_on.to_string()),
                ]
            })
            .collect(),
    });
    out.push(Table {
        name: "indicators",
        caption: t!(lang, "report-table-indicators"),
        columns: cols(
            lang,
            vec![
                ("indicator", "report-col-indicator"),
                ("name", "report-col-name"),
                ("unit", "report-col-unit"),
                ("cities_reporting", "report-col-cities-reporting"),
                ("q1", "report-col-q1"),
                ("median", "report-col-median"),
                ("q3", "report-col-q3"),
                ("yes", "report-col-yes"),
                ("share_yes", "report-col-share-yes"),
                ("change_since_previous", "report-col-change-since-previous"),
                ("baseline_cities", "report-col-baseline-cities"),
                ("change_since_baseline", "report-col-change-since-baseline"),
                ("target_cities", "report-col-target-cities"),
                ("distance_to_target", "report-col-distance-to-target"),
                ("reached_target", "report-col-reached-target"),
                ("note", "report-col-note"),
            ],
        ),
        rows: d
            .indicators
            .iter()
            .map(|x| {
                let unit = match (&x.unit[..], &x.currency) {
                    ("money", Some(c)) => t!(lang, "report-unit-money", currency = c),
                    (u, _) => u.replace('_', "/"),
                };
                let note = match (x.suppressed, x.cities_reporting) {
                    (true, None) => t!(lang, "report-note-withheld", threshold = k),
                    (true, Some(_)) => t!(lang, "report-note-partly-withheld", threshold = k),
                    (false, _) if x.sensitive && !d.suppressed_view => t!(lang, "report-note-sensitive"),
                    _ => String::new(),
                };
                vec![
                    t(&x.code),
                    t(&x.name),
                    t(unit),
                    oi(x.cities_reporting),
                    n(x.q1),
                    n(x.median),
                    n(x.q3),
                    oi(x.yes),
                    n(x.share_yes),
                    n(x.change_since_previous),
                    oi(x.baseline_cities),
                    n(x.change_since_baseline),
                    oi(x.target_cities),
                    n(x.distance_to_target),
                    oi(x.reached_target),
                    t(note),
                ]
            })
            .collect(),
    });
    let ml = &d.mutual_learning;
    out.push(Table {
        name: "peer_reviews",
        caption: t!(lang, "report-table-peer-reviews"),
        columns: cols(
            lang,
            vec![
                ("host", "report-col-host"),
                ("reviewers", "report-col-reviewers"),
                ("commitments", "report-col-commitments-in-focus"),
                ("visit_from", "report-col-visit"),
                ("report_date", "report-col-report"),
                ("state", "report-col-state"),
                ("recommendations", "report-col-recommendations"),
            ],
        ),
        rows: ml
            .reviews
            .iter()
            .map(|r| {
                vec![
                    t(&r.host),
                    t(r.reviewers.join(", ")),
                    t(r.commitments.join(", ")),
                    t(r.visit_from.map(|d| d.to_string()).unwrap_or_default()),
                    t(r.report_date.map(|d| d.to_string()).unwrap_or_default()),
                    t(code_word(lang, "report-review-", &r.state, &["planned", "visited", "reported", "closed"])),
                    i(r.recommendations.len() as i64),
                ]
            })
            .collect(),
    });
    let learning_row = |label: String, f: &super::LearningFigures, practices: Option<i64>| {
        vec![
            t(label),
            i(f.reviews),
            i(f.recommendations),
            i(f.accepted),
            i(f.partly),
            i(f.not_accepted),
            i(f.no_response),
            i(f.became_actions),
            count(&f.actions_by_status, "completed"),
            n(f.mean_action_progress),
            oi(practices),
        ]
    };
    let mut learning: Vec<Vec<Cell>> =
        ml.commitments.iter().map(|c| learning_row(c.code.clone(), &c.figures, Some(c.good_practices))).collect();
    if !ml.reviews.is_empty() || !ml.commitments.is_empty() {
        learning.push(learning_row(
            t!(lang, "report-all-commitments"),
            &ml.totals,
            Some(d.good_practices.len() as i64),
        ));
    }
    out.push(Table {
        name: "mutual_learning",
        caption: t!(lang, "report-table-mutual-learning"),
        columns: cols(
            lang,
            vec![
                ("commitment", "report-col-commitment"),
                ("reviews", "report-col-reviews"),
                ("recommendations", "report-col-recommendations"),
                ("accepted", "report-col-accepted"),
                ("partly", "report-col-partly"),
                ("not_accepted", "report-col-not-accepted"),
                ("no_response", "report-col-no-response"),
                ("became_actions", "report-col-became-actions"),
                ("actions_completed", "report-col-of-which-completed"),
                ("mean_action_progress", "report-col-action-progress"),
                ("good_practices", "report-col-good-practices"),
            ],
        ),
        rows: learning,
    });
    out.push(Table {
        name: "good_practices",
        caption: t!(lang, "report-table-good-practices"),
        columns: cols(
            lang,
            vec![
                ("city", "report-col-city"),
                ("commitment", "report-col-commitment"),
                ("action", "report-col-action"),
                ("status", "report-col-status"),
                ("progress", "report-col-progress"),
                ("narrative", "report-col-narrative"),
            ],
        ),
        rows: d
            .good_practices
            .iter()
            .map(|g| {
                vec![
                    t(&g.city),
                    t(&g.commitment),
                    t(&g.title),
                    t(status_word(lang, &g.status)),
                    i(g.progress as i64),
                    t(&g.narrative),
                ]
            })
            .collect(),
    });
    out.push(Table {
        name: "moved",
        caption: t!(lang, "report-table-moved"),
        columns: cols(
            lang,
            vec![
                ("section", "report-col-section"),
                ("item", "report-col-item"),
                ("measure", "report-col-measure"),
                ("before", "report-col-before"),
                ("after", "report-col-now"),
                ("change", "report-col-change"),
            ],
        ),
        rows: d
            .moved
            .iter()
            .map(|m| {
                vec![t(&m.section), t(&m.item), t(&m.measure), n(Some(m.before)), n(Some(m.after)), n(Some(m.change))]
            })
            .collect(),
    });
    out.push(Table {
        name: "cities",
        caption: t!(lang, "report-table-cities"),
        columns: cols(
            lang,
            vec![
                ("city", "report-col-city"),
                ("country", "report-col-country"),
                ("signed_on", "report-col-signed-on"),
                ("plan", "report-col-plan"),
                ("plan_status", "report-col-plan-status"),
                ("plan_adopted_on", "report-col-adopted-on"),
                ("actions", "report-col-actions"),
                ("completed", "report-col-completed"),
                ("mean_progress", "report-col-mean-progress"),
                ("mean_progress_change", "report-col-change-since-previous"),
                ("commitments_covered", "report-col-commitments-acted-on"),
                ("commitments_total", "report-col-commitments"),
                ("updates", "report-col-updates"),
                ("check_ins_asked", "report-col-check-ins-asked"),
                ("on_time", "report-col-on-time"),
                ("late", "report-col-late"),
                ("missed", "report-col-missed"),
            ],
        ),
        rows: d
            .cities
            .iter()
            .map(|c| {
                vec![
                    t(&c.name),
                    t(&c.country),
                    t(c.signed_on.map(|x| x.to_string()).unwrap_or_default()),
                    t(c.plan_title.clone().unwrap_or_default()),
                    t(c.plan_status
                        .as_deref()
                        .map(|s| code_word(lang, "report-plan-", s, &["adopted", "draft"]))
                        .unwrap_or_default()),
                    t(c.plan_adopted_on.map(|x| x.to_string()).unwrap_or_default()),
                    i(c.actions),
                    count(&c.by_status, "completed"),
                    n(c.mean_progress),
                    n(c.mean_progress_change),
                    i(c.commitments_covered),
                    i(c.commitments_total),
                    i(c.updates),
                    i(c.check_ins.asked),
                    i(c.check_ins.on_time),
                    i(c.check_ins.late),
                    i(c.check_ins.missed),
                ]
            })
            .collect(),
    });
    out.push(Table {
        name: "city_indicators",
        caption: t!(lang, "report-table-city-indicators"),
        columns: cols(
            lang,
            vec![
                ("city", "report-col-city"),
                ("indicator", "report-col-indicator"),
                ("value", "report-col-value"),
                ("baseline", "report-col-baseline"),
                ("target", "report-col-target"),
                ("period_end", "report-col-period-end"),
                ("change_since_previous", "report-col-change-since-previous"),
            ],
        ),
        rows: d
            .cities
            .iter()
            .flat_map(|c| {
                c.indicators.iter().map(move |v| {
                    vec![
                        t(&c.name),
                        t(&v.code),
                        n(Some(v.value)),
                        n(v.baseline),
                        n(v.target),
                        t(v.period_end.to_string()),
                        n(v.change_since_previous),
                    ]
                })
            })
            .collect(),
    });
    out.push(Table {
        name: "changes",
        caption: t!(lang, "report-table-changes"),
        columns: cols(
            lang,
            vec![("what", "report-col-figure"), ("before", "report-col-before"), ("after", "report-col-now")],
        ),
        rows: d.changes.iter().map(|c| vec![t(&c.what), t(&c.before), t(&c.after)]).collect(),
    });
    out
}

/// One table as CSV (header row of keys, then the rows).
pub fn csv_table(table: &Table) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(table.columns.iter().map(|(k, _)| *k))?;
    for r in &table.rows {
        w.write_record(r.iter().map(Cell::csv))?;
    }
    Ok(String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("writing CSV: {e}"))?)?)
}

/// Every table in one CSV, one figure per line: table, row number, column, value.
pub fn csv_all(tables: &[Table]) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(["table", "row", "column", "value"])?;
    for table in tables {
        for (r, row) in table.rows.iter().enumerate() {
            for ((key, _), cell) in table.columns.iter().zip(row) {
                w.write_record([table.name, &(r + 1).to_string(), key, &cell.csv()])?;
            }
        }
    }
    Ok(String::from_utf8(w.into_inner().map_err(|e| anyhow::anyhow!("writing CSV: {e}"))?)?)
}

/// The JSON document: the version's particulars and every figure.
pub fn json(d: &ReportData, m: &Meta) -> anyhow::Result<String> {
    let doc = json!({
        "slug": m.slug,
        "version": m.number,
        "state": if m.draft { "draft" } else { "published" },
        "published_at": m.published_at,
        "changelog": m.changelog,
        "figures": d,
    });
    Ok(serde_json::to_string_pretty(&doc)?)
}

/// A table for the template: a column holding a number in any row is a figure column (right
/// aligned, as figures are compared by their last digits); the others are text, left aligned.
fn table_view(table: &Table) -> Value {
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|c| table.rows.iter().any(|r| matches!(r.get(c), Some(Cell::Int(_) | Cell::Num(_)))))
        .collect();
    json!({
        "id": format!("table-{}", table.name.replace('_', "-")),
        "caption": table.caption,
        "headings": table.columns.iter().enumerate().map(|(c, (_, h))| json!({"text": h, "num": numeric[c]})).collect::<Vec<_>>(),
        "rows": table.rows.iter().map(|r| json!({
            "head": r[0].html(),
            "cells": r[1..].iter().enumerate().map(|(c, cell)| json!({"text": cell.html(), "num": numeric[c + 1]})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "empty": table.rows.is_empty(),
    })
}

fn date_of(rfc3339: &str, lang: Lang) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| crate::i18n::date(t.date_naive(), lang))
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// The report's period label in `lang` (the stored English label in English, so a report's
/// English words never change with the formatting code).
fn period_label(d: &ReportData, lang: Lang) -> String {
    if lang == Lang::En || d.period_start == chrono::NaiveDate::default() {
        d.period_label.clone()
    } else {
        super::period_label_in(d.period_start, d.period_end, lang)
    }
}

/// The stored name of a published version's HTML in `lang`: `report.html` in English (as
/// before reports were published in several languages), `report.fr.html` and so on.
pub fn html_name(lang: Lang) -> String {
    match lang {
        Lang::En => "report.html".to_string(),
        l => format!("report.{}.html", l.tag()),
    }
}

/// The links to the other languages of a page at `path` (`?lang=` picks one).
fn language_links(path: &str, lang: Lang) -> Vec<Value> {
    Lang::OFFERED
        .iter()
        .map(|l| json!({"tag": l.tag(), "name": l.own_name(), "current": *l == lang, "href": format!("{path}?lang={}", l.tag())}))
        .collect()
}

/// The whole HTML document in `lang`.
pub fn html(templates: &Templates, d: &ReportData, m: &Meta, view: View, lang: Lang) -> anyhow::Result<String> {
    let tables = tables(d, lang);
    let by_name = |name: &str| table_view(tables.iter().find(|t| t.name == name).expect("every table exists"));
    let version_path = m.version_path();
    let downloads: Vec<Value> = if m.draft {
        vec![]
    } else {
        let mut v = vec![
            json!({"label": t!(lang, "report-download-json"), "href": format!("{version_path}.json")}),
            json!({"label": t!(lang, "report-download-csv"), "href": format!("{version_path}.csv")}),
        ];
        v.extend(tables.iter().map(|t| json!({"label": t!(lang, "report-download-table", caption = t.caption.as_str()), "href": format!("{version_path}/tables/{}.csv", t.name)})));
        v
    };
    let k = d.suppression_threshold;
    let secretariat = view == View::Secretariat;
    let period_label = period_label(d, lang);
    let title = t!(
        lang,
        if m.draft { "report-title-draft" } else { "report-title" },
        framework = d.framework_title.as_str(),
        period = period_label.as_str()
    );
    let cities: Vec<Value> = d
        .cities
        .iter()
        .enumerate()
        .map(|(idx, c)| {
            let level = |l: &str| c.assessments.get(l).copied().unwrap_or(0);
            let ci = &c.check_ins;
            let check_ins = if ci.pending > 0 {
                t!(lang, "report-city-check-ins-value-pending", asked = ci.asked, on_time = ci.on_time, late = ci.late, missed = ci.missed, pending = ci.pending)
            } else {
                t!(lang, "report-city-check-ins-value", asked = ci.asked, on_time = ci.on_time, late = ci.late, missed = ci.missed)
            };
            json!({
                "anchor": format!("city-{}", idx + 1),
                "name": c.name,
                "country": c.country,
                "signed_on": c.signed_on.map(|x| crate::i18n::date(x, lang)).unwrap_or_else(|| "–".into()),
                "plan": match &c.plan_title {
                    Some(p) => t!(lang, "report-city-plan-value", title = p.as_str(), status = code_word(lang, "report-plan-", c.plan_status.as_deref().unwrap_or(""), &["adopted", "draft"])),
                    None => t!(lang, "report-city-no-plan"),
                },
                "actions": t!(lang, "report-city-actions-value", actions = c.actions, progress = Cell::Num(c.mean_progress).html(), change = Cell::Num(c.mean_progress_change).html()),
                "covered": t!(lang, "report-city-covered-value", covered = c.commitments_covered, total = c.commitments_total),
                "check_ins": check_ins,
                "assessments": t!(lang, "report-city-assessments-value", not_started = level("not_started"), limited = level("limited"), substantial = level("substantial"), complete = level("complete")),
                "indicators": c.indicators.iter().map(|v| t!(lang, "report-city-indicator", code = v.code.as_str(), value = Cell::Num(Some(v.value)).html(), baseline = Cell::Num(v.baseline).html(), target = Cell::Num(v.target).html(), change = Cell::Num(v.change_since_previous).html())).collect::<Vec<_>>(),
            })
        })
        .collect();
    let coverage_codes: Vec<(String, i64)> =
        d.commitments.iter().map(|c| (c.code.clone(), c.figures.cities_acting)).collect();
    let t = &d.compliance.totals;
    let list = |names: &[String]| if names.is_empty() { Value::Null } else { names.join(", ").into() };
    let data = json!({
        "title": title,
        "network": d.network,
        "framework_title": d.framework_title,
        "period_label": period_label,
        "period": t!(lang, "report-period-range", start = crate::i18n::date(d.period_start, lang), end = crate::i18n::date(d.period_end, lang)),
        "compiled_on": date_of(&d.compiled_at, lang),
        "draft": m.draft,
        "demo": m.demo,
        "secretariat": secretariat,
        "threshold": k,
        "version": m.number,
        "published_on": m.published_at.as_deref().map(|p| date_of(p, lang)),
        "changelog": m.changelog,
        "changes": by_name("changes"),
        // A frozen page cannot link to later versions, but it can to the earlier ones.
        "earlier": (1..m.number).map(|n| json!({"number": n, "href": format!("/reports/{}/versions/{n}", m.slug)})).collect::<Vec<_>>(),
        "has_changes": !d.changes.is_empty(),
        "previous": d.previous_report.as_ref().map(|p| json!({"label": p.period_label, "version": p.version, "href": format!("/reports/{}/versions/{}", p.slug, p.version)})),
        "signatories": by_name("signatories"),
        "new_names": list(&d.signatories.new_names),
        "without_plan": list(&d.signatories.without_plan),
        "roles": by_name("roles"),
        "commitments": by_name("commitments"),
        "uncovered": list(&d.uncovered),
        "coverage_chart": charts::cities_per_commitment(&coverage_codes, d.signatories.cities, lang)?,
        "compliance": by_name("compliance"),
        // No round in the period: no chart of nothing, the text says so.
        "compliance_chart": if d.compliance.rounds.is_empty() { None } else { Some(charts::check_in_outcomes(t.on_time, t.late, t.missed, t.pending, lang)?) },
        "rounds": d.compliance.rounds.join(", "),
        "on_time_rate": Cell::Num(d.compliance.on_time_rate).html(),
        "answered": t.on_time + t.late,
        "accepted": t.accepted,
        "unreviewed": t.unreviewed,
        "indicators": by_name("indicators"),
        "good_practices": d.good_practices.iter().map(|g| json!({"city": g.city, "commitment": g.commitment, "title": g.title, "status": status_word(lang, &g.status), "progress": g.progress, "narrative": g.narrative})).collect::<Vec<_>>(),
        "moved": by_name("moved"),
        "cities": cities,
        "downloads": downloads,
    });
    let mut data = data;
    data["verification"] = by_name("verification");
    data["verification_cities"] = by_name("verification_cities");
    data["peer_reviews"] = by_name("peer_reviews");
    data["mutual_learning"] = by_name("mutual_learning");
    data["learning_totals"] = serde_json::to_value(&d.mutual_learning.totals)?;
    data["learning_public"] = d.suppressed_view.into();
    data["lang"] = lang.tag().into();
    // A draft is the secretariat's, in the language they read; a published version links its languages.
    data["languages"] = if m.draft { vec![] } else { language_links(&version_path, lang) }.into();
    templates.render("report", &data, lang)
}

/// The HTML list of published reports at /reports, in `lang`.
pub fn list_html(
    templates: &Templates,
    network: &str,
    reports: &[super::store::ReportSummary],
    lang: Lang,
) -> anyhow::Result<String> {
    let items: Vec<Value> = reports
        .iter()
        .map(|r| {
            let period = if lang == Lang::En { r.period_label.clone() } else { super::period_label_in(r.period_start, r.period_end, lang) };
            json!({"title": t!(lang, "report-title", framework = r.framework_title.as_str(), period = period), "href": format!("/reports/{}", r.slug), "version": r.latest_published})
        })
        .collect();
    templates.render(
        "list",
        &json!({"network": network, "lang": lang.tag(), "languages": language_links("/reports", lang),
                "title": t!(lang, "report-list-title", network = network), "reports": items}),
        lang,
    )
}

/// Every public output of a version, as (stored name, content type, bytes): the HTML in every
/// offered language (`html_name`), and the language-neutral JSON and CSVs (English keys).
pub fn outputs(
    templates: &Templates,
    d: &ReportData,
    m: &Meta,
    view: View,
) -> anyhow::Result<Vec<(String, String, Vec<u8>)>> {
    let tables = tables(d, Lang::En);
    let mut out = vec![];
    for lang in Lang::OFFERED {
        out.push((
            html_name(lang),
            "text/html; charset=utf-8".to_string(),
            html(templates, d, m, view, lang)?.into_bytes(),
        ));
    }
    out.push(("report.json".to_string(), "application/json".to_string(), json(d, m)?.into_bytes()));
    out.push(("report.csv".to_string(), "text/csv; charset=utf-8".to_string(), csv_all(&tables)?.into_bytes()));
    for table in &tables {
        out.push((
            format!("tables/{}.csv", table.name),
            "text/csv; charset=utf-8".to_string(),
            csv_table(table)?.into_bytes(),
        ));
    }
    Ok(out)
}

/// The names of the per-table CSVs (for URL checks).
pub fn table_names() -> Vec<&'static str> {
    tables(&ReportData::default(), Lang::En).into_iter().map(|t| t.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta {
            slug: "fw-2026".into(),
            number: 1,
            draft: false,
            published_at: Some("2027-01-10T09:00:00Z".into()),
            changelog: None,
            demo: false,
        }
    }

    #[test]
    fn empty_tables_say_so_and_drafts_have_no_downloads() {
        let t = Templates::load(Path::new("/nonexistent")).unwrap();
        let mut d = ReportData { period_label: "2026".into(), ..Default::default() };
        d.previous_report = Some(super::super::PreviousReport {
            slug: "fw-2025".into(),
            version: 1,
            period_label: "2025".into(),
            published_at: String::new(),
        });
        let html = html(&t, &d, &meta(), View::Public, Lang::En).unwrap();
        assert!(html.contains("<p class=\"empty\">Nothing moved.</p>"), "{html}");
        assert!(html.contains("href=\"/reports/fw-2025/versions/1\""));
        assert!(html.contains("href=\"/reports/fw-2026/versions/1/tables/commitments.csv\""));
        assert!(!html.contains("Draft, not published"));
        let draft = html_of_draft(&t, &d);
        assert!(
            draft.contains("Draft, not published")
                && draft.contains("Secretariat view")
                && draft.contains("Downloads are available once the report is published")
        );
    }

    fn html_of_draft(t: &Templates, d: &ReportData) -> String {
        html(t, d, &Meta { draft: true, published_at: None, ..meta() }, View::Secretariat, Lang::En).unwrap()
    }

    #[test]
    fn a_template_can_be_overridden_file_by_file_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("partials")).unwrap();
        std::fs::write(
            dir.path().join("partials/layout.hbs"),
            "<!DOCTYPE html><html lang=\"en\"><title>{{title}}</title><main>{{> @partial-block}}</main></html>",
        )
        .unwrap();
        let t = Templates::load(dir.path()).unwrap();
        let html = html(&t, &ReportData::default(), &meta(), View::Public, Lang::En).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"en\"><title>") && html.contains("<h2 id=\"contents-title\">"),
            "the report body is still the built-in one"
        );
        std::fs::write(dir.path().join("report.hbs"), "{{#if}}").unwrap();
        let e = Templates::load(dir.path()).err().unwrap().to_string();
        assert!(e.contains("report.hbs"), "{e}");
    }

    #[test]
    fn csv_cells_are_quoted_by_the_writer() {
        let table = Table {
            name: "x",
            caption: String::new(),
            columns: vec![("a", "A".into()), ("b", "B".into())],
            rows: vec![vec![Cell::Text("Zürich, \"Nord\"".into()), Cell::Num(None)]],
        };
        assert_eq!(csv_table(&table).unwrap(), "a,b\n\"Zürich, \"\"Nord\"\"\",\n");
    }
}
