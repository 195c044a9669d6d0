//! The model page: which version is in use and what it learnt from, every theme's
//! cross-validated precision and recall, every earlier attempt (failures with their reason),
//! and a button to retrain now, in the background.

use super::access::{codable, Viewer};
use super::engine;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;

pub async fn show_model(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = codable(&state, &viewer, id).await?;
    if !viewer.is_lead() {
        return Err(WebError::Forbidden);
    }
    let themes = state.store.codebook_themes(id).await?;
    let versions = state.store.model_versions(id).await?;
    let active = super::worker::active_model(&state.store, &state.themes, id).await?;
    let codings = state.store.codebook_codings(id).await?;
    let trainable = engine::trainable_labels(&codings, &themes).len();
    let figures = active
        .as_ref()
        .map(|a| engine::figures(&a.version))
        .unwrap_or_default();
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    let rows: Vec<_> = themes
        .iter()
        .map(|t| {
            let f = figures.themes.get(&t.id);
            context! {
                name => t.name,
                sub => t.parent_id.is_some(),
                support => f.map(|f| f.support),
                precision => f.filter(|f| f.predicted > 0).map(|f| pct(f.precision)),
                recall => f.filter(|f| f.support > 0).map(|f| pct(f.recall)),
                trust => f.map(|f| trust_words(f.support, f.precision, f.recall))
                    .or(figures.measuring.then_some("Being measured")),
            }
        })
        .collect();
    let history: Vec<_> = versions
        .iter()
        .map(|v| {
            context! {
                v => v,
                in_use => active.as_ref().is_some_and(|a| a.version.id == v.id),
                macro_f1 => engine::figures(v).macro_f1.map(|m| format!("{m:.2}")),
            }
        })
        .collect();
    state
        .render(
            &ctx,
            "themes/model.html",
            context! {
                c => c,
                active => active.as_ref().map(|a| &a.version),
                unreadable => active.as_ref().map(|a| a.unreadable.clone()).unwrap_or_default(),
                method => figures.method,
                measuring => figures.measuring,
                macro_f1 => figures.macro_f1.map(|m| format!("{m:.2}")),
                sentiment_f1 => figures.sentiment_macro_f1.map(|m| format!("{m:.2}")),
                rows => rows,
                history => history,
                trainable => trainable,
                min_training => engine::MIN_TRAINING_ITEMS,
                retrain_after => state.settings.theme_retrain_after,
                auto_percent => (c.auto_threshold * 100.0).round() as i64,
            },
        )
        .await
}

/// A plain reading of a theme's figures for people deciding how far to rely on it.
pub fn trust_words(support: usize, precision: f64, recall: f64) -> &'static str {
    if support < 10 {
        "Too few coded examples to judge"
    } else if precision >= 0.8 && recall >= 0.6 {
        "Reliable"
    } else if precision >= 0.6 {
        "Check its suggestions"
    } else {
        "Treat as a hint only"
    }
}

pub async fn retrain(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    codable(&state, &viewer, id).await?;
    if !viewer.is_lead() {
        return Err(WebError::Forbidden);
    }
    state.themes.retrain(id);
    ctx.flash(
        &state.store,
        "Retraining has started in the background. Refresh this page in a few seconds to see the new version.",
    )
    .await;
    Ok(Redirect::to(&format!("/themes/codebooks/{id}/model")).into_response())
}
