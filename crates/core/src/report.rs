//! The evaluation report: the tables municipal evaluations of youth counselling
//! publish (WHO-5 by gender at intake and at the last measurement, the share in
//! the risk zone, change by the 10-point rule and by reliable change, the 0–10
//! ladder against the Danish youth level), computed once here so the browser app
//! and the evaluator CLI print the same digits from the same files.
//!
//! The input is merged, current export records (duplicates dropped, superseded
//! records dropped: see `merge`). [`ReportBuilder`] takes them one at a time and
//! keeps only a few numbers per participant, so a report over a million
//! responses needs memory for the participants, not for the records.
//!
//! Small groups are never shown. Every figure is a [`Cell`]: a value with the
//! number of participants it rests on, or [`Cell::Suppressed`] (printed "< 5")
//! when that number is below [`ReportParams::min_cell`]. Means and shares are
//! computed from integer sums and rounded half up to one decimal, so the result
//! does not depend on the order of the records or on floating-point summation.

mod render;

pub use render::{
    cell_text, notes, render, render_csv, render_json, render_markdown, render_text,
    suppressed_text, tables, title, Format, Kind, Row, Table,
};

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::change::{who5_change, ChangeLabel, ReliableChange, ReliableChangeError};
use crate::date::IsoWeek;
use crate::export::ExportRecord;
use crate::instrument::builtin;
use crate::lang::Lang;
use crate::participant::{Gender, MeasurementPoint, ParticipantCode};
use crate::record::{CANTRIL, WHO5};
use crate::uuid::Uuid;

/// The mean 0–10 ladder score of Danish young people in general, 7.5: the
/// reference the evaluation of UNG Rusmidler (15 municipalities, 569
/// courses) compared its participants' means with. An evaluator may set
/// another ([`ReportParams::ladder_reference`]).
pub const DANISH_YOUTH_LADDER: f64 = 7.5;

/// The WHO-5 risk zone: a percentage score at or below 50. The official
/// scoring text (WHO 1998) names raw < 13 (percentage ≤ 48) poor wellbeing
/// and an indication to screen for depression; with whole raw scores those are
/// the same people as percentage ≤ 50, the form Danish practice uses (etf.dk:
/// 0–35 high risk, 36–50 risk, > 50 no immediate risk).
pub const WHO5_RISK_AT_MOST: u32 = 50;

/// The ladder band set the report counts shares in: HBSC international, high
/// life satisfaction 6–10, low 0–5 (Cavallo et al. 2015). The cut-offs are
/// read from the shipped instrument's data, never written here.
pub const LADDER_BAND_SET: &str = "hbsc";

/// The smallest group shown by default: a cell resting on fewer than 5
/// participants is suppressed, the usual rule for published municipal and
/// national statistics about persons.
pub const DEFAULT_MIN_CELL: u32 = 5;

/// The bins of the WHO-5 percentage distributions: 0–9, 10–19, …, 80–89 and
/// 90–100 (the last bin holds 100 too).
pub const WHO5_BINS: [(u32, u32); 10] = [
    (0, 9),
    (10, 19),
    (20, 29),
    (30, 39),
    (40, 49),
    (50, 59),
    (60, 69),
    (70, 79),
    (80, 89),
    (90, 100),
];

/// The settings a report is computed with. All three are the evaluator's
/// parameters, and the report states them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportParams {
    /// The ladder level the means are compared with; by default
    /// [`DANISH_YOUTH_LADDER`], 7.5.
    pub ladder_reference: f64,
    /// The reliable-change criterion for WHO-5 (default: the Danish minimal
    /// detectable change, 23.6 points).
    pub reliable_change: ReliableChange,
    /// Cells resting on fewer participants than this are suppressed; by
    /// default [`DEFAULT_MIN_CELL`], 5.
    pub min_cell: u32,
}

impl Default for ReportParams {
    fn default() -> Self {
        ReportParams {
            ladder_reference: DANISH_YOUTH_LADDER,
            reliable_change: ReliableChange::default(),
            min_cell: DEFAULT_MIN_CELL,
        }
    }
}

/// A report setting that cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReportParamsError {
    /// The ladder reference is not a number from 0 to 10.
    LadderReference(f64),
    /// The reliable-change criterion is unusable.
    ReliableChange(ReliableChangeError),
    /// The smallest shown group must be at least 1 participant.
    MinCell(u32),
}

