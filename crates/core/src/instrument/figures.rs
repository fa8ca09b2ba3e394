//! The figures an evaluation report gives for a score, as data: a mean at a
//! measurement, the difference from a reference value, the share in a band,
//! the share that left a band, the share changed by a criterion, and the
//! distribution over bins. `report` computes them for any instrument; nothing
//! there knows which instrument it is reporting on.

use serde::{Deserialize, Serialize};

use crate::lang::Text;
use crate::tagged;

/// Which of a participant's measurements a figure reads.
///
/// A participant's *intake* is their intake record (of several, the earliest);
/// their *last* measurement is the latest record at any later point (during,
/// end, follow-up); their *end* is their latest `afslutning` (end) record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum At {
    Intake,
    Last,
    End,
}

impl At {
    pub const ALL: [At; 3] = [At::Intake, At::Last, At::End];

    pub fn id(self) -> &'static str {
        match self {
            At::Intake => "intake",
            At::Last => "last",
            At::End => "end",
        }
    }
}

/// Which outcome of a change criterion a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Counted {
    Improved,
    Worsened,
    /// A target criterion ("stopped", "halved") was met.
    Met,
}

/// One figure of a score in the report.
///
/// Serialised flat with a `kind`: `{"kind":"mean","at":"intake"}`,
/// `{"kind":"difference","at":"last","reference":"danish_youth"}`,
/// `{"kind":"band_share","at":"intake","band_set":"screening","band":"screen"}`
/// (without `band`: one row for each band of the set),
/// `{"kind":"left_band","band_set":"screening","band":"screen","to":"last"}`,
/// `{"kind":"changed","criterion":"ten_point","counted":"improved","to":"last"}`,
/// `{"kind":"distribution","bins":[[0,9],[10,19]]}`. Any figure may carry a
/// `label` (otherwise one is made from the data) and a `note` for the
/// report's notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FigureRepr", into = "FigureRepr")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "FigureRepr"))]
pub struct Figure {
    pub kind: FigureKind,
    pub label: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// The mean score at `at`.
    Mean { at: At },
    /// The mean at `at` minus a reference value of the score.
    Difference { at: At, reference: String },
    /// The share (%) whose score at `at` is in `band` of `band_set`; without
    /// a band, one share for each band of the set.
    BandShare {
        at: At,
        band_set: String,
        band: Option<String>,
    },
    /// Of those in the band at intake with a score at `to`, the share (%)
    /// no longer in it.
    LeftBand {
        band_set: String,
        band: String,
        to: At,
    },
    /// Of those to whom `criterion` applies between intake and `to`, the
    /// share (%) with the `counted` outcome.
    Changed {
        criterion: String,
        counted: Counted,
        to: At,
    },
    /// How many scored in each bin (inclusive bounds) at intake and at the
    /// last measurement, everyone together.
    Distribution { bins: Vec<[u32; 2]> },
}

/// The flat JSON shape of a [`Figure`] (see `tagged`).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FigureRepr {
    kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<At>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    band_set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    band: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    criterion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counted: Option<Counted>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<At>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bins: Option<Vec<[u32; 2]>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<Text>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
enum Kind {
    Mean,
    Difference,
    BandShare,
    LeftBand,
    Changed,
    Distribution,
}

fn need<T>(v: Option<T>, field: &str) -> Result<T, String> {
    v.ok_or_else(|| tagged::missing_field(field))
}

const FIELDS: [&str; 8] = [
    "at",
    "reference",
    "band_set",
    "band",
    "criterion",
    "counted",
    "to",
    "bins",
];

impl TryFrom<FigureRepr> for Figure {
    type Error = String;

