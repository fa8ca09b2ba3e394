//! Building a report from current records one at a time, in any order: per
//! participant only the facts the report groups by, a few keys and, per
//! instrument, the scores at intake, at the last measurement and at the end.
//! Then the tables: the participants' and, for each instrument, its figures
//! and distributions.

use std::collections::HashMap;

use super::entry::{Entry, Key};
use super::protect::protect;
use super::raw::{Draft, Raw};
use super::rows::{self, Eval};
use super::{Breakdown, Column, Kind, Report, ReportParams, ReportRow, ReportTable, Shape};
use crate::catalogue::Catalogue;
use crate::change::{judge, Outcome};
use crate::export::ExportRecord;
use crate::instrument::{At, Counted, Instrument, InstrumentRef};
use crate::lang::Text;
use crate::participant::{CourseType, Gender, MeasurementPoint, ParticipantCode, Site};

/// The id of the table that counts participants, responses and
/// completers: its shares' parts are people too (`protect` reads it so).
pub(crate) const PARTICIPANTS_TABLE: &str = "participants";

/// The scores of one record for one instrument, by slot.
#[derive(Clone, Debug)]
struct Measure {
    key: Key,
    values: Vec<(u16, u32)>,
}

/// A participant's measurements of one instrument.
#[derive(Clone, Debug, Default)]
struct Measures {
    intake: Option<Measure>,
    last: Option<Measure>,
    end: Option<Measure>,
}

impl Measures {
    fn at(&self, at: At) -> Option<&Measure> {
        match at {
            At::Intake => self.intake.as_ref(),
            // Later measurements count only beside an intake.
            At::Last => self.intake.as_ref().and(self.last.as_ref()),
            At::End => self.intake.as_ref().and(self.end.as_ref()),
        }
    }

    fn value(&self, at: At, slot: u16) -> Option<u32> {
        let m = self.at(at)?;
        m.values.iter().find(|(s, _)| *s == slot).map(|(_, v)| *v)
    }

    fn add(&mut self, key: Key, point: MeasurementPoint, values: impl Fn() -> Vec<(u16, u32)>) {
        let keep = |m: &mut Option<Measure>, earlier: bool| {
            if m.as_ref().is_none_or(|m| (key < m.key) == earlier) {
                *m = Some(Measure {
                    key,
                    values: values(),
                });
            }
        };
        match point {
            MeasurementPoint::Intake => keep(&mut self.intake, true),
            MeasurementPoint::End => {
                keep(&mut self.last, false);
                keep(&mut self.end, false);
            }
            _ => keep(&mut self.last, false),
        }
    }
}

/// What the builder keeps per participant.
#[derive(Clone, Debug)]
struct Course {
    gender: Gender,
    site: u32,
    course: CourseType,
    /// The key of the record the facts were taken from (the earliest).
    facts_key: Key,
    responses: u64,
    /// Record keys of any instrument: who has an intake, a later measurement, an end.
    records: Measures,
    /// Per instrument (by its index in the builder), the measurements.
    instruments: Vec<(u16, Measures)>,
}

/// Builds a [`Report`] from current records, one at a time, in any order:
/// the result depends only on the set of records added.
#[derive(Clone, Debug)]
pub struct ReportBuilder {
    params: ReportParams,
    instruments: Vec<InstrumentRef>,
    /// Score slots: (instrument index, score id).
    slots: Vec<(u16, String)>,
    sites: Vec<Site>,
    courses: HashMap<ParticipantCode, Course>,
}

