//! UK telephone numbers in the many ways people write them: "07700 900123",
//! "+44 7700 900456", "+44 (0)7700 900456", "(01632) 960123", "0161 496 0000",
//! "020 7946 0000", "0808 157 0192", "07700-900-873".
//!
//! A scanner rather than one regex: it reads digit groups joined by single spaces,
//! dashes or brackets from a leading 0 or +44, and accepts the longest run whose digits
//! form a valid UK number (11 digits; 10 for some 01 and 0800 numbers). Counting digits
//! is what keeps "3 4 5", dates and ten-digit NHS numbers (which never start with 0) out.

/// Byte spans of phone numbers.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+');
        let starts = b[i] == b'0' || b[i..].starts_with(b"+44") || b[i..].starts_with(b"(0");
        if boundary && starts {
            if let Some(end) = scan(b, i) {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Separators allowed between digit groups, longest first.
const SEPARATORS: &[&[u8]] = &[b" - ", b") ", b" (", b" ", b"-", b".", b")", b"("];

/// Reads a candidate number at `start`; returns its end if valid.
fn scan(b: &[u8], start: usize) -> Option<usize> {
    let mut digits = String::new();
    let mut i = start;
    if b[i..].starts_with(b"+44") {
        digits.push('0');
        i += 3;
        // "+44 7700…", "+44 (0)7700…": the bracketed trunk zero is dropped.
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
        if b[i..].starts_with(b"(0)") {
            i += 3;
            if b.get(i) == Some(&b' ') {
                i += 1;
            }
        }
    } else if b[i] == b'(' {
        i += 1;
    }
    let mut best = None;
    while i < b.len() && digits.len() <= 11 {
        if b[i].is_ascii_digit() {
            digits.push(char::from(b[i]));
            i += 1;
            let next_digit = b.get(i).is_some_and(u8::is_ascii_digit);
            if !next_digit && valid(&digits) {
                best = Some(i);
            }
            continue;
        }
        let sep = SEPARATORS
            .iter()
            .find(|s| b[i..].starts_with(s) && b.get(i + s.len()).is_some_and(u8::is_ascii_digit));
        match sep {
            Some(s) if !digits.is_empty() => i += s.len(),
            _ => break,
        }
    }
    let end = best?;
    // A number glued to letters ("07700900123abc") is a code, not a phone number.
    let glued = b.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
    (!glued).then_some(end)
}

/// Whether national digits (starting 0) form a UK number.
fn valid(d: &str) -> bool {
    let bytes = d.as_bytes();
    if bytes.len() < 10 || bytes[0] != b'0' {
        return false;
    }
    match (bytes.len(), bytes[1]) {
        (11, b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9') => true,
        (10, b'1') => true,
        (10, b'8') => d.starts_with("0800") || d.starts_with("0808"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<&str> {
        match find(text).as_slice() {
            [(s, e)] => text.get(*s..*e),
            _ => None,
        }
    }

    #[test]
    fn finds_every_common_format() {
        assert_eq!(one("ring 07700 900123 please"), Some("07700 900123"));
        assert_eq!(one("ring 07700900123."), Some("07700900123"));
        assert_eq!(one("ring +44 7700 900456"), Some("+44 7700 900456"));
        assert_eq!(one("ring +447700900634"), Some("+447700900634"));
        assert_eq!(one("ring +44 (0)7700 900456"), Some("+44 (0)7700 900456"));
        assert_eq!(one("ring (01632) 960123"), Some("(01632) 960123"));
        assert_eq!(one("ring 0161 496 0000 now"), Some("0161 496 0000"));
        assert_eq!(one("ring 020 7946 0321"), Some("020 7946 0321"));
        assert_eq!(one("ring 0808 157 0192"), Some("0808 157 0192"));
        assert_eq!(one("ring 07700-900-873"), Some("07700-900-873"));
        assert_eq!(one("ring 01632 960 554, thanks"), Some("01632 960 554"));
    }

    #[test]
    fn ignores_counts_dates_and_nhs_numbers() {
        assert!(find("children aged 3 4 5").is_empty());
        assert!(find("on 12/03/1990").is_empty());
        assert!(find("NHS 943 476 5919").is_empty());
        assert!(find("Childline 0800 1111").is_empty());
        assert!(find("at 09:00 or 10.30").is_empty());
    }
}
