//! Reading coded comments from a QDC-framework CSV (the layout of the NHS FFT QDC datasets).

use std::io::Read;

use super::tokenise::is_blank_answer;
use super::{Codebook, TrainingItem, TrainingSet};

/// One-hot columns after `Comment sentiment` that are not themes of the 44-label QDC v6 set
/// (as in pxtextmining).
pub const QDC_EXCLUDED_COLUMNS: [&str; 6] = [
    "Safeguarding concerns?",
    "Psychological therapy arrangements",
    "Existence of services",
    "Choice of services",
    "Out of hours support (community services)",
    "Learning organisation",
];

/// Why a CSV could not be read. Line numbers are 1-based lines of the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("line {line}: column {column:?} is not valid UTF-8 text (save the file as UTF-8 and try again)")]
    NotUtf8 { line: u64, column: String },
    #[error("line {line}: {message}")]
    Malformed { line: u64, message: String },
    #[error("the CSV has no {0:?} column")]
    MissingColumn(String),
    #[error("the CSV has no theme columns (expected one-hot columns after \"Comment sentiment\")")]
    NoThemeColumns,
    #[error("reading or writing failed: {0}")]
    Io(String),
}

pub(crate) fn csv_error(e: csv::Error) -> CsvError {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Io(io) => CsvError::Io(io.to_string()),
        csv::ErrorKind::Utf8 { .. } => CsvError::NotUtf8 {
            line,
            column: String::new(),
        },
        _ => CsvError::Malformed {
            line,
            message: e.to_string(),
        },
    }
}

/// Decoded header names (a UTF-8 byte-order mark is dropped).
pub(crate) fn header_names(headers: &csv::ByteRecord) -> Result<Vec<String>, CsvError> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let s = std::str::from_utf8(h).map_err(|_| CsvError::NotUtf8 {
                line: 1,
                column: format!("header {}", i + 1),
            })?;
            Ok(s.trim_start_matches('\u{feff}').trim().to_owned())
        })
        .collect()
}

pub(crate) fn field<'a>(
    rec: &'a csv::ByteRecord,
    col: usize,
    name: &str,
) -> Result<&'a str, CsvError> {
    let line = rec.position().map_or(0, |p| p.line());
    std::str::from_utf8(rec.get(col).unwrap_or(b"")).map_err(|_| CsvError::NotUtf8 {
        line,
        column: name.to_owned(),
    })
}

fn parse_sentiment(s: &str) -> Option<u8> {
    let v: f64 = s.trim().parse().ok()?;
    (v.fract() == 0.0 && (1.0..=5.0).contains(&v)).then_some(v as u8)
}

/// Reads a QDC CSV: text from `FFT answer`, themes from the one-hot columns after
/// `Comment sentiment` (less [`QDC_EXCLUDED_COLUMNS`]; a cell of `1` is a positive),
/// sentiment from `Comment sentiment` (1–5, anything else is "not coded"), ids from
/// `Comment ID` and groups from `Respondent ID` when present.
///
/// Rows whose answer is empty, a null marker such as `N/A`, or only digits and punctuation are
/// skipped, as are rows coded with no theme (not yet coded).
pub fn read_qdc_csv<R: Read>(input: R) -> Result<TrainingSet, CsvError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let names = header_names(rdr.byte_headers().map_err(csv_error)?)?;
    let col = |n: &str| names.iter().position(|h| h == n);
    let text_col = col("FFT answer").ok_or_else(|| CsvError::MissingColumn("FFT answer".into()))?;
    let sentiment_col = col("Comment sentiment");
    let first_theme = match sentiment_col {
        Some(c) => c + 1,
        None => col("Not assigned").ok_or(CsvError::NoThemeColumns)?,
    };
    let theme_cols: Vec<usize> = (first_theme..names.len())
        .filter(|&c| !names[c].is_empty() && !QDC_EXCLUDED_COLUMNS.contains(&names[c].as_str()))
        .collect();
    if theme_cols.is_empty() {
        return Err(CsvError::NoThemeColumns);
    }
    let codebook = Codebook::new(theme_cols.iter().map(|&c| names[c].clone()));
    let (id_col, group_col) = (col("Comment ID"), col("Respondent ID"));
    let mut items = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut rec).map_err(csv_error)? {
        let text = field(&rec, text_col, "FFT answer")?;
        let themes: Vec<usize> = theme_cols
            .iter()
            .enumerate()
            .filter(|(_, &c)| {
                let v = rec.get(c).unwrap_or(b"");
                let v = v.trim_ascii();
                v == b"1" || v == b"1.0"
            })
            .map(|(j, _)| j)
            .collect();
        let sentiment = match sentiment_col {
            Some(c) => parse_sentiment(field(&rec, c, "Comment sentiment")?),
            None => None,
        };
        let id = id_col.map(|c| field(&rec, c, "Comment ID")).transpose()?;
        let group = group_col
            .map(|c| field(&rec, c, "Respondent ID"))
            .transpose()?;
        if is_blank_answer(text) || themes.is_empty() {
            continue;
        }
        items.push(TrainingItem {
            id: id.filter(|s| !s.is_empty()).map(str::to_owned),
            group: group.filter(|s| !s.is_empty()).map(str::to_owned),
            text: text.to_owned(),
            themes,
            sentiment,
        });
    }
    Ok(TrainingSet { codebook, items })
}
