//! One data row of an import file turned into a feedback item (or a CQC result), with every
//! problem in it named by line, column and reason, and a `client_id` that is the same
//! whenever the same row is imported again.

use super::layout::{Columns, Field, Kind};
use super::source::{CellKind, Row, Table};
use mnvp_domain::capture::import as cell;
use mnvp_domain::feedback::Channel;
use mnvp_store::capture::imports::NewCqcResult;
use mnvp_store::feedback::NewFeedback;
use serde::Serialize;
use std::collections::HashMap;

/// A unit of the MNVP an import row may name (by name or ODS code).
#[derive(Debug, Clone)]
pub struct UnitRef {
    pub id: i64,
    pub name: String,
    pub ods_code: Option<String>,
}

/// The MNVP an import is for.
#[derive(Debug, Clone)]
pub struct Target {
    pub mnvp_id: i64,
    pub mnvp_name: String,
    pub units: Vec<UnitRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

/// What a good row becomes.
#[derive(Debug, Clone)]
pub enum Parsed {
    Feedback(Box<NewFeedback>),
    Cqc(Box<NewCqcResult>),
}

/// Reads rows of one file; remembers row identifiers and repeated rows across the file.
pub struct RowReader {
    kind: Kind,
    target: Target,
    cols: Columns,
    today: String,
    names: Vec<String>,
    /// Row identifiers seen so far, and the line each was on.
    ids: HashMap<u128, u64>,
    /// How many times each identical row has appeared so far.
    repeats: HashMap<u128, u32>,
    /// The line being read.
    line: u64,
}

/// Each field's raw text and the column it came from, indexed by [`Field::index`].
type Cells = [Option<(String, usize)>; Field::ALL.len()];

fn txt(c: &Cells, f: Field) -> &str {
    c[f.index()].as_ref().map(|(t, _)| t.as_str()).unwrap_or("")
}

/// Why a cell cannot be read as a value, if it cannot.
fn cell_problem(cell: &super::source::Cell) -> Option<String> {
    match cell.kind {
        CellKind::Formula => Some("is a spreadsheet formula, not a value: copy the column and paste it back as values, then save the file again".to_string()),
        CellKind::Error => Some(format!("shows a spreadsheet error ({})", cell.text)),
        CellKind::Value if cell::looks_like_formula(&cell.text) => Some(format!(
            "looks like a spreadsheet formula ({}…), which could run if the data were opened in a spreadsheet; if it is a comment, remove the {} at the start",
            cell.text.trim().chars().take(12).collect::<String>(),
            cell.text.trim_start().chars().next().unwrap_or('=')
        )),
        CellKind::Value => None,
    }
}

fn key_of(hex: &str) -> u128 {
    u128::from_str_radix(hex, 16).unwrap_or_default()
}

impl RowReader {
    pub fn new(kind: Kind, target: Target, cols: Columns, table: &Table, today: &str) -> RowReader {
        RowReader {
            kind,
            target,
            cols,
            today: today.to_string(),
            names: (0..table.headers.len().max(1))
                .map(|c| table.column_name(c))
                .collect(),
            ids: HashMap::new(),
            repeats: HashMap::new(),
            line: 0,
        }
    }

    fn column(&self, col: usize) -> String {
        self.names
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("column {}", col + 1))
    }

