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
        title: title(lang),
        notes: notes(report, lang),
        tables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trivsel_core::{Cell, ReliableChange, ReportBuilder, ReportParams};

    fn expected_report() -> Report {
        let path = format!(
            "{}/../../tests/fixtures/report/v1-report.json",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).expect("report")).expect("a report")
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
        assert_eq!(da.title, "Evalueringsrapport: WHO-5 og trivselsstigen");
        assert_eq!(da.notes.len(), 6);
        assert!(da.notes[4].contains("«< 5»"), "{:?}", da.notes[4]);
        assert_eq!(text(&da, "participants", "participants", "all"), "45");
        assert_eq!(text(&da, "participants", "responses", "all"), "85");
        assert_eq!(text(&da, "who5", "who5_intake_mean", "all"), "55,7 (45)");
        assert_eq!(text(&da, "who5", "who5_last_mean", "all"), "65,5 (33)");
        assert_eq!(
            text(&da, "participants", "completion", "girl"),
            "70,6 % (17)"
        );
        assert_eq!(
            text(&da, "ladder", "ladder_intake_vs_reference", "all"),
            "-2,2 (45)"
        );
        assert_eq!(text(&da, "who5", "who5_intake_mean", "not_stated"), "< 5");
        assert_eq!(
            text(&da, "who5_distribution", "who5_bin_30_39", "intake"),
            "7"
        );

        let en = printed(&report, Lang::En);
        assert_eq!(text(&en, "who5", "who5_intake_mean", "all"), "55.7 (45)");
        assert_eq!(text(&en, "participants", "completion", "all"), "73.3% (45)");
        assert_eq!(
            text(&en, "who5_distribution", "who5_bin_0_9", "last"),
            "< 5"
        );
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
        let params = ReportParams {
            ladder_reference: 6.25,
            reliable_change: ReliableChange::JacobsonTruax {
                sd: 20.0,
                reliability: 0.81,
            },
            min_cell: 3,
        };
        let report = ReportBuilder::new(params).finish();
        for lang in Lang::ALL {
            let p = printed(&report, lang);
            assert!(p
                .tables
                .iter()
                .all(|t| t.texts.iter().flatten().all(|s| s == "< 3")));
        }
    }
}
