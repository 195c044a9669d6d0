//! Batch scanning of a CSV export of feedback: flags and redacts every row.
//!
//! MNVPs often hold feedback in spreadsheets (survey exports, Walk the Patch notes). The
//! scan streams row by row, so a large export never has to fit in memory, and writes only
//! an identifier column, the flags and the redacted text: the output is safe to share
//! with a trust, the input is not. Errors name the line and what is wrong, because the
//! person running the scan is usually a lead, not a programmer.

use std::io::{Read, Write};

use serde::Serialize;
use thiserror::Error;

use super::{detect, redact, Category};

/// Totals for one scan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ScanSummary {
    /// Data rows read (the header row not counted).
    pub rows: u64,
    /// Rows with at least one disclosure category.
    pub flagged: u64,
    /// Rows per category, in [`Category::ALL`] order; categories with no rows included.
    pub per_category: Vec<(Category, u64)>,
    /// Personal details redacted across all rows.
    pub entities_redacted: u64,
}

/// Why a scan stopped.
#[derive(Debug, Error)]
pub enum ScanError {
    /// The input has no header row at all.
    #[error("the input is empty: expected a header row naming the columns")]
    NoHeader,
    /// The named text column is not among the headers.
    #[error("text column `{column}` not found; available columns: {}", available.join(", "))]
    MissingColumn {
        /// The column asked for.
        column: String,
        /// The headers the input has.
        available: Vec<String>,
    },
    /// A field is not valid UTF-8 (often a spreadsheet saved as Windows-1252).
    #[error(
        "line {line}: the text is not valid UTF-8; save the file as \"CSV UTF-8\" and try again"
    )]
    NotUtf8 {
        /// 1-based line number in the input.
        line: u64,
    },
    /// The CSV itself is broken (a row with the wrong number of fields, a stray quote).
    #[error("line {line}: malformed CSV: {message}")]
    Malformed {
        /// 1-based line number in the input.
        line: u64,
        /// What the parser found.
        message: String,
    },
    /// Reading the input failed.
    #[error("could not read the input: {0}")]
    Read(#[source] std::io::Error),
    /// Writing the output failed.
    #[error("could not write the output: {0}")]
    Write(#[source] std::io::Error),
}

fn read_error(e: csv::Error) -> ScanError {
    let line = e.position().map_or(0, csv::Position::line);
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ScanError::Read(io),
        csv::ErrorKind::Utf8 { .. } => ScanError::NotUtf8 { line },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => ScanError::Malformed {
            line,
            message: format!("expected {expected_len} fields, found {len}"),
        },
        other => ScanError::Malformed {
            line,
            message: format!("{other:?}"),
        },
    }
}

fn write_error(e: csv::Error) -> ScanError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ScanError::Write(io),
        other => ScanError::Write(std::io::Error::other(format!("{other:?}"))),
    }
}

fn utf8(field: &[u8], line: u64) -> Result<&str, ScanError> {
    std::str::from_utf8(field).map_err(|_| ScanError::NotUtf8 { line })
}

/// Reads a CSV with headers from `input` and writes, per row, the input's first column
/// (under its original header), `flagged` (`true`/`false`), `categories` (`;`-separated)
/// and `redacted` (the text column with personal details replaced).
///
/// If the text column is itself the first column, the first output column holds the
/// redacted text too, so the output never carries unredacted feedback.
pub fn scan_csv<R: Read, W: Write>(
    input: R,
    output: W,
    text_column: &str,
) -> Result<ScanSummary, ScanError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let headers: Vec<String> = {
        let raw = reader.byte_headers().map_err(read_error)?;
        if raw.is_empty() {
            return Err(ScanError::NoHeader);
        }
        raw.iter()
            .map(|h| utf8(h, 1).map(|s| s.trim_start_matches('\u{feff}').trim().to_string()))
            .collect::<Result<_, _>>()?
    };
    let wanted = text_column.trim();
    let text_idx = headers
        .iter()
        .position(|h| h == wanted)
        .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(wanted)))
        .ok_or_else(|| ScanError::MissingColumn {
            column: text_column.to_string(),
            available: headers.clone(),
        })?;
    let mut writer = csv::Writer::from_writer(output);
    writer
        .write_record([headers[0].as_str(), "flagged", "categories", "redacted"])
        .map_err(write_error)?;
    let mut summary = ScanSummary {
        per_category: Category::ALL.iter().map(|c| (*c, 0)).collect(),
        ..ScanSummary::default()
    };
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(read_error)? {
        let line = record.position().map_or(0, csv::Position::line);
        let text = utf8(record.get(text_idx).unwrap_or_default(), line)?;
        let first = utf8(record.get(0).unwrap_or_default(), line)?;
        let detection = detect(text);
        let redacted = redact(text);
        summary.rows += 1;
        summary.entities_redacted += redacted.spans.len() as u64;
        if detection.flagged {
            summary.flagged += 1;
        }
        for c in &detection.categories {
            if let Some((_, n)) = summary.per_category.iter_mut().find(|(k, _)| k == c) {
                *n += 1;
            }
        }
        let categories: Vec<&str> = detection.categories.iter().map(|c| c.as_str()).collect();
        let first_out = if text_idx == 0 {
            redacted.text.as_str()
        } else {
            first
        };
        writer
            .write_record([
                first_out,
                if detection.flagged { "true" } else { "false" },
                categories.join(";").as_str(),
                redacted.text.as_str(),
            ])
            .map_err(write_error)?;
    }
    writer.flush().map_err(ScanError::Write)?;
    Ok(summary)
}
