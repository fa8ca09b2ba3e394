//! `cargo xtask release`: what a municipality's IT puts on its web server, as
//! one versioned archive: the built app (its four bundles), the nginx
//! configuration written from that build, the deployment guides and the
//! accessibility statement, and a SHA-256 list of every file in it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::nginx::{self, Policies};
use crate::run::Ctx;
use crate::{tools, Result};

/// The app's version: `version` in the workspace's `[workspace.package]`,
/// which every crate (this one and the app's) takes.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where `cargo xtask release` writes the archive, under the repository.
const OUT_DIR: &str = "release";

/// The archive's name without its extension, and its top directory.
pub fn name() -> String {
    format!("trivsel-{VERSION}")
}

/// `cargo xtask release`: builds, then packs `release/trivsel-<version>.tar.gz`.
pub fn run(root: &Path) -> Result {
    let ctx = Ctx::new(root);
    tools::ensure_build_tools(&ctx)?;
    crate::build_all(&ctx)?;
    let archive = package(root, &root.join("dist"), &root.join(OUT_DIR))?;
    let bytes = std::fs::metadata(&archive).map_or(0, |m| m.len());
    println!(
        "release {VERSION}: {} ({bytes} bytes) and its .sha256; install it as docs/drift.md (Danish) or docs/deployment.md (English) says",
        archive.display()
    );
    Ok(())
}

/// The files of the archive, as paths inside its top directory and their bytes:
/// `app/` (the web root), `nginx/`, `docs/`, `VERSION`, then `SHA256SUMS`
/// (`sha256sum -c` checks the others against it).
pub fn contents(root: &Path, dist: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let policies = Policies::read(dist)?;
    // The tablet's page opens the counsellor's screens through their entry.
    let entry = dist.join("radgiver").join("entry.js");
    if policies.counsellor.is_none() || !entry.exists() {
        return Err(format!(
            "{} has no counsellor's bundle (radgiver/index.html and radgiver/entry.js): \
             build it with `cargo xtask build`",
            dist.display()
        ));
    }
    let mut files = Vec::new();
    for (relative, path) in walk(dist)? {
        files.push((format!("app/{relative}"), read(&path)?));
    }
    files.push((
        format!("nginx/{}", nginx::SNIPPET),
        nginx::snippet(VERSION, &policies).into_bytes(),
    ));
    files.push((
        format!("nginx/{}", nginx::SITE),
        nginx::site(VERSION).into_bytes(),
    ));
    for (relative, path) in walk(&root.join("docs"))? {
        files.push((format!("docs/{relative}"), read(&path)?));
    }
    files.push(("VERSION".to_string(), format!("{VERSION}\n").into_bytes()));
    files.sort();
    let sums: String = files
        .iter()
        .map(|(path, bytes)| format!("{}  {path}\n", hex(&Sha256::digest(bytes))))
        .collect();
    files.push(("SHA256SUMS".to_string(), sums.into_bytes()));
    Ok(files)
}

/// Writes `<out>/trivsel-<version>.tar.gz` (every file under `trivsel-<version>/`)
/// and `<out>/trivsel-<version>.tar.gz.sha256`; returns the archive's path.
pub fn package(root: &Path, dist: &Path, out: &Path) -> Result<PathBuf> {
    let files = contents(root, dist)?;
    let top = name();
    // The build's time, not a fixed one: nginx's ETag is the file's time and size,
    // so two releases' files of equal size must not share a time.
    let mtime = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut tar = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::best()));
    // Directories first (sorted, so each comes after its parent), then the files.
    let mut dirs = BTreeSet::new();
    for (path, _) in &files {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            dirs.insert(format!("{parent}/"));
            rest = parent;
        }
    }
    append(&mut tar, &format!("{top}/"), None, mtime)?;
    for dir in &dirs {
        append(&mut tar, &format!("{top}/{dir}"), None, mtime)?;
    }
    for (path, bytes) in &files {
        append(&mut tar, &format!("{top}/{path}"), Some(bytes), mtime)?;
    }
    let gz = tar
        .into_inner()
        .and_then(GzEncoder::finish)
        .map_err(|e| format!("cannot write the archive: {e}"))?;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let archive = out.join(format!("{top}.tar.gz"));
    std::fs::write(&archive, &gz)
        .map_err(|e| format!("cannot write {}: {e}", archive.display()))?;
    let sum = format!("{}  {top}.tar.gz\n", hex(&Sha256::digest(&gz)));
    let sum_path = out.join(format!("{top}.tar.gz.sha256"));
    std::fs::write(&sum_path, sum)
        .map_err(|e| format!("cannot write {}: {e}", sum_path.display()))?;
    Ok(archive)
}

