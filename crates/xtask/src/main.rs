//! `cargo xtask`: the one entry point that builds, serves, measures and tests
//! the app, installing whatever tool is missing first, so a fresh machine (and
//! CI) needs nothing done by hand. This file only parses arguments and dispatches.

mod baseline;
mod deploy;
mod fuzz;
mod html;
mod lockfile;
mod nginx;
mod release;
mod run;
mod size;
mod test;
#[cfg(test)]
mod tidy;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every fallible step reports a message meant for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build                       install missing build tools, then build the release app into dist/
                              its counsellor's screens into dist/radgiver/
                              the export page into dist/eksport/
                              and the evaluator's page into dist/evaluator/
  serve                       build, then serve dist/ on http://127.0.0.1:8080
  baseline                    build the app of the commit before versioned releases (once, kept in
                              target/baseline/) and print its dist directory: the upgrade tests' old version
  release                     build, then write release/trivsel-<version>.tar.gz (the app, its nginx
                              configuration, the guides, SHA256SUMS) and its .sha256
  bench                       build, then measure bytes, time to the first usable screen and
                              tap -> next question latency with 4x CPU throttling in Chromium;
                              then the evaluator's page with 100 000 responses (time, memory)
  size [--dist DIR] [--budget-file PATH]
                              raw and gzip bytes of every file the first page loads (default DIR: dist);
                              with a budget file (one integer, gzip bytes), fail when the total exceeds it
  fuzz [TARGET...] [--execs N]
                              AFL++ on each parser of outside input (default: every target, 10 000 000
                              executions each); crashes are kept in crates/fuzz/crashes/ (not run by CI)
  test                        install missing tools, then fmt, clippy, cargo test, trunk build, size, playwright,
                              then the release archive behind Debian's nginx (sub-path, headers, upgrade)
  test-release [ARGS...]      build, then only the release's tests behind nginx (sub-path, headers,
                              upgrade from the baseline); ARGS go to Playwright (e.g. --project upgrade)
  help                        show this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    let result = match args.first().map(String::as_str) {
        Some("build") if args.len() == 1 => build(&root),
        Some("serve") if args.len() == 1 => serve(&root),
        Some("release") if args.len() == 1 => release::run(&root),
        Some("baseline") if args.len() == 1 => print_baseline(&root),
        Some("test-release") => test_release(&root, &args[1..]),
        Some("test") if args.len() == 1 => test::run_all(&root),
        Some("bench") if args.len() == 1 => bench(&root),
        Some("fuzz") => match fuzz::Args::parse(&args[1..]) {
            Ok(fuzz_args) => fuzz::run(&root, &fuzz_args),
            Err(e) => return usage_error(&e),
        },
        Some("size") => match size::Args::parse(&args[1..], &root) {
            Ok(size_args) => size::report(&size_args.dist, size_args.budget_file.as_deref()),
            Err(e) => return usage_error(&e),
        },
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(_) => return usage_error(&format!("unknown command: {}", args.join(" "))),
        None => return usage_error("no command given"),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// The workspace root: this crate lives in `<root>/crates/xtask`.
fn repo_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .and_then(Path::parent)
        .expect("crates/xtask has a grandparent directory")
        .to_path_buf()
}

fn build(root: &Path) -> Result {
    let ctx = run::Ctx::new(root);
    tools::ensure_build_tools(&ctx)?;
    build_all(&ctx)
}

/// The tablet app's first page into `dist/`, its counsellor's screens into
/// `dist/radgiver/`, its export page into `dist/eksport/` and the evaluator's
/// own bundle into `dist/evaluator/` (in that order: Trunk replaces `dist/` on
/// each build, and the counsellor's and the export page's builds add their
/// files to the service worker the first page's build wrote).
pub fn build_all(ctx: &run::Ctx) -> Result {
    ctx.run("trunk", &["build", "--release"])?;
    for page in ["radgiver", "eksport", "evaluator"] {
        let (html, dist) = (format!("{page}.html"), format!("dist/{page}"));
        ctx.run("trunk", &["build", &html, "--release", "--dist", &dist])?;
    }
    Ok(())
}

/// The release's tests alone, on a fresh build.
fn test_release(root: &Path, playwright_args: &[String]) -> Result {
    let ctx = run::Ctx::new(root);
    tools::ensure_test_tools(&ctx)?;
    build_all(&ctx)?;
    deploy::test(&ctx, playwright_args)
}

/// Builds the baseline if it is not built yet, and prints where it is.
fn print_baseline(root: &Path) -> Result {
    let ctx = run::Ctx::new(root);
    tools::ensure_build_tools(&ctx)?;
    let dist = baseline::dist(&ctx)?;
    println!("{}={}", baseline::ENV, dist.display());
    Ok(())
}

/// Serves exactly what was built, the way a static host would.
fn serve(root: &Path) -> Result {
    let ctx = run::Ctx::new(root);
    tools::ensure_build_tools(&ctx)?;
    build_all(&ctx)?;
    println!(
        "serving http://127.0.0.1:8080/ (the export page: /eksport/, the evaluator: /evaluator/)"
    );
    ctx.run("node", &["tests/e2e/serve.mjs", "dist", "8080"])
}

/// Bytes, first usable screen and tap latency of the release build; then the
/// evaluator's page: time and memory to read, merge and report 100 000 responses.
fn bench(root: &Path) -> Result {
    let ctx = run::Ctx::new(root);
    tools::ensure_test_tools(&ctx)?;
    build_all(&ctx)?;
    size::report(&root.join("dist"), None)?;
    ctx.run("node", &["tests/bench/bench.mjs"])?;
    // The evaluator's page with 100 000 responses (written by the CLI's `generate`).
    ctx.run("node", &["tests/bench/evaluator.mjs"])
}
