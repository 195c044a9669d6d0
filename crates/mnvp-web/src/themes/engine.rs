//! Between the store and the text engine: building a model version from a codebook and the
//! items people have coded, and turning a model's scores into stored suggestions. Pure and
//! synchronous, so the background worker runs it on a blocking thread and tests call it
//! directly.

use mnvp_domain::themes::labels::{human_labels, with_parents, HumanLabels};
use mnvp_store::themes::{ItemScore, ModelVersion, NewModelVersion, StoredCoding, Theme};
use mnvp_text::themes::{
    cross_validate_with, Codebook as TextCodebook, EvalReport, Params, Theme as TextTheme,
    ThemeModel, TrainingItem, TrainingSet,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Coded items (agreed, single-coder or resolved) a codebook needs before a model is trained
/// on them; until then suggestions come from the codebook's indicative phrases. Thirty gives
/// five-fold cross-validation six items per fold: enough to see whether it learns at all.
pub const MIN_TRAINING_ITEMS: usize = 30;

/// Suggestions below this confidence are not stored or shown (noise, not help).
pub const MIN_SHOWN_CONFIDENCE: f32 = 0.15;

/// Cross-validated figures for one theme, as stored with a model version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThemeFigures {
    pub support: usize,
    pub predicted: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// A model version's figures: per theme id, and overall.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Figures {
    /// How the figures were measured, in words ("5-fold cross-validation on 120 items").
    pub method: String,
    pub themes: BTreeMap<i64, ThemeFigures>,
    pub macro_f1: Option<f64>,
    pub micro_f1: Option<f64>,
    pub sentiment_macro_f1: Option<f64>,
    /// The version is in use but its cross-validation is still running in the background:
    /// no figures yet, and no theme is applied on its own until they exist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub measuring: bool,
}

/// One coded item as a model learns from it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SnapshotItem {
    pub feedback_id: i64,
    pub themes: Vec<i64>,
    pub sentiment: Option<u8>,
}

/// The training-data snapshot stored with each version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    pub codebook_version: i64,
    pub taken_at: String,
    pub items: Vec<SnapshotItem>,
}

/// The labels of every coded item a model may learn from (disputes wait for the lead), with
/// sub-themes' themes added, by item.
pub fn trainable_labels(codings: &[StoredCoding], themes: &[Theme]) -> BTreeMap<i64, HumanLabels> {
    let parent_of: BTreeMap<i64, i64> = themes
        .iter()
        .filter_map(|t| t.parent_id.map(|p| (t.id, p)))
        .collect();
    let mut by_item: BTreeMap<i64, Vec<mnvp_domain::themes::labels::Coding>> = BTreeMap::new();
    for c in codings {
        by_item
            .entry(c.feedback_id)
            .or_default()
            .push(c.as_domain());
    }
    by_item
        .into_iter()
        .filter_map(|(id, cs)| {
            let mut l = human_labels(&cs)?;
            if !l.trainable() || l.themes.is_empty() {
                return None;
            }
            l.themes = with_parents(&l.themes, &parent_of);
            Some((id, l))
        })
        .collect()
}

fn text_codebook(themes: &[Theme]) -> TextCodebook {
    TextCodebook {
        themes: themes
            .iter()
            .map(|t| TextTheme {
                name: t.name.clone(),
                phrases: t.phrase_list(),
            })
            .collect(),
    }
}

/// Words only, in lower case: identical comments (common in feedback) share a group, so
/// cross-validation never tests on a comment it trained on.
fn group_key(text: &str) -> String {
    mnvp_text::themes::words(text).join(" ")
}

fn figures_from(report: &EvalReport, theme_ids: &[i64], method: String) -> Figures {
    Figures {
        method,
        themes: report
            .themes
            .iter()
            .zip(theme_ids)
            .map(|(m, id)| {
                (
                    *id,
                    ThemeFigures {
                        support: m.support,
                        predicted: m.predicted,
                        precision: m.precision,
                        recall: m.recall,
                        f1: m.f1,
                    },
                )
            })
            .collect(),
        macro_f1: Some(report.macro_f1),
        micro_f1: Some(report.micro_f1),
        sentiment_macro_f1: report.sentiment.as_ref().map(|s| s.macro_f1),
        measuring: false,
    }
}

/// How well the phrase matcher does on the items coded so far (no training involved, so no
/// cross-validation is needed).
fn phrase_figures(model: &ThemeModel, set: &TrainingSet, theme_ids: &[i64]) -> Figures {
    let n = theme_ids.len();
    let (mut support, mut predicted, mut tp) = (vec![0usize; n], vec![0usize; n], vec![0usize; n]);
    for item in &set.items {
        let s = model.scores(&item.text);
        for j in 0..n {
            let truth = item.themes.contains(&j);
            support[j] += usize::from(truth);
            predicted[j] += usize::from(s.assigned[j]);
            tp[j] += usize::from(truth && s.assigned[j]);
        }
    }
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    Figures {
        method: format!(
            "indicative phrases checked against the {} item(s) coded so far",
            set.items.len()
        ),
        themes: (0..n)
            .map(|j| {
                let (p, r) = (ratio(tp[j], predicted[j]), ratio(tp[j], support[j]));
                let f1 = if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                };
                (
                    theme_ids[j],
                    ThemeFigures {
                        support: support[j],
                        predicted: predicted[j],
                        precision: p,
                        recall: r,
                        f1,
                    },
                )
            })
            .collect(),
        ..Figures::default()
    }
}

