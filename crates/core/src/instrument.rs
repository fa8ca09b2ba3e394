//! The questionnaires as versioned data: wordings, answer options, scoring rule and bands.
//!
//! Wordings and cut-offs live in `instruments/*.json`, not in code, so that a
//! verified wording or a programme's own cut-off is a data change. Each file is
//! embedded at build time and checked by [`Instrument::check`] in the tests.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Text};
use crate::tagged;

/// Answers to one instrument: item id → answer value. A wide integer type, so
/// that a hostile or mistyped value (−1, 300) reaches validation and is named
/// there instead of failing somewhere less clear.
pub type Answers = BTreeMap<String, i32>;

/// An instrument as a record names it: id and the version answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstrumentRef {
    pub id: String,
    pub version: u32,
}

/// A questionnaire definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable identifier, e.g. `who5`. Exports name an instrument by id and version.
    pub id: String,
    /// Bumped whenever wording, options or scoring change.
    pub version: u32,
    pub name: Text,
    /// Where the wording and the scoring rule come from.
    pub source: String,
    /// Credit line the licence asks for.
    pub credit: String,
    /// Languages whose wording has not been checked against the published original.
    pub unverified: Vec<Lang>,
    /// Text shown above every item (empty where the items carry it themselves).
    pub stem: Text,
    pub items: Vec<Item>,
    /// Answer options, in the order they are shown.
    pub options: Vec<AnswerOption>,
    /// Labels for the two ends of a scale drawn as a ladder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Anchors>,
    pub scoring: ScoringRule,
    /// The band sets shown to the counsellor, in order, when a programme has not
    /// chosen others. The ladder shows one cut-off set, never two at once.
    pub shown_band_sets: Vec<String>,
    pub band_sets: Vec<BandSet>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable identifier (for WHO-5, KL's FHIR linkId).
    pub id: String,
    /// A few words naming the item in tables and flags (not the wording asked).
    pub short: Text,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub value: u8,
    pub label: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchors {
    pub top: Text,
    pub bottom: Text,
}

/// How the answers become a score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "ScoringRuleRepr",
    deny_unknown_fields
)]
pub enum ScoringRule {
    /// Raw score = sum of all items; percentage = raw × `percentage_factor`.
    /// Items answered at or below `flag_items_at_most` are flagged (WHO-5: 0 or 1).
    Sum {
        percentage_factor: u32,
        flag_items_at_most: Option<u8>,
    },
    /// One item; its value is the score (the 0–10 ladder).
    Single,
}

/// The unchecked shape of a [`ScoringRule`] (see `tagged`). A sum's
/// `flag_items_at_most` may be `null`, as it could before.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringRuleRepr {
    kind: ScoringKind,
    #[serde(default, deserialize_with = "tagged::present")]
    percentage_factor: Option<u32>,
    flag_items_at_most: Option<u8>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ScoringKind {
    Sum,
    Single,
}

impl TryFrom<ScoringRuleRepr> for ScoringRule {
    type Error = String;

    fn try_from(repr: ScoringRuleRepr) -> Result<Self, Self::Error> {
        use ScoringKind::{Single, Sum};
        match (repr.kind, repr.percentage_factor, repr.flag_items_at_most) {
            (Sum, percentage_factor, flag_items_at_most) => Ok(ScoringRule::Sum {
                percentage_factor: percentage_factor
                    .ok_or_else(|| tagged::missing_field("percentage_factor"))?,
                flag_items_at_most,
            }),
            (Single, Some(_), _) => Err(tagged::unknown_field("percentage_factor", &[])),
            (Single, None, Some(_)) => Err(tagged::unknown_field("flag_items_at_most", &[])),
            (Single, None, None) => Ok(ScoringRule::Single),
        }
    }
}

/// Which number a band set is read on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Raw,
    Percentage,
    Value,
}

/// A named set of cut-offs, e.g. the Danish practice bands. Bands in a set
/// never overlap; a set need not cover every score (a set may mark only a risk zone).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSet {
    pub id: String,
    /// What the set is, for a programme choosing between sets.
    pub name: Text,
    pub scale: Scale,
    pub source: String,
    /// False where the cut-off comes from a secondary source only.
    pub verified: bool,
    pub bands: Vec<Band>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    /// Inclusive bounds on the set's scale.
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
}

impl Instrument {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
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

