//! Cold start: suggesting themes from indicative phrases before anything has been coded.

use super::tokenise::words;
use super::Codebook;

#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    theme: usize,
    /// Stemmed words; a trailing `*` in the source makes the word a prefix.
    words: Vec<(String, bool)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PhraseMatcher {
    phrases: Vec<Phrase>,
}

/// Strips a few common English endings so that "waited", "waits" and "waiting" match "wait".
pub(crate) fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if let Some(stripped) = w.strip_suffix(suffix) {
            if stripped.chars().count() >= 3 {
                return stripped;
            }
        }
    }
    w
}

impl PhraseMatcher {
    pub const THRESHOLD: f32 = 0.5;

    pub fn new(codebook: &Codebook) -> PhraseMatcher {
        let mut phrases = Vec::new();
        for (j, t) in codebook.themes.iter().enumerate() {
            for p in &t.phrases {
                let prefix_last = p.trim_end().ends_with('*');
                let ws = words(p);
                let n = ws.len();
                let ws: Vec<(String, bool)> = ws
                    .into_iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let prefix = prefix_last && i + 1 == n;
                        (if prefix { w } else { stem(&w).to_owned() }, prefix)
                    })
                    .collect();
                if !ws.is_empty() {
                    phrases.push(Phrase {
                        theme: j,
                        words: ws,
                    });
                }
            }
        }
        PhraseMatcher { phrases }
    }

    pub fn confidences(&self, text: &str, n_themes: usize) -> Vec<f32> {
        let ws = words(text);
        let stems: Vec<&str> = ws.iter().map(|w| stem(w)).collect();
        let mut hits = vec![0u32; n_themes];
        for p in &self.phrases {
            let n = p.words.len();
            if n > ws.len() {
                continue;
            }
            let found = (0..=ws.len() - n).any(|s| {
                p.words.iter().enumerate().all(|(k, (pw, prefix))| {
                    if *prefix {
                        ws[s + k].starts_with(pw.as_str())
                    } else {
                        stems[s + k] == pw
                    }
                })
            });
            if found {
                hits[p.theme] += 1;
            }
        }
        hits.into_iter()
            .map(|h| 1.0 - 0.5f32.powi(h.min(30) as i32))
            .collect()
    }
}
