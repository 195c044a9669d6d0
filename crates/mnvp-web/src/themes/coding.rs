//! The coding screen: one item at a time from the coder's queue, with the model's suggested
//! themes (and how far to trust each), its sentiment, the whole codebook to add from, and a
//! note. Plain forms do everything; `/static/themes.js` adds number keys for the suggestions.
//! The lead sees (and the audit log records) the original words; volunteers see the redaction.

use super::access::{codable, Viewer};
use super::engine;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, Query, RawForm, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;
use mnvp_domain::themes::SENTIMENTS;
use mnvp_store::feedback::FeedbackItem;
use mnvp_store::themes::{Codebook, NewCoding, QueueOrder, Theme};
use serde::{Deserialize, Serialize};

/// Longest note on a coding.
const MAX_NOTE: usize = 2_000;
/// Suggested themes shown above the rest of the codebook (and reachable by number keys).
const MAX_SUGGESTIONS: usize = 8;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    pub order: String,
    #[serde(default)]
    pub offset: Option<i64>,
    /// A particular item (to look again at one's own coding); otherwise the queue's next.
    #[serde(default)]
    pub item: Option<i64>,
}

/// What the coder typed, to show again with an error.
#[derive(Default, Serialize)]
struct Typed {
    themes: Vec<i64>,
    sentiment: Option<u8>,
    note: String,
}

