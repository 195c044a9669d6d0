//! A tiny pattern language for cue phrases, and its matcher.
//!
//! Disclosures are rarely a single keyword: "I wanted to end it all", "he won't let me
//! see my family", "nobody checked the monitor". Patterns are written as readable strings
//! so the lexicon can be reviewed by a safeguarding lead, not only by a programmer:
//!
//! - `word` matches the normalised token exactly (long words tolerate a typo);
//! - `stem*` matches any token starting with the stem ("hurt*" → hurt, hurting, hurts);
//! - `(a|b c|d*)` matches one of several alternatives, each a sequence of words;
//! - `~N` allows up to N other words before the next element ("want* ~2 die");
//! - `!(a|b)` requires that the next word is *not* one of the alternatives ("fell
//!   !(in love|pregnant)"); at the very start of a pattern it checks the word *before* the
//!   match instead ("!(life) threatening").
//!
//! Matches never cross a sentence boundary.

use super::fuzzy::{prefix_matches, word_matches};
use super::text::Token;

#[derive(Debug, Clone)]
struct Word {
    chars: Vec<char>,
    prefix: bool,
}

#[derive(Debug, Clone)]
enum Elem {
    /// One of several alternatives, each a run of consecutive words.
    Alt(Vec<Vec<Word>>),
    /// Up to N tokens may be skipped before the next element.
    Gap(usize),
    /// The word here (or, as the first element, the word before the match) must not match.
    Not(Vec<Vec<Word>>),
}

/// A compiled cue pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    elems: Vec<Elem>,
    /// First letters a match can start with: every word match (exact, prefix or fuzzy)
    /// agrees on the first letter, so other start positions are skipped cheaply.
    first_chars: Vec<char>,
}

fn parse_word(w: &str) -> Word {
    let (text, prefix) = match w.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    Word {
        chars: text.chars().collect(),
        prefix,
    }
}

/// Splits `inner` at top-level `|` and expands nested groups, so
/// `all (my|the) pills|them all` gives the runs "all my pills", "all the pills", "them all".
fn parse_choices(inner: &str) -> Vec<Vec<Word>> {
    split_top(inner, '|')
        .into_iter()
        .flat_map(|choice| expand(choice.trim()))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Splits at `sep` outside brackets.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                parts.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[from..]);
    parts
}

/// Index of the bracket closing the one just before `s` (so `s` starts inside it).
fn closing(s: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// Expands one choice (words and nested groups) into every run of words it stands for.
fn expand(choice: &str) -> Vec<Vec<Word>> {
    let mut runs: Vec<Vec<Word>> = vec![Vec::new()];
    let mut rest = choice.trim_start();
    while !rest.is_empty() {
        let options: Vec<Vec<Word>> = if let Some(after) = rest.strip_prefix('(') {
            let close = closing(after);
            let inner = parse_choices(&after[..close]);
            rest = after.get(close + 1..).unwrap_or("").trim_start();
            inner
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '(')
                .unwrap_or(rest.len());
            let word = parse_word(&rest[..end]);
            rest = rest[end..].trim_start();
            vec![vec![word]]
        };
        runs = runs
            .iter()
            .flat_map(|r| {
                options
                    .iter()
                    .map(move |o| r.iter().chain(o).cloned().collect())
            })
            .collect();
    }
    runs
}

