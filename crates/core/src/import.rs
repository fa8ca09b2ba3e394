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

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::export::{ExportDocument, ExportRecord, ExportScore, FORMAT, VERSION};
use crate::instrument::builtin;
use crate::lang::{decimal, Lang};
use crate::messages::clip_to;
use crate::scoring::score;
use crate::uuid::{Uuid, UuidError};
use crate::validate::{validate, ValidationError};

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

const MIB: usize = 1024 * 1024;

pub use crate::messages::{clip, MAX_ECHO};

/// Why a file, or an NDJSON line, is rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing in the file (or only white space).
    Empty,
    /// More than [`Limits::max_bytes`].
    TooLarge { bytes: usize, max: usize },
    /// Not UTF-8 text: the first bad byte is at `offset` (from 0).
    NotUtf8 { offset: usize },
    /// Not JSON: the first problem is at `line`, `column` (from 1).
    NotJson { line: usize, column: usize },
    /// JSON nested deeper than serde_json's recursion limit (128).
    TooDeep,
    /// JSON, but `format` is missing or is not [`FORMAT`].
    UnknownFormat,
    /// A `version` this build does not read (0 or newer than [`VERSION`]);
    /// `found` is the value as written (cut to [`MAX_ECHO`]).
    UnsupportedVersion { found: String },
    /// The document does not have the format's shape; `path` is where, e.g.
    /// `records[3].gender` (empty for the document itself).
    Schema {
        path: String,
        problem: SchemaProblem,
    },
    /// The file's instrument list names an instrument this build lacks.
    UnknownInstrument { id: String, version: u32 },
    /// The file's instrument list names an instrument in another version.
    InstrumentVersion {
        id: String,
        listed: u32,
        current: u32,
    },
    /// A record answers an instrument the file's list does not name.
    InstrumentNotListed { id: String },
    /// A record is impossible. `index` counts from 0 (`records[index]`) and
    /// is `None` for an NDJSON line, whose number the caller knows.
    Record {
        index: Option<usize>,
        response_id: Uuid,
        problem: RecordProblem,
    },
    /// One response id twice in the file with different content (indices
    /// from 0).
    DuplicateId {
        id: Uuid,
        first: usize,
        second: usize,
    },
}

/// What is wrong with the shape of the document at a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaProblem {
    /// A field the format does not have (e.g. a name).
    UnknownField { field: String },
    /// A field the format requires is absent.
    MissingField { field: String },
    /// A field occurs twice in one object.
    DuplicateField { field: String },
    /// A value of the wrong JSON type; `found` and `expected` as serde says
    /// them (English, cut).
    WrongType { found: String, expected: String },
    /// A name that is not one of the allowed ones (e.g. a gender).
    UnknownValue { value: String },
    /// A number too large for any number type.
    NumberOutOfRange,
    /// A value of the right type that is not allowed (a site name with `<`,
    /// a week that does not exist, …); `detail` in English, cut.
    InvalidValue { detail: String },
}

/// What makes a record impossible. Every string is cut to [`MAX_ECHO`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// `supersedes` is the record's own id.
    SupersedesItself,
    /// No instrument is answered.
    NoAnswers,
    /// Answers to an instrument this build does not ship.
    UnknownInstrument { id: String },
    /// The answers to an instrument are invalid or incomplete: the first
    /// problem, and how many more there are.
    InvalidAnswers { error: ValidationError, more: usize },
    /// Answers without a stored score.
    MissingScore { instrument: String },
    /// A stored score without answers.
    UnexpectedScore { instrument: String },
    /// The stored score differs from the one the answers give.
    ScoreMismatch {
        instrument: String,
        stored: (u32, Option<u32>),
        computed: (u32, Option<u32>),
    },
    /// The stored flagged items differ from the ones the answers give.
    FlaggedMismatch { instrument: String },
}

/// Reads and checks one export file. Checks, in order: empty; larger than
/// `limits`; not UTF-8 (a leading byte-order mark is allowed); not JSON (or
/// nested too deep); not a trivsel export; a version this build does not
/// read; the shape (with the JSON path); the export id; the instruments the
/// file lists; every record ([`check_record`]); every answered instrument
/// listed; and a response id twice. Stops at the first problem. A record
/// that occurs twice with identical content is kept once.
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

    for listed in &doc.instruments {
        let Some(instrument) = builtin().get(&listed.id) else {
            return Err(ImportError::UnknownInstrument {
                id: clip(&listed.id),
                version: listed.version,
            });
        };
        if instrument.version != listed.version {
            return Err(ImportError::InstrumentVersion {
                id: clip(&listed.id),
                listed: listed.version,
                current: instrument.version,
            });
        }
    }
    for (index, r) in doc.records.iter().enumerate() {
        check_record(r).map_err(|problem| ImportError::Record {
            index: Some(index),
            response_id: r.response_id,
            problem,
        })?;
    }
    for r in &doc.records {
        if let Some(id) = r
            .answers
            .keys()
            .find(|id| !doc.instruments.iter().any(|l| l.id == **id))
        {
            return Err(ImportError::InstrumentNotListed { id: clip(id) });
        }
    }
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