impl ReportParamsError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::LadderReference(x) => tr!(lang,
                da: format!("Referencen for trivselsstigen skal være et tal fra 0 til 10 (ikke {x})."),
                en: format!("The ladder reference must be a number from 0 to 10 (not {x})."),
            ),
            Self::ReliableChange(e) => e.message(lang),
            Self::MinCell(n) => tr!(lang,
                da: format!("Den mindste viste gruppe skal være mindst 1 deltager (ikke {n})."),
                en: format!("The smallest shown group must be at least 1 participant (not {n})."),
            ),
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
    /// Rejects a ladder reference outside 0–10 (or NaN), an unusable
    /// reliable-change criterion, and a `min_cell` of 0.
    pub fn check(&self) -> Result<(), ReportParamsError> {
        if !(0.0..=10.0).contains(&self.ladder_reference) {
            return Err(ReportParamsError::LadderReference(self.ladder_reference));
        }
        self.reliable_change
            .check()
            .map_err(ReportParamsError::ReliableChange)?;
        if self.min_cell == 0 {
            return Err(ReportParamsError::MinCell(self.min_cell));
        }
        Ok(())
    }
}

/// One figure of the report.
///
/// Serialised as `{"kind":"value","value":41.2,"n":12}` or
/// `{"kind":"suppressed"}`. A suppressed cell carries neither its value nor
/// its `n`: there is nothing in it to reveal.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Cell {
    /// `value` is a count, a mean (1 decimal), a share in percent (1 decimal)
    /// or a difference (1 decimal); `n` is the number of participants it rests
    /// on: for a count the count itself, for a mean or share its denominator.
    Value { value: f64, n: u32 },
    /// Fewer participants than [`ReportParams::min_cell`] (or none).
    Suppressed,
}

impl Cell {
    /// A count, suppressed when below `min_cell` (so 0 is suppressed too).
    fn count(count: u64, min_cell: u32) -> Cell {
        match u32::try_from(count) {
            Ok(n) if n >= min_cell && n > 0 => Cell::Value { value: n as f64, n },
            Ok(_) => Cell::Suppressed,
            Err(_) => Cell::Value {
                value: count as f64,
                n: u32::MAX,
            },
        }
    }

    /// `sum / n`, rounded half up to 1 decimal, or suppressed when `n` is
    /// below `min_cell`.
    fn mean(sum: u64, n: u64, min_cell: u32) -> Cell {
        Self::tenths(sum, n, 10, min_cell)
    }

    /// `part / n` in percent, rounded half up to 1 decimal, or suppressed
    /// when `n` is below `min_cell`.
    fn share(part: u64, n: u64, min_cell: u32) -> Cell {
        Self::tenths(part, n, 1000, min_cell)
    }

    /// `round(num · scale / n) / 10`, exactly in integers.
    fn tenths(num: u64, n: u64, scale: u128, min_cell: u32) -> Cell {
        if n == 0 || n < u64::from(min_cell) {
            return Cell::Suppressed;
        }
        let (num, den) = (u128::from(num), u128::from(n));
        let tenths = (2 * num * scale + den) / (2 * den);
        Cell::Value {
            value: tenths as f64 / 10.0,
            n: u32::try_from(n).unwrap_or(u32::MAX),
        }
    }

    /// This mean minus `reference` (both to 1 decimal), with the mean's `n`.
    fn minus(self, reference: f64) -> Cell {
        match self {
            Cell::Value { value, n } => {
                let tenths = (value * 10.0).round() - (reference * 10.0).round();
                Cell::Value {
                    value: tenths / 10.0,
                    n,
                }
            }
            Cell::Suppressed => Cell::Suppressed,
        }
    }

    /// The value, unless suppressed.
    pub fn value(self) -> Option<f64> {
        match self {
            Cell::Value { value, .. } => Some(value),
            Cell::Suppressed => None,
        }
    }

    /// The number of participants the value rests on, unless suppressed.
    pub fn n(self) -> Option<u32> {
        match self {
            Cell::Value { n, .. } => Some(n),
            Cell::Suppressed => None,
        }
    }

    pub fn is_suppressed(self) -> bool {
        matches!(self, Cell::Suppressed)
    }
}

