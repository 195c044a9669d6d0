//! The statistics behind "who are we not hearing?": a group's share of feedback against its
//! share of the local birthing population, with a 95% Wilson score interval around the
//! feedback share and a flag when that interval leaves the population share out.
//!
//! Why Wilson: feedback counts are often small (a few dozen answers a quarter), where the
//! textbook normal interval collapses to zero width at 0 % and runs below 0 or above 100 %.
//! The Wilson interval stays inside [0, 1] and keeps close to its nominal coverage even for
//! small counts (Brown, Cai and DasGupta 2001), so "under-heard" means something at n = 20.
//!
//! The population share is treated as known: births in a trust's footprint are a near-complete
//! count (thousands a year), so its sampling error is negligible beside the feedback's.

use serde::Serialize;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A closed interval of proportions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The Wilson score interval for `k` successes out of `n`, or `None` when `n` is 0 (there is
/// no share to estimate).
pub fn wilson(k: i64, n: i64, z: f64) -> Option<Interval> {
    if n <= 0 || k < 0 || k > n {
        return None;
    }
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(Interval {
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// Whether a group is heard less or more than its share of the population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The whole 95% interval of the feedback share lies below the population share.
    Under,
    /// The whole 95% interval lies above it.
    Over,
    /// The interval contains the population share, or there is nothing to compare.
    #[default]
    None,
}

impl Flag {
    /// The code used in CSV exports: `under`, `over` or empty.
    pub fn code(self) -> &'static str {
        match self {
            Flag::Under => "under",
            Flag::Over => "over",
            Flag::None => "",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Flag::Under => "Under-heard",
            Flag::Over => "Over-heard",
            Flag::None => "",
        }
    }
}

/// The decision rule, stated once: a group is under-heard when even the top of the 95%
/// interval of its feedback share is below its population share, and over-heard when even the
/// bottom is above. A group whose interval contains the population share is not flagged: the
/// data cannot tell it apart from fair representation.
pub fn flag(ci: Interval, population_share: f64) -> Flag {
    if ci.high < population_share {
        Flag::Under
    } else if ci.low > population_share {
        Flag::Over
    } else {
        Flag::None
    }
}

/// One group's feedback set against its population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Counts {
    /// Feedback from the group.
    pub feedback: i64,
    /// Feedback that answered this question at all (the denominator of the share).
    pub feedback_base: i64,
    /// Births (or admissions, losses) in the group; `None` when no population figure is loaded.
    pub population: Option<i64>,
    /// The population denominator.
    pub population_base: Option<i64>,
}

/// What is shown for a group: shares, ratio, interval and flag.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Figures {
    pub feedback_share: Option<f64>,
    pub population_share: Option<f64>,
    /// Feedback share ÷ population share: 1 is proportionate, 0.5 is heard half as often.
    pub ratio: Option<f64>,
    pub ci: Option<Interval>,
    pub flag: Flag,
}

impl Counts {
    pub fn population_share(&self) -> Option<f64> {
        match (self.population, self.population_base) {
            (Some(p), Some(b)) if b > 0 => Some(p as f64 / b as f64),
            _ => None,
        }
    }

