//! Word tokens for name detection.
//!
//! Unlike the detector's tokens, these keep capitalisation, join "O'Neill" and
//! "Adebayo-Smith" into one word, drop a possessive "'s" from the span ("[NAME]'s"), and
//! mark barriers (sentence ends, placeholders, other entities) that context must not
//! cross.

/// Titles that are abbreviations and may be written with a full stop.
const ABBREVIATED_TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "mx", "prof", "rev"];

#[derive(Debug)]
pub(super) struct Tok {
    pub lower: String,
    pub start: usize,
    pub end: usize,
    pub word: bool,
    pub cap: bool,
    /// A sentence end, a placeholder or another entity lies between this and the previous token.
    pub barrier: bool,
    pub comma: bool,
}

pub(super) fn tokenize(text: &str, protected: &[(usize, usize)]) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut barrier = true;
    let mut comma = false;
    let mut it = text.char_indices().peekable();
    while let Some((pos, c)) = it.next() {
        if let Some(&(_, e)) = protected.iter().find(|(s, e)| *s <= pos && pos < *e) {
            while it.peek().is_some_and(|(p, _)| *p < e) {
                it.next();
            }
            barrier = true;
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = pos + c.len_utf8();
            while let Some(&(p, d)) = it.peek() {
                let joiner = matches!(d, '\'' | '\u{2019}' | '-');
                let next_alpha = text[p + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || (joiner && next_alpha) {
                    end = p + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            // A possessive "'s" is not part of the name: "Sarah's" redacts to "[NAME]'s".
            for suffix in ["'s", "\u{2019}s", "'S"] {
                if text[pos..end].len() > suffix.len() + 1 && text[pos..end].ends_with(suffix) {
                    end -= suffix.len();
                }
            }
            let raw = &text[pos..end];
            let lower: String = raw.to_lowercase().replace('\u{2019}', "'");
            let word = raw
                .chars()
                .all(|ch| ch.is_alphabetic() || ch == '\'' || ch == '\u{2019}' || ch == '-');
            let mut chars = raw.chars();
            let cap = chars.next().is_some_and(char::is_uppercase)
                && !chars
                    .clone()
                    .all(|ch| ch.is_uppercase() || !ch.is_alphabetic());
            out.push(Tok {
                lower,
                start: pos,
                end,
                word,
                cap,
                barrier,
                comma,
            });
            barrier = false;
            comma = false;
        } else if matches!(
            c,
            '.' | '!'
                | '?'
                | '\n'
                | '['
                | ']'
                | ':'
                | ';'
                | '('
                | ')'
                | '"'
                | '\u{201c}'
                | '\u{201d}'
        ) {
            // "Dr. Okafor": a full stop straight after an abbreviated title does not end the
            // sentence ("…the nurse. Then…" still does).
            let after_title = c == '.'
                && out.last().is_some_and(|t| {
                    ABBREVIATED_TITLES.contains(&t.lower.as_str()) && t.end == pos
                });
            if !after_title {
                barrier = true;
            }
        } else if c == ',' {
            comma = true;
        }
    }
    out
}
