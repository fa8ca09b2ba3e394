//! The order of the checks, for a whole document and for one NDJSON line:
//! each check runs only on what passed the ones before it, so a file is
//! named by its first problem, and a file that passes them all is a checked
//! [`ExportDocument`] whose records every reader can trust.

use std::collections::{HashMap, HashSet};

use super::document::{check_format_and_version, check_instruments, check_listed};
use super::error::ImportError;
use super::json::{check_syntax, typed};
use super::record::check_record;
use super::Limits;
use crate::export::{ExportDocument, ExportRecord};
use crate::uuid::Uuid;

/// Reads and checks one export file. Checks, in order: empty; larger than
/// `limits`; not UTF-8 (a leading byte-order mark is allowed); not JSON (or
/// nested too deep); not a trivsel export; a version this build does not
/// read; the shape, ids included (with the JSON path); the instruments the
/// file lists ([`check_instruments`]); every record ([`check_record`]);
/// every answered instrument listed ([`check_listed`]); and a response id
/// twice. Stops at the first problem. A record that occurs twice with
/// identical content is kept once.
pub fn parse_document(bytes: &[u8], limits: &Limits) -> Result<ExportDocument, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    check_syntax(text)?;
    check_format_and_version(text)?;
    let mut doc: ExportDocument = typed(text)?;
    check_instruments(&doc.instruments)?;
    for (index, r) in doc.records.iter().enumerate() {
        check_record(r).map_err(|problem| ImportError::Record {
            index: Some(index),
            response_id: r.response_id,
            problem,
        })?;
    }
    let answered = doc.records.iter().flat_map(|r| r.answers.keys());
    check_listed(&doc.instruments, answered.map(String::as_str))?;
    let repeats = repeated_records(&doc.records)?;
    if !repeats.is_empty() {
        let mut index = 0;
        doc.records.retain(|_| {
            index += 1;
            !repeats.contains(&(index - 1))
        });
    }
    Ok(doc)
}

/// Reads one NDJSON line as one record and checks it like a record in a
/// document ([`check_record`]). A record error has `index: None`.
pub fn parse_ndjson_line(line: &str) -> Result<ExportRecord, ImportError> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    check_syntax(line)?;
    let record: ExportRecord = typed(line)?;
    check_record(&record).map_err(|problem| ImportError::Record {
        index: None,
        response_id: record.response_id,
        problem,
    })?;
    Ok(record)
}

/// The indices of records that repeat an earlier record exactly, or the
/// first response id that occurs twice with different content.
fn repeated_records(records: &[ExportRecord]) -> Result<HashSet<usize>, ImportError> {
    let mut first: HashMap<Uuid, usize> = HashMap::with_capacity(records.len());
    let mut repeats = HashSet::new();
    for (i, r) in records.iter().enumerate() {
        match first.get(&r.response_id) {
            None => {
                first.insert(r.response_id, i);
            }
            Some(&f) if records[f] == *r => {
                repeats.insert(i);
            }
            Some(&f) => {
                return Err(ImportError::DuplicateId {
                    id: r.response_id,
                    first: f,
                    second: i,
                })
            }
        }
    }
    Ok(repeats)
}
