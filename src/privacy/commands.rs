//! Export and erasure of one person's data: the secretariat only.

use super::store;
use super::{Erased, PersonalData, Pseudonyms};
use crate::auth::Caller;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::{self, Change, Kind};
use crate::validation;
use chrono::{DateTime, Utc};
use serde_json::json;

/// The address as stored (trimmed, lower case), or a 422 naming the field.
fn address(email: &str) -> ApiResult<String> {
    validation::email("email", email).map_err(|e| ApiError::Validation(vec![e]))
}

fn nothing_held(email: &str) -> ApiError {
    ApiError::not_found(format!("nothing is held about {email}"))
}

/// Everything held about the person with this address; 404 when nothing is.
pub fn export(conn: &mut DbConnection, caller: &Caller, email: &str) -> ApiResult<PersonalData> {
    caller.require_secretariat()?;
    let email = address(email)?;
    let data = store::gather(conn, &email)?;
    if data.is_empty() {
        return Err(nothing_held(&email));
    }
    Ok(data)
}

/// Erases the person with this address: see the module's documentation. `confirm` must be
/// true; 404 when nothing is held (so erasing twice answers 404 the second time); 409 for
/// one's own address.
pub fn erase(
    conn: &mut DbConnection,
    caller: &Caller,
    email: &str,
    confirm: bool,
    now: DateTime<Utc>,
) -> ApiResult<Erased> {
    caller.require_secretariat()?;
    let email = address(email);
    let mut errors = vec![];
    if let Err(ApiError::Validation(e)) = &email {
        errors.extend(e.iter().cloned());
    }
    if !confirm {
        errors.push(
            FieldError::new("confirm", "erasing a person cannot be undone, so it must be confirmed").accepting("true"),
        );
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let email = email?;
    if email == caller.email {
        return Err(ApiError::StateConflict("you cannot erase yourself; ask another member of the secretariat".into()));
    }
    crate::db::transaction(conn, |conn| {
        let data = store::gather(conn, &email)?;
        if data.is_empty() {
            return Err(nothing_held(&email));
        }
        let p = Pseudonyms {
            email: email.clone(),
            contacts: data
                .contacts
                .iter()
                .map(|c| (c.id, c.name.clone(), format!("erased contact {}", c.id)))
                .collect(),
            user: data.user.as_ref().map(|u| (u.id, u.name.clone(), format!("erased user {}", u.id))),
        };
        let emails_erased = store::erase_emails(conn, &p, now.naive_utc())?;
        let mut rows_pseudonymised = store::erase_history(conn, &p)?;
        rows_pseudonymised += store::scrub_labels(conn, &p)?;
        let rows_deleted = store::delete_person(conn, &p)?;
        // The contacts' deletion is recorded, naming them only by their pseudonym.
        for c in &data.contacts {
            let gone =
                json!({"id": c.id, "city_id": c.city_id, "name": format!("erased contact {}", c.id), "erased": true});
            history::record(conn, Change::deleted(Kind::Contact, c.id, Some(c.city_id), &gone), &caller.actor(), now)?;
        }
        Ok(Erased {
            email: email.clone(),
            pseudonym: p.primary(),
            contacts_deleted: data.contacts.len(),
            user_deleted: data.user.is_some(),
            emails_erased,
            rows_pseudonymised,
            rows_deleted,
        })
    })
}
