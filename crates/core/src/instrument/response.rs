//! How an item is answered: the four item types, the values each accepts and
//! how a value reads. The tablet draws a screen for each type; everything
//! else (validation, review, scores) asks this module what a value means.
//!
//! - `choice`: one of labelled options (WHO-5's six answers), shown in the
//!   data's order;
//! - `scale`: a whole number from `min` to `max` with its two ends labelled
//!   (the 0–10 ladder), drawn top first;
//! - `days`: a count of days from 0 to `max` (days of use in the last 30);
//! - `yes_no`: 1 for yes, 0 for no.

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Text};
use crate::tagged;

/// The answer options of a `choice` item, or the type of any other item.
///
/// Serialised as `{"kind":"choice","options":[…]}`,
/// `{"kind":"scale","min":0,"max":10,"anchors":{…}}`, `{"kind":"days","max":30}`
/// or `{"kind":"yes_no"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "ResponseRepr",
    deny_unknown_fields
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(!try_from))]
pub enum Response {
    /// One of labelled options, listed in the order shown.
    Choice { options: Vec<AnswerOption> },
    /// A whole number from `min` to `max`, both ends labelled.
    Scale { min: u8, max: u8, anchors: Anchors },
    /// A number of days from 0 to `max`.
    Days { max: u8 },
    /// Yes (1) or no (0).
    YesNo,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AnswerOption {
    pub value: u8,
    pub label: Text,
}

/// The words at the two ends of a scale: `high` at the top, `low` at the bottom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Anchors {
    pub high: Text,
    pub low: Text,
}

/// The unchecked shape of a [`Response`] (see `tagged`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseRepr {
    kind: ResponseKind,
    #[serde(default)]
    options: Option<Vec<AnswerOption>>,
    #[serde(default)]
    min: Option<u8>,
    #[serde(default)]
    max: Option<u8>,
    #[serde(default)]
    anchors: Option<Anchors>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ResponseKind {
    Choice,
    Scale,
    Days,
    YesNo,
}

impl TryFrom<ResponseRepr> for Response {
    type Error = String;

    fn try_from(r: ResponseRepr) -> Result<Self, String> {
        use ResponseKind::*;
        let (unknown, missing) = (tagged::unknown_field, tagged::missing_field);
        let set = |present: bool, field: &str, expected: &[&str]| {
            if present {
                Err(unknown(field, expected))
            } else {
                Ok(())
            }
        };
        Ok(match r.kind {
            Choice => {
                let expected = &["options"];
                set(r.min.is_some(), "min", expected)?;
                set(r.max.is_some(), "max", expected)?;
                set(r.anchors.is_some(), "anchors", expected)?;
                Response::Choice {
                    options: r.options.ok_or_else(|| missing("options"))?,
                }
            }
            Scale => {
                set(r.options.is_some(), "options", &["min", "max", "anchors"])?;
                Response::Scale {
                    min: r.min.ok_or_else(|| missing("min"))?,
                    max: r.max.ok_or_else(|| missing("max"))?,
                    anchors: r.anchors.ok_or_else(|| missing("anchors"))?,
                }
            }
            Days => {
                let expected = &["max"];
                set(r.options.is_some(), "options", expected)?;
                set(r.min.is_some(), "min", expected)?;
                set(r.anchors.is_some(), "anchors", expected)?;
                Response::Days {
                    max: r.max.ok_or_else(|| missing("max"))?,
                }
            }
            YesNo => {
                set(r.options.is_some(), "options", &[])?;
                set(r.min.is_some(), "min", &[])?;
                set(r.max.is_some(), "max", &[])?;
                set(r.anchors.is_some(), "anchors", &[])?;
                Response::YesNo
            }
        })
    }
}

impl Response {
    /// Every value this item accepts, in the order the tablet shows them:
    /// a choice's options as listed, a scale from the top down, days from 0 up,
    /// yes before no.
    pub fn values(&self) -> Vec<u8> {
        match self {
            Response::Choice { options } => options.iter().map(|o| o.value).collect(),
            Response::Scale { min, max, .. } => (*min..=*max).rev().collect(),
            Response::Days { max } => (0..=*max).collect(),
            Response::YesNo => vec![1, 0],
        }
    }

    /// Whether `value` is an answer this item accepts.
    pub fn accepts(&self, value: i32) -> bool {
        let Ok(v) = u8::try_from(value) else {
            return false;
        };
        match self {
            Response::Choice { options } => options.iter().any(|o| o.value == v),
            Response::Scale { min, max, .. } => (*min..=*max).contains(&v),
            Response::Days { max } => v <= *max,
            Response::YesNo => v <= 1,
        }
    }

    /// The smallest and largest value accepted.
    pub fn range(&self) -> (u8, u8) {
        let values = self.values();
        let min = values.iter().copied().min().unwrap_or(0);
        let max = values.iter().copied().max().unwrap_or(0);
        (min, max)
    }

