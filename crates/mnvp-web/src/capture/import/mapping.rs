//! Choosing which column of a spreadsheet is which, once: the lead picks columns for the text,
//! date, rating, unit, stage of care and channel, names the choice and saves it, and every
//! later file of the same shape is read with it.

use super::layout::MappedColumns;
use super::pages::lead_mnvp;
use super::source::{self, Encoding};
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
use mnvp_domain::feedback::Channel;
use mnvp_domain::parse::Name;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Default, Clone)]
pub struct MappingForm {
    #[serde(default)]
    name: String,
    #[serde(flatten)]
    columns: MappedColumns,
}

/// The file's columns, each with an example from its first rows so the lead can tell them
/// apart.
fn column_options(upload: &mnvp_store::capture::imports::Upload) -> Result<Vec<Opt>, String> {
    let encoding = Encoding::parse(&upload.encoding).unwrap_or(Encoding::Utf8);
    let reader: Box<dyn std::io::Read + Send> =
        Box::new(std::io::Cursor::new(upload.content.clone()));
    let mut table = source::open(reader, &upload.file_name, encoding).map_err(|e| e.to_string())?;
    let mut samples: Vec<String> = vec![String::new(); table.headers.len()];
    for _ in 0..5 {
        let Some(Ok(row)) = table.next_row() else {
            break;
        };
        for (i, s) in samples.iter_mut().enumerate() {
            let v = row.cell(i).map(|c| c.text.trim()).unwrap_or("");
            if s.is_empty() && !v.is_empty() {
                *s = v.chars().take(40).collect();
            }
        }
    }
    Ok(table
        .headers
        .iter()
        .zip(samples)
        .filter(|(h, _)| !h.is_empty())
        .map(|(h, s)| Opt {
            value: h.clone(),
            text: if s.is_empty() {
                h.clone()
            } else {
                format!("{h} (for example: {s})")
            },
        })
        .collect())
}

async fn mapping_page(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    form: &MappingForm,
    errors: FormErrors,
) -> WebResult<Response> {
    let upload = super::pages::own_upload(state, ctx, id).await?;
    let columns = match column_options(&upload) {
        Ok(c) => c,
        Err(problem) => {
            let html = state
                .render(
                    ctx,
                    "capture/import/unreadable.html",
                    context! { upload_id => id, problem => problem, file_name => upload.file_name },
                )
                .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    let channels: Vec<Opt> = Channel::ALL
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
            "capture/import/mapping.html",
            context! {
                upload_id => id,
                file_name => upload.file_name,
                columns => columns,
                channels => channels,
                form => form,
                errors => errors,
            },
        )
        .await?;
    Ok((status, html).into_response())
}

pub async fn edit_mapping(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let upload = super::pages::own_upload(&state, &ctx, id).await?;
    let form = match upload.mapping_id {
        Some(mid) => {
            let m = state.store.get_mapping(mid).await?;
            MappingForm {
                name: m.name,
                columns: serde_json::from_str(&m.columns).unwrap_or_default(),
            }
        }
        None => MappingForm {
            columns: MappedColumns {
                channel: Channel::SocialMedia.as_str().into(),
                ..Default::default()
            },
            ..Default::default()
        },
    };
    mapping_page(&state, &ctx, id, &form, FormErrors::new()).await
}

pub async fn save_mapping(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<MappingForm>,
) -> WebResult<Response> {
    let upload = super::pages::own_upload(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    let name = errors.check("name", Name::parse("a name for this mapping", &form.name));
    let c = &form.columns;
    if c.date.trim().is_empty() {
        errors.add("date", "Select the column with the date of each row");
    }
    if c.text.trim().is_empty() && c.rating.trim().is_empty() {
        errors.add(
            "text",
            "Select the column with the comment text, or the one with the rating",
        );
    }
    if Channel::parse(&c.channel).is_err() {
        errors.add("channel", "Select the channel this feedback came through");
    }
    let chosen: Vec<&str> = [
        &c.text,
        &c.date,
        &c.rating,
        &c.unit,
        &c.care_stage,
        &c.channel_column,
        &c.id,
    ]
    .iter()
    .map(|s| s.trim())
    .filter(|s| !s.is_empty())
    .collect();
    if (1..chosen.len()).any(|i| chosen[..i].contains(&chosen[i])) {
        errors.add("_form", "Each column can be used for one thing only");
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        return mapping_page(&state, &ctx, id, &form, errors).await;
    };
    let json =
        serde_json::to_string(&form.columns).map_err(|e| WebError::Internal(e.to_string()))?;
    let mapping = state
        .store
        .save_mapping(lead_mnvp(&ctx)?, name.as_str(), &json, &ctx.actor())
        .await?;
    state
        .store
        .set_upload_reading(id, Some(mapping), &upload.encoding)
        .await?;
    ctx.flash(&state.store, &format!("The mapping \"{name}\" was saved. Next time, choose it when you upload a file like this one."))
        .await;
    Ok(Redirect::to(&format!("/capture/imports/{id}")).into_response())
}
