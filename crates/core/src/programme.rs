//! A programme file: how a programme brings its own questionnaires and
//! batteries to a tablet without a new build of trivsel.
//!
//! ```json
//! { "format": "trivsel-programme", "version": 1,
//!   "programme": { "id": "ung_rusmidler", "version": 2, "name": { "da": "…", "en": "…" } },
//!   "instruments": [ … ], "batteries": [ … ] }
//! ```
//!
//! A file is read whole and checked against the catalogue it joins before
//! anything of it is used: every instrument passes `Instrument::check` and
//! never redefines an id and version already known, every battery names
//! instruments that exist. A bad file is rejected whole with one reason, so
//! nothing is half applied.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::battery::Battery;
use crate::catalogue::{Catalogue, CatalogueError};
use crate::instrument::check::{empty, is_identifier};
use crate::instrument::Instrument;
use crate::lang::{Lang, Text};

/// The `format` field of every programme file.
pub const FORMAT: &str = "trivsel-programme";
/// The version this build reads and writes.
pub const VERSION: u32 = 1;
/// The largest programme file read, in bytes.
pub const MAX_BYTES: usize = 1_000_000;

/// Which programme a file is, and which version of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgrammeInfo {
    pub id: String,
    /// Bumped with every change to the file.
    pub version: u32,
    pub name: Text,
}

/// A checked programme file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Programme {
    /// Always [`FORMAT`].
    pub format: String,
    /// The file format's version, [`VERSION`].
    pub version: u32,
    pub programme: ProgrammeInfo,
    /// Instruments trivsel does not ship.
    #[serde(default)]
    pub instruments: Vec<Instrument>,
    pub batteries: Vec<Battery>,
}

/// Why a programme file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgrammeError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    NotUtf8,
    /// Not JSON, or JSON of another shape than a programme file.
    NotReadable {
        detail: String,
    },
    /// Not a programme file at all (another `format`).
    NotAProgramme,
    UnsupportedVersion {
        found: u32,
    },
    /// The programme's own id, version or name.
    BadInfo,
    NoBatteries,
    /// A battery reuses the id of one trivsel ships.
    ShippedBattery {
        id: String,
    },
    /// An instrument or battery cannot join the catalogue.
    Catalogue(CatalogueError),
}

impl ProgrammeError {
    pub fn message(&self, lang: Lang) -> String {
        let mb = MAX_BYTES / 1_000_000;
        match (self, lang) {
            (Self::Empty, Lang::Da) => "Filen er tom.".into(),
            (Self::Empty, Lang::En) => "The file is empty.".into(),
            (Self::TooLarge { bytes }, Lang::Da) => {
                format!("Filen er for stor ({bytes} byte); en programfil er højst {mb} MB.")
            }
            (Self::TooLarge { bytes }, Lang::En) => {
                format!("The file is too large ({bytes} bytes); a programme file is at most {mb} MB.")
            }
            (Self::NotUtf8, Lang::Da) => "Filen er ikke tekst i UTF-8.".into(),
            (Self::NotUtf8, Lang::En) => "The file is not UTF-8 text.".into(),
            (Self::NotReadable { detail }, Lang::Da) => {
                format!("Filen kan ikke læses som en programfil: {detail}")
            }
            (Self::NotReadable { detail }, Lang::En) => {
                format!("The file cannot be read as a programme file: {detail}")
            }
            (Self::NotAProgramme, Lang::Da) => "Filen er ikke en trivsel-programfil.".into(),
            (Self::NotAProgramme, Lang::En) => "The file is not a trivsel programme file.".into(),
            (Self::UnsupportedVersion { found }, Lang::Da) => format!(
                "Programfilen har format-version {found}; denne udgave af trivsel læser version {VERSION}."
            ),
            (Self::UnsupportedVersion { found }, Lang::En) => format!(
                "The programme file has format version {found}; this release of trivsel reads version {VERSION}."
            ),
            (Self::BadInfo, Lang::Da) => {
                "Programmet skal have et enkelt navn som id, en version fra 1 og et navn på dansk og engelsk.".into()
            }
            (Self::BadInfo, Lang::En) => {
                "The programme needs a plain id, a version from 1 and a name in Danish and English.".into()
            }
            (Self::NoBatteries, Lang::Da) => "Programfilen har ingen batterier.".into(),
            (Self::NoBatteries, Lang::En) => "The programme file has no batteries.".into(),
            (Self::ShippedBattery { id }, Lang::Da) => format!(
                "Batteriet «{id}» findes allerede i trivsel; giv programmets batteri et andet navn."
            ),
            (Self::ShippedBattery { id }, Lang::En) => format!(
                "The battery «{id}» already ships with trivsel; give the programme's battery another name."
            ),
            (Self::Catalogue(e), lang) => e.message(lang),
        }
    }
}

