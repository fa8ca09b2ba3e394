//! The evaluation report: the tables municipal evaluations of youth
//! counselling publish, computed once here so the browser and the evaluator
//! CLI print the same digits from the same files.
//!
//! What a report shows is data: every instrument's scores name their figures
//! (a mean at intake and at the last measurement, the share in a band, the
//! share that changed by a criterion, a distribution), and this module
//! computes whatever the definitions ask, for everyone and by gender, site or
//! course type. The participants table (participants, responses, completers
//! and the two completion rates) is the same for every report.
//!
//! The input is merged, current export records (duplicates and superseded
//! records dropped: see `merge`). [`ReportBuilder`] takes them one at a time
//! and keeps only a few numbers per participant, so a report over a million
//! responses needs memory for the participants, not for the records.
//!
//! Small groups are never shown, nor given back by the margins. Every figure
//! is a [`Cell`]: a value with the number of participants it rests on,
//! [`Cell::Suppressed`] (printed "< 5") when that number is below
//! [`ReportParams::min_cell`], or [`Cell::Hidden`] (printed "skjult") when it
//! is hidden so that no suppressed cell can be worked out from the totals,
//! the other groups and the other tables (`protect`). Means and shares are
//! computed from integer sums and rounded half up to one decimal, so the
//! result does not depend on the order of the records or on floating-point
//! summation.

mod builder;
mod entry;
mod protect;
mod raw;
mod render;
mod rows;
mod settings;

pub use builder::ReportBuilder;
pub use entry::Entry;
pub use render::{
    cell_text, hidden_text, notes, render, render_csv, render_json, render_markdown, render_text,
    suppressed_text, tables, title, Format, Row, Table,
};
pub use settings::{setting, settings, Setting, SettingKind};

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::change::{ReliableChange, ReliableChangeError};
use crate::lang::{decimal, Lang, Text};

/// The smallest group shown by default: a cell resting on fewer than 5
/// participants is suppressed, the usual rule for published municipal and
/// national statistics about persons.
pub const DEFAULT_MIN_CELL: u32 = 5;

/// Which groups the report shows beside everyone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    /// Girls, boys, other, not stated (always all four).
    #[default]
    Gender,
    /// Each programme or site in the data.
    Site,
    /// Each course type.
    Course,
}

impl Breakdown {
    pub const ALL: [Breakdown; 3] = [Breakdown::Gender, Breakdown::Site, Breakdown::Course];

    pub fn id(self) -> &'static str {
        match self {
            Breakdown::Gender => "gender",
            Breakdown::Site => "site",
            Breakdown::Course => "course",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Breakdown::Gender => tr!(lang, da: "køn", en: "gender"),
            Breakdown::Site => tr!(lang, da: "sted", en: "site"),
            Breakdown::Course => tr!(lang, da: "forløbstype", en: "course type"),
        }
    }
}

/// The settings a report is computed with. All are the evaluator's, and the
/// report states them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportParams {
    /// Cells resting on fewer participants than this are suppressed; by
    /// default [`DEFAULT_MIN_CELL`], 5.
    pub min_cell: u32,
    /// The groups beside everyone.
    #[serde(default)]
    pub by: Breakdown,
    /// Reference values the evaluator set, keyed `instrument/score/reference`
    /// (see [`key`]); the others are the data's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub references: BTreeMap<String, f64>,
    /// Reliable-change parameters the evaluator set, keyed
    /// `instrument/score/criterion`; the others are the data's defaults.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reliable: BTreeMap<String, ReliableChange>,
}

/// How settings name a reference value or a criterion of a score of an
/// instrument: `cantril/value/danish_youth`.
pub fn key(instrument: &str, score: &str, name: &str) -> String {
    format!("{instrument}/{score}/{name}")
}

impl Default for ReportParams {
    fn default() -> Self {
        ReportParams {
            min_cell: DEFAULT_MIN_CELL,
            by: Breakdown::Gender,
            references: BTreeMap::new(),
            reliable: BTreeMap::new(),
        }
    }
}

/// A report setting that cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportParamsError {
    /// A reference value is not a finite number.
    Reference { key: String, value: f64 },
    /// A reliable-change criterion is unusable.
    ReliableChange(ReliableChangeError),
    /// The smallest shown group must be at least 1 participant.
    MinCell(u32),
    /// A reference key that no figure uses (see [`settings`]).
    UnknownReference { key: String },
    /// A reliable-change key that no figure uses.
    UnknownCriterion { key: String },
    /// A reference outside the range of its score.
    ReferenceRange(Box<OutOfRange>),
}

/// A reference value outside `min`–`max`, the range of its score.
#[derive(Clone, Debug, PartialEq)]
pub struct OutOfRange {
    pub key: String,
    /// The reference's name and the score's short name, for the message.
    pub reference: Text,
    pub score: Text,
    pub value: f64,
    pub min: u32,
    pub max: u32,
}

