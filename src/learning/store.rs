//! Reads for mutual learning: the facts about actions the rules weigh, the cities taking part
//! in a framework, and the good practices as published.

use super::Practice;
use crate::db::schema::{actions, cities, plans, report_versions, reports};
use crate::db::DbConnection;
use crate::reports::ReportData;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// An action as the learning rules see it.
#[derive(Clone, Debug)]
pub struct Fact {
    pub city_id: i64,
    pub commitment_id: i64,
    pub action_id: i64,
    pub title: String,
    pub status: crate::actions::ActionStatus,
    pub progress: i32,
    pub updated_at: NaiveDateTime,
}

/// The actions in plans of a framework, optionally only on some commitments or of some cities.
pub fn facts(
    conn: &mut DbConnection,
    framework_id: i64,
    commitments: Option<&[i64]>,
    only_cities: Option<&[i64]>,
) -> QueryResult<Vec<Fact>> {
    let mut q = actions::table
        .inner_join(plans::table)
        .filter(plans::framework_id.eq(framework_id))
        .select((
            plans::city_id,
            actions::commitment_id,
            actions::id,
            actions::title,
            actions::status,
            actions::progress,
            actions::updated_at,
        ))
        .into_boxed();
    if let Some(cs) = commitments {
        q = q.filter(actions::commitment_id.eq_any(cs.to_vec()));
    }
    if let Some(cs) = only_cities {
        q = q.filter(plans::city_id.eq_any(cs.to_vec()));
    }
    let rows: Vec<(i64, i64, i64, String, String, i32, NaiveDateTime)> = q.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(city_id, commitment_id, action_id, title, status, progress, updated_at)| Fact {
            city_id,
            commitment_id,
            action_id,
            title,
            status: crate::actions::ActionStatus::from_db(&status),
            progress,
            updated_at,
        })
        .collect())
}

/// Cities with a plan in the framework: (id, name, country, public).
pub fn cities_in(conn: &mut DbConnection, framework_id: i64) -> QueryResult<Vec<(i64, String, String, bool)>> {
    cities::table
        .filter(diesel::dsl::exists(
            plans::table.filter(plans::city_id.eq(cities::id).and(plans::framework_id.eq(framework_id))),
        ))
        .order(cities::id)
        .select((cities::id, cities::name, cities::country, cities::is_public))
        .load(conn)
}

/// The frameworks a city has plans in, as ids.
pub fn frameworks_of(conn: &mut DbConnection, city_id: i64) -> QueryResult<Vec<i64>> {
    plans::table
        .filter(plans::city_id.eq(city_id))
        .select(plans::framework_id)
        .distinct()
        .order(plans::framework_id)
        .load(conn)
}

/// Every good practice in the latest published version of each report, newest publication
/// first, in the words the report published (the stored figures, not today's data).
pub fn practices(conn: &mut DbConnection) -> QueryResult<Vec<Practice>> {
    let rows: Vec<(i64, String, i32, Option<NaiveDateTime>, String)> = report_versions::table
        .inner_join(reports::table)
        .filter(report_versions::state.eq(crate::reports::store::PUBLISHED))
        .order((report_versions::report_id, report_versions::number.desc()))
        .select((
            report_versions::report_id,
            reports::slug,
            report_versions::number,
            report_versions::published_at,
            report_versions::figures,
        ))
        .load(conn)?;
    let mut seen = std::collections::HashSet::new();
    let mut out = vec![];
    for (report_id, slug, number, published_at, figures) in rows {
        if !seen.insert(report_id) {
            continue;
        }
        let Ok(data) = serde_json::from_str::<ReportData>(&figures) else {
            tracing::warn!(report = %slug, version = number, "published figures could not be read for the good-practice library");
            continue;
        };
        for g in data.good_practices {
            out.push(Practice {
                report: slug.clone(),
                report_period: data.period_label.clone(),
                version: number,
                published_at: published_at.unwrap_or_default(),
                action_id: g.action_id,
                city: g.city,
                commitment: g.commitment,
                title: g.title,
                status: g.status,
                progress: g.progress,
                narrative: g.narrative,
            });
        }
    }
    out.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(a.city.cmp(&b.city)).then(a.title.cmp(&b.title)));
    Ok(out)
}
