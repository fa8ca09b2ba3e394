//! An attacker's check of the hidden cells, written apart from `protect`
//! (it shares none of its code): from the shown cells of each row (everyone
//! is the sum of the groups: counts, n, the sums behind n-weighted means and
//! the parts behind shares) and of each distribution column (the bins add up
//! to the n of the score's mean at that time), it narrows every hidden
//! number and fails if a hidden count comes out exact (but 0: nobody is
//! given away), or a hidden mean or share within one point either way. It knows what the report prints: a
//! "< 5" holds 0–4 participants, a "skjult" 5 or more; a mean or a share
//! only to its rounding; scores are whole numbers and nothing is negative.
//! The report with nothing hidden says only which value is the truth, to
//! check that the attacker's bounds hold it.

use super::*;

/// Bounds on whole numbers tied by sums `Σ a·x = 0`.
#[derive(Default)]
struct Attack {
    lo: Vec<f64>,
    hi: Vec<f64>,
    sums: Vec<Vec<(usize, f64)>>,
}

impl Attack {
    fn var(&mut self, lo: f64, hi: f64) -> usize {
        self.lo.push(lo);
        self.hi.push(hi);
        self.lo.len() - 1
    }

    /// `total = Σ parts`.
    fn sum(&mut self, total: usize, parts: &[usize]) {
        let mut eq = vec![(total, 1.0)];
        eq.extend(parts.iter().map(|p| (*p, -1.0)));
        self.sums.push(eq);
    }

    /// Narrows every bound through every sum until nothing moves.
    fn solve(&mut self) {
        for _ in 0..500 {
            let mut moved = false;
            for eq in &self.sums {
                for &(v, a) in eq {
                    // a·v = −Σ others.
                    let (mut least, mut most) = (0.0, 0.0);
                    for &(w, b) in eq.iter().filter(|(w, _)| *w != v) {
                        let (x, y) = (b * self.lo[w], b * self.hi[w]);
                        least -= x.max(y);
                        most -= x.min(y);
                    }
                    let (lo, hi) = if a > 0.0 {
                        (least / a, most / a)
                    } else {
                        (most / a, least / a)
                    };
                    // Whole numbers: round inwards (with room for float error).
                    let (lo, hi) = ((lo - 1e-6).ceil(), (hi + 1e-6).floor());
                    if lo > self.lo[v] {
                        self.lo[v] = lo;
                        moved = true;
                    }
                    if hi < self.hi[v] {
                        self.hi[v] = hi;
                        moved = true;
                    }
                }
            }
            if !moved {
                return;
            }
        }
    }
}

/// What the attacker knows of a cell's number of participants.
fn size_bounds(cell: Cell, min: f64) -> (f64, f64) {
    match cell {
        Cell::Value { n, .. } => (f64::from(n), f64::from(n)),
        Cell::Suppressed => (0.0, min - 1.0),
        Cell::Hidden => (min, f64::INFINITY),
    }
}

/// A hidden number to judge: its variables and the truth.
enum Judged {
    /// A count of participants (or of responses) and its true value.
    Count {
        cell: (usize, usize, usize),
        var: usize,
        truth: f64,
    },
    /// A mean or a share (`scale` 100 for a share of parts), its n, its
    /// sum or part, a share's rest (n − part), and the true value and n.
    Rate {
        cell: (usize, usize, usize),
        n: usize,
        num: usize,
        rest: Option<usize>,
        scale: f64,
        truth: f64,
        truth_n: u32,
    },
}

/// The attacker's variables for the report, and what to judge.
struct Model {
    attack: Attack,
    judged: Vec<Judged>,
    /// The n of each (table, row, column) of a mean, for distributions.
    mean_n: BTreeMap<(String, String, String), usize>,
}

fn model(report: &Report, truth: &Report) -> Model {
    let mut m = Model {
        attack: Attack::default(),
        judged: Vec::new(),
        mean_n: BTreeMap::new(),
    };
    let min = f64::from(report.params.min_cell);
    for (t, (table, true_table)) in report.tables.iter().zip(&truth.tables).enumerate() {
        if table.shape != Shape::Groups {
            continue;
        }
        for (r, (row, true_row)) in table.rows.iter().zip(&true_table.rows).enumerate() {
            m.row((t, r), table, row, true_row, min);
        }
    }
    for (t, (table, true_table)) in report.tables.iter().zip(&truth.tables).enumerate() {
        if table.shape == Shape::Distribution {
            m.distribution(t, table, true_table, min);
        }
    }
    m
}

