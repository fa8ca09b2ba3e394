//! The committed export corpus: the frozen v1 exports in
//! `tests/fixtures/export/` must import forever and merge to known counts,
//! and every hostile file in `tests/fixtures/hostile/` must be rejected whole
//! with its own clear, short reason.
//!
//! The v1 fixtures are written by `regenerate_v1_fixtures` (ignored), from
//! stored records through the same export code the app uses. Run it only to
//! change the fixtures deliberately:
//! `cargo test -p trivsel-core --test import_corpus -- --ignored`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use trivsel_core::export::{document, export_record, ExportDocument, ExportScore};
use trivsel_core::import::{parse_document, ImportError, Limits, SchemaProblem};
use trivsel_core::merge::Merger;
use trivsel_core::RecordError;
use trivsel_core::{
    builtin, score, AgeBand, Answers, CourseType, Date, Gender, Lang, MeasurementPoint,
    Participant, ParticipantCode, ResponseRecord, Site, Uuid,
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
    parse_document(&read("export", name), &Limits::default())
        .unwrap_or_else(|e| panic!("{name} must import: {e}"))
}

#[test]
fn v1_fixtures_import_forever() {
    for name in TABLETS {
        let doc = v1(name);
        assert_eq!(doc.version, 1, "{name}");
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
    let rescored = score(&builtin().who5, who5).unwrap();
    changed
        .scores
        .insert("who5".into(), ExportScore::from(&rescored));
    edited.records.truncate(5);
    // The edited file is itself valid: the conflict shows only in the merge.
    let bytes = serde_json::to_vec(&edited).unwrap();
    let edited = parse_document(&bytes, &Limits::default()).unwrap();

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
            matches!(e, ImportError::Schema { path, problem: SchemaProblem::InvalidValue { .. } }
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
    ]
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
        let e = parse_document(&read("hostile", name), &Limits::default()).expect_err(name);
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
            on_disk.insert(name);
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
    let e = parse_document(huge.as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&e, ImportError::Schema { path, problem: SchemaProblem::InvalidValue { .. } } if path == "records[0].site"),
        "{e:?}"
    );
    assert_short_and_plain("50 MB site", &e);
    let e = parse_document(
        huge.as_bytes(),
        &Limits {
            max_bytes: 50 * 1024 * 1024,
        },
    )
    .unwrap_err();
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e:?}");
    assert_eq!(
        e.message(Lang::Da),
        "Filen er for stor (50 MB; højst 50 MB)."
    );
}

// ----- the generator of the v1 fixtures -----

/// SplitMix64: a small deterministic generator, so the fixtures are the same
/// on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        std::array::from_fn(|_| self.next() as u8)
    }

    /// `level` moved by −1, 0 or +1, within 0..=max.
    fn around(&mut self, level: i32, max: i32) -> i32 {
        (level + self.below(3) as i32 - 1).clamp(0, max)
    }
}

const GENDERS: [Gender; 10] = [
    Gender::Girl,
    Gender::Boy,
    Gender::Girl,
    Gender::Boy,
    Gender::Other,
    Gender::Girl,
    Gender::Boy,
    Gender::NotStated,
    Gender::Girl,
    Gender::Boy,
];

fn response(
    rng: &mut Rng,
    participant: &Participant,
    point: MeasurementPoint,
    date: Date,
    level: i32,
) -> ResponseRecord {
    let b = builtin();
    let who5: Answers = b
        .who5
        .items
        .iter()
        .map(|i| (i.id.clone(), rng.around(level, 5)))
        .collect();
    let ladder = rng.around(level * 2, 10);
    ResponseRecord {
        id: Uuid::from_random(rng.bytes()),
        participant: participant.code.clone(),
        point,
        date,
        answers: BTreeMap::from([
            ("who5".to_string(), who5),
            (
                "cantril".to_string(),
                Answers::from([("ladder".to_string(), ladder)]),
            ),
        ]),
        instruments: b.refs(),
        supersedes: None,
        exported: false,
    }
}

/// A correction of `old`: a new record for the same point and day with
/// one answer changed.
fn correction(rng: &mut Rng, old: &ResponseRecord) -> ResponseRecord {
    let mut new = old.clone();
    new.id = Uuid::from_random(rng.bytes());
    new.supersedes = Some(old.id);
    let who5 = new.answers.get_mut("who5").unwrap();
    let happy = who5["happy"];
    who5.insert("happy".into(), if happy < 5 { happy + 1 } else { 3 });
    new
}

/// One tablet's export: 15 participants at one site.
fn tablet(seed: u64, site: &str, correct: usize) -> ExportDocument {
    let mut rng = Rng(seed);
    let start = Date::new(2026, 1, 5).unwrap();
    let mut records = Vec::new();
    for p in 0..15 {
        let created = start.add_days(rng.below(150) as i64).unwrap();
        let participant = Participant {
            code: ParticipantCode::from_random(rng.bytes()),
            gender: GENDERS[(p + seed as usize) % GENDERS.len()],
            age_band: AgeBand::ALL[rng.below(5) as usize],
            site: Site::parse(site).unwrap(),
            course: CourseType::ALL[rng.below(4) as usize],
            created,
        };
        let level = 1 + rng.below(4) as i32;
        let mut stored = vec![response(
            &mut rng,
            &participant,
            MeasurementPoint::Intake,
            created,
            level,
        )];
        let later = rng.below(10);
        let better = (level + rng.below(2) as i32).min(5);
        if (2..=6).contains(&later) {
            let session = 2 + rng.below(4) as u16;
            let date = created.add_days(21 + rng.below(50) as i64).unwrap();
            let point = MeasurementPoint::during(session).unwrap();
            stored.push(response(&mut rng, &participant, point, date, better));
        }
        if later >= 5 {
            let date = created.add_days(84 + rng.below(56) as i64).unwrap();
            let point = MeasurementPoint::End;
            stored.push(response(&mut rng, &participant, point, date, better));
        }
        if p == correct {
            let fixed = correction(&mut rng, &stored[0]);
            stored.push(fixed);
        }
        for r in &stored {
            records.push(export_record(r, &participant).unwrap());
        }
    }
    let created = Date::new(2026, 12, 1)
        .unwrap()
        .add_days(seed as i64)
        .unwrap();
    document(Uuid::from_random(rng.bytes()), created, records)
}

/// Rewrites `tests/fixtures/export/v1-tablet-{a,b,c}.json`. Deliberate use
/// only: these are the frozen version-1 fixtures.
#[test]
#[ignore]
fn regenerate_v1_fixtures() {
    let a = tablet(1, "UngRåd Aarhus", 2);
    let mut b = tablet(2, "Ung i Odense", 5);
    let c = tablet(3, "Rådgivningen Ærø", 7);
    // A record exported twice: the same response in two files, identical.
    b.records.push(a.records[0].clone());
    for (name, doc) in TABLETS.iter().zip([a, b, c]) {
        let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        parse_document(text.as_bytes(), &Limits::default()).unwrap();
        fs::write(fixtures("export").join(name), text).unwrap();
    }
}
