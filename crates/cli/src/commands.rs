//! What each subcommand does, on top of the streaming reader and the small
//! merge state: files in, verdicts, a merged export or a report out.
//!
//! Every command reads its files in the order `inputs` lists them, skips a
//! bad file whole (saying why, in Danish unless `--lang en`), and keeps going,
//! so one broken tablet export never hides the others.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use indicatif::ProgressBar;
use trivsel_core::export::{ExportRecord, FORMAT, VERSION};
use trivsel_core::report::{render, Format};
use trivsel_core::{
    builtin, tr, Conflict, Date, InstrumentRef, Lang, ReportBuilder, ReportParams, Uuid,
};

use crate::candidates::{Candidates, Outcome, WithinFile};
use crate::generate::{self, Spec};
use crate::inputs::{self, Input};
use crate::progress::{self, Counted};
use crate::stream::{self, FileError};
use crate::Status;

/// A rejected file's line: "FEJL a.json: …" / "ERROR a.json: …".
fn failure(lang: Lang, path: &Path, e: &FileError) -> String {
    let word = tr!(lang, da: "FEJL", en: "ERROR");
    format!("{word} {}: {}", path.display(), e.message(lang))
}

/// The files under `paths`, and the paths that could not be listed.
fn list(paths: &[PathBuf]) -> (Vec<Input>, Vec<(PathBuf, FileError)>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    for path in paths {
        match inputs::collect(std::slice::from_ref(path)) {
            Ok(more) => found.extend(more),
            Err((path, e)) => bad.push((path, FileError::Io(e))),
        }
    }
    (found, bad)
}

fn total_len(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.len).sum()
}

