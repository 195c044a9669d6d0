//! UK civil time for what people type and read. Times are stored in UTC; a lead who phoned the
//! safeguarding team at 14:30 in July means 13:30 UTC. British Summer Time runs from 01:00 UTC
//! on the last Sunday of March to 01:00 UTC on the last Sunday of October.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, month + 1, 1)
        .unwrap_or(NaiveDate::MAX)
        .pred_opt()
        .unwrap_or(NaiveDate::MIN);
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt().unwrap_or(NaiveDate::MIN);
    }
    d
}

/// The UK's offset from UTC at instant `t`: one hour in summer time, none otherwise.
pub fn offset_at(t: DateTime<Utc>) -> Duration {
    let one = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN);
    let start = last_sunday(t.year(), 3).and_time(one).and_utc();
    let end = last_sunday(t.year(), 10).and_time(one).and_utc();
    if t >= start && t < end {
        Duration::hours(1)
    } else {
        Duration::zero()
    }
}

/// A UTC instant as UK wall-clock time.
pub fn to_uk(t: DateTime<Utc>) -> NaiveDateTime {
    (t + offset_at(t)).naive_utc()
}

/// UK wall-clock time as a UTC instant. In the repeated hour each October the earlier
/// (summer-time) reading is taken; in the skipped hour each March the time is read as winter time.
pub fn from_uk(local: NaiveDateTime) -> DateTime<Utc> {
    let summer = local.and_utc() - Duration::hours(1);
    if offset_at(summer) == Duration::hours(1) {
        summer
    } else {
        local.and_utc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn summer_and_winter() {
        assert_eq!(
            from_uk(local("2026-07-14 14:30")),
            utc("2026-07-14T13:30:00Z")
        );
        assert_eq!(
            from_uk(local("2026-12-14 14:30")),
            utc("2026-12-14T14:30:00Z")
        );
        assert_eq!(
            to_uk(utc("2026-07-14T13:30:00Z")),
            local("2026-07-14 14:30")
        );
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(offset_at(utc("2026-03-29T00:59:00Z")), Duration::zero());
        assert_eq!(offset_at(utc("2026-03-29T01:00:00Z")), Duration::hours(1));
        assert_eq!(offset_at(utc("2026-10-25T00:59:00Z")), Duration::hours(1));
        assert_eq!(offset_at(utc("2026-10-25T01:00:00Z")), Duration::zero());
    }

    #[test]
    fn round_trips_outside_the_changes() {
        for s in [
            "2026-01-05T09:00:00Z",
            "2026-06-30T23:15:00Z",
            "2027-11-01T00:00:00Z",
        ] {
            assert_eq!(from_uk(to_uk(utc(s))), utc(s));
        }
    }
}
