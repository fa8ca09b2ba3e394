//! The checks of a document as a whole, before and after its records: that
//! it is a trivsel export in a version this build reads, that it lists only
//! instruments this build ships in their shipped versions, and that it
//! lists every instrument its records answer. Public, so the CLI's streaming
//! reader checks a document of any size by the same rules.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::error::ImportError;
use super::json::json_error;
use crate::export::{FORMAT, VERSION};
use crate::instrument::{builtin, InstrumentRef};
use crate::messages::clip;

/// The `format` and `version` of a JSON object, everything else skipped.
#[derive(Default)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        d.deserialize_map(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an export document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => probe.format = Some(map.next_value()?),
                "version" => probe.version = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }
}

/// Whether `text`, known to be JSON, is an object whose `format` is
/// [`FORMAT`] and whose `version` (if present) is one this build reads; the
/// rest of the object is skipped, not read.
pub(super) fn check_format_and_version(text: &str) -> Result<(), ImportError> {
    if !text.trim_start().starts_with('{') {
        return Err(ImportError::UnknownFormat);
    }
    let probe = match serde_json::from_str::<Probe>(text) {
        Ok(probe) => probe,
        Err(e) => return Err(json_error(&e).unwrap_or(ImportError::UnknownFormat)),
    };
    if !matches!(&probe.format, Some(Value::String(f)) if f == FORMAT) {
        return Err(ImportError::UnknownFormat);
    }
    match probe.version {
        None => Ok(()),
        Some(Value::Number(n))
            if n.as_u64()
                .is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) =>
        {
            Ok(())
        }
        Some(v) => Err(ImportError::UnsupportedVersion {
            found: echo_value(&v),
        }),
    }
}

/// A JSON value as a message may repeat it.
fn echo_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", clip(s)),
        Value::Array(_) => "[…]".into(),
        Value::Object(_) => "{…}".into(),
        other => clip(&other.to_string()),
    }
}

/// The instruments a document lists: each one this build ships, in the
/// version it ships.
pub fn check_instruments(listed: &[InstrumentRef]) -> Result<(), ImportError> {
    for listed in listed {
        let Some(instrument) = builtin().get(&listed.id) else {
            return Err(ImportError::UnknownInstrument {
                id: clip(&listed.id),
                version: listed.version,
            });
        };
        if instrument.version != listed.version {
            return Err(ImportError::InstrumentVersion {
                id: clip(&listed.id),
                listed: listed.version,
                current: instrument.version,
            });
        }
    }
    Ok(())
}

/// Every instrument the records answer (`answered`, instrument ids) is on
/// the document's list.
pub fn check_listed<'a>(
    listed: &[InstrumentRef],
    mut answered: impl Iterator<Item = &'a str>,
) -> Result<(), ImportError> {
    match answered.find(|id| !listed.iter().any(|l| l.id == *id)) {
        Some(id) => Err(ImportError::InstrumentNotListed { id: clip(id) }),
        None => Ok(()),
    }
}
