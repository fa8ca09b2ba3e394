//! Helpers the unit tests share: the shipped instruments by id, and answers
//! written in item order. Only tests name particular instruments.

use std::collections::BTreeMap;

use crate::catalogue::Catalogue;
use crate::instrument::{Answers, Declined, Instrument, InstrumentRef};

/// A shipped instrument by id (version 1).
pub fn shipped(id: &str) -> &'static Instrument {
    Catalogue::shipped()
        .get(id, 1)
        .unwrap_or_else(|| panic!("{id} v1 is shipped"))
}

pub fn who5() -> &'static Instrument {
    shipped("who5")
}

pub fn ladder() -> &'static Instrument {
    shipped("cantril")
}

pub fn substance() -> &'static Instrument {
    shipped("substance")
}

/// WHO-5 answers in item order.
pub fn who5_answers(values: [i32; 5]) -> Answers {
    who5().answers_in_order(&values)
}

/// The ladder's one answer.
pub fn ladder_answer(value: i32) -> Answers {
    Answers::from([("ladder".to_string(), value)])
}

/// How a record names a shipped instrument.
pub fn reference(id: &str) -> InstrumentRef {
    shipped(id).reference()
}

/// No item declined.
pub fn none_declined() -> Declined {
    Declined::new()
}

/// WHO-5 and the ladder as a record's answers.
pub fn who5_and_ladder(who5: [i32; 5], ladder: i32) -> BTreeMap<String, Answers> {
    BTreeMap::from([
        ("who5".to_string(), who5_answers(who5)),
        ("cantril".to_string(), ladder_answer(ladder)),
    ])
}

/// An export record with the given answers (instrument id → answers) and
/// everything else plain: a boy of 15–17 in counselling at "UngRåd Aarhus",
/// intake, week 2026-W10. Its instruments, scores and flags are what core
/// computes; change fields after with [`rescored`] where answers change.
pub fn exported(
    response_id: crate::uuid::Uuid,
    participant: &str,
    answers: BTreeMap<String, Answers>,
) -> crate::export::ExportRecord {
    use crate::participant::{
        AgeBand, CourseType, Gender, MeasurementPoint, ParticipantCode, Site,
    };
    rescored(crate::export::ExportRecord {
        response_id,
        participant: ParticipantCode::parse(participant).unwrap(),
        gender: Gender::Boy,
        age_band: AgeBand::Age15To17,
        site: Site::parse("UngRåd Aarhus").unwrap(),
        course: CourseType::Counselling,
        point: MeasurementPoint::Intake,
        week: crate::date::IsoWeek::new(2026, 10).unwrap(),
        instruments: Vec::new(),
        answers,
        declined: BTreeMap::new(),
        scores: BTreeMap::new(),
        flagged: BTreeMap::new(),
        supersedes: None,
    })
}

/// `r` with its instruments (the shipped version 1 of each instrument it
/// answers or declines) and its scores and flags as core computes them.
pub fn rescored(mut r: crate::export::ExportRecord) -> crate::export::ExportRecord {
    let ids: std::collections::BTreeSet<String> =
        r.answers.keys().chain(r.declined.keys()).cloned().collect();
    let catalogue_order = Catalogue::shipped().instruments();
    r.instruments = catalogue_order
        .iter()
        .filter(|i| ids.contains(&i.id))
        .map(|i| i.reference())
        .collect();
    r.scores.clear();
    r.flagged.clear();
    let none = Declined::new();
    for i in r.instruments.clone() {
        let def = shipped(&i.id);
        let answers = r.answers.get(&i.id).cloned().unwrap_or_default();
        let declined = r.declined.get(&i.id).unwrap_or(&none).clone();
        let s = crate::scoring::score(def, &answers, &declined).expect("test answers score");
        r.set_scores(&i.id, &s);
    }
    r
}
