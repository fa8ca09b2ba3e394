//! From an instrument's report figures (its data) to the rows the builder
//! fills: each row's stable id, its label in both languages, its kind of
//! number and what one participant adds to it; and the notes that say which
//! references, bands and criteria the figures used.

use super::{key, Kind, ReportParams};
use crate::change::ReliableChange;
use crate::instrument::{At, Counted, CriterionRule, Figure, FigureKind, Instrument, ScoreDef};
use crate::lang::{decimal, Lang, Text};
use crate::messages::{lower_first, upper_first};

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

/// What one figure is made from: its instrument and score, the figure, and
/// the report's settings.
struct Source<'a> {
    instrument: &'a Instrument,
    score: &'a ScoreDef,
    figure: &'a Figure,
    params: &'a ReportParams,
}

impl Source<'_> {
    /// The figure's own label, or `made` when the data gives none.
    fn label(&self, made: impl FnOnce() -> Text) -> Text {
        self.figure.label.clone().unwrap_or_else(made)
    }

    fn id(&self) -> &str {
        &self.score.id
    }
}

fn add_figure(
    spec: &mut InstrumentSpec,
    instrument: &Instrument,
    score: &ScoreDef,
    figure: &Figure,
    params: &ReportParams,
) {
    let src = Source {
        instrument,
        score,
        figure,
        params,
    };
    let mut notes: Vec<Text> = figure.note.iter().cloned().collect();
    let rows = match &figure.kind {
        FigureKind::Mean { at } => vec![mean(&src, *at)],
        FigureKind::Difference { at, reference } => difference(&src, *at, reference, &mut notes),
        FigureKind::BandShare { at, band_set, band } => {
            band_shares(&src, *at, band_set, band.as_deref(), &mut notes)
        }
        FigureKind::LeftBand { band_set, band, to } => left_band(&src, band_set, band, *to),
        FigureKind::Changed {
            criterion,
            counted,
            to,
        } => changed(&src, criterion, *counted, *to, &mut notes),
        FigureKind::Distribution { bins } => {
            let short = &score.short;
            spec.distributions.push(DistributionSpec {
                id: format!("{}.{}.distribution", spec.id, score.id),
                title: src.label(|| {
                    Text::new(
                        format!("Fordeling af {}, alle (antal deltagere)", short.da),
                        format!(
                            "Distribution of {}, everyone (number of participants)",
                            short.en
                        ),
                    )
                }),
                score: score.id.clone(),
                bins: bins.clone(),
            });
            Vec::new()
        }
    };
    for n in notes {
        if !spec.notes.contains(&n) {
            spec.notes.push(n);
        }
    }
    spec.rows.extend(rows);
}

fn mean(src: &Source, at: At) -> RowSpec {
    let (da, en) = at_words(at);
    let short = &src.score.short;
    RowSpec {
        id: format!("{}.mean.{}", src.id(), at.id()),
        label: src.label(|| {
            Text::new(
                format!("{}: gennemsnit {da}", short.da),
                format!("{}: mean {en}", short.en),
            )
        }),
        kind: Kind::Mean,
        eval: Eval::Mean {
            score: src.id().to_string(),
            at,
        },
    }
}

fn difference(src: &Source, at: At, reference: &str, notes: &mut Vec<Text>) -> Vec<RowSpec> {
    let Some(r) = src.score.reference(reference) else {
        return Vec::new();
    };
    let k = key(&src.instrument.id, src.id(), reference);
    let value = src.params.references.get(&k).copied().unwrap_or(r.value);
    let (da, en) = at_words(at);
    let (vda, ven) = (number(value, Lang::Da), number(value, Lang::En));
    let short = &src.score.short;
    notes.push(Text::new(
        format!("Reference for {}: {vda} ({}).", short.da, r.name.da),
        format!("Reference for {}: {ven} ({}).", short.en, r.name.en),
    ));
    vec![RowSpec {
        id: format!("{}.difference.{}.{reference}", src.id(), at.id()),
        label: Text::new(
            format!("Forskel fra {} ({vda}) {da}", r.name.da),
            format!("Difference from {} ({ven}) {en}", r.name.en),
        ),
        kind: Kind::Difference,
        eval: Eval::Difference {
            score: src.id().to_string(),
            at,
            reference: value,
        },
    }]
}

fn band_shares(
    src: &Source,
    at: At,
    band_set: &str,
    band: Option<&str>,
    notes: &mut Vec<Text>,
) -> Vec<RowSpec> {
    let Some(set) = src.score.band_set(band_set) else {
        return Vec::new();
    };
    let short = &src.score.short;
    notes.push(Text::new(
        format!("Bånd for {}: {}.", short.da, set.name.da),
        format!("Bands for {}: {}.", short.en, set.name.en),
    ));
    let (da, en) = at_words(at);
    set.bands
        .iter()
        .filter(|b| band.is_none_or(|id| id == b.id))
        .map(|b| RowSpec {
            id: format!("{}.band_share.{}.{band_set}.{}", src.id(), at.id(), b.id),
            label: src.label(|| {
                let w = bounds(b.min, b.max);
                Text::new(
                    format!("Andel med {} {w} {da}", lower_first(&b.label.da)),
                    format!("Share with {} {w} {en}", lower_first(&b.label.en)),
                )
            }),
            kind: Kind::Percent,
            eval: Eval::InBand {
                score: src.id().to_string(),
                at,
                lo: b.min,
                hi: b.max,
            },
        })
        .collect()
}

