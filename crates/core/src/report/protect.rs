//! Which cells the report hides: every cell resting on fewer than
//! `min_cell` participants ("< 5", primary suppression), and then the
//! fewest further cells ("skjult", complementary suppression) so that no
//! hidden value can be worked out from what is shown, in one table or
//! across the tables of the report.
//!
//! The report is read as statistical offices read a set of linked tables:
//! every cell publishes whole numbers (a count; a mean's sum and its n; a
//! share's part and its n), and every row of groups is a sum (everyone is
//! the sum of the groups), for counts, for n and for sums and parts alike;
//! a distribution's bins add up, per group and time, to the n of the
//! score's mean. The same vector of numbers wherever it appears (the
//! participants with an intake in the participants table and the n of a
//! mean at intake; the completers and a share's part) is one set of
//! numbers, hidden the same way everywhere, so no table gives back what
//! another hides.
//!
//! An attacker knows every shown number (a mean or a share only to its
//! rounding), that a "< 5" cell holds 0–4 and a "skjult" cell 5 or more,
//! and that nothing is negative; they narrow every hidden number through
//! the sums until nothing changes. A hidden count (or n) must not be
//! narrowed to one value, unless that value is 0 (nobody is given away:
//! 11 = 6 + 5 + 0 + 0 shows both 6 and 5), and a hidden mean or share
//! (of someone) not to within one point either way; a share's rest
//! (n − part) is narrowed as its part is, so everyone's 100 % gives each
//! group's away as everyone's 0 % does. While one is exposed, one more
//! number is hidden: in the sum that exposes it, the smallest group shown
//! whose hiding frees it (then the total), as the rule for
//! one-dimensional tables says: "if exactly one cell in a row with a total
//! is suppressed, also suppress the next smallest"; so 45 = 17 + 18 + 6 +
//! 4 hides the 6, and everyone's 0 % hides the total. If no single number
//! frees it, the smallest is hidden and the next round hides another; if
//! the sums holding it show nothing, the sums around those. Everything is
//! deterministic: the same data gives the same cells.

use std::collections::HashMap;

use super::builder::PARTICIPANTS_TABLE;
use super::raw::{Draft, Raw};
use super::{Cell, ReportTable, Shape};
use crate::lang::Text;

mod bounds;

use bounds::{Bounds, Equation};

/// A number of the report, by index.
type Var = usize;

/// What one cell publishes.
#[derive(Clone, Copy, Debug)]
enum Published {
    /// A count of participants.
    Count(Var),
    /// A count of something else (responses) over `n` participants, who
    /// are not shown here.
    Total { n: Var, value: Var },
    /// A mean or share: its n, and its sum or part (known to its rounding).
    Rate { n: Var, num: Var, raw: Raw },
}

/// The numbers of the report and how they add up.
#[derive(Default)]
struct Ledger {
    values: Vec<u64>,
    /// Whether the number counts participants somewhere (a count or an n).
    size: Vec<bool>,
    /// Each vector of numbers (everyone, then each group) once, by its
    /// kind: numbers of participants (counts, n, parts), sums, responses.
    pool: HashMap<(Class, Vec<u64>), Vec<Var>>,
    equations: Vec<Equation>,
    /// A part is at most its n.
    below: Vec<(Var, Var)>,
    /// What a share's part leaves of its n (`n − part`), by (part, n):
    /// everyone's 100 % gives each group's away as everyone's 0 % does.
    rests: HashMap<(Var, Var), Var>,
    /// The sums that tie the rests to their parts and n: the attacker's,
    /// but no group of them is hidden for them.
    links: Vec<Equation>,
    /// Every cell, with its place (table, row, column).
    cells: Vec<((usize, usize, usize), Published)>,
}

