//! The lead's import pages: upload a file, check it in a dry run (every bad row by line,
//! column and reason), then import the good rows or discard the file. Nothing is stored until
//! the lead chooses to import.

use super::{dry_run, kind, target, today, Encoding, ImportError, Report, Source, Spec};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_store::capture::imports::{NewUpload, Upload};
use serde::{Deserialize, Serialize};

/// Problems listed on the page; the rest are in the downloadable list.
const PROBLEMS_SHOWN: usize = 200;

/// The lead's MNVP: every import page works within it.
pub(crate) fn lead_mnvp(ctx: &Ctx) -> WebResult<i64> {
    ctx.user()?.org_id.ok_or(WebError::Forbidden)
}

/// The upload, if it is this person's (anyone else's is "not found").
pub(crate) async fn own_upload(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Upload> {
    let upload = state.store.get_upload(id).await?;
    if upload.user_id != ctx.user()?.id || upload.mnvp_id != lead_mnvp(ctx)? {
        return Err(WebError::NotFound);
    }
    Ok(upload)
}

#[derive(Serialize, Deserialize, Default, Clone)]
pub struct UploadChoice {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    encoding: String,
}

#[derive(Serialize)]
struct KindOption {
    value: String,
    text: String,
    hint: String,
}

async fn index_page(
    state: &AppState,
    ctx: &Ctx,
    choice: &UploadChoice,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let mnvp = lead_mnvp(ctx)?;
    let mappings = state.store.list_mappings(mnvp).await?;
    let mut kinds = vec![
        KindOption { value: "fft".into(), text: "Friends and Family Test responses".into(), hint: "An FFT export with a date, the FFT answer (Very good to Very poor, or 1 to 6) and comments".into() },
        KindOption { value: "cqc".into(), text: "CQC Maternity Survey comments".into(), hint: "Free-text comments, with a survey year or date".into() },
        KindOption { value: "cqc_results".into(), text: "CQC Maternity Survey trust results".into(), hint: "A score out of 10 for each question and year".into() },
    ];
    for m in &mappings {
        kinds.push(KindOption {
            value: format!("mapping:{}", m.id),
            text: format!("A spreadsheet read with your mapping \"{}\"", m.name),
            hint: String::new(),
        });
    }
    kinds.push(KindOption {
        value: "new_mapping".into(),
        text: "Another spreadsheet: choose which column is which".into(),
        hint: "You name and save the choices, so the next file like it is one step".into(),
    });
    state
        .render(
            ctx,
            "capture/import/index.html",
            context! {
                kinds => kinds,
                choice => choice,
                errors => errors,
                mappings => mappings,
                batches => state.store.list_import_batches(mnvp, 20).await?,
                limit_mb => super::super::UPLOAD_LIMIT / (1024 * 1024),
            },
        )
        .await
}

pub async fn list_imports(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    index_page(&state, &ctx, &UploadChoice::default(), FormErrors::new()).await
}

/// Receives the file (the guard has checked the token in the first field) and keeps it for
/// the dry run.
pub async fn upload_file(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let mnvp = lead_mnvp(&ctx)?;
    let user = ctx.user()?.id;
    let mut choice = UploadChoice::default();
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut errors = FormErrors::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                let too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                errors.add(
                    "file",
                    if too_large {
                        format!(
                            "The selected file must be smaller than {} MB. Split it into smaller files, or use the mnvp capture import command",
                            super::super::UPLOAD_LIMIT / (1024 * 1024)
                        )
                    } else {
                        "The file could not be uploaded. Try again".to_string()
                    },
                );
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "kind" => choice.kind = field.text().await.unwrap_or_default(),
            "encoding" => choice.encoding = field.text().await.unwrap_or_default(),
            "file" => {
                let file_name = field.file_name().unwrap_or("").to_string();
                match field.bytes().await {
                    Ok(b) if !file_name.is_empty() => file = Some((file_name, b.to_vec())),
                    Ok(_) => {}
                    Err(_) => errors.add(
                        "file",
                        format!(
                            "The selected file must be smaller than {} MB. Split it into smaller files, or use the mnvp capture import command",
                            super::super::UPLOAD_LIMIT / (1024 * 1024)
                        ),
                    ),
                }
            }
            _ => {}
        }
    }
    let (stored_kind, mapping_id) = match choice.kind.as_str() {
        "fft" | "cqc" | "cqc_results" => (choice.kind.clone(), None),
        "new_mapping" => ("mapped".to_string(), None),
        k => match k
            .strip_prefix("mapping:")
            .and_then(|id| id.parse::<i64>().ok())
        {
            Some(id) => match state.store.get_mapping(id).await {
                Ok(m) if m.mnvp_id == mnvp => ("mapped".to_string(), Some(id)),
                _ => {
                    errors.add("kind", "Select what kind of file this is");
                    (String::new(), None)
                }
            },
            None => {
                errors.add("kind", "Select what kind of file this is");
                (String::new(), None)
            }
        },
    };
    let encoding = Encoding::parse(&choice.encoding).unwrap_or(Encoding::Utf8);
    match &file {
        None => errors.add("file", "Select a file"),
        Some((_, b)) if b.is_empty() => errors.add("file", "The selected file is empty"),
        _ => {}
    }
    if !errors.is_empty() {
        let html = index_page(&state, &ctx, &choice, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    let (file_name, content) = file.unwrap_or_default();
    let id = state
        .store
        .create_upload(&NewUpload {
            mnvp_id: mnvp,
            user_id: user,
            kind: stored_kind.clone(),
            mapping_id,
            file_name: file_name.chars().take(200).collect(),
            encoding: encoding.as_str().into(),
            sha256: super::sha256_hex(&content),
            content,
        })
        .await?;
    let next = if stored_kind == "mapped" && mapping_id.is_none() {
        format!("/capture/imports/{id}/mapping")
    } else {
        format!("/capture/imports/{id}")
    };
    Ok(Redirect::to(&next).into_response())
}

/// How an upload is to be read, or the mapping page when it still needs a mapping.
pub(crate) async fn spec_for(state: &AppState, upload: &Upload) -> WebResult<Option<Spec>> {
    let mapping = match upload.mapping_id {
        Some(id) => Some(state.store.get_mapping(id).await?),
        None if upload.kind == "mapped" => return Ok(None),
        None => None,
    };
    let kind = kind(
        &upload.kind,
        mapping
            .as_ref()
            .map(|m| (m.name.as_str(), m.columns.as_str())),
    )
    .map_err(WebError::BadRequest)?;
    Ok(Some(Spec {
        kind,
        target: target(&state.store, upload.mnvp_id).await?,
        encoding: Encoding::parse(&upload.encoding).unwrap_or(Encoding::Utf8),
        file_name: upload.file_name.clone(),
        today: today(),
    }))
}

async fn report_for(state: &AppState, upload: &Upload, spec: Spec) -> WebResult<Report> {
    Ok(dry_run(
        &state.store,
        Source::Bytes(upload.content.clone().into()),
        spec,
    )
    .await?)
}

async fn report_page(
    state: &AppState,
    ctx: &Ctx,
    upload: &Upload,
    report: &Report,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    state
        .render(
            ctx,
            "capture/import/report.html",
            context! {
                upload_id => upload.id,
                mapped => upload.kind == "mapped",
                encoding => upload.encoding,
                report => report,
                new_rows => report.new_rows(),
                shown => report.problems.iter().take(PROBLEMS_SHOWN).collect::<Vec<_>>(),
                more => report.problems_total.saturating_sub(PROBLEMS_SHOWN as u64),
                errors => errors,
            },
        )
        .await
}

/// The dry run: what would be imported and every row with a problem.
pub async fn show_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let upload = own_upload(&state, &ctx, id).await?;
    let Some(spec) = spec_for(&state, &upload).await? else {
        return Ok(Redirect::to(&format!("/capture/imports/{id}/mapping")).into_response());
    };
    let report = report_for(&state, &upload, spec).await?;
    Ok(
        report_page(&state, &ctx, &upload, &report, FormErrors::new())
            .await?
            .into_response(),
    )
}

