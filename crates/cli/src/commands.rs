//! What each subcommand does, on top of the streaming reader and the small
//! merge state: files in, verdicts, a merged export or a report out.
//!
//! Every command keeps one running catalogue: the shipped definitions, those
//! of the programme files among its inputs (read first, see `programmes`),
//! and those of every good export read so far. Each export is read against
//! it, and its own definitions join it once the file is good, so a later
//! file (an NDJSON file above all) may answer an instrument an earlier one
//! defined, and no two files may define one id and version differently.
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
use trivsel_core::export::ExportRecord;
use trivsel_core::merge::ExportIds;
use trivsel_core::report::{render, settings, Format, ReportParamsError};
use trivsel_core::sealed::Identity;
use trivsel_core::{
    tr, Catalogue, Conflict, Date, ImportError, Instrument, Lang, ReportBuilder, ReportParams, Uuid,
};

use crate::candidates::{Candidates, Outcome, WithinFile};
use crate::generate::{self, Spec};
use crate::inputs::{self, shown, Input};
use crate::progress::{self, Counted};
use crate::stream::{self, FileError, Summary};
use crate::write::{ndjson_line, DocumentWriter};
use crate::{programmes, Status};

/// A rejected file's line: "FEJL a.json: …" / "ERROR a.json: …".
fn failure(lang: Lang, path: &Path, e: &FileError) -> String {
    let word = tr!(lang, da: "FEJL", en: "ERROR");
    format!("{word} {}: {}", shown(path), e.message(lang))
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

fn total_len<'i>(inputs: impl IntoIterator<Item = &'i Input>) -> u64 {
    inputs.into_iter().map(|i| i.len).sum()
}

/// How a command reads its inputs: the progress bar even off a terminal
/// (`--progress`), and the evaluator's identity that opens age files (`-i`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Reading<'a> {
    pub progress: bool,
    pub identity: Option<&'a Identity>,
}

/// Reads one export with the progress bar counting its (file's) bytes.
fn read_file(
    input: &Input,
    catalogue: &Catalogue,
    bar: &ProgressBar,
    reading: Reading,
    each: impl FnMut(ExportRecord) -> Result<(), FileError>,
) -> Result<Summary, FileError> {
    bar.set_message(shown(&input.path));
    let wrap = |file| Counted { inner: file, bar };
    stream::read(input, catalogue, reading.identity, wrap, each)
}

/// Adds a good file's definitions to the running catalogue. They were
/// checked against it when the file was read, so each one joins (or is
/// already there under its id and version).
fn join(catalogue: &mut Catalogue, definitions: Vec<Instrument>) {
    for def in definitions {
        let _ = catalogue.add_instrument(def);
    }
}

/// The summary of a good file, unless an earlier file had its export id
/// with other content.
fn same_export(ids: &mut ExportIds, input: &Input, s: Summary) -> Result<Summary, FileError> {
    if let Some((id, digest)) = s.export {
        ids.check(&shown(&input.path), id, digest)?;
    }
    Ok(s)
}

