//! trivsel's core: the questionnaires as data, validation of answers, scoring,
//! and the records and change over a course that the scores become.
//!
//! This crate is pure Rust. It knows nothing of Yew, the DOM or IndexedDB, so the
//! browser app and the evaluator CLI compute every score with the same code, and
//! every rule can be tested natively.

/// The app's version (`version` in the workspace's `[workspace.package]`): shown on
/// the counsellor's settings screen and carried by every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod change;
pub mod csv;
pub mod date;
pub mod export;
pub mod flow;
pub mod history;
pub mod import;
pub mod instrument;
pub mod lang;
pub mod merge;
pub mod outbox;
pub mod participant;
pub mod pin;
pub mod record;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod scoring;
mod tagged;
pub mod validate;

pub use change::{who5_change, Change, ChangeLabel, ReliableChange, ReliableChangeError};
pub use csv::{records_csv, records_ndjson};
pub use date::{Date, DateError, IsoWeek};
pub use export::{export_record, ExportDocument, ExportError, ExportRecord, ExportScore};
pub use flow::{Cursor, Flow};
pub use history::changes_since_intake;
pub use import::{
    check_record, parse_document, parse_ndjson_line, ImportError, Limits, RecordProblem,
    SchemaProblem,
};
pub use instrument::{builtin, Builtin, Instrument, Scale, ScoringRule};
pub use lang::{Lang, Text};
pub use merge::{Conflict, Merged, Merger};
pub use participant::{
    AgeBand, CodeError, CourseType, Gender, MeasurementPoint, Participant, ParticipantCode, Site,
    SiteError,
};
pub use record::{InstrumentRef, RecordError, ResponseRecord};
pub use report::{Cell, Report, ReportBuilder, ReportParams};
pub use scoring::{score, Score, ScoreError};
pub use validate::{validate, Answers, ValidationError};
