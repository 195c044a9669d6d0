//! What a survey heard: counts per option (small numbers suppressed outside the lead role),
//! free-text answers (redacted outside the lead role; not shown to commissioners), the CSV
//! export and the FHIR QuestionnaireResponse bundle (the lead's), audited.

use super::{lead_survey, survey_url, viewable_survey};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use minijinja::{context, Value};
use mnvp_domain::capture::fhir;
use mnvp_domain::capture::survey::{Answers, QuestionKind};
use mnvp_domain::role::Role;
use mnvp_domain::suppression::SuppressionRule;
use std::collections::BTreeMap;

/// Free-text answers listed per question on the results page.
const TEXT_SHOWN: i64 = 50;

pub async fn show_results(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let survey = viewable_survey(&state, &ctx, id).await?;
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let exact = role == Role::MnvpLead;
    let rule = SuppressionRule::default();
    let show = |n: i64| {
        if exact {
            n.to_string()
        } else {
            rule.apply(n).text()
        }
    };
    let counts = state.store.survey_answer_counts(id).await?;
    let answered: BTreeMap<String, i64> =
        state.store.survey_answered(id).await?.into_iter().collect();
    let mut questions: Vec<Value> = Vec::new();
    let mut viewed_text = false;
    for q in &survey.definition.questions {
        let n_answered = answered.get(&q.id).copied().unwrap_or(0);
        let rows: Vec<Value> = q
            .codes()
            .into_iter()
            .map(|c| {
                let n = counts
                    .iter()
                    .find(|x| x.question == q.id && x.value == c)
                    .map_or(0, |x| x.n);
                // A percentage of a suppressed count would give it away.
                let percent = (exact
                    || rule.apply(n) != mnvp_domain::suppression::Shown::Suppressed)
                    .then(|| {
                        if n_answered > 0 {
                            format!("{:.0}%", 100.0 * n as f64 / n_answered as f64)
                        } else {
                            "0%".into()
                        }
                    });
                context! { label => q.label_of(&c), count => show(n), percent => percent }
            })
            .collect();
        let dates: Vec<Value> = if q.kind == QuestionKind::Date {
            counts
                .iter()
                .filter(|x| x.question == q.id)
                .map(|x| context! { label => q.label_of(&x.value), count => show(x.n) })
                .collect()
        } else {
            Vec::new()
        };
        let texts: Vec<Value> = if q.kind == QuestionKind::FreeText && role != Role::Commissioner {
            let items = state
                .store
                .survey_text_answers(id, &q.id, TEXT_SHOWN)
                .await?;
            viewed_text |= exact && !items.is_empty();
            items
                .into_iter()
                .map(|t| {
                    let text = if exact {
                        crate::capture::shown_stored(&state.store, role, t.body.as_ref(), t.body_redacted.as_deref())
                    } else {
                        t.body_redacted
                    };
                    context! { text => text, flagged => exact && t.safety_flagged, feedback_id => t.feedback_id }
                })
                .collect()
        } else {
            Vec::new()
        };
        questions.push(context! {
            text => q.text,
            kind => q.kind.as_str(),
            answered => show(n_answered),
            rows => rows,
            dates => dates,
            texts => texts,
        });
    }
    if viewed_text {
        state
            .store
            .audit_event(
                &ctx.actor(),
                "view",
                "survey",
                Some(id),
                "free-text answers, original text".into(),
            )
            .await?;
    }
    state
        .render(
            &ctx,
            "capture/survey/results.html",
            context! {
                survey => survey,
                responses => show(survey.responses),
                questions => questions,
                exact => exact,
                redacted => !exact && role != Role::Commissioner,
                no_text => role == Role::Commissioner,
            },
        )
        .await
}

