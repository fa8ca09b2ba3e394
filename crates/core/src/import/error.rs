//! Why a file is rejected, and how that is said: [`ImportError`] and
//! [`SchemaProblem`], each variant's Danish and English side by side.
//!
//! Every message is plain text (show it as text, never as markup), names
//! where in the file the problem is, and repeats at most [`MAX_ECHO`](crate::messages::MAX_ECHO)
//! characters of any value from the file.

use std::fmt;

use crate::catalogue::CatalogueError;
use crate::export::VERSION;
use crate::lang::{decimal, Lang};
use crate::merge::Cycle;
use crate::record::RecordError;
use crate::uuid::{Uuid, UuidError};

use super::MIB;

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
    /// `found` is the value as written (cut to [`MAX_ECHO`](crate::messages::MAX_ECHO)).
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
    /// A definition the file carries is not coherent, or differs from the
    /// one already known under its id and version.
    Definition(CatalogueError),
    /// A record is impossible. `index` counts from 0 (`records[index]`) and
    /// is `None` for an NDJSON line, whose number the caller knows.
    Record {
        index: Option<usize>,
        response_id: Uuid,
        problem: RecordError,
    },
    /// One response id twice in the file with different content (indices
    /// from 0).
    DuplicateId {
        id: Uuid,
        first: usize,
        second: usize,
    },
    /// Records of the file correct one another in a ring.
    CorrectionCycle(Cycle),
    /// The file's export id is that of another file read before (`other`,
    /// its name cut), whose content differs: an export is written once, so
    /// one of the two was changed since.
    SameExportId { export_id: Uuid, other: String },
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
    /// A value its own check refused (a participant code or a site name not
    /// as trivsel writes them), with the check's reason in each language.
    Refused { da: String, en: String },
}

impl ImportError {
    /// The reason as a sentence in `lang`. Plain text: show it as text.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => tr!(lang, da: "Filen er tom.".into(), en: "The file is empty.".into()),
            Self::TooLarge { bytes, max } => {
                let (size, max) = (megabytes(*bytes, lang), megabytes(*max, lang));
                tr!(lang,
                    da: format!("Filen er for stor ({size} MB; højst {max} MB)."),
                    en: format!("The file is too large ({size} MB; at most {max} MB)."),
                )
            }
            Self::NotUtf8 { offset } => tr!(lang,
                da: format!("Filen er ikke tekst i UTF-8 (ugyldig byte ved position {offset})."),
                en: format!("The file is not UTF-8 text (invalid byte at position {offset})."),
            ),
            Self::NotJson { line, column } => tr!(lang,
                da: format!("Filen er ikke gyldig JSON (linje {line}, kolonne {column})."),
                en: format!("The file is not valid JSON (line {line}, column {column})."),
            ),
            Self::TooDeep => tr!(lang,
                da: "Filen er ikke en trivsel-eksport: dens JSON er indlejret mere end 128 niveauer.".into(),
                en: "The file is not a trivsel export: its JSON is nested more than 128 levels deep.".into(),
            ),
            Self::UnknownFormat => tr!(lang,
                da: "Filen er ikke en trivsel-eksport.".into(),
                en: "The file is not a trivsel export.".into(),
            ),
            Self::UnsupportedVersion { found } => {
                let readable = readable_versions();
                tr!(lang,
                    da: format!("Eksportformatets version {found} kendes ikke; denne version af trivsel læser version {readable}."),
                    en: format!("Unknown export format version {found}; this version of trivsel reads version {readable}."),
                )
            }
            Self::Schema { path, problem } => {
                let problem = problem.message(path, lang);
                tr!(lang,
                    da: format!("Filen følger ikke eksportformatet: {problem}"),
                    en: format!("The file does not follow the export format: {problem}"),
                )
            }
            Self::UnknownInstrument { id, version } => unknown_instrument(id, *version, lang),
            Self::InstrumentVersion {
                id,
                listed,
                current,
            } => tr!(lang,
                da: format!("Filen bruger skemaet «{id}» i version {listed}, men denne udgave af trivsel har version {current}."),
                en: format!("The file uses the questionnaire «{id}» in version {listed}, but this release of trivsel has version {current}."),
            ),
            Self::InstrumentNotListed { id } => tr!(lang,
                da: format!("Skemaet «{id}» er besvaret i filen, men står ikke på filens liste over skemaer."),
                en: format!("The questionnaire «{id}» is answered in the file but missing from its list of questionnaires."),
            ),
            Self::Definition(e) => definition_message(e, lang),
            Self::Record {
                index,
                response_id,
                problem,
            } => format!(
                "{} (id {response_id}): {}",
                record_name(*index, lang),
                problem.message(lang)
            ),
            Self::CorrectionCycle(cycle) => cycle.message(lang),
            Self::SameExportId { export_id, other } => same_export(*export_id, other, lang),
            Self::DuplicateId { id, first, second } => {
                let (first, second) = (first + 1, second + 1);
                tr!(lang,
                    da: format!("Id'et {id} står to gange i filen (post {first} og {second}) med forskelligt indhold."),
                    en: format!("The id {id} occurs twice in the file (records {first} and {second}) with different content."),
                )
            }
        }
    }
}

