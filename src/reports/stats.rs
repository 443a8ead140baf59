//! The report's arithmetic, kept pure so every figure can be checked by hand.
//!
//! Quartiles use linear interpolation between closest ranks (Hyndman & Fan type 7, the method
//! of spreadsheet QUARTILE.INC and of numpy's default), so a secretariat can reproduce them:
//! for sorted values x[0..n], the p-quantile is at position h = (n - 1) * p, and equals
//! x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]). The median is p = 0.5.

/// Rounds to one decimal place (percentages, means).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Rounds to two decimal places (indicator statistics, which may be money).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The p-quantile (0 <= p <= 1) of `sorted` (ascending), type 7; None for no values.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// (first quartile, median, third quartile), rounded to 2 decimals.
pub fn quartiles(values: &[f64]) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    Some((round2(quantile(&v, 0.25)?), round2(quantile(&v, 0.5)?), round2(quantile(&v, 0.75)?)))
}

/// The median, rounded to 2 decimals.
pub fn median(values: &[f64]) -> Option<f64> {
    quartiles(values).map(|(_, m, _)| m)
}

/// `part` as a percentage of `whole`, one decimal; None when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| round1(part as f64 * 100.0 / whole as f64))
}

/// The mean of a sum over a count, one decimal; None when the count is 0.
pub fn mean(sum: i64, count: i64) -> Option<f64> {
    (count > 0).then(|| round1(sum as f64 / count as f64))
}

/// `after - before` when both exist, rounded to 2 decimals.
pub fn change(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some(round2(after? - before?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_ranks() {
        // 4 values 10, 20, 30, 40: Q1 at h = 0.75 -> 10 + 0.75 * 10 = 17.5; median at h = 1.5 -> 25;
        // Q3 at h = 2.25 -> 30 + 0.25 * 10 = 32.5.
        assert_eq!(quartiles(&[40.0, 10.0, 30.0, 20.0]), Some((17.5, 25.0, 32.5)));
        // 5 values: the median is the middle one; Q1 at h = 1 -> 2, Q3 at h = 3 -> 4.
        assert_eq!(quartiles(&[5.0, 1.0, 4.0, 2.0, 3.0]), Some((2.0, 3.0, 4.0)));
        // One value: every quartile is that value.
        assert_eq!(quartiles(&[7.25]), Some((7.25, 7.25, 7.25)));
        assert_eq!(quartiles(&[]), None);
        assert_eq!(median(&[1.0, 2.0]), Some(1.5));
    }

    #[test]
    fn rates_and_means_are_rounded_and_empty_safe() {
        assert_eq!(percent(1, 3), Some(33.3));
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(0, 0), None);
        assert_eq!(mean(100, 3), Some(33.3));
        assert_eq!(mean(0, 0), None);
        assert_eq!(change(Some(10.0), Some(12.345)), Some(2.35));
        assert_eq!(change(None, Some(1.0)), None);
        assert_eq!(round2(0.1 + 0.2), 0.3);
    }
}
