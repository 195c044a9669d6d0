//! How far coders agree: Cohen's kappa for two coders and Krippendorff's alpha for any number
//! of coders with gaps. A lead reads these per theme to see which definitions coders apply
//! alike and which need a clearer description before the coding (or a model trained on it)
//! can be trusted.
//!
//! Both are "chance-corrected": 1 is perfect agreement, 0 is what coders choosing at random
//! with the same overall rates would reach, below 0 is systematic disagreement. Both are
//! undefined when there is no variation to agree about (every coder always said "no"), and are
//! then `None` rather than a misleading number.

use std::collections::BTreeMap;

/// Cohen's kappa over items coded by both of two coders: `pairs[i] = (first, second)`.
/// `None` when there are no pairs or when chance agreement is already perfect (both coders
/// gave one and the same value throughout).
pub fn cohen_kappa<T: Ord + Clone>(pairs: &[(T, T)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut first: BTreeMap<&T, f64> = BTreeMap::new();
    let mut second: BTreeMap<&T, f64> = BTreeMap::new();
    let mut agree = 0.0;
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1.0;
        *second.entry(b).or_default() += 1.0;
        if a == b {
            agree += 1.0;
        }
    }
    let observed = agree / n;
    let expected: f64 = first
        .iter()
        .map(|(v, na)| na / n * second.get(v).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// The difference function of Krippendorff's alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Categories: any two different values disagree equally (themes present or absent).
    Nominal,
    /// Numbers on an interval scale: disagreement grows with the squared difference
    /// (sentiment 1–5).
    Interval,
}

impl Metric {
    fn delta2(self, a: i64, b: i64) -> f64 {
        match self {
            Metric::Nominal => f64::from(u8::from(a != b)),
            Metric::Interval => ((a - b) as f64).powi(2),
        }
    }
}

/// Krippendorff's alpha for reliability data: `units[u]` holds the values the coders who coded
/// unit `u` gave it (coders who did not code it are simply absent). Units with fewer than two
/// values cannot be compared and are ignored. `None` when fewer than two values are pairable or
/// when every pairable value is the same.
pub fn krippendorff_alpha(units: &[Vec<i64>], metric: Metric) -> Option<f64> {
    // Coincidence matrix: o[c][k] = sum over units of (c–k pairs in the unit) / (m_u − 1).
    let mut o: BTreeMap<(i64, i64), f64> = BTreeMap::new();
    for values in units.iter().filter(|v| v.len() >= 2) {
        let weight = 1.0 / (values.len() - 1) as f64;
        for (i, &a) in values.iter().enumerate() {
            for (j, &b) in values.iter().enumerate() {
                if i != j {
                    *o.entry((a, b)).or_default() += weight;
                }
            }
        }
    }
    let mut margins: BTreeMap<i64, f64> = BTreeMap::new();
    for (&(c, _), &w) in &o {
        *margins.entry(c).or_default() += w;
    }
    let n: f64 = margins.values().sum();
    if n < 2.0 {
        return None;
    }
    let observed: f64 = o.iter().map(|(&(c, k), &w)| w * metric.delta2(c, k)).sum();
    let expected: f64 = margins
        .iter()
        .flat_map(|(&c, &nc)| {
            margins
                .iter()
                .map(move |(&k, &nk)| nc * nk * metric.delta2(c, k))
        })
        .sum::<f64>()
        / (n - 1.0);
    if expected <= 1e-12 {
        return None;
    }
    Some(1.0 - observed / expected)
}

/// Agreement about one theme among the coders of a shared sample.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeAgreement {
    /// Items coded by at least two coders.
    pub items: usize,
    /// Of those, items on which the coders did not all make the same decision.
    pub disagreements: usize,
    /// Cohen's kappa; with more than two coders, the mean over pairs of coders who share
    /// items (Light's kappa). `None` when undefined.
    pub kappa: Option<f64>,
    /// Krippendorff's alpha (nominal) over every coder.
    pub alpha: Option<f64>,
}

/// Per-theme agreement from each coder's decisions. `decisions[item]` lists, for every coder
/// who coded the item, `(coder, applied)`; items with fewer than two coders are ignored.
pub fn theme_agreement(decisions: &[Vec<(i64, bool)>]) -> ThemeAgreement {
    let shared: Vec<&Vec<(i64, bool)>> = decisions.iter().filter(|d| d.len() >= 2).collect();
    let units: Vec<Vec<i64>> = shared
        .iter()
        .map(|d| d.iter().map(|&(_, v)| i64::from(v)).collect())
        .collect();
    let disagreements = units
        .iter()
        .filter(|u| u.iter().any(|&v| v != u[0]))
        .count();
    ThemeAgreement {
        items: shared.len(),
        disagreements,
        kappa: mean_pairwise_kappa(&shared),
        alpha: krippendorff_alpha(&units, Metric::Nominal),
    }
}

