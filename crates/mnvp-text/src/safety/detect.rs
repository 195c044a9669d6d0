//! Disclosure detection: finds cues, drops negated or non-disclosing ones, and combines
//! weak signals (a failure in care next to a harm) into categories.
//!
//! Recall comes first: a missed disclosure can leave someone at risk without follow-up,
//! so cues are broad and tolerate typos. Precision is protected by three checks that
//! mirror how people actually write: local negation ("I never felt unsafe"), talk about
//! services rather than experience ("the domestic abuse posters are good", "the midwife
//! asked if I had thoughts of harming myself"), and concerns explicitly in the past and
//! resolved ("I left him years ago and I'm happily married now").

use std::sync::LazyLock;

use super::cues::{prepare, Pattern};
use super::lexicon::{Class, Ctx, CUES};
use super::negation::{is_negated, is_negator};
use super::text::{tokenize, Token};
use super::{Category, Detection, Reason};

static COMPILED: LazyLock<Vec<(Class, Pattern)>> =
    LazyLock::new(|| CUES.iter().map(|(c, p)| (*c, Pattern::parse(p))).collect());

const CHILD_WORDS: &[&str] = &[
    "baby",
    "babies",
    "son",
    "daughter",
    "child",
    "children",
    "kids",
    "kid",
    "toddler",
    "newborn",
    "niece",
    "nephew",
    "stepdaughter",
    "stepson",
    "infant",
    "cot",
    "boy",
    "girl",
];
const PARTNER_WORDS: &[&str] = &[
    "he",
    "him",
    "his",
    "husband",
    "partner",
    "boyfriend",
    "fella",
    "ex",
    "wife",
    "girlfriend",
    "fiance",
    "law",
    "home",
];
const FAMILY_WORDS: &[&str] = &[
    "husband",
    "partner",
    "boyfriend",
    "fella",
    "ex",
    "wife",
    "girlfriend",
    "fiance",
    "law",
    "family",
];
const HOUSING_WORDS: &[&str] = &[
    "flat",
    "house",
    "housing",
    "hostel",
    "room",
    "landlord",
    "council",
    "accommodation",
    "hotel",
    "shelter",
    "building",
    "area",
    "street",
    "estate",
];
const STAFF_WORDS: &[&str] = &[
    "midwife",
    "midwives",
    "nurse",
    "nurses",
    "doctor",
    "doctors",
    "student",
    "staff",
    "porter",
    "hca",
    "consultant",
    "paediatrician",
    "registrar",
    "sonographer",
];
/// Words showing that a topic is being talked about as a service or policy.
const INSTITUTIONAL: &[&str] = &[
    "posters",
    "poster",
    "helpline",
    "helplines",
    "leaflet",
    "leaflets",
    "policy",
    "policies",
    "training",
    "prevention",
    "awareness",
    "screening",
    "routine",
    "information",
    "cards",
    "charity",
    "campaign",
    "course",
    "courses",
];
const ASKING: &[&str] = &["asked", "ask", "asks", "asking", "question", "questions"];
const PAST_MARKERS: &[&str] = &[
    "ago",
    "back",
    "past",
    "previous",
    "previously",
    "used",
    "former",
];
const RESOLVED_MARKERS: &[&str] = &["now", "settled", "happily", "longer", "anymore"];
const BREAKERS: &[&str] = &["but", "because", "he", "she", "they", "although", "though"];

struct Hit {
    class: Class,
    start: usize,
    end: usize,
}

fn in_sentence(tokens: &[Token], sentence: usize) -> impl Iterator<Item = &Token> {
    tokens.iter().filter(move |t| t.sentence == sentence)
}

fn sentence_has(tokens: &[Token], sentence: usize, words: &[&str]) -> bool {
    in_sentence(tokens, sentence).any(|t| words.contains(&t.norm.as_str()))
}

/// Whether a word from `words` appears up to `before` tokens before the cue (stopping at a
/// clause breaker) or up to `after` tokens after it, within the sentence.
fn near(
    tokens: &[Token],
    start: usize,
    end: usize,
    before: usize,
    after: usize,
    words: &[&str],
) -> bool {
    let sentence = tokens[start].sentence;
    let mut i = start;
    let mut n = 0;
    while i > 0 && n < before {
        i -= 1;
        let t = &tokens[i];
        if t.sentence != sentence || BREAKERS.contains(&t.norm.as_str()) {
            break;
        }
        if words.contains(&t.norm.as_str()) {
            return true;
        }
        n += 1;
    }
    tokens[end..]
        .iter()
        .take(after)
        .take_while(|t| t.sentence == sentence)
        .any(|t| words.contains(&t.norm.as_str()))
}

fn resolved_in_past(tokens: &[Token], sentence: usize) -> bool {
    sentence_has(tokens, sentence, PAST_MARKERS) && sentence_has(tokens, sentence, RESOLVED_MARKERS)
}

