//! The suppression rule: what public output may show of sensitive indicators.
//!
//! For an indicator marked `sensitive`, with k = `reports.suppression_threshold` (default 5,
//! recorded in each report when it is compiled):
//! 1. no public output shows a single city's value, baseline, target or change for it (city
//!    profiles and per-city tables leave the indicator out);
//! 2. a network figure is shown only when the set of cities it is computed from has at least k
//!    cities: the median, quartiles and share of yes need k cities reporting; the change since
//!    baseline needs k cities with a baseline; the distance to target and the number of cities
//!    that reached it need k cities with a target; the change since the previous report also
//!    needs k cities reporting in that report. A withheld figure is absent, and so is the
//!    count of cities behind it (shown as "fewer than k");
//! 3. verification (self-assessment against verified ratings): a city's ratings appear only
//!    where the city's page is public; a commitment's comparison (verified, agree, higher,
//!    lower) only when at least k cities were verified, otherwise all four are withheld;
//! 4. "what moved" is computed from the public figures of both reports, so it never carries a
//!    withheld figure.
//!
//! The secretariat's view (`ReportData` as compiled) shows everything.

use super::ReportData;

/// The figures as the public may see them.
pub fn public_view(full: &ReportData) -> ReportData {
    let k = full.suppression_threshold;
    let small = |n: Option<i64>| n.is_some_and(|n| n < k);
    let mut d = full.clone();
    d.suppressed_view = true;
    let mut sensitive = std::collections::HashSet::new();
    for i in d.indicators.iter_mut().filter(|i| i.sensitive) {
        sensitive.insert(i.code.clone());
        if small(i.cities_reporting) {
            i.cities_reporting = None;
            i.q1 = None;
            i.median = None;
            i.q3 = None;
            i.yes = None;
            i.share_yes = None;
            i.change_since_previous = None;
            i.previous_cities_reporting = None;
            i.baseline_cities = None;
            i.change_since_baseline = None;
            i.target_cities = None;
            i.distance_to_target = None;
            i.reached_target = None;
            i.suppressed = true;
            continue;
        }
        if small(i.previous_cities_reporting) {
            i.previous_cities_reporting = None;
            i.change_since_previous = None;
            i.suppressed = true;
        }
        if small(i.baseline_cities) {
            i.baseline_cities = None;
            i.change_since_baseline = None;
            i.suppressed = true;
        }
        if small(i.target_cities) {
            i.target_cities = None;
            i.distance_to_target = None;
            i.reached_target = None;
            i.suppressed = true;
        }
    }
    for c in &mut d.cities {
        c.indicators.retain(|v| !sensitive.contains(&v.code));
    }
    // Verification: a city's ratings only where its page is public; a commitment's comparison
    // only when at least k cities were verified.
    d.verification.cities.retain(|c| c.public);
    // Peer reviews: only those of public cities whose host agreed to publish, and the figures
    // counted from them alone.
    let codes: Vec<String> = d.mutual_learning.commitments.iter().map(|c| c.code.clone()).collect();
    let public_reviews: Vec<_> = d.mutual_learning.reviews.iter().filter(|r| r.public).cloned().collect();
    d.mutual_learning = super::MutualLearning::summarise(public_reviews, &d.good_practices, &codes);
    for v in &mut d.verification.commitments {
        if small(v.verified) {
            v.verified = None;
            v.agree = None;
            v.self_higher = None;
            v.self_lower = None;
            v.suppressed = true;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{CityIndicator, CityProfile, IndicatorFigures};

    fn indicator(code: &str, sensitive: bool, n: i64) -> IndicatorFigures {
        IndicatorFigures {
            code: code.into(),
            name: code.into(),
            unit: "percent".into(),
            currency: None,
            commitment: None,
            higher_is_better: true,
            sensitive,
            cities_reporting: Some(n),
            q1: Some(1.0),
            median: Some(2.0),
            q3: Some(3.0),
            yes: None,
            share_yes: None,
            change_since_previous: Some(0.5),
            previous_cities_reporting: Some(n),
            baseline_cities: Some(n),
            change_since_baseline: Some(1.0),
            target_cities: Some(2),
            distance_to_target: Some(4.0),
            reached_target: Some(0),
            suppressed: false,
        }
    }

    #[test]
    fn small_sensitive_sets_are_withheld_and_city_values_never_shown() {
        let mut d = ReportData { suppression_threshold: 5, ..Default::default() };
        d.indicators = vec![indicator("S-SMALL", true, 4), indicator("S-BIG", true, 5), indicator("OPEN", false, 1)];
        d.cities = vec![CityProfile {
            city_id: 1,
            name: "A".into(),
            country: "SE".into(),
            signed_on: None,
            plan_title: None,
            plan_status: None,
            plan_adopted_on: None,
            actions: 0,
            by_status: Default::default(),
            mean_progress: None,
            mean_progress_change: None,
            commitments_covered: 0,
            commitments_total: 0,
            updates: 0,
            check_ins: Default::default(),
            assessments: Default::default(),
            indicators: ["S-SMALL", "S-BIG", "OPEN"]
                .iter()
                .map(|c| CityIndicator {
                    code: c.to_string(),
                    value: 3.0,
                    baseline: None,
                    target: None,
                    period_end: "2026-12-31".parse().unwrap(),
                    change_since_previous: None,
                })
                .collect(),
        }];
        let p = public_view(&d);
        let small = &p.indicators[0];
        assert!(
            small.suppressed
                && small.cities_reporting.is_none()
                && small.median.is_none()
                && small.change_since_previous.is_none()
        );
        let big = &p.indicators[1];
        // 5 cities reported: network figures shown, but only 2 gave a target.
        assert_eq!((big.cities_reporting, big.median, big.change_since_baseline), (Some(5), Some(2.0), Some(1.0)));
        assert!(big.suppressed && big.target_cities.is_none() && big.distance_to_target.is_none());
        assert_eq!(p.indicators[2], {
            let mut o = indicator("OPEN", false, 1);
            o.suppressed = false;
            o
        });
        let shown: Vec<&str> = p.cities[0].indicators.iter().map(|v| v.code.as_str()).collect();
        assert_eq!(shown, ["OPEN"]);
        assert!(p.suppressed_view && !d.suppressed_view);
    }
}