/// Checks one record as an import does: the response id (and `supersedes`)
/// is a UUID v4, a record does not supersede itself, it answers at least
/// one instrument, only instruments this build ships, every answer set is
/// valid and complete, and the stored scores are exactly those core
/// computes from the answers.
pub fn check_record(r: &ExportRecord) -> Result<(), RecordProblem> {
    if let Some(old) = r.supersedes {
        if old == r.response_id {
            return Err(RecordProblem::SupersedesItself);
        }
    }
    if r.answers.is_empty() {
        return Err(RecordProblem::NoAnswers);
    }
    for (id, answers) in &r.answers {
        let instrument = builtin()
            .get(id)
            .ok_or_else(|| RecordProblem::UnknownInstrument { id: clip(id) })?;
        let invalid = |errors: Vec<ValidationError>| RecordProblem::InvalidAnswers {
            more: errors.len().saturating_sub(1),
            error: errors.into_iter().next().map(clip_validation).unwrap_or(
                ValidationError::Missing {
                    instrument: clip(id),
                    item: String::new(),
                },
            ),
        };
        validate(instrument, answers, true).map_err(invalid)?;
        let computed = match score(instrument, answers) {
            Ok(s) => ExportScore::from(&s),
            Err(_) => return Err(invalid(Vec::new())),
        };
        let stored = r
            .scores
            .get(id)
            .ok_or_else(|| RecordProblem::MissingScore {
                instrument: clip(id),
            })?;
        if (stored.raw, stored.percentage) != (computed.raw, computed.percentage) {
            return Err(RecordProblem::ScoreMismatch {
                instrument: clip(id),
                stored: (stored.raw, stored.percentage),
                computed: (computed.raw, computed.percentage),
            });
        }
        if stored.flagged_items != computed.flagged_items {
            return Err(RecordProblem::FlaggedMismatch {
                instrument: clip(id),
            });
        }
    }
    if let Some(id) = r.scores.keys().find(|id| !r.answers.contains_key(*id)) {
        return Err(RecordProblem::UnexpectedScore {
            instrument: clip(id),
        });
    }
    Ok(())
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

/// A serde message that may quote a value between « and »: the quote cut to
/// [`MAX_ECHO`], the whole to a few lines.
fn clip_detail(detail: &str) -> String {
    if let (Some(a), Some(b)) = (detail.find('«'), detail.rfind('»')) {
        if a < b {
            let inner = &detail[a + '«'.len_utf8()..b];
            let after = &detail[b + '»'.len_utf8()..];
            return format!(
                "{}«{}»{}",
                clip_to(&detail[..a], MAX_ECHO),
                clip(inner),
                clip_to(after, 120)
            );
        }
    }
    clip_to(detail, 120)
}

fn clip_validation(e: ValidationError) -> ValidationError {
    match e {
        ValidationError::UnknownItem { instrument, item } => ValidationError::UnknownItem {
            instrument: clip(&instrument),
            item: clip(&item),
        },
        ValidationError::OutOfRange {
            instrument,
            item,
            value,
            min,
            max,
        } => ValidationError::OutOfRange {
            instrument: clip(&instrument),
            item: clip(&item),
            value,
            min,
            max,
        },
        ValidationError::Missing { instrument, item } => ValidationError::Missing {
            instrument: clip(&instrument),
            item: clip(&item),
        },
    }
}

/// The import error a serde_json error is on its own, if it is one: a
/// syntax error, or nesting beyond the recursion limit. A number out of
/// range is valid JSON grammar; the shape check names where it is.
fn json_error(e: &serde_json::Error) -> Option<ImportError> {
    let text = e.to_string();
    if text.starts_with("recursion limit exceeded") {
        return Some(ImportError::TooDeep);
    }
    if text.starts_with("number out of range") {
        return None;
    }
    match e.classify() {
        serde_json::error::Category::Data => None,
        _ => Some(ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        }),
    }
}

/// Checks that `text` is one JSON value, nested at most 128 deep.
fn check_syntax(text: &str) -> Result<(), ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    match Syntax::deserialize(&mut de).and_then(|_| de.end()) {
        Ok(()) => Ok(()),
        Err(e) => json_error(&e).map_or(Ok(()), Err),
    }
}

/// Any JSON value, visited and dropped. Unlike `IgnoredAny`, it descends
/// through serde_json's `deserialize_any`, which enforces the recursion
/// limit, so a deeply nested file is named as such.
struct Syntax;

impl<'de> Deserialize<'de> for Syntax {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Syntax, D::Error> {
        d.deserialize_any(SyntaxVisitor)
    }
}

struct SyntaxVisitor;

impl<'de> Visitor<'de> for SyntaxVisitor {
    type Value = Syntax;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_str<E>(self, _: &str) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_unit<E>(self) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Syntax, A::Error> {
        while seq.next_element::<Syntax>()?.is_some() {}
        Ok(Syntax)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Syntax, A::Error> {
        while map.next_entry::<Syntax, Syntax>()?.is_some() {}
        Ok(Syntax)
    }
}

/// The `format` and `version` of a JSON object, everything else skipped.
#[derive(Default)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        d.deserialize_map(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an export document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let mut probe = Probe::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => probe.format = Some(map.next_value()?),
                "version" => probe.version = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(probe)
    }
}

fn check_format_and_version(text: &str) -> Result<(), ImportError> {
    if !text.trim_start().starts_with('{') {
        return Err(ImportError::UnknownFormat);
    }
    let probe = match serde_json::from_str::<Probe>(text) {
        Ok(probe) => probe,
        Err(e) => return Err(json_error(&e).unwrap_or(ImportError::UnknownFormat)),
    };
    if !matches!(&probe.format, Some(Value::String(f)) if f == FORMAT) {
        return Err(ImportError::UnknownFormat);
    }
    match probe.version {
        None => Ok(()),
        Some(Value::Number(n))
            if n.as_u64()
                .is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) =>
        {
            Ok(())
        }
        Some(v) => Err(ImportError::UnsupportedVersion {
            found: echo_value(&v),
        }),
    }
}

/// A JSON value as a message may repeat it.
fn echo_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", clip(s)),
        Value::Array(_) => "[…]".into(),
        Value::Object(_) => "{…}".into(),
        other => clip(&other.to_string()),
    }
}

