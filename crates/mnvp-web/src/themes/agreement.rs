//! How far coders agree, theme by theme (Cohen's kappa and Krippendorff's alpha on the items
//! two or more people coded), the items they disagree on, and the lead's resolution of each,
//! which becomes the item's gold label.

use super::access::{codable, Viewer};
use super::coding::{shown_text, store_coding, CodingForm};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, Query, RawForm, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::themes::agreement::{describe, krippendorff_alpha, theme_agreement, Metric};
use mnvp_domain::themes::labels::{coders_disagree, human_labels, with_parents};
use mnvp_domain::themes::{sentiment_label, SENTIMENTS};
use mnvp_store::themes::{Codebook, StoredCoding};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Codings grouped by item, in item order.
fn by_item(codings: Vec<StoredCoding>) -> BTreeMap<i64, Vec<StoredCoding>> {
    let mut out: BTreeMap<i64, Vec<StoredCoding>> = BTreeMap::new();
    for c in codings {
        out.entry(c.feedback_id).or_default().push(c);
    }
    out
}

fn rounded(v: Option<f64>) -> Option<String> {
    v.map(|x| format!("{x:.2}"))
}

/// Only the lead measures and resolves agreement.
async fn lead_codebook(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<(Viewer, Codebook)> {
    let viewer = Viewer::of(state, ctx).await?;
    let c = codable(state, &viewer, id).await?;
    if !viewer.is_lead() {
        return Err(WebError::Forbidden);
    }
    Ok((viewer, c))
}

pub async fn show_agreement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let (_, c) = lead_codebook(&state, &ctx, id).await?;
    let themes = state.store.codebook_themes(id).await?;
    // A sub-theme counts under its theme here too, so that coders who agree on the theme but
    // chose different sub-themes agree at the theme's level.
    let parent_of: std::collections::BTreeMap<i64, i64> = themes
        .iter()
        .filter_map(|t| t.parent_id.map(|p| (t.id, p)))
        .collect();
    let mut codings = state.store.codebook_codings(id).await?;
    for c in &mut codings {
        c.themes = with_parents(&c.themes, &parent_of);
    }
    let items = by_item(codings);
    // Items two or more people coded (the shared sample), coders' codings only.
    let shared: Vec<Vec<&StoredCoding>> = items
        .values()
        .map(|cs| cs.iter().filter(|c| !c.gold).collect::<Vec<_>>())
        .filter(|cs| cs.len() >= 2)
        .collect();
    let mut coders: Vec<(i64, String)> = items
        .values()
        .flatten()
        .filter(|c| !c.gold)
        .map(|c| (c.coder_id, c.coder_name.clone()))
        .collect();
    coders.sort();
    coders.dedup();
    let rows: Vec<_> = themes
        .iter()
        .map(|t| {
            let decisions: Vec<Vec<(i64, bool)>> = shared
                .iter()
                .map(|cs| {
                    cs.iter()
                        .map(|c| (c.coder_id, c.themes.contains(&t.id)))
                        .collect()
                })
                .collect();
            let a = theme_agreement(&decisions);
            let applied = shared
                .iter()
                .filter(|cs| cs.iter().any(|c| c.themes.contains(&t.id)))
                .count();
            context! {
                name => t.name,
                sub => t.parent_id.is_some(),
                applied => applied,
                disagreements => a.disagreements,
                kappa => rounded(a.kappa),
                alpha => rounded(a.alpha),
                reading => describe(a.alpha),
            }
        })
        .collect();
    let sentiment_units: Vec<Vec<i64>> = shared
        .iter()
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c.sentiment.map(i64::from))
                .collect()
        })
        .collect();
    let sentiment_alpha = krippendorff_alpha(&sentiment_units, Metric::Interval);
    let disputed: Vec<(i64, String)> = items
        .iter()
        .filter(|(_, cs)| {
            let domain: Vec<_> = cs.iter().map(StoredCoding::as_domain).collect();
            !cs.iter().any(|c| c.gold) && coders_disagree(&domain)
        })
        .map(|(item, cs)| {
            let names: Vec<String> = cs.iter().map(|c| c.coder_name.clone()).collect();
            (*item, names.join(", "))
        })
        .collect();
    let ids: Vec<i64> = disputed.iter().map(|(i, _)| *i).collect();
    let texts = state.store.feedback_by_ids(&ids).await?;
    let disputes: Vec<_> = disputed
        .iter()
        .zip(&texts)
        .map(|((id, coders), f)| {
            let text = shown_text(&state.store, true, f);
            let snippet: String = text.chars().take(90).collect();
            let more = text.chars().count() > 90;
            context! { id => id, coders => coders, snippet => snippet, more => more, received_on => f.received_on }
        })
        .collect();
    let resolved = items
        .values()
        .filter(|cs| cs.iter().any(|c| c.gold))
        .count();
    state
        .render(
            &ctx,
            "themes/agreement.html",
            context! {
                c => c,
                rows => rows,
                shared => shared.len(),
                coders => coders.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
                sentiment_alpha => rounded(sentiment_alpha),
                sentiment_reading => describe(sentiment_alpha),
                disputes => disputes,
                resolved => resolved,
            },
        )
        .await
}

