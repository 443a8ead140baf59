//! Server-rendered pages for people (handlebars, no JavaScript). Templates are built into the
//! binary and can be overridden file by file from `./templates/pages`; files under `partials/`
//! are partials (`{{> partials/error_summary}}`).
//!
//! Where things are: `web` is the plumbing every page uses (who is signed in, forms, CSRF,
//! errors as pages); `session` signs people in and out and handles password links and the
//! account page; `check_in` is the one-page check-in form an emailed link opens. The mayor's
//! office: `city` (the plan by role and commitment), `plans`, `actions`, `check_ins` (a city's
//! rounds); `labels` holds the words for codes. The secretariat's pages: `network` (every city
//! at a glance), `cities`, `contacts`, `users` (accounts and their tokens), `rounds`
//! (rounds, extensions, the schedule), `peer_reviews` (reviews, their recommendations and
//! the host's responses; the public reads agreed summaries), `outbox` and `privacy` (what is held about a person,
//! export and erasure; and the public privacy page), sharing `admin`; their rules live in
//! each area's `commands` module, which the API uses too.

pub mod actions;
pub mod admin;
pub mod calendar;
pub mod check_in;
pub mod check_ins;
pub mod cities;
pub mod city;
pub mod contacts;
pub mod imports;
pub mod labels;
pub mod language;
pub mod learning;
pub mod network;
pub mod outbox;
pub mod peer_reviews;
pub mod plans;
pub mod privacy;
pub mod rendered;
pub mod reports;
pub mod reviews;
pub mod rounds;
pub mod search;
pub mod session;
pub mod users;
pub mod verification;
pub mod web;

use crate::i18n::Lang;
use actix_web::web as aweb;
use handlebars::Handlebars;
use rust_embed::RustEmbed;
use serde_json::{json, Value};
use std::path::Path;

/// Every page route (the API lives under /api/v1, elsewhere).
pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/", aweb::get().to(session::home))
        .route("/accessibility", aweb::get().to(accessibility))
        .configure(privacy::configure)
        .configure(session::configure)
        .configure(language::configure)
        .configure(check_in::configure)
        // Before `/check-ins/{id}` of the check-in form.
        .configure(reviews::configure)
        // Before any `/cities/{id}` route: `/cities/new` must not be read as a city id.
        .configure(cities::configure)
        // Early, as the page most asked for: routes are tried in order, each dynamic one by its
        // pattern. Only `/cities/new` (above) has the same shape.
        .configure(city::configure)
        .configure(imports::configure)
        .configure(contacts::configure)
        .configure(users::configure)
        .configure(rounds::configure)
        .configure(outbox::configure)
        .configure(calendar::configure)
        .configure(verification::configure)
        .configure(peer_reviews::configure)
        .configure(network::configure)
        .configure(check_ins::configure)
        .configure(plans::configure)
        .configure(search::configure)
        .configure(learning::configure)
        .configure(actions::configure)
        .configure(reports::configure)
        // Last: `/reports/{slug}` would read any other `/reports/...` page as a slug.
        .configure(crate::reports::public::configure);
}

async fn accessibility(req: actix_web::HttpRequest, _viewer: web::MaybeViewer) -> web::PageResult {
    let lang = web::lang(&req);
    web::page(&req, "accessibility", &crate::t!(lang, "public-accessibility-title"), json!({}))
}

#[derive(RustEmbed)]
#[folder = "templates/pages/"]
#[include = "*.hbs"]
struct BuiltIn;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

pub struct Pages {
    registry: Handlebars<'static>,
    network: String,
}

