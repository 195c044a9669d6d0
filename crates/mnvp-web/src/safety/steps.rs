//! The forms that record each step of a case. Post/Redirect/Get on success; on a refusal the
//! case page comes back with what was typed and an error summary naming the problem (for
//! closure: every step still missing).

use super::case::{render_case, StepForm};
use super::scope::case_in_scope;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{NaiveDate, NaiveTime};
use mnvp_domain::safety::{Contact, Decision, Method};
use mnvp_domain::uk_time::from_uk;
use mnvp_store::StoreError;

/// Longest free text kept on a step (assessment, reason, outcome, closing note).
const MAX_NOTE: usize = 5_000;
/// Longest "who was told".
const MAX_TOLD: usize = 200;

/// Where a step lands: back to the case with a message, or the form again with its errors.
async fn finish(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: &StepForm,
    which: &str,
    result: Result<(), StoreError>,
    done: &str,
) -> WebResult<Response> {
    let field = match which {
        "decision" => "decision",
        "notify" => "contact",
        "outcome" => "outcome",
        "close" => "close",
        _ => "note",
    };
    let mut errors = FormErrors::new();
    match result {
        Ok(()) => {
            ctx.flash(&state.store, done).await;
            return Ok(Redirect::to(&format!("/safety/cases/{id}")).into_response());
        }
        Err(StoreError::Invalid(m) | StoreError::Conflict(m)) => errors.add(field, m),
        Err(e) => return Err(e.into()),
    }
    let case = case_in_scope(state, ctx, id).await?;
    render_case(state, ctx, case, form, errors, Some(which)).await
}

/// Re-shows the form with field errors found before anything reached the store.
async fn refuse(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: &StepForm,
    which: &str,
    errors: FormErrors,
) -> WebResult<Response> {
    let case = case_in_scope(state, ctx, id).await?;
    render_case(state, ctx, case, form, errors, Some(which)).await
}

fn too_long(errors: &mut FormErrors, field: &str, text: &str, max: usize) {
    if text.chars().count() > max {
        errors.add(field, format!("This must be {max} characters or fewer"));
    }
}

pub async fn post_review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    note_step(&state, &ctx, id, &form, NoteStep::Review).await
}

/// The two steps that carry only a note: reviewing a case and closing it.
#[derive(Clone, Copy)]
enum NoteStep {
    Review,
    Close,
}

async fn note_step(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: &StepForm,
    step: NoteStep,
) -> WebResult<Response> {
    let which = match step {
        NoteStep::Review => "review",
        NoteStep::Close => "close",
    };
    case_in_scope(state, ctx, id).await?;
    let mut errors = FormErrors::new();
    too_long(&mut errors, "note", &form.note, MAX_NOTE);
    if !errors.is_empty() {
        return refuse(state, ctx, id, form, which, errors).await;
    }
    let (result, done) = match step {
        NoteStep::Review => (
            state.store.review_case(id, &form.note, &ctx.actor()).await,
            "The review has been recorded",
        ),
        NoteStep::Close => (
            state.store.close_case(id, &form.note, &ctx.actor()).await,
            "The case has been closed",
        ),
    };
    finish(state, ctx, id, form, which, result, done).await
}

pub async fn post_decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    case_in_scope(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    let decision = errors.check("decision", Decision::parse(&form.decision));
    if decision == Some(Decision::NoAction) && form.reason.trim().is_empty() {
        errors.add("reason", "Enter the reason for taking no further action");
    }
    too_long(&mut errors, "reason", &form.reason, MAX_NOTE);
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        return refuse(&state, &ctx, id, &form, "decision", errors).await;
    };
    let result = state
        .store
        .decide_case(id, decision, &form.reason, &ctx.actor())
        .await;
    finish(
        &state,
        &ctx,
        id,
        &form,
        "decision",
        result,
        "The decision has been recorded",
    )
    .await
}

pub async fn post_notify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    case_in_scope(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    let contact = errors.check("contact", Contact::parse(&form.contact));
    if form.told.trim().is_empty() {
        errors.add("told", "Enter the name of the person or team you told");
    }
    too_long(&mut errors, "told", &form.told, MAX_TOLD);
    let method = errors.check("method", Method::parse(&form.method));
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| "Enter the date they were told, like 2026-11-23");
    let date = errors.check("date", date);
    let time = NaiveTime::parse_from_str(form.time.trim(), "%H:%M")
        .map_err(|_| "Enter the time they were told, like 14:30");
    let time = errors.check("time", time);
    let (Some(contact), Some(method), Some(date), Some(time), true) =
        (contact, method, date, time, errors.is_empty())
    else {
        return refuse(&state, &ctx, id, &form, "notify", errors).await;
    };
    let when = from_uk(date.and_time(time));
    let result = state
        .store
        .record_notification(id, contact, &form.told, method, when, &ctx.actor())
        .await;
    let done = format!(
        "Recorded that the {} was told",
        contact.label().to_lowercase()
    );
    finish(&state, &ctx, id, &form, "notify", result, &done).await
}

pub async fn post_outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    case_in_scope(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    if form.outcome.trim().is_empty() {
        errors.add("outcome", "Enter what the contacts told you has happened");
    }
    too_long(&mut errors, "outcome", &form.outcome, MAX_NOTE);
    if !errors.is_empty() {
        return refuse(&state, &ctx, id, &form, "outcome", errors).await;
    }
    let result = state
        .store
        .record_outcome(id, &form.outcome, &ctx.actor())
        .await;
    finish(
        &state,
        &ctx,
        id,
        &form,
        "outcome",
        result,
        "The outcome has been recorded",
    )
    .await
}

pub async fn post_close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> WebResult<Response> {
    note_step(&state, &ctx, id, &form, NoteStep::Close).await
}
