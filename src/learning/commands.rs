//! Mutual learning, with who may see what: "Learn from" and the comparison for those who may
//! read the city (suggestions only name cities the caller may read: public ones, or every city
//! for the secretariat and observers); the pairing view for the secretariat; the good-practice
//! library for anyone.

use super::store::{self, Fact};
use super::{
    Average, CityRef, Comparison, Gap, LearnFrom, Pair, PeerAction, Practice, RoleComparison, ScorePart, Suggestion,
    Weights,
};
use crate::actions::search::Scope;
use crate::actions::ActionStatus;
use crate::auth::Caller;
use crate::check_ins::Assessment;
use crate::cities::context::{self, Context};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use chrono::NaiveDateTime;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether an action makes its city strong on its commitment.
pub fn is_strong(f: &Fact) -> bool {
    f.status == ActionStatus::Completed || (f.status.is_open() && f.progress >= Weights::ADVANCED_PROGRESS)
}

/// Whether a rating is low: "not started" or "limited".
pub fn is_low(a: Assessment) -> bool {
    matches!(a, Assessment::NotStarted | Assessment::Limited)
}

fn same_band(a: Option<&Context>, b: Option<&Context>) -> (bool, bool) {
    let size = matches!((a.and_then(|c| c.population), b.and_then(|c| c.population)),
        (Some(x), Some(y)) if context::size_band(x) == context::size_band(y));
    let share = matches!((a.and_then(|c| c.born_abroad_percent), b.and_then(|c| c.born_abroad_percent)),
        (Some(x), Some(y)) if context::share_band(x) == context::share_band(y));
    (size, share)
}

/// The score of `city` as one to learn from on a commitment, from its actions on it.
pub fn score(
    facts: &[&Fact],
    good: &HashSet<i64>,
    same_size: bool,
    same_share: bool,
    now: NaiveDateTime,
) -> (i64, Vec<ScorePart>) {
    let completed = facts.iter().filter(|f| f.status == ActionStatus::Completed).count() as i64;
    let advanced =
        facts.iter().filter(|f| f.status.is_open() && f.progress >= Weights::ADVANCED_PROGRESS).count() as i64;
    let practices = facts.iter().filter(|f| good.contains(&f.action_id)).count() as i64;
    let recent = facts.iter().any(|f| now - f.updated_at <= chrono::Duration::days(Weights::RECENT_DAYS));
    let mut parts = vec![];
    let mut push = |n: i64, each: i64, reason: String| {
        if n > 0 {
            parts.push(ScorePart { reason, points: n * each });
        }
    };
    let plural = |n: i64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    push(
        completed,
        Weights::COMPLETED,
        format!("{} ({} points each)", plural(completed, "completed action", "completed actions"), Weights::COMPLETED),
    );
    push(
        advanced,
        Weights::ADVANCED,
        format!(
            "{} at least {}% done ({} point each)",
            plural(advanced, "action", "actions"),
            Weights::ADVANCED_PROGRESS,
            Weights::ADVANCED
        ),
    );
    push(
        practices,
        Weights::GOOD_PRACTICE,
        format!(
            "{} ({} points each)",
            plural(practices, "good practice in a published report", "good practices in published reports"),
            Weights::GOOD_PRACTICE
        ),
    );
    push(i64::from(same_size), Weights::SAME_SIZE, "a city of the same size".into());
    push(i64::from(same_share), Weights::SAME_SHARE, "a similar share of residents born abroad".into());
    push(i64::from(recent), Weights::RECENT, format!("updated in the last {} days", Weights::RECENT_DAYS));
    (parts.iter().map(|p| p.points).sum(), parts)
}

