//! Small edit-distance tolerance for cue words.
//!
//! People in distress do not spell-check: "sucidal", "dissapear", "contols". Exact
//! matching would miss exactly the messages that matter most, so long cue words accept one
//! edit (two for very long words). Short words never do: "hit"/"hat" or "treat"/"threat"
//! would drown the triage queue in noise.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
/// giving up early once the distance must exceed `limit`.
pub(crate) fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= limit).then_some(d)
}

/// How many edits a cue word of `len` characters tolerates.
fn tolerance(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    }
}

/// Typos rarely touch the start of a word: one edit needs the first two letters to agree,
/// two edits the first three ("induction" must not pass for "injunction").
fn same_start(token: &[char], word: &[char], tol: usize) -> bool {
    let n = tol + 1;
    token.len() >= n && token.get(..n) == word.get(..n)
}

/// Whether `token` is `word` give or take a typo. Both must share their first two
/// letters: misspellings rarely change the start of a word, and this keeps
/// "treat" from matching "threat".
pub(crate) fn word_matches(token: &[char], word: &[char]) -> bool {
    if token == word {
        return true;
    }
    let tol = tolerance(word.len());
    tol > 0 && same_start(token, word, tol) && distance_within(token, word, tol).is_some()
}

/// Whether `token` starts with `stem` give or take a typo, e.g. "sucidal" for "suicid*".
pub(crate) fn prefix_matches(token: &[char], stem: &[char]) -> bool {
    if token.starts_with(stem) {
        return true;
    }
    let tol = tolerance(stem.len());
    if tol == 0 || !same_start(token, stem, tol) {
        return false;
    }
    let n = stem.len();
    (n.saturating_sub(1)..=n + 1)
        .filter(|l| *l <= token.len())
        .any(|l| distance_within(&token[..l], stem, tol).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance_counts_transpositions_as_one() {
        assert_eq!(distance_within(&c("freind"), &c("friend"), 1), Some(1));
        assert_eq!(distance_within(&c("abc"), &c("xyz"), 2), None);
    }

    #[test]
    fn long_words_tolerate_typos_short_words_do_not() {
        assert!(word_matches(&c("sucidal"), &c("suicidal")));
        assert!(word_matches(&c("everthing"), &c("everything")));
        assert!(!word_matches(&c("hat"), &c("hit")));
        assert!(!word_matches(&c("treat"), &c("threat")));
        assert!(!word_matches(&c("induction"), &c("injunction")));
    }

    #[test]
    fn stems_tolerate_typos() {
        assert!(prefix_matches(&c("sucidal"), &c("suicid")));
        assert!(prefix_matches(&c("contols"), &c("control")));
        assert!(prefix_matches(&c("dissapear"), &c("disappear")));
        assert!(!prefix_matches(&c("treated"), &c("threat")));
    }
}
