//! Codebooks as files, so that MNVPs can share frameworks and keep them in a spreadsheet.
//!
//! CSV: one row per theme or sub-theme, columns `theme`, `sub_theme`, `description`,
//! `indicative_phrases` (phrases separated by `;`). A row with an empty `sub_theme` describes a
//! theme; a row with one describes that sub-theme of `theme` (the theme row may come before or
//! after, or be left out). Only `theme` is required; other columns are ignored.
//!
//! JSON: `{"format": "mnvp-hub codebook", "version": 1, "name", "description", "themes": [{"name",
//! "description", "phrases": [], "sub_themes": [...]}]}`.
//!
//! Reading reports every problem with its line and column and returns nothing usable unless
//! there are none, so an import is all or nothing.

use super::codebook::{tidy, CodebookSpec, Problem, ThemeSpec};
use serde::{Deserialize, Serialize};

pub const JSON_FORMAT: &str = "mnvp-hub codebook";
pub const JSON_VERSION: u32 = 1;
pub const CSV_HEADER: [&str; 4] = ["theme", "sub_theme", "description", "indicative_phrases"];

/// The file formats a codebook can be read from and written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Json,
}

impl FileFormat {
    /// Guesses from a file name, then from the first non-blank byte (`{` is JSON).
    pub fn detect(file_name: &str, bytes: &[u8]) -> FileFormat {
        let lower = file_name.to_lowercase();
        if lower.ends_with(".json") {
            return FileFormat::Json;
        }
        if lower.ends_with(".csv") {
            return FileFormat::Csv;
        }
        let first = bytes
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(bytes)
            .iter()
            .find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') {
            FileFormat::Json
        } else {
            FileFormat::Csv
        }
    }
}

/// Reads a codebook file. `name` names the codebook when the file does not (CSV).
pub fn read(format: FileFormat, bytes: &[u8], name: &str) -> Result<CodebookSpec, Vec<Problem>> {
    let spec = match format {
        FileFormat::Csv => read_csv(bytes, name)?,
        FileFormat::Json => read_json(bytes, name)?,
    };
    Ok(spec)
}

/// Spreadsheets run cells starting with `= + - @` as formulas: exports prefix an apostrophe,
/// imports take it off again, so a round trip changes nothing.
fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

pub fn read_csv(bytes: &[u8], name: &str) -> Result<CodebookSpec, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = rdr
        .byte_headers()
        .map_err(|e| vec![csv_problem(&e)])?
        .clone();
    let mut problems = Vec::new();
    let header: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| match std::str::from_utf8(h) {
            Ok(s) => s.trim().to_lowercase().replace(' ', "_"),
            Err(_) => {
                problems.push(not_utf8(1, &format!("header {}", i + 1)));
                String::new()
            }
        })
        .collect();
    let col = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let Some(theme_col) = col(&["theme"]) else {
        problems.push(Problem::new(
            1,
            "",
            "the first row must name the columns, including a \"theme\" column (expected: theme, sub_theme, description, indicative_phrases)",
        ));
        return Err(problems);
    };
    let sub_col = col(&["sub_theme", "subtheme"]);
    let desc_col = col(&["description"]);
    let phrase_col = col(&["indicative_phrases", "phrases"]);
    let mut themes: Vec<ThemeSpec> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(csv_problem(&e));
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let mut cell = |c: Option<usize>, column: &str| -> String {
            let raw = c.and_then(|c| record.get(c)).unwrap_or(b"");
            match std::str::from_utf8(raw) {
                Ok(s) => unneutralise(s.trim()).to_string(),
                Err(_) => {
                    problems.push(not_utf8(line, column));
                    String::new()
                }
            }
        };
        let theme = cell(Some(theme_col), "theme");
        let sub = cell(sub_col, "sub_theme");
        let description = cell(desc_col, "description");
        let phrases = cell(phrase_col, "indicative_phrases");
        if theme.is_empty() && sub.is_empty() && description.is_empty() && phrases.is_empty() {
            continue; // a blank line in a spreadsheet
        }
        let phrases: Vec<String> = phrases
            .split(';')
            .map(tidy)
            .filter(|p| !p.is_empty())
            .collect();
        if sub.is_empty() {
            themes.push(ThemeSpec {
                name: theme,
                parent: None,
                description,
                phrases,
            });
        } else {
            if theme.is_empty() {
                problems.push(Problem::new(
                    line,
                    "theme",
                    format!("enter the theme that the sub-theme \"{sub}\" belongs to"),
                ));
            }
            themes.push(ThemeSpec {
                name: sub,
                parent: Some(theme),
                description,
                phrases,
            });
        }
        lines.push(line);
    }
    // A sub-theme whose theme has no row of its own brings that theme in, without description.
    let mut implicit = Vec::new();
    for t in &themes {
        if let Some(p) = t.parent.as_deref().filter(|p| !p.is_empty()) {
            let known = themes.iter().chain(&implicit).any(|x: &ThemeSpec| {
                x.parent.is_none() && tidy(&x.name).eq_ignore_ascii_case(&tidy(p))
            });
            if !known {
                implicit.push(ThemeSpec {
                    name: p.to_string(),
                    ..Default::default()
                });
            }
        }
    }
    lines.extend(std::iter::repeat_n(0, implicit.len()));
    themes.extend(implicit);
    let spec = CodebookSpec {
        name: name.to_string(),
        description: String::new(),
        themes,
    };
    finish(spec, &lines, problems)
}

