//! A battery: which instruments a measurement asks, in which order, for which
//! respondent, at each measurement point. WHO-5 and the ladder at every point
//! is the default; a substance-use programme adds its module at intake and at
//! the end. Batteries are data (`catalogue/batteries/*.json`, or a programme
//! file), checked where they enter.

use serde::{Deserialize, Serialize};

use crate::instrument::check::{empty, is_identifier, twice};
use crate::instrument::InstrumentRef;
use crate::lang::Text;
use crate::participant::MeasurementPoint;

/// Who answers a battery's questionnaires.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Respondent {
    /// The young person, on the tablet.
    #[default]
    Youth,
    /// A parent or another adult close to the young person.
    Parent,
}

/// A kind of measurement point, without the session number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PointKind {
    Intake,
    During,
    End,
    FollowUp,
}

impl PointKind {
    pub const ALL: [PointKind; 4] = [
        PointKind::Intake,
        PointKind::During,
        PointKind::End,
        PointKind::FollowUp,
    ];

    pub fn of(point: MeasurementPoint) -> PointKind {
        match point {
            MeasurementPoint::Intake => PointKind::Intake,
            MeasurementPoint::During { .. } => PointKind::During,
            MeasurementPoint::End => PointKind::End,
            MeasurementPoint::FollowUp => PointKind::FollowUp,
        }
    }
}

/// A named, versioned choice of instruments per measurement point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Battery {
    pub id: String,
    pub version: u32,
    pub name: Text,
    pub respondent: Respondent,
    /// What is asked at which points; every kind of point appears exactly once.
    pub asks: Vec<Ask>,
}

/// The instruments asked, in order, at some kinds of measurement point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Ask {
    pub points: Vec<PointKind>,
    pub instruments: Vec<InstrumentRef>,
}

/// A battery as settings name it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatteryRef {
    pub id: String,
    pub version: u32,
}

impl Battery {
    pub fn reference(&self) -> BatteryRef {
        BatteryRef {
            id: self.id.clone(),
            version: self.version,
        }
    }

    /// The instruments asked at `point`, in order.
    pub fn instruments_at(&self, point: MeasurementPoint) -> &[InstrumentRef] {
        let kind = PointKind::of(point);
        self.asks
            .iter()
            .find(|a| a.points.contains(&kind))
            .map_or(&[], |a| &a.instruments)
    }

    /// Every instrument the battery asks anywhere, each once, in first-asked order.
    pub fn all_instruments(&self) -> Vec<&InstrumentRef> {
        let mut all: Vec<&InstrumentRef> = Vec::new();
        for r in self.asks.iter().flat_map(|a| &a.instruments) {
            if !all.contains(&r) {
                all.push(r);
            }
        }
        all
    }

    /// What is wrong with the battery on its own, in words for the person
    /// who wrote the file: a bad id, an empty name, a kind of point missing
    /// or named twice, a point that asks nothing or one instrument twice.
    pub fn problem(&self) -> Option<Text> {
        let id = &self.id;
        if !is_identifier(id) || self.version == 0 {
            return Some(Text::new(
                format!("batteriet «{id}» skal have et enkelt navn og en version fra 1"),
                format!("the battery «{id}» needs a plain name and a version from 1"),
            ));
        }
        if empty(&self.name) {
            return Some(Text::new(
                format!("batteriet {id} mangler sit navn på et af sprogene"),
                format!("the battery {id} lacks its name in one language"),
            ));
        }
        let named = |kind: PointKind| {
            self.asks
                .iter()
                .flat_map(|a| &a.points)
                .filter(|k| **k == kind)
                .count()
        };
        if PointKind::ALL.into_iter().any(|kind| named(kind) != 1) {
            return Some(Text::new(
                format!("batteriet {id} skal nævne hver slags måling præcis én gang"),
                format!("the battery {id} must name every kind of measurement exactly once"),
            ));
        }
        for ask in &self.asks {
            if ask.instruments.is_empty() {
                return Some(Text::new(
                    format!("batteriet {id} spørger ikke om noget ved en måling"),
                    format!("the battery {id} asks nothing at a measurement"),
                ));
            }
            if let Some(twice) = twice(ask.instruments.iter().map(|r| r.id.as_str())) {
                return Some(Text::new(
                    format!("batteriet {id} spørger om {twice} to gange ved samme måling"),
                    format!("the battery {id} asks {twice} twice at one measurement"),
                ));
            }
        }
        None
    }
}