    /// Shares, ratio, Wilson interval and flag. With no feedback base there is nothing to say;
    /// with no population figure the share and interval are still shown, unflagged.
    pub fn figures(&self) -> Figures {
        let population_share = self.population_share();
        let ci = wilson(self.feedback, self.feedback_base, Z95);
        let feedback_share =
            (self.feedback_base > 0).then(|| self.feedback as f64 / self.feedback_base as f64);
        let ratio = match (feedback_share, population_share) {
            (Some(f), Some(p)) if p > 0.0 => Some(f / p),
            _ => None,
        };
        let flag = match (ci, population_share) {
            (Some(ci), Some(p)) => flag(ci, p),
            _ => Flag::None,
        };
        Figures {
            feedback_share,
            population_share,
            ratio,
            ci,
            flag,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    /// Values worked by hand from the formula (and matching published tables, e.g. Newcombe
    /// 1998, table I): 10/100 → 0.0552–0.1744; 0/10 → 0–0.2775; 5/5 → 0.5655–1; 1/29 → 0.0061–0.1718;
    /// 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
    #[test]
    fn wilson_matches_hand_computed_values() {
        let cases = [
            (10, 100, 0.05523, 0.17437),
            (0, 10, 0.0, 0.27753),
            (5, 5, 0.56552, 1.0),
            (1, 29, 0.00611, 0.17176),
            (81, 263, 0.25529, 0.36621),
            (15, 148, 0.06239, 0.16049),
        ];
        for (k, n, lo, hi) in cases {
            let ci = wilson(k, n, Z95).unwrap();
            assert!(
                close(ci.low, lo) && close(ci.high, hi),
                "{k}/{n}: got {:.5}–{:.5}, expected {lo}–{hi}",
                ci.low,
                ci.high
            );
        }
        assert_eq!(wilson(3, 0, Z95), None);
        assert_eq!(wilson(4, 3, Z95), None);
    }

    /// 12 Black women among 400 answers (3 %) where 9 % of births are to Black women: the
    /// interval 1.7 %–5.2 % lies wholly below 9 %, so the group is under-heard, at a third of
    /// its share (ratio 0.333).
    #[test]
    fn ratio_and_flags_by_hand() {
        let under = Counts {
            feedback: 12,
            feedback_base: 400,
            population: Some(270),
            population_base: Some(3000),
        }
        .figures();
        assert!(close(under.feedback_share.unwrap(), 0.03));
        assert!(close(under.population_share.unwrap(), 0.09));
        assert!(close(under.ratio.unwrap(), 1.0 / 3.0));
        let ci = under.ci.unwrap();
        assert!(close(ci.low, 0.01724) && close(ci.high, 0.05170), "{ci:?}");
        assert_eq!(under.flag, Flag::Under);

        // 40 of 400 (10 %) against 9 %: the interval 7.4 %–13.3 % contains 9 %, so no flag.
        let fair = Counts {
            feedback: 40,
            feedback_base: 400,
            population: Some(270),
            population_base: Some(3000),
        }
        .figures();
        assert_eq!(fair.flag, Flag::None);
        assert!(close(fair.ratio.unwrap(), 10.0 / 9.0));

        // 300 of 400 (75 %) against 60 %: 70.5 %–79.0 % is wholly above, over-heard.
        let over = Counts {
            feedback: 300,
            feedback_base: 400,
            population: Some(1800),
            population_base: Some(3000),
        }
        .figures();
        assert_eq!(over.flag, Flag::Over);
        assert_eq!(Flag::Over.code(), "over");

        // Without population figures: a share and interval, but no ratio or flag.
        let unknown = Counts {
            feedback: 3,
            feedback_base: 10,
            population: None,
            population_base: None,
        }
        .figures();
        assert_eq!((unknown.ratio, unknown.flag), (None, Flag::None));
        assert!(unknown.ci.is_some());
    }

    proptest! {
        /// The interval always holds the observed share and stays within [0, 1]; more data
        /// never widens it for the same share.
        #[test]
        fn wilson_contains_the_share(n in 1i64..5000, frac in 0.0f64..=1.0) {
            let k = ((n as f64) * frac).round() as i64;
            let ci = wilson(k, n, Z95).unwrap();
            let p = k as f64 / n as f64;
            prop_assert!(ci.low >= 0.0 && ci.high <= 1.0);
            prop_assert!(ci.low <= p + 1e-12 && p <= ci.high + 1e-12);
            let bigger = wilson(k * 4, n * 4, Z95).unwrap();
            prop_assert!(bigger.high - bigger.low <= ci.high - ci.low + 1e-12);
        }

        /// A flag is raised only when the population share is outside the interval.
        #[test]
        fn flags_agree_with_the_interval(k in 0i64..200, extra in 0i64..200, pop in 0.0f64..1.0) {
            let n = k + extra + 1;
            let ci = wilson(k, n, Z95).unwrap();
            match flag(ci, pop) {
                Flag::Under => prop_assert!(ci.high < pop),
                Flag::Over => prop_assert!(ci.low > pop),
                Flag::None => prop_assert!(ci.low <= pop && pop <= ci.high),
            }
        }
    }
}
