//! The report's settings as the command line gives them: `--reference
//! KEY=VALUE` and `--reliable KEY=mdc:POINTS` or `KEY=jt:SD:R`, repeatable,
//! where KEY names a reference value or a reliable-change criterion of a
//! score as the data defines it (`instrument/score/name`, see
//! `trivsel_core::report::key`), besides the breakdown and the smallest
//! shown group. What is not given is the data's default. Numbers take a
//! decimal point or a decimal comma.
//!
//! Whether a key names anything is known only once the files are read (an
//! export may bring an instrument trivsel does not ship): `report` checks
//! that with `ReportParams::check_with`.

use std::collections::BTreeMap;

use trivsel_core::report::Breakdown;
use trivsel_core::{tr, Lang, ReliableChange, ReportParams};

/// A number as typed: digits with a decimal point or comma, maybe a sign.
fn number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    plain.then(|| text.parse().ok()).flatten()
}

/// `KEY=VALUE` split at the first `=`, both sides non-empty.
fn key_value(arg: &str) -> Option<(&str, &str)> {
    let (key, value) = arg.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && !value.trim().is_empty()).then_some((key, value.trim()))
}

/// `mdc:POINTS` or `jt:SD:R`.
fn reliable(value: &str) -> Option<ReliableChange> {
    let mut parts = value.split(':');
    let kind = parts.next()?.trim().to_ascii_lowercase();
    let numbers: Vec<f64> = parts.map(number).collect::<Option<_>>()?;
    match (kind.as_str(), numbers.as_slice()) {
        ("mdc", [points]) => Some(ReliableChange::Mdc { points: *points }),
        ("jt", [sd, reliability]) => Some(ReliableChange::JacobsonTruax {
            sd: *sd,
            reliability: *reliability,
        }),
        _ => None,
    }
}

/// The report settings from the options, or why they cannot be used (in
/// `lang`). Only what needs no definitions is checked here.
pub fn params(
    references: &[String],
    reliables: &[String],
    by: Breakdown,
    min_cell: u32,
    lang: Lang,
) -> Result<ReportParams, String> {
    let twice = |key: &str| {
        tr!(lang,
            da: format!("Indstillingen {key} er givet to gange."),
            en: format!("The setting {key} is given twice."),
        )
    };
    let mut p = ReportParams {
        min_cell,
        by,
        references: BTreeMap::new(),
        reliable: BTreeMap::new(),
    };
    for arg in references {
        let parsed = key_value(arg).and_then(|(k, v)| Some((k, number(v)?)));
        let Some((key, value)) = parsed else {
            return Err(tr!(lang,
                da: format!("--reference {arg}: skriv NØGLE=TAL, fx skema/score/reference=7,5."),
                en: format!("--reference {arg}: write KEY=NUMBER, e.g. instrument/score/reference=7.5."),
            ));
        };
        if p.references.insert(key.to_string(), value).is_some() {
            return Err(twice(key));
        }
    }
    for arg in reliables {
        let parsed = key_value(arg).and_then(|(k, v)| Some((k, reliable(v)?)));
        let Some((key, rc)) = parsed else {
            return Err(tr!(lang,
                da: format!("--reliable {arg}: skriv NØGLE=mdc:POINT (mindste påviselige ændring) eller NØGLE=jt:SD:R (Jacobson & Truax)."),
                en: format!("--reliable {arg}: write KEY=mdc:POINTS (minimal detectable change) or KEY=jt:SD:R (Jacobson & Truax)."),
            ));
        };
        if p.reliable.insert(key.to_string(), rc).is_some() {
            return Err(twice(key));
        }
    }
    p.check().map_err(|e| e.message(lang))?;
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn settings_read_as_typed() {
        let p = params(
            &strings(&["a/b/c=7,5", " d/e/f = 8 "]),
            &strings(&["g/h/i=mdc:23.6", "j/k/l=JT:20:0,81"]),
            Breakdown::Site,
            3,
            Lang::En,
        )
        .unwrap();
        assert_eq!(p.references["a/b/c"], 7.5);
        assert_eq!(p.references["d/e/f"], 8.0);
        assert_eq!(p.reliable["g/h/i"], ReliableChange::Mdc { points: 23.6 });
        assert_eq!(
            p.reliable["j/k/l"],
            ReliableChange::JacobsonTruax {
                sd: 20.0,
                reliability: 0.81
            }
        );
        assert_eq!((p.by, p.min_cell), (Breakdown::Site, 3));
    }

    #[test]
    fn what_cannot_be_read_is_named() {
        let bad = |refs: &[&str], rcs: &[&str], min: u32| {
            params(
                &strings(refs),
                &strings(rcs),
                Breakdown::Gender,
                min,
                Lang::Da,
            )
            .unwrap_err()
        };
        assert!(bad(&["a/b/c"], &[], 5).starts_with("--reference a/b/c: skriv NØGLE=TAL"));
        assert!(bad(&["=5"], &[], 5).starts_with("--reference =5"));
        assert!(bad(&["a=NaN"], &[], 5).starts_with("--reference a=NaN"));
        assert!(bad(&["a=1e9"], &[], 5).starts_with("--reference a=1e9"));
        assert!(bad(&[], &["a=mdc"], 5).starts_with("--reliable a=mdc: skriv"));
        assert!(bad(&[], &["a=jt:20"], 5).starts_with("--reliable a=jt:20"));
        assert!(bad(&[], &["a=x:1"], 5).starts_with("--reliable a=x:1"));
        assert_eq!(
            bad(&["a=1", "a=2"], &[], 5),
            "Indstillingen a er givet to gange."
        );
        assert_eq!(
            bad(&[], &["a=mdc:-1"], 5),
            "Den mindste påviselige ændring skal være et tal større end 0 (ikke -1)."
        );
        assert_eq!(
            bad(&[], &[], 0),
            "Den mindste viste gruppe skal være mindst 1 deltager (ikke 0)."
        );
    }
}
