//! Reading export files one record at a time, whatever their size.
//!
//! An export document is one JSON object whose `records` array can hold a
//! million responses. Deserialising it into an `ExportDocument` would hold
//! every record in memory at once; instead a serde `DeserializeSeed` walks the
//! object, checks the header fields, and hands each record of the array to a
//! callback as soon as it is parsed and checked (`import::check_record`),
//! then drops it. NDJSON is read line by line. Either way memory is one record
//! (and one line, at most [`MAX_LINE`]), not one file.
//!
//! A file is good or bad as a whole: the callback sees records before the
//! end of the file is known, so callers take back what a file added when
//! [`read`] returns an error (see `candidates`).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use trivsel_core::export::{ExportRecord, FORMAT, VERSION};
use trivsel_core::import::{
    self, check_instruments, check_listed, check_record, clip, ImportError, Limits, SchemaProblem,
};
use trivsel_core::{tr, Date, InstrumentRef, Lang, RecordError, Uuid};

use crate::inputs::{Input, Kind};

/// The longest NDJSON line read: a real record is about 1 KB, so a line
/// of more than 1 MiB is not a record.
pub const MAX_LINE: usize = 1 << 20;

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
}

impl FileError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Io(e) => tr!(lang,
                da: format!("Filen kunne ikke læses: {e}."),
                en: format!("The file could not be read: {e}."),
            ),
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

/// What a document says about itself. NDJSON has no header.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub export_id: Option<Uuid>,
    pub created: Option<Date>,
    pub instruments: Vec<InstrumentRef>,
}

/// What [`read`] found in a good file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub header: Header,
    /// Records read (all checked and handed to the callback).
    pub records: u64,
}

/// Reads `input` and calls `each` with every record, in file order, after it
/// passed `import::check_record`. Stops at the first problem, the callback's
/// own included. `wrap` lets the caller count the bytes read (progress).
///
/// A document small enough for core's whole-file reader
/// ([`Limits::default`]) that is bad is read once more by
/// `import::parse_document`, so the reason given is core's, word for word.
pub fn read<W: Read>(
    input: &Input,
    wrap: impl FnOnce(File) -> W,
    mut each: impl FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<Summary, FileError> {
    let file = File::open(&input.path).map_err(FileError::Io)?;
    let reader = BufReader::with_capacity(1 << 16, wrap(file));
    let result = match input.kind {
        Kind::Document => read_document(reader, &mut each),
        Kind::Ndjson => read_ndjson(reader, &mut each),
    };
    match result {
        Err(e) if input.kind == Kind::Document && !matches!(e, FileError::Io(_)) => {
            Err(core_reason(input).unwrap_or(e))
        }
        other => other,
    }
}

/// Core's reason for rejecting a document, if the file is small enough for
/// core to read whole and core rejects it.
fn core_reason(input: &Input) -> Option<FileError> {
    let limits = Limits::default();
    if input.len > limits.max_bytes as u64 {
        return None;
    }
    let bytes = fs::read(&input.path).ok()?;
    import::parse_document(&bytes, &limits)
        .err()
        .map(FileError::from)
}

/// A serde error as a [`FileError`].
fn from_json(e: serde_json::Error) -> FileError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Io => FileError::Io(e.into()),
        Category::Data if !e.to_string().starts_with("recursion limit") => {
            let mut detail = e.to_string();
            if let Some(at) = detail.rfind(" at line ") {
                detail.truncate(at);
            }
            FileError::Shape {
                line,
                column,
                detail: clip(&detail),
            }
        }
        _ => ImportError::NotJson { line, column }.into(),
    }
}

/// Reads one export document from `reader`, with the checks of
/// `import::parse_document` (bar its size limit: this reader streams).
pub fn read_document(
    mut reader: impl BufRead,
    each: &mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<Summary, FileError> {
    // Only white space (or nothing) is an empty file, not a JSON error; a
    // leading byte-order mark is allowed.
    let mut first = true;
    loop {
        let buf = reader.fill_buf().map_err(FileError::Io)?;
        if buf.is_empty() {
            return Err(ImportError::Empty.into());
        }
        let bom = if first && buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        first = false;
        let blank = buf[bom..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        let all = bom + blank == buf.len();
        reader.consume(bom + blank);
        if !all {
            break;
        }
    }
    let failure = RefCell::new(None);
    let answered = RefCell::new(BTreeSet::new());
    let mut de = serde_json::Deserializer::from_reader(reader);
    let seed = DocumentSeed {
        each,
        failure: &failure,
        answered: &answered,
    };
    let result = seed
        .deserialize(&mut de)
        .and_then(|doc| de.end().map(|()| doc));
    let doc = match result {
        Ok(doc) => doc,
        Err(e) => return Err(failure.into_inner().unwrap_or_else(|| from_json(e))),
    };
    let missing = |field: &str| {
        FileError::from(ImportError::Schema {
            path: String::new(),
            problem: SchemaProblem::MissingField {
                field: field.to_string(),
            },
        })
    };
    if doc.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::UnknownFormat.into());
    }
    let version = doc.version.ok_or_else(|| missing("version"))?;
    if !(1..=VERSION).contains(&version) {
        return Err(ImportError::UnsupportedVersion {
            found: version.to_string(),
        }
        .into());
    }
    let export_id = doc.export_id.ok_or_else(|| missing("export_id"))?;
    let created = doc.created.ok_or_else(|| missing("created"))?;
    let instruments = doc.instruments.ok_or_else(|| missing("instruments"))?;
    let records = doc.records.ok_or_else(|| missing("records"))?;
    check_instruments(&instruments)?;
    check_listed(&instruments, answered.borrow().iter().map(String::as_str))?;
    Ok(Summary {
        header: Header {
            export_id: Some(export_id),
            created: Some(created),
            instruments,
        },
        records,
    })
}

