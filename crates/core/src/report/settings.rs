//! The report settings an evaluator may change, found in the data: every
//! reference value and every reliable-change criterion that an instrument's
//! report figures use, named by its key (`instrument/score/name`, see
//! [`key`]) with the data's default. A front end offers these, and checks a
//! setting against them before a report is computed with it: the key must name
//! one, and a reference must lie in the range its score can take.

use super::{key, OutOfRange, ReportParams, ReportParamsError};
use crate::catalogue::Catalogue;
use crate::change::ReliableChange;
use crate::instrument::{Criterion, CriterionRule, FigureKind, Instrument, Reference, ScoreDef};

/// One setting a report over an instrument offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<'a> {
    /// How [`ReportParams`] names it: `instrument/score/name`.
    pub key: String,
    pub instrument: &'a Instrument,
    pub score: &'a ScoreDef,
    pub kind: SettingKind<'a>,
}

/// What a setting sets.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingKind<'a> {
    /// A value a figure compares the score with; the data's value is the
    /// default.
    Reference(&'a Reference),
    /// The parameters of a reliable-change criterion, by default the data's.
    Reliable {
        criterion: &'a Criterion,
        default: ReliableChange,
    },
}

impl Setting<'_> {
    /// The lowest and highest value the setting's score can take.
    pub fn range(&self) -> (u32, u32) {
        (
            self.instrument.score_min(self.score),
            self.instrument.score_max(self.score),
        )
    }
}

/// The settings `instrument`'s report figures use, in the order of its
/// scores and figures, each once.
pub fn settings(instrument: &Instrument) -> Vec<Setting<'_>> {
    let mut out: Vec<Setting<'_>> = Vec::new();
    for score in &instrument.scores {
        for figure in &score.report {
            let found = match &figure.kind {
                FigureKind::Difference { reference, .. } => score
                    .reference(reference)
                    .map(|r| (reference, SettingKind::Reference(r))),
                FigureKind::Changed { criterion, .. } => {
                    score.criterion(criterion).and_then(|c| match c.rule {
                        CriterionRule::Reliable { default } => Some((
                            criterion,
                            SettingKind::Reliable {
                                criterion: c,
                                default,
                            },
                        )),
                        _ => None,
                    })
                }
                _ => None,
            };
            let Some((name, kind)) = found else {
                continue;
            };
            let k = key(&instrument.id, &score.id, name);
            if !out.iter().any(|s| s.key == k) {
                out.push(Setting {
                    key: k,
                    instrument,
                    score,
                    kind,
                });
            }
        }
    }
    out
}

/// The setting `key` names among every instrument of `catalogue` (the
/// first, in catalogue order, where versions share it).
pub fn setting<'c>(catalogue: &'c Catalogue, key: &str) -> Option<Setting<'c>> {
    catalogue
        .instruments()
        .iter()
        .flat_map(settings)
        .find(|s| s.key == key)
}

