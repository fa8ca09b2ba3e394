//! The commands end to end on generated exports: validate, report, merge and
//! its round trip, corrections, conflicts, bad files and usage errors.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_no_panic, report_json, run, s, scratch, stderr, stdout};
use trivsel_core::export::{ExportDocument, ExportRecord};
use trivsel_core::Uuid;
use trivsel_core::{score, Catalogue, Declined, ReliableChange, Report};

fn generate(dir: &Path, name: &str, responses: u32, participants: u32, seed: u32) -> String {
    let path = dir.join(name);
    let mut args = vec![
        "generate".to_string(),
        "--responses".into(),
        responses.to_string(),
        "--participants".into(),
        participants.to_string(),
        "--seed".into(),
        seed.to_string(),
        "-o".into(),
        s(&path).into(),
    ];
    if name.ends_with(".ndjson") {
        args.push("--ndjson".into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    s(&path).to_string()
}

/// A shown cell's value, by table, row and column id.
fn cell(report: &Report, table: &str, row: &str, column: &str) -> f64 {
    report
        .cell(table, row, column)
        .unwrap_or_else(|| panic!("{table} {row} {column}"))
        .value()
        .expect("a shown cell")
}

/// The participants table's cell for everyone.
fn people(report: &Report, row: &str) -> f64 {
    cell(report, "participants", row, "all")
}

#[test]
fn generate_then_report_on_ten_thousand_responses() {
    let dir = scratch("ten-thousand");
    let doc = generate(&dir, "big.json", 10_000, 2_500, 11);
    let nd = generate(&dir, "big.ndjson", 10_000, 2_500, 11);

    let out = run(&["validate", &doc, &nd]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("(10000 besvarelser)"));

    let (report, out) = report_json(&[&doc], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(people(&report, "participants"), 2_500.0);
    assert_eq!(people(&report, "responses"), 10_000.0);
    assert_eq!(people(&report, "completers"), 2_500.0);
    assert_eq!(people(&report, "end_completers"), 2_500.0);
    // The same records as NDJSON give the same report, and reading both
    // files counts every record once (the second copy is all duplicates).
    let (from_ndjson, _) = report_json(&[&nd], &[]);
    assert_eq!(from_ndjson, report);
    let (both, out) = report_json(&[&doc, &nd], &[]);
    assert_eq!(both, report);
    assert!(stderr(&out).contains("Dubletter (samme id og indhold, talt én gang): 10000"));

    for format in ["text", "markdown", "csv"] {
        let out = run(&["report", "--format", format, &doc]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("WHO-5"));
    }
    fs::remove_dir_all(&dir).unwrap();
}

fn read_doc(path: &str) -> ExportDocument {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn write_doc(path: &Path, doc: &ExportDocument) -> String {
    fs::write(path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    s(path).to_string()
}

/// `r` with its WHO-5 answers set to `values`, its scores recomputed.
fn with_who5(mut r: ExportRecord, values: [i32; 5]) -> ExportRecord {
    let who5 = Catalogue::shipped().get("who5", 1).unwrap();
    let answers = who5.answers_in_order(&values);
    let sc = score(who5, &answers, &Declined::new()).unwrap();
    r.answers.insert("who5".into(), answers);
    r.set_scores("who5", &sc);
    r
}

#[test]
fn merge_round_trips_with_corrections_duplicates_and_a_conflict() {
    let dir = scratch("merge");
    let a = generate(&dir, "a.json", 400, 100, 1);
    let b = generate(&dir, "b.ndjson", 150, 40, 2);

    // c.json: ten of a's records again (duplicates), a correction of one of
    // them, and a different version of another (a conflict).
    let mut doc = read_doc(&a);
    let mut records: Vec<ExportRecord> = doc.records[..10].to_vec();
    let mut correction = with_who5(doc.records[3].clone(), [5, 5, 5, 5, 5]);
    correction.response_id = Uuid::from_random([7; 16]);
    correction.supersedes = Some(doc.records[3].response_id);
    records.push(correction.clone());
    let conflicting = with_who5(doc.records[20].clone(), [0, 0, 0, 0, 1]);
    records.push(conflicting);
    doc.records = records;
    // Another export: its own id (one id with other content is refused).
    doc.export_id = Uuid::from_random([9; 16]);
    let c = write_doc(&dir.join("c.json"), &doc);

    let merged = dir.join("merged.json");
    let out = run(&["merge", &a, &b, &c, "-o", s(&merged)]);
    assert_no_panic(&out);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "a conflict fails: {text}");
    assert!(
        text.contains("Dubletter (samme id og indhold, talt én gang): 10"),
        "{text}"
    );
    assert!(text.contains("Erstattet af en rettelse: 1"), "{text}");
    assert!(
        text.contains(&format!(
            "  Id'et {} findes med forskelligt indhold i {a}, {c}; ingen af versionerne er taget med.",
            doc.records[11].response_id
        )),
        "{text}"
    );
    let out = run(&["merge", &a, &b, &c, "-o", s(&merged), "--allow-bad"]);
    assert_eq!(out.status.code(), Some(0));
    // 400 + 150 + the correction, less the superseded record and the conflict.
    assert!(
        stdout(&out).contains("Aktuelle besvarelser: 549"),
        "{}",
        stdout(&out)
    );

    // The merged export validates and reports the same numbers.
    let out = run(&["validate", s(&merged)]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("(549 besvarelser)"));
    let (direct, out) = report_json(&[&a, &b, &c], &["--allow-bad"]);
    assert_eq!(out.status.code(), Some(0));
    let (from_merged, _) = report_json(&[s(&merged)], &[]);
    assert_eq!(from_merged, direct);
    let merged_doc = read_doc(s(&merged));
    assert!(merged_doc.records.contains(&correction));
    assert!(!merged_doc
        .records
        .iter()
        .any(|r| r.response_id == doc.records[3].response_id
            || r.response_id == doc.records[11].response_id));
    assert_eq!(merged_doc.instruments.len(), 2);

    // NDJSON out: the same records.
    let merged_nd = dir.join("merged.ndjson");
    let out = run(&[
        "merge",
        &a,
        &b,
        &c,
        "-o",
        s(&merged_nd),
        "--ndjson",
        "--allow-bad",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<ExportRecord> = fs::read_to_string(&merged_nd)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, merged_doc.records);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_file_is_skipped_whole_with_its_reason() {
    let dir = scratch("bad-file");
    let a = generate(&dir, "a.json", 100, 30, 5);
    // A copy of a, truncated in the middle of its records.
    let text = fs::read_to_string(&a).unwrap();
    let cut = dir.join("cut.json");
    fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let (alone, _) = report_json(&[&a], &[]);
    let (report, out) = report_json(&[&a, s(&cut)], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("FEJL {}: Filen er ikke gyldig JSON", s(&cut))),
        "{}",
        stderr(&out)
    );
    assert_eq!(report, alone, "nothing of the truncated file counts");
    let (_, out) = report_json(&[&a, s(&cut)], &["--allow-bad"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["--lang", "en", "validate", &a, s(&cut)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("ERROR"), "{}", stdout(&out));
    assert!(stdout(&out).contains("(100 records)"));
    fs::remove_dir_all(&dir).unwrap();
}

/// The keys of the shipped settings (the instrument data names them).
const RELIABLE: &str = "who5/percentage/reliable";
const REFERENCE: &str = "cantril/value/danish_youth";
/// The share of WHO-5 reliable improvement, everyone.
fn reliable_improved(report: &Report) -> f64 {
    cell(
        report,
        "who5",
        "percentage.changed.last.reliable.improved",
        "all",
    )
}

#[test]
fn report_parameters_change_the_numbers_and_bad_ones_are_usage_errors() {
    let dir = scratch("params");
    let a = generate(&dir, "a.json", 600, 150, 3);
    let (default, _) = report_json(&[&a], &[]);
    let strict_arg = format!("{RELIABLE}=jt:40:0,81");
    let (strict, _) = report_json(&[&a], &["--reliable", &strict_arg]);
    assert_eq!(
        strict.params.reliable[RELIABLE],
        ReliableChange::JacobsonTruax {
            sd: 40.0,
            reliability: 0.81
        }
    );
    assert!(reliable_improved(&strict) <= reliable_improved(&default));
    let (loose_rc, loose_ref) = (format!("{RELIABLE}=mdc:5"), format!("{REFERENCE}=6"));
    let (loose, _) = report_json(
        &[&a],
        &[
            "--reliable",
            &loose_rc,
            "--reference",
            &loose_ref,
            "--min-cell",
            "10",
        ],
    );
    assert!(reliable_improved(&loose) >= reliable_improved(&default));
    assert_eq!(loose.params.min_cell, 10);
    assert_eq!(loose.params.references[REFERENCE], 6.0);
    let difference = "value.difference.intake.danish_youth";
    let mean = cell(&loose, "cantril", "value.mean.intake", "all");
    let shown = cell(&loose, "cantril", difference, "all");
    assert_eq!(((mean - 6.0) * 10.0).round(), (shown * 10.0).round());
    // By site: one column per site in the data, beside everyone.
    let (by_site, _) = report_json(&[&a], &["--by", "site"]);
    let columns: Vec<&str> = by_site.tables[0]
        .columns
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(columns[0], "all");
    assert!(columns.contains(&"Ung i Vejle"), "{columns:?}");
    assert_eq!(
        people(&by_site, "participants"),
        people(&default, "participants")
    );

    let out_of_range = format!("{REFERENCE}=12");
    let unknown_key = format!("{REFERENCE}x=1");
    let not_reliable = format!("{REFERENCE}=mdc:5");
    let twice = format!("{RELIABLE}=mdc:5");
    for args in [
        vec!["report"],
        vec!["report", "--min-cell", "0", &a],
        vec!["report", "--reliable", "x=jt:20", &a],
        vec!["report", "--reliable", &twice, "--reliable", &twice, &a],
        vec!["report", "--reliable", "x=mdc:-1", &a],
        vec!["report", "--reference", "x", &a],
        vec!["report", "--reference", &out_of_range, &a],
        vec!["report", "--reference", &unknown_key, &a],
        vec!["report", "--reliable", &not_reliable, &a],
        vec!["report", "--format", "html", &a],
        vec!["report", "--by", "age", &a],
        // The flags that named one questionnaire are gone.
        vec!["report", "--ladder-reference", "6", &a],
        vec!["report", "--rc-mdc", "20", &a],
        vec!["frobnicate"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_no_panic(&out);
        assert!(stdout(&out).is_empty(), "{args:?}: no report");
    }
    let out = run(&["report", "--min-cell", "0", &a]);
    assert!(stderr(&out).contains("Den mindste viste gruppe skal være mindst 1 deltager"));
    let out = run(&["report", "--reference", &out_of_range, &a]);
    assert!(
        stderr(&out).contains(
            "Referencen for Stige 0–10 (danske unge generelt) skal være et tal fra 0 til 10 (ikke 12)."
        ),
        "{}",
        stderr(&out)
    );
    let out = run(&["--lang", "en", "report", "--reference", &unknown_key, &a]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "No figure of the report uses the reference «{REFERENCE}x»."
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "The questionnaires have these settings: {RELIABLE}, {REFERENCE}."
        )),
        "{err}"
    );
    // A path that does not exist is bad input, not a crash.
    let out = run(&["validate", s(&dir.join("nope.json"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("FEJL"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_names_no_questionnaire() {
    for args in [
        vec!["--help"],
        vec!["report", "--help"],
        vec!["generate", "--help"],
        vec!["merge", "--help"],
        vec!["validate", "--help"],
        vec!["schema", "--help"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out).to_lowercase();
        for name in [
            "who5", "who-5", "cantril", "ladder", "cannabis", "binge", "drug",
        ] {
            assert!(!text.contains(name), "{args:?} names {name}:\n{text}");
        }
    }
}
