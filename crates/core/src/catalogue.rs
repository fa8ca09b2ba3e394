//! One catalogue of instruments and batteries, looked up by id and version.
//!
//! The shipped definitions are JSON files embedded here, the only place in
//! the code that names them. A tablet adds what its programme files bring; an
//! evaluator's import adds what its exports carry. Everything added is
//! checked first, and an id and version never stand for two different ways of
//! answering and scoring: a definition that differs from the one already
//! known under its id and version is refused.

use std::fmt;
use std::sync::OnceLock;

use crate::battery::{Battery, BatteryRef};
use crate::instrument::{DefinitionError, Instrument, InstrumentRef, Rule};
use crate::lang::{Lang, Text};

/// The shipped definitions (`catalogue/instruments/*.json` and
/// `catalogue/batteries/*.json`), embedded by the build script in file-name
/// order, the default battery first.
mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
}

/// Instruments and batteries by id and version.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalogue {
    instruments: Vec<Instrument>,
    batteries: Vec<Battery>,
}

/// Why a definition cannot join a catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    /// The instrument definition is not coherent.
    Definition(DefinitionError),
    /// Another definition with the same id and version is answered or
    /// scored differently.
    Clash { id: String, version: u32 },
    /// The battery is not coherent.
    Battery { id: String, problem: Text },
    /// A battery asks an instrument the catalogue does not have.
    UnknownInstrument {
        battery: String,
        instrument: InstrumentRef,
    },
}

impl CatalogueError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Definition(e), lang) => e.message(lang),
            (Self::Clash { id, version }, Lang::Da) => format!(
                "Skemaet «{id}» version {version} findes allerede i en anden udgave med andre svar eller scorer. Et skema, der ændres, skal have en ny version."
            ),
            (Self::Clash { id, version }, Lang::En) => format!(
                "The questionnaire «{id}» version {version} already exists in another edition with other answers or scores. A questionnaire that changes needs a new version."
            ),
            (Self::Battery { id, problem }, Lang::Da) => {
                format!("Batteriet «{id}» kan ikke bruges: {}.", problem.da)
            }
            (Self::Battery { id, problem }, Lang::En) => {
                format!("The battery «{id}» cannot be used: {}.", problem.en)
            }
            (Self::UnknownInstrument { battery, instrument }, Lang::Da) => format!(
                "Batteriet «{battery}» spørger om skemaet «{}» version {}, som ikke findes.",
                instrument.id, instrument.version
            ),
            (Self::UnknownInstrument { battery, instrument }, Lang::En) => format!(
                "The battery «{battery}» asks the questionnaire «{}» version {}, which does not exist.",
                instrument.id, instrument.version
            ),
        }
    }
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CatalogueError {}

/// What decides how an instrument is answered and scored: its items' ids,
/// accepted values and whether they may be declined, its scores' rules and
/// its item flags. Two definitions with the same id and version must agree
/// on this; wording, bands and report figures may be mended without a new
/// version.
fn scoring_key(i: &Instrument) -> ScoringKey<'_> {
    let items = i
        .items
        .iter()
        .map(|it| (it.id.as_str(), i.response_of(it).values(), i.declinable(it)))
        .collect();
    let scores = i.scores.iter().map(|s| (s.id.as_str(), &s.rule)).collect();
    (items, scores, i.flags.as_ref().map(|f| f.at_most))
}

type ScoringKey<'a> = (
    Vec<(&'a str, Vec<u8>, bool)>,
    Vec<(&'a str, &'a Rule)>,
    Option<u8>,
);

