//! The queries behind export and erasure: every place a person's name or address is kept.

use super::{
    EmailRecord, EventRecord, HistoryRecord, LinkRecord, Mention, PersonalData, Pseudonyms, SessionRecord,
    SignInRecord, TokenRecord, UserRecord,
};
use crate::cities::contacts::Contact;
use crate::db::schema::{
    api_tokens, calendar_feeds, check_in_events, check_in_links, check_ins, contacts, history, login_attempts,
    network_settings, outbox, password_links, report_good_practices, report_versions, reports, sessions, users,
    verified_ratings,
};
use crate::db::DbConnection;
use crate::mail::outbox::status;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

/// The LIKE pattern finding an address inside a text.
fn containing(email: &str) -> String {
    format!("%{email}%")
}

/// Runs `$m!(table, column)` for every text column (with an `id` key) that may name a person
/// as the author of something, other than the ones read and written one by one (contacts,
/// users, the emails sent to them, history, check-in events).
macro_rules! label_columns {
    ($m:ident) => {
        $m!(check_ins, submitted_by);
        $m!(check_ins, extended_by);
        $m!(calendar_feeds, created_by);
        $m!(verified_ratings, verified_by);
        $m!(reports, created_by);
        $m!(report_versions, compiled_by);
        $m!(report_versions, published_by);
        $m!(outbox, to_name);
        $m!(outbox, subject);
        $m!(outbox, body_text);
        $m!(outbox, body_html);
        $m!(outbox, last_error);
    };
}

/// Every record naming the address in a label column (see `label_columns`), and in the
/// network settings' and good practices' authors.
pub fn mentions(conn: &mut DbConnection, email: &str) -> QueryResult<Vec<Mention>> {
    let pattern = containing(email);
    let mut out = vec![];
    macro_rules! scan {
        ($table:ident, $col:ident) => {{
            let rows: Vec<(i64, Option<String>)> = $table::table
                .filter($table::$col.like(&pattern))
                .select(($table::id, $table::$col.nullable()))
                .order($table::id)
                .load(conn)?;
            for (id, value) in rows {
                out.push(Mention {
                    table: stringify!($table).into(),
                    column: stringify!($col).into(),
                    key: id.to_string(),
                    value: value.unwrap_or_default(),
                });
            }
        }};
    }
    label_columns!(scan);
    let settings: Vec<(String, String)> = network_settings::table
        .filter(network_settings::updated_by.like(&pattern))
        .select((network_settings::key, network_settings::updated_by))
        .load(conn)?;
    for (key, value) in settings {
        out.push(Mention { table: "network_settings".into(), column: "updated_by".into(), key, value });
    }
    let marks: Vec<(i64, i64, String)> = report_good_practices::table
        .filter(report_good_practices::marked_by.like(&pattern))
        .select((report_good_practices::report_id, report_good_practices::action_id, report_good_practices::marked_by))
        .load(conn)?;
    for (report, action, value) in marks {
        out.push(Mention {
            table: "report_good_practices".into(),
            column: "marked_by".into(),
            key: format!("{report}/{action}"),
            value,
        });
    }
    Ok(out)
}

/// Rewrites every label column naming the address (see `mentions`); returns how many rows.
pub fn scrub_labels(conn: &mut DbConnection, p: &Pseudonyms) -> QueryResult<usize> {
    let pattern = containing(&p.email);
    let mut n = 0;
    macro_rules! scrub {
        ($table:ident, $col:ident) => {{
            let rows: Vec<(i64, Option<String>)> = $table::table
                .filter($table::$col.like(&pattern))
                .select(($table::id, $table::$col.nullable()))
                .load(conn)?;
            for (id, value) in rows {
                let new = p.scrub(&value.unwrap_or_default());
                n += diesel::update($table::table.filter($table::id.eq(id))).set($table::$col.eq(new)).execute(conn)?;
            }
        }};
    }
    label_columns!(scrub);
    let settings: Vec<(String, String)> = network_settings::table
        .filter(network_settings::updated_by.like(&pattern))
        .select((network_settings::key, network_settings::updated_by))
        .load(conn)?;
    for (key, value) in settings {
        n += diesel::update(network_settings::table.filter(network_settings::key.eq(key)))
            .set(network_settings::updated_by.eq(p.scrub(&value)))
            .execute(conn)?;
    }
    let marks: Vec<(i64, i64, String)> = report_good_practices::table
        .filter(report_good_practices::marked_by.like(&pattern))
        .select((report_good_practices::report_id, report_good_practices::action_id, report_good_practices::marked_by))
        .load(conn)?;
    for (report, action, value) in marks {
        n += diesel::update(
            report_good_practices::table
                .filter(report_good_practices::report_id.eq(report))
                .filter(report_good_practices::action_id.eq(action)),
        )
        .set(report_good_practices::marked_by.eq(p.scrub(&value)))
        .execute(conn)?;
    }
    Ok(n)
}

