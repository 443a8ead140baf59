//! Every email the application sends, one struct per kind: its fields are the variables its
//! templates (`templates/email/<TEMPLATE>/*.hbs`, words from `locales/*/email.ftl`) can use, and its doc says when it is
//! sent. Queue one with `outbox::NewEmail { content: RoundOpened { .. }.into(), .. }`.
//!
//! The struct is the contract between the code and the template files: a misspelt email name
//! or a forgotten variable does not compile, and the tests below render each kind in every
//! language with a sample value, so a template that uses a variable its struct lacks fails
//! the build's tests rather than a round opening in production. The values are already
//! formatted for the recipient's language; templates never format dates or numbers.
//!
//! Serialising must give the templates exactly the JSON they had when the contexts were
//! written by hand: numbers stay numbers, and a field that was left out stays left out
//! (`skip_serializing_if`), since handlebars' strict mode and `{{#if}}` tell absent from null.

use serde::Serialize;
use serde_json::Value;

/// An email kind: the template folder it is written in, and (the `Serialize` fields) the
/// variables those templates read.
pub trait Email: Serialize {
    /// The folder under `templates/email/`, also stored as the outbox row's `kind`.
    const TEMPLATE: &'static str;
}

/// Every email kind by template name. Start-up requires each to exist, complete, in the
/// fallback language (`templates::EmailTemplates::load`), so a new kind goes here as well as
/// getting its folder; a test checks this list against the built-in template folders.
pub const ALL: [&str; 10] = [
    RoundOpened::TEMPLATE,
    DueSoon::TEMPLATE,
    Overdue::TEMPLATE,
    EscalationDigest::TEMPLATE,
    RoundClosed::TEMPLATE,
    PasswordReset::TEMPLATE,
    Invitation::TEMPLATE,
    ReportCompiled::TEMPLATE,
    ChangesRequested::TEMPLATE,
    StaleActions::TEMPLATE,
];

/// A typed email reduced to what the outbox renders: its template name and its variables.
/// Only an [`Email`] makes one, so the two always belong together.
#[derive(Clone, Debug, PartialEq)]
pub struct Content {
    template: &'static str,
    values: Value,
}

impl Content {
    /// The template name (`round_opened`, ...), its `Email::TEMPLATE`.
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The variables, as the templates see them.
    pub fn values(&self) -> &Value {
        &self.values
    }
}

impl<E: Email> From<E> for Content {
    fn from(email: E) -> Self {
        // Only strings, numbers, lists and structs: nothing serde_json can refuse (it fails
        // only on maps with non-string keys or a failing custom `Serialize`).
        let values = serde_json::to_value(&email).expect("an email's fields serialise to JSON");
        Content { template: E::TEMPLATE, values }
    }
}

