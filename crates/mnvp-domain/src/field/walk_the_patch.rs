//! Walk the Patch (guidance 2.8): a snapshot of women's and birthing people's experience on
//! the unit on one day. A session records who walked, and counts everyone approached — those
//! who talked (each a conversation), those who declined and those for whom it was not a good
//! time — so the snapshot says how many voices it stands for.

use super::{required_text, Day};
use crate::ParseError;

vocabulary!(
    /// Someone approached who did not give feedback.
    TallyKind, "what happened" {
        Declined => ("declined", "Declined to take part"),
        NotNow => ("not_now", "Not a good time"),
    }
);

/// The longest list of people walking the patch.
pub const VOLUNTEERS_MAX: usize = 500;

/// A session as planned on the form: the unit is checked against the MNVP's units by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPlan {
    pub held_on: Day,
    pub volunteers: String,
}

/// Raw session fields.
#[derive(Debug, Clone, Default)]
pub struct RawSessionPlan<'a> {
    pub day: &'a str,
    pub month: &'a str,
    pub year: &'a str,
    pub volunteers: &'a str,
}

impl SessionPlan {
    pub fn parse(raw: &RawSessionPlan<'_>) -> Result<SessionPlan, Vec<(&'static str, ParseError)>> {
        let held_on = Day::from_parts("the date of the session", raw.day, raw.month, raw.year);
        let volunteers = required_text("who is walking the patch", raw.volunteers, VOLUNTEERS_MAX);
        match (held_on, volunteers) {
            (Ok(held_on), Ok(volunteers)) => Ok(SessionPlan {
                held_on,
                volunteers,
            }),
            (h, v) => Err([("held_on", h.err()), ("volunteers", v.err())]
                .into_iter()
                .filter_map(|(f, e)| e.map(|e| (f, e)))
                .collect()),
        }
    }
}

/// A tally correction: +1 records someone, −1 takes back a mistaken tap.
pub fn parse_delta(raw: i64) -> Result<i64, ParseError> {
    match raw {
        1 | -1 => Ok(raw),
        _ => Err(ParseError::new("A tally changes by 1 or -1")),
    }
}

/// The session's counts: everyone approached is someone who talked, declined or could not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub conversations: i64,
    pub declined: i64,
    pub not_now: i64,
}

impl Counts {
    pub fn approached(&self) -> i64 {
        self.conversations + self.declined + self.not_now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_needs_a_real_date_and_who_is_walking() {
        let ok = SessionPlan::parse(&RawSessionPlan {
            day: "5",
            month: "3",
            year: "2026",
            volunteers: " Priya, Grace ",
        })
        .unwrap();
        assert_eq!(ok.held_on.as_str(), "2026-03-05");
        assert_eq!(ok.volunteers, "Priya, Grace");
        let errs = SessionPlan::parse(&RawSessionPlan::default()).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["held_on", "volunteers"]);
    }

    #[test]
    fn approached_counts_everyone() {
        let c = Counts {
            conversations: 9,
            declined: 3,
            not_now: 2,
        };
        assert_eq!(c.approached(), 14);
        assert!(parse_delta(2).is_err());
        assert_eq!(TallyKind::parse("declined").unwrap(), TallyKind::Declined);
    }
}
