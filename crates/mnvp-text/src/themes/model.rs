//! The trained model and prediction.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use super::calibrate::Platt;
use super::features::{FeatureSpace, Scratch};
use super::phrases::PhraseMatcher;
use super::{Codebook, Params, TrainError, TrainingSet};

/// Number of sentiment classes (1 very positive … 5 very negative).
pub const SENTIMENT_CLASSES: usize = 5;

/// A theme's calibrated confidence, its threshold, and whether it is applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeScore {
    pub label: String,
    pub confidence: f32,
    pub threshold: f32,
    /// `confidence >= threshold`: the model applies the theme. Below the threshold it is at
    /// most a suggestion for a person to consider.
    pub assigned: bool,
}

/// What the model says about one comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The applied themes with their confidences, most confident first.
    pub themes: Vec<(String, f32)>,
    /// Every theme of the codebook, in codebook order.
    pub scores: Vec<ThemeScore>,
    /// 1 (very positive) … 5 (very negative). 3 when the model has no sentiment part.
    pub sentiment: u8,
    /// Calibrated probability of `sentiment`; 0 when the model has no sentiment part.
    pub sentiment_confidence: f32,
}

/// The numbers behind a [`Prediction`], without theme names (for bulk work).
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Calibrated confidence per theme, codebook order.
    pub confidences: Vec<f32>,
    /// Whether each theme reaches its threshold.
    pub assigned: Vec<bool>,
    pub sentiment: u8,
    pub sentiment_confidence: f32,
}

#[derive(Debug, Clone)]
pub(crate) struct Linear {
    pub space: FeatureSpace,
    pub bias: f32,
    /// Outputs: one per theme, then the sentiment classes if present.
    pub n_out: usize,
    /// `(dim + 1) × n_out`, feature-major (the bias row last).
    pub weights: Vec<f32>,
    pub platt: Vec<Platt>,
    pub thresholds: Vec<f32>,
    pub has_sentiment: bool,
    /// Multipliers of the sentiment classes' probabilities before the argmax, chosen on the
    /// inner cross-validation to maximise sentiment macro F1.
    pub sentiment_scale: Vec<f32>,
    pub params: Params,
    pub trained_on: usize,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    Linear(Box<Linear>),
    Phrases(PhraseMatcher),
}

/// A theme and sentiment model for one codebook.
#[derive(Debug, Clone)]
pub struct ThemeModel {
    pub(crate) codebook: Codebook,
    pub(crate) kind: Kind,
}

/// Per-thread buffers: extractor scratch, the sparse vector, the raw outputs.
type Buffers = (Scratch, Vec<(u32, f32)>, Vec<f32>);

thread_local! {
    static SCRATCH: RefCell<Buffers> = RefCell::new(Default::default());
}

impl ThemeModel {
    /// Trains theme and sentiment classifiers on coded comments.
    pub fn train(set: &TrainingSet, params: &Params) -> Result<ThemeModel, TrainError> {
        super::train::train(set, params)
    }

    /// A model that needs no coded comments: a theme is suggested when the comment contains one
    /// of its indicative phrases (word by word, ignoring case and simple endings such as
    /// "-s", "-ed", "-ing"; a phrase word ending in `*` matches any word starting with it).
    /// Confidence is 0.5 for one matching phrase, 0.75 for two, and so on; the threshold is 0.5.
    /// It predicts no sentiment (3 with confidence 0).
    pub fn from_indicative_phrases(codebook: &Codebook) -> Result<ThemeModel, TrainError> {
        if codebook.is_empty() {
            return Err(TrainError::EmptyCodebook);
        }
        Ok(ThemeModel {
            codebook: codebook.clone(),
            kind: Kind::Phrases(PhraseMatcher::new(codebook)),
        })
    }

    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// Per-theme thresholds on calibrated confidence, codebook order.
    pub fn thresholds(&self) -> Vec<f32> {
        match &self.kind {
            Kind::Linear(l) => l.thresholds.clone(),
            Kind::Phrases(_) => vec![PhraseMatcher::THRESHOLD; self.codebook.len()],
        }
    }

    /// Whether the model predicts sentiment.
    pub fn has_sentiment(&self) -> bool {
        matches!(&self.kind, Kind::Linear(l) if l.has_sentiment)
    }

