//! From an instrument's report figures (its data) to the rows the builder
//! fills: each row's stable id, its label in both languages, its kind of
//! number and what one participant adds to it; and the notes that say which
//! references, bands and criteria the figures used.

use super::{key, Kind, ReportParams};
use crate::change::ReliableChange;
use crate::instrument::{At, Counted, CriterionRule, Figure, FigureKind, Instrument, ScoreDef};
use crate::lang::{decimal, Lang, Text};

/// What a row computes, per participant, from one score.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Eval {
    Mean {
        score: String,
        at: At,
    },
    Difference {
        score: String,
        at: At,
        reference: f64,
    },
    InBand {
        score: String,
        at: At,
        lo: u32,
        hi: u32,
    },
    LeftBand {
        score: String,
        lo: u32,
        hi: u32,
        to: At,
    },
    Changed {
        score: String,
        to: At,
        rule: CriterionRule,
        higher_is_better: bool,
        reliable: Option<ReliableChange>,
        counted: Counted,
    },
}

impl Eval {
    pub(crate) fn score(&self) -> &str {
        match self {
            Eval::Mean { score, .. }
            | Eval::Difference { score, .. }
            | Eval::InBand { score, .. }
            | Eval::LeftBand { score, .. }
            | Eval::Changed { score, .. } => score,
        }
    }
}

/// One row to fill.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RowSpec {
    pub id: String,
    pub label: Text,
    pub kind: Kind,
    pub eval: Eval,
}

/// One distribution table to fill.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DistributionSpec {
    pub id: String,
    pub title: Text,
    pub score: String,
    pub bins: Vec<[u32; 2]>,
}

/// Everything the report shows of one instrument.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct InstrumentSpec {
    pub id: String,
    pub title: Text,
    pub rows: Vec<RowSpec>,
    pub distributions: Vec<DistributionSpec>,
    pub notes: Vec<Text>,
}

/// "ved indskrivning" / "at intake", and so on.
fn at_words(at: At) -> (&'static str, &'static str) {
    match at {
        At::Intake => ("ved indskrivning", "at intake"),
        At::Last => ("ved sidste måling", "at the last measurement"),
        At::End => ("ved afslutning", "at the end"),
    }
}

/// A number as the language writes it, as few digits as give it back: `7,5`.
fn number(x: f64, lang: Lang) -> String {
    decimal(x, None, lang)
}

/// A label used inside a sentence: "Høj livstilfredshed" → "høj livstilfredshed".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The bounds of a band as written in a label: `(6–10)`, or `(0)` for one value.
fn bounds(lo: u32, hi: u32) -> String {
    if lo == hi {
        format!("({lo})")
    } else {
        format!("({lo}–{hi})")
    }
}

/// The rows, distributions and notes of `instrument`'s figures. `versioned`
/// when another version of the same instrument is in the report too, so the
/// table's id and title name the version.
pub(crate) fn compile(
    instrument: &Instrument,
    params: &ReportParams,
    versioned: bool,
) -> InstrumentSpec {
    let (id, title) = if versioned {
        let v = instrument.version;
        let name = &instrument.name;
        (
            format!("{}_v{v}", instrument.id),
            Text::new(
                format!("{} (version {v})", name.da),
                format!("{} (version {v})", name.en),
            ),
        )
    } else {
        (instrument.id.clone(), instrument.name.clone())
    };
    let mut spec = InstrumentSpec {
        id: id.clone(),
        title,
        rows: Vec::new(),
        distributions: Vec::new(),
        notes: Vec::new(),
    };
    for score in &instrument.scores {
        for figure in &score.report {
            add_figure(&mut spec, instrument, score, figure, params);
        }
    }
    spec
}

