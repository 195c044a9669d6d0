//! The per-request context: the session (if any), the signed-in user (if fully signed in) and
//! where the request came from. Loaded once by middleware, read by every handler.

use crate::error::WebError;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use mnvp_domain::role::Role;
use mnvp_store::sessions::Session;
use mnvp_store::users::User;
use mnvp_store::{Actor, Store};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

pub const SESSION_COOKIE: &str = "mnvp_session";

#[derive(Clone)]
pub struct Ctx {
    pub token: Option<String>,
    pub session: Option<Session>,
    pub user: Option<User>,
    pub ip: String,
    pub path: String,
    flash_taken: Arc<Mutex<bool>>,
}

impl Ctx {
    pub fn anonymous(ip: String, path: String) -> Ctx {
        Ctx {
            token: None,
            session: None,
            user: None,
            ip,
            path,
            flash_taken: Arc::new(Mutex::new(false)),
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(User::role)
    }

    /// The signed-in user; handlers behind the guard can rely on it.
    pub fn user(&self) -> Result<&User, WebError> {
        self.user.as_ref().ok_or(WebError::Unauthenticated)
    }

    pub fn csrf(&self) -> &str {
        self.session
            .as_ref()
            .map(|s| s.csrf_token.as_str())
            .unwrap_or("")
    }

    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user.as_ref().map(|u| u.id),
            label: self
                .user
                .as_ref()
                .map(|u| u.email.clone())
                .unwrap_or_else(|| "anonymous".into()),
            ip: self.ip.clone(),
        }
    }

    /// Returns the one-shot message once and clears it from the session.
    pub async fn take_flash(&self, store: &Store) -> Option<String> {
        let flash = self.session.as_ref()?.flash.clone()?;
        {
            let mut taken = self.flash_taken.lock().ok()?;
            if *taken {
                return None;
            }
            *taken = true;
        }
        if let Some(token) = &self.token {
            if let Err(e) = store.set_flash(token, None).await {
                tracing::warn!(error = %e, "could not clear flash message");
            }
        }
        Some(flash)
    }

    /// Stores a message to show on the next page (Post/Redirect/Get).
    pub async fn flash(&self, store: &Store, message: &str) {
        if let Some(token) = &self.token {
            if let Err(e) = store.set_flash(token, Some(message)).await {
                tracing::warn!(error = %e, "could not store flash message");
            }
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| WebError::Internal("session middleware missing".into()))
    }
}

/// A new unguessable token (256 bits) for sessions and CSRF.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// Loads the session and user for every request and makes them available as [`Ctx`].
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let mut ctx = Ctx::anonymous(ip, req.uri().path().to_string());
    if let Some(token) = cookie_token(req.headers()) {
        match state.store.get_session(&token).await {
            Ok(Some(session)) => {
                if let (Some(uid), false) = (session.user_id, session.pending_totp) {
                    match state.store.get_user(uid).await {
                        Ok(user) if user.active => ctx.user = Some(user),
                        Ok(_) | Err(mnvp_store::StoreError::NotFound) => {}
                        Err(e) => {
                            return crate::error::WebError::from(e).into_response_with_ctx(&ctx)
                        }
                    }
                }
                ctx.session = Some(session);
                ctx.token = Some(token);
            }
            Ok(None) => {}
            Err(e) => return crate::error::WebError::from(e).into_response_with_ctx(&ctx),
        }
    }
    req.extensions_mut().insert(ctx.clone());
    let mut res = next.run(req).await;
    res.extensions_mut().insert(ctx);
    res
}
