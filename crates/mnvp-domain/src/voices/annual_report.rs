//! The Addressing Inequalities annual report (seed 003, the London MVP Strategic Group's
//! template): "We have…" six lines, each Yes / No / Working on it with notes, links or
//! achievements, and "What has been improved?". MNVP Hub pre-fills it from the year's data;
//! the lead edits and saves it, and prints or exports it.

use crate::ParseError;
use serde::Serialize;

vocabulary!(
    /// The template's lines, in its order.
    Line, "a line of the report" {
        InequalitiesGroup => ("inequalities_group", "An Addressing Inequalities group"),
        CommunityLinks => ("community_links", "Links with key community and special interest organisations"),
        ClinicalLinks => ("clinical_links", "Involvement &/or links with key clinical providers & public health"),
        IssuesRaised => ("issues_raised", "Issues raised and/or addressed"),
        StandingItem => ("standing_item", "Regular updates as a standing item"),
        OtherActivities => ("other_activities", "Other activities to report"),
    }
);

vocabulary!(
    /// The template's three columns.
    Answer, "Yes, No or Working on it" {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        WorkingOnIt => ("working_on_it", "Working on it"),
    }
);

/// Longest notes kept per line (about a page).
pub const MAX_NOTES: usize = 4000;

/// A reporting year, April to March: 2026 is "2026/27".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Year(pub i32);

impl Year {
    /// "2026/27", "2026-27" or "2026".
    pub fn parse(raw: &str) -> Result<Year, ParseError> {
        let bad = || ParseError::new("Enter a year like 2026/27");
        let raw = raw.trim();
        let first = raw.split(['/', '-']).next().unwrap_or("");
        let y: i32 = first.parse().map_err(|_| bad())?;
        if !(2000..=2100).contains(&y) {
            return Err(bad());
        }
        if let Some((_, second)) = raw.split_once(['/', '-']) {
            let s: i32 = second.parse().map_err(|_| bad())?;
            if s != (y + 1) % 100 && s != y + 1 {
                return Err(bad());
            }
        }
        Ok(Year(y))
    }

    /// The year containing a date (`YYYY-MM-DD`).
    pub fn of_date(date: &str) -> Year {
        let y: i32 = date.get(0..4).and_then(|s| s.parse().ok()).unwrap_or(2000);
        let m: i32 = date.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
        Year(if m >= 4 { y } else { y - 1 })
    }

    pub fn label(self) -> String {
        format!("{}/{:02}", self.0, (self.0 + 1) % 100)
    }

    pub fn first_day(self) -> String {
        format!("{}-04-01", self.0)
    }

    pub fn last_day(self) -> String {
        format!("{}-03-31", self.0 + 1)
    }
}

/// One line as answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub line: Line,
    pub answer: Option<Answer>,
    pub notes: String,
}

/// The whole report for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub year: Year,
    pub entries: Vec<Entry>,
    pub improved: String,
}

/// What the year's data says, for pre-filling.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    pub feedback_items: i64,
    pub with_demographics: i64,
    /// Labels of groups flagged under-heard this year (e.g. "Black … (ratio 0.40)").
    pub under_heard: Vec<String>,
    /// Areas with births but no feedback or outreach.
    pub unreached_areas: Vec<String>,
    pub outreach_sessions: i64,
    /// Partner organisations named on outreach sessions this year.
    pub partners: Vec<String>,
    pub neonatal_items: i64,
    pub bereavement_items: i64,
    /// Groups whose share of feedback rose against last year: (label, last year, this year).
    pub improved: Vec<(String, f64, f64)>,
    /// Whether outreach tallies are recorded in this instance at all.
    pub outreach_available: bool,
}

fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Suggested answers and notes from the evidence; the lead confirms or changes them. Lines
/// the data cannot speak to (a sub-group, a standing agenda item, clinical links) are left
/// unanswered for the lead.
pub fn prefill(year: Year, e: &Evidence) -> Report {
    let mut entries: Vec<Entry> = Line::ALL
        .iter()
        .map(|line| Entry {
            line: *line,
            answer: None,
            notes: String::new(),
        })
        .collect();
    let set = |entries: &mut Vec<Entry>, line: Line, answer: Option<Answer>, notes: String| {
        if let Some(entry) = entries.iter_mut().find(|x| x.line == line) {
            entry.answer = answer;
            entry.notes = notes;
        }
    };
    let links = if !e.outreach_available {
        (None, "Outreach sessions are not recorded in MNVP Hub yet; add your links with community organisations here.".to_string())
    } else if e.partners.is_empty() {
        (
            Some(Answer::WorkingOnIt),
            format!(
                "{} outreach sessions this year, none yet with a named community partner.",
                e.outreach_sessions
            ),
        )
    } else {
        (
            Some(Answer::Yes),
            format!(
                "{} outreach sessions this year, with {}.",
                e.outreach_sessions,
                e.partners.join(", ")
            ),
        )
    };
    set(&mut entries, Line::CommunityLinks, links.0, links.1);
    let mut issues = Vec::new();
    if !e.under_heard.is_empty() {
        issues.push(format!(
            "Groups under-heard against the local birthing population: {}.",
            e.under_heard.join("; ")
        ));
    }
    if !e.unreached_areas.is_empty() {
        issues.push(format!(
            "Areas with births but no feedback or outreach: {}.",
            e.unreached_areas.join(", ")
        ));
    }
    let answer = if issues.is_empty() {
        None
    } else {
        Some(Answer::WorkingOnIt)
    };
    set(&mut entries, Line::IssuesRaised, answer, issues.join(" "));
    set(
        &mut entries,
        Line::OtherActivities,
        (e.feedback_items > 0).then_some(Answer::Yes),
        format!(
            "{} pieces of feedback heard this year, {} with equality monitoring answers; {} from families in neonatal care and {} from bereaved families.",
            e.feedback_items, e.with_demographics, e.neonatal_items, e.bereavement_items
        ),
    );
    let improved = e
        .improved
        .iter()
        .map(|(label, before, after)| {
            format!(
                "{label}: {} of feedback last year, {} this year.",
                percent(*before),
                percent(*after)
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    Report {
        year,
        entries,
        improved,
    }
}

/// The report as Markdown, for pasting into an annual report or sending on.
pub fn to_markdown(r: &Report, mnvp: &str) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace(['\r', '\n'], " ");
    let mut out = format!(
        "# Annual Report from the Addressing Inequalities sub-group of {mnvp}\n\n\
         In the year {} {mnvp} has taken an active part in promoting public health and reducing health inequalities.\n\n\
         | We have… | Yes | No | Working on it | Notes, links, achievements |\n|---|---|---|---|---|\n",
        r.year.label(),
        mnvp = cell(mnvp)
    );
    for e in &r.entries {
        let mark = |a: Answer| if e.answer == Some(a) { "✓" } else { "" };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            e.line.label(),
            mark(Answer::Yes),
            mark(Answer::No),
            mark(Answer::WorkingOnIt),
            cell(&e.notes)
        ));
    }
    out.push_str(&format!(
        "\n## What has been improved?\n\n{}\n",
        r.improved.trim()
    ));
    out
}

/// Checks a submitted report: each answer one of the three (or none), notes within length.
/// Returns the field name and message of each problem.
pub fn check(
    year: Year,
    answers: &[(Line, &str, &str)],
    improved: &str,
) -> Result<Report, Vec<(String, ParseError)>> {
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    for (line, answer, notes) in answers {
        let answer = match answer.trim() {
            "" => None,
            a => match Answer::parse(a) {
                Ok(a) => Some(a),
                Err(e) => {
                    errors.push((format!("{}_answer", line.as_str()), e));
                    None
                }
            },
        };
        if notes.chars().count() > MAX_NOTES {
            errors.push((
                format!("{}_notes", line.as_str()),
                ParseError::new(format!("Notes must be {MAX_NOTES} characters or fewer")),
            ));
        }
        entries.push(Entry {
            line: *line,
            answer,
            notes: notes.trim().to_string(),
        });
    }
    if improved.chars().count() > MAX_NOTES {
        errors.push((
            "improved".into(),
            ParseError::new(format!("This must be {MAX_NOTES} characters or fewer")),
        ));
    }
    if errors.is_empty() {
        Ok(Report {
            year,
            entries,
            improved: improved.trim().to_string(),
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_run_april_to_march() {
        assert_eq!(Year::parse("2026/27").unwrap(), Year(2026));
        assert_eq!(Year::parse("2026-2027").unwrap(), Year(2026));
        assert!(Year::parse("2026/28").is_err());
        assert!(Year::parse("twenty").is_err());
        assert_eq!(Year::of_date("2027-03-31"), Year(2026));
        assert_eq!(Year::of_date("2027-04-01"), Year(2027));
        assert_eq!(
            (Year(2026).first_day(), Year(2026).last_day()),
            ("2026-04-01".into(), "2027-03-31".into())
        );
    }

    #[test]
    fn prefill_speaks_only_where_the_data_can() {
        let e = Evidence {
            feedback_items: 380,
            with_demographics: 240,
            under_heard: vec!["Black, Black British, Caribbean or African (ratio 0.31)".into()],
            unreached_areas: vec!["RV7".into()],
            neonatal_items: 12,
            ..Default::default()
        };
        let r = prefill(Year(2026), &e);
        let of = |l: Line| r.entries.iter().find(|x| x.line == l).unwrap();
        assert_eq!(of(Line::InequalitiesGroup).answer, None);
        assert_eq!(of(Line::IssuesRaised).answer, Some(Answer::WorkingOnIt));
        assert!(of(Line::IssuesRaised).notes.contains("RV7"));
        assert!(of(Line::CommunityLinks).notes.contains("not recorded"));
        let md = to_markdown(&r, "Riverside | MNVP");
        assert!(md.contains("In the year 2026/27 Riverside \\| MNVP"));
        assert!(md.contains("| Issues raised and/or addressed |  |  | ✓ |"));
    }

    #[test]
    fn checks_answers_and_lengths() {
        let long = "x".repeat(MAX_NOTES + 1);
        let errs = check(
            Year(2026),
            &[
                (Line::InequalitiesGroup, "maybe", ""),
                (Line::CommunityLinks, "yes", &long),
            ],
            "",
        )
        .unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["inequalities_group_answer", "community_links_notes"]
        );
        let ok = check(
            Year(2026),
            &[(Line::StandingItem, "working_on_it", " Monthly ")],
            "More Black women heard",
        )
        .unwrap();
        assert_eq!(ok.entries[0].answer, Some(Answer::WorkingOnIt));
        assert_eq!(ok.entries[0].notes, "Monthly");
    }
}
