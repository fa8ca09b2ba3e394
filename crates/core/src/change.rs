//! Change in WHO-5 since intake, judged by two criteria that are never merged.
//!
//! The official WHO-5 scoring text says a difference of 10 percentage points is
//! a significant change. The Danish validation (Schougaard et al. 2018) found a
//! minimal detectable change of 23.6 points, and Jacobson & Truax's reliable
//! change index asks how large a change must be before measurement error is an
//! unlikely explanation. A counsellor sees both answers side by side: the two
//! rules disagree for changes between 10 and about 24 points, and that
//! disagreement is information, not something to average away. Which
//! reliable-change criterion applies, and its parameters, is a programme
//! setting ([`ReliableChange`]), not a constant.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::tagged;

/// The official WHO-5 rule: a difference of this many percentage points or
/// more is a significant change (WHO-5 official scoring text, 1998, the
/// scoring source `crates/core/instruments/who5.json` names).
pub const SIGNIFICANT_POINTS: u32 = 10;

/// Minimal detectable change of the Danish WHO-5 percentage score: 23.6 points
/// (Schougaard LMV et al. 2018, "Test-retest reliability and measurement error
/// of the Danish WHO-5 Well-being Index in outpatients with epilepsy", Health
/// and Quality of Life Outcomes 16:175, doi 10.1186/s12955-018-1001-0).
pub const DANISH_WHO5_MDC: f64 = 23.6;

/// Test–retest reliability (ICC) of the Danish WHO-5 from the same study.
pub const DANISH_WHO5_ICC: f64 = 0.81;

/// The two-sided 95 % critical value Jacobson & Truax use.
pub const RCI_CRITICAL: f64 = 1.96;

/// Which way a score moved, by one criterion. Higher WHO-5 is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeLabel {
    Improved,
    Unchanged,
    Worsened,
}

impl ChangeLabel {
    pub const ALL: [ChangeLabel; 3] = [
        ChangeLabel::Improved,
        ChangeLabel::Unchanged,
        ChangeLabel::Worsened,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Improved => tr!(lang, da: "bedring", en: "improvement"),
            Self::Unchanged => tr!(lang, da: "uændret", en: "no change"),
            Self::Worsened => tr!(lang, da: "forværring", en: "deterioration"),
        }
    }

    /// The direction of `delta` if the change counts, otherwise `Unchanged`.
    fn of(delta: i32, counts: bool) -> ChangeLabel {
        match delta {
            d if d > 0 && counts => Self::Improved,
            d if d < 0 && counts => Self::Worsened,
            _ => Self::Unchanged,
        }
    }
}

/// The reliable-change criterion a programme uses for WHO-5 percentage scores.
///
/// Serialised as a tagged object: `{"kind":"mdc","points":23.6}` or
/// `{"kind":"jacobson_truax","sd":20.0,"reliability":0.81}`. Deserialising
/// runs [`ReliableChange::check`], so a stored setting is always usable.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "ReliableChangeRepr",
    deny_unknown_fields
)]
pub enum ReliableChange {
    /// A fixed minimal detectable change: a change is reliable when
    /// |Δ| > `points`. The default, 23.6, is the Danish WHO-5 MDC
    /// (Schougaard et al. 2018, doi 10.1186/s12955-018-1001-0).
    Mdc { points: f64 },
    /// Jacobson & Truax (1991), "Clinical significance: a statistical approach
    /// to defining meaningful change in psychotherapy research", J Consult Clin
    /// Psychol 59(1):12–19: SE_diff = `sd` · √2 · √(1 − `reliability`), and a
    /// change is reliable when |Δ| / SE_diff > 1.96. `sd` is the standard
    /// deviation of the percentage score in a reference sample and
    /// `reliability` its test–retest reliability (Danish WHO-5: ICC 0.81,
    /// [`DANISH_WHO5_ICC`]); both are the programme's parameters.
    JacobsonTruax { sd: f64, reliability: f64 },
}

