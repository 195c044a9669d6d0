//! A short focused survey as an MNVP lead builds it (guidance 2.9): questions of six kinds,
//! optional questions shown only after a given answer to an earlier one, and the rules that
//! turn what a person typed into stored answer codes. The same definition drives the builder,
//! the public pages, the results and the FHIR export, so they cannot disagree.

use crate::ParseError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answers by question id; each answer is a list of codes (several for multiple choice), a
/// date as `YYYY-MM-DD`, a rating as its number, `yes`/`no`, or the text typed.
pub type Answers = BTreeMap<String, Vec<String>>;

/// Longest free-text answer, in characters: enough for a considered account, short enough to
/// read on a phone and to screen quickly.
pub const FREE_TEXT_MAX: usize = 2000;
pub const MAX_QUESTIONS: usize = 50;
pub const MAX_OPTIONS: usize = 20;
const QUESTION_TEXT_MAX: usize = 300;
const HINT_MAX: usize = 500;
const LABEL_MAX: usize = 150;
const ID_MAX: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    Rating,
    FreeText,
    Date,
    YesNo,
}

impl QuestionKind {
    pub const ALL: &'static [QuestionKind] = &[
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::Rating,
        QuestionKind::FreeText,
        QuestionKind::Date,
        QuestionKind::YesNo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::Rating => "rating",
            QuestionKind::FreeText => "free_text",
            QuestionKind::Date => "date",
            QuestionKind::YesNo => "yes_no",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "Single choice (choose one option)",
            QuestionKind::MultipleChoice => "Multiple choice (choose any options)",
            QuestionKind::Rating => "Rating scale",
            QuestionKind::FreeText => "Free text",
            QuestionKind::Date => "Date",
            QuestionKind::YesNo => "Yes or no",
        }
    }

    pub fn parse(raw: &str) -> Result<QuestionKind, ParseError> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == raw.trim())
            .ok_or_else(|| ParseError::new("Select the type of question"))
    }

    /// Whether answers are codes from a closed list (and so can be counted and used in
    /// conditions), rather than typed text or dates.
    pub fn is_closed(self) -> bool {
        !matches!(self, QuestionKind::FreeText | QuestionKind::Date)
    }
}

/// One option of a choice question: a stable code (kept in answers and exports) and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// A rating scale's range and the words at its two ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    #[serde(default)]
    pub min_label: String,
    #[serde(default)]
    pub max_label: String,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: 1,
            max: 5,
            min_label: "Very poor".into(),
            max_label: "Very good".into(),
        }
    }
}

/// Show a question only when an earlier question was given this answer code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
    pub kind: QuestionKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// Every question can be skipped unless the lead marks it required.
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// What a survey asks, in order. Stored as JSON beside the survey's title and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDefinition {
    #[serde(default)]
    pub description: String,
    /// One question per page (the NHS pattern), or small groups that break only where a
    /// question depends on an answer on the same page.
    #[serde(default = "yes")]
    pub one_per_page: bool,
    #[serde(default)]
    pub questions: Vec<Question>,
}

fn yes() -> bool {
    true
}

impl Default for SurveyDefinition {
    fn default() -> Self {
        SurveyDefinition {
            description: String::new(),
            one_per_page: true,
            questions: Vec::new(),
        }
    }
}

