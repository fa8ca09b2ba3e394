//! Why the CLI rejects a file, and how that is said: core's import reasons
//! word for word where core read the file, and the stream's own where only
//! a streaming reader could (a line too long, a document too large for
//! core's reader with its records first).

use std::fmt;
use std::io;

use trivsel_core::import::{ImportError, Limits};
use trivsel_core::sealed::OpenError;
use trivsel_core::{tr, Lang, ProgrammeError, Uuid};

use super::MAX_LINE;

/// Why a file was rejected.
#[derive(Debug)]
pub enum FileError {
    Io(io::Error),
    /// What core's importer says: the same reason, in the same words, as the
    /// evaluator page gives for the same file.
    Import(Box<ImportError>),
    /// Line `line` (from 1) of an NDJSON file is not a good record.
    Line {
        line: u64,
        error: Box<ImportError>,
    },
    /// Line `line` of an NDJSON file is longer than [`MAX_LINE`].
    LineTooLong {
        line: u64,
    },
    /// A document too large for core's whole-file reader that does not have
    /// the format's shape (smaller files get core's reason, with its path).
    Shape {
        line: usize,
        column: usize,
        detail: String,
    },
    /// A response id twice in one file with different content (again only
    /// for files too large for core's reader, which names the records).
    DuplicateId {
        id: Uuid,
    },
    /// A document too large for core's whole-file reader whose records come
    /// before its format, its version or its definitions.
    RecordsFirst,
    /// A programme file that core refuses.
    Programme(ProgrammeError),
    /// More records or score values than one run can number.
    TooMany,
    /// An age file that cannot be opened (no `-i`, the wrong key, a broken
    /// header); a failure further in comes as [`FileError::Io`] holding
    /// core's reason.
    Sealed(OpenError),
    /// Not a regular file (a device such as `/dev/zero`, a pipe, a socket):
    /// never read, so nothing endless is.
    NotRegular,
    /// A part of a document (its header outside the records, or one record)
    /// longer than `mib` MiB: no export has one.
    Oversized {
        mib: u64,
    },
}

impl FileError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Sealed(OpenError::NoIdentity) => tr!(lang,
                da: "Filen er krypteret til evaluatoren (age). Giv evaluatorens nøglefil med -i FIL (lav den med trivsel keygen).".to_string(),
                en: "The file is encrypted to the evaluator (age). Give the evaluator's key file with -i FILE (make it with trivsel keygen).".to_string(),
            ),
            Self::Sealed(reason) => reason.message(lang),
            // A failure inside an age file's content, met while reading it.
            Self::Io(e) => match OpenError::of_io(e) {
                Some(reason) => reason.message(lang),
                None => tr!(lang,
                    da: format!("Filen kunne ikke læses: {e}."),
                    en: format!("The file could not be read: {e}."),
                ),
            },
            Self::Import(e) => e.message(lang),
            Self::Line { line, error } => {
                let error = error.message(lang);
                tr!(lang, da: format!("Linje {line}: {error}"), en: format!("Line {line}: {error}"))
            }
            Self::LineTooLong { line } => {
                let mib = MAX_LINE >> 20;
                tr!(lang,
                    da: format!("Linje {line} er længere end {mib} MiB og er ikke en besvarelse."),
                    en: format!("Line {line} is longer than {mib} MiB and is not a response."),
                )
            }
            Self::Shape {
                line,
                column,
                detail,
            } => tr!(lang,
                da: format!("Filen følger ikke eksportformatet (linje {line}, kolonne {column}): {detail}."),
                en: format!("The file does not follow the export format (line {line}, column {column}): {detail}."),
            ),
            Self::DuplicateId { id } => tr!(lang,
                da: format!("Id'et {id} står to gange i filen med forskelligt indhold."),
                en: format!("The id {id} occurs twice in the file with different content."),
            ),
            Self::RecordsFirst => {
                let mib = Limits::default().max_bytes >> 20;
                tr!(lang,
                    da: format!("Filens besvarelser står før dens format, version eller skemadefinitioner. En fil over {mib} MiB læses kun i den rækkefølge, trivsel skriver den: format og version, definitionerne, så besvarelserne."),
                    en: format!("The file's records come before its format, version or questionnaire definitions. A file over {mib} MiB is read only in the order trivsel writes it: format and version, the definitions, then the records."),
                )
            }
            Self::Programme(e) => e.message(lang),
            Self::NotRegular => tr!(lang,
                da: "Filen er ikke en almindelig fil (men fx en enhed eller en pipe) og læses ikke.".to_string(),
                en: "The file is not a regular file (but, e.g., a device or a pipe) and is not read.".to_string(),
            ),
            Self::Oversized { mib } => tr!(lang,
                da: format!("Filen har en værdi eller en besvarelse på over {mib} MiB; det har ingen trivsel-eksport."),
                en: format!("The file has a value or a record of more than {mib} MiB; no trivsel export has one."),
            ),
            Self::TooMany => tr!(lang,
                da: "Der er flere besvarelser eller scorer, end én kørsel kan tælle (over 4 milliarder).".to_string(),
                en: "There are more records or scores than one run can count (over 4 billion).".to_string(),
            ),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl From<ImportError> for FileError {
    fn from(e: ImportError) -> FileError {
        FileError::Import(Box::new(e))
    }
}
