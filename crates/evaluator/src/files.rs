//! Reading the files the evaluator picks or drops: the bytes from the
//! browser, then core's checks, each file on its own, so one bad file is
//! rejected whole and never hides the others. A file is an export (core's
//! `parse_document`) or a programme file (core's `parse_programme`), told
//! apart by its `format`; either is checked against the page's running
//! catalogue (see `state`). An age file (an export sealed to the evaluator)
//! is first opened with the evaluator's identity (core's `sealed::open`),
//! in memory, with core's reason when it cannot be. Nothing else is read:
//! no storage, no network.

use std::collections::BTreeSet;
use std::fmt;
use std::rc::Rc;

use trivsel_core::programme::{self, Programme};
use trivsel_core::sealed::{self, Identity, OpenError};
use trivsel_core::{
    is_programme, parse_document, parse_programme, Catalogue, ExportDocument, ImportError,
    InstrumentRef, Lang, Limits, ProgrammeError,
};

/// Why a file was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFailure {
    /// Core rejected the export (or its size, before it was read).
    Import(ImportError),
    /// Core rejected the programme file.
    Programme(ProgrammeError),
    /// An age file that could not be opened: the wrong identity,
    /// truncated, changed, a passphrase file.
    Sealed(OpenError),
    /// An age file added while no identity is open: kept, and opened once
    /// the evaluator opens their key file.
    Locked(Locked),
    /// The browser could not read the file (e.g. a folder was dropped, or
    /// the file was moved since it was picked).
    Unreadable,
}

impl ReadFailure {
    /// The reason as a sentence: core's message for a rejected file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadFailure::Import(e) => e.message(lang),
            ReadFailure::Programme(e) => e.message(lang),
            ReadFailure::Sealed(e) => e.message(lang),
            ReadFailure::Locked(_) => OpenError::NoIdentity.message(lang),
            ReadFailure::Unreadable => crate::i18n::messages(lang).unreadable.to_string(),
        }
    }
}

/// An age file's bytes, waiting for the evaluator's identity. Compared by
/// identity, not by content: the page compares statuses on every render.
#[derive(Clone)]
pub struct Locked(pub Rc<Vec<u8>>);

impl PartialEq for Locked {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Locked {}

impl fmt::Debug for Locked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Locked({} bytes)", self.0.len())
    }
}

/// An accepted export, and the instruments its records asked.
#[derive(Debug, PartialEq)]
pub struct Export {
    pub doc: ExportDocument,
    /// Each instrument some record asked, once, sorted.
    pub asked: Vec<InstrumentRef>,
    /// Of its content, to refuse another file with its export id and other
    /// content (core's `ExportIds`).
    pub digest: u64,
}

impl Export {
    pub fn new(doc: ExportDocument) -> Export {
        let asked: BTreeSet<&InstrumentRef> =
            doc.records.iter().flat_map(|r| &r.instruments).collect();
        let asked = asked.into_iter().cloned().collect();
        let digest = trivsel_core::merge::digest(&doc);
        Export { doc, asked, digest }
    }
}

/// What an accepted file is.
#[derive(Debug, PartialEq)]
pub enum Opened {
    Export(Export),
    Programme(Programme),
}

/// What the page accepts: core's defaults (64 MiB a file).
pub fn limits() -> Limits {
    Limits::default()
}

/// A file larger than the limit is rejected by its size, before a byte is
/// read into memory.
pub fn check_size(size: u64, limits: &Limits) -> Result<(), ReadFailure> {
    let bytes = usize::try_from(size).unwrap_or(usize::MAX);
    if bytes > limits.max_bytes {
        return Err(ReadFailure::Import(ImportError::TooLarge {
            bytes,
            max: limits.max_bytes,
        }));
    }
    Ok(())
}

/// Reads one file's bytes.
pub async fn read(file: &gloo_file::File) -> Result<Vec<u8>, ReadFailure> {
    check_size(file.size(), &limits())?;
    gloo_file::futures::read_as_bytes(file)
        .await
        .map_err(|_| ReadFailure::Unreadable)
}

/// Checks one file's bytes against `catalogue`: an age file is opened with
/// `identity` first; then a programme file (no larger than one may be, with
/// the programme format) as a programme, anything else as an export.
pub fn open(
    bytes: &[u8],
    catalogue: &Catalogue,
    identity: Option<&Identity>,
) -> Result<Opened, ReadFailure> {
    if sealed::is_age_file(bytes) {
        let plain = sealed::open(bytes, identity).map_err(ReadFailure::Sealed)?;
        return open_plain(&plain, catalogue);
    }
    open_plain(bytes, catalogue)
}

