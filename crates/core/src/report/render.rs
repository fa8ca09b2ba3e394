//! The report as text, Markdown, CSV and JSON, in Danish or English.
//!
//! The renderers live in core so that the app's download and the CLI's output
//! are the same bytes. All of them print from [`tables`], one list of labelled
//! rows, so a figure cannot appear in one format and be missing in another,
//! and a suppressed cell is printed the same way everywhere: "< 5" (the
//! report's `min_cell`), never a number.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{Cell, GroupFigures, Report, WHO5_RISK_AT_MOST};
use crate::change::ReliableChange;
use crate::instrument::builtin;
use crate::lang::{decimal, Lang};
use crate::messages::lower_first;
use crate::participant::Gender;

/// An output format of the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text tables for a terminal (the CLI's default).
    #[default]
    Text,
    Markdown,
    /// RFC 4180 CSV, one row per cell, UTF-8 with a BOM for Excel.
    Csv,
    /// The [`Report`] itself, language-neutral.
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Csv, Format::Json];

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
        }
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

/// One labelled row of a table: a figure across the table's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// A stable machine name, e.g. `who5_intake_mean` or `ladder_intake_band_high`.
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// One cell per column of the table.
    pub cells: Vec<Cell>,
}

/// One table of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A stable machine name: `participants`, `who5`, `ladder`, `who5_distribution`.
    pub id: &'static str,
    pub title: String,
    /// Machine names of the columns (`all`, `girl`, …, or `intake`, `last`).
    pub column_ids: Vec<&'static str>,
    /// Column headings in the language asked for.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

fn tr(lang: Lang, da: &str, en: &str) -> String {
    match lang {
        Lang::Da => da.to_string(),
        Lang::En => en.to_string(),
    }
}

fn gender_id(g: Gender) -> &'static str {
    match g {
        Gender::Girl => "girl",
        Gender::Boy => "boy",
        Gender::Other => "other",
        Gender::NotStated => "not_stated",
    }
}

