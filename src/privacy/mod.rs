//! Personal data (GDPR): what the tracker holds about one person, found by their email address,
//! exported as JSON, and erased on request (the secretariat only).
//!
//! A person is an email address: the contacts with it (in any city), the user with it, the
//! emails sent to it, the sign-in attempts made with it, and every record that names them (the
//! authors of history entries and check-in events, `submitted_by`, `verified_by` and the like,
//! and the values a contact's history holds). Erasing deletes the contacts and the user (with
//! their sessions, tokens and password links), deletes their sign-in attempts and check-in
//! links, and replaces their name and address everywhere else by a stable pseudonym
//! (`erased contact 12`, `erased user 7`), in one transaction. Plans, actions and published
//! reports hold no personal data and are left as they are.

pub mod commands;
pub mod routes;
pub mod store;

use crate::cities::contacts::Contact;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// The body of `POST /api/v1/people/export`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonQuery {
    /// The person's email address (any case).
    pub email: String,
}

/// The body of `POST /api/v1/people/erase`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseInput {
    /// The person's email address (any case).
    pub email: String,
    /// Must be `true`: erasing cannot be undone.
    #[serde(default)]
    pub confirm: bool,
}

/// Everything held about one person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalData {
    /// The address asked about, as stored (lower case).
    pub email: String,
    /// Contacts with this address, in any city.
    pub contacts: Vec<Contact>,
    /// The user with this address, with their sessions and API tokens.
    pub user: Option<UserRecord>,
    /// Emails queued or sent to this address (bodies are empty once erased after
    /// `mail.retention_days`).
    pub emails: Vec<EmailRecord>,
    /// History entries made by them, or whose values name them.
    pub history: Vec<HistoryRecord>,
    /// Sign-in attempts made with this address (kept for throttling).
    pub sign_in_attempts: Vec<SignInRecord>,
    /// Check-in links emailed to their contacts.
    pub check_in_links: Vec<LinkRecord>,
    /// Check-in events (submissions, reviews, extensions) whose author they are.
    pub check_in_events: Vec<EventRecord>,
    /// Other records that name them: which table, column and row.
    pub mentions: Vec<Mention>,
}

