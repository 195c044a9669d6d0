//! Short focused surveys (guidance 2.9): the lead's builder, the public pages, results,
//! exports (CSV, FHIR QuestionnaireResponse) and FHIR Questionnaire import and export.
//! Free-text answers become feedback items (channel `survey`) so themes and safeguarding see
//! them like any other feedback.

mod builder;
mod fhir_import;
pub(crate) mod public;
mod questions;
mod results;

use crate::auth::guard::Access;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::routes::{r, Routes, LEAD, PUBLIC};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, Method};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use minijinja::context;
use mnvp_domain::role::Role;
use mnvp_store::capture::surveys::Survey;

/// Who may read survey results: the MNVP team and, for the MNVPs covering their units or
/// footprint, trust staff and commissioners (counts suppressed, text redacted or withheld).
const SURVEY_READERS: Access = Access::Roles(&[
    Role::MnvpLead,
    Role::Volunteer,
    Role::TrustStaff,
    Role::Commissioner,
]);

/// Today as surveys compare dates (UTC, `YYYY-MM-DD`).
pub(crate) fn today() -> String {
    crate::capture::import::today()
}

pub(crate) fn lead_mnvp(ctx: &Ctx) -> WebResult<i64> {
    ctx.user()?.org_id.ok_or(WebError::Forbidden)
}

/// A survey of the lead's own MNVP (any other is "not found").
pub(crate) async fn lead_survey(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Survey> {
    let survey = state.store.get_survey(id).await?;
    if survey.mnvp_id != lead_mnvp(ctx)? {
        return Err(WebError::NotFound);
    }
    Ok(survey)
}

/// The MNVPs whose surveys this person may see.
async fn mnvps_for(state: &AppState, ctx: &Ctx) -> WebResult<Vec<mnvp_store::organisations::Org>> {
    let user = ctx.user()?;
    let org = match user.org_id {
        Some(id) => Some(state.store.get_org(id).await?),
        None => None,
    };
    Ok(crate::home::mnvps_in_view(&state.store, user.role(), org.as_ref()).await?)
}

/// A survey this person may see the results of.
pub(crate) async fn viewable_survey(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Survey> {
    let survey = state.store.get_survey(id).await?;
    if !mnvps_for(state, ctx)
        .await?
        .iter()
        .any(|m| m.id == survey.mnvp_id)
    {
        return Err(WebError::NotFound);
    }
    Ok(survey)
}

/// The address people open or scan: the host this page was reached at.
pub(crate) fn survey_url(state: &AppState, headers: &HeaderMap, slug: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.settings.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/surveys/{slug}")
}

pub async fn list_surveys(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let ids: Vec<i64> = mnvps_for(&state, &ctx)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let surveys = state.store.list_surveys(&ids).await?;
    let today = today();
    let rows: Vec<_> = surveys
        .iter()
        .map(|s| context! { survey => s, availability => s.availability(&today) })
        .collect();
    state
        .render(
            &ctx,
            "capture/survey/list.html",
            context! { rows => rows, builder => ctx.role() == Some(Role::MnvpLead) },
        )
        .await
}

async fn qr_url(state: &AppState, ctx: &Ctx, headers: &HeaderMap, id: i64) -> WebResult<String> {
    let survey = lead_survey(state, ctx, id).await?;
    Ok(survey_url(state, headers, &survey.slug))
}

/// The survey's QR code for posters, as SVG.
pub async fn get_qr_svg(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let url = qr_url(&state, &ctx, &headers, id).await?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml")],
        crate::capture::qr::qr_svg(&url)?,
    )
        .into_response())
}

/// The survey's QR code as PNG.
pub async fn get_qr_png(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let url = qr_url(&state, &ctx, &headers, id).await?;
    Ok((
        [(header::CONTENT_TYPE, "image/png")],
        crate::capture::qr::qr_png(&url)?,
    )
        .into_response())
}

pub(crate) fn routes() -> Routes {
    use Method as M;
    vec![
        r(
            M::GET,
            "/capture/surveys",
            SURVEY_READERS,
            get(list_surveys),
        ),
        r(
            M::GET,
            "/capture/surveys/new",
            LEAD,
            get(builder::new_survey),
        ),
        r(
            M::POST,
            "/capture/surveys/new",
            LEAD,
            post(builder::create_survey),
        ),
        r(
            M::GET,
            "/capture/surveys/import",
            LEAD,
            get(fhir_import::get_import),
        ),
        r(
            M::POST,
            "/capture/surveys/import",
            LEAD,
            post(fhir_import::post_import)
                .layer(DefaultBodyLimit::max(crate::capture::UPLOAD_LIMIT)),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}",
            LEAD,
            get(builder::show_survey),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/edit",
            LEAD,
            get(builder::edit_survey),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/edit",
            LEAD,
            post(builder::update_survey),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/status",
            LEAD,
            post(builder::set_status),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/duplicate",
            LEAD,
            post(builder::duplicate_survey),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/delete",
            LEAD,
            post(builder::delete_survey),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/preview",
            LEAD,
            get(builder::preview_survey),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/questions/new",
            LEAD,
            get(questions::new_question),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/questions/new",
            LEAD,
            post(questions::create_question),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/questions/{q}",
            LEAD,
            get(questions::edit_question),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/questions/{q}",
            LEAD,
            post(questions::update_question),
        ),
        r(
            M::POST,
            "/capture/surveys/{id}/questions/{q}/order",
            LEAD,
            post(questions::change_order),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/results",
            SURVEY_READERS,
            get(results::show_results),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/results.csv",
            LEAD,
            get(results::export_csv),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/responses.json",
            LEAD,
            get(results::export_responses),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/questionnaire.json",
            LEAD,
            get(results::export_questionnaire),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/qr.svg",
            LEAD,
            get(get_qr_svg),
        ),
        r(
            M::GET,
            "/capture/surveys/{id}/qr.png",
            LEAD,
            get(get_qr_png),
        ),
        r(M::GET, "/surveys/{slug}", PUBLIC, get(public::get_start)),
        r(
            M::GET,
            "/surveys/{slug}/pages/{n}",
            PUBLIC,
            get(public::get_page),
        ),
        r(
            M::POST,
            "/surveys/{slug}/pages/{n}",
            PUBLIC,
            post(public::post_page),
        ),
        r(
            M::GET,
            "/surveys/{slug}/check",
            PUBLIC,
            get(public::get_check),
        ),
        r(
            M::POST,
            "/surveys/{slug}/check",
            PUBLIC,
            post(public::post_check),
        ),
        r(
            M::GET,
            "/surveys/{slug}/done",
            PUBLIC,
            get(public::get_done),
        ),
    ]
}
