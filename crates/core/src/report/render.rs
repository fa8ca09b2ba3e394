//! The report as text, Markdown, CSV and JSON, in Danish or English.
//!
//! The renderers live in core so that the app's download and the CLI's output
//! are the same bytes. All of them print from [`tables`], one list of labelled
//! rows, so a figure cannot appear in one format and be missing in another,
//! and a suppressed cell is printed the same way everywhere: "< 5" (the
//! report's `min_cell`), never a number; a cell hidden to protect one is
//! "skjult" / "hidden" ([`hidden_text`]), so the two are told apart.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{Cell, Kind, Report, Shape};
use crate::lang::{decimal, Lang};

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

/// One labelled row of a table in one language: a figure across the
/// table's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// A stable machine name, e.g. `percentage.mean.intake`.
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// One cell per column of the table.
    pub cells: Vec<Cell>,
}

/// One table of the report in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// A stable machine name: `participants`, an instrument's id, or
    /// `<instrument>.<score>.distribution`.
    pub id: String,
    pub title: String,
    pub shape: Shape,
    /// Machine names of the columns (`all`, `girl`, …, or `intake`, `last`).
    pub column_ids: Vec<String>,
    /// Column headings in the language asked for.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// The report's tables in `lang`, in the order they are printed: the
/// participants, then each instrument's figures and distributions.
pub fn tables(report: &Report, lang: Lang) -> Vec<Table> {
    report
        .tables
        .iter()
        .map(|t| Table {
            id: t.id.clone(),
            title: t.title.get(lang).to_string(),
            shape: t.shape,
            column_ids: t.columns.iter().map(|c| c.id.clone()).collect(),
            columns: t
                .columns
                .iter()
                .map(|c| c.label.get(lang).to_string())
                .collect(),
            rows: t
                .rows
                .iter()
                .map(|r| Row {
                    id: r.id.clone(),
                    label: r.label.get(lang).to_string(),
                    kind: r.kind,
                    cells: r.cells.clone(),
                })
                .collect(),
        })
        .collect()
}

/// What a suppressed cell shows: `< 5` for the default `min_cell`.
pub fn suppressed_text(report: &Report) -> String {
    format!("< {}", report.params.min_cell)
}

/// What a cell hidden to protect a suppressed one shows.
pub fn hidden_text(lang: Lang) -> &'static str {
    tr!(lang, da: "skjult", en: "hidden")
}

/// A cell's value without its `n`, as the language writes it.
fn value_text(cell: Cell, kind: Kind, lang: Lang, suppressed: &str) -> String {
    let value = match cell {
        Cell::Value { value, .. } => value,
        Cell::Suppressed => return suppressed.to_string(),
        Cell::Hidden => return hidden_text(lang).to_string(),
    };
    match kind {
        Kind::Count => format!("{value:.0}"),
        Kind::Mean => decimal(value, Some(1), lang),
        Kind::Percent => {
            let v = decimal(value, Some(1), lang);
            tr!(lang, da: format!("{v} %"), en: format!("{v}%"))
        }
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
pub fn title(report: &Report, lang: Lang) -> String {
    report.title.get(lang).to_string()
}

/// The lines that state the settings and how to read the tables.
pub fn notes(report: &Report, lang: Lang) -> Vec<String> {
    report
        .notes
        .iter()
        .map(|n| n.get(lang).to_string())
        .collect()
}

/// The report as plain-text tables for a terminal or a `.txt` file.
pub fn render_text(report: &Report, lang: Lang) -> String {
    let suppressed = suppressed_text(report);
    let mut out = String::new();
    let heading = title(report, lang);
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
    let _ = writeln!(out, "# {}", markdown_escape(&title(report, lang)));
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
/// value, a hidden one "skjult" (or "hidden"), each with an empty `n`.
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
                    Cell::Hidden => (hidden_text(lang).to_string(), String::new()),
                };
                let fields = [&table.id, &r.id, column, &r.label, column_label, &value, &n];
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
