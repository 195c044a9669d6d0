//! The representation report: for every dimension and group, the share of feedback against the
//! share of births, with its interval and flag; the same per channel, per unit and per quarter.
//!
//! Built from the store's tally (counts by month, unit, channel, raw dimension and group) and
//! the imported population. For the MNVP lead the counts are exact; for everyone else every
//! dimension is protected as one linked set of tables (the main table and its three
//! breakdowns) by [`crate::suppression::secondary`], and every share, ratio and interval is
//! computed from the rounded counts that are shown, so nothing shown says more than the counts.

use super::dimensions::{
    feedback_by_group, Dimension, EthnicScheme, FeedbackByGroup, Population, RawCounts,
};
use super::stats::{flag, wilson, Counts, Flag, Interval, Z95};
use crate::suppression::secondary::{Published, Tables};
use crate::suppression::{Shown, SuppressionRule};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One cell of the store's pre-aggregated tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRow {
    /// `YYYY-MM` of `received_on`.
    pub month: String,
    /// 0 when the item names no unit.
    pub unit_id: i64,
    pub channel: String,
    pub dimension: String,
    pub group: String,
    pub n: i64,
}

vocabulary!(
    /// How the feedback is split in the breakdowns.
    #[derive(PartialOrd, Ord)]
    SliceKind, "a breakdown" {
        Channel => ("channel", "By channel"),
        Unit => ("unit", "By unit"),
        Quarter => ("quarter", "By quarter"),
    }
);

/// NHS financial-year quarter of a `YYYY-MM` month: "2026/27 Q1" is April to June 2026.
pub fn quarter_of(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or((month, "1"));
    let (y, m): (i32, i32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(1));
    let start = if m >= 4 { y } else { y - 1 };
    let q = ((m + 8) % 12) / 3 + 1;
    format!("{start}/{:02} Q{q}", (start + 1) % 100)
}

/// Tally rows summed for the whole period and for each slice.
#[derive(Debug, Clone, Default)]
pub struct Slices {
    pub all: RawCounts,
    pub by: BTreeMap<(SliceKind, String), RawCounts>,
}

impl Slices {
    /// Adds one tally cell to the totals and to its channel, unit and quarter.
    pub fn add(&mut self, r: &TallyRow) {
        let key = (r.dimension.clone(), r.group.clone());
        *self.all.entry(key.clone()).or_default() += r.n;
        for slice in [
            (SliceKind::Channel, r.channel.clone()),
            (SliceKind::Unit, r.unit_id.to_string()),
            (SliceKind::Quarter, quarter_of(&r.month)),
        ] {
            *self
                .by
                .entry(slice)
                .or_default()
                .entry(key.clone())
                .or_default() += r.n;
        }
    }

