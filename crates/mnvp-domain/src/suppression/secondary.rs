//! Secondary suppression: hiding enough further cells that no hidden count can be worked out
//! by subtraction from the totals and the other tables shown beside it.
//!
//! What is protected is a *linked* set of tables, as the representation screen publishes them:
//! a main table (one count per group, and their total) and any number of breakdowns (the same
//! groups split by channel, unit or quarter), each of whose columns adds up to the main table.
//! Every breakdown, with the main table as its bottom row and the row totals as its right
//! column, is a two-way table with margins.
//!
//! The rule, from statistical disclosure control: a hidden cell's value is fixed by the linear
//! equations of the table exactly when the cell is a *bridge* of the bipartite graph whose
//! nodes are the table's rows and columns (margins included) and whose edges are the hidden
//! cells; on a cycle of hidden cells, one unit can be moved around the cycle without changing
//! any total, so the cell cannot be pinned down. So, after the primary suppression (1 to
//! `hide_up_to`), we hide the cheapest further cells until no *guarded* hidden cell is a bridge
//! in any breakdown and no line of the main table has a guarded cell as its only hidden member.
//! Guarded are the small counts themselves and the hidden cells of the shared main table
//! (another table's cycle may run through them); a secondary cell inside one breakdown, or a
//! complement that is never published, may be worked out without exposing anything. Cheapest means: a
//! non-zero cell before a zero (moving a unit off a zero is impossible), an inner cell before
//! a total, and the smallest first, so as little as possible is lost.
//!
//! Shared margins are shared flags: hiding a main-table cell for one breakdown hides it in the
//! main table and in every other breakdown, and the loop runs until nothing changes. The tests
//! check the outcome with an exact oracle (integer feasibility by network flow), including
//! rounding to 5.

use super::{Shown, SuppressionRule};

/// A main table and the breakdowns that add up to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tables {
    /// One count per group.
    pub main: Vec<i64>,
    /// Each breakdown: rows (slices) × the same groups. Each column sums to `main`.
    pub breakdowns: Vec<Vec<Vec<i64>>>,
    /// Groups that are never published (a complement such as "not neonatal"): hidden from the
    /// start, and counted as hidden when protecting the others.
    pub unpublished: Vec<bool>,
}

/// The tables as an audience outside the lead role may see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub main: Vec<Shown>,
    pub total: Shown,
    /// Per breakdown, per row: the cells and the row total.
    pub breakdowns: Vec<Vec<(Vec<Shown>, Shown)>>,
}

/// A count the primary rule hides.
fn small(rule: SuppressionRule, v: i64) -> bool {
    v >= 1 && v <= rule.hide_up_to
}

/// Hidden flags for the whole linked set, indexed like [`Tables`].
#[derive(Debug, Clone)]
struct Hidden {
    main: Vec<bool>,
    total: bool,
    cells: Vec<Vec<Vec<bool>>>,
    row_totals: Vec<Vec<bool>>,
}

/// A cell of one breakdown's extended table: rows `0..R` are slices and row `R` the main
/// table; columns `0..C` are groups and column `C` the row totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell {
    r: usize,
    c: usize,
}

/// One breakdown as an extended (R+1)×(C+1) table of values and hidden flags.
struct Extended {
    rows: usize,
    cols: usize,
    value: Vec<i64>,
    hidden: Vec<bool>,
    /// Hidden cells that must stay on a cycle: small counts, and the shared main-table cells
    /// (another table may rely on them being unknown). Other hidden cells — secondary ones
    /// inside this table, never-published complements — may be worked out without harm.
    guard: Vec<bool>,
}

impl Extended {
    fn idx(&self, cell: Cell) -> usize {
        cell.r * self.cols + cell.c
    }

    fn is_margin(&self, cell: Cell) -> bool {
        cell.r + 1 == self.rows || cell.c + 1 == self.cols
    }

    /// Cheaper cells are hidden first: non-zero before zero, inner before margin, smaller first.
    fn cost(&self, cell: Cell) -> (bool, bool, i64, usize) {
        let v = self.value[self.idx(cell)];
        (v == 0, self.is_margin(cell), v, self.idx(cell))
    }

