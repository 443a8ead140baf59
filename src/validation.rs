//! Parsing raw input into trusted values at the edge, collecting every field error at once
//! so a person can fix a form in one go.

use crate::error::{ApiError, FieldError, PlainArg};
use chrono::NaiveDate;

/// Collects field errors while parsing a request.
#[derive(Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Keeps the value, or records the error and returns None.
    pub fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

/// Declares a closed vocabulary stored as text: parse with accepted values in the error.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
            pub fn accepted() -> String { [$($text),+].join(", ") }
            /// Parses the stored or submitted text; the error names `field` and lists what is accepted.
            pub fn parse_field(field: &str, s: &str) -> Result<Self, $crate::error::FieldError> {
                match s { $($text => Ok($name::$variant),)+ _ => Err($crate::error::FieldError::new(field, format!("`{s}` is not one of the accepted values")).accepting(Self::accepted()).plainly("choose", vec![])) }
            }
            /// For values read back from the database, which were validated on the way in.
            pub fn from_db(s: &str) -> Self { Self::parse_field("", s).unwrap_or(Self::ALL[0]) }
        }
    };
}

/// Trimmed text that must not be empty, at most `max` characters.
pub fn required_text(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, "is empty")
            .accepting(format!("1 to {max} characters"))
            .plainly("required", vec![]));
    }
    optional_text(field, t, max)
}

/// A one-line value (a name, a title, a label) that must not be empty: as `required_text`, with
/// each run of line breaks and tabs made one space (a name pasted from a document keeps its
/// words, not its layout).
pub fn required_line(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    required_text(field, &one_line(s), max)
}

/// A one-line value that may be empty.
pub fn optional_line(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    optional_text(field, &one_line(s), max)
}

fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_break = false;
    for c in s.chars() {
        if matches!(c, '\t' | '\n' | '\r') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out
}

/// Trimmed text of at most `max` characters (may be empty); line breaks and tabs are kept,
/// other control characters refused (`crate::edge`).
pub fn optional_text(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    let t = s.trim();
    crate::edge::check(field, t)?;
    let n = t.chars().count();
    if n > max {
        return Err(FieldError::new(field, format!("is {n} characters long"))
            .accepting(format!("at most {max} characters"))
            .plainly("too-long", vec![("max", PlainArg::Number(max as i64)), ("length", PlainArg::Number(n as i64))]));
    }
    Ok(t.to_string())
}

pub fn date(field: &str, s: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        FieldError::new(field, format!("`{s}` is not a date"))
            .accepting("a date as YYYY-MM-DD, e.g. 2026-03-31")
            .plainly("not-a-date", vec![])
    })
}

pub fn optional_date(field: &str, s: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => date(field, v).map(Some),
    }
}

/// An http(s) URL.
pub fn web_link(field: &str, s: &str) -> Result<String, FieldError> {
    match url::Url::parse(s.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(u.to_string()),
        _ => Err(FieldError::new(field, format!("`{s}` is not a web address"))
            .accepting("an http:// or https:// URL")
            .plainly("not-a-web-address", vec![])),
    }
}

/// A link to a document (a report, a council decision, a press article): an http(s) URL and an
/// optional title. Pages show it as a plain link, never embedded.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// http:// or https:// only.
    pub url: String,
    #[serde(default)]
    pub title: String,
}

/// The most evidence links one object carries.
pub const MAX_EVIDENCE: usize = 20;

/// Checks evidence links: each URL http(s), each title at most 200 characters, at most
/// [`MAX_EVIDENCE`]. Errors name `field[i].url` / `field[i].title`.
pub fn evidence(field: &str, links: &[Evidence], e: &mut Errors) -> Vec<Evidence> {
    if links.len() > MAX_EVIDENCE {
        e.push(
            FieldError::new(field, format!("has {} links", links.len()))
                .accepting(format!("at most {MAX_EVIDENCE} links")),
        );
        return vec![];
    }
    let mut out = vec![];
    for (i, l) in links.iter().enumerate() {
        let url = e.take(web_link(&format!("{field}[{i}].url"), &l.url));
        let title = e.take(optional_text(&format!("{field}[{i}].title"), &l.title, 200));
        if let (Some(url), Some(title)) = (url, title) {
            out.push(Evidence { url, title });
        }
    }
    out
}

