//! Training: features, one-vs-rest SVMs, inner cross-validation for calibration and thresholds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::calibrate::{best_threshold, fit_platt, Platt};
use super::eval::group_folds;
use super::features::{raw_doc, FeatureSpace};
use super::linear::{decision, train_binary, Csr, SolverSettings};
use super::model::{sentiment_decision, Kind, Linear, ThemeModel, SENTIMENT_CLASSES};
use super::{Params, TrainError, TrainingSet};

const BIAS: f32 = 1.0;

/// One binary problem: which rows take part and which of them are positive.
struct Output {
    rows: Vec<usize>,
    positive: Vec<bool>,
}

pub(crate) fn validate(set: &TrainingSet, params: &Params) -> Result<(), TrainError> {
    if set.codebook.is_empty() {
        return Err(TrainError::EmptyCodebook);
    }
    let required = params.min_items.max(2 * params.inner_folds.max(2));
    if set.items.len() < required {
        return Err(TrainError::TooFewItems {
            found: set.items.len(),
            required,
        });
    }
    let themes = set.codebook.len();
    let mut any = false;
    for (i, item) in set.items.iter().enumerate() {
        for &t in &item.themes {
            if t >= themes {
                return Err(TrainError::ThemeOutOfRange {
                    item: i,
                    theme: t,
                    themes,
                });
            }
            any = true;
        }
        if let Some(s) = item.sentiment {
            if !(1..=5).contains(&s) {
                return Err(TrainError::BadSentiment { item: i, value: s });
            }
        }
    }
    if !any {
        return Err(TrainError::NoLabels);
    }
    Ok(())
}