#[derive(Deserialize, Default)]
pub struct ItemQuery {
    #[serde(default)]
    item: Option<i64>,
}

async fn resolve_page(
    state: &AppState,
    ctx: &Ctx,
    c: &Codebook,
    item_id: i64,
    chosen: Option<(Vec<i64>, Option<u8>, String)>,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let item = state.store.get_feedback(item_id).await?;
    if Some(item.mnvp_id) != c.mnvp_id {
        return Err(WebError::NotFound);
    }
    state
        .store
        .audit_event(
            &ctx.actor(),
            "view",
            "feedback",
            Some(item_id),
            "original text (resolving)".into(),
        )
        .await?;
    let themes = state.store.codebook_themes(c.id).await?;
    let codings = state.store.item_codings(c.id, item_id).await?;
    let name_of = |id: &i64| themes.iter().find(|t| t.id == *id).map(|t| t.name.clone());
    let coders: Vec<_> = codings
        .iter()
        .filter(|k| !k.gold)
        .map(|k| {
            context! {
                name => k.coder_name,
                themes => k.themes.iter().filter_map(name_of).collect::<Vec<_>>(),
                sentiment => sentiment_label(k.sentiment),
                note => k.note,
            }
        })
        .collect();
    let domain: Vec<_> = codings.iter().map(StoredCoding::as_domain).collect();
    // Start from the resolution if there is one, else from what most coders chose.
    let (picked, sentiment, note) = chosen.unwrap_or_else(|| {
        let gold = codings.iter().find(|k| k.gold);
        match (gold, human_labels(&domain)) {
            (Some(g), _) => (g.themes.clone(), g.sentiment, g.note.clone()),
            (None, Some(l)) => (l.themes, l.sentiment, String::new()),
            (None, None) => (Vec::new(), None, String::new()),
        }
    });
    let counts = |id: i64| {
        codings
            .iter()
            .filter(|k| !k.gold && k.themes.contains(&id))
            .count()
    };
    let options: Vec<_> = themes
        .iter()
        .map(|t| {
            context! {
                id => t.id,
                name => t.name,
                sub => t.parent_id.is_some(),
                votes => counts(t.id),
                checked => picked.contains(&t.id),
            }
        })
        .collect();
    let sentiments: Vec<_> = SENTIMENTS
        .iter()
        .map(|(v, label)| context! { value => v, label => label, checked => sentiment == Some(*v) })
        .collect();
    state
        .render(
            ctx,
            "themes/resolve.html",
            context! {
                c => c,
                item => context! {
                    id => item.id,
                    received_on => item.received_on,
                    channel => item.channel,
                    care_stage => item.care_stage,
                    unit_name => item.unit_name,
                    text => shown_text(&state.store, true, &item),
                },
                coders => coders,
                options => options,
                sentiments => sentiments,
                note => note,
                resolved => codings.iter().any(|k| k.gold),
                errors => errors,
            },
        )
        .await
}

pub async fn show_resolve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ItemQuery>,
) -> WebResult<Html<String>> {
    let (_, c) = lead_codebook(&state, &ctx, id).await?;
    let item = q.item.ok_or_else(|| {
        WebError::BadRequest("Choose an item to resolve from the list of disagreements".into())
    })?;
    resolve_page(&state, &ctx, &c, item, None, FormErrors::new()).await
}

pub async fn save_resolution(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    RawForm(body): RawForm,
) -> WebResult<Response> {
    let (viewer, c) = lead_codebook(&state, &ctx, id).await?;
    let (form, mut errors) = CodingForm::read(
        &body,
        "Choose at least one theme for the agreed coding",
        "Choose the agreed sentiment",
    )?;
    if errors.is_empty() {
        let coding = form.coding(viewer.user_id, true);
        let to = format!("/themes/codebooks/{id}/agreement#disagreements");
        let flash = "Resolved. The agreed coding is now this item's label.";
        if let Some(done) = store_coding(&state, &ctx, id, &coding, flash, &to, &mut errors).await?
        {
            return Ok(done);
        }
    }
    let html = resolve_page(
        &state,
        &ctx,
        &c,
        form.item,
        Some((form.themes, form.sentiment, form.note)),
        errors,
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
