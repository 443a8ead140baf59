//! Loading: the built-in templates (embedded in the binary from `templates/email/`) with the
//! override folder's files laid over them, each file placed by its path and compiled, and the
//! set checked for completeness. Anything wrong is an error naming the file, so a bad override
//! stops start-up instead of an email.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::Path;

use handlebars::Handlebars;
use rust_embed::RustEmbed;

use super::{overrides, variables, EmailTemplates, Source, TemplateError, EMAILS, PARTS};

const PARTIALS_DIR: &str = "partials";

#[derive(RustEmbed)]
#[folder = "templates/email/"]
#[include = "*.hbs"]
struct Defaults;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

/// What a file path inside the templates folder stands for.
enum Slot<'a> {
    Partial(Kind),
    /// `language` is `None` for the email's own file (every language), `Some` for a file that
    /// replaces it in that language only.
    Part {
        email: &'a str,
        language: Option<&'a str>,
        part: &'a str,
        kind: Kind,
    },
}

impl EmailTemplates {
    /// Embedded defaults (rust-embed of templates/email) overridden file-by-file from
    /// `override_dir` if given. Every template is compiled at load: a syntax error, an unknown
    /// file, an unknown partial or a missing required file is an error naming the file.
    pub fn load(override_dir: Option<&Path>) -> Result<Self, TemplateError> {
        let mut sources = embedded_sources()?;
        if let Some(dir) = override_dir {
            sources.extend(overrides::read(dir)?);
        }
        Self::compile(sources)
    }

    pub(super) fn compile(sources: BTreeMap<String, Source>) -> Result<Self, TemplateError> {
        let mut text = Handlebars::new();
        text.set_strict_mode(true);
        text.register_escape_fn(handlebars::no_escape);
        crate::i18n::messages::register(&mut text);
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        html.register_escape_fn(crate::i18n::messages::escape);
        crate::i18n::messages::register(&mut html);

        // Email -> language (`""` for the email's own files) -> parts present.
        let mut files: BTreeMap<&str, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
        let mut origins = HashMap::new();
        let mut kinds = Vec::new();
        for (rel, source) in &sources {
            let Some(slot) = classify(rel) else {
                return Err(TemplateError::UnexpectedFile { file: source.origin.clone() });
            };
            let kind = match slot {
                Slot::Partial(kind) => kind,
                Slot::Part { email, language, part, kind } => {
                    files.entry(email).or_default().entry(language.unwrap_or("")).or_default().insert(part);
                    kind
                }
            };
            let name = template_name(rel);
            let registry = match kind {
                Kind::Text => &mut text,
                Kind::Html => &mut html,
            };
            registry.register_template_string(name, &source.text).map_err(|e| TemplateError::Syntax {
                file: source.origin.clone(),
                message: syntax_message(&e, &source.text),
            })?;
            origins.insert(name.to_owned(), source.origin.clone());
            kinds.push((name, kind));
        }

        for email in EMAILS {
            for part in PARTS {
                let present =
                    files.get(email).and_then(|langs| langs.get("")).is_some_and(|parts| parts.contains(part));
                if !present {
                    return Err(TemplateError::MissingFile {
                        file: format!("{email}/{part}.hbs"),
                        reason: "every email needs its subject.txt.hbs, body.txt.hbs and body.html.hbs, \
                                 whose words come from locales/<language>/email.ftl",
                    });
                }
            }
        }
        let mut languages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (email, langs) in &files {
            if let Some(part) = PARTS.iter().find(|part| !langs.get("").is_some_and(|parts| parts.contains(*part))) {
                return Err(TemplateError::MissingFile {
                    file: format!("{email}/{part}.hbs"),
                    reason: "an email needs subject.txt.hbs, body.txt.hbs and body.html.hbs \
                             (a language folder may replace any of them for that language only)",
                });
            }
            let all = crate::i18n::Lang::OFFERED.iter().map(|l| l.tag().to_owned()).collect();
            languages.insert((*email).to_owned(), all);
        }

        let mut variables = HashMap::new();
        for (name, kind) in kinds {
            let registry = match kind {
                Kind::Text => &text,
                Kind::Html => &html,
            };
            variables.insert(name.to_owned(), variables::used_by(registry, name, &origins[name])?);
        }

        Ok(Self { text, html, languages, origins, variables })
    }
}

pub(super) fn embedded_sources() -> Result<BTreeMap<String, Source>, TemplateError> {
    let mut sources = BTreeMap::new();
    for rel in Defaults::iter() {
        let origin = format!("built-in templates/email/{rel}");
        let data = Defaults::get(&rel).map(|file| file.data.into_owned()).unwrap_or_default();
        let text = String::from_utf8(data).map_err(|e| TemplateError::Read {
            file: origin.clone(),
            source: io::Error::new(io::ErrorKind::InvalidData, e),
        })?;
        sources.insert(rel.into_owned(), Source { text, origin });
    }
    Ok(sources)
}

/// Where and what, with a hint for the commonest mistake: the parser only notices an unclosed
/// block at the end of the file, and then lists every token it could have accepted.
fn syntax_message(e: &handlebars::TemplateError, text: &str) -> String {
    match e.pos() {
        Some((line, _)) if line > text.lines().count() => format!(
            "the file ends inside an open block: is an {{{{#if}}}}, {{{{#each}}}} or {{{{#unless}}}} \
             missing its closing {{{{/if}}}}, {{{{/each}}}} or {{{{/unless}}}}? ({})",
            e.reason()
        ),
        Some((line, column)) => format!("line {line}, column {column}: {}", e.reason()),
        None => e.reason().to_string(),
    }
}

/// Registry name of a file: its relative path without `.hbs`, e.g. `partials/footer.txt`.
fn template_name(rel: &str) -> &str {
    rel.strip_suffix(".hbs").unwrap_or(rel)
}

fn classify(rel: &str) -> Option<Slot<'_>> {
    let stem = rel.strip_suffix(".hbs")?;
    let segments: Vec<&str> = stem.split('/').collect();
    let kind_of = |file: &str| {
        if file.ends_with(".txt") {
            Some(Kind::Text)
        } else if file.ends_with(".html") {
            Some(Kind::Html)
        } else {
            None
        }
    };
    match segments.as_slice() {
        [PARTIALS_DIR, file] if !file.starts_with('.') => kind_of(file).map(Slot::Partial),
        [email, part] if is_identifier(email) && PARTS.contains(part) => {
            Some(Slot::Part { email, language: None, part, kind: kind_of(part)? })
        }
        [email, language, part] if is_identifier(email) && is_language(language) && PARTS.contains(part) => {
            Some(Slot::Part { email, language: Some(language), part, kind: kind_of(part)? })
        }
        _ => None,
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A language the service speaks, as its folder is named: `en`, `fr` or `de`. (A folder for
/// another language would never be used: contacts in other languages get English.)
fn is_language(s: &str) -> bool {
    crate::i18n::Lang::OFFERED.iter().any(|l| l.tag() == s)
}
