//! A completed response as it is stored and exported: who, when, which
//! instruments in which version, and the answers.
//!
//! A record is immutable once stored. A mistake is corrected by a new record
//! that names the old one in `supersedes` (see `history`), so what was answered
//! is never overwritten and an export can show both. [`Answered::check`] is
//! the one record check, with [`RecordError`] its one error type: a stored
//! record passes it before it is stored or exported
//! ([`ResponseRecord::check`]), an imported one before it is read
//! (`import::check_record`), and a record that passes it scores completely
//! with the catalogue it was checked against.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::instrument::{Answers, Declined, Instrument, InstrumentRef};
use crate::lang::Lang;
use crate::messages::clip;
use crate::participant::{MeasurementPoint, ParticipantCode};
use crate::scoring::{score, ScoreError, Scores};
use crate::uuid::Uuid;
use crate::validate::{validate, ValidationError};

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
    /// Instrument id → the items declined ("prefer not to answer").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub declined: BTreeMap<String, Declined>,
    /// Exactly the instruments the questionnaire asked, with the version of each.
    pub instruments: Vec<InstrumentRef>,
    /// The id of the record this one corrects, if it is a correction.
    #[serde(default)]
    pub supersedes: Option<Uuid>,
    /// Whether the record has been part of an export.
    #[serde(default)]
    pub exported: bool,
}

