//! Correcting the record of a field conversation (Walk the Patch, outreach): a volunteer who
//! recorded the wrong stage of care, a typo or the wrong unit changes it; one entered by
//! mistake, twice, or withdrawn by the person is removed.
//!
//! Who may: the MNVP lead always, and the volunteer who recorded it while its session is still
//! open for corrections. A session stays open until the end of the day after it was held (or
//! after it was started, when it was typed up later), so notes can be tidied that evening or
//! the next morning; after that the record is settled and only the lead changes it.

use crate::role::Role;
use chrono::NaiveDate;

vocabulary!(
    /// Why a conversation is removed: kept with the audit entry, and a withdrawal also counts
    /// the person as having declined, so the session still says how many were approached.
    RemovalReason, "why you are removing this conversation" {
        Mistake => ("mistake", "It was entered by mistake"),
        Withdrew => ("withdrew", "The person withdrew their feedback"),
        Duplicate => ("duplicate", "It is a duplicate of another conversation"),
    }
);

/// The last day a session's volunteers may correct what they recorded: the day after it was
/// held, or after it was started if that was later (a session typed up from paper notes).
pub fn open_until(held_on: NaiveDate, started_on: NaiveDate) -> NaiveDate {
    held_on.max(started_on) + chrono::Duration::days(1)
}

/// Why someone may not change or remove a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Neither the MNVP lead nor the volunteer who recorded it.
    NotTheRecorder,
    /// The volunteer who recorded it, after the session closed for corrections.
    SessionClosed,
}

/// Whether `role` may change or remove a conversation of its MNVP: the lead always; a
/// volunteer only one they recorded, until `open_until` (inclusive) has passed.
pub fn may_correct(
    role: Role,
    recorded_it: bool,
    today: NaiveDate,
    open_until: NaiveDate,
) -> Result<(), Refusal> {
    match role {
        Role::MnvpLead => Ok(()),
        Role::Volunteer if !recorded_it => Err(Refusal::NotTheRecorder),
        Role::Volunteer if today > open_until => Err(Refusal::SessionClosed),
        Role::Volunteer => Ok(()),
        _ => Err(Refusal::NotTheRecorder),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_session_is_open_until_the_day_after_it_was_held_or_started() {
        assert_eq!(
            open_until(d("2026-03-14"), d("2026-03-14")),
            d("2026-03-15")
        );
        // Typed up a week later from paper notes: open from when it was started.
        assert_eq!(
            open_until(d("2026-03-14"), d("2026-03-21")),
            d("2026-03-22")
        );
        // Planned ahead: open until the day after it is held.
        assert_eq!(
            open_until(d("2026-03-20"), d("2026-03-10")),
            d("2026-03-21")
        );
        assert_eq!(
            open_until(d("2026-12-31"), d("2026-12-31")),
            d("2027-01-01")
        );
    }

    #[test]
    fn the_lead_always_and_the_recorder_while_open() {
        let until = d("2026-03-15");
        for today in [d("2026-03-14"), d("2026-03-15"), d("2027-01-01")] {
            assert_eq!(may_correct(Role::MnvpLead, false, today, until), Ok(()));
        }
        assert_eq!(
            may_correct(Role::Volunteer, true, d("2026-03-15"), until),
            Ok(())
        );
        assert_eq!(
            may_correct(Role::Volunteer, true, d("2026-03-16"), until),
            Err(Refusal::SessionClosed)
        );
        assert_eq!(
            may_correct(Role::Volunteer, false, d("2026-03-14"), until),
            Err(Refusal::NotTheRecorder)
        );
        for role in [Role::TrustStaff, Role::Commissioner, Role::Administrator] {
            assert_eq!(
                may_correct(role, true, d("2026-03-14"), until),
                Err(Refusal::NotTheRecorder)
            );
        }
    }

    #[test]
    fn reasons_round_trip_and_refuse_anything_else() {
        for r in RemovalReason::ALL {
            assert_eq!(RemovalReason::parse(r.as_str()), Ok(*r));
            assert!(!r.label().is_empty());
        }
        for bad in ["", "other", "MISTAKE"] {
            assert_eq!(
                RemovalReason::parse(bad).unwrap_err().0,
                "Select why you are removing this conversation"
            );
        }
    }
}