/// Runs `f(task)` for every task in `0..n` on `threads` threads; results in task order.
fn parallel_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let r = f(i);
                if let Ok(mut g) = results.lock() {
                    g[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

fn settings(
    params: &Params,
    power: f32,
    out: &Output,
    rows: &[usize],
    seed: u64,
) -> SolverSettings {
    let pos = rows.iter().filter(|&&r| out.positive[r]).count().max(1) as f64;
    let neg = (rows.len() as f64 - pos).max(1.0);
    let c = f64::from(params.c);
    SolverSettings {
        loss: params.loss,
        c_pos: c * (neg / pos).powf(f64::from(power)).max(1.0),
        c_neg: c,
        bias: BIAS,
        eps: f64::from(params.tolerance),
        max_epochs: params.max_epochs,
        seed,
    }
}

/// Trains output `o` on the subset `subset` (positions into `out.rows`).
fn fit(
    x: &Csr,
    out: &Output,
    subset: &[usize],
    params: &Params,
    power: f32,
    seed: u64,
) -> Vec<f32> {
    let rows: Vec<usize> = subset.iter().map(|&k| out.rows[k]).collect();
    let y: Vec<bool> = subset.iter().map(|&k| out.positive[k]).collect();
    let s = settings(params, power, out, subset, seed);
    train_binary(x, &rows, &y, &s)
}

pub(crate) fn train(set: &TrainingSet, params: &Params) -> Result<ThemeModel, TrainError> {
    validate(set, params)?;
    let cfg = params.features;
    let raw: Vec<_> = set.items.iter().map(|it| raw_doc(&cfg, &it.text)).collect();
    let space = FeatureSpace::fit(cfg, &raw);
    if space.dim() == 0 {
        return Err(TrainError::NoFeatures);
    }
    let mut x = Csr::new(space.dim());
    let mut v = Vec::new();
    for r in &raw {
        space.vector_of_raw(r, &mut v);
        x.push(&v);
    }
    drop(raw);

    let n = set.items.len();
    let n_themes = set.codebook.len();
    let mut outputs: Vec<Output> = (0..n_themes)
        .map(|j| Output {
            rows: (0..n).collect(),
            positive: set.items.iter().map(|it| it.themes.contains(&j)).collect(),
        })
        .collect();
    let sentiment_rows: Vec<usize> = (0..n)
        .filter(|&i| set.items[i].sentiment.is_some())
        .collect();
    let has_sentiment = !sentiment_rows.is_empty();
    if has_sentiment {
        for k in 1..=SENTIMENT_CLASSES as u8 {
            let positive = sentiment_rows
                .iter()
                .map(|&i| set.items[i].sentiment == Some(k))
                .collect();
            outputs.push(Output {
                rows: sentiment_rows.clone(),
                positive,
            });
        }
    }
    let power_of = |o: usize| {
        if o < n_themes {
            params.positive_weight_power
        } else {
            params.sentiment_weight_power
        }
    };

    // Inner cross-validation: out-of-fold decision values for every output's rows.
    let k = params.inner_folds.max(2);
    let fold_of = group_folds(&set.items, k, params.seed ^ 0x1234_5678);
    let mut oof: Vec<Vec<f32>> = outputs.iter().map(|o| vec![0.0; o.rows.len()]).collect();
    for f in 0..k {
        let results = parallel_map(outputs.len(), params.threads, |o| {
            let out = &outputs[o];
            let (train, test): (Vec<usize>, Vec<usize>) =
                (0..out.rows.len()).partition(|&p| fold_of[out.rows[p]] != f);
            let w = fit(
                &x,
                out,
                &train,
                params,
                power_of(o),
                params.seed.wrapping_add((f * 1000 + o) as u64),
            );
            test.into_iter()
                .map(|p| (p, decision(&x, out.rows[p], &w, BIAS)))
                .collect::<Vec<_>>()
        });
        for (o, r) in results.into_iter().enumerate() {
            for (p, s) in r {
                oof[o][p] = s;
            }
        }
    }
    let platt: Vec<Platt> = outputs
        .iter()
        .zip(&oof)
        .map(|(out, s)| fit_platt(s, &out.positive))
        .collect();
    let thresholds: Vec<f32> = (0..n_themes)
        .map(|j| {
            let conf: Vec<f32> = oof[j].iter().map(|&s| platt[j].prob(s)).collect();
            best_threshold(&conf, &outputs[j].positive)
        })
        .collect();

    let sentiment_scale = if has_sentiment {
        let probs: Vec<Vec<f32>> = (0..sentiment_rows.len())
            .map(|p| {
                (0..SENTIMENT_CLASSES)
                    .map(|k| platt[n_themes + k].prob(oof[n_themes + k][p]))
                    .collect()
            })
            .collect();
        let truth: Vec<u8> = sentiment_rows
            .iter()
            .map(|&i| set.items[i].sentiment.unwrap_or(3))
            .collect();
        tune_sentiment_scale(&probs, &truth)
    } else {
        Vec::new()
    };

    // The final model on every comment.
    let weights_per_output = parallel_map(outputs.len(), params.threads, |o| {
        let out = &outputs[o];
        let all: Vec<usize> = (0..out.rows.len()).collect();
        fit(
            &x,
            out,
            &all,
            params,
            power_of(o),
            params.seed.wrapping_add(o as u64),
        )
    });
    let n_out = outputs.len();
    let dim = space.dim();
    let mut weights = vec![0f32; (dim + 1) * n_out];
    for (o, w) in weights_per_output.iter().enumerate() {
        for (i, &wi) in w.iter().enumerate() {
            weights[i * n_out + o] = wi;
        }
    }
    let linear = Linear {
        space,
        bias: BIAS,
        n_out,
        weights,
        platt,
        thresholds,
        has_sentiment,
        sentiment_scale,
        params: params.clone(),
        trained_on: n,
    };
    Ok(ThemeModel {
        codebook: set.codebook.clone(),
        kind: Kind::Linear(Box::new(linear)),
    })
}

/// Macro F1 over the classes present in `truth`.
fn sentiment_macro_f1(probs: &[Vec<f32>], truth: &[u8], scale: &[f32]) -> f64 {
    let mut conf = [[0usize; SENTIMENT_CLASSES]; SENTIMENT_CLASSES];
    for (p, &t) in probs.iter().zip(truth) {
        let (pred, _) = sentiment_decision(p, scale);
        conf[usize::from(t - 1)][usize::from(pred - 1)] += 1;
    }
    let mut sum = 0.0;
    let mut present = 0;
    for (c, row) in conf.iter().enumerate() {
        let support: usize = row.iter().sum();
        if support == 0 {
            continue;
        }
        present += 1;
        let predicted: usize = conf.iter().map(|r| r[c]).sum();
        let tp = row[c] as f64;
        if tp > 0.0 {
            sum += 2.0 * tp / (support + predicted) as f64;
        }
    }
    sum / f64::from(present.max(1))
}

/// Coordinate ascent on per-class multipliers, on out-of-fold probabilities.
fn tune_sentiment_scale(probs: &[Vec<f32>], truth: &[u8]) -> Vec<f32> {
    const GRID: [f32; 9] = [0.5, 0.65, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0];
    let mut scale = vec![1.0f32; SENTIMENT_CLASSES];
    let mut best = sentiment_macro_f1(probs, truth, &scale);
    for _round in 0..2 {
        for k in 0..SENTIMENT_CLASSES {
            for &g in &GRID {
                let mut trial = scale.clone();
                trial[k] = g;
                let f = sentiment_macro_f1(probs, truth, &trial);
                // Require a real gain, so that ties keep the simpler setting.
                if f > best + 1e-4 {
                    best = f;
                    scale = trial;
                }
            }
        }
    }
    scale
}
