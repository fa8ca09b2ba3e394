//! Reading export files one record at a time, whatever their size.
//!
//! An export document is one JSON object whose `records` array can hold a
//! million responses. Deserialising it into an `ExportDocument` would hold
//! every record in memory at once; instead a serde `DeserializeSeed` walks the
//! object, keeps the small header fields, and hands each record of the array
//! to a callback as soon as it is parsed and checked (`import::check_record`
//! against the catalogue the file is read with), then drops it. NDJSON is read
//! line by line. Either way memory is one record (and one line, at most
//! [`MAX_LINE`]), not one file.
//!
//! Both format versions are read. A version 2 document carries the
//! definitions of its instruments: they are checked and join a copy of the
//! caller's catalogue before the first record is checked, so they must come
//! before the records, as trivsel writes them. A document small enough for
//! core's whole-file reader is read by core whenever the stream cannot (any
//! field order) or rejects it (so the reason is core's, word for word); a
//! larger one with its records first is refused, saying why.
//!
//! A file is good or bad as a whole: the callback sees records before the
//! end of the file is known, so callers take back what a file added when
//! [`read`] returns an error (see `candidates`), and add the definitions it
//! brought ([`Summary::definitions`]) to their catalogue only once it is good.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use trivsel_core::catalogue::Catalogue;
use trivsel_core::export::{v1, ExportRecord, FORMAT, VERSION};
use trivsel_core::import::{
    check_definitions, check_instruments, check_listed, check_record, clip, echo_value,
    ImportError, SchemaProblem,
};
use trivsel_core::merge::cycles;
use trivsel_core::messages::clip_to;
use trivsel_core::sealed::Identity;
use trivsel_core::{Date, Instrument, InstrumentRef, RecordError, Uuid};

use crate::inputs::{open_regular, Input, Kind};

mod budget;
mod digest;
mod error;
mod ndjson;
mod open;

use budget::{Budget, HEADER};
pub use digest::Digest;
pub use error::FileError;
pub use ndjson::read_ndjson;
use open::{plain, whole};

/// The longest NDJSON line read: a real record is about 1 KB, so a line
/// of more than 1 MiB is not a record.
pub const MAX_LINE: usize = 1 << 20;

/// What [`read`] found in a good file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Records read (all checked and handed to the callback).
    pub records: u64,
    /// The definitions the file carries (version 2), or those of the shipped
    /// instruments it lists (version 1); none for NDJSON. The caller adds
    /// them to its catalogue once the file is good.
    pub definitions: Vec<Instrument>,
    /// A document's export id (none for NDJSON) and a digest of its
    /// definitions and records, to refuse another file under that id with
    /// other content.
    pub export: Option<(Uuid, u64)>,
}