pub fn contacts_with(conn: &mut DbConnection, email: &str) -> QueryResult<Vec<Contact>> {
    contacts::table.filter(contacts::email.eq(email)).order(contacts::id).select(Contact::as_select()).load(conn)
}

type UserRow = (i64, String, String, String, Option<i64>, bool, NaiveDateTime, String);

pub fn user_with(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRecord>> {
    let row: Option<UserRow> = users::table
        .filter(users::email.eq(email))
        .select((
            users::id,
            users::email,
            users::name,
            users::role,
            users::city_id,
            users::disabled,
            users::created_at,
            users::password_hash,
        ))
        .first(conn)
        .optional()?;
    let Some((id, email, name, role, city_id, disabled, created_at, hash)) = row else { return Ok(None) };
    let sessions: Vec<(NaiveDateTime, NaiveDateTime, NaiveDateTime)> = sessions::table
        .filter(sessions::user_id.eq(id))
        .order(sessions::id)
        .select((sessions::created_at, sessions::last_seen_at, sessions::expires_at))
        .load(conn)?;
    type TokenRow = (i64, String, NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>);
    let tokens: Vec<TokenRow> = api_tokens::table
        .filter(api_tokens::user_id.eq(id))
        .order(api_tokens::id)
        .select((
            api_tokens::id,
            api_tokens::label,
            api_tokens::created_at,
            api_tokens::last_used_at,
            api_tokens::revoked_at,
        ))
        .load(conn)?;
    Ok(Some(UserRecord {
        id,
        email,
        name,
        role,
        city_id,
        disabled,
        created_at,
        has_password: !hash.is_empty(),
        sessions: sessions
            .into_iter()
            .map(|(created_at, last_seen_at, expires_at)| SessionRecord { created_at, last_seen_at, expires_at })
            .collect(),
        api_tokens: tokens
            .into_iter()
            .map(|(id, label, created_at, last_used_at, revoked_at)| TokenRecord {
                id,
                label,
                created_at,
                last_used_at,
                revoked_at,
            })
            .collect(),
    }))
}

type EmailRow = (i64, String, String, String, String, String, NaiveDateTime, Option<NaiveDateTime>, String, String);

pub fn emails_to(conn: &mut DbConnection, email: &str) -> QueryResult<Vec<EmailRecord>> {
    let rows: Vec<EmailRow> = outbox::table
        .filter(outbox::to_address.eq(email))
        .order(outbox::id)
        .select((
            outbox::id,
            outbox::kind,
            outbox::to_name,
            outbox::language,
            outbox::subject,
            outbox::status,
            outbox::created_at,
            outbox::sent_at,
            outbox::body_text,
            outbox::body_html,
        ))
        .load(conn)?;
    let kept = |s: String| Some(s).filter(|s| !s.is_empty());
    Ok(rows
        .into_iter()
        .map(|(id, kind, to_name, language, subject, status, created_at, sent_at, text, html)| EmailRecord {
            id,
            kind,
            to_name,
            language,
            subject,
            status,
            created_at,
            sent_at,
            body_text: kept(text),
            body_html: kept(html),
        })
        .collect())
}

type HistoryRow = (i64, String, i64, Option<i64>, String, String, NaiveDateTime, Option<String>, Option<String>);

/// History entries made by the user, about the contacts, or naming the address anywhere.
pub fn history_of(
    conn: &mut DbConnection,
    email: &str,
    user: Option<i64>,
    contact_ids: &[i64],
) -> QueryResult<Vec<HistoryRecord>> {
    let pattern = containing(email);
    let rows: Vec<HistoryRow> = history::table
        .filter(
            history::actor
                .like(&pattern)
                .or(history::before_state.like(&pattern))
                .or(history::after_state.like(&pattern))
                .or(history::actor_user_id.eq(user.unwrap_or(-1)))
                .or(history::object_kind.eq("contact").and(history::object_id.eq_any(contact_ids.to_vec()))),
        )
        .order(history::id)
        .select((
            history::id,
            history::object_kind,
            history::object_id,
            history::city_id,
            history::operation,
            history::actor,
            history::at,
            history::before_state,
            history::after_state,
        ))
        .load(conn)?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str::<Value>(&s).ok());
    Ok(rows
        .into_iter()
        .map(|(id, object_kind, object_id, city_id, operation, actor, at, before, after)| HistoryRecord {
            id,
            object_kind,
            object_id,
            city_id,
            operation,
            actor,
            at,
            before: parse(before),
            after: parse(after),
        })
        .collect())
}

