//! Measures what a tablet downloads before the first screen shows: every local
//! file `dist/index.html` loads, raw and gzipped, against an optional budget,
//! so growth of the wasm bundle is seen in CI rather than on a slow connection.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::{html, Result};

/// `cargo xtask size [--dist DIR] [--budget-file PATH]`; given paths are
/// relative to the current directory, the default `dist` is the repo's.
#[derive(Debug)]
pub struct Args {
    pub dist: PathBuf,
    pub budget_file: Option<PathBuf>,
}

impl Args {
    pub fn parse(args: &[String], root: &Path) -> Result<Self> {
        let mut parsed = Args {
            dist: root.join("dist"),
            budget_file: None,
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || {
                args.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("`{flag}` needs a value"))
            };
            match flag.as_str() {
                "--dist" => parsed.dist = value()?,
                "--budget-file" => parsed.budget_file = Some(value()?),
                other => return Err(format!("unknown option for size: `{other}`")),
            }
        }
        Ok(parsed)
    }
}

/// Prints the size table for `dist`; fails if a loaded file is missing or the
/// gzip total exceeds the budget in `budget_file`.
pub fn report(dist: &Path, budget_file: Option<&Path>) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| {
        format!(
            "cannot read {} ({e}): run `cargo xtask build` first",
            index.display()
        )
    })?;
    let mut rows = Vec::new();
    for file in std::iter::once("index.html".to_string()).chain(local_assets(&html)) {
        let path = dist.join(&file);
        let bytes = std::fs::read(&path).map_err(|e| {
            format!(
                "index.html loads `{file}`, but {} cannot be read: {e}",
                path.display()
            )
        })?;
        rows.push((file, bytes.len() as u64, gzip_len(&bytes)));
    }
    let raw_total: u64 = rows.iter().map(|r| r.1).sum();
    let gzip_total: u64 = rows.iter().map(|r| r.2).sum();

    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(5);
    println!(
        "{:<width$}  {:>10}  {:>10}",
        "file", "raw bytes", "gzip bytes"
    );
    for (file, raw, gzip) in &rows {
        println!("{file:<width$}  {raw:>10}  {gzip:>10}");
    }
    println!("{:<width$}  {raw_total:>10}  {gzip_total:>10}", "total");

    if let Some(budget_file) = budget_file {
        let budget = read_budget(budget_file)?;
        if gzip_total > budget {
            return Err(format!(
                "first-load size is {gzip_total} gzip bytes, over the budget of {budget} in {} by {}",
                budget_file.display(),
                gzip_total - budget
            ));
        }
        println!(
            "within budget: {gzip_total} of {budget} gzip bytes ({} to spare)",
            budget - gzip_total
        );
    }
    Ok(())
}

/// The budget file holds one integer (gzip bytes); blank and `#` lines are ignored.
fn read_budget(path: &Path) -> Result<u64> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read budget file {}: {e}", path.display()))?;
    let mut numbers = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    match (numbers.next(), numbers.next()) {
        (Some(n), None) => n.parse().map_err(|_| {
            format!(
                "budget file {}: `{n}` is not a whole number of bytes",
                path.display()
            )
        }),
        _ => Err(format!(
            "budget file {} must hold exactly one number (gzip bytes)",
            path.display()
        )),
    }
}

fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder
        .finish()
        .expect("writing to a Vec cannot fail")
        .len() as u64
}

/// The local files a page loads, as paths relative to its directory, without
/// repeats: every `href`/`src` attribute value in document order, then quoted
/// `.js`/`.mjs`/`.wasm` paths in inline scripts (Trunk's loader imports its
/// glue from one). External URLs, `data:` and `#fragment` values are skipped.
pub fn local_assets(html: &str) -> Vec<String> {
    let (attributes, scripts) = scan(html);
    let from_scripts = scripts
        .iter()
        .flat_map(|s| quoted_strings(s))
        .filter(|s| [".js", ".mjs", ".wasm"].iter().any(|ext| s.ends_with(ext)));
    let mut assets: Vec<String> = Vec::new();
    for value in attributes.into_iter().chain(from_scripts) {
        if let Some(path) = local_path(value) {
            if path != "index.html" && !assets.contains(&path) {
                assets.push(path);
            }
        }
    }
    assets
}

/// A URL as a path relative to the site root, or `None` if it is not a local file.
fn local_path(url: &str) -> Option<String> {
    let url = url.trim();
    let path_end = url.find(['?', '#']).unwrap_or(url.len());
    let scheme_end = url.find(':').unwrap_or(usize::MAX);
    let external = url.starts_with("//") || scheme_end < url.find('/').unwrap_or(url.len());
    if url.is_empty() || url.starts_with('#') || external || url.contains(char::is_whitespace) {
        return None;
    }
    let path = url[..path_end]
        .trim_start_matches("./")
        .trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        Some(format!("{path}index.html"))
    } else {
        Some(path.to_string())
    }
}

