//! Cross-validation and its report.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::linear::Rng;
use super::model::ThemeModel;
use super::{Params, TrainError, TrainingItem, TrainingSet};

/// Precision, recall and F1 of one theme over all out-of-fold predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeMetrics {
    pub label: String,
    /// Comments coded with the theme.
    pub support: usize,
    /// Comments the model applied it to.
    pub predicted: usize,
    pub true_positives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentimentMetrics {
    /// Comments with a coded sentiment.
    pub n: usize,
    /// Mean F1 over the sentiment values present in the data.
    pub macro_f1: f64,
    pub accuracy: f64,
    /// F1 of sentiment 1 … 5.
    pub per_class_f1: Vec<f64>,
}

/// The result of cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub n_items: usize,
    pub folds: usize,
    pub themes: Vec<ThemeMetrics>,
    /// Mean F1 over the themes with at least one coded comment.
    pub macro_f1: f64,
    /// F1 over all (comment, theme) decisions pooled.
    pub micro_f1: f64,
    pub sentiment: Option<SentimentMetrics>,
    /// Mean wall-clock seconds to train one fold's model.
    pub train_seconds_per_fold: f64,
    /// Comments classified per second on one thread.
    pub comments_per_second: f64,
}

/// The out-of-fold prediction for one comment.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPrediction {
    pub item: usize,
    pub fold: usize,
    /// Applied themes (codebook indices).
    pub themes: Vec<usize>,
    pub confidences: Vec<f32>,
    pub sentiment: u8,
    pub sentiment_confidence: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CvOutcome {
    pub report: EvalReport,
    /// One per comment, in item order.
    pub predictions: Vec<ItemPrediction>,
}

/// Assigns items to `k` folds, keeping each group (e.g. respondent) in one fold; items without
/// a group are their own group. Groups are shuffled with `seed` and dealt to the emptiest fold.
pub fn group_folds(items: &[TrainingItem], k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let mut group_index: HashMap<&str, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        match it.group.as_deref() {
            Some(g) => {
                let gi = *group_index.entry(g).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                });
                members[gi].push(i);
            }
            None => members.push(vec![i]),
        }
    }
    let mut order: Vec<usize> = (0..members.len()).collect();
    Rng::new(seed).shuffle(&mut order);
    let mut sizes = vec![0usize; k];
    let mut fold_of = vec![0usize; items.len()];
    for g in order {
        let f = (0..k).min_by_key(|&f| sizes[f]).unwrap_or(0);
        sizes[f] += members[g].len();
        for &i in &members[g] {
            fold_of[i] = f;
        }
    }
    fold_of
}

/// `folds`-fold cross-validation with the default settings and the given seed.
pub fn cross_validate(
    set: &TrainingSet,
    folds: usize,
    seed: u64,
) -> Result<EvalReport, TrainError> {
    let params = Params {
        seed,
        ..Params::default()
    };
    cross_validate_with(set, &params, folds, seed)
}

/// Cross-validation with explicit settings; folds are grouped as [`group_folds`].
pub fn cross_validate_with(
    set: &TrainingSet,
    params: &Params,
    folds: usize,
    seed: u64,
) -> Result<EvalReport, TrainError> {
    if folds < 2 || folds > set.items.len() {
        return Err(TrainError::BadFolds(folds));
    }
    let fold_of = group_folds(&set.items, folds, seed);
    Ok(cross_validate_folds(set, params, &fold_of)?.report)
}

/// Cross-validation on a given fold assignment (`fold_of[i]` for item `i`, folds `0..k`).
pub fn cross_validate_folds(
    set: &TrainingSet,
    params: &Params,
    fold_of: &[usize],
) -> Result<CvOutcome, TrainError> {
    let k = fold_of.iter().max().map_or(0, |m| m + 1);
    if k < 2 || fold_of.len() != set.items.len() {
        return Err(TrainError::BadFolds(k));
    }
    let mut predictions: Vec<Option<ItemPrediction>> = vec![None; set.items.len()];
    let (mut train_secs, mut classify_secs, mut classified) = (0.0, 0.0, 0usize);
    let mut used_folds = 0;
    for f in 0..k {
        let test: Vec<usize> = (0..set.items.len()).filter(|&i| fold_of[i] == f).collect();
        if test.is_empty() {
            continue;
        }
        used_folds += 1;
        let train = TrainingSet {
            codebook: set.codebook.clone(),
            items: set
                .items
                .iter()
                .zip(fold_of)
                .filter(|(_, &g)| g != f)
                .map(|(it, _)| it.clone())
                .collect(),
        };
        let t0 = Instant::now();
        let model = ThemeModel::train(&train, params)?;
        train_secs += t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        for &i in &test {
            let s = model.scores(&set.items[i].text);
            predictions[i] = Some(ItemPrediction {
                item: i,
                fold: f,
                themes: s
                    .assigned
                    .iter()
                    .enumerate()
                    .filter(|(_, &a)| a)
                    .map(|(j, _)| j)
                    .collect(),
                confidences: s.confidences,
                sentiment: s.sentiment,
                sentiment_confidence: s.sentiment_confidence,
            });
        }
        classify_secs += t1.elapsed().as_secs_f64();
        classified += test.len();
    }
    let predictions: Vec<ItemPrediction> = predictions.into_iter().flatten().collect();
    let mut report = score(set, &predictions, used_folds);
    report.train_seconds_per_fold = train_secs / used_folds.max(1) as f64;
    report.comments_per_second = if classify_secs > 0.0 {
        classified as f64 / classify_secs
    } else {
        0.0
    };
    Ok(CvOutcome {
        report,
        predictions,
    })
}

