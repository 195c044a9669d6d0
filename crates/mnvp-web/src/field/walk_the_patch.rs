//! Walk the Patch pages (guidance 2.8). The session page is the tablet's capture screen: with
//! JavaScript it keeps every entry on the device and sends it when it can (see
//! `static/field-walk.js`); without it, the same forms post here as ordinary forms.

use super::conversation::{store_conversation, ConversationInput, Destination, LISTS, ORDER};
use super::corrections::{heard, open_until, Corrector};
use super::form::{add_all, Pairs};
use super::{
    chosen_unit, conversation_choices, done, once, team_mnvp, today_parts, unit_options, Page,
    PageQuery,
};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::walk_the_patch::{RawSessionPlan, SessionPlan, TallyKind};
use mnvp_store::field::walk_the_patch::{NewWalkSession, WalkSession};
use serde_json::json;

const PAGE_SIZE: i64 = 25;

/// The session, if it belongs to the person's MNVP; otherwise not found (never "forbidden",
/// which would confirm that another MNVP's session exists).
pub(crate) async fn session_in_scope(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
) -> WebResult<WalkSession> {
    let mnvp = team_mnvp(ctx)?;
    let session = state.store.get_walk_session(id).await?;
    if session.mnvp_id == mnvp {
        Ok(session)
    } else {
        Err(WebError::NotFound)
    }
}

