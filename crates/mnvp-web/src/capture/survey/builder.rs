//! The survey builder for MNVP leads: a survey's details (title, web address, dates, unit,
//! pages), publishing and closing, duplicating, removing, and the preview.

use super::{lead_mnvp, lead_survey, survey_url};
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::capture::survey::{valid_iso_date, SurveyDefinition};
use mnvp_domain::feedback::CareStage;
use mnvp_domain::parse::{Name, Slug};
use mnvp_store::capture::surveys::{NewSurvey, Survey, SurveyStatus};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Default, Clone)]
pub struct DetailsForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    closes_on: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    care_stage: String,
    #[serde(default)]
    pages: String,
    #[serde(default)]
    form_key: String,
}

impl DetailsForm {
    fn from_survey(s: &Survey) -> DetailsForm {
        DetailsForm {
            title: s.title.clone(),
            slug: s.slug.clone(),
            description: s.definition.description.clone(),
            opens_on: s.opens_on.clone().unwrap_or_default(),
            closes_on: s.closes_on.clone().unwrap_or_default(),
            unit: s.unit_id.map(|u| u.to_string()).unwrap_or_default(),
            care_stage: s.care_stage.clone().unwrap_or_default(),
            pages: if s.definition.one_per_page {
                "one"
            } else {
                "grouped"
            }
            .into(),
            form_key: String::new(),
        }
    }

    /// Parses every field at once; `definition` carries the questions over unchanged.
    fn parse(
        &self,
        mnvp_id: i64,
        units: &[i64],
        definition: SurveyDefinition,
    ) -> Result<NewSurvey, FormErrors> {
        let mut errors = FormErrors::new();
        let title = errors.check("title", Name::parse("a title", &self.title));
        let slug = errors.check("slug", Slug::parse(&self.slug));
        let mut date = |field: &str, raw: &str| -> Option<String> {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            if !valid_iso_date(raw) {
                errors.add(field, "Enter a real date, like 2026-01-31");
            }
            Some(raw.to_string())
        };
        let opens_on = date("opens_on", &self.opens_on);
        let closes_on = date("closes_on", &self.closes_on);
        if let (Some(o), Some(c)) = (&opens_on, &closes_on) {
            if c < o {
                errors.add(
                    "closes_on",
                    "The closing date must be the same as or after the opening date",
                );
            }
        }
        let unit_id = match self.unit.trim() {
            "" => None,
            raw => match raw.parse::<i64>().ok().filter(|u| units.contains(u)) {
                Some(u) => Some(u),
                None => {
                    errors.add("unit", "Select one of your MNVP's units");
                    None
                }
            },
        };
        let care_stage = match self.care_stage.trim() {
            "" => None,
            raw => errors.check("care_stage", CareStage::parse(raw)),
        };
        if self.description.chars().count() > 2000 {
            errors.add(
                "description",
                "The introduction must be 2,000 characters or fewer",
            );
        }
        match (title, slug, errors.is_empty()) {
            (Some(title), Some(slug), true) => Ok(NewSurvey {
                mnvp_id,
                slug: slug.as_str().to_string(),
                title: title.as_str().to_string(),
                definition: SurveyDefinition {
                    description: self.description.trim().to_string(),
                    one_per_page: self.pages != "grouped",
                    ..definition
                },
                opens_on,
                closes_on,
                unit_id,
                care_stage,
            }),
            _ => Err(errors),
        }
    }
}

async fn unit_options(state: &AppState, mnvp: i64) -> WebResult<Vec<Opt>> {
    Ok(state
        .store
        .mnvp_units(mnvp)
        .await?
        .into_iter()
        .map(|u| Opt {
            value: u.id.to_string(),
            text: u.name,
        })
        .collect())
}

async fn details_page(
    state: &AppState,
    ctx: &Ctx,
    form: &DetailsForm,
    errors: FormErrors,
    editing: Option<i64>,
) -> WebResult<Response> {
    let mnvp = lead_mnvp(ctx)?;
    let stages: Vec<Opt> = CareStage::ALL
        .iter()
        .map(|c| Opt {
            value: c.as_str().into(),
            text: c.label().into(),
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
            "capture/survey/details.html",
            context! {
                form => form,
                errors => errors,
                editing => editing,
                units => unit_options(state, mnvp).await?,
                stages => stages,
            },
        )
        .await?;
    Ok((status, html).into_response())
}

pub async fn new_survey(State(state): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    let form = DetailsForm {
        form_key: new_form_key(),
        pages: "one".into(),
        ..Default::default()
    };
    details_page(&state, &ctx, &form, FormErrors::new(), None).await
}

/// A slug conflict belongs beside the slug field; other refusals are not the form's.
fn slug_conflict(e: mnvp_store::StoreError) -> Result<FormErrors, WebError> {
    match e {
        mnvp_store::StoreError::Conflict(_) => {
            let mut errors = FormErrors::new();
            errors.add(
                "slug",
                "Another survey already uses this web address. Choose another",
            );
            Ok(errors)
        }
        other => Err(other.into()),
    }
}

pub async fn create_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DetailsForm>,
) -> WebResult<Response> {
    let mnvp = lead_mnvp(&ctx)?;
    let units: Vec<i64> = state
        .store
        .mnvp_units(mnvp)
        .await?
        .iter()
        .map(|u| u.id)
        .collect();
    let errors = match form.parse(mnvp, &units, SurveyDefinition::default()) {
        Ok(new) => match state
            .store
            .create_survey(&new, valid_form_key(&form.form_key), &ctx.actor())
            .await
        {
            Ok(id) => {
                ctx.flash(
                    &state.store,
                    "The survey has been created as a draft. Now add its questions.",
                )
                .await;
                return Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response());
            }
            Err(e) => slug_conflict(e)?,
        },
        Err(errors) => errors,
    };
    details_page(&state, &ctx, &form, errors, None).await
}