/// Mean of Cohen's kappa over every pair of coders with shared items whose kappa is defined.
pub fn mean_pairwise_kappa<V: Ord + Clone>(items: &[&Vec<(i64, V)>]) -> Option<f64> {
    let mut pairs: BTreeMap<(i64, i64), Vec<(V, V)>> = BTreeMap::new();
    for item in items {
        for (i, (ca, va)) in item.iter().enumerate() {
            for (cb, vb) in &item[i + 1..] {
                let (key, pair) = if ca < cb {
                    ((*ca, *cb), (va.clone(), vb.clone()))
                } else {
                    ((*cb, *ca), (vb.clone(), va.clone()))
                };
                pairs.entry(key).or_default().push(pair);
            }
        }
    }
    let kappas: Vec<f64> = pairs.values().filter_map(|p| cohen_kappa(p)).collect();
    (!kappas.is_empty()).then(|| kappas.iter().sum::<f64>() / kappas.len() as f64)
}

/// How a kappa or alpha is usually read (Landis and Koch's bands, which Krippendorff's own
/// advice — rely on alpha ≥ 0.8, draw tentative conclusions from 0.667 — roughly matches).
pub fn describe(value: Option<f64>) -> &'static str {
    match value {
        None => "not enough variation to tell",
        Some(v) if v < 0.0 => "worse than chance",
        Some(v) if v < 0.21 => "slight",
        Some(v) if v < 0.41 => "fair",
        Some(v) if v < 0.61 => "moderate",
        Some(v) if v < 0.81 => "substantial",
        Some(_) => "almost perfect",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-3, "{a} is not {b}");
    }

    #[test]
    fn cohen_kappa_by_hand() {
        // 50 items: both yes 20, first yes/second no 5, first no/second yes 10, both no 15.
        // Observed 35/50 = 0.7; chance 0.5·0.6 + 0.5·0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n((true, true), 20));
        pairs.extend(std::iter::repeat_n((true, false), 5));
        pairs.extend(std::iter::repeat_n((false, true), 10));
        pairs.extend(std::iter::repeat_n((false, false), 15));
        close(cohen_kappa(&pairs), 0.4);
    }

    /// Ten items, two coders: agree yes on 3, no on 5, disagree on 2 (one each way).
    fn ten_items() -> Vec<(bool, bool)> {
        let first = [1, 1, 0, 0, 1, 0, 0, 1, 0, 0];
        let second = [1, 1, 0, 1, 0, 0, 0, 1, 0, 0];
        first
            .iter()
            .zip(second)
            .map(|(&a, b)| (a == 1, b == 1))
            .collect()
    }

    #[test]
    fn kappa_and_alpha_on_the_same_ten_items_by_hand() {
        // kappa: observed 0.8; each coder says yes 4 times in 10, so chance = 0.4² + 0.6² = 0.52;
        // (0.8 − 0.52) / 0.48 = 0.5833.
        close(cohen_kappa(&ten_items()), 0.5833);
        // alpha: coincidences o00 = 10, o11 = 6, o01 = o10 = 2; n0 = 12, n1 = 8, n = 20;
        // alpha = 1 − (n − 1)·(o01 + o10) / (2·n0·n1) = 1 − 19·4 / 192 = 0.6042.
        let units: Vec<Vec<i64>> = ten_items()
            .iter()
            .map(|&(a, b)| vec![i64::from(a), i64::from(b)])
            .collect();
        close(krippendorff_alpha(&units, Metric::Nominal), 0.6042);
    }

    #[test]
    fn krippendorffs_published_example_with_missing_values() {
        // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": four coders, twelve
        // units, gaps where a coder did not code a unit. Published: nominal 0.743, interval 0.849.
        let n = None;
        let coders = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                n,
                n,
                n,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                n,
                Some(3),
            ],
            [
                n,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                n,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                n,
            ],
        ];
        let units: Vec<Vec<i64>> = (0..12)
            .map(|u| coders.iter().filter_map(|c| c[u]).collect())
            .collect();
        close(krippendorff_alpha(&units, Metric::Nominal), 0.743);
        close(krippendorff_alpha(&units, Metric::Interval), 0.849);
    }

    #[test]
    fn undefined_without_variation_or_pairs() {
        assert_eq!(cohen_kappa::<bool>(&[]), None);
        assert_eq!(cohen_kappa(&[(false, false), (false, false)]), None);
        assert_eq!(
            krippendorff_alpha(&[vec![0, 0], vec![0, 0]], Metric::Nominal),
            None
        );
        assert_eq!(
            krippendorff_alpha(&[vec![1], vec![0]], Metric::Nominal),
            None
        );
        assert_eq!(describe(None), "not enough variation to tell");
    }

    #[test]
    fn theme_agreement_counts_shared_items_and_disagreements() {
        // Coders 7 and 9 share four items (one disagreement); item five was coded once.
        let decisions = vec![
            vec![(7, true), (9, true)],
            vec![(7, false), (9, false)],
            vec![(7, true), (9, false)],
            vec![(7, false), (9, false)],
            vec![(7, true)],
        ];
        let a = theme_agreement(&decisions);
        assert_eq!((a.items, a.disagreements), (4, 1));
        // kappa: observed 3/4; coder 7 yes 2/4, coder 9 yes 1/4; chance 0.5·0.25 + 0.5·0.75 = 0.5.
        close(a.kappa, 0.5);
        // alpha: o00 = 4, o11 = 2, o01 = o10 = 1; n0 = 5, n1 = 3, n = 8: 1 − 7·2/30 = 0.5333.
        close(a.alpha, 0.5333);
    }

    #[test]
    fn three_coders_average_their_pairwise_kappas() {
        // Coders 1 and 2 agree perfectly (kappa 1); coder 3 always says the opposite of both
        // (kappa −1 with each): mean (1 − 1 − 1) / 3.
        let items: Vec<Vec<(i64, bool)>> = [true, false, true, false]
            .iter()
            .map(|&v| vec![(1, v), (2, v), (3, !v)])
            .collect();
        close(theme_agreement(&items).kappa, -1.0 / 3.0);
    }

    fn coded_pairs() -> impl Strategy<Value = Vec<(bool, bool)>> {
        proptest::collection::vec((any::<bool>(), any::<bool>()), 1..60)
    }

    proptest! {
        #[test]
        fn perfect_agreement_scores_one(values in proptest::collection::vec(0i64..4, 2..40)) {
            let pairs: Vec<(i64, i64)> = values.iter().map(|&v| (v, v)).collect();
            let units: Vec<Vec<i64>> = values.iter().map(|&v| vec![v, v, v]).collect();
            let varied = values.iter().any(|&v| v != values[0]);
            match cohen_kappa(&pairs) {
                Some(k) => prop_assert!((k - 1.0).abs() < 1e-9),
                None => prop_assert!(!varied),
            }
            match krippendorff_alpha(&units, Metric::Nominal) {
                Some(a) => prop_assert!((a - 1.0).abs() < 1e-9),
                None => prop_assert!(!varied),
            }
        }

        #[test]
        fn kappa_is_symmetric_and_bounded(pairs in coded_pairs()) {
            let swapped: Vec<(bool, bool)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
            let k = cohen_kappa(&pairs);
            prop_assert_eq!(k.map(|v| (v * 1e9).round()), cohen_kappa(&swapped).map(|v| (v * 1e9).round()));
            if let Some(k) = k {
                prop_assert!((-1.0 - 1e-9..=1.0 + 1e-9).contains(&k));
            }
        }

        #[test]
        fn alpha_ignores_unit_order_and_category_names(pairs in coded_pairs(), shift in 1i64..50) {
            let units: Vec<Vec<i64>> = pairs.iter().map(|&(a, b)| vec![i64::from(a), i64::from(b)]).collect();
            let mut reversed = units.clone();
            reversed.reverse();
            let renamed: Vec<Vec<i64>> = units.iter().map(|u| u.iter().map(|v| v * 7 + shift).collect()).collect();
            let a = krippendorff_alpha(&units, Metric::Nominal);
            let round = |x: Option<f64>| x.map(|v| (v * 1e9).round());
            prop_assert_eq!(round(a), round(krippendorff_alpha(&reversed, Metric::Nominal)));
            prop_assert_eq!(round(a), round(krippendorff_alpha(&renamed, Metric::Nominal)));
            if let Some(a) = a {
                prop_assert!(a <= 1.0 + 1e-9);
            }
        }
    }
}
