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

/// How much of a multipart upload is read to find the token in its first part. The file that
/// follows is left unread for the handler, so an upload of any allowed size works without
/// JavaScript, with the token in the body rather than in the URL.
const MAX_MULTIPART_PREFIX: usize = 64 * 1024;

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
    if content_type.starts_with("multipart/form-data") {
        return check_multipart_csrf(req, &content_type, expected).await;
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(WebError::CsrfFailed);
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| WebError::BadRequest("The form is too large".into()))?;
    let found = form_urlencoded_value(&bytes, "csrf");
    if !found.is_some_and(|t| constant_time_eq(t.as_bytes(), expected)) {
        return Err(WebError::CsrfFailed);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// The token must be the first field of a multipart form (forms put the hidden `csrf` input
/// first; browsers send fields in document order). Only the bytes up to the end of that field
/// are read; the request goes on with them put back in front of the rest of the stream.
async fn check_multipart_csrf(
    req: Request,
    content_type: &str,
    expected: &[u8],
) -> Result<Request, WebError> {
    use futures_util::StreamExt;
    use http_body_util::BodyExt;
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_string())
        .next()
        .ok_or(WebError::CsrfFailed)?;
    let (parts, mut body) = req.into_parts();
    let mut prefix: Vec<u8> = Vec::new();
    let token = loop {
        if let Some(found) = first_multipart_field(&prefix, &boundary, "csrf") {
            break found;
        }
        if prefix.len() > MAX_MULTIPART_PREFIX {
            return Err(WebError::CsrfFailed);
        }
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    prefix.extend_from_slice(&data);
                }
            }
            Some(Err(_)) => {
                return Err(WebError::BadRequest(
                    "The upload could not be read. Try again.".into(),
                ))
            }
            None => return Err(WebError::CsrfFailed),
        }
    };
    if !token.is_some_and(|t| constant_time_eq(t.as_bytes(), expected)) {
        return Err(WebError::CsrfFailed);
    }
    let head =
        futures_util::stream::once(
            async move { Ok::<_, axum::Error>(axum::body::Bytes::from(prefix)) },
        );
    let rest = body.into_data_stream();
    Ok(Request::from_parts(
        parts,
        Body::from_stream(head.chain(rest)),
    ))
}

/// `Some(value)` once the first part is complete and is the field `name`, `Some(None)` once
/// it is complete and is another field, `None` while more bytes are needed.
fn first_multipart_field(buf: &[u8], boundary: &str, name: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    let start = find(buf, opening.as_bytes())? + opening.len();
    let headers_end = start + find(&buf[start..], b"\r\n\r\n")?;
    let value_start = headers_end + 4;
    let closing = format!("\r\n--{boundary}");
    let value_end = value_start + find(&buf[value_start..], closing.as_bytes())?;
    let headers = String::from_utf8_lossy(&buf[start..headers_end]).to_lowercase();
    let named = headers.contains(&format!("name=\"{name}\""));
    Some(named.then(|| String::from_utf8_lossy(&buf[value_start..value_end]).into_owned()))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
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

    #[test]
    fn finds_the_token_in_the_first_multipart_field() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok+en\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nDate\r\n--XyZ--\r\n";
        assert_eq!(
            first_multipart_field(body, "XyZ", "csrf"),
            Some(Some("tok+en".into()))
        );
        // Incomplete: more bytes are needed.
        assert_eq!(first_multipart_field(&body[..40], "XyZ", "csrf"), None);
        // The first field is something else: no token.
        let other = b"--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nfft\r\n--XyZ--";
        assert_eq!(first_multipart_field(other, "XyZ", "csrf"), Some(None));
    }
}
