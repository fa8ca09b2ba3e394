//! The test programme's `worry` questionnaire, which trivsel does not ship:
//! its programme file and an export answering it, built with this crate's
//! export functions. One builder for the tests of every crate that reads
//! exports (the CLI's and the evaluator page's), so their hand-computed
//! figures rest on the same six courses. Only tests enable it (feature
//! `testing`); no bundle links it.

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::export::{document, export_record, ExportDocument};
use crate::participant::{
    AgeBand, CourseType, Gender, MeasurementPoint, Participant, ParticipantCode, Site,
};
use crate::programme::{parse_programme, Programme};
use crate::record::ResponseRecord;
use crate::uuid::Uuid;

/// The programme file's bytes (`tests/fixtures/programme/worry.json`).
pub const PROGRAMME_FILE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/programme/worry.json"
));

/// The intake and end answers of six participants (items worried, sleep,
/// school; 0–4 each, lower is better). Totals 12 → 3, 9 → 6, 6 → 5, 9 → 11,
/// 3 → 0, 10 → 3.
pub const COURSES: [([i32; 3], [i32; 3]); 6] = [
    ([4, 4, 4], [1, 1, 1]),
    ([3, 3, 3], [2, 2, 2]),
    ([2, 2, 2], [2, 2, 1]),
    ([4, 3, 2], [4, 4, 3]),
    ([1, 1, 1], [0, 0, 0]),
    ([3, 4, 3], [1, 2, 0]),
];

/// The test programme, checked against the shipped catalogue.
pub fn programme() -> Programme {
    parse_programme(PROGRAMME_FILE, Catalogue::shipped()).expect("the test programme")
}

/// The shipped catalogue with the test programme.
pub fn with_worry() -> Catalogue {
    Catalogue::with_programmes([&programme()])
}

/// An export of the six [`COURSES`] answering `catalogue`'s `worry`
/// version 1: girls and boys in turn, 15–17, counselling at "Ung i Vejle",
/// intake 2026-02-02 and end 2026-05-04. `salt` keeps the ids of two exports
/// apart.
pub fn worry_export(catalogue: &Catalogue, salt: u8) -> ExportDocument {
    let worry = catalogue.get("worry", 1).expect("worry v1");
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
            site: Site::parse("Ung i Vejle").expect("a site"),
            course: CourseType::Counselling,
            created: Date::new(2026, 2, 2).expect("a date"),
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
                date: date.expect("a date"),
                answers: [("worry".to_string(), worry.answers_in_order(values))].into(),
                declined: Default::default(),
                instruments: vec![worry.reference()],
                supersedes: None,
                exported: false,
            };
            records.push(export_record(&record, &participant, catalogue).expect("exportable"));
        }
    }
    document(
        Uuid::from_random([salt; 16]),
        Date::new(2026, 5, 8).expect("a date"),
        records,
        catalogue,
    )
}

/// [`worry_export`] as the bytes of a file.
pub fn worry_bytes(catalogue: &Catalogue, salt: u8) -> Vec<u8> {
    serde_json::to_vec(&worry_export(catalogue, salt)).expect("JSON")
}
