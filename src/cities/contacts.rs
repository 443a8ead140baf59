//! A city's contacts: the people in the mayor's office who receive reminders.

use super::commands;
use crate::app::AppState;
use crate::auth::Caller;
use crate::db::schema::contacts;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::{db, expected_version, id_param, versioned, Json};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
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

/// A contact as a reader of the city sees it (`GET /cities/{id}/contacts`, the contacts
/// page). Name and email address are personal data: shown to the secretariat and the city's own
/// editors, `null` for observers (`Caller::may_see_personal_data`). Made only by
/// [`Contact::seen_by`], so no list can forget the rule.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ContactView {
    pub id: i64,
    pub city_id: i64,
    /// `null` when the caller may not see personal data (observers).
    pub name: Option<String>,
    /// `null` when the caller may not see personal data (observers).
    pub email: Option<String>,
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

impl Contact {
    /// This contact as `caller` may see it: without name and email unless they may see the
    /// city's personal data.
    pub fn seen_by(self, caller: &Caller) -> ContactView {
        let personal = caller.may_see_personal_data(self.city_id);
        ContactView {
            id: self.id,
            city_id: self.city_id,
            name: personal.then_some(self.name),
            email: personal.then_some(self.email),
            language: self.language,
            office_role: self.office_role,
            receives_reminders: self.receives_reminders,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
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

pub fn for_city(conn: &mut DbConnection, city_id: i64) -> QueryResult<Vec<Contact>> {
    contacts::table.filter(contacts::city_id.eq(city_id)).order(contacts::id).select(Contact::as_select()).load(conn)
}

pub fn for_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Contact>> {
    contacts::table.find(id).select(Contact::as_select()).first(conn).optional()
}

/// One contact, or a 404 naming the id.
pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Contact> {
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

/// A city's contacts; their names and email addresses only for the secretariat and the city's
/// own editors (`null` for observers).
#[utoipa::path(get, path = "/api/v1/cities/{id}/contacts", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 200, body = Vec<ContactView>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_contacts(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let city_id = id_param(&id)?;
    caller.can_read_city(city_id)?;
    let list = db(&state.pool, move |c| commands::contacts(c, &caller, city_id)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Adds a contact (`name`, `email`, `language`) to a city.
#[utoipa::path(post, path = "/api/v1/cities/{id}/contacts", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 201, body = Contact), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_contact(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ContactInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let city_id = id_param(&id)?;
    caller.can_edit_city(city_id)?;
    let contact = db(&state.pool, move |c| commands::create_contact(c, &caller, city_id, &body.0, now)).await?;
    Ok(versioned(StatusCode::CREATED, &contact, contact.version))
}

/// Changes a contact; send the version you read.
#[utoipa::path(patch, path = "/api/v1/contacts/{id}", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ContactInput,
    responses((status = 200, body = Contact), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_contact(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<ContactInput>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    let expected = expected_version(&req, body.0.version)?;
    let contact = db(&state.pool, move |c| commands::update_contact(c, &caller, id, expected, &body.0, now)).await?;
    Ok(versioned(StatusCode::OK, &contact, contact.version))
}

/// Removes a contact.
#[utoipa::path(delete, path = "/api/v1/contacts/{id}", tag = "cities", security(("bearer" = [])),
    params(("id" = i64, Path)), responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete_contact(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let id = id_param(&id)?;
    db(&state.pool, move |c| commands::delete_contact(c, &caller, id, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
