//! Scoring: answers in, a score with its bands and item flags out, or the reason there is none.
//!
//! The rules are the published ones, as each instrument's `source` in
//! `crates/core/instruments/` names them: WHO-5 raw = sum of the five items (0–25), percentage
//! = raw × 4 (0–100), an item answered 0 or 1 is flagged whatever the total, and
//! an incomplete WHO-5 has no score: it is never prorated. Scoring never panics
//! on input: it returns a score or a reason.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::instrument::{Answers, Band, Instrument, Scale, ScoringRule};
use crate::lang::Lang;
use crate::validate::{validate, ValidationError};

/// The score of one complete, valid response to one instrument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub instrument: String,
    pub version: u32,
    /// The sum of the items (WHO-5: 0–25), or the single item's value (ladder: 0–10).
    pub raw: u32,
    pub raw_max: u32,
    /// Raw × the rule's factor (WHO-5: 0–100); `None` for single-item scales.
    pub percentage: Option<u32>,
    /// The band the score falls in, for every band set that has one.
    pub bands: Vec<BandHit>,
    /// Items answered at or below the rule's flag threshold, in item order.
    pub flagged_items: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandHit {
    pub set: String,
    pub band: String,
}

impl Score {
    /// The value a band set is read on.
    pub fn on_scale(&self, scale: Scale) -> u32 {
        match scale {
            Scale::Percentage => self.percentage.unwrap_or(self.raw),
            Scale::Raw | Scale::Value => self.raw,
        }
    }

    /// The band this score falls in within `set`, looked up in `instrument`.
    pub fn band<'a>(&self, instrument: &'a Instrument, set: &str) -> Option<&'a Band> {
        let hit = self.bands.iter().find(|h| h.set == set)?;
        instrument
            .band_set(set)?
            .bands
            .iter()
            .find(|b| b.id == hit.band)
    }
}

