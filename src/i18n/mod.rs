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
    /// (`de-CH;q=0.9, fr;q=0.8`); `*` and unknown languages are skipped.
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
                let lang = Lang::from_tag(tag).filter(|l| *l != Lang::Pseudo)?;
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