/// To each contact of every participating city when a check-in round opens, with the link to
/// the city's update form; the reminders send it later to contacts added since.
#[derive(Clone, Debug, Serialize)]
pub struct RoundOpened {
    pub network_name: String,
    pub contact_name: String,
    pub city_name: String,
    pub period_label: String,
    pub due_date: String,
    pub link: String,
    /// Present only on the late copy the reminders send (days until the due date, as for
    /// [`DueSoon`]), because that is what those emails always carried. The built-in templates
    /// do not use it, and a template must not: the copy sent when the round opens lacks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

impl Email for RoundOpened {
    const TEMPLATE: &'static str = "round_opened";
}

/// To each contact of a city that has not submitted its check-in, at the reminder steps
/// before the due date (`reminders.due_soon_days`).
#[derive(Clone, Debug, Serialize)]
pub struct DueSoon {
    pub network_name: String,
    pub contact_name: String,
    pub city_name: String,
    pub period_label: String,
    pub due_date: String,
    /// Whole days until the due date; 0 means today.
    pub days: i64,
    pub link: String,
}

impl Email for DueSoon {
    const TEMPLATE: &'static str = "due_soon";
}

/// To each contact of a city whose check-in is past its due date, at the reminder steps after
/// it, until the round closes.
#[derive(Clone, Debug, Serialize)]
pub struct Overdue {
    pub network_name: String,
    pub contact_name: String,
    pub city_name: String,
    pub period_label: String,
    pub due_date: String,
    /// Whole days since the due date, at least 1.
    pub days: i64,
    pub link: String,
}

impl Email for Overdue {
    const TEMPLATE: &'static str = "overdue";
}

/// To every secretariat user at each overdue step of a round, listing the cities that are late
/// (not sent when none is).
#[derive(Clone, Debug, Serialize)]
pub struct EscalationDigest {
    pub network_name: String,
    pub round_label: String,
    pub due_date: String,
    pub late_cities: Vec<LateCity>,
    /// Open actions in the whole network nobody has updated for `actions.stale_after_days`,
    /// and in how many cities (a line of the digest when there are any).
    pub stale_actions: i64,
    pub stale_cities: i64,
    /// The round overview.
    pub link: String,
}

impl Email for EscalationDigest {
    const TEMPLATE: &'static str = "escalation_digest";
}

/// One entry of [`EscalationDigest::late_cities`].
#[derive(Clone, Debug, Serialize)]
pub struct LateCity {
    pub name: String,
    /// At least 1.
    pub days_late: i64,
    /// The contacts' names; may be empty.
    pub contacts: Vec<String>,
}

/// To every secretariat user when a round closes: which cities sent their check-in on time,
/// late, or not at all.
#[derive(Clone, Debug, Serialize)]
pub struct RoundClosed {
    pub network_name: String,
    pub round_label: String,
    pub due_date: String,
    pub on_time: Vec<String>,
    pub late: Vec<String>,
    pub missed: Vec<String>,
    /// The round summary.
    pub link: String,
}

impl Email for RoundClosed {
    const TEMPLATE: &'static str = "round_closed";
}

/// To a user who asked for a new password (or for whom the secretariat did), with a single-use
/// link.
#[derive(Clone, Debug, Serialize)]
pub struct PasswordReset {
    pub network_name: String,
    /// The user's name, or their address when the name is empty.
    pub contact_name: String,
    pub reset_link: String,
    /// When the link stops working, with the time zone.
    pub expires_at: String,
    /// The built-in wording does not use it, but the email always carried it (it shares its
    /// values with [`Invitation`]), so an override may.
    pub sign_in_email: String,
}

impl Email for PasswordReset {
    const TEMPLATE: &'static str = "password_reset";
}

/// To a new user the secretariat created, with a single-use link to choose a password.
#[derive(Clone, Debug, Serialize)]
pub struct Invitation {
    pub network_name: String,
    /// The user's name, or their address when the name is empty.
    pub contact_name: String,
    pub reset_link: String,
    /// When the link stops working, with the time zone.
    pub expires_at: String,
    /// The address the user signs in with.
    pub sign_in_email: String,
}

impl Email for Invitation {
    const TEMPLATE: &'static str = "invitation";
}

/// To every secretariat user when the report schedule has compiled a draft for a cycle that
/// just ended.
#[derive(Clone, Debug, Serialize)]
pub struct ReportCompiled {
    pub network_name: String,
    pub framework_title: String,
    pub period_label: String,
    /// The version number the draft will have when published.
    pub version: i32,
    /// The draft.
    pub link: String,
}

impl Email for ReportCompiled {
    const TEMPLATE: &'static str = "report_compiled";
}

/// To each contact of a city who receives reminders, when the secretariat asks for changes to
/// its check-in: the comments, and a link back to the form (valid for 30 days, also after the
/// round has closed).
#[derive(Clone, Debug, Serialize)]
pub struct ChangesRequested {
    pub network_name: String,
    pub contact_name: String,
    pub city_name: String,
    pub round_label: String,
    /// On the check-in as a whole; may be empty when only actions have comments.
    pub comment: String,
    /// Comments on single actions' reports; may be empty.
    pub action_comments: Vec<ActionComment>,
    pub link: String,
}

impl Email for ChangesRequested {
    const TEMPLATE: &'static str = "changes_requested";
}

/// One entry of [`ChangesRequested::action_comments`].
#[derive(Clone, Debug, Serialize)]
pub struct ActionComment {
    /// The action's title.
    pub title: String,
    pub comment: String,
}

/// Once a month to each contact of a city who receives reminders, when the city has open
/// actions nobody has updated for `actions.stale_after_days` (`reminders::stale_actions`).
#[derive(Clone, Debug, Serialize)]
pub struct StaleActions {
    pub network_name: String,
    pub contact_name: String,
    pub city_name: String,
    /// `actions.stale_after_days`.
    pub days: u32,
    /// At least one.
    pub actions: Vec<StaleItem>,
    /// The city's page.
    pub link: String,
}

impl Email for StaleActions {
    const TEMPLATE: &'static str = "stale_actions";
}

/// One entry of [`StaleActions::actions`].
#[derive(Clone, Debug, Serialize)]
pub struct StaleItem {
    pub title: String,
    /// Its commitment's code, e.g. `SP1`.
    pub commitment: String,
    /// When it was last updated, in the contact's language.
    pub updated: String,
    /// Its update form.
    pub link: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::templates::EmailTemplates;
    use std::collections::BTreeSet;

    fn sample_round_opened() -> RoundOpened {
        RoundOpened {
            network_name: "EUROCITIES".into(),
            contact_name: "Anna Verhoeven".into(),
            city_name: "Ghent".into(),
            period_label: "Q2 2025".into(),
            due_date: "30 June 2025".into(),
            link: "https://charter.example.org/check-ins/abc123?t=xyz".into(),
            days: None,
        }
    }