/// Deserialises `text` (already known to be JSON) into `T`, naming the path
/// of the first problem.
fn typed<T: de::DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        json_error(e.inner()).unwrap_or_else(|| ImportError::Schema {
            path: path_text(e.path()),
            problem: SchemaProblem::from_serde(&serde_text(e.inner())),
        })
    })?;
    de.end()
        .map_err(|e| json_error(&e).unwrap_or(ImportError::UnknownFormat))?;
    Ok(value)
}

/// A path like `records[3].answers.who5.happy`, each key cut.
fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&clip_to(key, 40));
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    clip_to(&out, 100)
}

/// serde_json's message without its " at line L column C".
fn serde_text(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(t) => t.to_string(),
        None => text,
    }
}

/// The text between a prefix and the last occurrence of one of `ends`.
fn between<'a>(text: &'a str, prefix: &str, ends: &[&str]) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?;
    let end = ends.iter().filter_map(|e| rest.rfind(e)).max()?;
    Some(&rest[..end])
}

impl SchemaProblem {
    /// Sorts serde's message (English, from serde's derive and serde_json)
    /// into a problem a person can be told about.
    fn from_serde(text: &str) -> SchemaProblem {
        let field_ends = ["`, expected", "`, there are no fields"];
        if text.starts_with("number out of range") {
            SchemaProblem::NumberOutOfRange
        } else if let Some(field) = between(text, "unknown field `", &field_ends) {
            SchemaProblem::UnknownField { field: clip(field) }
        } else if let Some(field) = between(text, "missing field `", &["`"]) {
            SchemaProblem::MissingField { field: clip(field) }
        } else if let Some(field) = between(text, "duplicate field `", &["`"]) {
            SchemaProblem::DuplicateField { field: clip(field) }
        } else if let Some(value) = between(text, "unknown variant `", &["`, expected"]) {
            SchemaProblem::UnknownValue { value: clip(value) }
        } else if let Some(rest) = text.strip_prefix("invalid type: ") {
            let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
            SchemaProblem::WrongType {
                found: clip(found),
                expected: clip(expected),
            }
        } else {
            SchemaProblem::InvalidValue {
                detail: clip_detail(text),
            }
        }
    }

    fn message(&self, path: &str, lang: Lang) -> String {
        let at = || match (path.is_empty(), lang) {
            (true, Lang::Da) => "dokumentet".to_string(),
            (true, Lang::En) => "the document".to_string(),
            (false, _) => format!("«{path}»"),
        };
        match (self, lang) {
            (Self::UnknownField { .. }, Lang::Da) => {
                format!("feltet {} hører ikke til formatet.", at())
            }
            (Self::UnknownField { .. }, Lang::En) => {
                format!("the field {} is not part of the format.", at())
            }
            (Self::MissingField { field }, Lang::Da) => {
                format!("feltet «{field}» mangler i {}.", at())
            }
            (Self::MissingField { field }, Lang::En) => {
                format!("the field «{field}» is missing from {}.", at())
            }
            (Self::DuplicateField { field }, Lang::Da) => {
                format!("feltet «{field}» står to gange i {}.", at())
            }
            (Self::DuplicateField { field }, Lang::En) => {
                format!("the field «{field}» occurs twice in {}.", at())
            }
            (Self::WrongType { found, expected }, Lang::Da) => format!(
                "{} skal være {}, men er {}.",
                at(),
                kind_da(expected),
                kind_da(found)
            ),
            (Self::WrongType { found, expected }, Lang::En) => {
                format!("{} must be {expected}, but is {found}.", at())
            }
            (Self::UnknownValue { value }, Lang::Da) => {
                format!("{} har værdien «{value}», som ikke er tilladt.", at())
            }
            (Self::UnknownValue { value }, Lang::En) => {
                format!("{} has the value «{value}», which is not allowed.", at())
            }
            (Self::NumberOutOfRange, Lang::Da) => {
                format!("tallet i {} er alt for stort.", at())
            }
            (Self::NumberOutOfRange, Lang::En) => {
                format!("the number in {} is far too large.", at())
            }
            (Self::InvalidValue { .. }, Lang::Da) => {
                format!("{} er ugyldig: {}", at(), hint_da(path))
            }
            (Self::InvalidValue { detail }, Lang::En) => {
                format!("{} is invalid: {detail}", at())
            }
        }
    }
}

/// A JSON type as serde names it (`string "x"`, `integer `5``, `i32`, `a
/// sequence`, `struct ExportRecord`), in Danish.
fn kind_da(serde: &str) -> &'static str {
    let s = serde.trim_start_matches("a ").trim_start_matches("an ");
    let integer = |s: &str| {
        (s.starts_with('i') || s.starts_with('u'))
            && s.len() > 1
            && s[1..].bytes().all(|b| b.is_ascii_digit())
    };
    if s.starts_with("string") || s.starts_with("char") || s.contains("identifier") {
        "tekst"
    } else if s.starts_with("integer") || integer(s) {
        "et heltal"
    } else if s.starts_with("floating point") || s.starts_with("f64") || s.starts_with("f32") {
        "et decimaltal"
    } else if s.starts_with("bool") {
        "sand eller falsk"
    } else if s.starts_with("null") || s.starts_with("unit") {
        "null"
    } else if s.starts_with("sequence") {
        "en liste"
    } else if s.starts_with("map") || s.contains("struct") || s.contains("enum") {
        "et objekt"
    } else if s.is_empty() {
        "noget andet"
    } else {
        "en anden type"
    }
}

