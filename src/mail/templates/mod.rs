//! Email templates: defaults built into the binary, optionally overridden file by file from a
//! folder, every file compiled at start-up, rendered in strict mode.
//!
//! Layout (relative to `templates/email/`, the same in the override folder):
//! `<email>/{subject.txt,body.txt,body.html}.hbs`, one set for every language, whose words come
//! from `locales/<language>/email.ftl` (`{{t "email-..."}}`), and `partials/<name>.{txt,html}.hbs`.
//! An override folder may also hold `<email>/<language>/<part>.hbs` (`en`, `fr`, `de`), which
//! replaces that one file for that language only. Emails are rendered in the contact's
//! language (`i18n::Lang::from`: languages the service does not speak read as English).
//! Subjects and text bodies are rendered without escaping, HTML bodies with HTML escaping
//! (`i18n::messages::escape`); each kind lives in its own registry, so a text template can
//! only include text partials and an HTML template only HTML partials.
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

/// The emails the application sends, one per struct of `super::emails`; each must have its
/// three files.
pub use super::emails::ALL as EMAILS;

use crate::i18n::Lang;

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
        "{file} is not a known email template file; expected <email>/subject.txt.hbs, \
         body.txt.hbs or body.html.hbs, the same under <email>/<language>/ for en, fr or de only, \
         or partials/<name>.txt.hbs or partials/<name>.html.hbs"
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
    /// The language actually used (`en`, `fr`, `de`): English when the requested one is not
    /// spoken by the service.
    pub language: String,
}

/// All email templates, compiled; cheap to share behind an `Arc` or `web::Data`.
pub struct EmailTemplates {
    /// Subjects, text bodies and text partials: no escaping.
    text: Handlebars<'static>,
    /// HTML bodies and HTML partials: HTML escaping.
    html: Handlebars<'static>,
    /// Email name -> languages it can be rendered in (every offered language).
    languages: BTreeMap<String, BTreeSet<String>>,
    /// Template name (`round_opened/body.txt`) -> where it was read from, for messages.
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
    /// Render `name` in `lang` (a stored language code: `fr`, `fr-BE`, `DE`; one the service
    /// does not speak reads as English), with `{{t}}` and the formatting helpers in that language.
    /// A variable the templates use but `ctx` lacks is an error naming it.
    pub fn render(&self, name: &str, lang: &str, ctx: &Value) -> Result<RenderedEmail, TemplateError> {
        let (lang, language) = self.resolve_language(name, lang)?;
        let [subject, text, html] = PARTS.map(|part| self.template_for(name, &language, part));

        // Checked before rendering: handlebars' strict mode does not notice a missing value
        // used only by `{{#if}}` or `{{#each}}…{{else}}`, and names no variable when it is a
        // helper argument such as `{{len on_time}}`.
        for template in [&subject, &text, &html] {
            self.check_variables(template, ctx)?;
        }

        let data = handlebars::Context::from(ctx.clone());
        let render = |registry: &Handlebars<'static>, template: &str| {
            crate::i18n::messages::rendering_in(lang, || registry.render_with_context(template, &data))
                .map_err(|e| self.render_error(template, e))
        };
        Ok(RenderedEmail {
            subject: one_line(&render(&self.text, &subject)?),
            text: render(&self.text, &text)?,
            html: render(&self.html, &html)?,
            language,
        })
    }

    /// The registered template for one part in one language: the language's own file when an
    /// override folder gave one, else the email's file.
    fn template_for(&self, name: &str, language: &str, part: &str) -> String {
        let own = format!("{name}/{language}/{part}");
        if self.origins.contains_key(&own) {
            own
        } else {
            format!("{name}/{part}")
        }
    }

    /// Languages in which `name` can be rendered without falling back, sorted.
    pub fn languages(&self, name: &str) -> Vec<String> {
        self.languages.get(name).map(|langs| langs.iter().cloned().collect()).unwrap_or_default()
    }

    /// The emails that have templates (built-in or added by the override folder), sorted.
    pub fn emails(&self) -> Vec<String> {
        self.languages.keys().cloned().collect()
    }

    fn resolve_language(&self, name: &str, lang: &str) -> Result<(Lang, String), TemplateError> {
        if !self.languages.contains_key(name) {
            return Err(TemplateError::UnknownEmail { name: name.to_owned() });
        }
        let lang = Lang::from(lang);
        Ok((lang, lang.tag().to_owned()))
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