fn f1(tp: usize, predicted: usize, support: usize) -> (f64, f64, f64) {
    let p = if predicted > 0 {
        tp as f64 / predicted as f64
    } else {
        0.0
    };
    let r = if support > 0 {
        tp as f64 / support as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn score(set: &TrainingSet, preds: &[ItemPrediction], folds: usize) -> EvalReport {
    let t = set.codebook.len();
    let (mut support, mut predicted, mut tp) = (vec![0usize; t], vec![0usize; t], vec![0usize; t]);
    let mut conf = [[0usize; 5]; 5];
    for p in preds {
        let item = &set.items[p.item];
        for &j in &item.themes {
            support[j] += 1;
            if p.themes.contains(&j) {
                tp[j] += 1;
            }
        }
        for &j in &p.themes {
            predicted[j] += 1;
        }
        if let Some(s) = item.sentiment {
            conf[usize::from(s - 1)][usize::from(p.sentiment.clamp(1, 5) - 1)] += 1;
        }
    }
    let themes: Vec<ThemeMetrics> = (0..t)
        .map(|j| {
            let (precision, recall, f) = f1(tp[j], predicted[j], support[j]);
            ThemeMetrics {
                label: set.codebook.themes[j].name.clone(),
                support: support[j],
                predicted: predicted[j],
                true_positives: tp[j],
                precision,
                recall,
                f1: f,
            }
        })
        .collect();
    let present: Vec<&ThemeMetrics> = themes.iter().filter(|m| m.support > 0).collect();
    let macro_f1 = present.iter().map(|m| m.f1).sum::<f64>() / present.len().max(1) as f64;
    let micro_f1 = f1(
        tp.iter().sum(),
        predicted.iter().sum(),
        support.iter().sum(),
    )
    .2;
    let n_sent: usize = conf.iter().flatten().sum();
    let sentiment = (n_sent > 0).then(|| {
        let per_class_f1: Vec<f64> = (0..5)
            .map(|c| {
                let sup: usize = conf[c].iter().sum();
                let pred: usize = (0..5).map(|r| conf[r][c]).sum();
                f1(conf[c][c], pred, sup).2
            })
            .collect();
        let present: Vec<f64> = (0..5)
            .filter(|&c| conf[c].iter().sum::<usize>() > 0)
            .map(|c| per_class_f1[c])
            .collect();
        SentimentMetrics {
            n: n_sent,
            macro_f1: present.iter().sum::<f64>() / present.len().max(1) as f64,
            accuracy: (0..5).map(|c| conf[c][c]).sum::<usize>() as f64 / n_sent as f64,
            per_class_f1,
        }
    });
    EvalReport {
        n_items: preds.len(),
        folds,
        themes,
        macro_f1,
        micro_f1,
        sentiment,
        train_seconds_per_fold: 0.0,
        comments_per_second: 0.0,
    }
}

/// A plain-text table of a report, for the command line.
pub fn eval_report_text(r: &EvalReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Cross-validation: {} comments, {} folds (comments of one respondent kept together)",
        r.n_items, r.folds
    );
    let width = r
        .themes
        .iter()
        .map(|m| m.label.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 60);
    let _ = writeln!(
        s,
        "{:<width$}  {:>7}  {:>9}  {:>9}  {:>6}  {:>6}",
        "theme", "support", "predicted", "precision", "recall", "F1"
    );
    for m in &r.themes {
        let label: String = m.label.chars().take(width).collect();
        let _ = writeln!(
            s,
            "{:<width$}  {:>7}  {:>9}  {:>9.3}  {:>6.3}  {:>6.3}",
            label, m.support, m.predicted, m.precision, m.recall, m.f1
        );
    }
    let present = r.themes.iter().filter(|m| m.support > 0).count();
    let _ = writeln!(
        s,
        "macro F1: {:.3} (mean over the {present} themes with coded comments)",
        r.macro_f1
    );
    let _ = writeln!(s, "micro F1: {:.3}", r.micro_f1);
    match &r.sentiment {
        Some(m) => {
            let per: Vec<String> = m
                .per_class_f1
                .iter()
                .enumerate()
                .map(|(c, f)| format!("{}: {f:.3}", c + 1))
                .collect();
            let _ = writeln!(
                s,
                "sentiment ({} coded): macro F1 {:.3}, accuracy {:.3}; F1 by value {}",
                m.n,
                m.macro_f1,
                m.accuracy,
                per.join(", ")
            );
        }
        None => {
            let _ = writeln!(s, "sentiment: no coded sentiment");
        }
    }
    let _ = writeln!(
        s,
        "training: {:.2} s per fold; classification: {:.0} comments per second (one thread)",
        r.train_seconds_per_fold, r.comments_per_second
    );
    s
}
