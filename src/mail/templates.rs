//! Email templates: defaults built into the binary, optionally overridden file by file from a
//! folder, every file compiled at start-up, rendered in strict mode.
//!
//! Layout (relative to `templates/email/`, the same in the override folder):
//! `<email>/<language>/{subject.txt,body.txt,body.html}.hbs` and
//! `partials/<name>.{txt,html}.hbs`. Subjects and text bodies are rendered without escaping,
//! HTML bodies with handlebars' HTML escaping; each kind lives in its own registry, so a text
//! template can only include text partials and an HTML template only HTML partials.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;
use std::path::{Path, PathBuf};

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Handlebars, PathSeg, RenderErrorReason};
use rust_embed::RustEmbed;
use serde_json::Value;

/// The emails the application sends; each must exist, complete, in [`FALLBACK_LANGUAGE`].
pub const EMAILS: [&str; 8] = [
    "round_opened",
    "due_soon",
    "overdue",
    "escalation_digest",
    "round_closed",
    "password_reset",
    "invitation",
    "report_compiled",
];

/// Language used when an email has no template in the requested language.
pub const FALLBACK_LANGUAGE: &str = "en";

/// The three files of one email in one language, without the `.hbs` extension.
const PARTS: [&str; 3] = ["subject.txt", "body.txt", "body.html"];

const PARTIALS_DIR: &str = "partials";

#[derive(RustEmbed)]
#[folder = "templates/email/"]
#[include = "*.hbs"]
struct Defaults;

/// Why templates could not be loaded or an email could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read the email template override folder {dir}: {source}")]
    OverrideDir {
        dir: String,
        #[source]
        source: io::Error,
    },
    #[error("cannot read email template {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "{file} is not a known email template file; expected <email>/<language>/subject.txt.hbs, \
         body.txt.hbs or body.html.hbs, or partials/<name>.txt.hbs or partials/<name>.html.hbs"
    )]
    UnexpectedFile { file: String },
    #[error("email template {file} has a syntax error: {message}")]
    Syntax { file: String, message: String },
    #[error(
        "email template {file} includes the partial `{partial}`, which does not exist \
         (text templates can include partials/*.txt.hbs, HTML templates partials/*.html.hbs)"
    )]
    UnknownPartial { file: String, partial: String },
    #[error("email template {file} is missing: {reason}")]
    MissingFile { file: String, reason: &'static str },
    #[error("there is no email template named `{name}`")]
    UnknownEmail { name: String },
    #[error("email template {file} uses the variable `{variable}`, which was not provided")]
    MissingVariable { file: String, variable: String },
    #[error("email template {file} could not be rendered: {message}")]
    Render { file: String, message: String },
}

/// One email, rendered and ready to be put into a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    /// One line, trimmed.
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The language actually used, which is [`FALLBACK_LANGUAGE`] when the requested one is missing.
    pub language: String,
}

/// All email templates, compiled; cheap to share behind an `Arc` or `web::Data`.
pub struct EmailTemplates {
    /// Subjects, text bodies and text partials: no escaping.
    text: Handlebars<'static>,
    /// HTML bodies and HTML partials: HTML escaping.
    html: Handlebars<'static>,
    /// Email name -> languages that have all three files.
    languages: BTreeMap<String, BTreeSet<String>>,
    /// Template name (`round_opened/en/body.txt`) -> where it was read from, for messages.
    origins: HashMap<String, String>,
    /// Template name -> variables it reads from the top of the context, partials included.
    variables: HashMap<String, BTreeSet<String>>,
}

impl std::fmt::Debug for EmailTemplates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailTemplates").field("languages", &self.languages).finish_non_exhaustive()
    }
}