fn add_figure(
    spec: &mut InstrumentSpec,
    instrument: &Instrument,
    score: &ScoreDef,
    figure: &Figure,
    params: &ReportParams,
) {
    let s = score.id.clone();
    let short = &score.short;
    let mut note = |t: Text| {
        if !spec.notes.contains(&t) {
            spec.notes.push(t);
        }
    };
    if let Some(n) = &figure.note {
        note(n.clone());
    }
    let rows: Vec<RowSpec> = match &figure.kind {
        FigureKind::Mean { at } => {
            let (da, en) = at_words(*at);
            vec![RowSpec {
                id: format!("{s}.mean.{}", at.id()),
                label: figure.label.clone().unwrap_or_else(|| {
                    Text::new(
                        format!("{}: gennemsnit {da}", short.da),
                        format!("{}: mean {en}", short.en),
                    )
                }),
                kind: Kind::Mean,
                eval: Eval::Mean { score: s, at: *at },
            }]
        }
        FigureKind::Difference { at, reference } => {
            let Some(r) = score.reference(reference) else {
                return;
            };
            let k = key(&instrument.id, &score.id, reference);
            let value = params.references.get(&k).copied().unwrap_or(r.value);
            let (da, en) = at_words(*at);
            let (vda, ven) = (number(value, Lang::Da), number(value, Lang::En));
            note(Text::new(
                format!("Reference for {}: {vda} ({}).", short.da, r.name.da),
                format!("Reference for {}: {ven} ({}).", short.en, r.name.en),
            ));
            vec![RowSpec {
                id: format!("{s}.difference.{}.{reference}", at.id()),
                label: Text::new(
                    format!("Forskel fra {} ({vda}) {da}", r.name.da),
                    format!("Difference from {} ({ven}) {en}", r.name.en),
                ),
                kind: Kind::Difference,
                eval: Eval::Difference {
                    score: s,
                    at: *at,
                    reference: value,
                },
            }]
        }
        FigureKind::BandShare { at, band_set, band } => {
            let Some(set) = score.band_set(band_set) else {
                return;
            };
            note(Text::new(
                format!("Bånd for {}: {}.", short.da, set.name.da),
                format!("Bands for {}: {}.", short.en, set.name.en),
            ));
            let (da, en) = at_words(*at);
            set.bands
                .iter()
                .filter(|b| band.as_ref().is_none_or(|id| *id == b.id))
                .map(|b| RowSpec {
                    id: format!("{s}.band_share.{}.{band_set}.{}", at.id(), b.id),
                    label: figure.label.clone().unwrap_or_else(|| {
                        let w = bounds(b.min, b.max);
                        Text::new(
                            format!("Andel med {} {w} {da}", lower_first(&b.label.da)),
                            format!("Share with {} {w} {en}", lower_first(&b.label.en)),
                        )
                    }),
                    kind: Kind::Percent,
                    eval: Eval::InBand {
                        score: s.clone(),
                        at: *at,
                        lo: b.min,
                        hi: b.max,
                    },
                })
                .collect()
        }
        FigureKind::LeftBand { band_set, band, to } => {
            let Some(b) = score.band_set(band_set).and_then(|set| set.band(band)) else {
                return;
            };
            let (da, en) = at_words(*to);
            let w = bounds(b.min, b.max);
            vec![RowSpec {
                id: format!("{s}.left_band.{}.{band_set}.{band}", to.id()),
                label: figure.label.clone().unwrap_or_else(|| {
                    Text::new(
                        format!("Andel ude af {} {w} {da}", lower_first(&b.label.da)),
                        format!("Share out of {} {w} {en}", lower_first(&b.label.en)),
                    )
                }),
                kind: Kind::Percent,
                eval: Eval::LeftBand {
                    score: s,
                    lo: b.min,
                    hi: b.max,
                    to: *to,
                },
            }]
        }
        FigureKind::Changed {
            criterion,
            counted,
            to,
        } => {
            let Some(c) = score.criterion(criterion) else {
                return;
            };
            let reliable = match c.rule {
                CriterionRule::Reliable { default } => {
                    let k = key(&instrument.id, &score.id, criterion);
                    let rc = params.reliable.get(&k).copied().unwrap_or(default);
                    note(reliable_note(&c.name, short, &rc));
                    Some(rc)
                }
                CriterionRule::Points { points } => {
                    note(Text::new(
                        format!(
                            "{} for {}: en ændring på mindst {points} point tæller.",
                            upper_first(&c.name.da),
                            short.da
                        ),
                        format!(
                            "{} for {}: a change of at least {points} points counts.",
                            upper_first(&c.name.en),
                            short.en
                        ),
                    ));
                    None
                }
                CriterionRule::Stopped | CriterionRule::Halved => None,
            };
            let (da, en) = at_words(*to);
            let (wda, wen) = match counted {
                Counted::Improved => ("bedring", "improvement"),
                Counted::Worsened => ("forværring", "deterioration"),
                Counted::Met => ("opfyldt", "met"),
            };
            vec![RowSpec {
                id: format!(
                    "{s}.changed.{}.{criterion}.{}",
                    to.id(),
                    counted_id(*counted)
                ),
                label: figure.label.clone().unwrap_or_else(|| {
                    Text::new(
                        format!("Andel med {wda} efter {} {da}", c.name.da),
                        format!("Share with {wen} by {} {en}", c.name.en),
                    )
                }),
                kind: Kind::Percent,
                eval: Eval::Changed {
                    score: s,
                    to: *to,
                    rule: c.rule,
                    higher_is_better: score.higher_is_better,
                    reliable,
                    counted: *counted,
                },
            }]
        }
        FigureKind::Distribution { bins } => {
            spec.distributions.push(DistributionSpec {
                id: format!("{}.{s}.distribution", spec.id),
                title: figure.label.clone().unwrap_or_else(|| {
                    Text::new(
                        format!("Fordeling af {}, alle (antal deltagere)", short.da),
                        format!(
                            "Distribution of {}, everyone (number of participants)",
                            short.en
                        ),
                    )
                }),
                score: s,
                bins: bins.clone(),
            });
            return;
        }
    };
    spec.rows.extend(rows);
}