/// Reads one file with the progress bar counting its bytes.
fn read_file(
    input: &Input,
    bar: &ProgressBar,
    each: impl FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<stream::Summary, FileError> {
    bar.set_message(input.path.display().to_string());
    stream::read(input, |file| Counted { inner: file, bar }, each)
}

/// `trivsel validate`: one line per file, exit 1 if any is bad.
pub fn validate(paths: &[PathBuf], lang: Lang, forced: bool) -> Status {
    let (inputs, missing) = list(paths);
    let mut status = Status::Ok;
    for (path, e) in &missing {
        println!("{}", failure(lang, path, e));
        status = Status::BadInput;
    }
    let bar = progress::bar(total_len(&inputs), forced);
    for input in &inputs {
        let mut within = WithinFile::default();
        let result = read_file(input, &bar, |r| within.add(&r));
        bar.suspend(|| match result {
            Ok(summary) => println!(
                "OK   {}  ({} {})",
                input.path.display(),
                summary.records,
                tr!(lang, da: "besvarelser", en: "records")
            ),
            Err(e) => {
                status = Status::BadInput;
                println!("{}", failure(lang, &input.path, &e));
            }
        });
    }
    bar.finish_and_clear();
    status
}

/// What one pass over the inputs found.
struct Gathered {
    candidates: Candidates,
    /// The good files, in reading order (their source numbers are indices).
    good: Vec<Input>,
    bad: usize,
    records: u64,
    instruments: Vec<InstrumentRef>,
}

/// Reads every file, commits the good ones to the merge state, reports the
/// bad ones on stderr.
fn gather(paths: &[PathBuf], lang: Lang, forced: bool) -> Gathered {
    let (inputs, missing) = list(paths);
    for (path, e) in &missing {
        eprintln!("{}", failure(lang, path, e));
    }
    // A compact record is about 450 bytes; a pretty-printed one more.
    let estimate = (total_len(&inputs) / 450).min(50_000_000) as usize;
    let mut g = Gathered {
        candidates: Candidates::with_capacity(estimate),
        good: Vec::new(),
        bad: missing.len(),
        records: 0,
        instruments: Vec::new(),
    };
    let mut used: BTreeSet<String> = BTreeSet::new();
    let bar = progress::bar(total_len(&inputs), forced);
    for input in inputs {
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mark = g.candidates.begin(g.good.len() as u32);
        let result = read_file(&input, &bar, |r| {
            for id in r.answers.keys() {
                if !ids.contains(id) {
                    ids.insert(id.clone());
                }
            }
            g.candidates.add(&r)
        });
        match result {
            Ok(summary) => {
                g.records += summary.records;
                for r in summary.header.instruments {
                    if !g.instruments.contains(&r) {
                        g.instruments.push(r);
                    }
                }
                used.extend(ids);
                g.good.push(input);
            }
            Err(e) => {
                g.candidates.rollback(mark);
                g.bad += 1;
                bar.suspend(|| {
                    eprintln!(
                        "{} {}",
                        failure(lang, &input.path, &e),
                        tr!(lang, da: "(filen er sprunget over)", en: "(the file is skipped)")
                    )
                });
            }
        }
    }
    bar.finish_and_clear();
    for id in used {
        if let Some(i) = builtin().get(&id) {
            let r = InstrumentRef {
                id: i.id.clone(),
                version: i.version,
            };
            if !g.instruments.iter().any(|x| x.id == r.id) {
                g.instruments.push(r);
            }
        }
    }
    g.instruments
        .sort_by(|a, b| (&a.id, a.version).cmp(&(&b.id, b.version)));
    g
}

/// Every file read and merged, and what the merge kept and dropped.
fn gather_and_resolve(paths: &[PathBuf], lang: Lang, forced: bool) -> (Gathered, Outcome) {
    let mut g = gather(paths, lang, forced);
    let o = g.candidates.resolve();
    (g, o)
}

/// The lines that say what the merge did (to `out`).
fn summary(g: &Gathered, o: &Outcome, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let files = g.good.len() + g.bad;
    let (records, bad) = (g.records, g.bad);
    let lines = [
        tr!(lang,
            da: format!("Læst: {files} filer, {records} besvarelser ({bad} filer afvist)"),
            en: format!("Read: {files} files, {records} records ({bad} files rejected)"),
        ),
        format!(
            "{} {}",
            tr!(lang, da: "Aktuelle besvarelser:", en: "Current records:"),
            o.current
        ),
        format!(
            "{} {}",
            tr!(lang,
                da: "Dubletter (samme id og indhold, talt én gang):",
                en: "Duplicates (same id and content, counted once):",
            ),
            o.duplicates
        ),
        format!(
            "{} {}",
            tr!(lang, da: "Erstattet af en rettelse:", en: "Superseded by a correction:"),
            o.superseded
        ),
        format!(
            "{} {}",
            tr!(lang,
                da: "Konflikter (samme id, forskelligt indhold; ingen af dem tæller med):",
                en: "Conflicts (same id, different content; neither counts):",
            ),
            o.conflicts.len()
        ),
    ];
    for line in lines {
        writeln!(out, "{line}")?;
    }
    for (id, sources) in &o.conflicts {
        let conflict = Conflict {
            response_id: *id,
            sources: sources
                .iter()
                .filter_map(|s| g.good.get(*s as usize))
                .map(|i| i.path.display().to_string())
                .collect(),
        };
        writeln!(out, "  {}", conflict.message(lang))?;
    }
    Ok(())
}

fn exit_for(g: &Gathered, o: &Outcome, allow_bad: bool) -> Status {
    if !allow_bad && (g.bad > 0 || !o.conflicts.is_empty()) {
        Status::BadInput
    } else {
        Status::Ok
    }
}

/// Today (UTC), for the `created` field of a merged export.
fn today() -> Date {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or(0);
    Date::from_unix_days(days).unwrap_or_else(|| Date::new(1970, 1, 1).expect("a date"))
}

/// Writes the current records of the good files, each once, in reading order.
fn write_merged(
    g: &mut Gathered,
    out: &mut dyn Write,
    ndjson: bool,
    forced: bool,
) -> Result<u64, (PathBuf, FileError)> {
    let io_err = |e: io::Error| (PathBuf::from("-"), FileError::Io(e));
    if !ndjson {
        let header = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "export_id": Uuid::from_random(g.candidates.fingerprint()),
            "created": today(),
            "instruments": g.instruments,
        });
        let header = serde_json::to_string(&header).map_err(|e| io_err(e.into()))?;
        out.write_all(&header.as_bytes()[..header.len() - 1])
            .and_then(|()| out.write_all(b",\"records\":["))
            .map_err(io_err)?;
    }
    let mut written = 0u64;
    let mut failure: Option<io::Error> = None;
    let bar = progress::bar(total_len(&g.good), forced);
    let candidates = &mut g.candidates;
    for input in &g.good {
        let result = read_file(input, &bar, |r| {
            if failure.is_some() {
                return Ok(());
            }
            if !candidates.take_current(r.response_id) {
                return Ok(());
            }
            let step = (|| -> io::Result<()> {
                if ndjson {
                    serde_json::to_writer(&mut *out, &r)?;
                    out.write_all(b"\n")
                } else {
                    out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
                    serde_json::to_writer(&mut *out, &r)?;
                    Ok(())
                }
            })();
            match step {
                Ok(()) => written += 1,
                Err(e) => failure = Some(e),
            }
            Ok(())
        });
        if let Some(e) = failure.take() {
            return Err(io_err(e));
        }
        // The file was good a moment ago: if it is not now, it changed.
        result.map_err(|e| (input.path.clone(), e))?;
    }
    bar.finish_and_clear();
    if !ndjson {
        out.write_all(b"\n]}\n").map_err(io_err)?;
    }
    out.flush().map_err(io_err)?;
    Ok(written)
}

