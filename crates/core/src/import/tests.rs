//! The import pipeline from the outside: each reason in its order, the
//! messages, both format versions, and random and mutated bytes that must
//! never panic.

use super::*;
use crate::catalogue::{Catalogue, CatalogueError};
use crate::date::Date;
use crate::export::document;
use crate::export::{ExportDocument, ExportRecord};
use crate::instrument::Answers;
use crate::lang::Lang;
use crate::participant::{AgeBand, Gender, ParticipantCode};
use crate::record::RecordError;
use crate::testing::{exported, rescored, who5_and_ladder};
use crate::uuid::Uuid;
use crate::validate::ValidationError;
use proptest::prelude::*;

const WHO5: &str = "who5";
const CANTRIL: &str = "cantril";

fn record(n: u8, who5: [i32; 5], ladder: i32) -> ExportRecord {
    let code = ParticipantCode::from_random([0, 0, 0, n]);
    let mut r = exported(
        Uuid::from_random([n; 16]),
        code.as_str(),
        who5_and_ladder(who5, ladder),
    );
    r.gender = Gender::Other;
    r.age_band = AgeBand::Age12To14;
    r
}

fn doc(records: Vec<ExportRecord>) -> ExportDocument {
    document(
        Uuid::from_random([200; 16]),
        Date::new(2026, 12, 1).unwrap(),
        records,
        Catalogue::shipped(),
    )
}

fn json(doc: &ExportDocument) -> String {
    serde_json::to_string_pretty(doc).unwrap()
}

fn parse(text: &str) -> Result<ExportDocument, ImportError> {
    parse_document(text.as_bytes(), &Limits::default(), Catalogue::shipped())
}

fn valid() -> String {
    json(&doc(vec![
        record(1, [4, 3, 3, 2, 4], 7),
        record(2, [1, 0, 2, 2, 1], 3),
    ]))
}

#[test]
fn a_valid_document_round_trips() {
    let d = doc(vec![record(1, [4, 3, 3, 2, 4], 7)]);
    assert_eq!(parse(&json(&d)), Ok(d.clone()));
    let with_bom = format!("\u{feff}{}", json(&d));
    assert_eq!(parse(&with_bom), Ok(d));
}

#[test]
fn the_reasons_in_order() {
    assert_eq!(parse(""), Err(ImportError::Empty));
    assert_eq!(parse(" \n\t"), Err(ImportError::Empty));
    let small = Limits { max_bytes: 10 };
    assert_eq!(
        parse_document(valid().as_bytes(), &small, Catalogue::shipped()),
        Err(ImportError::TooLarge {
            bytes: valid().len(),
            max: 10
        })
    );
    assert_eq!(
        parse_document(
            b"{\"a\": \"\xff\"}",
            &Limits::default(),
            Catalogue::shipped()
        ),
        Err(ImportError::NotUtf8 { offset: 7 })
    );
    assert_eq!(
        parse("{\n  \"format\": \"trivsel-export\",\n  \"version\" 1\n}"),
        Err(ImportError::NotJson {
            line: 3,
            column: 13
        })
    );
    assert_eq!(parse("[1, 2]"), Err(ImportError::UnknownFormat));
    assert_eq!(parse("{\"version\": 1}"), Err(ImportError::UnknownFormat));
    let other = valid().replacen("trivsel-export", "trivsel-backup", 1);
    assert_eq!(parse(&other), Err(ImportError::UnknownFormat));
    for (v, found) in [
        ("0", "0"),
        ("7", "7"),
        ("\"2\"", "\"2\""),
        ("-1", "-1"),
        ("1.0", "1.0"),
    ] {
        let text = valid().replacen("\"version\": 2", &format!("\"version\": {v}"), 1);
        assert_eq!(
            parse(&text),
            Err(ImportError::UnsupportedVersion {
                found: found.into()
            }),
            "{v}"
        );
    }
    assert_eq!(
        parse(&valid().replacen("\"version\": 2,", "", 1)),
        Err(ImportError::Schema {
            path: String::new(),
            problem: SchemaProblem::MissingField {
                field: "version".into()
            }
        })
    );
}

