//! Checked changes to accounts and sessions. Two parts: the secretariat's management of user
//! accounts (inviting people, changing their name, role and city, disabling and enabling
//! accounts, sending password links, revoking API tokens), and what a person does with their
//! own account (signing in and out, resetting or changing their password, their API tokens).
//! Used by the pages (the API has no user routes) and by the CLI.

use super::password_links::{self, Purpose};
use super::sessions;
use super::store::{self, User};
use super::throttle;
use super::tokens::{self, TokenInfo};
use super::{password, Caller, Role};
use crate::config::Settings;
use crate::config::SignInSettings;
use crate::db::{is_unique_violation, DbConnection};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::mail::templates::EmailTemplates;
use crate::validation::{self, Errors};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::sync::OnceLock;

/// A new account, as typed: the role as `secretariat`, `city-editor` or `observer`, and the
/// city's id (empty for roles other than city editor).
#[derive(Debug, Default)]
pub struct NewUserInput {
    pub name: String,
    pub email: String,
    pub role: String,
    pub city: String,
}

/// A change to an account's name, role and city, as typed.
#[derive(Debug, Default)]
pub struct UserChangeInput {
    pub name: String,
    pub role: String,
    pub city: String,
}

crate::text_enum! {
    /// Where an account stands.
    UserState { Active = "active", Invited = "invited", Disabled = "disabled" }
}

/// An account with what the pages show about it.
#[derive(Debug)]
pub struct UserView {
    pub user: User,
    pub role: Role,
    pub city_name: Option<String>,
    pub state: UserState,
}

/// An account with its API tokens.
#[derive(Debug)]
pub struct UserDetail {
    pub view: UserView,
    pub tokens: Vec<TokenInfo>,
}

