//! The question pages: show one page of questions with what was answered before, and save a
//! posted page (or skip it) before moving on. Bad input re-shows the page with what was
//! typed and an error summary; nothing is saved until the page is valid.

use super::questions::{self, FieldError, Pairs, Question};
use super::{visitor, Visit};
use crate::error::{WebError, WebResult};
use crate::i18n::Language;
use crate::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::Datelike;
use minijinja::context;
use mnvp_domain::capture::{Answers, InputError, Step};
use mnvp_store::organisations::Org;
use serde::Serialize;

#[derive(Serialize)]
struct ErrorLink {
    anchor: String,
    text: String,
}

/// The message for a field error, in the visitor's language.
pub fn error_text(v: &Visit, e: InputError) -> String {
    match e {
        InputError::TooLong { max, count } => crate::i18n::text(
            v.lang,
            e.message_id(),
            &[("max", max.into()), ("count", count.into())],
        ),
        _ => v.t(e.message_id()),
    }
}

/// Where a page's "Continue" leads: the check page when changing an answer from there (unless
/// the change alters which questions follow), else the next page of the person's route.
fn next_href(v: &Visit, answers: &Answers, step: Step) -> String {
    let reroutes = matches!(step, Step::Journey | Step::AboutYou);
    match answers.position(step).and_then(|p| p.next) {
        Some(next) if !v.returning || reroutes => v.href(&format!("/questions/{}", next.slug())),
        _ => v.href("/check"),
    }
}

fn page_href(v: &Visit, step: Step) -> String {
    let href = v.href(&format!("/questions/{}", step.slug()));
    if v.returning {
        format!("{href}&return=check")
    } else {
        href
    }
}

/// The first page, where anyone off their route (a page of the other route, or the
/// monitoring questions without consent) is sent back to.
fn first_page(v: &Visit) -> Response {
    Redirect::to(&v.href(&format!("/questions/{}", Step::Journey.slug()))).into_response()
}

/// Renders a page of questions with `p` in its fields and `errors` against them.
async fn render_step(
    state: &AppState,
    v: &Visit,
    answers: &Answers,
    step: Step,
    units: &[Org],
    (p, errors): (&Pairs, &[FieldError]),
) -> WebResult<Response> {
    let Some(position) = answers.position(step) else {
        return Ok(first_page(v));
    };
    let mut qs: Vec<Question> = questions::questions(v, step, units, p);
    let mut summary = Vec::new();
    for q in &mut qs {
        if let Some((_, e)) = errors.iter().find(|(f, _)| *f == q.name) {
            let text = error_text(v, *e);
            // A month error points at the box that needs fixing.
            if q.kind == "month" && matches!(e, InputError::YearMissing | InputError::YearInvalid) {
                q.anchor = "when-year".into();
            }
            summary.push(ErrorLink {
                anchor: q.anchor.clone(),
                text: text.clone(),
            });
            q.error = Some(text);
        }
    }
    let back_href = if v.returning {
        v.href("/check")
    } else {
        match position.previous {
            Some(prev) => v.href(&format!("/questions/{}", prev.slug())),
            None => v.href(""),
        }
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = context! {
        step => step.id(),
        title => v.t(&format!("step-{}-title", step.id())),
        questions => qs,
        errors => summary,
        number => position.number,
        total => position.total,
        back_href => back_href,
        action => page_href(v, step),
        content_note => step.needs_content_note().then(|| v.t(&format!("content-note-{}", step.id()))),
        bereaved => answers.journey() == mnvp_domain::capture::Journey::Bereaved,
        postcode_kept => (step == Step::YouSecond).then(|| answers.about_you.postcode_district.clone()).flatten(),
        several => matches!(step, Step::YouFirst | Step::YouSecond),
    };
    v.render(state, status, "capture/public/question.html", page)
        .await
}

async fn units_of(state: &AppState, v: &Visit) -> WebResult<Vec<Org>> {
    Ok(state.store.mnvp_units(v.form.mnvp_id).await?)
}

/// This month, for refusing care dates in the future.
fn this_month() -> (i32, u32) {
    let now = chrono::Utc::now();
    (now.year(), now.month())
}

pub async fn show_step(
    State(state): State<AppState>,
    v: Visit,
    Path((_, step)): Path<(String, String)>,
) -> WebResult<Response> {
    let Some(step) = Step::from_slug(&step) else {
        return super::pages::not_found(&state, &v.ctx, v.lang, None).await;
    };
    let v = v.with_session(&state).await?;
    let progress = visitor::load(&state, &v.ctx, v.form.mnvp_id).await?;
    let units = units_of(&state, &v).await?;
    let p = questions::pairs_from(step, &progress.answers);
    render_step(&state, &v, &progress.answers, step, &units, (&p, &[])).await
}

pub async fn save_step(
    State(state): State<AppState>,
    v: Visit,
    Path((_, step)): Path<(String, String)>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> WebResult<Response> {
    let Some(step) = Step::from_slug(&step) else {
        return super::pages::not_found(&state, &v.ctx, v.lang, None).await;
    };
    let p = Pairs(posted(form, v.lang)?);
    let mut progress = visitor::load(&state, &v.ctx, v.form.mnvp_id).await?;
    if progress.answers.position(step).is_none() {
        return Ok(first_page(&v));
    }
    let units = units_of(&state, &v).await?;
    if !p.get("skip").is_empty() {
        questions::skip(step, &mut progress.answers);
    } else {
        let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
        match questions::apply(step, &mut progress.answers, &p, &ids, this_month()) {
            Ok(applied) => {
                if let Some(full) = applied.locate {
                    let place = state.store.place_postcode(&full).await?;
                    progress.answers.about_you.lsoa21 = place.lsoa21;
                    progress.answers.about_you.imd_decile = place.imd_decile;
                }
            }
            Err(errors) => {
                let shown = (&p, errors.as_slice());
                return render_step(&state, &v, &progress.answers, step, &units, shown).await;
            }
        }
    }
    visitor::save(&state, &v.ctx, v.form.mnvp_id, &progress.answers).await?;
    Ok(Redirect::to(&next_href(&v, &progress.answers, step)).into_response())
}

/// The posted fields, or a clear message when the body could not be read (too large).
pub fn posted(
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
    lang: &Language,
) -> WebResult<Vec<(String, String)>> {
    match form {
        Ok(Form(pairs)) => Ok(pairs),
        Err(e) => {
            tracing::info!(status = %e.status(), "public form body refused");
            Err(WebError::BadRequest(crate::i18n::text(
                lang,
                "error-too-large",
                &[],
            )))
        }
    }
}