#[test]
fn schema_errors_name_the_path() {
    let gender = valid().replacen("\"gender\": \"other\"", "\"gender\": \"boyz\"", 1);
    let err = parse(&gender).unwrap_err();
    assert_eq!(
        err,
        ImportError::Schema {
            path: "records[0].gender".into(),
            problem: SchemaProblem::UnknownValue {
                value: "boyz".into()
            }
        }
    );
    assert_eq!(
        err.message(Lang::Da),
        "Filen følger ikke eksportformatet: «records[0].gender» har værdien «boyz», som ikke er tilladt."
    );

    let extra = valid().replacen(
        "\"gender\": \"other\"",
        "\"gender\": \"other\", \"name\": \"Ida\"",
        1,
    );
    let err = parse(&extra).unwrap_err();
    assert!(
        matches!(&err, ImportError::Schema { path, problem: SchemaProblem::UnknownField { field } }
            if path == "records[0].name" && field == "name"),
        "{err:?}"
    );
    assert_eq!(
        err.message(Lang::Da),
        "Filen følger ikke eksportformatet: feltet «records[0].name» hører ikke til formatet."
    );

    let missing = valid().replacen("\"gender\": \"other\",", "", 1);
    let err = parse(&missing).unwrap_err();
    assert_eq!(
        err.message(Lang::Da),
        "Filen følger ikke eksportformatet: feltet «gender» mangler i «records[0]»."
    );

    let typed = valid().replacen("\"happy\": 4", "\"happy\": \"4\"", 1);
    let err = parse(&typed).unwrap_err();
    assert!(
        matches!(&err, ImportError::Schema { path, problem: SchemaProblem::WrongType { .. } }
            if path == "records[0].answers.who5.happy"),
        "{err:?}"
    );
    assert_eq!(
        err.message(Lang::Da),
        "Filen følger ikke eksportformatet: «records[0].answers.who5.happy» skal være et heltal, men er tekst."
    );

    let site = valid().replacen("UngRåd Aarhus", "Ung & Fri", 1);
    let err = parse(&site).unwrap_err();
    assert!(
        matches!(&err, ImportError::Schema { path, problem: SchemaProblem::Refused { .. } }
            if path == "records[0].site"),
        "{err:?}"
    );
    assert!(err
        .message(Lang::Da)
        .contains("«records[0].site» er ugyldig: Tegnet «&» kan ikke bruges i navnet"));
    assert!(err.message(Lang::En).contains("«&»"), "{err}");

    let week = valid().replacen("2026-W10", "2026-W54", 1);
    assert!(parse(&week)
        .unwrap_err()
        .message(Lang::Da)
        .contains("«records[0].week» er ugyldig"));

    let huge = valid().replacen("\"happy\": 4", "\"happy\": 1e400", 1);
    assert_eq!(
        parse(&huge),
        Err(ImportError::Schema {
            path: "records[0].answers.who5.happy".into(),
            problem: SchemaProblem::NumberOutOfRange
        })
    );
    // Past u64 serde_json reads a float; an integer so large is said so.
    let big = valid().replacen("\"happy\": 4", "\"happy\": 18446744073709551616", 1);
    assert!(matches!(
        parse(&big),
        Err(ImportError::Schema {
            problem: SchemaProblem::NumberOutOfRange,
            ..
        })
    ));
    let over_i32 = valid().replacen("\"happy\": 4", "\"happy\": 4294967296", 1);
    assert!(matches!(
        parse(&over_i32),
        Err(ImportError::Schema {
            problem: SchemaProblem::InvalidValue { .. },
            ..
        })
    ));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(parse(&deep), Err(ImportError::TooDeep));
    let inside = valid().replacen(
        "\"records\": [",
        &format!(
            "\"x\": {}{}, \"records\": [",
            "{\"a\":".repeat(5000),
            "}".repeat(5000)
        ),
        1,
    );
    assert_eq!(parse(&inside), Err(ImportError::TooDeep));
}

