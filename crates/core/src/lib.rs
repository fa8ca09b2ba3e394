//! trivsel's core: the questionnaires as data, validation of answers, scoring,
//! and the records and change over a course that the scores become.
//!
//! This crate is pure Rust. It knows nothing of Yew, the DOM or IndexedDB, so the
//! browser app and the evaluator CLI compute every score with the same code, and
//! every rule can be tested natively.

/// The app's version (`version` in the workspace's `[workspace.package]`): shown on
/// the counsellor's settings screen and carried by every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[macro_use]
pub mod messages;

pub mod backup;
pub mod battery;
pub mod catalogue;
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
pub mod passphrase;
pub mod pin;
pub mod programme;
pub mod record;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod scoring;
#[cfg(feature = "age")]
pub mod sealed;
pub mod strict;
mod tagged;
#[cfg(any(test, feature = "testing"))]
pub mod test_programme;
#[cfg(test)]
mod testing;
pub mod uuid;
pub mod validate;

pub use battery::{Battery, BatteryRef, PointKind, Respondent};
pub use catalogue::{Catalogue, CatalogueError};
pub use change::{Change, Outcome, ReliableChange, ReliableChangeError};
pub use csv::{records_csv, records_ndjson};
pub use date::{Date, DateError, IsoWeek};
pub use export::{export_record, ExportDocument, ExportError, ExportRecord};
pub use flow::{Cursor, Flow, Given};
pub use history::course;
pub use import::{
    check_record, parse_document, parse_ndjson_line, ImportError, Limits, SchemaProblem,
};
pub use instrument::{Answers, Declined, Flags, Instrument, InstrumentRef, Response, ScoreDef};
pub use lang::{decimal, Lang, Text};
pub use merge::{Conflict, Cycle, Merged, Merger};
pub use participant::{
    AgeBand, CodeError, CourseType, Gender, MeasurementPoint, Participant, ParticipantCode, Site,
    SiteError,
};
pub use programme::{is_programme, parse_programme, Programme, ProgrammeError};
pub use record::{RecordError, ResponseRecord};
pub use report::{Cell, Report, ReportBuilder, ReportParams};
pub use scoring::{score, ScoreError, Scores};
pub use uuid::{Uuid, UuidError};
pub use validate::{validate, ValidationError};