impl Pages {
    /// Compiles every page template; an override that does not compile stops start-up.
    pub fn load(override_dir: &Path, network: &str) -> anyhow::Result<Pages> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(false); // optional values (errors, banners) are simply absent
                                         // A partial called on an indented line would otherwise indent every line it outputs,
                                         // including the lines of a value inside a <textarea>, changing what people typed.
        registry.set_prevent_indent(true);
        crate::i18n::messages::register(&mut registry);
        registry.register_escape_fn(crate::i18n::messages::escape);
        handlebars::handlebars_helper!(date_part: |value: str, part: str| web::date_part(value, part));
        registry.register_helper("date_part", Box::new(date_part));
        for name in BuiltIn::iter() {
            let stem = name.trim_end_matches(".hbs").to_string();
            let local = override_dir.join(name.as_ref());
            let text = if local.is_file() {
                std::fs::read_to_string(&local).map_err(|e| anyhow::anyhow!("reading {}: {e}", local.display()))?
            } else {
                String::from_utf8_lossy(&BuiltIn::get(&name).expect("listed").data).into_owned()
            };
            let registered = if stem.starts_with("partials/") {
                registry.register_partial(&stem, text)
            } else {
                registry.register_template_string(&stem, text)
            };
            registered.map_err(|e| anyhow::anyhow!("page template {}: {e}", name))?;
        }
        Ok(Pages { registry, network: network.to_string() })
    }

    /// Renders a partial on its own (a piece of a page that is rendered once and kept,
    /// compressed, by `rendered::Rendered`), in `lang`.
    pub fn render_part(&self, lang: Lang, name: &str, data: &Value) -> anyhow::Result<String> {
        Ok(crate::i18n::messages::rendering_in(lang, || self.registry.render(name, data))?)
    }

    /// Renders `template` with `data` inside the layout in `lang`, with the layout's `chrome`
    /// (title, navigation, user, CSRF token, notice, languages; see `web::render`).
    pub fn render_with(&self, lang: Lang, template: &str, chrome: &Value, data: &Value) -> anyhow::Result<String> {
        crate::i18n::messages::rendering_in(lang, || self.render_in_layout(lang, template, chrome, data))
    }

    /// The layout in `lang` around `content` rendered beforehand (`render_part`, kept by
    /// `rendered::Rendered`), for a page without errors.
    pub fn render_around(&self, lang: Lang, chrome: &Value, content: &str) -> anyhow::Result<String> {
        crate::i18n::messages::rendering_in(lang, || self.layout(lang, chrome, content.to_string(), false))
    }

    fn render_in_layout(&self, lang: Lang, template: &str, chrome: &Value, data: &Value) -> anyhow::Result<String> {
        let content = self.registry.render(template, data)?;
        let has_errors = data.get("errors").is_some_and(|e| match e {
            Value::Array(a) => !a.is_empty(),
            Value::Object(o) => o.get("summary").and_then(Value::as_array).is_some_and(|s| !s.is_empty()),
            _ => false,
        });
        self.layout(lang, chrome, content, has_errors)
    }

    fn layout(&self, lang: Lang, chrome: &Value, content: String, has_errors: bool) -> anyhow::Result<String> {
        let mut layout = chrome.clone();
        if let Value::Object(m) = &mut layout {
            m.insert("lang".into(), lang.tag().into());
            m.insert("network".into(), self.network.clone().into());
            m.insert("content".into(), content.into());
            m.insert("has_errors".into(), has_errors.into());
        }
        Ok(self.registry.render("layout", &layout)?)
    }
}

/// Files from `static/`, built into the binary: `/static/app.css` and friends.
/// A stylesheet or image; a missing one answers the "Page not found" page, like any unknown address.
pub async fn asset(req: actix_web::HttpRequest, name: actix_web::web::Path<String>) -> actix_web::HttpResponse {
    let name = name.into_inner();
    let content_type = match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    };
    let lang = web::lang(&req);
    match Static::get(&name) {
        Some(f) => actix_web::HttpResponse::Ok()
            .content_type(content_type)
            .insert_header(("Cache-Control", "public, max-age=3600"))
            .body(f.data.into_owned()),
        None => web::message(
            &req,
            actix_web::http::StatusCode::NOT_FOUND,
            &crate::t!(lang, "error-not-found-heading"),
            &[&crate::t!(lang, "public-no-file")],
            Some(("/", &crate::t!(lang, "error-go-home"))),
        )
        .unwrap_or_else(|e| actix_web::ResponseError::error_response(&e)),
    }
}