pub fn sign_ins(conn: &mut DbConnection, email: &str) -> QueryResult<Vec<SignInRecord>> {
    let rows: Vec<(String, bool, NaiveDateTime)> = login_attempts::table
        .filter(login_attempts::email.eq(email))
        .order(login_attempts::id)
        .select((login_attempts::ip, login_attempts::succeeded, login_attempts::at))
        .load(conn)?;
    Ok(rows.into_iter().map(|(ip, succeeded, at)| SignInRecord { ip, succeeded, at }).collect())
}

pub fn links_of(conn: &mut DbConnection, contact_ids: &[i64]) -> QueryResult<Vec<LinkRecord>> {
    let rows: Vec<(i64, i64, Option<i64>, NaiveDateTime, NaiveDateTime)> = check_in_links::table
        .filter(check_in_links::contact_id.eq_any(contact_ids.to_vec()))
        .order(check_in_links::id)
        .select((
            check_in_links::id,
            check_in_links::check_in_id,
            check_in_links::contact_id,
            check_in_links::created_at,
            check_in_links::expires_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, check_in_id, contact_id, created_at, expires_at)| LinkRecord {
            id,
            check_in_id,
            contact_id,
            created_at,
            expires_at,
        })
        .collect())
}

pub fn events_of(conn: &mut DbConnection, email: &str, user: Option<i64>) -> QueryResult<Vec<EventRecord>> {
    let rows: Vec<(i64, i64, String, String, String, NaiveDateTime)> = check_in_events::table
        .filter(
            check_in_events::actor.like(containing(email)).or(check_in_events::actor_user_id.eq(user.unwrap_or(-1))),
        )
        .order(check_in_events::id)
        .select((
            check_in_events::id,
            check_in_events::check_in_id,
            check_in_events::kind,
            check_in_events::actor,
            check_in_events::comment,
            check_in_events::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, check_in_id, kind, actor, comment, created_at)| EventRecord {
            id,
            check_in_id,
            kind,
            actor,
            comment,
            created_at,
        })
        .collect())
}