impl ReportParams {
    /// [`check`](Self::check), and every setting against the definitions in
    /// `catalogue`: each reference key names a reference some figure uses
    /// and its value lies in its score's range; each reliable-change key
    /// names a reliable-change criterion some figure uses.
    pub fn check_with(&self, catalogue: &Catalogue) -> Result<(), ReportParamsError> {
        self.check()?;
        for (k, value) in &self.references {
            let Some(s) = setting(catalogue, k) else {
                return Err(ReportParamsError::UnknownReference { key: k.clone() });
            };
            let SettingKind::Reference(reference) = s.kind else {
                return Err(ReportParamsError::UnknownReference { key: k.clone() });
            };
            let (min, max) = s.range();
            if !(f64::from(min)..=f64::from(max)).contains(value) {
                return Err(ReportParamsError::ReferenceRange(Box::new(OutOfRange {
                    key: k.clone(),
                    reference: reference.name.clone(),
                    score: s.score.short.clone(),
                    value: *value,
                    min,
                    max,
                })));
            }
        }
        for k in self.reliable.keys() {
            if !matches!(
                setting(catalogue, k).map(|s| s.kind),
                Some(SettingKind::Reliable { .. })
            ) {
                return Err(ReportParamsError::UnknownCriterion { key: k.clone() });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn shipped() -> &'static Catalogue {
        Catalogue::shipped()
    }

    #[test]
    fn the_shipped_figures_offer_one_reference_and_one_criterion() {
        let keys: Vec<(String, bool)> = shipped()
            .instruments()
            .iter()
            .flat_map(settings)
            .map(|s| (s.key, matches!(s.kind, SettingKind::Reference(_))))
            .collect();
        assert_eq!(
            keys,
            [
                ("who5/percentage/reliable".to_string(), false),
                ("cantril/value/danish_youth".to_string(), true),
            ]
        );
        let ladder = setting(shipped(), "cantril/value/danish_youth").unwrap();
        assert_eq!(ladder.range(), (0, 10));
        assert!(matches!(ladder.kind, SettingKind::Reference(r) if r.value == 7.5));
        let rc = setting(shipped(), "who5/percentage/reliable").unwrap();
        assert!(matches!(
            rc.kind,
            SettingKind::Reliable { default: ReliableChange::Mdc { points }, .. } if points == 23.6
        ));
        assert_eq!(rc.range(), (0, 100));
        assert!(setting(shipped(), "who5/percentage/ten_point").is_none());
    }

    #[test]
    fn settings_are_checked_against_the_definitions() {
        let mut p = ReportParams::default();
        assert_eq!(p.check_with(shipped()), Ok(()));
        p.references
            .insert("cantril/value/danish_youth".into(), 10.0);
        p.reliable.insert(
            "who5/percentage/reliable".into(),
            ReliableChange::JacobsonTruax {
                sd: 20.0,
                reliability: 0.81,
            },
        );
        assert_eq!(p.check_with(shipped()), Ok(()));

        p.references
            .insert("cantril/value/danish_youth".into(), 11.0);
        let err = p.check_with(shipped()).unwrap_err();
        assert_eq!(
            err.message(Lang::Da),
            "Referencen for Stige 0–10 (danske unge generelt) skal være et tal fra 0 til 10 (ikke 11)."
        );
        assert_eq!(
            err.message(Lang::En),
            "The reference for Ladder 0–10 (Danish young people in general) must be a number from 0 to 10 (not 11)."
        );
        p.references
            .insert("cantril/value/danish_youth".into(), -0.5);
        assert!(p.check_with(shipped()).is_err());

        let mut p = ReportParams::default();
        p.references.insert("cantril/value/nope".into(), 5.0);
        let err = p.check_with(shipped()).unwrap_err();
        assert_eq!(
            err,
            ReportParamsError::UnknownReference {
                key: "cantril/value/nope".into()
            }
        );
        assert_eq!(
            err.message(Lang::Da),
            "Ingen figur i rapporten bruger referencen «cantril/value/nope»."
        );
        let mut p = ReportParams::default();
        p.references.insert("who5/percentage/reliable".into(), 5.0);
        assert!(matches!(
            p.check_with(shipped()),
            Err(ReportParamsError::UnknownReference { .. })
        ));
        let mut p = ReportParams::default();
        p.reliable.insert(
            "cantril/value/danish_youth".into(),
            ReliableChange::Mdc { points: 1.0 },
        );
        let err = p.check_with(shipped()).unwrap_err();
        assert!(matches!(err, ReportParamsError::UnknownCriterion { .. }));
        assert_eq!(
            err.message(Lang::En),
            "No figure of the report uses the reliable-change criterion «cantril/value/danish_youth»."
        );
        // The checks of `check` come first.
        let mut p = ReportParams {
            min_cell: 0,
            ..ReportParams::default()
        };
        p.references.insert("x/y/z".into(), 1.0);
        assert_eq!(p.check_with(shipped()), Err(ReportParamsError::MinCell(0)));
    }
}
