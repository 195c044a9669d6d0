//! Dates of birth.
//!
//! Only dates that the text says are a birth date are redacted ("DOB 12/03/1990", "born
//! on 3rd March 2021", "my birthday is 17th August 1990"): ordinary dates ("on 12 March my
//! appointment was cancelled") are what make feedback actionable, and they identify no one.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let numeric = r"\b[0-3]?[0-9][/.\-][01]?[0-9][/.\-](?:19|20)?[0-9]{2}\b";
    let day_month = format!(
        r"\b[0-3]?[0-9](?:st|nd|rd|th)?(?:\s+of)?\s+{MONTHS}\b\.?(?:,?\s+(?:19|20)[0-9]{{2}}\b)?"
    );
    let month_day =
        format!(r"\b{MONTHS}\.?\s+[0-3]?[0-9](?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)[0-9]{{2}}\b)?");
    Regex::new(&format!("(?i){numeric}|{day_month}|{month_day}")).ok()
});

static CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:d\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|born|birthday|b\.?day)",
    )
    .ok()
});

/// What may stand between a cue and its date: only linking words ("born on the",
/// "DOB is:", "date of birth was"). Anything else, a name or another entity, breaks the
/// link, which also keeps redaction idempotent (no distance changes when a name between
/// them becomes "[NAME]").
static GAP: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s:,=\-]*(?:(?:is|was|on|the|of|as|be|being|were)\b[\s:,=\-]*){0,4}$").ok()
});

/// Byte spans of dates given as a date of birth.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    let (Some(date), Some(cue), Some(gap_re)) = (DATE.as_ref(), CUE.as_ref(), GAP.as_ref()) else {
        return Vec::new();
    };
    let cues: Vec<usize> = cue.find_iter(text).map(|m| m.end()).collect();
    date.find_iter(text)
        .filter(|m| {
            cues.iter().any(|&c| {
                c <= m.start()
                    && text
                        .get(c..m.start())
                        .is_some_and(|gap| gap_re.is_match(gap))
            })
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::spans_text(text, find(text))
    }

    #[test]
    fn redacts_dates_introduced_as_birth_dates() {
        assert_eq!(found("DOB 12/03/1990 thanks"), ["12/03/1990"]);
        assert_eq!(found("D.O.B 1/2/97."), ["1/2/97"]);
        assert_eq!(found("born on 3rd March 2021, she"), ["3rd March 2021"]);
        assert_eq!(
            found("my birthday is 17th August 1990"),
            ["17th August 1990"]
        );
        assert_eq!(found("date of birth 22.11.1994"), ["22.11.1994"]);
    }

    #[test]
    fn keeps_ordinary_dates() {
        assert!(found("On 12 March my appointment was cancelled").is_empty());
        assert!(found("due date was 20/10/2023").is_empty());
        assert!(found("She was born. On 12 March we went home").is_empty());
        assert!(found("DOB Sarah Acacia 12/03/1990").is_empty());
    }
}
