//! The committed export corpus: the frozen v1 exports in
//! `tests/fixtures/export/` must import forever and merge to known counts,
//! and every hostile file in `tests/fixtures/hostile/` must be rejected whole
//! with its own clear, short reason.
//!
//! The v1 fixtures were written by the first release's export code and are
//! frozen: a later release reads them through `export::v1` and must report
//! the same numbers (see `tests/fixtures/report/`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use trivsel_core::export::ExportDocument;
use trivsel_core::import::{parse_document, ImportError, Limits, SchemaProblem};
use trivsel_core::merge::{ExportIds, Merger};
use trivsel_core::{
    score, Catalogue, Declined, Gender, Lang, MeasurementPoint, ParticipantCode, RecordError, Uuid,
};

const TABLETS: [&str; 3] = ["v1-tablet-a.json", "v1-tablet-b.json", "v1-tablet-c.json"];

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir)
}

fn read(dir: &str, name: &str) -> Vec<u8> {
    let path = fixtures(dir).join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn v1(name: &str) -> ExportDocument {
    parse_document(
        &read("export", name),
        &Limits::default(),
        Catalogue::shipped(),
    )
    .unwrap_or_else(|e| panic!("{name} must import: {e}"))
}

#[test]
fn v1_fixtures_import_forever() {
    for name in TABLETS {
        let raw: serde_json::Value = serde_json::from_slice(&read("export", name)).unwrap();
        assert_eq!(raw["version"], 1, "{name}");
        let doc = v1(name);
        // Read in the current form, with the shipped definitions.
        assert_eq!(
            doc.instruments[0],
            *Catalogue::shipped().get("who5", 1).unwrap()
        );
        let instruments: Vec<(&str, u32)> = doc
            .instruments
            .iter()
            .map(|i| (i.id.as_str(), i.version))
            .collect();
        assert_eq!(instruments, [("who5", 1), ("cantril", 1)], "{name}");
        assert!(doc.records.len() >= 20, "{name}");
        for r in &doc.records {
            assert_eq!(r.week.year(), 2026, "{name}");
        }
    }
}

#[test]
fn v1_fixtures_cover_the_cases_evaluators_meet() {
    let docs: Vec<ExportDocument> = TABLETS.iter().map(|n| v1(n)).collect();
    let records: Vec<_> = docs.iter().flat_map(|d| &d.records).collect();
    let participants: BTreeSet<&ParticipantCode> = records.iter().map(|r| &r.participant).collect();
    assert!(participants.len() >= 40, "{}", participants.len());
    let genders: BTreeSet<Gender> = records.iter().map(|r| r.gender).collect();
    assert_eq!(genders.len(), Gender::ALL.len());
    let sites: BTreeSet<&str> = records.iter().map(|r| r.site.as_str()).collect();
    assert_eq!(sites.len(), 3);
    let later = participants
        .iter()
        .filter(|p| {
            records
                .iter()
                .any(|r| r.participant == ***p && r.point != MeasurementPoint::Intake)
        })
        .count();
    for p in &participants {
        assert!(
            records
                .iter()
                .any(|r| r.participant == **p && r.point == MeasurementPoint::Intake),
            "{p} has an intake"
        );
    }
    assert!(
        later * 3 >= participants.len() * 2,
        "most have a later measurement: {later}"
    );
    assert!(records
        .iter()
        .any(|r| matches!(r.point, MeasurementPoint::During { .. })));
    assert!(records.iter().any(|r| r.point == MeasurementPoint::End));
    assert_eq!(records.iter().filter(|r| r.supersedes.is_some()).count(), 3);
}

#[test]
fn merging_the_v1_fixtures_gives_the_known_counts() {
    let mut merger = Merger::new();
    let mut total = 0;
    for name in TABLETS {
        let doc = v1(name);
        total += doc.records.len();
        merger.add_document(name, doc);
    }
    let merged = merger.finish();
    assert_eq!(merged.duplicates, 1);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.superseded, 3);
    assert_eq!(merged.records.len(), total - 1 - 3);
    let ids: BTreeSet<Uuid> = merged.records.iter().map(|r| r.response_id).collect();
    assert_eq!(ids.len(), merged.records.len());
    for r in &merged.records {
        if let Some(old) = &r.supersedes {
            assert!(!ids.contains(old), "the corrected record is dropped");
        }
    }
}

