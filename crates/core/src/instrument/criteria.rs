//! When a change since intake counts, as data: a fixed number of points (the
//! official WHO-5 rule), reliable change (a minimal detectable change or
//! Jacobson & Truax, the programme's parameters), or, for counts of days of
//! use, "stopped" and "stopped or at least halved". The judging itself is in
//! `change`.

use serde::{Deserialize, Serialize};

use crate::change::ReliableChange;
use crate::lang::Text;
use crate::tagged;

/// One change criterion of a score.
///
/// Serialised flat: `{"id":"ten_point","name":{…},"source":"…","kind":"points","points":10}`,
/// `{"id":"reliable",…,"kind":"reliable","default":{"kind":"mdc","points":23.6}}`,
/// `{"id":"stopped",…,"kind":"stopped"}` or `{"id":"halved",…,"kind":"halved"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CriterionRepr", into = "CriterionRepr")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "CriterionRepr"))]
pub struct Criterion {
    /// Stable within the score, e.g. `ten_point`. A programme's reliable-change
    /// setting names the criterion it replaces by this id.
    pub id: String,
    /// The rule in a few words, used in a sentence: "10-point-reglen".
    pub name: Text,
    pub source: String,
    pub rule: CriterionRule,
}

/// What a criterion judges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CriterionRule {
    /// A difference of at least `points` counts, either way.
    Points { points: u32 },
    /// A difference beyond the reliable-change threshold counts, either way;
    /// `default` until a programme sets its own parameters.
    Reliable { default: ReliableChange },
    /// Applies to those above 0 at intake: met when the later value is 0.
    Stopped,
    /// Applies to those above 0 at intake: met when the later value is at
    /// most half the intake value (so stopping counts too).
    Halved,
}

/// The flat shape of a [`Criterion`] in JSON (see `tagged`).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CriterionRepr {
    id: String,
    name: Text,
    source: String,
    kind: CriterionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default: Option<ReliableChange>,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
enum CriterionKind {
    Points,
    Reliable,
    Stopped,
    Halved,
}

impl TryFrom<CriterionRepr> for Criterion {
    type Error = String;

    fn try_from(r: CriterionRepr) -> Result<Self, String> {
        use CriterionKind::*;
        let fields = ["id", "name", "source", "kind"];
        let rule = match (r.kind, r.points, r.default) {
            (Points, points, None) => CriterionRule::Points {
                points: points.ok_or_else(|| tagged::missing_field("points"))?,
            },
            (Reliable, None, default) => CriterionRule::Reliable {
                default: default.ok_or_else(|| tagged::missing_field("default"))?,
            },
            (Stopped, None, None) => CriterionRule::Stopped,
            (Halved, None, None) => CriterionRule::Halved,
            (_, Some(_), _) => return Err(tagged::unknown_field("points", &fields)),
            (_, _, Some(_)) => return Err(tagged::unknown_field("default", &fields)),
        };
        Ok(Criterion {
            id: r.id,
            name: r.name,
            source: r.source,
            rule,
        })
    }
}

impl From<Criterion> for CriterionRepr {
    fn from(c: Criterion) -> CriterionRepr {
        let (kind, points, default) = match c.rule {
            CriterionRule::Points { points } => (CriterionKind::Points, Some(points), None),
            CriterionRule::Reliable { default } => (CriterionKind::Reliable, None, Some(default)),
            CriterionRule::Stopped => (CriterionKind::Stopped, None, None),
            CriterionRule::Halved => (CriterionKind::Halved, None, None),
        };
        CriterionRepr {
            id: c.id,
            name: c.name,
            source: c.source,
            kind,
            points,
            default,
        }
    }
}

impl CriterionRule {
    /// Whether the criterion says which way a score moved (improved,
    /// unchanged, worsened), rather than whether a target was met.
    pub fn is_directional(&self) -> bool {
        matches!(
            self,
            CriterionRule::Points { .. } | CriterionRule::Reliable { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Criterion, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    const HEAD: &str = r#""id":"c","name":{"da":"a","en":"b"},"source":"s""#;

    #[test]
    fn each_kind_takes_its_own_fields_and_round_trips() {
        let c = parse(&format!(r#"{{{HEAD},"kind":"points","points":10}}"#)).unwrap();
        assert_eq!(c.rule, CriterionRule::Points { points: 10 });
        let c2 = parse(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(c, c2);
        let r = parse(&format!(
            r#"{{{HEAD},"kind":"reliable","default":{{"kind":"mdc","points":23.6}}}}"#
        ))
        .unwrap();
        assert_eq!(
            r.rule,
            CriterionRule::Reliable {
                default: ReliableChange::Mdc { points: 23.6 }
            }
        );
        assert_eq!(parse(&serde_json::to_string(&r).unwrap()).unwrap(), r);
        assert_eq!(
            parse(&format!(r#"{{{HEAD},"kind":"halved"}}"#))
                .unwrap()
                .rule,
            CriterionRule::Halved
        );
        for bad in [
            format!(r#"{{{HEAD},"kind":"points"}}"#),
            format!(r#"{{{HEAD},"kind":"stopped","points":1}}"#),
            format!(r#"{{{HEAD},"kind":"reliable"}}"#),
            format!(r#"{{{HEAD},"kind":"reliable","default":{{"kind":"mdc","points":-1}}}}"#),
            format!(r#"{{{HEAD},"kind":"halved","extra":1}}"#),
            format!(r#"{{{HEAD},"kind":"sometimes"}}"#),
        ] {
            assert!(parse(&bad).is_err(), "{bad}");
        }
    }
}
