//! Personal names of staff, patients, babies and relatives.
//!
//! Names are the most common personal detail in feedback ("midwife Sarah was amazing")
//! and the hardest: there is no checksum and many names are also words ("Grace", "Will")
//! or places ("Jenny Lind ward"). A capitalised word is taken as a name when
//! - it is a known given name (unless it heads a place: "Grace Ward", "the Rosie"), or
//! - context introduces it: a title ("Dr Okafor"), a role ("midwife Priya"), a relation
//!   ("my husband Tom"), naming ("called Priya"), thanks ("thanks to Kwame"), a role after
//!   it ("Sarah the healthcare assistant", "Dawn on reception"), or a care verb after it
//!   at the start of a sentence ("Jess was amazing"), or it is joined by "and" to a name.
//!
//! Surnames after a detected name or title join the span ("Sarah O'Neill").

use std::collections::HashSet;
use std::sync::LazyLock;

use super::name_list::{AMBIGUOUS, GIVEN_NAMES};
use super::name_tokens::{tokenize, Tok};
use super::non_names::{
    NAMING, NON_NAMES, PARTICLES, PLACE_SUFFIXES, RELATIONS, ROLES, THANKING, TITLES,
};

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

static GIVEN: LazyLock<HashSet<&str>> = LazyLock::new(|| set(GIVEN_NAMES));
static AMBIG: LazyLock<HashSet<&str>> = LazyLock::new(|| set(AMBIGUOUS));
static NON: LazyLock<HashSet<&str>> = LazyLock::new(|| set(NON_NAMES));

/// Whether `word` is an unambiguous given name from the built-in list.
pub(crate) fn is_common_given_name(word: &str) -> bool {
    GIVEN.contains(word.to_lowercase().as_str())
}

/// Words after "on/at/in/from" that show a person's workplace ("Dawn on reception").
const WORKPLACES: &[&str] = &[
    "reception",
    "ward",
    "team",
    "shift",
    "unit",
    "clinic",
    "nicu",
    "scbu",
    "group",
    "desk",
    "nights",
    "night",
    "days",
    "department",
    "cafe",
    "labour",
    "delivery",
    "postnatal",
    "antenatal",
    "triage",
    "porters",
    "estates",
    "switchboard",
];
const DETERMINERS: &[&str] = &["the", "my", "our", "a", "an", "his", "her", "their", "your"];
const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "to", "near", "of", "via", "into", "the", "st", "saint",
];
/// Word endings that mark ordinary nouns, adjectives and verbs rather than names.
const WORD_ENDINGS: &[&str] = &[
    "ing", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ed", "ful", "less", "ous",
    "ive", "ism", "ship", "ure", "age", "ery", "ics", "ogy", "ly", "able", "ible",
];

fn is(words: &[&str], t: &Tok) -> bool {
    words.contains(&t.lower.as_str())
}

/// How strongly the surrounding words say "this is a person".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Support {
    None,
    Medium,
    Strong,
}

fn before(toks: &[Tok], i: usize) -> Support {
    if toks[i].barrier || i == 0 {
        return Support::None;
    }
    let p = &toks[i - 1];
    let pp = (i >= 2 && !p.barrier).then(|| &toks[i - 2]);
    let pl = p.lower.as_str();
    if TITLES.contains(&pl) && !toks[i].comma {
        return Support::Strong;
    }
    if is(ROLES, p) || is(RELATIONS, p) || is(NAMING, p) {
        // "health visitor Gemma", "my husband, Tom", "a midwife called Priya".
        return Support::Strong;
    }
    if pl == "one" && pp.is_some_and(|t| t.lower == "little") {
        return Support::Strong;
    }
    if matches!(pl, "her" | "him" | "them" | "is") && pp.is_some_and(|t| is(NAMING, t)) {
        return Support::Strong;
    }
    if is(THANKING, p)
        || (matches!(pl, "you" | "to")
            && pp.is_some_and(|t| matches!(t.lower.as_str(), "thank" | "thanks" | "you")))
    {
        return Support::Medium;
    }
    Support::None
}

fn after(toks: &[Tok], last: usize) -> Support {
    let Some(n) = toks.get(last + 1).filter(|n| !n.barrier) else {
        return Support::None;
    };
    let window = || toks[last + 2..].iter().take(3).take_while(|t| !t.barrier);
    if is(DETERMINERS, n) && window().any(|t| is(ROLES, t) || is(RELATIONS, t)) {
        return Support::Strong;
    }
    if matches!(n.lower.as_str(), "on" | "at" | "in" | "from")
        && window().any(|t| is(WORKPLACES, t))
    {
        return Support::Medium;
    }
    Support::None
}

fn nameish(t: &Tok) -> bool {
    t.word && t.cap && t.lower.chars().count() >= 2
}

