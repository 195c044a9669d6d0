//! Field work: the listening an MNVP team does in person (guidance 2.7–2.12) — Walk the
//! Patch on the unit, Fifteen Steps visits, outreach sessions in the community — and the
//! intelligence it gathers second-hand (social media, neonatal Parent Advisory Groups).
//! Everything said lands in the one feedback store; the sessions themselves are kept beside
//! it so that who was approached, where, and with whom can be reported.

pub mod conversation;
pub mod corrections;
pub mod fifteen_steps;
pub mod intelligence;
pub mod outreach;
pub mod walk_the_patch;

use crate::ParseError;
use serde::Serialize;

/// Longest free-text answer kept from one conversation or observation: room for a full
/// account, short enough that a pasted document is refused rather than stored.
pub const TEXT_MAX: usize = 2000;

/// A calendar date as stored (`YYYY-MM-DD`), known to be real (no 31 June).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Day(String);

impl Day {
    /// From the three boxes of the NHS date input. `what` names the date in messages
    /// ("the date of the session").
    pub fn from_parts(what: &str, day: &str, month: &str, year: &str) -> Result<Day, ParseError> {
        let (d, m, y) = (day.trim(), month.trim(), year.trim());
        if d.is_empty() && m.is_empty() && y.is_empty() {
            return Err(ParseError::new(format!("Enter {what}")));
        }
        let missing: Vec<&str> = [("a day", d), ("a month", m), ("a year", y)]
            .iter()
            .filter(|(_, v)| v.is_empty())
            .map(|(n, _)| *n)
            .collect();
        if !missing.is_empty() {
            return Err(ParseError::new(format!(
                "{} must include {}",
                capitalised(what),
                missing.join(" and ")
            )));
        }
        let real = || ParseError::new(format!("{} must be a real date", capitalised(what)));
        let parse = |s: &str| -> Result<u32, ParseError> {
            if s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(real());
            }
            s.parse::<u32>().map_err(|_| real())
        };
        let (d, m, y) = (parse(d)?, parse(m)?, parse(y)?);
        if !(2000..=2100).contains(&y) {
            return Err(ParseError::new(format!(
                "{} must be a year between 2000 and 2100, like 2026",
                capitalised(what)
            )));
        }
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return Err(real());
        }
        Ok(Day(format!("{y:04}-{m:02}-{d:02}")))
    }

    /// From the stored form, or an API's `YYYY-MM-DD`.
    pub fn parse(what: &str, raw: &str) -> Result<Day, ParseError> {
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split('-').collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                Day::from_parts(what, d, m, y)
            }
            _ if raw.is_empty() => Err(ParseError::new(format!("Enter {what}"))),
            _ => Err(ParseError::new(format!(
                "{} must be a real date, like 2026-11-23",
                capitalised(what)
            ))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// (day, month, year) as the date input shows them, without leading zeros.
    pub fn parts(&self) -> (String, String, String) {
        let p: Vec<&str> = self.0.split('-').collect();
        let trim = |s: &str| s.trim_start_matches('0').to_string();
        (trim(p[2]), trim(p[1]), p[0].to_string())
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Optional free text: trimmed, `None` when blank, refused when longer than `max` characters
/// or when it carries control characters other than line breaks and tabs.
pub fn optional_text(what: &str, raw: &str, max: usize) -> Result<Option<String>, ParseError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let n = t.chars().count();
    if n > max {
        return Err(ParseError::new(format!(
            "{} must be {max} characters or fewer (it is {n})",
            capitalised(what)
        )));
    }
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(ParseError::new(format!(
            "{} must not contain control characters",
            capitalised(what)
        )));
    }
    Ok(Some(t.replace("\r\n", "\n")))
}

/// Required free text: as [`optional_text`], but blank is refused with "Enter {what}".
pub fn required_text(what: &str, raw: &str, max: usize) -> Result<String, ParseError> {
    optional_text(what, raw, max)?.ok_or_else(|| ParseError::new(format!("Enter {what}")))
}

