//! Dates, periods, numbers, country names and sorting in a language's conventions, by ICU4X
//! (CLDR data built into the binary) and the CLDR country names in `countries.tsv`.
//! English follows British conventions ("1 June 2026"): the network is European.

use super::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use icu_calendar::{Date, Gregorian};
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::input::{DateTime, Time};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale::Locale;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The CLDR locale a language formats with.
fn locale(lang: Lang) -> Locale {
    let tag = match lang {
        Lang::En | Lang::Pseudo => "en-GB",
        Lang::Fr => "fr",
        Lang::De => "de",
    };
    tag.parse().expect("valid locale")
}

struct Formatters {
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    day_time: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::YMDT>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    number: DecimalFormatter,
    collator: CollatorBorrowed<'static>,
}

const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::De, Lang::Pseudo];

static FORMATTERS: LazyLock<HashMap<Lang, Formatters>> = LazyLock::new(|| {
    ALL.into_iter()
        .map(|lang| {
            let loc = locale(lang);
            let mut collation = CollatorOptions::default();
            // Letters and accents count, case does not: "Łódź" sorts with L, "ålesund" with
            // Swedish å only in Swedish.
            collation.strength = Some(Strength::Secondary);
            let f = Formatters {
                day: FixedCalendarDateTimeFormatter::try_new((&loc).into(), YMD::long()).expect("CLDR date data"),
                day_time: FixedCalendarDateTimeFormatter::try_new((&loc).into(), YMD::long().with_time_hm())
                    .expect("CLDR date and time data"),
                month: FixedCalendarDateTimeFormatter::try_new((&loc).into(), YM::long()).expect("CLDR month data"),
                number: DecimalFormatter::try_new((&loc).into(), Default::default()).expect("CLDR number data"),
                collator: Collator::try_new((&loc).into(), collation).expect("CLDR collation data"),
            };
            (lang, f)
        })
        .collect()
});

fn formatters(lang: Lang) -> &'static Formatters {
    FORMATTERS.get(&lang).expect("every language has formatters")
}

fn gregorian(d: NaiveDate) -> Date<Gregorian> {
    Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8).expect("a chrono date is a valid date")
}

/// "30 June 2026", "30 juin 2026", "30. Juni 2026".
pub fn date(d: NaiveDate, lang: impl Into<Lang>) -> String {
    formatters(lang.into()).day.format(&gregorian(d)).to_string()
}

/// "30 June 2026, 14:05", "30 juin 2026, 14:05", "30. Juni 2026 um 14:05" (a local time).
pub fn date_time(t: NaiveDateTime, lang: impl Into<Lang>) -> String {
    let time = Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0).expect("a chrono time is a valid time");
    formatters(lang.into()).day_time.format(&DateTime { date: gregorian(t.date()), time }).to_string()
}

/// "March 2026", "mars 2026", "März 2026".
pub fn month(d: NaiveDate, lang: impl Into<Lang>) -> String {
    formatters(lang.into()).month.format(&gregorian(d)).to_string()
}

/// "Q3 2026" / "T3 2026" / "Q3 2026" for a calendar quarter, "2026" for a year, "March 2026"
/// for a month, otherwise "1 March 2026 – 15 April 2026".
pub fn period(start: NaiveDate, end: NaiveDate, lang: impl Into<Lang>) -> String {
    let lang = lang.into();
    let last_of_month = |d: NaiveDate| d.succ_opt().is_none_or(|n| n.month() != d.month());
    if start.day() == 1 && last_of_month(end) {
        let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
        if months == 3 && start.month0().is_multiple_of(3) {
            let q = start.month0() / 3 + 1;
            return crate::t!(lang, "core-quarter", quarter = q, year = start.year().to_string());
        }
        if months == 12 && start.month() == 1 {
            return start.year().to_string();
        }
        if months == 1 {
            return month(start, lang);
        }
    }
    format!("{} – {}", date(start, lang), date(end, lang))
}

/// A whole number grouped as the language groups it: 350,000 / 350 000 / 350.000.
pub fn number(n: i64, lang: impl Into<Lang>) -> String {
    formatters(lang.into()).number.format(&Decimal::from(n)).to_string()
}

/// A number with up to `places` decimals (trailing zeros dropped): 12.5 / 12,5.
pub fn decimal(x: f64, places: u32, lang: impl Into<Lang>) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let scale = 10f64.powi(places as i32);
    let scaled = (x * scale).round() as i64;
    let mut d = Decimal::from(scaled);
    d.multiply_pow10(-(places as i16));
    d.trim_end();
    formatters(lang.into()).number.format(&d).to_string()
}

/// A percentage as the language writes it: 45% / 45 % / 45 %.
pub fn percent(x: f64, lang: impl Into<Lang>) -> String {
    let lang = lang.into();
    crate::t!(lang, "core-percent", value = decimal(x, 1, lang))
}