#[test]
fn a_conflicting_version_of_a_record_is_reported_and_left_out() {
    let good = v1("v1-tablet-a.json");
    let mut edited = good.clone();
    let changed = &mut edited.records[4];
    let id = changed.response_id;
    let who5 = changed.answers.get_mut("who5").unwrap();
    let happy = who5["happy"];
    who5.insert("happy".into(), (happy + 1) % 6);
    let who5_def = Catalogue::shipped().get("who5", 1).unwrap();
    let rescored = score(who5_def, who5, &Declined::new()).unwrap();
    changed.set_scores("who5", &rescored);
    edited.records.truncate(5);
    // The edited file is itself valid: the conflict shows only in the merge.
    let bytes = serde_json::to_vec(&edited).unwrap();
    let edited = parse_document(&bytes, &Limits::default(), Catalogue::shipped()).unwrap();

    let mut merger = Merger::new();
    merger.add_document("v1-tablet-a.json", good.clone());
    merger.add_document("edited.json", edited);
    let merged = merger.finish();
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].response_id, id);
    assert_eq!(
        merged.conflicts[0].sources,
        ["v1-tablet-a.json", "edited.json"]
    );
    assert_eq!(merged.duplicates, 4);
    assert!(merged.records.iter().all(|r| r.response_id != id));
    assert!(merged.conflicts[0]
        .message(Lang::Da)
        .contains("edited.json"));
}

type Expect = fn(&ImportError) -> bool;

/// Every hostile file, with the error it must give.
fn hostile_cases() -> Vec<(&'static str, Expect)> {
    vec![
        ("empty.json", |e| *e == ImportError::Empty),
        ("truncated.json", |e| {
            matches!(e, ImportError::NotJson { .. })
        }),
        ("not-json.txt", |e| {
            *e == ImportError::NotJson { line: 1, column: 1 }
        }),
        ("not-utf8.json", |e| {
            matches!(e, ImportError::NotUtf8 { .. })
        }),
        ("wrong-format.json", |e| *e == ImportError::UnknownFormat),
        ("wrong-version.json", |e| {
            *e == ImportError::UnsupportedVersion { found: "7".into() }
        }),
        ("wrong-types.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::WrongType { .. } }
                if path == "records[0].week")
        }),
        ("unknown-field.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::UnknownField { field } }
                if path == "records[0].name" && field == "name")
        }),
        ("missing-field.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::MissingField { field } }
                if path == "records[1]" && field == "gender")
        }),
        ("huge-numbers.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::NumberOutOfRange }
                if path == "records[0].answers.who5.happy")
        }),
        ("impossible-values.json", |e| {
            matches!(
                e,
                ImportError::Record {
                    index: Some(1),
                    problem: RecordError::InvalidAnswers { .. },
                    ..
                }
            )
        }),
        ("duplicate-id-conflict.json", |e| {
            matches!(
                e,
                ImportError::DuplicateId {
                    first: 0,
                    second: 2,
                    ..
                }
            )
        }),
        ("html-in-strings.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::Refused { .. } }
                if path == "records[0].participant")
        }),
        ("bad-uuid.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::InvalidValue { .. } }
                if path == "records[1].response_id")
        }),
        ("self-superseding.json", |e| {
            matches!(
                e,
                ImportError::Record {
                    index: Some(1),
                    problem: RecordError::SupersedesItself,
                    ..
                }
            )
        }),
        ("deep-nesting.json", |e| *e == ImportError::TooDeep),
        ("record-as-array.json", |e| wrong_type(e, "records[0]")),
        ("point-as-array.json", |e| wrong_type(e, "records[0].point")),
        ("repeated-answer-key.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::DuplicateField { field } }
                if path == "records[0].answers.who5" && field == "happy")
        }),
        ("repeated-score-key.json", |e| {
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::DuplicateField { field } }
                if path == "records[0].scores" && field == "who5")
        }),
        (
            "correction-cycle.json",
            |e| matches!(e, ImportError::CorrectionCycle(c) if c.ids.len() == 2),
        ),
        ("gender-null.json", |e| wrong_type(e, "records[0].gender")),
        ("gender-number.json", |e| wrong_type(e, "records[0].gender")),
        ("course-array.json", |e| wrong_type(e, "records[0].course")),
        ("lowercase-code.json", |e| {
            refused(e, "records[0].participant", "små bogstaver")
        }),
        ("lookalike-code.json", |e| {
            refused(e, "records[0].participant", "bogstavet O")
        }),
        ("spaced-code.json", |e| {
            refused(e, "records[0].participant", "bindestreger")
        }),
        ("padded-site.json", |e| {
            refused(e, "records[0].site", "før eller efter")
        }),
        ("zero-width-site.json", |e| {
            refused(e, "records[0].site", "«\\u{200B}»")
        }),
        ("escape-in-site.json", |e| {
            refused(e, "records[0].site", "«\\u{1B}»")
        }),
    ]
}

/// A value of the wrong JSON type at `at`.
fn wrong_type(e: &ImportError, at: &str) -> bool {
    matches!(e, ImportError::Schema { path, problem: SchemaProblem::WrongType { .. } } if path == at)
}

