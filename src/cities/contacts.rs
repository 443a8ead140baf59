//! A city's contacts: the people in the mayor's office who receive reminders.

use crate::auth::Caller;
use crate::db::schema::contacts;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, Problem};
use crate::history::{self, Kind};
use crate::http::{db, expected_version, id_param, versioned, Json};
use crate::startup::AppState;
use crate::validation::{self, Errors};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = contacts)]
pub struct Contact {
    pub id: i64,
    pub city_id: i64,
    pub name: String,
    pub email: String,
    /// Preferred language (ISO 639-1); emails fall back to English.
    pub language: String,
    /// Their role in the office, e.g. "Integration officer".
    pub office_role: String,
    pub receives_reminders: bool,
    pub version: i32,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// Required on update (or If-Match); ignored on create.
    pub version: Option<i32>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub language: Option<String>,
    pub office_role: Option<String>,
    pub receives_reminders: Option<bool>,
}

struct Fields {
    name: String,
    email: String,
    language: String,
    office_role: String,
    receives_reminders: bool,
}

/// Merges input over `base` (the current contact, or none when creating) and validates.
fn parse(input: &ContactInput, base: Option<&Contact>) -> ApiResult<Fields> {
    let mut e = Errors::default();
    let pick = |v: &Option<String>, b: Option<&str>| v.clone().or_else(|| b.map(str::to_string));
    let name = match pick(&input.name, base.map(|c| c.name.as_str())) {
        Some(n) => e.take(validation::required_text("name", &n, 200)),
        None => e.take(Err(crate::error::FieldError::new("name", "is required"))),
    };
    let email = match pick(&input.email, base.map(|c| c.email.as_str())) {
        Some(m) => e.take(validation::email("email", &m)),
        None => e.take(Err(crate::error::FieldError::new("email", "is required"))),
    };
    let language = e.take(validation::language(
        "language",
        &pick(&input.language, base.map(|c| c.language.as_str())).unwrap_or_else(|| "en".into()),
    ));
    let office_role = e.take(validation::optional_text(
        "office_role",
        &pick(&input.office_role, base.map(|c| c.office_role.as_str())).unwrap_or_default(),
        200,
    ));
    e.finish()?;
    Ok(Fields {
        name: name.unwrap(),
        email: email.unwrap(),
        language: language.unwrap(),
        office_role: office_role.unwrap(),
        receives_reminders: input.receives_reminders.or(base.map(|c| c.receives_reminders)).unwrap_or(true),
    })
}

pub fn for_city(conn: &mut DbConnection, city_id: i64) -> QueryResult<Vec<Contact>> {
    contacts::table.filter(contacts::city_id.eq(city_id)).order(contacts::id).select(Contact::as_select()).load(conn)
}

pub fn for_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Contact>> {
    contacts::table.find(id).select(Contact::as_select()).first(conn).optional()
}

fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Contact> {
    contacts::table
        .find(id)
        .select(Contact::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("no contact with id {id}")))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cities/{id}/contacts", web::get().to(list_contacts))
        .route("/cities/{id}/contacts", web::post().to(create_contact))
        .route("/contacts/{id}", web::patch().to(update_contact))
        .route("/contacts/{id}", web::delete().to(delete_contact));
}

/// A city's contacts.
#[utoipa::path(get, path = "/api/v1/cities/{id}/contacts", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = Vec<Contact>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_contacts(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_read_city(city_id)?;
    let list = db(&state.pool, move |c| {
        super::store::require(c, city_id)?;
        Ok(for_city(c, city_id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Adds a contact (`name`, `email`, `language`) to a city.
#[utoipa::path(post, path = "/api/v1/cities/{id}/contacts", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 201, body = Contact), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_contact(state: web::Data<AppState>, caller: Caller, id: web::Path<String>, body: Json<ContactInput>) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_edit_city(city_id)?;
    let contact = db(&state.pool, move |c| {
        super::store::require(c, city_id)?;
        let f = parse(&body.0, None)?;
        let now = Utc::now().naive_utc();
        Ok(c.transaction(|c| {
            let id: i64 = diesel::insert_into(contacts::table)
                .values((
                    contacts::city_id.eq(city_id),
                    contacts::name.eq(&f.name),
                    contacts::email.eq(&f.email),
                    contacts::language.eq(&f.language),
                    contacts::office_role.eq(&f.office_role),
                    contacts::receives_reminders.eq(f.receives_reminders),
                    contacts::version.eq(1),
                    contacts::created_at.eq(now),
                    contacts::updated_at.eq(now),
                ))
                .returning(contacts::id)
                .get_result(c)?;
            let contact = get(c, id).map_err(|_| diesel::result::Error::NotFound)?;
            history::record(c, Kind::Contact, contact.id, Some(city_id), &caller.actor(), None, Some(&serde_json::to_value(&contact).unwrap()))?;
            QueryResult::Ok(contact)
        })?)
    })
    .await?;
    Ok(versioned(StatusCode::CREATED, &contact, contact.version))
}

/// Changes a contact; send the version you read.
#[utoipa::path(patch, path = "/api/v1/contacts/{id}", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 200, body = Contact), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_contact(req: HttpRequest, state: web::Data<AppState>, caller: Caller, id: web::Path<String>, body: Json<ContactInput>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version)?;
    let contact = db(&state.pool, move |c| {
        let before = get(c, id)?;
        caller.can_edit_city(before.city_id)?;
        let f = parse(&body.0, Some(&before))?;
        if before.version != expected {
            return Err(super::store::conflict("contact", before.version, expected));
        }
        let after = c.transaction(|c| {
            let n = diesel::update(contacts::table.find(id).filter(contacts::version.eq(expected)))
                .set((
                    contacts::name.eq(&f.name),
                    contacts::email.eq(&f.email),
                    contacts::language.eq(&f.language),
                    contacts::office_role.eq(&f.office_role),
                    contacts::receives_reminders.eq(f.receives_reminders),
                    contacts::version.eq(expected + 1),
                    contacts::updated_at.eq(Utc::now().naive_utc()),
                ))
                .execute(c)?;
            if n == 0 {
                return QueryResult::Ok(None);
            }
            let after = get(c, id).map_err(|_| diesel::result::Error::NotFound)?;
            history::record(c, Kind::Contact, id, Some(after.city_id), &caller.actor(), Some(&serde_json::to_value(&before).unwrap()), Some(&serde_json::to_value(&after).unwrap()))?;
            Ok(Some(after))
        })?;
        after.ok_or_else(|| super::store::conflict("contact", before.version + 1, expected))
    })
    .await?;
    Ok(versioned(StatusCode::OK, &contact, contact.version))
}

/// Removes a contact.
#[utoipa::path(delete, path = "/api/v1/contacts/{id}", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete_contact(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id_param(&id)?;
    db(&state.pool, move |c| {
        let before = get(c, id)?;
        caller.can_edit_city(before.city_id)?;
        c.transaction(|c| {
            diesel::delete(contacts::table.find(id)).execute(c)?;
            history::record(c, Kind::Contact, id, Some(before.city_id), &caller.actor(), Some(&serde_json::to_value(&before).unwrap()), None)
        })?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
