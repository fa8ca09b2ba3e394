//! Running the built `trivsel` binary from the tests, and scratch folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `trivsel` with `args` in the repository root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trivsel"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the trivsel binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `trivsel report --format json` over `paths`, `extra` options first: the
/// report read back, and the run (for its stderr and exit code).
pub fn report_json(paths: &[&str], extra: &[&str]) -> (trivsel_core::Report, Output) {
    let mut args = vec!["report", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    let out = run(&args);
    assert_no_panic(&out);
    let report = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    (report, out)
}

/// A fresh, empty folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trivsel-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// No panic, no crash: a run's stderr never shows Rust's panic text.
pub fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "panic in stderr:\n{err}"
    );
    assert!(
        o.status.code().is_some(),
        "killed by a signal: {:?}",
        o.status
    );
}