impl Ledger {
    /// The numbers of `values` (everyone first): for participants and
    /// sums, the same numbers as wherever the same vector of the same kind
    /// appeared before (a mean's sums are its difference's; the n of a
    /// score at intake is its distribution's total at intake). A bin or a
    /// share's part is its own, whatever others hold. Nobody anywhere (all
    /// zeros) says nothing of a population: never shared.
    fn vector(&mut self, class: Class, values: &[u64]) -> Vec<Var> {
        let key = (class, values.to_vec());
        let shared = matches!(class, Class::Persons | Class::Sums) && values.iter().any(|v| *v > 0);
        if let Some(vars) = self.pool.get(&key).filter(|_| shared) {
            return vars.clone();
        }
        let start = self.values.len();
        self.values.extend_from_slice(values);
        self.size.extend(values.iter().map(|_| false));
        let vars: Vec<Var> = (start..self.values.len()).collect();
        if vars.len() > 1 {
            let mut eq = vec![(vars[0], 1)];
            eq.extend(vars[1..].iter().map(|v| (*v, -1)));
            self.equations.push(Equation::new(eq));
        }
        self.pool.insert(key, vars.clone());
        vars
    }

    /// Numbers of participants: a count's or an n's.
    fn sizes(&mut self, class: Class, values: &[u64]) -> Vec<Var> {
        let vars = self.vector(class, values);
        for v in &vars {
            self.size[*v] = true;
        }
        vars
    }

    /// A table of groups: each row's numbers are sums over the groups. A
    /// share's part is of the `parts` kind: counts of the table itself
    /// (the completers of the participants table) or parts apart.
    fn groups(&mut self, t: usize, raws: &[Vec<Raw>], parts: Class) {
        for (r, row) in raws.iter().enumerate() {
            let sizes = self.sizes(
                Class::Persons,
                &row.iter().map(|x| x.size()).collect::<Vec<_>>(),
            );
            let nums: Vec<u64> = row
                .iter()
                .map(|x| match *x {
                    Raw::Count(c) => c,
                    Raw::Total { value, .. } => value,
                    Raw::Mean { sum, .. } => sum,
                    Raw::Share { part, .. } => part,
                })
                .collect();
            let nums = match row.first() {
                Some(Raw::Count(_)) | None => sizes.clone(),
                Some(Raw::Share { .. }) => self.vector(parts, &nums),
                Some(Raw::Mean { .. }) => self.vector(Class::Sums, &nums),
                Some(Raw::Total { .. }) => self.vector(Class::Responses, &nums),
            };
            for (c, x) in row.iter().enumerate() {
                let (n, num) = (sizes[c], nums[c]);
                let published = match *x {
                    Raw::Count(_) => Published::Count(n),
                    Raw::Total { .. } => Published::Total { n, value: num },
                    Raw::Share { .. } => {
                        self.below.push((num, n));
                        Published::Rate { n, num, raw: *x }
                    }
                    Raw::Mean { .. } => Published::Rate { n, num, raw: *x },
                };
                self.cells.push(((t, r, c), published));
            }
            if let Some(Raw::Share { .. }) = row.first() {
                self.rests(&sizes, &nums);
            }
        }
    }

    /// The rests `n − part` of a row of shares, and their sum.
    fn rests(&mut self, sizes: &[Var], parts: &[Var]) {
        let mut row = Vec::new();
        for (&n, &part) in sizes.iter().zip(parts) {
            let rest = *self.rests.entry((part, n)).or_insert_with(|| {
                self.values
                    .push(self.values[n].saturating_sub(self.values[part]));
                self.size.push(false);
                self.values.len() - 1
            });
            self.links
                .push(Equation::new(vec![(n, 1), (part, -1), (rest, -1)]));
            row.push(rest);
        }
        if let Some((&all, groups)) = row.split_first() {
            let mut eq = vec![(all, 1)];
            eq.extend(groups.iter().map(|v| (*v, -1)));
            self.links.push(Equation::new(eq));
        }
    }