/// The unchecked shape of a [`ReliableChange`] (see `tagged`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReliableChangeRepr {
    kind: ReliableChangeKind,
    #[serde(default, deserialize_with = "tagged::present")]
    points: Option<f64>,
    #[serde(default, deserialize_with = "tagged::present")]
    sd: Option<f64>,
    #[serde(default, deserialize_with = "tagged::present")]
    reliability: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ReliableChangeKind {
    Mdc,
    JacobsonTruax,
}

impl TryFrom<ReliableChangeRepr> for ReliableChange {
    type Error = String;

    fn try_from(repr: ReliableChangeRepr) -> Result<Self, String> {
        use ReliableChangeKind::{JacobsonTruax, Mdc};
        let (unknown, missing) = (tagged::unknown_field, tagged::missing_field);
        let rc = match (repr.kind, repr.points, repr.sd, repr.reliability) {
            (Mdc, _, Some(_), _) => return Err(unknown("sd", &["points"])),
            (Mdc, _, _, Some(_)) => return Err(unknown("reliability", &["points"])),
            (Mdc, points, None, None) => Self::Mdc {
                points: points.ok_or_else(|| missing("points"))?,
            },
            (JacobsonTruax, Some(_), _, _) => {
                return Err(unknown("points", &["sd", "reliability"]))
            }
            (JacobsonTruax, None, sd, reliability) => Self::JacobsonTruax {
                sd: sd.ok_or_else(|| missing("sd"))?,
                reliability: reliability.ok_or_else(|| missing("reliability"))?,
            },
        };
        rc.check().map(|()| rc).map_err(|e| e.to_string())
    }
}

impl Default for ReliableChange {
    /// The Danish WHO-5 minimal detectable change, 23.6 points.
    fn default() -> Self {
        ReliableChange::Mdc {
            points: DANISH_WHO5_MDC,
        }
    }
}

/// A reliable-change setting that cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReliableChangeError {
    /// The MDC is not a finite number above 0.
    Points(f64),
    /// The standard deviation is not a finite number above 0.
    Sd(f64),
    /// The reliability is not strictly between 0 and 1.
    Reliability(f64),
}

impl ReliableChangeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Points(x) => tr!(lang,
                da: format!("Den mindste påviselige ændring skal være et tal større end 0 (ikke {x})."),
                en: format!("The minimal detectable change must be a number greater than 0 (not {x})."),
            ),
            Self::Sd(x) => tr!(lang,
                da: format!("Standardafvigelsen skal være et tal større end 0 (ikke {x})."),
                en: format!("The standard deviation must be a number greater than 0 (not {x})."),
            ),
            Self::Reliability(x) => tr!(lang,
                da: format!("Reliabiliteten skal være et tal mellem 0 og 1, begge udelukket (ikke {x})."),
                en: format!("The reliability must be a number between 0 and 1, both excluded (not {x})."),
            ),
        }
    }
}

impl fmt::Display for ReliableChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReliableChangeError {}

impl ReliableChange {
    /// Rejects parameters that make no sense: an MDC or SD that is not a
    /// finite number above 0, a reliability not strictly between 0 and 1, NaN.
    pub fn check(&self) -> Result<(), ReliableChangeError> {
        let positive = |x: f64| x.is_finite() && x > 0.0;
        match *self {
            Self::Mdc { points } if !positive(points) => Err(ReliableChangeError::Points(points)),
            Self::JacobsonTruax { sd, .. } if !positive(sd) => Err(ReliableChangeError::Sd(sd)),
            Self::JacobsonTruax { reliability, .. }
                if !(reliability > 0.0 && reliability < 1.0) =>
            {
                Err(ReliableChangeError::Reliability(reliability))
            }
            _ => Ok(()),
        }
    }

    /// The standard error of a difference, SE_diff = SD · √2 · √(1 − r), for
    /// the Jacobson–Truax criterion; `None` for a fixed MDC.
    pub fn se_diff(&self) -> Option<f64> {
        match *self {
            Self::Mdc { .. } => None,
            Self::JacobsonTruax { sd, reliability } => Some(se_diff(sd, reliability)),
        }
    }