impl Question {
    /// The codes a closed question accepts, in display order.
    pub fn codes(&self) -> Vec<String> {
        match self.kind {
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                self.options.iter().map(|o| o.code.clone()).collect()
            }
            QuestionKind::YesNo => vec!["yes".into(), "no".into()],
            QuestionKind::Rating => {
                let s = self.scale.clone().unwrap_or_default();
                (s.min..=s.max).map(|v| v.to_string()).collect()
            }
            QuestionKind::FreeText | QuestionKind::Date => Vec::new(),
        }
    }

    /// How an answer code reads to people ("yes" → "Yes", "5" → "5 (Very good)").
    pub fn label_of(&self, code: &str) -> String {
        match self.kind {
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice => self
                .options
                .iter()
                .find(|o| o.code == code)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| code.to_string()),
            QuestionKind::YesNo => match code {
                "yes" => "Yes".into(),
                "no" => "No".into(),
                other => other.into(),
            },
            QuestionKind::Rating => {
                let s = self.scale.clone().unwrap_or_default();
                let end = if code == s.min.to_string() {
                    &s.min_label
                } else if code == s.max.to_string() {
                    &s.max_label
                } else {
                    return code.to_string();
                };
                if end.is_empty() {
                    code.to_string()
                } else {
                    format!("{code} ({end})")
                }
            }
            QuestionKind::Date => long_date(code).unwrap_or_else(|| code.to_string()),
            QuestionKind::FreeText => code.to_string(),
        }
    }

    /// Turns what was submitted for this question into stored answer values. Nothing
    /// submitted is fine unless the question is required. Dates arrive as `YYYY-MM-DD`
    /// (see [`date_from_parts`]).
    pub fn parse_answer(&self, submitted: &[String]) -> Result<Vec<String>, ParseError> {
        let values: Vec<&str> = submitted
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return if self.required {
                Err(ParseError::new(self.missing_message()))
            } else {
                Ok(Vec::new())
            };
        }
        match self.kind {
            QuestionKind::FreeText => {
                let text = submitted.concat();
                let text = text.trim();
                if text.chars().count() > FREE_TEXT_MAX {
                    return Err(ParseError::new(format!(
                        "Your answer must be {} characters or fewer",
                        thousands(FREE_TEXT_MAX)
                    )));
                }
                Ok(vec![text.to_string()])
            }
            QuestionKind::Date => {
                let v = values[0];
                if values.len() > 1 || !valid_iso_date(v) {
                    return Err(ParseError::new("Date must be a real date"));
                }
                Ok(vec![v.to_string()])
            }
            QuestionKind::MultipleChoice => {
                let codes = self.codes();
                let mut out: Vec<String> = Vec::new();
                for v in values {
                    if !codes.iter().any(|c| c == v) {
                        return Err(ParseError::new("Select options from the list"));
                    }
                    if !out.iter().any(|o| o == v) {
                        out.push(v.to_string());
                    }
                }
                // Stored in the question's order, so equal answers compare equal.
                out.sort_by_key(|v| codes.iter().position(|c| c == v));
                Ok(out)
            }
            QuestionKind::SingleChoice | QuestionKind::Rating | QuestionKind::YesNo => {
                if values.len() > 1 || !self.codes().iter().any(|c| c == values[0]) {
                    return Err(ParseError::new(match self.kind {
                        QuestionKind::Rating => "Select a rating from the scale",
                        QuestionKind::YesNo => "Select yes or no",
                        _ => "Select an option from the list",
                    }));
                }
                Ok(vec![values[0].to_string()])
            }
        }
    }

    fn missing_message(&self) -> &'static str {
        match self.kind {
            QuestionKind::SingleChoice => "Select an option",
            QuestionKind::MultipleChoice => "Select at least one option",
            QuestionKind::Rating => "Select a rating",
            QuestionKind::FreeText => "Enter your answer",
            QuestionKind::Date => "Enter a date",
            QuestionKind::YesNo => "Select yes or no",
        }
    }
}

