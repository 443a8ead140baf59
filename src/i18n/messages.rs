//! The message files: `locales/{tag}/*.ftl` in Project Fluent's syntax, one bundle per
//! language, built into the binary (a debug build reads them from the folder, so a translator
//! sees a change on the next request). Plurals, gender and number formatting inside messages
//! are Fluent's work (`{ $count -> [one] 1 action *[other] { $count } actions }`).
//!
//! A key missing in a language falls back to English and is logged; the test
//! `every_key_in_every_language` keeps that from happening in an offered language.

use super::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use handlebars::{Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, ScopedJson};
use rust_embed::RustEmbed;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

#[derive(RustEmbed)]
#[folder = "locales/"]
#[include = "*.ftl"]
struct Files;

/// Whether `en-XA` is offered (`network.pseudo_language`, for the pseudo-locale test run).
static PSEUDO_OFFERED: AtomicBool = AtomicBool::new(false);

/// Offers (or stops offering) the pseudo-language; called once at start-up from the settings.
pub fn offer_pseudo(on: bool) {
    PSEUDO_OFFERED.store(on, Ordering::Relaxed);
}

/// The languages a visitor may choose: the complete ones, and `en-XA` when configured.
pub fn offered() -> Vec<Lang> {
    let mut all = Lang::OFFERED.to_vec();
    if PSEUDO_OFFERED.load(Ordering::Relaxed) {
        all.push(Lang::Pseudo);
    }
    all
}

/// Whether a language may be chosen now.
pub fn is_offered(lang: Lang) -> bool {
    lang != Lang::Pseudo || PSEUDO_OFFERED.load(Ordering::Relaxed)
}

/// Opening and closing marks around every pseudo-language message.
pub const PSEUDO_OPEN: char = '⟦';
pub const PSEUDO_CLOSE: char = '⟧';

/// Accents every ASCII letter of a pseudo-language message's text (not its placeables), so
/// text that skipped the message files stands out.
fn pseudo_transform(s: &str) -> Cow<'_, str> {
    const FROM: &str = "aeiouyAEIOUYcnsCNS";
    const TO: [char; 18] = ['á', 'é', 'î', 'õ', 'ü', 'ý', 'Å', 'É', 'Î', 'Ö', 'Û', 'Ý', 'ç', 'ñ', 'š', 'Ç', 'Ñ', 'Š'];
    Cow::Owned(s.chars().map(|c| FROM.find(c).map_or(c, |i| TO[i])).collect())
}

/// The files of one language, in name order, parsed: each with what could be parsed and the
/// syntax errors found (a resource keeps every message it could read).
fn resources_of(tag: &str) -> Vec<(String, FluentResource, Vec<fluent_syntax::parser::ParserError>)> {
    let prefix = format!("{tag}/");
    let mut names: Vec<String> = Files::iter().filter(|n| n.starts_with(&prefix)).map(|n| n.into_owned()).collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = String::from_utf8_lossy(&Files::get(&n).expect("listed").data).into_owned();
            match FluentResource::try_new(text) {
                Ok(r) => (n, r, vec![]),
                Err((r, errors)) => (n, r, errors),
            }
        })
        .collect()
}

/// The keys each resource defines, in order.
fn message_ids(resource: &FluentResource) -> impl Iterator<Item = &str> {
    resource.entries().filter_map(|e| match e {
        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
        _ => None,
    })
}

/// A language's files parsed, each with its name; English's serve the pseudo-language too.
type Parsed = Vec<(String, Arc<FluentResource>)>;

/// Each language's parsed files and bundle are built the first time one of its messages is
/// asked for, and kept: a server whose visitors use one language does not hold the others'
/// (about 1.5 MB each once parsed: a server's anonymous memory after start-up and one
/// sign-in went from 14.8 to 10.4 MB when the unused three stopped being built at start-up).
static PARSED: [OnceLock<Parsed>; 3] = [const { OnceLock::new() }; 3];
static BUNDLES: [OnceLock<FluentBundle<Arc<FluentResource>>>; 4] = [const { OnceLock::new() }; 4];

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Fr => 1,
        Lang::De => 2,
        Lang::Pseudo => 3,
    }
}