    /// The change in points that must be exceeded for a change to be
    /// reliable: the MDC itself, or 1.96 · SE_diff.
    pub fn threshold(&self) -> f64 {
        match *self {
            Self::Mdc { points } => points,
            Self::JacobsonTruax { sd, reliability } => RCI_CRITICAL * se_diff(sd, reliability),
        }
    }

    /// Whether a change of `delta` points is reliable: |Δ| > MDC, or
    /// |Δ| / SE_diff > 1.96. With a setting that fails [`check`](Self::check)
    /// the answer is meaningless, but there is no panic.
    pub fn is_reliable(&self, delta: i32) -> bool {
        let size = f64::from(delta).abs();
        match *self {
            Self::Mdc { points } => size > points,
            Self::JacobsonTruax { sd, reliability } => {
                size / se_diff(sd, reliability) > RCI_CRITICAL
            }
        }
    }
}

fn se_diff(sd: f64, reliability: f64) -> f64 {
    sd * std::f64::consts::SQRT_2 * (1.0 - reliability).sqrt()
}

/// The official 10-point rule: |Δ| ≥ 10 percentage points is a change.
pub fn ten_point(delta: i32) -> ChangeLabel {
    ChangeLabel::of(delta, delta.unsigned_abs() >= SIGNIFICANT_POINTS)
}

/// A change in the WHO-5 percentage score, judged by both criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Percentage score at the earlier measurement (intake).
    pub from: u32,
    /// Percentage score at the later one.
    pub to: u32,
    /// `to − from`; positive is better.
    pub delta: i32,
    /// By the official WHO-5 rule, |Δ| ≥ 10.
    pub ten_point: ChangeLabel,
    /// By the programme's reliable-change criterion.
    pub reliable: ChangeLabel,
}