/// The report as tables, in the order they are printed: participants,
/// WHO-5, the ladder (columns: everyone, then each gender), and the WHO-5
/// distributions (columns: intake, last measurement; everyone).
pub fn tables(report: &Report, lang: Lang) -> Vec<Table> {
    let groups: Vec<&GroupFigures> = report.groups().collect();
    let column_ids: Vec<&'static str> = std::iter::once("all")
        .chain(Gender::ALL.iter().map(|g| gender_id(*g)))
        .collect();
    let columns: Vec<String> = std::iter::once(tr(lang, "Alle", "All"))
        .chain(Gender::ALL.iter().map(|g| g.label(lang).to_string()))
        .collect();
    let row = |id: &str, label: String, kind: Kind, f: &dyn Fn(&GroupFigures) -> Cell| Row {
        id: id.to_string(),
        label,
        kind,
        cells: groups.iter().map(|g| f(g)).collect(),
    };
    let group_table = |id, title, rows| Table {
        id,
        title,
        column_ids: column_ids.clone(),
        columns: columns.clone(),
        rows,
    };

    let participants = group_table(
        "participants",
        tr(lang, "Deltagere", "Participants"),
        vec![
            row(
                "participants",
                tr(lang, "Deltagere", "Participants"),
                Kind::Count,
                &|g| g.participants,
            ),
            row(
                "responses",
                tr(lang, "Besvarelser", "Responses"),
                Kind::Count,
                &|g| g.responses,
            ),
            row(
                "completers",
                tr(
                    lang,
                    "Gennemført (indskrivning og en senere måling)",
                    "Completers (intake and a later measurement)",
                ),
                Kind::Count,
                &|g| g.completers,
            ),
            row(
                "completion",
                tr(
                    lang,
                    "Andel af de indskrevne med en senere måling",
                    "Share of those with an intake who have a later measurement",
                ),
                Kind::Percent,
                &|g| g.completion,
            ),
        ],
    );

    let risk = WHO5_RISK_AT_MOST;
    let who5 = group_table(
        "who5",
        tr(lang, "WHO-5 Trivselsindeks (0–100)", "WHO-5 Well-Being Index (0–100)"),
        vec![
            row(
                "who5_intake_mean",
                tr(
                    lang,
                    "WHO-5 gennemsnit ved indskrivning",
                    "WHO-5 mean at intake",
                ),
                Kind::Mean,
                &|g| g.who5_intake_mean,
            ),
            row(
                "who5_last_mean",
                tr(
                    lang,
                    "WHO-5 gennemsnit ved sidste måling",
                    "WHO-5 mean at the last measurement",
                ),
                Kind::Mean,
                &|g| g.who5_last_mean,
            ),
            row(
                "who5_intake_risk",
                match lang {
                    Lang::Da => format!("Andel med WHO-5 på {risk} eller derunder ved indskrivning"),
                    Lang::En => format!("Share with WHO-5 at or below {risk} at intake"),
                },
                Kind::Percent,
                &|g| g.who5_intake_risk,
            ),
            row(
                "who5_last_risk",
                match lang {
                    Lang::Da => {
                        format!("Andel med WHO-5 på {risk} eller derunder ved sidste måling")
                    }
                    Lang::En => format!("Share with WHO-5 at or below {risk} at the last measurement"),
                },
                Kind::Percent,
                &|g| g.who5_last_risk,
            ),
            row(
                "who5_left_risk",
                match lang {
                    Lang::Da => format!(
                        "Andel ude af risikozonen (højst {risk} ved indskrivning, over {risk} ved sidste måling)"
                    ),
                    Lang::En => format!(
                        "Share out of the risk zone (at most {risk} at intake, above {risk} at the last measurement)"
                    ),
                },
                Kind::Percent,
                &|g| g.who5_left_risk,
            ),
            row(
                "who5_ten_point_improved",
                tr(
                    lang,
                    "Andel med bedring på mindst 10 point",
                    "Share improved by at least 10 points",
                ),
                Kind::Percent,
                &|g| g.who5_ten_point_improved,
            ),
            row(
                "who5_reliable_improved",
                tr(lang, "Andel med pålidelig bedring", "Share with reliable improvement"),
                Kind::Percent,
                &|g| g.who5_reliable_improved,
            ),
            row(
                "who5_reliable_worsened",
                tr(
                    lang,
                    "Andel med pålidelig forværring",
                    "Share with reliable deterioration",
                ),
                Kind::Percent,
                &|g| g.who5_reliable_worsened,
            ),
        ],
    );

    let reference = decimal(report.params.ladder_reference, None, lang);
    let mut ladder_rows = vec![
        row(
            "ladder_intake_mean",
            tr(
                lang,
                "Trivselsstigen gennemsnit ved indskrivning",
                "Ladder mean at intake",
            ),
            Kind::Mean,
            &|g| g.ladder_intake_mean,
        ),
        row(
            "ladder_last_mean",
            tr(
                lang,
                "Trivselsstigen gennemsnit ved sidste måling",
                "Ladder mean at the last measurement",
            ),
            Kind::Mean,
            &|g| g.ladder_last_mean,
        ),
        row(
            "ladder_intake_vs_reference",
            match lang {
                Lang::Da => {
                    format!("Forskel fra danske unge generelt ({reference}) ved indskrivning")
                }
                Lang::En => {
                    format!("Difference from Danish young people in general ({reference}) at intake")
                }
            },
            Kind::Difference,
            &|g| g.ladder_intake_vs_reference,
        ),
        row(
            "ladder_last_vs_reference",
            match lang {
                Lang::Da => {
                    format!("Forskel fra danske unge generelt ({reference}) ved sidste måling")
                }
                Lang::En => format!(
                    "Difference from Danish young people in general ({reference}) at the last measurement"
                ),
            },
            Kind::Difference,
            &|g| g.ladder_last_vs_reference,
        ),
    ];
    let band_set = builtin().cantril.band_set(super::LADDER_BAND_SET);
    let band_label = |id: &str, min: u32, max: u32| {
        let name = band_set
            .and_then(|s| s.bands.iter().find(|b| b.id == id))
            .map(|b| lower_first(b.label.get(lang)))
            .unwrap_or_else(|| id.to_string());
        format!("{name} ({min}–{max})")
    };
    for (when, at) in [
        ("intake", tr(lang, "ved indskrivning", "at intake")),
        (
            "last",
            tr(lang, "ved sidste måling", "at the last measurement"),
        ),
    ] {
        let bands = |g: &GroupFigures| {
            if when == "intake" {
                g.ladder_intake_bands.clone()
            } else {
                g.ladder_last_bands.clone()
            }
        };
        for (i, b) in bands(&report.overall).iter().enumerate() {
            ladder_rows.push(Row {
                id: format!("ladder_{when}_band_{}", b.band),
                label: match lang {
                    Lang::Da => format!("Andel med {} {at}", band_label(&b.band, b.min, b.max)),
                    Lang::En => format!("Share with {} {at}", band_label(&b.band, b.min, b.max)),
                },
                kind: Kind::Percent,
                cells: groups
                    .iter()
                    .map(|g| bands(g).get(i).map_or(Cell::Suppressed, |b| b.cell))
                    .collect(),
            });
        }
    }
    let ladder = group_table(
        "ladder",
        tr(lang, "Trivselsstigen (0–10)", "Wellbeing ladder (0–10)"),
        ladder_rows,
    );

    let distribution = Table {
        id: "who5_distribution",
        title: tr(
            lang,
            "Fordeling af WHO-5-score, alle (antal deltagere)",
            "Distribution of WHO-5 scores, everyone (number of participants)",
        ),
        column_ids: vec!["intake", "last"],
        columns: vec![
            tr(lang, "Indskrivning", "Intake"),
            tr(lang, "Sidste måling", "Last measurement"),
        ],
        rows: report
            .overall
            .who5_intake_bins
            .iter()
            .zip(&report.overall.who5_last_bins)
            .map(|(a, b)| Row {
                id: format!("who5_bin_{}_{}", a.from, a.to),
                label: format!("{}–{}", a.from, a.to),
                kind: Kind::Count,
                cells: vec![a.cell, b.cell],
            })
            .collect(),
    };

    vec![participants, who5, ladder, distribution]
}