/// Every problem the dry run found, as a CSV the lead can sort and work through.
pub async fn export_problems(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let upload = own_upload(&state, &ctx, id).await?;
    let spec = spec_for(&state, &upload).await?.ok_or(WebError::NotFound)?;
    let report = report_for(&state, &upload, spec).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    out.write_record(["line", "column", "reason"])
        .map_err(csv_err)?;
    if let Some(p) = &report.file_problem {
        out.write_record(["", "", p.as_str()]).map_err(csv_err)?;
    }
    for p in &report.problems {
        out.write_record([p.line.to_string(), p.column.clone(), p.reason.clone()])
            .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"import-problems.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct CommitForm {
    #[serde(default)]
    leave_out: String,
}

/// Imports the checked file. With rows that have problems, the lead must say to leave them
/// out; otherwise nothing is stored and the report says why.
pub async fn commit_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<CommitForm>,
) -> WebResult<Response> {
    let upload = own_upload(&state, &ctx, id).await?;
    let Some(spec) = spec_for(&state, &upload).await? else {
        return Ok(Redirect::to(&format!("/capture/imports/{id}/mapping")).into_response());
    };
    let leave_out = form.leave_out == "yes";
    let result = super::commit(
        &state.store,
        Source::Bytes(upload.content.clone().into()),
        spec.clone(),
        leave_out,
        &upload.sha256,
        &ctx.actor(),
    )
    .await;
    let message = match result {
        Ok(c) => {
            state.store.delete_upload(id).await?;
            let mut m = format!(
                "Imported {} new item{} from {}.",
                c.outcome.imported,
                if c.outcome.imported == 1 { "" } else { "s" },
                upload.file_name
            );
            if c.outcome.already_present > 0 {
                m.push_str(&format!(
                    " {} were already in MNVP Hub and were not added again.",
                    c.outcome.already_present
                ));
            }
            if c.left_out > 0 {
                m.push_str(&format!(
                    " {} rows with problems were left out.",
                    c.left_out
                ));
            }
            m
        }
        Err(ImportError::Store(e)) => return Err(e.into()),
        Err(e) => {
            let mut errors = FormErrors::new();
            errors.add(
                "leave_out",
                match e {
                    ImportError::BadRows { .. } => "Nothing was imported because some rows have problems. Fix the file and upload it again, or select that you want to leave those rows out".to_string(),
                    other => other.to_string(),
                },
            );
            let report = report_for(&state, &upload, spec).await?;
            let html = report_page(&state, &ctx, &upload, &report, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    ctx.flash(&state.store, &message).await;
    Ok(Redirect::to("/capture/imports").into_response())
}

pub async fn discard_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let upload = own_upload(&state, &ctx, id).await?;
    state.store.delete_upload(upload.id).await?;
    ctx.flash(
        &state.store,
        &format!("{} was discarded. Nothing was imported.", upload.file_name),
    )
    .await;
    Ok(Redirect::to("/capture/imports").into_response())
}

#[derive(Deserialize)]
pub struct EncodingForm {
    #[serde(default)]
    encoding: String,
}

/// Reads the same upload with another text encoding (Excel's plain "CSV" is Windows-1252).
pub async fn set_encoding(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<EncodingForm>,
) -> WebResult<Response> {
    let upload = own_upload(&state, &ctx, id).await?;
    let encoding = Encoding::parse(&form.encoding).map_err(WebError::BadRequest)?;
    state
        .store
        .set_upload_reading(id, upload.mapping_id, encoding.as_str())
        .await?;
    Ok(Redirect::to(&format!("/capture/imports/{id}")).into_response())
}

pub async fn delete_mapping(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let mapping = state.store.get_mapping(id).await?;
    if mapping.mnvp_id != lead_mnvp(&ctx)? {
        return Err(WebError::NotFound);
    }
    state.store.delete_mapping(id, &ctx.actor()).await?;
    ctx.flash(
        &state.store,
        &format!("The mapping \"{}\" was removed.", mapping.name),
    )
    .await;
    Ok(Redirect::to("/capture/imports").into_response())
}

/// CQC Maternity Survey trust results held for the MNVP.
pub async fn list_cqc_results(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = lead_mnvp(&ctx)?;
    let results = state.store.list_cqc_results(mnvp).await?;
    state
        .render(
            &ctx,
            "capture/import/cqc_results.html",
            context! { results => results },
        )
        .await
}
