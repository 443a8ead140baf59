//! The application state every handler and page can reach (`web::Data<AppState>`). It is a
//! bag of shared values (the pool, the settings, the clock, compiled templates) with no
//! behaviour: `startup` builds it, the domains' routes and the pages read it, and no domain
//! needs to import `startup`, which imports them all.

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Pool;
use crate::mail::templates::EmailTemplates;
use std::sync::Arc;

/// What every handler can reach.
pub struct AppState {
    pub pool: Pool,
    pub settings: Arc<Settings>,
    /// Compiled email templates, for code that enqueues emails (`mail::outbox::enqueue`).
    pub templates: Arc<EmailTemplates>,
    /// What "now" is for requests (a manual clock in tests).
    pub clock: Clock,
    /// Compiled page templates.
    pub pages: Arc<crate::pages::Pages>,
    /// Compiled report templates (public outputs are rendered when a report is published).
    pub report_templates: Arc<crate::reports::render::Templates>,
    /// Whether demo data is loaded (every page then carries a banner).
    pub demo: crate::demo::Flag,
    /// The network overview as last computed here, per framework (`plans::overview::Cache`).
    pub overview: crate::plans::overview::Cache,
    /// City pages' content as last rendered, until the data or the minute changes, with the
    /// city's name and whether its page is public (who may see it).
    pub city_pages: crate::pages::rendered::Rendered<crate::cities::CityHead>,
    /// Pages of the network overview's table as last rendered, under the overview computation
    /// they were rendered from (`plans::overview::Snapshot::serial`).
    pub network_rows: crate::pages::rendered::Rendered<(), u64>,
    /// Recent searches' results, until the data changes (`actions::search::Cache`).
    pub searches: crate::actions::search::Cache,
    /// What changed, heard as it commits on any instance (PostgreSQL; `db::changes`).
    pub changes: crate::db::changes::Feed,
    /// Sessions found recently, trusted while the feed hears no session end (`auth::sessions`).
    pub sessions: crate::auth::sessions::Kept,
}