/// What a suppressed cell shows: `< 5` for the default `min_cell`.
pub fn suppressed_text(report: &Report) -> String {
    format!("< {}", report.params.min_cell)
}

/// A cell's value without its `n`, as the language writes it.
fn value_text(cell: Cell, kind: Kind, lang: Lang, suppressed: &str) -> String {
    let Cell::Value { value, .. } = cell else {
        return suppressed.to_string();
    };
    match kind {
        Kind::Count => format!("{value:.0}"),
        Kind::Mean => decimal(value, Some(1), lang),
        Kind::Percent => match lang {
            Lang::Da => format!("{} %", decimal(value, Some(1), lang)),
            Lang::En => format!("{}%", decimal(value, Some(1), lang)),
        },
        Kind::Difference if value > 0.0 => format!("+{}", decimal(value, Some(1), lang)),
        Kind::Difference if value == 0.0 => decimal(0.0, Some(1), lang),
        Kind::Difference => decimal(value, Some(1), lang),
    }
}

/// A cell for a table: the value and, for anything but a count, its `n` in
/// parentheses (`41,2 (12)`). Every renderer and every front end prints a
/// cell with this, so the page and the CLI show the same digits.
pub fn cell_text(cell: Cell, kind: Kind, lang: Lang, suppressed: &str) -> String {
    let value = value_text(cell, kind, lang, suppressed);
    match (cell, kind) {
        (Cell::Value { n, .. }, Kind::Mean | Kind::Percent | Kind::Difference) => {
            format!("{value} ({n})")
        }
        _ => value,
    }
}