impl ReportBuilder {
    /// A builder with `params`. Unusable parameters are not rejected here
    /// (call [`ReportParams::check`] first); with them the figures are
    /// meaningless but nothing panics.
    pub fn new(params: ReportParams) -> ReportBuilder {
        ReportBuilder {
            params,
            instruments: Vec::new(),
            slots: Vec::new(),
            sites: Vec::new(),
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

    fn instrument_index(&mut self, r: &InstrumentRef) -> u16 {
        match self.instruments.iter().position(|i| i == r) {
            Some(i) => i as u16,
            None => {
                self.instruments.push(r.clone());
                (self.instruments.len() - 1) as u16
            }
        }
    }

    fn slot(&mut self, instrument: u16, score: &str) -> u16 {
        match self
            .slots
            .iter()
            .position(|(i, s)| *i == instrument && s == score)
        {
            Some(i) => i as u16,
            None => {
                self.slots.push((instrument, score.to_string()));
                (self.slots.len() - 1) as u16
            }
        }
    }

    /// Adds one current record given by its [`Entry`].
    pub fn add_entry(&mut self, e: Entry<'_>) {
        let key = e.key();
        let mut asked: Vec<(u16, Vec<(u16, u32)>)> = Vec::new();
        for r in &e.asked {
            let i = self.instrument_index(r);
            let values = e
                .values
                .iter()
                .filter(|(v, _, _)| v == r)
                .map(|(_, score, value)| (score, *value))
                .collect::<Vec<_>>()
                .into_iter()
                .map(|(score, value)| (self.slot(i, score), value))
                .collect();
            asked.push((i, values));
        }
        let site = match self.sites.iter().position(|s| s == e.site) {
            Some(i) => i as u32,
            None => {
                self.sites.push(e.site.clone());
                (self.sites.len() - 1) as u32
            }
        };
        let course = self
            .courses
            .entry(e.participant.clone())
            .or_insert_with(|| Course {
                gender: e.gender,
                site,
                course: e.course,
                facts_key: key,
                responses: 0,
                records: Measures::default(),
                instruments: Vec::new(),
            });
        course.responses += 1;
        if key < course.facts_key {
            (course.gender, course.site, course.course) = (e.gender, site, e.course);
            course.facts_key = key;
        }
        course.records.add(key, e.point, Vec::new);
        for (i, values) in asked {
            let measures = match course.instruments.iter().position(|(j, _)| *j == i) {
                Some(at) => &mut course.instruments[at].1,
                None => {
                    course.instruments.push((i, Measures::default()));
                    &mut course.instruments.last_mut().expect("just pushed").1
                }
            };
            measures.add(key, e.point, || values.clone());
        }
    }

    /// The number of participants seen so far.
    pub fn participants(&self) -> usize {
        self.courses.len()
    }

    /// The report over every record added, with the definitions in
    /// `catalogue` (an instrument it lacks is left out of the report).
    pub fn finish(self, catalogue: &Catalogue) -> Report {
        let (drafts, report) = self.drafts(catalogue);
        let (tables, hidden) = protect(&drafts, report.params.min_cell);
        let mut report = Report { tables, ..report };
        report
            .notes
            .extend(rows::closing_notes(&report.params, &hidden));
        report
    }

    /// The report with nothing hidden, not even a cell of one participant:
    /// what the tests' audit of the hidden cells compares against. Never
    /// show it: only tests build it.
    #[cfg(test)]
    pub(crate) fn finish_unprotected(self, catalogue: &Catalogue) -> Report {
        let (drafts, report) = self.drafts(catalogue);
        let tables = drafts.iter().map(Draft::shown).collect();
        Report { tables, ..report }
    }

    /// The tables with their numbers, and the report around them (its
    /// tables empty, its notes but the closing ones).
    fn drafts(self, catalogue: &Catalogue) -> (Vec<Draft>, Report) {
        let groups = self.groups();
        let mut tables = vec![self.participants_table(&groups)];
        let mut notes = Vec::new();
        let mut order: Vec<(usize, u16, &Instrument)> = self
            .instruments
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let def = catalogue.instrument(r)?;
                let at = catalogue.instruments().iter().position(|d| d == def)?;
                Some((at, i as u16, def))
            })
            .collect();
        order.sort_by_key(|(at, _, _)| *at);
        let repeated = |id: &str| order.iter().filter(|(_, _, d)| d.id == id).count() > 1;
        for (_, i, def) in &order {
            let spec = rows::compile(def, &self.params, repeated(&def.id));
            if spec.rows.is_empty() && spec.distributions.is_empty() {
                continue;
            }
            tables.push(self.figures_table(*i, &spec, &groups));
            for d in &spec.distributions {
                tables.push(self.distribution_table(*i, d, &groups));
            }
            notes.extend(spec.notes);
        }
        let names: Vec<&Instrument> = order.iter().map(|(_, _, d)| *d).collect();
        let report = Report {
            title: rows::title(&names),
            params: self.params.clone(),
            tables: Vec::new(),
            notes,
        };
        (tables, report)
    }