    pub fn option(&self, value: u8) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.value == value)
    }

    pub fn band_set(&self, id: &str) -> Option<&BandSet> {
        self.band_sets.iter().find(|s| s.id == id)
    }

    /// Whether the wording in `lang` has been checked against the published original.
    pub fn is_verified(&self, lang: Lang) -> bool {
        !self.unverified.contains(&lang)
    }

    pub fn max_option(&self) -> u8 {
        self.options.iter().map(|o| o.value).max().unwrap_or(0)
    }

    /// Highest possible value on a scale.
    pub fn scale_max(&self, scale: Scale) -> u32 {
        let raw_max = match self.scoring {
            ScoringRule::Sum { .. } => self.items.len() as u32 * u32::from(self.max_option()),
            ScoringRule::Single => u32::from(self.max_option()),
        };
        match (scale, &self.scoring) {
            (
                Scale::Percentage,
                ScoringRule::Sum {
                    percentage_factor, ..
                },
            ) => raw_max * percentage_factor,
            _ => raw_max,
        }
    }

    /// Checks that the definition is coherent: ids unique, options unique, texts
    /// present in every language, bands inside the scale and not overlapping.
    pub fn check(&self) -> Result<(), String> {
        let fail = |why: String| Err(format!("instrument {} v{}: {why}", self.id, self.version));
        if self.items.is_empty() || self.options.is_empty() {
            return fail("needs items and options".into());
        }
        if matches!(self.scoring, ScoringRule::Single) && self.items.len() != 1 {
            return fail("a single-item rule needs exactly one item".into());
        }
        let mut texts = vec![&self.name];
        for (i, item) in self.items.iter().enumerate() {
            if self.items[..i].iter().any(|o| o.id == item.id) {
                return fail(format!("item id {} twice", item.id));
            }
            texts.push(&item.text);
            texts.push(&item.short);
        }
        for (i, opt) in self.options.iter().enumerate() {
            if self.options[..i].iter().any(|o| o.value == opt.value) {
                return fail(format!("option value {} twice", opt.value));
            }
            texts.push(&opt.label);
        }
        if let Some(id) = self
            .shown_band_sets
            .iter()
            .find(|id| self.band_set(id).is_none())
        {
            return fail(format!("shown band set {id} missing"));
        }
        for (i, set) in self.band_sets.iter().enumerate() {
            if self.band_sets[..i].iter().any(|s| s.id == set.id) {
                return fail(format!("band set {} twice", set.id));
            }
            if matches!(set.scale, Scale::Percentage)
                && !matches!(self.scoring, ScoringRule::Sum { .. })
            {
                return fail(format!(
                    "band set {} uses a percentage this rule lacks",
                    set.id
                ));
            }
            let top = self.scale_max(set.scale);
            for (j, band) in set.bands.iter().enumerate() {
                if band.min > band.max || band.max > top {
                    return fail(format!("band {}/{} outside 0..={top}", set.id, band.id));
                }
                if set.bands[..j]
                    .iter()
                    .any(|b| b.min <= band.max && band.min <= b.max)
                {
                    return fail(format!("band {}/{} overlaps another", set.id, band.id));
                }
                texts.push(&band.label);
                texts.push(&set.name);
                texts.push(&band.meaning);
            }
        }
        if texts
            .iter()
            .any(|t| t.da.trim().is_empty() || t.en.trim().is_empty())
        {
            return fail("a text is empty in one language".into());
        }
        Ok(())
    }
}

/// The instruments that ship with trivsel.
pub struct Builtin {
    pub who5: Instrument,
    pub cantril: Instrument,
}

impl Builtin {
    /// The instruments as a record or an export names them: id and version.
    pub fn refs(&self) -> Vec<InstrumentRef> {
        self.all()
            .iter()
            .map(|i| InstrumentRef {
                id: i.id.clone(),
                version: i.version,
            })
            .collect()
    }

    pub fn all(&self) -> [&Instrument; 2] {
        [&self.who5, &self.cantril]
    }

    pub fn get(&self, id: &str) -> Option<&Instrument> {
        self.all().into_iter().find(|i| i.id == id)
    }
}

/// The shipped instruments, parsed once from the embedded JSON.
pub fn builtin() -> &'static Builtin {
    static BUILTIN: OnceLock<Builtin> = OnceLock::new();
    BUILTIN.get_or_init(|| Builtin {
        // The embedded files are part of the build and checked by the tests below.
        who5: parse(include_str!("../instruments/who5.json")),
        cantril: parse(include_str!("../instruments/cantril.json")),
    })
}

