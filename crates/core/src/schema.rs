//! The JSON Schema of the export format, generated from the Rust types.
//!
//! Evaluators and other tools (DuckDB, pandas, a municipality's data
//! warehouse) read exports without this crate; the schema tells them the
//! shape. It is generated, never written by hand, and committed at
//! `schema/trivsel-export-v<N>.schema.json`, one file per format version: the
//! current one from [`ExportDocument`], the frozen version 1 from the types in
//! `export::v1`. The CLI's tests fail when a committed file and the types
//! drift apart.
//!
//! Most types derive `JsonSchema` (behind the `schema` feature). The ones with
//! their own serde form get a schema written here: ids, dates
//! (`"2026-11-23"`), ISO weeks (`"2026-W47"`), participant codes, site names
//! and measurement points.
//! Their patterns say exactly what the importer reads: a participant code or
//! a site name that the pattern refuses, the importer refuses too (see
//! `ParticipantCode::exact`, `Site::exact`), and nothing is normalised on
//! the way in.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};

use crate::date::{Date, IsoWeek};
use crate::export::{v1, ExportDocument, FORMAT, VERSION};
use crate::participant::{MeasurementPoint, ParticipantCode, Site};
use crate::uuid::Uuid;

/// A response or export id as written: a lower-case, hyphenated UUID
/// version 4 ([`Uuid`]).
pub const UUID_V4_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$";

/// The schema of an export document of the version this build writes
/// ([`VERSION`]), as JSON Schema 2020-12.
pub fn export_schema() -> Value {
    let schema = SchemaGenerator::default().into_root_schema_for::<ExportDocument>();
    described(schema.to_value(), VERSION)
}

/// The schema of a version 1 export document, the frozen format earlier
/// releases wrote (still read and upgraded by every import).
pub fn export_schema_v1() -> Value {
    let schema = SchemaGenerator::default().into_root_schema_for::<v1::ExportDocument>();
    let mut value = described(schema.to_value(), v1::VERSION);
    // Version 1 documented the instrument reference in its own words.
    if let Some(r) = value.pointer_mut("/$defs/InstrumentRef") {
        r["description"] =
            json!("An instrument as a record names it: id and the version answered.");
    }
    value
}

/// The schema of `version`, if this build has it: 1 or [`VERSION`].
pub fn export_schema_of(version: u32) -> Option<Value> {
    match version {
        v1::VERSION => Some(export_schema_v1()),
        VERSION => Some(export_schema()),
        _ => None,
    }
}

/// A generated schema with what the doc comments cannot say: the title, the
/// constant format and version.
fn described(mut value: Value, version: u32) -> Value {
    value["title"] = json!(format!("{FORMAT} version {version}"));
    let doc = &mut value["properties"];
    // The doc comments name these by their Rust constants; say the values.
    doc["format"]["const"] = json!(FORMAT);
    doc["format"]["description"] = json!(format!("Always \"{FORMAT}\"."));
    doc["version"]["const"] = json!(version);
    doc["version"]["description"] = json!(format!(
        "The format version: {version}. An importer reads every older version too."
    ));
    value
}

/// A schema as the committed file holds it: pretty-printed, with a final
/// newline.
pub fn pretty(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

/// [`export_schema`] as the committed file holds it.
pub fn export_schema_pretty() -> String {
    pretty(&export_schema())
}

impl JsonSchema for Uuid {
    // Written out where it is used, as a plain string with its pattern, so
    // each id field keeps its own description.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Uuid".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Uuid").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": UUID_V4_PATTERN
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Date").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar day, ISO 8601 YYYY-MM-DD (date only, never a time).",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
        })
    }
}

impl JsonSchema for IsoWeek {
    fn schema_name() -> Cow<'static, str> {
        "IsoWeek".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::IsoWeek").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An ISO 8601 week, YYYY-Www (the week-numbering year and week 01–53).",
            "type": "string",
            "pattern": "^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$"
        })
    }
}

impl JsonSchema for ParticipantCode {
    fn schema_name() -> Cow<'static, str> {
        "ParticipantCode".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::ParticipantCode").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A pseudonymous participant code: 6 symbols of Crockford base32 (digits and capitals without I, L, O, U).",
            "type": "string",
            "pattern": "^[0-9A-HJKMNP-TV-Z]{6}$"
        })
    }
}

