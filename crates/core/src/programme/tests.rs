//! Programme files: the committed test programme joins the catalogue; every
//! kind of bad file is refused whole with its reason.

use super::*;

fn fixture() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/programme/worry.json"
    );
    std::fs::read(path).expect("the test programme")
}

fn parse(bytes: &[u8]) -> Result<Programme, ProgrammeError> {
    parse_programme(bytes, Catalogue::shipped())
}

fn edited(f: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(&fixture()).unwrap();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn the_test_programme_joins_the_catalogue() {
    let p = parse(&fixture()).unwrap();
    assert_eq!(p.programme.id, "worry_test");
    let c = Catalogue::with_programmes([&p]);
    let worry = c.get("worry", 1).unwrap();
    assert_eq!(worry.items.len(), 3);
    assert!(c.current_batteries().iter().any(|b| b.id == "worry_course"));
    // The shipped catalogue is untouched.
    assert!(Catalogue::shipped().get("worry", 1).is_none());
}

#[test]
fn bad_files_are_refused_whole_with_a_reason() {
    let reason = |bytes: &[u8]| parse(bytes).unwrap_err();
    assert_eq!(reason(b"  \n"), ProgrammeError::Empty);
    assert_eq!(reason(&[0xff, b'{', b'}']), ProgrammeError::NotUtf8);
    assert!(matches!(reason(b"{"), ProgrammeError::NotReadable { .. }));
    assert_eq!(
        reason(br#"{"format":"trivsel-export","version":1}"#),
        ProgrammeError::NotAProgramme
    );
    assert_eq!(
        reason(&edited(|v| v["version"] = 2.into())),
        ProgrammeError::UnsupportedVersion { found: 2 }
    );
    assert!(matches!(
        reason(&edited(|v| v["extra"] = 1.into())),
        ProgrammeError::NotReadable { .. }
    ));
    assert_eq!(
        reason(&edited(|v| v["programme"]["id"] = "Worry Test".into())),
        ProgrammeError::BadInfo
    );
    assert_eq!(
        reason(&edited(|v| v["batteries"] = serde_json::json!([]))),
        ProgrammeError::NoBatteries
    );
    assert_eq!(
        reason(&edited(|v| v["batteries"][0]["id"] = "default".into())),
        ProgrammeError::ShippedBattery {
            id: "default".into()
        }
    );
    // An instrument that breaks its own rules.
    let e = reason(&edited(|v| {
        v["instruments"][0]["scores"][0]["band_sets"][0]["bands"][1]["min"] = 3.into()
    }));
    assert!(e.message(Lang::Da).contains("overlapper"), "{e}");
    // A battery asking for an instrument nobody has.
    let e = reason(&edited(|v| v["instruments"] = serde_json::json!([])));
    assert!(matches!(
        e,
        ProgrammeError::Catalogue(CatalogueError::UnknownInstrument { .. })
    ));
    // Redefining a shipped instrument with other scoring.
    let e = reason(&edited(|v| v["instruments"][0]["id"] = "who5".into()));
    assert!(matches!(
        e,
        ProgrammeError::Catalogue(CatalogueError::Clash { .. })
    ));
    for e in [ProgrammeError::Empty, ProgrammeError::NoBatteries] {
        assert_ne!(e.message(Lang::Da), e.message(Lang::En));
    }
}

#[test]
fn a_programme_file_is_told_from_other_files_by_its_format() {
    assert!(is_programme(&fixture()));
    let export = edited(|v| v["format"] = "trivsel-export".into());
    assert!(!is_programme(&export));
    for other in [&b""[..], b"[1,2]", b"not json", b"{\"format\":7}", b"{}"] {
        assert!(!is_programme(other), "{}", String::from_utf8_lossy(other));
    }
    // Only the format counts: a programme file with a bad body is still one,
    // and parse_programme says what is wrong with it.
    let bad = edited(|v| v["batteries"] = serde_json::json!([]));
    assert!(is_programme(&bad));
    assert_eq!(parse(&bad), Err(ProgrammeError::NoBatteries));
}
