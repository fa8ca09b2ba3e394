//! A questionnaire as versioned data: wordings, how each item is answered,
//! the scores, bands, change criteria and report figures.
//!
//! Nothing in code knows a particular instrument: the shipped ones are JSON
//! files (`instruments/*.json`, see `catalogue`), a programme brings its own in
//! a programme file, and an export carries the definitions it used. Every
//! definition is checked by [`Instrument::check`] wherever it enters, so code
//! downstream can trust that every name it looks up exists.

pub(crate) mod check;
pub mod criteria;
pub mod figures;
pub mod response;
pub mod scores;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use check::DefinitionError;
pub use criteria::{Criterion, CriterionRule};
pub use figures::{At, Counted, Figure, FigureKind};
pub use response::{Anchors, AnswerOption, Response};
pub use scores::{Band, BandSet, Reference, Rule, ScoreDef, V1Field};

use crate::lang::{Lang, Text};

/// Answers to one instrument: item id → answer value. A wide integer type, so
/// that a hostile or mistyped value (−1, 300) reaches validation and is named
/// there instead of failing somewhere less clear.
pub type Answers = BTreeMap<String, i32>;

/// The items of one instrument the young person chose not to answer ("Vil
/// ikke svare"). A declined item has no value: it is missing, never 0.
pub type Declined = BTreeSet<String>;

/// A questionnaire definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Instrument {
    /// Stable identifier (lower-case letters, digits, `_`). Records and
    /// exports name an instrument by id and version.
    pub id: String,
    /// Bumped whenever wording, answers or scoring change.
    pub version: u32,
    pub name: Text,
    /// A few words naming it in tables and menus.
    pub short: Text,
    /// Where the wording and the scoring rule come from.
    pub source: String,
    /// Credit line the licence asks for.
    pub credit: String,
    /// Languages whose wording has not been checked against the published original.
    pub unverified: Vec<Lang>,
    /// Said once, before the instrument's first question (a module's lead-in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Text shown above every item (empty where the items carry it themselves).
    pub stem: Text,
    /// How the items are answered, unless an item says otherwise.
    pub response: Response,
    /// Whether the items offer "Vil ikke svare" / "Prefer not to answer",
    /// unless an item says otherwise. A declined item is missing, never 0.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decline: bool,
    pub items: Vec<Item>,
    /// Items answered at or below a value are flagged to the counsellor
    /// (WHO-5: 0 or 1, whatever the total), and what that means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<Flags>,
    pub scores: Vec<ScoreDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Item {
    /// Stable identifier within the instrument (for WHO-5, KL's FHIR linkId).
    pub id: String,
    /// A few words naming the item in tables and flags (not the wording asked).
    pub short: Text,
    pub text: Text,
    /// How this item is answered, where it differs from the instrument's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    /// Whether this item offers "prefer not to answer", where it differs
    /// from the instrument's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline: Option<bool>,
}

/// Which answers flag an item to the counsellor, and why it matters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Flags {
    /// An item answered at or below this value is flagged.
    pub at_most: u8,
    /// What a flagged item means for the counsellor, in plain words.
    pub meaning: Text,
}

/// An instrument as a record or an export names it: id and the version answered.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstrumentRef {
    pub id: String,
    #[serde(deserialize_with = "crate::strict::integer")]
    pub version: u32,
}

crate::strict::objects_only!(InstrumentRef);

impl Instrument {
    /// How the instrument is named in records and exports.
    pub fn reference(&self) -> InstrumentRef {
        InstrumentRef {
            id: self.id.clone(),
            version: self.version,
        }
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// How `item` is answered.
    pub fn response_of<'a>(&'a self, item: &'a Item) -> &'a Response {
        item.response.as_ref().unwrap_or(&self.response)
    }

    /// Whether `item` may be declined.
    pub fn declinable(&self, item: &Item) -> bool {
        item.decline.unwrap_or(self.decline)
    }

    pub fn score(&self, id: &str) -> Option<&ScoreDef> {
        self.scores.iter().find(|s| s.id == id)
    }

    /// The scores shown over time, in order.
    pub fn tracked(&self) -> impl Iterator<Item = &ScoreDef> {
        self.scores.iter().filter(|s| s.track)
    }

    /// Whether the wording in `lang` has been checked against the published original.
    pub fn is_verified(&self, lang: Lang) -> bool {
        !self.unverified.contains(&lang)
    }

    /// The highest value `score` can take: the items' highest answers summed
    /// and times the factor, or the item's highest answer.
    pub fn score_max(&self, score: &ScoreDef) -> u32 {
        match &score.rule {
            Rule::Sum { factor } => {
                let sum: u32 = self
                    .items
                    .iter()
                    .map(|i| u32::from(self.response_of(i).range().1))
                    .sum();
                sum.saturating_mul(*factor)
            }
            Rule::Item { item } => self
                .item(item)
                .map_or(0, |i| u32::from(self.response_of(i).range().1)),
        }
    }

    /// The lowest value `score` can take.
    pub fn score_min(&self, score: &ScoreDef) -> u32 {
        match &score.rule {
            Rule::Sum { factor } => {
                let sum: u32 = self
                    .items
                    .iter()
                    .map(|i| u32::from(self.response_of(i).range().0))
                    .sum();
                sum.saturating_mul(*factor)
            }
            Rule::Item { item } => self
                .item(item)
                .map_or(0, |i| u32::from(self.response_of(i).range().0)),
        }
    }

    /// Answers given in item order: `values[i]` answers the i-th item. Values
    /// past the last item are ignored; items past the last value stay unanswered.
    pub fn answers_in_order(&self, values: &[i32]) -> Answers {
        self.items
            .iter()
            .zip(values)
            .map(|(item, &v)| (item.id.clone(), v))
            .collect()
    }
}

#[cfg(test)]
mod tests;
