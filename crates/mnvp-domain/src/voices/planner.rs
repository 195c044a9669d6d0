//! The proportionate-universalism planner: how to spread next quarter's outreach conversations.
//!
//! Marmot (2010): "actions must be universal, but with a scale and intensity that is
//! proportionate to the level of disadvantage". So every area and group with births gets a
//! share of the conversations in proportion to its births (universal), multiplied up for
//! disadvantage and for how far it is currently under-heard (proportionate):
//!
//! ```text
//! weight = births share × (1 + disadvantage) × (1 + under-hearing)
//! conversations = target × weight ÷ sum of weights   (whole numbers, largest remainder)
//! ```
//!
//! * disadvantage, 0 to 1: for an area, (10 − mean IMD decile of its postcodes) ÷ 9, or 0.5
//!   when the area is not in the reference data; for an ethnic group, 1 for the groups NHS
//!   England names as priorities for maternity equity (Black, Asian and Mixed ethnicity: worse
//!   outcomes in MBRRACE-UK), otherwise 0; for a deprivation decile, (10 − decile) ÷ 9.
//! * under-hearing, 0 to 1: 1 − (feedback share ÷ births share), floored at 0 — 1 for a group
//!   never heard, 0 for one heard at or above its share.
//!
//! A group heard in proportion and not disadvantaged keeps its births share; one both deprived
//! and unheard gets up to four times it.

use serde::Serialize;

/// One area or group the planner weighs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub key: String,
    pub label: String,
    pub births_share: f64,
    /// Feedback share ÷ births share; `None` when there is no feedback base yet (counts as 0).
    pub ratio: Option<f64>,
    pub disadvantage: f64,
}

/// How many conversations to hold with one area or group, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    pub key: String,
    pub label: String,
    pub conversations: i64,
    pub weight: f64,
    pub births_share: f64,
    pub under_hearing: f64,
    pub disadvantage: f64,
}

/// Under-hearing from the representation ratio.
pub fn under_hearing(ratio: Option<f64>) -> f64 {
    (1.0 - ratio.unwrap_or(0.0)).clamp(0.0, 1.0)
}

/// Splits `target` conversations by the weights above, as whole numbers that add up to it
/// (largest remainder), most conversations first.
pub fn allocate(target: i64, candidates: &[Candidate]) -> Vec<Allocation> {
    let target = target.max(0);
    let mut rows: Vec<Allocation> = candidates
        .iter()
        .filter(|c| c.births_share > 0.0)
        .map(|c| {
            let under = under_hearing(c.ratio);
            let disadvantage = c.disadvantage.clamp(0.0, 1.0);
            Allocation {
                key: c.key.clone(),
                label: c.label.clone(),
                conversations: 0,
                weight: c.births_share * (1.0 + disadvantage) * (1.0 + under),
                births_share: c.births_share,
                under_hearing: under,
                disadvantage,
            }
        })
        .collect();
    let total: f64 = rows.iter().map(|r| r.weight).sum();
    if total <= 0.0 {
        return rows;
    }
    let exact: Vec<f64> = rows
        .iter()
        .map(|r| target as f64 * r.weight / total)
        .collect();
    for (r, e) in rows.iter_mut().zip(&exact) {
        r.conversations = e.floor() as i64;
    }
    let mut left = target - rows.iter().map(|r| r.conversations).sum::<i64>();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for i in order {
        if left == 0 {
            break;
        }
        rows[i].conversations += 1;
        left -= 1;
    }
    rows.sort_by(|a, b| {
        b.conversations
            .cmp(&a.conversations)
            .then(b.weight.total_cmp(&a.weight))
            .then(a.key.cmp(&b.key))
    });
    rows
}

/// What outreach sessions of one venue type reached before (aggregate tallies).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VenueReach {
    pub venue_type: String,
    pub label: String,
    pub sessions: i64,
    /// People reached per group key (e.g. `black`, `neonatal`).
    pub reached: std::collections::BTreeMap<String, i64>,
}

