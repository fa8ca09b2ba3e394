//! The golden vectors in `tests/fixtures/golden.json`, which the browser tests
//! also drive through the app, scored by core.

use serde::Deserialize;
use trivsel_core::{score, Answers, Catalogue, Declined};

#[derive(Deserialize)]
struct Golden {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    who5: [i32; 5],
    ladder: i32,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    raw: u32,
    percentage: u32,
    practice: String,
    screening: String,
    likely_depression: bool,
    flagged: Vec<String>,
    ladder_hbsc: String,
}

#[test]
fn golden_vectors() {
    let golden: Golden =
        serde_json::from_str(include_str!("../../../tests/fixtures/golden.json")).unwrap();
    assert!(golden.cases.len() >= 3);
    let catalogue = Catalogue::shipped();
    let (who5, ladder_def) = (
        catalogue.get("who5", 1).unwrap(),
        catalogue.get("cantril", 1).unwrap(),
    );
    let none = Declined::new();
    for case in golden.cases {
        let answers = who5.answers_in_order(&case.who5);
        let s = score(who5, &answers, &none).unwrap();
        let band = |set: &str| s.band(who5, "percentage", set).map(|band| band.id.clone());
        assert_eq!(s.value("raw"), Some(case.expect.raw), "{}", case.name);
        assert_eq!(
            s.value("percentage"),
            Some(case.expect.percentage),
            "{}",
            case.name
        );
        assert_eq!(
            band("practice"),
            Some(case.expect.practice),
            "{}",
            case.name
        );
        assert_eq!(
            band("screening"),
            Some(case.expect.screening),
            "{}",
            case.name
        );
        assert_eq!(
            band("likely_depression").is_some(),
            case.expect.likely_depression,
            "{}",
            case.name
        );
        assert_eq!(s.flagged_items, case.expect.flagged, "{}", case.name);

        let answers = Answers::from([("ladder".into(), case.ladder)]);
        let ladder = score(ladder_def, &answers, &none).unwrap();
        assert_eq!(
            ladder
                .band(ladder_def, "value", "hbsc")
                .map(|band| band.id.as_str()),
            Some(case.expect.ladder_hbsc.as_str()),
            "{}",
            case.name
        );
    }
}
