//! A survey as the public answers it, following the NHS service manual: a start page, one
//! question (or a small group) per page, every question skippable unless the lead made it
//! required, an error summary, back and change links that keep every answer, "check your
//! answers", and a confirmation. Works without JavaScript: answers in progress are kept on the
//! server against the visitor's anonymous session. A closed survey says so, kindly.

use super::today;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::{context, Value};
use mnvp_domain::capture::survey::{date_from_parts, Answers, QuestionKind, SurveyDefinition};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::capture::surveys::{AnswerValue, Availability, NewResponse, Survey};
use mnvp_store::feedback::NewFeedback;
use serde::Deserialize;

/// What one question needs to render: its text, options with what is chosen, and any error.
pub(crate) fn question_view(
    def: &SurveyDefinition,
    index: usize,
    answers: &Answers,
    errors: &FormErrors,
) -> Value {
    let q = &def.questions[index];
    let given = answers.get(&q.id).cloned().unwrap_or_default();
    let options: Vec<Value> = q
        .codes()
        .into_iter()
        .map(|c| context! { value => c, text => q.label_of(&c), checked => given.contains(&c) })
        .collect();
    // A stored date is `YYYY-MM-DD`; a date that was refused comes back as the three boxes
    // exactly as typed, so nothing typed is lost.
    let date = given
        .first()
        .filter(|_| q.kind == QuestionKind::Date)
        .cloned()
        .unwrap_or_default();
    let (d, m, y) = match given.as_slice() {
        [d, m, y] if q.kind == QuestionKind::Date => (d.as_str(), m.as_str(), y.as_str()),
        _ => (
            date.get(8..10).unwrap_or("").trim_start_matches('0'),
            date.get(5..7).unwrap_or("").trim_start_matches('0'),
            date.get(..4).unwrap_or(""),
        ),
    };
    let error = serde_json::to_value(errors)
        .ok()
        .and_then(|v| v.get(&q.id).and_then(|e| e.as_str().map(str::to_string)));
    let scale = q.scale.clone().unwrap_or_default();
    let condition = q.show_if.as_ref().and_then(|c| {
        let target = def.question(&c.question)?;
        Some(format!(
            "Asked only if “{}” is answered “{}”",
            target.text,
            target.label_of(&c.answer)
        ))
    });
    context! {
        id => q.id,
        text => q.text,
        hint => q.hint,
        kind => q.kind.as_str(),
        required => q.required,
        options => options,
        text_value => if q.kind == QuestionKind::FreeText { given.first().cloned().unwrap_or_default() } else { String::new() },
        day => d,
        month => m,
        year => y,
        min_label => scale.min_label,
        max_label => scale.max_label,
        error => error,
        condition => condition,
    }
}

/// A survey people can reach, by its web-address name (or, for old links, its number): drafts
/// do not exist for them.
async fn public_survey(state: &AppState, slug: &str) -> WebResult<Survey> {
    let survey = match state.store.survey_by_slug(slug).await {
        Err(mnvp_store::StoreError::NotFound) if slug.chars().all(|c| c.is_ascii_digit()) => {
            let id = slug.parse::<i64>().map_err(|_| WebError::NotFound)?;
            state.store.get_survey(id).await?
        }
        other => other?,
    };
    if survey.availability(&today()) == Availability::Draft {
        return Err(WebError::NotFound);
    }
    Ok(survey)
}

/// The kind page for a survey that is not open (closed, or not yet open), or `None`.
async fn not_open(state: &AppState, ctx: &Ctx, survey: &Survey) -> WebResult<Option<Response>> {
    let availability = survey.availability(&today());
    if availability == Availability::Open {
        return Ok(None);
    }
    let html = state
        .render(
            ctx,
            "capture/survey/public/closed.html",
            context! { survey => survey, not_yet => availability == Availability::NotYetOpen },
        )
        .await?;
    Ok(Some(html.into_response()))
}

/// Renders a page, creating the anonymous session its form's token needs.
async fn with_session(
    state: &AppState,
    mut ctx: Ctx,
    status: StatusCode,
    name: &str,
    page: Value,
) -> WebResult<Response> {
    let cookie = crate::login::ensure_session(state, &mut ctx).await?;
    let html = state.render(&ctx, name, page).await?;
    let mut res = (status, html).into_response();
    if let Some(c) = cookie {
        res.headers_mut().append(
            SET_COOKIE,
            c.parse().map_err(|_| WebError::Internal("cookie".into()))?,
        );
    }
    Ok(res)
}

