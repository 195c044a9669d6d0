//! Importing a survey from a FHIR R4 Questionnaire file: what can be represented becomes a
//! draft survey, and everything that could not be carried over is listed for the lead.

use super::builder::free_slug;
use super::lead_mnvp;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use mnvp_domain::capture::fhir;
use mnvp_store::capture::surveys::NewSurvey;

async fn page(state: &AppState, ctx: &Ctx, problems: Vec<String>) -> WebResult<Response> {
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = state
        .render(
            ctx,
            "capture/survey/import.html",
            context! { problems => problems },
        )
        .await?;
    Ok((status, html).into_response())
}

pub async fn get_import(State(state): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    page(&state, &ctx, Vec::new()).await
}

/// A slug from a title: "Your care, 2026!" → "your-care-2026".
fn slug_from(title: &str) -> String {
    mnvp_domain::capture::survey::code_for(title, &[])
}

pub async fn post_import(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let mnvp = lead_mnvp(&ctx)?;
    let mut bytes = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            bytes = field.bytes().await.ok();
        }
    }
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return page(
            &state,
            &ctx,
            vec!["Select a FHIR Questionnaire file (JSON)".into()],
        )
        .await;
    };
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => {
            return page(
                &state,
                &ctx,
                vec![format!("The file is not valid JSON: {e}")],
            )
            .await
        }
    };
    let imported = match fhir::from_questionnaire(&value) {
        Ok(q) => q,
        Err(problems) => return page(&state, &ctx, problems).await,
    };
    let title: String = imported
        .title
        .chars()
        .take(mnvp_domain::parse::Name::MAX)
        .collect();
    let new = NewSurvey {
        mnvp_id: mnvp,
        slug: free_slug(&state, &slug_from(&title)).await?,
        title,
        definition: imported.definition,
        opens_on: imported.opens_on,
        closes_on: imported.closes_on,
        unit_id: None,
        care_stage: None,
    };
    let id = state
        .store
        .create_survey(&new, None, &ctx.actor())
        .await
        .map_err(WebError::from)?;
    let mut message = format!(
        "The survey was imported as a draft with {} questions.",
        new.definition.questions.len()
    );
    if !imported.unsupported.is_empty() {
        message.push_str(&format!(
            " Not carried over: {}.",
            imported.unsupported.join("; ")
        ));
    }
    ctx.flash(&state.store, &message).await;
    Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response())
}
