//! Codebooks as files: importing CSV or JSON (or the QDC framework from the header of a file
//! in the QDC layout), all or nothing with every problem listed, and exporting CSV and JSON.

use super::access::{readable, Viewer};
use super::codebooks::{created, owner};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::themes::builtin;
use mnvp_domain::themes::codebook::{tidy, CodebookSpec, Problem};
use mnvp_domain::themes::codebook_file::{self, FileFormat};

/// Largest codebook file accepted (a codebook is a few kilobytes; this leaves room for a QDC
/// data file whose header names the framework).
const MAX_UPLOAD: usize = 16 * 1024 * 1024;

async fn import_page(
    state: &AppState,
    ctx: &Ctx,
    name: &str,
    errors: FormErrors,
    problems: &[Problem],
) -> WebResult<Html<String>> {
    let problems: Vec<String> = problems
        .iter()
        .map(|p| capitalise(&p.to_string()))
        .collect();
    state
        .render(
            ctx,
            "themes/codebook_import.html",
            context! { name => name, errors => errors, problems => problems },
        )
        .await
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

pub async fn import_form(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    import_page(&state, &ctx, "", FormErrors::new(), &[]).await
}

/// Reads an uploaded codebook: CSV or JSON in MNVP Hub's layout, or any CSV in the QDC
/// layout, whose header names the QDC framework's themes.
pub fn read_upload(
    file_name: &str,
    bytes: &[u8],
    name: &str,
) -> Result<(CodebookSpec, &'static str), Vec<Problem>> {
    let format = FileFormat::detect(file_name, bytes);
    if format == FileFormat::Csv {
        if let Some(header) = qdc_header(bytes) {
            let mut spec =
                builtin::qdc_from_header(&header).map_err(|e| vec![Problem::new(1, "", e)])?;
            if !tidy(name).is_empty() {
                spec.name = tidy(name);
            }
            return Ok((spec, "qdc"));
        }
    }
    let fallback = if tidy(name).is_empty() {
        "Imported codebook"
    } else {
        name
    };
    let mut spec = codebook_file::read(format, bytes, fallback)?;
    if !tidy(name).is_empty() {
        spec.name = tidy(name);
    }
    Ok((spec, "import"))
}

/// The header of a CSV in the QDC layout (it has a `Comment sentiment` column), if it is one.
fn qdc_header(bytes: &[u8]) -> Option<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut first = csv::ByteRecord::new();
    rdr.read_byte_record(&mut first).ok()?;
    let header: Vec<String> = first
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_string()
        })
        .collect();
    header
        .iter()
        .any(|h| h == "Comment sentiment")
        .then_some(header)
}

pub async fn import_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let (mut name, mut file_name, mut bytes) = (String::new(), String::new(), Vec::new());
    let bad = |e: axum::extract::multipart::MultipartError| {
        WebError::BadRequest(format!(
            "The upload could not be read ({e}); choose the file again"
        ))
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("name") => name = field.text().await.map_err(bad)?,
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_string();
                bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            _ => {}
        }
    }
    let mut errors = FormErrors::new();
    let mut problems = Vec::new();
    if bytes.is_empty() {
        errors.add("file", "Choose a CSV or JSON file");
    } else if bytes.len() > MAX_UPLOAD {
        errors.add("file", "The file must be smaller than 16 MB");
    } else {
        match read_upload(&file_name, &bytes, &name) {
            Ok((spec, source)) => match state
                .store
                .create_codebook(owner(&viewer), &spec, source, &ctx.actor())
                .await
            {
                Ok(id) => return Ok(created(&state, &ctx, id, &spec).await),
                Err(mnvp_store::StoreError::Conflict(m)) => errors.add("name", m),
                Err(e) => return Err(e.into()),
            },
            Err(p) => {
                errors.add(
                    "file",
                    format!(
                        "The file has {} problem{}; nothing was imported. Correct the file and choose it again.",
                        p.len(),
                        if p.len() == 1 { "" } else { "s" }
                    ),
                );
                problems = p;
            }
        }
    }
    let html = import_page(&state, &ctx, &name, errors, &problems).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

fn download(name: &str, extension: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let file = if safe.is_empty() {
        "codebook".to_string()
    } else {
        safe
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}.{extension}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

pub async fn export_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = readable(&state, &viewer, id).await?;
    let spec = state.store.codebook_spec(c.id).await?;
    Ok(download(
        &c.name,
        "csv",
        "text/csv; charset=utf-8",
        codebook_file::write_csv(&spec),
    ))
}

pub async fn export_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = readable(&state, &viewer, id).await?;
    let spec = state.store.codebook_spec(c.id).await?;
    Ok(download(
        &c.name,
        "json",
        "application/json",
        codebook_file::write_json(&spec),
    ))
}
