//! Checked, validated changes to cities and their contacts, shared by the API and the pages:
//! each function asks the `Caller` first, validates every field at once (a `Validation` error
//! names them all), and refuses a stale `expected` version with a `Conflict`.

use super::contacts::{self, Contact, ContactInput, ContactView};
use super::store::{self, CityFields};
use super::{City, CityPatchInput, NewCityInput};
use crate::auth::{Caller, Role};
use crate::db::schema::contacts as contacts_t;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::history::{self, Change, Kind};
use crate::ids::{CityId, ContactId};
use crate::validation::{self, Errors};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// A page of cities by name that the caller may see (a city editor: only their own), whose
/// name contains `name_contains` (any case) when given.
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    name_contains: Option<&str>,
    limit: i64,
    offset: i64,
) -> ApiResult<(Vec<City>, i64)> {
    let only = match caller.role {
        Role::CityEditor => Some(caller.city_id.unwrap_or(-1)),
        _ => None,
    };
    Ok(store::list(conn, only, name_contains, limit, offset)?)
}

/// Registers a signatory city (secretariat only).
pub fn create(conn: &mut DbConnection, caller: &Caller, input: &NewCityInput, now: DateTime<Utc>) -> ApiResult<City> {
    caller.require_secretariat()?;
    let fields = parse_city(conn, &input.name, &input.country, input.public, Some(&input.signatures))?;
    store::create(conn, fields, &caller.actor(), now)
}

/// Validates a city's fields, every mistake at once (the API, the pages and imports).
pub fn parse_city(
    conn: &mut DbConnection,
    name: &str,
    country: &str,
    public: bool,
    signatures: Option<&[crate::cities::SignatureInput]>,
) -> ApiResult<CityFields> {
    let mut e = Errors::default();
    let name = e.take(validation::required_line("name", name, 200));
    let country = e.take(validation::country("country", country));
    let sigs = match signatures {
        Some(s) => Some(store::parse_signatures(conn, s, &mut e)?),
        None => None,
    };
    e.finish()?;
    Ok(CityFields { name: name.unwrap(), country: country.unwrap(), public, signatures: sigs })
}

/// Changes a city that is still at version `expected`; absent fields keep their value.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: i32,
    input: &CityPatchInput,
    now: DateTime<Utc>,
) -> ApiResult<City> {
    caller.can_edit_city(id)?;
    let current = store::require(conn, id)?;
    let fields = parse_city(
        conn,
        input.name.as_deref().unwrap_or(&current.name),
        input.country.as_deref().unwrap_or(&current.country),
        input.public.unwrap_or(current.public),
        input.signatures.as_deref(),
    )?;
    store::update(conn, id, expected, fields, &caller.actor(), now)
}

/// A city's contacts, for whoever may read the city, with names and email addresses only for
/// those who may see its personal data (`Contact::seen_by`).
pub fn contacts(conn: &mut DbConnection, caller: &Caller, city_id: i64) -> ApiResult<Vec<ContactView>> {
    caller.can_read_city(city_id)?;
    store::require(conn, city_id)?;
    Ok(contacts::for_city(conn, city_id)?.into_iter().map(|c| c.seen_by(caller)).collect())
}

/// One of a city's contacts in full, for those who may see the city's personal data (another
/// city's contact is not found here).
pub fn contact(conn: &mut DbConnection, caller: &Caller, city: CityId, contact: ContactId) -> ApiResult<Contact> {
    let (city_id, id) = (city.0, contact.0);
    caller.can_read_city(city_id)?;
    if !caller.may_see_personal_data(city_id) {
        return Err(ApiError::Forbidden(
            "contacts' names and email addresses are for the secretariat and the city's editors".into(),
        ));
    }
    contacts::for_id(conn, id)?
        .filter(|c| c.city_id == city_id)
        .ok_or_else(|| ApiError::not_found(format!("city {city_id} has no contact with id {id}")))
}

/// A contact's validated fields.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactFields {
    pub name: String,
    pub email: String,
    pub language: String,
    pub office_role: String,
    pub receives_reminders: bool,
}

/// Merges input over `base` (the current contact, or none when creating) and validates.
pub fn parse_contact(input: &ContactInput, base: Option<&Contact>) -> ApiResult<ContactFields> {
    let mut e = Errors::default();
    let pick = |v: &Option<String>, b: Option<&str>| v.clone().or_else(|| b.map(str::to_string));
    let name = match pick(&input.name, base.map(|c| c.name.as_str())) {
        Some(n) => e.take(validation::required_line("name", &n, 200)),
        None => e.take(Err(FieldError::new("name", "is required"))),
    };
    let email = match pick(&input.email, base.map(|c| c.email.as_str())) {
        Some(m) => e.take(validation::email("email", &m)),
        None => e.take(Err(FieldError::new("email", "is required"))),
    };
    let language = e.take(validation::language(
        "language",
        &pick(&input.language, base.map(|c| c.language.as_str())).unwrap_or_else(|| "en".into()),
    ));
    let office_role = e.take(validation::optional_line(
        "office_role",
        &pick(&input.office_role, base.map(|c| c.office_role.as_str())).unwrap_or_default(),
        200,
    ));
    e.finish()?;
    Ok(ContactFields {
        name: name.unwrap(),
        email: email.unwrap(),
        language: language.unwrap(),
        office_role: office_role.unwrap(),
        receives_reminders: input.receives_reminders.or(base.map(|c| c.receives_reminders)).unwrap_or(true),
    })
}

