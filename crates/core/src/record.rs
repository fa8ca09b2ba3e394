//! A completed response as it is stored and exported: who, when, which
//! instruments in which version, and the answers.
//!
//! A record is immutable once stored. A mistake is corrected by a new record
//! that names the old one in `supersedes` (see `history`), so what was answered
//! is never overwritten and an export can show both. [`check_answers`] is the
//! one record check, with [`RecordError`] its one error type: a stored record
//! passes it before it is exported ([`ResponseRecord::check`]), an imported
//! one before it is read (`import::check_record`), and a record that passes
//! it scores completely with the instruments this build ships.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::instrument::{builtin, Answers, Builtin, Instrument, InstrumentRef};
use crate::lang::Lang;
use crate::messages::clip;
use crate::participant::{MeasurementPoint, ParticipantCode};
use crate::scoring::{score, Score, ScoreError};
use crate::uuid::Uuid;
use crate::validate::{validate, ValidationError};

/// Instrument id of the WHO-5 Well-Being Index.
pub const WHO5: &str = "who5";
/// Instrument id of the 0–10 ladder.
pub const CANTRIL: &str = "cantril";

/// One completed response of one participant at one measurement point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseRecord {
    /// A random id, made by the caller (see [`Uuid::from_random`]).
    pub id: Uuid,
    pub participant: ParticipantCode,
    pub point: MeasurementPoint,
    /// The day the response was completed.
    pub date: Date,
    /// Instrument id → answers.
    pub answers: BTreeMap<String, Answers>,
    /// The instruments answered, with the version of each.
    pub instruments: Vec<InstrumentRef>,
    /// The id of the record this one corrects, if it is a correction.
    #[serde(default)]
    pub supersedes: Option<Uuid>,
    /// Whether the record has been part of an export.
    #[serde(default)]
    pub exported: bool,
}

/// What is wrong with a record, stored or exported: the one error type of
/// the one record check ([`check_answers`], and around it
/// [`ResponseRecord::check`] and `import::check_record`). Every string from
/// the record is cut to [`MAX_ECHO`](crate::messages::MAX_ECHO).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// `supersedes` is the record's own id.
    SupersedesItself,
    /// The record answers no instrument (a stored record lists none).
    NoAnswers,
    /// An instrument is listed twice.
    DuplicateInstrument { id: String },
    /// An instrument this build does not ship.
    UnknownInstrument { id: String },
    /// The record was answered on another version of an instrument.
    VersionMismatch {
        id: String,
        recorded: u32,
        current: u32,
    },
    /// A listed instrument has no answers.
    MissingAnswers { instrument: String },
    /// There are answers for an instrument the record does not list.
    UnlistedAnswers { instrument: String },
    /// The answers to an instrument are invalid or incomplete: the first
    /// problem, and how many more there are.
    InvalidAnswers { error: ValidationError, more: usize },
    /// Answers without a stored score (an exported record).
    MissingScore { instrument: String },
    /// A stored score without answers (an exported record).
    UnexpectedScore { instrument: String },
    /// The stored score differs from the one the answers give.
    ScoreMismatch {
        instrument: String,
        stored: (u32, Option<u32>),
        computed: (u32, Option<u32>),
    },
    /// The stored flagged items differ from the ones the answers give.
    FlaggedMismatch { instrument: String },
    /// The answers could not be scored (from [`ResponseRecord::scores`]).
    Score(ScoreError),
}