#[test]
fn impossible_records_are_named_by_index_and_id() {
    let mut bad = record(2, [4, 3, 3, 2, 4], 7);
    bad.answers.get_mut(WHO5).unwrap().insert("calm".into(), 9);
    let text = json(&doc(vec![
        record(1, [4, 3, 3, 2, 4], 7),
        record(3, [1, 1, 1, 1, 1], 1),
        record(4, [2; 5], 2),
        bad.clone(),
    ]));
    let err = parse(&text).unwrap_err();
    assert_eq!(
        err.message(Lang::Da),
        format!(
            "Post 4 (id {}): who5: svaret 9 på «calm» er ikke et af svarmulighederne (0–5).",
            bad.response_id
        )
    );

    let shipped = Catalogue::shipped();
    let mut wrong_score = record(2, [4, 3, 3, 2, 4], 7);
    let scores = wrong_score.scores.get_mut(WHO5).unwrap();
    scores.insert("raw".into(), 25);
    scores.insert("percentage".into(), 100);
    let mismatch = RecordError::ScoreMismatch {
        instrument: "who5".into(),
        score: "percentage".into(),
        stored: Some(100),
        computed: Some(64),
    };
    assert_eq!(check_record(&wrong_score, shipped), Err(mismatch.clone()));
    assert!(mismatch
        .message(Lang::Da)
        .contains("score «percentage» for «who5» (100) passer ikke med svarene (64)"));
    let mut extra = record(2, [4, 3, 3, 2, 4], 7);
    extra.scores.get_mut(WHO5).unwrap().insert("mood".into(), 1);
    assert!(matches!(
        check_record(&extra, shipped),
        Err(RecordError::ScoreMismatch { computed: None, .. })
    ));

    let mut flagged = record(2, [1, 3, 3, 2, 4], 7);
    flagged.flagged.clear();
    assert!(matches!(
        check_record(&flagged, shipped),
        Err(RecordError::FlaggedMismatch { .. })
    ));

    let mut cases: Vec<(ExportRecord, RecordError)> = Vec::new();
    let mut r = record(2, [3; 5], 5);
    r.supersedes = Some(r.response_id);
    cases.push((r, RecordError::SupersedesItself));
    let mut r = record(2, [3; 5], 5);
    r.answers.clear();
    r.scores.clear();
    r.instruments.clear();
    cases.push((r, RecordError::NoAnswers));
    let mut r = record(2, [3; 5], 5);
    r.answers.insert("phq9".into(), Answers::new());
    cases.push((
        r,
        RecordError::UnlistedAnswers {
            instrument: "phq9".into(),
        },
    ));
    let mut r = record(2, [3; 5], 5);
    r.instruments.push(crate::instrument::InstrumentRef {
        id: "phq9".into(),
        version: 1,
    });
    cases.push((r, RecordError::UnknownInstrument { id: "phq9".into() }));
    let mut r = record(2, [3; 5], 5);
    r.scores.remove(CANTRIL);
    cases.push((
        r,
        RecordError::MissingScore {
            instrument: "cantril".into(),
        },
    ));
    let mut r = record(2, [3; 5], 5);
    r.answers.remove(CANTRIL);
    r.instruments.pop();
    cases.push((
        r,
        RecordError::UnexpectedScore {
            instrument: "cantril".into(),
        },
    ));
    let mut r = record(2, [3; 5], 5);
    r.instruments.push(r.instruments[0].clone());
    cases.push((r, RecordError::DuplicateInstrument { id: "who5".into() }));
    let mut r = record(2, [3; 5], 5);
    r.answers.get_mut(WHO5).unwrap().remove("rested");
    r.answers.get_mut(WHO5).unwrap().insert("x".repeat(1000), 1);
    cases.push((
        r,
        RecordError::InvalidAnswers {
            error: ValidationError::Missing {
                instrument: "who5".into(),
                item: "rested".into(),
            },
            more: 1,
        },
    ));
    for (r, expected) in cases {
        assert_eq!(check_record(&r, shipped), Err(expected.clone()));
        for lang in Lang::ALL {
            assert!(!expected.message(lang).is_empty());
        }
    }
    // The whole-ladder-only record is fine: instruments are answered as a set.
    let mut ladder_only = record(2, [3; 5], 5);
    ladder_only.answers.remove(WHO5);
    let ladder_only = rescored(ladder_only);
    assert_eq!(check_record(&ladder_only, shipped), Ok(()));
}