fn contextual(ctx: Ctx, tokens: &[Token], start: usize, end: usize) -> Vec<Category> {
    let s = tokens[start].sentence;
    let child = sentence_has(tokens, s, CHILD_WORDS);
    let partner = sentence_has(tokens, s, PARTNER_WORDS);
    match ctx {
        Ctx::Unsafe if sentence_has(tokens, s, HOUSING_WORDS) => vec![Category::OtherRisk],
        Ctx::Unsafe if child => vec![Category::ChildRisk],
        Ctx::Unsafe if partner => vec![Category::DomesticAbuse],
        Ctx::Unsafe => vec![Category::OtherRisk],
        Ctx::Violence if child => vec![Category::ChildRisk],
        Ctx::Violence => vec![Category::DomesticAbuse],
        Ctx::Threat => {
            // A threat from a partner or family member against the writer is abuse;
            // threats against others ("he'll kill the doctor") are other risk.
            let against_me = tokens[start..]
                .iter()
                .take(end - start + 1)
                .take_while(|t| t.sentence == s)
                .any(|t| matches!(t.norm.as_str(), "me" | "us" | "my"));
            if sentence_has(tokens, s, FAMILY_WORDS) && against_me {
                vec![Category::DomesticAbuse]
            } else {
                vec![Category::OtherRisk]
            }
        }
        Ctx::Dropped if sentence_has(tokens, s, STAFF_WORDS) => {
            vec![Category::ChildRisk, Category::PatientSafety]
        }
        Ctx::Dropped => vec![Category::ChildRisk],
        Ctx::Fall => {
            let from = start.saturating_sub(2);
            let baby_fell = tokens[from..start]
                .iter()
                .any(|t| t.sentence == s && CHILD_WORDS.contains(&t.norm.as_str()));
            if baby_fell {
                vec![Category::ChildRisk]
            } else {
                vec![Category::PatientSafety]
            }
        }
    }
}

fn reason(
    text: &str,
    tokens: &[Token],
    category: Category,
    a: (usize, usize),
    b: (usize, usize),
) -> Reason {
    let (s1, e1) = (tokens[a.0].start, tokens[a.1 - 1].end);
    let (s2, e2) = (tokens[b.0].start, tokens[b.1 - 1].end);
    let cue = if a == b {
        text.get(s1..e1).unwrap_or_default().to_string()
    } else {
        let (first, second) = if s1 <= s2 {
            ((s1, e1), (s2, e2))
        } else {
            ((s2, e2), (s1, e1))
        };
        format!(
            "{} \u{2026} {}",
            text.get(first.0..first.1).unwrap_or_default(),
            text.get(second.0..second.1).unwrap_or_default()
        )
    };
    Reason {
        category,
        start: s1.min(s2),
        end: e1.max(e2),
        cue,
    }
}

/// Detects disclosures that need a person to look at them: self-harm, domestic abuse,
/// risk to a child, harm or near misses in care, and other immediate concerns.
///
/// Never panics; empty or odd input simply yields an unflagged [`Detection`].
pub fn detect(text: &str) -> Detection {
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return Detection::default();
    }
    let toks = prepare(&tokens);
    let mut hits = Vec::new();
    for (class, pattern) in COMPILED.iter() {
        for (start, end) in pattern.find_all(&toks) {
            let self_negating = is_negator(&tokens[start].norm);
            if !self_negating && is_negated(&tokens, start) {
                continue;
            }
            let evidence = matches!(class, Class::Failure | Class::Harm);
            if !evidence {
                if near(&tokens, start, end, 8, 0, ASKING) {
                    continue;
                }
                if matches!(class, Class::Topic(_) | Class::Context(_))
                    && near(&tokens, start, end, 5, 4, INSTITUTIONAL)
                {
                    continue;
                }
                if resolved_in_past(&tokens, tokens[start].sentence) {
                    continue;
                }
            }
            hits.push(Hit {
                class: *class,
                start,
                end,
            });
        }
    }

    let mut reasons = Vec::new();
    for h in &hits {
        let cats = match h.class {
            Class::Fixed(c) | Class::Topic(c) => vec![c],
            Class::Context(ctx) => contextual(ctx, &tokens, h.start, h.end),
            Class::Failure | Class::Harm | Class::NearChild => continue,
        };
        for c in cats {
            reasons.push(reason(text, &tokens, c, (h.start, h.end), (h.start, h.end)));
        }
    }
    // A failure in care is a safety concern when a harm is mentioned in the same or the
    // next sentence ("sent home … stillborn", "nobody came … bleeding").
    let failures: Vec<&Hit> = hits.iter().filter(|h| h.class == Class::Failure).collect();
    let harms: Vec<&Hit> = hits.iter().filter(|h| h.class == Class::Harm).collect();
    if let Some((f, h)) = failures.iter().find_map(|f| {
        let fs = tokens[f.start].sentence;
        harms
            .iter()
            .find(|h| {
                tokens[h.start].sentence.abs_diff(fs) <= 1 && (h.start, h.end) != (f.start, f.end)
            })
            .map(|h| (*f, *h))
    }) {
        reasons.push(reason(
            text,
            &tokens,
            Category::PatientSafety,
            (f.start, f.end),
            (h.start, h.end),
        ));
    }
    // Drugs, alcohol or neglect at home become a child-risk concern when a child is in the
    // same sentence.
    for h in hits.iter().filter(|h| h.class == Class::NearChild) {
        if sentence_has(&tokens, tokens[h.start].sentence, CHILD_WORDS) {
            reasons.push(reason(
                text,
                &tokens,
                Category::ChildRisk,
                (h.start, h.end),
                (h.start, h.end),
            ));
        }
    }
    reasons.sort_by_key(|r| (r.start, r.end, r.category));
    reasons.dedup();
    let mut categories: Vec<Category> = reasons.iter().map(|r| r.category).collect();
    categories.sort();
    categories.dedup();
    Detection {
        flagged: !categories.is_empty(),
        categories,
        reasons,
    }
}

#[cfg(test)]
mod tests;
