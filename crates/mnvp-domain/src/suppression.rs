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

    proptest! {
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
