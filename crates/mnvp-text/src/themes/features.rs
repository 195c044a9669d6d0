//! Sparse TF-IDF features: word unigrams and bigrams plus character n-grams inside words.
//!
//! Every n-gram is hashed to a 64-bit key (no strings are kept), and a vocabulary built on the
//! training comments maps the keys seen in at least `min_df` comments to dense indices. Each
//! block (words, characters) is weighted with sublinear tf × smoothed idf and L2-normalised on
//! its own; the blocks are then scaled so that the whole vector has unit length.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use super::tokenise::normalise_into;

/// What the feature extractor produces. Stored in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FeatureConfig {
    /// Longest word n-gram (1 = unigrams, 2 = unigrams and bigrams).
    pub word_ngrams: u8,
    /// Shortest and longest character n-gram inside a space-padded word; `0` switches them off.
    pub char_min: u8,
    /// Longest character n-gram.
    pub char_max: u8,
    /// Keep only n-grams seen in at least this many training comments.
    pub min_df: u32,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            word_ngrams: 2,
            char_min: 3,
            char_max: 5,
            min_df: 2,
        }
    }
}

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Raw n-gram keys of one comment, by block, each sorted with its term count.
#[derive(Debug, Default, Clone)]
pub struct RawDoc {
    pub words: Vec<(u64, u32)>,
    pub chars: Vec<(u64, u32)>,
}

/// Reusable buffers so that prediction allocates little.
#[derive(Default)]
pub struct Scratch {
    text: String,
    keys: Vec<u64>,
    raw: RawDoc,
}

