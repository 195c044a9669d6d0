//! The reference files a lead or administrator imports, read as they are published: the ONS
//! Postcode Directory, File 7 of the English Indices of Deprivation (2025 or 2019 edition),
//! and births in the layout of NHS England's Maternity Services Data Set statistics. Columns
//! are found by their published headers, never by position, so a file is accepted unchanged
//! and a file of the wrong kind is refused with the headers it lacks.
//!
//! Parsing is pure: the caller streams records and hands each one over as a field getter; a
//! bad row comes back as the column and the reason, and the caller adds the line number.

pub mod births;
pub mod deprivation;
pub mod postcodes;

use serde::Serialize;

/// What is wrong with one field of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub column: String,
    pub reason: String,
}

impl RowError {
    pub fn new(column: &str, reason: impl Into<String>) -> RowError {
        RowError {
            column: column.to_string(),
            reason: reason.into(),
        }
    }
}

/// The header row does not fit the kind of file expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct HeaderError(pub String);

/// Which reference file is being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Postcodes,
    Imd,
    Births,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Postcodes, Kind::Imd, Kind::Births];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Postcodes => "postcodes",
            Kind::Imd => "imd",
            Kind::Births => "births",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Postcodes => "ONS Postcode Directory",
            Kind::Imd => "English Indices of Deprivation, File 7",
            Kind::Births => "Births and care in your footprint (maternity statistics layout)",
        }
    }

    pub fn parse(raw: &str) -> Result<Kind, crate::ParseError> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or_else(|| {
                crate::ParseError::new("Choose postcodes, imd or births as the kind of file")
            })
    }
}

/// Header names as given, trimmed, with a byte-order mark removed from the first.
pub fn clean_headers<'a>(headers: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    headers
        .into_iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect()
}

/// The position of the first of `names` found among `headers` (case-insensitive), and the
/// header as published.
fn find(headers: &[String], names: &[&str]) -> Option<(usize, String)> {
    names.iter().find_map(|name| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .map(|i| (i, headers[i].clone()))
    })
}

/// Like [`find`], but a missing column is a header error naming what was looked for.
fn require(headers: &[String], names: &[&str], file: &str) -> Result<(usize, String), HeaderError> {
    find(headers, names).ok_or_else(|| {
        HeaderError(format!(
            "This does not look like {file}: it has no column headed {}. The first row must be the file's own header row, unchanged.",
            names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(" or ")
        ))
    })
}

/// Area codes that the ONS uses for "no area" (e.g. `E99999999`), or an empty cell.
fn real_code(raw: &str) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    (!code.is_empty() && !code.ends_with("99999999")).then_some(code)
}

/// Codes are short runs of letters and digits; anything else is a misaligned or damaged row.
fn looks_like_code(code: &str) -> bool {
    (2..=12).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric())
}
