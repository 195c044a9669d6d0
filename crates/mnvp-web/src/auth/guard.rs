//! The route guard: every route declares who may use it (in `routes::table`), and this
//! middleware enforces that declaration and checks the CSRF token on every state-changing
//! request before the handler runs.

use super::Ctx;
use crate::error::WebError;
use crate::routes::RouteIndex;
use axum::body::{to_bytes, Body};
use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use mnvp_domain::role::Role;
use std::sync::Arc;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not (sign-in page, health checks, public pages).
    Public,
    /// Any signed-in account.
    SignedIn,
    /// Signed-in accounts with one of these roles.
    Roles(&'static [Role]),
}

impl Access {
    pub fn allows(self, role: Option<Role>) -> bool {
        match self {
            Access::Public => true,
            Access::SignedIn => role.is_some(),
            Access::Roles(roles) => role.is_some_and(|r| roles.contains(&r)),
        }
    }
}

/// Largest form body read to find the CSRF token; larger uploads use the header instead.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
/// Largest file upload (multipart form) read to find the CSRF token.
const MAX_UPLOAD_BYTES: usize = 16 * 1024 * 1024;

pub async fn authorize(
    State(index): State<Arc<RouteIndex>>,
    matched: Option<MatchedPath>,
    req: Request,
    next: Next,
) -> Response {
    let ctx = req.extensions().get::<Ctx>().cloned();
    let Some(ctx) = ctx else {
        return WebError::Internal("session middleware missing".into()).into_response();
    };
    let method = if req.method() == Method::HEAD {
        Method::GET
    } else {
        req.method().clone()
    };
    let Some(path) = matched.as_ref().map(MatchedPath::as_str) else {
        return next.run(req).await;
    };
    let Some(access) = index.access(&method, path) else {
        return next.run(req).await;
    };
    let is_api = path.starts_with("/api/");
    if !access.allows(ctx.role()) {
        if ctx.user.is_none() {
            if is_api {
                return WebError::Unauthenticated.into_response_with_ctx(&ctx);
            }
            let target = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let next_param = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
            return Redirect::to(&format!("/login?{next_param}")).into_response();
        }
        return WebError::Forbidden.into_response_with_ctx(&ctx);
    }
    if method == Method::GET {
        return next.run(req).await;
    }
    match check_csrf(&ctx, req).await {
        Ok(req) => next.run(req).await,
        Err(e) => e.into_response_with_ctx(&ctx),
    }
}

/// Synchronizer-token check: the token in the form (or `X-CSRF-Token` header) must equal the
/// one stored with the session. Returns the request with its body restored.
async fn check_csrf(ctx: &Ctx, req: Request) -> Result<Request, WebError> {
    let Some(session) = &ctx.session else {
        return Err(WebError::CsrfFailed);
    };
    let expected = session.csrf_token.as_bytes();
    if let Some(h) = req.headers().get("x-csrf-token") {
        return if constant_time_eq(h.as_bytes(), expected) {
            Ok(req)
        } else {
            Err(WebError::CsrfFailed)
        };
    }
    let content_type = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_upload = content_type.starts_with("multipart/form-data");
    if !is_form && !is_upload {
        return Err(WebError::CsrfFailed);
    }
    let (parts, body) = req.into_parts();
    let limit = if is_upload {
        MAX_UPLOAD_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| WebError::BadRequest("The form is too large".into()))?;
    let found = if is_upload {
        multipart_value(&content_type, &bytes, "csrf").await
    } else {
        form_urlencoded_value(&bytes, "csrf")
    };
    if !found.is_some_and(|t| constant_time_eq(t.as_bytes(), expected)) {
        return Err(WebError::CsrfFailed);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The text of a field of a multipart (file upload) form; pages put the token field first.
async fn multipart_value(content_type: &str, body: &[u8], key: &str) -> Option<String> {
    use axum::extract::{FromRequest, Multipart};
    let req = Request::builder()
        .header(axum::http::header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_vec()))
        .ok()?;
    let mut form = Multipart::from_request(req, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(key) {
            return field.text().await.ok();
        }
    }
    None
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_rules() {
        assert!(Access::Public.allows(None));
        assert!(!Access::SignedIn.allows(None));
        assert!(Access::SignedIn.allows(Some(Role::Volunteer)));
        let admin_only = Access::Roles(&[Role::Administrator]);
        assert!(admin_only.allows(Some(Role::Administrator)));
        assert!(!admin_only.allows(Some(Role::MnvpLead)));
        assert!(!admin_only.allows(None));
    }

    #[test]
    fn finds_the_token_in_a_form() {
        assert_eq!(
            form_urlencoded_value(b"a=1&csrf=x%2By", "csrf").as_deref(),
            Some("x+y")
        );
        assert_eq!(form_urlencoded_value(b"a=1", "csrf"), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
