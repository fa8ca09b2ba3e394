//! The anonymised export format: what leaves a tablet, and what evaluators
//! merge. One JSON document per export (or one record per line as NDJSON).
//!
//! Privacy by construction: a record carries a random response id, the
//! pseudonymous participant code, coarse facts about the participant (gender,
//! age band, programme/site, course type), the measurement point, the ISO week
//! (never the day), the instruments asked, the answers and the scores. No
//! names, no free text, no precise timestamps, no device identifiers. Every
//! struct denies unknown fields, so an import never silently carries
//! something else along.
//!
//! Versioning: `FORMAT` names the format and `version` its version. Version 2
//! carries the definition of every instrument its records answered, so an
//! evaluator scores and reports an instrument trivsel does not ship without a
//! new build; version 1 named the two shipped instruments only and is read
//! through [`v1`]. A fixture of every older version stays in
//! `tests/fixtures/export/` and must import and report the same.

pub mod v1;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::date::{Date, IsoWeek};
use crate::instrument::{Answers, Declined, Instrument, InstrumentRef};
use crate::lang::Lang;
use crate::participant::{
    AgeBand, CourseType, Gender, MeasurementPoint, Participant, ParticipantCode, Site,
};
use crate::record::{RecordError, ResponseRecord};
use crate::scoring::Scores;
use crate::strict::{objects_only, unique};
use crate::uuid::Uuid;

/// The `format` field of every export document.
pub const FORMAT: &str = "trivsel-export";
/// The version this build writes.
pub const VERSION: u32 = 2;

/// The release of trivsel that writes an export (the crate's one version).
pub use crate::APP_VERSION;

/// One export file.
// Read only from a JSON object, never an array (see `strict`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportDocument {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`] when written by this build.
    pub version: u32,
    /// The release of trivsel that wrote the file.
    pub app_version: String,
    /// A random UUID v4 naming this export.
    pub export_id: Uuid,
    /// The day the export was made (date only).
    pub created: Date,
    /// The definition of every instrument the records answered.
    pub instruments: Vec<Instrument>,
    pub records: Vec<ExportRecord>,
}

/// One response as exported.
// Read only from a JSON object; a key twice in one of its maps is refused
// (see `strict`).
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
    /// Exactly the instruments the questionnaire asked, with their versions.
    pub instruments: Vec<InstrumentRef>,
    /// Instrument id → answers.
    #[serde(deserialize_with = "unique::answers")]
    pub answers: BTreeMap<String, Answers>,
    /// Instrument id → the items declined ("prefer not to answer"): missing, never 0.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::sets"
    )]
    pub declined: BTreeMap<String, Declined>,
    /// Instrument id → score id → value, as computed by core when exporting.
    /// A score resting on a declined item is absent. An import recomputes
    /// them and rejects a record whose stored scores differ.
    #[serde(deserialize_with = "unique::scores")]
    pub scores: BTreeMap<String, BTreeMap<String, u32>>,
    /// Instrument id → the items flagged to the counsellor (WHO-5: answered 0 or 1).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique::map"
    )]
    pub flagged: BTreeMap<String, Vec<String>>,
    /// The response id this one corrects, if it is a correction.
    pub supersedes: Option<Uuid>,
}

objects_only!(ExportDocument, ExportRecord);

/// The date an export shows for a record completed on `date`.
pub fn coarsen(date: Date) -> IsoWeek {
    date.iso_week()
}

impl ExportRecord {
    /// The stored scores and flags of one instrument as core computes them.
    pub fn set_scores(&mut self, instrument: &str, scores: &Scores) {
        self.scores
            .insert(instrument.to_string(), scores.values.clone());
        if scores.flagged_items.is_empty() {
            self.flagged.remove(instrument);
        } else {
            self.flagged
                .insert(instrument.to_string(), scores.flagged_items.clone());
        }
    }
}

/// Why a stored record cannot be exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// The record does not pass [`ResponseRecord::check`].
    Record(RecordError),
    /// The participant given is not the one the record belongs to.
    WrongParticipant {
        record: ParticipantCode,
        participant: ParticipantCode,
    },
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Record(e) => e.message(lang),
            Self::WrongParticipant {
                record,
                participant,
            } => tr!(lang,
                da: format!("Besvarelsen hører til deltageren {record}, ikke til {participant}."),
                en: format!("The response belongs to participant {record}, not to {participant}."),
            ),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ExportError {}

impl From<RecordError> for ExportError {
    fn from(e: RecordError) -> ExportError {
        ExportError::Record(e)
    }
}

/// A stored record as it leaves the tablet: checked against `catalogue`,
/// scored by core, the day coarsened to its ISO week, and the participant's
/// coarse facts attached. `participant` must be the record's participant.
pub fn export_record(
    record: &ResponseRecord,
    participant: &Participant,
    catalogue: &Catalogue,
) -> Result<ExportRecord, ExportError> {
    record.check(catalogue)?;
    if participant.code != record.participant {
        return Err(ExportError::WrongParticipant {
            record: record.participant.clone(),
            participant: participant.code.clone(),
        });
    }
    let mut exported = ExportRecord {
        response_id: record.id,
        participant: record.participant.clone(),
        gender: participant.gender,
        age_band: participant.age_band,
        site: participant.site.clone(),
        course: participant.course,
        point: record.point,
        week: coarsen(record.date),
        instruments: record.instruments.clone(),
        answers: record.answers.clone(),
        declined: record.declined.clone(),
        scores: BTreeMap::new(),
        flagged: BTreeMap::new(),
        supersedes: record.supersedes,
    };
    for (r, scores) in record.scores(catalogue) {
        exported.set_scores(&r.id, &scores?);
    }
    Ok(exported)
}