/// Reads `input` and calls `each` with every record, in file order, after it
/// passed `import::check_record` against `catalogue` (with the file's own
/// definitions added). Stops at the first problem, the callback's own
/// included. `wrap` lets the caller count the bytes read (progress). An age
/// file (by its first line, whatever its name) is opened with `identity` and
/// read as it is decrypted, chunk by chunk.
///
/// A document small enough for core's whole-file reader
/// ([`import::Limits::default`]) that the stream rejects is read once more by
/// `import::parse_document`: if core rejects it too, the reason given is
/// core's, word for word; if the stream could not read it only because its
/// records come first, core's reading is used.
pub fn read<W: Read>(
    input: &Input,
    catalogue: &Catalogue,
    identity: Option<&Identity>,
    wrap: impl FnOnce(File) -> W,
    mut each: impl FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<Summary, FileError> {
    let file = open_regular(&input.path)?;
    let reader = BufReader::with_capacity(1 << 16, plain(wrap(file), identity)?);
    let result = match input.kind {
        Kind::Document => read_document(reader, catalogue, &mut each),
        Kind::Ndjson => read_ndjson(reader, catalogue, &mut each),
    };
    match result {
        Err(e) if input.kind == Kind::Document && !matches!(e, FileError::Io(_)) => {
            match whole(input, catalogue, identity) {
                Some(Err(reason)) => Err(reason),
                Some(Ok(doc)) if matches!(e, FileError::RecordsFirst) => {
                    let records = doc.records.len() as u64;
                    let mut digest = Digest::default();
                    digest.add(&doc.instruments);
                    for r in doc.records {
                        digest.add(&r);
                        each(r)?;
                    }
                    Ok(Summary {
                        records,
                        definitions: doc.instruments,
                        export: Some((doc.export_id, digest.finish())),
                    })
                }
                _ => Err(e),
            }
        }
        other => other,
    }
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

/// A field of the document that is missing.
fn missing(field: &str) -> FileError {
    ImportError::Schema {
        path: String::new(),
        problem: SchemaProblem::MissingField {
            field: field.to_string(),
        },
    }
    .into()
}

/// The format version a document's `version` names, if this build reads it.
fn version_of(v: &Value) -> Result<u32, FileError> {
    match v.as_u64() {
        Some(n) if (1..=u64::from(VERSION)).contains(&n) => Ok(n as u32),
        _ => Err(ImportError::UnsupportedVersion {
            found: echo_value(v),
        }
        .into()),
    }
}

/// Whether `format` is this format's name.
fn is_export(format: &Value) -> bool {
    format.as_str() == Some(FORMAT)
}

/// A document's `instruments` (kept as JSON until the version is known) as
/// `T`, or why not.
fn listed<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, FileError> {
    serde_json::from_value(value.clone()).map_err(|e| {
        ImportError::Schema {
            path: "instruments".into(),
            problem: SchemaProblem::InvalidValue {
                detail: clip_to(&e.to_string(), 120),
            },
        }
        .into()
    })
}

/// Reads one export document from `reader`, with the checks of
/// `import::parse_document` (bar its size limit: this reader streams).
pub fn read_document(
    mut reader: impl BufRead,
    catalogue: &Catalogue,
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
    let budget = Budget::new(HEADER);
    let mut de = serde_json::Deserializer::from_reader(budget.reader(reader));
    let seed = DocumentSeed {
        catalogue,
        each,
        failure: &failure,
        budget: &budget,
    };
    let result = seed
        .deserialize(&mut de)
        .and_then(|doc| de.end().map(|()| doc));
    let doc = match result {
        Ok(doc) => doc,
        Err(_) if budget.exceeded().is_some() => {
            let mib = budget.exceeded().unwrap_or(0) >> 20;
            return Err(FileError::Oversized { mib });
        }
        Err(e) => return Err(failure.into_inner().unwrap_or_else(|| from_json(e))),
    };
    doc.finish()
}

/// The document's fields as read; checked once the whole object is read.
#[derive(Default)]
struct RawDocument {
    format: Option<Value>,
    version: Option<Value>,
    app_version: Option<String>,
    export_id: Option<Uuid>,
    created: Option<Date>,
    /// As JSON: what it holds depends on the version, which may come later.
    instruments: Option<Value>,
    records: Option<Records>,
}

/// What the records array held, once read.
struct Records {
    version: u32,
    count: u64,
    /// Each correcting record's id and the id it corrects, to find a ring.
    links: HashMap<Uuid, Uuid>,
    /// Of the definitions and every record, in order.
    digest: u64,
    /// Every instrument a record asked, to check against the file's list.
    used: BTreeSet<InstrumentRef>,
    /// A version 2 file's definitions, checked.
    definitions: Vec<Instrument>,
}

impl RawDocument {
    /// How to read the records, now that they begin: the format and version
    /// must be known, and for version 2 the definitions, which are checked
    /// and join a copy of `catalogue`.
    fn reader(&self, catalogue: &Catalogue) -> Result<RecordReader, FileError> {
        let Some(format) = &self.format else {
            return Err(FileError::RecordsFirst);
        };
        if !is_export(format) {
            return Err(ImportError::UnknownFormat.into());
        }
        let version = match (&self.version, &self.instruments) {
            (Some(version), _) => version_of(version)?,
            // A document written with its keys sorted has its version last:
            // its instruments say which it is, references (version 1) or
            // definitions. `finish` checks the version against it.
            (None, Some(value))
                if listed::<Vec<InstrumentRef>>(value).is_ok_and(|l| !l.is_empty()) =>
            {
                v1::VERSION
            }
            (None, Some(value))
                if listed::<Vec<Instrument>>(value).is_ok_and(|l| !l.is_empty()) =>
            {
                VERSION
            }
            (None, _) => return Err(FileError::RecordsFirst),
        };
        if version == v1::VERSION {
            // Version 1 named shipped instruments only; a list given later is
            // checked at the end (every version 1 instrument was version 1).
            let listed = match &self.instruments {
                Some(value) => listed(value)?,
                None => Vec::new(),
            };
            return Ok(RecordReader {
                version,
                known: Catalogue::shipped().clone(),
                listed,
                definitions: Vec::new(),
            });
        }
        let Some(value) = &self.instruments else {
            return Err(FileError::RecordsFirst);
        };
        let definitions: Vec<Instrument> = listed(value)?;
        Ok(RecordReader {
            version,
            known: check_definitions(&definitions, catalogue)?,
            listed: Vec::new(),
            definitions,
        })
    }

    /// The checks that need the whole document, in the order core makes
    /// them where they can be: format, version, the fields, the export id,
    /// the instruments listed, every answered instrument listed.
    fn finish(self) -> Result<Summary, FileError> {
        if !self.format.as_ref().is_some_and(is_export) {
            return Err(ImportError::UnknownFormat.into());
        }
        let version = version_of(self.version.as_ref().ok_or_else(|| missing("version"))?)?;
        if let Some(read) = self.records.as_ref().filter(|r| r.version != version) {
            return Err(ImportError::Schema {
                path: "instruments".into(),
                problem: SchemaProblem::InvalidValue {
                    detail: format!(
                        "the instruments of format version {}, not {version}",
                        read.version
                    ),
                },
            }
            .into());
        }
        if version == v1::VERSION && self.app_version.is_some() {
            return Err(ImportError::Schema {
                path: "app_version".into(),
                problem: SchemaProblem::UnknownField {
                    field: "app_version".into(),
                },
            }
            .into());
        }
        if version != v1::VERSION && self.app_version.is_none() {
            return Err(missing("app_version"));
        }
        self.export_id.ok_or(missing("export_id"))?;
        self.created.ok_or_else(|| missing("created"))?;
        let instruments = self.instruments.ok_or_else(|| missing("instruments"))?;
        let records = self.records.ok_or_else(|| missing("records"))?;
        if let Some(cycle) = cycles(&records.links).into_iter().next() {
            return Err(ImportError::CorrectionCycle(cycle).into());
        }
        if records.version == v1::VERSION {
            let listed: Vec<InstrumentRef> = listed(&instruments)?;
            let definitions = v1_definitions(&listed)?;
            check_listed(&listed, records.used.iter())?;
            return Ok(Summary {
                records: records.count,
                definitions,
                export: self.export_id.map(|id| (id, records.digest)),
            });
        }
        let defined: Vec<_> = records
            .definitions
            .iter()
            .map(Instrument::reference)
            .collect();
        check_listed(&defined, records.used.iter())?;
        Ok(Summary {
            records: records.count,
            definitions: records.definitions,
            export: self.export_id.map(|id| (id, records.digest)),
        })
    }
}

/// The shipped definitions a version 1 file lists, or why it cannot list
/// them (core's [`check_instruments`]).
fn v1_definitions(listed: &[InstrumentRef]) -> Result<Vec<Instrument>, FileError> {
    check_instruments(listed)?;
    let shipped = Catalogue::shipped();
    Ok(listed
        .iter()
        .filter_map(|l| shipped.instrument(l))
        .cloned()
        .collect())
}

/// How the records of one document are read and checked.
struct RecordReader {
    version: u32,
    /// The catalogue records are checked against.
    known: Catalogue,
    /// A version 1 file's list, if it came before the records.
    listed: Vec<InstrumentRef>,
    definitions: Vec<Instrument>,
}

const FIELDS: &[&str] = &[
    "format",
    "version",
    "app_version",
    "export_id",
    "created",
    "instruments",
    "records",
];

struct DocumentSeed<'a, 'f> {
    catalogue: &'a Catalogue,
    each: &'a mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
    failure: &'f RefCell<Option<FileError>>,
    budget: &'f Budget,
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
                "app_version" => {
                    once(&doc.app_version, "app_version")?;
                    doc.app_version = Some(map.next_value()?);
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
                    let reader = match doc.reader(self.catalogue) {
                        Ok(reader) => reader,
                        Err(e) => {
                            *self.failure.borrow_mut() = Some(e);
                            return Err(de::Error::custom("records cannot be read yet"));
                        }
                    };
                    doc.records = Some(map.next_value_seed(RecordsSeed {
                        reader,
                        each: &mut *self.each,
                        failure: self.failure,
                        budget: self.budget,
                    })?);
                    self.budget.reset(HEADER);
                }
                other => return Err(de::Error::unknown_field(&clip(other), FIELDS)),
            }
        }
        Ok(doc)
    }
}

