//! The network at a glance, for the secretariat and observers: every city against the
//! framework's roles (how many commitments of each role its plan covers), its plan, its latest
//! check-in and its overdue actions. The figures come from `plans::overview`; this is the view.

use super::labels;
use super::web::{self, db, page, PageResult, Viewer};
use crate::check_ins::CheckInState;
use crate::plans::overview::{self, Overview};
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/network", aweb::get().to(show));
}

#[derive(Deserialize)]
struct Query {
    framework: Option<String>,
}

async fn show(req: HttpRequest, viewer: Viewer, q: aweb::Query<Query>) -> PageResult {
    viewer.caller.can_read_network()?;
    let state = web::state(&req);
    let (today, now) = (web::today(&state), state.clock.now());
    let wanted = q.into_inner().framework.unwrap_or_else(|| "eurocities-integrating-cities".into());
    let staleness = state.settings.staleness(now);
    let data = db(&req, move |c| overview::network(c, &wanted, today, now, staleness)).await?;
    let mut data = view(data);
    data["can_manage"] = viewer.caller.require_secretariat().is_ok().into();
    data["stale_after_days"] = state.settings.actions.stale_after_days.into();
    page(&req, "network", "The network at a glance", data)
}

/// The page's data: the matrix of cities by role, with the counts above it.
fn view(mut o: Overview) -> Value {
    o.cities.sort_by_key(|r| labels::sort_key(&r.name));
    let roles: Vec<Value> = o
        .structure
        .iter()
        .map(|(r, cs)| json!({"code": r.code, "title": r.title, "total": cs.iter().filter(|c| !c.retired).count()}))
        .collect();
    let mut counts: HashMap<&'static str, i64> = HashMap::new();
    let matrix: Vec<Value> = o
        .cities
        .iter()
        .filter(|r| r.signed.is_some() || r.plan.is_some())
        .map(|r| {
            let cells: Vec<Value> = o
                .structure
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
            let check_in = r.check_in.map(|ci| {
                let key = match (ci.state, ci.late, ci.overdue) {
                    (s, false, _) if s.was_submitted() => "on_time",
                    (s, true, _) if s.was_submitted() => "late",
                    (CheckInState::Missed, _, _) => "missed",
                    (_, _, true) => "overdue",
                    _ => "open",
                };
                *counts.entry(key).or_default() += 1;
                labels::check_in_tag(ci.state, ci.late, ci.overdue)
            });
            json!({
                "id": r.id, "name": r.name, "signed": labels::opt_date(r.signed),
                "plan": r.plan.as_ref().map(|p| json!({"id": p.id, "title": p.title, "adopted": p.adopted})),
                "cells": cells, "overdue": r.overdue, "stale": r.stale, "check_in": check_in,
            })
        })
        .collect();
    let with_plan = matrix.iter().filter(|m| m["plan"]["adopted"] == true).count();
    let count = |k: &str| counts.get(k).copied().unwrap_or(0);
    json!({
        "framework": {"code": o.framework.code, "title": o.framework.title},
        "frameworks": o.frameworks.iter().map(|f| json!({"code": f.code, "title": f.title, "current": f.code == o.framework.code})).collect::<Vec<_>>(),
        "roles": roles, "cities": matrix, "city_count": matrix.len(), "adopted_count": with_plan,
        "round": o.round.map(|(id, label)| json!({"id": id, "label": label})),
        "counts": {
            "on_time": count("on_time"), "late": count("late"), "open": count("open"),
            "overdue": count("overdue"), "missed": count("missed"),
        },
    })
}
