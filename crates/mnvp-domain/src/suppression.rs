//! Small-number suppression: the one function every count goes through before it leaves the
//! MNVP lead role, so that nobody can be identified from a published figure. Tables shown
//! together (a total and its parts) also go through [`secondary`], so that a hidden count
//! cannot be worked out by subtraction.

pub mod secondary;

use serde::Serialize;

/// The NHS convention by default: 0 is shown, 1–7 are hidden, larger counts are rounded to the
/// nearest 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuppressionRule {
    /// Counts from 1 up to and including this value are hidden.
    pub hide_up_to: i64,
    /// Shown counts are rounded to the nearest multiple of this (1 = no rounding).
    pub round_to: i64,
}

impl Default for SuppressionRule {
    fn default() -> Self {
        SuppressionRule {
            hide_up_to: 7,
            round_to: 5,
        }
    }
}

/// A count as a given audience may see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Shown {
    Count(i64),
    Suppressed,
}

impl Shown {
    pub fn text(self) -> String {
        match self {
            Shown::Count(n) => n.to_string(),
            Shown::Suppressed => "suppressed".into(),
        }
    }
}

impl SuppressionRule {
    pub fn apply(self, n: i64) -> Shown {
        if n <= 0 {
            return Shown::Count(0);
        }
        if n <= self.hide_up_to {
            return Shown::Suppressed;
        }
        let step = self.round_to.max(1);
        Shown::Count(((n + step / 2) / step) * step)
    }

    /// The true counts a shown value could stand for, as a reader who knows the rule can tell:
    /// a suppressed count is anything from 0 up (it may be a secondary suppression).
    pub fn range(self, shown: Shown) -> (i64, i64) {
        match shown {
            Shown::Suppressed => (0, i64::MAX / 4),
            Shown::Count(0) => (0, 0),
            Shown::Count(s) => {
                let step = self.round_to.max(1);
                let lo = (s - step).max(self.hide_up_to + 1).max(0);
                let lo = (lo..=s).find(|&x| self.apply(x) == shown).unwrap_or(s);
                let hi = (lo..=s + step)
                    .take_while(|&x| self.apply(x) == shown)
                    .last()
                    .unwrap_or(s);
                (lo, hi)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nhs_convention() {
        let r = SuppressionRule::default();
        assert_eq!(r.apply(0), Shown::Count(0));
        assert_eq!(r.apply(1), Shown::Suppressed);
        assert_eq!(r.apply(7), Shown::Suppressed);
        assert_eq!(r.apply(8), Shown::Count(10));
        assert_eq!(r.apply(12), Shown::Count(10));
        assert_eq!(r.apply(13), Shown::Count(15));
        assert_eq!(r.apply(102), Shown::Count(100));
    }

    #[test]
    fn ranges_invert_the_rule() {
        let r = SuppressionRule::default();
        assert_eq!(r.range(Shown::Count(10)), (8, 12));
        assert_eq!(r.range(Shown::Count(15)), (13, 17));
        assert_eq!(r.range(Shown::Count(0)), (0, 0));
        assert_eq!(r.range(Shown::Suppressed).0, 0);
        let exact = SuppressionRule {
            hide_up_to: 0,
            round_to: 1,
        };
        assert_eq!(exact.range(Shown::Count(3)), (3, 3));
    }

    proptest! {
        #[test]
        fn every_count_lies_in_the_range_of_what_is_shown(n in 0i64..100_000, hide in 0i64..10, round in 1i64..11) {
            let r = SuppressionRule { hide_up_to: hide, round_to: round };
            let (lo, hi) = r.range(r.apply(n));
            prop_assert!(lo <= n && n <= hi, "{} not in {}..{}", n, lo, hi);
        }

        #[test]
        fn shown_counts_are_never_small_and_stay_close(n in 0i64..1_000_000) {
            match SuppressionRule::default().apply(n) {
                Shown::Suppressed => prop_assert!((1..=7).contains(&n)),
                Shown::Count(c) => {
                    prop_assert!(c == 0 || c >= 10);
                    prop_assert_eq!(c % 5, 0);
                    prop_assert!((c - n).abs() <= 2);
                }
            }
        }
    }
}