fn session_hash(ctx: &Ctx) -> Option<String> {
    ctx.session.as_ref().map(|s| s.token_hash.clone())
}

async fn progress(
    state: &AppState,
    ctx: &Ctx,
    survey: &Survey,
) -> WebResult<(Answers, Option<String>)> {
    Ok(match session_hash(ctx) {
        Some(h) => match state.store.survey_progress(&h, survey.id).await? {
            Some((a, key)) => (survey.definition.prune(&a), Some(key)),
            None => (Answers::new(), None),
        },
        None => (Answers::new(), None),
    })
}

pub async fn get_start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let survey = public_survey(&state, &slug).await?;
    if let Some(page) = not_open(&state, &ctx, &survey).await? {
        return Ok(page);
    }
    let questions = survey.definition.questions.len();
    with_session(
        &state,
        ctx,
        StatusCode::OK,
        "capture/survey/public/start.html",
        context! { survey => survey, questions => questions },
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default, rename = "return")]
    back_to: String,
}

/// Which page of a survey is shown, and which of its questions the answers so far make visible.
struct PageView<'a> {
    n: usize,
    shown: &'a [usize],
}

async fn render_page(
    state: &AppState,
    ctx: Ctx,
    survey: &Survey,
    page: PageView<'_>,
    answers: &Answers,
    errors: FormErrors,
    back_to_check: bool,
) -> WebResult<Response> {
    let PageView { n, shown } = page;
    let def = &survey.definition;
    let back = match def.previous_page(n, answers) {
        _ if back_to_check => format!("/surveys/{}/check", survey.slug),
        Some(p) => format!("/surveys/{}/pages/{}", survey.slug, p + 1),
        None => format!("/surveys/{}", survey.slug),
    };
    let questions: Vec<Value> = shown
        .iter()
        .map(|&i| question_view(def, i, answers, &errors))
        .collect();
    let order: Vec<String> = shown.iter().map(|&i| def.questions[i].id.clone()).collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    with_session(
        state,
        ctx,
        status,
        "capture/survey/public/page.html",
        context! {
            survey => survey,
            n => n + 1,
            pages => def.pages().len(),
            single => shown.len() == 1,
            questions => questions,
            errors => errors,
            order => order,
            back => back,
            back_to_check => back_to_check,
        },
    )
    .await
}

/// The asked questions of page `n` (1-based in the address), or where to go instead.
fn page_questions(
    survey: &Survey,
    n: usize,
    answers: &Answers,
) -> Result<(usize, Vec<usize>), String> {
    let pages = survey.definition.pages();
    let index = n.checked_sub(1).filter(|i| *i < pages.len());
    let Some(index) = index else {
        return Err(format!("/surveys/{}", survey.slug));
    };
    let shown: Vec<usize> = pages[index]
        .iter()
        .copied()
        .filter(|&i| survey.definition.shown(i, answers))
        .collect();
    if shown.is_empty() {
        // Nothing on this page applies: go on to the next page that does.
        return Err(next_address(survey, Some(index), answers));
    }
    Ok((index, shown))
}

fn next_address(survey: &Survey, after: Option<usize>, answers: &Answers) -> String {
    match survey.definition.next_page(after, answers) {
        Some((p, _)) => format!("/surveys/{}/pages/{}", survey.slug, p + 1),
        None => format!("/surveys/{}/check", survey.slug),
    }
}

pub async fn get_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, n)): Path<(String, usize)>,
    Query(q): Query<PageQuery>,
) -> WebResult<Response> {
    let survey = public_survey(&state, &slug).await?;
    if let Some(page) = not_open(&state, &ctx, &survey).await? {
        return Ok(page);
    }
    let (answers, _) = progress(&state, &ctx, &survey).await?;
    match page_questions(&survey, n, &answers) {
        Ok((index, shown)) => {
            render_page(
                &state,
                ctx,
                &survey,
                PageView {
                    n: index,
                    shown: &shown,
                },
                &answers,
                FormErrors::new(),
                q.back_to == "check",
            )
            .await
        }
        Err(to) => Ok(Redirect::to(&to).into_response()),
    }
}