fn counted(keys: &mut [u64], out: &mut Vec<(u64, u32)>) {
    keys.sort_unstable();
    out.clear();
    for &k in keys.iter() {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
}

/// Extracts the hashed n-grams of `text` into `scratch.raw`.
fn extract(cfg: &FeatureConfig, text: &str, scratch: &mut Scratch) {
    let Scratch {
        text: norm,
        keys,
        raw,
    } = scratch;
    normalise_into(text, norm);
    keys.clear();
    let mut prev: Option<u64> = None;
    for w in norm.split(' ').filter(|w| !w.is_empty()) {
        let h = fnv(FNV_OFFSET ^ 1, w.as_bytes());
        keys.push(mix(h));
        if cfg.word_ngrams >= 2 {
            if let Some(p) = prev {
                keys.push(mix(p.rotate_left(17) ^ h ^ 0x5bd1_e995));
            }
        }
        prev = Some(h);
    }
    counted(keys, &mut raw.words);
    keys.clear();
    if cfg.char_min > 0 && cfg.char_max >= cfg.char_min {
        let (lo, hi) = (usize::from(cfg.char_min), usize::from(cfg.char_max));
        let mut bounds: Vec<usize> = Vec::with_capacity(32);
        for w in norm.split(' ').filter(|w| !w.is_empty()) {
            // Pad the word with a space on each side, as scikit-learn's `char_wb` does.
            bounds.clear();
            bounds.push(0);
            bounds.extend(w.char_indices().map(|(i, _)| i + 1));
            bounds.push(w.len() + 1);
            bounds.push(w.len() + 2);
            let n_chars = bounds.len() - 1;
            for start in 0..n_chars {
                let mut h = FNV_OFFSET ^ 3;
                for len in 1..=hi.min(n_chars - start) {
                    let (a, b) = (bounds[start + len - 1], bounds[start + len]);
                    h = fnv(h, padded_slice(w, a, b));
                    if len >= lo {
                        keys.push(mix(h ^ (len as u64)));
                    }
                }
            }
        }
    }
    counted(keys, &mut raw.chars);
}

/// Bytes `a..b` of `" " + w + " "` without building that string.
fn padded_slice(w: &str, a: usize, b: usize) -> &[u8] {
    if a == 0 || a > w.len() {
        b" "
    } else {
        &w.as_bytes()[a - 1..b - 1]
    }
}

/// The raw keys of a comment (used while building the vocabulary).
pub fn raw_doc(cfg: &FeatureConfig, text: &str) -> RawDoc {
    let mut s = Scratch::default();
    extract(cfg, text, &mut s);
    s.raw
}

/// Vocabulary and idf weights learnt from training comments.
#[derive(Debug, Clone)]
pub struct FeatureSpace {
    pub config: FeatureConfig,
    /// key → dense index.
    pub index: KeyMap<u32>,
    /// Keys in index order (what the model file stores).
    pub keys: Vec<u64>,
    /// idf by dense index.
    pub idf: Vec<f32>,
}

impl FeatureSpace {
    /// Builds the vocabulary from raw documents.
    pub fn fit(config: FeatureConfig, docs: &[RawDoc]) -> FeatureSpace {
        let mut df: KeyMap<u32> = KeyMap::default();
        for d in docs {
            for (k, _) in d.words.iter().chain(d.chars.iter()) {
                *df.entry(*k).or_insert(0) += 1;
            }
        }
        let n = docs.len() as f32;
        let mut kept: Vec<(u64, u32)> = df
            .into_iter()
            .filter(|(_, c)| *c >= config.min_df.max(1))
            .collect();
        // Most frequent first: their weights then share cache lines during training.
        kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let keys: Vec<u64> = kept.iter().map(|(k, _)| *k).collect();
        let idf = kept
            .iter()
            .map(|(_, c)| ((1.0 + n) / (1.0 + *c as f32)).ln() + 1.0)
            .collect();
        FeatureSpace::from_parts(config, keys, idf)
    }

    pub fn from_parts(config: FeatureConfig, keys: Vec<u64>, idf: Vec<f32>) -> FeatureSpace {
        let mut index = KeyMap::default();
        index.reserve(keys.len());
        for (i, k) in keys.iter().enumerate() {
            index.insert(*k, i as u32);
        }
        FeatureSpace {
            config,
            index,
            keys,
            idf,
        }
    }

    pub fn dim(&self) -> usize {
        self.keys.len()
    }

    /// The weighted sparse vector of a raw document, sorted by index.
    pub fn vector_of_raw(&self, raw: &RawDoc, out: &mut Vec<(u32, f32)>) {
        out.clear();
        let mut blocks = 0;
        for block in [&raw.words, &raw.chars] {
            let start = out.len();
            for (k, tf) in block {
                if let Some(&i) = self.index.get(k) {
                    let v = (1.0 + (*tf as f32).ln()) * self.idf[i as usize];
                    out.push((i, v));
                }
            }
            let norm: f32 = out[start..].iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                blocks += 1;
                for e in &mut out[start..] {
                    e.1 /= norm;
                }
            }
        }
        if blocks > 1 {
            let s = 1.0 / (blocks as f32).sqrt();
            for e in out.iter_mut() {
                e.1 *= s;
            }
        }
        out.sort_unstable_by_key(|e| e.0);
    }

    /// The weighted sparse vector of a comment.
    pub fn vector(&self, text: &str, scratch: &mut Scratch, out: &mut Vec<(u32, f32)>) {
        extract(&self.config, text, scratch);
        self.vector_of_raw(&scratch.raw, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_same_vector_and_unit_norm() {
        let cfg = FeatureConfig {
            min_df: 1,
            ..FeatureConfig::default()
        };
        let docs: Vec<RawDoc> = ["the staff were kind", "long wait for the ambulance"]
            .iter()
            .map(|t| raw_doc(&cfg, t))
            .collect();
        let fs = FeatureSpace::fit(cfg, &docs);
        let mut s = Scratch::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        fs.vector("The staff were KIND!", &mut s, &mut a);
        fs.vector("the staff were kind", &mut s, &mut b);
        assert_eq!(a, b);
        let norm: f32 = a.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        fs.vector("zzzz qqqq", &mut s, &mut a);
        assert!(a.iter().all(|(_, v)| v.is_finite()));
    }

    #[test]
    fn char_ngrams_cover_padded_word() {
        let cfg = FeatureConfig {
            word_ngrams: 1,
            char_min: 2,
            char_max: 3,
            min_df: 1,
        };
        let raw = raw_doc(&cfg, "ab");
        // " ab " has 3 bigrams and 2 trigrams.
        assert_eq!(raw.chars.iter().map(|(_, n)| n).sum::<u32>(), 5);
        assert_eq!(raw.words.len(), 1);
    }
}