/// For each commitment the city leaves uncovered or rates low, the cities to learn from.
pub fn learn_from(conn: &mut DbConnection, caller: &Caller, city_id: i64, now: NaiveDateTime) -> ApiResult<LearnFrom> {
    // The reasons are the API's English sentences (the page shows them as they are).
    let lang = crate::i18n::Lang::En;
    caller.can_read_city(city_id)?;
    crate::cities::store::require(conn, city_id)?;
    let scope = Scope::of(Some(caller));
    let ratings = crate::verification::commands::side_by_side(conn, caller, city_id)?;
    let good = crate::actions::search::published_good_practices(conn)?;
    let contexts = context::all(conn)?;
    let mut gaps = vec![];
    for fw_id in store::frameworks_of(conn, city_id)? {
        let fw = crate::charter::store::by_id(conn, fw_id)?;
        let own = store::facts(conn, fw_id, None, Some(&[city_id]))?;
        let covered: HashSet<i64> = own.iter().filter(|f| f.status.covers()).map(|f| f.commitment_id).collect();
        let mut weak: Vec<(crate::charter::store::Commitment, Vec<String>)> = vec![];
        for (_, cs) in crate::charter::store::structure(conn, fw_id)? {
            for c in cs.into_iter().filter(|c| !c.retired) {
                let mut reasons = vec![];
                if !covered.contains(&c.id) {
                    reasons.push("no action covers it".to_string());
                }
                if let Some(r) = ratings.iter().find(|r| r.framework == fw.code && r.commitment == c.code) {
                    if let Some(l) = r.self_level.filter(|l| is_low(*l)) {
                        reasons.push(format!(
                            "your latest self-assessment: {}",
                            crate::pages::labels::assessment(l, lang).to_lowercase()
                        ));
                    }
                    if let Some(v) = r.verified.as_ref().filter(|v| is_low(v.level)) {
                        reasons.push(format!(
                            "verified as {}",
                            crate::pages::labels::assessment(v.level, lang).to_lowercase()
                        ));
                    }
                }
                if !reasons.is_empty() {
                    weak.push((c, reasons));
                }
            }
        }
        let ids: Vec<i64> = weak.iter().map(|(c, _)| c.id).collect();
        let cities: HashMap<i64, (String, String, bool)> =
            store::cities_in(conn, fw_id)?.into_iter().map(|(id, n, c, p)| (id, (n, c, p))).collect();
        let facts: Vec<Fact> = store::facts(conn, fw_id, Some(&ids), None)?
            .into_iter()
            .filter(|f| f.city_id != city_id)
            .filter(|f| cities.get(&f.city_id).is_some_and(|(_, _, public)| scope.includes(f.city_id, *public)))
            .collect();
        for (c, reasons) in weak {
            let mut by_city: BTreeMap<i64, Vec<&Fact>> = BTreeMap::new();
            for f in facts.iter().filter(|f| f.commitment_id == c.id && f.status.covers()) {
                by_city.entry(f.city_id).or_default().push(f);
            }
            let mut suggestions: Vec<Suggestion> = by_city
                .into_iter()
                .filter(|(_, fs)| fs.iter().any(|f| is_strong(f)))
                .map(|(other, fs)| {
                    let (size, share) = same_band(contexts.get(&city_id), contexts.get(&other));
                    let (score, parts) = score(&fs, &good, size, share, now);
                    let (name, country, _) = cities.get(&other).cloned().unwrap_or_default();
                    let mut actions: Vec<PeerAction> = fs
                        .iter()
                        .filter(|f| is_strong(f))
                        .map(|f| PeerAction {
                            id: f.action_id,
                            title: f.title.clone(),
                            status: f.status,
                            progress: f.progress,
                            good_practice: good.contains(&f.action_id),
                        })
                        .collect();
                    actions.sort_by(|a, b| {
                        b.good_practice.cmp(&a.good_practice).then(b.progress.cmp(&a.progress)).then(a.id.cmp(&b.id))
                    });
                    Suggestion { city_id: other, city: name, country, score, parts, actions }
                })
                .collect();
            suggestions.sort_by(|a, b| b.score.cmp(&a.score).then(a.city.cmp(&b.city)));
            suggestions.truncate(Weights::SUGGESTIONS);
            gaps.push(Gap { framework: fw.code.clone(), commitment: c.code, text: c.text, reasons, suggestions });
        }
    }
    Ok(LearnFrom { city_id, gaps })
}

/// Per city and role: commitments covered and the progress of covering actions.
struct Tally {
    covered: HashMap<i64, HashSet<i64>>,
    progress: HashMap<i64, (i64, i64)>,
}