    fn sample_due_soon() -> DueSoon {
        let r = sample_round_opened();
        DueSoon {
            network_name: r.network_name,
            contact_name: r.contact_name,
            city_name: r.city_name,
            period_label: r.period_label,
            due_date: r.due_date,
            days: 3,
            link: r.link,
        }
    }

    fn sample_overdue() -> Overdue {
        let d = sample_due_soon();
        Overdue {
            network_name: d.network_name,
            contact_name: d.contact_name,
            city_name: d.city_name,
            period_label: d.period_label,
            due_date: d.due_date,
            days: 2,
            link: d.link,
        }
    }

    fn sample_escalation_digest() -> EscalationDigest {
        EscalationDigest {
            network_name: "EUROCITIES".into(),
            round_label: "Q2 2025".into(),
            due_date: "30 June 2025".into(),
            late_cities: vec![
                LateCity {
                    name: "Lisbon".into(),
                    days_late: 1,
                    contacts: vec!["Ana Silva".into(), "João Costa".into()],
                },
                LateCity { name: "Malmö".into(), days_late: 12, contacts: vec![] },
            ],
            stale_actions: 5,
            stale_cities: 2,
            link: "https://charter.example.org/rounds/7".into(),
        }
    }

    fn sample_round_closed() -> RoundClosed {
        RoundClosed {
            network_name: "EUROCITIES".into(),
            round_label: "Q2 2025".into(),
            due_date: "30 June 2025".into(),
            on_time: vec!["Ghent".into(), "Helsinki".into()],
            late: vec!["Lisbon".into()],
            missed: vec![],
            link: "https://charter.example.org/rounds/7".into(),
        }
    }

    fn sample_password_reset() -> PasswordReset {
        PasswordReset {
            network_name: "EUROCITIES".into(),
            contact_name: "Anna Verhoeven".into(),
            reset_link: "https://charter.example.org/password/tok123".into(),
            expires_at: "12 June 2025, 14:30 (Europe/Brussels)".into(),
            sign_in_email: "anna.verhoeven@ghent.example".into(),
        }
    }

    fn sample_invitation() -> Invitation {
        let r = sample_password_reset();
        Invitation {
            network_name: r.network_name,
            contact_name: r.contact_name,
            reset_link: r.reset_link,
            expires_at: r.expires_at,
            sign_in_email: r.sign_in_email,
        }
    }

    fn sample_report_compiled() -> ReportCompiled {
        ReportCompiled {
            network_name: "EUROCITIES".into(),
            framework_title: "EUROCITIES Charter on Integrating Cities".into(),
            period_label: "2026".into(),
            version: 1,
            link: "https://charter.example.org/reports/manage/3".into(),
        }
    }

    /// One sample of every kind, in the order of [`ALL`]. A kind added to `ALL` without a
    /// sample here fails `every_kind_has_a_sample_and_is_listed_once`.
    fn samples() -> Vec<Content> {
        vec![
            sample_round_opened().into(),
            sample_due_soon().into(),
            sample_overdue().into(),
            sample_escalation_digest().into(),
            sample_round_closed().into(),
            sample_password_reset().into(),
            sample_invitation().into(),
            sample_report_compiled().into(),
            sample_changes_requested().into(),
            sample_stale_actions().into(),
        ]
    }

    fn sample_changes_requested() -> ChangesRequested {
        ChangesRequested {
            network_name: "EUROCITIES".into(),
            contact_name: "Anna Verhoeven".into(),
            city_name: "Gent".into(),
            round_label: "Q2 2026".into(),
            comment: "Thank you. Could you say more about what the language cafés achieved?".into(),
            action_comments: vec![ActionComment {
                title: "Language cafés in libraries".into(),
                comment: "How many people took part?".into(),
            }],
            link: "https://charter.example.org/check-in/abc".into(),
        }
    }

    fn sample_stale_actions() -> StaleActions {
        StaleActions {
            network_name: "EUROCITIES".into(),
            contact_name: "Anna Verhoeven".into(),
            city_name: "Gent".into(),
            days: 180,
            actions: vec![StaleItem {
                title: "Language cafés in libraries".into(),
                commitment: "SP1".into(),
                updated: "3 March 2026".into(),
                link: "https://charter.example.org/actions/12/edit".into(),
            }],
            link: "https://charter.example.org/cities/4".into(),
        }
    }

    fn defaults() -> EmailTemplates {
        EmailTemplates::load(None).expect("built-in templates load")
    }

    fn keys(values: &Value) -> BTreeSet<String> {
        values.as_object().expect("an email serialises to a JSON object").keys().cloned().collect()
    }