    fn cells(&self) -> impl Iterator<Item = Cell> + '_ {
        (0..self.rows).flat_map(move |r| (0..self.cols).map(move |c| Cell { r, c }))
    }

    /// Nodes reachable from `start` over hidden cells other than `skip`. Nodes are rows
    /// `0..rows` and columns `rows..rows+cols`.
    fn reach(&self, start: usize, skip: Cell) -> Vec<bool> {
        let mut seen = vec![false; self.rows + self.cols];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(node) = stack.pop() {
            let neighbours: Vec<usize> = if node < self.rows {
                (0..self.cols)
                    .filter(|&c| {
                        let cell = Cell { r: node, c };
                        cell != skip && self.hidden[self.idx(cell)]
                    })
                    .map(|c| self.rows + c)
                    .collect()
            } else {
                let c = node - self.rows;
                (0..self.rows)
                    .filter(|&r| {
                        let cell = Cell { r, c };
                        cell != skip && self.hidden[self.idx(cell)]
                    })
                    .collect()
            };
            for n in neighbours {
                if !seen[n] {
                    seen[n] = true;
                    stack.push(n);
                }
            }
        }
        seen
    }

    /// A guarded hidden cell not on any cycle of hidden cells, if there is one.
    fn bridge(&self) -> Option<Cell> {
        self.cells().find(|&cell| {
            let i = self.idx(cell);
            self.hidden[i] && self.guard[i] && !self.reach(cell.r, cell)[self.rows + cell.c]
        })
    }

    /// Hides the cheapest cell that puts `bridge` on a cycle (or, when no single cell can,
    /// widens one side so that a later one will). Returns false if nothing is left to hide.
    fn repair(&mut self, bridge: Cell) -> bool {
        let a = self.reach(bridge.r, bridge);
        let b = self.reach(self.rows + bridge.c, bridge);
        let visible = |cell: &Cell| !self.hidden[self.idx(*cell)];
        let joins = |cell: &Cell| {
            let (row, col) = (cell.r, self.rows + cell.c);
            (a[row] && b[col]) || (b[row] && a[col])
        };
        let touches = |cell: &Cell| {
            let (row, col) = (cell.r, self.rows + cell.c);
            a[row] || b[row] || a[col] || b[col]
        };
        let pick = self
            .cells()
            .filter(|c| visible(c) && joins(c))
            .min_by_key(|c| self.cost(*c))
            .or_else(|| {
                self.cells()
                    .filter(|c| visible(c) && touches(c))
                    .min_by_key(|c| self.cost(*c))
            });
        match pick {
            Some(cell) => {
                let i = self.idx(cell);
                self.hidden[i] = true;
                true
            }
            None => false,
        }
    }
}

/// Hides the cheapest visible member of a line whose only hidden member is guarded, so that the
/// line's equation never gives that value away on its own. The last member is the total.
fn protect_line(values: &[i64], hidden: &mut [bool], guard: &[bool]) -> bool {
    let hidden_members: Vec<usize> = (0..values.len()).filter(|&i| hidden[i]).collect();
    if hidden_members.len() != 1 || !guard[hidden_members[0]] {
        return false;
    }
    let last = values.len() - 1; // the total
    let pick = (0..values.len())
        .filter(|&i| !hidden[i])
        .min_by_key(|&i| (values[i] == 0, i == last, values[i], i));
    match pick {
        Some(i) => {
            hidden[i] = true;
            true
        }
        None => false,
    }
}

impl Tables {
    fn total(&self) -> i64 {
        self.main.iter().sum()
    }

    fn unpublished(&self, c: usize) -> bool {
        self.unpublished.get(c).copied().unwrap_or(false)
    }

    fn row_total(&self, k: usize, r: usize) -> i64 {
        self.breakdowns[k][r].iter().sum()
    }

