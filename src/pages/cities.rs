//! The list of signatory cities (search, pages), and the forms that register a city and change
//! its name, country, public page and signatures. The rules live in `cities::commands`; a
//! city's plan page (`/cities/{id}`) is elsewhere.

use super::admin::{self, anchored, form_version, refused, Refused};
use super::labels;
use super::web::{db, form_errors_in, lang, page, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::charter::store::Framework;
use crate::cities::{commands, store, City, CityPatchInput, NewCityInput, SignatureInput};
use crate::i18n::Lang;
use crate::t;
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities", aweb::get().to(list))
        .route("/cities/new", aweb::get().to(new_form))
        .route("/cities/new", aweb::post().to(create))
        .route("/cities/{id}/edit", aweb::get().to(edit_form))
        .route("/cities/{id}/edit", aweb::post().to(update));
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<String>,
}

fn signatures_view(c: &City, frameworks: &[Framework], lang: Lang) -> Vec<Value> {
    c.signatures
        .iter()
        .map(|s| {
            let title =
                frameworks.iter().find(|f| f.code == s.framework).map_or(s.framework.as_str(), |f| f.title.as_str());
            json!({"title": title, "date": labels::date(s.signed_on, lang)})
        })
        .collect()
}

async fn list(req: HttpRequest, viewer: Viewer, q: aweb::Query<ListQuery>) -> PageResult {
    let lang = lang(&req);
    let number = admin::page_number(q.page.as_deref(), lang)?;
    let (limit, offset) = admin::limits(number);
    let search = q.q.clone().unwrap_or_default().trim().to_string();
    let caller = viewer.caller.clone();
    let s = search.clone();
    let ((cities, total), frameworks) = db(&req, move |c| {
        let found = commands::list(c, &caller, Some(&s), limit, offset)?;
        Ok((found, crate::charter::store::list(c)?))
    })
    .await?;
    let rows: Vec<Value> = cities
        .iter()
        .map(|c| {
            json!({
                "id": c.id, "name": c.name, "country": c.country, "public": c.public,
                "signatures": signatures_view(c, &frameworks, lang),
                "can_edit": viewer.caller.can_edit_city(c.id).is_ok(),
            })
        })
        .collect();
    page(
        &req,
        "cities",
        &t!(lang, "cities-title"),
        json!({
            "q": search, "cities": rows, "total": total,
            "can_create": viewer.caller.require_secretariat().is_ok(),
            "pagination": admin::pagination("/cities", &[("q", &search)], number, total),
        }),
    )
}

/// What the city form shows: the values (as typed, or as saved), and a date field per framework.
#[derive(Clone)]
struct CityForm {
    name: String,
    country: String,
    public: bool,
    /// Framework code -> the "signed on" date as typed.
    signed: Vec<(String, String)>,
    version: Option<i32>,
}

impl CityForm {
    fn from_city(c: &City) -> Self {
        CityForm {
            name: c.name.clone(),
            country: c.country.clone(),
            public: c.public,
            signed: c.signatures.iter().map(|s| (s.framework.clone(), s.signed_on.to_string())).collect(),
            version: Some(c.version),
        }
    }

    fn from_form(form: &Form, frameworks: &[Framework]) -> Self {
        CityForm {
            name: form.get("name").to_string(),
            country: form.get("country").to_string(),
            public: form.get("public") == "yes",
            signed: frameworks.iter().map(|f| (f.code.clone(), form.get(&field_for(&f.code)).to_string())).collect(),
            version: None,
        }
    }

    /// The signatures to send: the frameworks with a date typed, in the order of the form.
    fn signatures(&self) -> Vec<SignatureInput> {
        self.signed
            .iter()
            .filter(|(_, d)| !d.trim().is_empty())
            .map(|(code, d)| SignatureInput { framework: code.clone(), signed_on: d.trim().to_string() })
            .collect()
    }

    /// Renames `signatures[i].…` errors to the date field of the i-th signature sent.
    fn place_errors(&self, mut errors: Vec<crate::error::FieldError>) -> Vec<crate::error::FieldError> {
        let sent = self.signatures();
        for e in &mut errors {
            if let Some(i) = e
                .field
                .strip_prefix("signatures[")
                .and_then(|r| r.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
            {
                if let Some(s) = sent.get(i) {
                    e.field = field_for(&s.framework);
                }
            }
        }
        errors
    }
}

fn field_for(framework: &str) -> String {
    format!("signed_on-{framework}")
}

fn field_labels(frameworks: &[Framework], lang: Lang) -> Vec<(String, String)> {
    let mut l: Vec<(String, String)> = vec![
        ("name".into(), t!(lang, "cities-field-name")),
        ("country".into(), t!(lang, "cities-field-country")),
        ("public".into(), t!(lang, "cities-field-public-label")),
    ];
    l.extend(
        frameworks
            .iter()
            .map(|f| (field_for(&f.code), t!(lang, "cities-signed-on-error", framework = f.title.as_str()))),
    );
    l
}

/// The country drop-down: "Choose a country", then every country by its name in `lang` (the
/// ISO code is the value sent), `current` chosen.
fn country_options(current: &str, lang: Lang) -> Vec<Value> {
    let current = current.trim().to_ascii_uppercase();
    std::iter::once(
        json!({"value": "", "label": t!(lang, "cities-field-country-choose"), "selected": current.is_empty()}),
    )
    .chain(
        crate::i18n::countries(lang)
            .into_iter()
            .map(|(code, name)| json!({"value": code, "label": name, "selected": code == current})),
    )
    .collect()
}

struct Shown<'a> {
    req: &'a HttpRequest,
    /// None when registering a new city.
    city: Option<(i64, String)>,
    frameworks: &'a [Framework],
}