    fn try_from(mut r: FigureRepr) -> Result<Self, String> {
        let kind = match r.kind {
            Kind::Mean => FigureKind::Mean {
                at: need(r.at.take(), "at")?,
            },
            Kind::Difference => FigureKind::Difference {
                at: need(r.at.take(), "at")?,
                reference: need(r.reference.take(), "reference")?,
            },
            Kind::BandShare => FigureKind::BandShare {
                at: need(r.at.take(), "at")?,
                band_set: need(r.band_set.take(), "band_set")?,
                band: r.band.take(),
            },
            Kind::LeftBand => FigureKind::LeftBand {
                band_set: need(r.band_set.take(), "band_set")?,
                band: need(r.band.take(), "band")?,
                to: r.to.take().unwrap_or(At::Last),
            },
            Kind::Changed => FigureKind::Changed {
                criterion: need(r.criterion.take(), "criterion")?,
                counted: need(r.counted.take(), "counted")?,
                to: r.to.take().unwrap_or(At::Last),
            },
            Kind::Distribution => FigureKind::Distribution {
                bins: need(r.bins.take(), "bins")?,
            },
        };
        // Whatever the kind did not take is a field it does not have.
        let left = [
            r.at.is_some(),
            r.reference.is_some(),
            r.band_set.is_some(),
            r.band.is_some(),
            r.criterion.is_some(),
            r.counted.is_some(),
            r.to.is_some(),
            r.bins.is_some(),
        ];
        if let Some(i) = left.iter().position(|x| *x) {
            return Err(tagged::unknown_field(FIELDS[i], &[]));
        }
        Ok(Figure {
            kind,
            label: r.label,
            note: r.note,
        })
    }
}

impl From<Figure> for FigureRepr {
    fn from(f: Figure) -> FigureRepr {
        let mut r = FigureRepr {
            kind: Kind::Mean,
            at: None,
            to: None,
            reference: None,
            band_set: None,
            band: None,
            criterion: None,
            counted: None,
            bins: None,
            label: f.label,
            note: f.note,
        };
        match f.kind {
            FigureKind::Mean { at } => r.at = Some(at),
            FigureKind::Difference { at, reference } => {
                r.kind = Kind::Difference;
                (r.at, r.reference) = (Some(at), Some(reference));
            }
            FigureKind::BandShare { at, band_set, band } => {
                r.kind = Kind::BandShare;
                (r.at, r.band_set, r.band) = (Some(at), Some(band_set), band);
            }
            FigureKind::LeftBand { band_set, band, to } => {
                r.kind = Kind::LeftBand;
                (r.band_set, r.band, r.to) = (Some(band_set), Some(band), Some(to));
            }
            FigureKind::Changed {
                criterion,
                counted,
                to,
            } => {
                r.kind = Kind::Changed;
                (r.criterion, r.counted, r.to) = (Some(criterion), Some(counted), Some(to));
            }
            FigureKind::Distribution { bins } => {
                r.kind = Kind::Distribution;
                r.bins = Some(bins);
            }
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Figure, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn figures_read_their_own_fields_and_round_trip() {
        for json in [
            r#"{"kind":"mean","at":"intake"}"#,
            r#"{"kind":"difference","at":"last","reference":"danish_youth"}"#,
            r#"{"kind":"band_share","at":"intake","band_set":"hbsc"}"#,
            r#"{"kind":"band_share","at":"end","band_set":"use","band":"none","note":{"da":"a","en":"b"}}"#,
            r#"{"kind":"left_band","band_set":"screening","band":"screen","to":"last"}"#,
            r#"{"kind":"changed","criterion":"halved","counted":"met","to":"end","label":{"da":"a","en":"b"}}"#,
            r#"{"kind":"distribution","bins":[[0,9],[10,100]]}"#,
        ] {
            let f = parse(json).unwrap();
            assert_eq!(serde_json::to_string(&f).unwrap(), json);
        }
        let f = parse(r#"{"kind":"changed","criterion":"c","counted":"improved"}"#).unwrap();
        assert!(matches!(f.kind, FigureKind::Changed { to: At::Last, .. }));
        for bad in [
            r#"{"kind":"mean"}"#,
            r#"{"kind":"mean","at":"intake","band":"x"}"#,
            r#"{"kind":"mean","at":"later"}"#,
            r#"{"kind":"distribution","bins":[[0]]}"#,
            r#"{"kind":"changed","criterion":"c"}"#,
            r#"{"kind":"median","at":"intake"}"#,
            r#"{"kind":"mean","at":"intake","extra":1}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse(r#"{"kind":"mean","at":"intake","band":"x"}"#)
            .unwrap_err()
            .starts_with("unknown field `band`"));
    }
}