/// Walks the tags of `html`: returns the `href`/`src` values of every tag, and
/// the text of every inline `<script>` (whose content is not scanned as tags).
fn scan(html: &str) -> (Vec<&str>, Vec<&str>) {
    // ASCII lowercasing keeps every byte offset, so indexes work in both.
    let lower = html.to_ascii_lowercase();
    let (mut attributes, mut scripts) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let start = at + offset;
        if lower[start..].starts_with("<!--") {
            at = lower[start..]
                .find("-->")
                .map_or(lower.len(), |e| start + e + 3);
            continue;
        }
        let end = html::tag_end(&lower, start);
        attributes.extend(
            html::attributes(&html[start..end])
                .into_iter()
                .filter(|(name, _)| {
                    name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src")
                })
                .map(|(_, value)| value),
        );
        at = end;
        for raw_text in ["script", "style"] {
            if is_open_tag(&lower[start..end], raw_text) {
                let close = lower[at..]
                    .find(&format!("</{raw_text}"))
                    .map_or(lower.len(), |e| at + e);
                if raw_text == "script" {
                    scripts.push(&html[at..close]);
                }
                at = close;
            }
        }
    }
    (attributes, scripts)
}

fn is_open_tag(tag: &str, name: &str) -> bool {
    tag.strip_prefix('<')
        .and_then(|t| t.strip_prefix(name))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>'))
}

/// The contents of every '…', "…" and `…` string literal in a script.
fn quoted_strings(script: &str) -> Vec<&str> {
    let mut strings = Vec::new();
    let mut rest = script;
    while let Some(open) = rest.find(['\'', '"', '`']) {
        let quote = rest[open..].chars().next().expect("found a quote");
        let body = &rest[open + 1..];
        match body.find(quote) {
            Some(close) => {
                strings.push(&body[..close]);
                rest = &body[close + 1..];
            }
            None => break,
        }
    }
    strings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk 0.21's output for this app, plus the cases the scanner must skip.
    const INDEX: &str = r##"<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <title>Trivsel</title>
    <!-- <link rel="stylesheet" href="/commented-out.css"> -->
<script type="module">
import init, * as bindings from '/trivsel-app-720cc7cf0abda7f2.js';
const wasm = await init({ module_or_path: '/trivsel-app-720cc7cf0abda7f2_bg.wasm' });
if (1 < 2 && "<a href='/not-a-tag.js'>") {}
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
    <link rel="stylesheet" href="/styles-c4be3de839597c17.css" integrity="sha384-jEk5"/>
    <link rel="manifest" href='manifest.webmanifest?v=2'>
    <link rel="icon" href=./icon.svg>
    <link rel="preconnect" href="https://example.org/">
  <link rel="modulepreload" href="/trivsel-app-720cc7cf0abda7f2.js" crossorigin="anonymous" integrity="sha384-Y3Y"><link rel="preload" href="/trivsel-app-720cc7cf0abda7f2_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
  <body>
    <a href="#main">Skip</a> <a href="/">Home</a>
    <img src="data:image/png;base64,AAAA" alt=""> <IMG SRC="/logo.png" data-src="/lazy.png">
    <script src="http://cdn.example/x.js"></script>
  </body>
</html>"##;

    #[test]
    fn finds_every_local_file_once_in_order() {
        assert_eq!(
            local_assets(INDEX),
            [
                "styles-c4be3de839597c17.css",
                "manifest.webmanifest",
                "icon.svg",
                "trivsel-app-720cc7cf0abda7f2.js",
                "trivsel-app-720cc7cf0abda7f2_bg.wasm",
                "logo.png",
            ]
        );
    }

    #[test]
    fn finds_the_glue_from_the_inline_loader_alone() {
        let html =
            "<script type=module>import init from '/app-1.js'; init('/app-1_bg.wasm')</script>";
        assert_eq!(local_assets(html), ["app-1.js", "app-1_bg.wasm"]);
    }

    #[test]
    fn local_paths() {
        assert_eq!(local_path("/a/b.js?x#y").as_deref(), Some("a/b.js"));
        assert_eq!(local_path("sub/").as_deref(), Some("sub/index.html"));
        assert_eq!(local_path("mailto:x@example.org"), None);
        assert_eq!(local_path("//cdn.example/x.js"), None);
        assert_eq!(local_path("HTTPS://example.org/"), None);
    }

    #[test]
    fn args() {
        let root = Path::new("/repo");
        let parse =
            |a: &[&str]| Args::parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>(), root);
        let default = parse(&[]).unwrap();
        assert_eq!(default.dist, Path::new("/repo/dist"));
        assert_eq!(default.budget_file, None);
        let given = parse(&["--budget-file", "size-budget", "--dist", "/tmp/d"]).unwrap();
        assert_eq!(given.dist, Path::new("/tmp/d"));
        assert_eq!(given.budget_file.as_deref(), Some(Path::new("size-budget")));
        assert!(parse(&["--budget-file"]).is_err());
        assert!(parse(&["--fast"]).is_err());
    }
}