/// The share of participants whose ladder score falls in one band of
/// [`LADDER_BAND_SET`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandCell {
    /// The band's id in the instrument data, e.g. `high`.
    pub band: String,
    /// The band's inclusive bounds on the 0–10 scale.
    pub min: u32,
    pub max: u32,
    /// Share in percent of those with a ladder score at that measurement.
    pub cell: Cell,
}

/// One bar of a WHO-5 distribution: how many participants scored
/// `from`–`to` (a count, so suppressed below `min_cell`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bin {
    pub from: u32,
    pub to: u32,
    pub cell: Cell,
}

/// The figures for one group: everyone, or the participants of one gender.
///
/// A participant's *intake* is their intake record (of several, the one with
/// the earliest week, then the smallest response id). Their *last
/// measurement* is the latest record at any later point (during, end,
/// follow-up), latest by point in course order, then week, then response id.
/// A *completer* has an intake and a last measurement. A participant's
/// gender is the one on their earliest record in that same order (the intake,
/// if there is one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFigures {
    /// `None` for everyone; otherwise the gender of the group.
    pub gender: Option<Gender>,
    /// Participants (distinct participant codes) with at least one record.
    pub participants: Cell,
    /// Current responses (records) of those participants; suppressed when
    /// the participants are, however many responses they gave.
    pub responses: Cell,
    /// Participants with an intake and at least one later measurement.
    pub completers: Cell,
    /// Completers as a share (%) of the participants with an intake: the
    /// completion rate evaluations report.
    pub completion: Cell,
    /// Mean WHO-5 percentage score (0–100; WHO 1998 scoring: raw × 4) at
    /// intake, over all participants whose intake has a WHO-5 score. The
    /// evaluation of "Sammen på sporet" reported girls 41 → 64, boys 49 → 70.
    pub who5_intake_mean: Cell,
    /// Mean WHO-5 percentage score at the last measurement, over the
    /// completers whose last measurement has a WHO-5 score.
    pub who5_last_mean: Cell,
    /// Share (%) with a WHO-5 percentage ≤ 50 ([`WHO5_RISK_AT_MOST`]: poor
    /// wellbeing, WHO 1998) at intake, of those in `who5_intake_mean`.
    pub who5_intake_risk: Cell,
    /// Share (%) with a WHO-5 percentage ≤ 50 at the last measurement, of
    /// those in `who5_last_mean`.
    pub who5_last_risk: Cell,
    /// Of the completers with a WHO-5 ≤ 50 at intake and a WHO-5 at the last
    /// measurement, the share (%) whose last score is above 50: moved out of
    /// the risk zone.
    pub who5_left_risk: Cell,
    /// Of the completers with a WHO-5 score at intake and at the last
    /// measurement, the share (%) that improved by 10 points or more: the
    /// official WHO-5 rule (WHO 1998) that a 10-point difference is a
    /// significant change.
    pub who5_ten_point_improved: Cell,
    /// Of the same completers, the share (%) with a reliable improvement by
    /// [`ReportParams::reliable_change`]: by default a change above the
    /// Danish minimal detectable change of 23.6 points (Schougaard et al.
    /// 2018, doi 10.1186/s12955-018-1001-0), or Jacobson & Truax (1991),
    /// |Δ| / SE_diff > 1.96.
    pub who5_reliable_improved: Cell,
    /// Of the same completers, the share (%) with a reliable deterioration.
    pub who5_reliable_worsened: Cell,
    /// Mean ladder score (0–10, the Cantril ladder as asked in HBSC) at
    /// intake, over all participants whose intake has a ladder answer.
    pub ladder_intake_mean: Cell,
    /// Mean ladder score at the last measurement, over the completers whose
    /// last measurement has a ladder answer.
    pub ladder_last_mean: Cell,
    /// `ladder_intake_mean` minus [`ReportParams::ladder_reference`] (Danish
    /// young people in general: 7.5); negative is below the reference.
    pub ladder_intake_vs_reference: Cell,
    /// `ladder_last_mean` minus the reference.
    pub ladder_last_vs_reference: Cell,
    /// Shares (%) in each band of [`LADDER_BAND_SET`] (HBSC: high 6–10, low
    /// 0–5; Cavallo et al. 2015) at intake, of those in `ladder_intake_mean`.
    pub ladder_intake_bands: Vec<BandCell>,
    /// The same at the last measurement, of those in `ladder_last_mean`.
    pub ladder_last_bands: Vec<BandCell>,
    /// Distribution of WHO-5 percentage scores at intake ([`WHO5_BINS`]),
    /// over those in `who5_intake_mean`, for charts.
    pub who5_intake_bins: Vec<Bin>,
    /// Distribution at the last measurement, over those in `who5_last_mean`.
    pub who5_last_bins: Vec<Bin>,
}