/// The report's title.
pub fn title(lang: Lang) -> String {
    tr(
        lang,
        "Evalueringsrapport: WHO-5 og trivselsstigen",
        "Evaluation report: WHO-5 and the wellbeing ladder",
    )
}

/// The lines that state the settings and how to read the tables.
pub fn notes(report: &Report, lang: Lang) -> Vec<String> {
    let p = &report.params;
    let reference = decimal(p.ladder_reference, None, lang);
    let rc = match (p.reliable_change, lang) {
        (ReliableChange::Mdc { points }, Lang::Da) => format!(
            "Pålidelig ændring: en ændring på mere end {} point (mindste påviselige ændring; dansk WHO-5: 23,6, Schougaard et al. 2018).",
            decimal(points, None, lang)
        ),
        (ReliableChange::Mdc { points }, Lang::En) => format!(
            "Reliable change: a change of more than {} points (minimal detectable change; Danish WHO-5: 23.6, Schougaard et al. 2018).",
            decimal(points, None, lang)
        ),
        (ReliableChange::JacobsonTruax { sd, reliability }, Lang::Da) => format!(
            "Pålidelig ændring: Jacobson & Truax (1991) med SD {} og reliabilitet {}, dvs. en ændring på mere end {} point.",
            decimal(sd, None, lang),
            decimal(reliability, None, lang),
            decimal(p.reliable_change.threshold(), Some(1), lang)
        ),
        (ReliableChange::JacobsonTruax { sd, reliability }, Lang::En) => format!(
            "Reliable change: Jacobson & Truax (1991) with SD {} and reliability {}, i.e. a change of more than {} points.",
            decimal(sd, None, lang),
            decimal(reliability, None, lang),
            decimal(p.reliable_change.threshold(), Some(1), lang)
        ),
    };
    let min = p.min_cell;
    let suppressed = suppressed_text(report);
    match lang {
        Lang::Da => vec![
            format!("Reference for trivselsstigen: {reference} (danske unge generelt)."),
            "Bedring på mindst 10 point: den officielle WHO-5-regel (WHO 1998).".into(),
            rc,
            "Trivselsstigens bånd: HBSC (Cavallo et al. 2015).".into(),
            format!("Celler med færre end {min} deltagere vises som «{suppressed}»."),
            "Tal i parentes: antal deltagere, som tallet bygger på.".into(),
        ],
        Lang::En => vec![
            format!("Ladder reference: {reference} (Danish young people in general)."),
            "Improvement by at least 10 points: the official WHO-5 rule (WHO 1998).".into(),
            rc,
            "Ladder bands: HBSC (Cavallo et al. 2015).".into(),
            format!("Cells with fewer than {min} participants are shown as «{suppressed}»."),
            "Numbers in parentheses: the number of participants a figure rests on.".into(),
        ],
    }
}

