//! "Check your answers", sending, and the confirmation. A submission is stored once however
//! often it is sent (the draft's key), goes through `capture::screened` like every channel,
//! and is refused kindly, answers kept, when one client sends too much (flood protection).

use super::questions::{self, Question};
use super::{pages, steps, visitor, Visit};
use crate::error::WebResult;
use crate::AppState;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::capture::{Answers, Journey, Step};
use mnvp_domain::feedback::Channel;
use mnvp_store::capture::FormDetails;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::organisations::Org;
use mnvp_store::Actor;
use serde::Serialize;

/// The hidden field people leave empty and form-filling robots do not.
const HONEYPOT: &str = "website";
/// How the confirmation page learns what was just sent (through the session's one-shot
/// message, so nothing about it appears in the address or the browser's history).
const SENT: &str = "feedback-sent:";

/// Submissions from the public are recorded without an address: the audit log must not link
/// anonymous feedback to where it came from.
fn public_actor() -> Actor {
    Actor {
        user_id: None,
        label: "public feedback form".into(),
        ip: String::new(),
    }
}

#[derive(Serialize)]
struct Row {
    key: String,
    /// One entry per line or chosen option.
    lines: Vec<String>,
    change: String,
}

/// Whether anything at all was answered (the route chosen and consent alone say nothing).
fn is_empty(a: &Answers) -> bool {
    a.unit.is_none()
        && a.stages.is_empty()
        && a.care_month.is_none()
        && a.rating_given().is_none()
        && a.body().is_none()
        && a.demographics().is_none()
}

/// What a question's answer looks like on the check page.
fn shown(v: &Visit, q: &Question) -> Vec<String> {
    let label = |value: &str| {
        q.options
            .iter()
            .chain(q.groups.iter().flat_map(|g| g.options.iter()))
            .find(|o| o.value == value)
            .map(|o| o.label.clone())
    };
    let lines: Vec<String> = match q.kind {
        "checkboxes" => q.values.iter().filter_map(|x| label(x)).collect(),
        "month" if !q.month.is_empty() => {
            vec![format!("{} {}", v.t(&format!("month-{}", q.month)), q.year)]
        }
        "postcode" if !q.value.is_empty() => vec![crate::i18n::text(
            v.lang,
            "postcode-area",
            &[("district", q.value.clone().into())],
        )],
        "textarea" => q.value.lines().map(str::to_string).collect(),
        _ => label(&q.value).into_iter().collect(),
    };
    if lines.iter().all(|l| l.trim().is_empty()) {
        vec![v.t("not-answered")]
    } else {
        lines
    }
}

/// One row per question on the person's route, each with a link to change it.
fn rows(v: &Visit, answers: &Answers, units: &[Org]) -> Vec<Row> {
    let mut rows = Vec::new();
    for step in answers.steps() {
        let p = questions::pairs_from(step, answers);
        let change = format!(
            "{}&return=check",
            v.href(&format!("/questions/{}", step.slug()))
        );
        for q in questions::questions(v, step, units, &p) {
            let key = match step {
                Step::AboutYou => v.t("check-about-you"),
                _ => q.label.clone(),
            };
            rows.push(Row {
                key,
                lines: shown(v, &q),
                change: change.clone(),
            });
        }
    }
    rows
}

async fn render_check(
    state: &AppState,
    v: &Visit,
    answers: &Answers,
    form_key: &str,
    status: StatusCode,
    error: Option<String>,
) -> WebResult<Response> {
    let units = state.store.mnvp_units(v.form.mnvp_id).await?;
    let last = answers.steps().last().copied().unwrap_or(Step::Journey);
    let page = context! {
        rows => rows(v, answers, &units),
        nothing => is_empty(answers),
        form_key => form_key,
        back_href => v.href(&format!("/questions/{}", last.slug())),
        action => v.href("/check"),
        error => error,
        bereaved => answers.journey() == Journey::Bereaved,
    };
    v.render(state, status, "capture/public/check.html", page)
        .await
}

pub async fn show_check(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    let v = v.with_session(&state).await?;
    let progress = visitor::load(&state, &v.ctx, v.form.mnvp_id).await?;
    let key = progress.form_key.unwrap_or_default();
    render_check(&state, &v, &progress.answers, &key, StatusCode::OK, None).await
}

/// The item to store for these answers, screened like every channel's, and what the form
/// records beside it. `language` is the code the form was filled in.
pub fn form_item(
    mnvp_id: i64,
    answers: &Answers,
    units: &[i64],
    language: &str,
) -> (NewFeedback, FormDetails) {
    // A unit the MNVP no longer covers is not attached (the answer was checked when given).
    let unit_id = answers.unit_id().filter(|id| units.contains(id));
    let item = crate::capture::screened(NewFeedback {
        mnvp_id,
        unit_id,
        channel: Channel::OnlineForm,
        care_stage: answers.main_care_stage(),
        received_on: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        rating: answers.rating_given().map(i32::from),
        body: answers.body(),
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: answers.demographics(),
    });
    let details = FormDetails {
        care_month: answers.care_month.map(|m| m.code()),
        care_stages: answers
            .care_stages()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        journey: answers.journey().as_str().into(),
        language: language.into(),
    };
    (item, details)
}