    /// Adds a count already summed over everything but one breakdown: `key` is the channel,
    /// the unit id, or the `YYYY-MM` month (counted into its quarter). The store sums the
    /// tally this way in SQL, so an ICB's report reads thousands of rows instead of every
    /// month × unit × channel cell. Channel margins also make the totals: every item has
    /// exactly one channel, so they sum to everything.
    pub fn add_margin(&mut self, kind: SliceKind, key: &str, dimension: &str, group: &str, n: i64) {
        let cell = (dimension.to_string(), group.to_string());
        if kind == SliceKind::Channel {
            *self.all.entry(cell.clone()).or_default() += n;
        }
        let key = match kind {
            SliceKind::Quarter => quarter_of(key),
            _ => key.to_string(),
        };
        *self
            .by
            .entry((kind, key))
            .or_default()
            .entry(cell)
            .or_default() += n;
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

/// Who the figures are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The MNVP lead: exact counts.
    Lead,
    /// Anyone else: suppressed and rounded by the rule.
    Protected(SuppressionRule),
}

/// One group as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub group: String,
    pub label: String,
    pub feedback: Shown,
    pub population: Option<i64>,
    pub feedback_share: Option<f64>,
    pub population_share: Option<f64>,
    pub ratio: Option<f64>,
    pub ci: Option<Interval>,
    pub flag: Flag,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub dimension: Dimension,
    pub rows: Vec<Row>,
    /// Feedback that answered (the denominator of the shares).
    pub base: Shown,
    /// Answered "prefer not to say": the lead's only.
    pub not_stated: Option<i64>,
    pub population_base: Option<i64>,
    pub scheme: EthnicScheme,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SliceTable {
    pub key: String,
    pub base: Shown,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub kind: SliceKind,
    pub slices: Vec<SliceTable>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionReport {
    pub table: Table,
    pub breakdowns: Vec<Breakdown>,
}

/// Shares, ratio, interval and flag from what is shown.
///
/// A hidden count shows no share or interval. It may still carry the under-heard flag, the
/// one conclusion a commissioner most needs: when the group would be under-heard at *every*
/// count it could have — the most the shown totals allow (`k_max`), and, when it was hidden
/// for being small, the most the rule hides. Saying so tells the reader no more than "this
/// count is small", which suppression itself announces.
fn figures(
    k: Shown,
    n: Shown,
    population: Option<(i64, i64)>,
    rule: SuppressionRule,
    k_max: i64,
    k_true: i64,
) -> (Option<f64>, Option<f64>, Option<Interval>, Flag) {
    let population_share = population
        .filter(|(_, b)| *b > 0)
        .map(|(p, b)| p as f64 / b as f64);
    match (k, n) {
        (Shown::Count(k), Shown::Count(n)) => {
            let f = Counts {
                feedback: k,
                feedback_base: n,
                population: population.map(|p| p.0),
                population_base: population.map(|p| p.1),
            }
            .figures();
            (f.feedback_share, f.ratio, f.ci, f.flag)
        }
        (Shown::Suppressed, Shown::Count(n)) if n > 0 => {
            let n_lo = rule.range(Shown::Count(n)).0.max(1);
            let small = (1..=rule.hide_up_to).contains(&k_true);
            let most = if small {
                k_max.min(rule.hide_up_to)
            } else {
                k_max
            };
            let under = population_share
                .zip(wilson(most.min(n_lo), n_lo, Z95))
                .is_some_and(|(p, ci)| flag(ci, p) == Flag::Under);
            (
                None,
                None,
                None,
                if under { Flag::Under } else { Flag::None },
            )
        }
        _ => (None, None, None, Flag::None),
    }
}

/// The most a hidden cell of a line can be: the line's total at its largest, less the other
/// shown cells at their smallest.
fn line_max(rule: SuppressionRule, cells: &[Shown], total: Shown, i: usize) -> i64 {
    let others: i64 = cells
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, s)| rule.range(*s).0)
        .sum();
    (rule.range(total).1 - others).max(0)
}

struct Built<'a> {
    dim: Dimension,
    groups: Vec<String>,
    population: BTreeMap<String, i64>,
    population_base: i64,
    labels: &'a dyn Fn(SliceKind, &str) -> String,
}

impl Built<'_> {
    fn row(&self, group: &str, k: Shown, n: Shown, audience: Audience, bounds: (i64, i64)) -> Row {
        let pop = (self.population_base > 0)
            .then(|| {
                self.population
                    .get(group)
                    .map(|p| (*p, self.population_base))
            })
            .flatten();
        let rule = match audience {
            Audience::Lead => SuppressionRule {
                hide_up_to: 0,
                round_to: 1,
            },
            Audience::Protected(r) => r,
        };
        let (feedback_share, ratio, ci, flag) = figures(k, n, pop, rule, bounds.0, bounds.1);
        Row {
            group: group.to_string(),
            label: self.dim.group_label(group),
            feedback: k,
            population: pop.map(|p| p.0),
            feedback_share,
            population_share: pop.map(|(p, b)| p as f64 / b as f64),
            ratio,
            ci,
            flag,
        }
    }
}

fn count_of(f: &FeedbackByGroup, g: &str) -> i64 {
    f.counts.get(g).copied().unwrap_or(0)
}

