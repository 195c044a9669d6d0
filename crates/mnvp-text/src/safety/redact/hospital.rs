//! Hospital, patient and medical record numbers ("hospital number RGT123456",
//! "MRN 12345678", "K1234567" next to hospital or patient number wording).
//!
//! Trust-prefixed codes (two to four capitals then five to nine digits) are distinctive
//! enough on their own; bare digit runs and single-letter codes only count next to words
//! that say they are a hospital or patient number.

use regex::Regex;
use std::sync::LazyLock;

static STRONG: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b[A-Z]{2,4}[0-9]{5,9}\b").ok());
static CONTEXTUAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:hospital|patient|unit|medical\s+record|case|record|k)\s*(?:number|no\b\.?|num\b|id\b|#)|mrn\b|rtt\b)[\s:.#-]*(?:is\s+)?(?-i:([A-Z]{1,4}[0-9]{5,10}|[0-9]{6,10}))\b",
    )
    .ok()
});

/// Byte spans of hospital numbers.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = STRONG
        .as_ref()
        .map(|re| re.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default();
    if let Some(re) = CONTEXTUAL.as_ref() {
        out.extend(
            re.captures_iter(text)
                .filter_map(|c| c.get(1))
                .map(|m| (m.start(), m.end())),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::spans_text(text, find(text))
    }

    #[test]
    fn finds_numbers_with_and_without_wording() {
        assert_eq!(found("hospital number RGT123456."), ["RGT123456"]);
        assert_eq!(found("MRN 12345678 - please"), ["12345678"]);
        assert_eq!(found("Patient number K1234567 on"), ["K1234567"]);
        assert_eq!(found("Hospital no: K7654321"), ["K7654321"]);
    }

    #[test]
    fn leaves_codes_without_wording() {
        assert!(found("gave birth in room K1234567").is_empty());
        assert!(found("waited 1234567 years").is_empty());
        assert!(found("COVID19 rules").is_empty());
    }
}
