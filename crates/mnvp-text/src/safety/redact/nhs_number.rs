//! NHS numbers: ten digits, optionally grouped 3-3-4 with spaces or dashes, whose last
//! digit is the modulus-11 check digit. Checking the digit keeps ordinary ten-digit
//! references from being redacted as NHS numbers while catching every real one.

use regex::Regex;
use std::sync::LazyLock;

/// Ten digits with at most two single spaces or dashes anywhere: people group NHS
/// numbers 3-3-4 as printed, but also 4-3-3 or 5-5 when copying from a letter.
static NHS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b[0-9](?:[0-9]|[ \-][0-9]){9}\b").ok());

/// Whether ten digits form a valid NHS number (modulus 11, weights 10 down to 2).
pub(crate) fn is_valid(digits: &[u8]) -> bool {
    if digits.len() != 10 || digits.iter().any(|d| !d.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10u32).rev())
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = match 11 - (sum % 11) {
        11 => 0,
        10 => return false,
        c => c,
    };
    u32::from(digits[9] - b'0') == check
}

/// Byte spans of valid NHS numbers. Numbers starting with 0 are left to the phone
/// detector: NHS numbers issued in England and Wales never start with 0. After an invalid
/// candidate the search resumes one byte later, so a valid number overlapping an invalid
/// digit run ("12 943 476 5919") is still found.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    let Some(re) = NHS.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = re.find_at(text, pos) {
        let digits: Vec<u8> = m.as_str().bytes().filter(u8::is_ascii_digit).collect();
        let separators = m.as_str().len() - digits.len();
        if separators <= 2 && digits.first() != Some(&b'0') && is_valid(&digits) {
            out.push((m.start(), m.end()));
            pos = m.end();
        } else {
            pos = m.start() + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_accepts_valid_and_rejects_invalid_numbers() {
        assert!(is_valid(b"9434765919"));
        assert!(is_valid(b"1860913903"));
        assert!(!is_valid(b"9434765918"));
        assert!(!is_valid(b"4718746331"));
    }

    #[test]
    fn finds_grouped_and_ungrouped_numbers() {
        assert_eq!(find("NHS 943 476 5919.").len(), 1);
        assert_eq!(find("NHS 943-476-5919").len(), 1);
        assert_eq!(find("NHS 9434765919").len(), 1);
        assert_eq!(find("NHS 9434 765 919").len(), 1);
        assert!(find("ref 9434765918").is_empty());
        assert!(find("call 0161 496 0000").is_empty());
        assert_eq!(find("12 943 476 5919"), vec![(3, 15)]);
    }
}