impl SurveyDefinition {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Every problem with the definition, phrased for the lead; empty when it can be used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.questions.is_empty() {
            out.push("Add at least one question".to_string());
        }
        if self.questions.len() > MAX_QUESTIONS {
            out.push(format!("A survey can have up to {MAX_QUESTIONS} questions"));
        }
        for (i, q) in self.questions.iter().enumerate() {
            let name = format!("Question {}", i + 1);
            if !valid_id(&q.id) {
                out.push(format!("{name} has an identifier that is not usable ({:?}): use up to {ID_MAX} letters, numbers, dots, hyphens or underscores", q.id));
            }
            if self.questions[..i].iter().any(|p| p.id == q.id) {
                out.push(format!(
                    "{name} has the same identifier as an earlier question ({})",
                    q.id
                ));
            }
            check_text(
                &mut out,
                &format!("{name} text"),
                &q.text,
                QUESTION_TEXT_MAX,
                true,
            );
            check_text(&mut out, &format!("{name} hint"), &q.hint, HINT_MAX, false);
            match q.kind {
                QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
                    if q.options.len() < 2 {
                        out.push(format!("{name} needs at least 2 options"));
                    }
                    if q.options.len() > MAX_OPTIONS {
                        out.push(format!("{name} can have up to {MAX_OPTIONS} options"));
                    }
                    for (j, o) in q.options.iter().enumerate() {
                        check_text(
                            &mut out,
                            &format!("{name} option {}", j + 1),
                            &o.label,
                            LABEL_MAX,
                            true,
                        );
                        if !valid_id(&o.code) {
                            out.push(format!(
                                "{name} option {} has a code that is not usable ({:?})",
                                j + 1,
                                o.code
                            ));
                        }
                        if q.options[..j].iter().any(|p| p.code == o.code) {
                            out.push(format!("{name} has two options with the code {:?}", o.code));
                        }
                    }
                }
                QuestionKind::Rating => {
                    let s = q.scale.clone().unwrap_or_default();
                    if s.min < 0 || s.max > 10 || s.max - s.min < 1 {
                        out.push(format!("{name} needs a scale from 0 or more up to 10 or less, with at least two points"));
                    }
                    check_text(
                        &mut out,
                        &format!("{name} low end label"),
                        &s.min_label,
                        LABEL_MAX,
                        false,
                    );
                    check_text(
                        &mut out,
                        &format!("{name} high end label"),
                        &s.max_label,
                        LABEL_MAX,
                        false,
                    );
                }
                _ => {}
            }
            if let Some(c) = &q.show_if {
                match self.position(&c.question) {
                    Some(j) if j < i => {
                        let target = &self.questions[j];
                        if !target.kind.is_closed() {
                            out.push(format!("{name} depends on question {}, but only choice, rating and yes or no answers can decide whether a question is shown", j + 1));
                        } else if !target.codes().contains(&c.answer) {
                            out.push(format!(
                                "{name} depends on an answer question {} does not offer ({:?})",
                                j + 1,
                                c.answer
                            ));
                        }
                    }
                    Some(_) => out.push(format!(
                        "{name} can only depend on a question that comes before it"
                    )),
                    None => out.push(format!(
                        "{name} depends on a question that does not exist ({})",
                        c.question
                    )),
                }
            }
        }
        out
    }

    /// Whether the question at `index` is asked, given the answers so far: it has no
    /// condition, or the question it depends on was itself asked and given that answer.
    pub fn shown(&self, index: usize, answers: &Answers) -> bool {
        let Some(q) = self.questions.get(index) else {
            return false;
        };
        let Some(c) = &q.show_if else {
            return true;
        };
        match self.position(&c.question) {
            Some(j) if j < index => {
                self.shown(j, answers)
                    && answers
                        .get(&c.question)
                        .is_some_and(|v| v.iter().any(|a| a == &c.answer))
            }
            _ => false,
        }
    }

    /// The answers that still count: those to questions that are asked. Changing an answer
    /// can hide a later question; its old answer must not be kept or counted.
    pub fn prune(&self, answers: &Answers) -> Answers {
        let mut kept = Answers::new();
        for (i, q) in self.questions.iter().enumerate() {
            if let Some(v) = answers.get(&q.id) {
                if self.shown(i, &kept) && !v.is_empty() {
                    kept.insert(q.id.clone(), v.clone());
                }
            }
        }
        kept
    }

    /// The survey's pages as lists of question indexes. With grouping, a page ends before a
    /// question that depends on an answer on the same page (without JavaScript the page
    /// cannot react to that answer).
    pub fn pages(&self) -> Vec<Vec<usize>> {
        let mut pages: Vec<Vec<usize>> = Vec::new();
        for (i, q) in self.questions.iter().enumerate() {
            let depends_on_current = q.show_if.as_ref().is_some_and(|c| {
                pages
                    .last()
                    .is_some_and(|p| p.iter().any(|&j| self.questions[j].id == c.question))
            });
            match pages.last_mut() {
                Some(p) if !self.one_per_page && !depends_on_current => p.push(i),
                _ => pages.push(vec![i]),
            }
        }
        pages
    }

    /// The page (as indexes of asked questions) after page `after`, given the answers so far;
    /// pages whose questions are all hidden are passed over. `None` means the end.
    pub fn next_page(
        &self,
        after: Option<usize>,
        answers: &Answers,
    ) -> Option<(usize, Vec<usize>)> {
        let start = after.map_or(0, |p| p + 1);
        self.pages()
            .into_iter()
            .enumerate()
            .skip(start)
            .map(|(n, p)| {
                (
                    n,
                    p.into_iter()
                        .filter(|&i| self.shown(i, answers))
                        .collect::<Vec<_>>(),
                )
            })
            .find(|(_, p)| !p.is_empty())
    }

    /// The asked page before page `before`, for back links.
    pub fn previous_page(&self, before: usize, answers: &Answers) -> Option<usize> {
        let pages = self.pages();
        (0..before.min(pages.len()))
            .rev()
            .find(|&n| pages[n].iter().any(|&i| self.shown(i, answers)))
    }

    /// A fresh question identifier not yet used in this survey (`q1`, `q2`, …).
    pub fn next_id(&self) -> String {
        (1..)
            .map(|n| format!("q{n}"))
            .find(|id| self.position(id).is_none())
            .unwrap_or_else(|| "q".into())
    }
}