fn left_band(src: &Source, band_set: &str, band: &str, to: At) -> Vec<RowSpec> {
    let Some(b) = src.score.band_set(band_set).and_then(|set| set.band(band)) else {
        return Vec::new();
    };
    let (da, en) = at_words(to);
    let w = bounds(b.min, b.max);
    vec![RowSpec {
        id: format!("{}.left_band.{}.{band_set}.{band}", src.id(), to.id()),
        label: src.label(|| {
            Text::new(
                format!("Andel ude af {} {w} {da}", lower_first(&b.label.da)),
                format!("Share out of {} {w} {en}", lower_first(&b.label.en)),
            )
        }),
        kind: Kind::Percent,
        eval: Eval::LeftBand {
            score: src.id().to_string(),
            lo: b.min,
            hi: b.max,
            to,
        },
    }]
}

fn changed(
    src: &Source,
    criterion: &str,
    counted: Counted,
    to: At,
    notes: &mut Vec<Text>,
) -> Vec<RowSpec> {
    let Some(c) = src.score.criterion(criterion) else {
        return Vec::new();
    };
    let short = &src.score.short;
    let reliable = match c.rule {
        CriterionRule::Reliable { default } => {
            let k = key(&src.instrument.id, src.id(), criterion);
            let rc = src.params.reliable.get(&k).copied().unwrap_or(default);
            notes.push(reliable_note(&c.name, short, &rc));
            Some(rc)
        }
        CriterionRule::Points { points } => {
            let (nda, nen) = (upper_first(&c.name.da), upper_first(&c.name.en));
            notes.push(Text::new(
                format!(
                    "{nda} for {}: en ændring på mindst {points} point tæller.",
                    short.da
                ),
                format!(
                    "{nen} for {}: a change of at least {points} points counts.",
                    short.en
                ),
            ));
            None
        }
        CriterionRule::Stopped | CriterionRule::Halved => None,
    };
    let (da, en) = at_words(to);
    let (wda, wen) = match counted {
        Counted::Improved => ("bedring", "improvement"),
        Counted::Worsened => ("forværring", "deterioration"),
        Counted::Met => ("opfyldt", "met"),
    };
    vec![RowSpec {
        id: format!(
            "{}.changed.{}.{criterion}.{}",
            src.id(),
            to.id(),
            counted_id(counted)
        ),
        label: src.label(|| {
            Text::new(
                format!("Andel med {wda} efter {} {da}", c.name.da),
                format!("Share with {wen} by {} {en}", c.name.en),
            )
        }),
        kind: Kind::Percent,
        eval: Eval::Changed {
            score: src.id().to_string(),
            to,
            rule: c.rule,
            higher_is_better: src.score.higher_is_better,
            reliable,
            counted,
        },
    }]
}

fn counted_id(c: Counted) -> &'static str {
    match c {
        Counted::Improved => "improved",
        Counted::Worsened => "worsened",
        Counted::Met => "met",
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

/// The notes every report ends with: what is hidden and why, and what the
/// parentheses hold. `hidden` counts the cells of each column (by its
/// label) that rest on `min_cell` or more but are hidden to protect those
/// under it.
pub(crate) fn closing_notes(params: &ReportParams, hidden: &[(Text, usize)]) -> Vec<Text> {
    let min = params.min_cell;
    let mut notes = vec![Text::new(
        format!("Celler med færre end {min} deltagere vises som «< {min}»."),
        format!("Cells with fewer than {min} participants are shown as «< {min}»."),
    )];
    if !hidden.is_empty() {
        let total: usize = hidden.iter().map(|(_, k)| k).sum();
        let cells = |k: usize, one: &str, more: &str| match k {
            1 => format!("1 {one}"),
            k => format!("{k} {more}"),
        };
        let list = |lang: Lang| {
            let parts: Vec<String> = hidden
                .iter()
                .map(|(label, k)| format!("{} {k}", label.get(lang)))
                .collect();
            parts.join(", ")
        };
        notes.push(Text::new(
            format!(
                "{} vises som «skjult» ({}): de bygger på {min} deltagere eller flere, men ellers kunne en celle under {min}, et gennemsnit eller en andel regnes ud af totalerne og de viste grupper (sekundær diskretionering).",
                cells(total, "celle mere", "celler mere"),
                list(Lang::Da)
            ),
            format!(
                "{} shown as «hidden» ({}): they rest on {min} participants or more, but a cell under {min}, a mean or a share could otherwise be worked out from the totals and the groups shown (secondary suppression).",
                cells(total, "more cell", "more cells"),
                list(Lang::En)
            ),
        ));
    }
    notes.push(Text::new(
        "Tal i parentes: antal deltagere, som tallet bygger på.",
        "Numbers in parentheses: the number of participants a figure rests on.",
    ));
    notes
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
