//! Email: templates, the outbox (emails committed with the change that calls for them), its
//! delivery worker, the transports, and the secretariat's view of the outbox.

pub mod outbox;
pub mod routes;
pub mod templates;
pub mod transport;
pub mod worker;

use crate::config::MailSettings;
use anyhow::Context;

/// Loads the email templates: the built-in ones, overridden by `mail.templates_dir` when that
/// folder exists. A broken template is an error naming its file.
pub fn load_templates(settings: &MailSettings) -> anyhow::Result<templates::EmailTemplates> {
    let dir = settings.templates_override();
    templates::EmailTemplates::load(dir).with_context(|| match dir {
        Some(d) => format!("loading the email templates (built-in, overridden from {})", d.display()),
        None => "loading the built-in email templates".to_string(),
    })
}
