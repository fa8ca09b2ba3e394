//! The baseline: the app as built from the last commit before versioned
//! releases, which is what tablets in use hold today. Upgrade tests load it,
//! store data with it, then serve this build at the same origin (and roll
//! back to it), so every change to what a tablet stores is tested against the
//! data the old version left there.
//!
//! It is built from a git worktree of that commit with the commit's own
//! `cargo xtask build` (its own node_modules; the same Trunk and wasm-bindgen
//! versions, so no new tool), once: the build is kept under `target/baseline/`.

use std::path::{Path, PathBuf};

use crate::run::Ctx;
use crate::Result;

/// The commit before issue 14 ("Deployable by a municipality's IT"): main's HEAD
/// when release archives, relative URLs and the version line began.
pub const COMMIT: &str = "24e2492d24771dc2a43e262024389bed1c333740";

/// The environment variable that hands the baseline's `dist/` to Playwright.
pub const ENV: &str = "TRIVSEL_BASELINE_DIST";

/// The baseline's built `dist/` (index.html, eksport/, evaluator/), building it
/// first unless a complete build of [`COMMIT`] is already in `target/baseline/`.
pub fn dist(ctx: &Ctx) -> Result<PathBuf> {
    let dir = ctx
        .root()
        .join("target")
        .join("baseline")
        .join(&COMMIT[..12]);
    let tree = dir.join("tree");
    let dist = tree.join("dist");
    // Written only after a whole build: a build cut short is never used.
    let built = dir.join("built");
    if built.exists() && dist.join("index.html").exists() {
        println!(
            "--> baseline {}: the build in {}",
            &COMMIT[..7],
            dist.display()
        );
        return Ok(dist);
    }
    println!(
        "--> baseline {}: building it from a git worktree (once; kept in {})",
        &COMMIT[..7],
        dir.display()
    );
    let git = |args: &[&str]| ctx.run("git", args);
    if ctx
        .capture("git", &["cat-file", "-e", &format!("{COMMIT}^{{commit}}")])
        .is_none()
    {
        return Err(format!(
            "commit {COMMIT} is not in this clone: the upgrade tests build the app from it \
             (a shallow clone needs `git fetch --unshallow`)"
        ));
    }
    if tree.exists() {
        // A worktree left by a build cut short: start again from a clean checkout.
        let _ = git(&["worktree", "remove", "--force", &display(&tree)]);
        std::fs::remove_dir_all(&tree)
            .or_else(|e| if tree.exists() { Err(e) } else { Ok(()) })
            .map_err(|e| format!("cannot remove {}: {e}", tree.display()))?;
    }
    // Forget worktrees whose directory is gone (a `cargo clean` removes target/).
    git(&["worktree", "prune"])?;
    git(&["worktree", "add", "--detach", &display(&tree), COMMIT])?;

    // The commit's own build, as a developer at that commit would run it. The
    // variables cargo set for this xtask would point it at this tree instead.
    let mut build = ctx.command("cargo", &["xtask", "build"]);
    build.current_dir(&tree);
    for name in ["CARGO_MANIFEST_DIR", "CARGO_TARGET_DIR"] {
        build.env_remove(name);
    }
    ctx.run_cmd(build)
        .map_err(|e| format!("the baseline's own build failed: {e}"))?;
    if !dist.join("index.html").exists() {
        return Err(format!(
            "the baseline's build wrote no {}",
            dist.join("index.html").display()
        ));
    }
    std::fs::write(&built, format!("{COMMIT}\n"))
        .map_err(|e| format!("cannot write {}: {e}", built.display()))?;
    Ok(dist)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