    /// `Ok(None)` for a row with nothing to import (no text and no rating).
    pub fn read(&mut self, row: &Row) -> Result<Option<Parsed>, Vec<RowProblem>> {
        self.line = row.line;
        let mut problems = Vec::new();
        // Each field's raw text and column; formula and error cells are problems, not values.
        let mut fields: Cells = Default::default();
        for (i, f) in Field::ALL.iter().enumerate() {
            let Some(col) = self.cols.get(*f) else {
                continue;
            };
            let Some(cell) = row.cell(col) else {
                continue;
            };
            match cell_problem(cell) {
                Some(reason) => problems.push(RowProblem {
                    line: row.line,
                    column: self.column(col),
                    reason,
                }),
                None => fields[i] = Some((cell.text.clone(), col)),
            }
        }
        let mut found: Vec<(Field, String)> = Vec::new();
        let mut problem = |f: Field, reason: String| found.push((f, reason));
        let parsed = match &self.kind {
            Kind::CqcResults => self.cqc_result(&fields, &mut problem),
            _ => self.feedback(&fields, &mut problem),
        };
        for (f, reason) in found {
            let col = fields[f.index()]
                .as_ref()
                .map(|(_, c)| *c)
                .or_else(|| self.cols.get(f));
            problems.push(RowProblem {
                line: row.line,
                column: col
                    .map(|c| self.column(c))
                    .unwrap_or_else(|| f.label().to_string()),
                reason,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(parsed)
    }

    fn feedback(&mut self, c: &Cells, problem: &mut dyn FnMut(Field, String)) -> Option<Parsed> {
        let body = cell::text(txt(c, Field::Text))
            .map_err(|e| problem(Field::Text, e))
            .ok()
            .flatten();
        let rating = match &self.kind {
            Kind::Fft => cell::fft_rating(txt(c, Field::Rating)),
            _ => cell::rating(txt(c, Field::Rating)),
        }
        .map_err(|e| problem(Field::Rating, e))
        .ok()
        .flatten();
        let received_on = self.date(c, problem);
        let care_stage = match cell::care_stage(txt(c, Field::CareStage)) {
            Ok(s) => s,
            Err(e) if self.kind.strict_stage() => {
                problem(Field::CareStage, e);
                None
            }
            Err(_) => None,
        };
        let unit_raw = txt(c, Field::Unit).trim();
        let unit_id = if cell::is_empty(unit_raw) {
            None
        } else {
            let wanted = unit_raw.to_lowercase();
            let found = self.target.units.iter().find(|u| {
                u.name.to_lowercase() == wanted
                    || u.ods_code
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(unit_raw))
            });
            if found.is_none() {
                let names: Vec<&str> = self.target.units.iter().map(|u| u.name.as_str()).collect();
                problem(
                    Field::Unit,
                    format!(
                        "{unit_raw:?} is not one of {}'s units ({}); use a unit's name or ODS code",
                        self.target.mnvp_name,
                        if names.is_empty() {
                            "it has none yet".to_string()
                        } else {
                            names.join(", ")
                        }
                    ),
                );
            }
            found.map(|u| u.id)
        };
        let channel = match txt(c, Field::Channel).trim() {
            "" => self.kind.channel(),
            raw => cell::channel(raw)
                .map_err(|e| problem(Field::Channel, e))
                .unwrap_or(Channel::SocialMedia),
        };
        let client_id = self.client_id(channel, c, problem)?;
        let received_on = received_on?;
        if body.is_none() && rating.is_none() {
            return None;
        }
        Some(Parsed::Feedback(Box::new(NewFeedback {
            mnvp_id: self.target.mnvp_id,
            unit_id,
            channel,
            care_stage,
            received_on,
            rating,
            body,
            client_id: Some(client_id),
            body_redacted: None,
            safety_flagged: false,
            safety_categories: String::new(),
            demographics: None,
        })))
    }

    /// The row's date, or the first of January of its survey year (CQC comments).
    fn date(&self, c: &Cells, problem: &mut dyn FnMut(Field, String)) -> Option<String> {
        let d = txt(c, Field::Date);
        if !d.trim().is_empty() || self.cols.get(Field::Year).is_none() {
            if d.trim().is_empty() {
                problem(Field::Date, "the date is empty".into());
                return None;
            }
            return cell::date(d, &self.today)
                .map_err(|e| problem(Field::Date, e))
                .ok();
        }
        match self.year(txt(c, Field::Year)) {
            Ok(y) => Some(format!("{y}-01-01")),
            Err(e) => {
                problem(Field::Year, e);
                None
            }
        }
    }

    fn year(&self, raw: &str) -> Result<i64, String> {
        let this_year: i64 = self
            .today
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(9999);
        match raw.trim().parse::<i64>() {
            Ok(y) if (2000..=this_year).contains(&y) => Ok(y),
            _ => Err(format!(
                "{:?} is not a survey year from 2000 to {this_year}",
                raw.trim()
            )),
        }
    }

    /// The same row gives the same id in every import: from its identifier column when the
    /// file has one (which must then differ on every row), otherwise from its contents and how
    /// many identical rows came before it (two people can write "Very good" on the same day).
    fn client_id(
        &mut self,
        channel: Channel,
        c: &Cells,
        problem: &mut dyn FnMut(Field, String),
    ) -> Option<String> {
        let id = txt(c, Field::Id).trim();
        let question = txt(c, Field::Question).trim();
        let key = if id.is_empty() {
            let fp = cell::fingerprint(&[
                txt(c, Field::Date),
                txt(c, Field::Year),
                txt(c, Field::Unit),
                txt(c, Field::Rating),
                txt(c, Field::CareStage),
                question,
                txt(c, Field::Text),
            ]);
            let n = self.repeats.entry(key_of(&fp)).or_insert(0);
            *n += 1;
            format!("{fp}.{n}")
        } else {
            let fp = cell::fingerprint(&["id", id, question]);
            if let Some(first) = self.ids.get(&key_of(&fp)) {
                problem(
                    Field::Id,
                    format!("the identifier {id:?} is also on line {first}; each row needs its own identifier"),
                );
                return None;
            }
            self.ids.insert(key_of(&fp), self.line);
            fp
        };
        Some(format!(
            "import:{}:{}:{key}",
            channel.as_str(),
            self.target.mnvp_id
        ))
    }

    fn cqc_result(&mut self, c: &Cells, problem: &mut dyn FnMut(Field, String)) -> Option<Parsed> {
        let year = self
            .year(txt(c, Field::Year))
            .map_err(|e| problem(Field::Year, e))
            .ok();
        let question = txt(c, Field::Question).trim().to_string();
        if question.is_empty() {
            problem(Field::Question, "the question number is empty".into());
        }
        let score_raw = txt(c, Field::Score).trim();
        let score = if cell::is_empty(score_raw) {
            None
        } else {
            match score_raw.parse::<f64>() {
                Ok(s) if (0.0..=10.0).contains(&s) => Some(s),
                _ => {
                    problem(
                        Field::Score,
                        format!("{score_raw:?} is not a score from 0 to 10"),
                    );
                    None
                }
            }
        };
        let resp_raw = txt(c, Field::Respondents).trim();
        let respondents = if cell::is_empty(resp_raw) {
            None
        } else {
            match resp_raw.trim_end_matches(".0").parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => {
                    problem(
                        Field::Respondents,
                        format!("{resp_raw:?} is not a number of respondents"),
                    );
                    None
                }
            }
        };
        let section = txt(c, Field::Section).trim().to_string();
        let result = NewCqcResult {
            survey_year: year?,
            organisation: txt(c, Field::Organisation).trim().to_string(),
            question,
            question_text: txt(c, Field::QuestionText).trim().to_string(),
            care_stage: cell::care_stage(&section).ok().flatten(),
            section,
            score,
            respondents,
            comparison: txt(c, Field::Comparison).trim().to_string(),
        };
        if result.question.is_empty() {
            return None;
        }
        Some(Parsed::Cqc(Box::new(result)))
    }
}