/// What is wrong with a record, stored or exported: the one error type of
/// the one record check ([`Answered::check`], and around it
/// [`ResponseRecord::check`] and `import::check_record`). Every string from
/// the record is cut to [`MAX_ECHO`](crate::messages::MAX_ECHO).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// `supersedes` is the record's own id.
    SupersedesItself,
    /// The record lists no instrument.
    NoAnswers,
    /// An instrument is listed twice.
    DuplicateInstrument { id: String },
    /// An instrument the catalogue does not have in any version.
    UnknownInstrument { id: String },
    /// The record was answered on a version of an instrument the catalogue lacks.
    VersionMismatch {
        id: String,
        recorded: u32,
        current: u32,
    },
    /// A listed instrument has neither answers nor declined items.
    MissingAnswers { instrument: String },
    /// There are answers (or declined items) for an instrument the record
    /// does not list.
    UnlistedAnswers { instrument: String },
    /// The answers to an instrument are invalid or incomplete: the first
    /// problem, and how many more there are.
    InvalidAnswers { error: ValidationError, more: usize },
    /// Answers without a stored score (an exported record).
    MissingScore { instrument: String },
    /// A stored score or flag without answers (an exported record).
    UnexpectedScore { instrument: String },
    /// A stored score differs from the one the answers give (absent where
    /// `None`).
    ScoreMismatch {
        instrument: String,
        score: String,
        stored: Option<u32>,
        computed: Option<u32>,
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
                score,
                stored,
                computed,
            } => {
                let (stored, computed) = (score_text(*stored, lang), score_text(*computed, lang));
                tr!(lang,
                    da: format!("den gemte score «{score}» for «{instrument}» ({stored}) passer ikke med svarene ({computed})."),
                    en: format!("the stored score «{score}» for «{instrument}» ({stored}) does not match the answers ({computed})."),
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

/// A stored or computed score as a message shows it: the value, or "none".
fn score_text(score: Option<u32>, lang: Lang) -> String {
    match score {
        Some(v) => v.to_string(),
        None => tr!(lang, da: "ingen".into(), en: "none".into()),
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RecordError {}

/// The instrument `r` names in `catalogue`, or why there is none.
pub fn lookup<'c>(
    catalogue: &'c Catalogue,
    r: &InstrumentRef,
) -> Result<&'c Instrument, RecordError> {
    catalogue.instrument(r).ok_or_else(|| {
        let versions = catalogue.instruments().iter().filter(|i| i.id == r.id);
        match versions.map(|i| i.version).max() {
            Some(current) => RecordError::VersionMismatch {
                id: clip(&r.id),
                recorded: r.version,
                current,
            },
            None => RecordError::UnknownInstrument { id: clip(&r.id) },
        }
    })
}

/// What every record, stored or exported, says about its answers: the part
/// the one record check reads.
#[derive(Clone, Copy, Debug)]
pub struct Answered<'a> {
    pub id: Uuid,
    pub supersedes: Option<Uuid>,
    pub instruments: &'a [InstrumentRef],
    pub answers: &'a BTreeMap<String, Answers>,
    pub declined: &'a BTreeMap<String, Declined>,
}

impl<'a> Answered<'a> {
    /// The record check every record passes, stored or exported: it does not
    /// supersede itself; it lists at least one instrument, none twice, each
    /// one `catalogue` has in exactly the recorded version; each listed
    /// instrument has answers or declined items, and only listed instruments
    /// do; and every answer set is valid and complete. Returns the scores of
    /// the listed instruments, in the order listed, or the first problem.
    pub fn check(
        &self,
        catalogue: &Catalogue,
    ) -> Result<Vec<(&'a InstrumentRef, Scores)>, RecordError> {
        if self.supersedes == Some(self.id) {
            return Err(RecordError::SupersedesItself);
        }
        if self.instruments.is_empty() {
            return Err(RecordError::NoAnswers);
        }
        let mut scores = Vec::with_capacity(self.instruments.len());
        for (i, r) in self.instruments.iter().enumerate() {
            if self.instruments[..i].iter().any(|o| o.id == r.id) {
                return Err(RecordError::DuplicateInstrument { id: clip(&r.id) });
            }
            let (instrument, answers, declined) = self.given(catalogue, r)?;
            let invalid = |errors: Vec<ValidationError>| RecordError::InvalidAnswers {
                more: errors.len().saturating_sub(1),
                error: errors.into_iter().next().map_or_else(
                    || ValidationError::Missing {
                        instrument: clip(&r.id),
                        item: String::new(),
                    },
                    ValidationError::clipped,
                ),
            };
            validate(instrument, answers, declined, true).map_err(invalid)?;
            let scored = score(instrument, answers, declined).map_err(|_| invalid(Vec::new()))?;
            scores.push((r, scored));
        }
        let listed = |id: &&String| self.instruments.iter().any(|r| r.id == **id);
        let mut given = self.answers.keys().chain(self.declined.keys());
        if let Some(id) = given.find(|id| !listed(id)) {
            return Err(RecordError::UnlistedAnswers {
                instrument: clip(id),
            });
        }
        Ok(scores)
    }

    /// The instrument a reference names, and what the record gave for it.
    fn given<'c>(
        &self,
        catalogue: &'c Catalogue,
        r: &InstrumentRef,
    ) -> Result<(&'c Instrument, &'a Answers, &'a Declined), RecordError> {
        static NO_ANSWERS: Answers = Answers::new();
        static NONE_DECLINED: Declined = Declined::new();
        let instrument = lookup(catalogue, r)?;
        let (answers, declined) = (self.answers.get(&r.id), self.declined.get(&r.id));
        if answers.is_none() && declined.is_none() {
            return Err(RecordError::MissingAnswers {
                instrument: clip(&r.id),
            });
        }
        Ok((
            instrument,
            answers.unwrap_or(&NO_ANSWERS),
            declined.unwrap_or(&NONE_DECLINED),
        ))
    }
}