fn tally(facts: &[Fact], role_of: &HashMap<i64, i64>) -> HashMap<i64, Tally> {
    let mut out: HashMap<i64, Tally> = HashMap::new();
    for f in facts.iter().filter(|f| f.status.covers()) {
        let Some(role) = role_of.get(&f.commitment_id) else { continue };
        let t = out.entry(f.city_id).or_insert_with(|| Tally { covered: HashMap::new(), progress: HashMap::new() });
        t.covered.entry(*role).or_default().insert(f.commitment_id);
        t.covered.entry(0).or_default().insert(f.commitment_id);
        for key in [*role, 0] {
            let p = t.progress.entry(key).or_default();
            p.0 += i64::from(f.progress);
            p.1 += 1;
        }
    }
    out
}

/// The city's coverage and progress per role beside cities of its size, of its share born
/// abroad, and the network (cities with a plan in the framework). A group's average is shown
/// only over at least `threshold` cities, so no small group reveals a city's figures.
pub fn compare(conn: &mut DbConnection, caller: &Caller, city_id: i64, threshold: i64) -> ApiResult<Vec<Comparison>> {
    caller.can_read_city(city_id)?;
    crate::cities::store::require(conn, city_id)?;
    let contexts = context::all(conn)?;
    let mine = contexts.get(&city_id);
    let mut out = vec![];
    for fw_id in store::frameworks_of(conn, city_id)? {
        let fw = crate::charter::store::by_id(conn, fw_id)?;
        let structure = crate::charter::store::structure(conn, fw_id)?;
        let role_of: HashMap<i64, i64> =
            structure.iter().flat_map(|(r, cs)| cs.iter().filter(|c| !c.retired).map(move |c| (c.id, r.id))).collect();
        let members: Vec<i64> = store::cities_in(conn, fw_id)?.into_iter().map(|c| c.0).collect();
        let tallies = tally(&store::facts(conn, fw_id, None, None)?, &role_of);
        let empty = Tally { covered: HashMap::new(), progress: HashMap::new() };
        let covered_of =
            |c: i64, role: i64| tallies.get(&c).unwrap_or(&empty).covered.get(&role).map_or(0, |s| s.len()) as f64;
        let progress_of = |c: i64, role: i64| {
            tallies.get(&c).and_then(|t| t.progress.get(&role)).map(|(sum, n)| *sum as f64 / *n as f64)
        };
        let average = |group: &[i64], role: i64| -> Average {
            let n = group.len() as i64;
            if n < threshold {
                return Average { cities: n, covered: None, progress: None };
            }
            let covered = group.iter().map(|c| covered_of(*c, role)).sum::<f64>() / n as f64;
            let ps: Vec<f64> = group.iter().filter_map(|c| progress_of(*c, role)).collect();
            let progress =
                if ps.len() as i64 >= threshold { Some(ps.iter().sum::<f64>() / ps.len() as f64) } else { None };
            Average { cities: n, covered: Some((covered * 10.0).round() / 10.0), progress: progress.map(|p| p.round()) }
        };
        let size_group: Option<Vec<i64>> = mine.and_then(|m| m.population).map(|p| {
            members
                .iter()
                .copied()
                .filter(|c| {
                    contexts
                        .get(c)
                        .and_then(|x| x.population)
                        .is_some_and(|q| context::size_band(q) == context::size_band(p))
                })
                .collect()
        });
        let share_group: Option<Vec<i64>> = mine.and_then(|m| m.born_abroad_percent).map(|p| {
            members
                .iter()
                .copied()
                .filter(|c| {
                    contexts
                        .get(c)
                        .and_then(|x| x.born_abroad_percent)
                        .is_some_and(|q| context::share_band(q) == context::share_band(p))
                })
                .collect()
        });
        let row = |role: i64, code: Option<String>, title: String, total: i64| RoleComparison {
            role: code,
            title,
            total,
            covered: covered_of(city_id, role) as i64,
            progress: progress_of(city_id, role).map(|p| p.round()),
            same_size: size_group.as_ref().map(|g| average(g, role)),
            same_share: share_group.as_ref().map(|g| average(g, role)),
            network: average(&members, role),
        };
        let roles: Vec<RoleComparison> = structure
            .iter()
            .map(|(r, cs)| {
                row(r.id, Some(r.code.clone()), r.title.clone(), cs.iter().filter(|c| !c.retired).count() as i64)
            })
            .collect();
        let overall = row(0, None, "All commitments".into(), roles.iter().map(|r| r.total).sum());
        out.push(Comparison {
            city_id,
            framework: fw.code,
            size_band: mine.and_then(|m| m.size_band.clone()),
            share_band: mine.and_then(|m| m.share_band.clone()),
            threshold,
            overall,
            roles,
        });
    }
    Ok(out)
}

