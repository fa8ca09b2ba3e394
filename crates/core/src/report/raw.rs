//! What a cell of the report rests on before anything is hidden: whole
//! numbers (a count; a sum or a part with the participants it rests on).
//! The builder fills tables with these; `protect` decides which to hide and
//! turns the rest into [`Cell`]s.

use super::{Cell, Column, ReportRow, ReportTable, Shape};
use crate::lang::Text;

/// One cell's numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Raw {
    /// A number of participants.
    Count(u64),
    /// A number that is not of participants (responses) over `n`
    /// participants: shown as a count, hidden with its participants.
    Total { value: u64, n: u64 },
    /// `sum / n` to one decimal, less `minus` (a reference) if given.
    Mean {
        sum: u64,
        n: u64,
        minus: Option<f64>,
    },
    /// `part / n` in percent, to one decimal.
    Share { part: u64, n: u64 },
}

impl Raw {
    /// The number of participants the cell rests on.
    pub(crate) fn size(self) -> u64 {
        match self {
            Raw::Count(c) => c,
            Raw::Total { n, .. } | Raw::Mean { n, .. } | Raw::Share { n, .. } => n,
        }
    }

    /// `round(num · scale / n)` in tenths (half up, in integers), the way a
    /// mean (scale 10) or a share in percent (scale 1000) is shown.
    pub(crate) fn tenths(num: u64, n: u64, scale: u128) -> u128 {
        let (num, den) = (u128::from(num), u128::from(n.max(1)));
        (2 * num * scale + den) / (2 * den)
    }

    /// The cell showing this value (a rate over no one has none).
    pub(crate) fn shown(self) -> Cell {
        let n = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        match self {
            Raw::Count(c) => Cell::Value {
                value: c as f64,
                n: n(c),
            },
            // Responses are shown with their own number, as a count is.
            Raw::Total { value, .. } => Cell::Value {
                value: value as f64,
                n: n(value),
            },
            Raw::Mean { n: 0, .. } | Raw::Share { n: 0, .. } => Cell::Suppressed,
            Raw::Mean { sum, n: k, minus } => {
                let mean = Cell::Value {
                    value: Raw::tenths(sum, k, 10) as f64 / 10.0,
                    n: n(k),
                };
                minus.map_or(mean, |r| mean.minus(r))
            }
            Raw::Share { part, n: k } => Cell::Value {
                value: Raw::tenths(part, k, 1000) as f64 / 10.0,
                n: n(k),
            },
        }
    }
}

/// A table as the builder made it: the cells empty, their numbers beside.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    pub table: ReportTable,
    /// One row of numbers per row of the table, one per column.
    pub raws: Vec<Vec<Raw>>,
}

impl Draft {
    /// A table of groups from its rows, each with its numbers.
    pub(crate) fn groups(
        id: String,
        title: Text,
        columns: Vec<Column>,
        rows: Vec<(ReportRow, Vec<Raw>)>,
    ) -> Draft {
        let (rows, raws) = rows.into_iter().unzip();
        Draft {
            table: ReportTable {
                id,
                title,
                shape: Shape::Groups,
                columns,
                rows,
            },
            raws,
        }
    }

    /// The table with every value shown: what the report would be with
    /// nothing hidden (for audits).
    pub(crate) fn shown(&self) -> ReportTable {
        let mut table = self.table.clone();
        for (row, raws) in table.rows.iter_mut().zip(&self.raws) {
            row.cells = raws.iter().map(|r| r.shown()).collect();
        }
        table
    }
}