impl ReportParamsError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Reference { key, value } => tr!(lang,
                da: format!("Referencen {key} skal være et tal (ikke {value})."),
                en: format!("The reference {key} must be a number (not {value})."),
            ),
            Self::ReliableChange(e) => e.message(lang),
            Self::MinCell(n) => tr!(lang,
                da: format!("Den mindste viste gruppe skal være mindst 1 deltager (ikke {n})."),
                en: format!("The smallest shown group must be at least 1 participant (not {n})."),
            ),
            Self::UnknownReference { key } => tr!(lang,
                da: format!("Ingen figur i rapporten bruger referencen «{key}»."),
                en: format!("No figure of the report uses the reference «{key}»."),
            ),
            Self::UnknownCriterion { key } => tr!(lang,
                da: format!("Ingen figur i rapporten bruger kriteriet for pålidelig ændring «{key}»."),
                en: format!("No figure of the report uses the reliable-change criterion «{key}»."),
            ),
            Self::ReferenceRange(r) => {
                let (name, short) = (r.reference.get(lang), r.score.get(lang));
                let (value, min, max) = (decimal(r.value, None, lang), r.min, r.max);
                tr!(lang,
                    da: format!("Referencen for {short} ({name}) skal være et tal fra {min} til {max} (ikke {value})."),
                    en: format!("The reference for {short} ({name}) must be a number from {min} to {max} (not {value})."),
                )
            }
        }
    }
}

impl fmt::Display for ReportParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReportParamsError {}

impl ReportParams {
    /// Rejects a reference that is not a finite number, an unusable
    /// reliable-change criterion, and a `min_cell` of 0.
    pub fn check(&self) -> Result<(), ReportParamsError> {
        if let Some((key, value)) = self.references.iter().find(|(_, v)| !v.is_finite()) {
            return Err(ReportParamsError::Reference {
                key: key.clone(),
                value: *value,
            });
        }
        for rc in self.reliable.values() {
            rc.check().map_err(ReportParamsError::ReliableChange)?;
        }
        if self.min_cell == 0 {
            return Err(ReportParamsError::MinCell(self.min_cell));
        }
        Ok(())
    }
}

/// One figure of the report.
///
/// Serialised as `{"kind":"value","value":41.2,"n":12}`,
/// `{"kind":"suppressed"}` or `{"kind":"hidden"}`. A suppressed or hidden
/// cell carries neither its value nor its `n`: there is nothing in it to
/// reveal.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Cell {
    /// `value` is a count, a mean (1 decimal), a share in percent (1 decimal)
    /// or a difference (1 decimal); `n` is the number of participants it rests
    /// on: for a count the count itself, for a mean or share its denominator.
    Value { value: f64, n: u32 },
    /// Fewer participants than [`ReportParams::min_cell`] (or none):
    /// primary suppression, printed "< 5".
    Suppressed,
    /// Resting on enough participants, but hidden so that no suppressed
    /// cell can be worked out from the totals and the other groups:
    /// secondary suppression, printed "skjult" / "hidden".
    Hidden,
}

impl Cell {
    /// This mean minus `reference` (both to 1 decimal), with the mean's `n`.
    pub(crate) fn minus(self, reference: f64) -> Cell {
        match self {
            Cell::Value { value, n } => {
                let tenths = (value * 10.0).round() - (reference * 10.0).round();
                Cell::Value {
                    value: tenths / 10.0,
                    n,
                }
            }
            other => other,
        }
    }

    /// The value, unless suppressed or hidden.
    pub fn value(self) -> Option<f64> {
        match self {
            Cell::Value { value, .. } => Some(value),
            Cell::Suppressed | Cell::Hidden => None,
        }
    }

    /// The number of participants the value rests on, unless suppressed
    /// or hidden.
    pub fn n(self) -> Option<u32> {
        match self {
            Cell::Value { n, .. } => Some(n),
            Cell::Suppressed | Cell::Hidden => None,
        }
    }

    /// Whether the cell shows no value: suppressed ("< 5") or hidden.
    pub fn is_suppressed(self) -> bool {
        matches!(self, Cell::Suppressed | Cell::Hidden)
    }
}

/// What kind of number a row holds, which decides how it is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A number of participants or responses: `12`.
    Count,
    /// A mean to 1 decimal: `41,2`.
    Mean,
    /// A share in percent to 1 decimal: `33,3 %`.
    Percent,
    /// A difference to 1 decimal with its sign: `-1,8`.
    Difference,
}

/// What a table's columns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Everyone, then each group.
    Groups,
    /// Intake and the last measurement, everyone together; the rows are the
    /// bins of a distribution (drawn as a chart where a page can).
    Distribution,
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// A stable machine name: `all`, `girl`, a site's name, `intake`.
    pub id: String,
    pub label: Text,
}

/// One figure across a table's columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRow {
    /// A stable machine name within the table, e.g. `percentage.mean.intake`.
    pub id: String,
    pub label: Text,
    pub kind: Kind,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// One table of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTable {
    /// A stable machine name: `participants`, an instrument's id, or
    /// `<instrument>.<score>.distribution`.
    pub id: String,
    pub title: Text,
    pub shape: Shape,
    pub columns: Vec<Column>,
    pub rows: Vec<ReportRow>,
}

/// The whole report: the settings it was computed with, its title, its
/// tables and the notes that say how to read them. Every text is there in
/// both languages, so the JSON is the report itself, for any front end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub params: ReportParams,
    pub title: Text,
    pub tables: Vec<ReportTable>,
    pub notes: Vec<Text>,
}

impl Report {
    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&ReportTable> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The cell of row `row` in column `column` of table `table`.
    pub fn cell(&self, table: &str, row: &str, column: &str) -> Option<Cell> {
        let t = self.table(table)?;
        let c = t.columns.iter().position(|c| c.id == column)?;
        t.rows.iter().find(|r| r.id == row)?.cells.get(c).copied()
    }

    /// Every cell of the report, for checks that must hold everywhere.
    pub fn cells(&self) -> Vec<Cell> {
        self.tables
            .iter()
            .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter().copied()))
            .collect()
    }
}

#[cfg(test)]
mod tests;
