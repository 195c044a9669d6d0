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
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use minijinja::{context, Value};
use mnvp_store::capture::PublicForm;
use mnvp_store::StoreError;
use serde::{Deserialize, Serialize};

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

/// One visit to an open form: who is asking, which form, in which language.
pub struct Visit {
    pub ctx: Ctx,
    pub form: PublicForm,
    pub lang: &'static Language,
    /// A session cookie to set, when this request started the visitor's session.
    cookie: Option<String>,
}

/// An open form, or the page to show instead (not found, or closed).
pub enum Opened {
    Form(Visit),
    Missing(Response),
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
    /// The open form at `slug`, or a clear "not found" page (unknown, forged or closed).
    pub async fn open(
        state: &AppState,
        ctx: Ctx,
        slug: &str,
        q: &PageQuery,
        headers: &HeaderMap,
    ) -> WebResult<Opened> {
        let lang = language(q, headers);
        let form = match state.store.public_form(slug).await {
            Ok(f) => f,
            Err(StoreError::NotFound) => {
                return Ok(Opened::Missing(
                    pages::not_found(state, &ctx, lang, None).await?,
                ))
            }
            Err(e) => return Err(e.into()),
        };
        if !form.open {
            return Ok(Opened::Missing(
                pages::not_found(state, &ctx, lang, Some(&form.name)).await?,
            ));
        }
        Ok(Opened::Form(Visit {
            ctx,
            form,
            lang,
            cookie: None,
        }))
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

/// `let v = open_or_return!(Visit::open(...).await?);` — the open form, or return its
/// not-found page from the handler.
macro_rules! open_or_return {
    ($opened:expr) => {
        match $opened {
            $crate::capture::public::Opened::Form(v) => v,
            $crate::capture::public::Opened::Missing(page) => return Ok(page),
        }
    };
}
pub(crate) use open_or_return;
