//! The import pipeline from the outside: each reason in its order, the
//! messages, and random and mutated bytes that must never panic.

use super::*;
use crate::date::{Date, IsoWeek};
use crate::export::{document, ExportDocument, ExportRecord, ExportScore};
use crate::instrument::{builtin, Answers};
use crate::lang::Lang;
use crate::participant::{AgeBand, CourseType, Gender, MeasurementPoint, ParticipantCode, Site};
use crate::record::RecordError;
use crate::record::{CANTRIL, WHO5};
use crate::scoring::score;
use crate::uuid::Uuid;
use crate::validate::ValidationError;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn record(n: u8, who5: [i32; 5], ladder: i32) -> ExportRecord {
    let b = builtin();
    let answers = b.who5.answers_in_order(&who5);
    let who5_score = ExportScore::from(&score(&b.who5, &answers).unwrap());
    let ladder_answers = Answers::from([("ladder".to_string(), ladder)]);
    let ladder_score = ExportScore::from(&score(&b.cantril, &ladder_answers).unwrap());
    ExportRecord {
        response_id: Uuid::from_random([n; 16]),
        participant: ParticipantCode::from_random([0, 0, 0, n]),
        gender: Gender::Other,
        age_band: AgeBand::Age12To14,
        site: Site::parse("UngRåd Aarhus").unwrap(),
        course: CourseType::Counselling,
        point: MeasurementPoint::Intake,
        week: IsoWeek::new(2026, 10).unwrap(),
        answers: BTreeMap::from([
            (WHO5.to_string(), answers),
            (CANTRIL.to_string(), ladder_answers),
        ]),
        scores: BTreeMap::from([
            (WHO5.to_string(), who5_score),
            (CANTRIL.to_string(), ladder_score),
        ]),
        supersedes: None,
    }
}

fn doc(records: Vec<ExportRecord>) -> ExportDocument {
    document(
        Uuid::from_random([200; 16]),
        Date::new(2026, 12, 1).unwrap(),
        records,
    )
}

fn json(doc: &ExportDocument) -> String {
    serde_json::to_string_pretty(doc).unwrap()
}

