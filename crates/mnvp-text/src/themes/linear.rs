//! A small dual coordinate-descent solver for L2-regularised linear SVMs (the method of
//! liblinear: Hsieh et al., ICML 2008), with the shrinking heuristic, per-class costs and a
//! regularised bias feature. Written here rather than bound from C so the engine stays pure Rust.

use serde::{Deserialize, Serialize};

/// Rows of sparse feature vectors (compressed sparse rows).
#[derive(Debug, Default, Clone)]
pub struct Csr {
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
    /// Number of columns, not counting the bias column (which has index `dim`).
    pub dim: usize,
}

impl Csr {
    pub fn new(dim: usize) -> Csr {
        Csr {
            indptr: vec![0],
            indices: Vec::new(),
            values: Vec::new(),
            dim,
        }
    }

    pub fn push(&mut self, row: &[(u32, f32)]) {
        for &(i, v) in row {
            self.indices.push(i);
            self.values.push(v);
        }
        self.indptr.push(self.indices.len());
    }

    pub fn row(&self, r: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.indptr[r], self.indptr[r + 1]);
        (&self.indices[a..b], &self.values[a..b])
    }
}

/// The loss of the SVM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// Squared hinge (liblinear `-s 1`): smooth, usually the more accurate for text.
    SquaredHinge,
    /// Hinge (liblinear `-s 3`).
    Hinge,
}

/// Settings of one binary problem.
#[derive(Debug, Clone, Copy)]
pub struct SolverSettings {
    pub loss: Loss,
    /// Cost of errors on positives and on negatives.
    pub c_pos: f64,
    pub c_neg: f64,
    /// Value of the constant bias feature.
    pub bias: f32,
    pub eps: f64,
    pub max_epochs: usize,
    pub seed: u64,
}

/// A tiny deterministic generator (SplitMix64): enough for shuffling.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Trains one binary problem on the rows `rows` of `x` with labels `y` (parallel to `rows`).
/// Returns the weights, `dim + 1` long, the last being the bias weight.
pub fn train_binary(x: &Csr, rows: &[usize], y: &[bool], s: &SolverSettings) -> Vec<f32> {
    let n = rows.len();
    let mut w = vec![0f32; x.dim + 1];
    if n == 0 {
        return vec![0.0; x.dim + 1];
    }
    let bias = f64::from(s.bias);
    let (diag, upper): (Vec<f64>, Vec<f64>) = y
        .iter()
        .map(|&p| {
            let c = if p { s.c_pos } else { s.c_neg };
            match s.loss {
                Loss::SquaredHinge => (0.5 / c, f64::INFINITY),
                Loss::Hinge => (0.0, c),
            }
        })
        .unzip();
    let qd: Vec<f64> = rows
        .iter()
        .zip(&diag)
        .map(|(&r, d)| {
            let (_, v) = x.row(r);
            v.iter().map(|&a| f64::from(a) * f64::from(a)).sum::<f64>() + bias * bias + d
        })
        .collect();
    let mut alpha = vec![0f64; n];
    let mut index: Vec<usize> = (0..n).collect();
    let mut active = n;
    let (mut pg_max_old, mut pg_min_old) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut rng = Rng::new(s.seed);
    let mut epoch = 0;
    while epoch < s.max_epochs {
        let (mut pg_max, mut pg_min) = (f64::NEG_INFINITY, f64::INFINITY);
        rng.shuffle(&mut index[..active]);
        let mut k = 0;
        while k < active {
            let i = index[k];
            let yi = if y[i] { 1.0 } else { -1.0 };
            let (idx, val) = x.row(rows[i]);
            let mut dot = w[x.dim] * s.bias;
            for (&j, &v) in idx.iter().zip(val) {
                dot += w[j as usize] * v;
            }
            let g = yi * f64::from(dot) - 1.0 + alpha[i] * diag[i];
            let mut pg = 0.0;
            if alpha[i] == 0.0 {
                if g > pg_max_old {
                    active -= 1;
                    index.swap(k, active);
                    continue;
                } else if g < 0.0 {
                    pg = g;
                }
            } else if alpha[i] >= upper[i] {
                if g < pg_min_old {
                    active -= 1;
                    index.swap(k, active);
                    continue;
                } else if g > 0.0 {
                    pg = g;
                }
            } else {
                pg = g;
            }
            pg_max = pg_max.max(pg);
            pg_min = pg_min.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (old - g / qd[i]).clamp(0.0, upper[i]);
                let d = ((alpha[i] - old) * yi) as f32;
                for (&j, &v) in idx.iter().zip(val) {
                    w[j as usize] += d * v;
                }
                w[x.dim] += d * s.bias;
            }
            k += 1;
        }
        epoch += 1;
        if pg_max - pg_min <= s.eps {
            if active == n {
                break;
            }
            active = n;
            pg_max_old = f64::INFINITY;
            pg_min_old = f64::NEG_INFINITY;
            continue;
        }
        pg_max_old = if pg_max <= 0.0 { f64::INFINITY } else { pg_max };
        pg_min_old = if pg_min >= 0.0 {
            f64::NEG_INFINITY
        } else {
            pg_min
        };
    }
    w
}

/// The decision value of row `r` of `x` under weights `w` (bias weight last).
pub fn decision(x: &Csr, r: usize, w: &[f32], bias: f32) -> f32 {
    let (idx, val) = x.row(r);
    let mut s = w[x.dim] * bias;
    for (&j, &v) in idx.iter().zip(val) {
        s += w[j as usize] * v;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_a_toy_problem() {
        let mut x = Csr::new(3);
        let mut y = Vec::new();
        for i in 0..40 {
            let pos = i % 3 == 0;
            x.push(&[(if pos { 0 } else { 1 }, 1.0), (2, 0.5)]);
            y.push(pos);
        }
        let rows: Vec<usize> = (0..40).collect();
        for loss in [Loss::SquaredHinge, Loss::Hinge] {
            let s = SolverSettings {
                loss,
                c_pos: 1.0,
                c_neg: 1.0,
                bias: 1.0,
                eps: 0.01,
                max_epochs: 200,
                seed: 1,
            };
            let w = train_binary(&x, &rows, &y, &s);
            for (r, &label) in y.iter().enumerate() {
                assert_eq!(decision(&x, r, &w, 1.0) > 0.0, label, "{loss:?} row {r}");
            }
        }
    }
}
