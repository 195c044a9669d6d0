//! HTTP layers around the application: error pages, assets, security headers, request ids,
//! tracing, compression, timeouts and body limits.

use crate::auth::Ctx;
use crate::error::ErrorInfo;
use crate::settings::Settings;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use minijinja::context;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Turns a handler's `WebError` into an NHS-styled page, or a problem JSON on `/api/` routes
/// and for clients that asked for JSON.
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let wants_json = req.uri().path().starts_with("/api/")
        || req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"));
    let path = req.uri().path().to_string();
    let request_id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let res = next.run(req).await;
    let Some(info) = res.extensions().get::<ErrorInfo>().cloned() else {
        return res;
    };
    if wants_json {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": info.title,
            "status": info.status.as_u16(),
            "detail": info.detail,
            "instance": path,
            "request_id": request_id,
        });
        return (
            info.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body.to_string(),
        )
            .into_response();
    }
    let ctx = res
        .extensions()
        .get::<Ctx>()
        .cloned()
        .unwrap_or_else(|| Ctx::anonymous(String::new(), path));
    let page = context! {
        status => info.status.as_u16(),
        title => info.title,
        detail => info.detail,
        request_id => request_id,
        signed_in => ctx.user.is_some(),
    };
    match state.render(&ctx, "errors/error.html", page).await {
        Ok(html) => (info.status, html).into_response(),
        Err(_) => (info.status, info.detail).into_response(),
    }
}

/// The design system's files from `nhsuk-frontend` (its CSS refers to `/assets/images/…`),
/// cached for a year: pages link them with a version query so an upgrade is fetched anew.
pub fn assets_service(settings: &Settings) -> Router<AppState> {
    let cache = SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    match &settings.assets_dir {
        Some(dir) => Router::new()
            .fallback_service(
                ServeDir::new(dir.join("assets"))
                    .fallback(ServeDir::new(dir))
                    .precompressed_gzip(),
            )
            .layer(cache),
        None => Router::new().fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                "Design system assets are missing: run `npm ci` in the repository (see README).",
            )
        }),
    }
}

/// Largest request body on ordinary routes.
const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Caps every request body: ordinary routes at 16 MiB; the few upload routes (imports, survey
/// files) a little above their own limit, so that their handlers can answer an oversized file
/// with a helpful page rather than a bare refusal.
async fn limit_body(req: Request, next: Next) -> Response {
    let limit = if crate::capture::UPLOAD_PATHS.contains(&req.uri().path()) {
        crate::capture::UPLOAD_LIMIT + 1024 * 1024
    } else {
        BODY_LIMIT
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// Layers every response passes through, outermost last.
pub fn http_layers(router: Router, settings: &Settings) -> Router {
    let security_headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    let mut router = router;
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(limit_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(settings.request_timeout_secs),
        ))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            // Only the method, route and id: query strings can carry personal data.
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID.clone(), MakeRequestUuid))
}
