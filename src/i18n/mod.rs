//! Every word people read, in their language.
//!
//! - `messages`: the text of pages, emails and reports, from the Project Fluent files in
//!   `locales/{language}/*.ftl` (built into the binary). Rust code asks with [`t!`](crate::t);
//!   templates with `{{t "key" name=value}}`.
//! - `format`: dates, periods and numbers in a language's conventions.
//! - which language a request gets is decided in `pages::web::lang` (the signed-in user's
//!   preference, else the `lang` cookie set by the switcher, else `Accept-Language`, else
//!   `network.default_language`); emails use the contact's language.
//!
//! A language is offered only when its message files are complete (`tests::every_key_in_every_language`).

pub mod format;
pub mod messages;

pub use format::{compare, countries, country, date, date_time, number, percent, period, sort_by_name};
pub use messages::{t_args, Arg};

/// A language the service speaks. `Pseudo` (`en-XA`) is English with every message marked and
/// accented, offered only when `network.pseudo_language` is on, so a test can find text that
/// did not come from the message files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    Pseudo,
}

impl Lang {
    /// The languages offered to people, in the switcher's order.
    pub const OFFERED: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

    /// The BCP 47 tag (`<html lang>`, `Content-Language`, the `lang` cookie, `?lang=`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Pseudo => "en-XA",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::Pseudo => "Pseudo",
        }
    }

    /// The language a tag names (`fr`, `fr-BE`, `DE-ch`, `en-XA`), if it is one we speak.
    /// The pseudo-language is recognised here; whether it is offered is `messages::offered`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.eq_ignore_ascii_case("en-XA") {
            return Some(Lang::Pseudo);
        }
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The first language of an `Accept-Language` header we speak, by the sender's weights
    /// (`de-CH;q=0.9, fr;q=0.8`); `*` and unknown languages are skipped. `en-XA` counts only
    /// where the pseudo-language is offered (tests).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut choices: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                    .unwrap_or(1.0);
                let lang = Lang::from_tag(tag).filter(|l| messages::is_offered(*l))?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        choices.first().map(|c| c.2)
    }
}

/// Stored language codes (a contact's `language`, `"en"` in older code) read as a language;
/// anything we do not speak reads as English.
impl From<&str> for Lang {
    fn from(s: &str) -> Lang {
        Lang::from_tag(s).unwrap_or(Lang::En)
    }
}

impl From<&String> for Lang {
    fn from(s: &String) -> Lang {
        Lang::from(s.as_str())
    }
}

/// A message in `lang`: `t!(lang, "key")`, or with arguments `t!(lang, "key", name = value, count = n)`.
/// Values are anything that converts into a Fluent value (text, numbers).
#[macro_export]
macro_rules! t {
    ($lang:expr, $key:expr) => {
        $crate::i18n::t_args($lang.into(), $key, &[])
    };
    ($lang:expr, $key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::t_args($lang.into(), $key, &[$((stringify!($name), $crate::i18n::Arg::from($value))),+])
    };
}

/// A message without arguments (the function form of `t!`).
pub fn t(lang: Lang, key: &str) -> String {
    t_args(lang, key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_accept_language() {
        assert_eq!(Lang::from_tag("fr-BE"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("DE_ch"), Some(Lang::De));
        assert_eq!(Lang::from_tag("sv"), None);
        assert_eq!(Lang::from_accept_language("sv, de-CH;q=0.9, fr;q=0.95"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("de;q=0, en-GB;q=0.5"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("en-XA, *"), None);
        assert_eq!(Lang::from_accept_language(""), None);
        assert_eq!(Lang::from("it"), Lang::En);
    }
}

/// Every template's words come from the message files: a template with letters outside `{{ }}`
/// (between tags, or in an attribute people read) fails here, naming file, line and text.
#[cfg(test)]
mod templates_speak_through_messages {
    use std::path::Path;

    /// Letters that are left of a template once expressions, comments, markup, styles,
    /// scripts and entities are taken away; with the line each piece is on.
    fn loose_text(source: &str) -> Vec<(usize, String)> {
        let mut s = source.to_string();
        let blank = |s: &str, open: &str, close: &str| -> String {
            // Replaces each `open ... close` span with spaces, keeping line breaks (line numbers).
            let mut out = String::with_capacity(s.len());
            let mut rest = s;
            while let Some(i) = rest.find(open) {
                out.push_str(&rest[..i]);
                let after = &rest[i..];
                let end = after.find(close).map_or(after.len(), |j| j + close.len());
                out.extend(after[..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
                rest = &after[end..];
            }
            out.push_str(rest);
            out
        };
        s = blank(&s, "{{!--", "--}}");
        s = blank(&s, "{{!", "}}");
        s = blank(&s, "<style", "</style>");
        s = blank(&s, "<script", "</script>");
        s = blank(&s, "<!--", "-->");
        // Attributes people read, checked before the tags go.
        let mut found = vec![];
        let exprs = blank(&s, "{{", "}}");
        for attr in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
            let mut from = 0;
            while let Some(i) = exprs[from..].find(attr) {
                let start = from + i + attr.len();
                let end = exprs[start..].find('"').map_or(exprs.len(), |j| start + j);
                let value = &exprs[start..end];
                if value.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    found.push((exprs[..start].matches('\n').count() + 1, value.trim().to_string()));
                }
                from = end;
            }
        }
        let text = blank(&exprs, "<", ">");
        let text = blank(&text, "&", ";");
        for (n, line) in text.lines().enumerate() {
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 {
                found.push((n + 1, line.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
        }
        found
    }

    fn templates(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                templates(&p, out);
            } else if p.extension().is_some_and(|e| e == "hbs") {
                out.push(p);
            }
        }
    }

    #[test]
    fn no_template_has_words_of_its_own() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files = vec![];
        templates(&root, &mut files);
        files.sort();
        assert!(files.len() > 50, "templates not found under {}", root.display());
        let mut problems = vec![];
        for f in files {
            let source = std::fs::read_to_string(&f).unwrap();
            for (line, text) in loose_text(&source) {
                problems.push(format!("{}:{line}: {text}", f.strip_prefix(&root).unwrap().display()));
            }
        }
        assert!(
            problems.is_empty(),
            "{} pieces of text outside the message files:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    #[test]
    fn the_scanner_finds_loose_words() {
        let t = "{{!-- a comment --}}<p class=\"x\">{{t \"k\"}} &nbsp;·</p>\n<a title=\"Open it\">{{name}}</a>\n<p>Hello {{name}}</p>";
        let found = loose_text(t);
        assert_eq!(found, vec![(2, "Open it".to_string()), (3, "Hello".to_string())]);
    }
}