/// One entry: a directory (`bytes` is `None`, mode 755) or a file (644), owned by root.
fn append(
    tar: &mut tar::Builder<GzEncoder<Vec<u8>>>,
    path: &str,
    bytes: Option<&[u8]>,
    mtime: u64,
) -> Result {
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(if bytes.is_some() {
        tar::EntryType::Regular
    } else {
        tar::EntryType::Directory
    });
    header.set_mode(if bytes.is_some() { 0o644 } else { 0o755 });
    header.set_size(bytes.map_or(0, |b| b.len() as u64));
    header.set_mtime(mtime);
    header.set_uid(0);
    header.set_gid(0);
    tar.append_data(&mut header, path, bytes.unwrap_or_default())
        .map_err(|e| format!("cannot add {path} to the archive: {e}"))
}

/// Every file under `dir`, as sorted `/`-separated paths relative to it.
fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        let entries =
            std::fs::read_dir(&at).map_err(|e| format!("cannot read {}: {e}", at.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot read {}: {e}", at.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("found under dir")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                found.push((relative, path));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch directory under target/, emptied first.
    fn scratch(name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../target/xtask-tests")
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn page(hash: &str) -> String {
        format!("<!doctype html><meta content=\"default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}='\" http-equiv=Content-Security-Policy><script type=module>import init from './a.js'</script>")
    }

    /// A build with the four pages and the counsellor's entry, and a docs/
    /// directory beside it.
    fn fake_repo(name: &str) -> PathBuf {
        let root = scratch(name);
        let dist = root.join("dist");
        let pages = [
            ("", "APP"),
            ("radgiver/", "COUNSELLOR"),
            ("eksport/", "EXPORT"),
            ("evaluator/", "EVAL"),
        ];
        for (dir, hash) in pages {
            std::fs::create_dir_all(dist.join(dir)).unwrap();
            std::fs::write(dist.join(format!("{dir}index.html")), page(hash)).unwrap();
        }
        std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(
            dist.join("radgiver/entry.js"),
            "export * from './c-1.js';\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/drift.md"), "# Drift\n").unwrap();
        root
    }

    #[test]
    fn the_archive_holds_the_app_nginx_docs_version_and_their_sums() {
        let root = fake_repo("contents");
        let files = contents(&root, &root.join("dist")).unwrap();
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "VERSION",
                "app/app-0123456789abcdef_bg.wasm",
                "app/eksport/index.html",
                "app/evaluator/index.html",
                "app/index.html",
                "app/radgiver/entry.js",
                "app/radgiver/index.html",
                "docs/drift.md",
                "nginx/trivsel-app.conf",
                "nginx/trivsel-site.conf",
                "SHA256SUMS",
            ]
        );
        let sums = String::from_utf8(files.last().unwrap().1.clone()).unwrap();
        assert_eq!(sums.lines().count(), files.len() - 1);
        // sha256sum's format, and the digest of the bytes themselves (SHA-256 of "\0asm").
        assert!(sums.contains(
            "cd5d4935a48c0672cb06407bb443bc0087aff947c6b864bac886982c73b3027f  app/app-0123456789abcdef_bg.wasm\n"
        ));
        let conf = String::from_utf8(files[8].1.clone()).unwrap();
        assert!(conf.contains("'sha256-EXPORT='"), "{conf}");
        assert!(conf.contains("'sha256-COUNSELLOR='"), "{conf}");
    }

    #[test]
    fn a_build_without_the_counsellors_bundle_is_no_release() {
        let root = fake_repo("no-counsellor");
        std::fs::remove_file(root.join("dist/radgiver/entry.js")).unwrap();
        let error = contents(&root, &root.join("dist")).unwrap_err();
        assert!(error.contains("radgiver/entry.js"), "{error}");
    }

    #[test]
    fn the_archive_unpacks_into_one_versioned_directory() {
        let root = fake_repo("package");
        let archive = package(&root, &root.join("dist"), &root.join("out")).unwrap();
        assert_eq!(archive, root.join(format!("out/trivsel-{VERSION}.tar.gz")));
        let gz = std::fs::read(&archive).unwrap();
        let sum =
            std::fs::read_to_string(root.join(format!("out/trivsel-{VERSION}.tar.gz.sha256")))
                .unwrap();
        assert_eq!(
            sum,
            format!("{}  trivsel-{VERSION}.tar.gz\n", hex(&Sha256::digest(&gz)))
        );
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(&gz[..]));
        let entries: Vec<(String, u32)> = tar
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.path().unwrap().to_string_lossy().into_owned(),
                    e.header().mode().unwrap(),
                )
            })
            .collect();
        let top = format!("trivsel-{VERSION}/");
        assert_eq!(entries[0], (top.clone(), 0o755));
        assert!(entries.iter().all(|(p, _)| p.starts_with(&top)));
        assert!(entries.contains(&(format!("{top}app/eksport/"), 0o755)));
        assert!(entries.contains(&(format!("{top}app/eksport/index.html"), 0o644)));
        assert!(entries.contains(&(format!("{top}SHA256SUMS"), 0o644)));
        let dir_of = |p: &str| entries.iter().position(|(e, _)| e == p).unwrap();
        assert!(
            dir_of(&format!("{top}app/eksport/")) < dir_of(&format!("{top}app/eksport/index.html"))
        );
    }
}