    /// How an answer reads on the review screen and to the counsellor: the
    /// option's label, the number on a scale, "3 dage", "Ja".
    pub fn label(&self, value: i32, lang: Lang) -> String {
        match self {
            Response::Choice { options } => options
                .iter()
                .find(|o| i32::from(o.value) == value)
                .map_or_else(|| value.to_string(), |o| o.label.get(lang).to_string()),
            Response::Scale { .. } => value.to_string(),
            Response::Days { .. } => match (lang, value) {
                (Lang::Da, 1) => "1 dag".into(),
                (Lang::Da, n) => format!("{n} dage"),
                (Lang::En, 1) => "1 day".into(),
                (Lang::En, n) => format!("{n} days"),
            },
            Response::YesNo => match (lang, value) {
                (Lang::Da, 1) => "Ja".into(),
                (Lang::Da, _) => "Nej".into(),
                (Lang::En, 1) => "Yes".into(),
                (Lang::En, _) => "No".into(),
            },
        }
    }

    /// What a button for `value` says on the question screen: a choice's
    /// label, otherwise the bare number (the question names the unit) or Ja/Nej.
    pub fn button_label(&self, value: u8, lang: Lang) -> String {
        match self {
            Response::Choice { .. } | Response::YesNo => self.label(i32::from(value), lang),
            Response::Scale { .. } | Response::Days { .. } => value.to_string(),
        }
    }

    /// Every text the item type carries, for the check that none is empty.
    pub(crate) fn texts(&self) -> Vec<&Text> {
        match self {
            Response::Choice { options } => options.iter().map(|o| &o.label).collect(),
            Response::Scale { anchors, .. } => vec![&anchors.high, &anchors.low],
            Response::Days { .. } | Response::YesNo => vec![],
        }
    }

    /// What is wrong with the type itself: no options, an option twice, an
    /// empty scale.
    pub(crate) fn problem(&self) -> Option<Text> {
        match self {
            Response::Choice { options } if options.is_empty() => Some(Text::new(
                "der er ingen svarmuligheder",
                "there are no options",
            )),
            Response::Choice { options } => options.iter().enumerate().find_map(|(i, o)| {
                let v = o.value;
                options[..i].iter().any(|p| p.value == v).then(|| {
                    Text::new(
                        format!("svarværdien {v} står der to gange"),
                        format!("the option value {v} is there twice"),
                    )
                })
            }),
            Response::Scale { min, max, .. } if min >= max => Some(Text::new(
                format!("skalaen går fra {min} til {max}"),
                format!("the scale goes from {min} to {max}"),
            )),
            Response::Days { max: 0 } => Some(Text::new(
                "dagene tælles kun op til 0",
                "days are counted up to 0 only",
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Response, String> {
        serde_json::from_str::<Response>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn each_kind_reads_only_its_own_fields() {
        assert_eq!(
            parse(r#"{"kind":"days","max":30}"#).unwrap(),
            Response::Days { max: 30 }
        );
        assert_eq!(parse(r#"{"kind":"yes_no"}"#).unwrap(), Response::YesNo);
        let scale = parse(
            r#"{"kind":"scale","min":0,"max":4,"anchors":{"high":{"da":"a","en":"b"},"low":{"da":"c","en":"d"}}}"#,
        )
        .unwrap();
        assert_eq!(scale.values(), [4, 3, 2, 1, 0]);
        for bad in [
            r#"{"kind":"days"}"#,
            r#"{"kind":"days","max":30,"min":0}"#,
            r#"{"kind":"yes_no","max":1}"#,
            r#"{"kind":"choice"}"#,
            r#"{"kind":"scale","min":0,"max":4}"#,
            r#"{"kind":"slider"}"#,
            r#"{"kind":"days","max":null}"#,
            r#"{"kind":"days","max":30,"extra":1}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse(r#"{"kind":"days","max":30,"min":0}"#)
            .unwrap_err()
            .starts_with("unknown field `min`, expected `max`"));
    }

    #[test]
    fn values_labels_and_acceptance() {
        let days = Response::Days { max: 7 };
        assert_eq!(days.values(), (0..=7).collect::<Vec<u8>>());
        assert!(days.accepts(0) && days.accepts(7));
        assert!(!days.accepts(8) && !days.accepts(-1) && !days.accepts(256));
        assert_eq!(days.label(1, Lang::Da), "1 dag");
        assert_eq!(days.label(3, Lang::En), "3 days");
        assert_eq!(days.range(), (0, 7));
        let yn = Response::YesNo;
        assert_eq!(yn.values(), [1, 0]);
        assert_eq!(yn.label(1, Lang::Da), "Ja");
        assert_eq!(yn.button_label(0, Lang::En), "No");
        assert!(!yn.accepts(2));
        assert!(Response::Days { max: 0 }.problem().is_some());
        assert!(Response::Days { max: 1 }.problem().is_none());
    }
}