/// A venue type suggested for a group, with how many of the group it reached per session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VenueSuggestion {
    pub venue_type: String,
    pub label: String,
    pub per_session: f64,
    pub sessions: i64,
}

/// The venue types that reached a group before, best first (people of the group reached per
/// session); at most three. Empty when no outreach tallies mention the group.
pub fn venues_for(group: &str, history: &[VenueReach]) -> Vec<VenueSuggestion> {
    let mut out: Vec<VenueSuggestion> = history
        .iter()
        .filter(|v| v.sessions > 0)
        .filter_map(|v| {
            let n = *v.reached.get(group)?;
            (n > 0).then(|| VenueSuggestion {
                venue_type: v.venue_type.clone(),
                label: v.label.clone(),
                per_session: n as f64 / v.sessions as f64,
                sessions: v.sessions,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.per_session
            .total_cmp(&a.per_session)
            .then(a.venue_type.cmp(&b.venue_type))
    });
    out.truncate(3);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(key: &str, births_share: f64, ratio: Option<f64>, disadvantage: f64) -> Candidate {
        Candidate {
            key: key.into(),
            label: key.into(),
            births_share,
            ratio,
            disadvantage,
        }
    }

    /// Worked by hand: weights 0.5×1×1 = 0.5 (heard in proportion, not deprived),
    /// 0.3×2×2 = 1.2 (most deprived, never heard), 0.2×1.5×1.5 = 0.45 (half deprived, heard at
    /// half its share). Total 2.15; 60 conversations → 13.95, 33.49, 12.56 → 14, 33, 13.
    #[test]
    fn weights_and_rounding_by_hand() {
        let out = allocate(
            60,
            &[
                c("heard", 0.5, Some(1.4), 0.0),
                c("deprived", 0.3, None, 1.0),
                c("half", 0.2, Some(0.5), 0.5),
            ],
        );
        let got: Vec<(&str, i64)> = out
            .iter()
            .map(|a| (a.key.as_str(), a.conversations))
            .collect();
        assert_eq!(got, [("deprived", 33), ("heard", 14), ("half", 13)]);
        assert!((out[0].weight - 1.2).abs() < 1e-12);
        assert_eq!(out[1].under_hearing, 0.0, "heard above its share: no extra");
    }

    #[test]
    fn venues_are_ranked_by_reach_per_session() {
        let v = |t: &str, sessions, black| VenueReach {
            venue_type: t.into(),
            label: t.into(),
            sessions,
            reached: [("black".to_string(), black)].into_iter().collect(),
        };
        let history = [
            v("baby_group", 4, 6),
            v("community_event", 2, 8),
            v("clinic", 5, 0),
        ];
        let got: Vec<String> = venues_for("black", &history)
            .into_iter()
            .map(|s| s.venue_type)
            .collect();
        assert_eq!(got, ["community_event", "baby_group"]);
        assert!(venues_for("asian", &history).is_empty());
    }

    proptest! {
        /// Whole numbers that add up to the target, and never fewer for a group that is more
        /// deprived and less heard with the same births.
        #[test]
        fn allocations_add_up(target in 0i64..500, shares in prop::collection::vec((0.01f64..1.0, 0.0f64..2.0, 0.0f64..1.0), 1..8)) {
            let cands: Vec<Candidate> = shares.iter().enumerate()
                .map(|(i, (s, r, d))| c(&format!("g{i}"), *s, Some(*r), *d)).collect();
            let out = allocate(target, &cands);
            prop_assert_eq!(out.iter().map(|a| a.conversations).sum::<i64>(), target);
            let mut twin = cands.clone();
            twin.push(Candidate { key: "worse".into(), ratio: Some(0.0), disadvantage: 1.0, ..cands[0].clone() });
            let out = allocate(target, &twin);
            let of = |k: &str| out.iter().find(|a| a.key == k).unwrap().conversations;
            prop_assert!(of("worse") + 1 >= of("g0"));
        }
    }
}
