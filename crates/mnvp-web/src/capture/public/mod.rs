//! The always-open public feedback form, one per MNVP, at `/feedback/{slug}` (guidance 2.9):
//! anonymous, no sign-in, one question or small group per page, every question skippable,
//! "check your answers" before sending, a separate gentler route for bereaved families, a
//! support page reachable from every page, and six languages including easy read and a
//! right-to-left one. It works without JavaScript and on a 320 px phone.
//!
//! Answers in progress live server-side against an anonymous session ([`visitor`]); a
//! submission goes through `capture::screened` and is stored once however often it is sent.

mod check;
mod limit;
mod pages;
mod questions;
mod steps;
mod visitor;

pub use check::form_item;
pub use limit::RateLimiter;

use crate::auth::Ctx;
use crate::error::WebResult;
use crate::i18n::{translator, Language, LANGUAGES};
use crate::routes::{r, Routes, PUBLIC};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use minijinja::{context, Value};
use mnvp_store::capture::PublicForm;
use mnvp_store::StoreError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Largest form body the public pages accept: room for the longest answer in any script
/// (a 5,000-character Bengali answer is about 45 KB once form-encoded), no more.
const BODY_LIMIT: usize = 96 * 1024;

pub(crate) fn routes() -> Routes {
    use Method as M;
    let limited = || DefaultBodyLimit::max(BODY_LIMIT);
    vec![
        r(
            M::GET,
            "/static/feedback.css",
            PUBLIC,
            get(pages::get_feedback_css),
        ),
        r(M::GET, "/feedback", PUBLIC, get(pages::list_forms)),
        r(M::GET, "/feedback/{slug}", PUBLIC, get(pages::show_start)),
        r(
            M::GET,
            "/feedback/{slug}/questions/{step}",
            PUBLIC,
            get(steps::show_step),
        ),
        r(
            M::POST,
            "/feedback/{slug}/questions/{step}",
            PUBLIC,
            post(steps::save_step).layer(limited()),
        ),
        r(
            M::GET,
            "/feedback/{slug}/check",
            PUBLIC,
            get(check::show_check),
        ),
        r(
            M::POST,
            "/feedback/{slug}/check",
            PUBLIC,
            post(check::send_feedback).layer(limited()),
        ),
        r(
            M::GET,
            "/feedback/{slug}/sent",
            PUBLIC,
            get(check::show_sent),
        ),
        r(
            M::GET,
            "/feedback/{slug}/support",
            PUBLIC,
            get(pages::show_support),
        ),
        r(
            M::GET,
            "/feedback/{slug}/stop",
            PUBLIC,
            get(pages::confirm_stop),
        ),
        r(
            M::POST,
            "/feedback/{slug}/stop",
            PUBLIC,
            post(pages::stop_form).layer(limited()),
        ),
        r(
            M::GET,
            "/feedback/{slug}/stopped",
            PUBLIC,
            get(pages::show_stopped),
        ),
    ]
}

/// The query every public page accepts: the language, and where a change should return to.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default, rename = "return")]
    return_to: Option<String>,
}

/// A link in the language switcher.
#[derive(Serialize)]
struct LanguageLink {
    code: &'static str,
    tag: &'static str,
    name: &'static str,
    href: String,
    current: bool,
}

/// One visit to an open form: who is asking, which form, in which language. Extracted from
/// the request (see the `FromRequestParts` impl), so a handler taking a `Visit` only ever runs
/// for an open form; everything else has already been answered with "not found".
pub struct Visit {
    pub ctx: Ctx,
    pub form: PublicForm,
    pub lang: &'static Language,
    /// Changing an answer from the check page (`?return=check`).
    pub returning: bool,
    /// A session cookie to set, when this request started the visitor's session.
    cookie: Option<String>,
}

fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
}

/// The language of a request to the public pages.
pub fn language(q: &PageQuery, headers: &HeaderMap) -> &'static Language {
    Language::negotiate(q.lang.as_deref(), accept_language(headers))
}

impl Visit {
    /// A page of the public pages that belongs to no open form (the list of forms, and "not
    /// found"), headed with `name` when there is one to show.
    pub fn without_form(ctx: Ctx, lang: &'static Language, name: &str) -> Visit {
        Visit {
            ctx,
            form: PublicForm {
                mnvp_id: 0,
                name: name.to_string(),
                slug: String::new(),
                open: false,
            },
            lang,
            returning: false,
            cookie: None,
        }
    }

    /// Makes sure the visitor has a session, so the page's form can carry a CSRF token.
    pub async fn with_session(mut self, state: &AppState) -> WebResult<Visit> {
        self.cookie =
            crate::auth::anonymous::ensure_session(state, &mut self.ctx, visitor::SESSION_SECS)
                .await?;
        Ok(self)
    }

    /// A link within this form, in this language: `href("/check")`.
    pub fn href(&self, tail: &str) -> String {
        format!("/feedback/{}{tail}?lang={}", self.form.slug, self.lang.code)
    }

    /// A translated message.
    pub fn t(&self, id: &str) -> String {
        crate::i18n::text(self.lang, id, &[])
    }

    /// What every public page needs: language, the form, and the links on every page.
    fn base(&self) -> Value {
        let here = self.ctx.path.clone();
        let languages: Vec<LanguageLink> = LANGUAGES
            .iter()
            .map(|l| LanguageLink {
                code: l.code,
                tag: l.tag,
                name: l.name,
                href: format!("{here}?lang={}", l.code),
                current: l.code == self.lang.code,
            })
            .collect();
        context! {
            lang => self.lang.code,
            html_lang => self.lang.tag,
            dir => self.lang.dir,
            t => translator(self.lang),
            form => &self.form,
            languages => languages,
            start_href => self.href(""),
            support_href => self.href("/support"),
            stop_href => self.href("/stop"),
        }
    }

    /// Renders a public page with `status`, setting the session cookie if one was started.
    pub async fn render(
        &self,
        state: &AppState,
        status: StatusCode,
        template: &str,
        page: Value,
    ) -> WebResult<Response> {
        let html = state
            .render(&self.ctx, template, context! { ..page, ..self.base() })
            .await?;
        let mut res = (status, html).into_response();
        if let Some(c) = &self.cookie {
            if let Ok(v) = c.parse() {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        Ok(res)
    }
}

impl FromRequestParts<AppState> for Visit {
    /// The not-found page (unknown, forged or closed form), or an error page.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ctx = Ctx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        // A malformed query is treated as none: the language then comes from the browser.
        let q = Query::<PageQuery>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| q)
            .unwrap_or_default();
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let slug = params.get("slug").map(String::as_str).unwrap_or_default();
        let lang = language(&q, &parts.headers);
        let missing = |closed: Option<String>, ctx: Ctx| async move {
            match pages::not_found(state, &ctx, lang, closed.as_deref()).await {
                Ok(page) => page,
                Err(e) => e.into_response(),
            }
        };
        match state.store.public_form(slug).await {
            Ok(form) if form.open => Ok(Visit {
                ctx,
                form,
                lang,
                returning: q.return_to.as_deref() == Some("check"),
                cookie: None,
            }),
            Ok(closed) => Err(missing(Some(closed.name), ctx).await),
            Err(StoreError::NotFound) => Err(missing(None, ctx).await),
            Err(e) => Err(crate::error::WebError::from(e).into_response()),
        }
    }
}
