//! Opening a file for the stream: its plain content as it is, or, for an
//! age file (an export sealed to the evaluator), decrypted with the
//! evaluator's identity as it is read; and core's reading of a whole file
//! small enough for it.

use std::io::{self, Read};

use trivsel_core::catalogue::Catalogue;
use trivsel_core::import::{self, Limits};
use trivsel_core::sealed::{self, Identity};

use super::FileError;
use crate::inputs::{open_regular, Input};

/// The plain content of a file: as it is, or, for an age file, decrypted
/// with `identity` as it is read.
pub(super) fn plain<'r>(
    mut raw: impl Read + 'r,
    identity: Option<&Identity>,
) -> Result<Box<dyn Read + 'r>, FileError> {
    let mut head = Vec::with_capacity(64);
    (&mut raw)
        .take(64)
        .read_to_end(&mut head)
        .map_err(FileError::Io)?;
    let sealed = sealed::is_age_file(&head);
    let all = io::Cursor::new(head).chain(raw);
    if !sealed {
        return Ok(Box::new(all));
    }
    let opened = sealed::open_reader(all, identity).map_err(FileError::Sealed)?;
    Ok(Box::new(opened))
}

/// Core's reading of a whole document, if the file is small enough for it
/// (an age file's content is smaller than the file). No more than core's
/// limit is read, whatever the file has become since it was listed.
pub(super) fn whole(
    input: &Input,
    catalogue: &Catalogue,
    identity: Option<&Identity>,
) -> Option<Result<trivsel_core::ExportDocument, FileError>> {
    let limits = Limits::default();
    if input.len > limits.max_bytes as u64 {
        return None;
    }
    let mut bytes = Vec::new();
    plain(open_regular(&input.path).ok()?, identity)
        .ok()?
        .take(limits.max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(import::parse_document(&bytes, &limits, catalogue).map_err(FileError::from))
}