/// Compares two names as the language sorts them (accents after the letter, case ignored).
pub fn compare(a: &str, b: &str, lang: impl Into<Lang>) -> Ordering {
    formatters(lang.into()).collator.compare(a, b)
}

/// Sorts `items` by the name `key` gives, as the language sorts names.
pub fn sort_by_name<T>(items: &mut [T], lang: Lang, key: impl Fn(&T) -> &str) {
    let collator = &formatters(lang).collator;
    items.sort_by(|a, b| collator.compare(key(a), key(b)));
}

const COUNTRY_TABLE: &str = include_str!("countries.tsv");

/// Code → names in en, fr, de (the columns of countries.tsv).
static COUNTRY_NAMES: LazyLock<HashMap<&'static str, [&'static str; 3]>> = LazyLock::new(|| {
    COUNTRY_TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let code = cols.next()?;
            Some((code, [cols.next()?, cols.next()?, cols.next()?]))
        })
        .collect()
});

fn column(lang: Lang) -> usize {
    match lang {
        Lang::En | Lang::Pseudo => 0,
        Lang::Fr => 1,
        Lang::De => 2,
    }
}

/// The country's name in the language ("Schweden" for SE in German); an unknown code as given.
pub fn country(code: &str, lang: impl Into<Lang>) -> String {
    let lang = lang.into();
    let upper = code.trim().to_ascii_uppercase();
    match COUNTRY_NAMES.get(upper.as_str()) {
        Some(names) => names[column(lang)].to_string(),
        None => code.to_string(),
    }
}

/// Every country the tracker accepts, `(code, name)`, sorted by name as the language sorts.
pub fn countries(lang: Lang) -> Vec<(&'static str, String)> {
    let mut all: Vec<(&'static str, String)> =
        COUNTRY_NAMES.iter().map(|(code, names)| (*code, names[column(lang)].to_string())).collect();
    sort_by_name(&mut all, lang, |(_, n)| n.as_str());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_and_periods() {
        assert_eq!(date(d("2026-06-30"), Lang::En), "30 June 2026");
        assert_eq!(date(d("2026-07-01"), Lang::Fr), "1 juillet 2026");
        assert_eq!(date(d("2026-07-01"), Lang::De), "1. Juli 2026");
        assert_eq!(date(d("2026-07-01"), "sv"), "1 July 2026");
        assert_eq!(period(d("2026-10-01"), d("2026-12-31"), Lang::En), "Q4 2026");
        assert_eq!(period(d("2026-10-01"), d("2026-12-31"), "fr-BE"), "T4 2026");
        assert_eq!(period(d("2026-10-01"), d("2026-12-31"), Lang::De), "Q4 2026");
        assert_eq!(period(d("2026-01-01"), d("2026-12-31"), Lang::En), "2026");
        assert_eq!(period(d("2026-02-01"), d("2026-02-28"), Lang::Fr), "février 2026");
        assert_eq!(period(d("2026-03-01"), d("2026-03-31"), Lang::De), "März 2026");
        assert_eq!(period(d("2026-02-15"), d("2026-03-14"), Lang::En), "15 February 2026 – 14 March 2026");
        let t = d("2026-06-30").and_hms_opt(14, 5, 0).unwrap();
        assert!(date_time(t, Lang::En).contains("30 June 2026") && date_time(t, Lang::En).contains("14:05"));
        assert!(date_time(t, Lang::De).contains("30. Juni 2026") && date_time(t, Lang::De).contains("14:05"));
    }

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(number(350_000, Lang::En), "350,000");
        assert_eq!(number(350_000, Lang::De), "350.000");
        assert_eq!(number(350_000, Lang::Fr), "350\u{202f}000");
        assert_eq!(number(-1234, Lang::En), "-1,234");
        assert_eq!(decimal(12.5, 1, Lang::De), "12,5");
        assert_eq!(decimal(12.0, 1, Lang::En), "12");
        assert_eq!(percent(45.0, Lang::En), "45%");
        assert_eq!(percent(12.25, Lang::Fr), "12,3\u{a0}%");
    }

    #[test]
    fn names_sort_by_the_language_and_countries_have_names() {
        let mut names = vec!["Zürich", "Malmö", "Łódź", "lisbon", "Aarhus", "Ålesund"];
        sort_by_name(&mut names, Lang::En, |n| n);
        assert_eq!(names, ["Aarhus", "Ålesund", "lisbon", "Łódź", "Malmö", "Zürich"]);
        assert_eq!(country("se", Lang::De), "Schweden");
        assert_eq!(country("CH", Lang::Fr), "Suisse");
        assert_eq!(country("ZZ", Lang::En), "ZZ");
        let fr = countries(Lang::Fr);
        assert_eq!(fr.len(), 250);
        let pos = |name: &str| fr.iter().position(|(_, n)| n == name).unwrap();
        assert!(
            pos("Égypte") < pos("Équateur")
                && pos("Émirats arabes unis") < pos("Espagne")
                && pos("Espagne") < pos("Estonie")
        );
    }
}
