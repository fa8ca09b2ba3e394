//! Installs the build and test tools that are missing or at the wrong version,
//! and nothing else: installs are slow here (Trunk takes ~12 min on 2 cores),
//! and CI starts from a fresh machine that has none of them.

use std::path::Path;

use crate::lockfile;
use crate::run::Ctx;
use crate::Result;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const TRUNK_VERSION: &str = "0.21.14";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's `age`: the browser tests check that it decrypts the app's backups.
const AGE: &str = "/usr/bin/age";
/// Debian's nginx, which the release is tested behind (`deploy`).
pub const NGINX: &str = "/usr/sbin/nginx";

/// What `cargo xtask build`/`serve` need: the wasm target, Trunk, the matching
/// wasm-bindgen CLI and the npm packages (binaryen's wasm-opt).
pub fn ensure_build_tools(ctx: &Ctx) -> Result {
    ensure_wasm_target(ctx)?;
    ensure_trunk(ctx)?;
    ensure_wasm_bindgen_cli(ctx)?;
    ensure_npm_packages(ctx)
}

/// What `cargo xtask test` needs on top: Debian's chromium for Playwright,
/// and Debian's `age` for the backup test.
pub fn ensure_test_tools(ctx: &Ctx) -> Result {
    ensure_build_tools(ctx)?;
    ensure_chromium(ctx)?;
    ensure_age(ctx)
}

fn ensure_wasm_target(ctx: &Ctx) -> Result {
    let installed = ctx
        .capture("rustup", &["target", "list", "--installed"])
        .ok_or("`rustup target list --installed` failed: is rustup installed?")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("--> Rust target {WASM_TARGET} is missing: adding it");
    ctx.run("rustup", &["target", "add", WASM_TARGET])
}

fn ensure_trunk(ctx: &Ctx) -> Result {
    let found = ctx.capture("trunk", &["--version"]);
    if found
        .as_deref()
        .is_some_and(|out| reports_version(out, TRUNK_VERSION))
    {
        return Ok(());
    }
    println!(
        "--> trunk {TRUNK_VERSION} is missing (found: {}): installing it, about 12 minutes on 2 cores",
        describe(found.as_deref())
    );
    ctx.run(
        "cargo",
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
    )
}

fn ensure_wasm_bindgen_cli(ctx: &Ctx) -> Result {
    let lock_path = ctx.root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let version = lockfile::single_version(&lock, "wasm-bindgen")?;
    let found = ctx.capture("wasm-bindgen", &["--version"]);
    if found
        .as_deref()
        .is_some_and(|out| reports_version(out, &version))
    {
        return Ok(());
    }
    println!(
        "--> wasm-bindgen CLI {version} (the version in Cargo.lock) is missing (found: {}): installing it, about 4 minutes",
        describe(found.as_deref())
    );
    // Not --locked: the CLI's own lock file wants a crate version the registry lacks.
    ctx.run(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &version],
    )
}

fn ensure_npm_packages(ctx: &Ctx) -> Result {
    let root = ctx.root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules").join(".package-lock.json");
    let args: &[&str] = if !lock.exists() {
        println!("--> package-lock.json is missing: running npm install to create it");
        &["install"]
    } else if is_older(&installed, &lock) {
        println!("--> node_modules is missing or older than package-lock.json: running npm ci");
        &["ci"]
    } else {
        return Ok(());
    };
    let mut cmd = ctx.command("npm", args);
    // Playwright drives Debian's chromium; its own browser download cannot work here.
    cmd.env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    ctx.run_cmd(cmd)
}

fn ensure_chromium(ctx: &Ctx) -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    println!("--> {CHROMIUM} or {CHROMEDRIVER} is missing: installing Debian's chromium and chromium-driver");
    apt_install(ctx, &["chromium", "chromium-driver"])
}

fn ensure_age(ctx: &Ctx) -> Result {
    if Path::new(AGE).exists() {
        return Ok(());
    }
    println!("--> {AGE} is missing: installing Debian's age");
    apt_install(ctx, &["age"])
}

/// What the release's test needs: Debian's nginx, and openssl for the test's
/// self-signed certificate.
pub fn ensure_nginx(ctx: &Ctx) -> Result {
    let missing: Vec<&str> = [
        ("nginx", Path::new(NGINX).exists()),
        ("openssl", ctx.on_path("openssl")),
    ]
    .into_iter()
    .filter_map(|(package, there)| (!there).then_some(package))
    .collect();
    if missing.is_empty() {
        return Ok(());
    }
    println!("--> missing: {}; installing Debian's", missing.join(", "));
    apt_install(ctx, &missing)
}

/// `apt-get update`, then `apt-get install -y` the packages (through sudo when
/// not root).
fn apt_install(ctx: &Ctx, packages: &[&str]) -> Result {
    let sudo = !is_root(ctx) && ctx.on_path("sudo");
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            ctx.command("sudo", &[&["apt-get"], args].concat())
        } else {
            ctx.command("apt-get", args)
        };
        cmd.env("DEBIAN_FRONTEND", "noninteractive");
        ctx.run_cmd(cmd)
    };
    apt(&["update"])?;
    apt(&[&["install", "-y"], packages].concat())
}

fn is_root(ctx: &Ctx) -> bool {
    ctx.capture("id", &["-u"])
        .is_some_and(|uid| uid.trim() == "0")
}

/// Whether `path` is missing or was modified before `than` (or either time is unknown).
fn is_older(path: &Path, than: &Path) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    match (modified(path), modified(than)) {
        (Some(at), Some(than_at)) => at < than_at,
        _ => true,
    }
}

/// Whether a `tool --version` output names exactly `version` (so "0.2.13"
/// does not pass for "0.2.130").
fn reports_version(output: &str, version: &str) -> bool {
    output.split_whitespace().any(|word| word == version)
}

fn describe(found: Option<&str>) -> String {
    found.map_or_else(|| "none".to_string(), |out| out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::reports_version;

    #[test]
    fn version_must_match_a_whole_word() {
        assert!(reports_version("trunk 0.21.14\n", "0.21.14"));
        assert!(reports_version("wasm-bindgen 0.2.130\n", "0.2.130"));
        assert!(!reports_version("wasm-bindgen 0.2.130\n", "0.2.13"));
        assert!(!reports_version("trunk 0.22.0\n", "0.21.14"));
    }
}