/// The text of one template file and where it came from.
#[derive(Debug, Clone)]
struct Source {
    text: String,
    origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

/// What a file path inside the templates folder stands for.
enum Slot<'a> {
    Partial(Kind),
    Part { email: &'a str, language: &'a str, part: &'a str, kind: Kind },
}

impl EmailTemplates {
    /// Embedded defaults (rust-embed of templates/email) overridden file-by-file from
    /// `override_dir` if given. Every template is compiled at load: a syntax error, an unknown
    /// file, an unknown partial or a missing required file is an error naming the file.
    pub fn load(override_dir: Option<&Path>) -> Result<Self, TemplateError> {
        let mut sources = embedded_sources()?;
        if let Some(dir) = override_dir {
            for (rel, path) in override_files(dir)? {
                let file = path.display().to_string();
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| TemplateError::Read { file: file.clone(), source })?;
                sources.insert(rel, Source { text, origin: file });
            }
        }
        Self::compile(sources)
    }

    /// Render `name` in `lang`, falling back to `en` when that language is missing.
    ///
    /// `lang` is matched case-insensitively, and `fr-BE` falls back to `fr` before `en`.
    /// A variable the templates use but `ctx` lacks is an error naming it.
    pub fn render(&self, name: &str, lang: &str, ctx: &Value) -> Result<RenderedEmail, TemplateError> {
        let language = self.resolve_language(name, lang)?;
        let [subject, text, html] = PARTS.map(|part| format!("{name}/{language}/{part}"));

        // Checked before rendering: handlebars' strict mode does not notice a missing value
        // used only by `{{#if}}` or `{{#each}}…{{else}}`, and names no variable when it is a
        // helper argument such as `{{len on_time}}`.
        for template in [&subject, &text, &html] {
            self.check_variables(template, ctx)?;
        }

        let data = handlebars::Context::from(ctx.clone());
        let render = |registry: &Handlebars<'static>, template: &str| {
            registry.render_with_context(template, &data).map_err(|e| self.render_error(template, e))
        };
        Ok(RenderedEmail {
            subject: one_line(&render(&self.text, &subject)?),
            text: render(&self.text, &text)?,
            html: render(&self.html, &html)?,
            language,
        })
    }

    /// Languages in which `name` can be rendered without falling back, sorted.
    pub fn languages(&self, name: &str) -> Vec<String> {
        self.languages.get(name).map(|langs| langs.iter().cloned().collect()).unwrap_or_default()
    }

    /// Variables `name` reads from the top level of the context in `lang` (after fallback), sorted.
    pub fn required_variables(&self, name: &str, lang: &str) -> Result<Vec<String>, TemplateError> {
        let language = self.resolve_language(name, lang)?;
        let mut all = BTreeSet::new();
        for part in PARTS {
            if let Some(vars) = self.variables.get(&format!("{name}/{language}/{part}")) {
                all.extend(vars.iter().cloned());
            }
        }
        Ok(all.into_iter().collect())
    }

    fn compile(sources: BTreeMap<String, Source>) -> Result<Self, TemplateError> {
        let mut text = Handlebars::new();
        text.set_strict_mode(true);
        text.register_escape_fn(handlebars::no_escape);
        let mut html = Handlebars::new();
        html.set_strict_mode(true);

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
                    files.entry(email).or_default().entry(language).or_default().insert(part);
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
                let present = files
                    .get(email)
                    .and_then(|langs| langs.get(FALLBACK_LANGUAGE))
                    .is_some_and(|parts| parts.contains(part));
                if !present {
                    return Err(TemplateError::MissingFile {
                        file: format!("{email}/{FALLBACK_LANGUAGE}/{part}.hbs"),
                        reason: "every email must exist in `en`, the fallback language",
                    });
                }
            }
        }
        let mut languages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (email, langs) in &files {
            for (language, parts) in langs {
                if let Some(part) = PARTS.iter().find(|part| !parts.contains(*part)) {
                    return Err(TemplateError::MissingFile {
                        file: format!("{email}/{language}/{part}.hbs"),
                        reason: "a language folder must hold subject.txt.hbs, body.txt.hbs and body.html.hbs",
                    });
                }
                languages.entry((*email).to_owned()).or_default().insert((*language).to_owned());
            }
        }

        let mut variables = HashMap::new();
        for (name, kind) in kinds {
            let registry = match kind {
                Kind::Text => &text,
                Kind::Html => &html,
            };
            let template = registry.get_template(name).expect("registered above");
            let mut walk =
                Walk { registry, origin: &origins[name], partials: vec![name.to_owned()], found: BTreeSet::new() };
            walk.template(template, &BTreeSet::new(), true)?;
            variables.insert(name.to_owned(), walk.found);
        }

        Ok(Self { text, html, languages, origins, variables })
    }

    fn resolve_language(&self, name: &str, lang: &str) -> Result<String, TemplateError> {
        let langs = self.languages.get(name).ok_or_else(|| TemplateError::UnknownEmail { name: name.to_owned() })?;
        let wanted = lang.trim().to_ascii_lowercase().replace('_', "-");
        let primary = wanted.split('-').next().unwrap_or_default();
        let found = [wanted.as_str(), primary, FALLBACK_LANGUAGE]
            .into_iter()
            .find(|candidate| langs.contains(*candidate))
            .map(str::to_owned);
        // `None` cannot happen after a successful load: every email exists in the fallback language.
        found.ok_or_else(|| TemplateError::UnknownEmail { name: name.to_owned() })
    }

    fn check_variables(&self, template: &str, ctx: &Value) -> Result<(), TemplateError> {
        let Some(vars) = self.variables.get(template) else {
            return Ok(());
        };
        match vars.iter().find(|var| ctx.get(var.as_str()).is_none()) {
            Some(var) => Err(TemplateError::MissingVariable { file: self.origin(template), variable: var.clone() }),
            None => Ok(()),
        }
    }

    fn render_error(&self, template: &str, e: handlebars::RenderError) -> TemplateError {
        let file = self.origin(e.template_name.as_deref().unwrap_or(template));
        match e.reason() {
            RenderErrorReason::MissingVariable(Some(variable)) => {
                TemplateError::MissingVariable { file, variable: variable.clone() }
            }
            _ => TemplateError::Render { file, message: e.to_string() },
        }
    }

    fn origin(&self, template: &str) -> String {
        self.origins.get(template).cloned().unwrap_or_else(|| template.to_owned())
    }
}

