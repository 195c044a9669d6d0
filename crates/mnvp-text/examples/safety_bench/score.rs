//! Labelled items, the two baselines and the scoring shared by the benchmark.

use std::collections::BTreeMap;

use mnvp_text::safety::{is_common_given_name, Category};
use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Item {
    pub text: String,
    pub categories: Vec<String>,
    pub entities: Vec<GoldEntity>,
}

#[derive(Deserialize)]
pub struct GoldEntity {
    pub kind: String,
    pub text: String,
}

/// The naive keyword baseline: 20 keywords and the category each points to.
pub const BASELINE_KEYWORDS: [(&str, &str); 20] = [
    ("suicid", "self_harm"),
    ("self harm", "self_harm"),
    ("kill myself", "self_harm"),
    ("end it all", "self_harm"),
    ("hurt myself", "self_harm"),
    ("abuse", "domestic_abuse"),
    ("violen", "domestic_abuse"),
    ("hits me", "domestic_abuse"),
    ("controlling", "domestic_abuse"),
    ("scared", "domestic_abuse"),
    ("social services", "child_risk"),
    ("shook the baby", "child_risk"),
    ("neglect", "child_risk"),
    ("wrong medication", "patient_safety"),
    ("wrong dose", "patient_safety"),
    ("mistake", "patient_safety"),
    ("unsafe", "patient_safety"),
    ("homeless", "other_risk"),
    ("no money", "other_risk"),
    ("threat", "other_risk"),
];

pub fn baseline_detect(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut cats: Vec<String> = BASELINE_KEYWORDS
        .iter()
        .filter(|(k, _)| lower.contains(k))
        .map(|(_, c)| c.to_string())
        .collect();
    cats.sort();
    cats.dedup();
    cats
}

pub fn baseline_redact(text: &str, res: &[Regex]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for re in res {
        for m in re.find_iter(text) {
            if !spans.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
                spans.push((m.start(), m.end()));
            }
        }
    }
    spans
}

/// A predicted span: kind name, start and end byte offsets.
pub type Span = (String, usize, usize);

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
}

pub fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        f64::from(a) / f64::from(b)
    }
}

pub fn score_detection(
    items: &[Item],
    predict: &dyn Fn(&str) -> Vec<String>,
) -> BTreeMap<String, Counts> {
    let mut by: BTreeMap<String, Counts> = BTreeMap::new();
    for item in items {
        let pred = predict(&item.text);
        for cat in Category::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .chain(["ANY".to_string()])
        {
            let (g, p) = if cat == "ANY" {
                (!item.categories.is_empty(), !pred.is_empty())
            } else {
                (item.categories.contains(&cat), pred.contains(&cat))
            };
            let c = by.entry(cat).or_default();
            match (g, p) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    by
}

/// Byte ranges of every occurrence of every gold entity, with its kind.
fn gold_spans(item: &Item) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for e in &item.entities {
        for (s, _) in item.text.match_indices(e.text.as_str()) {
            out.push((e.kind.clone(), s, s + e.text.len()));
        }
    }
    out
}

fn covered(pred: &[(usize, usize)], s: usize, e: usize, text: &str) -> bool {
    text[s..e]
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .all(|(i, _)| pred.iter().any(|&(ps, pe)| ps <= s + i && s + i < pe))
}

pub struct RedactionScore {
    pub recall: BTreeMap<String, (u32, u32)>,
    pub precision: BTreeMap<String, (u32, u32)>,
    pub ordinary_words: u32,
    pub ordinary_wrong: u32,
    pub missed: Vec<String>,
    pub wrong: Vec<String>,
    pub wrong_words: Vec<String>,
    /// Gold names whose first word is not in the built-in list: (found, total).
    pub names_off_list: (u32, u32),
}

pub fn score_redaction(items: &[Item], predict: &dyn Fn(&str) -> Vec<Span>) -> RedactionScore {
    let word = Regex::new(r"[\p{L}\p{N}]+").expect("static regex");
    let mut r = RedactionScore {
        recall: BTreeMap::new(),
        precision: BTreeMap::new(),
        ordinary_words: 0,
        ordinary_wrong: 0,
        missed: Vec::new(),
        wrong: Vec::new(),
        wrong_words: Vec::new(),
        names_off_list: (0, 0),
    };
    for item in items {
        let gold = gold_spans(item);
        let pred = predict(&item.text);
        let pspans: Vec<(usize, usize)> = pred.iter().map(|(_, s, e)| (*s, *e)).collect();
        for e in &item.entities {
            let occ: Vec<&(String, usize, usize)> = gold
                .iter()
                .filter(|(_, s, en)| item.text[*s..*en] == e.text)
                .collect();
            let ok = !occ.is_empty()
                && occ
                    .iter()
                    .all(|(_, s, en)| covered(&pspans, *s, *en, &item.text));
            let first_word = e.text.split([' ', '-']).next().unwrap_or_default();
            if e.kind == "NAME" && !is_common_given_name(first_word) {
                r.names_off_list.1 += 1;
                r.names_off_list.0 += u32::from(ok);
            }
            let c = r.recall.entry(e.kind.clone()).or_default();
            c.1 += 1;
            if ok {
                c.0 += 1;
            } else {
                r.missed
                    .push(format!("{}: {:?} in {:?}", e.kind, e.text, item.text));
            }
        }
        for (kind, s, e) in &pred {
            let hit = gold.iter().any(|(_, gs, ge)| s < ge && gs < e);
            let c = r.precision.entry(kind.clone()).or_default();
            c.1 += 1;
            if hit {
                c.0 += 1;
            } else {
                r.wrong.push(format!(
                    "{kind}: {:?} in {:?}",
                    &item.text[*s..*e],
                    item.text
                ));
            }
        }
        for m in word.find_iter(&item.text) {
            if gold
                .iter()
                .any(|(_, gs, ge)| m.start() < *ge && *gs < m.end())
            {
                continue;
            }
            r.ordinary_words += 1;
            if pspans.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
                r.ordinary_wrong += 1;
                r.wrong_words
                    .push(format!("{:?} in {:?}", m.as_str(), item.text));
            }
        }
    }
    r
}
