//! The report's outputs: a standalone HTML document (handlebars, charts inline), JSON with
//! every figure, and one CSV per table plus one with them all.
//!
//! The tables are built once (`tables`) and feed both the HTML and the CSVs, so a figure reads
//! the same in both. Numbers print as Rust prints the rounded value (33.3, 12500); a missing
//! figure is an empty CSV cell and "–" in HTML.

use super::{charts, ReportData};
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

    fn render(&self, name: &str, data: &Value) -> anyhow::Result<String> {
        self.registry.render(name, data).map_err(|e| anyhow::anyhow!("rendering report template {name}: {e}"))
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
pub struct Table {
    pub name: &'static str,
    pub caption: String,
    pub columns: Vec<(&'static str, &'static str)>,
    pub rows: Vec<Vec<Cell>>,
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
pub fn tables(d: &ReportData) -> Vec<Table> {
    let s = &d.signatories;
    let k = d.suppression_threshold;
    let mut out = vec![Table {
        name: "signatories",
        caption: format!("Signatories and action plans, {}", d.period_label),
        columns: vec![("measure", "Measure"), ("value", "Cities")],
        rows: vec![
            vec![t("Cities in the report"), i(s.cities)],
            vec![t("Signatories"), i(s.signatories)],
            vec![t("Signed in the period"), i(s.new_in_period)],
            vec![t("With an adopted action plan"), i(s.with_adopted_plan)],
            vec![t("Plans adopted in the period"), i(s.plans_adopted_in_period)],
            vec![t("Without an adopted action plan"), i(s.without_plan.len() as i64)],
        ],
    }];
    let action_cols = |first: Vec<(&'static str, &'static str)>| {
        let mut c = first;
        c.extend([
            ("cities_acting", "Cities acting"),
            ("actions", "Actions"),
            ("planned", "Planned"),
            ("in_progress", "In progress"),
            ("completed", "Completed"),
            ("delayed", "Delayed"),
            ("cancelled", "Cancelled"),
            ("completion_rate", "Completion rate (%)"),
            ("mean_progress", "Mean progress (%)"),
        ]);
        c
    };
    let action_cells = |f: &super::ActionFigures| {
        let mut r = vec![i(f.cities_acting), i(f.actions)];
        r.extend(STATUSES.iter().map(|st| count(&f.by_status, st)));
        r.extend([n(f.completion_rate), n(f.mean_progress)]);
        r
    };
    out.push(Table {
        name: "roles",
        caption: "Actions by role of the city".into(),
        columns: action_cols(vec![("role", "Role"), ("title", "Title")]),
        rows: d.roles.iter().map(|r| [vec![t(&r.code), t(&r.title)], action_cells(&r.figures)].concat()).collect(),
    });
    let mut cols = action_cols(vec![("commitment", "Commitment"), ("role", "Role")]);
    cols.extend([
        ("updates", "Updates reported"),
        ("not_started", "Not started"),
        ("limited", "Limited"),
        ("substantial", "Substantial"),
        ("complete", "Complete"),
    ]);
    out.push(Table {
        name: "commitments",
        caption: "Actions and self-assessments by commitment".into(),
        columns: cols,
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
    rows.push([vec![t("All cities"), t("")], check_cells(&d.compliance.totals)].concat());
    out.push(Table {
        name: "compliance",
        caption: "Check-ins per city: on time, late, missed".into(),
        columns: vec![
            ("city", "City"),
            ("country", "Country"),
            ("asked", "Asked"),
            ("on_time", "On time"),
            ("late", "Late"),
            ("missed", "Missed"),
            ("pending", "Pending"),
            ("accepted", "Accepted by the secretariat"),
            ("unreviewed", "Not yet accepted"),
        ],
        rows,
    });
    let withheld = |v: Option<i64>, suppressed: bool| if suppressed { t(format!("fewer than {k}")) } else { oi(v) };
    out.push(Table {
        name: "verification",
        caption: "Self-assessment against verification, per commitment".into(),
        columns: vec![
            ("commitment", "Commitment"),
            ("self_rated", "Cities that assessed themselves"),
            ("verified", "Cities verified"),
            ("agree", "Both agree"),
            ("self_higher", "City's view higher"),
            ("self_lower", "City's view lower"),
        ],
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
        caption: "Verified ratings per city and commitment".into(),
        columns: vec![
            ("city", "City"),
            ("commitment", "Commitment"),
            ("self_level", "City's own view"),
            ("verified_level", "Verified"),
            ("verified_on", "Verified on"),
        ],
        rows: d
            .verification
            .cities
            .iter()
            .map(|c| {
                vec![
                    t(&c.city),
                    t(&c.commitment),
                    t(c.self_level.as_deref().unwrap_or("").replace('_', " ")),
                    t(c.verified_level.replace('_', " ")),
                    t(c.verified_on.to_string()),
                ]
            })
            .collect(),
    });
    out.push(Table {
        name: "indicators",
        caption: "Common indicators: the cities' latest values in the period".into(),
        columns: vec![
            ("indicator", "Indicator"),
            ("name", "Name"),
            ("unit", "Unit"),
            ("cities_reporting", "Cities reporting"),
            ("q1", "First quartile"),
            ("median", "Median"),
            ("q3", "Third quartile"),
            ("yes", "Answering yes"),
            ("share_yes", "Share yes (%)"),
            ("change_since_previous", "Change since previous report"),
            ("baseline_cities", "Cities with a baseline"),
            ("change_since_baseline", "Change since baseline (median)"),
            ("target_cities", "Cities with a target"),
            ("distance_to_target", "Distance to target (median)"),
            ("reached_target", "Reached target"),
            ("note", "Note"),
        ],
        rows: d
            .indicators
            .iter()
            .map(|x| {
                let unit = match (&x.unit[..], &x.currency) {
                    ("money", Some(c)) => format!("money ({c})"),
                    (u, _) => u.replace('_', "/"),
                };
                let note = match (x.suppressed, x.cities_reporting) {
                    (true, None) => format!("withheld: fewer than {k} cities reported"),
                    (true, Some(_)) => format!("some figures withheld: fewer than {k} cities behind them"),
                    (false, _) if x.sensitive && !d.suppressed_view => {
                        "sensitive: city values are withheld from the public".into()
                    }
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
        caption: "Peer reviews held in the period".into(),
        columns: vec![
            ("host", "Host city"),
            ("reviewers", "Reviewing cities"),
            ("commitments", "Commitments in focus"),
            ("visit_from", "Visit"),
            ("report_date", "Report"),
            ("state", "State"),
            ("recommendations", "Recommendations"),
        ],
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
                    t(&r.state),
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
        learning.push(learning_row("all".into(), &ml.totals, Some(d.good_practices.len() as i64)));
    }
    out.push(Table {
        name: "mutual_learning",
        caption: "Recommendations and their follow-up, and good practices, per commitment".into(),
        columns: vec![
            ("commitment", "Commitment"),
            ("reviews", "Reviews looking at it"),
            ("recommendations", "Recommendations"),
            ("accepted", "Accepted"),
            ("partly", "Partly accepted"),
            ("not_accepted", "Not accepted"),
            ("no_response", "No response yet"),
            ("became_actions", "Became actions"),
            ("actions_completed", "Of which completed"),
            ("mean_action_progress", "Mean progress of those actions (%)"),
            ("good_practices", "Good practices"),
        ],
        rows: learning,
    });
    out.push(Table {
        name: "good_practices",
        caption: "Good practices marked by the secretariat".into(),
        columns: vec![
            ("city", "City"),
            ("commitment", "Commitment"),
            ("action", "Action"),
            ("status", "Status"),
            ("progress", "Progress (%)"),
            ("narrative", "In the city's words"),
        ],
        rows: d
            .good_practices
            .iter()
            .map(|g| {
                vec![
                    t(&g.city),
                    t(&g.commitment),
                    t(&g.title),
                    t(g.status.replace('_', " ")),
                    i(g.progress as i64),
                    t(&g.narrative),
                ]
            })
            .collect(),
    });
    out.push(Table {
        name: "moved",
        caption: "What moved since the previous published report".into(),
        columns: vec![
            ("section", "Section"),
            ("item", "Item"),
            ("measure", "Measure"),
            ("before", "Before"),
            ("after", "Now"),
            ("change", "Change"),
        ],
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
        caption: "City profiles".into(),
        columns: vec![
            ("city", "City"),
            ("country", "Country"),
            ("signed_on", "Signed on"),
            ("plan", "Action plan"),
            ("plan_status", "Plan status"),
            ("plan_adopted_on", "Adopted on"),
            ("actions", "Actions"),
            ("completed", "Completed"),
            ("mean_progress", "Mean progress (%)"),
            ("mean_progress_change", "Change since previous report"),
            ("commitments_covered", "Commitments acted on"),
            ("commitments_total", "Commitments"),
            ("updates", "Updates reported"),
            ("check_ins_asked", "Check-ins asked"),
            ("on_time", "On time"),
            ("late", "Late"),
            ("missed", "Missed"),
        ],
        rows: d
            .cities
            .iter()
            .map(|c| {
                vec![
                    t(&c.name),
                    t(&c.country),
                    t(c.signed_on.map(|x| x.to_string()).unwrap_or_default()),
                    t(c.plan_title.clone().unwrap_or_default()),
                    t(c.plan_status.clone().unwrap_or_default()),
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
        caption: "Cities' indicator values".into(),
        columns: vec![
            ("city", "City"),
            ("indicator", "Indicator"),
            ("value", "Value"),
            ("baseline", "Baseline"),
            ("target", "Target"),
            ("period_end", "Period end"),
            ("change_since_previous", "Change since previous report"),
        ],
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
        caption: "What this version changes from the previous published version".into(),
        columns: vec![("what", "Figure"), ("before", "Before"), ("after", "Now")],
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

fn date_of(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| crate::i18n::date(t.date_naive(), "en"))
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// The whole HTML document.
pub fn html(templates: &Templates, d: &ReportData, m: &Meta, view: View) -> anyhow::Result<String> {
    let tables = tables(d);
    let by_name = |name: &str| table_view(tables.iter().find(|t| t.name == name).expect("every table exists"));
    let version_path = m.version_path();
    let downloads: Vec<Value> = if m.draft {
        vec![]
    } else {
        let mut v = vec![
            json!({"label": "Every figure as JSON", "href": format!("{version_path}.json")}),
            json!({"label": "Every table in one CSV file", "href": format!("{version_path}.csv")}),
        ];
        v.extend(tables.iter().map(|t| json!({"label": format!("{} (CSV)", t.caption), "href": format!("{version_path}/tables/{}.csv", t.name)})));
        v
    };
    let k = d.suppression_threshold;
    let secretariat = view == View::Secretariat;
    let title =
        format!("{}: outcomes report {}{}", d.framework_title, d.period_label, if m.draft { " (draft)" } else { "" });
    let cities: Vec<Value> = d
        .cities
        .iter()
        .enumerate()
        .map(|(idx, c)| {
            json!({
                "anchor": format!("city-{}", idx + 1),
                "name": c.name,
                "country": c.country,
                "signed_on": c.signed_on.map(|x| crate::i18n::date(x, "en")).unwrap_or_else(|| "–".into()),
                "plan": c.plan_title.clone().map(|p| format!("{p} ({})", c.plan_status.clone().unwrap_or_default())).unwrap_or_else(|| "no action plan".into()),
                "actions": c.actions,
                "mean_progress": Cell::Num(c.mean_progress).html(),
                "mean_progress_change": Cell::Num(c.mean_progress_change).html(),
                "covered": format!("{} of {}", c.commitments_covered, c.commitments_total),
                "check_ins": format!("{} asked: {} on time, {} late, {} missed{}", c.check_ins.asked, c.check_ins.on_time, c.check_ins.late, c.check_ins.missed, if c.check_ins.pending > 0 { format!(", {} pending", c.check_ins.pending) } else { String::new() }),
                "assessments": LEVELS.iter().map(|l| format!("{} {}", c.assessments.get(*l).copied().unwrap_or(0), l.replace('_', " "))).collect::<Vec<_>>().join(", "),
                "indicators": c.indicators.iter().map(|v| json!({"code": v.code, "value": Cell::Num(Some(v.value)).html(), "baseline": Cell::Num(v.baseline).html(), "target": Cell::Num(v.target).html(), "change": Cell::Num(v.change_since_previous).html()})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let coverage_codes: Vec<(String, i64)> =
        d.commitments.iter().map(|c| (c.code.clone(), c.figures.cities_acting)).collect();
    let t = &d.compliance.totals;
    let data = json!({
        "title": title,
        "network": d.network,
        "framework_title": d.framework_title,
        "period_label": d.period_label,
        "period": format!("{} to {}", crate::i18n::date(d.period_start, "en"), crate::i18n::date(d.period_end, "en")),
        "compiled_on": date_of(&d.compiled_at),
        "draft": m.draft,
        "demo": m.demo,
        "secretariat": secretariat,
        "threshold": k,
        "version": m.number,
        "published_on": m.published_at.as_deref().map(date_of),
        "changelog": m.changelog,
        "changes": by_name("changes"),
        // A frozen page cannot link to later versions, but it can to the earlier ones.
        "earlier": (1..m.number).map(|n| json!({"number": n, "href": format!("/reports/{}/versions/{n}", m.slug)})).collect::<Vec<_>>(),
        "has_changes": !d.changes.is_empty(),
        "previous": d.previous_report.as_ref().map(|p| json!({"label": p.period_label, "version": p.version, "href": format!("/reports/{}/versions/{}", p.slug, p.version)})),
        "signatories": by_name("signatories"),
        "new_names": d.signatories.new_names,
        "without_plan": d.signatories.without_plan,
        "roles": by_name("roles"),
        "commitments": by_name("commitments"),
        "uncovered": d.uncovered,
        "coverage_chart": charts::cities_per_commitment(&coverage_codes, d.signatories.cities)?,
        "compliance": by_name("compliance"),
        // No round in the period: no chart of nothing, the text says so.
        "compliance_chart": if d.compliance.rounds.is_empty() { None } else { Some(charts::check_in_outcomes(t.on_time, t.late, t.missed, t.pending)?) },
        "rounds": d.compliance.rounds.join(", "),
        "on_time_rate": Cell::Num(d.compliance.on_time_rate).html(),
        "answered": t.on_time + t.late,
        "accepted": t.accepted,
        "unreviewed": t.unreviewed,
        "indicators": by_name("indicators"),
        "good_practices": d.good_practices.iter().map(|g| json!({"city": g.city, "commitment": g.commitment, "title": g.title, "status": g.status.replace('_', " "), "progress": g.progress, "narrative": g.narrative})).collect::<Vec<_>>(),
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
    templates.render("report", &data)
}

/// The HTML list of published reports at /reports.
pub fn list_html(
    templates: &Templates,
    network: &str,
    reports: &[super::store::ReportSummary],
) -> anyhow::Result<String> {
    let items: Vec<Value> = reports
        .iter()
        .map(|r| json!({"title": format!("{}: outcomes report {}", r.framework_title, r.period_label), "href": format!("/reports/{}", r.slug), "version": r.latest_published}))
        .collect();
    templates.render(
        "list",
        &json!({"network": network, "title": format!("Outcomes reports – {network}"), "reports": items}),
    )
}

/// Every public output of a version, as (stored name, content type, bytes).
pub fn outputs(
    templates: &Templates,
    d: &ReportData,
    m: &Meta,
    view: View,
) -> anyhow::Result<Vec<(String, String, Vec<u8>)>> {
    let tables = tables(d);
    let mut out = vec![
        ("report.html".to_string(), "text/html; charset=utf-8".to_string(), html(templates, d, m, view)?.into_bytes()),
        ("report.json".to_string(), "application/json".to_string(), json(d, m)?.into_bytes()),
        ("report.csv".to_string(), "text/csv; charset=utf-8".to_string(), csv_all(&tables)?.into_bytes()),
    ];
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
    tables(&ReportData::default()).into_iter().map(|t| t.name).collect()
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
        let html = html(&t, &d, &meta(), View::Public).unwrap();
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
        html(t, d, &Meta { draft: true, published_at: None, ..meta() }, View::Secretariat).unwrap()
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
        let html = html(&t, &ReportData::default(), &meta(), View::Public).unwrap();
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
            columns: vec![("a", "A"), ("b", "B")],
            rows: vec![vec![Cell::Text("Zürich, \"Nord\"".into()), Cell::Num(None)]],
        };
        assert_eq!(csv_table(&table).unwrap(), "a,b\n\"Zürich, \"\"Nord\"\"\",\n");
    }
}
