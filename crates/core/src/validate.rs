//! Checking a set of answers against its instrument, with errors a person can read.
//!
//! Validation is separate from scoring so that a response in progress (some
//! items still unanswered) can be checked for bad values before it is complete.

use std::fmt;

use crate::instrument::{Answers, Declined, Instrument};
use crate::lang::Lang;
use crate::messages::clip;

/// What can be wrong with a set of answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationError {
    /// An answer names an item the instrument does not have.
    UnknownItem { instrument: String, item: String },
    /// An answer's value is not one the item accepts.
    OutOfRange {
        instrument: String,
        item: String,
        value: i32,
        min: u8,
        max: u8,
    },
    /// An item has no answer.
    Missing { instrument: String, item: String },
    /// An item that offers no "prefer not to answer" is declined.
    NotDeclinable { instrument: String, item: String },
    /// An item is both answered and declined.
    AnsweredAndDeclined { instrument: String, item: String },
}

impl ValidationError {
    /// The error as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::UnknownItem { instrument, item } => tr!(lang,
                da: format!("{instrument}: spørgsmålet «{item}» findes ikke i skemaet."),
                en: format!("{instrument}: the questionnaire has no item «{item}»."),
            ),
            Self::OutOfRange {
                instrument,
                item,
                value,
                min,
                max,
            } => tr!(lang,
                da: format!("{instrument}: svaret {value} på «{item}» er ikke et af svarmulighederne ({min}–{max})."),
                en: format!("{instrument}: the answer {value} to «{item}» is not one of the options ({min}–{max})."),
            ),
            Self::Missing { instrument, item } => tr!(lang,
                da: format!("{instrument}: spørgsmålet «{item}» er ikke besvaret."),
                en: format!("{instrument}: the item «{item}» has no answer."),
            ),
            Self::NotDeclinable { instrument, item } => tr!(lang,
                da: format!("{instrument}: spørgsmålet «{item}» kan ikke springes over med «Vil ikke svare»."),
                en: format!("{instrument}: the item «{item}» cannot be skipped with «Prefer not to answer»."),
            ),
            Self::AnsweredAndDeclined { instrument, item } => tr!(lang,
                da: format!("{instrument}: spørgsmålet «{item}» er både besvaret og sprunget over."),
                en: format!("{instrument}: the item «{item}» is both answered and declined."),
            ),
        }
    }
}

