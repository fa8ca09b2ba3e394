//! Reading one export file that an evaluator opens: every check, in a fixed
//! order, so a bad file is rejected whole with one clear reason in Danish
//! (and English) and a good file loads, whatever the other files are.
//!
//! The file is untrusted: it may come from any tablet, any version, or be
//! something else entirely. Nothing here panics on any input, nesting is
//! bounded by serde_json's recursion limit, and every value echoed into a
//! message is plain text cut to [`MAX_ECHO`] characters, so a 50 MB string
//! never ends up on screen. The messages are text, never markup: whoever
//! shows them must show them as text.
//!
//! A file is read against a catalogue: the shipped definitions and those of
//! files read before. A version 1 file is upgraded to the current form; a
//! version 2 file brings the definition of every instrument it answers.
//!
//! One concern per module: `pipeline` is the order of the checks, `json`
//! turns serde_json's errors into import errors, `document` checks the
//! document as a whole (format, version, instrument list, definitions),
//! `record` checks one exported record, and `error` says why a file is
//! rejected.

mod document;
mod error;
mod json;
mod pipeline;
mod record;
#[cfg(test)]
mod tests;

pub use crate::messages::{clip, MAX_ECHO};
pub use document::{check_definitions, check_instruments, check_listed, echo_value};
pub use error::{ImportError, SchemaProblem};
pub use pipeline::{parse_document, parse_ndjson_line};
pub use record::check_record;

/// How much an importer accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes.
    pub max_bytes: usize,
}

impl Default for Limits {
    /// 64 MiB: what a browser tab parses comfortably (about 100 000 records).
    fn default() -> Limits {
        Limits {
            max_bytes: 64 * MIB,
        }
    }
}

/// A mebibyte: file sizes are measured and said in it.
const MIB: usize = 1024 * 1024;