/// The language whose files a bundle reads (the pseudo-language transforms English).
fn source_of(lang: Lang) -> Lang {
    if lang == Lang::Pseudo {
        Lang::En
    } else {
        lang
    }
}

fn parsed(source: Lang) -> &'static Parsed {
    PARSED[slot(source)].get_or_init(|| {
        resources_of(source.tag())
            .into_iter()
            .map(|(name, resource, errors)| {
                if !errors.is_empty() {
                    tracing::error!(file = %name, ?errors, "message file has syntax errors; the messages it could parse are used");
                }
                (name, Arc::new(resource))
            })
            .collect()
    })
}

fn bundle(lang: Lang) -> &'static FluentBundle<Arc<FluentResource>> {
    BUNDLES[slot(lang)].get_or_init(|| {
        let source = source_of(lang);
        let id: unic_langid::LanguageIdentifier = source.tag().parse().expect("valid tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around arguments: pages are left-to-right, and the marks
        // would end up in text people copy and in the tests' expectations.
        bundle.set_use_isolating(false);
        if lang == Lang::Pseudo {
            bundle.set_transform(Some(pseudo_transform));
        }
        for (name, resource) in parsed(source) {
            if let Err(errors) = bundle.add_resource(Arc::clone(resource)) {
                // Logged once per language (the pseudo-language reads English's files again).
                if lang != Lang::Pseudo {
                    tracing::error!(file = %name, ?errors, "message file repeats keys; the first one is used");
                }
            }
        }
        bundle
    })
}

/// An argument of a message.
pub struct Arg(FluentValue<'static>);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg(FluentValue::from(s.to_string()))
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg(FluentValue::from(s))
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg(FluentValue::from(s.clone()))
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg { Arg(FluentValue::from(n)) }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize, f64);

/// The message `key` in `lang` with its arguments. A key no language has comes back as the
/// key itself (and is logged), so a page still renders.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, Arg(value)) in args {
        fluent_args.set(*name, value.clone());
    }
    format(lang, key, &fluent_args)
}

fn format(lang: Lang, key: &str, args: &FluentArgs<'_>) -> String {
    let found = |l: Lang| {
        let bundle = bundle(l);
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        if !errors.is_empty() {
            tracing::warn!(key, lang = l.tag(), ?errors, "message formatted with errors");
        }
        Some(text)
    };
    let text = match found(lang) {
        Some(t) => t,
        None => {
            if lang != Lang::En {
                tracing::warn!(key, lang = lang.tag(), "message missing in this language; English used");
            }
            found(Lang::En).unwrap_or_else(|| {
                tracing::error!(key, "message missing in every language");
                key.to_string()
            })
        }
    };
    if lang == Lang::Pseudo {
        format!("{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}")
    } else {
        text
    }
}

/// Whether English has the message `key` (every offered language has the same keys).
pub fn has(key: &str) -> bool {
    bundle(Lang::En).has_message(key)
}