impl ValidationError {
    /// The error with the ids it repeats cut for a message (see `clip`):
    /// they may come from an imported file.
    pub fn clipped(mut self) -> ValidationError {
        let (Self::UnknownItem { instrument, item }
        | Self::OutOfRange {
            instrument, item, ..
        }
        | Self::Missing { instrument, item }
        | Self::NotDeclinable { instrument, item }
        | Self::AnsweredAndDeclined { instrument, item }) = &mut self;
        *instrument = clip(instrument);
        *item = clip(item);
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ValidationError {}

/// Checks every answer and every declined item against `instrument`. With
/// `require_all`, an item neither answered nor declined is an error too.
/// Returns every problem found, in item order (unknown items last), never
/// just the first.
pub fn validate(
    instrument: &Instrument,
    answers: &Answers,
    declined: &Declined,
    require_all: bool,
) -> Result<(), Vec<ValidationError>> {
    let mut errors = Vec::new();
    let at = |item: &str| (instrument.id.clone(), item.to_string());
    for item in &instrument.items {
        let response = instrument.response_of(item);
        let (instrument_id, item_id) = at(&item.id);
        match (answers.get(&item.id), declined.contains(&item.id)) {
            (Some(_), true) => errors.push(ValidationError::AnsweredAndDeclined {
                instrument: instrument_id,
                item: item_id,
            }),
            (Some(&value), false) if !response.accepts(value) => {
                let (min, max) = response.range();
                errors.push(ValidationError::OutOfRange {
                    instrument: instrument_id,
                    item: item_id,
                    value,
                    min,
                    max,
                });
            }
            (None, true) if !instrument.declinable(item) => {
                errors.push(ValidationError::NotDeclinable {
                    instrument: instrument_id,
                    item: item_id,
                })
            }
            (None, false) if require_all => errors.push(ValidationError::Missing {
                instrument: instrument_id,
                item: item_id,
            }),
            _ => {}
        }
    }
    for key in answers.keys().chain(declined) {
        if instrument.item(key).is_none() {
            let (instrument, item) = at(key);
            errors.push(ValidationError::UnknownItem { instrument, item });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ladder, none_declined, substance, who5, who5_answers};
    use proptest::prelude::*;

    #[test]
    fn a_complete_valid_response_passes() {
        assert_eq!(
            validate(
                who5(),
                &who5_answers([5, 3, 5, 5, 5]),
                &none_declined(),
                true
            ),
            Ok(())
        );
    }

    #[test]
    fn every_problem_is_reported_with_a_readable_message() {
        let mut answers = who5_answers([5, 6, -1, 5, 5]);
        answers.remove("interest");
        answers.insert("mood".into(), 3);
        let errors = validate(who5(), &answers, &none_declined(), true).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(matches!(
            errors[0],
            ValidationError::OutOfRange { value: 6, .. }
        ));
        assert!(matches!(
            errors[1],
            ValidationError::OutOfRange { value: -1, .. }
        ));
        assert!(matches!(&errors[2], ValidationError::Missing { item, .. } if item == "interest"));
        assert!(matches!(&errors[3], ValidationError::UnknownItem { item, .. } if item == "mood"));
        assert_eq!(
            errors[0].message(Lang::Da),
            "who5: svaret 6 på «calm» er ikke et af svarmulighederne (0–5)."
        );
        assert_eq!(
            errors[2].to_string(),
            "who5: the item «interest» has no answer."
        );
    }

    #[test]
    fn a_partial_response_is_valid_while_in_progress() {
        let mut answers = who5_answers([5, 3, 5, 5, 5]);
        answers.remove("rested");
        assert_eq!(validate(who5(), &answers, &none_declined(), false), Ok(()));
        assert!(validate(who5(), &answers, &none_declined(), true).is_err());
    }

    #[test]
    fn declined_items_are_checked_against_the_definition() {
        let s = substance();
        let answers = s.answers_in_order(&[1, 2, 3]);
        let declined = Declined::from(["anydrug_7d".to_string()]);
        assert_eq!(validate(s, &answers, &declined, true), Ok(()));
        let both = s.answers_in_order(&[1, 2, 3, 0]);
        let errors = validate(s, &both, &declined, true).unwrap_err();
        assert!(matches!(
            errors[0],
            ValidationError::AnsweredAndDeclined { .. }
        ));
        let unknown = Declined::from(["nope".to_string()]);
        let errors = validate(s, &answers, &unknown, false).unwrap_err();
        assert!(matches!(&errors[0], ValidationError::UnknownItem { item, .. } if item == "nope"));
        let e = ValidationError::NotDeclinable {
            instrument: "who5".into(),
            item: "calm".into(),
        };
        assert!(e.message(Lang::Da).contains("Vil ikke svare"));
    }

    proptest! {
        /// Validation accepts exactly the answers whose keys are item ids and
        /// whose values are option values, and flags each other entry once.
        #[test]
        fn validation_matches_the_definition(
            entries in proptest::collection::btree_map(
                prop_oneof![
                    Just("happy".to_string()), Just("calm".to_string()),
                    Just("active".to_string()), Just("rested".to_string()),
                    Just("interest".to_string()), "[a-z]{1,8}",
                ],
                -3i32..300,
                0..8,
            ),
            require_all in any::<bool>(),
        ) {
            let who5 = who5();
            let result = validate(who5, &entries, &none_declined(), require_all);
            let unknown = entries.keys().filter(|k| who5.item(k).is_none()).count();
            let bad_values = entries
                .iter()
                .filter(|(k, v)| who5.item(k).is_some() && !(0..=5).contains(*v))
                .count();
            let missing = if require_all {
                who5.items.iter().filter(|i| !entries.contains_key(&i.id)).count()
            } else {
                0
            };
            let expected = unknown + bad_values + missing;
            match result {
                Ok(()) => prop_assert_eq!(expected, 0),
                Err(errors) => {
                    prop_assert_eq!(errors.len(), expected);
                    for e in &errors {
                        prop_assert!(!e.message(Lang::Da).is_empty());
                    }
                }
            }
        }

        /// The ladder accepts 0–10 and nothing else.
        #[test]
        fn ladder_accepts_exactly_zero_to_ten(value in any::<i32>()) {
            let answers = Answers::from([("ladder".to_string(), value)]);
            let ok = validate(ladder(), &answers, &none_declined(), true).is_ok();
            prop_assert_eq!(ok, (0..=10).contains(&value));
        }
    }
}
