//! The order of the checks, for a whole document and for one NDJSON line:
//! each check runs only on what passed the ones before it, so a file is
//! named by its first problem, and a file that passes them all is a checked
//! [`ExportDocument`] whose records every reader can trust.

use std::collections::{HashMap, HashSet};

use super::document::{
    check_definitions, check_format_and_version, check_instruments, check_listed,
};
use super::error::ImportError;
use super::json::{check_syntax, has_key, typed};
use super::record::check_record;
use super::Limits;
use crate::catalogue::Catalogue;
use crate::export::{v1, ExportDocument, ExportRecord};
use crate::instrument::Instrument;
use crate::merge::cycles;
use crate::messages::clip;
use crate::uuid::Uuid;

/// Reads and checks one export file against `catalogue` (the shipped
/// definitions and those of files read before). Checks, in order: empty;
/// larger than `limits`; not UTF-8 (a leading byte-order mark is allowed);
/// not JSON (or nested too deep); not a trivsel export; a version this build
/// does not read; the shape, ids included (with the JSON path); the
/// instruments the file lists ([`check_instruments`], version 1) or defines
/// ([`check_definitions`], version 2); every record ([`check_record`]);
/// every answered instrument listed ([`check_listed`]); a response id
/// twice; and corrections in a ring. Stops at the first problem. A record that occurs twice with
/// identical content is kept once. A version 1 file is returned in the
/// current form.
pub fn parse_document(
    bytes: &[u8],
    limits: &Limits,
    catalogue: &Catalogue,
) -> Result<ExportDocument, ImportError> {
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
    let (mut doc, known) = if check_format_and_version(text)? == v1::VERSION {
        read_v1(text)?
    } else {
        read_v2(text, catalogue)?
    };
    for (index, r) in doc.records.iter().enumerate() {
        check_record(r, &known).map_err(|problem| ImportError::Record {
            index: Some(index),
            response_id: r.response_id,
            problem,
        })?;
    }
    let listed: Vec<_> = doc.instruments.iter().map(Instrument::reference).collect();
    check_listed(&listed, doc.records.iter().flat_map(|r| &r.instruments))?;
    let repeats = repeated_records(&doc.records)?;
    let links = doc
        .records
        .iter()
        .filter_map(|r| Some((r.response_id, r.supersedes?)))
        .collect();
    if let Some(cycle) = cycles(&links).into_iter().next() {
        return Err(ImportError::CorrectionCycle(cycle));
    }
    if !repeats.is_empty() {
        let mut index = 0;
        doc.records.retain(|_| {
            index += 1;
            !repeats.contains(&(index - 1))
        });
    }
    Ok(doc)
}

/// A version 1 document: its listed instruments must be shipped in exactly
/// that version, and its records answer only those; it is then upgraded
/// with the shipped definitions.
fn read_v1(text: &str) -> Result<(ExportDocument, Catalogue), ImportError> {
    let doc: v1::ExportDocument = typed(text)?;
    check_instruments(&doc.instruments)?;
    for r in &doc.records {
        if let Some(id) = r
            .answers
            .keys()
            .find(|id| !doc.instruments.iter().any(|l| l.id == **id))
        {
            return Err(ImportError::InstrumentNotListed { id: clip(id) });
        }
    }
    let shipped = Catalogue::shipped();
    Ok((doc.upgrade(shipped), shipped.clone()))
}

/// A version 2 document: every definition it carries is checked and joins
/// (a copy of) `catalogue`, against which its records are then checked.
fn read_v2(text: &str, catalogue: &Catalogue) -> Result<(ExportDocument, Catalogue), ImportError> {
    let doc: ExportDocument = typed(text)?;
    let known = check_definitions(&doc.instruments, catalogue)?;
    Ok((doc, known))
}

/// Reads one NDJSON line as one record, in either format version, and checks
/// it like a record in a document ([`check_record`]) against `catalogue`. A
/// record error has `index: None`.
pub fn parse_ndjson_line(line: &str, catalogue: &Catalogue) -> Result<ExportRecord, ImportError> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    check_syntax(line)?;
    let record: ExportRecord = if has_key(line, "instruments") {
        typed(line)?
    } else {
        typed::<v1::ExportRecord>(line)?.upgrade(&[], Catalogue::shipped())
    };
    check_record(&record, catalogue).map_err(|problem| ImportError::Record {
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
