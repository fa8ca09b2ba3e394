//! Reading NDJSON, one record per line: each line read and checked by core
//! (`import::parse_ndjson_line`), no line longer than [`MAX_LINE`], and the
//! corrections of the file checked for a ring once it is read.

use std::collections::HashMap;
use std::io::{BufRead, Read};

use trivsel_core::catalogue::Catalogue;
use trivsel_core::export::ExportRecord;
use trivsel_core::import::{self, ImportError};
use trivsel_core::merge::cycles;

use super::{FileError, Summary, MAX_LINE};

/// Reads NDJSON from `reader`: one record per line, each read and checked
/// by `import::parse_ndjson_line` against `catalogue`; blank lines (and a
/// final newline) are allowed, a line over [`MAX_LINE`] bytes is not.
pub fn read_ndjson(
    mut reader: impl BufRead,
    catalogue: &Catalogue,
    each: &mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<Summary, FileError> {
    let mut buf = Vec::new();
    let (mut line, mut offset, mut records) = (0u64, 0usize, 0u64);
    let mut links = HashMap::new();
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(FileError::Io)?;
        if n == 0 {
            break;
        }
        line += 1;
        if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') {
            return Err(FileError::LineTooLong { line });
        }
        let text = std::str::from_utf8(&buf).map_err(|e| FileError::Line {
            line,
            error: Box::new(ImportError::NotUtf8 {
                offset: offset + e.valid_up_to(),
            }),
        })?;
        offset += n;
        let text = text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{feff}');
        if text.is_empty() {
            continue;
        }
        let record =
            import::parse_ndjson_line(text, catalogue).map_err(|error| FileError::Line {
                line,
                error: Box::new(error),
            })?;
        records += 1;
        if let Some(old) = record.supersedes {
            links.insert(record.response_id, old);
        }
        each(record)?;
    }
    if records == 0 {
        return Err(ImportError::Empty.into());
    }
    if let Some(cycle) = cycles(&links).into_iter().next() {
        return Err(ImportError::CorrectionCycle(cycle).into());
    }
    Ok(Summary {
        records,
        definitions: Vec::new(),
        export: None,
    })
}
