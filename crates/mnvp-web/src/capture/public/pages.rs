//! The form's other pages: the list of forms, the start page, "Get support now" (reachable
//! from every page), stopping with the answers deleted, and a clear "not found".

use super::{language, visitor, PageQuery, Visit};
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::i18n::Language;
use crate::safety::signposts::{grouped, matched, SupportGroup};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use mnvp_domain::safety::support::SupportTopic;

/// The support directory for someone who wrote `text`, most relevant first. On the bereaved
/// route bereavement support leads, unless what they wrote suggests they are in crisis.
pub async fn support_groups(
    state: &AppState,
    mnvp_id: i64,
    text: &str,
    bereaved: bool,
) -> WebResult<Vec<SupportGroup>> {
    let mut groups = grouped(matched(state, mnvp_id, text).await?);
    if bereaved {
        let crisis_first = mnvp_text::safety::signpost_topics(text)
            .first()
            .is_some_and(|t| t.as_str() == SupportTopic::Crisis.as_str());
        if let Some(i) = groups
            .iter()
            .position(|g| g.topic == SupportTopic::Bereavement.as_str())
        {
            let g = groups.remove(i);
            groups.insert(usize::from(crisis_first).min(groups.len()), g);
        }
    }
    Ok(groups)
}

/// "We cannot find this feedback form" (or "this form is closed"), in the visitor's language,
/// with the support directory's national organisations so nobody is left without help.
pub async fn not_found(
    state: &AppState,
    ctx: &Ctx,
    lang: &'static Language,
    closed: Option<&str>,
) -> WebResult<Response> {
    let v = Visit::without_form(ctx.clone(), lang, closed.unwrap_or_default());
    let page = context! {
        closed => closed.is_some(),
        forms_href => format!("/feedback?lang={}", lang.code),
    };
    v.render(
        state,
        StatusCode::NOT_FOUND,
        "capture/public/not_found.html",
        page,
    )
    .await
}

/// The public pages' own styles (language switcher, right-to-left, posters).
pub async fn get_feedback_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        include_str!("../../../static/feedback.css"),
    )
}

/// Every open form, for people who arrive without their MNVP's link.
pub async fn list_forms(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> WebResult<Response> {
    let lang = language(&q, &headers);
    let forms = state.store.open_forms().await?;
    let v = Visit::without_form(ctx, lang, "");
    let page = context! { forms => forms };
    v.render(&state, StatusCode::OK, "capture/public/index.html", page)
        .await
}

pub async fn show_start(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    let page = context! {
        first_href => v.href(&format!("/questions/{}", mnvp_domain::capture::Step::Journey.slug())),
    };
    v.render(&state, StatusCode::OK, "capture/public/start.html", page)
        .await
}

pub async fn show_support(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    let progress = visitor::load(&state, &v.ctx, v.form.mnvp_id).await?;
    let answers = &progress.answers;
    let bereaved = answers.journey() == mnvp_domain::capture::Journey::Bereaved;
    let text = answers.body().unwrap_or_default();
    let page = context! {
        groups => support_groups(&state, v.form.mnvp_id, &text, bereaved).await?,
    };
    v.render(&state, StatusCode::OK, "capture/public/support.html", page)
        .await
}

pub async fn confirm_stop(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    let v = v.with_session(&state).await?;
    let page = context! {
        action => v.href("/stop"),
        back_href => v.href(""),
    };
    v.render(&state, StatusCode::OK, "capture/public/stop.html", page)
        .await
}

pub async fn stop_form(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    visitor::forget(&state, &v.ctx, v.form.mnvp_id).await?;
    Ok(Redirect::to(&v.href("/stopped")).into_response())
}

pub async fn show_stopped(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    v.render(
        &state,
        StatusCode::OK,
        "capture/public/stopped.html",
        context! {},
    )
    .await
}
