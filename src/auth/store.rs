//! Users: created from the CLI or invited from the secretariat's pages (`super::commands`).

use super::{password, Role};
use crate::db::schema::{cities, password_links, users};
use crate::db::DbConnection;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::collections::HashSet;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub city_id: Option<i64>,
    pub disabled: bool,
    pub name: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

impl User {
    /// How people see the user: their name, or the email when they have none.
    pub fn shown_name(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.email
        } else {
            &self.name
        }
    }
}

pub fn by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table.filter(users::email.eq(email.trim().to_lowercase())).select(User::as_select()).first(conn).optional()
}

/// Adds a user; the caller has validated the email. Errors are phrased for the person at the CLI.
pub fn add(
    conn: &mut DbConnection,
    email: &str,
    role: Role,
    city_id: Option<i64>,
    password: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let email = email.trim().to_lowercase();
    match (role, city_id) {
        (Role::CityEditor, None) => anyhow::bail!("a city editor needs --city ID (the city they edit)"),
        (Role::Secretariat | Role::Observer, Some(_)) => {
            anyhow::bail!("--city applies to city editors only; {} see every city", role.as_str())
        }
        _ => {}
    }
    if let Some(id) = city_id {
        let exists: i64 = cities::table.find(id).count().get_result(conn)?;
        if exists == 0 {
            anyhow::bail!("there is no city with id {id}; list them with GET /api/v1/cities");
        }
    }
    if by_email(conn, &email)?.is_some() {
        anyhow::bail!("a user with email {email} already exists");
    }
    let hash = password::hash(password)?;
    Ok(insert(conn, &email, "", role, city_id, &hash, now)?)
}

/// Inserts a checked user (email lower-cased, role and city consistent) and returns the id.
pub fn insert(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    role: Role,
    city_id: Option<i64>,
    password_hash: &str,
    now: DateTime<Utc>,
) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values((
            users::email.eq(email),
            users::name.eq(name),
            users::password_hash.eq(password_hash),
            users::role.eq(role.as_str()),
            users::city_id.eq(city_id),
            users::disabled.eq(false),
            users::created_at.eq(now.naive_utc()),
        ))
        .returning(users::id)
        .get_result(conn)
}

/// A page of users by name, then email, and how many there are.
pub fn list(conn: &mut DbConnection, limit: i64, offset: i64) -> QueryResult<(Vec<User>, i64)> {
    let total = users::table.count().get_result(conn)?;
    let rows = users::table
        .order((users::name, users::email))
        .limit(limit)
        .offset(offset)
        .select(User::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Of these users, those invited who have not chosen a password yet: they have an invitation
/// link and have never used any password link.
pub fn awaiting_invitation(conn: &mut DbConnection, user_ids: &[i64]) -> QueryResult<HashSet<i64>> {
    let invited: Vec<i64> = password_links::table
        .filter(password_links::user_id.eq_any(user_ids).and(password_links::purpose.eq("invitation")))
        .select(password_links::user_id)
        .distinct()
        .load(conn)?;
    let used: HashSet<i64> = password_links::table
        .filter(password_links::user_id.eq_any(user_ids).and(password_links::used_at.is_not_null()))
        .select(password_links::user_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    Ok(invited.into_iter().filter(|id| !used.contains(id)).collect())
}

/// Changes name, role and city if the user is still at version `expected`; false otherwise.
pub fn update_details(
    conn: &mut DbConnection,
    id: i64,
    expected: i32,
    name: &str,
    role: Role,
    city_id: Option<i64>,
) -> QueryResult<bool> {
    let n = diesel::update(users::table.find(id).filter(users::version.eq(expected)))
        .set((
            users::name.eq(name),
            users::role.eq(role.as_str()),
            users::city_id.eq(city_id),
            users::version.eq(expected + 1),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Disables or enables a user still at version `expected`; disabling ends every session
/// (API tokens stop working because `tokens::authenticate` skips disabled users). False if
/// the user changed in the meantime.
pub fn set_disabled(conn: &mut DbConnection, id: i64, expected: i32, disabled: bool) -> QueryResult<bool> {
    crate::db::transaction(conn, |conn| {
        let n = diesel::update(users::table.find(id).filter(users::version.eq(expected)))
            .set((users::disabled.eq(disabled), users::version.eq(expected + 1)))
            .execute(conn)?;
        if n == 1 && disabled {
            super::sessions::end_all(conn, id)?;
        }
        Ok(n == 1)
    })
}

pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<User>> {
    users::table.find(id).select(User::as_select()).first(conn).optional()
}

/// Replaces a user's password hash; the caller ends their other sessions as appropriate.
pub fn set_password_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id)).set(users::password_hash.eq(hash)).execute(conn)?;
    Ok(())
}

/// Checks a new password against the policy, naming the form fields `password` and `confirm`.
pub fn check_new_password(password: &str, confirm: &str, email: &str) -> Vec<crate::error::FieldError> {
    use crate::error::FieldError;
    let mut errors = vec![];
    let n = password.chars().count();
    if n < 10 {
        errors.push(FieldError::new("password", format!("is {n} characters long")).accepting("at least 10 characters"));
    } else if n > 200 {
        errors.push(FieldError::new("password", format!("is {n} characters long")).accepting("at most 200 characters"));
    } else if password.trim().eq_ignore_ascii_case(email.trim()) {
        errors.push(FieldError::new("password", "is your email address").accepting("something only you know"));
    }
    if errors.is_empty() && password != confirm {
        errors.push(
            FieldError::new("confirm", "does not match the new password").accepting("the same password, typed again"),
        );
    }
    errors
}
