//! trivsel's core: the questionnaires as data, validation of answers, and scoring.
//!
//! This crate is pure Rust. It knows nothing of Yew, the DOM or IndexedDB, so the
//! browser app and the evaluator CLI compute every score with the same code, and
//! every rule can be tested natively.

pub mod flow;
pub mod instrument;
pub mod lang;
pub mod scoring;
pub mod validate;

pub use flow::{Cursor, Flow};
pub use instrument::{builtin, Instrument, Scale, ScoringRule};
pub use lang::{Lang, Text};
pub use scoring::{score, Score, ScoreError};
pub use validate::{validate, Answers, ValidationError};