/// `trivsel validate`: one line per file, exit 1 if any is bad.
pub fn validate(paths: &[PathBuf], lang: Lang, reading: Reading) -> Status {
    let (inputs, missing) = list(paths);
    let mut status = Status::Ok;
    for (path, e) in &missing {
        println!("{}", failure(lang, path, e));
        status = Status::BadInput;
    }
    let (mut catalogue, kinds) = programmes::prepare(&inputs);
    let mut ids = ExportIds::default();
    let exports = inputs.iter().zip(&kinds).filter(|(_, k)| k.is_none());
    let bar = progress::bar(total_len(exports.map(|(i, _)| i)), reading.progress);
    for (input, kind) in inputs.iter().zip(kinds) {
        let line = match kind {
            Some(Ok(p)) => Ok(programmes::describe(&p, lang)),
            Some(Err(e)) => Err(e),
            None => {
                let mut within = WithinFile::default();
                let read = read_file(input, &catalogue, &bar, reading, |r| within.add(&r));
                read.and_then(|s| same_export(&mut ids, input, s))
                    .map(|summary| {
                        join(&mut catalogue, summary.definitions);
                        format!(
                            "{} {}",
                            summary.records,
                            tr!(lang, da: "besvarelser", en: "records")
                        )
                    })
            }
        };
        bar.suspend(|| match line {
            Ok(what) => println!("OK   {}  ({what})", shown(&input.path)),
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
    /// The good exports, in reading order (their source numbers are indices).
    good: Vec<Input>,
    /// Every file read or named: exports, programme files, missing paths.
    files: usize,
    programmes: usize,
    bad: usize,
    records: u64,
    /// The running catalogue once every file is read.
    catalogue: Catalogue,
    /// The export ids of the good files.
    ids: ExportIds,
}

/// Reads every file, commits the good exports to the merge state, reports
/// the bad files on stderr.
fn gather(paths: &[PathBuf], lang: Lang, reading: Reading) -> Gathered {
    let (inputs, missing) = list(paths);
    let skipped = tr!(lang, da: "(filen er sprunget over)", en: "(the file is skipped)");
    for (path, e) in &missing {
        eprintln!("{} {skipped}", failure(lang, path, e));
    }
    let (catalogue, kinds) = programmes::prepare(&inputs);
    // A compact record is about 450 bytes; a pretty-printed one more.
    let estimate = (total_len(&inputs) / 450).min(50_000_000) as usize;
    let mut g = Gathered {
        candidates: Candidates::with_capacity(estimate),
        good: Vec::new(),
        files: inputs.len() + missing.len(),
        programmes: 0,
        bad: missing.len(),
        records: 0,
        catalogue,
        ids: ExportIds::default(),
    };
    let exports: Vec<&Input> = inputs
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| k.is_none())
        .map(|(i, _)| i)
        .collect();
    let bar = progress::bar(total_len(exports.iter().copied()), reading.progress);
    for (input, kind) in inputs.into_iter().zip(kinds) {
        let result = match kind {
            Some(programme) => programme.map(|_| g.programmes += 1),
            None => {
                let mark = g.candidates.begin(g.good.len() as u32);
                let candidates = &mut g.candidates;
                let read = read_file(&input, &g.catalogue, &bar, reading, |r| candidates.add(&r));
                match read.and_then(|s| same_export(&mut g.ids, &input, s)) {
                    Ok(summary) => {
                        g.records += summary.records;
                        join(&mut g.catalogue, summary.definitions);
                        g.good.push(input.clone());
                        Ok(())
                    }
                    Err(e) => {
                        g.candidates.rollback(mark);
                        Err(e)
                    }
                }
            }
        };
        if let Err(e) = result {
            g.bad += 1;
            bar.suspend(|| eprintln!("{} {skipped}", failure(lang, &input.path, &e)));
        }
    }
    bar.finish_and_clear();
    g
}

/// The lines that say what the merge did (to `out`).
fn summary(g: &Gathered, o: &Outcome, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let (files, records, bad) = (g.files, g.records, g.bad);
    let mut lines = vec![tr!(lang,
        da: format!("Læst: {files} filer, {records} besvarelser ({bad} filer afvist)"),
        en: format!("Read: {files} files, {records} records ({bad} files rejected)"),
    )];
    if g.programmes > 0 {
        lines.push(format!(
            "{} {}",
            tr!(lang, da: "Programfiler:", en: "Programme files:"),
            g.programmes
        ));
    }
    lines.extend([
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
    ]);
    for line in lines {
        writeln!(out, "{line}")?;
    }
    for (id, sources) in &o.conflicts {
        let conflict = Conflict {
            response_id: *id,
            sources: sources
                .iter()
                .filter_map(|s| g.good.get(*s as usize))
                .map(|i| shown(&i.path))
                .collect(),
        };
        writeln!(out, "  {}", conflict.message(lang))?;
    }
    for cycle in &o.cycles {
        writeln!(out, "  {}", cycle.message(lang))?;
    }
    Ok(())
}

fn exit_for(g: &Gathered, o: &Outcome, allow_bad: bool) -> Status {
    if !allow_bad && (g.bad > 0 || !o.conflicts.is_empty() || !o.cycles.is_empty()) {
        Status::BadInput
    } else {
        Status::Ok
    }
}

/// Today (UTC), for the `created` field of a merged export.
fn today() -> Date {
    now_utc().0
}

/// Now, in UTC: the day, and the seconds since its midnight.
pub(crate) fn now_utc() -> (Date, u64) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let day = Date::from_unix_days((secs / 86_400) as i64)
        .unwrap_or_else(|| Date::new(1970, 1, 1).expect("a date"));
    (day, secs % 86_400)
}

/// The definitions of the instruments the current records answered, in
/// catalogue order.
fn used_definitions(g: &Gathered) -> Vec<&Instrument> {
    let used: BTreeSet<_> = g.candidates.current_instruments().into_iter().collect();
    g.catalogue
        .instruments()
        .iter()
        .filter(|i| used.contains(&i.reference()))
        .collect()
}

/// Where merged records go.
enum Sink<'o> {
    Document(DocumentWriter<&'o mut dyn Write>),
    Ndjson(&'o mut dyn Write),
}

/// Writes the current records of the good files, each once, in reading
/// order: an export document of the current format carrying the definitions
/// they use, or NDJSON.
fn write_merged(
    g: &mut Gathered,
    out: &mut dyn Write,
    ndjson: bool,
    reading: Reading,
) -> Result<u64, (PathBuf, FileError)> {
    let io_err = |e: io::Error| (PathBuf::from("-"), FileError::Io(e));
    let mut sink = match ndjson {
        true => Sink::Ndjson(out),
        false => {
            let export_id = Uuid::from_random(g.candidates.fingerprint());
            let definitions = used_definitions(g);
            Sink::Document(
                DocumentWriter::begin(out, export_id, today(), &definitions).map_err(io_err)?,
            )
        }
    };
    let mut written = 0u64;
    let mut failure: Option<io::Error> = None;
    let bar = progress::bar(total_len(&g.good), reading.progress);
    let candidates = &mut g.candidates;
    for input in &g.good {
        let result = read_file(input, &g.catalogue, &bar, reading, |r| {
            if failure.is_some() {
                return Ok(());
            }
            if !candidates.take_current(r.response_id) {
                return Ok(());
            }
            let step = match &mut sink {
                Sink::Document(doc) => doc.record(&r),
                Sink::Ndjson(out) => ndjson_line(out, &r),
            };
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
    match sink {
        Sink::Document(doc) => doc.finish().map(|_| ()),
        Sink::Ndjson(out) => out.flush(),
    }
    .map_err(io_err)?;
    Ok(written)
}

/// `trivsel merge`: the current records of every good file, to one export.
pub fn merge(
    paths: &[PathBuf],
    output: &Path,
    ndjson: bool,
    allow_bad: bool,
    lang: Lang,
    reading: Reading,
) -> Status {
    let mut g = gather(paths, lang, reading);
    let o = g.candidates.resolve();
    let tmp = output.with_extension("trivsel-tmp");
    let result = File::create(&tmp)
        .map_err(|e| (tmp.clone(), FileError::Io(e)))
        .and_then(|file| {
            let mut out = BufWriter::new(file);
            write_merged(&mut g, &mut out, ndjson, reading)
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
                shown(output)
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

/// The keys of every report setting the catalogue's instruments offer.
fn setting_keys(catalogue: &Catalogue) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for s in catalogue.instruments().iter().flat_map(settings) {
        if !keys.contains(&s.key) {
            keys.push(s.key);
        }
    }
    keys
}

/// `trivsel report`: the report over the current records of the good files.
pub fn report(
    paths: &[PathBuf],
    params: ReportParams,
    format: Format,
    output: Option<&Path>,
    allow_bad: bool,
    lang: Lang,
    reading: Reading,
) -> Status {
    let mut g = gather(paths, lang, reading);
    // A setting names a reference or criterion of the questionnaires read,
    // which are known only now.
    if let Err(e) = params.check_with(&g.catalogue) {
        eprintln!("trivsel: {}", e.message(lang));
        if matches!(
            e,
            ReportParamsError::UnknownReference { .. } | ReportParamsError::UnknownCriterion { .. }
        ) {
            let keys = setting_keys(&g.catalogue).join(", ");
            eprintln!(
                "{}",
                tr!(lang,
                    da: format!("Skemaerne har disse indstillinger: {keys}."),
                    en: format!("The questionnaires have these settings: {keys}."),
                )
            );
        }
        return Status::Usage;
    }
    let o = g.candidates.resolve();
    let mut builder = ReportBuilder::new(params);
    g.candidates.each_current(|e| builder.add_entry(e));
    let text = render(&builder.finish(&g.catalogue), format, lang);
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

/// `trivsel schema`: the JSON Schema of export format `version`, to stdout.
pub fn schema(version: u32, lang: Lang) -> Status {
    let Some(schema) = trivsel_core::schema::export_schema_of(version) else {
        let e = ImportError::UnsupportedVersion {
            found: version.to_string(),
        };
        eprintln!("trivsel: {}", e.message(lang));
        return Status::Usage;
    };
    let mut out = io::stdout().lock();
    match out
        .write_all(trivsel_core::schema::pretty(&schema).as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => Status::Ok,
        Err(_) => Status::BadInput,
    }
}

/// `trivsel generate`: a synthetic export to `output`, answering the
/// battery `battery` (the default battery when `None`) of the shipped
/// catalogue joined with the programme files `programmes`.
pub fn generate(
    counts: (u64, u64, u64),
    battery: Option<&str>,
    programme_files: &[PathBuf],
    output: &Path,
    ndjson: bool,
    lang: Lang,
) -> Status {
    let (inputs, missing) = list(programme_files);
    if let Some((path, e)) = missing.first() {
        eprintln!("{}", failure(lang, path, e));
        return Status::BadInput;
    }
    let mut catalogue = Catalogue::shipped().clone();
    for input in &inputs {
        match programmes::read(input, &catalogue)
            .and_then(|p| p.join(catalogue.clone()).map_err(FileError::Programme))
        {
            Ok(joined) => catalogue = joined,
            Err(e) => {
                eprintln!("{}", failure(lang, &input.path, &e));
                return Status::BadInput;
            }
        }
    }
    let batteries = catalogue.current_batteries();
    let chosen = match battery {
        None => Some(catalogue.default_battery()),
        Some(id) => batteries.iter().copied().find(|b| b.id == id),
    };
    let Some(battery) = chosen else {
        let known: Vec<&str> = batteries.iter().map(|b| b.id.as_str()).collect();
        let (id, known) = (battery.unwrap_or_default(), known.join(", "));
        eprintln!(
            "trivsel: {}",
            tr!(lang,
                da: format!("Batteriet «{id}» findes ikke; der er: {known}."),
                en: format!("There is no battery «{id}»; there are: {known}."),
            )
        );
        return Status::Usage;
    };
    let (responses, participants, seed) = counts;
    let spec = Spec {
        responses,
        participants,
        seed,
        catalogue: &catalogue,
        battery,
    };
    let result = File::create(output).and_then(|file| {
        let mut out = BufWriter::with_capacity(1 << 16, file);
        if ndjson {
            generate::write_ndjson(&spec, &mut out)
        } else {
            generate::write_document(&spec, &mut out)
        }
    });
    match result {
        Ok(()) => {
            eprintln!(
                "{} {} {} {} {} {}",
                tr!(lang, da: "Skrevet:", en: "Written:"),
                responses,
                tr!(lang, da: "besvarelser fra", en: "responses from"),
                participants.max(1).min(responses.max(1)),
                tr!(lang, da: "deltagere til", en: "participants to"),
                shown(output)
            );
            Status::Ok
        }
        Err(e) => {
            eprintln!("{}", failure(lang, output, &FileError::Io(e)));
            Status::BadInput
        }
    }
}