fn parse(text: &str) -> Result<ExportDocument, ImportError> {
    parse_document(text.as_bytes(), &Limits::default())
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
        parse_document(valid().as_bytes(), &small),
        Err(ImportError::TooLarge {
            bytes: valid().len(),
            max: 10
        })
    );
    assert_eq!(
        parse_document(b"{\"a\": \"\xff\"}", &Limits::default()),
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
        ("\"1\"", "\"1\""),
        ("-1", "-1"),
        ("1.0", "1.0"),
    ] {
        let text = valid().replacen("\"version\": 1", &format!("\"version\": {v}"), 1);
        assert_eq!(
            parse(&text),
            Err(ImportError::UnsupportedVersion {
                found: found.into()
            }),
            "{v}"
        );
    }
    assert_eq!(
        parse(&valid().replacen("\"version\": 1,", "", 1)),
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
        matches!(&err, ImportError::Schema { path, problem: SchemaProblem::InvalidValue { .. } }
            if path == "records[0].site"),
        "{err:?}"
    );
    assert!(err
        .message(Lang::Da)
        .contains("ikke et gyldigt navn på et sted"));
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
    let big = valid().replacen("\"happy\": 4", "\"happy\": 18446744073709551616", 1);
    assert!(matches!(
        parse(&big),
        Err(ImportError::Schema {
            problem: SchemaProblem::WrongType { .. },
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

    let mut wrong_score = record(2, [4, 3, 3, 2, 4], 7);
    wrong_score.scores.get_mut(WHO5).unwrap().raw = 25;
    wrong_score.scores.get_mut(WHO5).unwrap().percentage = Some(100);
    assert_eq!(
        check_record(&wrong_score),
        Err(RecordError::ScoreMismatch {
            instrument: "who5".into(),
            stored: (25, Some(100)),
            computed: (16, Some(64))
        })
    );
    assert!(RecordError::ScoreMismatch {
        instrument: "who5".into(),
        stored: (25, Some(100)),
        computed: (16, Some(64))
    }
    .message(Lang::Da)
    .contains("(rå 25, 100 %) passer ikke med svarene (rå 16, 64 %)"));

    let mut flagged = record(2, [1, 3, 3, 2, 4], 7);
    flagged.scores.get_mut(WHO5).unwrap().flagged_items.clear();
    assert!(matches!(
        check_record(&flagged),
        Err(RecordError::FlaggedMismatch { .. })
    ));

    let mut cases: Vec<(ExportRecord, RecordError)> = Vec::new();
    let mut r = record(2, [3; 5], 5);
    r.supersedes = Some(r.response_id);
    cases.push((r, RecordError::SupersedesItself));
    let mut r = record(2, [3; 5], 5);
    r.answers.clear();
    r.scores.clear();
    cases.push((r, RecordError::NoAnswers));
    let mut r = record(2, [3; 5], 5);
    r.answers.insert("phq9".into(), Answers::new());
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
    cases.push((
        r,
        RecordError::UnexpectedScore {
            instrument: "cantril".into(),
        },
    ));
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
        assert_eq!(check_record(&r), Err(expected.clone()));
        for lang in Lang::ALL {
            assert!(!expected.message(lang).is_empty());
        }
    }
    // The whole-ladder-only record is fine: instruments are answered as a set.
    let mut ladder_only = record(2, [3; 5], 5);
    ladder_only.answers.remove(WHO5);
    ladder_only.scores.remove(WHO5);
    assert_eq!(check_record(&ladder_only), Ok(()));
}

#[test]
fn the_instrument_list_must_match_this_build() {
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments[0].version = 2;
    assert_eq!(
        parse(&json(&d)),
        Err(ImportError::InstrumentVersion {
            id: "who5".into(),
            listed: 2,
            current: 1
        })
    );
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments[1].id = "phq9".into();
    assert!(matches!(
        parse(&json(&d)),
        Err(ImportError::UnknownInstrument { .. })
    ));
    let mut d = doc(vec![record(1, [3; 5], 5)]);
    d.instruments.remove(1);
    assert_eq!(
        parse(&json(&d)),
        Err(ImportError::InstrumentNotListed {
            id: "cantril".into()
        })
    );
}

#[test]
fn ids_that_are_not_uuids_are_named_by_their_path() {
    let d = doc(vec![record(1, [3; 5], 5)]);
    let text = json(&d);
    let id = d.records[0].response_id.to_string();
    for (bad, path) in [
        (
            text.replacen(&id, &format!("{}1{}", &id[..14], &id[15..]), 1),
            "records[0].response_id",
        ),
        (
            text.replacen("\"supersedes\": null", "\"supersedes\": \"nope\"", 1),
            "records[0].supersedes",
        ),
        (
            text.replacen(&d.export_id.to_string(), "export-1", 1),
            "export_id",
        ),
    ] {
        let err = parse(&bad).unwrap_err();
        assert!(
            matches!(&err, ImportError::Schema { path: p, problem: SchemaProblem::InvalidValue { .. } } if p == path),
            "{err:?}"
        );
        assert!(
            err.message(Lang::Da)
                .ends_with("er ugyldig: ikke et gyldigt UUID (version 4)."),
            "{err}"
        );
        assert!(
            err.message(Lang::En)
                .ends_with("is invalid: not a valid UUID (version 4)"),
            "{err}"
        );
    }
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
        "Eksportformatets version 7 kendes ikke; denne version af trivsel læser version 1."
    );
    let long_version = valid().replacen(
        "\"version\": 1",
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
    assert_eq!(parse_ndjson_line(&line), Ok(r.clone()));
    assert_eq!(parse_ndjson_line(&format!("{line}\r")), Ok(r.clone()));
    assert_eq!(parse_ndjson_line("  "), Err(ImportError::Empty));
    assert!(matches!(
        parse_ndjson_line("{\"response_id\":"),
        Err(ImportError::NotJson { .. })
    ));
    let extra = line.replacen('{', "{\"name\":\"Ida\",", 1);
    assert!(matches!(
        parse_ndjson_line(&extra),
        Err(ImportError::Schema {
            problem: SchemaProblem::UnknownField { .. },
            ..
        })
    ));
    let mut bad = r.clone();
    bad.supersedes = Some(bad.response_id);
    let err = parse_ndjson_line(&serde_json::to_string(&bad).unwrap()).unwrap_err();
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
    match parse_document(bytes, &Limits::default()) {
        Ok(doc) => {
            for r in &doc.records {
                prop_assert_eq!(check_record(r), Ok(()));
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
        let _ = parse_ndjson_line(text);
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
