//! The shipped catalogue, and what it lets in.

use super::*;
use crate::battery::{Ask, PointKind, Respondent};
use crate::participant::MeasurementPoint;

fn r(id: &str, version: u32) -> InstrumentRef {
    InstrumentRef {
        id: id.into(),
        version,
    }
}

#[test]
fn the_shipped_catalogue_is_checked_and_its_batteries_resolve() {
    let c = Catalogue::shipped();
    let mut again = Catalogue::default();
    for i in c.instruments() {
        again.add_instrument(i.clone()).unwrap();
    }
    for b in c.batteries() {
        again.add_battery(b.clone()).unwrap();
    }
    assert_eq!(&again, c);
    let default = c.default_battery();
    assert_eq!(default.respondent, Respondent::Youth);
    let at_intake: Vec<_> = default
        .instruments_at(MeasurementPoint::Intake)
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(at_intake, ["who5", "cantril"]);
    let substance = c.batteries().iter().find(|b| b.id == "substance").unwrap();
    let at = |p| {
        substance
            .instruments_at(p)
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(at(MeasurementPoint::End), ["who5", "cantril", "substance"]);
    assert_eq!(at(MeasurementPoint::FollowUp), ["who5", "cantril"]);
}

#[test]
fn an_id_and_version_never_mean_two_ways_of_scoring() {
    let mut c = Catalogue::shipped().clone();
    let mut mended = c.get("who5", 1).unwrap().clone();
    mended.scores[1].band_sets[0].bands[0].meaning.en = "Mended wording.".into();
    assert_eq!(c.add_instrument(mended), Ok(()));
    // The catalogue's own wording is kept.
    assert_ne!(
        c.get("who5", 1).unwrap().scores[1].band_sets[0].bands[0]
            .meaning
            .en,
        "Mended wording."
    );
    let mut other = c.get("who5", 1).unwrap().clone();
    other.scores[1].rule = Rule::Sum { factor: 5 };
    let e = c.add_instrument(other.clone()).unwrap_err();
    assert_eq!(
        e,
        CatalogueError::Clash {
            id: "who5".into(),
            version: 1
        }
    );
    assert!(e.message(Lang::Da).contains("ny version"));
    other.version = 2;
    assert_eq!(c.add_instrument(other), Ok(()));
    assert_eq!(c.get("who5", 2).unwrap().version, 2);
}

#[test]
fn batteries_are_checked_and_must_name_known_instruments() {
    let mut c = Catalogue::shipped().clone();
    let mut b = c.default_battery().clone();
    b.id = "mine".into();
    b.asks[0].instruments.push(r("nope", 1));
    assert!(matches!(
        c.add_battery(b.clone()),
        Err(CatalogueError::UnknownInstrument { .. })
    ));
    b.asks[0].instruments.pop();
    b.asks.push(Ask {
        points: vec![PointKind::End],
        instruments: vec![r("who5", 1)],
    });
    let e = c.add_battery(b.clone()).unwrap_err();
    assert!(e.message(Lang::En).contains("exactly once"), "{e}");
    b.asks.pop();
    b.version = 3;
    c.add_battery(b).unwrap();
    let current: Vec<_> = c
        .current_batteries()
        .iter()
        .map(|b| (b.id.as_str(), b.version))
        .collect();
    assert_eq!(current, [("default", 1), ("substance", 1), ("mine", 3)]);
}
