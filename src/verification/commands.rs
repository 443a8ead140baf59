//! Recording verified ratings (the secretariat) and reading them beside the city's own view
//! (whoever may read the city).

use super::store::{self, NewRating};
use super::{compare, RatingInput, SideBySide, VerifiedRating};
use crate::auth::Caller;
use crate::charter;
use crate::check_ins::Assessment;
use crate::db::DbConnection;
use crate::error::{ApiResult, FieldError};
use crate::validation::{self, Errors};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// The longest note accepted.
const MAX_NOTE: usize = 4000;

/// The frameworks a city takes part in: those it signed and those it has a plan under.
fn frameworks_of(conn: &mut DbConnection, city_id: i64) -> ApiResult<Vec<charter::store::Framework>> {
    let city = crate::cities::store::require(conn, city_id)?;
    let (plans, _) = crate::plans::store::list_for_city(conn, city_id, 1000, 0)?;
    let codes: BTreeSet<String> =
        city.signatures.iter().map(|s| s.framework.clone()).chain(plans.into_iter().map(|p| p.framework)).collect();
    let mut out = vec![];
    for code in codes {
        if let Some(f) = charter::store::by_code(conn, &code)? {
            out.push(f);
        }
    }
    Ok(out)
}

/// Records a verified rating of one of the city's commitments (the secretariat only).
pub fn record(
    conn: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
    input: &RatingInput,
    now: DateTime<Utc>,
) -> ApiResult<VerifiedRating> {
    caller.require_secretariat()?;
    let frameworks = frameworks_of(conn, city_id)?;
    let mut e = Errors::default();
    let code = input.commitment.trim();
    let mut candidates: Vec<(charter::store::Commitment, charter::store::Framework)> =
        charter::store::commitment_by_code(conn, code)?
            .into_iter()
            .filter(|(c, f)| !c.retired && frameworks.iter().any(|x| x.id == f.id))
            .collect();
    if let Some(fw) = input.framework.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        if !frameworks.iter().any(|f| f.code == fw) {
            let known: Vec<&str> = frameworks.iter().map(|f| f.code.as_str()).collect();
            e.push(FieldError::new("framework", format!("the city takes no part in `{fw}`")).accepting(
                if known.is_empty() {
                    "none: the city has signed nothing and has no plan".into()
                } else {
                    known.join(", ")
                },
            ));
        }
        candidates.retain(|(_, f)| f.code == fw);
    }
    let commitment = match candidates.len() {
        1 => Some(candidates.remove(0).0),
        0 => {
            let mut codes = vec![];
            for f in &frameworks {
                for (_, cs) in charter::store::structure(conn, f.id)? {
                    codes.extend(cs.into_iter().filter(|c| !c.retired).map(|c| c.code));
                }
            }
            e.push(
                FieldError::new(
                    "commitment",
                    format!("`{code}` is not a commitment of a framework the city takes part in"),
                )
                .accepting(if codes.is_empty() {
                    "none: the city has signed nothing and has no plan".into()
                } else {
                    codes.join(", ")
                }),
            );
            None
        }
        _ => {
            e.push(
                FieldError::new("framework", format!("`{code}` exists in several frameworks the city takes part in"))
                    .accepting(candidates.iter().map(|(_, f)| f.code.clone()).collect::<Vec<_>>().join(", ")),
            );
            None
        }
    };
    let level = e.take(Assessment::parse_field("level", input.level.trim()));
    let note = e.take(validation::optional_text("note", &input.note, MAX_NOTE)).unwrap_or_default();
    let evidence = validation::evidence("evidence", &input.evidence, &mut e);
    let verified_on = e.take(validation::date("verified_on", &input.verified_on));
    if let Some(d) = verified_on {
        if d > now.date_naive() {
            e.push(
                FieldError::new("verified_on", format!("{d} is in the future"))
                    .accepting(format!("a date on or before {}", now.date_naive())),
            );
        }
    }
    e.finish()?;
    let (commitment, level, verified_on) =
        (commitment.expect("checked"), level.expect("checked"), verified_on.expect("checked"));
    let by = caller.actor().label;
    let id = store::insert(
        conn,
        &NewRating {
            city_id,
            commitment_id: commitment.id,
            level,
            note: &note,
            evidence: &evidence,
            verified_on,
            verified_by: &by,
        },
        now,
    )?;
    let all = store::history(conn, Some(&[city_id]), None)?;
    Ok(all.into_iter().find(|r| r.id == id).expect("just inserted"))
}

/// Every verified rating of the city, newest first.
pub fn list(conn: &mut DbConnection, caller: &Caller, city_id: i64) -> ApiResult<Vec<VerifiedRating>> {
    caller.can_read_city(city_id)?;
    crate::cities::store::require(conn, city_id)?;
    let mut all = store::history(conn, Some(&[city_id]), None)?;
    all.reverse();
    Ok(all)
}

/// Each commitment of the frameworks the city takes part in: its latest self-assessment and the
/// verified rating in force, side by side.
pub fn side_by_side(conn: &mut DbConnection, caller: &Caller, city_id: i64) -> ApiResult<Vec<SideBySide>> {
    caller.can_read_city(city_id)?;
    let frameworks = frameworks_of(conn, city_id)?;
    let own = store::latest_self_assessments(conn, city_id)?;
    let verified = store::in_force(store::history(conn, Some(&[city_id]), None)?);
    let mut out = vec![];
    for f in frameworks {
        for (_, cs) in charter::store::structure(conn, f.id)? {
            for c in cs.into_iter().filter(|c| !c.retired) {
                let mine = own.get(&c.id).cloned();
                let v = verified.get(&(city_id, f.code.clone(), c.code.clone())).cloned();
                let disagree = matches!((&mine, &v), (Some((s, _)), Some(v)) if compare(*s, v.level).is_ne());
                out.push(SideBySide {
                    framework: f.code.clone(),
                    commitment: c.code,
                    text: c.text,
                    self_level: mine.as_ref().map(|m| m.0),
                    self_round: mine.map(|m| m.1),
                    verified: v,
                    disagree,
                });
            }
        }
    }
    Ok(out)
}
