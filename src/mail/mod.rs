//! Email: the emails the application sends (`emails`, one struct per kind), their templates,
//! the outbox (emails committed with the change that calls for them), its delivery worker, the
//! transports, and the secretariat's view of the outbox.

pub mod commands;
pub mod emails;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(templates_dir: &std::path::Path) -> MailSettings {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::config::Settings::load_from(dir.path(), &Default::default()).unwrap().mail;
        s.templates_dir = templates_dir.to_path_buf();
        s
    }

    #[test]
    fn the_override_folder_is_used_only_if_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        assert!(settings(&missing).templates_override().is_none());
        assert!(load_templates(&settings(&missing)).is_ok());

        let file = dir.path().join("overdue/en/subject.txt.hbs");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "{{city_name}}: overdue {{#if days}}").unwrap();
        let e = format!("{:#}", load_templates(&settings(dir.path())).unwrap_err());
        assert!(e.contains(&file.display().to_string()), "{e}");
    }
}
