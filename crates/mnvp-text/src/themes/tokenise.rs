//! Text normalisation shared by training, prediction and the cold-start phrase matcher.
//!
//! Comments arrive misspelt, in mixed case, with smart quotes, emoji and numbers. We keep it
//! simple and predictable: lower-case, letters and digits form words, apostrophes inside a word
//! are dropped ("didn't" → "didnt"), every digit becomes `0` (so "2 hours" and "3 hours" share
//! a feature), everything else separates words.

/// Appends the normalised words of `text` to `out`, separated by single spaces, and returns the
/// number of words written. `out` is cleared first.
pub fn normalise_into(text: &str, out: &mut String) -> usize {
    out.clear();
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                in_word = true;
            }
            if c.is_ascii() {
                let l = c.to_ascii_lowercase();
                out.push(if l.is_ascii_digit() { '0' } else { l });
            } else if c.is_numeric() {
                out.push('0');
            } else {
                out.extend(c.to_lowercase());
            }
        } else if is_apostrophe(c) && in_word {
            // Stay inside the word: "didn't" → "didnt".
        } else if is_symbol(c) {
            // Emoji and pictographs carry sentiment ("👍", "☹"): each is a word of its own.
            if words > 0 {
                out.push(' ');
            }
            words += 1;
            out.push(c);
            in_word = false;
        } else {
            in_word = false;
        }
    }
    words
}

fn is_symbol(c: char) -> bool {
    let u = u32::from(c);
    u >= 0x2190
        && !c.is_whitespace()
        && !(0x2000..=0x206F).contains(&u)
        && !(0xFE00..=0xFE0F).contains(&u)
        && u != 0x200D
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`')
}

/// The normalised words of `text`.
pub fn words(text: &str) -> Vec<String> {
    let mut s = String::new();
    normalise_into(text, &mut s);
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True when the text has no word at all, or is one of the null markers spreadsheet exports use
/// for a missing answer (the same list pandas treats as missing, which pxtextmining relies on).
pub fn is_blank_answer(text: &str) -> bool {
    const NULLS: [&str; 19] = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ];
    if NULLS.contains(&text) {
        return true;
    }
    // pxtextmining removes digits and ASCII punctuation: a comment of only those is empty.
    text.chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_splits() {
        assert_eq!(
            words("The Midwife, Sarah's care!"),
            ["the", "midwife", "sarahs", "care"]
        );
        assert_eq!(words("waited 45 mins"), ["waited", "00", "mins"]);
        assert_eq!(words("  "), Vec::<String>::new());
        assert_eq!(words("Ça va – très bien"), ["ça", "va", "très", "bien"]);
        assert_eq!(words("great👍👍"), ["great", "👍", "👍"]);
    }

    #[test]
    fn blank_answers() {
        assert!(is_blank_answer(""));
        assert!(is_blank_answer("N/A"));
        assert!(is_blank_answer(" 123 ... "));
        assert!(!is_blank_answer("ok"));
        assert!(!is_blank_answer("Did not answer"));
    }
}