/// Every key of a language's files (for the completeness test and tools).
pub fn keys(lang: Lang) -> BTreeSet<String> {
    resources_of(lang.tag())
        .iter()
        .flat_map(|(_, r, _)| message_ids(r).map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Syntax errors and repeated keys in a language's files, as sentences (for the test).
pub fn problems(lang: Lang) -> Vec<String> {
    let mut out = vec![];
    let mut seen = BTreeSet::new();
    for (name, resource, errors) in resources_of(lang.tag()) {
        out.extend(errors.iter().map(|e| format!("{name}: {e:?}")));
        for id in message_ids(&resource) {
            if !seen.insert(id.to_string()) {
                out.push(format!("{name}: key `{id}` is defined twice"));
            }
        }
    }
    out
}

thread_local! {
    /// The language of the template being rendered on this thread (see `rendering_in`).
    static RENDERING: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Runs `f` (a handlebars render) with `{{t}}` speaking `lang`. Rendering is synchronous, so the
/// language travels beside the data instead of being copied into every template's data.
pub fn rendering_in<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = RENDERING.with(|r| r.replace(lang));
    let out = f();
    RENDERING.with(|r| r.set(before));
    out
}

/// The language `{{t}}` speaks right now.
pub fn current() -> Lang {
    RENDERING.with(Cell::get)
}

/// `{{t "key" name=value}}`: the message in the language being rendered (`rendering_in`). The
/// result is a value, so `{{t ...}}` escapes it like any value and `(t ...)` can be a partial's
/// parameter (`{{> partials/input label=(t "plan-start")}}`).
pub struct TranslateHelper;

impl HelperDef for TranslateHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        // A strict registry (emails) refuses an argument that names a missing value, as it
        // would refuse `{{value}}`, instead of saying nothing where the value should be.
        if r.strict_mode() {
            if let Some((_, missing)) = h.hash().iter().find(|(_, v)| v.is_value_missing()) {
                let name = missing.relative_path().cloned();
                return Err(RenderError::from(handlebars::RenderErrorReason::MissingVariable(name)));
            }
        }
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or_else(|| RenderError::from(handlebars::RenderErrorReason::ParamNotFoundForIndex("t", 0)))?;
        let mut args = FluentArgs::new();
        for (name, value) in h.hash() {
            let v = match value.value() {
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => FluentValue::from(i),
                    None => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                },
                serde_json::Value::String(s) => FluentValue::from(s.clone()),
                serde_json::Value::Bool(b) => FluentValue::from(b.to_string()),
                serde_json::Value::Null => FluentValue::from(""),
                other => FluentValue::from(other.to_string()),
            };
            args.set(*name, v);
        }
        Ok(ScopedJson::Derived(serde_json::Value::String(format(current(), key, &args))))
    }
}

/// A date or date-time from a template value: `2026-06-01`, `2026-06-01T14:05:00`, or `2026-06-01 14:05:00`.
fn parse_when(v: &serde_json::Value) -> Option<chrono::NaiveDateTime> {
    let s = v.as_str()?.trim();
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0);
    }
    let s = s.trim_end_matches('Z');
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .ok()
}

/// What a formatting helper shows for a value it cannot read: the value as it is.
fn as_shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

handlebars::handlebars_helper!(date_helper: |v: Json| match parse_when(v) {
    Some(t) => super::format::date(t.date(), current()),
    None => as_shown(v),
});
handlebars::handlebars_helper!(datetime_helper: |v: Json| match parse_when(v) {
    Some(t) => super::format::date_time(t, current()),
    None => as_shown(v),
});
handlebars::handlebars_helper!(period_helper: |start: Json, end: Json| match (parse_when(start), parse_when(end)) {
    (Some(s), Some(e)) => super::format::period(s.date(), e.date(), current()),
    _ => format!("{} – {}", as_shown(start), as_shown(end)),
});
handlebars::handlebars_helper!(number_helper: |v: Json| match v.as_i64() {
    Some(n) => super::format::number(n, current()),
    None => match v.as_f64() {
        Some(x) => super::format::decimal(x, 1, current()),
        None => as_shown(v),
    },
});
handlebars::handlebars_helper!(percent_helper: |v: Json| match v.as_f64() {
    Some(x) => super::format::percent(x, current()),
    None => as_shown(v),
});
handlebars::handlebars_helper!(country_helper: |v: Json| match v.as_str() {
    Some(code) => super::format::country(code, current()),
    None => as_shown(v),
});

/// Marks around every value a template shows in the pseudo-language (`{{name}}`), so the
/// pseudo-locale test can tell data from text written into a template.
pub const PSEUDO_DATA_OPEN: char = '⸢';
pub const PSEUDO_DATA_CLOSE: char = '⸣';

/// The registries' escaping: HTML escaping, and in the pseudo-language each value marked.
pub fn escape(s: &str) -> String {
    let escaped = handlebars::html_escape(s);
    if current() == Lang::Pseudo && !s.trim().is_empty() {
        format!("{PSEUDO_DATA_OPEN}{escaped}{PSEUDO_DATA_CLOSE}")
    } else {
        escaped
    }
}