fn counted_id(c: Counted) -> &'static str {
    match c {
        Counted::Improved => "improved",
        Counted::Worsened => "worsened",
        Counted::Met => "met",
    }
}

/// "10-point-reglen" → "10-point-reglen"; "pålidelig ændring" → "Pålidelig ændring".
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a reliable-change criterion counted, with the parameters used.
fn reliable_note(name: &Text, short: &Text, rc: &ReliableChange) -> Text {
    let (nda, nen) = (upper_first(&name.da), upper_first(&name.en));
    let t = |x: f64, lang| decimal(x, Some(1), lang);
    match *rc {
        ReliableChange::Mdc { points } => Text::new(
            format!(
                "{nda} for {}: en ændring på mere end {} point (mindste påviselige ændring).",
                short.da,
                number(points, Lang::Da)
            ),
            format!(
                "{nen} for {}: a change of more than {} points (minimal detectable change).",
                short.en,
                number(points, Lang::En)
            ),
        ),
        ReliableChange::JacobsonTruax { sd, reliability } => Text::new(
            format!(
                "{nda} for {}: Jacobson & Truax (1991) med SD {} og reliabilitet {}, dvs. en ændring på mere end {} point.",
                short.da,
                number(sd, Lang::Da),
                number(reliability, Lang::Da),
                t(rc.threshold(), Lang::Da)
            ),
            format!(
                "{nen} for {}: Jacobson & Truax (1991) with SD {} and reliability {}, i.e. a change of more than {} points.",
                short.en,
                number(sd, Lang::En),
                number(reliability, Lang::En),
                t(rc.threshold(), Lang::En)
            ),
        ),
    }
}

/// The notes every report ends with: suppression and what the parentheses hold.
pub(crate) fn closing_notes(params: &ReportParams) -> Vec<Text> {
    let min = params.min_cell;
    vec![
        Text::new(
            format!("Celler med færre end {min} deltagere vises som «< {min}»."),
            format!("Cells with fewer than {min} participants are shown as «< {min}»."),
        ),
        Text::new(
            "Tal i parentes: antal deltagere, som tallet bygger på.",
            "Numbers in parentheses: the number of participants a figure rests on.",
        ),
    ]
}

/// "Evalueringsrapport: WHO-5 Trivselsindeks og Trivselsstigen (0–10)".
pub(crate) fn title(instruments: &[&Instrument]) -> Text {
    let mut names: Vec<&Text> = Vec::new();
    for i in instruments {
        if !names.contains(&&i.name) {
            names.push(&i.name);
        }
    }
    let list = |lang: Lang, and: &str| {
        let words: Vec<&str> = names.iter().map(|n| n.get(lang)).collect();
        match words.split_last() {
            None => String::new(),
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
        }
    };
    if names.is_empty() {
        return Text::new("Evalueringsrapport", "Evaluation report");
    }
    Text::new(
        format!("Evalueringsrapport: {}", list(Lang::Da, "og")),
        format!("Evaluation report: {}", list(Lang::En, "and")),
    )
}
