//! The OpenAPI 3 description, generated from the handlers' annotations and types.

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "charter-tracker API", description = "Cities' action plans against the EUROCITIES Charter on Integrating Cities. Errors are RFC 9457 problem details."),
    paths(
        crate::startup::healthz,
        crate::charter::routes::list_frameworks,
        crate::charter::routes::get_framework,
        crate::auth::routes::me,
        crate::cities::routes::list_cities,
        crate::cities::routes::create_city,
        crate::cities::routes::get_city,
        crate::cities::routes::update_city,
        crate::cities::contacts::list_contacts,
        crate::cities::contacts::create_contact,
        crate::cities::contacts::update_contact,
        crate::cities::contacts::delete_contact,
        crate::plans::routes::list_plans,
        crate::plans::routes::create_plan,
        crate::plans::routes::get_plan,
        crate::plans::routes::update_plan,
        crate::plans::routes::plan_coverage,
        crate::actions::routes::list_actions,
        crate::actions::routes::create_action,
        crate::actions::routes::get_action,
        crate::actions::routes::update_action,
        crate::actions::routes::delete_action,
        crate::history::routes::object_history,
        crate::check_ins::routes::get_schedule,
        crate::check_ins::routes::put_schedule,
        crate::check_ins::routes::list_rounds,
        crate::check_ins::routes::open_round,
        crate::check_ins::routes::get_round,
        crate::check_ins::routes::round_check_ins,
        crate::check_ins::routes::city_check_ins,
        crate::check_ins::routes::city_calendar,
        crate::check_ins::routes::get_check_in,
        crate::check_ins::routes::save_draft,
        crate::check_ins::routes::submit,
        crate::check_ins::routes::extend,
        crate::check_ins::routes::link_form,
        crate::check_ins::routes::link_save_draft,
        crate::check_ins::routes::link_submit,
        crate::mail::routes::list_outbox,
        crate::mail::routes::get_outbox_email,
        crate::mail::routes::retry_outbox_email,
        crate::indicators::routes::list_indicators,
        crate::indicators::routes::add_indicator,
        crate::indicators::routes::list_values,
        crate::indicators::routes::create_value,
        crate::indicators::routes::get_value,
        crate::indicators::routes::update_value,
        crate::indicators::routes::delete_value,
        crate::reports::routes::compile_report,
        crate::reports::routes::list_reports,
        crate::reports::routes::get_report,
        crate::reports::routes::report_versions,
        crate::reports::routes::publish_report,
        crate::reports::routes::draft_html,
        crate::reports::routes::mark_good_practice,
        crate::reports::routes::unmark_good_practice,
        crate::exchange::routes::import_cities,
        crate::exchange::routes::import_actions,
        crate::exchange::routes::confirm_import,
        crate::exchange::routes::template,
        crate::exchange::routes::export_data,
        crate::exchange::routes::open_data,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

pub async fn serve() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