impl ResponseRecord {
    /// What the record says about its answers.
    pub fn answered(&self) -> Answered<'_> {
        Answered {
            id: self.id,
            supersedes: self.supersedes,
            instruments: &self.instruments,
            answers: &self.answers,
            declined: &self.declined,
        }
    }

    /// Checks the record against `catalogue` ([`Answered::check`]).
    pub fn check(&self, catalogue: &Catalogue) -> Result<(), RecordError> {
        self.answered().check(catalogue).map(|_| ())
    }

    /// The scores of every listed instrument, in the order listed. An
    /// instrument the catalogue lacks, or without answers, has an error instead.
    pub fn scores(
        &self,
        catalogue: &Catalogue,
    ) -> Vec<(&InstrumentRef, Result<Scores, RecordError>)> {
        let answered = self.answered();
        self.instruments
            .iter()
            .map(|r| {
                let scored = answered
                    .given(catalogue, r)
                    .and_then(|(i, a, d)| score(i, a, d).map_err(RecordError::Score));
                (r, scored)
            })
            .collect()
    }

    /// The value of score `score` of instrument `instrument` (by id), if the
    /// record has it.
    pub fn value(&self, catalogue: &Catalogue, instrument: &str, score: &str) -> Option<u32> {
        let r = self.instruments.iter().find(|r| r.id == instrument)?;
        let (i, a, d) = self.answered().given(catalogue, r).ok()?;
        crate::scoring::score(i, a, d).ok()?.value(score)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{reference, substance, who5_and_ladder};
    use proptest::prelude::*;

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const WHO5: &str = "who5";
    const CANTRIL: &str = "cantril";

    fn refs() -> Vec<InstrumentRef> {
        vec![reference(WHO5), reference(CANTRIL)]
    }

    fn shipped() -> &'static Catalogue {
        Catalogue::shipped()
    }

    fn record() -> ResponseRecord {
        ResponseRecord {
            id: Uuid::parse(ID).unwrap(),
            participant: ParticipantCode::parse("938NKR").unwrap(),
            point: MeasurementPoint::Intake,
            date: Date::new(2026, 11, 23).unwrap(),
            answers: who5_and_ladder([3, 2, 3, 2, 2], 6),
            declined: BTreeMap::new(),
            instruments: refs(),
            supersedes: None,
            exported: false,
        }
    }

    #[test]
    fn a_good_record_checks_and_scores() {
        let r = record();
        assert_eq!(r.check(shipped()), Ok(()));
        assert_eq!(r.value(shipped(), WHO5, "percentage"), Some(48)); // raw 12 × 4
        assert_eq!(r.value(shipped(), CANTRIL, "value"), Some(6));
        let scores = r.scores(shipped());
        assert_eq!(scores.len(), 2);
        assert_eq!(scores[0].0.id, "who5");
        assert_eq!(scores[0].1.as_ref().unwrap().value("raw"), Some(12));
        assert_eq!(scores[1].0.id, "cantril");
        assert_eq!(scores[1].1.as_ref().unwrap().value("value"), Some(6));
    }

    #[test]
    fn check_names_the_first_problem() {
        let check = |f: &dyn Fn(&mut ResponseRecord)| {
            let mut r = record();
            f(&mut r);
            r.check(shipped())
        };
        assert_eq!(
            check(&|r| r.supersedes = Some(r.id)),
            Err(RecordError::SupersedesItself)
        );
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
        let scores = r.scores(shipped());
        assert!(matches!(
            &scores[0].1,
            Err(RecordError::Score(ScoreError::Incomplete { missing, .. })) if missing == &["rested"]
        ));
        assert!(matches!(
            &scores[1].1,
            Err(RecordError::VersionMismatch { recorded: 7, .. })
        ));
        assert_eq!(r.value(shipped(), WHO5, "percentage"), None);
        assert_eq!(r.value(shipped(), CANTRIL, "value"), None);
        r.instruments.clear();
        assert!(r.scores(shipped()).is_empty());
    }

    /// A record lists exactly what its questionnaire asked; a declined item
    /// is missing, and an instrument may be declined in part.
    #[test]
    fn declined_items_and_a_third_instrument() {
        let mut r = record();
        r.instruments.push(reference("substance"));
        r.answers
            .insert("substance".into(), substance().answers_in_order(&[4, 0, 0]));
        r.declined.insert(
            "substance".into(),
            Declined::from(["anydrug_7d".to_string()]),
        );
        assert_eq!(r.check(shipped()), Ok(()));
        assert_eq!(r.value(shipped(), "substance", "cannabis_30d"), Some(4));
        assert_eq!(r.value(shipped(), "substance", "anydrug_7d"), None);
        // Declining on an instrument the record does not list.
        let mut bad = record();
        bad.declined.insert(
            "substance".into(),
            Declined::from(["anydrug_7d".to_string()]),
        );
        assert_eq!(
            bad.check(shipped()),
            Err(RecordError::UnlistedAnswers {
                instrument: "substance".into()
            })
        );
        // A record stored before declining existed reads the same.
        let json = serde_json::to_value(record()).unwrap();
        assert!(json.get("declined").is_none());
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
            r.answers = who5_and_ladder(values, ladder);
            prop_assert_eq!(r.check(shipped()), Ok(()));
            prop_assert_eq!(r.value(shipped(), WHO5, "percentage"), Some(values.iter().sum::<i32>() as u32 * 4));
            prop_assert_eq!(r.value(shipped(), CANTRIL, "value"), Some(ladder as u32));
        }
    }
}
