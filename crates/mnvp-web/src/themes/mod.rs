//! Thematic analysis (guidance 2.13): codebooks, coding with machine help, agreement between
//! coders, model versions trained in the background, and trends with sentiment.

pub mod access;
pub mod agreement;
pub mod chart;
pub mod codebook_files;
pub mod codebooks;
pub mod coding;
pub mod engine;
pub mod grouping;
pub mod model_page;
pub mod theme_pages;
pub mod trends;
pub mod worker;

pub use worker::Jobs;

use crate::auth::guard::Access;
use crate::routes::{r, Routes, LEAD, MNVP_TEAM, PUBLIC, SIGNED_IN};
use axum::http::Method;
use axum::routing::{get, post};
use mnvp_domain::role::Role;

/// Leads of an MNVP, and the administrator for shared codebooks.
const CODEBOOK_EDITORS: Access = Access::Roles(&[Role::MnvpLead, Role::Administrator]);
/// Who may read a codebook's themes (the MNVP's volunteers, to code well).
const CODEBOOK_READERS: Access =
    Access::Roles(&[Role::MnvpLead, Role::Volunteer, Role::Administrator]);
/// The lead and the volunteers the lead asks to code (checked per codebook).
const CODERS: Access = MNVP_TEAM;
/// Everyone who sees theme figures (suppressed outside the lead role).
const FIGURE_READERS: Access = Access::Roles(&[
    Role::MnvpLead,
    Role::Volunteer,
    Role::TrustStaff,
    Role::Commissioner,
]);
/// Everyone who may read the comments behind the figures (redacted outside the lead role).
const COMMENT_READERS: Access = Access::Roles(&[Role::MnvpLead, Role::Volunteer, Role::TrustStaff]);

pub(crate) fn routes() -> Routes {
    use Method as M;
    vec![
        r(M::GET, "/static/themes.js", PUBLIC, get(get_themes_js)),
        r(M::GET, "/themes", SIGNED_IN, get(codebooks::list_codebooks)),
        r(
            M::GET,
            "/themes/codebooks/new",
            CODEBOOK_EDITORS,
            get(codebooks::new_codebook),
        ),
        r(
            M::POST,
            "/themes/codebooks/new",
            CODEBOOK_EDITORS,
            post(codebooks::create_codebook),
        ),
        r(
            M::GET,
            "/themes/codebooks/import",
            CODEBOOK_EDITORS,
            get(codebook_files::import_form),
        ),
        r(
            M::POST,
            "/themes/codebooks/import",
            CODEBOOK_EDITORS,
            post(codebook_files::import_codebook),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}",
            CODEBOOK_READERS,
            get(codebooks::show_codebook),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/edit",
            CODEBOOK_EDITORS,
            get(codebooks::edit_codebook),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/edit",
            CODEBOOK_EDITORS,
            post(codebooks::update_codebook),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/delete",
            CODEBOOK_EDITORS,
            get(codebooks::confirm_delete_codebook),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/delete",
            CODEBOOK_EDITORS,
            post(codebooks::delete_codebook),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/export.csv",
            CODEBOOK_READERS,
            get(codebook_files::export_csv),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/export.json",
            CODEBOOK_READERS,
            get(codebook_files::export_json),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/coders",
            LEAD,
            post(codebooks::update_coders),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/themes/new",
            CODEBOOK_EDITORS,
            get(theme_pages::new_theme),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/themes/new",
            CODEBOOK_EDITORS,
            post(theme_pages::create_theme),
        ),
        r(
            M::GET,
            "/themes/theme/{id}/edit",
            CODEBOOK_EDITORS,
            get(theme_pages::edit_theme),
        ),
        r(
            M::POST,
            "/themes/theme/{id}/edit",
            CODEBOOK_EDITORS,
            post(theme_pages::update_theme),
        ),
        r(
            M::GET,
            "/themes/theme/{id}/delete",
            CODEBOOK_EDITORS,
            get(theme_pages::confirm_delete_theme),
        ),
        r(
            M::POST,
            "/themes/theme/{id}/delete",
            CODEBOOK_EDITORS,
            post(theme_pages::delete_theme),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/code",
            CODERS,
            get(coding::show_queue),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/code",
            CODERS,
            post(coding::save_coding),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/agreement",
            LEAD,
            get(agreement::show_agreement),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/resolve",
            LEAD,
            get(agreement::show_resolve),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/resolve",
            LEAD,
            post(agreement::save_resolution),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/model",
            LEAD,
            get(model_page::show_model),
        ),
        r(
            M::POST,
            "/themes/codebooks/{id}/model",
            LEAD,
            post(model_page::retrain),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/trends",
            FIGURE_READERS,
            get(trends::show_trends),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/trends.csv",
            FIGURE_READERS,
            get(trends::export_trends),
        ),
        r(
            M::GET,
            "/themes/codebooks/{id}/items",
            COMMENT_READERS,
            get(trends::list_items),
        ),
    ]
}

pub async fn get_themes_js() -> impl axum::response::IntoResponse {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/javascript; charset=utf-8",
            ),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=31536000, immutable",
            ),
        ],
        include_str!("../../static/themes.js"),
    )
}

/// Every value of a repeated form field (checkboxes), from a URL-encoded body.
pub fn form_values(body: &[u8], key: &str) -> Vec<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v)
        .collect()
}

/// The first value of a form field.
pub fn form_value(body: &[u8], key: &str) -> Option<String> {
    form_values(body, key).into_iter().next()
}

/// Spreadsheets run cells starting with `= + - @` as formulas: a leading apostrophe stops it.
pub fn csv_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