    /// A distribution: columns are (group, time) pairs; each bin's counts
    /// are sums over the groups at each time, and each column's bins sum
    /// to the participants with the score at that time.
    fn distribution(&mut self, t: usize, raws: &[Vec<Raw>]) {
        let width = raws.first().map_or(0, Vec::len);
        let mut cell_vars = vec![vec![0; width]; raws.len()];
        for time in 0..2 {
            let columns: Vec<usize> = (time..width).step_by(2).collect();
            for (r, row) in raws.iter().enumerate() {
                let counts: Vec<u64> = columns.iter().map(|&c| row[c].size()).collect();
                for (v, &c) in self.sizes(Class::Bins, &counts).into_iter().zip(&columns) {
                    cell_vars[r][c] = v;
                }
            }
            let totals: Vec<u64> = columns
                .iter()
                .map(|&c| raws.iter().map(|row| row[c].size()).sum())
                .collect();
            for (total, &c) in self
                .sizes(Class::Persons, &totals)
                .into_iter()
                .zip(&columns)
            {
                let mut eq = vec![(total, 1)];
                eq.extend(raws.iter().enumerate().map(|(r, _)| (cell_vars[r][c], -1)));
                self.equations.push(Equation::new(eq));
            }
        }
        for (r, row) in cell_vars.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                self.cells.push(((t, r, c), Published::Count(*v)));
            }
        }
    }
}

/// What a vector of numbers counts: the same numbers of different kinds are
/// not the same numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Class {
    /// Participants: counts, the n of a mean or share, the participants
    /// table's shares' parts (its counts), a distribution's column totals
    /// (the n of the score at that time).
    Persons,
    /// The participants in one bin of a distribution.
    Bins,
    /// The part of a share of a figure.
    Parts,
    /// The sums behind means.
    Sums,
    /// Responses.
    Responses,
}

/// Whether a cell is hidden, given the hidden numbers.
fn is_hidden(p: &Published, hidden: &[bool]) -> bool {
    match *p {
        Published::Count(v) => hidden[v],
        Published::Total { n, value } => hidden[n] || hidden[value],
        Published::Rate { n, num, .. } => hidden[n] || hidden[num],
    }
}

/// A hidden number that can be worked out, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Exposure {
    /// A count or an n narrowed to one value.
    Size(Var),
    /// A mean or a share narrowed to within one point.
    Value(Var),
}

impl Ledger {
    /// What an attacker knows once the `hidden` numbers are hidden.
    fn bounds(&self, hidden: &[bool], min: u64) -> Bounds {
        let mut b = Bounds::new(self.values.len());
        for v in 0..self.values.len() {
            if self.size[v] {
                let small = self.values[v] < min;
                b.set(v, if small { 0 } else { min }, small.then(|| min - 1));
            }
        }
        for (_, p) in &self.cells {
            if is_hidden(p, hidden) {
                continue;
            }
            match *p {
                Published::Count(v) => b.know(v, self.values[v]),
                Published::Total { value, .. } => b.know(value, self.values[value]),
                Published::Rate { n, num, raw } => {
                    b.know(n, self.values[n]);
                    let (lo, hi) = rounding(raw);
                    b.narrow(num, lo, Some(hi));
                }
            }
        }
        b.propagate(&[&self.equations, &self.links], &self.below);
        b
    }

    /// The hidden cells (in report order) that give a number away.
    fn exposures(&self, hidden: &[bool], min: u64) -> Vec<Exposure> {
        let b = self.bounds(hidden, min);
        let known = self.known(hidden);
        // Worked out as 0, a count gives no one away.
        let secret_pinned = |v: Var| !known[v] && b.pinned(v) && self.values[v] > 0;
        let mut out = Vec::new();
        for (_, p) in &self.cells {
            if !is_hidden(p, hidden) {
                continue;
            }
            match *p {
                Published::Count(v) if secret_pinned(v) => out.push(Exposure::Size(v)),
                Published::Total { n, value } => {
                    out.extend(
                        [n, value]
                            .into_iter()
                            .filter(|v| secret_pinned(*v))
                            .map(Exposure::Size),
                    );
                }
                Published::Rate { n, num, raw } => {
                    if secret_pinned(n) {
                        out.push(Exposure::Size(n));
                    } else if raw.size() > 0
                        && num != n
                        && !known[num]
                        && b.rate_width(num, self.rests.get(&(num, n)).copied(), n, scale(raw))
                            <= 2.0
                    {
                        out.push(Exposure::Value(num));
                    }
                }
                Published::Count(_) => {}
            }
        }
        out
    }