/// Everything held about the address (already normalised).
pub fn gather(conn: &mut DbConnection, email: &str) -> QueryResult<PersonalData> {
    let contacts = contacts_with(conn, email)?;
    let ids: Vec<i64> = contacts.iter().map(|c| c.id).collect();
    let user = user_with(conn, email)?;
    let uid = user.as_ref().map(|u| u.id);
    let emails = emails_to(conn, email)?;
    let to_them: Vec<i64> = emails.iter().map(|e| e.id).collect();
    let mut mentions = mentions(conn, email)?;
    // The emails sent to them are listed as such.
    mentions.retain(|m| !(m.table == "outbox" && m.key.parse().is_ok_and(|id: i64| to_them.contains(&id))));
    let names = Pseudonyms {
        email: email.to_string(),
        contacts: contacts.iter().map(|c| (c.id, c.name.clone(), String::new())).collect(),
        user: user.as_ref().map(|u| (u.id, u.name.clone(), String::new())),
    };
    for (id, _, text, _) in emails_naming(conn, &names)? {
        if !mentions.iter().any(|m| m.table == "outbox" && m.key == id.to_string()) {
            mentions.push(Mention {
                table: "outbox".into(),
                column: "body_text".into(),
                key: id.to_string(),
                value: text,
            });
        }
    }
    Ok(PersonalData {
        email: email.to_string(),
        history: history_of(conn, email, uid, &ids)?,
        sign_in_attempts: sign_ins(conn, email)?,
        check_in_links: links_of(conn, &ids)?,
        check_in_events: events_of(conn, email, uid)?,
        contacts,
        user,
        emails,
        mentions,
    })
}