impl Shown<'_> {
    fn render(&self, status: StatusCode, f: &CityForm, errors: &[crate::error::FieldError]) -> PageResult {
        let lang = lang(self.req);
        let owned = field_labels(self.frameworks, lang);
        let labels: Vec<(&str, &str)> = owned.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let errors = form_errors_in(errors, &labels, lang);
        let signatures: Vec<Value> = self
            .frameworks
            .iter()
            .map(|fw| {
                let id = field_for(&fw.code);
                let value = f.signed.iter().find(|(c, _)| *c == fw.code).map(|(_, d)| d.clone()).unwrap_or_default();
                json!({"id": id, "label": t!(lang, "cities-signed-on", framework = fw.title.as_str()), "value": value, "error": errors["fields"].get(&id)})
            })
            .collect();
        let (title, heading, action) = match &self.city {
            None => (t!(lang, "cities-new-title"), t!(lang, "cities-new-heading"), "/cities/new".to_string()),
            Some((id, name)) => (
                t!(lang, "cities-edit-title", city = name),
                t!(lang, "cities-edit-heading", city = name),
                format!("/cities/{id}/edit"),
            ),
        };
        render(
            self.req,
            status,
            "city_form",
            &title,
            json!({
                "heading": heading, "action": action, "new": self.city.is_none(),
                "city": self.city.as_ref().map(|(id, name)| json!({"id": id, "name": name})),
                "name": f.name, "country": f.country, "version": f.version,
                "country_options": country_options(&f.country, lang),
                "public_options": [
                    {"value": "yes", "label": t!(lang, "cities-public-yes"), "checked": f.public},
                    {"value": "no", "label": t!(lang, "cities-public-no"), "checked": !f.public},
                ],
                "signatures": signatures,
                "errors": errors,
            }),
        )
    }

    fn refused(&self, f: &CityForm, r: Refused) -> PageResult {
        let mut f2 = f.clone();
        if r.version.is_some() {
            f2.version = r.version;
        }
        self.render(r.status, &f2, &f.place_errors(anchored(r.errors, "city-form")))
    }
}

async fn new_form(req: HttpRequest, viewer: Viewer) -> PageResult {
    viewer.caller.require_secretariat()?;
    let frameworks = db(&req, |c| Ok(crate::charter::store::list(c)?)).await?;
    let f = CityForm { name: String::new(), country: String::new(), public: false, signed: vec![], version: None };
    Shown { req: &req, city: None, frameworks: &frameworks }.render(StatusCode::OK, &f, &[])
}

async fn create(req: HttpRequest, viewer: Viewer, form: Form) -> PageResult {
    let now = super::web::now(&req);
    viewer.caller.require_secretariat()?;
    let frameworks = db(&req, |c| Ok(crate::charter::store::list(c)?)).await?;
    let f = CityForm::from_form(&form, &frameworks);
    let shown = Shown { req: &req, city: None, frameworks: &frameworks };
    if let Err(e) = form.check_csrf(&req) {
        return shown.refused(&f, admin::expired(e));
    }
    let input =
        NewCityInput { name: f.name.clone(), country: f.country.clone(), public: f.public, signatures: f.signatures() };
    let caller = viewer.caller.clone();
    match db(&req, move |c| Ok(commands::create(c, &caller, &input, now))).await? {
        Ok(city) => Ok(redirect_with_notice("/cities", &t!(lang(&req), "cities-registered", city = city.name))),
        Err(e) => shown.refused(&f, refused(e, &t!(lang(&req), "cities-conflict"))?),
    }
}

async fn edit_form(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let id = crate::http::id_param(&id)?;
    viewer.caller.can_edit_city(id)?;
    let (city, frameworks) = db(&req, move |c| Ok((store::require(c, id)?, crate::charter::store::list(c)?))).await?;
    let f = CityForm::from_city(&city);
    Shown { req: &req, city: Some((city.id, city.name.clone())), frameworks: &frameworks }.render(
        StatusCode::OK,
        &f,
        &[],
    )
}

async fn update(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let now = super::web::now(&req);
    let id = crate::http::id_param(&id)?;
    viewer.caller.can_edit_city(id)?;
    let (city, frameworks) = db(&req, move |c| Ok((store::require(c, id)?, crate::charter::store::list(c)?))).await?;
    let mut f = CityForm::from_form(&form, &frameworks);
    let expected = form_version(&form)?;
    f.version = Some(expected);
    let shown = Shown { req: &req, city: Some((city.id, city.name.clone())), frameworks: &frameworks };
    if let Err(e) = form.check_csrf(&req) {
        return shown.refused(&f, admin::expired(e));
    }
    let input = CityPatchInput {
        version: Some(expected),
        name: Some(f.name.clone()),
        country: Some(f.country.clone()),
        public: Some(f.public),
        signatures: Some(f.signatures()),
    };
    let caller = viewer.caller.clone();
    match db(&req, move |c| Ok(commands::update(c, &caller, id, expected, &input, now))).await? {
        Ok(city) => Ok(redirect_with_notice("/cities", &t!(lang(&req), "cities-saved", city = city.name))),
        Err(e) => shown.refused(&f, refused(e, &t!(lang(&req), "cities-conflict"))?),
    }
}
