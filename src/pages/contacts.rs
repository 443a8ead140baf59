//! A city's contacts: the list, adding one, changing one, and removing one after a
//! confirmation page. The rules live in `cities::commands`: the secretariat and the city's
//! own editors change contacts; observers read them.

use super::admin::{self, anchored, form_version, refused, Refused};
use super::web::{db, form_errors_in, lang, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::cities::commands;
use crate::cities::contacts::{Contact, ContactInput};
use crate::error::FieldError;
use crate::i18n::Lang;
use crate::ids::{CityId, ContactId};
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}/contacts", aweb::get().to(list))
        .route("/cities/{id}/contacts/new", aweb::get().to(new_form))
        .route("/cities/{id}/contacts/new", aweb::post().to(create))
        .route("/cities/{id}/contacts/{contact}/edit", aweb::get().to(edit_form))
        .route("/cities/{id}/contacts/{contact}/edit", aweb::post().to(update))
        .route("/cities/{id}/contacts/{contact}/remove", aweb::get().to(remove_form))
        .route("/cities/{id}/contacts/{contact}/remove", aweb::post().to(remove));
}

/// The fields' names, for the error summary ("Email address is not…").
fn field_labels(lang: Lang) -> Vec<(&'static str, String)> {
    [
        ("name", "cities-contact-name"),
        ("email", "cities-contact-email"),
        ("language", "cities-contact-language"),
        ("office_role", "cities-contact-office-role"),
        ("receives_reminders", "cities-contact-reminders"),
    ]
    .into_iter()
    .map(|(field, key)| (field, t!(lang, key)))
    .collect()
}

fn list_path(city: i64) -> String {
    format!("/cities/{city}/contacts")
}

/// The city's name, for whoever may read the city (404 if there is none).
async fn city_name(req: &HttpRequest, viewer: &Viewer, city_id: i64) -> Result<String, super::web::PageError> {
    viewer.caller.can_read_city(city_id)?;
    db(req, move |c| Ok(crate::cities::store::require(c, city_id)?.name)).await
}

/// A contact of this city (a contact of another city is "not found" here).
async fn contact_of(
    req: &HttpRequest,
    viewer: &Viewer,
    city_id: i64,
    id: i64,
) -> Result<Contact, super::web::PageError> {
    let caller = viewer.caller.clone();
    db(req, move |c| commands::contact(c, &caller, CityId(city_id), ContactId(id))).await
}

fn ids(raw: &(String, String)) -> Result<(i64, i64), super::web::PageError> {
    Ok((crate::http::id_param(&raw.0)?, crate::http::id_param(&raw.1)?))
}

async fn list(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    let caller = viewer.caller.clone();
    let contacts = db(&req, move |c| commands::contacts(c, &caller, city_id)).await?;
    let rows: Vec<Value> = contacts
        .iter()
        .map(|c| json!({"id": c.id, "name": c.name, "email": c.email, "language": c.language, "office_role": c.office_role, "receives_reminders": c.receives_reminders}))
        .collect();
    page(
        &req,
        "contacts",
        &t!(lang(&req), "cities-contacts-title", city = name.as_str()),
        json!({
            "city": {"id": city_id, "name": name},
            "contacts": rows,
            "can_edit": viewer.caller.can_edit_city(city_id).is_ok(),
            "personal": viewer.caller.may_see_personal_data(city_id),
        }),
    )
}

/// The contact form's values, as saved or as typed.
#[derive(Clone, Default)]
struct ContactForm {
    name: String,
    email: String,
    language: String,
    office_role: String,
    receives_reminders: bool,
    version: Option<i32>,
}

impl ContactForm {
    fn from_contact(c: &Contact) -> Self {
        ContactForm {
            name: c.name.clone(),
            email: c.email.clone(),
            language: c.language.clone(),
            office_role: c.office_role.clone(),
            receives_reminders: c.receives_reminders,
            version: Some(c.version),
        }
    }

    fn from_form(form: &Form) -> Self {
        ContactForm {
            name: form.get("name").to_string(),
            email: form.get("email").to_string(),
            language: form.get("language").to_string(),
            office_role: form.get("office_role").to_string(),
            receives_reminders: form.get("receives_reminders") != "no",
            version: None,
        }
    }

    fn input(&self) -> ContactInput {
        ContactInput {
            version: self.version,
            name: Some(self.name.clone()),
            email: Some(self.email.clone()),
            language: Some(self.language.clone()),
            office_role: Some(self.office_role.clone()),
            receives_reminders: Some(self.receives_reminders),
        }
    }
}

/// Renders the form to add (`contact` None) or change a contact.
fn form_page(
    req: &HttpRequest,
    status: StatusCode,
    city: (i64, &str),
    contact: Option<i64>,
    f: &ContactForm,
    errors: &[FieldError],
) -> PageResult {
    let (city_id, city_name) = city;
    let lang = lang(req);
    let (title, action) = match contact {
        None => (t!(lang, "cities-contact-new-title", city = city_name), format!("/cities/{city_id}/contacts/new")),
        Some(id) => {
            (t!(lang, "cities-contact-edit-title", city = city_name), format!("/cities/{city_id}/contacts/{id}/edit"))
        }
    };
    let labels = field_labels(lang);
    let labels: Vec<(&str, &str)> = labels.iter().map(|(f, l)| (*f, l.as_str())).collect();
    render(
        req,
        status,
        "contact_form",
        &title,
        json!({
            "heading": title, "action": action, "new": contact.is_none(), "back": list_path(city_id),
            "name": f.name, "email": f.email, "language": f.language, "office_role": f.office_role, "version": f.version,
            "reminder_options": [
                {"value": "yes", "label": t!(lang, "cities-yes"), "checked": f.receives_reminders},
                {"value": "no", "label": t!(lang, "cities-no"), "checked": !f.receives_reminders},
            ],
            "errors": form_errors_in(errors, &labels, lang),
        }),
    )
}

