//! Adding, changing, moving and removing a survey's questions. Options are typed one per line;
//! an option keeps its code while its label stays the same, so conditions and counts survive
//! edits. Once anyone has answered, the store refuses changes to the questions.

use super::lead_survey;
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::capture::survey::{code_for, Choice, Condition, Question, QuestionKind, Scale};
use mnvp_store::capture::surveys::{NewSurvey, Survey};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Default, Clone)]
pub struct QuestionForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    hint: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    required: String,
    #[serde(default)]
    options: String,
    #[serde(default)]
    scale_min: String,
    #[serde(default)]
    scale_max: String,
    #[serde(default)]
    min_label: String,
    #[serde(default)]
    max_label: String,
    /// `question=answer`, or empty for "always ask".
    #[serde(default)]
    show_if: String,
}

impl QuestionForm {
    fn from_question(q: &Question) -> QuestionForm {
        let s = q.scale.clone().unwrap_or_default();
        QuestionForm {
            text: q.text.clone(),
            hint: q.hint.clone(),
            kind: q.kind.as_str().into(),
            required: if q.required {
                "yes".into()
            } else {
                String::new()
            },
            options: q
                .options
                .iter()
                .map(|o| o.label.clone())
                .collect::<Vec<_>>()
                .join("\n"),
            scale_min: s.min.to_string(),
            scale_max: s.max.to_string(),
            min_label: s.min_label,
            max_label: s.max_label,
            show_if: q
                .show_if
                .as_ref()
                .map(|c| format!("{}={}", c.question, c.answer))
                .unwrap_or_default(),
        }
    }

    /// The question this form describes, keeping `id` and the codes of unchanged options.
    fn parse(
        &self,
        id: String,
        old: Option<&Question>,
        errors: &mut FormErrors,
    ) -> Option<Question> {
        let kind = errors.check("kind", QuestionKind::parse(&self.kind))?;
        let mut options = Vec::new();
        if matches!(
            kind,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        ) {
            for label in self
                .options
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                let taken: Vec<String> = options.iter().map(|o: &Choice| o.code.clone()).collect();
                let kept = old
                    .and_then(|q| q.options.iter().find(|o| o.label == label))
                    .map(|o| o.code.clone())
                    .filter(|c| !taken.contains(c));
                options.push(Choice {
                    code: kept.unwrap_or_else(|| code_for(label, &taken)),
                    label: label.to_string(),
                });
            }
            if options.len() < 2 {
                errors.add("options", "Enter at least 2 options, one on each line");
            }
        }
        let scale = if kind == QuestionKind::Rating {
            let num = |raw: &str, default: i32| {
                raw.trim()
                    .parse::<i32>()
                    .unwrap_or(if raw.trim().is_empty() { default } else { -1 })
            };
            let (min, max) = (num(&self.scale_min, 1), num(&self.scale_max, 5));
            if !(0..=1).contains(&min) || !(2..=10).contains(&max) {
                errors.add(
                    "scale_max",
                    "The scale must start at 0 or 1 and end at a number from 2 to 10",
                );
            }
            Some(Scale {
                min,
                max,
                min_label: self.min_label.trim().to_string(),
                max_label: self.max_label.trim().to_string(),
            })
        } else {
            None
        };
        let show_if = self.show_if.split_once('=').map(|(q, a)| Condition {
            question: q.to_string(),
            answer: a.to_string(),
        });
        Some(Question {
            id,
            text: self.text.trim().to_string(),
            hint: self.hint.trim().to_string(),
            kind,
            options,
            scale,
            required: self.required == "yes",
            show_if,
        })
    }
}

/// The answers earlier questions can be given, as choices for "only ask this if".
fn condition_options(survey: &Survey, before: usize) -> Vec<Opt> {
    survey.definition.questions[..before.min(survey.definition.questions.len())]
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind.is_closed())
        .flat_map(|(n, q)| {
            q.codes().into_iter().map(move |c| Opt {
                value: format!("{}={c}", q.id),
                text: format!("Question {}, {}: “{}”", n + 1, q.text, q.label_of(&c)),
            })
        })
        .collect()
}

