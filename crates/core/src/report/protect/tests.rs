//! Which cells `protect` hides on small hand-made tables: the next smallest
//! group for one small one, nothing for none, the total for everyone's 0 %,
//! a mean hidden with its group across tables, and the rounding bounds.

use super::*;
use crate::lang::Text;
use crate::report::{Column, Kind, ReportRow};

/// A table of groups (everyone, then each group) with rows of raw numbers.
fn table(id: &str, rows: Vec<(Kind, Vec<Raw>)>) -> Draft {
    let width = rows[0].1.len();
    let columns = (0..width)
        .map(|i| Column {
            id: format!("c{i}"),
            label: Text::new("c", "c"),
        })
        .collect();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (kind, raws))| {
            let row = ReportRow {
                id: format!("r{i}"),
                label: Text::new("r", "r"),
                kind,
                cells: Vec::new(),
            };
            (row, raws)
        })
        .collect();
    Draft::groups(id.into(), Text::new(id, id), columns, rows)
}

fn counts(values: &[u64]) -> (Kind, Vec<Raw>) {
    (Kind::Count, values.iter().map(|c| Raw::Count(*c)).collect())
}

/// How many cells are hidden, over all columns.
fn count(hidden: &[(Text, usize)]) -> usize {
    hidden.iter().map(|(_, k)| k).sum()
}

fn kinds(t: &ReportTable, row: usize) -> String {
    t.rows[row]
        .cells
        .iter()
        .map(|c| match c {
            Cell::Value { .. } => 'v',
            Cell::Suppressed => 's',
            Cell::Hidden => 'h',
        })
        .collect()
}

#[test]
fn one_small_group_hides_the_next_smallest_and_nothing_else() {
    let drafts = [table("t", vec![counts(&[45, 17, 18, 6, 4])])];
    let (tables, hidden) = protect(&drafts, 5);
    assert_eq!(kinds(&tables[0], 0), "vvvhs");
    assert_eq!(count(&hidden), 1);
}

#[test]
fn no_small_group_hides_nothing() {
    let drafts = [table("t", vec![counts(&[45, 17, 18, 10])])];
    let (tables, hidden) = protect(&drafts, 5);
    assert_eq!((kinds(&tables[0], 0), count(&hidden)), ("vvvv".into(), 0));
}

#[test]
fn two_small_groups_protect_each_other_unless_they_are_pinned() {
    // 3 + 4 = 7: neither can be told.
    let drafts = [table("t", vec![counts(&[27, 10, 10, 3, 4])])];
    assert_eq!(kinds(&protect(&drafts, 5).0[0], 0), "vvvss");
    // 4 + 4 = 8: both are 4 (at most 4 each), so one more is hidden.
    let drafts = [table("t", vec![counts(&[28, 10, 10, 4, 4])])];
    assert_eq!(kinds(&protect(&drafts, 5).0[0], 0), "vhvss");
    // 0 + 0: both are 0, which gives no one away.
    let drafts = [table("t", vec![counts(&[20, 10, 10, 0, 0])])];
    assert_eq!(kinds(&protect(&drafts, 5).0[0], 0), "vvvss");
}

#[test]
fn a_mean_of_a_hidden_group_is_hidden_with_it_across_tables() {
    let mean = |sums: &[u64], ns: &[u64]| {
        let raws = sums
            .iter()
            .zip(ns)
            .map(|(s, n)| Raw::Mean {
                sum: *s,
                n: *n,
                minus: None,
            })
            .collect();
        (Kind::Mean, raws)
    };
    let ns = [45, 17, 18, 6, 4];
    let drafts = [
        table("participants", vec![counts(&ns)]),
        table("who5", vec![mean(&[2507, 1108, 916, 312, 171], &ns)]),
    ];
    let (tables, hidden) = protect(&drafts, 5);
    assert_eq!(kinds(&tables[0], 0), "vvvhs");
    assert_eq!(kinds(&tables[1], 0), "vvvhs");
    assert_eq!(count(&hidden), 2);
}

#[test]
fn a_share_everyone_has_at_zero_hides_the_total() {
    let share = |parts: &[u64], ns: &[u64]| {
        let raws = parts
            .iter()
            .zip(ns)
            .map(|(p, n)| Raw::Share { part: *p, n: *n })
            .collect();
        (Kind::Percent, raws)
    };
    let ns = [45, 17, 18, 6, 4];
    let drafts = [table("t", vec![counts(&ns), share(&[0, 0, 0, 0, 0], &ns)])];
    let (tables, _) = protect(&drafts, 5);
    assert_eq!(kinds(&tables[0], 0), "vvvhs");
    assert_eq!(kinds(&tables[0], 1), "hvvhs");
}

#[test]
fn rounding_bounds_the_sum_that_rounds_to_the_shown_value() {
    let raw = Raw::Mean {
        sum: 2507,
        n: 45,
        minus: None,
    };
    let (lo, hi) = rounding(raw);
    assert!(lo <= 2507 && 2507 <= hi);
    for sum in [lo, hi] {
        let again = Raw::Mean {
            sum,
            n: 45,
            minus: None,
        };
        assert_eq!(again.shown(), raw.shown(), "{sum}");
    }
    for sum in [lo - 1, hi + 1] {
        let again = Raw::Mean {
            sum,
            n: 45,
            minus: None,
        };
        assert_ne!(again.shown(), raw.shown(), "{sum}");
    }
    let share = Raw::Share { part: 3, n: 17 };
    let (lo, hi) = rounding(share);
    assert_eq!((lo, hi), (3, 3));
}
