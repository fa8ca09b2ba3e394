//! The CLI on the shared fixtures: the hostile corpus is rejected file by
//! file with core's reasons and no crash, and the report over the three v1
//! tablet exports is exactly the committed `tests/fixtures/report/report.json`
//! (the data-driven form) that the browser test compares against too.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{assert_no_panic, root, run, s, scratch, stderr, stdout};
use trivsel_core::import::{parse_document, Limits};
use trivsel_core::{Catalogue, Lang, Report};

fn v1() -> Vec<String> {
    ["a", "b", "c"]
        .iter()
        .map(|t| {
            let p = root().join(format!("tests/fixtures/export/v1-tablet-{t}.json"));
            assert!(p.exists(), "{} is missing", p.display());
            s(&p).to_string()
        })
        .collect()
}

/// Files of the corpus that import alone (see its README).
const ACCEPTED: [&str; 3] = [
    "negative-zero-answer.json",
    "same-export-id-a.json",
    "same-export-id-b.json",
];

fn hostile() -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if !p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n.ends_with(".md") || ACCEPTED.contains(&n))
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("tests/fixtures/hostile"), &mut files);
    assert!(!files.is_empty());
    files
}

#[test]
fn every_hostile_file_is_rejected_with_cores_reason_and_nothing_crashes() {
    let files = hostile();
    for file in &files {
        for lang in ["da", "en"] {
            let out = run(&["--lang", lang, "validate", s(file)]);
            assert_no_panic(&out);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{}: {}",
                file.display(),
                stdout(&out)
            );
            let line = stdout(&out);
            let word = if lang == "da" { "FEJL " } else { "ERROR " };
            assert!(line.starts_with(word), "{}: {line}", file.display());
            assert!(!line.contains('\u{1b}'), "no escape codes: {line:?}");
            // A document small enough for core's reader gets core's words.
            let ndjson = file.extension().is_some_and(|e| e == "ndjson");
            let bytes = fs::read(file).unwrap();
            if !ndjson && bytes.len() <= Limits::default().max_bytes {
                let lang = if lang == "da" { Lang::Da } else { Lang::En };
                let reason = parse_document(&bytes, &Limits::default(), Catalogue::shipped())
                    .expect_err("a hostile file is rejected by core too")
                    .message(lang);
                assert!(
                    line.trim_end().ends_with(&reason),
                    "{}:\n cli:  {line}\n core: {reason}",
                    file.display()
                );
            }
        }
    }
    // The whole folder at once: no file is OK, and the good fixtures next
    // to it still are.
    // (Every hostile file by name: the folder also holds files that import
    // alone, see its README.)
    let named: Vec<&str> = files.iter().map(|f| s(f)).collect();
    let mut args = vec!["validate"];
    args.extend(&named);
    let good = v1();
    args.extend(good.iter().map(String::as_str));
    let out = run(&args);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    for line in stdout(&out).lines() {
        let is_good = good.iter().any(|g| line.contains(g.as_str()));
        assert_eq!(line.starts_with("OK"), is_good, "{line}");
    }
    // Merge and report skip every hostile file and still work.
    let dir = scratch("hostile-merge");
    let merged = dir.join("m.json");
    let mut args = vec!["merge", "-o", s(&merged)];
    args.extend(&named);
    args.extend(good.iter().map(String::as_str));
    let out = run(&args);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let mut args = vec!["report", "--format", "json", "--allow-bad"];
    args.extend(&named);
    args.extend(good.iter().map(String::as_str));
    let out = run(&args);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0));
    let with_hostile: Report = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(with_hostile, committed_report());
    fs::remove_dir_all(&dir).unwrap();
}

fn committed_report() -> Report {
    let path = root().join("tests/fixtures/report/report.json");
    serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_report_on_the_v1_fixtures_is_the_committed_one() {
    let files = v1();
    let mut args = vec!["report", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    assert_no_panic(&out);
    let committed = fs::read_to_string(root().join("tests/fixtures/report/report.json")).unwrap();
    assert!(
        stdout(&out) == committed,
        "the report differs from tests/fixtures/report/report.json:\n{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    // Files in another order: the same report.
    let mut reversed = files.clone();
    reversed.reverse();
    let mut args = vec!["report", "--format", "json"];
    args.extend(reversed.iter().map(String::as_str));
    assert_eq!(stdout(&run(&args)), committed);

    // Suppressed cells read "< 5" in the CSV, and never a number.
    let report = committed_report();
    let suppressed = report.cells().iter().filter(|c| c.is_suppressed()).count();
    let mut args = vec!["report", "--format", "csv"];
    args.extend(files.iter().map(String::as_str));
    let csv = stdout(&run(&args));
    assert!(csv.starts_with('\u{feff}'));
    if suppressed > 0 {
        assert!(csv.contains(",< 5,\r\n"), "{csv}");
    }
    for format in ["text", "markdown"] {
        let mut args = vec!["report", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0));
        if suppressed > 0 {
            assert!(stdout(&out).contains("< 5"));
        }
    }
}

#[test]
fn merging_the_v1_fixtures_round_trips() {
    let files = v1();
    let dir = scratch("v1-merge");
    for (name, extra) in [("m.json", None), ("m.ndjson", Some("--ndjson"))] {
        let merged = dir.join(name);
        let mut args = vec!["merge", "-o", s(&merged)];
        args.extend(extra);
        args.extend(files.iter().map(String::as_str));
        let out = run(&args);
        assert_no_panic(&out);
        let code = out.status.code();
        let conflicts = !stdout(&out).contains("ingen af dem tæller med): 0");
        assert_eq!(
            code,
            Some(if conflicts { 1 } else { 0 }),
            "{}",
            stdout(&out)
        );
        let out = run(&["validate", s(&merged)]);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        if extra.is_none() {
            // Format 2, carrying the definitions its records answered.
            let bytes = fs::read(&merged).unwrap();
            let doc = parse_document(&bytes, &Limits::default(), Catalogue::shipped()).unwrap();
            assert_eq!(doc.version, 2);
            let ids: Vec<&str> = doc.instruments.iter().map(|i| i.id.as_str()).collect();
            assert_eq!(ids, ["who5", "cantril"]);
            assert_eq!(doc.records.len(), 85);
        }
        let out = run(&["report", "--format", "json", s(&merged)]);
        assert_eq!(out.status.code(), Some(0));
        let report: Report = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(report, committed_report());
    }
    fs::remove_dir_all(&dir).unwrap();
}