/// The text the coder may see: the original (opened from its sealed form) for the lead, the
/// redaction for anyone else (see [`crate::capture::shown_stored`]).
pub fn shown_text(store: &mnvp_store::Store, lead: bool, f: &FeedbackItem) -> String {
    let role = if lead {
        mnvp_domain::role::Role::MnvpLead
    } else {
        mnvp_domain::role::Role::Volunteer
    };
    crate::capture::shown_stored(store, role, f.body.as_ref(), f.body_redacted.as_deref())
        .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    c: &Codebook,
    order: QueueOrder,
    offset: i64,
    chosen: Option<i64>,
    typed: Option<Typed>,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let mnvp = c.mnvp_id.ok_or(WebError::NotFound)?;
    let themes = state.store.codebook_themes(c.id).await?;
    let (next, queued) = state
        .store
        .coding_queue(c.id, mnvp, viewer.user_id, order, offset)
        .await?;
    let item_id = chosen.or(next);
    let (coded, total) = state.store.coding_progress(c.id, mnvp).await?;
    let orders: Vec<_> = [
        (QueueOrder::LeastCertain, "Least certain first"),
        (QueueOrder::Random, "Random order"),
        (QueueOrder::CodedByOthers, "Coded by others, not yet by you"),
    ]
    .iter()
    .map(|(o, label)| context! { value => o.as_str(), label => label, current => *o == order })
    .collect();
    let base = context! {
        c => c,
        orders => orders,
        order => order.as_str(),
        offset => offset,
        queued => queued,
        coded => coded,
        total => total,
        no_themes => themes.is_empty(),
        errors => errors,
        min_training => engine::MIN_TRAINING_ITEMS,
    };
    let Some(item_id) = item_id.filter(|_| !themes.is_empty()) else {
        return state.render(ctx, "themes/code.html", base).await;
    };
    let item = state.store.get_feedback(item_id).await?;
    if item.mnvp_id != mnvp {
        return Err(WebError::NotFound);
    }
    if viewer.is_lead() && item.body.is_some() {
        state
            .store
            .audit_event(
                &ctx.actor(),
                "view",
                "feedback",
                Some(item_id),
                "original text (coding)".into(),
            )
            .await?;
    }
    let mine = state
        .store
        .item_codings(c.id, item_id)
        .await?
        .into_iter()
        .find(|k| k.coder_id == viewer.user_id && !k.gold);
    let (model_sentiment, suggestions) = state.store.item_suggestions(c.id, item_id).await?;
    let active = super::worker::active_model(&state.store, &state.themes, c.id).await?;
    let figures = active
        .as_ref()
        .map(|a| engine::figures(&a.version))
        .unwrap_or_default();
    // Blind double-coding: on the agreement sample nothing is ticked in advance.
    let prefill = order != QueueOrder::CodedByOthers;
    let typed = typed.unwrap_or_else(|| match &mine {
        Some(m) => Typed {
            themes: m.themes.clone(),
            sentiment: m.sentiment,
            note: m.note.clone(),
        },
        None => Typed {
            themes: if prefill {
                suggestions
                    .iter()
                    .filter(|s| s.assigned)
                    .map(|s| s.theme_id)
                    .collect()
            } else {
                Vec::new()
            },
            // Only a fairly confident sentiment is chosen in advance.
            sentiment: model_sentiment
                .filter(|(_, conf)| prefill && *conf >= 0.5)
                .map(|(s, _)| s),
            note: String::new(),
        },
    });
    let name_of = |id: i64| themes.iter().find(|t| t.id == id);
    // The most confident few are enough to accept or reject at a glance; the rest of the
    // codebook is one click away.
    let suggestions: Vec<_> = suggestions.into_iter().take(MAX_SUGGESTIONS).collect();
    let suggested: Vec<_> = suggestions
        .iter()
        .filter_map(|s| {
            let t = name_of(s.theme_id)?;
            Some(context! {
                id => t.id,
                name => t.name,
                parent => t.parent_id.and_then(name_of).map(|p| p.name.clone()),
                description => t.description,
                // Never "100%": a calibrated probability is not a certainty.
                percent => ((s.confidence * 100.0).round() as i64).clamp(1, 99),
                assigned => s.assigned,
                checked => typed.themes.contains(&t.id),
                figures => figures.themes.get(&t.id),
            })
        })
        .collect();
    let suggested_ids: Vec<i64> = suggestions.iter().map(|s| s.theme_id).collect();
    let others: Vec<_> = themes
        .iter()
        .filter(|t| !suggested_ids.contains(&t.id))
        .map(|t: &Theme| {
            context! {
                id => t.id,
                name => t.name,
                sub => t.parent_id.is_some(),
                description => t.description,
                checked => typed.themes.contains(&t.id),
            }
        })
        .collect();
    let open_others = typed.themes.iter().any(|t| !suggested_ids.contains(t));
    let sentiments: Vec<_> = SENTIMENTS
        .iter()
        .map(|(v, label)| context! { value => v, label => label, checked => typed.sentiment == Some(*v) })
        .collect();
    state
        .render(
            ctx,
            "themes/code.html",
            context! {
                item => context! {
                    id => item.id,
                    received_on => item.received_on,
                    channel => item.channel,
                    care_stage => item.care_stage,
                    unit_name => item.unit_name,
                    text => shown_text(&state.store, viewer.is_lead(), &item),
                },
                redacted => !viewer.is_lead(),
                measuring => figures.measuring,
                suggested => suggested,
                others => others,
                open_others => open_others,
                sentiments => sentiments,
                model_sentiment => model_sentiment.map(|(s, conf)| context! {
                    label => mnvp_domain::themes::sentiment_label(Some(s)),
                    percent => ((conf * 100.0).round() as i64).clamp(1, 99),
                }),
                model => active.as_ref().map(|a| context! {
                    version => a.version.version,
                    kind => a.version.kind,
                    trained_on => a.version.trained_on,
                }),
                note => typed.note,
                editing => mine.is_some(),
                ..base
            },
        )
        .await
}

pub async fn show_queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<QueueQuery>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = codable(&state, &viewer, id).await?;
    let order = QueueOrder::parse(&q.order);
    let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
    page(
        &state,
        &ctx,
        &viewer,
        &c,
        order,
        offset,
        q.item,
        None,
        FormErrors::new(),
    )
    .await
}

fn queue_link(id: i64, order: QueueOrder, offset: i64) -> String {
    format!(
        "/themes/codebooks/{id}/code?order={}&offset={offset}",
        order.as_str()
    )
}