struct RecordsSeed<'a, 'f> {
    reader: RecordReader,
    each: &'a mut dyn FnMut(ExportRecord) -> Result<(), FileError>,
    failure: &'f RefCell<Option<FileError>>,
    budget: &'f Budget,
}

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = Records;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Records, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = Records;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records, A::Error> {
        let RecordReader {
            version,
            known,
            listed,
            definitions,
        } = self.reader;
        let shipped = Catalogue::shipped();
        let budget = self.budget;
        let mut digest = Digest::default();
        digest.add(&definitions);
        let mut next = || -> Result<Option<ExportRecord>, A::Error> {
            budget.reset(MAX_LINE as u64);
            Ok(if version == v1::VERSION {
                seq.next_element::<v1::ExportRecord>()?
                    .map(|r| r.upgrade(&listed, shipped))
            } else {
                seq.next_element::<ExportRecord>()?
            })
        };
        let mut used = BTreeSet::new();
        let mut links = HashMap::new();
        let mut index = 0u64;
        while let Some(record) = next()? {
            if let Some(old) = record.supersedes {
                links.insert(record.response_id, old);
            }
            digest.add(&record);
            if let Err(problem) = check_record(&record, &known) {
                *self.failure.borrow_mut() = Some(record_error(index, &record, problem));
                return Err(de::Error::custom("record rejected"));
            }
            index += 1;
            for r in &record.instruments {
                if !used.contains(r) {
                    used.insert(r.clone());
                }
            }
            if let Err(e) = (self.each)(record) {
                *self.failure.borrow_mut() = Some(e);
                return Err(de::Error::custom("record rejected"));
            }
        }
        Ok(Records {
            version,
            count: index,
            links,
            digest: digest.finish(),
            used,
            definitions,
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;
    use trivsel_core::export::ExportDocument;
    use trivsel_core::import::{self, Limits};
    use trivsel_core::Lang;

    fn fixture(rel: &str) -> Vec<u8> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        fs::read(root.join(rel)).unwrap()
    }

    /// Streams `bytes` as a document against `catalogue`, collecting the records.
    fn stream(
        bytes: &[u8],
        catalogue: &Catalogue,
    ) -> Result<(Summary, Vec<ExportRecord>), FileError> {
        let mut records = Vec::new();
        let summary = read_document(bytes, catalogue, &mut |r| {
            records.push(r);
            Ok(())
        })?;
        Ok((summary, records))
    }

    #[test]
    fn both_versions_stream_as_core_reads_them() {
        let shipped = Catalogue::shipped();
        let bytes = fixture("export/v1-tablet-a.json");
        let core = import::parse_document(&bytes, &Limits::default(), shipped).unwrap();
        let (summary, records) = stream(&bytes, shipped).unwrap();
        assert_eq!(summary.definitions, core.instruments);
        assert_eq!(summary.records, 29);
        // Core keeps an exact repeat once; the stream hands every record on
        // (the merge state keeps it once).
        let mut unique = records.clone();
        unique.dedup_by(|a, b| a == b);
        assert_eq!(unique.len(), core.records.len());
        assert!(core.records.iter().all(|r| records.contains(r)));

        let v2 = serde_json::to_vec(&core).unwrap();
        let (summary, again) = stream(&v2, shipped).unwrap();
        assert_eq!(summary.definitions, core.instruments);
        assert_eq!(again, core.records);
    }

    /// A document's JSON with its fields in the order given.
    fn ordered(doc: &serde_json::Value, keys: &[&str]) -> Vec<u8> {
        let fields: Vec<String> = keys
            .iter()
            .map(|k| format!("{}:{}", serde_json::to_string(k).unwrap(), doc[*k]))
            .collect();
        format!("{{{}}}", fields.join(",")).into_bytes()
    }

    #[test]
    fn sorted_keys_stream_and_records_before_the_definitions_are_refused() {
        let shipped = Catalogue::shipped();
        let v1 = fixture("export/v1-tablet-b.json");
        let core = import::parse_document(&v1, &Limits::default(), shipped).unwrap();
        // Keys sorted (as many tools write JSON): the version comes last, and
        // the instruments say which version the records are.
        for bytes in [
            serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&v1).unwrap()).unwrap(),
            serde_json::to_vec(&serde_json::to_value(&core).unwrap()).unwrap(),
        ] {
            let (summary, records) = stream(&bytes, shipped).unwrap();
            assert_eq!(summary.definitions, core.instruments);
            assert_eq!(records.len(), 32);
        }
        // The records before the definitions: refused when streaming (core
        // reads such a file when it is small enough).
        let doc = serde_json::to_value(&core).unwrap();
        let first = ordered(
            &doc,
            &[
                "format",
                "version",
                "app_version",
                "export_id",
                "created",
                "records",
                "instruments",
            ],
        );
        assert!(import::parse_document(&first, &Limits::default(), shipped).is_ok());
        let err = stream(&first, shipped).unwrap_err();
        assert!(matches!(err, FileError::RecordsFirst), "{err}");
        assert!(err.message(Lang::En).contains("over 64 MiB"));
        assert!(err.message(Lang::Da).contains("står før"));
        // A version that does not match the instruments.
        let mut wrong = doc.clone();
        wrong["version"] = 1.into();
        let keys = [
            "format",
            "app_version",
            "export_id",
            "created",
            "instruments",
            "records",
            "version",
        ];
        let err = stream(&ordered(&wrong, &keys), shipped).unwrap_err();
        assert!(
            err.message(Lang::En)
                .contains("the instruments of format version 2, not 1"),
            "{err}"
        );
    }

    #[test]
    fn a_files_definitions_are_checked_against_the_catalogue() {
        let tablet = trivsel_core::test_programme::with_worry();
        let definition = tablet.get("worry", 1).unwrap().clone();
        let doc = ExportDocument {
            format: FORMAT.into(),
            version: VERSION,
            app_version: "test".into(),
            export_id: Uuid::from_random([5; 16]),
            created: Date::new(2026, 12, 1).unwrap(),
            instruments: vec![definition.clone()],
            records: Vec::new(),
        };
        let bytes = serde_json::to_vec(&doc).unwrap();
        let (summary, _) = stream(&bytes, Catalogue::shipped()).unwrap();
        assert_eq!(summary.definitions, std::slice::from_ref(&definition));
        let mut other = definition;
        other.items[0].decline = Some(true);
        let mut elsewhere = Catalogue::shipped().clone();
        elsewhere.add_instrument(other).unwrap();
        let err = stream(&bytes, &elsewhere).unwrap_err();
        let core = import::parse_document(&bytes, &Limits::default(), &elsewhere).unwrap_err();
        assert_eq!(err.message(Lang::Da), core.message(Lang::Da));
    }
}
