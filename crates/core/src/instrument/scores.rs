//! What an instrument's answers become: its scores, each with the rule that
//! computes it, its direction, its bands and the reference values it is
//! compared with. All of it is data (see `instruments/*.json`), so a
//! programme's own cut-off or a new questionnaire is a data change.

use serde::{Deserialize, Serialize};

use crate::lang::Text;
use crate::tagged;

use super::criteria::Criterion;
use super::figures::Figure;

/// One score of an instrument, e.g. WHO-5's percentage score or the days of
/// cannabis use in the last 30 days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreDef {
    /// Stable within the instrument, e.g. `percentage`. Exports key scores by it.
    pub id: String,
    /// What the score is, e.g. "Procentscore (0–100)".
    pub name: Text,
    /// A few words naming it in table columns and chart legends, e.g. "WHO-5 (%)".
    pub short: Text,
    pub rule: Rule,
    /// Whether a higher score is the better one (WHO-5: yes; days of use: no).
    pub higher_is_better: bool,
    /// Shown over time: in a participant's history, the trend chart and the
    /// change since intake.
    #[serde(default)]
    pub track: bool,
    /// The field of a version 1 export that held this score (`raw` or
    /// `percentage`), for the instruments such files could name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v1_field: Option<V1Field>,
    /// Named sets of cut-offs on this score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub band_sets: Vec<BandSet>,
    /// The band sets the counsellor sees, in order, unless a programme chose others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown_band_sets: Vec<String>,
    /// The programme chooses one of `band_sets` to show, never two at once
    /// (the ladder's cut-offs disagree between sources).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub choose_one_band_set: bool,
    /// The criteria by which a change since intake counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub change: Vec<Criterion>,
    /// Values the score is compared with in reports (Danish young people in general).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// The figures an evaluation report gives for this score, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report: Vec<Figure>,
}

/// Where a version 1 export kept a score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum V1Field {
    Raw,
    Percentage,
}

/// How a score is computed from the answers.
///
/// Serialised as `{"kind":"sum","factor":4}` (the sum of every item times
/// `factor`, which defaults to 1) or `{"kind":"item","item":"ladder"}` (one
/// item's value: a single 0–10 answer, a number of days).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "RuleRepr",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(!try_from))]
pub enum Rule {
    /// The sum of every item, times `factor`. Any item without a value leaves
    /// the score missing: it is never prorated.
    Sum { factor: u32 },
    /// The value of one item.
    Item { item: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleRepr {
    kind: RuleKind,
    #[serde(default)]
    factor: Option<u32>,
    #[serde(default)]
    item: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RuleKind {
    Sum,
    Item,
}

impl TryFrom<RuleRepr> for Rule {
    type Error = String;

    fn try_from(r: RuleRepr) -> Result<Self, String> {
        match (r.kind, r.factor, r.item) {
            (RuleKind::Sum, _, Some(_)) => Err(tagged::unknown_field("item", &["factor"])),
            (RuleKind::Sum, factor, None) => Ok(Rule::Sum {
                factor: factor.unwrap_or(1),
            }),
            (RuleKind::Item, Some(_), _) => Err(tagged::unknown_field("factor", &["item"])),
            (RuleKind::Item, None, item) => Ok(Rule::Item {
                item: item.ok_or_else(|| tagged::missing_field("item"))?,
            }),
        }
    }
}

/// A named set of cut-offs, e.g. the Danish practice bands. Bands in a set
/// never overlap; a set need not cover every score (a set may mark only a risk zone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BandSet {
    pub id: String,
    /// What the set is, for a programme choosing between sets.
    pub name: Text,
    pub source: String,
    /// False where the cut-off comes from a secondary source only.
    pub verified: bool,
    pub bands: Vec<Band>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Band {
    pub id: String,
    /// Inclusive bounds on the score.
    pub min: u32,
    pub max: u32,
    pub label: Text,
    /// What the band means for the counsellor, in plain words.
    pub meaning: Text,
}

impl Band {
    pub fn contains(&self, x: u32) -> bool {
        (self.min..=self.max).contains(&x)
    }
}

impl BandSet {
    /// The band a score falls in, if any.
    pub fn band_for(&self, x: u32) -> Option<&Band> {
        self.bands.iter().find(|b| b.contains(x))
    }

    pub fn band(&self, id: &str) -> Option<&Band> {
        self.bands.iter().find(|b| b.id == id)
    }
}

/// A value a score is compared with, e.g. the mean ladder score of Danish
/// young people in general, 7.5. An evaluator may set another value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reference {
    pub id: String,
    /// Who the value describes, used inside a sentence: "danske unge generelt".
    pub name: Text,
    pub value: f64,
    pub source: String,
}

impl ScoreDef {
    pub fn band_set(&self, id: &str) -> Option<&BandSet> {
        self.band_sets.iter().find(|s| s.id == id)
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.change.iter().find(|c| c.id == id)
    }

    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_only_their_own_fields() {
        let rule = |json: &str| serde_json::from_str::<Rule>(json).map_err(|e| e.to_string());
        assert_eq!(
            rule(r#"{"kind":"sum","factor":4}"#).unwrap(),
            Rule::Sum { factor: 4 }
        );
        assert_eq!(rule(r#"{"kind":"sum"}"#).unwrap(), Rule::Sum { factor: 1 });
        assert_eq!(
            rule(r#"{"kind":"item","item":"ladder"}"#).unwrap(),
            Rule::Item {
                item: "ladder".into()
            }
        );
        for bad in [
            r#"{"kind":"item"}"#,
            r#"{"kind":"item","item":"x","factor":2}"#,
            r#"{"kind":"sum","item":"x"}"#,
            r#"{"kind":"item","item":null}"#,
            r#"{"kind":"mean"}"#,
        ] {
            assert!(rule(bad).is_err(), "{bad}");
        }
        for r in [Rule::Sum { factor: 4 }, Rule::Item { item: "a".into() }] {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(rule(&json).unwrap(), r);
        }
    }
}
