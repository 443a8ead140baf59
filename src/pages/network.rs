//! The network at a glance, for the secretariat and observers: every city against the
//! framework's roles (how many commitments of each role its plan covers), its plan, its latest
//! check-in and its overdue actions.

use super::labels;
use super::web::{self, db, page, PageResult, Viewer};
use crate::check_ins::CheckInState;
use crate::db::schema::{actions, check_ins, cities, plans, rounds, signatures};
use actix_web::{web as aweb, HttpRequest};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/network", aweb::get().to(overview));
}

#[derive(Deserialize)]
struct Query {
    framework: Option<String>,
}

/// A check-in of the latest round: city, state, submitted at, due at, extension reason.
type CheckInRow = (i64, String, Option<NaiveDateTime>, NaiveDateTime, Option<String>);

/// One city's row in the matrix.
struct Row {
    id: i64,
    name: String,
    signed: Option<NaiveDate>,
    plan: Option<(i64, String, bool)>,
    covered: HashSet<i64>,
    overdue: i64,
    check_in: Option<(String, bool, NaiveDateTime, bool)>,
}

async fn overview(req: HttpRequest, viewer: Viewer, q: aweb::Query<Query>) -> PageResult {
    viewer.caller.can_read_network()?;
    let state = web::state(&req);
    let today = web::today(&state);
    let now = state.clock.now().naive_utc();
    let wanted = q.into_inner().framework.unwrap_or_else(|| "eurocities-integrating-cities".into());
    let data = db(&req, move |c| {
        let frameworks = crate::charter::store::list(c)?;
        let fw = frameworks.iter().find(|f| f.code == wanted).cloned().ok_or_else(|| crate::error::ApiError::not_found(format!("there is no framework `{wanted}`")))?;
        let structure = crate::charter::store::structure(c, fw.id)?;

        let mut rows: Vec<Row> = cities::table
            .order(cities::name)
            .select((cities::id, cities::name))
            .load::<(i64, String)>(c)?
            .into_iter()
            .map(|(id, name)| Row { id, name, signed: None, plan: None, covered: HashSet::new(), overdue: 0, check_in: None })
            .collect();
        rows.sort_by_key(|r| labels::sort_key(&r.name));
        let index: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();

        let sigs: Vec<(i64, NaiveDate)> = signatures::table.filter(signatures::framework_id.eq(fw.id)).select((signatures::city_id, signatures::signed_on)).load(c)?;
        for (city, on) in sigs {
            rows[index[&city]].signed = Some(on);
        }
        // The plan shown: the adopted one if any, else the latest draft.
        let ps: Vec<(i64, i64, String, String)> = plans::table
            .filter(plans::framework_id.eq(fw.id))
            .order((plans::status.asc(), plans::period_start.desc()))
            .select((plans::id, plans::city_id, plans::title, plans::status))
            .load(c)?;
        for (id, city, title, status) in ps {
            let r = &mut rows[index[&city]];
            let adopted = status == "adopted";
            if r.plan.as_ref().is_none_or(|(_, _, a)| !a && adopted) {
                r.plan = Some((id, title, adopted));
            }
        }
        // Commitments with at least one action that is not cancelled, per city.
        let covered: Vec<(i64, i64)> = actions::table
            .inner_join(plans::table)
            .filter(plans::framework_id.eq(fw.id).and(actions::status.ne("cancelled")))
            .select((plans::city_id, actions::commitment_id))
            .distinct()
            .load(c)?;
        for (city, commitment) in covered {
            rows[index[&city]].covered.insert(commitment);
        }
        let overdue: Vec<(i64, i64)> = actions::table
            .inner_join(plans::table)
            .filter(plans::framework_id.eq(fw.id))
            .filter(actions::status.ne_all(["completed", "cancelled"]))
            .filter(actions::due_date.lt(today))
            .group_by(plans::city_id)
            .select((plans::city_id, diesel::dsl::count_star()))
            .load(c)?;
        for (city, n) in overdue {
            rows[index[&city]].overdue = n;
        }
        // The latest round's check-ins.
        let round: Option<(i64, String)> = rounds::table.order(rounds::opened_at.desc()).select((rounds::id, rounds::label)).first(c).optional()?;
        if let Some((round_id, _)) = &round {
            let cis: Vec<CheckInRow> = check_ins::table
                .filter(check_ins::round_id.eq(round_id))
                .select((check_ins::city_id, check_ins::state, check_ins::submitted_at, check_ins::due_at, check_ins::extension_reason))
                .load(c)?;
            for (city, st, submitted, due, extension) in cis {
                let late = submitted.is_some_and(|s| s > due);
                let st = if st == "open" && extension.is_some() { "extended".to_string() } else { st };
                rows[index[&city]].check_in = Some((st, late, due, submitted.is_none() && now > due));
            }
        }

        let roles: Vec<Value> = structure
            .iter()
            .map(|(r, cs)| json!({"code": r.code, "title": r.title, "total": cs.iter().filter(|c| !c.retired).count()}))
            .collect();
        let mut counts: HashMap<&'static str, i64> = HashMap::new();
        let matrix: Vec<Value> = rows
            .iter()
            .filter(|r| r.signed.is_some() || r.plan.is_some())
            .map(|r| {
                let cells: Vec<Value> = structure
                    .iter()
                    .map(|(role, cs)| {
                        let live: Vec<_> = cs.iter().filter(|c| !c.retired).collect();
                        let n = live.iter().filter(|c| r.covered.contains(&c.id)).count();
                        let (label, class) = match (n, live.len()) {
                            (0, _) => ("None", "tag-red"),
                            (a, b) if a == b => ("All", "tag-green"),
                            _ => ("Some", "tag-yellow"),
                        };
                        json!({"role": role.title, "covered": n, "total": live.len(), "tag": {"label": label, "class": class}})
                    })
                    .collect();
                let check_in = r.check_in.as_ref().map(|(st, late, _, overdue)| {
                    let st = CheckInState::from_db(st);
                    let key = match (st, *late, *overdue) {
                        (CheckInState::Submitted, false, _) => "on_time",
                        (CheckInState::Submitted, true, _) => "late",
                        (CheckInState::Missed, _, _) => "missed",
                        (_, _, true) => "overdue",
                        _ => "open",
                    };
                    *counts.entry(key).or_default() += 1;
                    labels::check_in_tag(st, *late, *overdue)
                });
                json!({
                    "id": r.id, "name": r.name, "signed": labels::opt_date(r.signed),
                    "plan": r.plan.as_ref().map(|(id, title, adopted)| json!({"id": id, "title": title, "adopted": adopted})),
                    "cells": cells, "overdue": r.overdue, "check_in": check_in,
                })
            })
            .collect();
        let with_plan = matrix.iter().filter(|m| m["plan"]["adopted"] == true).count();
        Ok(json!({
            "framework": {"code": fw.code, "title": fw.title},
            "frameworks": frameworks.iter().map(|f| json!({"code": f.code, "title": f.title, "current": f.code == fw.code})).collect::<Vec<_>>(),
            "roles": roles, "cities": matrix, "city_count": matrix.len(), "adopted_count": with_plan,
            "round": round.map(|(id, label)| json!({"id": id, "label": label})),
            "counts": {
                "on_time": counts.get("on_time").copied().unwrap_or(0), "late": counts.get("late").copied().unwrap_or(0),
                "open": counts.get("open").copied().unwrap_or(0), "overdue": counts.get("overdue").copied().unwrap_or(0),
                "missed": counts.get("missed").copied().unwrap_or(0),
            },
        }))
    })
    .await?;
    page(&req, "network", "The network at a glance", data)
}