/// Evidence typed into a form's text box: one link per line, the address first, then
/// optionally a title after a space. Blank lines are skipped.
pub fn evidence_lines(text: &str) -> Vec<Evidence> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((url, title)) => Evidence { url: url.to_string(), title: title.trim().to_string() },
            None => Evidence { url: l.to_string(), title: String::new() },
        })
        .collect()
}

/// The form text box's contents for evidence links, the inverse of [`evidence_lines`].
pub fn evidence_text(links: &[Evidence]) -> String {
    links
        .iter()
        .map(|l| if l.title.is_empty() { l.url.clone() } else { format!("{} {}", l.url, l.title) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plausible email address: one @, a local part, a domain with a dot, no spaces.
pub fn email(field: &str, s: &str) -> Result<String, FieldError> {
    let t = s.trim().to_lowercase();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !t.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == '<' || c == '>')
                && t.len() <= 254
        }
        None => false,
    };
    if ok {
        Ok(t)
    } else {
        Err(FieldError::new(field, format!("`{s}` is not an email address"))
            .plainly("not-an-email", vec![])
            .accepting("an address like name@city.example"))
    }
}

/// A language tag: ISO 639-1 code, optionally with a region (`en`, `fr`, `pt-BR`).
pub fn language(field: &str, s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    let (lang, region) = match t.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (t, None),
    };
    let lang_ok = lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase());
    let region_ok = region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()));
    if lang_ok && region_ok {
        Ok(t.to_string())
    } else {
        Err(FieldError::new(field, format!("`{s}` is not a language code"))
            .plainly("choose", vec![])
            .accepting("an ISO 639-1 code such as en, fr, de, pl, or with a region such as pt-BR"))
    }
}

/// ISO 3166-1 alpha-2 codes (officially assigned), plus XK (Kosovo, user-assigned but used by the EU).
const COUNTRIES: &str =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT \
MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK";

/// An ISO 3166-1 alpha-2 country code, upper-cased.
pub fn country(field: &str, s: &str) -> Result<String, FieldError> {
    let t = s.trim().to_uppercase();
    if t.len() == 2 && COUNTRIES.split_whitespace().any(|c| c == t) {
        Ok(t)
    } else {
        Err(FieldError::new(field, format!("`{s}` is not an ISO 3166-1 country code"))
            .plainly("choose", vec![])
            .accepting("a two-letter code such as SE, PL, CH, DE, FR"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries() {
        assert_eq!(country("country", "se").unwrap(), "SE");
        assert!(country("country", "XX").is_err());
        assert!(country("country", "SWE").is_err());
        assert_eq!(COUNTRIES.split_whitespace().count(), 250);
    }

    #[test]
    fn texts_count_characters_not_bytes() {
        assert_eq!(required_text("name", " Łódź ", 5).unwrap(), "Łódź");
        assert!(required_text("name", "   ", 5).is_err());
        assert!(optional_text("name", "Zürich", 5).is_err());
        assert_eq!(optional_text("description", "a\n\tb", 9).unwrap(), "a\n\tb");
        assert!(optional_text("description", "a\u{0}b", 9).is_err());
        assert_eq!(required_line("name", " a\r\n\tb\n", 9).unwrap(), "a b");
        assert!(required_line("name", "a\u{1b}b", 9).is_err());
        assert_eq!(optional_line("office_role", "a\tb", 9).unwrap(), "a b");
        assert!(email("email", "a\u{0}b@x.example").is_err());
    }

    #[test]
    fn emails_languages_dates_links() {
        assert_eq!(email("email", " Anna@Malmo.SE ").unwrap(), "anna@malmo.se");
        assert!(email("email", "anna@malmo").is_err());
        assert!(email("email", "a b@c.de").is_err());
        assert!(language("language", "pt-BR").is_ok());
        assert!(language("language", "french").is_err());
        assert!(date("due_date", "2026-02-30").is_err());
        assert!(web_link("document_url", "javascript:alert(1)").is_err());
    }
}