/// Proposed peer-review pairs in a framework (secretariat only): for every two cities with
/// plans, the commitments where one is strong and the other weak, both ways; pairs where each
/// can teach the other something, the most complementary first, each city in one pair at most.
pub fn pairing(conn: &mut DbConnection, caller: &Caller, framework: &str) -> ApiResult<Vec<Pair>> {
    caller.require_secretariat()?;
    let fw = crate::charter::store::by_code(conn, framework)?
        .ok_or_else(|| ApiError::not_found(format!("no framework with code {framework}")))?;
    let live: Vec<(i64, String)> = crate::charter::store::structure(conn, fw.id)?
        .into_iter()
        .flat_map(|(_, cs)| cs.into_iter().filter(|c| !c.retired).map(|c| (c.id, c.code)))
        .take(128)
        .collect();
    let bit: HashMap<i64, u32> = live.iter().enumerate().map(|(i, (id, _))| (*id, i as u32)).collect();
    let code_bit: HashMap<&str, u32> = live.iter().enumerate().map(|(i, (_, c))| (c.as_str(), i as u32)).collect();
    let all_bits: u128 = if live.len() >= 128 { u128::MAX } else { (1u128 << live.len()) - 1 };
    let cities = store::cities_in(conn, fw.id)?;
    let facts = store::facts(conn, fw.id, None, None)?;
    let verified = crate::verification::store::in_force(crate::verification::store::history(conn, None, None)?);
    let mut strong: HashMap<i64, u128> = HashMap::new();
    let mut covered: HashMap<i64, u128> = HashMap::new();
    for f in &facts {
        let Some(b) = bit.get(&f.commitment_id) else { continue };
        if f.status.covers() {
            *covered.entry(f.city_id).or_default() |= 1 << b;
        }
        if is_strong(f) {
            *strong.entry(f.city_id).or_default() |= 1 << b;
        }
    }
    let mut low: HashMap<i64, u128> = HashMap::new();
    for ((city, fwc, code), v) in &verified {
        if *fwc != fw.code {
            continue;
        }
        if let Some(b) = code_bit.get(code.as_str()) {
            if is_low(v.level) {
                *low.entry(*city).or_default() |= 1 << b;
            } else {
                *strong.entry(*city).or_default() |= 1 << b;
            }
        }
    }
    let weak = |c: i64| (all_bits & !covered.get(&c).copied().unwrap_or(0)) | low.get(&c).copied().unwrap_or(0);
    let contexts = context::all(conn)?;
    let codes = |mask: u128| -> Vec<String> {
        live.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, (_, c))| c.clone()).collect()
    };
    let mut candidates: Vec<(i64, bool, usize, usize, u128, u128)> = vec![];
    for i in 0..cities.len() {
        let a = cities[i].0;
        let (sa, wa) = (strong.get(&a).copied().unwrap_or(0), weak(a));
        for (j, cb) in cities.iter().enumerate().skip(i + 1) {
            let b = cb.0;
            let (sb, wb) = (strong.get(&b).copied().unwrap_or(0), weak(b));
            let (ab, ba) = (sa & wb & !sb, sb & wa & !sa);
            if ab == 0 || ba == 0 {
                continue;
            }
            let (size, share) = same_band(contexts.get(&a), contexts.get(&b));
            candidates.push(((ab.count_ones() + ba.count_ones()) as i64, size || share, i, j, ab, ba));
        }
    }
    candidates.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then((x.2, x.3).cmp(&(y.2, y.3))));
    let mut used = HashSet::new();
    let mut out = vec![];
    for (score, similar, i, j, ab, ba) in candidates {
        if used.contains(&i) || used.contains(&j) {
            continue;
        }
        used.insert(i);
        used.insert(j);
        let r = |k: usize| CityRef { id: cities[k].0, name: cities[k].1.clone(), country: cities[k].2.clone() };
        out.push(Pair { a: r(i), b: r(j), a_helps_b: codes(ab), b_helps_a: codes(ba), score, similar });
    }
    Ok(out)
}

/// The good-practice library: anyone may read what the network published.
pub fn practices(conn: &mut DbConnection) -> ApiResult<Vec<Practice>> {
    Ok(store::practices(conn)?)
}