impl Pattern {
    /// Compiles a pattern string. Malformed input yields a pattern that parses as much as it
    /// can; the lexicon is checked by tests, so this never needs to fail at run time.
    pub(crate) fn parse(src: &str) -> Pattern {
        let mut elems = Vec::new();
        let mut rest = src.trim();
        while !rest.is_empty() {
            let negate = rest.starts_with('!');
            let body = rest.strip_prefix('!').unwrap_or(rest);
            if let Some(after) = body.strip_prefix('(') {
                let close = closing(after);
                let choices = parse_choices(&after[..close]);
                elems.push(if negate {
                    Elem::Not(choices)
                } else {
                    Elem::Alt(choices)
                });
                rest = after.get(close + 1..).unwrap_or("").trim_start();
                continue;
            }
            if negate {
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                elems.push(Elem::Not(parse_choices(&body[..end])));
                rest = body[end..].trim_start();
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let piece = &rest[..end];
            if let Some(n) = piece.strip_prefix('~') {
                elems.push(Elem::Gap(n.parse().unwrap_or(1)));
            } else {
                elems.push(Elem::Alt(vec![vec![parse_word(piece)]]));
            }
            rest = rest[end..].trim_start();
        }
        let first_chars = match elems.iter().find(|e| !matches!(e, Elem::Not(_))) {
            Some(Elem::Alt(choices)) => {
                let mut cs: Vec<char> = choices
                    .iter()
                    .filter_map(|c| c.first()?.chars.first().copied())
                    .collect();
                cs.sort_unstable();
                cs.dedup();
                cs
            }
            _ => Vec::new(),
        };
        Pattern { elems, first_chars }
    }

    /// Every match as (first token index, one past last token index), leftmost-shortest,
    /// non-overlapping.
    pub(crate) fn find_all(&self, toks: &[TokChars]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        let (skip_first, before) = match self.elems.first() {
            Some(Elem::Not(choices)) => (1, Some(choices)),
            _ => (0, None),
        };
        while i < toks.len() {
            let starts_well = toks[i]
                .chars
                .first()
                .is_some_and(|c| self.first_chars.binary_search(c).is_ok());
            if !starts_well {
                i += 1;
                continue;
            }
            let sentence = toks[i].sentence;
            let blocked = before.is_some_and(|choices| {
                i > 0
                    && toks[i - 1].sentence == sentence
                    && choices
                        .iter()
                        .any(|c| match_run(toks, i - 1, c, sentence).is_some())
            });
            if blocked {
                i += 1;
                continue;
            }
            match self.match_at(toks, skip_first, i, 0, sentence) {
                Some(end) if end > i => {
                    out.push((i, end));
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Tries to match elements from `k` on at token `pos`, with `slack` tokens that may be
    /// skipped first. Returns the end token index of the shortest match.
    fn match_at(
        &self,
        toks: &[TokChars],
        k: usize,
        pos: usize,
        slack: usize,
        sentence: usize,
    ) -> Option<usize> {
        let Some(elem) = self.elems.get(k) else {
            return Some(pos);
        };
        match elem {
            Elem::Gap(n) => self.match_at(toks, k + 1, pos, slack + n, sentence),
            Elem::Not(choices) => {
                let hit = choices
                    .iter()
                    .any(|c| match_run(toks, pos, c, sentence).is_some());
                if hit {
                    None
                } else {
                    self.match_at(toks, k + 1, pos, slack, sentence)
                }
            }
            Elem::Alt(choices) => {
                for skip in 0..=slack {
                    let at = pos + skip;
                    if toks.get(at).is_none_or(|t| t.sentence != sentence) {
                        return None;
                    }
                    for choice in choices {
                        if let Some(end) = match_run(toks, at, choice, sentence) {
                            if let Some(done) = self.match_at(toks, k + 1, end, 0, sentence) {
                                return Some(done);
                            }
                        }
                    }
                }
                None
            }
        }
    }
}

fn match_run(toks: &[TokChars], at: usize, run: &[Word], sentence: usize) -> Option<usize> {
    let mut p = at;
    for w in run {
        let t = toks.get(p).filter(|t| t.sentence == sentence)?;
        let ok = if w.prefix {
            prefix_matches(&t.chars, &w.chars)
        } else {
            word_matches(&t.chars, &w.chars)
        };
        if !ok {
            return None;
        }
        p += 1;
    }
    Some(p)
}

/// A token prepared for matching: its characters and sentence.
#[derive(Debug, Clone)]
pub(crate) struct TokChars {
    pub chars: Vec<char>,
    pub sentence: usize,
}

/// Prepares tokens for matching (done once per text, shared by every pattern).
pub(crate) fn prepare(tokens: &[Token]) -> Vec<TokChars> {
    tokens
        .iter()
        .map(|t| TokChars {
            chars: t.norm.chars().collect(),
            sentence: t.sentence,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        let toks = prepare(&tokenize(text));
        !Pattern::parse(pattern).find_all(&toks).is_empty()
    }

    #[test]
    fn gaps_allow_words_between_elements() {
        assert!(matches(
            "want* ~2 end ~2 (it all|my life)",
            "I wanted to end it all"
        ));
        assert!(matches(
            "want* ~2 end ~2 (it all|my life)",
            "wanted badly to end my life"
        ));
        assert!(!matches(
            "want* ~2 end ~2 (it all|my life)",
            "I wanted the day to end"
        ));
    }

    #[test]
    fn nested_groups_expand() {
        let p = "(them all|all (my|the) (pills|tablets))";
        assert!(matches(p, "taking all my tablets"));
        assert!(matches(p, "take them all"));
        assert!(!matches(p, "all your pills"));
    }

    #[test]
    fn matches_do_not_cross_sentences() {
        assert!(!matches("hurt* myself", "It hurt. Myself, I was fine."));
    }

    #[test]
    fn typos_match_long_words_only() {
        assert!(matches("suicid*", "I was sucidal"));
        assert!(!matches("hit me", "hat me"));
    }

    #[test]
    fn exclusions_check_the_next_or_previous_word() {
        assert!(matches(
            "fell !(in love|pregnant|asleep)",
            "I fell in the shower"
        ));
        assert!(!matches(
            "fell !(in love|pregnant|asleep)",
            "I fell in love with her"
        ));
        assert!(matches("!(life) threat*", "he threatened me"));
        assert!(!matches("!(life) threat*", "a life-threatening bleed"));
    }
}
