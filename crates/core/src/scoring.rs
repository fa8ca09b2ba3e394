//! Scoring: answers in, the instrument's scores with their bands and item
//! flags out, or the reason there are none.
//!
//! The rules are data (each instrument's `scores`, with its `source`): a sum
//! of the items times a factor (WHO-5: raw 0–25, percentage = raw × 4), or
//! one item's value (the ladder, days of use). An item left unanswered means
//! no scores at all: a score is never prorated. An item the young person
//! declined ("Vil ikke svare") is missing, never 0: every score that rests on
//! it is absent, the others are given. Scoring never panics on input: it
//! returns scores or a reason.

use std::collections::BTreeMap;
use std::fmt;

use crate::instrument::{Answers, Band, Declined, Instrument, Rule};
use crate::lang::Lang;
use crate::validate::{validate, ValidationError};

/// The scores of one complete, valid response to one instrument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scores {
    pub instrument: String,
    pub version: u32,
    /// Score id → value, in the instrument's order of scores by id. A score
    /// resting on a declined item is absent.
    pub values: BTreeMap<String, u32>,
    /// The band each score falls in, for every band set that has one.
    pub bands: Vec<BandHit>,
    /// Items answered at or below the instrument's flag threshold, in item order.
    pub flagged_items: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandHit {
    pub score: String,
    pub set: String,
    pub band: String,
}

impl Scores {
    /// The value of score `id`, if it could be computed.
    pub fn value(&self, id: &str) -> Option<u32> {
        self.values.get(id).copied()
    }

    /// The band score `score` falls in within `set`, looked up in `instrument`.
    pub fn band<'a>(&self, instrument: &'a Instrument, score: &str, set: &str) -> Option<&'a Band> {
        let hit = self
            .bands
            .iter()
            .find(|h| h.score == score && h.set == set)?;
        instrument.score(score)?.band_set(set)?.band(&hit.band)
    }
}

/// Why a response has no scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreError {
    /// Some answers are not valid for the instrument.
    Invalid(Vec<ValidationError>),
    /// Some items are neither answered nor declined; the instrument has no
    /// rule for missing items.
    Incomplete {
        instrument: String,
        missing: Vec<String>,
    },
}

impl ScoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            Self::Incomplete {
                instrument,
                missing,
            } => {
                let missing = missing.join(", ");
                tr!(lang,
                    da: format!("{instrument} er ikke fuldt besvaret (mangler: {missing}), så der er ingen score. En score beregnes aldrig ud fra en del af svarene."),
                    en: format!("{instrument} is not complete (missing: {missing}), so it has no score. A score is never computed from part of the answers."),
                )
            }
        }
    }
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ScoreError {}

