//! The inbox's downloads: the filtered feedback as CSV or as an Excel workbook (XLSX), with
//! exactly the screen's redaction (only the MNVP lead gets the original words) and one audit
//! entry per download saying how many items, in which form and which text.

use super::inbox::{filter_for, row, InboxQuery};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mnvp_domain::role::Role;
use mnvp_store::feedback::FeedbackItem;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Largest export in one file; bigger extracts belong in the reports capability.
const EXPORT_LIMIT: i64 = 100_000;

const HEADER: [&str; 8] = [
    "id",
    "received_on",
    "mnvp",
    "unit",
    "channel",
    "care_stage",
    "rating",
    "text",
];

/// One exported line: the same columns in both formats.
struct Record {
    id: i64,
    rating: Option<i32>,
    /// received_on, mnvp, unit, channel, care_stage, text.
    texts: [String; 6],
}

fn records(store: &mnvp_store::Store, role: Role, items: &[FeedbackItem]) -> Vec<Record> {
    items
        .iter()
        .map(|f| {
            let r = row(store, role, f);
            Record {
                id: r.id,
                rating: r.rating,
                texts: [
                    r.received_on,
                    f.mnvp_name.clone(),
                    r.unit_name.unwrap_or_default(),
                    r.channel,
                    r.care_stage.unwrap_or_default(),
                    r.text.unwrap_or_default(),
                ],
            }
        })
        .collect()
}

/// The items to export for this person and these filters, with the download audited.
async fn exported(
    state: &AppState,
    ctx: &Ctx,
    q: &InboxQuery,
    format: &str,
) -> WebResult<(Role, Vec<FeedbackItem>)> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let filter = filter_for(state, ctx, role, q).await?;
    let (items, _) = state.store.list_feedback(&filter, EXPORT_LIMIT, 0).await?;
    let detail = format!(
        "{} items as {format}, {}",
        items.len(),
        if role.sees_original_text() {
            "original text"
        } else {
            "redacted"
        }
    );
    state
        .store
        .audit_event(&ctx.actor(), "export", "feedback", None, detail)
        .await?;
    Ok((role, items))
}

fn attachment(content_type: &str, name: &str, body: Vec<u8>) -> Response {
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

/// The filtered feedback as CSV.
pub async fn export_inbox(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<InboxQuery>,
) -> WebResult<Response> {
    let (role, items) = exported(&state, &ctx, &q, "csv").await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    out.write_record(HEADER).map_err(csv_err)?;
    for r in records(&state.store, role, &items) {
        let [received_on, mnvp, unit, channel, stage, text] = r.texts;
        out.write_record([
            r.id.to_string(),
            received_on,
            mnvp,
            unit,
            channel,
            stage,
            r.rating.map(|v| v.to_string()).unwrap_or_default(),
            neutralise_formula(&text),
        ])
        .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    Ok(attachment("text/csv; charset=utf-8", "feedback.csv", bytes))
}

/// The filtered feedback as an Excel workbook: one sheet, a bold frozen header row with
/// filters, numbers as numbers and every text as text (a comment starting with "=" stays
/// words, never a formula).
pub async fn export_inbox_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<InboxQuery>,
) -> WebResult<Response> {
    let (role, items) = exported(&state, &ctx, &q, "xlsx").await?;
    let bytes = workbook(&records(&state.store, role, &items))
        .map_err(|e| WebError::Internal(format!("xlsx: {e}")))?;
    Ok(attachment(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "feedback.xlsx",
        bytes,
    ))
}

fn workbook(records: &[Record]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Feedback")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (col, name) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    for (i, r) in records.iter().enumerate() {
        let line = i as u32 + 1;
        sheet.write_number(line, 0, r.id as f64)?;
        let [received_on, mnvp, unit, channel, stage, text] = &r.texts;
        for (col, value) in [
            (1, received_on),
            (2, mnvp),
            (3, unit),
            (4, channel),
            (5, stage),
        ] {
            sheet.write_string(line, col, value)?;
        }
        if let Some(rating) = r.rating {
            sheet.write_number(line, 6, f64::from(rating))?;
        }
        sheet.write_string_with_format(line, 7, text, &wrap)?;
    }
    for (col, width) in [
        (0, 8),
        (1, 12),
        (2, 24),
        (3, 28),
        (4, 18),
        (5, 18),
        (6, 8),
        (7, 80),
    ] {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, records.len() as u32, HEADER.len() as u16 - 1)?;
    book.save_to_buffer()
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe stops a
/// comment from becoming one in CSV (XLSX cells are typed, so need no such guard).
pub(crate) fn neutralise_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