impl JsonSchema for Site {
    fn schema_name() -> Cow<'static, str> {
        "Site".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Site").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The programme or site: 1–40 letters (Unicode Alphabetic), digits 0–9 and - . ' / in words separated by single spaces, with at least one letter or digit; exactly as written, never padded.",
            "type": "string",
            "minLength": 1,
            "maxLength": Site::MAX_CHARS,
            "pattern": "^(?=.*[\\p{Alphabetic}0-9])[\\p{Alphabetic}0-9.'/-]+( [\\p{Alphabetic}0-9.'/-]+)*$"
        })
    }
}

impl JsonSchema for MeasurementPoint {
    fn schema_name() -> Cow<'static, str> {
        "MeasurementPoint".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::MeasurementPoint").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let only = |kind: &str| {
            json!({
                "type": "object",
                "properties": { "kind": { "const": kind } },
                "required": ["kind"],
                "additionalProperties": false
            })
        };
        json_schema!({
            "description": "When in a course the questionnaire was answered: intake, during (at counselling session 1, 2, …), end or follow-up.",
            "oneOf": [
                only("intake"),
                {
                    "type": "object",
                    "properties": {
                        "kind": { "const": "during" },
                        "session": { "type": "integer", "minimum": 1, "maximum": u16::MAX }
                    },
                    "required": ["kind", "session"],
                    "additionalProperties": false
                },
                only("end"),
                only("follow_up")
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    /// The names in `$defs` of a schema, for checks that each is there.
    fn has_defs(schema: &Value, names: &[&str]) {
        for name in names {
            assert!(
                schema["$defs"].get(name).is_some(),
                "{name} missing from $defs"
            );
        }
    }

    #[test]
    fn the_schema_names_the_format_and_its_custom_types() {
        for (version, schema) in [(VERSION, export_schema()), (1, export_schema_v1())] {
            assert_eq!(schema["properties"]["format"]["const"], FORMAT);
            assert_eq!(schema["properties"]["version"]["const"], version);
            assert_eq!(schema["additionalProperties"], false);
            has_defs(
                &schema,
                &[
                    "ExportRecord",
                    "InstrumentRef",
                    "Gender",
                    "AgeBand",
                    "CourseType",
                    "Date",
                    "IsoWeek",
                    "ParticipantCode",
                    "Site",
                    "MeasurementPoint",
                ],
            );
            let record = &schema["$defs"]["ExportRecord"];
            assert_eq!(
                record["properties"]["response_id"]["pattern"],
                UUID_V4_PATTERN
            );
            assert_eq!(record["additionalProperties"], false);
            assert_eq!(export_schema_of(version), Some(schema));
        }
        assert_eq!(export_schema_of(0), None);
        assert!(export_schema_pretty().ends_with("}\n"));
    }

    #[test]
    fn version_2_carries_definitions_and_version_1_its_score_fields() {
        let v2 = export_schema();
        has_defs(&v2, &["Instrument", "Response", "ScoreDef", "Rule", "Text"]);
        assert!(v2["$defs"].get("ExportScore").is_none());
        assert_eq!(
            v2["properties"]["instruments"]["items"]["$ref"],
            "#/$defs/Instrument"
        );
        let v1 = export_schema_v1();
        has_defs(&v1, &["ExportScore"]);
        assert!(v1["$defs"].get("Instrument").is_none());
        assert_eq!(
            v1["properties"]["instruments"]["items"]["$ref"],
            "#/$defs/InstrumentRef"
        );
    }

    /// The patterns accept what this build writes (checked by hand here, as
    /// core has no regex engine: the shapes are fixed-width).
    #[test]
    fn written_values_have_the_documented_shapes() {
        let date = Date::new(2026, 11, 23).unwrap();
        assert_eq!(serde_json::to_value(date).unwrap(), "2026-11-23");
        assert_eq!(serde_json::to_value(date.iso_week()).unwrap(), "2026-W48");
        let code = ParticipantCode::from_random([0x12, 0x34, 0x56, 0x78]);
        assert_eq!(serde_json::to_value(&code).unwrap(), "938NKR");
    }
}
