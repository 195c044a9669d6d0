//! Public information pages, our own small assets and the not-found page.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use minijinja::context;

const CACHE: &str = "public, max-age=31536000, immutable";

pub async fn get_app_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        include_str!("../static/app.css"),
    )
}

pub async fn get_init_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        include_str!("../static/init.js"),
    )
}

pub async fn get_js_enabled() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE),
        ],
        include_str!("../static/js-enabled.js"),
    )
}

pub async fn get_accessibility(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    state
        .render(&ctx, "static/accessibility.html", context! {})
        .await
}

pub async fn get_privacy(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    state.render(&ctx, "static/privacy.html", context! {}).await
}

pub async fn not_found() -> WebError {
    WebError::NotFound
}