    /// The numbers some shown cell publishes.
    fn known(&self, hidden: &[bool]) -> Vec<bool> {
        let mut known = vec![false; self.values.len()];
        for (_, p) in &self.cells {
            if is_hidden(p, hidden) {
                continue;
            }
            match *p {
                Published::Count(v) => known[v] = true,
                Published::Total { value, .. } => known[value] = true,
                Published::Rate { n, num, .. } => {
                    known[n] = true;
                    known[num] = true;
                }
            }
        }
        known
    }

    /// The numbers to hide so that no hidden one can be worked out.
    fn protect(&self, min: u64) -> Vec<bool> {
        let mut hidden = vec![false; self.values.len()];
        for (v, h) in hidden.iter_mut().enumerate() {
            // "< 1" says 0: no secret, and no reason to hide a share whose
            // part it is.
            *h = self.size[v] && self.values[v] < min && min > 1;
        }
        while let Some(&exposure) = self.exposures(&hidden, min).first() {
            let next = self.next_to_hide(&hidden, min, exposure);
            match next {
                Some(v) => hidden[v] = true,
                None => break,
            }
        }
        hidden
    }

    /// The number to hide for `exposure`: in the sum with the fewest
    /// numbers unknown that holds it, the first of the groups shown
    /// (smallest first), then the total, whose hiding alone frees it; if
    /// none does, the smallest (the next round hides another).
    fn next_to_hide(&self, hidden: &[bool], min: u64, exposure: Exposure) -> Option<Var> {
        let (Exposure::Size(x) | Exposure::Value(x)) = exposure;
        let known = self.known(hidden);
        let frees = |v: Var| {
            let mut trial = hidden.to_vec();
            trial[v] = true;
            !self.exposures(&trial, min).contains(&exposure)
        };
        // The sums holding `x`; if none has a number shown, the sums
        // holding their hidden numbers, and so on outwards (through the
        // rests of shares last: a part is hidden with its share).
        let mut seen = vec![false; self.equations.len() + self.links.len()];
        let mut reach = vec![x];
        while !reach.is_empty() {
            let mut ring: Vec<&Equation> = Vec::new();
            for (i, eq) in self.equations.iter().chain(&self.links).enumerate() {
                if !seen[i] && reach.iter().any(|v| eq.has(*v)) {
                    seen[i] = true;
                    ring.push(eq);
                }
            }
            ring.sort_by_key(|e| e.terms().iter().filter(|(v, _)| !known[*v]).count());
            let candidates: Vec<Var> = ring
                .iter()
                .flat_map(|e| self.candidates(e, &known))
                .collect();
            if let Some(v) = candidates.iter().copied().find(|v| frees(*v)) {
                return Some(v);
            }
            if let Some(v) = candidates.first() {
                return Some(*v);
            }
            reach = ring
                .iter()
                .flat_map(|e| e.terms().iter().map(|(v, _)| *v))
                .filter(|v| !known[*v])
                .collect();
        }
        None
    }

    /// The shown numbers of a sum: the groups, smallest first, then the
    /// total.
    fn candidates(&self, eq: &Equation, known: &[bool]) -> Vec<Var> {
        let total = eq.terms()[0].0;
        let mut candidates: Vec<Var> = eq.terms()[1..]
            .iter()
            .map(|(v, _)| *v)
            .filter(|v| known[*v])
            .collect();
        candidates.sort_by_key(|v| (self.values[*v], *v));
        if known[total] {
            candidates.push(total);
        }
        candidates
    }
}

