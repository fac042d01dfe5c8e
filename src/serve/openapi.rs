//! The API's description in `OpenAPI` 3.1, generated from the handlers and the JSON shapes.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{budgets, catalog, expenses, reports, routes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Smart Spending Tracker",
        description = "The reference design's REST API over a spend ledger. Every /api request needs `Authorization: Bearer TOKEN` (`spend token create`), unless the server runs with --no-auth on a loopback address. An expense dated before 1970 or more than a year after today is refused with 400 as a likely typo, unless its POST or PATCH body says `\"confirm\": true`."
    ),
    paths(
        routes::health,
        expenses::create, expenses::list, expenses::read, expenses::update, expenses::delete,
        reports::summary, reports::report, reports::export_csv,
        catalog::list_users, catalog::create_user, catalog::list_categories, catalog::create_category,
        budgets::list, budgets::set, budgets::list_alerts, budgets::mark_seen,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Declares the bearer scheme the paths' `security` names.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}
