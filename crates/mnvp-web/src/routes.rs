//! The route table: every route with the roles that may use it, in one place. The router and
//! the guard are both built from it, and the authorisation matrix test checks its own
//! expectations against it, so a new route cannot be added without deciding who may use it.

use crate::auth::guard::{authorize, Access};
use crate::{
    account, admin, api, capture, field, health, home, login, middleware, pages, safety, themes,
    voices, AppState,
};
use axum::http::Method;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use mnvp_domain::role::Role;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) const ADMIN: Access = Access::Roles(&[Role::Administrator]);
pub(crate) const PUBLIC: Access = Access::Public;
pub(crate) const SIGNED_IN: Access = Access::SignedIn;
/// People who work with individual feedback items (commissioners see aggregates only).
pub(crate) const FEEDBACK_READERS: Access =
    Access::Roles(&[Role::MnvpLead, Role::Volunteer, Role::TrustStaff]);
/// The MNVP lead alone (triage, coding, original text, planning).
pub(crate) const LEAD: Access = Access::Roles(&[Role::MnvpLead]);
/// MNVP leads and volunteers (field work: Walk the Patch, outreach, 15 Steps).
pub(crate) const MNVP_TEAM: Access = Access::Roles(&[Role::MnvpLead, Role::Volunteer]);

/// One capability's rows of the route table.
pub(crate) type Routes = Vec<(RouteSpec, MethodRouter<AppState>)>;

/// One row of the route table.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