impl Ledger {
    /// A share whose part is its n (everyone with an intake completed:
    /// completers and participants one vector) is 100 % in every group;
    /// no hiding of its numbers can keep that from a group's hidden cell
    /// short of hiding the counts. Where such a row hides a group, its
    /// everyone's 100 % is hidden as a cell (with its own number: the
    /// counts keep theirs), so the row does not state it.
    fn whole_shares(&mut self, hidden: &mut Vec<bool>) {
        let mut extra = Vec::new();
        for (i, ((t, r, c), p)) in self.cells.iter().enumerate() {
            let Published::Rate {
                n,
                num,
                raw: Raw::Share { .. },
            } = *p
            else {
                continue;
            };
            // Everyone's share whose part is its n: does its row hide a
            // group with someone in it (an empty one has no share)?
            if *c != 0 || num != n {
                continue;
            }
            let someone = |q: &Published| match *q {
                Published::Rate { n, .. } => self.values[n] > 0,
                _ => false,
            };
            let row_hides = self
                .cells
                .iter()
                .any(|((t2, r2, _), q)| (t2, r2) == (t, r) && is_hidden(q, hidden) && someone(q));
            if row_hides {
                extra.push(i);
            }
        }
        for i in extra {
            let v = self.values.len();
            self.values.push(0);
            self.size.push(false);
            hidden.push(true);
            if let Published::Rate { num, .. } = &mut self.cells[i].1 {
                *num = v;
            }
        }
    }
}

/// How a shown mean or share bounds its sum or part: the whole numbers
/// that round to what is shown.
fn rounding(raw: Raw) -> (u64, u64) {
    let (num, n, scale) = match raw {
        Raw::Mean { sum, n, .. } => (sum, n, 10u128),
        Raw::Share { part, n } => (part, n, 1000),
        Raw::Count(c) | Raw::Total { value: c, .. } => return (c, c),
    };
    if n == 0 {
        return (0, 0);
    }
    let t = Raw::tenths(num, n, scale);
    let (n, s) = (u128::from(n), 2 * scale);
    // t ≤ (2·num·scale + n) / (2n) < t + 1, in whole numbers.
    let lo = (n * (2 * t).saturating_sub(1)).div_ceil(s);
    let hi = (n * (2 * t + 1)).div_ceil(s) - 1;
    (lo as u64, hi as u64)
}

/// What one unit of a rate's number is worth in its shown value: 1 for a
/// mean, 100 for a share in percent.
fn scale(raw: Raw) -> f64 {
    match raw {
        Raw::Share { .. } => 100.0,
        _ => 1.0,
    }
}

/// The report's tables from the builder's drafts, with every cell under
/// `min` participants shown as "< min" ([`Cell::Suppressed`]) and every
/// cell hidden to protect them as [`Cell::Hidden`]; and how many of those
/// each column holds (by its label, in the order they first appear).
pub(crate) fn protect(drafts: &[Draft], min: u32) -> (Vec<ReportTable>, Vec<(Text, usize)>) {
    let mut ledger = Ledger::default();
    for (t, d) in drafts.iter().enumerate() {
        match d.table.shape {
            Shape::Groups => {
                let parts = match d.table.id.as_str() {
                    PARTICIPANTS_TABLE => Class::Persons,
                    _ => Class::Parts,
                };
                ledger.groups(t, &d.raws, parts);
            }
            Shape::Distribution => ledger.distribution(t, &d.raws),
        }
    }
    let min = u64::from(min);
    let mut hidden = ledger.protect(min);
    ledger.whole_shares(&mut hidden);
    let mut tables: Vec<ReportTable> = drafts.iter().map(Draft::shown).collect();
    let mut secondary: Vec<(Text, usize)> = Vec::new();
    for ((t, r, c), p) in &ledger.cells {
        let raw = drafts[*t].raws[*r][*c];
        let small = raw.size() < min;
        if !small && !is_hidden(p, &hidden) {
            continue;
        }
        let table = &mut tables[*t];
        table.rows[*r].cells[*c] = if small {
            Cell::Suppressed
        } else {
            let label = &table.columns[*c].label;
            match secondary.iter_mut().find(|(l, _)| l == label) {
                Some((_, k)) => *k += 1,
                None => secondary.push((label.clone(), 1)),
            }
            Cell::Hidden
        };
    }
    (tables, secondary)
}

#[cfg(test)]
mod tests;