impl Model {
    fn row(
        &mut self,
        (t, r): (usize, usize),
        table: &ReportTable,
        row: &ReportRow,
        truth: &ReportRow,
        min: f64,
    ) {
        let a = &mut self.attack;
        match row.kind {
            // The mean shifted by a constant: the same cells as its mean
            // (checked in `differences_hide_as_their_means`).
            Kind::Difference => {}
            Kind::Count => {
                let responses = row.id == "responses";
                let vars: Vec<usize> = row
                    .cells
                    .iter()
                    .map(|c| match (c, responses) {
                        (Cell::Value { value, .. }, _) => a.var(*value, *value),
                        (_, true) => a.var(0.0, f64::INFINITY),
                        (c, false) => {
                            let (lo, hi) = size_bounds(*c, min);
                            a.var(lo, hi)
                        }
                    })
                    .collect();
                a.sum(vars[0], &vars[1..]);
                for (c, (cell, var)) in row.cells.iter().zip(&vars).enumerate() {
                    if !matches!(cell, Cell::Value { .. }) {
                        let truth = truth.cells[c].value().unwrap();
                        self.judged.push(Judged::Count {
                            cell: (t, r, c),
                            var: *var,
                            truth,
                        });
                    }
                }
            }
            Kind::Mean | Kind::Percent => {
                let share = row.kind == Kind::Percent;
                let scale = if share { 100.0 } else { 1.0 };
                let mut ns = Vec::new();
                let mut nums = Vec::new();
                let mut rests = Vec::new();
                for cell in &row.cells {
                    let (lo, hi) = size_bounds(*cell, min);
                    let n = a.var(lo, hi);
                    let num = match cell {
                        // The sum or part that rounds to what is shown.
                        Cell::Value { value, n: k } => {
                            let k = f64::from(*k);
                            let lo = ((value - 0.05) * k / scale - 1e-6).ceil().max(0.0);
                            let hi = ((value + 0.05) * k / scale + 1e-6).floor();
                            a.var(lo, hi)
                        }
                        _ => a.var(0.0, f64::INFINITY),
                    };
                    if share {
                        let rest = a.var(0.0, f64::INFINITY);
                        a.sums.push(vec![(n, 1.0), (num, -1.0), (rest, -1.0)]);
                        rests.push(rest);
                    }
                    ns.push(n);
                    nums.push(num);
                }
                a.sum(ns[0], &ns[1..]);
                a.sum(nums[0], &nums[1..]);
                if share {
                    a.sum(rests[0], &rests[1..]);
                }
                for (c, cell) in row.cells.iter().enumerate() {
                    let key = (
                        table.id.clone(),
                        row.id.clone(),
                        table.columns[c].id.clone(),
                    );
                    self.mean_n.insert(key, ns[c]);
                    if let Cell::Value { .. } = cell {
                        continue;
                    }
                    let (truth, truth_n) = match truth.cells[c] {
                        Cell::Value { value, n } => (value, n),
                        _ => (0.0, 0),
                    };
                    self.judged.push(Judged::Rate {
                        cell: (t, r, c),
                        n: ns[c],
                        num: nums[c],
                        rest: rests.get(c).copied(),
                        scale,
                        truth,
                        truth_n,
                    });
                }
            }
        }
    }

    /// Each bin row adds up over the groups at each time; each column's
    /// bins add up to the n of the score's mean then (when the report has
    /// that mean).
    fn distribution(&mut self, t: usize, table: &ReportTable, truth: &ReportTable, min: f64) {
        let a = &mut self.attack;
        let width = table.columns.len();
        let mut vars = vec![Vec::new(); table.rows.len()];
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let (lo, hi) = size_bounds(*cell, min);
                vars[r].push(a.var(lo, hi));
                if !matches!(cell, Cell::Value { .. }) {
                    let truth = truth.rows[r].cells[c].value().unwrap();
                    self.judged.push(Judged::Count {
                        cell: (t, r, c),
                        var: vars[r][c],
                        truth,
                    });
                }
            }
            for time in 0..2 {
                let cols: Vec<usize> = (time..width).step_by(2).map(|c| vars[r][c]).collect();
                a.sum(cols[0], &cols[1..]);
            }
        }
        // "who5.percentage.distribution" → table "who5", row
        // "percentage.mean.intake", column "girl" for "girl.intake".
        let mut parts = table.id.rsplit_once('.').unwrap().0.splitn(2, '.');
        let (instrument, score) = (parts.next().unwrap(), parts.next().unwrap());
        for (c, column) in table.columns.iter().enumerate() {
            let (group, time) = column.id.rsplit_once('.').unwrap();
            let key = (
                instrument.to_string(),
                format!("{score}.mean.{time}"),
                group.to_string(),
            );
            let total = match self.mean_n.get(&key) {
                Some(n) => *n,
                None => a.var(0.0, f64::INFINITY),
            };
            let bins: Vec<usize> = vars.iter().map(|row| row[c]).collect();
            a.sum(total, &bins);
        }
    }
}