/// Why a response has no score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreError {
    /// Some answers are not valid for the instrument.
    Invalid(Vec<ValidationError>),
    /// Some items are unanswered; the instrument has no rule for missing items.
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
                    da: format!(
                        "{instrument} er ikke fuldt besvaret (mangler: {missing}), så der er ingen score. \
                         En score beregnes aldrig ud fra en del af svarene."
                    ),
                    en: format!(
                        "{instrument} is not complete (missing: {missing}), so it has no score. \
                         A score is never computed from part of the answers."
                    ),
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
pub fn score(instrument: &Instrument, answers: &Answers) -> Result<Score, ScoreError> {
    validate(instrument, answers, false).map_err(ScoreError::Invalid)?;
    let missing: Vec<String> = instrument
        .items
        .iter()
        .filter(|i| !answers.contains_key(&i.id))
        .map(|i| i.id.clone())
        .collect();
    if !missing.is_empty() {
        return Err(ScoreError::Incomplete {
            instrument: instrument.id.clone(),
            missing,
        });
    }
    // Validated above: every item has an answer that is one of its options (0..=255).
    let value = |id: &str| answers[id].unsigned_abs();
    let raw: u32 = instrument.items.iter().map(|i| value(&i.id)).sum();
    let (percentage, flag_at_most) = match instrument.scoring {
        ScoringRule::Sum {
            percentage_factor,
            flag_items_at_most,
        } => (Some(raw * percentage_factor), flag_items_at_most),
        ScoringRule::Single => (None, None),
    };
    let flagged_items = match flag_at_most {
        Some(limit) => instrument
            .items
            .iter()
            .filter(|i| value(&i.id) <= u32::from(limit))
            .map(|i| i.id.clone())
            .collect(),
        None => Vec::new(),
    };
    let mut score = Score {
        instrument: instrument.id.clone(),
        version: instrument.version,
        raw,
        raw_max: instrument.scale_max(Scale::Raw),
        percentage,
        bands: Vec::new(),
        flagged_items,
    };
    score.bands = instrument
        .band_sets
        .iter()
        .filter_map(|set| {
            let band = set.band_for(score.on_scale(set.scale))?;
            Some(BandHit {
                set: set.id.clone(),
                band: band.id.clone(),
            })
        })
        .collect();
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::builtin;

    const WHO5_ITEMS: [&str; 5] = ["happy", "calm", "active", "rested", "interest"];

    fn who5(values: [i32; 5]) -> Answers {
        WHO5_ITEMS
            .iter()
            .zip(values)
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    fn band(score: &Score, set: &str) -> Option<String> {
        score
            .bands
            .iter()
            .find(|h| h.set == set)
            .map(|h| h.band.clone())
    }

    /// Every one of the 6^5 possible complete WHO-5 responses, against the
    /// published rule written out independently of the scorer.
    #[test]
    fn all_7776_who5_vectors_follow_the_published_rule() {
        let instrument = &builtin().who5;
        let mut seen = 0;
        for n in 0..6u32.pow(5) {
            let values: [i32; 5] = std::array::from_fn(|i| (n / 6u32.pow(i as u32) % 6) as i32);
            let s = score(instrument, &who5(values)).unwrap();
            let raw: i32 = values.iter().sum();
            let pct = raw * 4;
            assert_eq!(s.raw as i32, raw);
            assert_eq!(s.raw_max, 25);
            assert_eq!(s.percentage, Some(pct as u32));
            // Official rule: raw < 13 ⇔ percentage ≤ 50 for whole raw scores.
            assert_eq!(raw < 13, pct <= 50);
            let expected_screening = if pct <= 50 { "screen" } else { "no_indication" };
            assert_eq!(band(&s, "screening").as_deref(), Some(expected_screening));
            let expected_practice = match pct {
                0..=35 => "high_risk",
                36..=50 => "risk",
                _ => "no_risk",
            };
            assert_eq!(band(&s, "practice").as_deref(), Some(expected_practice));
            assert_eq!(band(&s, "likely_depression").is_some(), pct <= 28);
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
        let instrument = &builtin().who5;
        let s = score(instrument, &who5([5, 3, 5, 5, 5])).unwrap();
        assert_eq!((s.raw, s.percentage), (23, Some(92)));
        assert!(s.flagged_items.is_empty());

        let s = score(instrument, &who5([5, 5, 5, 1, 5])).unwrap();
        assert_eq!((s.raw, s.percentage), (21, Some(84)));
        assert_eq!(s.flagged_items, ["rested"]);
        assert_eq!(band(&s, "practice").as_deref(), Some("no_risk"));

        let s = score(instrument, &who5([1, 1, 1, 1, 1])).unwrap();
        assert_eq!((s.raw, s.percentage), (5, Some(20)));
        assert_eq!(band(&s, "practice").as_deref(), Some("high_risk"));
        assert_eq!(
            s.band(instrument, "practice").unwrap().label.da,
            "Høj risiko for depression eller stress"
        );
        assert_eq!(s.flagged_items.len(), 5);
    }

    #[test]
    fn an_incomplete_who5_has_no_score_and_says_which_items_are_missing() {
        let mut answers = who5([5, 5, 5, 5, 5]);
        answers.remove("calm");
        answers.remove("interest");
        let err = score(&builtin().who5, &answers).unwrap_err();
        assert_eq!(
            err,
            ScoreError::Incomplete {
                instrument: "who5".into(),
                missing: vec!["calm".into(), "interest".into()]
            }
        );
        assert!(err.message(Lang::Da).contains("mangler: calm, interest"));
        assert!(score(&builtin().who5, &Answers::new()).is_err());
    }

    #[test]
    fn an_invalid_answer_is_reported_before_missing_items() {
        let answers = Answers::from([("happy".to_string(), 9)]);
        assert!(matches!(
            score(&builtin().who5, &answers),
            Err(ScoreError::Invalid(_))
        ));
    }

    #[test]
    fn ladder_value_and_bands_under_both_cut_off_sets() {
        let ladder = &builtin().cantril;
        for value in 0..=10 {
            let s = score(ladder, &Answers::from([("ladder".to_string(), value)])).unwrap();
            assert_eq!(s.raw, value as u32);
            assert_eq!(s.raw_max, 10);
            assert_eq!(s.percentage, None);
            assert!(s.flagged_items.is_empty());
            let hbsc = if value >= 6 { "high" } else { "low" };
            assert_eq!(band(&s, "hbsc").as_deref(), Some(hbsc));
            let nordic = if value >= 9 { "high" } else { "not_high" };
            assert_eq!(band(&s, "nordic_high").as_deref(), Some(nordic));
        }
    }

    /// A programme's own cut-offs are data: changing a band changes the result.
    #[test]
    fn cut_offs_come_from_the_data() {
        let mut ladder = builtin().cantril.clone();
        ladder.band_sets[0].bands[0].max = 6;
        ladder.band_sets[0].bands[1].min = 7;
        let s = score(&ladder, &Answers::from([("ladder".to_string(), 6)])).unwrap();
        assert_eq!(band(&s, "hbsc").as_deref(), Some("low"));
    }
}