/// What a field whose value is not allowed should hold, in Danish, by the
/// field's name (the last part of the path).
fn hint_da(path: &str) -> String {
    let field = path.rsplit(['.', ']']).next().unwrap_or("");
    let hint = match field {
        "response_id" | "supersedes" | "export_id" => {
            return format!("ikke {}.", UuidError::expected(Lang::Da))
        }
        "participant" => "ikke en gyldig deltagerkode (6 tegn: tal og bogstaverne A–Z undtagen U).",
        "site" => "ikke et gyldigt navn på et sted (1–40 tegn: bogstaver, tal, mellemrum og - . ' /).",
        "week" => "ikke en gyldig uge (skrives ÅÅÅÅ-Wuu, fx 2026-W47).",
        "created" => "ikke en gyldig dato (skrives ÅÅÅÅ-MM-DD).",
        "point" => "ikke et gyldigt målepunkt (indskrivning, undervejs med samtale 1 eller senere, afslutning eller opfølgning).",
        _ => "værdien er ikke tilladt her.",
    };
    hint.to_string()
}

/// A file size in MB (of 1 048 576 bytes), with one decimal unless whole.
fn megabytes(bytes: usize, lang: Lang) -> String {
    let tenths = (bytes as u64 * 10 + (MIB as u64) / 2) / MIB as u64;
    decimal(tenths as f64 / 10.0, None, lang)
}

/// The versions this build reads, as a message says them.
fn readable_versions() -> String {
    if VERSION == 1 {
        "1".into()
    } else {
        format!("1–{VERSION}")
    }
}