/// A file that uses a questionnaire this build does not know.
fn unknown_instrument(id: &str, version: u32, lang: Lang) -> String {
    tr!(lang,
        da: format!("Filen bruger skemaet «{id}» (version {version}), som denne udgave af trivsel ikke kender."),
        en: format!("The file uses the questionnaire «{id}» (version {version}), which this release of trivsel does not know."),
    )
}

/// Why a file with an earlier file's export id is refused.
fn same_export(export_id: Uuid, other: &str, lang: Lang) -> String {
    tr!(lang,
        da: format!("Filen har samme eksport-id ({export_id}) som «{other}», men et andet indhold: en eksport skrives én gang, så en af de to filer er ændret siden."),
        en: format!("The file has the export id ({export_id}) of «{other}», but other content: an export is written once, so one of the two files was changed since."),
    )
}

/// Why a definition the file carries cannot be used.
fn definition_message(e: &CatalogueError, lang: Lang) -> String {
    let problem = e.message(lang);
    tr!(lang,
        da: format!("Filens skemadefinition kan ikke bruges: {problem}"),
        en: format!("A questionnaire definition in the file cannot be used: {problem}"),
    )
}

/// "Post 4" for `records[3]`; "Posten" for an NDJSON line, whose number
/// the caller says.
fn record_name(index: Option<usize>, lang: Lang) -> String {
    match index {
        Some(i) => {
            let n = i + 1;
            tr!(lang, da: format!("Post {n}"), en: format!("Record {n}"))
        }
        None => tr!(lang, da: "Posten".into(), en: "The record".into()),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

impl SchemaProblem {
    /// The problem at `path` as a clause in `lang` (it follows "Filen følger
    /// ikke eksportformatet: "). serde says what it found only in English;
    /// the Danish names the JSON types and what the field should hold.
    fn message(&self, path: &str, lang: Lang) -> String {
        let at = if path.is_empty() {
            tr!(lang, da: "dokumentet".to_string(), en: "the document".to_string())
        } else {
            format!("«{path}»")
        };
        match self {
            Self::UnknownField { .. } => tr!(lang,
                da: format!("feltet {at} hører ikke til formatet."),
                en: format!("the field {at} is not part of the format."),
            ),
            Self::MissingField { field } => tr!(lang,
                da: format!("feltet «{field}» mangler i {at}."),
                en: format!("the field «{field}» is missing from {at}."),
            ),
            Self::DuplicateField { field } => tr!(lang,
                da: format!("feltet «{field}» står to gange i {at}."),
                en: format!("the field «{field}» occurs twice in {at}."),
            ),
            Self::WrongType { found, expected } => tr!(lang,
                da: format!("{at} skal være {}, men er {}.", kind_da(expected), kind_da(found)),
                en: format!("{at} must be {expected}, but is {found}."),
            ),
            Self::UnknownValue { value } => tr!(lang,
                da: format!("{at} har værdien «{value}», som ikke er tilladt."),
                en: format!("{at} has the value «{value}», which is not allowed."),
            ),
            Self::NumberOutOfRange => tr!(lang,
                da: format!("tallet i {at} er alt for stort."),
                en: format!("the number in {at} is far too large."),
            ),
            Self::Refused { da, en } => tr!(lang,
                da: format!("{at} er ugyldig: {da}"),
                en: format!("{at} is invalid: {en}"),
            ),
            Self::InvalidValue { detail } => tr!(lang,
                da: format!("{at} er ugyldig: {}", hint_da(path)),
                en: format!("{at} is invalid: {detail}"),
            ),
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
            return format!("{}.", UuidError::clause(Lang::Da))
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