#[test]
fn the_definitions_must_be_coherent_and_cover_the_records() {
    // A definition in another version is a new instrument, but the
    // records still answered version 1, which the file no longer carries.
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments[0].version = 2;
    assert_eq!(
        parse(&json(&d)),
        Err(ImportError::InstrumentNotListed { id: "who5".into() })
    );
    // The same id and version scored another way.
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments[0].scores[1].rule = crate::instrument::Rule::Sum { factor: 5 };
    let err = parse(&json(&d)).unwrap_err();
    assert_eq!(
        err,
        ImportError::Definition(CatalogueError::Clash {
            id: "who5".into(),
            version: 1
        })
    );
    assert!(err.message(Lang::Da).contains("ny version"), "{err}");
    // A definition that breaks its own rules.
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments[1].scores[0].band_sets[0].bands[0].max = 99;
    assert!(matches!(
        parse(&json(&d)),
        Err(ImportError::Definition(CatalogueError::Definition(_)))
    ));
    // Mended wording under the same id and version is fine.
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments[1].name.en = "The ladder, mended".into();
    assert!(parse(&json(&d)).is_ok());
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments.remove(1);
    assert_eq!(
        parse(&json(&d)),
        Err(ImportError::InstrumentNotListed {
            id: "cantril".into()
        })
    );
    // An id that is not a UUID v4 is named at its path.
    let d = doc(vec![record(1, [3; 5], 5)]);
    for (path, field) in [("", "export_id"), ("records[0].", "response_id")] {
        let mut v: serde_json::Value = serde_json::from_str(&json(&d)).unwrap();
        let target = if path.is_empty() {
            &mut v
        } else {
            &mut v["records"][0]
        };
        target[field] = "0F8FAD5B-D9CB-469F-A165-70867728950E".into();
        let err = parse(&v.to_string()).unwrap_err();
        assert!(
            matches!(&err, ImportError::Schema { path: p, problem: SchemaProblem::InvalidValue { .. } }
                if *p == format!("{path}{field}")),
            "{err:?}"
        );
    }
}

/// An instrument trivsel does not ship is read, checked and scored from
/// the definition the file carries; a catalogue that already knows
/// another definition under its id and version refuses the file.
#[test]
fn an_unshipped_instrument_travels_in_the_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let programme = crate::programme::parse_programme(
        &std::fs::read(root.join("programme/worry.json")).unwrap(),
        Catalogue::shipped(),
    )
    .unwrap();
    let tablet = Catalogue::with_programmes([&programme]);
    let worry = tablet.get("worry", 1).unwrap();
    let mut r = record(1, [3; 5], 5);
    r.answers = std::collections::BTreeMap::from([(
        "worry".to_string(),
        worry.answers_in_order(&[4, 3, 2]),
    )]);
    r.instruments = vec![worry.reference()];
    let scores = crate::scoring::score(worry, &r.answers["worry"], &Default::default()).unwrap();
    r.scores.clear();
    r.flagged.clear();
    r.set_scores("worry", &scores);
    let d = document(
        Uuid::from_random([9; 16]),
        Date::new(2026, 12, 1).unwrap(),
        vec![r],
        &tablet,
    );
    assert_eq!(d.instruments, std::slice::from_ref(worry));
    let parsed = parse(&json(&d)).unwrap();
    assert_eq!(parsed.records[0].scores["worry"]["total"], 9);
    let mut other = worry.clone();
    other.scores[0].rule = crate::instrument::Rule::Sum { factor: 2 };
    let mut elsewhere = Catalogue::shipped().clone();
    elsewhere.add_instrument(other).unwrap();
    let err = parse_document(json(&d).as_bytes(), &Limits::default(), &elsewhere).unwrap_err();
    assert!(matches!(
        err,
        ImportError::Definition(CatalogueError::Clash { .. })
    ));
    // Without the file's definition, an NDJSON line of it cannot be read.
    let line = serde_json::to_string(&d.records[0]).unwrap();
    assert!(matches!(
        parse_ndjson_line(&line, Catalogue::shipped()),
        Err(ImportError::Record {
            problem: RecordError::UnknownInstrument { .. },
            ..
        })
    ));
    assert!(parse_ndjson_line(&line, &tablet).is_ok());
}

