//! Normalised word tokens for disclosure detection.
//!
//! Feedback is written on phones, in a hurry and often in a second language, so the
//! detector must see "didn't", "didnt" and "did not" as the same words, "self-harm" as
//! "self harm", and keep track of sentences and clause breaks (commas) because negation
//! and co-occurrence rules are scoped by them. Every token keeps the byte span of the
//! original word it came from, so reasons can point back into the original text.

/// One normalised word. Expanded contractions ("didn't" → "did" "not") give several tokens
/// that share the original word's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Lower-case word with apostrophes removed; only letters, digits and `&`.
    pub norm: String,
    /// Byte offset of the original word's start.
    pub start: usize,
    /// Byte offset one past the original word's end.
    pub end: usize,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
    /// True when punctuation (a comma, colon, bracket, dash…) separates this token from
    /// the previous one within the sentence.
    pub clause_break: bool,
}

/// Contractions written with or without their apostrophe, and what they stand for.
/// Ambiguous spellings without an apostrophe ("ill", "were", "well", "its", "hell") are
/// left alone because they are ordinary words too.
const CONTRACTIONS: &[(&str, &[&str])] = &[
    ("didnt", &["did", "not"]),
    ("dont", &["do", "not"]),
    ("doesnt", &["does", "not"]),
    ("isnt", &["is", "not"]),
    ("wasnt", &["was", "not"]),
    ("werent", &["were", "not"]),
    ("arent", &["are", "not"]),
    ("havent", &["have", "not"]),
    ("hasnt", &["has", "not"]),
    ("hadnt", &["had", "not"]),
    ("couldnt", &["could", "not"]),
    ("wouldnt", &["would", "not"]),
    ("shouldnt", &["should", "not"]),
    ("mustnt", &["must", "not"]),
    ("cant", &["can", "not"]),
    ("cannot", &["can", "not"]),
    ("wont", &["will", "not"]),
    ("aint", &["is", "not"]),
    ("im", &["i", "am"]),
    ("ive", &["i", "have"]),
    ("id", &["i", "would"]),
    ("youre", &["you", "are"]),
    ("theyre", &["they", "are"]),
    ("hes", &["he", "is"]),
    ("shes", &["she", "is"]),
    ("thats", &["that", "is"]),
    ("theres", &["there", "is"]),
    ("whats", &["what", "is"]),
    ("noone", &["no", "one"]),
];

/// Contractions recognised only when written with an apostrophe.
const APOSTROPHE_ONLY: &[(&str, &[&str])] = &[
    ("i'll", &["i", "will"]),
    ("he'll", &["he", "will"]),
    ("she'll", &["she", "will"]),
    ("we'll", &["we", "will"]),
    ("they'll", &["they", "will"]),
    ("you'll", &["you", "will"]),
    ("it'll", &["it", "will"]),
    ("he'd", &["he", "would"]),
    ("she'd", &["she", "would"]),
    ("they'd", &["they", "would"]),
    ("we'd", &["we", "would"]),
    ("you'd", &["you", "would"]),
    ("we're", &["we", "are"]),
    ("it's", &["it", "is"]),
    ("we've", &["we", "have"]),
    ("they've", &["they", "have"]),
    ("you've", &["you", "have"]),
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

/// Splits text into normalised tokens. Never panics; any input gives some (possibly empty)
/// token list.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut sentence = 0usize;
    let mut pending_break = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_alphanumeric() {
            // A word: letters/digits joined by inner apostrophes or `&` ("A&E").
            let start = pos;
            let mut j = i + 1;
            while j < chars.len() {
                let (_, d) = chars[j];
                let joins = (is_apostrophe(d) || d == '&')
                    && chars.get(j + 1).is_some_and(|(_, e)| e.is_alphanumeric());
                if d.is_alphanumeric() || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |(p, _)| *p);
            push_word(
                &text[start..end],
                start,
                end,
                sentence,
                &mut pending_break,
                &mut tokens,
            );
            i = j;
            continue;
        }
        match c {
            '.' | '!' | '?' | '\n' => {
                // A full stop between digits ("3.4kg") does not end a sentence.
                let between_digits = c == '.'
                    && i > 0
                    && chars[i - 1].1.is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit());
                if !between_digits
                    && tokens
                        .last()
                        .is_some_and(|t: &Token| t.sentence == sentence)
                {
                    sentence += 1;
                    pending_break = false;
                }
            }
            // A hyphen inside a word ("self-harm") is not a clause break; a spaced dash is.
            '-' => {
                let spaced = i == 0
                    || chars[i - 1].1.is_whitespace()
                    || chars.get(i + 1).is_none_or(|(_, d)| d.is_whitespace());
                if spaced {
                    pending_break = true;
                }
            }
            ',' | ';' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}' | '"' | '\u{201c}'
            | '\u{201d}' | '/' => pending_break = true,
            _ => {}
        }
        i += 1;
    }
    tokens
}

fn push_word(
    word: &str,
    start: usize,
    end: usize,
    sentence: usize,
    pending_break: &mut bool,
    out: &mut Vec<Token>,
) {
    let lower = word.to_lowercase();
    let lower: String = lower
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    if let Some((_, exp)) = APOSTROPHE_ONLY.iter().find(|(w, _)| *w == lower) {
        parts.extend(exp.iter().map(|s| s.to_string()));
    } else {
        // Possessive "'s" is dropped ("baby's" → "baby"); other apostrophes are removed.
        let base = lower.strip_suffix("'s").unwrap_or(&lower);
        let squashed: String = base.chars().filter(|c| *c != '\'').collect();
        if let Some((_, exp)) = CONTRACTIONS.iter().find(|(w, _)| *w == squashed) {
            parts.extend(exp.iter().map(|s| s.to_string()));
        } else if let Some(stem) = squashed
            .strip_suffix("nt")
            .filter(|_| base.ends_with("n't"))
        {
            // Rarer "n't" forms ("needn't", "oughtn't").
            parts.push(stem.to_string());
            parts.push("not".to_string());
        } else {
            parts.push(squashed);
        }
    }
    for norm in parts {
        if norm.is_empty() {
            continue;
        }
        out.push(Token {
            norm,
            start,
            end,
            sentence,
            clause_break: std::mem::take(pending_break),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn expands_contractions_with_and_without_apostrophes() {
        assert_eq!(norms("I didn't"), ["i", "did", "not"]);
        assert_eq!(norms("i didnt"), ["i", "did", "not"]);
        assert_eq!(norms("He\u{2019}ll"), ["he", "will"]);
        assert_eq!(norms("the baby's cot"), ["the", "baby", "cot"]);
        assert_eq!(norms("no-one came"), ["no", "one", "came"]);
    }

    #[test]
    fn hyphens_split_words_and_mark_clause_breaks() {
        let t = tokenize("self-harm, again - later");
        let words: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, ["self", "harm", "again", "later"]);
        assert!(!t[1].clause_break);
        assert!(t[2].clause_break);
        assert!(t[3].clause_break);
    }

    #[test]
    fn sentences_split_on_full_stops_but_not_decimals() {
        let t = tokenize("Born at 3.4kg. Then home");
        assert_eq!(t.last().map(|t| t.sentence), Some(1));
        assert_eq!(t[2].norm, "3");
        assert_eq!(t[3].sentence, 0);
    }

    #[test]
    fn spans_point_into_original_text() {
        let text = "Ça va, A&E était fermé";
        for t in tokenize(text) {
            assert!(text.get(t.start..t.end).is_some());
        }
        assert!(norms(text).contains(&"a&e".to_string()));
    }
}
