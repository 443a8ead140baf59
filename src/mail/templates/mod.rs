//! Email templates: defaults built into the binary, optionally overridden file by file from a
//! folder, every file compiled at start-up, rendered in strict mode.
//!
//! Layout (relative to `templates/email/`, the same in the override folder):
//! `<email>/<language>/{subject.txt,body.txt,body.html}.hbs` and
//! `partials/<name>.{txt,html}.hbs`. Subjects and text bodies are rendered without escaping,
//! HTML bodies with handlebars' HTML escaping; each kind lives in its own registry, so a text
//! template can only include text partials and an HTML template only HTML partials.
//!
//! This file renders; `load` reads the built-in files and compiles them, `overrides` reads the
//! override folder, and `variables` finds the variables each template reads. What each email
//! is given to render is one struct per email in `super::emails`.

mod load;
mod overrides;
#[cfg(test)]
mod tests;
mod variables;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;

use handlebars::{Handlebars, RenderErrorReason};
use serde_json::Value;

/// The emails the application sends, one per struct of `super::emails`; each must exist,
/// complete, in [`FALLBACK_LANGUAGE`].
pub use super::emails::ALL as EMAILS;

/// Language used when an email has no template in the requested language.
pub const FALLBACK_LANGUAGE: &str = "en";

/// The three files of one email in one language, without the `.hbs` extension.
const PARTS: [&str; 3] = ["subject.txt", "body.txt", "body.html"];

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

impl EmailTemplates {
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

    /// The emails that have templates (built-in or added by the override folder), sorted.
    pub fn emails(&self) -> Vec<String> {
        self.languages.keys().cloned().collect()
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

/// Subjects are one header line: join lines, trim. Inner spaces, including the no-break
/// spaces of French typography, are kept.
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}