pub(crate) fn r(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> (RouteSpec, MethodRouter<AppState>) {
    (
        RouteSpec {
            method,
            path,
            access,
        },
        handler,
    )
}

/// Every capability's routes. Each capability keeps its own rows beside its handlers.
fn table() -> Routes {
    [
        foundation(),
        capture::routes(),
        field::routes(),
        safety::routes(),
        voices::routes(),
        themes::routes(),
    ]
    .concat()
}

/// Health, sign-in, the dashboard, accounts, administration and the JSON API.
fn foundation() -> Routes {
    use Method as M;
    vec![
        r(M::GET, "/health", PUBLIC, get(health::get_health)),
        r(M::GET, "/ready", PUBLIC, get(health::get_ready)),
        r(M::GET, "/static/app.css", PUBLIC, get(pages::get_app_css)),
        r(M::GET, "/static/init.js", PUBLIC, get(pages::get_init_js)),
        r(
            M::GET,
            "/static/js-enabled.js",
            PUBLIC,
            get(pages::get_js_enabled),
        ),
        r(
            M::GET,
            "/accessibility",
            PUBLIC,
            get(pages::get_accessibility),
        ),
        r(M::GET, "/privacy", PUBLIC, get(pages::get_privacy)),
        r(M::GET, "/login", PUBLIC, get(login::get_login)),
        r(M::POST, "/login", PUBLIC, post(login::post_login)),
        r(
            M::GET,
            "/login/two-factor",
            PUBLIC,
            get(login::get_two_factor),
        ),
        r(
            M::POST,
            "/login/two-factor",
            PUBLIC,
            post(login::post_two_factor),
        ),
        r(M::POST, "/logout", SIGNED_IN, post(login::post_logout)),
        r(M::GET, "/", SIGNED_IN, get(home::get_home)),
        r(M::GET, "/account", SIGNED_IN, get(account::get_account)),
        r(
            M::GET,
            "/account/password",
            SIGNED_IN,
            get(account::get_password),
        ),
        r(
            M::POST,
            "/account/password",
            SIGNED_IN,
            post(account::post_password),
        ),
        r(
            M::GET,
            "/account/two-factor",
            SIGNED_IN,
            get(account::get_two_factor),
        ),
        r(
            M::POST,
            "/account/two-factor",
            SIGNED_IN,
            post(account::post_two_factor),
        ),
        r(
            M::POST,
            "/account/two-factor/disable",
            SIGNED_IN,
            post(account::post_disable_two_factor),
        ),
        r(
            M::GET,
            "/admin/organisations",
            ADMIN,
            get(admin::orgs::list_orgs),
        ),
        r(
            M::GET,
            "/admin/organisations/new",
            ADMIN,
            get(admin::orgs::new_org),
        ),
        r(
            M::POST,
            "/admin/organisations/new",
            ADMIN,
            post(admin::orgs::create_org),
        ),
        r(
            M::GET,
            "/admin/organisations/{id}",
            ADMIN,
            get(admin::orgs::show_org),
        ),
        r(
            M::GET,
            "/admin/organisations/{id}/edit",
            ADMIN,
            get(admin::orgs::edit_org),
        ),
        r(
            M::POST,
            "/admin/organisations/{id}/edit",
            ADMIN,
            post(admin::orgs::update_org),
        ),
        r(
            M::POST,
            "/admin/organisations/{id}/units",
            ADMIN,
            post(admin::orgs::update_units),
        ),
        r(
            M::GET,
            "/admin/organisations/{id}/delete",
            ADMIN,
            get(admin::orgs::confirm_delete_org),
        ),
        r(
            M::POST,
            "/admin/organisations/{id}/delete",
            ADMIN,
            post(admin::orgs::delete_org),
        ),
        r(M::GET, "/admin/users", ADMIN, get(admin::users::list_users)),
        r(
            M::GET,
            "/admin/users/new",
            ADMIN,
            get(admin::users::new_user),
        ),
        r(
            M::POST,
            "/admin/users/new",
            ADMIN,
            post(admin::users::create_user),
        ),
        r(
            M::GET,
            "/admin/users/{id}",
            ADMIN,
            get(admin::users::show_user),
        ),
        r(
            M::GET,
            "/admin/users/{id}/edit",
            ADMIN,
            get(admin::users::edit_user),
        ),
        r(
            M::POST,
            "/admin/users/{id}/edit",
            ADMIN,
            post(admin::users::update_user),
        ),
        r(
            M::POST,
            "/admin/users/{id}/reset-password",
            ADMIN,
            post(admin::users::reset_password),
        ),
        r(M::GET, "/admin/audit", ADMIN, get(admin::audit::list_audit)),
        r(M::GET, "/api/v1/me", SIGNED_IN, get(api::get_me)),
        r(
            M::GET,
            "/api/v1/organisations",
            ADMIN,
            get(api::list_organisations),
        ),
        r(
            M::POST,
            "/api/v1/organisations",
            ADMIN,
            post(api::create_organisation),
        ),
        r(
            M::GET,
            "/api/v1/organisations/{id}",
            ADMIN,
            get(api::get_organisation),
        ),
    ]
}

/// The route table without handlers, for tests and documentation.
pub fn catalogue() -> Vec<RouteSpec> {
    table().into_iter().map(|(spec, _)| spec).collect()
}

/// Access by (method, route pattern), as the guard looks it up.
pub struct RouteIndex(HashMap<(Method, String), Access>);

impl RouteIndex {
    pub fn access(&self, method: &Method, path: &str) -> Option<Access> {
        self.0.get(&(method.clone(), path.to_string())).copied()
    }
}

/// The whole application: routes, guard, sessions, error pages, assets and the HTTP layers.
pub fn app(state: AppState) -> Router {
    let rows = table();
    let index = Arc::new(RouteIndex(
        rows.iter()
            .map(|(spec, _)| ((spec.method.clone(), spec.path.to_string()), spec.access))
            .collect(),
    ));
    let mut router: Router<AppState> = Router::new();
    for (spec, handler) in rows {
        router = router.route(spec.path, handler);
    }
    let router = router
        .route_layer(axum::middleware::from_fn_with_state(index, authorize))
        .fallback(pages::not_found)
        .nest("/assets", middleware::assets_service(&state.settings))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::load_session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::render_errors,
        ));
    middleware::http_layers(router.with_state(state.clone()), &state.settings)
}