/// The report for one dimension, for the given audience.
pub fn dimension_report(
    dim: Dimension,
    slices: &Slices,
    population: &Population,
    audience: Audience,
    labels: &dyn Fn(SliceKind, &str) -> String,
) -> DimensionReport {
    let pop = population.by_group(dim);
    let scheme = if pop.base > 0 {
        pop.scheme
    } else {
        EthnicScheme::Census2021
    };
    let all = feedback_by_group(&slices.all, dim, scheme);
    let mut groups = dim.fixed_groups();
    if dim == Dimension::Area {
        let found: BTreeSet<String> = all
            .counts
            .keys()
            .chain(pop.counts.keys())
            .cloned()
            .collect();
        groups = found.into_iter().collect();
    }
    let built = Built {
        dim,
        groups,
        population: pop.counts.clone(),
        population_base: pop.base,
        labels,
    };
    // Slices of each kind, in key order, with their feedback by group.
    let kinds: Vec<(SliceKind, Vec<(String, FeedbackByGroup)>)> = SliceKind::ALL
        .iter()
        .map(|kind| {
            let rows = slices
                .by
                .iter()
                .filter(|((k, _), _)| k == kind)
                .map(|((_, key), raw)| (key.clone(), feedback_by_group(raw, dim, scheme)))
                .filter(|(_, f)| f.base > 0)
                .collect();
            (*kind, rows)
        })
        .collect();
    let published = match audience {
        Audience::Lead => None,
        Audience::Protected(rule) => Some(protect(&built, &all, &kinds, rule)),
    };
    let exact = |v: i64| Shown::Count(v);
    // Main table.
    let (base, cells): (Shown, Vec<Shown>) = match &published {
        None => (
            exact(all.base),
            built
                .groups
                .iter()
                .map(|g| exact(count_of(&all, g)))
                .collect(),
        ),
        Some(p) => (p.base, p.main.clone()),
    };
    let rule = match audience {
        Audience::Protected(r) => r,
        Audience::Lead => SuppressionRule {
            hide_up_to: 0,
            round_to: 1,
        },
    };
    let rows = built
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let bounds = (line_max(rule, &cells, base, i), count_of(&all, g));
            built.row(g, cells[i], base, audience, bounds)
        })
        .collect();
    let table = Table {
        dimension: dim,
        rows,
        base,
        not_stated: (audience == Audience::Lead).then_some(all.not_stated),
        population_base: (pop.base > 0).then_some(pop.base),
        scheme,
    };
    let breakdowns = kinds
        .iter()
        .enumerate()
        .map(|(k, (kind, rows))| Breakdown {
            kind: *kind,
            slices: rows
                .iter()
                .enumerate()
                .map(|(r, (key, f))| {
                    let (base, cells): (Shown, Vec<Shown>) = match &published {
                        None => (
                            exact(f.base),
                            built.groups.iter().map(|g| exact(count_of(f, g))).collect(),
                        ),
                        Some(p) => p.slices[k][r].clone(),
                    };
                    SliceTable {
                        key: (built.labels)(*kind, key),
                        base,
                        rows: built
                            .groups
                            .iter()
                            .enumerate()
                            .map(|(i, g)| {
                                let bounds = (line_max(rule, &cells, base, i), count_of(f, g));
                                built.row(g, cells[i], base, audience, bounds)
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    DimensionReport { table, breakdowns }
}

/// What the protection publishes for one dimension: the main table's base and cells, and each
/// slice's base and cells.
struct Protected {
    base: Shown,
    main: Vec<Shown>,
    slices: Vec<Vec<SliceCounts>>,
}

/// A slice's base and its cells, as shown.
type SliceCounts = (Shown, Vec<Shown>);

/// Protects a dimension's linked tables. Experience groups are not parts of one whole (a
/// family may be neonatal and bereaved), so each is protected on its own, against its base,
/// with its complement never published.
fn protect(
    built: &Built<'_>,
    all: &FeedbackByGroup,
    kinds: &[(SliceKind, Vec<(String, FeedbackByGroup)>)],
    rule: SuppressionRule,
) -> Protected {
    let split = |p: Published| -> (Shown, Vec<Shown>, Vec<Vec<SliceCounts>>) {
        let slices = p
            .breakdowns
            .into_iter()
            .map(|rows| {
                rows.into_iter()
                    .map(|(cells, total)| (total, cells))
                    .collect()
            })
            .collect();
        (p.total, p.main, slices)
    };
    if built.dim == Dimension::Experience {
        let mut out = Protected {
            base: rule.apply(all.base),
            main: Vec::new(),
            slices: kinds
                .iter()
                .map(|(_, rows)| {
                    rows.iter()
                        .map(|(_, f)| (rule.apply(f.base), Vec::new()))
                        .collect()
                })
                .collect(),
        };
        for g in &built.groups {
            let pair = |f: &FeedbackByGroup| vec![count_of(f, g), f.base - count_of(f, g)];
            let tables = Tables {
                main: pair(all),
                breakdowns: kinds
                    .iter()
                    .map(|(_, rows)| rows.iter().map(|(_, f)| pair(f)).collect())
                    .collect(),
                unpublished: vec![false, true],
            };
            let (base, main, slices) = split(tables.protect(rule));
            out.base = base;
            out.main.push(main[0]);
            for (k, rows) in slices.into_iter().enumerate() {
                for (r, (total, cells)) in rows.into_iter().enumerate() {
                    out.slices[k][r].0 = total;
                    out.slices[k][r].1.push(cells[0]);
                }
            }
        }
        return out;
    }
    let cells = |f: &FeedbackByGroup| {
        built
            .groups
            .iter()
            .map(|g| count_of(f, g))
            .collect::<Vec<_>>()
    };
    let tables = Tables {
        main: cells(all),
        breakdowns: kinds
            .iter()
            .map(|(_, rows)| rows.iter().map(|(_, f)| cells(f)).collect())
            .collect(),
        unpublished: Vec::new(),
    };
    let (base, main, slices) = split(tables.protect(rule));
    Protected { base, main, slices }
}

#[cfg(test)]
mod tests;