fn finish(
    spec: CodebookSpec,
    lines: &[u64],
    mut problems: Vec<Problem>,
) -> Result<CodebookSpec, Vec<Problem>> {
    if spec.themes.is_empty() && problems.is_empty() {
        problems.push(Problem::new(0, "", "the file has no themes"));
    }
    problems.extend(spec.problems(lines));
    problems.sort_by_key(|p| p.line);
    if problems.is_empty() {
        Ok(spec.normalised())
    } else {
        Err(problems)
    }
}

fn not_utf8(line: u64, column: &str) -> Problem {
    Problem::new(
        line,
        column,
        "this is not UTF-8 text; save the file as \"CSV UTF-8\" and try again",
    )
}

fn csv_problem(e: &csv::Error) -> Problem {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => not_utf8(line, ""),
        _ => Problem::new(line, "", format!("the file is not valid CSV ({e})")),
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonTheme {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sub_themes: Vec<JsonTheme>,
}

#[derive(Serialize, Deserialize)]
struct JsonCodebook {
    format: String,
    version: u32,
    name: String,
    #[serde(default)]
    description: String,
    themes: Vec<JsonTheme>,
}

pub fn read_json(bytes: &[u8], fallback_name: &str) -> Result<CodebookSpec, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
            + 1;
        return Err(vec![Problem::new(
            line,
            "",
            "this is not UTF-8 text; save the file as UTF-8 and try again",
        )]);
    }
    let doc: JsonCodebook = serde_json::from_slice(bytes).map_err(|e| {
        vec![Problem::new(
            e.line() as u64,
            "",
            format!(
                "the file is not a codebook in MNVP Hub's JSON layout (column {}: {e})",
                e.column()
            ),
        )]
    })?;
    if doc.format != JSON_FORMAT || doc.version != JSON_VERSION {
        return Err(vec![Problem::new(
            0,
            "format",
            format!(
                "expected \"format\": \"{JSON_FORMAT}\" and \"version\": {JSON_VERSION}, found \"{}\" version {}",
                doc.format, doc.version
            ),
        )]);
    }
    let mut problems = Vec::new();
    let mut themes = Vec::new();
    for t in doc.themes {
        for s in &t.sub_themes {
            if !s.sub_themes.is_empty() {
                problems.push(Problem::new(
                    0,
                    &format!("themes / {} / {}", t.name, s.name),
                    "sub-themes cannot have sub-themes",
                ));
            }
        }
        let parent = t.name.clone();
        themes.push(ThemeSpec {
            name: t.name,
            parent: None,
            description: t.description,
            phrases: t.phrases,
        });
        themes.extend(t.sub_themes.into_iter().map(|s| ThemeSpec {
            name: s.name,
            parent: Some(parent.clone()),
            description: s.description,
            phrases: s.phrases,
        }));
    }
    let name = if tidy(&doc.name).is_empty() {
        fallback_name.to_string()
    } else {
        doc.name
    };
    let spec = CodebookSpec {
        name,
        description: doc.description,
        themes,
    };
    finish(spec, &[], problems)
}

/// Writes a codebook as CSV (UTF-8, with a header row).
pub fn write_csv(spec: &CodebookSpec) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<[String; 4]> = Vec::new();
    for t in &spec.themes {
        let phrases = t.phrases.join("; ");
        rows.push(match &t.parent {
            None => [
                t.name.clone(),
                String::new(),
                t.description.clone(),
                phrases,
            ],
            Some(p) => [p.clone(), t.name.clone(), t.description.clone(), phrases],
        });
    }
    // Writing to a Vec cannot fail; the header and rows are plain strings.
    let _ = w.write_record(CSV_HEADER);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c)));
    }
    w.into_inner().unwrap_or_default()
}