fn embedded_sources() -> Result<BTreeMap<String, Source>, TemplateError> {
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

/// Every `*.hbs` file under `dir` as (path relative to `dir` with `/` separators, full path).
/// Hidden files and folders are skipped, so editor and VCS droppings do not count.
fn override_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, TemplateError> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = if rel.is_empty() { name } else { format!("{rel}/{}", name) };
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &rel, out)?;
            } else if rel.ends_with(".hbs") {
                out.push((rel, path));
            }
        }
        Ok(())
    }

    let mut out = Vec::new();
    walk(dir, "", &mut out).map_err(|source| TemplateError::OverrideDir { dir: dir.display().to_string(), source })?;
    Ok(out)
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
        [email, language, part] if is_identifier(email) && is_language(language) && PARTS.contains(part) => {
            Some(Slot::Part { email, language, part, kind: kind_of(part)? })
        }
        _ => None,
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A lower-case language tag such as `en`, `fr` or `pt-br`.
fn is_language(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|sub| !sub.is_empty())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Subjects are one header line: join lines, trim. Inner spaces, including the no-break
/// spaces of French typography, are kept.
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Walks a compiled template to find the top-level context variables it reads, and checks
/// that every partial it includes exists.
struct Walk<'a> {
    registry: &'a Handlebars<'static>,
    origin: &'a str,
    /// Partials being walked, to stop on recursive includes.
    partials: Vec<String>,
    found: BTreeSet<String>,
}