async fn question_page(
    state: &AppState,
    ctx: &Ctx,
    survey: &Survey,
    position: Option<usize>,
    form: &QuestionForm,
    errors: FormErrors,
) -> WebResult<Response> {
    let before = position.unwrap_or(survey.definition.questions.len());
    let kinds: Vec<Opt> = QuestionKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            text: k.label().into(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html = state
        .render(
            ctx,
            "capture/survey/question.html",
            context! {
                survey => survey,
                n => before + 1,
                editing => position.map(|p| survey.definition.questions[p].id.clone()),
                form => form,
                errors => errors,
                kinds => kinds,
                conditions => condition_options(survey, before),
            },
        )
        .await?;
    Ok((status, html).into_response())
}

pub async fn new_question(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let form = QuestionForm {
        kind: QuestionKind::SingleChoice.as_str().into(),
        ..Default::default()
    };
    question_page(&state, &ctx, &survey, None, &form, FormErrors::new()).await
}

pub async fn edit_question(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, q)): Path<(i64, String)>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let position = survey.definition.position(&q).ok_or(WebError::NotFound)?;
    let form = QuestionForm::from_question(&survey.definition.questions[position]);
    question_page(
        &state,
        &ctx,
        &survey,
        Some(position),
        &form,
        FormErrors::new(),
    )
    .await
}

/// Saves the survey with changed questions, turning the definition's problems and the store's
/// refusals into messages on the question form.
async fn save_questions(
    state: &AppState,
    ctx: &Ctx,
    survey: &Survey,
    questions: Vec<Question>,
) -> Result<(), FormErrors> {
    let mut definition = survey.definition.clone();
    definition.questions = questions;
    let mut errors = FormErrors::new();
    // Problems with other questions (such as "add at least one") do not block this one.
    for p in definition.problems() {
        if !p.starts_with("Add at least") {
            errors.add("text", p);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let new = NewSurvey {
        mnvp_id: survey.mnvp_id,
        slug: survey.slug.clone(),
        title: survey.title.clone(),
        definition,
        opens_on: survey.opens_on.clone(),
        closes_on: survey.closes_on.clone(),
        unit_id: survey.unit_id,
        care_stage: survey
            .care_stage
            .as_deref()
            .and_then(|c| mnvp_domain::feedback::CareStage::parse(c).ok()),
    };
    state
        .store
        .update_survey(survey.id, &new, &ctx.actor())
        .await
        .map_err(|e| {
            let mut errors = FormErrors::new();
            errors.add("text", e.to_string());
            errors
        })
}

pub async fn create_question(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<QuestionForm>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    let question = form.parse(survey.definition.next_id(), None, &mut errors);
    if let (Some(q), true) = (question, errors.is_empty()) {
        let mut questions = survey.definition.questions.clone();
        questions.push(q);
        match save_questions(&state, &ctx, &survey, questions).await {
            Ok(()) => {
                ctx.flash(&state.store, "The question has been added.")
                    .await;
                return Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response());
            }
            Err(e) => errors = e,
        }
    }
    question_page(&state, &ctx, &survey, None, &form, errors).await
}

pub async fn update_question(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, q)): Path<(i64, String)>,
    Form(form): Form<QuestionForm>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let position = survey.definition.position(&q).ok_or(WebError::NotFound)?;
    let mut errors = FormErrors::new();
    let old = &survey.definition.questions[position];
    let question = form.parse(old.id.clone(), Some(old), &mut errors);
    if let (Some(new), true) = (question, errors.is_empty()) {
        let mut questions = survey.definition.questions.clone();
        questions[position] = new;
        match save_questions(&state, &ctx, &survey, questions).await {
            Ok(()) => {
                ctx.flash(&state.store, "The question has been changed.")
                    .await;
                return Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response());
            }
            Err(e) => errors = e,
        }
    }
    question_page(&state, &ctx, &survey, Some(position), &form, errors).await
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    direction: String,
}

/// Removes a question (a later question that depends on it is then refused, so it must be
/// changed first) or moves it up or down.
pub async fn change_order(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, q)): Path<(i64, String)>,
    Form(form): Form<MoveForm>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let position = survey.definition.position(&q).ok_or(WebError::NotFound)?;
    let mut questions = survey.definition.questions.clone();
    let message = match form.direction.as_str() {
        "up" if position > 0 => {
            questions.swap(position, position - 1);
            "The question has been moved up."
        }
        "down" if position + 1 < questions.len() => {
            questions.swap(position, position + 1);
            "The question has been moved down."
        }
        "remove" => {
            questions.remove(position);
            "The question has been removed."
        }
        _ => return Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response()),
    };
    match save_questions(&state, &ctx, &survey, questions).await {
        Ok(()) => ctx.flash(&state.store, message).await,
        Err(errors) => {
            let why: Vec<String> = serde_json::to_value(&errors)
                .ok()
                .and_then(|v| v.as_object().cloned())
                .map(|m| {
                    m.values()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            return Err(WebError::Conflict(format!(
                "That change was not made: {}",
                why.join("; ")
            )));
        }
    }
    Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response())
}
