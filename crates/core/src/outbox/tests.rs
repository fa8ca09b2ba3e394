use std::collections::BTreeMap;

use super::*;
use crate::import::{parse_document, Limits};
use crate::participant::{AgeBand, CourseType, Gender, MeasurementPoint, Site};
use crate::testing::{reference, who5_and_ladder};
use crate::APP_VERSION;

const EXPORT_ID: &str = "9b2f1c3e-4d5a-4b6c-8d7e-0f1a2b3c4d5e";

fn code(s: &str) -> ParticipantCode {
    ParticipantCode::parse(s).unwrap()
}

fn participant(c: &str, site: &str) -> Participant {
    Participant {
        code: code(c),
        gender: Gender::Boy,
        age_band: AgeBand::Age18To20,
        site: Site::parse(site).unwrap(),
        course: CourseType::Group,
        created: Date::new(2026, 1, 5).unwrap(),
    }
}

fn record(id_tail: u8, c: &str, day: u8, exported: bool) -> ResponseRecord {
    ResponseRecord {
        id: format!("0f8fad5b-d9cb-469f-a165-7086772895{id_tail:02x}")
            .parse()
            .unwrap(),
        participant: code(c),
        point: MeasurementPoint::Intake,
        date: Date::new(2026, 11, day).unwrap(),
        answers: who5_and_ladder([3, 3, 2, 4, 1], 6),
        declined: BTreeMap::new(),
        instruments: vec![reference("who5"), reference("cantril")],
        supersedes: None,
        exported,
    }
}

fn day(d: u8) -> Date {
    Date::new(2026, 11, d).unwrap()
}

fn tablet() -> (Vec<ResponseRecord>, Vec<Participant>) {
    (
        vec![
            record(1, "938NKR", 2, true),
            record(2, "938NKR", 16, false),
            record(3, "4T7QZM", 20, false),
        ],
        vec![
            participant("938NKR", "UngRåd Aarhus"),
            participant("4T7QZM", "UngRåd Aarhus"),
        ],
    )
}

/// The outbox of `scope` on the 23rd, under the one export id.
fn build(
    records: &[ResponseRecord],
    participants: &[Participant],
    scope: Scope,
) -> Result<Outbox, OutboxError> {
    Outbox::build(
        records,
        participants,
        Catalogue::shipped(),
        scope,
        EXPORT_ID.parse().unwrap(),
        day(23),
    )
}

fn ids(scope: Scope) -> Vec<String> {
    let (records, participants) = tablet();
    build(&records, &participants, scope)
        .map(|o| o.ids.iter().map(Uuid::to_string).collect())
        .unwrap_or_default()
}

#[test]
fn each_choice_takes_its_records() {
    assert_eq!(ids(Scope::All).len(), 3);
    assert_eq!(
        ids(Scope::NotExported),
        vec![
            "0f8fad5b-d9cb-469f-a165-708677289502",
            "0f8fad5b-d9cb-469f-a165-708677289503"
        ]
    );
    // Both ends are included.
    let between = |from, to| Scope::Between {
        from: day(from),
        to: day(to),
    };
    assert_eq!(ids(between(2, 16)).len(), 2);
    assert_eq!(ids(between(16, 16)).len(), 1);
    assert_eq!(ids(between(17, 19)).len(), 0);
}

#[test]
fn nothing_to_export_and_backwards_ranges_are_errors() {
    let (mut records, participants) = tablet();
    for r in &mut records {
        r.exported = true;
    }
    assert_eq!(
        build(&records, &participants, Scope::NotExported),
        Err(OutboxError::Nothing)
    );
    let backwards = Scope::Between {
        from: day(20),
        to: day(2),
    };
    assert_eq!(
        build(&records, &participants, backwards),
        Err(OutboxError::BackwardsRange)
    );
    assert!(OutboxError::BackwardsRange
        .message(Lang::Da)
        .contains("før startdatoen"));
}

#[test]
fn a_record_without_its_participant_stops_the_whole_export() {
    let (records, mut participants) = tablet();
    participants.pop();
    let err = build(&records, &participants, Scope::All);
    assert_eq!(
        err,
        Err(OutboxError::UnknownParticipant {
            code: code("4T7QZM")
        })
    );
}

#[test]
fn the_json_file_imports_and_names_only_the_week() {
    let (records, participants) = tablet();
    let outbox = build(&records, &participants, Scope::All).unwrap();
    let json = outbox.contents(FileFormat::Json);
    let back = parse_document(json.as_bytes(), &Limits::default(), Catalogue::shipped()).unwrap();
    assert_eq!(back, outbox.document);
    assert_eq!(back.records.len(), 3);
    // The day a response was given never leaves the tablet; the export's own day does.
    assert!(!json.contains("2026-11-16"));
    assert!(json.contains("2026-W47"));
    assert!(json.contains("\"created\":\"2026-11-23\""));
}

#[test]
fn csv_and_ndjson_hold_one_line_per_response() {
    let (records, participants) = tablet();
    let outbox = build(&records, &participants, Scope::All).unwrap();
    let csv = outbox.contents(FileFormat::Csv);
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 1 + 3);
    assert_eq!(outbox.contents(FileFormat::Ndjson).lines().count(), 3);
}

#[test]
fn the_file_is_named_by_site_and_date() {
    let (records, mut participants) = tablet();
    let name = |participants: &[Participant], format| {
        build(&records, participants, Scope::All)
            .unwrap()
            .file_name(format)
    };
    assert_eq!(
        name(&participants, FileFormat::Json),
        format!("trivsel-ungraad-aarhus-2026-11-23-v{APP_VERSION}.json")
    );
    assert_eq!(
        name(&participants, FileFormat::Ndjson),
        format!("trivsel-ungraad-aarhus-2026-11-23-v{APP_VERSION}.ndjson")
    );
    participants[1].site = Site::parse("Ungdomsskolen Vest").unwrap();
    assert_eq!(
        name(&participants, FileFormat::Csv),
        format!("trivsel-flere-steder-2026-11-23-v{APP_VERSION}.csv")
    );
}

#[test]
fn slugs_are_safe_file_name_parts() {
    assert_eq!(slug("UngRåd Aarhus"), "ungraad-aarhus");
    assert_eq!(slug("  Æblehaven / Ørsted "), "aeblehaven-oersted");
    assert_eq!(slug("../../etc/passwd"), "etc-passwd");
    assert_eq!(slug("<script>"), "script");
    assert_eq!(slug("---"), "");
    assert!(slug(&"a-".repeat(60)).len() <= 40);
    assert!(!slug(&"a-".repeat(60)).ends_with('-'));
}

#[cfg(feature = "age")]
#[test]
fn a_sealed_export_opens_to_the_plain_file_in_every_format() {
    use crate::sealed::{open, Identity};
    let (records, participants) = tablet();
    let outbox = build(&records, &participants, Scope::All).unwrap();
    let identity = Identity::generate();
    for format in FileFormat::ALL {
        let (name, bytes) = outbox.sealed(format, &identity.recipient()).unwrap();
        assert_eq!(name, format!("{}.age", outbox.file_name(format)));
        assert!(name.ends_with(&format!(".{}.age", format.extension())));
        let plain = open(&bytes, Some(&identity)).unwrap();
        assert_eq!(plain, outbox.contents(format).as_bytes());
    }
}