    /// Training settings, for a trained model.
    pub fn params(&self) -> Option<&Params> {
        match &self.kind {
            Kind::Linear(l) => Some(&l.params),
            Kind::Phrases(_) => None,
        }
    }

    /// The confidences and decisions for one comment.
    pub fn scores(&self, text: &str) -> Scores {
        match &self.kind {
            Kind::Phrases(m) => {
                let confidences = m.confidences(text, self.codebook.len());
                let assigned = confidences
                    .iter()
                    .map(|&c| c >= PhraseMatcher::THRESHOLD)
                    .collect();
                Scores {
                    confidences,
                    assigned,
                    sentiment: 3,
                    sentiment_confidence: 0.0,
                }
            }
            Kind::Linear(l) => SCRATCH.with(|cell| {
                let mut guard = cell.borrow_mut();
                let (scratch, vec, out) = &mut *guard;
                l.space.vector(text, scratch, vec);
                l.raw_outputs(vec, out);
                l.finish(out)
            }),
        }
    }

    /// The full prediction for one comment.
    pub fn predict(&self, text: &str) -> Prediction {
        let s = self.scores(text);
        let thresholds = self.thresholds();
        let scores: Vec<ThemeScore> = self
            .codebook
            .themes
            .iter()
            .enumerate()
            .map(|(j, t)| ThemeScore {
                label: t.name.clone(),
                confidence: s.confidences[j],
                threshold: thresholds[j],
                assigned: s.assigned[j],
            })
            .collect();
        let mut themes: Vec<(String, f32)> = scores
            .iter()
            .filter(|t| t.assigned)
            .map(|t| (t.label.clone(), t.confidence))
            .collect();
        themes.sort_by(|a, b| b.1.total_cmp(&a.1));
        Prediction {
            themes,
            scores,
            sentiment: s.sentiment,
            sentiment_confidence: s.sentiment_confidence,
        }
    }
}

impl Linear {
    pub fn n_themes(&self) -> usize {
        self.thresholds.len()
    }

    /// Raw decision values of every output.
    pub fn raw_outputs(&self, x: &[(u32, f32)], out: &mut Vec<f32>) {
        let n = self.n_out;
        let dim = self.space.dim();
        out.clear();
        out.extend_from_slice(&self.weights[dim * n..(dim + 1) * n]);
        for o in out.iter_mut() {
            *o *= self.bias;
        }
        for &(i, v) in x {
            let row = &self.weights[i as usize * n..(i as usize + 1) * n];
            for (o, w) in out.iter_mut().zip(row) {
                *o += v * w;
            }
        }
    }

    /// Calibrates raw outputs and applies thresholds.
    pub fn finish(&self, raw: &[f32]) -> Scores {
        let t = self.n_themes();
        let confidences: Vec<f32> = (0..t).map(|j| self.platt[j].prob(raw[j])).collect();
        let assigned = confidences
            .iter()
            .zip(&self.thresholds)
            .map(|(c, th)| c >= th)
            .collect();
        let (sentiment, sentiment_confidence) = if self.has_sentiment {
            let probs: Vec<f32> = (0..SENTIMENT_CLASSES)
                .map(|k| self.platt[t + k].prob(raw[t + k]))
                .collect();
            sentiment_decision(&probs, &self.sentiment_scale)
        } else {
            (3, 0.0)
        };
        Scores {
            confidences,
            assigned,
            sentiment,
            sentiment_confidence,
        }
    }
}

/// Picks the class (1-based) with the largest scaled one-vs-rest probability; its confidence is
/// its share of the unscaled probabilities.
pub(crate) fn sentiment_decision(probs: &[f32], scale: &[f32]) -> (u8, f32) {
    let total: f32 = probs.iter().sum();
    let (mut best, mut best_v) = (0usize, f32::MIN);
    for (k, &p) in probs.iter().enumerate() {
        let v = p * scale.get(k).copied().unwrap_or(1.0);
        if v > best_v {
            best = k;
            best_v = v;
        }
    }
    let conf = if total > 0.0 {
        probs[best] / total
    } else {
        0.0
    };
    (best as u8 + 1, conf)
}