    /// The columns, and for each participant the columns they count in.
    fn groups(&self) -> Groups<'_> {
        let mut columns = vec![Column {
            id: "all".into(),
            label: Text::new("Alle", "All"),
        }];
        let mut sites: Vec<(usize, &Site)> = self.sites.iter().enumerate().collect();
        sites.sort_by(|a, b| a.1.as_str().cmp(b.1.as_str()));
        match self.params.by {
            Breakdown::Gender => columns.extend(Gender::ALL.iter().map(|g| Column {
                id: g.id().into(),
                label: Text::new(g.label(crate::Lang::Da), g.label(crate::Lang::En)),
            })),
            Breakdown::Site => columns.extend(sites.iter().map(|(_, s)| Column {
                id: s.as_str().into(),
                label: Text::new(s.as_str(), s.as_str()),
            })),
            Breakdown::Course => columns.extend(CourseType::ALL.iter().map(|c| Column {
                id: c.id().into(),
                label: Text::new(c.label(crate::Lang::Da), c.label(crate::Lang::En)),
            })),
        }
        let by = self.params.by;
        let column_of = move |c: &Course| -> Option<usize> {
            match by {
                Breakdown::Gender => Gender::ALL.iter().position(|g| *g == c.gender),
                Breakdown::Site => sites.iter().position(|(i, _)| *i as u32 == c.site),
                Breakdown::Course => CourseType::ALL.iter().position(|t| *t == c.course),
            }
        };
        let member: Vec<(&Course, Vec<usize>)> = self
            .courses
            .values()
            .map(|c| {
                let mut cols = vec![0];
                cols.extend(column_of(c).map(|i| i + 1));
                (c, cols)
            })
            .collect();
        Groups { columns, member }
    }

    /// Per column: participants, responses, with an intake, with a later
    /// measurement, with an end measurement.
    fn participant_counts(g: &Groups) -> Vec<[u64; 5]> {
        let mut k = vec![[0u64; 5]; g.columns.len()];
        for (c, cols) in &g.member {
            let r = &c.records;
            let counts = [
                1,
                c.responses,
                u64::from(r.intake.is_some()),
                u64::from(r.at(At::Last).is_some()),
                u64::from(r.at(At::End).is_some()),
            ];
            for &i in cols {
                for (sum, x) in k[i].iter_mut().zip(counts) {
                    *sum += x;
                }
            }
        }
        k
    }

    /// The table of participants, responses and completion
    /// ([`PARTICIPANTS_TABLE`]).
    fn participants_table(&self, g: &Groups) -> Draft {
        let rows = participant_rows(&Self::participant_counts(g))
            .into_iter()
            .map(|(id, (da, en), kind, raws)| (row(id.into(), Text::new(da, en), kind), raws))
            .collect();
        Draft::groups(
            PARTICIPANTS_TABLE.into(),
            Text::new("Deltagere", "Participants"),
            g.columns.clone(),
            rows,
        )
    }

    /// The slot of `score` of instrument `i`, if any record had it.
    fn slot_of(&self, i: u16, score: &str) -> Option<u16> {
        self.slots
            .iter()
            .position(|(j, s)| *j == i && s == score)
            .map(|x| x as u16)
    }

    fn figures_table(&self, i: u16, spec: &rows::InstrumentSpec, g: &Groups) -> Draft {
        let rows = spec
            .rows
            .iter()
            .map(|spec| {
                let slot = self.slot_of(i, spec.eval.score());
                let mut sums = vec![(0u64, 0u64); g.columns.len()];
                for (c, cols) in &g.member {
                    let Some(m) = c.instruments.iter().find(|(j, _)| *j == i) else {
                        continue;
                    };
                    if let Some((num, den)) = slot.and_then(|s| contribution(&spec.eval, &m.1, s)) {
                        for &col in cols {
                            sums[col].0 += num;
                            sums[col].1 += den;
                        }
                    }
                }
                let raws = sums
                    .iter()
                    .map(|&(num, n)| match &spec.eval {
                        Eval::Mean { .. } => Raw::Mean {
                            sum: num,
                            n,
                            minus: None,
                        },
                        Eval::Difference { reference, .. } => Raw::Mean {
                            sum: num,
                            n,
                            minus: Some(*reference),
                        },
                        _ => Raw::Share { part: num, n },
                    })
                    .collect::<Vec<_>>();
                (row(spec.id.clone(), spec.label.clone(), spec.kind), raws)
            })
            .collect();
        Draft::groups(spec.id.clone(), spec.title.clone(), g.columns.clone(), rows)
    }

    /// A distribution: for each group, how many scored in each bin at
    /// intake and at the last measurement.
    fn distribution_table(&self, i: u16, d: &rows::DistributionSpec, g: &Groups) -> Draft {
        let slot = self.slot_of(i, &d.score);
        let times = [At::Intake, At::Last];
        // counts[bin][group * 2 + time]
        let mut counts = vec![vec![0u64; g.columns.len() * 2]; d.bins.len()];
        for (c, cols) in &g.member {
            let (Some(m), Some(s)) = (c.instruments.iter().find(|(j, _)| *j == i), slot) else {
                continue;
            };
            for (t, at) in times.into_iter().enumerate() {
                let Some(v) = m.1.value(at, s) else {
                    continue;
                };
                if let Some(b) = d.bins.iter().position(|[lo, hi]| (*lo..=*hi).contains(&v)) {
                    for &col in cols {
                        counts[b][col * 2 + t] += 1;
                    }
                }
            }
        }
        let columns = g
            .columns
            .iter()
            .flat_map(|c| {
                [
                    ("intake", "indskrivning", "intake"),
                    ("last", "sidste måling", "last measurement"),
                ]
                .map(|(id, da, en)| Column {
                    id: format!("{}.{id}", c.id),
                    label: Text::new(
                        format!("{}, {da}", c.label.da),
                        format!("{}, {en}", c.label.en),
                    ),
                })
            })
            .collect();
        Draft {
            table: ReportTable {
                id: d.id.clone(),
                title: d.title.clone(),
                shape: Shape::Distribution,
                columns,
                rows: d
                    .bins
                    .iter()
                    .map(|[lo, hi]| {
                        let label = Text::new(format!("{lo}–{hi}"), format!("{lo}–{hi}"));
                        row(format!("{lo}_{hi}"), label, Kind::Count)
                    })
                    .collect(),
            },
            raws: counts
                .iter()
                .map(|k| k.iter().map(|n| Raw::Count(*n)).collect())
                .collect(),
        }
    }
}

