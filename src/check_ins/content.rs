//! What a city reports in a check-in, and its validation against the city's own plans.
//!
//! The same content is saved as a draft (as JSON on the check-in) and, on submission, applied
//! to the actions and recorded as action updates and self-assessments.

use super::Assessment;
use crate::actions::{self, Action, ActionStatus, Delivery};
use crate::charter;
use crate::db::schema::plans;
use crate::db::DbConnection;
use crate::error::{ApiError, FieldError, PlainArg};
use crate::validation::{self, Errors};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInContent {
    /// Progress on existing actions.
    #[serde(default)]
    pub actions: Vec<ActionReport>,
    /// The city's view of each commitment.
    #[serde(default)]
    pub assessments: Vec<CommitmentAssessment>,
    /// Actions started since the last check-in.
    #[serde(default)]
    pub new_actions: Vec<NewActionReport>,
    /// Values of the framework's common indicators for the round's period.
    #[serde(default)]
    pub indicators: Vec<IndicatorReport>,
}

/// A value of one common indicator, for the period the round covers.
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorReport {
    /// Indicator code, e.g. EM1-A (see GET /api/v1/frameworks/{code}/indicators).
    pub indicator: String,
    /// Checked against the indicator's unit: percent 0-100, count a whole number >= 0,
    /// money >= 0, yes_no 1 (yes) or 0 (no).
    pub value: f64,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionReport {
    pub action_id: i64,
    /// planned, in_progress, completed, delayed or cancelled; unchanged when absent.
    pub status: Option<String>,
    /// 0 to 100; unchanged when absent.
    pub progress: Option<i64>,
    /// What happened this period, briefly.
    #[serde(default)]
    pub narrative: String,
    /// Links to evidence (reports, press, council decisions): `{url, title}`, or a URL alone.
    #[serde(default)]
    pub evidence: Vec<EvidenceItem>,
}

/// One evidence link in a check-in report: `{"url": ..., "title": ...}`, or the URL alone (as
/// drafts saved before links had titles hold them).
#[derive(Clone, Debug, Deserialize, Serialize, ToSchema, PartialEq)]
#[serde(untagged)]
pub enum EvidenceItem {
    Link(validation::Evidence),
    Url(String),
}

impl EvidenceItem {
    /// The link as `{url, title}` (a URL alone has no title).
    pub fn link(&self) -> validation::Evidence {
        match self {
            EvidenceItem::Link(l) => l.clone(),
            EvidenceItem::Url(u) => validation::Evidence { url: u.clone(), title: String::new() },
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentAssessment {
    /// Commitment code, e.g. EM1.
    pub commitment: String,
    /// not_started, limited, substantial or complete.
    pub level: String,
    #[serde(default)]
    pub comment: String,
}

#[derive(Clone, Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActionReport {
    /// One of the city's adopted plans.
    pub plan_id: i64,
    pub commitment: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub status: Option<String>,
    pub progress: Option<i64>,
    pub delivery: Option<String>,
}

/// The plans and actions a city's check-in is about.
pub struct Scope {
    pub plans: Vec<crate::plans::store::Stored>,
    pub actions: Vec<Action>,
    /// (framework id, commitment code) -> (commitment id, retired)
    pub commitments: HashMap<(i64, String), (i64, bool)>,
    /// The live common indicators of the plans' frameworks.
    pub indicators: Vec<crate::indicators::store::Def>,
}

impl Scope {
    /// The city's adopted plans and their actions.
    pub fn load(conn: &mut DbConnection, city_id: i64, staleness: actions::Staleness) -> QueryResult<Scope> {
        let ids: Vec<i64> = plans::table
            .filter(plans::city_id.eq(city_id).and(plans::status.eq("adopted")))
            .order(plans::id)
            .select(plans::id)
            .load(conn)?;
        let mut out = Scope { plans: vec![], actions: vec![], commitments: HashMap::new(), indicators: vec![] };
        for id in ids {
            let plan = crate::plans::store::get(conn, id)?.expect("listed");
            let (mut acts, _) = actions::store::list(conn, id, &Default::default(), staleness, i64::MAX, 0)?;
            out.actions.append(&mut acts);
            if !out.plans.iter().any(|p| p.framework_id == plan.framework_id) {
                for (_, cs) in charter::store::structure(conn, plan.framework_id)? {
                    for c in cs {
                        out.commitments.insert((plan.framework_id, c.code), (c.id, c.retired));
                    }
                }
            }
            out.plans.push(plan);
        }
        let frameworks: Vec<i64> = out.plans.iter().map(|p| p.framework_id).collect();
        out.indicators = crate::indicators::store::definitions(conn, &frameworks)?
            .into_iter()
            .filter(|d| !d.indicator.retired)
            .collect();
        Ok(out)
    }

    fn commitment_codes(&self) -> String {
        let mut codes: Vec<&str> =
            self.commitments.iter().filter(|(_, (_, r))| !r).map(|((_, c), _)| c.as_str()).collect();
        codes.sort_by_key(|c| (c.chars().filter(|ch| ch.is_alphabetic()).collect::<String>(), c.len(), c.to_string()));
        codes.join(", ")
    }

    /// The commitment id for a code in any of the city's plans' frameworks (not retired).
    fn commitment(&self, code: &str) -> Option<i64> {
        self.plans.iter().find_map(|p| {
            self.commitments.get(&(p.framework_id, code.to_string())).filter(|(_, r)| !r).map(|(id, _)| *id)
        })
    }
}

/// A validated action update.
pub struct ValidActionReport {
    pub action: Action,
    pub status: ActionStatus,
    pub progress: i32,
    pub narrative: String,
    pub evidence: Vec<validation::Evidence>,
}

pub struct ValidNewAction {
    pub plan_id: i64,
    pub fields: actions::store::ActionFields,
}

pub struct Valid {
    pub actions: Vec<ValidActionReport>,
    pub assessments: Vec<(i64, Assessment, String)>,
    pub new_actions: Vec<ValidNewAction>,
    pub indicators: Vec<(crate::indicators::store::Def, crate::indicators::store::Figures)>,
}

fn progress(e: &mut Errors, field: String, p: Option<i64>, default: i32) -> Option<i32> {
    match p {
        None => Some(default),
        Some(v) if (0..=100).contains(&v) => Some(v as i32),
        Some(v) => e.take(Err(FieldError::new(field, format!("is {v}"))
            .accepting("a whole number from 0 to 100")
            .plainly("out-of-range", vec![("min", PlainArg::Number(0)), ("max", PlainArg::Number(100))]))),
    }
}

/// Checks every value against the city's scope; all problems are reported at once.
pub fn validate(scope: &Scope, c: &CheckInContent) -> Result<Valid, ApiError> {
    let mut e = Errors::default();
    let mut out = Valid { actions: vec![], assessments: vec![], new_actions: vec![], indicators: vec![] };
    let mut seen = std::collections::HashSet::new();
    for (i, r) in c.actions.iter().enumerate() {
        let f = |name: &str| format!("actions[{i}].{name}");
        let Some(action) = scope.actions.iter().find(|a| a.id == r.action_id) else {
            e.push(FieldError::new(
                f("action_id"),
                format!("{} is not an action of this city's adopted plans", r.action_id),
            ));
            continue;
        };
        if !seen.insert(r.action_id) {
            e.push(FieldError::new(f("action_id"), format!("action {} is reported twice", r.action_id)));
        }
        let status = match &r.status {
            Some(s) => e.take(ActionStatus::parse_field(&f("status"), s.trim())),
            None => Some(action.status),
        };
        let progress = progress(&mut e, f("progress"), r.progress, action.progress);
        let narrative = e.take(validation::optional_text(&f("narrative"), &r.narrative, 2000));
        let mut evidence = vec![];
        for (j, item) in r.evidence.iter().enumerate() {
            let link = item.link();
            if link.url.trim().is_empty() && link.title.trim().is_empty() {
                continue;
            }
            let url = e.take(validation::web_link(&format!("actions[{i}].evidence[{j}]"), &link.url));
            let title =
                e.take(validation::optional_text(&format!("actions[{i}].evidence[{j}].title"), &link.title, 200));
            if let (Some(url), Some(title)) = (url, title) {
                evidence.push(validation::Evidence { url, title });
            }
        }
        if let (Some(status), Some(progress), Some(narrative)) = (status, progress, narrative) {
            out.actions.push(ValidActionReport { action: action.clone(), status, progress, narrative, evidence });
        }
    }
    let mut assessed = std::collections::HashSet::new();
    for (i, a) in c.assessments.iter().enumerate() {
        let code = a.commitment.trim();
        let id = scope.commitment(code);
        if id.is_none() {
            e.push(
                FieldError::new(
                    format!("assessments[{i}].commitment"),
                    format!("`{code}` is not a commitment of this city's plans"),
                )
                .accepting(scope.commitment_codes()),
            );
        }
        if !assessed.insert(code.to_string()) {
            e.push(FieldError::new(format!("assessments[{i}].commitment"), format!("`{code}` is assessed twice")));
        }
        let level = e.take(Assessment::parse_field(&format!("assessments[{i}].level"), a.level.trim()));
        let comment = e.take(validation::optional_text(&format!("assessments[{i}].comment"), &a.comment, 2000));
        if let (Some(id), Some(level), Some(comment)) = (id, level, comment) {
            out.assessments.push((id, level, comment));
        }
    }
    for (i, n) in c.new_actions.iter().enumerate() {
        let f = |name: &str| format!("new_actions[{i}].{name}");
        let plan = scope.plans.iter().find(|p| p.plan.id == n.plan_id);
        if plan.is_none() {
            let ids: Vec<String> = scope.plans.iter().map(|p| p.plan.id.to_string()).collect();
            e.push(
                FieldError::new(f("plan_id"), format!("{} is not one of this city's adopted plans", n.plan_id))
                    .accepting(ids.join(", ")),
            );
        }
        let commitment = plan.and_then(|p| {
            scope
                .commitments
                .get(&(p.framework_id, n.commitment.trim().to_string()))
                .filter(|(_, r)| !r)
                .map(|(id, _)| *id)
        });
        if plan.is_some() && commitment.is_none() {
            e.push(
                FieldError::new(
                    f("commitment"),
                    format!("`{}` is not a commitment of that plan's framework", n.commitment),
                )
                .accepting(scope.commitment_codes()),
            );
        }
        let title = e.take(validation::required_line(&f("title"), &n.title, 300));
        let description = e.take(validation::optional_text(&f("description"), &n.description, 10_000));
        let status = e.take(ActionStatus::parse_field(&f("status"), n.status.as_deref().unwrap_or("planned").trim()));
        let delivery = e.take(Delivery::parse_field(&f("delivery"), n.delivery.as_deref().unwrap_or("direct").trim()));
        let progress = progress(&mut e, f("progress"), n.progress, 0);
        if let (Some(commitment_id), Some(title), Some(description), Some(status), Some(delivery), Some(progress)) =
            (commitment, title, description, status, delivery, progress)
        {
            out.new_actions.push(ValidNewAction {
                plan_id: n.plan_id,
                fields: actions::store::ActionFields {
                    commitment_id,
                    title,
                    description,
                    department: String::new(),
                    partners: vec![],
                    delivery,
                    policy_areas: vec![],
                    start_date: None,
                    due_date: None,
                    status,
                    progress,
                    evidence: vec![],
                },
            });
        }
    }
    let mut reported = std::collections::HashSet::new();
    for (i, r) in c.indicators.iter().enumerate() {
        let code = r.indicator.trim();
        let Some(def) = scope.indicators.iter().find(|d| d.indicator.code == code) else {
            let known: Vec<&str> = scope.indicators.iter().map(|d| d.indicator.code.as_str()).collect();
            e.push(
                FieldError::new(
                    format!("indicators[{i}].indicator"),
                    format!("`{code}` is not an indicator of this city's plans"),
                )
                .accepting(known.join(", ")),
            );
            continue;
        };
        if !reported.insert(code.to_string()) {
            e.push(FieldError::new(format!("indicators[{i}].indicator"), format!("`{code}` is reported twice")));
        }
        let reported = crate::indicators::store::Reported {
            value: r.value,
            baseline: r.baseline,
            target: r.target,
            note: &r.note,
            source: "",
        };
        if let Some(f) =
            crate::indicators::store::check_figures(&mut e, &format!("indicators[{i}]."), def.unit(), reported)
        {
            out.indicators.push((def.clone(), f));
        }
    }
    e.finish()?;
    Ok(out)
}