fn views(conn: &mut DbConnection, users: Vec<User>) -> ApiResult<Vec<UserView>> {
    use crate::db::schema::cities;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let invited = store::awaiting_invitation(conn, &ids)?;
    let city_ids: Vec<i64> = users.iter().filter_map(|u| u.city_id).collect();
    let names: std::collections::HashMap<i64, String> = cities::table
        .filter(cities::id.eq_any(&city_ids))
        .select((cities::id, cities::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    users
        .into_iter()
        .map(|u| {
            let role = Role::parse(&u.role)
                .ok_or_else(|| anyhow::anyhow!("user {} has an unknown role `{}`", u.id, u.role))?;
            let state = if u.disabled {
                UserState::Disabled
            } else if invited.contains(&u.id) {
                UserState::Invited
            } else {
                UserState::Active
            };
            Ok(UserView { city_name: u.city_id.and_then(|c| names.get(&c).cloned()), role, state, user: u })
        })
        .collect()
}

/// A page of accounts (secretariat and observers), and how many there are.
pub fn list(conn: &mut DbConnection, caller: &Caller, limit: i64, offset: i64) -> ApiResult<(Vec<UserView>, i64)> {
    caller.can_read_network()?;
    let (users, total) = store::list(conn, limit, offset)?;
    Ok((views(conn, users)?, total))
}

fn require(conn: &mut DbConnection, id: i64) -> ApiResult<User> {
    store::by_id(conn, id)?.ok_or_else(|| ApiError::not_found(format!("no user with id {id}")))
}

/// One account with its tokens (secretariat and observers).
pub fn get(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<UserDetail> {
    caller.can_read_network()?;
    let user = require(conn, id)?;
    let tokens = tokens::list_for_user(conn, id)?;
    let view = views(conn, vec![user])?.pop().expect("one user in, one out");
    Ok(UserDetail { view, tokens })
}

/// Checks role and city together: a city editor needs an existing city, others none.
fn role_and_city(
    conn: &mut DbConnection,
    role: &str,
    city: &str,
    e: &mut Errors,
) -> ApiResult<(Option<Role>, Option<i64>)> {
    let role = match Role::parse(role.trim()) {
        Some(r) => Some(r),
        None if role.trim().is_empty() => {
            e.push(FieldError::new("role", "is not chosen: choose network secretariat, city editor or observer"));
            None
        }
        None => {
            e.push(FieldError::new("role", format!("`{role}` is not a role")).accepting(Role::ACCEPTED));
            None
        }
    };
    let city = city.trim();
    let city_id = match (role, city) {
        (Some(Role::CityEditor), "") => {
            e.push(FieldError::new("city", "is not chosen: a city editor works for one city; choose it"));
            None
        }
        (Some(Role::Secretariat | Role::Observer), c) if !c.is_empty() => {
            e.push(FieldError::new(
                "city",
                "is only for city editors: the secretariat and observers see every city, so choose “No city”",
            ));
            None
        }
        (_, "") => None,
        (_, c) => match c.parse::<i64>() {
            Ok(id) if crate::cities::store::get(conn, id)?.is_some() => Some(id),
            _ => {
                e.push(
                    FieldError::new("city", format!("`{c}` is not a city of the network"))
                        .accepting("one of the cities listed"),
                );
                None
            }
        },
    };
    Ok((role, city_id))
}

/// Creates an account that cannot be signed in to yet (its password is random and never
/// shown) and queues the invitation email with a link to choose a password, in one
/// transaction (secretariat only).
pub fn invite(
    conn: &mut DbConnection,
    settings: &Settings,
    templates: &EmailTemplates,
    caller: &Caller,
    input: &NewUserInput,
    now: DateTime<Utc>,
) -> ApiResult<User> {
    caller.require_secretariat()?;
    let mut e = Errors::default();
    let name = e.take(validation::required_line("name", &input.name, 200));
    let email = e.take(validation::email("email", &input.email));
    if let Some(address) = &email {
        if store::by_email(conn, address)?.is_some() {
            e.push(
                FieldError::new("email", format!("{address} already has an account"))
                    .accepting("an address without an account; find the existing one in the list of users"),
            );
        }
    }
    let (role, city_id) = role_and_city(conn, &input.role, &input.city, &mut e)?;
    e.finish()?;
    let (name, email, role) = (name.unwrap(), email.unwrap(), role.unwrap());
    let unusable = password::hash(&tokens::random_string(32))?;
    let result = crate::db::transaction(conn, |conn| -> ApiResult<i64> {
        let id = store::insert(conn, &email, &name, role, city_id, &unusable, now)?;
        password_links::send(conn, settings, templates, id, Purpose::Invitation, now)?;
        Ok(id)
    });
    let id = match result {
        Ok(id) => id,
        Err(ApiError::Unexpected(err))
            if err.downcast_ref::<diesel::result::Error>().is_some_and(is_unique_violation) =>
        {
            return Err(ApiError::Validation(vec![FieldError::new(
                "email",
                format!("{email} already has an account"),
            )]));
        }
        Err(err) => return Err(err),
    };
    tracing::info!(user = id, role = role.as_str(), by = %caller.email, "user invited");
    require(conn, id)
}

fn conflict(current: i32, expected: i32) -> ApiError {
    ApiError::Conflict {
        detail: format!("the account was changed by someone else: you saw version {expected}, it is now at version {current}; check it and make your change again"),
        current_version: Some(current),
    }
}

/// Changes an account's name, role and city if it is still at version `expected`
/// (secretariat only). Nobody changes their own role: the network must not lose its last
/// secretariat member by accident.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: i32,
    input: &UserChangeInput,
) -> ApiResult<User> {
    caller.require_secretariat()?;
    let before = require(conn, id)?;
    let mut e = Errors::default();
    let name = e.take(validation::required_line("name", &input.name, 200));
    let (role, city_id) = role_and_city(conn, &input.role, &input.city, &mut e)?;
    if id == caller.user_id && role.is_some_and(|r| r != caller.role) {
        e.push(FieldError::new(
            "role",
            "cannot be changed for your own account: ask another member of the secretariat",
        ));
    }
    e.finish()?;
    if before.version != expected {
        return Err(conflict(before.version, expected));
    }
    if !store::update_details(conn, id, expected, &name.unwrap(), role.unwrap(), city_id)? {
        return Err(conflict(require(conn, id)?.version, expected));
    }
    tracing::info!(user = id, by = %caller.email, "user changed");
    require(conn, id)
}

/// Disables an account (signing it out everywhere and stopping its API tokens) or enables it
/// again, if it is still at version `expected` (secretariat only; not one's own account).
pub fn set_disabled(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: i32,
    disabled: bool,
) -> ApiResult<User> {
    caller.require_secretariat()?;
    let before = require(conn, id)?;
    if id == caller.user_id && disabled {
        return Err(ApiError::StateConflict(
            "you cannot disable your own account; ask another member of the secretariat".into(),
        ));
    }
    if before.version != expected {
        return Err(conflict(before.version, expected));
    }
    if !store::set_disabled(conn, id, expected, disabled)? {
        return Err(conflict(require(conn, id)?.version, expected));
    }
    tracing::info!(user = id, disabled, by = %caller.email, "user access changed");
    require(conn, id)
}

/// Emails an account a link to choose a password (secretariat only): a reset, or the
/// invitation again for someone who has not accepted it yet. A disabled account gets none.
pub fn send_link(
    conn: &mut DbConnection,
    settings: &Settings,
    templates: &EmailTemplates,
    caller: &Caller,
    id: i64,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> ApiResult<User> {
    caller.require_secretariat()?;
    let user = require(conn, id)?;
    if user.disabled {
        return Err(ApiError::StateConflict(format!(
            "the account of {} is disabled; enable it first",
            user.shown_name()
        )));
    }
    if purpose == Purpose::Invitation && !store::awaiting_invitation(conn, &[id])?.contains(&id) {
        return Err(ApiError::StateConflict(format!(
            "{} is not waiting for an invitation (they have a password); send a password reset link instead",
            user.shown_name()
        )));
    }
    password_links::send(conn, settings, templates, id, purpose, now)?;
    tracing::info!(user = id, purpose = purpose.as_str(), by = %caller.email, "password link sent");
    Ok(user)
}

/// Revokes one of an account's API tokens (secretariat only).
pub fn revoke_token(
    conn: &mut DbConnection,
    caller: &Caller,
    user_id: i64,
    token_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<TokenInfo> {
    caller.require_secretariat()?;
    require(conn, user_id)?;
    let token = tokens::list_for_user(conn, user_id)?
        .into_iter()
        .find(|t| t.id == token_id && t.revoked_at.is_none())
        .ok_or_else(|| ApiError::not_found(format!("user {user_id} has no active token with id {token_id}")))?;
    tokens::revoke(conn, token_id, now)?;
    tracing::info!(user = user_id, token = token_id, by = %caller.email, "token revoked");
    Ok(token)
}

// ---- A person's own account -------------------------------------------------------------

/// What a sign-in attempt came to.
pub enum SignIn {
    /// Signed in: the session token for the cookie, and who it is.
    Ok { session: String, role: Role, city_id: Option<i64> },
    /// The address or the password is not right (the same answer for both).
    Wrong,
    /// Too many failures: refused until this instant (UTC), even with the right password.
    Locked(NaiveDateTime),
}

/// A hash to verify against when the email is unknown, so both cases take as long.
fn decoy_hash() -> ApiResult<&'static str> {
    static DECOY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DECOY.get() {
        return Ok(hash);
    }
    let hash = password::hash(&tokens::random_string(16))?;
    Ok(DECOY.get_or_init(|| hash))
}

/// Signs a person in with their email and password from client address `ip`, behind the
/// throttle (`throttle`): every attempt is recorded, and a locked address is refused before its
/// password is checked.
pub fn sign_in(
    conn: &mut DbConnection,
    settings: &SignInSettings,
    email: &str,
    pass: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> ApiResult<SignIn> {
    if let throttle::Verdict::Locked { until } = throttle::check(conn, email, ip, settings, now)? {
        return Ok(SignIn::Locked(until));
    }
    let user = store::by_email(conn, email)?;
    let ok = match &user {
        // A 503 (no turn at hashing in time) is not recorded as a failure: nothing was checked.
        Some(u) if !u.disabled && Role::parse(&u.role).is_some() => password::verify(pass, &u.password_hash)?,
        _ => {
            password::verify(pass, decoy_hash()?)?;
            false
        }
    };
    throttle::record(conn, email, ip, ok, now)?;
    Ok(match user {
        Some(u) if ok => {
            let session = sessions::create(conn, u.id, settings, now)?;
            let role = Role::parse(&u.role).expect("checked above");
            SignIn::Ok { session, role, city_id: u.city_id }
        }
        _ => SignIn::Wrong,
    })
}

/// Ends the session a cookie's token stands for.
pub fn sign_out(conn: &mut DbConnection, session_token: &str) -> ApiResult<()> {
    Ok(sessions::end(conn, session_token)?)
}

/// Sends a reset link when `email` belongs to an enabled account, at most one a minute per
/// account, and does nothing otherwise: the caller says the same either way, so nobody learns
/// who has an account.
pub fn request_password_reset(
    conn: &mut DbConnection,
    settings: &Settings,
    templates: &EmailTemplates,
    email: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if let Some(u) = store::by_email(conn, email)?.filter(|u| !u.disabled) {
        if !password_links::sent_since(conn, u.id, Purpose::Reset, now - chrono::Duration::minutes(1))? {
            password_links::send(conn, settings, templates, u.id, Purpose::Reset, now)?;
        }
    }
    Ok(())
}

/// Sets the password a live link was sent for and signs its user in; a second use of the same
/// link is `Err(Refusal::Used)`. Mistakes in the new password are `ApiError::Validation`.
pub fn set_password_from_link(
    conn: &mut DbConnection,
    settings: &SignInSettings,
    link: &password_links::Valid,
    pass: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> ApiResult<Result<SignIn, password_links::Refusal>> {
    let errors = store::check_new_password(pass, confirm, &link.email);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let hash = password::hash(pass)?;
    if !password_links::set_password(conn, link, &hash, now)? {
        return Ok(Err(password_links::Refusal::Used));
    }
    let session = sessions::create(conn, link.user_id, settings, now)?;
    let user = store::by_id(conn, link.user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
    let role = Role::parse(&user.role).ok_or_else(|| anyhow::anyhow!("user {} has an unknown role", user.id))?;
    Ok(Ok(SignIn::Ok { session, role, city_id: user.city_id }))
}

/// Changes the caller's own password after checking the current one; every other session of
/// theirs ends, the one in `keep_session` stays. Mistakes are `ApiError::Validation`.
pub fn change_own_password(
    conn: &mut DbConnection,
    caller: &Caller,
    keep_session: i64,
    current: &str,
    pass: &str,
    confirm: &str,
) -> ApiResult<()> {
    let mut errors = store::check_new_password(pass, confirm, &caller.email);
    let user = store::by_id(conn, caller.user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
    if !password::verify(current, &user.password_hash)? {
        errors.insert(0, FieldError::new("current", "is not your current password"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    store::set_password_hash(conn, caller.user_id, &password::hash(pass)?)?;
    sessions::end_others(conn, caller.user_id, keep_session)?;
    Ok(())
}

/// Issues an API token for the caller, labelled; returns (token id, the token, shown once).
pub fn issue_own_token(
    conn: &mut DbConnection,
    caller: &Caller,
    label: &str,
    now: DateTime<Utc>,
) -> ApiResult<(i64, String)> {
    let label = validation::optional_line("label", label, 100).map_err(|e| ApiError::Validation(vec![e]))?;
    Ok(tokens::issue(conn, caller.user_id, &label, now)?)
}

/// Revokes one of the caller's own live tokens; another user's token is "not found" here.
pub fn revoke_own_token(conn: &mut DbConnection, caller: &Caller, token_id: i64, now: DateTime<Utc>) -> ApiResult<()> {
    let mine =
        tokens::list_for_user(conn, caller.user_id)?.into_iter().any(|t| t.id == token_id && t.revoked_at.is_none());
    if mine && tokens::revoke(conn, token_id, now)? {
        Ok(())
    } else {
        Err(ApiError::not_found("you have no active token with that number"))
    }
}

/// Sets the language of the caller's pages (`None`: let the switcher or the browser decide).
/// Only offered languages are accepted.
pub fn set_own_language(conn: &mut DbConnection, caller: &Caller, language: &str) -> ApiResult<()> {
    use crate::db::schema::users;
    use crate::i18n::Lang;
    let chosen = match language.trim() {
        "" => None,
        tag => match Lang::from_tag(tag).filter(|l| crate::i18n::messages::is_offered(*l)) {
            Some(l) => Some(l.tag().to_string()),
            None => {
                let accepted = crate::i18n::messages::offered().iter().map(|l| l.tag()).collect::<Vec<_>>().join(", ");
                return Err(ApiError::Validation(vec![FieldError::new(
                    "language",
                    format!("`{tag}` is not a language this service offers"),
                )
                .accepting(format!("empty (chosen by the browser) or one of {accepted}"))]));
            }
        },
    };
    diesel::update(users::table.find(caller.user_id)).set(users::language.eq(chosen)).execute(conn)?;
    Ok(())
}