/// Writes a codebook as pretty-printed JSON.
pub fn write_json(spec: &CodebookSpec) -> Vec<u8> {
    let to_json = |t: &ThemeSpec, subs: Vec<JsonTheme>| JsonTheme {
        name: t.name.clone(),
        description: t.description.clone(),
        phrases: t.phrases.clone(),
        sub_themes: subs,
    };
    let themes = spec
        .themes
        .iter()
        .filter(|t| t.parent.is_none())
        .map(|top| {
            let subs = spec
                .themes
                .iter()
                .filter(|s| s.parent.as_deref() == Some(top.name.as_str()))
                .map(|s| to_json(s, Vec::new()))
                .collect();
            to_json(top, subs)
        })
        .collect();
    let doc = JsonCodebook {
        format: JSON_FORMAT.into(),
        version: JSON_VERSION,
        name: spec.name.clone(),
        description: spec.description.clone(),
        themes,
    };
    serde_json::to_vec_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "theme,sub_theme,description,indicative_phrases\n\
        Pain relief,,Getting pain relief when asked,epidural; gas and air\n\
        Pain relief,Epidural delays,Waiting for an epidural,waited for the epidural\n\
        Food,,,\n\
        \n\
        Staffing,Night staffing,,short staffed at night\n";

    #[test]
    fn csv_reads_themes_sub_themes_and_implicit_parents() {
        let spec = read_csv(CSV.as_bytes(), "Mine").unwrap();
        assert_eq!(spec.name, "Mine");
        let names: Vec<(&str, Option<&str>)> = spec
            .themes
            .iter()
            .map(|t| (t.name.as_str(), t.parent.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Pain relief", None),
                ("Epidural delays", Some("Pain relief")),
                ("Food", None),
                ("Staffing", None),
                ("Night staffing", Some("Staffing")),
            ]
        );
        assert_eq!(spec.themes[0].phrases, vec!["epidural", "gas and air"]);
    }

    #[test]
    fn round_trips_through_csv_and_json() {
        let spec = read_csv(CSV.as_bytes(), "Mine").unwrap();
        let again = read_csv(&write_csv(&spec), "Mine").unwrap();
        assert_eq!(again, spec);
        let json = read_json(&write_json(&spec), "ignored").unwrap();
        assert_eq!(json, spec);
    }

    #[test]
    fn formulas_are_neutralised_on_export_and_restored_on_import() {
        let spec = CodebookSpec {
            name: "F".into(),
            description: String::new(),
            themes: vec![ThemeSpec {
                name: "=HYPERLINK(\"x\")".into(),
                ..Default::default()
            }],
        };
        let csv = String::from_utf8(write_csv(&spec)).unwrap();
        assert!(csv.contains("'=HYPERLINK"));
        assert_eq!(read_csv(csv.as_bytes(), "F").unwrap(), spec);
    }

    #[test]
    fn every_bad_row_is_reported_with_line_and_column() {
        let bad = b"theme,sub_theme,description\nFood,,\n,,no name\nfood,,\nOk,,\xff\xfe\n";
        let problems = read_csv(bad, "X").unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec![
                "line 3, column theme: Enter a theme name",
                "line 4, column theme: \"food\" appears more than once; theme names must be unique",
                "line 5, column description: this is not UTF-8 text; save the file as \"CSV UTF-8\" and try again",
            ]
        );
        let no_header = read_csv(b"name,notes\nx,y\n", "X").unwrap_err();
        assert!(no_header[0].message.contains("\"theme\" column"));
        assert_eq!(
            read_csv(b"theme\n", "X").unwrap_err()[0].message,
            "the file has no themes"
        );
    }

    #[test]
    fn json_errors_are_clear() {
        let e = read_json(
            b"{\"format\": \"mnvp-hub codebook\",\n \"version\": 1, \"name\": 3}",
            "X",
        )
        .unwrap_err();
        assert_eq!(e[0].line, 2);
        let e = read_json(
            b"{\"format\": \"other\", \"version\": 1, \"name\": \"x\", \"themes\": []}",
            "X",
        )
        .unwrap_err();
        assert_eq!(e[0].column, "format");
        let e = read_json(b"{\"format\":\n\xff}", "X").unwrap_err();
        assert_eq!((e[0].line, e[0].message.contains("UTF-8")), (2, true));
    }

    #[test]
    fn detects_the_format() {
        assert_eq!(FileFormat::detect("a.JSON", b""), FileFormat::Json);
        assert_eq!(
            FileFormat::detect("upload", b"\xef\xbb\xbf  {"),
            FileFormat::Json
        );
        assert_eq!(FileFormat::detect("upload", b"theme"), FileFormat::Csv);
    }
}