/// Largest count accepted in one box: far above any session, low enough to catch a typo
/// such as a pasted phone number.
pub const COUNT_MAX: i64 = 10_000;

/// An optional whole number of people: blank is `None` (not counted), which is different
/// from 0 (counted, none).
pub fn optional_count(what: &str, raw: &str) -> Result<Option<i64>, ParseError> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || {
        ParseError::new(format!(
            "{} must be a whole number, like 12",
            capitalised(what)
        ))
    };
    if !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 6 {
        return Err(bad());
    }
    let n: i64 = t.parse().map_err(|_| bad())?;
    if n > COUNT_MAX {
        return Err(ParseError::new(format!(
            "{} must be {COUNT_MAX} or fewer",
            capitalised(what)
        )));
    }
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_are_real_and_messages_say_what_is_missing() {
        assert_eq!(
            Day::from_parts("the date", "3", "2", "2026")
                .unwrap()
                .as_str(),
            "2026-02-03"
        );
        assert_eq!(
            Day::from_parts("the date", "29", "2", "2028")
                .unwrap()
                .as_str(),
            "2028-02-29"
        );
        assert_eq!(
            Day::from_parts("the date", "29", "2", "2026")
                .unwrap_err()
                .0,
            "The date must be a real date"
        );
        assert_eq!(
            Day::from_parts("the date of the visit", "", "", "")
                .unwrap_err()
                .0,
            "Enter the date of the visit"
        );
        assert_eq!(
            Day::from_parts("the date", "4", "", "").unwrap_err().0,
            "The date must include a month and a year"
        );
        assert!(Day::from_parts("the date", "31", "6", "2026").is_err());
        assert!(Day::from_parts("the date", "x", "6", "2026").is_err());
        assert!(Day::from_parts("the date", "1", "1", "1999").is_err());
        assert_eq!(
            Day::parse("the date", "2026-11-23").unwrap().parts(),
            ("23".into(), "11".into(), "2026".into())
        );
        assert!(Day::parse("the date", "23/11/2026").is_err());
    }

    #[test]
    fn text_is_trimmed_bounded_and_blank_is_none() {
        assert_eq!(optional_text("a note", "  ", 10).unwrap(), None);
        assert_eq!(
            optional_text("a note", " hi\r\nthere ", 10).unwrap(),
            Some("hi\nthere".into())
        );
        assert_eq!(
            optional_text("a note", "12345678901", 10).unwrap_err().0,
            "A note must be 10 characters or fewer (it is 11)"
        );
        assert!(optional_text("a note", "bell\u{7}", 10).is_err());
        assert_eq!(
            required_text("a note", "", 10).unwrap_err().0,
            "Enter a note"
        );
    }

    #[test]
    fn counts_distinguish_blank_from_zero() {
        assert_eq!(optional_count("people", "").unwrap(), None);
        assert_eq!(optional_count("people", "0").unwrap(), Some(0));
        assert_eq!(optional_count("people", " 12 ").unwrap(), Some(12));
        assert!(optional_count("people", "-1").is_err());
        assert!(optional_count("people", "1.5").is_err());
        assert!(optional_count("people", "07700900123").is_err());
        assert!(optional_count("people", "10001").is_err());
    }

    proptest! {
        /// Every accepted date round-trips through its parts, and nothing panics.
        #[test]
        fn accepted_dates_round_trip(d in "[0-9]{0,3}", m in "[0-9]{0,3}", y in "[0-9]{0,5}") {
            if let Ok(day) = Day::from_parts("the date", &d, &m, &y) {
                let (d2, m2, y2) = day.parts();
                prop_assert_eq!(Day::from_parts("the date", &d2, &m2, &y2).unwrap(), day.clone());
                prop_assert_eq!(Day::parse("the date", day.as_str()).unwrap(), day);
            }
        }
    }
}