/// The columns of the report and, per participant, the columns they count in.
struct Groups<'b> {
    columns: Vec<Column>,
    member: Vec<(&'b Course, Vec<usize>)>,
}

/// What one participant adds to a figure: to its numerator (a sum, or 1 when
/// the participant counts in the share) and to its denominator.
fn contribution(eval: &Eval, m: &Measures, slot: u16) -> Option<(u64, u64)> {
    let at = |a| m.value(a, slot);
    match eval {
        Eval::Mean { at: a, .. } | Eval::Difference { at: a, .. } => {
            at(*a).map(|v| (u64::from(v), 1))
        }
        Eval::InBand { at: a, lo, hi, .. } => {
            at(*a).map(|v| (u64::from((lo..=hi).contains(&&v)), 1))
        }
        Eval::LeftBand { lo, hi, to, .. } => {
            let (from, to) = (at(At::Intake)?, at(*to)?);
            let inside = |v: u32| (*lo..=*hi).contains(&v);
            inside(from).then_some((u64::from(!inside(to)), 1))
        }
        Eval::Changed {
            to,
            rule,
            higher_is_better,
            reliable,
            counted,
            ..
        } => {
            let (from, to) = (at(At::Intake)?, at(*to)?);
            let outcome = judge(rule, from, to, *higher_is_better, reliable.as_ref());
            let wanted = match counted {
                Counted::Improved => Outcome::Improved,
                Counted::Worsened => Outcome::Worsened,
                Counted::Met => Outcome::Met,
            };
            (outcome != Outcome::NotApplicable).then_some((u64::from(outcome == wanted), 1))
        }
    }
}

/// A row whose cells `protect` fills.
fn row(id: String, label: Text, kind: Kind) -> ReportRow {
    ReportRow {
        id,
        label,
        kind,
        cells: Vec::new(),
    }
}

/// A row of the participants table: id, label (Danish, English), kind and
/// numbers.
type ParticipantRow = (&'static str, (&'static str, &'static str), Kind, Vec<Raw>);

/// The participants table's rows from each column's counts (participants,
/// responses, with an intake, completers, end completers).
fn participant_rows(k: &[[u64; 5]]) -> Vec<ParticipantRow> {
    let counts = |f: usize| k.iter().map(|c| Raw::Count(c[f])).collect::<Vec<_>>();
    let shares = |f: usize| {
        k.iter()
            .map(|c| Raw::Share {
                part: c[f],
                n: c[2],
            })
            .collect::<Vec<_>>()
    };
    // Responses are not participants: a group of 4 with 8 responses is
    // still a group of 4 (hidden with it).
    let responses = k
        .iter()
        .map(|c| Raw::Total {
            value: c[1],
            n: c[0],
        })
        .collect();
    vec![
        (
            "participants",
            ("Deltagere", "Participants"),
            Kind::Count,
            counts(0),
        ),
        (
            "responses",
            ("Besvarelser", "Responses"),
            Kind::Count,
            responses,
        ),
        (
            "completers",
            (
                "Gennemført (indskrivning og en senere måling)",
                "Completers (intake and a later measurement)",
            ),
            Kind::Count,
            counts(3),
        ),
        (
            "completion",
            (
                "Andel af de indskrevne med en senere måling",
                "Share of those with an intake who have a later measurement",
            ),
            Kind::Percent,
            shares(3),
        ),
        (
            "end_completers",
            (
                "Afsluttet (indskrivning og afslutning)",
                "Completed (intake and an end measurement)",
            ),
            Kind::Count,
            counts(4),
        ),
        (
            "end_completion",
            (
                "Andel af de indskrevne med en afslutning",
                "Share of those with an intake who have an end measurement",
            ),
            Kind::Percent,
            shares(4),
        ),
    ]
}
