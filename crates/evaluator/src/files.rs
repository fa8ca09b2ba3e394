//! Reading the files the evaluator picks or drops: the bytes from the
//! browser, then core's import check, each file on its own, so one bad file
//! is rejected whole and never hides the others. Nothing else is read: no
//! storage, no network.

use trivsel_core::{parse_document, ExportDocument, ImportError, Lang, Limits};

/// Why a file was not loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFailure {
    /// Core rejected the content (or its size, before it was read).
    Import(ImportError),
    /// The browser could not read the file (e.g. a folder was dropped, or
    /// the file was moved since it was picked).
    Unreadable,
}

impl ReadFailure {
    /// The reason as a sentence: core's message for a rejected file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadFailure::Import(e) => e.message(lang),
            ReadFailure::Unreadable => crate::i18n::messages(lang).unreadable.to_string(),
        }
    }
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

/// Reads and checks one file.
pub async fn read(file: &gloo_file::File) -> Result<ExportDocument, ReadFailure> {
    let limits = limits();
    check_size(file.size(), &limits)?;
    let bytes = gloo_file::futures::read_as_bytes(file)
        .await
        .map_err(|_| ReadFailure::Unreadable)?;
    parse_document(&bytes, &limits).map_err(ReadFailure::Import)
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
}
