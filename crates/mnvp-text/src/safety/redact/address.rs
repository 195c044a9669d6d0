//! Street addresses: a house or flat number and a street ("12 Acacia Avenue",
//! "Flat 3, 45 High Street", "Flat 12, Nelson Court"). The street must end with a street
//! word so that "28 weeks" or "3 Cedar ward visits" stay readable.

use regex::Regex;
use std::sync::LazyLock;

const STREET: &str = r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Court|Crescent|Place|Grove|Gardens|Terrace|Walk|Square|Row|Mews|Rise|Green|Parade|Vale|Meadows?|Chase|Hill|Park|View|Boulevard|Yard|Wharf|Quay|Heights|Croft|Fields)";

static ADDRESS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let flat = r"(?:(?:Flat|Apartment|Apt|Unit|Room)\s+[0-9]+[A-Za-z]?,?\s+)";
    let name = r"(?:[A-Z][A-Za-z'\-]+\s+){1,3}";
    let numbered = format!(r"\b{flat}?[0-9]{{1,4}}[A-Za-z]?,?\s+{name}{STREET}\b");
    let flat_only = format!(r"\b{flat}{name}(?:{STREET}|House|Lodge|Tower|Mansions|Buildings)\b");
    Regex::new(&format!("{numbered}|{flat_only}")).ok()
});

/// Byte spans of street addresses.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    ADDRESS
        .as_ref()
        .map(|re| re.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        super::super::spans_text(text, find(text))
    }

    #[test]
    fn finds_house_and_flat_addresses() {
        assert_eq!(found("at 12 Acacia Avenue, NR4"), ["12 Acacia Avenue"]);
        assert_eq!(found("Flat 3, 45 High Street"), ["Flat 3, 45 High Street"]);
        assert_eq!(found("Flat 12, Nelson Court."), ["Flat 12, Nelson Court"]);
        assert_eq!(
            found("We live at 27a Marlborough Close"),
            ["27a Marlborough Close"]
        );
    }

    #[test]
    fn keeps_numbers_that_are_not_addresses() {
        assert!(found("born at 28 Weeks").is_empty());
        assert!(found("3 Cedar ward visits").is_empty());
    }
}