/// Adds a contact to a city (secretariat, or the city's editor).
pub fn create_contact(
    conn: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
    input: &ContactInput,
    now: DateTime<Utc>,
) -> ApiResult<Contact> {
    caller.can_edit_city(city_id)?;
    store::require(conn, city_id)?;
    let f = parse_contact(input, None)?;
    Ok(insert_contact(conn, city_id, &f, &caller.actor(), now)?)
}

/// Writes a new contact with its history (the fields validated by `parse_contact`).
pub fn insert_contact(
    conn: &mut DbConnection,
    city_id: i64,
    f: &ContactFields,
    actor: &history::Actor,
    now: DateTime<Utc>,
) -> QueryResult<Contact> {
    crate::db::transaction(conn, |c| {
        let id: i64 = diesel::insert_into(contacts_t::table)
            .values((
                contacts_t::city_id.eq(city_id),
                contacts_t::name.eq(&f.name),
                contacts_t::email.eq(&f.email),
                contacts_t::language.eq(&f.language),
                contacts_t::office_role.eq(&f.office_role),
                contacts_t::receives_reminders.eq(f.receives_reminders),
                contacts_t::version.eq(1),
                contacts_t::created_at.eq(now.naive_utc()),
                contacts_t::updated_at.eq(now.naive_utc()),
            ))
            .returning(contacts_t::id)
            .get_result(c)?;
        let contact = contacts::for_id(c, id)?.ok_or(diesel::result::Error::NotFound)?;
        history::record(c, Change::created(Kind::Contact, contact.id, Some(city_id), &contact), actor, now)?;
        QueryResult::Ok(contact)
    })
}

/// Changes a contact that is still at version `expected`; absent fields keep their value.
pub fn update_contact(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    expected: i32,
    input: &ContactInput,
    now: DateTime<Utc>,
) -> ApiResult<Contact> {
    let before = contacts::get(conn, id)?;
    caller.can_edit_city(before.city_id)?;
    let f = parse_contact(input, Some(&before))?;
    write_contact(conn, &before, expected, &f, &caller.actor(), now)
}

/// Writes validated fields over a contact still at version `expected`, with its history.
pub fn write_contact(
    conn: &mut DbConnection,
    before: &Contact,
    expected: i32,
    f: &ContactFields,
    actor: &history::Actor,
    now: DateTime<Utc>,
) -> ApiResult<Contact> {
    if before.version != expected {
        return Err(ApiError::version_conflict("contact", before.version, expected));
    }
    let id = before.id;
    let after = crate::db::transaction(conn, |c| {
        let n = diesel::update(contacts_t::table.find(id).filter(contacts_t::version.eq(expected)))
            .set((
                contacts_t::name.eq(&f.name),
                contacts_t::email.eq(&f.email),
                contacts_t::language.eq(&f.language),
                contacts_t::office_role.eq(&f.office_role),
                contacts_t::receives_reminders.eq(f.receives_reminders),
                contacts_t::version.eq(expected + 1),
                contacts_t::updated_at.eq(now.naive_utc()),
            ))
            .execute(c)?;
        if n == 0 {
            return QueryResult::Ok(None);
        }
        let after = contacts::for_id(c, id)?.ok_or(diesel::result::Error::NotFound)?;
        history::record(c, Change::updated(Kind::Contact, id, Some(after.city_id), before, &after), actor, now)?;
        Ok(Some(after))
    })?;
    after.ok_or_else(|| ApiError::version_conflict("contact", before.version + 1, expected))
}

/// Removes a contact (secretariat, or the city's editor); returns it as it was.
pub fn delete_contact(conn: &mut DbConnection, caller: &Caller, id: i64, now: DateTime<Utc>) -> ApiResult<Contact> {
    let before = contacts::get(conn, id)?;
    caller.can_edit_city(before.city_id)?;
    crate::db::transaction(conn, |c| {
        diesel::delete(contacts_t::table.find(id)).execute(c)?;
        history::record(c, Change::deleted(Kind::Contact, id, Some(before.city_id), &before), &caller.actor(), now)
    })?;
    Ok(before)
}

/// What a viewer may do with a city's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Everything the city's data holds; `edit` when they may change it.
    Full { edit: bool },
    /// Only what the city publishes.
    Public,
}

/// Decides a viewer's access to a city's page: readers of the city see it whole, anyone sees
/// a public city's public page; anyone else must sign in (`Unauthenticated`) or is refused.
pub fn page_access(caller: Option<&Caller>, city_id: i64, public: bool) -> ApiResult<Access> {
    match caller {
        Some(c) if c.can_read_city(city_id).is_ok() => Ok(Access::Full { edit: c.can_edit_city(city_id).is_ok() }),
        _ if public => Ok(Access::Public),
        None => Err(ApiError::Unauthenticated("sign in to see this city".into())),
        Some(_) => Err(ApiError::Forbidden("you may only see your own city's plan".into())),
    }
}

/// A city's context, for whoever may read the city or its public page.
pub fn context(conn: &mut DbConnection, caller: Option<&Caller>, city_id: i64) -> ApiResult<super::context::Context> {
    let city = store::require(conn, city_id)?;
    page_access(caller, city.id, city.public)?;
    Ok(super::context::for_city(conn, city_id)?)
}

/// Records a city's context (the secretariat, or the city's editor).
pub fn set_context(
    conn: &mut DbConnection,
    caller: &Caller,
    city_id: i64,
    expected: i32,
    input: &super::context::ContextInput,
    now: DateTime<Utc>,
) -> ApiResult<super::context::Context> {
    caller.can_edit_city(city_id)?;
    store::require(conn, city_id)?;
    let fields = super::context::parse(input, chrono::Datelike::year(&now.date_naive()))?;
    super::context::save(conn, city_id, expected, &fields, &caller.email, now)
}