fn refused_page(req: &HttpRequest, city: (i64, &str), contact: Option<i64>, f: &ContactForm, r: Refused) -> PageResult {
    let mut f = f.clone();
    if r.version.is_some() {
        f.version = r.version;
    }
    form_page(req, r.status, city, contact, &f, &anchored(r.errors, "contact-form"))
}

async fn new_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    viewer.caller.can_edit_city(city_id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    let f = ContactForm { language: "en".into(), receives_reminders: true, ..Default::default() };
    form_page(&req, StatusCode::OK, (city_id, &name), None, &f, &[])
}

async fn create(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let now = super::web::now(&req);
    let city_id = crate::http::id_param(&id)?;
    viewer.caller.can_edit_city(city_id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    let f = ContactForm::from_form(&form);
    if let Err(e) = form.check_csrf(&req) {
        return refused_page(&req, (city_id, &name), None, &f, admin::expired(e));
    }
    let (caller, input) = (viewer.caller.clone(), f.input());
    match db(&req, move |c| Ok(commands::create_contact(c, &caller, city_id, &input, now))).await? {
        Ok(contact) => Ok(redirect_with_notice(
            &list_path(city_id),
            &t!(lang(&req), "cities-contact-added", name = contact.name, city = name.as_str()),
        )),
        Err(e) => {
            refused_page(&req, (city_id, &name), None, &f, refused(e, &t!(lang(&req), "cities-contact-conflict"))?)
        }
    }
}

async fn edit_form(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>) -> PageResult {
    let (city_id, id) = ids(&path)?;
    viewer.caller.can_edit_city(city_id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    let contact = contact_of(&req, &viewer, city_id, id).await?;
    form_page(&req, StatusCode::OK, (city_id, &name), Some(id), &ContactForm::from_contact(&contact), &[])
}

async fn update(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>, form: Form) -> PageResult {
    let now = super::web::now(&req);
    let (city_id, id) = ids(&path)?;
    viewer.caller.can_edit_city(city_id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    contact_of(&req, &viewer, city_id, id).await?;
    let mut f = ContactForm::from_form(&form);
    let expected = form_version(&form)?;
    f.version = Some(expected);
    if let Err(e) = form.check_csrf(&req) {
        return refused_page(&req, (city_id, &name), Some(id), &f, admin::expired(e));
    }
    let (caller, input) = (viewer.caller.clone(), f.input());
    match db(&req, move |c| Ok(commands::update_contact(c, &caller, id, expected, &input, now))).await? {
        Ok(contact) => {
            Ok(redirect_with_notice(&list_path(city_id), &t!(lang(&req), "cities-contact-saved", name = contact.name)))
        }
        Err(e) => {
            refused_page(&req, (city_id, &name), Some(id), &f, refused(e, &t!(lang(&req), "cities-contact-conflict"))?)
        }
    }
}

fn remove_page(
    req: &HttpRequest,
    status: StatusCode,
    city: (i64, &str),
    c: &Contact,
    errors: &[FieldError],
) -> PageResult {
    render(
        req,
        status,
        "contact_remove",
        &t!(lang(req), "cities-contact-remove-title", name = c.name.as_str()),
        json!({
            "city": {"id": city.0, "name": city.1},
            "contact": {"id": c.id, "name": c.name, "email": c.email, "office_role": c.office_role, "receives_reminders": c.receives_reminders},
            "errors": form_errors_in(errors, &[], lang(req)),
        }),
    )
}

async fn remove_form(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>) -> PageResult {
    let (city_id, id) = ids(&path)?;
    viewer.caller.can_edit_city(city_id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    let contact = contact_of(&req, &viewer, city_id, id).await?;
    remove_page(&req, StatusCode::OK, (city_id, &name), &contact, &[])
}

async fn remove(req: HttpRequest, viewer: Viewer, path: aweb::Path<(String, String)>, form: Form) -> PageResult {
    let now = super::web::now(&req);
    let (city_id, id) = ids(&path)?;
    viewer.caller.can_edit_city(city_id)?;
    let name = city_name(&req, &viewer, city_id).await?;
    let contact = contact_of(&req, &viewer, city_id, id).await?;
    if let Err(e) = form.check_csrf(&req) {
        return remove_page(
            &req,
            StatusCode::UNPROCESSABLE_ENTITY,
            (city_id, &name),
            &contact,
            &anchored(vec![e], "remove-form"),
        );
    }
    let caller = viewer.caller.clone();
    let removed = db(&req, move |c| commands::delete_contact(c, &caller, id, now)).await?;
    Ok(redirect_with_notice(
        &list_path(city_id),
        &t!(lang(&req), "cities-contact-removed", name = removed.name, city = name.as_str()),
    ))
}