/// The whole report: the settings it was computed with, the figures for
/// everyone and for each gender (in [`Gender::ALL`] order, always all four).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub params: ReportParams,
    pub overall: GroupFigures,
    pub by_gender: Vec<GroupFigures>,
}

impl Report {
    /// Every group: everyone first, then each gender.
    pub fn groups(&self) -> impl Iterator<Item = &GroupFigures> {
        std::iter::once(&self.overall).chain(&self.by_gender)
    }

    /// Every cell of the report, for checks that must hold everywhere.
    pub fn cells(&self) -> Vec<Cell> {
        let mut cells = Vec::new();
        for g in self.groups() {
            cells.extend([
                g.participants,
                g.responses,
                g.completers,
                g.completion,
                g.who5_intake_mean,
                g.who5_last_mean,
                g.who5_intake_risk,
                g.who5_last_risk,
                g.who5_left_risk,
                g.who5_ten_point_improved,
                g.who5_reliable_improved,
                g.who5_reliable_worsened,
                g.ladder_intake_mean,
                g.ladder_last_mean,
                g.ladder_intake_vs_reference,
                g.ladder_last_vs_reference,
            ]);
            cells.extend(g.ladder_intake_bands.iter().map(|b| b.cell));
            cells.extend(g.ladder_last_bands.iter().map(|b| b.cell));
            cells.extend(g.who5_intake_bins.iter().map(|b| b.cell));
            cells.extend(g.who5_last_bins.iter().map(|b| b.cell));
        }
        cells
    }
}

/// What the report needs of one current record: the exported record reduced
/// to a few small fields, so a streaming reader can keep candidates without
/// their bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub response_id: Uuid,
    pub participant: &'a ParticipantCode,
    pub gender: Gender,
    pub point: MeasurementPoint,
    pub week: IsoWeek,
    /// The WHO-5 percentage score, if the record has WHO-5.
    pub who5: Option<u32>,
    /// The ladder value, if the record has the ladder.
    pub ladder: Option<u32>,
}

impl<'a> Entry<'a> {
    /// The entry of an exported record: its scores as stored (an import has
    /// recomputed and checked them).
    pub fn of(r: &'a ExportRecord) -> Entry<'a> {
        Entry {
            response_id: r.response_id,
            participant: &r.participant,
            gender: r.gender,
            point: r.point,
            week: r.week,
            who5: r.scores.get(WHO5).and_then(|s| s.percentage),
            ladder: r.scores.get(CANTRIL).map(|s| s.raw),
        }
    }

    fn key(&self) -> Key {
        let (a, b) = self.point.order_key();
        (a, b, self.week, self.response_id)
    }
}

/// The order records are compared in: point in course order, week, then
/// the response id (a [`Uuid`] orders as its text does).
type Key = (u8, u16, IsoWeek, Uuid);

/// One measurement kept for a participant.
#[derive(Clone, Copy, Debug)]
struct Measure {
    key: Key,
    who5: Option<u32>,
    ladder: Option<u32>,
}

impl Measure {
    fn of(e: &Entry<'_>) -> Measure {
        Measure {
            key: e.key(),
            who5: e.who5,
            ladder: e.ladder,
        }
    }
}

/// What the builder keeps per participant.
#[derive(Clone, Debug)]
struct Course {
    gender: Gender,
    /// The key of the record the gender was taken from (the earliest).
    gender_key: Key,
    responses: u64,
    intake: Option<Measure>,
    last: Option<Measure>,
}

/// Builds a [`Report`] from current records, one at a time, in any order:
/// the result depends only on the set of records added.
#[derive(Clone, Debug)]
pub struct ReportBuilder {
    params: ReportParams,
    courses: HashMap<ParticipantCode, Course>,
}

impl ReportBuilder {
    /// A builder with `params`. Unusable parameters are not rejected here
    /// (call [`ReportParams::check`] first); with them the figures are
    /// meaningless but nothing panics.
    pub fn new(params: ReportParams) -> ReportBuilder {
        ReportBuilder {
            params,
            courses: HashMap::new(),
        }
    }