/// Registers `{{t}}` and the formatting helpers on a registry (pages, reports and emails each
/// have one): `{{fmt_date iso}}`, `{{fmt_datetime iso}}`, `{{fmt_period start end}}`,
/// `{{fmt_number n}}`, `{{fmt_percent n}}`, `{{country_name code}}`, all in the language being
/// rendered. (Prefixed: templates have values called `date`, `period` and `country`.)
pub fn register(registry: &mut Handlebars<'_>) {
    registry.register_helper("t", Box::new(TranslateHelper));
    registry.register_helper("fmt_date", Box::new(date_helper));
    registry.register_helper("fmt_datetime", Box::new(datetime_helper));
    registry.register_helper("fmt_period", Box::new(period_helper));
    registry.register_helper("fmt_number", Box::new(number_helper));
    registry.register_helper("fmt_percent", Box::new(percent_helper));
    registry.register_helper("country_name", Box::new(country_helper));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_every_language() {
        let english = keys(Lang::En);
        assert!(!english.is_empty(), "no English messages found");
        for lang in Lang::OFFERED {
            assert!(problems(lang).is_empty(), "{}: {:?}", lang.tag(), problems(lang));
            let have = keys(lang);
            let missing: Vec<_> = english.difference(&have).collect();
            let extra: Vec<_> = have.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {} keys: {missing:?}", lang.tag(), missing.len());
            assert!(extra.is_empty(), "{} has keys English lacks: {extra:?}", lang.tag());
        }
    }

    #[test]
    fn messages_plurals_and_the_pseudo_language() {
        assert_eq!(crate::t!(Lang::En, "core-actions-count", count = 1), "1 action");
        assert_eq!(crate::t!(Lang::En, "core-actions-count", count = 2), "2 actions");
        assert_eq!(crate::t!(Lang::Fr, "core-actions-count", count = 1), "1 action");
        assert_eq!(crate::t!(Lang::De, "core-actions-count", count = 2), "2 Maßnahmen");
        let p = crate::t!(Lang::Pseudo, "core-actions-count", count = 2);
        assert!(
            p.starts_with(PSEUDO_OPEN) && p.ends_with(PSEUDO_CLOSE) && p.contains('2') && !p.contains("actions"),
            "{p}"
        );
        assert_eq!(crate::t!(Lang::En, "no-such-key"), "no-such-key");
    }

    #[test]
    fn the_template_helper_escapes_takes_arguments_and_feeds_partials() {
        let mut r = Handlebars::new();
        register(&mut r);
        r.register_partial("p", "<label>{{label}}</label>").unwrap();
        r.register_template_string("page", r#"{{t "core-actions-count" count=n}}|{{> p label=(t "layout-sign-in")}}|{{t "language-not-offered" tag=tag}}"#).unwrap();
        let data = serde_json::json!({"n": 3, "tag": "<x>"});
        let en = rendering_in(Lang::En, || r.render("page", &data)).unwrap();
        assert_eq!(en, "3 actions|<label>Sign in</label>|There is no language “&lt;x&gt;” on this service");
        let de = rendering_in(Lang::De, || r.render("page", &data)).unwrap();
        assert!(de.starts_with("3 Maßnahmen|<label>Anmelden</label>|"), "{de}");
        assert_eq!(current(), Lang::En, "the language is restored after rendering");
        r.register_template_string(
            "values",
            "{{fmt_date d}}|{{fmt_datetime t}}|{{fmt_period s e}}|{{fmt_number n}}|{{fmt_percent p}}|{{country_name c}}|{{fmt_date x}}",
        )
        .unwrap();
        let v = serde_json::json!({"d": "2026-06-01", "t": "2026-06-01T14:05:00", "s": "2026-07-01", "e": "2026-09-30",
                                   "n": 12345, "p": 12.5, "c": "SE", "x": "not a date"});
        let de = rendering_in(Lang::De, || r.render("values", &v)).unwrap();
        assert!(de.starts_with("1. Juni 2026|1. Juni 2026"), "{de}");
        assert!(de.ends_with("|Q3 2026|12.345|12,5\u{a0}%|Schweden|not a date"), "{de}");
    }
}