/// Checks this page's answers; keeps them (even when some are wrong, so nothing typed is lost)
/// and goes on, or shows the page again with an error summary.
pub async fn post_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, n)): Path<(String, usize)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let survey = public_survey(&state, &slug).await?;
    if let Some(page) = not_open(&state, &ctx, &survey).await? {
        return Ok(page);
    }
    let session = session_hash(&ctx).ok_or(WebError::CsrfFailed)?;
    let (mut answers, key) = progress(&state, &ctx, &survey).await?;
    let (index, shown) = match page_questions(&survey, n, &answers) {
        Ok(p) => p,
        Err(to) => return Ok(Redirect::to(&to).into_response()),
    };
    let values = |name: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let one = |name: &str| values(name).into_iter().next().unwrap_or_default();
    let mut errors = FormErrors::new();
    let mut typed = answers.clone();
    for &i in &shown {
        let q = &survey.definition.questions[i];
        let submitted = if q.kind == QuestionKind::Date {
            let parts = ["day", "month", "year"].map(|p| one(&format!("{}-{p}", q.id)));
            match date_from_parts(&parts[0], &parts[1], &parts[2]) {
                Ok(d) => d.into_iter().collect(),
                Err(e) => {
                    errors.add(&q.id, e.0);
                    typed.insert(q.id.clone(), parts.to_vec());
                    continue;
                }
            }
        } else {
            values(&q.id)
        };
        match q.parse_answer(&submitted) {
            Ok(v) if v.is_empty() => {
                answers.remove(&q.id);
                typed.remove(&q.id);
            }
            Ok(v) => {
                answers.insert(q.id.clone(), v.clone());
                typed.insert(q.id.clone(), v);
            }
            Err(e) => {
                errors.add(&q.id, e.0);
                typed.insert(q.id.clone(), submitted);
            }
        }
    }
    let back_to_check = one("return") == "check";
    if !errors.is_empty() {
        return render_page(
            &state,
            ctx,
            &survey,
            PageView {
                n: index,
                shown: &shown,
            },
            &typed,
            errors,
            back_to_check,
        )
        .await;
    }
    let answers = survey.definition.prune(&answers);
    let key = key.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    state
        .store
        .save_survey_progress(&session, survey.id, &answers, &key)
        .await?;
    let next = if back_to_check {
        // A change can bring a new question into play: ask it before checking again.
        let unanswered = survey
            .definition
            .next_page(Some(index), &answers)
            .filter(|(_, qs)| {
                qs.iter()
                    .any(|&i| !answers.contains_key(&survey.definition.questions[i].id))
            });
        match unanswered {
            Some((p, _)) => format!("/surveys/{}/pages/{}?return=check", survey.slug, p + 1),
            None => format!("/surveys/{}/check", survey.slug),
        }
    } else {
        next_address(&survey, Some(index), &answers)
    };
    Ok(Redirect::to(&next).into_response())
}

/// Every asked question with its answer and a change link, for "check your answers".
fn summary(survey: &Survey, answers: &Answers) -> Vec<Value> {
    let def = &survey.definition;
    def.pages()
        .iter()
        .enumerate()
        .flat_map(|(p, page)| page.iter().map(move |&i| (p, i)))
        .filter(|&(_, i)| def.shown(i, answers))
        .map(|(p, i)| {
            let q = &def.questions[i];
            let shown: Vec<String> = answers
                .get(&q.id)
                .map(|v| v.iter().map(|c| q.label_of(c)).collect())
                .unwrap_or_default();
            context! {
                id => q.id,
                text => q.text,
                answers => shown,
                required => q.required,
                change => format!("/surveys/{}/pages/{}?return=check#{}", survey.slug, p + 1, q.id),
            }
        })
        .collect()
}

fn missing_required(survey: &Survey, answers: &Answers) -> Vec<String> {
    let def = &survey.definition;
    def.questions
        .iter()
        .enumerate()
        .filter(|(i, q)| q.required && def.shown(*i, answers) && !answers.contains_key(&q.id))
        .map(|(_, q)| q.id.clone())
        .collect()
}