    pub fn params(&self) -> &ReportParams {
        &self.params
    }

    /// Adds one current record. A record must be added once: de-duplication
    /// and corrections are the merge's work.
    pub fn add(&mut self, r: &ExportRecord) {
        self.add_entry(Entry::of(r));
    }

    /// Adds one current record given by its [`Entry`].
    pub fn add_entry(&mut self, e: Entry<'_>) {
        let key = e.key();
        let course = match self.courses.get_mut(e.participant) {
            Some(course) => course,
            None => self
                .courses
                .entry(e.participant.clone())
                .or_insert_with(|| Course {
                    gender: e.gender,
                    gender_key: key,
                    responses: 0,
                    intake: None,
                    last: None,
                }),
        };
        course.responses += 1;
        if key < course.gender_key {
            course.gender = e.gender;
            course.gender_key = key;
        }
        if e.point == MeasurementPoint::Intake {
            if course.intake.as_ref().is_none_or(|m| key < m.key) {
                course.intake = Some(Measure::of(&e));
            }
        } else if course.last.as_ref().is_none_or(|m| key > m.key) {
            course.last = Some(Measure::of(&e));
        }
    }

    /// The number of participants seen so far.
    pub fn participants(&self) -> usize {
        self.courses.len()
    }

    /// The report over every record added.
    pub fn finish(self) -> Report {
        let bands: Vec<(String, u32, u32)> = builtin()
            .cantril
            .band_set(LADDER_BAND_SET)
            .map(|set| {
                set.bands
                    .iter()
                    .map(|b| (b.id.clone(), b.min, b.max))
                    .collect()
            })
            .unwrap_or_default();
        let mut overall = Tally::new(bands.len());
        let mut by_gender: Vec<Tally> = Gender::ALL
            .iter()
            .map(|_| Tally::new(bands.len()))
            .collect();
        for course in self.courses.values() {
            overall.add(course, &self.params, &bands);
            if let Some(i) = Gender::ALL.iter().position(|g| *g == course.gender) {
                by_gender[i].add(course, &self.params, &bands);
            }
        }
        Report {
            params: self.params,
            overall: overall.figures(None, &self.params, &bands),
            by_gender: Gender::ALL
                .iter()
                .zip(&by_gender)
                .map(|(g, t)| t.figures(Some(*g), &self.params, &bands))
                .collect(),
        }
    }
}

/// A sum and the number of values in it.
#[derive(Clone, Copy, Debug, Default)]
struct Sum {
    sum: u64,
    n: u64,
}

impl Sum {
    fn push(&mut self, x: u32) {
        self.sum += u64::from(x);
        self.n += 1;
    }
}

/// The integer counts behind one group's figures.
#[derive(Clone, Debug, Default)]
struct Tally {
    participants: u64,
    responses: u64,
    with_intake: u64,
    completers: u64,
    who5_intake: Sum,
    who5_last: Sum,
    intake_risk: u64,
    last_risk: u64,
    /// Completers ≤ 50 at intake with a WHO-5 at the last measurement.
    risk_at_intake: u64,
    left_risk: u64,
    /// Completers with WHO-5 at intake and at the last measurement.
    changes: u64,
    ten_point_improved: u64,
    reliable_improved: u64,
    reliable_worsened: u64,
    ladder_intake: Sum,
    ladder_last: Sum,
    bands_intake: Vec<u64>,
    bands_last: Vec<u64>,
    bins_intake: [u64; 10],
    bins_last: [u64; 10],
}

fn bin_of(pct: u32) -> usize {
    WHO5_BINS
        .iter()
        .position(|&(from, to)| (from..=to).contains(&pct))
        .unwrap_or(WHO5_BINS.len() - 1)
}

fn band_of(bands: &[(String, u32, u32)], value: u32) -> Option<usize> {
    bands
        .iter()
        .position(|(_, min, max)| (*min..=*max).contains(&value))
}

impl Tally {
    fn new(bands: usize) -> Tally {
        Tally {
            bands_intake: vec![0; bands],
            bands_last: vec![0; bands],
            ..Tally::default()
        }
    }