pub async fn save_coding(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    RawForm(body): RawForm,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = codable(&state, &viewer, id).await?;
    let field = |k: &str| super::form_value(&body, k).unwrap_or_default();
    let order = QueueOrder::parse(&field("order"));
    let offset: i64 = field("offset").parse().unwrap_or(0).clamp(0, 1_000_000);
    if field("action") == "skip" {
        return Ok(Redirect::to(&queue_link(id, order, offset + 1)).into_response());
    }
    let (form, mut errors) = CodingForm::read(
        &body,
        "Choose at least one theme, or skip this item",
        "Choose how positive or negative the feedback is",
    )?;
    if errors.is_empty() {
        let coding = form.coding(viewer.user_id, false);
        let to = queue_link(id, order, offset);
        if let Some(done) = store_coding(
            &state,
            &ctx,
            id,
            &coding,
            "Saved. Here is the next item.",
            &to,
            &mut errors,
        )
        .await?
        {
            return Ok(done);
        }
    }
    let typed = Typed {
        themes: form.themes,
        sentiment: form.sentiment,
        note: form.note,
    };
    let html = page(
        &state,
        &ctx,
        &viewer,
        &c,
        order,
        offset,
        Some(form.item),
        Some(typed),
        errors,
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// A coding as posted from the coding screen or the resolution page.
pub(super) struct CodingForm {
    pub item: i64,
    pub themes: Vec<i64>,
    pub sentiment: Option<u8>,
    pub note: String,
}

impl CodingForm {
    /// Reads the form and checks it; the messages say what to do when no theme or no sentiment
    /// was chosen. A form that does not name its item is refused outright.
    pub(super) fn read(
        body: &[u8],
        no_theme: &str,
        no_sentiment: &str,
    ) -> WebResult<(CodingForm, FormErrors)> {
        let field = |k: &str| super::form_value(body, k).unwrap_or_default();
        let item = field("item").parse().map_err(|_| {
            WebError::BadRequest("The form did not say which feedback item it is about".into())
        })?;
        let themes: Vec<i64> = super::form_values(body, "theme")
            .iter()
            .filter_map(|v| v.parse().ok())
            .collect();
        let sentiment = field("sentiment")
            .parse::<u8>()
            .ok()
            .filter(|s| (1..=5).contains(s));
        let note = field("note").trim().to_string();
        let mut errors = FormErrors::new();
        if themes.is_empty() {
            errors.add("themes", no_theme);
        }
        if sentiment.is_none() {
            errors.add("sentiment", no_sentiment);
        }
        if note.chars().count() > MAX_NOTE {
            errors.add(
                "note",
                format!("The note must be {MAX_NOTE} characters or fewer"),
            );
        }
        Ok((
            CodingForm {
                item,
                themes,
                sentiment,
                note,
            },
            errors,
        ))
    }

    pub(super) fn coding(&self, coder_id: i64, gold: bool) -> NewCoding {
        NewCoding {
            feedback_id: self.item,
            coder_id,
            gold,
            themes: self.themes.clone(),
            sentiment: self.sentiment,
            note: self.note.clone(),
        }
    }
}

/// Saves a checked coding and, once saved, asks the worker to bring the model up to date and
/// returns the redirect (with `flash`). A theme removed from the codebook meanwhile becomes a
/// form error instead.
pub(super) async fn store_coding(
    state: &AppState,
    ctx: &Ctx,
    codebook: i64,
    coding: &NewCoding,
    flash: &str,
    to: &str,
    errors: &mut FormErrors,
) -> WebResult<Option<Response>> {
    match state
        .store
        .save_coding(codebook, coding, &ctx.actor())
        .await
    {
        Ok(()) => {
            state.themes.request(codebook);
            ctx.flash(&state.store, flash).await;
            Ok(Some(Redirect::to(to).into_response()))
        }
        Err(mnvp_store::StoreError::Invalid(m)) => {
            errors.add("themes", m);
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}
