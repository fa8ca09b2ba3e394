//! The anonymised export format: what leaves a tablet, and what evaluators
//! merge. One JSON document per export (or one record per line as NDJSON).
//!
//! Privacy by construction: a record carries a random response id, the
//! pseudonymous participant code, coarse facts about the participant (gender,
//! age band, programme/site, course type), the measurement point, the ISO week
//! (never the day), the answers and the scores. No names, no free text, no
//! precise timestamps, no device identifiers. Every struct denies unknown
//! fields, so an import never silently carries something else along.
//!
//! Versioning: `FORMAT` names the format and `version` its version. Version 1
//! is the first; a later version adds a variant to the importer and a fixture
//! of every older version stays in `tests/fixtures/export/` and must import.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::{Date, IsoWeek};
use crate::instrument::builtin;
use crate::instrument::{Answers, InstrumentRef};
use crate::lang::Lang;
use crate::participant::{
    AgeBand, CourseType, Gender, MeasurementPoint, Participant, ParticipantCode, Site,
};
use crate::record::{RecordError, ResponseRecord};
use crate::scoring::Score;
use crate::uuid::Uuid;

/// The `format` field of every export document.
pub const FORMAT: &str = "trivsel-export";
/// The version this build writes.
pub const VERSION: u32 = 1;

/// One export file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportDocument {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`] when written by this build.
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
#[serde(deny_unknown_fields)]
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
    pub answers: BTreeMap<String, Answers>,
    /// Instrument id → scores, as computed by core when exporting. An import
    /// recomputes them and rejects a record whose stored scores differ.
    pub scores: BTreeMap<String, ExportScore>,
    /// The response id this one corrects, if it is a correction.
    pub supersedes: Option<Uuid>,
}

/// The scores of one instrument in one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExportScore {
    /// WHO-5: the raw sum 0–25; the ladder: its value 0–10.
    pub raw: u32,
    /// WHO-5: raw × 4, 0–100. Absent for single-item scales.
    pub percentage: Option<u32>,
    /// Items answered 0 or 1 (WHO-5).
    pub flagged_items: Vec<String>,
}

/// The date an export shows for a record completed on `date`.
pub fn coarsen(date: Date) -> IsoWeek {
    date.iso_week()
}

impl From<&Score> for ExportScore {
    fn from(score: &Score) -> ExportScore {
        ExportScore {
            raw: score.raw,
            percentage: score.percentage,
            flagged_items: score.flagged_items.clone(),
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

/// A stored record as it leaves the tablet: checked, scored by core, the day
/// coarsened to its ISO week, and the participant's coarse facts attached.
/// `participant` must be the record's participant.
pub fn export_record(
    record: &ResponseRecord,
    participant: &Participant,
) -> Result<ExportRecord, ExportError> {
    record.check(builtin())?;
    if participant.code != record.participant {
        return Err(ExportError::WrongParticipant {
            record: record.participant.clone(),
            participant: participant.code.clone(),
        });
    }
    let mut scores = BTreeMap::new();
    for (id, score) in record.scores() {
        scores.insert(id.to_string(), ExportScore::from(&score?));
    }
    Ok(ExportRecord {
        response_id: record.id,
        participant: record.participant.clone(),
        gender: participant.gender,
        age_band: participant.age_band,
        site: participant.site.clone(),
        course: participant.course,
        point: record.point,
        week: coarsen(record.date),
        answers: record.answers.clone(),
        scores,
        supersedes: record.supersedes,
    })
}

/// An export document of this build's format and version, naming the
/// instruments this build ships (with their versions).
pub fn document(export_id: Uuid, created: Date, records: Vec<ExportRecord>) -> ExportDocument {
    ExportDocument {
        format: FORMAT.to_string(),
        version: VERSION,
        export_id,
        created,
        instruments: builtin().refs(),
        records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{CANTRIL, WHO5};

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
        let b = builtin();
        let answers = b.who5.answers_in_order(&who5);
        ResponseRecord {
            id: ID.parse().unwrap(),
            participant: code("938NKR"),
            point: MeasurementPoint::During { session: 3 },
            date: Date::new(2026, 11, 19).unwrap(),
            answers: BTreeMap::from([
                (WHO5.to_string(), answers),
                (
                    CANTRIL.to_string(),
                    Answers::from([("ladder".into(), ladder)]),
                ),
            ]),
            instruments: b.refs(),
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
            .map(|k| k.as_str())
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn a_record_is_exported_with_scores_and_the_week_only() {
        let r = export_record(&record([5, 5, 5, 1, 5], 7), &participant()).unwrap();
        assert_eq!(r.response_id.to_string(), ID);
        assert_eq!(r.week.to_string(), "2026-W47");
        assert_eq!(r.gender, Gender::Girl);
        assert_eq!(r.supersedes.map(|id| id.to_string()).as_deref(), Some(OLD));
        assert_eq!(
            r.scores[WHO5],
            ExportScore {
                raw: 21,
                percentage: Some(84),
                flagged_items: vec!["rested".into()]
            }
        );
        assert_eq!(
            r.scores[CANTRIL],
            ExportScore {
                raw: 7,
                percentage: None,
                flagged_items: vec![]
            }
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(
            keys(&json),
            [
                "age_band",
                "answers",
                "course",
                "gender",
                "participant",
                "point",
                "response_id",
                "scores",
                "site",
                "supersedes",
                "week"
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
            export_record(&bad, &participant()),
            Err(ExportError::Record(RecordError::InvalidAnswers { .. }))
        ));
        let mut other = participant();
        other.code = code("000001");
        let err = export_record(&record([5, 5, 5, 5, 5], 7), &other).unwrap_err();
        assert!(matches!(err, ExportError::WrongParticipant { .. }));
        assert_eq!(
            err.message(Lang::Da),
            "Besvarelsen hører til deltageren 938NKR, ikke til 000001."
        );
    }

    #[test]
    fn a_document_names_the_format_version_and_shipped_instruments() {
        let r = export_record(&record([3, 3, 3, 3, 3], 5), &participant()).unwrap();
        let doc = document(
            ID.parse().unwrap(),
            Date::new(2026, 11, 23).unwrap(),
            vec![r],
        );
        assert_eq!(doc.format, FORMAT);
        assert_eq!(doc.version, VERSION);
        let ids: Vec<(&str, u32)> = doc
            .instruments
            .iter()
            .map(|i| (i.id.as_str(), i.version))
            .collect();
        assert_eq!(ids, [(WHO5, 1), (CANTRIL, 1)]);
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            keys(&json),
            [
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