pub async fn list_sessions(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> WebResult<Html<String>> {
    let mnvp = team_mnvp(&ctx)?;
    let page = Page::new(q.page, PAGE_SIZE);
    let (sessions, total) = state
        .store
        .list_walk_sessions(mnvp, page.size, page.offset())
        .await?;
    let (prev, next) = page.links("/field/walk-the-patch", total);
    state
        .render(
            &ctx,
            "field/walk/list.html",
            context! { sessions => sessions, total => total, prev => prev, next => next },
        )
        .await
}

async fn session_form(
    state: &AppState,
    ctx: &Ctx,
    mnvp: i64,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    state
        .render(
            ctx,
            "field/walk/new.html",
            context! { form => form, errors => errors, units => unit_options(state, mnvp).await? },
        )
        .await
}

pub async fn new_session(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = team_mnvp(&ctx)?;
    let units = state.store.mnvp_units(mnvp).await?;
    let (day, month, year) = today_parts();
    let form = json!({
        "held_on_day": day, "held_on_month": month, "held_on_year": year,
        "volunteers": ctx.user()?.name,
        "unit": if units.len() == 1 { units[0].id.to_string() } else { String::new() },
        "form_key": new_form_key(),
    });
    session_form(&state, &ctx, mnvp, form, FormErrors::new()).await
}

pub async fn create_session(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Pairs,
) -> WebResult<Response> {
    let mnvp = team_mnvp(&ctx)?;
    let mut errors = FormErrors::new();
    let unit = chosen_unit(
        &state,
        mnvp,
        &form.get("unit"),
        Some("Select the unit you are visiting"),
        &mut errors,
    )
    .await?;
    let (day, month, year) = (
        form.get("held_on_day"),
        form.get("held_on_month"),
        form.get("held_on_year"),
    );
    let volunteers = form.get("volunteers");
    let plan = SessionPlan::parse(&RawSessionPlan {
        day: &day,
        month: &month,
        year: &year,
        volunteers: &volunteers,
    })
    .map_err(|e| add_all(&mut errors, e))
    .ok();
    if let (Some(unit_id), Some(plan), true) = (unit, plan, errors.is_empty()) {
        let new = NewWalkSession {
            mnvp_id: mnvp,
            unit_id,
            plan,
        };
        let key = valid_form_key(&form.get("form_key")).map(str::to_string);
        // The unit was checked above; a refusal here (it stopped being covered meanwhile)
        // is shown as an error page.
        let id = state
            .store
            .create_walk_session(&new, &ctx.actor(), key.as_deref())
            .await?;
        return Ok(done(
            &state,
            &ctx,
            "Session started. Record each conversation below.",
            &format!("/field/walk-the-patch/{id}"),
        )
        .await);
    }
    let html = session_form(&state, &ctx, mnvp, form.echo(&[]), errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// How many of the latest conversations the capture page lists (the summary has them all).
const LATEST: i64 = 10;

/// The capture page: the conversation form (kept as typed when it had errors), the tally
/// buttons, each form with a fresh one-time id that doubles as the device id, and the latest
/// conversations with their Change and Remove links.
async fn capture_page(
    state: &AppState,
    ctx: &Ctx,
    session: &WalkSession,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let tallies: Vec<_> = TallyKind::ALL
        .iter()
        .map(|k| context! { kind => k.as_str(), label => k.label(), key => new_form_key(), undo_key => new_form_key() })
        .collect();
    let (latest, heard_total) = state.store.session_feedback(session.id, LATEST, 0).await?;
    let until = open_until(&session.held_on, &session.created_at);
    state
        .render(
            ctx,
            "field/walk/session.html",
            context! {
                session => session,
                form => form,
                errors => errors,
                order => ORDER,
                choices => conversation_choices(),
                tallies => tallies,
                user_id => ctx.user()?.id,
                heard => heard(state, &Corrector::of(ctx)?, until, &latest),
                heard_total => heard_total,
                open_until => until.format("%Y-%m-%d").to_string(),
                is_lead => ctx.role() == Some(mnvp_domain::role::Role::MnvpLead),
            },
        )
        .await
}

fn fresh_entry() -> serde_json::Value {
    json!({ "form_key": new_form_key(), "experiences": [] })
}

pub async fn show_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let session = session_in_scope(&state, &ctx, id).await?;
    capture_page(&state, &ctx, &session, fresh_entry(), FormErrors::new()).await
}

/// One conversation from the form (no JavaScript). The form's one-time key is the entry's
/// device id, so a double-submitted form stores one conversation.
pub async fn create_entry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let session = session_in_scope(&state, &ctx, id).await?;
    let input = ConversationInput::from_pairs(&form);
    match input.parse() {
        Ok(parsed) => {
            let stored = store_conversation(
                &state,
                &ctx,
                id,
                parsed,
                &input.postcode,
                Destination {
                    mnvp_id: session.mnvp_id,
                    unit_id: session.unit_id,
                    channel: Channel::WalkThePatch,
                    received_on: &session.held_on,
                    client_id: valid_form_key(&input.client_id).map(str::to_lowercase),
                },
            )
            .await?;
            let message = once(
                stored.created,
                "Conversation saved. Thank you.",
                "That conversation was already saved.",
            );
            Ok(done(
                &state,
                &ctx,
                message,
                &format!("/field/walk-the-patch/{id}"),
            )
            .await)
        }
        Err(errors) => {
            let html = capture_page(&state, &ctx, &session, form.echo(LISTS), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

/// One tap of "declined" or "not a good time" (or taking one back), from the form.
pub async fn create_tally(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    session_in_scope(&state, &ctx, id).await?;
    let kind = TallyKind::parse(&form.get("kind")).map_err(|e| WebError::BadRequest(e.0))?;
    let delta = if form.get("delta") == "-1" { -1 } else { 1 };
    let key = valid_form_key(&form.get("form_key"))
        .map(str::to_lowercase)
        .ok_or_else(|| {
            WebError::BadRequest("The form has expired. Go back and try again.".into())
        })?;
    let message = match state
        .store
        .record_walk_tally(id, &key, kind, delta, &ctx.actor())
        .await
    {
        Ok(s) if !s.created => "That was already counted.".to_string(),
        Ok(_) if delta > 0 => format!("Counted: {}.", kind.label().to_lowercase()),
        Ok(_) => format!("Taken back: {}.", kind.label().to_lowercase()),
        Err(mnvp_store::StoreError::Invalid(m)) => m,
        Err(e) => return Err(e.into()),
    };
    Ok(done(
        &state,
        &ctx,
        &message,
        &format!("/field/walk-the-patch/{id}"),
    )
    .await)
}

/// What the session heard: counts, conversations by stage of care, and what was said (the
/// redacted words outside the lead role).
pub async fn show_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let session = session_in_scope(&state, &ctx, id).await?;
    let until = open_until(&session.held_on, &session.created_at);
    let page = Page::new(q.page, PAGE_SIZE);
    let (items, total) = state
        .store
        .session_feedback(id, page.size, page.offset())
        .await?;
    let stages = state.store.session_stage_counts(id).await?;
    let (prev, next) = page.links(&format!("/field/walk-the-patch/{id}/summary"), total);
    let entries = heard(&state, &Corrector::of(&ctx)?, until, &items);
    state
        .render(
            &ctx,
            "field/walk/summary.html",
            context! {
                session => session,
                stages => stages,
                entries => entries,
                total => total,
                prev => prev,
                next => next,
                redacted => !role.sees_original_text(),
            },
        )
        .await
}
