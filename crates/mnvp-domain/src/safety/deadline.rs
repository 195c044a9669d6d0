//! Deadlines in working days. A lead is not expected to review a case at the weekend, so a
//! case flagged on Friday evening is due by the end of Monday rather than on Saturday.
//! Bank holidays are not known to the system; leads set the procedure's days with that in mind.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};

fn is_working_day(t: DateTime<Utc>) -> bool {
    !matches!(t.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The start of the next working day after `t`'s day.
fn next_working_morning(t: DateTime<Utc>) -> DateTime<Utc> {
    let mut d = t.date_naive() + Duration::days(1);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d += Duration::days(1);
    }
    d.and_time(NaiveTime::MIN).and_utc()
}

/// When something started at `from` and allowed `days` working days is due.
///
/// `days = 0` means by the end of the working day it started on (or, if it started at a
/// weekend, by the end of the next working day). Otherwise the time of day is kept and
/// weekends are skipped: Tuesday 10:00 + 1 is Wednesday 10:00, Friday 15:00 + 1 is Monday
/// 15:00, and anything started at a weekend counts from the start of Monday.
pub fn add_working_days(from: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    let mut t = if is_working_day(from) {
        from
    } else {
        next_working_morning(from)
    };
    if days == 0 {
        let midnight = (t.date_naive() + Duration::days(1)).and_time(NaiveTime::MIN);
        return midnight.and_utc() - Duration::seconds(1);
    }
    let mut left = days;
    while left > 0 {
        t += Duration::days(1);
        if is_working_day(t) {
            left -= 1;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn weekdays_and_weekends() {
        // 2026-11-24 is a Tuesday; 2026-11-27 a Friday; 2026-11-28 a Saturday.
        assert_eq!(
            add_working_days(at("2026-11-24T10:00:00Z"), 1),
            at("2026-11-25T10:00:00Z")
        );
        assert_eq!(
            add_working_days(at("2026-11-27T15:00:00Z"), 1),
            at("2026-11-30T15:00:00Z")
        );
        assert_eq!(
            add_working_days(at("2026-11-28T11:00:00Z"), 1),
            at("2026-12-01T00:00:00Z"),
            "from a Saturday, the whole of Monday counts"
        );
        assert_eq!(
            add_working_days(at("2026-11-24T10:00:00Z"), 0),
            at("2026-11-24T23:59:59Z")
        );
        assert_eq!(
            add_working_days(at("2026-11-29T10:00:00Z"), 0),
            at("2026-11-30T23:59:59Z")
        );
        assert_eq!(
            add_working_days(at("2026-11-24T10:00:00Z"), 10),
            at("2026-12-08T10:00:00Z")
        );
    }

    proptest! {
        #[test]
        fn a_deadline_never_lands_at_a_weekend_and_grows_with_the_days(
            secs in 1_700_000_000i64..1_900_000_000, days in 0u32..40
        ) {
            let from = DateTime::from_timestamp(secs, 0).unwrap();
            let due = add_working_days(from, days);
            prop_assert!(due >= from);
            prop_assert!(is_working_day(due));
            prop_assert!(add_working_days(from, days + 1) > due);
            // n working days never take more than n + 2 days per week started, plus a weekend.
            prop_assert!(due - from <= Duration::days(i64::from(days) * 7 / 5 + 4));
        }
    }
}
