//! What an item is coded as, when several people may have coded it. The lead's resolution wins;
//! otherwise coders who agree, or the only coder; when coders disagree and nobody has resolved
//! it, the themes at least half of them chose (for counting), and the item is kept out of
//! model training until the lead resolves it, so that the model never learns from a dispute.

use std::collections::BTreeMap;

/// One person's coding of one item (themes as ids; sentiment 1 very positive … 5 very negative).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub coder: i64,
    /// The lead's resolution of a disagreement: the gold label.
    pub gold: bool,
    pub themes: Vec<i64>,
    pub sentiment: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelSource {
    /// The lead resolved a disagreement.
    Resolved,
    /// Every coder made the same decisions.
    Agreed,
    /// One person coded the item.
    SingleCoder,
    /// Coders disagree and nobody has resolved it: themes chosen by at least half of them.
    Disputed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HumanLabels {
    /// Sorted, without duplicates.
    pub themes: Vec<i64>,
    pub sentiment: Option<u8>,
    pub source: LabelSource,
}

impl HumanLabels {
    /// Whether a model may learn from these labels.
    pub fn trainable(&self) -> bool {
        self.source != LabelSource::Disputed
    }
}

fn sorted(themes: &[i64]) -> Vec<i64> {
    let mut t = themes.to_vec();
    t.sort_unstable();
    t.dedup();
    t
}

/// Whether the coders of an item (gold codings aside) made different decisions.
pub fn coders_disagree(codings: &[Coding]) -> bool {
    let coders: Vec<&Coding> = codings.iter().filter(|c| !c.gold).collect();
    let Some(first) = coders.first() else {
        return false;
    };
    let themes = sorted(&first.themes);
    let sentiments: Vec<u8> = coders.iter().filter_map(|c| c.sentiment).collect();
    coders.iter().any(|c| sorted(&c.themes) != themes)
        || sentiments.iter().any(|&s| s != sentiments[0])
}

/// The labels that count for an item, or `None` if nobody has coded it.
pub fn human_labels(codings: &[Coding]) -> Option<HumanLabels> {
    if let Some(g) = codings.iter().find(|c| c.gold) {
        return Some(HumanLabels {
            themes: sorted(&g.themes),
            sentiment: g.sentiment,
            source: LabelSource::Resolved,
        });
    }
    let coders: Vec<&Coding> = codings.iter().filter(|c| !c.gold).collect();
    let first = coders.first()?;
    if coders.len() == 1 {
        return Some(HumanLabels {
            themes: sorted(&first.themes),
            sentiment: first.sentiment,
            source: LabelSource::SingleCoder,
        });
    }
    let mut sentiments: Vec<u8> = coders.iter().filter_map(|c| c.sentiment).collect();
    sentiments.sort_unstable();
    // The lower median: with two coders who differ, the more positive of the two.
    let sentiment = sentiments
        .get(sentiments.len().saturating_sub(1) / 2)
        .copied();
    if !coders_disagree(codings) {
        return Some(HumanLabels {
            themes: sorted(&first.themes),
            sentiment,
            source: LabelSource::Agreed,
        });
    }
    let mut votes: BTreeMap<i64, usize> = BTreeMap::new();
    for c in &coders {
        for t in sorted(&c.themes) {
            *votes.entry(t).or_default() += 1;
        }
    }
    let themes = votes
        .into_iter()
        .filter(|&(_, v)| 2 * v >= coders.len())
        .map(|(t, _)| t)
        .collect();
    Some(HumanLabels {
        themes,
        sentiment,
        source: LabelSource::Disputed,
    })
}

/// Adds each sub-theme's theme (`parent_of`), so an item coded "Epidural delays" also counts
/// under "Pain relief". Sorted, without duplicates.
pub fn with_parents(themes: &[i64], parent_of: &BTreeMap<i64, i64>) -> Vec<i64> {
    let mut out: Vec<i64> = themes
        .iter()
        .flat_map(|t| std::iter::once(*t).chain(parent_of.get(t).copied()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(coder: i64, themes: &[i64], sentiment: Option<u8>) -> Coding {
        Coding {
            coder,
            gold: false,
            themes: themes.to_vec(),
            sentiment,
        }
    }

    #[test]
    fn precedence_resolved_agreed_single_disputed() {
        assert_eq!(human_labels(&[]), None);
        let single = human_labels(&[c(1, &[3, 2], Some(4))]).unwrap();
        assert_eq!(
            (single.themes, single.source),
            (vec![2, 3], LabelSource::SingleCoder)
        );
        let agreed = human_labels(&[c(1, &[3, 2], Some(4)), c(2, &[2, 3], None)]).unwrap();
        assert_eq!(agreed.source, LabelSource::Agreed);
        assert_eq!(agreed.sentiment, Some(4));
        let disputed = human_labels(&[
            c(1, &[1, 2], Some(2)),
            c(2, &[2], Some(4)),
            c(3, &[3], Some(5)),
        ])
        .unwrap();
        assert_eq!(disputed.source, LabelSource::Disputed);
        assert_eq!(
            disputed.themes,
            vec![2],
            "only theme 2 has at least half the votes"
        );
        assert_eq!(disputed.sentiment, Some(4));
        assert!(!disputed.trainable());
        let two = human_labels(&[c(1, &[1, 2], Some(2)), c(2, &[2], Some(4))]).unwrap();
        assert_eq!((two.themes, two.sentiment), (vec![1, 2], Some(2)));
        let mut gold = c(9, &[7], Some(3));
        gold.gold = true;
        let resolved = human_labels(&[c(1, &[1], None), gold, c(2, &[2], None)]).unwrap();
        assert!(resolved.trainable());
        assert_eq!(
            (resolved.themes, resolved.source),
            (vec![7], LabelSource::Resolved)
        );
    }

    #[test]
    fn sentiment_alone_can_be_a_disagreement() {
        assert!(coders_disagree(&[c(1, &[1], Some(1)), c(2, &[1], Some(2))]));
        assert!(!coders_disagree(&[c(1, &[1], Some(1)), c(2, &[1], None)]));
        assert!(!coders_disagree(&[c(1, &[1], None)]));
    }

    #[test]
    fn sub_themes_count_under_their_theme() {
        let parents = BTreeMap::from([(10, 1), (11, 1)]);
        assert_eq!(with_parents(&[10, 11, 5], &parents), vec![1, 5, 10, 11]);
    }
}