pub async fn edit_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    details_page(
        &state,
        &ctx,
        &DetailsForm::from_survey(&survey),
        FormErrors::new(),
        Some(id),
    )
    .await
}

pub async fn update_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DetailsForm>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let units: Vec<i64> = state
        .store
        .mnvp_units(survey.mnvp_id)
        .await?
        .iter()
        .map(|u| u.id)
        .collect();
    let errors = match form.parse(survey.mnvp_id, &units, survey.definition.clone()) {
        Ok(new) => match state.store.update_survey(id, &new, &ctx.actor()).await {
            Ok(()) => {
                ctx.flash(&state.store, "The survey's details have been saved.")
                    .await;
                return Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response());
            }
            Err(e) => slug_conflict(e)?,
        },
        Err(errors) => errors,
    };
    details_page(&state, &ctx, &form, errors, Some(id)).await
}

/// The builder's overview of one survey: its details, questions and what can be done next.
pub async fn show_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let questions: Vec<_> = survey
        .definition
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let condition = q.show_if.as_ref().and_then(|c| {
                let target = survey.definition.question(&c.question)?;
                let n = survey.definition.position(&c.question)? + 1;
                Some(format!(
                    "Asked only if question {n} ({}) is answered “{}”",
                    target.text,
                    target.label_of(&c.answer)
                ))
            });
            context! {
                n => i + 1,
                id => q.id,
                text => q.text,
                kind => q.kind.label(),
                required => q.required,
                condition => condition,
                options => q.codes().iter().map(|c| q.label_of(c)).collect::<Vec<_>>(),
            }
        })
        .collect();
    let problems = survey.definition.problems();
    state
        .render(
            &ctx,
            "capture/survey/show.html",
            context! {
                survey => survey,
                questions => questions,
                problems => problems,
                url => survey_url(&state, &headers, &survey.slug),
                availability => survey.availability(&super::today()),
                frozen => survey.responses > 0,
            },
        )
        .await
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

/// Publishes (draft → live), closes (live → closed) or reopens a survey.
pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let (status, message) = match form.status.as_str() {
        "live" => {
            let problems = survey.definition.problems();
            if !problems.is_empty() {
                return Err(WebError::BadRequest(format!(
                    "The survey cannot be published yet: {}",
                    problems.join("; ")
                )));
            }
            (SurveyStatus::Live, "The survey is published. People can answer it between its dates at its web address.")
        }
        "closed" => (
            SurveyStatus::Closed,
            "The survey is closed. People who open its link are told it has closed.",
        ),
        _ => {
            return Err(WebError::BadRequest(
                "Choose whether to publish or close the survey".into(),
            ))
        }
    };
    state
        .store
        .set_survey_status(id, status, &ctx.actor())
        .await?;
    ctx.flash(&state.store, message).await;
    Ok(Redirect::to(&format!("/capture/surveys/{id}")).into_response())
}

/// A new draft with the same questions and no answers, for a new round or a changed version.
pub async fn duplicate_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let slug = free_slug(&state, &survey.slug).await?;
    let title: String = format!("Copy of {}", survey.title)
        .chars()
        .take(Name::MAX)
        .collect();
    let new = NewSurvey {
        mnvp_id: survey.mnvp_id,
        slug,
        title,
        definition: survey.definition.clone(),
        opens_on: None,
        closes_on: None,
        unit_id: survey.unit_id,
        care_stage: survey
            .care_stage
            .as_deref()
            .and_then(|c| CareStage::parse(c).ok()),
    };
    let copy = state.store.create_survey(&new, None, &ctx.actor()).await?;
    ctx.flash(
        &state.store,
        "This is a copy, saved as a draft. Change its title and dates, then publish it.",
    )
    .await;
    Ok(Redirect::to(&format!("/capture/surveys/{copy}")).into_response())
}

/// `base` if free, otherwise `base-2`, `base-3`, … (within the 40-character limit).
pub(crate) async fn free_slug(state: &AppState, base: &str) -> WebResult<String> {
    let base: String = base
        .chars()
        .take(34)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string();
    let base = if base.is_empty() {
        "survey".to_string()
    } else {
        base
    };
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if !state.store.survey_slug_taken(&candidate).await? {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", uuid::Uuid::new_v4().simple())
        .chars()
        .take(40)
        .collect())
}

pub async fn delete_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    state.store.delete_survey(id, &ctx.actor()).await?;
    ctx.flash(
        &state.store,
        &format!("“{}” has been removed.", survey.title),
    )
    .await;
    Ok(Redirect::to("/capture/surveys").into_response())
}

/// Every page of the survey as a respondent would see it, with the conditions spelled out.
pub async fn preview_survey(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let pages: Vec<_> = survey
        .definition
        .pages()
        .into_iter()
        .map(|page| {
            page.into_iter()
                .map(|i| {
                    super::public::question_view(
                        &survey.definition,
                        i,
                        &Default::default(),
                        &FormErrors::new(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    state
        .render(
            &ctx,
            "capture/survey/preview.html",
            context! { survey => survey, pages => pages },
        )
        .await
}
