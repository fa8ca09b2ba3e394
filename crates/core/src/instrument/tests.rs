//! The shipped definitions against the published wordings, and the
//! coherence check against broken definitions.

use super::*;
use crate::catalogue::Catalogue;

fn shipped(id: &str) -> &'static Instrument {
    Catalogue::shipped()
        .instruments()
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("{id} is shipped"))
}

#[test]
fn shipped_instruments_are_coherent() {
    for instrument in Catalogue::shipped().instruments() {
        instrument.check().unwrap();
    }
}

#[test]
fn who5_wording_and_scoring_are_verbatim() {
    let who5 = shipped("who5");
    let ids: Vec<_> = who5.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["happy", "calm", "active", "rested", "interest"]);
    assert_eq!(
        who5.item("rested").unwrap().text.da,
        "I de sidste 2 uger er jeg vågnet frisk og udhvilet"
    );
    assert_eq!(
        who5.item("interest").unwrap().text.da,
        "I de sidste 2 uger har min dagligdag været fyldt med ting der interesserer mig"
    );
    let Response::Choice { options } = &who5.response else {
        panic!("WHO-5 is answered by choice");
    };
    let labels: Vec<_> = options
        .iter()
        .map(|o| (o.value, o.label.da.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (5, "Hele tiden"),
            (4, "Det meste af tiden"),
            (3, "Lidt mere end halvdelen af tiden"),
            (2, "Lidt mindre end halvdelen af tiden"),
            (1, "Lidt af tiden"),
            (0, "På intet tidspunkt"),
        ]
    );
    assert_eq!(who5.response.label(0, Lang::En), "At no time");
    assert!(who5.is_verified(Lang::Da) && who5.is_verified(Lang::En));
    let pct = who5.score("percentage").unwrap();
    assert_eq!(pct.rule, Rule::Sum { factor: 4 });
    assert_eq!(who5.score_max(pct), 100);
    assert_eq!(who5.score_max(who5.score("raw").unwrap()), 25);
    assert_eq!(who5.flags.as_ref().map(|f| f.at_most), Some(1));
    let screening = pct.band_set("screening").unwrap();
    assert_eq!((screening.bands[0].min, screening.bands[0].max), (0, 50));
}

#[test]
fn the_ladder_has_eleven_steps_top_first_and_danish_is_unverified() {
    let ladder = shipped("cantril");
    assert_eq!(
        ladder.response.values(),
        (0..=10).rev().collect::<Vec<u8>>()
    );
    assert!(!ladder.is_verified(Lang::Da));
    assert!(ladder.is_verified(Lang::En));
    let value = ladder.score("value").unwrap();
    assert_eq!(value.shown_band_sets, ["hbsc"]);
    assert!(value.choose_one_band_set);
    assert_eq!(value.reference("danish_youth").unwrap().value, 7.5);
}

#[test]
fn the_substance_module_follows_the_instrument_facts() {
    let s = shipped("substance");
    let ids: Vec<_> = s.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["cannabis_30d", "binge_30d", "otherdrugs_30d", "anydrug_7d"]
    );
    assert_eq!(
        s.item("cannabis_30d").unwrap().text.da,
        "På hvor mange af de sidste 30 dage har du røget hash, skunk eller anden cannabis?"
    );
    assert_eq!(
        s.item("anydrug_7d").unwrap().text.en,
        "On how many of the last 7 days did you use cannabis or other drugs?"
    );
    let seven = s.item("anydrug_7d").unwrap();
    assert_eq!(s.response_of(seven), &Response::Days { max: 7 });
    assert_eq!(s.response_of(&s.items[0]), &Response::Days { max: 30 });
    assert!(s.items.iter().all(|i| s.declinable(i)));
    assert!(s.scores.iter().all(|sc| !sc.higher_is_better && sc.track));
    assert_eq!(s.name.da, "Rusmidler");
    assert_eq!(s.name.en, "Alcohol and drugs");
    assert!(!s.is_verified(Lang::Da));
    let cannabis = s.score("cannabis_30d").unwrap();
    assert_eq!(
        cannabis.change.iter().map(|c| c.rule).collect::<Vec<_>>(),
        [CriterionRule::Stopped, CriterionRule::Halved]
    );
}

#[test]
fn check_rejects_broken_definitions_with_a_reason_in_both_languages() {
    let broken = |f: &dyn Fn(&mut Instrument)| {
        let mut i = shipped("who5").clone();
        f(&mut i);
        i.check().unwrap_err()
    };
    let e = broken(&|i| {
        i.scores[1].band_sets[2].bands[1].min = 30;
    });
    assert!(e.message(Lang::En).contains("overlaps"), "{e}");
    assert!(e.message(Lang::Da).contains("overlapper"), "{e}");
    assert!(broken(&|i| i.items[1].id = "happy".into())
        .message(Lang::En)
        .contains("twice"));
    assert!(broken(&|i| i.scores[1].band_sets[0].bands[1].max = 101)
        .message(Lang::En)
        .contains("outside"));
    assert!(broken(&|i| i.scores[1].shown_band_sets.push("nope".into()))
        .message(Lang::En)
        .contains("does not exist"));
    assert!(broken(&|i| i.scores[1].report.push(Figure {
        kind: FigureKind::Changed {
            criterion: "ten_point".into(),
            counted: Counted::Met,
            to: At::Last
        },
        label: None,
        note: None
    }))
    .message(Lang::En)
    .contains("outcome"));
    assert!(
        broken(&|i| i.scores[0].rule = Rule::Item { item: "x".into() })
            .message(Lang::En)
            .contains("does not exist")
    );
    assert!(broken(&|i| i.id = "WHO 5".into())
        .message(Lang::En)
        .contains("plain name"));
    assert!(broken(&|i| i.items[0].text.en = " ".into())
        .message(Lang::En)
        .contains("missing in one language"));
    assert!(broken(&|i| i.scores[1].report.push(Figure {
        kind: FigureKind::Distribution {
            bins: vec![[0, 50], [40, 100]]
        },
        label: None,
        note: None
    }))
    .message(Lang::En)
    .contains("distribution"));
}

#[test]
fn unknown_fields_in_a_definition_are_rejected() {
    let json = serde_json::to_string(shipped("cantril")).unwrap().replacen(
        "\"version\":1,",
        "\"version\":1,\"extra\":true,",
        1,
    );
    assert!(serde_json::from_str::<Instrument>(&json).is_err());
}

#[test]
fn definitions_round_trip_through_json() {
    for i in Catalogue::shipped().instruments() {
        let json = serde_json::to_string(i).unwrap();
        assert_eq!(&serde_json::from_str::<Instrument>(&json).unwrap(), i);
    }
}
