//! Which files a command reads: the files named, and every `*.json` and
//! `*.ndjson` file under the directories named, and the same sealed to the
//! evaluator (`*.json.age`, `*.ndjson.age`).
//!
//! Evaluators collect exports into folders, one per municipality or tablet.
//! The order is fixed (each directory's files sorted by path), so two runs
//! over the same folder read the same files in the same order and print the
//! same output.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::stream::FileError;

/// How a file holds records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One export document (`*.json`).
    Document,
    /// One record per line (`*.ndjson`).
    Ndjson,
}

impl Kind {
    /// By extension, after an age file's `.age`: `.ndjson` (any case) is
    /// NDJSON, everything else a document, so a named file without the
    /// usual extension is still read.
    pub fn of(path: &Path) -> Kind {
        match extension(path).as_deref() {
            Some("ndjson") => Kind::Ndjson,
            _ => Kind::Document,
        }
    }
}

/// A file name's extension in lower case, under a last `.age` if it has one
/// (whether a file is an age file is told by its content when it is read).
fn extension(path: &Path) -> Option<String> {
    let lower = |p: &Path| Some(p.extension()?.to_str()?.to_ascii_lowercase());
    match lower(path) {
        Some(age) if age == "age" => lower(Path::new(path.file_stem()?)),
        other => other,
    }
}

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub kind: Kind,
    /// Its size in bytes when listed (for the progress bar).
    pub len: u64,
}

fn wanted(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("json" | "ndjson"))
}

/// The files under `paths`: a file as named (whatever its extension); a
/// directory walked recursively for `*.json` and `*.ndjson`, sorted, without
/// following symbolic links to directories. A path that does not exist or
/// cannot be listed is an error naming it.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, (PathBuf, io::Error)> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| (path.clone(), e))?;
        if meta.is_dir() {
            walk(path, &mut out).map_err(|e| (path.clone(), e))?;
        } else {
            out.push(Input {
                path: path.clone(),
                kind: Kind::of(path),
                len: meta.len(),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for path in entries {
        let meta = fs::symlink_metadata(&path)?;
        if meta.is_dir() {
            walk(&path, out)?;
        } else if wanted(&path) {
            let len = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            out.push(Input {
                kind: Kind::of(&path),
                path,
                len,
            });
        }
    }
    Ok(())
}

/// Opens `path` if it is a regular file, checked on the opened file (so a
/// path swapped for a pipe after it was listed is refused too). A device
/// such as `/dev/zero` or a pipe is never read: it may never end.
pub fn open_regular(path: &Path) -> Result<File, FileError> {
    // Asked before opening too: opening a pipe waits for a writer.
    if !fs::metadata(path).map_err(FileError::Io)?.is_file() {
        return Err(FileError::NotRegular);
    }
    let file = File::open(path).map_err(FileError::Io)?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        Ok(_) => Err(FileError::NotRegular),
        Err(e) => Err(FileError::Io(e)),
    }
}

/// The bytes of the regular file `path`, at most `max + 1` of them: the cap
/// applies to what is read, not to the size the file had when listed, and
/// more than `max` bytes says the file is too large.
pub fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, FileError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(FileError::Io)?;
    Ok(bytes)
}

/// A path as a terminal may print it: every control or invisible character
/// as its escape (`\u{A}`, `\u{1B}`), so a file name cannot end a line,
/// forge the next one or colour it.
pub fn shown(path: &Path) -> String {
    trivsel_core::messages::visible(&path.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(Kind::of(Path::new("a/b.ndjson")), Kind::Ndjson);
        assert_eq!(Kind::of(Path::new("a/b.NDJSON")), Kind::Ndjson);
        assert_eq!(Kind::of(Path::new("a/b.json")), Kind::Document);
        assert_eq!(Kind::of(Path::new("a/b")), Kind::Document);
        assert_eq!(Kind::of(Path::new("a/b.ndjson.age")), Kind::Ndjson);
        assert_eq!(Kind::of(Path::new("a/b.json.AGE")), Kind::Document);
        assert!(wanted(Path::new("x.JSON")) && !wanted(Path::new("x.csv")));
        assert!(wanted(Path::new("x.json.age")) && wanted(Path::new("x.ndjson.age")));
        assert!(!wanted(Path::new("x.csv.age")) && !wanted(Path::new("x.age")));
    }

    #[test]
    fn directories_are_walked_sorted_and_missing_paths_named() {
        let dir = std::env::temp_dir().join(format!("trivsel-inputs-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        for f in [
            "b.json",
            "a.ndjson",
            "notes.txt",
            "sub/c.json",
            "d.csv.age",
            "e.json.age",
        ] {
            fs::write(dir.join(f), "{}").unwrap();
        }
        let found = collect(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|i| {
                i.path
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.ndjson", "b.json", "e.json.age", "sub/c.json"]);
        assert_eq!(found[0].kind, Kind::Ndjson);
        let missing = dir.join("nope.json");
        assert_eq!(
            collect(std::slice::from_ref(&missing)).unwrap_err().0,
            missing
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
