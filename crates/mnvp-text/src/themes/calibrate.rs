//! Turning raw SVM scores into calibrated confidences (Platt scaling) and choosing, per theme,
//! the confidence above which a theme is applied, both from out-of-fold scores.

use serde::{Deserialize, Serialize};

/// `P(theme | score) = 1 / (1 + exp(a·score + b))`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    pub a: f32,
    pub b: f32,
}

impl Platt {
    pub fn prob(&self, score: f32) -> f32 {
        let z = f64::from(self.a) * f64::from(score) + f64::from(self.b);
        let p = if z >= 0.0 {
            (-z).exp() / (1.0 + (-z).exp())
        } else {
            1.0 / (1.0 + z.exp())
        };
        p as f32
    }
}

fn objective(dec: &[f64], t: &[f64], a: f64, b: f64) -> f64 {
    dec.iter()
        .zip(t)
        .map(|(&d, &t)| {
            let f = d * a + b;
            if f >= 0.0 {
                t * f + (-f).exp().ln_1p()
            } else {
                (t - 1.0) * f + f.exp().ln_1p()
            }
        })
        .sum()
}

/// Fits Platt's sigmoid by Newton's method with backtracking (Lin, Lin and Weng 2007).
pub fn fit_platt(scores: &[f32], labels: &[bool]) -> Platt {
    let pos = labels.iter().filter(|&&l| l).count() as f64;
    let neg = labels.len() as f64 - pos;
    let hi = (pos + 1.0) / (pos + 2.0);
    let lo = 1.0 / (neg + 2.0);
    let dec: Vec<f64> = scores.iter().map(|&s| f64::from(s)).collect();
    let t: Vec<f64> = labels.iter().map(|&l| if l { hi } else { lo }).collect();
    let (mut a, mut b) = (0.0, ((neg + 1.0) / (pos + 1.0)).ln());
    let mut fval = objective(&dec, &t, a, b);
    for _ in 0..100 {
        let (mut h11, mut h22, mut h21, mut g1, mut g2) = (1e-12, 1e-12, 0.0, 0.0, 0.0);
        for (&d, &ti) in dec.iter().zip(&t) {
            let f = d * a + b;
            let (p, q) = if f >= 0.0 {
                let e = (-f).exp();
                (e / (1.0 + e), 1.0 / (1.0 + e))
            } else {
                let e = f.exp();
                (1.0 / (1.0 + e), e / (1.0 + e))
            };
            let d2 = p * q;
            h11 += d * d * d2;
            h22 += d2;
            h21 += d * d2;
            let d1 = ti - p;
            g1 += d * d1;
            g2 += d1;
        }
        if g1.abs() < 1e-5 && g2.abs() < 1e-5 {
            break;
        }
        let det = h11 * h22 - h21 * h21;
        let da = -(h22 * g1 - h21 * g2) / det;
        let db = -(-h21 * g1 + h11 * g2) / det;
        let gd = g1 * da + g2 * db;
        let mut step = 1.0;
        while step >= 1e-10 {
            let (na, nb) = (a + step * da, b + step * db);
            let nf = objective(&dec, &t, na, nb);
            if nf < fval + 1e-4 * step * gd {
                a = na;
                b = nb;
                fval = nf;
                break;
            }
            step /= 2.0;
        }
        if step < 1e-10 {
            break;
        }
    }
    Platt {
        a: a as f32,
        b: b as f32,
    }
}

/// The lowest and highest thresholds we allow: a theme is never applied with a confidence under
/// `MIN_THRESHOLD`, and a threshold never demands more than `MAX_THRESHOLD`.
pub const MIN_THRESHOLD: f32 = 0.05;
pub const MAX_THRESHOLD: f32 = 0.95;

/// The confidence threshold that maximises F1 on out-of-fold confidences, placed half-way
/// between the last confidence applied and the next one. With no positive example the theme
/// is effectively never applied.
pub fn best_threshold(conf: &[f32], labels: &[bool]) -> f32 {
    let total_pos = labels.iter().filter(|&&l| l).count();
    if total_pos == 0 {
        return MAX_THRESHOLD;
    }
    let mut order: Vec<usize> = (0..conf.len()).collect();
    order.sort_by(|&i, &j| conf[j].total_cmp(&conf[i]));
    let (mut tp, mut best_f1, mut best_k) = (0usize, -1.0f64, 0usize);
    for (k, &i) in order.iter().enumerate() {
        if labels[i] {
            tp += 1;
        }
        // Only cut between distinct confidences.
        if k + 1 < order.len() && conf[order[k + 1]] == conf[i] {
            continue;
        }
        let f1 = 2.0 * tp as f64 / ((k + 1) as f64 + total_pos as f64);
        if f1 > best_f1 {
            best_f1 = f1;
            best_k = k;
        }
    }
    let here = conf[order[best_k]];
    let next = order.get(best_k + 1).map_or(0.0, |&i| conf[i]);
    (0.5 * (here + next)).clamp(MIN_THRESHOLD, MAX_THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platt_is_monotone_and_sensible() {
        let scores: Vec<f32> = (0..200).map(|i| (i as f32 - 100.0) / 25.0).collect();
        let labels: Vec<bool> = scores.iter().map(|&s| s > 0.3).collect();
        let p = fit_platt(&scores, &labels);
        assert!(p.prob(2.0) > 0.9);
        assert!(p.prob(-2.0) < 0.1);
        assert!(p.prob(1.0) > p.prob(0.0));
    }

    #[test]
    fn threshold_separates() {
        let conf = [0.9, 0.8, 0.7, 0.2, 0.1];
        let labels = [true, true, true, false, false];
        let t = best_threshold(&conf, &labels);
        assert!(t > 0.2 && t < 0.7, "{t}");
        assert_eq!(best_threshold(&conf, &[false; 5]), MAX_THRESHOLD);
    }
}
