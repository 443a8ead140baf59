//! The audit trail: every create, update and delete of a city, plan or action, with who,
//! when, which fields changed, and the object before and after.
//!
//! Records are written in the same transaction as the change they describe.

pub mod routes;

use crate::db::schema::history;
use crate::db::DbConnection;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// Who made a change: a user, or the system (the charter loader, the scheduler).
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub label: String,
}

impl Actor {
    pub fn system(what: &str) -> Self {
        Actor { user_id: None, label: format!("system:{what}") }
    }
}

/// How a change made through an emailed link ends its label: `Name <email> (emailed link)`.
pub const EMAILED_LINK: &str = "(emailed link)";

/// A label naming who made a change (a history entry's actor, a check-in's `submitted_by`) as
/// `caller` may see it: a contact who used an emailed link is personal data, shown as
/// `a contact (emailed link)` to those who may not see the city's (observers).
pub fn label_seen_by(label: String, caller: &crate::auth::Caller, city_id: i64) -> String {
    if label.ends_with(EMAILED_LINK) && label.contains('<') && !caller.may_see_personal_data(city_id) {
        format!("a contact {EMAILED_LINK}")
    } else {
        label
    }
}

impl Entry {
    /// This entry as `caller` may see it: a contact named in the actor or in a `submitted_by`
    /// value is hidden from those who may not see the city's personal data.
    pub fn seen_by(mut self, caller: &crate::auth::Caller, city_id: i64) -> Entry {
        self.actor = label_seen_by(self.actor, caller, city_id);
        for side in [&mut self.before, &mut self.after].into_iter().flatten() {
            if let Some(Value::String(by)) = side.get_mut("submitted_by") {
                *by = label_seen_by(std::mem::take(by), caller, city_id);
            }
        }
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    City,
    Plan,
    Action,
    Contact,
    IndicatorValue,
    PeerReview,
    Recommendation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::Plan => "plan",
            Kind::Action => "action",
            Kind::Contact => "contact",
            Kind::IndicatorValue => "indicator_value",
            Kind::PeerReview => "peer_review",
            Kind::Recommendation => "recommendation",
        }
    }

    /// The URL segment (`cities`, `plans`, `actions`, `contacts`).
    pub fn from_plural(s: &str) -> Option<Kind> {
        match s {
            "cities" => Some(Kind::City),
            "plans" => Some(Kind::Plan),
            "actions" => Some(Kind::Action),
            "contacts" => Some(Kind::Contact),
            "indicator-values" => Some(Kind::IndicatorValue),
            "peer-reviews" => Some(Kind::PeerReview),
            "recommendations" => Some(Kind::Recommendation),
            _ => None,
        }
    }
}

/// One change to one object, as history records it: the object's API representation before
/// and after (none before a creation, none after a deletion); the changed fields are derived.
pub struct Change {
    pub kind: Kind,
    pub object_id: i64,
    /// The city the object belongs to, so a city's history can be listed.
    pub city_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    pub fn created(kind: Kind, object_id: i64, city_id: Option<i64>, after: &impl Serialize) -> Change {
        Change { kind, object_id, city_id, before: None, after: Some(as_value(after)) }
    }

    pub fn updated(
        kind: Kind,
        object_id: i64,
        city_id: Option<i64>,
        before: &impl Serialize,
        after: &impl Serialize,
    ) -> Change {
        Change { kind, object_id, city_id, before: Some(as_value(before)), after: Some(as_value(after)) }
    }

    pub fn deleted(kind: Kind, object_id: i64, city_id: Option<i64>, before: &impl Serialize) -> Change {
        Change { kind, object_id, city_id, before: Some(as_value(before)), after: None }
    }
}

/// The API representation of a recorded object; our types always serialise.
fn as_value(v: &impl Serialize) -> Value {
    serde_json::to_value(v).expect("API types serialise to JSON")
}

/// Records one change, made by `actor` at `now`.
pub fn record(conn: &mut DbConnection, change: Change, actor: &Actor, now: DateTime<Utc>) -> QueryResult<()> {
    let Change { kind, object_id, city_id, before, after } = change;
    let (before, after) = (before.as_ref(), after.as_ref());
    let operation = match (before, after) {
        (None, Some(_)) => "create",
        (Some(_), None) => "delete",
        _ => "update",
    };
    let changed = changed_fields(before, after);
    diesel::insert_into(history::table)
        .values((
            history::object_kind.eq(kind.as_str()),
            history::object_id.eq(object_id),
            history::city_id.eq(city_id),
            history::operation.eq(operation),
            history::actor_user_id.eq(actor.user_id),
            history::actor.eq(&actor.label),
            history::at.eq(now.naive_utc()),
            history::changed.eq(serde_json::to_string(&changed).unwrap_or_else(|_| "[]".into())),
            history::before_state.eq(before.map(Value::to_string)),
            history::after_state.eq(after.map(Value::to_string)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Top-level fields whose values differ, ignoring bookkeeping (version, updated_at).
pub fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let empty = serde_json::Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !matches!(k.as_str(), "version" | "updated_at" | "created_at"))
        .filter(|k| b.get(*k) != a.get(*k))
        .cloned()
        .collect()
}

/// One history entry as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Entry {
    pub id: i64,
    pub operation: String,
    /// The user's email, or `system:<part>` for automatic changes.
    pub actor: String,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
    pub changed: Vec<String>,
    #[schema(value_type = Option<Object>)]
    pub before: Option<Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<Value>,
}

type Row = (i64, String, String, NaiveDateTime, String, Option<String>, Option<String>);

/// All entries of one object, oldest first, and the city the object belongs to.
pub fn for_object(conn: &mut DbConnection, kind: Kind, id: i64) -> QueryResult<(Vec<Entry>, Option<i64>)> {
    let rows: Vec<(Row, Option<i64>)> = history::table
        .filter(history::object_kind.eq(kind.as_str()).and(history::object_id.eq(id)))
        .order(history::id)
        .select((
            (
                history::id,
                history::operation,
                history::actor,
                history::at,
                history::changed,
                history::before_state,
                history::after_state,
            ),
            history::city_id,
        ))
        .load(conn)?;
    let city = rows.first().and_then(|(_, c)| *c);
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    let entries = rows
        .into_iter()
        .map(|((id, operation, actor, at, changed, before, after), _)| Entry {
            id,
            operation,
            actor,
            at,
            changed: serde_json::from_str(&changed).unwrap_or_default(),
            before: parse(before),
            after: parse(after),
        })
        .collect();
    Ok((entries, city))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_fields_ignore_bookkeeping() {
        let b = json!({"title": "a", "progress": 10, "version": 1});
        let a = json!({"title": "a", "progress": 20, "version": 2});
        assert_eq!(changed_fields(Some(&b), Some(&a)), vec!["progress"]);
        assert_eq!(changed_fields(None, Some(&a)), vec!["progress", "title"]);
    }
}
