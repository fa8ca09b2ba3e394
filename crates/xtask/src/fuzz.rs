//! `cargo xtask fuzz [TARGET] [--execs N]`: coverage-guided fuzzing of the
//! parsers of outside input with AFL++, on stable Rust (the `afl` crate and
//! `cargo-afl`, which builds its own AFL++ on first use). Not part of CI,
//! which runs every target on its kept corpus and past crashes
//! (`crates/fuzz/tests/corpus.rs`).
//!
//! Each target runs until AFL++ has made `N` executions (10 million by
//! default), one target after the other on one core. Afterwards every crash
//! and hang AFL++ saved is copied into `crates/fuzz/crashes/<target>/`, so
//! it becomes a regression test once committed, and a line per target gives
//! the executions, the time and the crashes; the same lines are appended to
//! `target/fuzz/summary.txt`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::run::Ctx;
use crate::Result;

/// The targets, as `crates/fuzz/src/lib.rs` names them.
const TARGETS: &[&str] = &[
    "export_document",
    "ndjson_line",
    "cli_stream",
    "instrument",
    "programme",
    "age_file",
    "backup",
];

/// The executions per target unless `--execs` says otherwise.
const DEFAULT_EXECS: u64 = 10_000_000;

/// What to fuzz, and for how long.
#[derive(Debug, PartialEq)]
pub struct Args {
    targets: Vec<&'static str>,
    execs: u64,
}

impl Args {
    pub fn parse(args: &[String]) -> std::result::Result<Args, String> {
        let mut targets = Vec::new();
        let mut execs = DEFAULT_EXECS;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            if arg == "--execs" {
                let n = rest.next().ok_or("--execs needs a number")?;
                execs = n
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("--execs {n}: not a number"))?;
            } else if let Some(t) = TARGETS.iter().find(|t| **t == arg) {
                targets.push(*t);
            } else {
                return Err(format!(
                    "unknown fuzz target {arg} ({})",
                    TARGETS.join(", ")
                ));
            }
        }
        if targets.is_empty() {
            targets = TARGETS.to_vec();
        }
        Ok(Args { targets, execs })
    }
}

/// Builds the fuzzing binary with `cargo afl` and fuzzes each target.
pub fn run(root: &Path, args: &Args) -> Result {
    let ctx = Ctx::new(root);
    if ctx.capture("cargo", &["afl", "--version"]).is_none() {
        ctx.run(
            "cargo",
            &["install", "cargo-afl", "--version", "0.18.2", "--locked"],
        )?;
    }
    let build = root.join("target/afl");
    let mut cmd = ctx.command(
        "cargo",
        &[
            "afl",
            "build",
            "--release",
            "-p",
            "trivsel-fuzz",
            "--features",
            "afl",
        ],
    );
    cmd.env("CARGO_TARGET_DIR", &build);
    ctx.run_cmd(cmd)?;
    let binary = build.join("release/trivsel-fuzz");
    let mut lines = Vec::new();
    for target in &args.targets {
        lines.push(fuzz_one(&ctx, &binary, target, args.execs)?);
    }
    let summary = root.join("target/fuzz/summary.txt");
    let mut text = fs::read_to_string(&summary).unwrap_or_default();
    for line in &lines {
        println!("{line}");
        text.push_str(line);
        text.push('\n');
    }
    fs::write(&summary, text).map_err(|e| format!("{}: {e}", summary.display()))
}

/// Fuzzes one target for `execs` executions; its summary line.
fn fuzz_one(ctx: &Ctx, binary: &Path, target: &str, execs: u64) -> Result<String> {
    let root = ctx.root();
    let corpus = root.join("crates/fuzz/corpus").join(target);
    let out = root.join("target/fuzz").join(target);
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (corpus_arg, out_arg, execs_arg) = (
        corpus.display().to_string(),
        out.display().to_string(),
        execs.to_string(),
    );
    let binary_arg = binary.display().to_string();
    let mut cmd = ctx.command(
        "cargo",
        &[
            "afl",
            "fuzz",
            "-i",
            &corpus_arg,
            "-o",
            &out_arg,
            "-E",
            &execs_arg,
            "-m",
            "1024",
            "-t",
            "2000",
            "--",
            &binary_arg,
            target,
        ],
    );
    for (key, value) in [
        ("AFL_NO_UI", "1"),
        ("AFL_SKIP_CPUFREQ", "1"),
        ("AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES", "1"),
        ("AFL_NO_AFFINITY", "1"),
    ] {
        cmd.env(key, value);
    }
    let started = Instant::now();
    ctx.run_cmd(cmd)?;
    let seconds = started.elapsed().as_secs();
    let stats = fs::read_to_string(out.join("default/fuzzer_stats")).unwrap_or_default();
    let stat = |key: &str| -> String {
        stats
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                (k.trim() == key).then(|| v.trim().to_string())
            })
            .unwrap_or_else(|| "?".into())
    };
    let kept = keep_findings(root, &out, target)?;
    Ok(format!(
        "{target}: {} executions in {seconds} s ({} per second), {} crashes, {} hangs, corpus {} inputs; {kept} saved to crates/fuzz/crashes/{target}/",
        stat("execs_done"),
        stat("execs_per_sec"),
        stat("saved_crashes"),
        stat("saved_hangs"),
        stat("corpus_count"),
    ))
}

/// Copies every crash and hang AFL++ saved into `crates/fuzz/crashes/<target>/`;
/// how many.
fn keep_findings(root: &Path, out: &Path, target: &str) -> Result<usize> {
    let dest = root.join("crates/fuzz/crashes").join(target);
    let mut kept = 0;
    for kind in ["crashes", "hangs"] {
        for path in inputs(&out.join("default").join(kind)) {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            // AFL++'s names hold ':' and ','; keep a name any file system takes.
            let name: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            fs::create_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
            fs::copy(&path, dest.join(format!("{kind}-{name}")))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            kept += 1;
        }
    }
    Ok(kept)
}

/// The inputs AFL++ saved in `dir` (not its README).
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("id"))
        })
        .collect();
    paths.sort();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> std::result::Result<Args, String> {
        Args::parse(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn targets_and_executions_are_read() {
        let all = args(&[]).unwrap();
        assert_eq!(all.targets, TARGETS);
        assert_eq!(all.execs, DEFAULT_EXECS);
        let one = args(&["programme", "--execs", "1_000"]).unwrap();
        assert_eq!((one.targets, one.execs), (vec!["programme"], 1000));
        assert!(args(&["nope"]).is_err());
        assert!(args(&["--execs"]).is_err());
    }

    #[test]
    fn the_targets_are_the_fuzz_crates() {
        let lib =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/src/lib.rs"))
                .unwrap();
        for target in TARGETS {
            assert!(
                lib.contains(&format!("(\"{target}\", {target})")),
                "{target}"
            );
        }
    }
}