/// The change from `from_pct` to `to_pct` (WHO-5 percentage scores, 0–100),
/// judged by the 10-point rule and by `rc`, separately.
pub fn who5_change(from_pct: u32, to_pct: u32, rc: &ReliableChange) -> Change {
    let wide = i64::from(to_pct) - i64::from(from_pct);
    let delta = wide.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    Change {
        from: from_pct,
        to: to_pct,
        delta,
        ten_point: ten_point(delta),
        reliable: ChangeLabel::of(delta, rc.is_reliable(delta)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ChangeLabel::*;

    fn both(from: u32, to: u32, rc: &ReliableChange) -> (ChangeLabel, ChangeLabel) {
        let c = who5_change(from, to, rc);
        (c.ten_point, c.reliable)
    }

    #[test]
    fn hand_computed_vectors_under_the_default() {
        let rc = ReliableChange::default();
        assert_eq!(rc, ReliableChange::Mdc { points: 23.6 });
        assert_eq!(rc.threshold(), 23.6);
        assert_eq!(both(40, 52, &rc), (Improved, Unchanged));
        assert_eq!(both(40, 64, &rc), (Improved, Improved));
        assert_eq!(both(60, 52, &rc), (Unchanged, Unchanged));
        assert_eq!(both(80, 56, &rc), (Worsened, Worsened));
        assert_eq!(both(48, 72, &rc), (Improved, Improved)); // 24 > 23.6
        assert_eq!(both(48, 71, &rc), (Improved, Unchanged)); // 23 < 23.6
        assert_eq!(both(50, 60, &rc), (Improved, Unchanged)); // exactly 10 counts
        assert_eq!(both(50, 59, &rc), (Unchanged, Unchanged));
        assert_eq!(both(50, 40, &rc), (Worsened, Unchanged));
        assert_eq!(
            who5_change(60, 52, &rc),
            Change {
                from: 60,
                to: 52,
                delta: -8,
                ten_point: Unchanged,
                reliable: Unchanged
            }
        );
        // The seed figures: girls 41 → 64 and boys 49 → 70 on average.
        assert_eq!(both(41, 64, &rc), (Improved, Unchanged)); // 23
        assert_eq!(both(49, 70, &rc), (Improved, Unchanged)); // 21
    }

    #[test]
    fn jacobson_truax_by_hand() {
        // SE_diff = 20 · √2 · √(1 − 0.81) = 20 · 1.414214 · 0.435890 = 12.3288;
        // threshold = 1.96 · 12.3288 = 24.1645.
        let rc = ReliableChange::JacobsonTruax {
            sd: 20.0,
            reliability: 0.81,
        };
        rc.check().unwrap();
        assert!((rc.se_diff().unwrap() - 12.33).abs() < 1e-2);
        assert!((rc.threshold() - 24.16).abs() < 1e-2);
        assert_eq!(both(48, 72, &rc), (Improved, Unchanged)); // 24 / 12.33 = 1.947
        assert_eq!(both(48, 73, &rc), (Improved, Improved)); // 25 / 12.33 = 2.028
        assert_eq!(both(80, 56, &rc), (Worsened, Unchanged));
        assert_eq!(both(80, 52, &rc), (Worsened, Worsened));
        assert_eq!(ReliableChange::default().se_diff(), None);
    }

    #[test]
    fn check_rejects_unusable_settings() {
        let mdc = |points| ReliableChange::Mdc { points };
        let jt = |sd, reliability| ReliableChange::JacobsonTruax { sd, reliability };
        assert_eq!(mdc(0.0).check(), Err(ReliableChangeError::Points(0.0)));
        assert_eq!(mdc(-5.0).check(), Err(ReliableChangeError::Points(-5.0)));
        assert!(mdc(f64::NAN).check().is_err());
        assert!(mdc(f64::INFINITY).check().is_err());
        assert_eq!(jt(0.0, 0.8).check(), Err(ReliableChangeError::Sd(0.0)));
        assert!(jt(f64::NAN, 0.8).check().is_err());
        assert_eq!(
            jt(20.0, 0.0).check(),
            Err(ReliableChangeError::Reliability(0.0))
        );
        assert_eq!(
            jt(20.0, 1.0).check(),
            Err(ReliableChangeError::Reliability(1.0))
        );
        assert!(jt(20.0, f64::NAN).check().is_err());
        assert!(jt(20.0, 0.5).check().is_ok() && mdc(10.0).check().is_ok());
        assert_eq!(
            ReliableChangeError::Reliability(1.5).message(Lang::Da),
            "Reliabiliteten skal være et tal mellem 0 og 1, begge udelukket (ikke 1.5)."
        );
        // Unusable settings do not panic.
        for rc in [mdc(f64::NAN), jt(-1.0, 0.8), jt(20.0, 1.0), jt(20.0, 2.0)] {
            for (a, b) in [(40, 40), (40, 90), (90, 40)] {
                let _ = who5_change(a, b, &rc);
            }
        }
    }

    #[test]
    fn serde_is_tagged_and_checked() {
        let rc = ReliableChange::default();
        assert_eq!(
            serde_json::to_string(&rc).unwrap(),
            r#"{"kind":"mdc","points":23.6}"#
        );
        let jt: ReliableChange =
            serde_json::from_str(r#"{"kind":"jacobson_truax","sd":20.0,"reliability":0.81}"#)
                .unwrap();
        assert_eq!(
            jt,
            ReliableChange::JacobsonTruax {
                sd: 20.0,
                reliability: 0.81
            }
        );
        assert_eq!(
            serde_json::from_str::<ReliableChange>(&serde_json::to_string(&jt).unwrap()).unwrap(),
            jt
        );
        for bad in [
            r#"{"kind":"mdc","points":0}"#,
            r#"{"kind":"mdc"}"#,
            r#"{"kind":"jacobson_truax","sd":20,"reliability":1}"#,
            r#"{"kind":"jacobson_truax","sd":-1,"reliability":0.8}"#,
            r#"{"kind":"mdc","points":23.6,"extra":1}"#,
            r#"{"kind":"rci","points":23.6}"#,
            r#"{"kind":"mdc","points":23.6,"sd":20}"#,
            r#"{"kind":"mdc","points":23.6,"sd":null}"#,
            r#"{"kind":"mdc","points":null}"#,
            r#"{"kind":"mdc","points":23.6,"reliability":0.8}"#,
            r#"{"kind":"jacobson_truax","sd":20,"reliability":0.8,"points":1}"#,
            r#"{"kind":"jacobson_truax","sd":20}"#,
            r#"{"kind":"jacobson_truax","reliability":0.8}"#,
            r#"{"points":23.6}"#,
            r#"{"kind":"mdc","kind":"mdc","points":23.6}"#,
        ] {
            assert!(
                serde_json::from_str::<ReliableChange>(bad).is_err(),
                "{bad}"
            );
        }
        let change = who5_change(40, 52, &rc);
        assert_eq!(
            serde_json::to_string(&change).unwrap(),
            r#"{"from":40,"to":52,"delta":12,"ten_point":"improved","reliable":"unchanged"}"#
        );
    }

    #[test]
    fn labels() {
        assert_eq!(Improved.label(Lang::Da), "bedring");
        assert_eq!(Unchanged.label(Lang::Da), "uændret");
        assert_eq!(Worsened.label(Lang::Da), "forværring");
        assert_eq!(Improved.label(Lang::En), "improvement");
        assert_eq!(Unchanged.label(Lang::En), "no change");
        assert_eq!(Worsened.label(Lang::En), "deterioration");
    }

    fn any_rc() -> impl Strategy<Value = ReliableChange> {
        prop_oneof![
            (0.5f64..60.0).prop_map(|points| ReliableChange::Mdc { points }),
            (1.0f64..40.0, 0.01f64..0.99)
                .prop_map(|(sd, reliability)| ReliableChange::JacobsonTruax { sd, reliability }),
        ]
    }

    fn flip(label: ChangeLabel) -> ChangeLabel {
        match label {
            Improved => Worsened,
            Unchanged => Unchanged,
            Worsened => Improved,
        }
    }

    proptest! {
        #[test]
        fn swapping_from_and_to_swaps_the_direction(from in 0u32..=100, to in 0u32..=100, rc in any_rc()) {
            let there = who5_change(from, to, &rc);
            let back = who5_change(to, from, &rc);
            prop_assert_eq!(back.delta, -there.delta);
            prop_assert_eq!(back.ten_point, flip(there.ten_point));
            prop_assert_eq!(back.reliable, flip(there.reliable));
        }

        #[test]
        fn no_change_is_unchanged(x in any::<u32>(), rc in any_rc()) {
            let c = who5_change(x, x, &rc);
            prop_assert_eq!((c.delta, c.ten_point, c.reliable), (0, Unchanged, Unchanged));
        }

        #[test]
        fn each_rule_is_its_threshold(from in 0u32..=100, to in 0u32..=100, rc in any_rc()) {
            let c = who5_change(from, to, &rc);
            prop_assert_eq!(c.delta, to as i32 - from as i32);
            prop_assert_eq!(c.ten_point != Unchanged, c.delta.abs() >= 10);
            let margin = (f64::from(c.delta.abs()) - rc.threshold()).abs();
            if margin > 1e-9 {
                prop_assert_eq!(c.reliable != Unchanged, f64::from(c.delta.abs()) > rc.threshold());
            }
            for label in [c.ten_point, c.reliable] {
                let expected = if c.delta > 0 { Improved } else { Worsened };
                prop_assert!(label == Unchanged || label == expected);
            }
            prop_assert!(rc.check().is_ok());
            let json = serde_json::to_string(&rc).unwrap();
            let back: ReliableChange = serde_json::from_str(&json).unwrap();
            prop_assert!((back.threshold() - rc.threshold()).abs() < 1e-9);
        }

        /// Under the default (23.6 > 10), a reliable change is always also a
        /// change by the 10-point rule, never the other way round.
        #[test]
        fn under_the_default_reliable_implies_ten_point(from in 0u32..=100, to in 0u32..=100) {
            let c = who5_change(from, to, &ReliableChange::default());
            if c.reliable != Unchanged {
                prop_assert_eq!(c.reliable, c.ten_point);
            }
        }
    }
}