/// The document's fields as read; checked after the whole object is read.
#[derive(Default)]
struct RawDocument {
    format: Option<String>,
    version: Option<u32>,
    export_id: Option<Uuid>,
    created: Option<Date>,
    instruments: Option<Vec<InstrumentRef>>,
    records: Option<u64>,
}

const FIELDS: &[&str] = &[
    "format",
    "version",
    "export_id",
    "created",
    "instruments",
    "records",
];

struct DocumentSeed<'a, 'f> {
    each: &'a mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
    failure: &'f RefCell<Option<FileError>>,
    /// Every instrument id answered in a record, to check against the list.
    answered: &'f RefCell<BTreeSet<String>>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_> {
    type Value = RawDocument;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<RawDocument, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_> {
    type Value = RawDocument;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an export document (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDocument, A::Error> {
        fn once<T, E: de::Error>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
            match slot {
                Some(_) => Err(E::duplicate_field(name)),
                None => Ok(()),
            }
        }
        let mut doc = RawDocument::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    once(&doc.format, "format")?;
                    doc.format = Some(map.next_value()?);
                }
                "version" => {
                    once(&doc.version, "version")?;
                    doc.version = Some(map.next_value()?);
                }
                "export_id" => {
                    once(&doc.export_id, "export_id")?;
                    doc.export_id = Some(map.next_value()?);
                }
                "created" => {
                    once(&doc.created, "created")?;
                    doc.created = Some(map.next_value()?);
                }
                "instruments" => {
                    once(&doc.instruments, "instruments")?;
                    doc.instruments = Some(map.next_value()?);
                }
                "records" => {
                    once(&doc.records, "records")?;
                    doc.records = Some(map.next_value_seed(RecordsSeed {
                        each: &mut *self.each,
                        failure: self.failure,
                        answered: self.answered,
                    })?);
                }
                other => return Err(de::Error::unknown_field(&clip(other), FIELDS)),
            }
        }
        Ok(doc)
    }
}

struct RecordsSeed<'a, 'f> {
    each: &'a mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
    failure: &'f RefCell<Option<FileError>>,
    answered: &'f RefCell<BTreeSet<String>>,
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = u64;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut index = 0u64;
        while let Some(record) = seq.next_element::<ExportRecord>()? {
            if let Err(problem) = check_record(&record) {
                *self.failure.borrow_mut() = Some(record_error(index, &record, problem));
                return Err(de::Error::custom("record rejected"));
            }
            index += 1;
            {
                let mut answered = self.answered.borrow_mut();
                for id in record.answers.keys() {
                    if !answered.contains(id) {
                        answered.insert(id.clone());
                    }
                }
            }
            if let Err(e) = (self.each)(record) {
                *self.failure.borrow_mut() = Some(e);
                return Err(de::Error::custom("record rejected"));
            }
        }
        Ok(index)
    }
}

/// Record `index` (from 0) of a document failed `check_record`.
fn record_error(index: u64, r: &ExportRecord, problem: RecordError) -> FileError {
    ImportError::Record {
        index: Some(index as usize),
        response_id: r.response_id,
        problem,
    }
    .into()
}

/// Reads NDJSON from `reader`: one record per line, each read and checked
/// by `import::parse_ndjson_line`; blank lines (and a final newline) are
/// allowed, a line over [`MAX_LINE`] bytes is not.
pub fn read_ndjson(
    mut reader: impl BufRead,
    each: &mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<Summary, FileError> {
    let mut buf = Vec::new();
    let (mut line, mut offset, mut records) = (0u64, 0usize, 0u64);
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
        let record = import::parse_ndjson_line(text).map_err(|error| FileError::Line {
            line,
            error: Box::new(error),
        })?;
        records += 1;
        each(record)?;
    }
    if records == 0 {
        return Err(ImportError::Empty.into());
    }
    Ok(Summary {
        header: Header::default(),
        records,
    })
}
