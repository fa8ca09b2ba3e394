//! Version 1 of the export format, kept so that every file an earlier
//! release wrote still imports and reports the same. It named the two
//! instruments trivsel then shipped by id and version, and kept each
//! instrument's scores as a raw sum, a percentage and the flagged items.
//! A version 1 document is read as it was written, then upgraded to the
//! current form: its instruments' definitions come from the shipped
//! catalogue, and each score from the field the definition names
//! (`v1_field`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::date::{Date, IsoWeek};
use crate::instrument::{Answers, InstrumentRef, V1Field};
use crate::participant::{AgeBand, CourseType, Gender, MeasurementPoint, ParticipantCode, Site};
use crate::strict::{objects_only, unique};
use crate::uuid::Uuid;

/// The format version this module reads.
pub const VERSION: u32 = 1;

/// One export file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportDocument {
    pub format: String,
    pub version: u32,
    /// A random UUID v4 naming this export.
    pub export_id: Uuid,
    /// The day the export was made (date only).
    pub created: Date,
    /// The instruments the records use, with versions.
    pub instruments: Vec<InstrumentRef>,
    pub records: Vec<ExportRecord>,
}

/// One response as exported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportRecord {
    /// The response's random UUID v4 (the same as on the tablet).
    pub response_id: Uuid,
    pub participant: ParticipantCode,
    pub gender: Gender,
    pub age_band: AgeBand,
    pub site: Site,
    pub course: CourseType,
    pub point: MeasurementPoint,
    /// The ISO week the response was completed in: the day is never exported.
    pub week: IsoWeek,
    /// Instrument id → answers.
    #[serde(deserialize_with = "unique::answers")]
    pub answers: BTreeMap<String, Answers>,
    /// Instrument id → scores, as computed by core when exporting. An import
    /// recomputes them and rejects a record whose stored scores differ.
    #[serde(deserialize_with = "unique::map")]
    pub scores: BTreeMap<String, ExportScore>,
    /// The response id this one corrects, if it is a correction.
    pub supersedes: Option<Uuid>,
}

/// The scores of one instrument in one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportScore {
    /// WHO-5: the raw sum 0–25; the ladder: its value 0–10.
    #[serde(deserialize_with = "crate::strict::integer")]
    pub raw: u32,
    /// WHO-5: raw × 4, 0–100. Absent for single-item scales.
    pub percentage: Option<u32>,
    /// Items answered 0 or 1 (WHO-5).
    pub flagged_items: Vec<String>,
}

objects_only!(ExportDocument, ExportRecord, ExportScore);

impl ExportRecord {
    /// The record in the current form. Its instruments are those it
    /// answered, in the version `listed` gives (version 1 where the file
    /// listed none: the only version a version 1 file could hold). Each
    /// stored score becomes the score whose definition names its field; a
    /// score the definitions cannot place is left out (an instrument the
    /// catalogue lacks is named by the import's check).
    pub fn upgrade(self, listed: &[InstrumentRef], catalogue: &Catalogue) -> super::ExportRecord {
        let version = |id: &str| listed.iter().find(|r| r.id == id).map_or(1, |r| r.version);
        let instruments: Vec<InstrumentRef> = self
            .answers
            .keys()
            .chain(
                self.scores
                    .keys()
                    .filter(|k| !self.answers.contains_key(*k)),
            )
            .map(|id| InstrumentRef {
                id: id.clone(),
                version: version(id),
            })
            .collect();
        let mut scores = BTreeMap::new();
        let mut flagged = BTreeMap::new();
        for (id, old) in self.scores {
            let definition = catalogue.get(&id, version(&id));
            let mut values = BTreeMap::new();
            for def in definition.iter().flat_map(|d| &d.scores) {
                let value = match def.v1_field {
                    Some(V1Field::Raw) => Some(old.raw),
                    Some(V1Field::Percentage) => old.percentage,
                    None => None,
                };
                if let Some(v) = value {
                    values.insert(def.id.clone(), v);
                }
            }
            if !old.flagged_items.is_empty() {
                flagged.insert(id.clone(), old.flagged_items);
            }
            scores.insert(id, values);
        }
        super::ExportRecord {
            response_id: self.response_id,
            participant: self.participant,
            gender: self.gender,
            age_band: self.age_band,
            site: self.site,
            course: self.course,
            point: self.point,
            week: self.week,
            instruments,
            answers: self.answers,
            declined: BTreeMap::new(),
            scores,
            flagged,
            supersedes: self.supersedes,
        }
    }
}

impl ExportDocument {
    /// The document in the current form, with the shipped definitions of the
    /// instruments it lists (a listed instrument the catalogue lacks stays
    /// out, and the import names it).
    pub fn upgrade(self, catalogue: &Catalogue) -> super::ExportDocument {
        let instruments = self
            .instruments
            .iter()
            .filter_map(|r| catalogue.instrument(r).cloned())
            .collect();
        let listed = self.instruments;
        super::ExportDocument {
            format: self.format,
            version: super::VERSION,
            app_version: String::new(),
            export_id: self.export_id,
            created: self.created,
            instruments,
            records: self
                .records
                .into_iter()
                .map(|r| r.upgrade(&listed, catalogue))
                .collect(),
        }
    }
}