/// Everything a model version is built from.
pub struct BuildInput {
    pub codebook_id: i64,
    pub codebook_version: i64,
    pub themes: Vec<Theme>,
    /// (item, text, labels) for every trainable coded item.
    pub items: Vec<(i64, String, HumanLabels)>,
    pub now: String,
}

/// The engine's training set for an input, with the theme id of each model output.
fn training_set(input: &BuildInput) -> (TrainingSet, Vec<i64>) {
    let theme_ids: Vec<i64> = input.themes.iter().map(|t| t.id).collect();
    let index: BTreeMap<i64, usize> = theme_ids
        .iter()
        .enumerate()
        .map(|(j, id)| (*id, j))
        .collect();
    let set = TrainingSet {
        codebook: text_codebook(&input.themes),
        items: input
            .items
            .iter()
            .map(|(id, text, l)| TrainingItem {
                id: Some(id.to_string()),
                group: Some(group_key(text)),
                text: text.clone(),
                themes: l
                    .themes
                    .iter()
                    .filter_map(|t| index.get(t).copied())
                    .collect(),
                sentiment: l.sentiment,
            })
            .collect(),
    };
    (set, theme_ids)
}

fn training_params() -> Params {
    Params {
        threads: 1,
        min_items: MIN_TRAINING_ITEMS,
        ..Params::default()
    }
}

/// Builds the next model version: trained when enough items are coded, otherwise from the
/// indicative phrases; a failure is returned as a `failed` version with the reason, so the
/// version in use stays in use. A trained version is returned without its cross-validated
/// figures (marked as being measured): cross-validation costs several times the training, so
/// the worker puts the version in use first and `measure`s it afterwards.
pub fn build(input: &BuildInput) -> NewModelVersion {
    let (set, theme_ids) = training_set(input);
    let snapshot = Snapshot {
        codebook_version: input.codebook_version,
        taken_at: input.now.clone(),
        items: input
            .items
            .iter()
            .map(|(id, _, l)| SnapshotItem {
                feedback_id: *id,
                themes: l.themes.clone(),
                sentiment: l.sentiment,
            })
            .collect(),
    };
    let n = set.items.len();
    let mut version = NewModelVersion {
        codebook_id: input.codebook_id,
        status: "ready",
        kind: "phrases",
        codebook_version: input.codebook_version,
        coded_items: n as i64,
        trained_on: 0,
        snapshot: serde_json::to_string(&snapshot).unwrap_or_default(),
        theme_ids: serde_json::to_string(&theme_ids).unwrap_or_default(),
        metrics: String::from("{}"),
        message: String::new(),
        model: None,
    };
    let fail = |mut v: NewModelVersion, message: String| {
        v.status = "failed";
        v.message = message;
        v
    };
    if input.themes.is_empty() {
        return fail(
            version,
            "The codebook has no themes yet. Add themes (with indicative phrases) so that suggestions can start.".into(),
        );
    }
    if n < MIN_TRAINING_ITEMS {
        let model = match ThemeModel::from_indicative_phrases(&set.codebook) {
            Ok(m) => m,
            Err(e) => return fail(version, e.to_string()),
        };
        let with_phrases = input
            .themes
            .iter()
            .filter(|t| !t.phrase_list().is_empty())
            .count();
        version.message = format!(
            "Suggestions come from the codebook's indicative phrases ({with_phrases} of {} themes have some) until {MIN_TRAINING_ITEMS} items are coded; {n} so far.",
            input.themes.len()
        );
        version.metrics =
            serde_json::to_string(&phrase_figures(&model, &set, &theme_ids)).unwrap_or_default();
        return match model.to_bytes() {
            Ok(b) => {
                version.model = Some(b);
                version
            }
            Err(e) => fail(version, format!("The model could not be saved: {e}")),
        };
    }
    version.kind = "trained";
    version.trained_on = n as i64;
    let model = match ThemeModel::train(&set, &training_params()) {
        Ok(m) => m,
        Err(e) => {
            return fail(
                version,
                format!("Training failed: {e}. The previous model stays in use."),
            )
        }
    };
    version.metrics = serde_json::to_string(&Figures {
        measuring: true,
        ..Figures::default()
    })
    .unwrap_or_default();
    match model.to_bytes() {
        Ok(b) => {
            version.model = Some(b);
            version
        }
        Err(e) => fail(version, format!("The model could not be saved: {e}")),
    }
}