impl Catalogue {
    /// The shipped instruments and batteries, parsed and checked once.
    pub fn shipped() -> &'static Catalogue {
        static SHIPPED: OnceLock<Catalogue> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            let mut c = Catalogue::default();
            for json in shipped::INSTRUMENTS {
                // Part of the build, and checked by the tests below.
                let i: Instrument = serde_json::from_str(json).expect("shipped instrument");
                c.instruments.push(i);
            }
            for json in shipped::BATTERIES {
                let b: Battery = serde_json::from_str(json).expect("shipped battery");
                c.batteries.push(b);
            }
            c
        })
    }

    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    pub fn batteries(&self) -> &[Battery] {
        &self.batteries
    }

    /// The instrument with this id and version.
    pub fn get(&self, id: &str, version: u32) -> Option<&Instrument> {
        self.instruments
            .iter()
            .find(|i| i.id == id && i.version == version)
    }

    /// The instrument a reference names.
    pub fn instrument(&self, r: &InstrumentRef) -> Option<&Instrument> {
        self.get(&r.id, r.version)
    }

    /// The instruments `asked` names (as records name them: id and
    /// version), each once, in catalogue order.
    pub fn answered<'a>(
        &self,
        asked: impl IntoIterator<Item = &'a InstrumentRef>,
    ) -> Vec<&Instrument> {
        let asked: Vec<&InstrumentRef> = asked.into_iter().collect();
        let named = |i: &&Instrument| asked.iter().any(|r| r.id == i.id && r.version == i.version);
        self.instruments.iter().filter(named).collect()
    }

    pub fn battery(&self, r: &BatteryRef) -> Option<&Battery> {
        self.batteries
            .iter()
            .find(|b| b.id == r.id && b.version == r.version)
    }

    /// The battery asked when a programme has chosen none: the first shipped.
    pub fn default_battery(&self) -> &Battery {
        &Catalogue::shipped().batteries[0]
    }

    /// The newest version of each battery, in the order first added.
    pub fn current_batteries(&self) -> Vec<&Battery> {
        let mut current: Vec<&Battery> = Vec::new();
        for b in &self.batteries {
            match current.iter_mut().find(|c| c.id == b.id) {
                Some(c) if c.version < b.version => *c = b,
                Some(_) => {}
                None => current.push(b),
            }
        }
        current
    }

    /// Adds a checked definition. One already known under its id and version
    /// is kept as it is (the catalogue's wording wins) if it is answered and
    /// scored the same way, and refused otherwise.
    pub fn add_instrument(&mut self, definition: Instrument) -> Result<(), CatalogueError> {
        definition.check().map_err(CatalogueError::Definition)?;
        match self.get(&definition.id, definition.version) {
            Some(known) if scoring_key(known) == scoring_key(&definition) => Ok(()),
            Some(_) => Err(CatalogueError::Clash {
                id: definition.id,
                version: definition.version,
            }),
            None => {
                self.instruments.push(definition);
                Ok(())
            }
        }
    }

    /// Adds definitions that were checked when they entered (a programme file
    /// stored on the tablet after its import): no coherence check again, but
    /// an id and version already known is kept as it is, and a battery whose
    /// instruments are not all known is left out.
    pub fn add_checked(&mut self, instruments: &[Instrument], batteries: &[Battery]) {
        for i in instruments {
            if self.get(&i.id, i.version).is_none() {
                self.instruments.push(i.clone());
            }
        }
        for b in batteries {
            let known = b
                .all_instruments()
                .iter()
                .all(|r| self.instrument(r).is_some());
            if known {
                self.batteries
                    .retain(|o| !(o.id == b.id && o.version == b.version));
                self.batteries.push(b.clone());
            }
        }
    }

    /// Adds a checked battery whose instruments are all in the catalogue. The
    /// same id and version again replaces the battery.
    pub fn add_battery(&mut self, battery: Battery) -> Result<(), CatalogueError> {
        if let Some(problem) = battery.problem() {
            return Err(CatalogueError::Battery {
                id: battery.id,
                problem,
            });
        }
        if let Some(r) = battery
            .all_instruments()
            .into_iter()
            .find(|r| self.instrument(r).is_none())
        {
            return Err(CatalogueError::UnknownInstrument {
                battery: battery.id.clone(),
                instrument: r.clone(),
            });
        }
        self.batteries
            .retain(|b| !(b.id == battery.id && b.version == battery.version));
        self.batteries.push(battery);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
