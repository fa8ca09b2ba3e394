//! The hostile inputs only the CLI meets, built here (see the README of
//! `tests/fixtures/hostile/`): files that are not regular files, file names
//! that would forge a line or colour the terminal, two files with one export
//! id, a ring of corrections across files, and a 200 MB document on one line.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::{assert_no_panic, root, run, s, scratch, stdout};

fn hostile(name: &str) -> String {
    root()
        .join("tests/fixtures/hostile")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn only_regular_files_are_read() {
    let dir = scratch("not-regular");
    let fifo = dir.join("pipe.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for (path, lang, words) in [
        ("/dev/zero", "da", "ikke en almindelig fil"),
        (s(&fifo), "en", "not a regular file"),
    ] {
        for command in ["validate", "report"] {
            let out = run(&["--lang", lang, command, path]);
            assert_no_panic(&out);
            assert_eq!(out.status.code(), Some(1), "{command} {path}");
            let text = stdout(&out) + &common::stderr(&out);
            assert!(text.contains(words), "{command} {path}: {text}");
        }
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_name_cannot_forge_a_line_or_colour_the_terminal() {
    let dir = scratch("forged-name");
    let name = "x.json\n\u{1b}[32mOK   forged.json";
    let path = dir.join(name);
    fs::copy(root().join("tests/fixtures/export/v1-tablet-a.json"), &path).unwrap();
    let bad = dir.join("y.json\u{200b}\u{202e}");
    fs::write(&bad, "{").unwrap();
    let out = run(&["validate", s(&path), s(&bad)]);
    assert_no_panic(&out);
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text:?}");
    assert!(lines[0].starts_with("OK   ") && lines[0].contains("x.json\\u{A}\\u{1B}[32mOK"));
    assert!(lines[1].starts_with("FEJL ") && lines[1].contains("y.json\\u{200B}\\u{202E}"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_second_export_with_the_same_id_and_other_content_is_refused() {
    let (a, b) = (
        hostile("same-export-id-a.json"),
        hostile("same-export-id-b.json"),
    );
    let out = run(&["validate", &a, &a]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the same file twice: {}",
        stdout(&out)
    );
    for command in ["validate", "report"] {
        let out = run(&[command, &a, &b]);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let text = stdout(&out) + &common::stderr(&out);
        assert!(
            text.contains("same-export-id-b.json: Filen har samme eksport-id")
                && text.contains("som «")
                && text.contains("same-export-id-a.json»"),
            "{command}: {text}"
        );
    }
}

#[test]
fn corrections_in_a_ring_across_files_are_reported() {
    let dir = scratch("ring");
    let doc: serde_json::Value =
        serde_json::from_slice(&fs::read(hostile("correction-cycle.json")).unwrap()).unwrap();
    for (i, name) in ["one.json", "two.json"].iter().enumerate() {
        let mut part = doc.clone();
        let record = doc["records"][i].clone();
        part["records"] = serde_json::Value::Array(vec![record]);
        part["export_id"] = format!("1c4e7a92-5b3d-4f60-8e21-9a0b3c4d5e6{i}").into();
        fs::write(dir.join(name), serde_json::to_vec(&part).unwrap()).unwrap();
    }
    let (one, two) = (dir.join("one.json"), dir.join("two.json"));
    assert_eq!(run(&["validate", s(&one), s(&two)]).status.code(), Some(0));
    let out = run(&["report", s(&one), s(&two)]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out) + &common::stderr(&out);
    assert!(text.contains("Rettelserne går i ring"), "{text}");
    fs::remove_dir_all(&dir).unwrap();
}

/// Writes a document whose `app_version` is `mib` MiB of one line.
fn long_header(path: &Path, mib: usize) {
    let mut f = fs::File::create(path).unwrap();
    write!(
        f,
        "{{\"format\":\"trivsel-export\",\"version\":2,\"app_version\":\""
    )
    .unwrap();
    let chunk = "x".repeat(1 << 20);
    for _ in 0..mib {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    write!(f, "\",\"instruments\":[],\"records\":[]}}").unwrap();
}

#[test]
fn a_200_mb_line_is_refused_within_a_few_mib() {
    let dir = scratch("long-line");
    let big = dir.join("big.json");
    long_header(&big, 200);
    // Under a 400 MB address-space limit (the reader used to hold the string
    // two or three times over, about 600 MB, before it could say no).
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 400000 && exec '{}' --lang en validate '{}'",
            env!("CARGO_BIN_EXE_trivsel"),
            s(&big)
        ))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("a value or a record of more than 16 MiB"),
        "{}",
        stdout(&out)
    );
    fs::remove_dir_all(&dir).unwrap();
}
