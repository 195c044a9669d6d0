//! `/voices/reference`: what reference data is loaded, and uploading the published files. An
//! MNVP lead imports births for their own footprint only; administrators for anyone. Very large
//! files (the whole ONS Postcode Directory) go through `mnvp voices import-reference`.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;
use mnvp_domain::role::Role;
use mnvp_domain::voices::reference::Kind;
use mnvp_store::voices::import::{ImportReport, ImportRequest, Source};
use serde::Serialize;

#[derive(Serialize)]
struct KindOpt {
    value: &'static str,
    text: &'static str,
}

/// The organisations whose births this person may import: a lead's MNVP and the trusts of the
/// units it covers; `None` for administrators (anyone).
async fn allowed_orgs(state: &AppState, ctx: &Ctx) -> WebResult<Option<Vec<i64>>> {
    let user = ctx.user()?;
    match user.role() {
        Role::Administrator => Ok(None),
        Role::MnvpLead => {
            let mnvp = user.org_id.ok_or(WebError::Forbidden)?;
            let mut ids = vec![mnvp];
            ids.extend(
                state
                    .store
                    .mnvp_units(mnvp)
                    .await?
                    .into_iter()
                    .filter_map(|u| u.parent_id),
            );
            ids.sort_unstable();
            ids.dedup();
            Ok(Some(ids))
        }
        _ => Err(WebError::Forbidden),
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    errors: FormErrors,
    kind: &str,
    report: Option<ImportReport>,
) -> WebResult<Html<String>> {
    let allowed = allowed_orgs(state, ctx).await?;
    let summary = state.store.reference_summary(allowed.as_deref()).await?;
    state
        .render(
            ctx,
            "voices/reference.html",
            context! {
                summary => summary,
                errors => errors,
                kind => kind,
                kinds => Kind::ALL.iter().map(|k| KindOpt { value: k.as_str(), text: k.label() }).collect::<Vec<_>>(),
                report => report,
                is_admin => ctx.role() == Some(Role::Administrator),
            },
        )
        .await
}

pub async fn get_reference(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    page(&state, &ctx, FormErrors::new(), "", None).await
}

/// The upload's fields: the kind chosen and the file (name and bytes).
async fn read_upload(mut form: Multipart) -> Result<(String, Option<(String, Vec<u8>)>), String> {
    let mut kind = String::new();
    let mut file = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| format!("The upload could not be read: {}", e.body_text()))?
    {
        match field.name() {
            Some("kind") => kind = field.text().await.map_err(|e| e.body_text())?,
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    format!(
                        "The file could not be received ({}). Files over 16 MB are imported with the command `mnvp voices import-reference`.",
                        e.body_text()
                    )
                })?;
                if !name.is_empty() || !bytes.is_empty() {
                    file = Some((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    Ok((kind, file))
}

pub async fn post_reference(
    State(state): State<AppState>,
    ctx: Ctx,
    upload: Result<Multipart, MultipartRejection>,
) -> WebResult<Response> {
    let mut errors = FormErrors::new();
    let (kind, file) = match upload {
        Ok(form) => match read_upload(form).await {
            Ok(fields) => fields,
            Err(message) => {
                errors.add("file", message);
                (String::new(), None)
            }
        },
        Err(_) => {
            errors.add("file", "Choose a file to import");
            (String::new(), None)
        }
    };
    let parsed = Kind::parse(&kind);
    if parsed.is_err() {
        errors.add("kind", "Choose what kind of file this is");
    }
    if file.is_none() {
        errors.add("file", "Choose a file to import");
    }
    let (Ok(kind_value), Some((name, bytes)), true) = (parsed, file, errors.is_empty()) else {
        let html = page(&state, &ctx, errors, &kind, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    };
    let req = ImportRequest {
        kind: kind_value,
        file_name: name.chars().take(200).collect(),
        allowed_orgs: allowed_orgs(&state, &ctx).await?,
    };
    let report = state
        .store
        .import_reference(Source::Bytes(bytes), &req, &ctx.actor())
        .await?;
    if report.committed {
        let mut message = format!(
            "Imported {} rows from {}",
            report.imported, report.file_name
        );
        if !report.detail.is_empty() {
            message.push_str(&format!(" ({})", report.detail));
        }
        if report.skipped > 0 {
            message.push_str(&format!(
                "; {} rows for other organisations or measures were skipped",
                report.skipped
            ));
        }
        message.push('.');
        ctx.flash(&state.store, &message).await;
        return Ok(Redirect::to("/voices/reference").into_response());
    }
    let mut errors = FormErrors::new();
    errors.add(
        "file",
        match &report.header_error {
            Some(h) => h.clone(),
            None => format!(
                "{} row(s) of the file have problems, so nothing was imported. Correct them and import the whole file again.",
                report.error_count()
            ),
        },
    );
    let html = page(&state, &ctx, errors, kind_value.as_str(), Some(report)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