impl fmt::Display for ProgrammeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ProgrammeError {}

/// Only the envelope, read first so a file of another kind or version is
/// named as such rather than by the first field it lacks. A field of another
/// type is no programme file either.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<u64>,
}

/// Whether `bytes` claim to be a programme file: a JSON object whose
/// `format` is [`FORMAT`], nothing else checked. A front end handed files of
/// several kinds sends each to its reader by this; [`parse_programme`] then
/// checks everything.
pub fn is_programme(bytes: &[u8]) -> bool {
    serde_json::from_slice::<Envelope>(bytes)
        .ok()
        .and_then(|e| e.format)
        .is_some_and(|f| f == FORMAT)
}

/// Reads and checks a programme file against `catalogue` (the shipped
/// definitions and those of programmes already on the tablet).
pub fn parse_programme(bytes: &[u8], catalogue: &Catalogue) -> Result<Programme, ProgrammeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ProgrammeError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(ProgrammeError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ProgrammeError::NotUtf8)?;
    let not_readable = |e: String| ProgrammeError::NotReadable { detail: e };
    let envelope: Envelope = match serde_json::from_str(text) {
        Ok(e) => e,
        Err(e) if e.is_data() => return Err(ProgrammeError::NotAProgramme),
        Err(e) => return Err(not_readable(e.to_string())),
    };
    if envelope.format.as_deref() != Some(FORMAT) {
        return Err(ProgrammeError::NotAProgramme);
    }
    match envelope.version {
        Some(v) if v == u64::from(VERSION) => {}
        found => {
            return Err(ProgrammeError::UnsupportedVersion {
                found: found.map_or(0, |v| u32::try_from(v).unwrap_or(u32::MAX)),
            })
        }
    }
    let programme: Programme =
        serde_json::from_str(text).map_err(|e| not_readable(e.to_string()))?;
    programme.check(catalogue)?;
    Ok(programme)
}

impl Programme {
    /// Checks the programme against `catalogue`: its own id, version and
    /// name, at least one battery, no battery named like a shipped one, and
    /// every instrument and battery able to join the catalogue.
    pub fn check(&self, catalogue: &Catalogue) -> Result<(), ProgrammeError> {
        let info = &self.programme;
        if !is_identifier(&info.id) || info.version == 0 || empty(&info.name) {
            return Err(ProgrammeError::BadInfo);
        }
        if self.batteries.is_empty() {
            return Err(ProgrammeError::NoBatteries);
        }
        if let Some(b) = self.batteries.iter().find(|b| {
            Catalogue::shipped()
                .batteries()
                .iter()
                .any(|s| s.id == b.id)
        }) {
            return Err(ProgrammeError::ShippedBattery { id: b.id.clone() });
        }
        self.join(catalogue.clone()).map(|_| ())
    }

    /// `catalogue` with this programme's instruments and batteries added.
    pub fn join(&self, mut catalogue: Catalogue) -> Result<Catalogue, ProgrammeError> {
        for i in &self.instruments {
            catalogue
                .add_instrument(i.clone())
                .map_err(ProgrammeError::Catalogue)?;
        }
        for b in &self.batteries {
            catalogue
                .add_battery(b.clone())
                .map_err(ProgrammeError::Catalogue)?;
        }
        Ok(catalogue)
    }
}

impl Catalogue {
    /// The shipped catalogue with `programmes` added in order. Each was
    /// checked by [`parse_programme`] when it was imported, so it is not
    /// checked again (see [`Catalogue::add_checked`]).
    pub fn with_programmes<'p>(programmes: impl IntoIterator<Item = &'p Programme>) -> Catalogue {
        let mut c = Catalogue::shipped().clone();
        for p in programmes {
            c.add_checked(&p.instruments, &p.batteries);
        }
        c
    }
}

#[cfg(test)]
mod tests;