fn check_text(out: &mut Vec<String>, what: &str, text: &str, max: usize, required: bool) {
    if required && text.trim().is_empty() {
        out.push(format!("{what} is empty"));
    }
    if text.chars().count() > max {
        out.push(format!("{what} must be {max} characters or fewer"));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        out.push(format!("{what} must not contain control characters"));
    }
}

/// Question and option identifiers travel in URLs, form field names and FHIR `linkId`s.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A code for an option from its label ("Very good!" → "very-good"), unique among `taken`.
pub fn code_for(label: &str, taken: &[String]) -> String {
    let mut base: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base.truncate(40);
    let base = base.trim_end_matches('-').to_string();
    let base = if base.is_empty() {
        "option".to_string()
    } else {
        base
    };
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or(base)
}

/// The three boxes of the NHS date input as one `YYYY-MM-DD`, or why they are not a date.
/// All three empty is "no answer" (`Ok(None)`).
pub fn date_from_parts(day: &str, month: &str, year: &str) -> Result<Option<String>, ParseError> {
    let (d, m, y) = (day.trim(), month.trim(), year.trim());
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return Ok(None);
    }
    let missing: Vec<&str> = [("a day", d), ("a month", m), ("a year", y)]
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(w, _)| *w)
        .collect();
    if !missing.is_empty() {
        return Err(ParseError::new(format!(
            "Date must include {}",
            missing.join(" and ")
        )));
    }
    let num = |s: &str| s.parse::<u32>().ok();
    match (num(d), num(m), num(y)) {
        (Some(d), Some(m), Some(y))
            if y >= 1900 && days_in_month(y, m).is_some_and(|n| (1..=n).contains(&d)) =>
        {
            Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
        }
        (_, _, Some(y)) if y < 1000 => Err(ParseError::new("Year must include 4 numbers")),
        _ => Err(ParseError::new("Date must be a real date")),
    }
}

pub fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = matches!((year % 4, year % 100, year % 400), (0, 1.., _) | (_, _, 0));
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub fn valid_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (y, m, d) = (
        s[..4].parse::<u32>(),
        s[5..7].parse::<u32>(),
        s[8..].parse::<u32>(),
    );
    matches!((y, m, d), (Ok(y), Ok(m), Ok(d)) if y >= 1000 && days_in_month(y, m).is_some_and(|n| (1..=n).contains(&d)))
}

/// "2026-03-09" → "9 March 2026", the NHS style for dates in prose.
pub fn long_date(iso: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !valid_iso_date(iso) {
        return None;
    }
    let m: usize = iso[5..7].parse().ok()?;
    let d: u32 = iso[8..].parse().ok()?;
    Some(format!("{d} {} {}", MONTHS[m - 1], &iso[..4]))
}

fn thousands(n: usize) -> String {
    let digits: Vec<char> = n.to_string().chars().rev().collect();
    let groups: Vec<String> = digits
        .chunks(3)
        .map(|c| c.iter().rev().collect())
        .rev()
        .collect();
    groups.join(",")
}

#[cfg(test)]
pub(crate) mod tests;
