//! Secondary suppression checked against an exact attacker: given everything published (shown
//! counts, which cells are hidden, the rounding rule, and that counts are whole numbers that
//! add up), can any hidden count be pinned to one value? Feasibility of a two-way table with
//! bounded cells and margins is a circulation problem, so the oracle answers exactly with a
//! max-flow; it is independent of the cycle rule the production code uses.

use super::*;
use proptest::prelude::*;

const BIG: i64 = 1_000_000;

/// Dinic's max-flow on a small graph.
struct Flow {
    graph: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
}

impl Flow {
    fn new(n: usize) -> Flow {
        Flow {
            graph: vec![Vec::new(); n],
            to: Vec::new(),
            cap: Vec::new(),
        }
    }

    fn edge(&mut self, u: usize, v: usize, c: i64) {
        self.graph[u].push(self.to.len());
        self.to.push(v);
        self.cap.push(c);
        self.graph[v].push(self.to.len());
        self.to.push(u);
        self.cap.push(0);
    }

    fn levels(&self, s: usize) -> Vec<i64> {
        let mut level = vec![-1; self.graph.len()];
        level[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &e in &self.graph[u] {
                if self.cap[e] > 0 && level[self.to[e]] < 0 {
                    level[self.to[e]] = level[u] + 1;
                    queue.push_back(self.to[e]);
                }
            }
        }
        level
    }

    fn push(&mut self, u: usize, t: usize, f: i64, level: &[i64], it: &mut [usize]) -> i64 {
        if u == t {
            return f;
        }
        while it[u] < self.graph[u].len() {
            let e = self.graph[u][it[u]];
            let v = self.to[e];
            if self.cap[e] > 0 && level[v] == level[u] + 1 {
                let d = self.push(v, t, f.min(self.cap[e]), level, it);
                if d > 0 {
                    self.cap[e] -= d;
                    self.cap[e ^ 1] += d;
                    return d;
                }
            }
            it[u] += 1;
        }
        0
    }

    fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let mut total = 0;
        loop {
            let level = self.levels(s);
            if level[t] < 0 {
                return total;
            }
            let mut it = vec![0; self.graph.len()];
            loop {
                let f = self.push(s, t, i64::MAX, &level, &mut it);
                if f == 0 {
                    break;
                }
                total += f;
            }
        }
    }
}

/// What an attacker knows of one value: the whole numbers it could be.
fn bounds(rule: SuppressionRule, shown: Shown) -> (i64, i64) {
    let (lo, hi) = rule.range(shown);
    (lo, hi.min(BIG))
}

/// An extended table as the attacker sees it: bounds of each inner cell, row total, column
/// total and grand total.
#[derive(Clone)]
struct Known {
    cells: Vec<Vec<(i64, i64)>>,
    rows: Vec<(i64, i64)>,
    cols: Vec<(i64, i64)>,
    total: (i64, i64),
}

impl Known {
    /// Is there a whole-number table within these bounds whose lines add up?
    fn feasible(&self) -> bool {
        let (nr, nc) = (self.rows.len(), self.cols.len());
        // Nodes: 0 = S, 1..=nr rows, then columns, then T, then super source and sink.
        let s = 0;
        let t = 1 + nr + nc;
        let (ss, tt) = (t + 1, t + 2);
        let mut flow = Flow::new(t + 3);
        let mut excess = vec![0i64; t + 1];
        let mut add = |flow: &mut Flow, u: usize, v: usize, (lo, hi): (i64, i64)| {
            if lo > hi {
                return false;
            }
            flow.edge(u, v, hi - lo);
            excess[v] += lo;
            excess[u] -= lo;
            true
        };
        let mut ok = true;
        for r in 0..nr {
            ok &= add(&mut flow, s, 1 + r, self.rows[r]);
            for c in 0..nc {
                ok &= add(&mut flow, 1 + r, 1 + nr + c, self.cells[r][c]);
            }
        }
        for c in 0..nc {
            ok &= add(&mut flow, 1 + nr + c, t, self.cols[c]);
        }
        ok &= add(&mut flow, t, s, self.total);
        if !ok {
            return false;
        }
        let mut need = 0;
        for (v, e) in excess.iter().enumerate() {
            if *e > 0 {
                flow.edge(ss, v, *e);
                need += e;
            } else if *e < 0 {
                flow.edge(v, tt, -e);
            }
        }
        flow.max_flow(ss, tt) == need
    }

    /// Every value of the table, as (bounds slot, true value) pairs, for probing one at a time.
    fn with(&self, slot: Slot, b: (i64, i64)) -> Known {
        let mut k = self.clone();
        match slot {
            Slot::Cell(r, c) => k.cells[r][c] = b,
            Slot::Row(r) => k.rows[r] = b,
            Slot::Col(c) => k.cols[c] = b,
            Slot::Total => k.total = b,
        }
        k
    }

    fn get(&self, slot: Slot) -> (i64, i64) {
        match slot {
            Slot::Cell(r, c) => self.cells[r][c],
            Slot::Row(r) => self.rows[r],
            Slot::Col(c) => self.cols[c],
            Slot::Total => self.total,
        }
    }

