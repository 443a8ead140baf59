//! Server-rendered pages (handlebars, no JavaScript). Templates are built into the binary
//! and can be overridden file by file from `./templates/pages`.

pub mod check_in;

use handlebars::Handlebars;
use rust_embed::RustEmbed;
use serde_json::{json, Value};
use std::path::Path;

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
        for name in BuiltIn::iter() {
            let stem = name.trim_end_matches(".hbs").to_string();
            let local = override_dir.join(name.as_ref());
            let text = if local.is_file() {
                std::fs::read_to_string(&local).map_err(|e| anyhow::anyhow!("reading {}: {e}", local.display()))?
            } else {
                String::from_utf8_lossy(&BuiltIn::get(&name).expect("listed").data).into_owned()
            };
            registry
                .register_template_string(&stem, text)
                .map_err(|e| anyhow::anyhow!("page template {}: {e}", name))?;
        }
        Ok(Pages { registry, network: network.to_string() })
    }

    /// Renders `template` with `data` inside the layout.
    pub fn render(&self, template: &str, title: &str, data: &Value) -> anyhow::Result<String> {
        let content = self.registry.render(template, data)?;
        let has_errors = data.get("errors").and_then(Value::as_array).is_some_and(|e| !e.is_empty());
        Ok(self.registry.render(
            "layout",
            &json!({"lang": "en", "title": title, "network": self.network, "content": content, "has_errors": has_errors}),
        )?)
    }
}

/// The stylesheet, from the binary.
pub async fn stylesheet() -> actix_web::HttpResponse {
    match Static::get("app.css") {
        Some(f) => actix_web::HttpResponse::Ok()
            .content_type("text/css; charset=utf-8")
            .insert_header(("Cache-Control", "public, max-age=3600"))
            .body(f.data.into_owned()),
        None => actix_web::HttpResponse::NotFound().finish(),
    }
}
