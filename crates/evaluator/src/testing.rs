//! What the native tests share: the committed fixtures, and an export of the
//! test programme's `worry` questionnaire (which trivsel does not ship)
//! built with core's export functions. Only tests name questionnaires.

use trivsel_core::export::{document, export_record};
use trivsel_core::{
    parse_programme, AgeBand, Catalogue, CourseType, Date, ExportDocument, Gender,
    MeasurementPoint, Participant, ParticipantCode, Programme, ResponseRecord, Site, Uuid,
};

/// A committed fixture's bytes, by its path under `tests/fixtures`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The test programme.
pub fn programme() -> Programme {
    parse_programme(&fixture("programme/worry.json"), Catalogue::shipped()).expect("the programme")
}

/// The shipped catalogue with the test programme.
pub fn with_worry() -> Catalogue {
    Catalogue::with_programmes([&programme()])
}

/// An export of six courses (intake and end) answering `catalogue`'s
/// `worry` version 1; `salt` keeps two exports' ids apart. Totals 12 → 3,
/// 9 → 6, 6 → 5, 9 → 11, 3 → 0, 10 → 3.
pub fn worry_export(catalogue: &Catalogue, salt: u8) -> ExportDocument {
    const COURSES: [([i32; 3], [i32; 3]); 6] = [
        ([4, 4, 4], [1, 1, 1]),
        ([3, 3, 3], [2, 2, 2]),
        ([2, 2, 2], [2, 2, 1]),
        ([4, 3, 2], [4, 4, 3]),
        ([1, 1, 1], [0, 0, 0]),
        ([3, 4, 3], [1, 2, 0]),
    ];
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

/// [`worry_export`] as the bytes of a file.
pub fn worry_bytes(catalogue: &Catalogue, salt: u8) -> Vec<u8> {
    serde_json::to_vec(&worry_export(catalogue, salt)).unwrap()
}
