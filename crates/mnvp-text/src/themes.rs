//! Theme and sentiment classification of short feedback comments.
//!
//! Why this exists: an MNVP lead codes hundreds of comments a month against a theme framework
//! (the NHS QDC framework for Friends and Family Test comments, or the MNVP's own codebook) and
//! gives each a 1–5 sentiment. The engine suggests both, trained on the lead's own coding, so
//! the lead reviews rather than starts from nothing.
//!
//! What it is: one-vs-rest linear SVMs (dual coordinate descent, as liblinear) on TF-IDF word
//! unigrams and bigrams plus character 3–5-grams inside words, chosen by cross-validated macro
//! F1 against alternatives (see `bench/text/README.md`). Raw scores are calibrated into
//! confidences with Platt scaling fitted on inner cross-validation, and each theme gets its own
//! threshold chosen on the same out-of-fold confidences to maximise that theme's F1. A theme is
//! applied only when its calibrated confidence reaches its threshold; both are exposed, so a
//! user interface can show "suggested" and "possible" themes without auto-coding the latter.
//! Sentiment is a five-class one-vs-rest model on the same features.
//!
//! Everything is pure and deterministic for a given seed; the only I/O is model files
//! ([`ThemeModel::save`], [`ThemeModel::load`]) and the caller-provided readers and writers of
//! the CSV functions.

mod calibrate;
mod classify_csv;
mod eval;
mod features;
mod linear;
mod model;
mod persist;
mod phrases;
mod qdc_csv;
mod tokenise;
mod train;

use serde::{Deserialize, Serialize};

pub use classify_csv::{classify_csv, ClassifySummary};
pub use eval::{
    cross_validate, cross_validate_folds, cross_validate_with, eval_report_text, group_folds,
    CvOutcome, EvalReport, ItemPrediction, SentimentMetrics, ThemeMetrics,
};
pub use features::FeatureConfig;
pub use linear::Loss;
pub use model::{Prediction, Scores, ThemeModel, ThemeScore};
pub use persist::ModelError;
pub use qdc_csv::{read_qdc_csv, CsvError, QDC_EXCLUDED_COLUMNS};
pub use tokenise::{is_blank_answer, words};

/// One theme of a codebook: its name and, optionally, indicative phrases for cold start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub name: String,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// The set of themes a model assigns, in a fixed order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    pub themes: Vec<Theme>,
}

impl Codebook {
    /// A codebook of theme names without phrases.
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Codebook {
        Codebook {
            themes: names
                .into_iter()
                .map(|n| Theme {
                    name: n.into(),
                    phrases: Vec::new(),
                })
                .collect(),
        }
    }

    /// A codebook whose themes carry indicative phrases (for [`ThemeModel::from_indicative_phrases`]).
    pub fn with_phrases<S: Into<String>, P: Into<String>>(
        themes: impl IntoIterator<Item = (S, Vec<P>)>,
    ) -> Codebook {
        Codebook {
            themes: themes
                .into_iter()
                .map(|(n, ps)| Theme {
                    name: n.into(),
                    phrases: ps.into_iter().map(Into::into).collect(),
                })
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.themes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.themes.iter().map(|t| t.name.as_str())
    }

    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.name == name)
    }
}

/// One coded comment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrainingItem {
    /// The comment's id (e.g. `Comment ID`), if known.
    pub id: Option<String>,
    /// Who gave it (e.g. `Respondent ID`): cross-validation keeps a group's comments together.
    pub group: Option<String>,
    pub text: String,
    /// Indices into the codebook of the themes coded for this comment.
    pub themes: Vec<usize>,
    /// Sentiment 1 (very positive) … 5 (very negative), if coded.
    pub sentiment: Option<u8>,
}

/// Coded comments against one codebook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingSet {
    pub codebook: Codebook,
    pub items: Vec<TrainingItem>,
}

impl TrainingSet {
    pub fn new(codebook: Codebook) -> TrainingSet {
        TrainingSet {
            codebook,
            items: Vec::new(),
        }
    }

    /// Adds a comment coded with the named themes; unknown theme names are an error.
    pub fn push(
        &mut self,
        text: &str,
        themes: &[&str],
        sentiment: Option<u8>,
    ) -> Result<(), TrainError> {
        let mut idx = Vec::with_capacity(themes.len());
        for t in themes {
            idx.push(
                self.codebook
                    .index_of(t)
                    .ok_or_else(|| TrainError::UnknownTheme((*t).to_owned()))?,
            );
        }
        self.items.push(TrainingItem {
            text: text.to_owned(),
            themes: idx,
            sentiment,
            ..TrainingItem::default()
        });
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Training settings. The defaults are the ones chosen by cross-validation on the QDC data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub features: FeatureConfig,
    pub loss: Loss,
    /// SVM cost C (inverse regularisation strength).
    pub c: f32,
    /// Extra weight of a theme's positives: `(negatives / positives) ^ power`
    /// (0 = none, 1 = fully balanced).
    pub positive_weight_power: f32,
    /// Same for the sentiment classes.
    pub sentiment_weight_power: f32,
    /// Folds of the inner cross-validation that calibrates confidences and picks thresholds.
    pub inner_folds: usize,
    pub max_epochs: usize,
    pub tolerance: f32,
    pub seed: u64,
    /// Worker threads for training (one binary problem per task).
    pub threads: usize,
    /// Training refuses fewer comments than this.
    pub min_items: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            features: FeatureConfig::default(),
            loss: Loss::SquaredHinge,
            c: 0.25,
            positive_weight_power: 0.0,
            sentiment_weight_power: 0.5,
            inner_folds: 3,
            max_epochs: 50,
            tolerance: 0.1,
            seed: 42,
            threads: 1,
            min_items: 10,
        }
    }
}

/// Why a model could not be trained.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrainError {
    #[error("the codebook has no themes")]
    EmptyCodebook,
    #[error("too few coded comments to train on: {found}, need at least {required}")]
    TooFewItems { found: usize, required: usize },
    #[error("no comment is coded with any theme")]
    NoLabels,
    #[error("comment {item} refers to theme number {theme}, but the codebook has {themes} themes")]
    ThemeOutOfRange {
        item: usize,
        theme: usize,
        themes: usize,
    },
    #[error("unknown theme {0:?}")]
    UnknownTheme(String),
    #[error("comment {item} has sentiment {value}; sentiment must be 1 to 5")]
    BadSentiment { item: usize, value: u8 },
    #[error("the comments contain no words to learn from")]
    NoFeatures,
    #[error(
        "cross-validation needs at least 2 folds and no more folds than comments (asked for {0})"
    )]
    BadFolds(usize),
}
