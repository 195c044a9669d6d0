//! Reading what people type into the public form. Every function returns `Ok(None)` for an
//! empty answer (every question can be skipped) and an [`InputError`] that the web layer turns
//! into a message in the person's language, so no English wording is baked in here.

use serde::{Deserialize, Serialize};

/// Why an answer could not be accepted. Each variant is one message in the form's language
/// files (`error-…`), with the numbers it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum InputError {
    /// A free-text answer longer than the limit; `count` is what was typed.
    TooLong {
        max: usize,
        count: usize,
    },
    MonthMissing,
    YearMissing,
    MonthInvalid,
    YearInvalid,
    /// A month and year after this month.
    InFuture,
    /// A choice that is not one of the options offered (a forged or stale form).
    InvalidChoice,
    PostcodeInvalid,
}

impl InputError {
    /// The message id in the language files.
    pub fn message_id(self) -> &'static str {
        match self {
            InputError::TooLong { .. } => "error-too-long",
            InputError::MonthMissing => "error-month-missing",
            InputError::YearMissing => "error-year-missing",
            InputError::MonthInvalid => "error-month-invalid",
            InputError::YearInvalid => "error-year-invalid",
            InputError::InFuture => "error-in-future",
            InputError::InvalidChoice => "error-invalid-choice",
            InputError::PostcodeInvalid => "error-postcode-invalid",
        }
    }
}

/// Longest free-text answer, in characters. Long enough for a whole story (bereaved parents
/// often write at length), short enough that one answer cannot be used to flood the store.
pub const MAX_TEXT: usize = 5_000;

/// A free-text answer: line endings made uniform, control characters (other than new lines
/// and tabs) removed, surrounding space trimmed. Over-long text is refused, never cut, so
/// nothing the person wrote is silently lost.
pub fn free_text(raw: &str) -> Result<String, InputError> {
    let cleaned: String = raw
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let text = cleaned.trim().to_string();
    let count = text.chars().count();
    if count > MAX_TEXT {
        return Err(InputError::TooLong {
            max: MAX_TEXT,
            count,
        });
    }
    Ok(text)
}

/// Digits typed on Arabic, Urdu, Persian, Bengali or Hindi keyboards, read as the ASCII digits
/// they mean, so "۲۰۲۶" is accepted as a year just like "2026".
pub fn ascii_digits(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            let zero = match c {
                '\u{0660}'..='\u{0669}' => 0x0660,
                '\u{06F0}'..='\u{06F9}' => 0x06F0,
                '\u{0966}'..='\u{096F}' => 0x0966,
                '\u{09E6}'..='\u{09EF}' => 0x09E6,
                '\u{FF10}'..='\u{FF19}' => 0xFF10,
                _ => return c,
            };
            char::from(b'0' + (c as u32 - zero) as u8)
        })
        .collect()
}

/// The month in which the care happened ("when"); a month and year is as much as people are
/// asked, and as much as trends need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CareMonth {
    pub year: i32,
    pub month: u32,
}