/// The hidden cells the attacker can work out, as messages.
pub(super) fn recovered(report: &Report, truth: &Report) -> Vec<String> {
    let mut m = model(report, truth);
    m.attack.solve();
    let a = &m.attack;
    let mut found = Vec::new();
    let name = |(t, r, c): (usize, usize, usize)| {
        let table = &report.tables[t];
        format!("{}/{}/{}", table.id, table.rows[r].id, table.columns[c].id)
    };
    for j in &m.judged {
        match *j {
            Judged::Count { cell, var, truth } => {
                assert!(
                    a.lo[var] <= truth && truth <= a.hi[var],
                    "unsound {}",
                    name(cell)
                );
                // Worked out as 0, a count gives no one away.
                if a.lo[var] == a.hi[var] && truth > 0.0 {
                    found.push(format!("{} = {truth}", name(cell)));
                }
            }
            Judged::Rate {
                cell,
                n,
                num,
                rest,
                scale,
                truth,
                truth_n,
            } => {
                let n_truth = f64::from(truth_n);
                assert!(
                    a.lo[n] <= n_truth && n_truth <= a.hi[n],
                    "unsound n {}",
                    name(cell)
                );
                // An n the column prints elsewhere (the participants with
                // an intake are the n of every figure at intake) is shown.
                let printed = printed_n(report, cell).contains(&truth_n);
                if a.lo[n] == a.hi[n] && truth_n > 0 && !printed {
                    found.push(format!("{}: n = {truth_n}", name(cell)));
                }
                if truth_n == 0 {
                    continue;
                }
                let (lo_n, hi_n) = (a.lo[n].max(1.0), a.hi[n]);
                let mut lo = a.lo[num] / hi_n * scale;
                let mut hi = a.hi[num] / lo_n * scale;
                if let Some(rest) = rest {
                    lo = lo.max(scale - a.hi[rest] / lo_n * scale);
                    hi = hi.min(scale - a.lo[rest] / hi_n * scale);
                }
                assert!(
                    lo - 0.06 <= truth && truth <= hi + 0.06,
                    "unsound {}",
                    name(cell)
                );
                if hi - lo <= 2.0 {
                    found.push(format!("{} in {lo:.1}–{hi:.1} (is {truth})", name(cell)));
                }
            }
        }
    }
    found
}

/// The n the report prints in the column of `cell` (in any table of groups).
fn printed_n(report: &Report, (t, _, c): (usize, usize, usize)) -> Vec<u32> {
    let column = &report.tables[t].columns[c].id;
    report
        .tables
        .iter()
        .filter(|t| t.shape == Shape::Groups)
        .filter_map(|t| {
            t.columns
                .iter()
                .position(|x| &x.id == column)
                .map(|i| (t, i))
        })
        .flat_map(|(t, i)| t.rows.iter().filter_map(move |r| r.cells[i].n()))
        .collect()
}

/// Every difference row hides what its mean row hides.
pub(super) fn differences_hide_as_their_means(report: &Report) {
    for table in &report.tables {
        for row in table.rows.iter().filter(|r| r.kind == Kind::Difference) {
            // "value.difference.intake.danish_youth" → "value.mean.intake".
            let mut parts = row.id.split('.');
            let (score, _, at) = (parts.next().unwrap(), parts.next(), parts.next().unwrap());
            let mean = table
                .rows
                .iter()
                .find(|r| r.id == format!("{score}.mean.{at}"))
                .unwrap();
            let shown = |r: &ReportRow| {
                r.cells
                    .iter()
                    .map(|c| c.value().is_some())
                    .collect::<Vec<_>>()
            };
            assert_eq!(shown(row), shown(mean), "{}", row.id);
        }
    }
}
