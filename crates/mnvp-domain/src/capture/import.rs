//! How one cell of an imported file (FFT export, CQC Maternity Survey comments, any mapped
//! spreadsheet) becomes a field of the feedback store. Each parser returns the value or a
//! reason written for the lead, which the import report shows beside the line and column.

use crate::feedback::{CareStage, Channel};
use sha2::{Digest, Sha256};

/// Longest imported comment kept, in characters.
pub const TEXT_MAX: usize = 10_000;

const MONTHS: [&str; 12] = [
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

/// Reads a date as UK spreadsheets write it: `31/01/2026`, `31-01-26`, `31.01.2026`,
/// `2026-01-31`, `31 January 2026`, `31 Jan 2026`, each optionally followed by a time.
/// Day comes before month (UK), so `01/31/2026` is refused rather than guessed. Dates after
/// `today` (`YYYY-MM-DD`) are refused: feedback cannot come from the future.
pub fn date(raw: &str, today: &str) -> Result<String, String> {
    let s = raw.trim();
    let bad = || {
        format!("{s:?} is not a date we can read: write dates as day/month/year, like 31/01/2026, or as 2026-01-31")
    };
    let iso = read_date(s).ok_or_else(bad)?;
    if iso.as_str() > today {
        return Err(format!("{s:?} is in the future"));
    }
    Ok(iso)
}

fn read_date(s: &str) -> Option<String> {
    // An ISO date-time: keep the date.
    if s.len() > 10 && s.as_bytes()[10] == b'T' && s.is_char_boundary(10) {
        let d = &s[..10];
        return d
            .is_ascii()
            .then(|| ymd(&d[..4], &d[5..7], &d[8..]))
            .flatten()
            .filter(|_| &d[4..5] == "-" && &d[7..8] == "-");
    }
    let mut tokens = s.split_whitespace();
    let first = tokens.next()?;
    let rest: Vec<&str> = tokens.collect();
    let is_time = |t: &str| {
        t.contains(':')
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
            || t.eq_ignore_ascii_case("am")
            || t.eq_ignore_ascii_case("pm")
    };
    let parts: Vec<&str> = first.split(['/', '-', '.']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        if !rest.iter().all(|t| is_time(t)) {
            return None;
        }
        return if parts[0].len() == 4 {
            ymd(parts[0], parts[1], parts[2])
        } else {
            let year = match parts[2].len() {
                2 => format!("20{}", parts[2]),
                4 => parts[2].to_string(),
                _ => return None,
            };
            ymd(&year, parts[1], parts[0])
        };
    }
    // "31 January 2026", "31 Jan 2026" (and a time after it).
    if rest.len() >= 2 && rest[2..].iter().all(|t| is_time(t)) {
        let month = rest[0].trim_end_matches(',').to_lowercase();
        let m = MONTHS
            .iter()
            .position(|name| month.len() >= 3 && name.starts_with(&month))?;
        let day = first.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        return ymd(rest[1].trim_end_matches(','), &(m + 1).to_string(), day);
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d) = (
        y.parse::<u32>().ok()?,
        m.parse::<u32>().ok()?,
        d.parse::<u32>().ok()?,
    );
    let n = super::survey::days_in_month(y, m)?;
    ((1900..=9999).contains(&y) && (1..=n).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn words(raw: &str) -> String {
    raw.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A cell holding nothing worth keeping: empty or a spreadsheet's "no value" marker.
pub fn is_empty(raw: &str) -> bool {
    matches!(
        raw.trim().to_lowercase().as_str(),
        "" | "n/a" | "#n/a" | "null" | "na"
    )
}

/// FFT answers, by the words of the current (2020) and earlier questions or by the codes
/// 1–6 that NHS England's FFT data use (1 = very good … 5 = very poor, 6 = don't know).
/// Stored as 1–5 with 5 the best; "don't know" and an empty cell are no rating.
pub fn fft_rating(raw: &str) -> Result<Option<i32>, String> {
    if is_empty(raw) {
        return Ok(None);
    }
    let w = words(raw);
    let code = w.strip_suffix(" 0").unwrap_or(&w); // "1.0" from a spreadsheet number
    Ok(Some(match code {
        "1" | "very good" | "extremely likely" => 5,
        "2" | "good" | "likely" => 4,
        "3" | "neither good nor poor" | "neither likely nor unlikely" => 3,
        "4" | "poor" | "unlikely" => 2,
        "5" | "very poor" | "extremely unlikely" => 1,
        "6" | "don t know" | "dont know" | "do not know" | "not answered" => return Ok(None),
        _ => {
            return Err(format!(
                "{:?} is not an FFT answer: expected Very good, Good, Neither good nor poor, Poor, Very poor, Don't know, or their codes 1 to 6",
                raw.trim()
            ))
        }
    }))
}

/// A rating in a mapped file: a whole number from 1 (worst) to 5 (best), or an FFT answer in
/// words. (FFT's numeric codes run the other way, so bare numbers are read as 1–5 here.)
pub fn rating(raw: &str) -> Result<Option<i32>, String> {
    if is_empty(raw) {
        return Ok(None);
    }
    let t = raw.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    if let Ok(n) = t.parse::<i32>() {
        return if (1..=5).contains(&n) {
            Ok(Some(n))
        } else {
            Err(format!("{n} is not a rating from 1 (worst) to 5 (best)"))
        };
    }
    match fft_rating(raw) {
        Ok(v) => Ok(v),
        Err(_) => Err(format!(
            "{t:?} is not a rating: use a number from 1 (worst) to 5 (best), or words like Very good or Poor"
        )),
    }
}

/// A stage of care by its code, its label, or the words FFT touchpoints and CQC sections use.
pub fn care_stage(raw: &str) -> Result<Option<CareStage>, String> {
    if is_empty(raw) {
        return Ok(None);
    }
    if let Ok(s) = CareStage::parse(raw) {
        return Ok(Some(s));
    }
    let w = words(raw);
    if let Some(s) = CareStage::ALL.iter().find(|s| words(s.label()) == w) {
        return Ok(Some(*s));
    }
    let has = |k: &str| w.contains(k);
    let stage = if has("bereave") || has("loss") {
        CareStage::Bereavement
    } else if has("neonat") || has("nicu") || has("scbu") || has("special care") {
        CareStage::NeonatalUnit
    } else if has("antenatal") || has("ante natal") || has("pregnan") {
        CareStage::Antenatal
    } else if has("postnatal") || has("post natal") || has("after the birth") || has("feeding") {
        if has("home") || has("community") || has("health visit") {
            CareStage::PostnatalHome
        } else {
            CareStage::PostnatalHospital
        }
    } else if has("labour") || has("birth") || has("intrapartum") || has("delivery") {
        CareStage::LabourAndBirth
    } else {
        return Err(format!(
            "{:?} is not a stage of care we recognise: use antenatal, labour and birth, postnatal ward, postnatal at home, neonatal or bereavement",
            raw.trim()
        ));
    };
    Ok(Some(stage))
}

/// A channel by its code or label ("fft", "Social media insight").
pub fn channel(raw: &str) -> Result<Channel, String> {
    let w = words(raw);
    Channel::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == raw.trim() || words(c.label()) == w || words(c.as_str()) == w)
        .ok_or_else(|| {
            let known: Vec<&str> = Channel::ALL.iter().map(|c| c.label()).collect();
            format!(
                "{:?} is not a channel: use one of {}",
                raw.trim(),
                known.join(", ")
            )
        })
}

/// Whether a cell would run as a spreadsheet formula if the data were opened in one again
/// (`=…`, or `+`/`-`/`@` followed by a function call or a DDE `|`). Plain comments that
/// start with a dash or a plus ("- lovely staff", "+44 …") are not formulas.
pub fn looks_like_formula(cell: &str) -> bool {
    let t = cell.trim_start();
    let Some(first) = t.chars().next() else {
        return false;
    };
    if first == '=' {
        return t.len() > 1;
    }
    if !matches!(first, '+' | '-' | '@') {
        return false;
    }
    let rest = t[1..].trim_start();
    let name_len = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .count();
    let call = name_len > 0
        && rest[..name_len]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && rest[name_len..].starts_with('(');
    call || rest.contains('|')
}

/// Comment text: trimmed, control characters removed, bounded. Empty is no text.
pub fn text(raw: &str) -> Result<Option<String>, String> {
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    if is_empty(&cleaned) {
        return Ok(None);
    }
    let n = cleaned.chars().count();
    if n > TEXT_MAX {
        return Err(format!(
            "the text is {n} characters long; the most that can be imported is {TEXT_MAX}"
        ));
    }
    Ok(Some(cleaned))
}

/// A short stable fingerprint of a row's identifying parts, used to recognise the same row
/// when a file (or an overlapping export) is imported again.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.trim().as_bytes());
        h.update([0x1f]);
    }
    hex::encode(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-11-23";

    #[test]
    fn uk_dates_in_their_usual_shapes() {
        for (raw, want) in [
            ("31/01/2026", "2026-01-31"),
            ("1/2/2026", "2026-02-01"),
            ("31-01-26", "2026-01-31"),
            ("31.01.2026", "2026-01-31"),
            ("2026-01-31", "2026-01-31"),
            ("2026/01/31", "2026-01-31"),
            ("2026-01-31T10:15:00Z", "2026-01-31"),
            ("31/01/2026 10:15", "2026-01-31"),
            ("31/01/2026 10:15:00 AM", "2026-01-31"),
            ("31 January 2026", "2026-01-31"),
            ("3 Sept 2025", "2025-09-03"),
            ("1st March 2026", "2026-03-01"),
        ] {
            assert_eq!(date(raw, TODAY).as_deref(), Ok(want), "{raw}");
        }
        for raw in [
            "01/31/2026",
            "31/02/2026",
            "yesterday",
            "2026",
            "",
            "31/01/2026 later",
        ] {
            assert!(
                date(raw, TODAY).unwrap_err().contains("not a date"),
                "{raw}"
            );
        }
        assert_eq!(
            date("24/11/2026", TODAY).unwrap_err(),
            "\"24/11/2026\" is in the future"
        );
    }

    #[test]
    fn fft_answers_map_to_five_best() {
        assert_eq!(fft_rating("Very good"), Ok(Some(5)));
        assert_eq!(fft_rating("1"), Ok(Some(5)));
        assert_eq!(fft_rating("1.0"), Ok(Some(5)));
        assert_eq!(fft_rating("very poor"), Ok(Some(1)));
        assert_eq!(fft_rating("Don't know"), Ok(None));
        assert_eq!(fft_rating(""), Ok(None));
        assert!(fft_rating("7").unwrap_err().contains("not an FFT answer"));
        assert_eq!(rating("4"), Ok(Some(4)));
        assert_eq!(rating("Poor"), Ok(Some(2)));
        assert!(rating("9").unwrap_err().contains("1 (worst) to 5 (best)"));
    }

    #[test]
    fn care_stages_from_fft_touchpoints_and_cqc_sections() {
        for (raw, want) in [
            ("antenatal", CareStage::Antenatal),
            ("Labour and birth", CareStage::LabourAndBirth),
            ("Birth", CareStage::LabourAndBirth),
            ("Postnatal ward", CareStage::PostnatalHospital),
            ("Postnatal community", CareStage::PostnatalHome),
            ("Care at home after the birth", CareStage::PostnatalHome),
            ("NICU", CareStage::NeonatalUnit),
            ("Bereavement care", CareStage::Bereavement),
        ] {
            assert_eq!(care_stage(raw), Ok(Some(want)), "{raw}");
        }
        assert_eq!(care_stage(" "), Ok(None));
        assert!(care_stage("Cardiology").is_err());
    }

    #[test]
    fn formulas_are_told_apart_from_comments() {
        for f in [
            "=1+1",
            "=HYPERLINK(\"x\")",
            "+SUM(A1:A2)",
            "-cmd|' /C calc'!A0",
            "@SUM(1)",
        ] {
            assert!(looks_like_formula(f), "{f}");
        }
        for c in [
            "- lovely staff",
            "+44 7700 900123",
            "-",
            "Good (mostly)",
            "=",
            "@midwife thanks",
        ] {
            assert!(!looks_like_formula(c), "{c}");
        }
    }

    #[test]
    fn channels_and_text() {
        assert_eq!(channel("Social media insight"), Ok(Channel::SocialMedia));
        assert_eq!(channel("fft"), Ok(Channel::Fft));
        assert!(channel("pigeon")
            .unwrap_err()
            .contains("Friends and Family Test"));
        assert_eq!(text("  hi\u{7} there "), Ok(Some("hi there".into())));
        assert_eq!(text("N/A"), Ok(None));
        assert!(text(&"x".repeat(TEXT_MAX + 1)).is_err());
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&[" a", "b "]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab", ""]));
    }
}