/// `trivsel merge`: the current records of every good file, to one export.
pub fn merge(
    paths: &[PathBuf],
    output: &Path,
    ndjson: bool,
    allow_bad: bool,
    lang: Lang,
    forced: bool,
) -> Status {
    let (mut g, o) = gather_and_resolve(paths, lang, forced);
    let tmp = output.with_extension("trivsel-tmp");
    let result = File::create(&tmp)
        .map_err(|e| (tmp.clone(), FileError::Io(e)))
        .and_then(|file| {
            let mut out = BufWriter::new(file);
            write_merged(&mut g, &mut out, ndjson, forced)
        })
        .and_then(|n| {
            fs::rename(&tmp, output)
                .map(|()| n)
                .map_err(|e| (output.to_path_buf(), FileError::Io(e)))
        });
    match result {
        Ok(n) => {
            let _ = summary(&g, &o, lang, &mut io::stdout());
            println!(
                "{} {} {} {}",
                tr!(lang, da: "Skrevet:", en: "Written:"),
                n,
                tr!(lang, da: "besvarelser til", en: "records to"),
                output.display()
            );
            exit_for(&g, &o, allow_bad)
        }
        Err((path, e)) => {
            let _ = fs::remove_file(&tmp);
            eprintln!("{}", failure(lang, &path, &e));
            Status::BadInput
        }
    }
}

/// `trivsel report`: the report over the current records of the good files.
pub fn report(
    paths: &[PathBuf],
    params: ReportParams,
    format: Format,
    output: Option<&Path>,
    allow_bad: bool,
    lang: Lang,
    forced: bool,
) -> Status {
    let (g, o) = gather_and_resolve(paths, lang, forced);
    let mut builder = ReportBuilder::new(params);
    g.candidates.each_current(|e| builder.add_entry(e));
    let text = render(&builder.finish(), format, lang);
    let written = match output {
        Some(path) => fs::write(path, text.as_bytes()).map_err(|e| (path.to_path_buf(), e)),
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| (PathBuf::from("-"), e))
        }
    };
    let _ = summary(&g, &o, lang, &mut io::stderr());
    if let Err((path, e)) = written {
        eprintln!("{}", failure(lang, &path, &FileError::Io(e)));
        return Status::BadInput;
    }
    exit_for(&g, &o, allow_bad)
}

/// `trivsel schema`: the JSON Schema of the export format, to stdout.
pub fn schema() -> Status {
    let mut out = io::stdout().lock();
    match out
        .write_all(trivsel_core::schema::export_schema_pretty().as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => Status::Ok,
        Err(_) => Status::BadInput,
    }
}

/// `trivsel generate`: a synthetic export to `output`.
pub fn generate(spec: Spec, output: &Path, ndjson: bool, lang: Lang) -> Status {
    let result = File::create(output).and_then(|file| {
        let mut out = BufWriter::with_capacity(1 << 16, file);
        if ndjson {
            generate::write_ndjson(spec, &mut out)
        } else {
            generate::write_document(spec, &mut out)
        }
    });
    match result {
        Ok(()) => {
            eprintln!(
                "{} {} {} {} {} {}",
                tr!(lang, da: "Skrevet:", en: "Written:"),
                spec.responses,
                tr!(lang, da: "besvarelser fra", en: "responses from"),
                spec.participants.max(1).min(spec.responses.max(1)),
                tr!(lang, da: "deltagere til", en: "participants to"),
                output.display()
            );
            Status::Ok
        }
        Err(e) => {
            eprintln!("{}", failure(lang, output, &FileError::Io(e)));
            Status::BadInput
        }
    }
}