impl RecordError {
    /// The problem as a clause in `lang`: it follows the record's name
    /// ("Post 4 (id …): ", "Besvarelsen … kan ikke eksporteres: ").
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::SupersedesItself => tr!(lang,
                da: "posten retter sig selv (supersedes er dens eget id).".into(),
                en: "the record corrects itself (supersedes is its own id).".into(),
            ),
            Self::NoAnswers => tr!(lang,
                da: "posten indeholder ingen svar.".into(),
                en: "the record contains no answers.".into(),
            ),
            Self::DuplicateInstrument { id } => tr!(lang,
                da: format!("skemaet «{id}» er nævnt to gange i posten."),
                en: format!("the questionnaire «{id}» is listed twice in the record."),
            ),
            Self::UnknownInstrument { id } => tr!(lang,
                da: format!("skemaet «{id}» findes ikke i denne udgave af trivsel."),
                en: format!("the questionnaire «{id}» does not exist in this release of trivsel."),
            ),
            Self::VersionMismatch {
                id,
                recorded,
                current,
            } => tr!(lang,
                da: format!("skemaet «{id}» er besvaret i version {recorded}, men denne udgave af trivsel har version {current}."),
                en: format!("the questionnaire «{id}» was answered in version {recorded}, but this release of trivsel has version {current}."),
            ),
            Self::MissingAnswers { instrument } => tr!(lang,
                da: format!("der er ingen svar på skemaet «{instrument}»."),
                en: format!("there are no answers to the questionnaire «{instrument}»."),
            ),
            Self::UnlistedAnswers { instrument } => tr!(lang,
                da: format!("der er svar på skemaet «{instrument}», som posten ikke nævner."),
                en: format!("there are answers to the questionnaire «{instrument}», which the record does not list."),
            ),
            Self::InvalidAnswers { error, more } => {
                let first = error.message(lang);
                match more {
                    0 => first,
                    1 => tr!(lang,
                        da: format!("{first} (Og 1 fejl mere.)"),
                        en: format!("{first} (And 1 more problem.)"),
                    ),
                    n => tr!(lang,
                        da: format!("{first} (Og {n} fejl mere.)"),
                        en: format!("{first} (And {n} more problems.)"),
                    ),
                }
            }
            Self::MissingScore { instrument } => tr!(lang,
                da: format!("der er svar på «{instrument}», men ingen score."),
                en: format!("there are answers to «{instrument}» but no score."),
            ),
            Self::UnexpectedScore { instrument } => tr!(lang,
                da: format!("der er en score for «{instrument}», men ingen svar."),
                en: format!("there is a score for «{instrument}» but no answers."),
            ),
            Self::ScoreMismatch {
                instrument,
                stored,
                computed,
            } => {
                let (stored, computed) = (score_text(*stored, lang), score_text(*computed, lang));
                tr!(lang,
                    da: format!("den gemte score for «{instrument}» ({stored}) passer ikke med svarene ({computed})."),
                    en: format!("the stored score for «{instrument}» ({stored}) does not match the answers ({computed})."),
                )
            }
            Self::FlaggedMismatch { instrument } => tr!(lang,
                da: format!("de markerede spørgsmål i scoren for «{instrument}» passer ikke med svarene."),
                en: format!("the flagged items in the score for «{instrument}» do not match the answers."),
            ),
            Self::Score(e) => e.message(lang),
        }
    }
}