/// Answers grouped by response, in the order they were given; free text opened from its
/// sealed form (the exports are the lead's).
fn by_response(
    store: &mnvp_store::Store,
    rows: Vec<mnvp_store::capture::surveys::ExportedAnswer>,
) -> WebResult<Vec<(i64, String, Answers)>> {
    let mut out: Vec<(i64, String, Answers)> = Vec::new();
    for r in rows {
        if out.last().is_none_or(|(id, _, _)| *id != r.response_id) {
            out.push((r.response_id, r.submitted_at.clone(), Answers::new()));
        }
        let Some((_, _, answers)) = out.last_mut() else {
            continue;
        };
        let value = match (r.value, r.body) {
            (Some(v), _) => Some(v),
            (None, Some(sealed)) => Some(store.reveal(&sealed)?),
            (None, None) => None,
        };
        if let Some(v) = value {
            answers.entry(r.question).or_default().push(v);
        }
    }
    Ok(out)
}

fn download(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// One row per response, one column per question, answers in words (the lead's export:
/// free text as written). Cells that a spreadsheet would run as formulas are neutralised.
pub async fn export_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let responses = by_response(&state.store, state.store.survey_export_rows(id).await?)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    let mut header = vec!["response".to_string(), "submitted_at".to_string()];
    header.extend(survey.definition.questions.iter().map(|q| q.text.clone()));
    out.write_record(&header).map_err(csv_err)?;
    for (rid, at, answers) in &responses {
        let mut row = vec![rid.to_string(), at.clone()];
        for q in &survey.definition.questions {
            let words: Vec<String> = answers
                .get(&q.id)
                .map(|v| v.iter().map(|c| q.label_of(c)).collect())
                .unwrap_or_default();
            row.push(crate::capture::export::neutralise_formula(
                &words.join("; "),
            ));
        }
        out.write_record(&row).map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    state
        .store
        .audit_event(
            &ctx.actor(),
            "export",
            "survey",
            Some(id),
            format!("{} responses as CSV", responses.len()),
        )
        .await?;
    Ok(download(
        "text/csv; charset=utf-8",
        format!("{}.csv", survey.slug),
        bytes,
    ))
}

/// Every response as a FHIR R4 QuestionnaireResponse, in a collection Bundle.
pub async fn export_responses(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let url = survey_url(&state, &headers, &survey.slug);
    let responses = by_response(&state.store, state.store.survey_export_rows(id).await?)?;
    let resources: Vec<_> = responses
        .iter()
        .map(|(rid, at, answers)| {
            fhir::questionnaire_response(
                &survey.definition,
                &url,
                &format!("{}-{rid}", survey.slug),
                at,
                answers,
            )
        })
        .collect();
    let bundle = fhir::bundle(
        &format!("{}-responses", survey.slug),
        &mnvp_store::now_text(),
        resources,
    );
    state
        .store
        .audit_event(
            &ctx.actor(),
            "export",
            "survey",
            Some(id),
            format!("{} responses as FHIR", responses.len()),
        )
        .await?;
    let body = serde_json::to_vec_pretty(&bundle).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(download(
        "application/fhir+json",
        format!("{}-responses.json", survey.slug),
        body,
    ))
}

/// The survey's definition as a FHIR R4 Questionnaire.
pub async fn export_questionnaire(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let survey = lead_survey(&state, &ctx, id).await?;
    let meta = fhir::SurveyMeta {
        id: survey.slug.clone(),
        url: survey_url(&state, &headers, &survey.slug),
        title: survey.title.clone(),
        status: if survey.status == mnvp_store::capture::surveys::SurveyStatus::Draft {
            "draft"
        } else {
            "active"
        }
        .into(),
        publisher: survey.mnvp_name.clone(),
        opens_on: survey.opens_on.clone(),
        closes_on: survey.closes_on.clone(),
    };
    let q = fhir::questionnaire(&survey.definition, &meta);
    let body = serde_json::to_vec_pretty(&q).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(download(
        "application/fhir+json",
        format!("{}-questionnaire.json", survey.slug),
        body,
    ))
}