    fn add(&mut self, c: &Course, params: &ReportParams, bands: &[(String, u32, u32)]) {
        self.participants += 1;
        self.responses += c.responses;
        let Some(intake) = &c.intake else {
            return;
        };
        self.with_intake += 1;
        if let Some(p) = intake.who5 {
            self.who5_intake.push(p);
            self.intake_risk += u64::from(p <= WHO5_RISK_AT_MOST);
            self.bins_intake[bin_of(p)] += 1;
        }
        if let Some(l) = intake.ladder {
            self.ladder_intake.push(l);
            if let Some(i) = band_of(bands, l) {
                self.bands_intake[i] += 1;
            }
        }
        let Some(last) = &c.last else {
            return;
        };
        self.completers += 1;
        if let Some(q) = last.who5 {
            self.who5_last.push(q);
            self.last_risk += u64::from(q <= WHO5_RISK_AT_MOST);
            self.bins_last[bin_of(q)] += 1;
            if let Some(p) = intake.who5 {
                let change = who5_change(p, q, &params.reliable_change);
                self.changes += 1;
                self.ten_point_improved += u64::from(change.ten_point == ChangeLabel::Improved);
                self.reliable_improved += u64::from(change.reliable == ChangeLabel::Improved);
                self.reliable_worsened += u64::from(change.reliable == ChangeLabel::Worsened);
                if p <= WHO5_RISK_AT_MOST {
                    self.risk_at_intake += 1;
                    self.left_risk += u64::from(q > WHO5_RISK_AT_MOST);
                }
            }
        }
        if let Some(l) = last.ladder {
            self.ladder_last.push(l);
            if let Some(i) = band_of(bands, l) {
                self.bands_last[i] += 1;
            }
        }
    }

    fn figures(
        &self,
        gender: Option<Gender>,
        params: &ReportParams,
        bands: &[(String, u32, u32)],
    ) -> GroupFigures {
        let min = params.min_cell;
        let band_cells = |counts: &[u64], of: u64| -> Vec<BandCell> {
            bands
                .iter()
                .zip(counts)
                .map(|((id, lo, hi), &k)| BandCell {
                    band: id.clone(),
                    min: *lo,
                    max: *hi,
                    cell: Cell::share(k, of, min),
                })
                .collect()
        };
        let bins = |counts: &[u64; 10]| -> Vec<Bin> {
            WHO5_BINS
                .iter()
                .zip(counts)
                .map(|(&(from, to), &k)| Bin {
                    from,
                    to,
                    cell: Cell::count(k, min),
                })
                .collect()
        };
        let ladder_intake_mean = Cell::mean(self.ladder_intake.sum, self.ladder_intake.n, min);
        let ladder_last_mean = Cell::mean(self.ladder_last.sum, self.ladder_last.n, min);
        GroupFigures {
            gender,
            participants: Cell::count(self.participants, min),
            // Responses are not participants: a group of 4 with 8 responses
            // is still a group of 4.
            responses: if self.participants < u64::from(min) {
                Cell::Suppressed
            } else {
                Cell::count(self.responses, min)
            },
            completers: Cell::count(self.completers, min),
            completion: Cell::share(self.completers, self.with_intake, min),
            who5_intake_mean: Cell::mean(self.who5_intake.sum, self.who5_intake.n, min),
            who5_last_mean: Cell::mean(self.who5_last.sum, self.who5_last.n, min),
            who5_intake_risk: Cell::share(self.intake_risk, self.who5_intake.n, min),
            who5_last_risk: Cell::share(self.last_risk, self.who5_last.n, min),
            who5_left_risk: Cell::share(self.left_risk, self.risk_at_intake, min),
            who5_ten_point_improved: Cell::share(self.ten_point_improved, self.changes, min),
            who5_reliable_improved: Cell::share(self.reliable_improved, self.changes, min),
            who5_reliable_worsened: Cell::share(self.reliable_worsened, self.changes, min),
            ladder_intake_mean,
            ladder_last_mean,
            ladder_intake_vs_reference: ladder_intake_mean.minus(params.ladder_reference),
            ladder_last_vs_reference: ladder_last_mean.minus(params.ladder_reference),
            ladder_intake_bands: band_cells(&self.bands_intake, self.ladder_intake.n),
            ladder_last_bands: band_cells(&self.bands_last, self.ladder_last.n),
            who5_intake_bins: bins(&self.bins_intake),
            who5_last_bins: bins(&self.bins_last),
        }
    }
}

#[cfg(test)]
mod tests;
