//! `cargo xtask test`: every check CI runs, in order, stopping at the first
//! failure with a message naming the step, so `.ci/run` is one line and a
//! developer runs exactly what CI runs.

use std::path::Path;
use std::process::Command;

use crate::run::Ctx;
use crate::{deploy, size, tools, Result};

enum Step {
    /// A program found on PATH, with its arguments.
    Command(&'static str, &'static [&'static str]),
    /// Both release builds, as `cargo xtask build` does them.
    Build,
    /// `cargo xtask size` against the recorded budget, called in-process.
    Size,
    /// Playwright from the repo's node_modules.
    Playwright,
    /// The release archive behind Debian's nginx (`deploy`).
    Deploy,
}

const STEPS: &[(&str, Step)] = &[
    (
        "cargo fmt --all -- --check",
        Step::Command("cargo", &["fmt", "--all", "--", "--check"]),
    ),
    (
        "cargo clippy --workspace --all-targets -- -D warnings",
        Step::Command(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    ),
    (
        "cargo test --workspace",
        Step::Command("cargo", &["test", "--workspace"]),
    ),
    ("build the app and the evaluator (release)", Step::Build),
    (
        "cargo xtask size --budget-file budget/first-load-gzip-bytes",
        Step::Size,
    ),
    ("node_modules/.bin/playwright test", Step::Playwright),
    (
        "the release behind nginx: sub-path, headers, upgrade from the baseline",
        Step::Deploy,
    ),
];

pub fn run_all(root: &Path) -> Result {
    let ctx = Ctx::new(root);
    tools::ensure_test_tools(&ctx)?;

    let count = STEPS.len();
    for (number, (name, step)) in STEPS.iter().enumerate() {
        println!("\n==> {name}");
        let result = match step {
            Step::Command(program, args) => ctx.run(program, args),
            Step::Build => crate::build_all(&ctx),
            Step::Size => size::report(
                &root.join("dist"),
                Some(&root.join("budget").join("first-load-gzip-bytes")),
            ),
            Step::Playwright => {
                // The tablet's upgrade test starts from the first release's build.
                let baseline = crate::baseline::dist(&ctx)?;
                ctx.run_cmd(playwright(&ctx, &["test"], &baseline))
            }
            Step::Deploy => deploy::test(&ctx, &[]),
        };
        result.map_err(|e| format!("test step {}/{count} `{name}` failed: {e}", number + 1))?;
    }
    println!("\n==> all {count} test steps passed");
    Ok(())
}

/// The project's Playwright with `args`, the baseline's build (`baseline`)
/// named for the upgrade tests.
pub fn playwright(ctx: &Ctx, args: &[&str], baseline: &Path) -> Command {
    let program = ctx
        .root()
        .join("node_modules")
        .join(".bin")
        .join("playwright");
    let mut cmd = ctx.command(program, args);
    cmd.env(crate::baseline::ENV, baseline);
    cmd
}