fn parse(json: &str) -> Instrument {
    serde_json::from_str(json).expect("embedded instrument definition is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_rules_read_only_their_own_fields() {
        let rule = |json: &str| serde_json::from_str::<ScoringRule>(json);
        assert_eq!(
            rule(r#"{"kind":"sum","percentage_factor":4,"flag_items_at_most":1}"#).unwrap(),
            ScoringRule::Sum {
                percentage_factor: 4,
                flag_items_at_most: Some(1)
            }
        );
        assert_eq!(
            rule(r#"{"percentage_factor":4,"kind":"sum"}"#).unwrap(),
            ScoringRule::Sum {
                percentage_factor: 4,
                flag_items_at_most: None
            }
        );
        assert_eq!(
            rule(r#"{"kind":"sum","percentage_factor":4,"flag_items_at_most":null}"#).unwrap(),
            ScoringRule::Sum {
                percentage_factor: 4,
                flag_items_at_most: None
            }
        );
        assert_eq!(rule(r#"{"kind":"single"}"#).unwrap(), ScoringRule::Single);
        for r in [
            ScoringRule::Single,
            rule(r#"{"kind":"sum","percentage_factor":4}"#).unwrap(),
        ] {
            assert_eq!(rule(&serde_json::to_string(&r).unwrap()).unwrap(), r);
        }
        for bad in [
            r#"{"kind":"sum"}"#,
            r#"{"kind":"sum","percentage_factor":null}"#,
            r#"{"kind":"single","percentage_factor":4}"#,
            r#"{"kind":"single","flag_items_at_most":1}"#,
            r#"{"kind":"mean"}"#,
            r#"{"kind":"sum","percentage_factor":4,"weights":[1]}"#,
        ] {
            assert!(rule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shipped_instruments_are_coherent() {
        for instrument in builtin().all() {
            instrument.check().unwrap();
        }
    }

    #[test]
    fn who5_wording_is_verbatim() {
        let who5 = &builtin().who5;
        let ids: Vec<_> = who5.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["happy", "calm", "active", "rested", "interest"]);
        assert_eq!(
            who5.item("rested").unwrap().text.da,
            "I de sidste 2 uger er jeg vågnet frisk og udhvilet"
        );
        assert_eq!(
            who5.item("interest").unwrap().text.da,
            "I de sidste 2 uger har min dagligdag været fyldt med ting der interesserer mig"
        );
        let labels: Vec<_> = who5
            .options
            .iter()
            .map(|o| (o.value, o.label.da.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (5, "Hele tiden"),
                (4, "Det meste af tiden"),
                (3, "Lidt mere end halvdelen af tiden"),
                (2, "Lidt mindre end halvdelen af tiden"),
                (1, "Lidt af tiden"),
                (0, "På intet tidspunkt"),
            ]
        );
        assert_eq!(who5.option(0).unwrap().label.en, "At no time");
        assert!(who5.is_verified(Lang::Da) && who5.is_verified(Lang::En));
    }

    #[test]
    fn answers_in_order_follow_the_items() {
        let who5 = &builtin().who5;
        let answers = who5.answers_in_order(&[5, 4, 3]);
        assert_eq!(answers.len(), 3);
        assert_eq!(answers["happy"], 5);
        assert_eq!(answers["calm"], 4);
        assert_eq!(answers["active"], 3);
    }

    #[test]
    fn ladder_has_eleven_steps_top_first_and_danish_is_marked_unverified() {
        let ladder = &builtin().cantril;
        let values: Vec<_> = ladder.options.iter().map(|o| o.value).collect();
        assert_eq!(values, (0..=10).rev().collect::<Vec<_>>());
        assert!(!ladder.is_verified(Lang::Da));
        assert!(ladder.is_verified(Lang::En));
        assert_eq!(ladder.shown_band_sets, ["hbsc"]);
    }

    #[test]
    fn check_rejects_overlapping_bands_and_duplicate_items() {
        let mut bad = builtin().who5.clone();
        bad.band_sets[2].bands[1].min = 30;
        assert!(bad.check().unwrap_err().contains("overlaps"));

        let mut bad = builtin().who5.clone();
        bad.items[1].id = "happy".into();
        assert!(bad.check().unwrap_err().contains("twice"));

        let mut bad = builtin().cantril.clone();
        bad.band_sets[0].bands[1].max = 11;
        assert!(bad.check().unwrap_err().contains("outside"));
    }

    #[test]
    fn unknown_fields_in_a_definition_are_rejected() {
        let json = include_str!("../instruments/cantril.json").replacen(
            "\"version\": 1,",
            "\"version\": 1, \"extra\": true,",
            1,
        );
        assert!(serde_json::from_str::<Instrument>(&json).is_err());
    }
}