fn ordinary(t: &Tok) -> bool {
    NON.contains(t.lower.as_str())
        || is(PLACE_SUFFIXES, t)
        || is(ROLES, t)
        || is(TITLES, t)
        || is(RELATIONS, t)
        || is(THANKING, t)
}

/// The capitalised words from `i` on head a place ("Jenny Lind ward", "Grace Ward").
fn heads_place(toks: &[Tok], i: usize) -> bool {
    let mut j = i + 1;
    while j < toks.len() && j <= i + 3 && !toks[j].barrier && !toks[j].comma {
        if is(PLACE_SUFFIXES, &toks[j]) {
            return true;
        }
        if !toks[j].cap {
            return false;
        }
        j += 1;
    }
    false
}

/// Surname tokens following a name that starts at `i`: returns the last token index.
fn extend(toks: &[Tok], i: usize) -> usize {
    let mut last = i;
    let mut j = i + 1;
    while j < toks.len() && j <= i + 3 && !toks[j].barrier && !toks[j].comma {
        let t = &toks[j];
        if nameish(t) && !ordinary(t) && !AMBIG.contains(t.lower.as_str()) {
            last = j;
        } else if is(PARTICLES, t)
            && toks
                .get(j + 1)
                .is_some_and(|n| nameish(n) && !n.barrier && !ordinary(n))
        {
            last = j + 1;
            j += 1;
        } else {
            break;
        }
        j += 1;
    }
    last
}

fn has_word_ending(lower: &str) -> bool {
    lower.chars().count() > 4 && WORD_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Finds name spans (byte ranges), skipping the `protected` ranges (other entities and
/// placeholders already in the text).
pub(super) fn find(text: &str, protected: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let toks = tokenize(text, protected);
    let mut is_name = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let lower = t.lower.as_str();
        let in_list = GIVEN.contains(lower);
        let ambiguous = AMBIG.contains(lower);
        let lowercase_name = t.word && !t.cap && in_list;
        if !(nameish(t) || lowercase_name) || (ordinary(t) && !ambiguous && !in_list) {
            i += 1;
            continue;
        }
        let last = extend(&toks, i);
        let sup_before = before(&toks, i);
        let sup_after = after(&toks, last);
        let prev = (i > 0 && !t.barrier).then(|| &toks[i - 1]);
        let after_preposition = prev.is_some_and(|p| is(PREPOSITIONS, p));
        let place = heads_place(&toks, i)
            || prev.is_some_and(|p| matches!(p.lower.as_str(), "the" | "st" | "saint"));
        let comma_after = toks.get(last + 1).is_some_and(|n| n.comma);
        let accept = if place || (lowercase_name && sup_before < Support::Strong) {
            false
        } else if in_list {
            true
        } else if ambiguous {
            sup_before.max(sup_after) >= Support::Medium
        } else if sup_before == Support::Strong {
            true
        } else if sup_before == Support::Medium {
            !after_preposition
        } else if has_word_ending(lower) {
            false
        } else if t.barrier {
            // A capitalised word opening a sentence is usually just a word ("Despite the
            // midwife…", "Rang on Boxing day"): only an appositive with a comma counts.
            sup_after == Support::Strong && comma_after
        } else {
            sup_after == Support::Strong || (sup_after == Support::Medium && !after_preposition)
        };
        if accept {
            for flag in &mut is_name[i..=last] {
                *flag = true;
            }
            i = last + 1;
        } else {
            i += 1;
        }
    }
    coordinate(&toks, &mut is_name);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if !is_name[k] {
            continue;
        }
        match spans.last_mut() {
            Some(last) if k > 0 && is_name[k - 1] && !t.barrier && !t.comma => last.1 = t.end,
            _ => spans.push((t.start, t.end)),
        }
    }
    spans
}

/// "Siobhan and Carys", "Agnieszka and Marta": a capitalised word joined by "and" to a
/// name is a name too.
fn coordinate(toks: &[Tok], is_name: &mut [bool]) {
    for _ in 0..2 {
        for k in 0..toks.len() {
            if is_name[k] {
                continue;
            }
            let t = &toks[k];
            if !nameish(t)
                || (ordinary(t) && !AMBIG.contains(t.lower.as_str()))
                || heads_place(toks, k)
            {
                continue;
            }
            let joined_after = k >= 2
                && is_name[k - 2]
                && matches!(toks[k - 1].lower.as_str(), "and" | "or")
                && !t.barrier
                && !toks[k - 1].barrier;
            let joined_before = k + 2 < toks.len()
                && is_name[k + 2]
                && matches!(toks[k + 1].lower.as_str(), "and" | "or")
                && !toks[k + 1].barrier
                && !toks[k + 2].barrier;
            if joined_after || joined_before {
                is_name[k] = true;
            }
        }
    }
}