/// A value at `at` its own check refused, saying `why` in Danish.
fn refused(e: &ImportError, at: &str, why: &str) -> bool {
    matches!(e, ImportError::Schema { path, problem: SchemaProblem::Refused { .. } } if path == at)
        && e.message(Lang::Da).contains(why)
}

/// Files of the corpus that import alone: the schema allows them (an answer
/// written `-0`), or only another file makes them bad (the same export id
/// with other content, which `the_same_export_id_with_other_content_is_refused`
/// checks).
const ACCEPTED_ALONE: [&str; 3] = [
    "negative-zero-answer.json",
    "same-export-id-a.json",
    "same-export-id-b.json",
];

#[test]
fn what_the_schema_allows_imports() {
    for name in ACCEPTED_ALONE {
        parse_document(
            &read("hostile", name),
            &Limits::default(),
            Catalogue::shipped(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let doc = parse_document(
        &read("hostile", "negative-zero-answer.json"),
        &Limits::default(),
        Catalogue::shipped(),
    )
    .unwrap();
    assert_eq!(doc.records[0].answers["who5"]["happy"], 0);
}

#[test]
fn the_same_export_id_with_other_content_is_refused() {
    let a = parse_document(
        &read("hostile", "same-export-id-a.json"),
        &Limits::default(),
        Catalogue::shipped(),
    )
    .unwrap();
    let b = parse_document(
        &read("hostile", "same-export-id-b.json"),
        &Limits::default(),
        Catalogue::shipped(),
    )
    .unwrap();
    let mut ids = ExportIds::default();
    ids.check("a.json", a.export_id, trivsel_core::merge::digest(&a))
        .unwrap();
    ids.check("a.json", a.export_id, trivsel_core::merge::digest(&a))
        .unwrap();
    let e = ids
        .check("b.json", b.export_id, trivsel_core::merge::digest(&b))
        .unwrap_err();
    assert!(e.message(Lang::Da).contains("«a.json»"), "{e}");
}

fn assert_short_and_plain(name: &str, e: &ImportError) {
    for lang in Lang::ALL {
        let m = e.message(lang);
        assert!(
            m.chars().count() < 300,
            "{name}: {} chars: {m}",
            m.chars().count()
        );
        assert!(
            !m.contains("<script") && !m.contains("<img"),
            "{name}: no markup echoed: {m}"
        );
    }
}

#[test]
fn every_hostile_file_is_rejected_with_its_reason() {
    for (name, expect) in hostile_cases() {
        let e = parse_document(
            &read("hostile", name),
            &Limits::default(),
            Catalogue::shipped(),
        )
        .expect_err(name);
        assert!(expect(&e), "{name}: unexpected {e:?}");
        assert_short_and_plain(name, &e);
        println!("{name}: {}", e.message(Lang::Da));
        println!("  {}", e);
    }
}

#[test]
fn the_hostile_corpus_and_its_readme_agree() {
    let listed: BTreeSet<&str> = hostile_cases().iter().map(|(n, _)| *n).collect();
    let readme = String::from_utf8(read("hostile", "README.md")).unwrap();
    let mut on_disk = BTreeSet::new();
    for entry in fs::read_dir(fixtures("hostile")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name != "README.md" {
            assert!(readme.contains(&format!("`{name}`")), "README lists {name}");
            if !ACCEPTED_ALONE.contains(&name.as_str()) {
                on_disk.insert(name);
            }
        }
    }
    assert_eq!(
        on_disk.iter().map(String::as_str).collect::<BTreeSet<_>>(),
        listed
    );
}

/// Not committed: a valid document whose `site` is a 50 MB string.
#[test]
fn a_50_mb_string_is_rejected_with_a_short_message() {
    let text = String::from_utf8(read("export", "v1-tablet-a.json")).unwrap();
    let site = v1("v1-tablet-a.json").records[0].site.to_string();
    let huge = text.replacen(
        &format!("\"{site}\""),
        &format!("\"{}\"", "å".repeat(25 * 1024 * 1024)),
        1,
    );
    assert!(huge.len() > 50 * 1024 * 1024);
    let e = parse_document(huge.as_bytes(), &Limits::default(), Catalogue::shipped()).unwrap_err();
    assert!(
        matches!(&e, ImportError::Schema { path, problem: SchemaProblem::Refused { .. } } if path == "records[0].site"),
        "{e:?}"
    );
    assert_short_and_plain("50 MB site", &e);
    let e = parse_document(
        huge.as_bytes(),
        &Limits {
            max_bytes: 50 * 1024 * 1024,
        },
        Catalogue::shipped(),
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e:?}");
    assert_eq!(
        e.message(Lang::Da),
        "Filen er for stor (50 MB; højst 50 MB)."
    );
}