/// A stored score as a message shows it: "rå 16, 64 %" or "7".
fn score_text((raw, percentage): (u32, Option<u32>), lang: Lang) -> String {
    match percentage {
        Some(pct) => tr!(lang, da: format!("rå {raw}, {pct} %"), en: format!("raw {raw}, {pct}%")),
        None => raw.to_string(),
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RecordError {}

/// The record check every record passes, stored or exported: it does not
/// supersede itself; it answers at least one instrument, only instruments
/// `builtin` ships, and every answer set is valid and complete. Returns the
/// score of each answered instrument, in id order, or the first problem.
/// What a record says besides its answers (a stored record's instrument
/// list, an exported record's scores) its own check holds against these.
pub fn check_answers<'a>(
    id: Uuid,
    supersedes: Option<Uuid>,
    answers: &'a BTreeMap<String, Answers>,
    builtin: &Builtin,
) -> Result<Vec<(&'a str, Score)>, RecordError> {
    if supersedes == Some(id) {
        return Err(RecordError::SupersedesItself);
    }
    if answers.is_empty() {
        return Err(RecordError::NoAnswers);
    }
    let mut scores = Vec::with_capacity(answers.len());
    for (id, given) in answers {
        let instrument = builtin
            .get(id)
            .ok_or_else(|| RecordError::UnknownInstrument { id: clip(id) })?;
        let invalid = |errors: Vec<ValidationError>| {
            let more = errors.len().saturating_sub(1);
            let error = errors.into_iter().next().map(ValidationError::clipped);
            RecordError::InvalidAnswers {
                error: error.unwrap_or(ValidationError::Missing {
                    instrument: clip(id),
                    item: String::new(),
                }),
                more,
            }
        };
        validate(instrument, given, true).map_err(invalid)?;
        let score = score(instrument, given).map_err(|_| invalid(Vec::new()))?;
        scores.push((id.as_str(), score));
    }
    Ok(scores)
}

impl ResponseRecord {
    /// Checks a stored record against the instruments `builtin` ships: it
    /// lists at least one instrument, none twice, each one that exists in
    /// exactly the recorded version, each with answers, and only listed
    /// instruments have answers; then [`check_answers`]. Returns the first
    /// problem.
    ///
    /// A record answered on an older version of an instrument fails with
    /// [`RecordError::VersionMismatch`]: it is not scored with rules it was
    /// not answered under.
    pub fn check(&self, builtin: &Builtin) -> Result<(), RecordError> {
        if self.instruments.is_empty() {
            return Err(RecordError::NoAnswers);
        }
        for (i, r) in self.instruments.iter().enumerate() {
            if self.instruments[..i].iter().any(|o| o.id == r.id) {
                return Err(RecordError::DuplicateInstrument { id: clip(&r.id) });
            }
            self.lookup(builtin, r)?;
        }
        if let Some(id) = self
            .answers
            .keys()
            .find(|id| !self.instruments.iter().any(|r| r.id == **id))
        {
            return Err(RecordError::UnlistedAnswers {
                instrument: clip(id),
            });
        }
        check_answers(self.id, self.supersedes, &self.answers, builtin).map(|_| ())
    }

    /// The score of every listed instrument, in the order listed, computed
    /// with the shipped instruments ([`builtin()`]). An instrument that is
    /// unknown, in another version or without answers has an error instead.
    pub fn scores(&self) -> Vec<(&str, Result<Score, RecordError>)> {
        self.scores_with(builtin())
    }

    /// [`scores`](Self::scores) with the given instruments.
    pub fn scores_with(&self, builtin: &Builtin) -> Vec<(&str, Result<Score, RecordError>)> {
        self.instruments
            .iter()
            .map(|r| (r.id.as_str(), self.score_ref(builtin, r)))
            .collect()
    }

    /// The WHO-5 percentage score (0–100), if the record has a complete,
    /// valid WHO-5 in the shipped version.
    pub fn who5_percentage(&self) -> Option<u32> {
        self.score_of(WHO5)?.percentage
    }

    /// The ladder value (0–10), if the record has a valid ladder answer in
    /// the shipped version.
    pub fn ladder(&self) -> Option<u32> {
        Some(self.score_of(CANTRIL)?.raw)
    }

    fn score_of(&self, id: &str) -> Option<Score> {
        let r = self.instruments.iter().find(|r| r.id == id)?;
        self.score_ref(builtin(), r).ok()
    }

    fn score_ref(&self, builtin: &Builtin, r: &InstrumentRef) -> Result<Score, RecordError> {
        let (instrument, answers) = self.lookup(builtin, r)?;
        score(instrument, answers).map_err(RecordError::Score)
    }

    /// The shipped instrument a reference names, and the record's answers to it.
    fn lookup<'b>(
        &self,
        builtin: &'b Builtin,
        r: &InstrumentRef,
    ) -> Result<(&'b Instrument, &Answers), RecordError> {
        let instrument = builtin
            .get(&r.id)
            .ok_or_else(|| RecordError::UnknownInstrument { id: r.id.clone() })?;
        if instrument.version != r.version {
            return Err(RecordError::VersionMismatch {
                id: r.id.clone(),
                recorded: r.version,
                current: instrument.version,
            });
        }
        let answers = self
            .answers
            .get(&r.id)
            .ok_or_else(|| RecordError::MissingAnswers {
                instrument: r.id.clone(),
            })?;
        Ok((instrument, answers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    fn who5(values: [i32; 5]) -> Answers {
        ["happy", "calm", "active", "rested", "interest"]
            .iter()
            .zip(values)
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    fn refs() -> Vec<InstrumentRef> {
        builtin().refs()
    }

    fn record() -> ResponseRecord {
        ResponseRecord {
            id: Uuid::parse(ID).unwrap(),
            participant: ParticipantCode::parse("938NKR").unwrap(),
            point: MeasurementPoint::Intake,
            date: Date::new(2026, 11, 23).unwrap(),
            answers: BTreeMap::from([
                (WHO5.to_string(), who5([3, 2, 3, 2, 2])),
                (CANTRIL.to_string(), Answers::from([("ladder".into(), 6)])),
            ]),
            instruments: refs(),
            supersedes: None,
            exported: false,
        }
    }

    #[test]
    fn a_good_record_checks_and_scores() {
        let r = record();
        assert_eq!(r.check(builtin()), Ok(()));
        assert_eq!(r.who5_percentage(), Some(48)); // raw 12 × 4
        assert_eq!(r.ladder(), Some(6));
        let scores = r.scores();
        assert_eq!(scores.len(), 2);
        assert_eq!(scores[0].0, "who5");
        assert_eq!(scores[0].1.as_ref().unwrap().raw, 12);
        assert_eq!(scores[1].0, "cantril");
        assert_eq!(scores[1].1.as_ref().unwrap().raw, 6);
    }

    #[test]
    fn check_names_the_first_problem() {
        let check = |f: &dyn Fn(&mut ResponseRecord)| {
            let mut r = record();
            f(&mut r);
            r.check(builtin())
        };
        assert!(matches!(
            check(&|r| r.supersedes = Some(r.id)),
            Err(RecordError::SupersedesItself)
        ));
        assert_eq!(
            check(&|r| r.supersedes = Some(Uuid::from_random([0; 16]))),
            Ok(())
        );
        assert_eq!(
            check(&|r| r.instruments.clear()),
            Err(RecordError::NoAnswers)
        );
        assert_eq!(
            check(&|r| r.instruments.push(refs()[0].clone())),
            Err(RecordError::DuplicateInstrument { id: "who5".into() })
        );
        assert_eq!(
            check(&|r| r.instruments[1].id = "ors".into()),
            Err(RecordError::UnknownInstrument { id: "ors".into() })
        );
        assert_eq!(
            check(&|r| r.instruments[0].version = 99),
            Err(RecordError::VersionMismatch {
                id: "who5".into(),
                recorded: 99,
                current: 1
            })
        );
        assert_eq!(
            check(&|r| {
                r.answers.remove(CANTRIL);
            }),
            Err(RecordError::MissingAnswers {
                instrument: "cantril".into()
            })
        );
        assert_eq!(
            check(&|r| {
                r.instruments.pop();
            }),
            Err(RecordError::UnlistedAnswers {
                instrument: "cantril".into()
            })
        );
        let incomplete = check(&|r| {
            r.answers.get_mut(WHO5).unwrap().remove("calm");
        });
        assert!(matches!(
            &incomplete,
            Err(RecordError::InvalidAnswers { error: ValidationError::Missing { instrument, .. }, more: 0 })
                if instrument == "who5"
        ));
        assert_eq!(
            incomplete.unwrap_err().message(Lang::Da),
            "who5: spørgsmålet «calm» er ikke besvaret."
        );
        assert!(matches!(
            check(&|r| {
                r.answers
                    .get_mut(CANTRIL)
                    .unwrap()
                    .insert("ladder".into(), 11);
            }),
            Err(RecordError::InvalidAnswers { .. })
        ));
        assert_eq!(
            RecordError::VersionMismatch {
                id: "who5".into(),
                recorded: 1,
                current: 2
            }
            .message(Lang::Da),
            "skemaet «who5» er besvaret i version 1, men denne udgave af trivsel har version 2."
        );
    }

    #[test]
    fn scores_report_what_is_missing() {
        let mut r = record();
        r.answers.get_mut(WHO5).unwrap().remove("rested");
        r.instruments[1].version = 7;
        let scores = r.scores();
        assert!(matches!(
            &scores[0].1,
            Err(RecordError::Score(ScoreError::Incomplete { missing, .. })) if missing == &["rested"]
        ));
        assert!(matches!(
            &scores[1].1,
            Err(RecordError::VersionMismatch { recorded: 7, .. })
        ));
        assert_eq!(r.who5_percentage(), None);
        assert_eq!(r.ladder(), None);
        r.instruments.clear();
        assert!(r.scores().is_empty());
    }

    #[test]
    fn serde_shape() {
        let r = record();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["point"], serde_json::json!({"kind": "intake"}));
        assert_eq!(json["date"], "2026-11-23");
        assert_eq!(json["participant"], "938NKR");
        assert_eq!(json["supersedes"], serde_json::Value::Null);
        assert_eq!(json["exported"], false);
        assert_eq!(
            json["instruments"][0],
            serde_json::json!({"id": "who5", "version": 1})
        );
        let back: ResponseRecord = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, r);
        // `supersedes` and `exported` may be absent; unknown fields may not.
        let mut minimal = json.clone();
        let obj = minimal.as_object_mut().unwrap();
        obj.remove("supersedes");
        obj.remove("exported");
        assert_eq!(
            serde_json::from_value::<ResponseRecord>(minimal).unwrap(),
            r
        );
        let mut extra = json.clone();
        extra["name"] = "Ida".into();
        assert!(serde_json::from_value::<ResponseRecord>(extra).is_err());
        // An id, or the id it corrects, that is not a UUID v4 is not a record.
        for (field, bad) in [("id", "not-a-uuid"), ("supersedes", "x")] {
            let mut bad_id = json.clone();
            bad_id[field] = bad.into();
            assert!(serde_json::from_value::<ResponseRecord>(bad_id).is_err());
        }
    }

    proptest! {
        /// A record with any complete WHO-5 checks and has the published percentage.
        #[test]
        fn any_complete_record_checks(values in proptest::array::uniform5(0i32..=5), ladder in 0i32..=10) {
            let mut r = record();
            r.answers.insert(WHO5.into(), who5(values));
            r.answers.insert(CANTRIL.into(), Answers::from([("ladder".into(), ladder)]));
            prop_assert_eq!(r.check(builtin()), Ok(()));
            prop_assert_eq!(r.who5_percentage(), Some(values.iter().sum::<i32>() as u32 * 4));
            prop_assert_eq!(r.ladder(), Some(ladder as u32));
        }
    }
}