async fn check_page(
    state: &AppState,
    ctx: Ctx,
    survey: &Survey,
    answers: &Answers,
    errors: FormErrors,
) -> WebResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let last = survey.definition.pages().len();
    let back = match survey.definition.previous_page(last, answers) {
        Some(p) => format!("/surveys/{}/pages/{}", survey.slug, p + 1),
        None => format!("/surveys/{}", survey.slug),
    };
    with_session(
        state,
        ctx,
        status,
        "capture/survey/public/check.html",
        context! { survey => survey, rows => summary(survey, answers), errors => errors, back => back },
    )
    .await
}

pub async fn get_check(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let survey = public_survey(&state, &slug).await?;
    if let Some(page) = not_open(&state, &ctx, &survey).await? {
        return Ok(page);
    }
    let (answers, key) = progress(&state, &ctx, &survey).await?;
    if key.is_none() {
        return Ok(Redirect::to(&format!("/surveys/{slug}/pages/1")).into_response());
    }
    check_page(&state, ctx, &survey, &answers, FormErrors::new()).await
}

/// Stores the answers once (a second submit of the same answers stores nothing more); each
/// free-text answer becomes a feedback item, screened like every other.
pub async fn post_check(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let survey = public_survey(&state, &slug).await?;
    if let Some(page) = not_open(&state, &ctx, &survey).await? {
        return Ok(page);
    }
    let (answers, key) = progress(&state, &ctx, &survey).await?;
    let Some(key) = key else {
        // Already sent (or never started): a repeated submit lands on the thank-you page.
        return Ok(Redirect::to(&format!("/surveys/{slug}/done")).into_response());
    };
    let missing = missing_required(&survey, &answers);
    if !missing.is_empty() {
        let mut errors = FormErrors::new();
        for id in &missing {
            let text = survey
                .definition
                .question(id)
                .map(|q| q.text.clone())
                .unwrap_or_default();
            errors.add(id, format!("Answer “{text}” before sending"));
        }
        return check_page(&state, ctx, &survey, &answers, errors).await;
    }
    let response = new_response(&survey, &answers, key, session_hash(&ctx));
    state
        .store
        .submit_survey_response(&response, &ctx.actor())
        .await?;
    Ok(Redirect::to(&format!("/surveys/{slug}/done")).into_response())
}

/// The stored form of a submission. Free text carries the survey's unit and stage of care, and
/// the first 1–5 rating given, so themes and reports can place it.
pub(crate) fn new_response(
    survey: &Survey,
    answers: &Answers,
    key: String,
    session: Option<String>,
) -> NewResponse {
    let def = &survey.definition;
    let rating = def
        .questions
        .iter()
        .filter(|q| {
            q.kind == QuestionKind::Rating
                && q.scale.as_ref().is_none_or(|s| s.min == 1 && s.max == 5)
        })
        .find_map(|q| answers.get(&q.id)?.first()?.parse::<i32>().ok());
    let mut stored = Vec::new();
    for q in &def.questions {
        for v in answers.get(&q.id).into_iter().flatten() {
            let value = if q.kind == QuestionKind::FreeText {
                AnswerValue::Text(Box::new(crate::capture::screened(NewFeedback {
                    mnvp_id: survey.mnvp_id,
                    unit_id: survey.unit_id,
                    channel: Channel::Survey,
                    care_stage: survey
                        .care_stage
                        .as_deref()
                        .and_then(|c| CareStage::parse(c).ok()),
                    received_on: today(),
                    rating,
                    body: Some(v.clone()),
                    client_id: None,
                    body_redacted: None,
                    safety_flagged: false,
                    safety_categories: String::new(),
                    demographics: None,
                })))
            } else {
                AnswerValue::Code(v.clone())
            };
            stored.push((q.id.clone(), value));
        }
    }
    NewResponse {
        survey_id: survey.id,
        response_key: key,
        answers: stored,
        session_hash: session,
    }
}

pub async fn get_done(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> WebResult<Response> {
    let survey = public_survey(&state, &slug).await?;
    Ok(state
        .render(
            &ctx,
            "capture/survey/public/done.html",
            context! { survey => survey },
        )
        .await?
        .into_response())
}