/// The cross-validated precision and recall per theme of a trained version, from the same
/// input it was trained on. A failure is described; the version stays in use, suggesting only.
pub fn measure(input: &BuildInput) -> Result<Figures, String> {
    let (set, theme_ids) = training_set(input);
    let n = set.items.len();
    let folds = 5.min(n / 6).max(2);
    let params = training_params();
    // Each fold trains on about four fifths of the items, so the product's minimum (a gate for
    // training at all, applied in `build`) must not apply there, or 30 to 37 coded items would
    // never be measured; the engine's own floor still does.
    let fold_params = Params {
        min_items: Params::default().min_items,
        ..params.clone()
    };
    let report = cross_validate_with(&set, &fold_params, folds, params.seed)
        .map_err(|e| format!("Cross-validation failed: {e}"))?;
    Ok(figures_from(
        &report,
        &theme_ids,
        format!("{folds}-fold cross-validation on the {n} coded items (identical comments kept in one fold)"),
    ))
}

/// Rebuilds what a stored version was trained on, to measure it: the items of its snapshot
/// with their current text (items since deleted are left out), and its themes in the model's
/// output order (a theme deleted since keeps its place, without phrases).
pub fn measure_input(
    version: &ModelVersion,
    snapshot: &str,
    themes: &[Theme],
    texts: &BTreeMap<i64, String>,
) -> Result<BuildInput, String> {
    let snapshot: Snapshot = serde_json::from_str(snapshot)
        .map_err(|e| format!("the training snapshot could not be read ({e})"))?;
    let themes = theme_ids(version)
        .into_iter()
        .map(|id| {
            themes
                .iter()
                .find(|t| t.id == id)
                .cloned()
                .unwrap_or(Theme {
                    id,
                    codebook_id: version.codebook_id,
                    parent_id: None,
                    name: format!("Theme {id} (deleted)"),
                    description: String::new(),
                    phrases: String::new(),
                    position: 0,
                    uses: 0,
                })
        })
        .collect();
    let items = snapshot
        .items
        .into_iter()
        .filter_map(|i| {
            let text = texts.get(&i.feedback_id)?.clone();
            let labels = HumanLabels {
                themes: i.themes,
                sentiment: i.sentiment,
                source: mnvp_domain::themes::labels::LabelSource::SingleCoder,
            };
            Some((i.feedback_id, text, labels))
        })
        .collect();
    Ok(BuildInput {
        codebook_id: version.codebook_id,
        codebook_version: snapshot.codebook_version,
        themes,
        items,
        now: snapshot.taken_at,
    })
}

/// The confidence at or above which a version applies a theme on its own: the codebook's,
/// or none at all while the version's figures are being measured or could not be measured
/// (people must be able to see how far a theme is trusted before it codes anything by itself).
pub fn auto_threshold(version: &ModelVersion, codebook_threshold: f64) -> f64 {
    let f = figures(version);
    if f.measuring || f.themes.is_empty() {
        f64::INFINITY
    } else {
        codebook_threshold
    }
}

/// Loads a stored model version, or says why it cannot be used.
pub fn load(version: &ModelVersion, bytes: Option<&[u8]>) -> Result<ThemeModel, String> {
    let origin = format!("model version {}", version.version);
    let bytes = bytes.ok_or_else(|| format!("{origin}: the stored model is missing"))?;
    ThemeModel::from_bytes(bytes, &origin).map_err(|e| e.to_string())
}

/// Scores items with a model: per theme its confidence and whether it is applied on its own
/// (at or above both the theme's calibrated threshold and the codebook's `auto_threshold`);
/// the item's certainty is how far its closest call is from a threshold.
pub fn score(
    model: &ThemeModel,
    theme_ids: &[i64],
    auto_threshold: f64,
    items: &[(i64, String)],
) -> Vec<ItemScore> {
    let thresholds = model.thresholds();
    items
        .iter()
        .map(|(id, text)| {
            let s = model.scores(text);
            let certainty = s
                .confidences
                .iter()
                .zip(&thresholds)
                .map(|(c, t)| f64::from((c - t).abs()))
                .fold(1.0f64, f64::min);
            let themes = s
                .confidences
                .iter()
                .zip(&thresholds)
                .zip(theme_ids)
                .filter_map(|((&c, &t), &theme)| {
                    let assigned = c >= t && f64::from(c) >= auto_threshold;
                    (assigned || c >= MIN_SHOWN_CONFIDENCE).then_some((
                        theme,
                        f64::from(c),
                        assigned,
                    ))
                })
                .collect();
            ItemScore {
                feedback_id: *id,
                certainty,
                sentiment: model.has_sentiment().then_some(s.sentiment),
                sentiment_confidence: f64::from(s.sentiment_confidence),
                themes,
            }
        })
        .collect()
}

/// Parses a version's stored figures (empty when absent or unreadable).
pub fn figures(version: &ModelVersion) -> Figures {
    serde_json::from_str(&version.metrics).unwrap_or_default()
}

/// Parses a version's theme order.
pub fn theme_ids(version: &ModelVersion) -> Vec<i64> {
    serde_json::from_str(&version.theme_ids).unwrap_or_default()
}

#[cfg(test)]
mod tests;
