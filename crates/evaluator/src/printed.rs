//! The report's title, notes and every cell's text exactly as core prints
//! them (core's [`cell_text`]), so the page and the CLI show the same digits
//! ("55,7 (45)", "< 5").

use trivsel_core::report::{cell_text, notes, suppressed_text, tables, title, Report, Table};
use trivsel_core::Lang;

/// The report as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Printed {
    pub title: String,
    /// The settings and how to read the tables.
    pub notes: Vec<String>,
    pub tables: Vec<PrintedTable>,
}

/// A table and the text of each of its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintedTable {
    pub table: Table,
    /// `texts[row][column]`, as core prints the cell.
    pub texts: Vec<Vec<String>>,
}

pub fn printed(report: &Report, lang: Lang) -> Printed {
    let suppressed = suppressed_text(report);
    let tables = tables(report, lang)
        .into_iter()
        .map(|table| {
            let texts = table
                .rows
                .iter()
                .map(|row| {
                    row.cells
                        .iter()
                        .map(|&cell| cell_text(cell, row.kind, lang, &suppressed))
                        .collect()
                })
                .collect();
            PrintedTable { table, texts }
        })
        .collect();
    Printed {
        title: title(report, lang),
        notes: notes(report, lang),
        tables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;
    use trivsel_core::{Catalogue, Cell, ReliableChange, ReportBuilder, ReportParams};

    fn expected_report() -> Report {
        serde_json::from_slice(&fixture("report/report.json")).expect("a report")
    }

    fn text<'a>(p: &'a Printed, table: &str, row: &str, column: &str) -> &'a str {
        let t = p.tables.iter().find(|t| t.table.id == table).expect(table);
        let r = t.table.rows.iter().position(|r| r.id == row).expect(row);
        let c = t
            .table
            .column_ids
            .iter()
            .position(|c| *c == column)
            .expect(column);
        &t.texts[r][c]
    }

    #[test]
    fn cells_read_as_core_prints_them_in_both_languages() {
        let report = expected_report();
        let da = printed(&report, Lang::Da);
        assert_eq!(
            da.title,
            "Evalueringsrapport: WHO-5 Trivselsindeks og Trivselsstigen (0–10)"
        );
        assert_eq!(da.notes.len(), 8);
        assert!(da.notes[5].contains("«< 5»"), "{:?}", da.notes[5]);
        // The 6 of another gender are hidden so the 4 stay unknown.
        assert!(da.notes[6].contains("21 celler mere vises som «skjult» (Andet 20, Alle 1)"));
        assert_eq!(text(&da, "participants", "participants", "all"), "45");
        assert_eq!(text(&da, "participants", "responses", "all"), "85");
        let (who5, distribution) = ("who5", "who5.percentage.distribution");
        assert_eq!(
            text(&da, who5, "percentage.mean.intake", "all"),
            "55,7 (45)"
        );
        assert_eq!(text(&da, who5, "percentage.mean.last", "all"), "65,5 (33)");
        assert_eq!(
            text(&da, "participants", "completion", "girl"),
            "70,6 % (17)"
        );
        assert_eq!(
            text(
                &da,
                "cantril",
                "value.difference.intake.danish_youth",
                "all"
            ),
            "-2,2 (45)"
        );
        assert_eq!(
            text(&da, who5, "percentage.mean.intake", "not_stated"),
            "< 5"
        );
        assert_eq!(text(&da, distribution, "30_39", "all.intake"), "7");
        assert_eq!(text(&da, who5, "percentage.mean.intake", "other"), "skjult");

        let en = printed(&report, Lang::En);
        assert_eq!(
            text(&en, who5, "percentage.mean.intake", "all"),
            "55.7 (45)"
        );
        assert_eq!(text(&en, "participants", "completion", "all"), "73.3% (45)");
        assert_eq!(text(&en, distribution, "0_9", "all.last"), "< 5");
        assert_eq!(text(&en, "participants", "participants", "other"), "hidden");
    }

    #[test]
    fn every_suppressed_cell_reads_as_suppressed_and_no_other_does() {
        let report = expected_report();
        for lang in Lang::ALL {
            let p = printed(&report, lang);
            for t in &p.tables {
                for (row, texts) in t.table.rows.iter().zip(&t.texts) {
                    for (cell, text) in row.cells.iter().zip(texts) {
                        assert_eq!(
                            *cell == Cell::Suppressed,
                            *text == suppressed_text(&report),
                            "{} {text}",
                            row.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn an_empty_report_and_other_settings_line_up_too() {
        let mut params = ReportParams {
            min_cell: 3,
            ..ReportParams::default()
        };
        params
            .references
            .insert("cantril/value/danish_youth".into(), 6.25);
        // A minimal detectable change other than the default 23.6 points.
        params.reliable.insert(
            "who5/percentage/reliable".into(),
            ReliableChange::Mdc { points: 15.0 },
        );
        let report = ReportBuilder::new(params).finish(Catalogue::shipped());
        for lang in Lang::ALL {
            let p = printed(&report, lang);
            assert!(p
                .tables
                .iter()
                .all(|t| t.texts.iter().flatten().all(|s| s == "< 3")));
        }
    }
}
