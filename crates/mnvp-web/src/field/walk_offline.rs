//! The files that make Walk the Patch an installable page that works on a ward with no
//! signal: the web app manifest, the service worker (keeps the pages and the design system on
//! the device) and the scripts that queue entries in IndexedDB and send them when online.

use crate::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

const MANIFEST: &str = r##"{
  "name": "MNVP Hub – Walk the Patch",
  "short_name": "Walk the Patch",
  "description": "Record conversations on the unit, with or without a signal.",
  "start_url": "/field/walk-the-patch",
  "scope": "/field/walk-the-patch",
  "display": "standalone",
  "background_color": "#f0f4f5",
  "theme_color": "#005eb8",
  "icons": [
    { "src": "/assets/images/nhsuk-icon-192.png", "sizes": "192x192", "type": "image/png" },
    { "src": "/assets/images/nhsuk-icon-512.png", "sizes": "512x512", "type": "image/png" }
  ]
}
"##;

/// Scripts change with the code; browsers check them again on every start.
const REVALIDATE: &str = "no-cache";

pub async fn get_manifest() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        MANIFEST,
    )
}

/// The service worker, told which version of the assets to keep (a new release makes a new
/// worker, which replaces the old cache).
pub async fn get_service_worker(State(state): State<AppState>) -> impl IntoResponse {
    let body = include_str!("../../static/field-sw.js").replace("__VERSION__", state.asset_version);
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, REVALIDATE),
            (
                header::HeaderName::from_static("service-worker-allowed"),
                "/field/walk-the-patch",
            ),
        ],
        body,
    )
}

pub async fn get_queue_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        include_str!("../../static/field-queue.js"),
    )
}

pub async fn get_walk_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, REVALIDATE),
        ],
        include_str!("../../static/field-walk.js"),
    )
}