#[test]
fn a_repeated_record_is_kept_once_and_a_conflict_rejects_the_file() {
    let a = record(1, [3; 5], 5);
    let d = doc(vec![a.clone(), record(2, [3; 5], 5), a.clone()]);
    let parsed = parse(&json(&d)).unwrap();
    assert_eq!(parsed.records.len(), 2);
    let mut other = a.clone();
    other.gender = Gender::Girl;
    let d = doc(vec![a.clone(), record(2, [3; 5], 5), other]);
    let err = parse(&json(&d)).unwrap_err();
    assert_eq!(
        err,
        ImportError::DuplicateId {
            id: a.response_id,
            first: 0,
            second: 2
        }
    );
    assert!(err.message(Lang::Da).contains("(post 1 og 3)"), "{err}");
}

#[test]
fn messages_cut_long_values_and_say_sizes_in_danish() {
    let err = ImportError::TooLarge {
        bytes: 76_755_763,
        max: 64 * MIB,
    };
    assert_eq!(
        err.message(Lang::Da),
        "Filen er for stor (73,2 MB; højst 64 MB)."
    );
    assert_eq!(
        err.to_string(),
        "The file is too large (73.2 MB; at most 64 MB)."
    );
    assert_eq!(ImportError::Empty.message(Lang::Da), "Filen er tom.");
    assert_eq!(
        ImportError::NotJson {
            line: 3,
            column: 14
        }
        .message(Lang::Da),
        "Filen er ikke gyldig JSON (linje 3, kolonne 14)."
    );
    assert_eq!(
        ImportError::UnknownFormat.message(Lang::Da),
        "Filen er ikke en trivsel-eksport."
    );
    assert_eq!(
        ImportError::UnsupportedVersion { found: "7".into() }.message(Lang::Da),
        "Eksportformatets version 7 kendes ikke; denne version af trivsel læser version 1–2."
    );
    let long_version = valid().replacen(
        "\"version\": 2",
        &format!("\"version\": \"{}\"", "9".repeat(10_000)),
        1,
    );
    let err = parse(&long_version).unwrap_err();
    assert!(err.message(Lang::Da).chars().count() < 200, "{err}");
    let long_type = valid().replacen(
        "\"happy\": 4",
        &format!("\"happy\": \"{}\"", "<b>".repeat(10_000)),
        1,
    );
    let err = parse(&long_type).unwrap_err();
    assert!(err.to_string().chars().count() < 300, "{err}");
    let long_key = valid().replacen("\"happy\": 4", &format!("\"{}\": 4", "k".repeat(10_000)), 1);
    let err = parse(&long_key).unwrap_err();
    assert!(err.to_string().chars().count() < 300, "{err}");
}