    /// Can the value in `slot` be anything other than `truth`?
    fn not_pinned(&self, slot: Slot, truth: i64) -> bool {
        let (lo, hi) = self.get(slot);
        (lo < truth && self.with(slot, (lo, truth - 1)).feasible())
            || (truth < hi && self.with(slot, (truth + 1, hi)).feasible())
    }
}

#[derive(Clone, Copy, Debug)]
enum Slot {
    Cell(usize, usize),
    Row(usize),
    Col(usize),
    Total,
}

/// The attacker's view of breakdown `k` (or of the main table alone, as a one-row breakdown).
fn known(rule: SuppressionRule, p: &Published, k: Option<usize>) -> Known {
    let b = |s: Shown| bounds(rule, s);
    let cols: Vec<(i64, i64)> = p.main.iter().map(|s| b(*s)).collect();
    let (cells, rows) = match k {
        Some(k) => (
            p.breakdowns[k]
                .iter()
                .map(|(cells, _)| cells.iter().map(|s| b(*s)).collect())
                .collect(),
            p.breakdowns[k].iter().map(|(_, t)| b(*t)).collect(),
        ),
        None => (vec![cols.clone()], vec![b(p.total)]),
    };
    Known {
        cells,
        rows,
        cols,
        total: b(p.total),
    }
}

/// Every small count (1 to the threshold) that is hidden but that the attacker can pin down
/// anyway, described for a failure message. Hidden zeros and hidden partners may be pinned
/// (a zero total says its parts are zero); what must never be recovered is a small count.
fn pinned(t: &Tables, rule: SuppressionRule, p: &Published) -> Vec<String> {
    let small = |v: &i64| (1..=rule.hide_up_to).contains(v);
    let mut found = Vec::new();
    let total: i64 = t.main.iter().sum();
    let main_view = known(rule, p, None);
    for (c, v) in t.main.iter().enumerate() {
        if small(v) && p.main[c] == Shown::Suppressed && !main_view.not_pinned(Slot::Col(c), *v) {
            found.push(format!("main[{c}] = {v}"));
        }
    }
    if small(&total) && p.total == Shown::Suppressed && !main_view.not_pinned(Slot::Total, total) {
        found.push(format!("total = {total}"));
    }
    for k in 0..t.breakdowns.len() {
        let view = known(rule, p, Some(k));
        for (r, row) in t.breakdowns[k].iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if small(v)
                    && p.breakdowns[k][r].0[c] == Shown::Suppressed
                    && !view.not_pinned(Slot::Cell(r, c), *v)
                {
                    found.push(format!("breakdown {k} cell ({r},{c}) = {v}"));
                }
            }
            let rt: i64 = row.iter().sum();
            if small(&rt)
                && p.breakdowns[k][r].1 == Shown::Suppressed
                && !view.not_pinned(Slot::Row(r), rt)
            {
                found.push(format!("breakdown {k} row total {r} = {rt}"));
            }
        }
        for (c, v) in t.main.iter().enumerate() {
            if small(v) && p.main[c] == Shown::Suppressed && !view.not_pinned(Slot::Col(c), *v) {
                found.push(format!("main[{c}] = {v} via breakdown {k}"));
            }
        }
    }
    found
}

fn main_of(breakdown: &[Vec<i64>], cols: usize) -> Vec<i64> {
    (0..cols)
        .map(|c| breakdown.iter().map(|row| row[c]).sum())
        .collect()
}

#[test]
fn a_lone_small_count_takes_a_partner_so_the_total_does_not_give_it_away() {
    let rule = SuppressionRule {
        hide_up_to: 7,
        round_to: 1,
    };
    let t = Tables {
        main: vec![3, 40, 57],
        ..Default::default()
    };
    let p = t.protect(rule);
    assert_eq!(
        p.main,
        [Shown::Suppressed, Shown::Suppressed, Shown::Count(57)]
    );
    assert_eq!(p.total, Shown::Count(100));
    assert!(pinned(&t, rule, &p).is_empty());
}

#[test]
fn a_breakdown_hides_a_cycle_not_a_lone_cell() {
    let rule = SuppressionRule {
        hide_up_to: 7,
        round_to: 1,
    };
    // Two channels × three groups; one small cell.
    let rows = vec![vec![5, 30, 40], vec![20, 25, 35]];
    let t = Tables {
        main: main_of(&rows, 3),
        breakdowns: vec![rows],
        unpublished: vec![],
    };
    let p = t.protect(rule);
    let hidden: usize = p.breakdowns[0]
        .iter()
        .map(|(cells, _)| cells.iter().filter(|s| **s == Shown::Suppressed).count())
        .sum();
    assert!(hidden >= 4, "a 2×2 cycle at least: {:?}", p.breakdowns[0]);
    assert!(pinned(&t, rule, &p).is_empty());
}