    fn extended(&self, k: usize, h: &Hidden, rule: SuppressionRule) -> Extended {
        let rows = self.breakdowns[k].len() + 1;
        let cols = self.main.len() + 1;
        let mut value = Vec::with_capacity(rows * cols);
        let mut hidden = Vec::with_capacity(rows * cols);
        for r in 0..rows - 1 {
            value.extend(&self.breakdowns[k][r]);
            value.push(self.row_total(k, r));
            hidden.extend(&h.cells[k][r]);
            hidden.push(h.row_totals[k][r]);
        }
        value.extend(&self.main);
        value.push(self.total());
        hidden.extend(&h.main);
        hidden.push(h.total);
        let guard = (0..rows * cols)
            .map(|i| {
                let (r, c) = (i / cols, i % cols);
                let shared = r + 1 == rows && !(c + 1 < cols && self.unpublished(c));
                small(rule, value[i]) || shared
            })
            .collect();
        Extended {
            rows,
            cols,
            value,
            hidden,
            guard,
        }
    }

    /// Copies an extended table's flags back; true if any flag changed.
    fn absorb(&self, k: usize, e: &Extended, h: &mut Hidden) -> bool {
        let mut changed = false;
        let mut set = |flag: &mut bool, v: bool| {
            if v && !*flag {
                *flag = true;
                changed = true;
            }
        };
        let cols = e.cols;
        for r in 0..e.rows - 1 {
            for c in 0..cols - 1 {
                set(&mut h.cells[k][r][c], e.hidden[r * cols + c]);
            }
            set(&mut h.row_totals[k][r], e.hidden[r * cols + cols - 1]);
        }
        let last = (e.rows - 1) * cols;
        for c in 0..cols - 1 {
            set(&mut h.main[c], e.hidden[last + c]);
        }
        set(&mut h.total, e.hidden[last + cols - 1]);
        changed
    }

    /// Primary then secondary suppression of the whole linked set.
    fn hidden(&self, rule: SuppressionRule) -> Hidden {
        let primary = |v: i64| small(rule, v);
        let mut h = Hidden {
            main: (0..self.main.len())
                .map(|c| primary(self.main[c]) || self.unpublished(c))
                .collect(),
            total: primary(self.total()),
            cells: self
                .breakdowns
                .iter()
                .map(|rows| {
                    rows.iter()
                        .map(|row| {
                            row.iter()
                                .enumerate()
                                .map(|(c, v)| primary(*v) || self.unpublished(c))
                                .collect()
                        })
                        .collect()
                })
                .collect(),
            row_totals: (0..self.breakdowns.len())
                .map(|k| {
                    (0..self.breakdowns[k].len())
                        .map(|r| primary(self.row_total(k, r)))
                        .collect()
                })
                .collect(),
        };
        loop {
            let mut changed = false;
            // The main table's own line: its groups and their total.
            let mut values = self.main.clone();
            values.push(self.total());
            let guard: Vec<bool> = (0..values.len())
                .map(|c| small(rule, values[c]) || c == self.main.len() || !self.unpublished(c))
                .collect();
            let mut flags = h.main.clone();
            flags.push(h.total);
            while protect_line(&values, &mut flags, &guard) {}
            h.total = flags.pop().unwrap_or(h.total);
            if flags != h.main {
                h.main = flags;
                changed = true;
            }
            for k in 0..self.breakdowns.len() {
                let mut e = self.extended(k, &h, rule);
                while let Some(bridge) = e.bridge() {
                    if !e.repair(bridge) {
                        break;
                    }
                }
                changed |= self.absorb(k, &e, &mut h);
            }
            if !changed {
                return h;
            }
        }
    }

    /// The tables as they may be shown outside the lead role: primary and secondary
    /// suppression, then every shown count rounded by the rule.
    pub fn protect(&self, rule: SuppressionRule) -> Published {
        let h = self.hidden(rule);
        let show = |v: i64, hidden: bool| {
            if hidden {
                Shown::Suppressed
            } else {
                rule.apply(v)
            }
        };
        Published {
            main: self
                .main
                .iter()
                .zip(&h.main)
                .map(|(v, hidden)| show(*v, *hidden))
                .collect(),
            total: show(self.total(), h.total),
            breakdowns: self
                .breakdowns
                .iter()
                .enumerate()
                .map(|(k, rows)| {
                    rows.iter()
                        .enumerate()
                        .map(|(r, row)| {
                            let cells = row
                                .iter()
                                .zip(&h.cells[k][r])
                                .map(|(v, hidden)| show(*v, *hidden))
                                .collect();
                            (cells, show(self.row_total(k, r), h.row_totals[k][r]))
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