/// The report as plain-text tables for a terminal or a `.txt` file.
pub fn render_text(report: &Report, lang: Lang) -> String {
    let suppressed = suppressed_text(report);
    let mut out = String::new();
    let heading = title(lang);
    let _ = writeln!(out, "{heading}");
    let _ = writeln!(out, "{}", "=".repeat(heading.chars().count()));
    let _ = writeln!(out);
    for note in notes(report, lang) {
        let _ = writeln!(out, "{note}");
    }
    for table in tables(report, lang) {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", table.title);
        let _ = writeln!(out, "{}", "-".repeat(table.title.chars().count()));
        let body: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| {
                std::iter::once(r.label.clone())
                    .chain(
                        r.cells
                            .iter()
                            .map(|c| cell_text(*c, r.kind, lang, &suppressed)),
                    )
                    .collect()
            })
            .collect();
        let header: Vec<String> = std::iter::once(String::new())
            .chain(table.columns.iter().cloned())
            .collect();
        let widths: Vec<usize> = (0..header.len())
            .map(|i| {
                std::iter::once(&header)
                    .chain(&body)
                    .map(|r| r[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for line in std::iter::once(&header).chain(&body) {
            let mut text = String::new();
            for (i, (field, width)) in line.iter().zip(&widths).enumerate() {
                let pad = " ".repeat(width - field.chars().count());
                if i == 0 {
                    text.push_str(field);
                    text.push_str(&pad);
                } else {
                    text.push_str("  ");
                    text.push_str(&pad);
                    text.push_str(field);
                }
            }
            let _ = writeln!(out, "{}", text.trim_end());
        }
    }
    out
}

fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The report as Markdown: a heading, the notes, one pipe table per table.
/// Suppressed cells read `\< 5`, which Markdown shows as "< 5".
pub fn render_markdown(report: &Report, lang: Lang) -> String {
    let suppressed = suppressed_text(report);
    let mut out = String::new();
    let _ = writeln!(out, "# {}", markdown_escape(&title(lang)));
    let _ = writeln!(out);
    for note in notes(report, lang) {
        let _ = writeln!(out, "- {}", markdown_escape(&note));
    }
    for table in tables(report, lang) {
        let _ = writeln!(out);
        let _ = writeln!(out, "## {}", markdown_escape(&table.title));
        let _ = writeln!(out);
        let mut header = String::from("|");
        let mut rule = String::from("| ---");
        header.push_str(" |");
        for column in &table.columns {
            header.push_str(&format!(" {} |", markdown_escape(column)));
            rule.push_str(" | ---:");
        }
        rule.push_str(" |");
        let _ = writeln!(out, "{header}");
        let _ = writeln!(out, "{rule}");
        for r in &table.rows {
            let mut line = format!("| {} |", markdown_escape(&r.label));
            for c in &r.cells {
                let text = cell_text(*c, r.kind, lang, &suppressed);
                line.push_str(&format!(" {} |", markdown_escape(&text)));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// One CSV field, quoted when it must be (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The report as CSV: UTF-8 with a byte-order mark (so Excel reads æøå),
/// CRLF line ends, comma-separated and quoted as RFC 4180 says; one row per
/// cell with the columns table, figure, group, label, group label, value and
/// n (headings in `lang`). Values use a decimal point in both languages so
/// the file reads the same everywhere; a suppressed cell has "< 5" as its
/// value and an empty `n`.
pub fn render_csv(report: &Report, lang: Lang) -> String {
    let suppressed = suppressed_text(report);
    let mut out = String::from("\u{feff}");
    let header = match lang {
        Lang::Da => [
            "tabel",
            "mål",
            "gruppe",
            "tekst",
            "gruppenavn",
            "værdi",
            "n",
        ],
        Lang::En => [
            "table",
            "figure",
            "group",
            "label",
            "group_label",
            "value",
            "n",
        ],
    };
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for table in tables(report, lang) {
        for r in &table.rows {
            for ((column, column_label), cell) in
                table.column_ids.iter().zip(&table.columns).zip(&r.cells)
            {
                let (value, n) = match *cell {
                    Cell::Value { value, n } => {
                        let v = match r.kind {
                            Kind::Count => format!("{value:.0}"),
                            _ => format!("{value:.1}"),
                        };
                        (v, n.to_string())
                    }
                    Cell::Suppressed => (suppressed.clone(), String::new()),
                };
                let fields = [table.id, &r.id, column, &r.label, column_label, &value, &n];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                out.push_str(&line.join(","));
                out.push_str("\r\n");
            }
        }
    }
    out
}

/// The [`Report`] as pretty-printed JSON with a final newline. JSON is
/// language-neutral: `lang` is taken so that every renderer has one
/// signature ([`render`]) and is otherwise unused.
pub fn render_json(report: &Report, lang: Lang) -> String {
    let _ = lang;
    let mut json = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".into());
    json.push('\n');
    json
}

/// The report in `format`.
pub fn render(report: &Report, format: Format, lang: Lang) -> String {
    match format {
        Format::Text => render_text(report, lang),
        Format::Markdown => render_markdown(report, lang),
        Format::Csv => render_csv(report, lang),
        Format::Json => render_json(report, lang),
    }
}