/// Scores a response. Invalid answers come before missing ones: a response
/// with a bad value is reported as invalid even if it is also incomplete.
pub fn score(
    instrument: &Instrument,
    answers: &Answers,
    declined: &Declined,
) -> Result<Scores, ScoreError> {
    validate(instrument, answers, declined, false).map_err(ScoreError::Invalid)?;
    let missing: Vec<String> = instrument
        .items
        .iter()
        .filter(|i| !answers.contains_key(&i.id) && !declined.contains(&i.id))
        .map(|i| i.id.clone())
        .collect();
    if !missing.is_empty() {
        return Err(ScoreError::Incomplete {
            instrument: instrument.id.clone(),
            missing,
        });
    }
    // Validated above: every answer is a value its item accepts (0..=255).
    let value = |id: &str| answers.get(id).map(|v| v.unsigned_abs());
    let mut values = BTreeMap::new();
    let mut bands = Vec::new();
    for def in &instrument.scores {
        let computed = match &def.rule {
            Rule::Sum { factor } => instrument
                .items
                .iter()
                .map(|i| value(&i.id))
                .sum::<Option<u32>>()
                .map(|sum| sum * factor),
            Rule::Item { item } => value(item),
        };
        let Some(x) = computed else {
            continue;
        };
        values.insert(def.id.clone(), x);
        for set in &def.band_sets {
            if let Some(band) = set.band_for(x) {
                bands.push(BandHit {
                    score: def.id.clone(),
                    set: set.id.clone(),
                    band: band.id.clone(),
                });
            }
        }
    }
    let flagged_items = match instrument.flags.as_ref().map(|f| f.at_most) {
        Some(limit) => instrument
            .items
            .iter()
            .filter(|i| value(&i.id).is_some_and(|v| v <= u32::from(limit)))
            .map(|i| i.id.clone())
            .collect(),
        None => Vec::new(),
    };
    Ok(Scores {
        instrument: instrument.id.clone(),
        version: instrument.version,
        values,
        bands,
        flagged_items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ladder, ladder_answer, none_declined, substance, who5, who5_answers};

    const WHO5_ITEMS: [&str; 5] = ["happy", "calm", "active", "rested", "interest"];

    fn band(s: &Scores, score: &str, set: &str) -> Option<String> {
        s.bands
            .iter()
            .find(|h| h.score == score && h.set == set)
            .map(|h| h.band.clone())
    }

    fn scored(instrument: &Instrument, answers: &Answers) -> Result<Scores, ScoreError> {
        score(instrument, answers, &none_declined())
    }

    /// Every one of the 6^5 possible complete WHO-5 responses, against the
    /// published rule written out independently of the scorer.
    #[test]
    fn all_7776_who5_vectors_follow_the_published_rule() {
        let mut seen = 0;
        for n in 0..6u32.pow(5) {
            let values: [i32; 5] = std::array::from_fn(|i| (n / 6u32.pow(i as u32) % 6) as i32);
            let s = scored(who5(), &who5_answers(values)).unwrap();
            let raw: i32 = values.iter().sum();
            let pct = raw * 4;
            assert_eq!(s.value("raw"), Some(raw as u32));
            assert_eq!(s.value("percentage"), Some(pct as u32));
            // Official rule: raw < 13 ⇔ percentage ≤ 50 for whole raw scores.
            assert_eq!(raw < 13, pct <= 50);
            let expected_screening = if pct <= 50 { "screen" } else { "no_indication" };
            assert_eq!(
                band(&s, "percentage", "screening").as_deref(),
                Some(expected_screening)
            );
            let expected_practice = match pct {
                0..=35 => "high_risk",
                36..=50 => "risk",
                _ => "no_risk",
            };
            assert_eq!(
                band(&s, "percentage", "practice").as_deref(),
                Some(expected_practice)
            );
            assert_eq!(
                band(&s, "percentage", "likely_depression").is_some(),
                pct <= 28
            );
            let flagged: Vec<&str> = WHO5_ITEMS
                .iter()
                .zip(values)
                .filter(|(_, v)| *v <= 1)
                .map(|(k, _)| *k)
                .collect();
            assert_eq!(s.flagged_items, flagged);
            seen += 1;
        }
        assert_eq!(seen, 7776);
    }

    #[test]
    fn the_issue_examples() {
        let s = scored(who5(), &who5_answers([5, 3, 5, 5, 5])).unwrap();
        assert_eq!(
            (s.value("raw"), s.value("percentage")),
            (Some(23), Some(92))
        );
        assert!(s.flagged_items.is_empty());

        let s = scored(who5(), &who5_answers([5, 5, 5, 1, 5])).unwrap();
        assert_eq!(
            (s.value("raw"), s.value("percentage")),
            (Some(21), Some(84))
        );
        assert_eq!(s.flagged_items, ["rested"]);
        assert_eq!(
            band(&s, "percentage", "practice").as_deref(),
            Some("no_risk")
        );

        let s = scored(who5(), &who5_answers([1, 1, 1, 1, 1])).unwrap();
        assert_eq!((s.value("raw"), s.value("percentage")), (Some(5), Some(20)));
        assert_eq!(
            s.band(who5(), "percentage", "practice").unwrap().label.da,
            "Høj risiko for depression eller stress"
        );
        assert_eq!(s.flagged_items.len(), 5);
    }

    #[test]
    fn an_incomplete_who5_has_no_score_and_says_which_items_are_missing() {
        let mut answers = who5_answers([5, 5, 5, 5, 5]);
        answers.remove("calm");
        answers.remove("interest");
        let err = scored(who5(), &answers).unwrap_err();
        assert_eq!(
            err,
            ScoreError::Incomplete {
                instrument: "who5".into(),
                missing: vec!["calm".into(), "interest".into()]
            }
        );
        assert!(err.message(Lang::Da).contains("mangler: calm, interest"));
        assert!(scored(who5(), &Answers::new()).is_err());
    }

    #[test]
    fn an_invalid_answer_is_reported_before_missing_items() {
        let answers = Answers::from([("happy".to_string(), 9)]);
        assert!(matches!(
            scored(who5(), &answers),
            Err(ScoreError::Invalid(_))
        ));
    }

    #[test]
    fn who5_cannot_be_declined() {
        let mut answers = who5_answers([5, 5, 5, 5, 5]);
        answers.remove("calm");
        let declined = Declined::from(["calm".to_string()]);
        assert!(matches!(
            score(who5(), &answers, &declined),
            Err(ScoreError::Invalid(e)) if matches!(e[0], ValidationError::NotDeclinable { .. })
        ));
    }

    #[test]
    fn ladder_value_and_bands_under_both_cut_off_sets() {
        for value in 0..=10 {
            let s = scored(ladder(), &ladder_answer(value)).unwrap();
            assert_eq!(s.value("value"), Some(value as u32));
            assert_eq!(s.values.len(), 1);
            assert!(s.flagged_items.is_empty());
            let hbsc = if value >= 6 { "high" } else { "low" };
            assert_eq!(band(&s, "value", "hbsc").as_deref(), Some(hbsc));
            let nordic = if value >= 9 { "high" } else { "not_high" };
            assert_eq!(band(&s, "value", "nordic_high").as_deref(), Some(nordic));
        }
    }

    /// A programme's own cut-offs are data: changing a band changes the result.
    #[test]
    fn cut_offs_come_from_the_data() {
        let mut ladder = ladder().clone();
        ladder.scores[0].band_sets[0].bands[0].max = 6;
        ladder.scores[0].band_sets[0].bands[1].min = 7;
        let s = scored(&ladder, &ladder_answer(6)).unwrap();
        assert_eq!(band(&s, "value", "hbsc").as_deref(), Some("low"));
    }

    /// Days of use are each their own score; a declined item is missing,
    /// never 0, and only the scores resting on it are absent.
    #[test]
    fn days_of_use_and_a_declined_item() {
        let s = substance();
        let answers = s.answers_in_order(&[12, 0, 3]);
        let declined = Declined::from(["anydrug_7d".to_string()]);
        let scores = score(s, &answers, &declined).unwrap();
        assert_eq!(scores.value("cannabis_30d"), Some(12));
        assert_eq!(scores.value("binge_30d"), Some(0));
        assert_eq!(scores.value("otherdrugs_30d"), Some(3));
        assert_eq!(scores.value("anydrug_7d"), None);
        assert!(!scores.bands.iter().any(|b| b.score == "anydrug_7d"));
        let all = s.answers_in_order(&[0, 0, 0, 0]);
        let scores = score(s, &all, &none_declined()).unwrap();
        assert_eq!(
            band(&scores, "anydrug_7d", "drug_free").as_deref(),
            Some("drug_free")
        );
        // 8 days in the last 7 is not an answer.
        let too_many = s.answers_in_order(&[0, 0, 0, 8]);
        assert!(matches!(
            score(s, &too_many, &none_declined()),
            Err(ScoreError::Invalid(_))
        ));
        // Declined and answered at once is refused.
        let both = s.answers_in_order(&[0, 0, 0, 1]);
        assert!(score(s, &both, &declined).is_err());
        // Missing without being declined: no scores at all.
        let some = s.answers_in_order(&[1, 2]);
        assert!(matches!(
            score(s, &some, &none_declined()),
            Err(ScoreError::Incomplete { .. })
        ));
    }
}