impl PersonalData {
    /// Whether anything at all is held.
    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
            && self.user.is_none()
            && self.emails.is_empty()
            && self.history.is_empty()
            && self.sign_in_attempts.is_empty()
            && self.check_in_links.is_empty()
            && self.check_in_events.is_empty()
            && self.mentions.is_empty()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// secretariat, city-editor or observer.
    pub role: String,
    pub city_id: Option<i64>,
    pub disabled: bool,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    /// The password itself is never stored; its argon2id hash is not exported.
    pub has_password: bool,
    pub sessions: Vec<SessionRecord>,
    pub api_tokens: Vec<TokenRecord>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionRecord {
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub last_seen_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenRecord {
    pub id: i64,
    pub label: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_used_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EmailRecord {
    pub id: i64,
    /// The template: round_opened, due_soon, overdue, escalation_digest, round_closed,
    /// password_reset, invitation.
    pub kind: String,
    pub to_name: String,
    pub language: String,
    pub subject: String,
    /// queued, sending, sent, failed or cancelled.
    pub status: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<NaiveDateTime>,
    /// The text body; `null` once erased after the retention period.
    pub body_text: Option<String>,
    /// The HTML body; `null` once erased after the retention period.
    pub body_html: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryRecord {
    pub id: i64,
    /// city, plan, action, contact or indicator_value.
    pub object_kind: String,
    pub object_id: i64,
    pub city_id: Option<i64>,
    pub operation: String,
    pub actor: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
    #[schema(value_type = Option<Object>)]
    pub before: Option<Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignInRecord {
    pub ip: String,
    pub succeeded: bool,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkRecord {
    pub id: i64,
    pub check_in_id: i64,
    pub contact_id: Option<i64>,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventRecord {
    pub id: i64,
    pub check_in_id: i64,
    pub kind: String,
    pub actor: String,
    pub comment: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// A record elsewhere that names the person (a check-in's `submitted_by`, a rating's
/// `verified_by`, an email that mentions the address...).
#[derive(Debug, Serialize, ToSchema)]
pub struct Mention {
    pub table: String,
    pub column: String,
    /// The row's key.
    pub key: String,
    pub value: String,
}

/// What an erasure did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Erased {
    /// The address erased (lower case).
    pub email: String,
    /// What the person is called from now on where a record must still name someone.
    pub pseudonym: String,
    pub contacts_deleted: usize,
    pub user_deleted: bool,
    /// Emails to them whose recipient and bodies were replaced (queued ones were cancelled).
    pub emails_erased: usize,
    /// Other rows whose name or address was replaced by the pseudonym.
    pub rows_pseudonymised: usize,
    /// Sign-in attempts, sessions, API tokens, password links and check-in links deleted.
    pub rows_deleted: usize,
}

/// The names and addresses of one person and what replaces them.
#[derive(Debug, Clone)]
pub struct Pseudonyms {
    pub email: String,
    /// (contact id, name, pseudonym) per contact.
    pub contacts: Vec<(i64, String, String)>,
    /// (user id, name, pseudonym).
    pub user: Option<(i64, String, String)>,
}

impl Pseudonyms {
    /// What the bare address becomes: the user's pseudonym (a bare address is how a user is
    /// named as an author), else the first contact's.
    pub fn primary(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.2.clone())
            .or_else(|| self.contacts.first().map(|c| c.2.clone()))
            .unwrap_or_else(|| "erased person".into())
    }

    /// `text` with every name-and-address label, then every address, replaced. Names are also
    /// looked for as they appear inside JSON strings and in HTML.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        let mut names: Vec<(&str, &str)> = self.contacts.iter().map(|(_, n, p)| (n.as_str(), p.as_str())).collect();
        if let Some((_, n, p)) = &self.user {
            names.push((n.as_str(), p.as_str()));
        }
        for (name, pseudonym) in names.iter().filter(|(n, _)| !n.trim().is_empty()) {
            for variant in variants(name) {
                out = out.replace(&format!("{variant} <{}>", self.email), pseudonym);
                out = out.replace(&format!("{variant} &lt;{}&gt;", self.email), pseudonym);
            }
        }
        out.replace(&self.email, &self.primary())
    }

    /// As `scrub`, and the names alone too: for records about the person themselves (the emails
    /// sent to them), where their name stands without their address.
    pub fn scrub_names(&self, text: &str) -> String {
        let mut out = self.scrub(text);
        for (_, name, pseudonym) in self.contacts.iter().chain(self.user.iter()) {
            if name.trim().chars().count() >= 2 {
                for variant in variants(name) {
                    out = out.replace(&variant, pseudonym);
                }
            }
        }
        out
    }
}

/// A name as written, as inside a JSON string, and as HTML-escaped.
pub(crate) fn variants(name: &str) -> Vec<String> {
    let json = serde_json::to_string(name).unwrap_or_default();
    let json = json.trim_matches('"').to_string();
    let html = name
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;");
    vec![name.to_string(), json, html]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_addresses_are_replaced() {
        let p = Pseudonyms {
            email: "anna@malmo.example".into(),
            contacts: vec![(12, "Anna Berg".into(), "erased contact 12".into())],
            user: None,
        };
        assert_eq!(p.scrub("Anna Berg <anna@malmo.example> (emailed link)"), "erased contact 12 (emailed link)");
        assert_eq!(p.scrub("sent to anna@malmo.example"), "sent to erased contact 12");
        assert_eq!(p.scrub("Anna Berg wrote"), "Anna Berg wrote");
        assert_eq!(p.scrub_names("Dear Anna Berg,"), "Dear erased contact 12,");
    }
}