/// Earliest year accepted: care further back than this is almost certainly a typing slip.
const EARLIEST_YEAR: i32 = 1950;

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(raw: &str) -> Option<u32> {
    if let Ok(n) = raw.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    // The NHS pattern also accepts English month names, in full or as three letters.
    let lower = raw.to_lowercase();
    MONTH_NAMES
        .iter()
        .position(|m| *m == lower || (lower.len() >= 3 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

impl CareMonth {
    /// Reads a month and year; both empty means skipped. `today` is (year, month) so that a
    /// month in the future can be refused without this crate reading the clock.
    pub fn parse(
        month: &str,
        year: &str,
        today: (i32, u32),
    ) -> Result<Option<CareMonth>, InputError> {
        let month = ascii_digits(month.trim());
        let year = ascii_digits(year.trim());
        match (month.is_empty(), year.is_empty()) {
            (true, true) => return Ok(None),
            (true, false) => return Err(InputError::MonthMissing),
            (false, true) => return Err(InputError::YearMissing),
            (false, false) => {}
        }
        let m = month_number(&month).ok_or(InputError::MonthInvalid)?;
        let y: i32 = if year.len() == 4 {
            year.parse().map_err(|_| InputError::YearInvalid)?
        } else {
            return Err(InputError::YearInvalid);
        };
        if y < EARLIEST_YEAR {
            return Err(InputError::YearInvalid);
        }
        let when = CareMonth { year: y, month: m };
        if (y, m) > today {
            return Err(InputError::InFuture);
        }
        Ok(Some(when))
    }

    /// "2026-03", as stored.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// The overall rating, 1 (very poor) to 5 (very good), as the Friends and Family Test asks it.
pub fn rating(raw: &str) -> Result<Option<u8>, InputError> {
    let raw = ascii_digits(raw.trim());
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(Some(n)),
        _ => Err(InputError::InvalidChoice),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TODAY: (i32, u32) = (2026, 11);

    #[test]
    fn months_are_read_like_the_nhs_pattern_says() {
        let p = |m, y| CareMonth::parse(m, y, TODAY);
        assert_eq!(p("", ""), Ok(None));
        assert_eq!(
            p("3", "2026"),
            Ok(Some(CareMonth {
                year: 2026,
                month: 3
            }))
        );
        assert_eq!(p(" 03 ", "2026").unwrap().unwrap().code(), "2026-03");
        assert_eq!(p("March", "2025").unwrap().unwrap().month, 3);
        assert_eq!(p("sep", "2025").unwrap().unwrap().month, 9);
        assert_eq!(p("۳", "۲۰۲۶").unwrap().unwrap().code(), "2026-03");
        assert_eq!(p("৩", "২০২৬").unwrap().unwrap().code(), "2026-03");
        assert_eq!(p("", "2026"), Err(InputError::MonthMissing));
        assert_eq!(p("3", ""), Err(InputError::YearMissing));
        assert_eq!(p("13", "2026"), Err(InputError::MonthInvalid));
        assert_eq!(p("0", "2026"), Err(InputError::MonthInvalid));
        assert_eq!(p("ma", "2026"), Err(InputError::MonthInvalid));
        assert_eq!(p("3", "26"), Err(InputError::YearInvalid));
        assert_eq!(p("3", "1850"), Err(InputError::YearInvalid));
        assert_eq!(p("12", "2026"), Err(InputError::InFuture));
        assert_eq!(p("11", "2026").unwrap().unwrap().code(), "2026-11");
    }

    #[test]
    fn text_is_cleaned_and_never_cut() {
        assert_eq!(
            free_text("  hello\r\nthere \u{7} ").unwrap(),
            "hello\nthere"
        );
        assert_eq!(free_text("").unwrap(), "");
        let long = "é".repeat(MAX_TEXT + 1);
        assert_eq!(
            free_text(&long),
            Err(InputError::TooLong {
                max: MAX_TEXT,
                count: MAX_TEXT + 1
            })
        );
        assert!(free_text(&"x".repeat(MAX_TEXT)).is_ok());
    }

    #[test]
    fn ratings_are_one_to_five() {
        assert_eq!(rating(""), Ok(None));
        assert_eq!(rating("5"), Ok(Some(5)));
        for bad in ["0", "6", "x", "-1", "2.5"] {
            assert_eq!(rating(bad), Err(InputError::InvalidChoice), "{bad}");
        }
    }

    proptest! {
        /// Any month and year up to this month is read back exactly, whatever the padding.
        #[test]
        fn any_past_month_round_trips(y in 1950i32..=2026, m in 1u32..=12, pad in any::<bool>()) {
            prop_assume!((y, m) <= TODAY);
            let month = if pad { format!(" {m:02} ") } else { m.to_string() };
            let got = CareMonth::parse(&month, &y.to_string(), TODAY).unwrap().unwrap();
            prop_assert_eq!(got, CareMonth { year: y, month: m });
        }

        /// Cleaning never lengthens text and never leaves control characters but new lines and tabs.
        #[test]
        fn cleaned_text_is_safe(s in "\\PC{0,200}") {
            if let Ok(t) = free_text(&s) {
                prop_assert!(t.chars().count() <= s.chars().count());
                prop_assert!(t.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
            }
        }
    }
}