#[test]
fn the_oracle_catches_what_primary_suppression_alone_leaks() {
    // Without secondary suppression, 3 = 100 − 40 − 57: the oracle must see that.
    let rule = SuppressionRule {
        hide_up_to: 7,
        round_to: 1,
    };
    let t = Tables {
        main: vec![3, 40, 57],
        ..Default::default()
    };
    let leaky = Published {
        main: vec![Shown::Suppressed, Shown::Count(40), Shown::Count(57)],
        total: Shown::Count(100),
        breakdowns: vec![],
    };
    assert_eq!(pinned(&t, rule, &leaky), ["main[0] = 3"]);
}

#[test]
fn the_nhs_rule_rounds_shown_counts_and_keeps_zeros() {
    let t = Tables {
        main: vec![0, 12, 2, 88],
        ..Default::default()
    };
    let p = t.protect(SuppressionRule::default());
    assert_eq!(p.main[0], Shown::Count(0));
    assert_eq!(p.main[2], Shown::Suppressed);
    assert_eq!(
        p.main[1],
        Shown::Suppressed,
        "the smallest partner is hidden"
    );
    assert_eq!(p.main[3], Shown::Count(90));
    assert_eq!(p.total, Shown::Count(100));
}

#[test]
fn unpublished_complements_count_as_hidden() {
    // "Neonatal 4 of 120": the complement is never shown, so 4 needs no further partner.
    let t = Tables {
        main: vec![4, 116],
        breakdowns: vec![],
        unpublished: vec![false, true],
    };
    let p = t.protect(SuppressionRule::default());
    assert_eq!(p.main, [Shown::Suppressed, Shown::Suppressed]);
    assert_eq!(p.total, Shown::Count(120));
    // A large count beside an unpublished complement is shown: the complement may be worked
    // out, but it is not small and not shown anywhere.
    let t = Tables {
        main: vec![40, 80],
        breakdowns: vec![vec![vec![25, 30], vec![15, 50]]],
        unpublished: vec![false, true],
    };
    let p = t.protect(SuppressionRule::default());
    assert_eq!(p.main[0], Shown::Count(40));
    assert_eq!(p.breakdowns[0][0].0[0], Shown::Count(25));
}

/// Small counts, often tiny, sometimes large: the tables that leak.
fn count() -> impl Strategy<Value = i64> {
    prop_oneof![4 => 0i64..10, 2 => 0i64..30, 1 => 0i64..120]
}

fn tables() -> impl Strategy<Value = Tables> {
    (2usize..6, 0usize..3).prop_flat_map(|(cols, nb)| {
        let breakdown = (1usize..4).prop_flat_map(move |rows| {
            prop::collection::vec(prop::collection::vec(count(), cols), rows)
        });
        (
            prop::collection::vec(count(), cols),
            prop::collection::vec(breakdown, nb),
            any::<bool>(),
        )
            .prop_map(move |(main, breakdowns, complement)| {
                // Breakdowns define the main table when there are any; all must agree, so the
                // first breakdown's sums are used and the others are rescaled onto it by giving
                // their last row the difference (kept non-negative by construction).
                let main = match breakdowns.first() {
                    Some(first) => main_of(first, cols),
                    None => main,
                };
                let breakdowns = breakdowns
                    .into_iter()
                    .map(|mut rows| {
                        let n = rows.len();
                        for c in 0..cols {
                            let mut left = main[c];
                            for row in rows.iter_mut().take(n - 1) {
                                row[c] = row[c].min(left);
                                left -= row[c];
                            }
                            rows[n - 1][c] = left;
                        }
                        rows
                    })
                    .collect();
                let mut unpublished = vec![false; cols];
                unpublished[cols - 1] = complement && cols == 2;
                Tables {
                    main,
                    breakdowns,
                    unpublished,
                }
            })
    })
}

fn rules() -> impl Strategy<Value = SuppressionRule> {
    (
        prop_oneof![Just(0i64), Just(3), Just(7)],
        prop_oneof![Just(1i64), Just(5)],
    )
        .prop_map(|(hide_up_to, round_to)| SuppressionRule {
            hide_up_to,
            round_to,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// For random linked tables and rules, no small count that was hidden (cell, row total,
    /// group or grand total) can be pinned to a single value from what is shown, in any one
    /// table of the set.
    #[test]
    fn no_hidden_count_can_be_derived(t in tables(), rule in rules()) {
        let p = t.protect(rule);
        let leaks = pinned(&t, rule, &p);
        prop_assert!(leaks.is_empty(), "leaks {:?}\ntables {:?}\npublished {:?}", leaks, t, p);
    }

    /// Nothing from 1 to the threshold is ever shown, and shown counts follow the rule.
    #[test]
    fn primary_suppression_holds(t in tables(), rule in rules()) {
        let p = t.protect(rule);
        for (v, s) in t.main.iter().zip(&p.main) {
            if (1..=rule.hide_up_to).contains(v) {
                prop_assert_eq!(*s, Shown::Suppressed);
            } else if *s != Shown::Suppressed {
                prop_assert_eq!(*s, rule.apply(*v));
            }
        }
        for (k, rows) in t.breakdowns.iter().enumerate() {
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if (1..=rule.hide_up_to).contains(v) {
                        prop_assert_eq!(p.breakdowns[k][r].0[c], Shown::Suppressed);
                    }
                }
            }
        }
    }
}
