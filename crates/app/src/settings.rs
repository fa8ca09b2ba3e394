//! The choices a programme makes once per tablet: which battery a new
//! measurement asks, which band set is shown where the data lets the
//! programme choose one, and the parameters of each reliable-change
//! criterion. Pure data and rules, tested natively; storage keeps it as JSON.
//!
//! Nothing here names an instrument: choices are keyed by the ids in the
//! data (`instrument/score` for a band set, `instrument/score/criterion`
//! for reliable change), and what is not chosen falls back to the data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use trivsel_core::instrument::CriterionRule;
use trivsel_core::report::key;
use trivsel_core::{Battery, BatteryRef, Catalogue, Instrument, ReliableChange, ScoreDef};

/// Choices a programme makes once per tablet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The battery new measurements ask; the catalogue's default when none
    /// is chosen or the chosen one is gone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub battery: Option<BatteryRef>,
    /// `instrument/score` → the one band set shown, for scores whose data
    /// lets the programme choose.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub band_sets: BTreeMap<String, String>,
    /// `instrument/score/criterion` → the programme's reliable-change parameters.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub reliable: BTreeMap<String, ReliableChange>,
    /// Months after which exported records are offered for erasure (see
    /// [`Settings::retention`]); none chosen is the default period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_months: Option<u32>,
    /// The first release's one reliable-change setting; read from an older
    /// tablet and moved into `reliable` by [`Settings::upgraded`].
    #[serde(skip_serializing)]
    reliable_change: Option<ReliableChange>,
    /// The first release's one choice of band set; moved into `band_sets`.
    #[serde(skip_serializing)]
    ladder_band_set: Option<String>,
}

/// The retention period when none is chosen: two years.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

/// A score's key in the settings: `instrument/score`.
pub fn score_key(instrument: &Instrument, score: &ScoreDef) -> String {
    format!("{}/{}", instrument.id, score.id)
}

impl Settings {
    /// The settings with the first release's two fields moved to where they
    /// belong now: its reliable-change setting applies to every
    /// reliable-change criterion of the shipped instruments (it was the only
    /// one), its band set choice to every score that lets the programme
    /// choose among sets with that id.
    pub fn upgraded(mut self) -> Settings {
        let shipped = Catalogue::shipped();
        if let Some(rc) = self.reliable_change.take() {
            for (i, s, c) in reliable_criteria(shipped.instruments()) {
                self.reliable.entry(key(&i.id, &s.id, &c)).or_insert(rc);
            }
        }
        if let Some(set) = self.ladder_band_set.take() {
            for i in shipped.instruments() {
                for s in i.scores.iter().filter(|s| s.choose_one_band_set) {
                    if s.band_set(&set).is_some() {
                        self.band_sets
                            .entry(score_key(i, s))
                            .or_insert_with(|| set.clone());
                    }
                }
            }
        }
        self
    }

    /// Months after which exported records are offered for erasure.
    pub fn retention(&self) -> u32 {
        self.retention_months.unwrap_or(DEFAULT_RETENTION_MONTHS)
    }

    /// The battery new measurements ask.
    pub fn battery<'c>(&self, catalogue: &'c Catalogue) -> &'c Battery {
        self.battery
            .as_ref()
            .and_then(|b| catalogue.battery(b))
            .unwrap_or_else(|| catalogue.default_battery())
    }

    /// The band sets shown for `score` of `instrument`: the one the
    /// programme chose, where the data lets it choose, otherwise the data's.
    pub fn shown_band_sets(&self, instrument: &Instrument, score: &ScoreDef) -> Vec<String> {
        let chosen = self
            .band_sets
            .get(&score_key(instrument, score))
            .filter(|id| score.choose_one_band_set && score.band_set(id).is_some());
        match chosen {
            Some(id) => vec![id.clone()],
            None => score.shown_band_sets.clone(),
        }
    }

    /// The programme's parameters for a reliable-change criterion, if it set any.
    pub fn reliable(
        &self,
        instrument: &str,
        score: &str,
        criterion: &str,
    ) -> Option<ReliableChange> {
        self.reliable
            .get(&key(instrument, score, criterion))
            .copied()
    }

    /// The parameters a reliable-change criterion uses: the programme's or
    /// the data's default.
    pub fn reliable_or_default(
        &self,
        instrument: &Instrument,
        score: &ScoreDef,
        criterion: &str,
    ) -> Option<ReliableChange> {
        let c = score.criterion(criterion)?;
        match c.rule {
            CriterionRule::Reliable { default } => Some(
                self.reliable(&instrument.id, &score.id, criterion)
                    .unwrap_or(default),
            ),
            _ => None,
        }
    }
}

/// Every reliable-change criterion of `instruments`: instrument, score and
/// criterion id.
pub fn reliable_criteria(instruments: &[Instrument]) -> Vec<(&Instrument, &ScoreDef, String)> {
    instruments
        .iter()
        .flat_map(|i| i.scores.iter().map(move |s| (i, s)))
        .flat_map(|(i, s)| {
            s.change
                .iter()
                .filter(|c| matches!(c.rule, CriterionRule::Reliable { .. }))
                .map(move |c| (i, s, c.id.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(id: &str) -> &'static Instrument {
        Catalogue::shipped().get(id, 1).unwrap()
    }

    #[test]
    fn a_first_release_tablet_keeps_its_choices() {
        let old = r#"{"reliable_change":{"kind":"jacobson_truax","sd":18.0,"reliability":0.8},"ladder_band_set":"nordic_high"}"#;
        let s: Settings = serde_json::from_str(old).unwrap();
        let s = s.upgraded();
        let jt = ReliableChange::JacobsonTruax {
            sd: 18.0,
            reliability: 0.8,
        };
        assert_eq!(s.reliable("who5", "percentage", "reliable"), Some(jt));
        let ladder = shipped("cantril");
        assert_eq!(
            s.shown_band_sets(ladder, &ladder.scores[0]),
            ["nordic_high"]
        );
        // The old fields are not written again.
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("ladder_band_set") && !json.contains("reliable_change"));
        assert_eq!(
            serde_json::from_str::<Settings>(&json).unwrap().upgraded(),
            s
        );
    }

    #[test]
    fn defaults_come_from_the_data() {
        let s = Settings::default();
        let who5 = shipped("who5");
        let pct = who5.score("percentage").unwrap();
        assert_eq!(
            s.shown_band_sets(who5, pct),
            ["practice", "screening", "likely_depression"]
        );
        assert_eq!(
            s.reliable_or_default(who5, pct, "reliable"),
            Some(ReliableChange::Mdc { points: 23.6 })
        );
        assert_eq!(s.reliable_or_default(who5, pct, "ten_point"), None);
        assert_eq!(s.battery(Catalogue::shipped()).id, "default");
        // A choice where the data allows none is ignored.
        let mut s = Settings::default();
        s.band_sets.insert(score_key(who5, pct), "screening".into());
        assert_eq!(s.shown_band_sets(who5, pct).len(), 3);
        // A battery that is gone falls back to the default.
        s.battery = Some(BatteryRef {
            id: "gone".into(),
            version: 1,
        });
        assert_eq!(s.battery(Catalogue::shipped()).id, "default");
        assert_eq!(
            reliable_criteria(Catalogue::shipped().instruments()).len(),
            1
        );
    }
}
