//! The checks of a document as a whole, before and after its records: that
//! it is a trivsel export in a version this build reads; for version 1, that
//! it lists only instruments this build ships in their shipped versions;
//! for version 2, that the definitions it carries are coherent and agree
//! with those already known; and that it lists every instrument its records
//! answer. Public, so the CLI's streaming reader checks a document of any
//! size by the same rules.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::error::ImportError;
use super::json::json_error;
use crate::catalogue::{Catalogue, CatalogueError};
use crate::export::{FORMAT, VERSION};
use crate::instrument::{Instrument, InstrumentRef};
use crate::messages::{clip, clip_to};

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

/// The format version of `text`, known to be JSON, if it is an object whose
/// `format` is [`FORMAT`] and whose `version` is one this build reads (this
/// build's where the file gives none, so the shape check names the missing
/// field); the rest of the object is skipped, not read.
pub(super) fn check_format_and_version(text: &str) -> Result<u32, ImportError> {
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
    let readable = |v: u64| u32::try_from(v).ok().filter(|v| (1..=VERSION).contains(v));
    match probe.version {
        None => Ok(VERSION),
        Some(Value::Number(n)) if n.as_u64().and_then(readable).is_some() => {
            Ok(n.as_u64().and_then(readable).unwrap_or(VERSION))
        }
        Some(v) => Err(ImportError::UnsupportedVersion {
            found: echo_value(&v),
        }),
    }
}

/// A JSON value as a message may repeat it: a string cut to
/// [`MAX_ECHO`](crate::messages::MAX_ECHO) characters, an array or object
/// as `[…]` or `{…}`.
pub fn echo_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", clip(s)),
        Value::Array(_) => "[…]".into(),
        Value::Object(_) => "{…}".into(),
        other => clip(&other.to_string()),
    }
}

/// The instruments a version 1 document lists: each one this build ships,
/// in the version it ships (a version 1 file carries no definitions).
pub fn check_instruments(listed: &[InstrumentRef]) -> Result<(), ImportError> {
    let shipped = Catalogue::shipped();
    for listed in listed {
        if shipped.instrument(listed).is_some() {
            continue;
        }
        let current = shipped.instruments().iter().filter(|i| i.id == listed.id);
        return Err(match current.map(|i| i.version).max() {
            Some(current) => ImportError::InstrumentVersion {
                id: clip(&listed.id),
                listed: listed.version,
                current,
            },
            None => ImportError::UnknownInstrument {
                id: clip(&listed.id),
                version: listed.version,
            },
        });
    }
    Ok(())
}

/// The definitions a version 2 document carries, each coherent, none twice,
/// each equal to one `catalogue` already has under its id and version:
/// (a copy of) `catalogue` with them added, against which its records are
/// then checked.
pub fn check_definitions(
    definitions: &[Instrument],
    catalogue: &Catalogue,
) -> Result<Catalogue, ImportError> {
    let mut known = catalogue.clone();
    for (i, def) in definitions.iter().enumerate() {
        let twice = definitions[..i]
            .iter()
            .any(|d| d.id == def.id && d.version == def.version);
        if twice {
            return Err(ImportError::Definition(CatalogueError::Clash {
                id: clip(&def.id),
                version: def.version,
            }));
        }
        known
            .add_instrument(def.clone())
            .map_err(|e| ImportError::Definition(clipped(e)))?;
    }
    Ok(known)
}

/// A catalogue error with every name in it cut for a message.
fn clipped(e: CatalogueError) -> CatalogueError {
    match e {
        CatalogueError::Definition(mut d) => {
            d.instrument = clip(&d.instrument);
            d.problem.da = clip_to(&d.problem.da, 200);
            d.problem.en = clip_to(&d.problem.en, 200);
            CatalogueError::Definition(d)
        }
        CatalogueError::Clash { id, version } => CatalogueError::Clash {
            id: clip(&id),
            version,
        },
        other => other,
    }
}

/// Every instrument the records answer (`answered`, as records name them) is
/// on the document's list, in the same version.
pub fn check_listed<'a>(
    listed: &[InstrumentRef],
    mut answered: impl Iterator<Item = &'a InstrumentRef>,
) -> Result<(), ImportError> {
    let on_list = |a: &InstrumentRef| {
        listed
            .iter()
            .any(|l| l.id == a.id && l.version == a.version)
    };
    match answered.find(|a| !on_list(a)) {
        Some(a) => Err(ImportError::InstrumentNotListed { id: clip(&a.id) }),
        None => Ok(()),
    }
}
