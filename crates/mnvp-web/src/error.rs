//! One error type for every handler. A handler returns `WebError`; the `render_errors`
//! middleware turns it into an NHS-styled page or, on API routes, a problem JSON (RFC 9457).
//! Internal details are logged with the request id and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mnvp_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("Page not found")]
    NotFound,
    #[error("You need to sign in")]
    Unauthenticated,
    #[error("You do not have permission to see this page")]
    Forbidden,
    #[error("Your form has expired")]
    CsrfFailed,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("The service is temporarily unavailable")]
    Unavailable(String),
    #[error("Sorry, there is a problem with the service")]
    Internal(String),
}

/// What the error middleware needs to render the response for the error.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub status: StatusCode,
    pub title: &'static str,
    pub detail: String,
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::CsrfFailed => StatusCode::FORBIDDEN,
            WebError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn title(&self) -> &'static str {
        match self {
            WebError::NotFound => "Page not found",
            WebError::Unauthenticated => "You need to sign in",
            WebError::Forbidden => "You do not have permission to see this page",
            WebError::CsrfFailed => "Your form has expired",
            WebError::BadRequest(_) => "There is a problem with what was sent",
            WebError::Conflict(_) => "This could not be saved",
            WebError::TooManyRequests(_) => "Too many attempts",
            WebError::Unavailable(_) => "The service is temporarily unavailable",
            WebError::Internal(_) => "Sorry, there is a problem with the service",
        }
    }

    /// Words safe to show: never the internal cause of a 500 or 503.
    fn public_detail(&self) -> String {
        match self {
            WebError::NotFound => "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.".into(),
            WebError::Unauthenticated => "Sign in to continue.".into(),
            WebError::Forbidden => "Your account's role does not include this page. If you think it should, contact your administrator.".into(),
            WebError::CsrfFailed => "For your security, forms expire. Go back, refresh the page and try again. Nothing you sent has been saved.".into(),
            WebError::BadRequest(m) | WebError::Conflict(m) | WebError::TooManyRequests(m) => m.clone(),
            WebError::Unavailable(_) => "Try again in a few minutes. Nothing you sent has been saved.".into(),
            WebError::Internal(_) => "Try again later. Nothing you sent has been saved.".into(),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match &self {
            WebError::Internal(cause) => tracing::error!(cause = %cause, "internal error"),
            WebError::Unavailable(cause) => tracing::warn!(cause = %cause, "database unavailable"),
            _ => {}
        }
        let info = ErrorInfo {
            status: self.status(),
            title: self.title(),
            detail: self.public_detail(),
        };
        let mut res = (info.status, info.detail.clone()).into_response();
        res.extensions_mut().insert(info);
        res
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Conflict(m) => WebError::Conflict(m),
            StoreError::Invalid(m) => WebError::BadRequest(m),
            StoreError::Unavailable(m) => WebError::Unavailable(m),
            StoreError::Other(m) => WebError::Internal(m),
        }
    }
}

impl From<minijinja::Error> for WebError {
    fn from(e: minijinja::Error) -> Self {
        WebError::Internal(format!("template: {e:#}"))
    }
}

pub type WebResult<T> = Result<T, WebError>;

impl WebError {
    /// An error response that still knows who asked, for the error page's header.
    pub fn into_response_with_ctx(self, ctx: &crate::auth::Ctx) -> Response {
        let mut res = self.into_response();
        res.extensions_mut().insert(ctx.clone());
        res
    }
}