    #[test]
    fn every_kind_has_a_sample_and_is_listed_once() {
        let names: Vec<&str> = samples().iter().map(Content::template).collect();
        assert_eq!(names, ALL);
        assert_eq!(ALL.iter().collect::<BTreeSet<_>>().len(), ALL.len(), "a template name is listed twice");
    }

    #[test]
    fn the_kinds_are_exactly_the_built_in_template_folders() {
        let folders: BTreeSet<String> = defaults().emails().into_iter().collect();
        let listed: BTreeSet<String> = ALL.iter().map(|s| s.to_string()).collect();
        assert_eq!(folders, listed, "every folder under templates/email/ (but partials/) needs an `Email` struct");
    }

    /// The contract: in every language, the templates use no variable the struct lacks. The
    /// check runs before rendering, so a variable used only in `{{#if}}` or an `{{else}}` counts.
    fn renders_in_every_language<E: Email>(sample: E) {
        let templates = defaults();
        let content = Content::from(sample);
        let name = content.template();
        let provided = keys(content.values());
        let languages = templates.languages(name);
        assert!(languages.len() >= 2, "{name}: {languages:?}");
        for lang in languages {
            for var in templates.required_variables(name, &lang).unwrap() {
                assert!(
                    provided.contains(&var),
                    "{name}/{lang} uses `{var}`, which {} lacks",
                    std::any::type_name::<E>()
                );
            }
            let email =
                templates.render(name, &lang, content.values()).unwrap_or_else(|e| panic!("{name}/{lang}: {e}"));
            assert_eq!(email.language, lang);
            assert!(!email.subject.is_empty(), "{name}/{lang}");
        }
    }

    #[test]
    fn round_opened_renders_from_its_struct() {
        renders_in_every_language(sample_round_opened());
        renders_in_every_language(RoundOpened { days: Some(4), ..sample_round_opened() });
    }

    #[test]
    fn due_soon_renders_from_its_struct() {
        renders_in_every_language(sample_due_soon());
        renders_in_every_language(DueSoon { days: 0, ..sample_due_soon() });
    }

    #[test]
    fn overdue_renders_from_its_struct() {
        renders_in_every_language(sample_overdue());
    }

    #[test]
    fn escalation_digest_renders_from_its_struct() {
        renders_in_every_language(sample_escalation_digest());
    }

    #[test]
    fn round_closed_renders_from_its_struct() {
        renders_in_every_language(sample_round_closed());
    }

    #[test]
    fn password_reset_renders_from_its_struct() {
        renders_in_every_language(sample_password_reset());
    }

    #[test]
    fn changes_requested_renders_from_its_struct() {
        renders_in_every_language(sample_changes_requested());
        renders_in_every_language(ChangesRequested { comment: String::new(), ..sample_changes_requested() });
        renders_in_every_language(ChangesRequested { action_comments: vec![], ..sample_changes_requested() });
    }

    #[test]
    fn invitation_renders_from_its_struct() {
        renders_in_every_language(sample_invitation());
    }

    #[test]
    fn report_compiled_renders_from_its_struct() {
        renders_in_every_language(sample_report_compiled());
    }

    /// The JSON the templates see is the JSON the hand-written contexts gave them.
    #[test]
    fn values_serialise_as_the_hand_written_contexts_did() {
        let opened = Content::from(sample_round_opened());
        assert_eq!(opened.template(), "round_opened");
        assert!(opened.values().get("days").is_none(), "absent, not null");
        let late = Content::from(RoundOpened { days: Some(4), ..sample_round_opened() });
        assert_eq!(late.values()["days"], serde_json::json!(4));

        let digest = Content::from(sample_escalation_digest());
        assert_eq!(
            digest.values()["late_cities"][1],
            serde_json::json!({"name": "Malmö", "days_late": 12, "contacts": []})
        );
        assert!(Content::from(sample_due_soon()).values()["days"].is_i64());
        assert!(Content::from(sample_report_compiled()).values()["version"].is_i64());
        assert_eq!(Content::from(sample_round_closed()).values()["missed"], serde_json::json!([]));
    }

    /// templates/email/README.md's "Which email uses what" table lists each kind's variables:
    /// it must list exactly its struct's fields (`days` of `round_opened` aside, see its doc).
    #[test]
    fn the_readme_lists_each_structs_variables() {
        let readme = include_str!("../../templates/email/README.md");
        for content in samples() {
            let name = content.template();
            let row = readme
                .lines()
                .find(|line| line.starts_with(&format!("| `{name}` |")))
                .unwrap_or_else(|| panic!("README.md has no row for `{name}`"));
            let listed: BTreeSet<String> =
                row.rsplit('|').nth(1).unwrap_or_default().split('`').skip(1).step_by(2).map(str::to_owned).collect();
            assert_eq!(listed, keys(content.values()), "README.md's row for `{name}`");
        }
    }
}
