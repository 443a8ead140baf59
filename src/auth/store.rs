//! Users: created from the CLI (and later the secretariat's pages).

use super::{password, Role};
use crate::db::schema::{cities, users};
use crate::db::DbConnection;
use chrono::Utc;
use diesel::prelude::*;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub city_id: Option<i64>,
    pub disabled: bool,
    pub name: String,
}

pub fn by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Adds a user; the caller has validated the email. Errors are phrased for the person at the CLI.
pub fn add(conn: &mut DbConnection, email: &str, role: Role, city_id: Option<i64>, password: &str) -> anyhow::Result<i64> {
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
    let id = diesel::insert_into(users::table)
        .values((
            users::email.eq(&email),
            users::password_hash.eq(hash),
            users::role.eq(role.as_str()),
            users::city_id.eq(city_id),
            users::disabled.eq(false),
            users::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(users::id)
        .get_result(conn)?;
    Ok(id)
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
        errors.push(FieldError::new("confirm", "does not match the new password").accepting("the same password, typed again"));
    }
    errors
}
