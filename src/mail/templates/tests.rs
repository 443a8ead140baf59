//! The templates' tests: built-in wording in every language, fallback, strictness, escaping,
//! overrides and their mistakes, and the variable walk.

use super::load::embedded_sources;
use super::*;
use serde_json::json;
use std::path::PathBuf;
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
        "stale_actions": 5,
        "stale_cities": 2,
        "missed": [],
        "reset_link": "https://charter.example.org/reset/tok123",
        "expires_at": "12 June 2025, 14:30 CEST",
        "sign_in_email": "anna.verhoeven@ghent.example",
        "framework_title": "EUROCITIES Charter on Integrating Cities",
        "version": 1,
        "comment": "Please add the budget figures.",
        "action_comments": [{"title": "Welcome desk", "comment": "Which districts?"}],
        "actions": [{"title": "Welcome desk", "commitment": "SP1", "updated": "3 March 2026", "link": "https://charter.example.org/actions/12/edit"}]
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
fn every_email_renders_in_every_language() {
    let templates = defaults();
    let ctx = full_context();
    for name in EMAILS {
        assert_eq!(templates.languages(name), ["de", "en", "fr"], "{name}");
        for lang in ["en", "fr", "de"] {
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
            // Every word came from email.ftl in that language: no message key is left over.
            for body in [&email.subject, &email.text, &email.html] {
                assert!(!body.contains("email-"), "{name}/{lang}: {body}");
            }
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
    assert!(templates.render("overdue", "de", &ctx).unwrap().text.contains("vor 1 Tag."));
    ctx["days"] = json!(0);
    assert!(templates.render("due_soon", "en", &ctx).unwrap().subject.ends_with("is due today"));
    assert!(templates.render("due_soon", "fr", &ctx).unwrap().subject.ends_with("attendu aujourd’hui"));
    assert!(templates.render("due_soon", "de", &ctx).unwrap().subject.ends_with("ist heute fällig"));
    ctx["days"] = json!(3);
    assert!(templates.render("due_soon", "de", &ctx).unwrap().subject.ends_with("in 3 Tagen fällig"));
}

#[test]
fn a_language_the_service_does_not_speak_reads_as_english() {
    let templates = defaults();
    let ctx = full_context();
    let polish = templates.render("round_opened", "pl", &ctx).unwrap();
    let english = templates.render("round_opened", "en", &ctx).unwrap();
    assert_eq!(polish, english);
    assert_eq!(polish.language, "en");
    assert_eq!(templates.render("overdue", "", &ctx).unwrap().language, "en");
    assert_eq!(templates.render("overdue", "fr-BE", &ctx).unwrap().language, "fr");
    assert_eq!(templates.render("overdue", "FR", &ctx).unwrap().language, "fr");
    let german = templates.render("overdue", "de-CH", &ctx).unwrap();
    assert_eq!(german.language, "de");
    assert!(german.subject.starts_with("Ghent: Ihr Zwischenbericht Q2 2025"), "{}", german.subject);
    assert!(german.html.contains("<html lang=\"de\">"));
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
            assert!(file.contains("round_opened/body.txt.hbs"), "{file}");
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
        matches!(&err, TemplateError::MissingVariable { variable, file } if variable == "days_late" && file.contains("escalation_digest/")),
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
    let readme = include_str!("../../../templates/email/README.md");
    for name in EMAILS {
        for lang in ["en", "fr", "de"] {
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
fn an_override_can_replace_a_partial_and_one_languages_file() {
    let dir = TempDir::new("partial");
    dir.write("partials/footer.txt.hbs", "\n--\n{{network_name}} (custom footer)\n");
    dir.write("overdue/de/subject.txt.hbs", "{{city_name}}: Rückmeldung {{period_label}} fehlt");
    dir.write("overdue/body.txt.hbs", "Hello {{contact_name}},\n{{link}}\n{{> partials/footer.txt}}");
    let templates = EmailTemplates::load(Some(&dir.0)).unwrap();
    let ctx = full_context();

    assert_eq!(templates.languages("overdue"), ["de", "en", "fr"]);
    let de = templates.render("overdue", "de", &ctx).unwrap();
    assert_eq!(de.language, "de");
    assert_eq!(de.subject, "Ghent: Rückmeldung Q2 2025 fehlt");
    assert!(de.text.starts_with("Hello Anna Verhoeven,"), "the email's own override, in every language: {}", de.text);
    assert!(de.text.ends_with("EUROCITIES (custom footer)\n"), "{}", de.text);
    assert_eq!(de.html, defaults().render("overdue", "de", &ctx).unwrap().html);
    let fr = templates.render("overdue", "fr", &ctx).unwrap();
    assert_eq!(fr.subject, defaults().render("overdue", "fr", &ctx).unwrap().subject);
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

    // A folder for a language the service does not speak would never be used.
    let dir = TempDir::new("language");
    let path = dir.write("round_opened/sv/subject.txt.hbs", "Ämne");
    let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
    assert!(matches!(err, TemplateError::UnexpectedFile { .. }), "{err}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");

    let dir = TempDir::new("incomplete");
    dir.write("newsletter/subject.txt.hbs", "News");
    let err = EmailTemplates::load(Some(&dir.0)).unwrap_err();
    assert!(matches!(&err, TemplateError::MissingFile { file, .. } if file == "newsletter/body.txt.hbs"), "{err}");

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
        "scopes/body.txt.hbs",
        "{{#if a}}{{b}}{{else}}{{c}}{{/if}}{{#each d}}{{item}}{{@index}}{{this}}{{else}}{{e}}{{/each}}\
         {{#with f}}{{inner}}{{/with}}{{#unless (eq g 1)}}{{h}}{{/unless}}{{> partials/p.txt x=i}}",
    );
    add("scopes/subject.txt.hbs", "{{len j}}");
    add("scopes/body.html.hbs", "{{{k}}}");
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
fn every_required_file_must_exist() {
    for email in EMAILS {
        for part in PARTS {
            let mut sources = embedded_sources().unwrap();
            sources.remove(&format!("{email}/{part}.hbs")).unwrap();
            let err = EmailTemplates::compile(sources).unwrap_err();
            assert!(
                matches!(&err, TemplateError::MissingFile { file, .. } if *file == format!("{email}/{part}.hbs")),
                "{err}"
            );
        }
    }
}
