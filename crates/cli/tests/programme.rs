//! A questionnaire trivsel does not ship, end to end through the CLI: an
//! export of format 2 carrying the definition of the test programme's
//! `worry` instrument (built here with core's export functions) is
//! validated, merged and reported with figures computed by hand; its records
//! as NDJSON, which carry no definitions, read after the programme file or
//! the export; and a second file defining `worry` version 1 differently is
//! rejected with the clash reason while the first still counts.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_no_panic, root, run, s, scratch, stderr, stdout};
use trivsel_core::export::{document, export_record, ExportDocument};
use trivsel_core::import::{parse_document, Limits};
use trivsel_core::instrument::Rule;
use trivsel_core::Uuid;
use trivsel_core::{
    parse_programme, AgeBand, Catalogue, CatalogueError, CourseType, Date, Gender, ImportError,
    Lang, MeasurementPoint, Participant, ParticipantCode, Report, ResponseRecord, Site,
};

const PROGRAMME: &str = "tests/fixtures/programme/worry.json";

/// The shipped catalogue with the test programme.
fn with_worry() -> Catalogue {
    let bytes = fs::read(root().join(PROGRAMME)).unwrap();
    let programme = parse_programme(&bytes, Catalogue::shipped()).unwrap();
    Catalogue::with_programmes([&programme])
}

/// Intake and end answers of six participants (items worried, sleep,
/// school; 0–4 each, lower is better). Totals 12 → 3, 9 → 6, 6 → 5, 9 → 11,
/// 3 → 0, 10 → 3.
const COURSES: [([i32; 3], [i32; 3]); 6] = [
    ([4, 4, 4], [1, 1, 1]),
    ([3, 3, 3], [2, 2, 2]),
    ([2, 2, 2], [2, 2, 1]),
    ([4, 3, 2], [4, 4, 3]),
    ([1, 1, 1], [0, 0, 0]),
    ([3, 4, 3], [1, 2, 0]),
];

/// An export of the six courses, answered on `catalogue`'s `worry` v1;
/// `salt` keeps the response ids of two exports apart.
fn export(catalogue: &Catalogue, salt: u8) -> ExportDocument {
    let worry = catalogue.get("worry", 1).unwrap();
    let mut records = Vec::new();
    for (n, (intake, end)) in COURSES.iter().enumerate() {
        let code = ParticipantCode::from_random([salt, 0, 0, n as u8]);
        let participant = Participant {
            code: code.clone(),
            gender: if n % 2 == 0 {
                Gender::Girl
            } else {
                Gender::Boy
            },
            age_band: AgeBand::Age15To17,
            site: Site::parse("Ung i Vejle").unwrap(),
            course: CourseType::Counselling,
            created: Date::new(2026, 2, 2).unwrap(),
        };
        for (k, (point, date, values)) in [
            (MeasurementPoint::Intake, Date::new(2026, 2, 2), intake),
            (MeasurementPoint::End, Date::new(2026, 5, 4), end),
        ]
        .into_iter()
        .enumerate()
        {
            let record = ResponseRecord {
                id: Uuid::from_random([
                    salt, n as u8, k as u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                ]),
                participant: code.clone(),
                point,
                date: date.unwrap(),
                answers: [("worry".to_string(), worry.answers_in_order(values))].into(),
                declined: Default::default(),
                instruments: vec![worry.reference()],
                supersedes: None,
                exported: false,
            };
            records.push(export_record(&record, &participant, catalogue).unwrap());
        }
    }
    document(
        Uuid::from_random([salt; 16]),
        Date::new(2026, 5, 8).unwrap(),
        records,
        catalogue,
    )
}

fn write(dir: &Path, name: &str, doc: &ExportDocument) -> String {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    s(&path).to_string()
}

fn report(paths: &[&str]) -> (Report, std::process::Output) {
    let mut args = vec!["report", "--format", "json"];
    args.extend_from_slice(paths);
    let out = run(&args);
    assert_no_panic(&out);
    let report = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    (report, out)
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
    let doc = export(&catalogue, 1);
    assert_eq!(
        doc.instruments,
        [catalogue.get("worry", 1).unwrap().clone()]
    );
    let file = write(&dir, "worry-export.json", &doc);

    let out = run(&["validate", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("(12 besvarelser)"));

    let (direct, out) = report(&[&file]);
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
    assert_eq!(report(&[s(&merged)]).0, direct);

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
    let (from_lines, out) = report(&[s(&lines), PROGRAMME]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Programfiler: 1"), "{}", stderr(&out));
    assert_eq!(from_lines, direct);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn another_definition_under_the_same_id_and_version_is_rejected() {
    let dir = scratch("worry-clash");
    let first = write(&dir, "a-worry.json", &export(&with_worry(), 1));
    // worry version 1 scored another way: its own file is coherent, but it
    // cannot stand beside the first.
    let mut other = with_worry().get("worry", 1).unwrap().clone();
    other.scores[0].rule = Rule::Sum { factor: 2 };
    let mut elsewhere = Catalogue::shipped().clone();
    elsewhere.add_instrument(other).unwrap();
    let second = write(&dir, "b-worry.json", &export(&elsewhere, 2));

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
    let (alone, _) = report(&[&first]);
    let (both, out) = report(&[&first, &second]);
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
