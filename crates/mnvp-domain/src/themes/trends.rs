//! Counting themes across groups (months, units, care stages, channels, demographic groups)
//! with their sentiment, for the trend views and their CSV. Pure counting: who may see exact
//! numbers is decided by the caller, through `suppression`.

use serde::Serialize;
use std::collections::BTreeMap;

/// One coded item as the views count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendItem {
    /// Themes the item counts under, sub-themes' themes included (see `labels::with_parents`).
    pub themes: Vec<i64>,
    /// The group the item falls in ("2026-03", a unit's name, …).
    pub group: String,
    /// 1 very positive … 5 very negative.
    pub sentiment: Option<u8>,
}

/// How many items, and how they felt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub n: i64,
    /// Sentiment 1–2.
    pub positive: i64,
    /// Sentiment 3 (neutral or mixed).
    pub neutral: i64,
    /// Sentiment 4–5.
    pub negative: i64,
}

impl Cell {
    fn add(&mut self, sentiment: Option<u8>) {
        self.n += 1;
        match sentiment {
            Some(1 | 2) => self.positive += 1,
            Some(3) => self.neutral += 1,
            Some(4 | 5) => self.negative += 1,
            _ => {}
        }
    }

    /// Items with a sentiment.
    pub fn rated(&self) -> i64 {
        self.positive + self.neutral + self.negative
    }
}

/// Theme × group counts. `groups` keeps the order asked for, then any group met but not asked
/// for, in sorted order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrendTable {
    pub groups: Vec<String>,
    /// Per theme: one cell per group, then the theme's total.
    pub rows: BTreeMap<i64, (Vec<Cell>, Cell)>,
    /// Items per group, whatever their themes, and overall.
    pub items: (Vec<Cell>, Cell),
}

pub fn tabulate(items: &[TrendItem], group_order: &[String]) -> TrendTable {
    let mut groups: Vec<String> = group_order.to_vec();
    let mut extra: Vec<String> = items
        .iter()
        .map(|i| i.group.clone())
        .filter(|g| !groups.contains(g))
        .collect();
    extra.sort();
    extra.dedup();
    groups.extend(extra);
    let index: BTreeMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.as_str(), i))
        .collect();
    let width = groups.len();
    let mut table = TrendTable {
        groups: groups.clone(),
        rows: BTreeMap::new(),
        items: (vec![Cell::default(); width], Cell::default()),
    };
    for item in items {
        let g = index[item.group.as_str()];
        table.items.0[g].add(item.sentiment);
        table.items.1.add(item.sentiment);
        for t in &item.themes {
            let row = table
                .rows
                .entry(*t)
                .or_insert_with(|| (vec![Cell::default(); width], Cell::default()));
            row.0[g].add(item.sentiment);
            row.1.add(item.sentiment);
        }
    }
    table
}

/// `YYYY-MM` for every month from `first` to `last` inclusive (both `YYYY-MM…` dates), so a
/// month with no feedback shows as a zero rather than disappearing.
pub fn months_between(first: &str, last: &str) -> Vec<String> {
    let parse = |s: &str| -> Option<(i32, u32)> {
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        (1..=12).contains(&m).then_some((y, m))
    };
    let (Some((mut y, mut m)), Some(end)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while (y, m) <= end && out.len() < 240 {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(themes: &[i64], group: &str, sentiment: Option<u8>) -> TrendItem {
        TrendItem {
            themes: themes.to_vec(),
            group: group.into(),
            sentiment,
        }
    }

    #[test]
    fn counts_by_theme_and_group_with_sentiment() {
        let items = [
            item(&[1, 2], "2026-01", Some(1)),
            item(&[1], "2026-01", Some(5)),
            item(&[2], "2026-03", Some(3)),
            item(&[], "2026-03", None),
            item(&[1], "later", None),
        ];
        let t = tabulate(
            &items,
            &["2026-01".into(), "2026-02".into(), "2026-03".into()],
        );
        assert_eq!(t.groups, vec!["2026-01", "2026-02", "2026-03", "later"]);
        let (cells, total) = &t.rows[&1];
        assert_eq!(
            cells.iter().map(|c| c.n).collect::<Vec<_>>(),
            vec![2, 0, 0, 1]
        );
        assert_eq!(
            (total.n, total.positive, total.negative, total.rated()),
            (3, 1, 1, 2)
        );
        assert_eq!(t.rows[&2].1.neutral, 1);
        assert_eq!(t.items.1.n, 5);
        assert_eq!(t.items.0[2].n, 2);
    }

    #[test]
    fn months_fill_the_gaps() {
        assert_eq!(
            months_between("2025-11-03", "2026-02-28"),
            vec!["2025-11", "2025-12", "2026-01", "2026-02"]
        );
        assert!(months_between("junk", "2026-01").is_empty());
    }
}