impl Walk<'_> {
    /// `provided`: names a partial's hash parameters supply on top of the context.
    /// `collect`: false inside `each`/`with`, where names refer to the item, not the context;
    /// partials are still checked there.
    fn template(
        &mut self,
        template: &Template,
        provided: &BTreeSet<String>,
        collect: bool,
    ) -> Result<(), TemplateError> {
        for element in &template.elements {
            match element {
                TemplateElement::Expression(ht) | TemplateElement::HtmlExpression(ht) if collect => {
                    self.parameter(&ht.name, provided);
                    self.parameters(ht.params.iter().chain(ht.hash.values()), provided);
                }
                TemplateElement::HelperBlock(ht) => {
                    if collect {
                        self.parameters(ht.params.iter().chain(ht.hash.values()), provided);
                    }
                    // `each` and `with` move the context inside their block; `if`, `unless`
                    // and every `{{else}}` stay in the current one.
                    let same_scope = matches!(&ht.name, Parameter::Name(n) if n == "if" || n == "unless");
                    if let Some(inner) = &ht.template {
                        self.template(inner, provided, collect && same_scope)?;
                    }
                    if let Some(inverse) = &ht.inverse {
                        self.template(inverse, provided, collect)?;
                    }
                }
                TemplateElement::PartialExpression(dt) | TemplateElement::PartialBlock(dt) => {
                    if collect {
                        self.parameters(dt.params.iter().chain(dt.hash.values()), provided);
                    }
                    if let Some(block) = &dt.template {
                        self.template(block, provided, collect)?;
                    }
                    let Parameter::Name(partial) = &dt.name else {
                        continue; // a name computed at render time cannot be checked here
                    };
                    if partial.starts_with('@') || self.partials.contains(partial) {
                        continue;
                    }
                    let Some(included) = self.registry.get_template(partial) else {
                        return Err(TemplateError::UnknownPartial {
                            file: self.origin.to_owned(),
                            partial: partial.clone(),
                        });
                    };
                    let mut inner_provided = provided.clone();
                    inner_provided.extend(dt.hash.keys().cloned());
                    self.partials.push(partial.clone());
                    self.template(included, &inner_provided, collect)?;
                    self.partials.pop();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn parameters<'p>(&mut self, params: impl Iterator<Item = &'p Parameter>, provided: &BTreeSet<String>) {
        for param in params {
            self.parameter(param, provided);
        }
    }

    fn parameter(&mut self, param: &Parameter, provided: &BTreeSet<String>) {
        match param {
            Parameter::Path(handlebars::Path::Relative((segments, _))) => {
                if let Some(PathSeg::Named(root)) = segments.first() {
                    if root != "this" && !provided.contains(root) {
                        self.found.insert(root.clone());
                    }
                }
            }
            Parameter::Subexpression(sub) => {
                self.parameters(
                    sub.params().into_iter().flatten().chain(sub.hash().into_iter().flat_map(|h| h.values())),
                    provided,
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn full_context() -> Value {
        json!({
            "network_name": "EUROCITIES",
            "city_name": "Ghent",
            "contact_name": "Anna Verhoeven",
            "period_label": "Q2 2025",
            "round_label": "Q2 2025",
            "due_date": "30 June 2025",
            "days": 3,
            "link": "https://charter.example.org/check-ins/abc123?t=xyz",
            "late_cities": [
                {"name": "Lisbon", "days_late": 1, "contacts": ["Ana Silva", "João Costa"]},
                {"name": "Malmö", "days_late": 12, "contacts": []}
            ],
            "on_time": ["Ghent", "Helsinki"],
            "late": ["Lisbon"],
            "missed": [],
            "reset_link": "https://charter.example.org/reset/tok123",
            "expires_at": "12 June 2025, 14:30 CEST",
            "sign_in_email": "anna.verhoeven@ghent.example",
            "framework_title": "EUROCITIES Charter on Integrating Cities",
            "version": 1
        })
    }

    fn defaults() -> EmailTemplates {
        EmailTemplates::load(None).expect("built-in templates load")
    }

    /// A fresh folder under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> Self {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, Ordering::SeqCst);
            let dir = std::env::temp_dir().join(format!("charter-mail-{tag}-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let path = self.0.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn every_email_renders_in_english_and_french() {
        let templates = defaults();
        let ctx = full_context();
        for name in EMAILS {
            assert_eq!(templates.languages(name), ["en", "fr"], "{name}");
            for lang in ["en", "fr"] {
                let email = templates.render(name, lang, &ctx).unwrap_or_else(|e| panic!("{name}/{lang}: {e}"));
                assert_eq!(email.language, lang);
                assert!(!email.subject.is_empty() && !email.subject.contains('\n'), "{name}/{lang}");
                for body in [&email.text, &email.html] {
                    assert!(!body.contains("{{") && !body.contains("}}"), "{name}/{lang}: {body}");
                    assert!(body.contains("EUROCITIES"), "{name}/{lang} lacks the network name");
                }
                assert!(email.html.starts_with("<!DOCTYPE html>"), "{name}/{lang}");
                assert!(email.html.contains(&format!("<html lang=\"{lang}\">")), "{name}/{lang}");
                assert!(email.html.trim_end().ends_with("</html>"), "{name}/{lang}");
                assert!(email.text.contains("\n-- \nEUROCITIES\n"), "{name}/{lang}: text footer");
                let link = if name == "password_reset" || name == "invitation" {
                    "https://charter.example.org/reset/tok123"
                } else {
                    "https://charter.example.org/check-ins/abc123?t=xyz"
                };
                assert!(email.text.contains(link), "{name}/{lang}: text link");
                assert!(
                    email.html.contains(&format!("href=\"{}\"", link.replace('=', "&#x3D;"))),
                    "{name}/{lang}: html link"
                );
            }
        }
    }

    #[test]
    fn lists_render_with_counts_and_empty_cases() {
        let templates = defaults();
        let closed = templates.render("round_closed", "en", &full_context()).unwrap();
        assert_eq!(closed.subject, "Q2 2025 check-in round closed: 2 on time, 1 late, 0 missed");
        assert!(closed.text.contains("On time (2):\n- Ghent\n- Helsinki\n"), "{}", closed.text);
        assert!(closed.text.contains("no update received (0):\n- none\n"), "{}", closed.text);

        let digest = templates.render("escalation_digest", "fr", &full_context()).unwrap();
        assert!(
            digest.text.contains("- Lisbon\u{a0}: 1 jour de retard. Contacts\u{a0}: Ana Silva, João Costa\n"),
            "{}",
            digest.text
        );
        assert!(
            digest.text.contains("- Malmö\u{a0}: 12 jours de retard. Contacts\u{a0}: aucun contact enregistré\n"),
            "{}",
            digest.text
        );
    }

    #[test]
    fn singular_and_zero_days_read_naturally() {
        let templates = defaults();
        let mut ctx = full_context();
        ctx["days"] = json!(1);
        assert!(templates.render("due_soon", "en", &ctx).unwrap().subject.ends_with("is due in 1 day"));
        assert!(templates.render("overdue", "fr", &ctx).unwrap().text.contains("il y a 1 jour."));
        ctx["days"] = json!(0);
        assert!(templates.render("due_soon", "en", &ctx).unwrap().subject.ends_with("is due today"));
        assert!(templates.render("due_soon", "fr", &ctx).unwrap().subject.ends_with("attendu aujourd’hui"));
    }

    #[test]
    fn missing_language_falls_back_to_english() {
        let templates = defaults();
        let ctx = full_context();
        let german = templates.render("round_opened", "de", &ctx).unwrap();
        let english = templates.render("round_opened", "en", &ctx).unwrap();
        assert_eq!(german, english);
        assert_eq!(german.language, "en");
        assert_eq!(templates.render("overdue", "fr-BE", &ctx).unwrap().language, "fr");
        assert_eq!(templates.render("overdue", "FR", &ctx).unwrap().language, "fr");
        assert!(templates.languages("no_such_email").is_empty());
        let err = templates.render("no_such_email", "en", &ctx).unwrap_err();
        assert!(matches!(err, TemplateError::UnknownEmail { .. }), "{err}");
    }

    #[test]
    fn missing_variable_is_an_error_naming_it() {
        let templates = defaults();
        let mut ctx = full_context();
        ctx.as_object_mut().unwrap().remove("contact_name");
        let err = templates.render("round_opened", "fr", &ctx).unwrap_err();
        match &err {
            TemplateError::MissingVariable { file, variable } => {
                assert_eq!(variable, "contact_name");
                assert!(file.contains("round_opened/fr/body.txt.hbs"), "{file}");
            }
            other => panic!("unexpected error {other}"),
        }
        assert!(err.to_string().contains("`contact_name`"), "{err}");

        // Used only as a helper argument and in `{{#each}}…{{else}}`: still reported by name.
        let mut ctx = full_context();
        ctx.as_object_mut().unwrap().remove("late_cities");
        let err = templates.render("escalation_digest", "en", &ctx).unwrap_err();
        assert!(matches!(&err, TemplateError::MissingVariable { variable, .. } if variable == "late_cities"), "{err}");

        // A link used only through a partial's hash parameter.
        let mut ctx = full_context();
        ctx.as_object_mut().unwrap().remove("reset_link");
        let err = templates.render("password_reset", "en", &ctx).unwrap_err();
        assert!(matches!(&err, TemplateError::MissingVariable { variable, .. } if variable == "reset_link"), "{err}");

        // Inside a list, handlebars' strict mode names the field.
        let mut ctx = full_context();
        ctx["late_cities"][0].as_object_mut().unwrap().remove("days_late");
        let err = templates.render("escalation_digest", "en", &ctx).unwrap_err();
        assert!(
            matches!(&err, TemplateError::MissingVariable { variable, file } if variable == "days_late" && file.contains("escalation_digest/en/")),
            "{err}"
        );
    }

    #[test]
    fn text_is_not_escaped_but_html_is() {
        let templates = defaults();
        let mut ctx = full_context();
        ctx["city_name"] = json!("Zürich & Łódź <\"x\">");
        let email = templates.render("round_opened", "en", &ctx).unwrap();
        assert!(email.subject.contains("Zürich & Łódź <\"x\">"), "{}", email.subject);
        assert!(email.text.contains("Zürich & Łódź <\"x\">"), "{}", email.text);
        assert!(email.html.contains("Zürich &amp; Łódź &lt;&quot;x&quot;&gt;"), "{}", email.html);
        assert!(!email.html.contains("Zürich & Łódź"));
    }

    #[test]
    fn variables_the_templates_use_are_documented() {
        let templates = defaults();
        let readme = include_str!("../../templates/email/README.md");
        for name in EMAILS {
            for lang in ["en", "fr"] {
                let vars = templates.required_variables(name, lang).unwrap();
                assert!(vars.contains(&"network_name".to_owned()), "{name}/{lang}");
                for var in vars {
                    assert!(readme.contains(&format!("`{var}`")), "`{var}` ({name}/{lang}) is not in README.md");
                }
            }
            // The same variables in every language, so a context that works in one works in all.
            assert_eq!(
                templates.required_variables(name, "en").unwrap(),
                templates.required_variables(name, "fr").unwrap(),
                "{name}"
            );
        }
    }

    #[test]
    fn an_override_replaces_only_its_file() {
        let dir = TempDir::new("override");
        dir.write("round_opened/fr/subject.txt.hbs", "Nouveau cycle pour {{city_name}} & co\n");
        let templates = EmailTemplates::load(Some(&dir.0)).unwrap();
        let ctx = full_context();
        let defaults = defaults();

        let fr = templates.render("round_opened", "fr", &ctx).unwrap();
        let default_fr = defaults.render("round_opened", "fr", &ctx).unwrap();
        assert_eq!(fr.subject, "Nouveau cycle pour Ghent & co");
        assert_eq!(fr.text, default_fr.text);
        assert_eq!(fr.html, default_fr.html);
        assert_eq!(
            templates.render("round_opened", "en", &ctx).unwrap(),
            defaults.render("round_opened", "en", &ctx).unwrap()
        );
    }

    #[test]
    fn an_override_can_replace_a_partial_and_add_a_language() {
        let dir = TempDir::new("partial");
        dir.write("partials/footer.txt.hbs", "\n--\n{{network_name}} (custom footer)\n");
        dir.write("overdue/de/subject.txt.hbs", "{{city_name}}: Rückmeldung {{period_label}} fehlt");
        dir.write("overdue/de/body.txt.hbs", "Hallo {{contact_name}},\n{{link}}\n{{> partials/footer.txt}}");
        dir.write("overdue/de/body.html.hbs", "<p>Hallo {{contact_name}}</p>");
        let templates = EmailTemplates::load(Some(&dir.0)).unwrap();
        let ctx = full_context();

        assert_eq!(templates.languages("overdue"), ["de", "en", "fr"]);
        let de = templates.render("overdue", "de", &ctx).unwrap();
        assert_eq!(de.language, "de");
        assert!(de.text.ends_with("EUROCITIES (custom footer)\n"), "{}", de.text);
        let en = templates.render("due_soon", "en", &ctx).unwrap();
        assert!(en.text.contains("EUROCITIES (custom footer)"), "{}", en.text);
    }

    #[test]
    fn a_broken_override_fails_load_naming_the_file() {
        let dir = TempDir::new("broken");
        let body = "Dear {{contact_name}},\n{{#if days}}\nsoon\n";
        let path = dir.write("due_soon/en/body.txt.hbs", body);
        let err = EmailTemplates::load(Some(&dir.0)).unwrap_err().to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("missing its closing {{/if}}"), "{err}");

        let path = dir.write("due_soon/en/body.html.hbs", "<p>Dear {{contact_name}</p>\n");
        std::fs::remove_file(dir.0.join("due_soon/en/body.txt.hbs")).unwrap();
        let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
        assert!(matches!(err, TemplateError::Syntax { .. }), "{err}");
        let err = err.to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("line 1, column"), "{err}");
    }

    #[test]
    fn override_mistakes_are_reported() {
        let dir = TempDir::new("typo");
        let path = dir.write("round_opened/en/body.hbs", "Hello");
        let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
        assert!(matches!(err, TemplateError::UnexpectedFile { .. }), "{err}");
        assert!(err.to_string().contains(&path.display().to_string()), "{err}");

        let dir = TempDir::new("incomplete");
        dir.write("round_opened/de/subject.txt.hbs", "Betreff");
        let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
        assert!(
            matches!(&err, TemplateError::MissingFile { file, .. } if file == "round_opened/de/body.txt.hbs"),
            "{err}"
        );

        let dir = TempDir::new("partial-missing");
        let path = dir.write("overdue/en/body.txt.hbs", "Hi\n{{> partials/signature.txt}}");
        let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
        assert!(
            matches!(&err, TemplateError::UnknownPartial { partial, .. } if partial == "partials/signature.txt"),
            "{err}"
        );
        assert!(err.to_string().contains(&path.display().to_string()), "{err}");

        // An HTML partial is not available to a text template.
        let dir = TempDir::new("partial-kind");
        dir.write("overdue/en/body.txt.hbs", "{{> partials/footer.html note=\"x\"}}");
        let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
        assert!(matches!(err, TemplateError::UnknownPartial { .. }), "{err}");

        let missing = std::env::temp_dir().join("charter-mail-no-such-dir");
        let err = EmailTemplates::load(Some(&missing)).unwrap_err();
        assert!(matches!(err, TemplateError::OverrideDir { .. }), "{err}");
    }

    #[test]
    fn required_variables_follow_scopes_and_partials() {
        let mut sources = embedded_sources().unwrap();
        let mut add = |rel: &str, text: &str| {
            let source = Source { text: text.to_owned(), origin: rel.to_owned() };
            sources.insert(rel.to_owned(), source);
        };
        add(
            "scopes/en/body.txt.hbs",
            "{{#if a}}{{b}}{{else}}{{c}}{{/if}}{{#each d}}{{item}}{{@index}}{{this}}{{else}}{{e}}{{/each}}\
             {{#with f}}{{inner}}{{/with}}{{#unless (eq g 1)}}{{h}}{{/unless}}{{> partials/p.txt x=i}}",
        );
        add("scopes/en/subject.txt.hbs", "{{len j}}");
        add("scopes/en/body.html.hbs", "{{{k}}}");
        add("partials/p.txt.hbs", "{{x}}{{l}}");
        let templates = EmailTemplates::compile(sources).unwrap();
        assert_eq!(
            templates.required_variables("scopes", "en").unwrap(),
            ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
        );
    }

    #[test]
    fn templates_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<EmailTemplates>();
    }

    #[test]
    fn every_required_english_file_must_exist() {
        for email in EMAILS {
            for part in PARTS {
                let mut sources = embedded_sources().unwrap();
                sources.remove(&format!("{email}/en/{part}.hbs")).unwrap();
                let err = EmailTemplates::compile(sources).unwrap_err();
                assert!(
                    matches!(&err, TemplateError::MissingFile { file, .. } if *file == format!("{email}/en/{part}.hbs")),
                    "{err}"
                );
            }
        }
    }
}
