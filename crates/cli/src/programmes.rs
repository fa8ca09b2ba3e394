//! Programme files among a command's inputs: a programme brings the
//! definitions of questionnaires trivsel does not ship (and its batteries),
//! so that exports of them, NDJSON above all, which carries no definitions,
//! can be checked and reported.
//!
//! A `.json` input is a programme file when its `format` says so. Every
//! programme file is read before any export, in the order given, each
//! against the catalogue the earlier ones built, so a folder holding a
//! programme beside its exports reads the same whatever the file names.

use trivsel_core::programme::{self, Programme};
use trivsel_core::{is_programme as claims, parse_programme, tr, Catalogue, Lang};

use crate::inputs::{read_capped, Input, Kind};
use crate::stream::FileError;

/// Whether `input` is a programme file: a document no larger than a
/// programme file may be whose top-level `format` is the programme format.
pub fn is_programme(input: &Input) -> bool {
    if input.kind != Kind::Document || input.len > programme::MAX_BYTES as u64 {
        return false;
    }
    let max = programme::MAX_BYTES;
    read_capped(&input.path, max).is_ok_and(|bytes| bytes.len() <= max && claims(&bytes))
}

/// Reads and checks one programme file against `catalogue`.
pub fn read(input: &Input, catalogue: &Catalogue) -> Result<Programme, FileError> {
    // More than the cap is read as "too large" by core.
    let bytes = read_capped(&input.path, programme::MAX_BYTES)?;
    parse_programme(&bytes, catalogue).map_err(FileError::Programme)
}

/// The catalogue exports are read against, to start with: the shipped one
/// with every good programme file among `inputs` joined in order; and for
/// each input, what it is: `None` for an export, a programme file's
/// reading otherwise.
pub fn prepare(inputs: &[Input]) -> (Catalogue, Vec<Option<Result<Programme, FileError>>>) {
    let mut catalogue = Catalogue::shipped().clone();
    let read = inputs
        .iter()
        .map(|input| {
            if !is_programme(input) {
                return None;
            }
            let result = read(input, &catalogue).and_then(|p| {
                catalogue = p.join(catalogue.clone()).map_err(FileError::Programme)?;
                Ok(p)
            });
            Some(result)
        })
        .collect();
    (catalogue, read)
}

/// What a good programme file holds, for `validate`'s line: "programfil
/// «Navn» version 2: 1 skema, 1 batteri".
pub fn describe(p: &Programme, lang: Lang) -> String {
    let name = p.programme.name.get(lang);
    let version = p.programme.version;
    let (i, b) = (p.instruments.len(), p.batteries.len());
    tr!(lang,
        da: format!(
            "programfil «{name}» version {version}: {i} {}, {b} {}",
            if i == 1 { "skema" } else { "skemaer" },
            if b == 1 { "batteri" } else { "batterier" },
        ),
        en: format!(
            "programme file «{name}» version {version}: {i} {}, {b} {}",
            if i == 1 { "questionnaire" } else { "questionnaires" },
            if b == 1 { "battery" } else { "batteries" },
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::{Path, PathBuf};

    fn input(path: PathBuf) -> Input {
        let len = fs::metadata(&path).unwrap().len();
        Input {
            kind: Kind::of(&path),
            path,
            len,
        }
    }

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
    }

    #[test]
    fn programme_files_are_told_from_exports_and_join_the_catalogue() {
        let worry = input(fixtures().join("programme/worry.json"));
        let export = input(fixtures().join("export/v1-tablet-a.json"));
        let not_json = input(fixtures().join("hostile/not-json.txt"));
        assert!(is_programme(&worry));
        assert!(!is_programme(&export));
        assert!(!is_programme(&not_json));
        let (catalogue, read) = prepare(&[export, worry.clone()]);
        assert!(read[0].is_none());
        let p = read[1].as_ref().unwrap().as_ref().unwrap();
        assert!(catalogue.get("worry", 1).is_some());
        assert!(Catalogue::shipped().get("worry", 1).is_none());
        assert_eq!(
            describe(p, Lang::Da),
            "programfil «Bekymringsprogram (test)» version 1: 1 skema, 1 batteri"
        );
        // The same programme twice: the second battery replaces the first,
        // the instrument is the same: both are good.
        let (_, read) = prepare(&[worry.clone(), worry]);
        assert!(read.iter().all(|r| matches!(r, Some(Ok(_)))));
    }
}
