//! Email addresses.

use regex::Regex;
use std::sync::LazyLock;

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}").ok()
});

/// Byte spans of email addresses.
pub(super) fn find(text: &str) -> Vec<(usize, usize)> {
    EMAIL
        .as_ref()
        .map(|re| re.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_but_not_at_signs_alone() {
        assert_eq!(find("mail jo.bennett+mnvp@example.org now"), vec![(5, 32)]);
        assert!(find("see you @ the clinic").is_empty());
    }
}