/// The emails to the address: queued and failed ones are cancelled (so none is sent or retried
/// to a pseudonym), and recipient, subject and bodies lose the name and address.
pub fn erase_emails(conn: &mut DbConnection, p: &Pseudonyms, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::to_address.eq(&p.email))
            .filter(outbox::status.eq_any([status::QUEUED, status::FAILED])),
    )
    .set((outbox::status.eq(status::CANCELLED), outbox::updated_at.eq(now)))
    .execute(conn)?;
    let rows: Vec<(i64, String, String, String, Option<String>)> = outbox::table
        .filter(outbox::to_address.eq(&p.email))
        .select((outbox::id, outbox::subject, outbox::body_text, outbox::body_html, outbox::last_error))
        .load(conn)?;
    for (id, subject, text, html) in emails_naming(conn, p)? {
        diesel::update(outbox::table.filter(outbox::id.eq(id)))
            .set((
                outbox::subject.eq(p.scrub_names(&subject)),
                outbox::body_text.eq(p.scrub_names(&text)),
                outbox::body_html.eq(p.scrub_names(&html)),
                outbox::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    let primary = p.primary();
    for (id, subject, text, html, error) in &rows {
        diesel::update(outbox::table.filter(outbox::id.eq(id)))
            .set((
                outbox::to_address.eq(&primary),
                outbox::to_name.eq(&primary),
                outbox::subject.eq(p.scrub_names(subject)),
                outbox::body_text.eq(p.scrub_names(text)),
                outbox::body_html.eq(p.scrub_names(html)),
                outbox::last_error.eq(error.as_deref().map(|e| p.scrub_names(e))),
                outbox::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(rows.len())
}

/// Emails to others that name the person without their address (the secretariat's digest lists
/// late cities' contacts by name): (id, subject, text, html). Names shorter than four
/// characters are not looked for, as they would match ordinary words.
pub fn emails_naming(conn: &mut DbConnection, p: &Pseudonyms) -> QueryResult<Vec<(i64, String, String, String)>> {
    let mut out: Vec<(i64, String, String, String)> = vec![];
    for (_, name, _) in p.contacts.iter().chain(p.user.iter()) {
        if name.trim().chars().count() < 4 {
            continue;
        }
        let rows: Vec<(i64, String, String, String)> = outbox::table
            .filter(outbox::to_address.ne(&p.email))
            .filter(
                outbox::body_text
                    .like(containing(name))
                    .or(outbox::body_html.like(containing(&super::variants(name)[2])))
                    .or(outbox::subject.like(containing(name))),
            )
            .select((outbox::id, outbox::subject, outbox::body_text, outbox::body_html))
            .load(conn)?;
        out.extend(rows.into_iter().filter(|r| !out.iter().any(|o| o.0 == r.0)).collect::<Vec<_>>());
    }
    Ok(out)
}

/// History and check-in events: the user's own entries get the user's pseudonym as author, a
/// contact's entries lose the name and address in their values, and every other label or value
/// naming the address is rewritten. Returns how many rows changed.
pub fn erase_history(conn: &mut DbConnection, p: &Pseudonyms) -> QueryResult<usize> {
    let mut n = 0;
    if let Some((uid, _, pseudonym)) = &p.user {
        n += diesel::update(history::table.filter(history::actor_user_id.eq(uid)))
            .set((history::actor.eq(pseudonym), history::actor_user_id.eq(None::<i64>)))
            .execute(conn)?;
        n += diesel::update(check_in_events::table.filter(check_in_events::actor_user_id.eq(uid)))
            .set((check_in_events::actor.eq(pseudonym), check_in_events::actor_user_id.eq(None::<i64>)))
            .execute(conn)?;
    }
    let ids: Vec<i64> = p.contacts.iter().map(|c| c.0).collect();
    let rows: Vec<(i64, i64, Option<String>, Option<String>)> = history::table
        .filter(history::object_kind.eq("contact").and(history::object_id.eq_any(&ids)))
        .select((history::id, history::object_id, history::before_state, history::after_state))
        .load(conn)?;
    for (id, object_id, before, after) in rows {
        let pseudonym = p.contacts.iter().find(|c| c.0 == object_id).map(|c| c.2.clone()).unwrap_or_default();
        let fix = |s: Option<String>| {
            s.map(|s| match serde_json::from_str::<Value>(&s) {
                Ok(Value::Object(mut m)) => {
                    for field in ["name", "email"] {
                        if m.contains_key(field) {
                            m.insert(field.into(), Value::String(pseudonym.clone()));
                        }
                    }
                    p.scrub(&Value::Object(m).to_string())
                }
                _ => p.scrub(&s),
            })
        };
        n += diesel::update(history::table.filter(history::id.eq(id)))
            .set((history::before_state.eq(fix(before)), history::after_state.eq(fix(after))))
            .execute(conn)?;
    }
    let pattern = containing(&p.email);
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = history::table
        .filter(
            history::actor
                .like(&pattern)
                .or(history::before_state.like(&pattern))
                .or(history::after_state.like(&pattern)),
        )
        .select((history::id, history::actor, history::before_state, history::after_state))
        .load(conn)?;
    for (id, actor, before, after) in rows {
        n += diesel::update(history::table.filter(history::id.eq(id)))
            .set((
                history::actor.eq(p.scrub(&actor)),
                history::before_state.eq(before.map(|s| p.scrub(&s))),
                history::after_state.eq(after.map(|s| p.scrub(&s))),
            ))
            .execute(conn)?;
    }
    let rows: Vec<(i64, String)> = check_in_events::table
        .filter(check_in_events::actor.like(&pattern))
        .select((check_in_events::id, check_in_events::actor))
        .load(conn)?;
    for (id, actor) in rows {
        n += diesel::update(check_in_events::table.filter(check_in_events::id.eq(id)))
            .set(check_in_events::actor.eq(p.scrub(&actor)))
            .execute(conn)?;
    }
    Ok(n)
}

/// Deletes the sign-in attempts with the address, the contacts' check-in links, the contacts,
/// and the user with their sessions, tokens and password links. Returns how many rows besides
/// the contacts and the user.
pub fn delete_person(conn: &mut DbConnection, p: &Pseudonyms) -> QueryResult<usize> {
    let mut n = diesel::delete(login_attempts::table.filter(login_attempts::email.eq(&p.email))).execute(conn)?;
    let ids: Vec<i64> = p.contacts.iter().map(|c| c.0).collect();
    n += diesel::delete(check_in_links::table.filter(check_in_links::contact_id.eq_any(&ids))).execute(conn)?;
    diesel::delete(contacts::table.filter(contacts::id.eq_any(&ids))).execute(conn)?;
    if let Some((uid, _, _)) = &p.user {
        n += diesel::delete(sessions::table.filter(sessions::user_id.eq(uid))).execute(conn)?;
        n += diesel::delete(api_tokens::table.filter(api_tokens::user_id.eq(uid))).execute(conn)?;
        n += diesel::delete(password_links::table.filter(password_links::user_id.eq(uid))).execute(conn)?;
        diesel::delete(users::table.filter(users::id.eq(uid))).execute(conn)?;
    }
    Ok(n)
}
