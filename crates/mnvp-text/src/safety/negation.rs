//! Local negation scope.
//!
//! "I never felt unsafe" must not raise a flag, but "I never told anyone he hits me" must:
//! the negation there belongs to "told", not to "hits". So a negating word only cancels a
//! cue when it sits a few words before it in the same clause, with no clause boundary
//! (punctuation, "but", "and", a new subject such as "he", or a reporting verb such as
//! "told") in between. Cues that carry their own negation ("nobody came") are not
//! checked: the detector skips the check when a match starts with a negating word.

use super::text::Token;

/// How many words before a cue a negating word can reach.
const SCOPE: usize = 5;

/// Words that negate what follows them.
const NEGATORS: &[&str] = &[
    "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "hardly", "nt",
];

/// Words that end a negation's reach: conjunctions, new subjects and reporting verbs
/// that start a new clause ("I never told anyone | he hits me").
const SCOPE_BREAKERS: &[&str] = &[
    "but",
    "and",
    "because",
    "although",
    "though",
    "until",
    "so",
    "when",
    "while",
    "if",
    "then",
    "he",
    "she",
    "they",
    "we",
    "him",
    "told",
    "tell",
    "telling",
    "said",
    "say",
    "says",
    "admit",
    "admitted",
    "mention",
    "mentioned",
    "report",
    "reported",
    "know",
    "knew",
    "only",
    "just",
    "except",
    "apart",
    "however",
    "yet",
];

/// Whether a normalised word negates what follows it.
pub(crate) fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word)
}

/// Whether the cue starting at token `start` is negated by a word shortly before it.
pub(crate) fn is_negated(tokens: &[Token], start: usize) -> bool {
    let Some(cue) = tokens.get(start) else {
        return false;
    };
    let mut i = start;
    let mut seen = 0;
    let mut boundary = cue.clause_break;
    while i > 0 && seen < SCOPE && !boundary {
        i -= 1;
        let t = &tokens[i];
        if t.sentence != cue.sentence || SCOPE_BREAKERS.contains(&t.norm.as_str()) {
            return false;
        }
        if is_negator(&t.norm) {
            // "not only …" adds rather than denies.
            let next = tokens.get(i + 1).map(|n| n.norm.as_str());
            return next != Some("only");
        }
        boundary = t.clause_break;
        seen += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn negated_at(text: &str, cue_word: &str) -> bool {
        let toks = tokenize(text);
        let idx = toks
            .iter()
            .position(|t| t.norm == cue_word)
            .unwrap_or(usize::MAX);
        is_negated(&toks, idx)
    }

    #[test]
    fn negation_reaches_a_few_words_forward() {
        assert!(negated_at("I never felt unsafe", "unsafe"));
        assert!(negated_at(
            "I didn't feel like harming myself at all",
            "harming"
        ));
        assert!(negated_at("no concerns about my safety", "safety"));
    }

    #[test]
    fn negation_stops_at_a_new_clause() {
        assert!(!negated_at("I never told anyone he hits me", "hits"));
        assert!(!negated_at("He doesn't drink, but he hits me", "hits"));
        assert!(!negated_at("Not sure why. He hits me", "hits"));
    }

    #[test]
    fn negation_does_not_reach_far_away_cues() {
        assert!(!negated_at(
            "No, the lovely staff on the ward saw me bleeding",
            "bleeding"
        ));
        assert!(!negated_at(
            "I was not scared at first, then I wanted to hurt myself",
            "hurt"
        ));
    }
}