/// [`open`], keeping an age file's bytes when no identity is open yet.
pub fn open_or_keep(
    bytes: Vec<u8>,
    catalogue: &Catalogue,
    identity: Option<&Identity>,
) -> Result<Opened, ReadFailure> {
    match open(&bytes, catalogue, identity) {
        Err(ReadFailure::Sealed(OpenError::NoIdentity)) => {
            Err(ReadFailure::Locked(Locked(Rc::new(bytes))))
        }
        other => other,
    }
}

fn open_plain(bytes: &[u8], catalogue: &Catalogue) -> Result<Opened, ReadFailure> {
    if bytes.len() <= programme::MAX_BYTES && is_programme(bytes) {
        return parse_programme(bytes, catalogue)
            .map(Opened::Programme)
            .map_err(ReadFailure::Programme);
    }
    parse_document(bytes, &limits(), catalogue)
        .map(|doc| Opened::Export(Export::new(doc)))
        .map_err(ReadFailure::Import)
}

/// The files chosen in a file input. The input is emptied afterwards, so
/// choosing the same file again is a new choice.
pub fn from_input(input: &web_sys::HtmlInputElement) -> Vec<gloo_file::File> {
    let files = input
        .files()
        .map(|list| gloo_file::FileList::from(list).to_vec())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// The files dropped with a drag-and-drop event (none for dropped text).
pub fn from_drop(event: &web_sys::DragEvent) -> Vec<gloo_file::File> {
    event
        .data_transfer()
        .and_then(|dt| dt.files())
        .map(|list| gloo_file::FileList::from(list).to_vec())
        .unwrap_or_default()
}

/// Whether a drag carries files (and not, say, selected text).
pub fn drags_files(event: &web_sys::DragEvent) -> bool {
    event
        .data_transfer()
        .map(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(rel: &str) -> Vec<u8> {
        let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(path).expect("fixture")
    }

    #[test]
    fn a_file_over_the_limit_is_rejected_by_its_size() {
        let limits = Limits { max_bytes: 100 };
        assert_eq!(check_size(100, &limits), Ok(()));
        let err = check_size(101, &limits).unwrap_err();
        assert_eq!(
            err,
            ReadFailure::Import(ImportError::TooLarge {
                bytes: 101,
                max: 100
            })
        );
        assert!(err.message(Lang::Da).starts_with("Filen er for stor"));
        assert!(check_size(u64::MAX, &Limits::default()).is_err());
    }

    #[test]
    fn exports_and_programme_files_each_go_to_their_reader() {
        let shipped = Catalogue::shipped();
        let Ok(Opened::Export(e)) = open(&fixture("export/v1-tablet-a.json"), shipped, None) else {
            panic!("an export");
        };
        let ids: Vec<&str> = e.asked.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["cantril", "who5"]);
        let Ok(Opened::Programme(p)) = open(&fixture("programme/worry.json"), shipped, None) else {
            panic!("a programme");
        };
        assert_eq!(p.programme.id, "worry_test");
        // A programme file core refuses is named as one.
        let mut bad: serde_json::Value =
            serde_json::from_slice(&fixture("programme/worry.json")).unwrap();
        bad["batteries"] = serde_json::json!([]);
        let err = open(&serde_json::to_vec(&bad).unwrap(), shipped, None).unwrap_err();
        assert_eq!(err, ReadFailure::Programme(ProgrammeError::NoBatteries));
        assert_eq!(err.message(Lang::Da), "Programfilen har ingen batterier.");
        // Anything else is an export, with core's reason.
        assert_eq!(
            open(b"{\"format\":\"x\"}", shipped, None),
            Err(ReadFailure::Import(ImportError::UnknownFormat))
        );
    }

    #[test]
    fn an_age_file_is_opened_with_the_identity_or_told_why_not() {
        let shipped = Catalogue::shipped();
        let plain = fixture("export/v1-tablet-a.json");
        let evaluator = Identity::generate();
        let sealed = sealed::seal(&plain, &evaluator.recipient()).unwrap();
        let Ok(Opened::Export(e)) = open(&sealed, shipped, Some(&evaluator)) else {
            panic!("the export inside");
        };
        assert!(!e.doc.records.is_empty());
        let reason = |bytes: &[u8], id: Option<&Identity>| match open(bytes, shipped, id) {
            Err(ReadFailure::Sealed(e)) => e,
            other => panic!("a sealed failure, got {other:?}"),
        };
        assert_eq!(reason(&sealed, None), OpenError::NoIdentity);
        let other = Identity::generate();
        assert!(matches!(
            reason(&sealed, Some(&other)),
            OpenError::WrongKey { .. }
        ));
        let cut = reason(&sealed[..sealed.len() - 20], Some(&evaluator));
        assert!(matches!(cut, OpenError::Truncated | OpenError::Damaged));
        let failure = ReadFailure::Sealed(cut);
        assert!(failure.message(Lang::Da).contains("Bed om filen igen"));
        assert!(failure.message(Lang::En).contains("Ask for the file again"));
    }
}