pub async fn send_feedback(
    State(state): State<AppState>,
    v: Visit,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> WebResult<Response> {
    let posted = questions::Pairs(steps::posted(form, v.lang)?);
    let sent = Redirect::to(&v.href("/sent"));
    let progress = visitor::load(&state, &v.ctx, v.form.mnvp_id).await?;
    let Some(key) = progress.form_key else {
        // No answers in progress: sent already (a second press, a retry after a dropped
        // connection), or never started.
        let key = crate::forms::valid_form_key(posted.get("form_key"));
        return Ok(match key {
            Some(k) if state.store.idempotency_hit(k, "feedback").await?.is_some() => {
                sent.into_response()
            }
            _ => Redirect::to(&v.href("")).into_response(),
        });
    };
    if let Err(wait) = state.form_limiter.check(&v.ctx.ip) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let message =
            crate::i18n::text(v.lang, "error-rate-limited", &[("minutes", minutes.into())]);
        tracing::info!("public form submission refused by the rate limit");
        return render_check(
            &state,
            &v,
            &progress.answers,
            &key,
            StatusCode::TOO_MANY_REQUESTS,
            Some(message),
        )
        .await;
    }
    let answers = progress.answers;
    if !posted.get(HONEYPOT).trim().is_empty() {
        // A robot: it sees the same thank-you as a person, and nothing is stored.
        tracing::info!("public form submission dropped: honeypot filled");
        visitor::forget(&state, &v.ctx, v.form.mnvp_id).await?;
        return Ok(sent.into_response());
    }
    let marker = if is_empty(&answers) {
        "none".to_string()
    } else {
        let units: Vec<i64> = state
            .store
            .mnvp_units(v.form.mnvp_id)
            .await?
            .iter()
            .map(|u| u.id)
            .collect();
        let (item, details) = form_item(v.form.mnvp_id, &answers, &units, v.lang.code);
        let id = state
            .store
            .insert_form_feedback(&item, &details, &public_actor(), Some(&key))
            .await?;
        id.to_string()
    };
    visitor::forget(&state, &v.ctx, v.form.mnvp_id).await?;
    v.ctx.flash(&state.store, &format!("{SENT}{marker}")).await;
    Ok(sent.into_response())
}

/// What was just sent, from the one-shot message: Some(None) for an empty form.
async fn just_sent(
    state: &AppState,
    v: &Visit,
) -> WebResult<Option<Option<mnvp_store::feedback::FeedbackItem>>> {
    let marker = v
        .ctx
        .session
        .as_ref()
        .and_then(|s| s.flash.as_deref())
        .and_then(|f| f.strip_prefix(SENT))
        .map(str::to_string);
    Ok(match marker.as_deref() {
        None => None,
        Some("none") => Some(None),
        Some(id) => match id.parse::<i64>() {
            Ok(id) => {
                let item = state.store.get_feedback(id).await?;
                Some((item.mnvp_id == v.form.mnvp_id).then_some(item))
            }
            Err(_) => None,
        },
    })
}

pub async fn show_sent(State(state): State<AppState>, v: Visit) -> WebResult<Response> {
    let sent = just_sent(&state, &v).await?;
    let (text, bereaved) = match sent.as_ref().and_then(|s| s.as_ref()) {
        Some(item) => {
            let details = state.store.form_details(item.id).await?;
            let bereaved = details.is_some_and(|d| d.journey == Journey::Bereaved.as_str());
            // Matched on the redacted text: it keeps every word that says what support fits
            // (only personal details are replaced), and the sealed original stays closed.
            (item.body_redacted.clone().unwrap_or_default(), bereaved)
        }
        None => (String::new(), false),
    };
    let groups = pages::support_groups(&state, v.form.mnvp_id, &text, bereaved).await?;
    let page = context! {
        stored => matches!(sent, Some(Some(_))),
        nothing => matches!(sent, Some(None)),
        groups => groups,
        again_href => v.href(""),
    };
    v.render(&state, StatusCode::OK, "capture/public/sent.html", page)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use mnvp_domain::capture::UnitAnswer;

    #[test]
    fn an_untouched_form_is_empty_and_any_answer_is_not() {
        let mut a = Answers {
            journey: Some(Journey::Bereaved),
            consent: Some(false),
            ..Default::default()
        };
        assert!(is_empty(&a));
        a.unit = Some(UnitAnswer::Elsewhere);
        assert!(!is_empty(&a));
        let rated = Answers {
            rating: Some(5),
            ..Default::default()
        };
        assert!(!is_empty(&rated));
    }
}