/// An export document of this build's format and version, carrying the
/// definition (from `catalogue`) of every instrument the records answered,
/// in catalogue order.
pub fn document(
    export_id: Uuid,
    created: Date,
    records: Vec<ExportRecord>,
    catalogue: &Catalogue,
) -> ExportDocument {
    let asked = records.iter().flat_map(|r| &r.instruments);
    let instruments = catalogue.answered(asked).into_iter().cloned().collect();
    ExportDocument {
        format: FORMAT.to_string(),
        version: VERSION,
        app_version: APP_VERSION.to_string(),
        export_id,
        created,
        instruments,
        records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{reference, who5_and_ladder};

    const WHO5: &str = "who5";
    const CANTRIL: &str = "cantril";

    fn shipped() -> &'static Catalogue {
        Catalogue::shipped()
    }

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const OLD: &str = "6fa459ea-ee8a-4ca4-894e-db77e160355e";

    fn code(s: &str) -> ParticipantCode {
        ParticipantCode::parse(s).unwrap()
    }

    fn participant() -> Participant {
        Participant {
            code: code("938NKR"),
            gender: Gender::Girl,
            age_band: AgeBand::Age15To17,
            site: Site::parse("UngRåd Aarhus").unwrap(),
            course: CourseType::Counselling,
            created: Date::new(2026, 1, 5).unwrap(),
        }
    }

    fn record(who5: [i32; 5], ladder: i32) -> ResponseRecord {
        ResponseRecord {
            id: ID.parse().unwrap(),
            participant: code("938NKR"),
            point: MeasurementPoint::During { session: 3 },
            date: Date::new(2026, 11, 19).unwrap(),
            answers: who5_and_ladder(who5, ladder),
            declined: BTreeMap::new(),
            instruments: vec![reference(WHO5), reference(CANTRIL)],
            supersedes: Some(OLD.parse().unwrap()),
            exported: false,
        }
    }

    /// The keys of a JSON object, sorted.
    fn keys(json: &serde_json::Value) -> Vec<&str> {
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn a_record_is_exported_with_scores_and_the_week_only() {
        let r = export_record(&record([5, 5, 5, 1, 5], 7), &participant(), shipped()).unwrap();
        assert_eq!(r.response_id.to_string(), ID);
        assert_eq!(r.week.to_string(), "2026-W47");
        assert_eq!(r.gender, Gender::Girl);
        assert_eq!(r.supersedes.map(|id| id.to_string()).as_deref(), Some(OLD));
        assert_eq!(
            r.scores[WHO5],
            BTreeMap::from([("raw".to_string(), 21), ("percentage".to_string(), 84)])
        );
        assert_eq!(r.flagged[WHO5], ["rested"]);
        assert_eq!(
            r.scores[CANTRIL],
            BTreeMap::from([("value".to_string(), 7)])
        );
        assert!(!r.flagged.contains_key(CANTRIL));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(
            keys(&json),
            [
                "age_band",
                "answers",
                "course",
                "flagged",
                "gender",
                "instruments",
                "participant",
                "point",
                "response_id",
                "scores",
                "site",
                "supersedes",
                "week",
            ],
            "nothing beyond the struct fields"
        );
        let text = json.to_string();
        assert!(
            !text.contains("2026-11-19") && !text.contains("exported"),
            "{text}"
        );
        assert_eq!(serde_json::from_value::<ExportRecord>(json).unwrap(), r);
    }

    #[test]
    fn an_invalid_record_or_the_wrong_participant_is_refused() {
        let mut bad = record([5, 5, 5, 5, 5], 7);
        bad.answers.get_mut(WHO5).unwrap().insert("calm".into(), 9);
        assert!(matches!(
            export_record(&bad, &participant(), shipped()),
            Err(ExportError::Record(RecordError::InvalidAnswers { .. }))
        ));
        let mut other = participant();
        other.code = code("000001");
        let err = export_record(&record([5, 5, 5, 5, 5], 7), &other, shipped()).unwrap_err();
        assert!(matches!(err, ExportError::WrongParticipant { .. }));
        assert_eq!(
            err.message(Lang::Da),
            "Besvarelsen hører til deltageren 938NKR, ikke til 000001."
        );
    }

    #[test]
    fn a_document_carries_the_definitions_its_records_answered() {
        let r = export_record(&record([3, 3, 3, 3, 3], 5), &participant(), shipped()).unwrap();
        let doc = document(
            ID.parse().unwrap(),
            Date::new(2026, 11, 23).unwrap(),
            vec![r],
            shipped(),
        );
        assert_eq!(doc.format, FORMAT);
        assert_eq!(doc.version, VERSION);
        let ids: Vec<(&str, u32)> = doc
            .instruments
            .iter()
            .map(|i| (i.id.as_str(), i.version))
            .collect();
        assert_eq!(ids, [(WHO5, 1), (CANTRIL, 1)]);
        assert_eq!(&doc.instruments[0], shipped().get(WHO5, 1).unwrap());
        assert_eq!(doc.app_version, APP_VERSION);
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            keys(&json),
            [
                "app_version",
                "created",
                "export_id",
                "format",
                "instruments",
                "records",
                "version"
            ]
        );
        assert_eq!(serde_json::from_value::<ExportDocument>(json).unwrap(), doc);
    }
}
