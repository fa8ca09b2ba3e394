//! The golden vectors in `tests/fixtures/golden.json`, which the browser tests
//! also drive through the app, scored by core.

use serde::Deserialize;
use trivsel_core::{builtin, score, Answers};

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
    let b = builtin();
    for case in golden.cases {
        let answers = b.who5.answers_in_order(&case.who5);
        let s = score(&b.who5, &answers).unwrap();
        let band = |set: &str| s.band(&b.who5, set).map(|band| band.id.clone());
        assert_eq!(s.raw, case.expect.raw, "{}", case.name);
        assert_eq!(s.percentage, Some(case.expect.percentage), "{}", case.name);
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

        let ladder = score(&b.cantril, &Answers::from([("ladder".into(), case.ladder)])).unwrap();
        assert_eq!(
            ladder.band(&b.cantril, "hbsc").map(|band| band.id.as_str()),
            Some(case.expect.ladder_hbsc.as_str()),
            "{}",
            case.name
        );
    }
}