#[test]
fn ndjson_lines_are_records_checked_the_same_way() {
    let r = record(1, [3; 5], 5);
    let line = serde_json::to_string(&r).unwrap();
    assert_eq!(
        parse_ndjson_line(&line, Catalogue::shipped()),
        Ok(r.clone())
    );
    assert_eq!(
        parse_ndjson_line(&format!("{line}\r"), Catalogue::shipped()),
        Ok(r.clone())
    );
    assert_eq!(
        parse_ndjson_line("  ", Catalogue::shipped()),
        Err(ImportError::Empty)
    );
    assert!(matches!(
        parse_ndjson_line("{\"response_id\":", Catalogue::shipped()),
        Err(ImportError::NotJson { .. })
    ));
    let extra = line.replacen('{', "{\"name\":\"Ida\",", 1);
    assert!(matches!(
        parse_ndjson_line(&extra, Catalogue::shipped()),
        Err(ImportError::Schema {
            problem: SchemaProblem::UnknownField { .. },
            ..
        })
    ));
    let mut bad = r.clone();
    bad.supersedes = Some(bad.response_id);
    let err =
        parse_ndjson_line(&serde_json::to_string(&bad).unwrap(), Catalogue::shipped()).unwrap_err();
    assert_eq!(
        err,
        ImportError::Record {
            index: None,
            response_id: bad.response_id,
            problem: RecordError::SupersedesItself
        }
    );
    assert!(err.message(Lang::Da).starts_with("Posten (id "));
}

fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        match op % 4 {
            0 => bytes[at] = byte,
            1 => {
                bytes.remove(at);
            }
            2 => bytes.insert(at, byte),
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn check_never_panics(bytes: &[u8]) -> Result<(), TestCaseError> {
    match parse_document(bytes, &Limits::default(), Catalogue::shipped()) {
        Ok(doc) => {
            for r in &doc.records {
                prop_assert_eq!(check_record(r, Catalogue::shipped()), Ok(()));
            }
        }
        Err(e) => {
            for lang in Lang::ALL {
                let m = e.message(lang);
                prop_assert!(!m.is_empty() && m.chars().count() < 400, "{}", m);
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = parse_ndjson_line(text, Catalogue::shipped());
    }
    Ok(())
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_never_panics(&bytes)?;
    }

    #[test]
    fn mutations_of_a_valid_document_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
    ) {
        check_never_panics(&mutate(&valid(), &edits))?;
    }

    #[test]
    fn json_like_mutations_never_panic(
        edits in proptest::collection::vec(
            (any::<usize>(), 0u8..3, prop::sample::select(b"{}[]\",:0123456789-e.tn \\".to_vec())),
            1..8,
        ),
    ) {
        check_never_panics(&mutate(&valid(), &edits))?;
    }
}

#[test]
fn a_name_of_the_wrong_type_is_a_wrong_type_not_broken_json() {
    for (written, found) in [
        ("null", "null"),
        ("5", "et heltal"),
        ("[]", "en liste"),
        ("true", "sand eller falsk"),
    ] {
        let text = valid().replacen("\"other\"", written, 1);
        let err = parse(&text).unwrap_err();
        assert!(
            matches!(&err, ImportError::Schema { path, problem: SchemaProblem::WrongType { .. } }
                if path == "records[0].gender"),
            "{written}: {err:?}"
        );
        let da = err.message(Lang::Da);
        assert!(da.contains(found) && da.contains("skal være tekst"), "{da}");
    }
}

#[test]
fn an_answer_written_as_json_schema_counts_integers_is_read() {
    let zeros = json(&doc(vec![record(1, [0, 0, 0, 0, 0], 0)]));
    let fours = json(&doc(vec![record(1, [4, 4, 4, 4, 4], 4)]));
    for (text, written, want) in [
        (&zeros, "-0", 0),
        (&zeros, "-0.0", 0),
        (&fours, "4.0", 4),
        (&fours, "0.4e1", 4),
    ] {
        let from = format!("\"happy\": {want}");
        let text = text.replacen(&from, &format!("\"happy\": {written}"), 1);
        assert!(text.contains(written));
        let doc = parse(&text).unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(doc.records[0].answers["who5"]["happy"], want);
    }
    let half = fours.replacen("\"happy\": 4", "\"happy\": 4.5", 1);
    assert!(matches!(
        parse(&half),
        Err(ImportError::Schema {
            problem: SchemaProblem::WrongType { .. },
            ..
        })
    ));
}
