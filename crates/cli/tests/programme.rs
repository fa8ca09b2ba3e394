//! A questionnaire trivsel does not ship, end to end through the CLI: an
//! export of format 2 carrying the definition of the test programme's
//! `worry` instrument (core's `test_programme`, six courses) is
//! validated, merged and reported with figures computed by hand; its records
//! as NDJSON, which carry no definitions, read after the programme file or
//! the export; and a second file defining `worry` version 1 differently is
//! rejected with the clash reason while the first still counts.

mod common;

use std::fs;
use std::path::Path;

use common::{report_json, run, s, scratch, stderr, stdout};
use trivsel_core::export::ExportDocument;
use trivsel_core::import::{parse_document, Limits};
use trivsel_core::instrument::Rule;
use trivsel_core::test_programme::{with_worry, worry_export};
use trivsel_core::{Catalogue, CatalogueError, ImportError, Lang, Report};

const PROGRAMME: &str = "tests/fixtures/programme/worry.json";

fn write(dir: &Path, name: &str, doc: &ExportDocument) -> String {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    s(&path).to_string()
}

/// A cell as (value, n), by row id, in the `worry` table for everyone.
fn worry(report: &Report, row: &str) -> (f64, u32) {
    let cell = report.cell("worry", row, "all").expect(row);
    (cell.value().expect(row), cell.n().expect(row))
}

#[test]
fn an_unshipped_questionnaire_is_validated_merged_and_reported() {
    let dir = scratch("worry");
    let catalogue = with_worry();
    let doc = worry_export(&catalogue, 1);
    assert_eq!(
        doc.instruments,
        [catalogue.get("worry", 1).unwrap().clone()]
    );
    let file = write(&dir, "worry-export.json", &doc);

    let out = run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("(12 besvarelser)"));

    let (direct, out) = report_json(&[&file], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        direct
            .cell("participants", "participants", "all")
            .unwrap()
            .value(),
        Some(6.0)
    );
    // By hand: intake 49/6, last 28/6; 9–12 at intake 4 of 6, last 1 of 6;
    // 3 points or more lower: 4 of 6.
    assert_eq!(worry(&direct, "total.mean.intake"), (8.2, 6));
    assert_eq!(worry(&direct, "total.mean.last"), (4.7, 6));
    assert_eq!(
        worry(&direct, "total.band_share.intake.levels.many"),
        (66.7, 6)
    );
    assert_eq!(
        worry(&direct, "total.band_share.last.levels.many"),
        (16.7, 6)
    );
    assert_eq!(
        worry(&direct, "total.changed.last.three_points.improved"),
        (66.7, 6)
    );
    assert_eq!(
        direct.title.da,
        "Evalueringsrapport: Bekymringer (testskema)"
    );
    // The text report reads the labels from the definition.
    let out = run(&["report", &file]);
    assert!(
        stdout(&out).contains("Bekymringer (testskema)"),
        "{}",
        stdout(&out)
    );

    // Merged: format 2 with the definition; the same report.
    let merged = dir.join("merged.json");
    let out = run(&["merge", "-o", s(&merged), &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let bytes = fs::read(&merged).unwrap();
    let back = parse_document(&bytes, &Limits::default(), Catalogue::shipped()).unwrap();
    assert_eq!(back.instruments, doc.instruments);
    assert_eq!(back.records.len(), 12);
    assert_eq!(report_json(&[s(&merged)], &[]).0, direct);

    // As NDJSON the records need the definition from elsewhere: the
    // programme file (wherever it stands among the inputs) or the export.
    let lines = dir.join("merged.ndjson");
    let out = run(&["merge", "--ndjson", "-o", s(&lines), &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = run(&["--lang", "en", "validate", s(&lines)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("Line 1: The record (id ")
            && stdout(&out)
                .contains("the questionnaire «worry» does not exist in this release of trivsel."),
        "{}",
        stdout(&out)
    );
    for paths in [
        [s(&lines), PROGRAMME],
        [PROGRAMME, s(&lines)],
        [&file, s(&lines)],
    ] {
        let out = run(&["validate", paths[0], paths[1]]);
        assert_eq!(out.status.code(), Some(0), "{paths:?}: {}", stdout(&out));
    }
    let out = run(&["validate", PROGRAMME]);
    assert_eq!(
        stdout(&out),
        format!(
            "OK   {PROGRAMME}  (programfil «Bekymringsprogram (test)» version 1: 1 skema, 1 batteri)\n"
        )
    );
    let (from_lines, out) = report_json(&[s(&lines), PROGRAMME], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Programfiler: 1"), "{}", stderr(&out));
    assert_eq!(from_lines, direct);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn another_definition_under_the_same_id_and_version_is_rejected() {
    let dir = scratch("worry-clash");
    let first = write(&dir, "a-worry.json", &worry_export(&with_worry(), 1));
    // worry version 1 scored another way: its own file is coherent, but it
    // cannot stand beside the first.
    let mut other = with_worry().get("worry", 1).unwrap().clone();
    other.scores[0].rule = Rule::Sum { factor: 2 };
    let mut elsewhere = Catalogue::shipped().clone();
    elsewhere.add_instrument(other).unwrap();
    let second = write(&dir, "b-worry.json", &worry_export(&elsewhere, 2));

    let out = run(&["validate", &second]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let reason = ImportError::Definition(CatalogueError::Clash {
        id: "worry".into(),
        version: 1,
    });
    for (lang, word) in [(Lang::Da, "FEJL"), (Lang::En, "ERROR")] {
        let tag = if lang == Lang::Da { "da" } else { "en" };
        let out = run(&["--lang", tag, "validate", &first, &second]);
        assert_eq!(out.status.code(), Some(1));
        let text = stdout(&out);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("OK "), "{lines:?}");
        assert_eq!(
            lines[1],
            format!("{word} {second}: {}", reason.message(lang))
        );
    }
    // The programme file defines it first: the second export is the odd one.
    let out = run(&["validate", &second, PROGRAMME]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with(&format!("FEJL {second}: ")));

    // The report and the merge skip the second file whole.
    let (alone, _) = report_json(&[&first], &[]);
    let (both, out) = report_json(&[&first, &second], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("FEJL {second}: {}", reason.message(Lang::Da))),
        "{}",
        stderr(&out)
    );
    assert_eq!(both, alone);
    let merged = dir.join("merged.json");
    let out = run(&["merge", "--allow-bad", "-o", s(&merged), &first, &second]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("Aktuelle besvarelser: 12"),
        "{}",
        stdout(&out)
    );
    fs::remove_dir_all(&dir).unwrap();
}