impl ImportError {
    /// The reason as a sentence in `lang`. Plain text: show it as text.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Empty, Lang::Da) => "Filen er tom.".into(),
            (Self::Empty, Lang::En) => "The file is empty.".into(),
            (Self::TooLarge { bytes, max }, Lang::Da) => format!(
                "Filen er for stor ({} MB; højst {} MB).",
                megabytes(*bytes, lang),
                megabytes(*max, lang)
            ),
            (Self::TooLarge { bytes, max }, Lang::En) => format!(
                "The file is too large ({} MB; at most {} MB).",
                megabytes(*bytes, lang),
                megabytes(*max, lang)
            ),
            (Self::NotUtf8 { offset }, Lang::Da) => format!(
                "Filen er ikke tekst i UTF-8 (ugyldig byte ved position {offset})."
            ),
            (Self::NotUtf8 { offset }, Lang::En) => {
                format!("The file is not UTF-8 text (invalid byte at position {offset}).")
            }
            (Self::NotJson { line, column }, Lang::Da) => {
                format!("Filen er ikke gyldig JSON (linje {line}, kolonne {column}).")
            }
            (Self::NotJson { line, column }, Lang::En) => {
                format!("The file is not valid JSON (line {line}, column {column}).")
            }
            (Self::TooDeep, Lang::Da) => {
                "Filen er ikke en trivsel-eksport: dens JSON er indlejret mere end 128 niveauer."
                    .into()
            }
            (Self::TooDeep, Lang::En) => {
                "The file is not a trivsel export: its JSON is nested more than 128 levels deep."
                    .into()
            }
            (Self::UnknownFormat, Lang::Da) => "Filen er ikke en trivsel-eksport.".into(),
            (Self::UnknownFormat, Lang::En) => "The file is not a trivsel export.".into(),
            (Self::UnsupportedVersion { found }, Lang::Da) => format!(
                "Eksportformatets version {found} kendes ikke; denne version af trivsel læser version {}.",
                readable_versions()
            ),
            (Self::UnsupportedVersion { found }, Lang::En) => format!(
                "Unknown export format version {found}; this version of trivsel reads version {}.",
                readable_versions()
            ),
            (Self::Schema { path, problem }, Lang::Da) => format!(
                "Filen følger ikke eksportformatet: {}",
                problem.message(path, lang)
            ),
            (Self::Schema { path, problem }, Lang::En) => format!(
                "The file does not follow the export format: {}",
                problem.message(path, lang)
            ),
            (Self::UnknownInstrument { id, version }, Lang::Da) => format!(
                "Filen bruger skemaet «{id}» (version {version}), som denne udgave af trivsel ikke kender."
            ),
            (Self::UnknownInstrument { id, version }, Lang::En) => format!(
                "The file uses the questionnaire «{id}» (version {version}), which this release of trivsel does not know."
            ),
            (Self::InstrumentVersion { id, listed, current }, Lang::Da) => format!(
                "Filen bruger skemaet «{id}» i version {listed}, men denne udgave af trivsel har version {current}."
            ),
            (Self::InstrumentVersion { id, listed, current }, Lang::En) => format!(
                "The file uses the questionnaire «{id}» in version {listed}, but this release of trivsel has version {current}."
            ),
            (Self::InstrumentNotListed { id }, Lang::Da) => format!(
                "Skemaet «{id}» er besvaret i filen, men står ikke på filens liste over skemaer."
            ),
            (Self::InstrumentNotListed { id }, Lang::En) => format!(
                "The questionnaire «{id}» is answered in the file but missing from its list of questionnaires."
            ),
            (Self::Record { index, response_id, problem }, Lang::Da) => match index {
                Some(i) => format!("Post {} (id {response_id}): {}", i + 1, problem.message(lang)),
                None => format!("Posten (id {response_id}): {}", problem.message(lang)),
            },
            (Self::Record { index, response_id, problem }, Lang::En) => match index {
                Some(i) => format!("Record {} (id {response_id}): {}", i + 1, problem.message(lang)),
                None => format!("The record (id {response_id}): {}", problem.message(lang)),
            },
            (Self::DuplicateId { id, first, second }, Lang::Da) => format!(
                "Id'et {id} står to gange i filen (post {} og {}) med forskelligt indhold.",
                first + 1,
                second + 1
            ),
            (Self::DuplicateId { id, first, second }, Lang::En) => format!(
                "The id {id} occurs twice in the file (records {} and {}) with different content.",
                first + 1,
                second + 1
            ),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

fn score_text(score: (u32, Option<u32>), lang: Lang) -> String {
    match (score, lang) {
        ((raw, Some(pct)), Lang::Da) => format!("rå {raw}, {pct} %"),
        ((raw, Some(pct)), Lang::En) => format!("raw {raw}, {pct}%"),
        ((raw, None), _) => raw.to_string(),
    }
}

impl RecordProblem {
    /// The problem as a clause in `lang` (it follows "Post 4 (id …): ").
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::SupersedesItself, Lang::Da) => {
                "posten retter sig selv (supersedes er dens eget id).".into()
            }
            (Self::SupersedesItself, Lang::En) => {
                "the record corrects itself (supersedes is its own id).".into()
            }
            (Self::NoAnswers, Lang::Da) => "posten indeholder ingen svar.".into(),
            (Self::NoAnswers, Lang::En) => "the record contains no answers.".into(),
            (Self::UnknownInstrument { id }, Lang::Da) => {
                format!("skemaet «{id}» findes ikke i denne udgave af trivsel.")
            }
            (Self::UnknownInstrument { id }, Lang::En) => {
                format!("the questionnaire «{id}» does not exist in this release of trivsel.")
            }
            (Self::InvalidAnswers { error, more }, lang) => {
                let first = match (error, lang) {
                    (
                        ValidationError::OutOfRange {
                            item,
                            value,
                            min,
                            max,
                            ..
                        },
                        Lang::Da,
                    ) => format!(
                        "svaret {value} på «{item}» er ikke et af svarmulighederne ({min}–{max})."
                    ),
                    (
                        ValidationError::OutOfRange {
                            item,
                            value,
                            min,
                            max,
                            ..
                        },
                        Lang::En,
                    ) => format!(
                        "the answer {value} to «{item}» is not one of the options ({min}–{max})."
                    ),
                    (ValidationError::Missing { instrument, item }, Lang::Da) => {
                        format!("spørgsmålet «{item}» i «{instrument}» er ikke besvaret.")
                    }
                    (ValidationError::Missing { instrument, item }, Lang::En) => {
                        format!("the item «{item}» of «{instrument}» has no answer.")
                    }
                    (ValidationError::UnknownItem { instrument, item }, Lang::Da) => {
                        format!("skemaet «{instrument}» har intet spørgsmål «{item}».")
                    }
                    (ValidationError::UnknownItem { instrument, item }, Lang::En) => {
                        format!("the questionnaire «{instrument}» has no item «{item}».")
                    }
                };
                match (more, lang) {
                    (0, _) => first,
                    (n, Lang::Da) => format!("{first} (Og {n} fejl mere.)"),
                    (1, Lang::En) => format!("{first} (And 1 more problem.)"),
                    (n, Lang::En) => format!("{first} (And {n} more problems.)"),
                }
            }
            (Self::MissingScore { instrument }, Lang::Da) => {
                format!("der er svar på «{instrument}», men ingen score.")
            }
            (Self::MissingScore { instrument }, Lang::En) => {
                format!("there are answers to «{instrument}» but no score.")
            }
            (Self::UnexpectedScore { instrument }, Lang::Da) => {
                format!("der er en score for «{instrument}», men ingen svar.")
            }
            (Self::UnexpectedScore { instrument }, Lang::En) => {
                format!("there is a score for «{instrument}» but no answers.")
            }
            (
                Self::ScoreMismatch {
                    instrument,
                    stored,
                    computed,
                },
                Lang::Da,
            ) => format!(
                "den gemte score for «{instrument}» ({}) passer ikke med svarene ({}).",
                score_text(*stored, lang),
                score_text(*computed, lang)
            ),
            (
                Self::ScoreMismatch {
                    instrument,
                    stored,
                    computed,
                },
                Lang::En,
            ) => format!(
                "the stored score for «{instrument}» ({}) does not match the answers ({}).",
                score_text(*stored, lang),
                score_text(*computed, lang)
            ),
            (Self::FlaggedMismatch { instrument }, Lang::Da) => format!(
                "de markerede spørgsmål i scoren for «{instrument}» passer ikke med svarene."
            ),
            (Self::FlaggedMismatch { instrument }, Lang::En) => format!(
                "the flagged items in the score for «{instrument}» do not match the answers."
            ),
        }
    }
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RecordProblem {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::{Date, IsoWeek};
    use crate::export::document;
    use crate::instrument::Answers;
    use crate::participant::{
        AgeBand, CourseType, Gender, MeasurementPoint, ParticipantCode, Site,
    };
    use crate::record::{CANTRIL, WHO5};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn record(n: u8, who5: [i32; 5], ladder: i32) -> ExportRecord {
        let b = builtin();
        let answers = b.who5.answers_in_order(&who5);
        let who5_score = ExportScore::from(&score(&b.who5, &answers).unwrap());
        let ladder_answers = Answers::from([("ladder".to_string(), ladder)]);
        let ladder_score = ExportScore::from(&score(&b.cantril, &ladder_answers).unwrap());
        ExportRecord {
            response_id: Uuid::from_random([n; 16]),
            participant: ParticipantCode::from_random([0, 0, 0, n]),
            gender: Gender::Other,
            age_band: AgeBand::Age12To14,
            site: Site::parse("UngRåd Aarhus").unwrap(),
            course: CourseType::Counselling,
            point: MeasurementPoint::Intake,
            week: IsoWeek::new(2026, 10).unwrap(),
            answers: BTreeMap::from([
                (WHO5.to_string(), answers),
                (CANTRIL.to_string(), ladder_answers),
            ]),
            scores: BTreeMap::from([
                (WHO5.to_string(), who5_score),
                (CANTRIL.to_string(), ladder_score),
            ]),
            supersedes: None,
        }
    }

    fn doc(records: Vec<ExportRecord>) -> ExportDocument {
        document(
            Uuid::from_random([200; 16]),
            Date::new(2026, 12, 1).unwrap(),
            records,
        )
    }

    fn json(doc: &ExportDocument) -> String {
        serde_json::to_string_pretty(doc).unwrap()
    }

    fn parse(text: &str) -> Result<ExportDocument, ImportError> {
        parse_document(text.as_bytes(), &Limits::default())
    }

    fn valid() -> String {
        json(&doc(vec![
            record(1, [4, 3, 3, 2, 4], 7),
            record(2, [1, 0, 2, 2, 1], 3),
        ]))
    }

    #[test]
    fn a_valid_document_round_trips() {
        let d = doc(vec![record(1, [4, 3, 3, 2, 4], 7)]);
        assert_eq!(parse(&json(&d)), Ok(d.clone()));
        let with_bom = format!("\u{feff}{}", json(&d));
        assert_eq!(parse(&with_bom), Ok(d));
    }

    #[test]
    fn the_reasons_in_order() {
        assert_eq!(parse(""), Err(ImportError::Empty));
        assert_eq!(parse(" \n\t"), Err(ImportError::Empty));
        let small = Limits { max_bytes: 10 };
        assert_eq!(
            parse_document(valid().as_bytes(), &small),
            Err(ImportError::TooLarge {
                bytes: valid().len(),
                max: 10
            })
        );
        assert_eq!(
            parse_document(b"{\"a\": \"\xff\"}", &Limits::default()),
            Err(ImportError::NotUtf8 { offset: 7 })
        );
        assert_eq!(
            parse("{\n  \"format\": \"trivsel-export\",\n  \"version\" 1\n}"),
            Err(ImportError::NotJson {
                line: 3,
                column: 13
            })
        );
        assert_eq!(parse("[1, 2]"), Err(ImportError::UnknownFormat));
        assert_eq!(parse("{\"version\": 1}"), Err(ImportError::UnknownFormat));
        let other = valid().replacen("trivsel-export", "trivsel-backup", 1);
        assert_eq!(parse(&other), Err(ImportError::UnknownFormat));
        for (v, found) in [
            ("0", "0"),
            ("7", "7"),
            ("\"1\"", "\"1\""),
            ("-1", "-1"),
            ("1.0", "1.0"),
        ] {
            let text = valid().replacen("\"version\": 1", &format!("\"version\": {v}"), 1);
            assert_eq!(
                parse(&text),
                Err(ImportError::UnsupportedVersion {
                    found: found.into()
                }),
                "{v}"
            );
        }
        assert_eq!(
            parse(&valid().replacen("\"version\": 1,", "", 1)),
            Err(ImportError::Schema {
                path: String::new(),
                problem: SchemaProblem::MissingField {
                    field: "version".into()
                }
            })
        );
    }

    #[test]
    fn schema_errors_name_the_path() {
        let gender = valid().replacen("\"gender\": \"other\"", "\"gender\": \"boyz\"", 1);
        let err = parse(&gender).unwrap_err();
        assert_eq!(
            err,
            ImportError::Schema {
                path: "records[0].gender".into(),
                problem: SchemaProblem::UnknownValue {
                    value: "boyz".into()
                }
            }
        );
        assert_eq!(
            err.message(Lang::Da),
            "Filen følger ikke eksportformatet: «records[0].gender» har værdien «boyz», som ikke er tilladt."
        );

        let extra = valid().replacen(
            "\"gender\": \"other\"",
            "\"gender\": \"other\", \"name\": \"Ida\"",
            1,
        );
        let err = parse(&extra).unwrap_err();
        assert!(
            matches!(&err, ImportError::Schema { path, problem: SchemaProblem::UnknownField { field } }
                if path == "records[0].name" && field == "name"),
            "{err:?}"
        );
        assert_eq!(
            err.message(Lang::Da),
            "Filen følger ikke eksportformatet: feltet «records[0].name» hører ikke til formatet."
        );

        let missing = valid().replacen("\"gender\": \"other\",", "", 1);
        let err = parse(&missing).unwrap_err();
        assert_eq!(
            err.message(Lang::Da),
            "Filen følger ikke eksportformatet: feltet «gender» mangler i «records[0]»."
        );

        let typed = valid().replacen("\"happy\": 4", "\"happy\": \"4\"", 1);
        let err = parse(&typed).unwrap_err();
        assert!(
            matches!(&err, ImportError::Schema { path, problem: SchemaProblem::WrongType { .. } }
                if path == "records[0].answers.who5.happy"),
            "{err:?}"
        );
        assert_eq!(
            err.message(Lang::Da),
            "Filen følger ikke eksportformatet: «records[0].answers.who5.happy» skal være et heltal, men er tekst."
        );

        let site = valid().replacen("UngRåd Aarhus", "Ung & Fri", 1);
        let err = parse(&site).unwrap_err();
        assert!(
            matches!(&err, ImportError::Schema { path, problem: SchemaProblem::InvalidValue { .. } }
                if path == "records[0].site"),
            "{err:?}"
        );
        assert!(err
            .message(Lang::Da)
            .contains("ikke et gyldigt navn på et sted"));
        assert!(err.message(Lang::En).contains("«&»"), "{err}");

        let week = valid().replacen("2026-W10", "2026-W54", 1);
        assert!(parse(&week)
            .unwrap_err()
            .message(Lang::Da)
            .contains("«records[0].week» er ugyldig"));

        let huge = valid().replacen("\"happy\": 4", "\"happy\": 1e400", 1);
        assert_eq!(
            parse(&huge),
            Err(ImportError::Schema {
                path: "records[0].answers.who5.happy".into(),
                problem: SchemaProblem::NumberOutOfRange
            })
        );
        let big = valid().replacen("\"happy\": 4", "\"happy\": 18446744073709551616", 1);
        assert!(matches!(
            parse(&big),
            Err(ImportError::Schema {
                problem: SchemaProblem::WrongType { .. },
                ..
            })
        ));
        let over_i32 = valid().replacen("\"happy\": 4", "\"happy\": 4294967296", 1);
        assert!(matches!(
            parse(&over_i32),
            Err(ImportError::Schema {
                problem: SchemaProblem::InvalidValue { .. },
                ..
            })
        ));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&deep), Err(ImportError::TooDeep));
        let inside = valid().replacen(
            "\"records\": [",
            &format!(
                "\"x\": {}{}, \"records\": [",
                "{\"a\":".repeat(5000),
                "}".repeat(5000)
            ),
            1,
        );
        assert_eq!(parse(&inside), Err(ImportError::TooDeep));
    }

    #[test]
    fn impossible_records_are_named_by_index_and_id() {
        let mut bad = record(2, [4, 3, 3, 2, 4], 7);
        bad.answers.get_mut(WHO5).unwrap().insert("calm".into(), 9);
        let text = json(&doc(vec![
            record(1, [4, 3, 3, 2, 4], 7),
            record(3, [1, 1, 1, 1, 1], 1),
            record(4, [2; 5], 2),
            bad.clone(),
        ]));
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err.message(Lang::Da),
            format!(
                "Post 4 (id {}): svaret 9 på «calm» er ikke et af svarmulighederne (0–5).",
                bad.response_id
            )
        );

        let mut wrong_score = record(2, [4, 3, 3, 2, 4], 7);
        wrong_score.scores.get_mut(WHO5).unwrap().raw = 25;
        wrong_score.scores.get_mut(WHO5).unwrap().percentage = Some(100);
        assert_eq!(
            check_record(&wrong_score),
            Err(RecordProblem::ScoreMismatch {
                instrument: "who5".into(),
                stored: (25, Some(100)),
                computed: (16, Some(64))
            })
        );
        assert!(RecordProblem::ScoreMismatch {
            instrument: "who5".into(),
            stored: (25, Some(100)),
            computed: (16, Some(64))
        }
        .message(Lang::Da)
        .contains("(rå 25, 100 %) passer ikke med svarene (rå 16, 64 %)"));

        let mut flagged = record(2, [1, 3, 3, 2, 4], 7);
        flagged.scores.get_mut(WHO5).unwrap().flagged_items.clear();
        assert!(matches!(
            check_record(&flagged),
            Err(RecordProblem::FlaggedMismatch { .. })
        ));

        let mut cases: Vec<(ExportRecord, RecordProblem)> = Vec::new();
        let mut r = record(2, [3; 5], 5);
        r.supersedes = Some(r.response_id);
        cases.push((r, RecordProblem::SupersedesItself));
        let mut r = record(2, [3; 5], 5);
        r.answers.clear();
        r.scores.clear();
        cases.push((r, RecordProblem::NoAnswers));
        let mut r = record(2, [3; 5], 5);
        r.answers.insert("phq9".into(), Answers::new());
        cases.push((r, RecordProblem::UnknownInstrument { id: "phq9".into() }));
        let mut r = record(2, [3; 5], 5);
        r.scores.remove(CANTRIL);
        cases.push((
            r,
            RecordProblem::MissingScore {
                instrument: "cantril".into(),
            },
        ));
        let mut r = record(2, [3; 5], 5);
        r.answers.remove(CANTRIL);
        cases.push((
            r,
            RecordProblem::UnexpectedScore {
                instrument: "cantril".into(),
            },
        ));
        let mut r = record(2, [3; 5], 5);
        r.answers.get_mut(WHO5).unwrap().remove("rested");
        r.answers.get_mut(WHO5).unwrap().insert("x".repeat(1000), 1);
        cases.push((
            r,
            RecordProblem::InvalidAnswers {
                error: ValidationError::Missing {
                    instrument: "who5".into(),
                    item: "rested".into(),
                },
                more: 1,
            },
        ));
        for (r, expected) in cases {
            assert_eq!(check_record(&r), Err(expected.clone()));
            for lang in Lang::ALL {
                assert!(!expected.message(lang).is_empty());
            }
        }
        // The whole-ladder-only record is fine: instruments are answered as a set.
        let mut ladder_only = record(2, [3; 5], 5);
        ladder_only.answers.remove(WHO5);
        ladder_only.scores.remove(WHO5);
        assert_eq!(check_record(&ladder_only), Ok(()));
    }

    #[test]
    fn the_instrument_list_must_match_this_build() {
        let mut d = doc(vec![record(1, [3; 5], 5)]);
        d.instruments[0].version = 2;
        assert_eq!(
            parse(&json(&d)),
            Err(ImportError::InstrumentVersion {
                id: "who5".into(),
                listed: 2,
                current: 1
            })
        );
        let mut d = doc(vec![record(1, [3; 5], 5)]);
        d.instruments[1].id = "phq9".into();
        assert!(matches!(
            parse(&json(&d)),
            Err(ImportError::UnknownInstrument { .. })
        ));
        let mut d = doc(vec![record(1, [3; 5], 5)]);
        d.instruments.remove(1);
        assert_eq!(
            parse(&json(&d)),
            Err(ImportError::InstrumentNotListed {
                id: "cantril".into()
            })
        );
    }

    #[test]
    fn ids_that_are_not_uuids_are_named_by_their_path() {
        let d = doc(vec![record(1, [3; 5], 5)]);
        let text = json(&d);
        let id = d.records[0].response_id.to_string();
        for (bad, path) in [
            (
                text.replacen(&id, &format!("{}1{}", &id[..14], &id[15..]), 1),
                "records[0].response_id",
            ),
            (
                text.replacen("\"supersedes\": null", "\"supersedes\": \"nope\"", 1),
                "records[0].supersedes",
            ),
            (
                text.replacen(&d.export_id.to_string(), "export-1", 1),
                "export_id",
            ),
        ] {
            let err = parse(&bad).unwrap_err();
            assert!(
                matches!(&err, ImportError::Schema { path: p, problem: SchemaProblem::InvalidValue { .. } } if p == path),
                "{err:?}"
            );
            assert!(
                err.message(Lang::Da)
                    .ends_with("er ugyldig: ikke et gyldigt UUID (version 4)."),
                "{err}"
            );
            assert!(
                err.message(Lang::En)
                    .contains("is not a valid UUID (version 4)."),
                "{err}"
            );
        }
    }

    #[test]
    fn a_repeated_record_is_kept_once_and_a_conflict_rejects_the_file() {
        let a = record(1, [3; 5], 5);
        let d = doc(vec![a.clone(), record(2, [3; 5], 5), a.clone()]);
        let parsed = parse(&json(&d)).unwrap();
        assert_eq!(parsed.records.len(), 2);
        let mut other = a.clone();
        other.gender = Gender::Girl;
        let d = doc(vec![a.clone(), record(2, [3; 5], 5), other]);
        let err = parse(&json(&d)).unwrap_err();
        assert_eq!(
            err,
            ImportError::DuplicateId {
                id: a.response_id,
                first: 0,
                second: 2
            }
        );
        assert!(err.message(Lang::Da).contains("(post 1 og 3)"), "{err}");
    }

    #[test]
    fn messages_cut_long_values_and_say_sizes_in_danish() {
        let err = ImportError::TooLarge {
            bytes: 76_755_763,
            max: 64 * MIB,
        };
        assert_eq!(
            err.message(Lang::Da),
            "Filen er for stor (73,2 MB; højst 64 MB)."
        );
        assert_eq!(
            err.to_string(),
            "The file is too large (73.2 MB; at most 64 MB)."
        );
        assert_eq!(ImportError::Empty.message(Lang::Da), "Filen er tom.");
        assert_eq!(
            ImportError::NotJson {
                line: 3,
                column: 14
            }
            .message(Lang::Da),
            "Filen er ikke gyldig JSON (linje 3, kolonne 14)."
        );
        assert_eq!(
            ImportError::UnknownFormat.message(Lang::Da),
            "Filen er ikke en trivsel-eksport."
        );
        assert_eq!(
            ImportError::UnsupportedVersion { found: "7".into() }.message(Lang::Da),
            "Eksportformatets version 7 kendes ikke; denne version af trivsel læser version 1."
        );
        let long_version = valid().replacen(
            "\"version\": 1",
            &format!("\"version\": \"{}\"", "9".repeat(10_000)),
            1,
        );
        let err = parse(&long_version).unwrap_err();
        assert!(err.message(Lang::Da).chars().count() < 200, "{err}");
        let long_type = valid().replacen(
            "\"happy\": 4",
            &format!("\"happy\": \"{}\"", "<b>".repeat(10_000)),
            1,
        );
        let err = parse(&long_type).unwrap_err();
        assert!(err.to_string().chars().count() < 300, "{err}");
        let long_key =
            valid().replacen("\"happy\": 4", &format!("\"{}\": 4", "k".repeat(10_000)), 1);
        let err = parse(&long_key).unwrap_err();
        assert!(err.to_string().chars().count() < 300, "{err}");
    }

    #[test]
    fn ndjson_lines_are_records_checked_the_same_way() {
        let r = record(1, [3; 5], 5);
        let line = serde_json::to_string(&r).unwrap();
        assert_eq!(parse_ndjson_line(&line), Ok(r.clone()));
        assert_eq!(parse_ndjson_line(&format!("{line}\r")), Ok(r.clone()));
        assert_eq!(parse_ndjson_line("  "), Err(ImportError::Empty));
        assert!(matches!(
            parse_ndjson_line("{\"response_id\":"),
            Err(ImportError::NotJson { .. })
        ));
        let extra = line.replacen('{', "{\"name\":\"Ida\",", 1);
        assert!(matches!(
            parse_ndjson_line(&extra),
            Err(ImportError::Schema {
                problem: SchemaProblem::UnknownField { .. },
                ..
            })
        ));
        let mut bad = r.clone();
        bad.supersedes = Some(bad.response_id);
        let err = parse_ndjson_line(&serde_json::to_string(&bad).unwrap()).unwrap_err();
        assert_eq!(
            err,
            ImportError::Record {
                index: None,
                response_id: bad.response_id,
                problem: RecordProblem::SupersedesItself
            }
        );
        assert!(err.message(Lang::Da).starts_with("Posten (id "));
    }

    fn mutate(text: &str, edits: &[(usize, u8, u8)]) -> Vec<u8> {
        let mut bytes = text.as_bytes().to_vec();
        for &(at, op, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = at % bytes.len();
            match op % 4 {
                0 => bytes[at] = byte,
                1 => {
                    bytes.remove(at);
                }
                2 => bytes.insert(at, byte),
                _ => bytes.truncate(at),
            }
        }
        bytes
    }

    fn check_never_panics(bytes: &[u8]) -> Result<(), TestCaseError> {
        match parse_document(bytes, &Limits::default()) {
            Ok(doc) => {
                for r in &doc.records {
                    prop_assert_eq!(check_record(r), Ok(()));
                }
            }
            Err(e) => {
                for lang in Lang::ALL {
                    let m = e.message(lang);
                    prop_assert!(!m.is_empty() && m.chars().count() < 400, "{}", m);
                }
            }
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            let _ = parse_ndjson_line(text);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            check_never_panics(&bytes)?;
        }

        #[test]
        fn mutations_of_a_valid_document_never_panic(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
        ) {
            check_never_panics(&mutate(&valid(), &edits))?;
        }

        #[test]
        fn json_like_mutations_never_panic(
            edits in proptest::collection::vec(
                (any::<usize>(), 0u8..3, prop::sample::select(b"{}[]\",:0123456789-e.tn \\".to_vec())),
                1..8,
            ),
        ) {
            check_never_panics(&mutate(&valid(), &edits))?;
        }
    }
}
