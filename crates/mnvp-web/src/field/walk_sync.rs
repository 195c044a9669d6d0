//! The JSON API the tablet's offline queue sends Walk the Patch entries and tallies to, one at
//! a time, each with the id the device gave it when it was recorded. Sending the same entry
//! again answers 200 "already_stored" and stores nothing, so a queue that lost its network
//! mid-send can simply send again. Errors are problem JSON (RFC 9457); an entry the server
//! cannot accept answers 422 with an `errors` member naming each field, so the device can keep
//! it aside and say what is wrong instead of retrying for ever.
//!
//! A stored record answers `{"id", "client_id", "status": "stored" | "already_stored"}`,
//! where `id` is the conversation's feedback id (for a tally, the session's id).

use super::conversation::{store_conversation, ConversationInput, Destination};
use super::walk_the_patch::session_in_scope;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::walk_the_patch::{parse_delta, TallyKind};
use mnvp_store::field::Stored;
use serde::Deserialize;
use serde_json::{json, Value};

/// The most entries the session API lists (a session is a day on one unit).
const ENTRIES_MAX: i64 = 500;

/// The session's counts and what was heard, as the person's role may see it.
pub async fn get_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Json<Value>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let s = session_in_scope(&state, &ctx, id).await?;
    let (items, total) = state.store.session_feedback(id, ENTRIES_MAX, 0).await?;
    let entries: Vec<Value> = items
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "care_stage": f.care_stage,
                "rating": f.rating,
                "text": crate::capture::inbox::shown_text(&state.store, role, f),
            })
        })
        .collect();
    Ok(Json(json!({
        "id": s.id,
        "held_on": s.held_on,
        "unit": s.unit_name,
        "counts": {
            "conversations": s.counts.conversations,
            "declined": s.counts.declined,
            "not_now": s.counts.not_now,
            "approached": s.approached,
        },
        "entries_total": total,
        "entries": entries,
    })))
}

/// A 422 problem JSON listing every field's problem.
fn invalid(ctx: &Ctx, errors: &FormErrors) -> Response {
    let fields = serde_json::to_value(errors).unwrap_or_default();
    let detail = fields
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default();
    let body = json!({
        "type": "about:blank",
        "title": "There is a problem with what was sent",
        "status": 422,
        "detail": detail,
        "instance": ctx.path,
        "errors": fields,
    });
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn body_of<T>(body: Result<Json<T>, JsonRejection>, what: &str) -> WebResult<T> {
    body.map(|Json(v)| v).map_err(|e| {
        WebError::BadRequest(format!(
            "The request body is not valid JSON for {what}: {}",
            e.body_text()
        ))
    })
}

/// The device's id for what it sends: a UUID, compared in lower case.
fn client_id(raw: &str, errors: &mut FormErrors) -> Option<String> {
    match uuid::Uuid::parse_str(raw.trim()) {
        Ok(u) => Some(u.hyphenated().to_string()),
        Err(_) => {
            errors.add(
                "client_id",
                "Send the id the device gave this record, as a UUID",
            );
            None
        }
    }
}

fn answered(stored: Stored, client_id: &str) -> Response {
    let (status, word) = if stored.created {
        (StatusCode::CREATED, "stored")
    } else {
        (StatusCode::OK, "already_stored")
    };
    (
        status,
        Json(json!({ "id": stored.id, "client_id": client_id, "status": word })),
    )
        .into_response()
}

pub async fn post_entry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    body: Result<Json<ConversationInput>, JsonRejection>,
) -> WebResult<Response> {
    let session = session_in_scope(&state, &ctx, id).await?;
    let input = body_of(body, "an entry")?;
    let mut errors = FormErrors::new();
    let client = client_id(&input.client_id, &mut errors);
    let parsed = match input.parse() {
        Ok(p) => Some(p),
        Err(e) => {
            for (field, message) in serde_json::to_value(&e)
                .ok()
                .and_then(|v| v.as_object().cloned())
                .unwrap_or_default()
            {
                errors.add(&field, message.as_str().unwrap_or_default());
            }
            None
        }
    };
    let (Some(client), Some(parsed), true) = (client, parsed, errors.is_empty()) else {
        return Ok(invalid(&ctx, &errors));
    };
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
            client_id: Some(client.clone()),
        },
    )
    .await?;
    Ok(answered(stored, &client))
}

#[derive(Deserialize)]
pub struct TallyInput {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    kind: String,
    #[serde(default = "one")]
    delta: i64,
}

fn one() -> i64 {
    1
}

pub async fn post_tally(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    body: Result<Json<TallyInput>, JsonRejection>,
) -> WebResult<Response> {
    session_in_scope(&state, &ctx, id).await?;
    let input = body_of(body, "a tally")?;
    let mut errors = FormErrors::new();
    let client = client_id(&input.client_id, &mut errors);
    let kind = errors.check("kind", TallyKind::parse(&input.kind));
    let delta = errors.check("delta", parse_delta(input.delta));
    let (Some(client), Some(kind), Some(delta)) = (client, kind, delta) else {
        return Ok(invalid(&ctx, &errors));
    };
    match state
        .store
        .record_walk_tally(id, &client, kind, delta, &ctx.actor())
        .await
    {
        Ok(stored) => Ok(answered(stored, &client)),
        Err(mnvp_store::StoreError::Invalid(m)) => {
            errors.add("delta", m);
            Ok(invalid(&ctx, &errors))
        }
        Err(e) => Err(e.into()),
    }
}
