//! Rules about the repository itself, run as tests by `cargo test
//! --workspace` (so by `cargo xtask test` and CI), as rust-analyzer's
//! `xtask/src/tidy.rs` does: the docs name only paths git tracks and items
//! the code defines, no source file or function outgrows its limit, and no
//! run of lines is written twice. They read tracked files; they build and run
//! nothing but `git ls-files`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Lines a source file may have before its `#[cfg(test)]` module.
const MAX_FILE_LINES: usize = 600;
/// Lines a function may have, from its signature to its closing brace.
const MAX_FN_LINES: usize = 80;
/// Identical lines in a row that may not stand in two places in the Rust
/// under `crates/` or the browser tests' scripts under `tests/`, tests
/// included.
const MIN_REPEATED_RUN: usize = 6;

/// Exempt from the rule against repeated runs: the frozen version 1 export
/// format, which repeats the fields it shares with the current format on
/// purpose, so that a change to the current format never changes it.
const REPEAT_EXEMPT: &[&str] = &["crates/core/src/export/v1.rs"];

/// The documents whose backticked paths and items are checked (those of
/// them the repository has).
fn is_checked_doc(path: &str) -> bool {
    matches!(path, "README.md" | "ARCHITECTURE.md" | "SECURITY.md")
        || (path.starts_with("docs/") && path.ends_with(".md"))
}

/// Folders a doc may name that a build makes and git does not track.
const BUILD_OUTPUTS: &[&str] = &["dist/", "target/", "node_modules/"];

/// Crates a doc may name items of that are not ours.
const OTHER_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "yew",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo_file",
    "gloo_events",
    "schemars",
    "clap",
    "idb",
];

/// Our crates, as a doc may name them.
const OUR_CRATES: &[&str] = &[
    "trivsel_core",
    "trivsel_app",
    "trivsel_web",
    "trivsel_evaluator",
    "trivsel_cli",
    "xtask",
];

struct Repo {
    root: PathBuf,
    tracked: BTreeSet<String>,
}

impl Repo {
    fn open() -> Repo {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let out = Command::new("git")
            .args(["ls-files", "-z"])
            .current_dir(&root)
            .output()
            .expect("git runs (the tidy tests read the files git tracks)");
        assert!(out.status.success(), "git ls-files failed");
        let tracked = String::from_utf8(out.stdout)
            .expect("tracked paths are UTF-8")
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        Repo { root, tracked }
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap_or_default()
    }

    /// Tracked Rust sources of the crates, without test files: each with
    /// its lines before the first `#[cfg(test)]`.
    fn sources(&self) -> Vec<(&str, Vec<String>)> {
        self.tracked
            .iter()
            .filter(|p| p.starts_with("crates/") && p.contains("/src/") && p.ends_with(".rs"))
            .filter(|p| !p.ends_with("/tests.rs") && !p.contains("/tests/"))
            .map(|p| {
                let mut lines: Vec<String> = self.read(p).lines().map(String::from).collect();
                lines.truncate(tests_start(&lines));
                (p.as_str(), lines)
            })
            .collect()
    }

    /// Every tracked Rust file under `crates/` and every browser test
    /// script under `tests/`, tests included, whole.
    fn all_code(&self) -> Vec<(&str, Vec<String>)> {
        self.tracked
            .iter()
            .filter(|p| {
                (p.starts_with("crates/") && p.ends_with(".rs"))
                    || (p.starts_with("tests/") && p.ends_with(".mjs"))
            })
            .map(|p| (p.as_str(), self.read(p).lines().map(String::from).collect()))
            .collect()
    }

    /// Whether `path` is a tracked file or a folder holding one.
    fn has(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        self.tracked.contains(path)
            || self
                .tracked
                .range(format!("{path}/")..)
                .next()
                .is_some_and(|p| p.starts_with(&format!("{path}/")))
    }
}

/// Where a file's inline `#[cfg(test)]` module starts (its length if it
/// has none). A `#[cfg(test)]` on a module declared elsewhere (`mod x;`) or
/// on one item is not where the tests start: the code after it is checked.
fn tests_start(lines: &[String]) -> usize {
    lines
        .windows(2)
        .position(|w| {
            let next = w[1].trim_start();
            w[0].starts_with("#[cfg(test)]")
                && (next.starts_with("mod ") || next.starts_with("pub mod "))
                && next.trim_end().ends_with('{')
        })
        .unwrap_or(lines.len())
}

/// The functions of a file: name, first line (from 1) and length. A
/// function ends at the first line that closes a brace at its indentation,
/// as rustfmt writes it.
fn functions(lines: &[String]) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let Some(name) = fn_name(line.trim_start()) else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{}}}", &line[..indent]);
        let end = lines[i..]
            .iter()
            .position(|l| {
                l.starts_with(&close) && matches!(l[close.len()..].trim_end(), "" | "," | ";" | ")")
            })
            .unwrap_or(0);
        found.push((name, i + 1, end + 1));
    }
    found
}

/// The name of the function a line declares, if it declares one.
fn fn_name(line: &str) -> Option<String> {
    let mut rest = line;
    if let Some(after) = rest.strip_prefix("pub") {
        rest = match after.strip_prefix('(') {
            Some(inner) => inner.split_once(')')?.1,
            None => after,
        }
        .trim_start();
    }
    for qualifier in ["const ", "async ", "unsafe "] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest);
    }
    let name: String = rest
        .strip_prefix("fn ")?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[test]
fn source_files_and_functions_stay_small() {
    let repo = Repo::open();
    let mut over = Vec::new();
    for (path, lines) in repo.sources() {
        if lines.len() > MAX_FILE_LINES {
            over.push(format!(
                "{path}: {} lines before its tests (at most {MAX_FILE_LINES})",
                lines.len()
            ));
        }
        for (name, line, len) in functions(&lines) {
            if len > MAX_FN_LINES {
                over.push(format!(
                    "{path}:{line}: fn {name} has {len} lines (at most {MAX_FN_LINES})"
                ));
            }
        }
    }
    assert!(
        over.is_empty(),
        "split these into smaller parts:\n{}",
        over.join("\n")
    );
}

/// Whether a window of lines says something: enough of its lines hold a
/// word or number that it is code, not a stack of closing brackets.
fn says_something(window: &[(usize, &str)]) -> bool {
    let wordy = window
        .iter()
        .filter(|(_, l)| l.chars().any(char::is_alphanumeric))
        .count();
    wordy * 2 >= window.len()
}

/// Whether a line only brings names into scope (`use …;`, `mod …;`) or is
/// an attribute (`#[derive(…)]`): files that need the same names or derive
/// the same traits say so alike, and that is no logic twice.
fn is_import(line: &str) -> bool {
    let line = line.strip_prefix("pub ").unwrap_or(line);
    line.starts_with("use ")
        || (line.starts_with("mod ") && line.ends_with(';'))
        || line.starts_with("#[")
}

#[test]
fn no_run_of_lines_is_written_twice() {
    let repo = Repo::open();
    let sources = repo.all_code();
    // Every window of MIN_REPEATED_RUN lines of code (trimmed; blank lines,
    // comments and imports left out), with where it starts.
    let mut seen: HashMap<Vec<&str>, Vec<(&str, usize)>> = HashMap::new();
    for (path, lines) in sources.iter().filter(|(p, _)| !REPEAT_EXEMPT.contains(p)) {
        let lines: Vec<(usize, &str)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with("//") && !is_import(l))
            .collect();
        for window in lines.windows(MIN_REPEATED_RUN) {
            if says_something(window) {
                let key = window.iter().map(|(_, l)| *l).collect();
                seen.entry(key).or_default().push((path, window[0].0));
            }
        }
    }
    let mut twice = BTreeSet::new();
    for places in seen.values() {
        for (i, (a, la)) in places.iter().enumerate() {
            for (b, lb) in &places[i + 1..] {
                // A run that repeats a line overlaps itself; that is one place.
                if a != b || la.abs_diff(*lb) >= MIN_REPEATED_RUN {
                    twice.insert(format!("{a}:{la} ~ {b}:{lb}"));
                }
            }
        }
    }
    // Consecutive windows of one long run are reported once, at its start.
    let starts: Vec<&String> = twice
        .iter()
        .filter(|pair| {
            let (a, b) = pair.split_once(" ~ ").expect("a pair");
            let previous = |place: &str| {
                let (path, line) = place.rsplit_once(':').expect("path:line");
                let line: usize = line.parse().expect("a line number");
                format!("{path}:{}", line.saturating_sub(1))
            };
            !twice.contains(&format!("{} ~ {}", previous(a), previous(b)))
        })
        .collect();
    assert!(
        starts.is_empty(),
        "{MIN_REPEATED_RUN} or more identical lines stand in two places; give them one home:\n{}",
        starts
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The inline code spans of a Markdown text, outside fenced blocks.
fn code_spans(markdown: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|span| span.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Whether a word of a code span names a file or folder of the repository.
fn looks_like_path(word: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".rs",
        ".md",
        ".json",
        ".html",
        ".mjs",
        ".js",
        ".css",
        ".toml",
        ".lock",
        ".txt",
        ".png",
        ".webmanifest",
    ];
    let word = word.trim_end_matches([',', '.', ':', ';', ')']);
    !word.starts_with(['/', '-', '$', '<', '@', '#'])
        && !word.contains("://")
        && !word.contains(['[', '<', '='])
        && word.chars().any(|c| c.is_alphabetic())
        && (word.contains('/') || EXTENSIONS.iter().any(|e| word.ends_with(e)))
}

/// Whether a glob (`*` within a segment, e.g. `crates/*/src`) matches a
/// tracked file or a folder holding one.
fn glob_matches(repo: &Repo, glob: &str) -> bool {
    let pattern: Vec<&str> = glob.trim_end_matches('/').split('/').collect();
    let segment_matches = |pattern: &str, name: &str| match pattern.split_once('*') {
        Some((head, tail)) => {
            name.len() >= head.len() + tail.len() && name.starts_with(head) && name.ends_with(tail)
        }
        None => pattern == name,
    };
    repo.tracked.iter().any(|path| {
        let names: Vec<&str> = path.split('/').collect();
        names.len() >= pattern.len()
            && pattern
                .iter()
                .zip(&names)
                .all(|(p, n)| segment_matches(p, n))
    })
}

/// What is wrong with a path a doc names, if anything.
fn path_problem(repo: &Repo, word: &str) -> Option<String> {
    let path = word.trim_end_matches([',', '.', ':', ';', ')']);
    if BUILD_OUTPUTS.iter().any(|o| path.starts_with(o)) {
        return None;
    }
    let found = if path.contains('*') {
        glob_matches(repo, path)
    } else if path.contains('/') {
        repo.has(path)
    } else {
        repo.tracked
            .iter()
            .any(|p| p == path || p.ends_with(&format!("/{path}")))
    };
    (!found).then(|| format!("`{path}` is not a file or folder git tracks"))
}

/// Every name the crates define: functions, types, traits, constants,
/// statics, modules (also as files), macros and enum variants.
fn defined_names(repo: &Repo) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for path in repo.tracked.iter().filter(|p| p.starts_with("crates/")) {
        if let Some(stem) = path.strip_suffix(".rs") {
            names.insert(stem.rsplit('/').next().unwrap_or(stem).replace('-', "_"));
        } else {
            continue;
        }
        for line in repo.read(path).lines() {
            let line = line.trim_start();
            let line = line.strip_prefix("pub ").unwrap_or(line);
            let line = match line.strip_prefix("pub(") {
                Some(rest) => rest.split_once(") ").map_or(line, |(_, r)| r),
                None => line,
            };
            let declared = [
                "fn ",
                "const fn ",
                "async fn ",
                "struct ",
                "enum ",
                "trait ",
                "type ",
                "const ",
                "static ",
                "mod ",
                "macro_rules! ",
            ]
            .iter()
            .find_map(|k| line.strip_prefix(k));
            let word = |s: &str| -> String {
                s.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            };
            if let Some(rest) = declared {
                names.insert(word(rest));
            } else if line.starts_with(|c: char| c.is_ascii_uppercase()) {
                // An enum variant: `Name {`, `Name(`, `Name,` or `Name` alone.
                let name = word(line);
                if matches!(&line[name.len()..], "" | "," | " {" | " {}" | " {}," | " =")
                    || line[name.len()..].starts_with(['(', ' '])
                        && !line[name.len()..].starts_with(" =>")
                {
                    names.insert(name);
                }
            }
        }
    }
    names
}

/// Whether a word of a code span is a path of items, `module::item`.
fn looks_like_item(word: &str) -> bool {
    let word = word.trim_end_matches("()");
    word.contains("::")
        && word.split("::").all(|s| {
            !s.is_empty()
                && s.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !s.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// What is wrong with an item path a doc names, if anything.
fn item_problem(defined: &BTreeSet<String>, word: &str) -> Option<String> {
    let word = word.trim_end_matches("()");
    let mut segments = word.split("::");
    let first = segments.next()?.replace('-', "_");
    if OTHER_CRATES.contains(&first.as_str()) && first != "core" {
        return None;
    }
    let first_ok =
        first == "core" || OUR_CRATES.contains(&first.as_str()) || defined.contains(&first);
    let missing: Vec<&str> = segments.filter(|s| !defined.contains(*s)).collect();
    (!first_ok || !missing.is_empty()).then(|| format!("`{word}` names something no crate defines"))
}

#[test]
fn the_docs_name_only_what_exists() {
    let repo = Repo::open();
    let defined = defined_names(&repo);
    let mut problems = Vec::new();
    for doc in repo.tracked.iter().filter(|p| is_checked_doc(p)) {
        for span in code_spans(&repo.read(doc)) {
            for word in span.split(' ') {
                let problem = if looks_like_path(word) {
                    path_problem(&repo, word)
                } else if looks_like_item(word) {
                    item_problem(&defined, word)
                } else {
                    None
                };
                problems.extend(problem.map(|p| format!("{doc}: {p}")));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rules_read_what_they_should() {
    let lines: Vec<String> = [
        "pub fn a() {",
        "    x",
        "}",
        "    pub(crate) async fn b(&self) -> u8 {",
        "        1",
        "    }",
        "fn c() -> u8;",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        functions(&lines),
        [("a".to_string(), 1, 3), ("b".to_string(), 4, 3)]
    );
    // The tests start at an inline test module, not at a module declared
    // elsewhere for tests only.
    let file = |text: &str| text.lines().map(String::from).collect::<Vec<_>>();
    let with_both =
        file("mod a;\n#[cfg(test)]\nmod testing;\nfn f() {}\n#[cfg(test)]\nmod tests {\n}");
    assert_eq!(tests_start(&with_both), 4);
    assert_eq!(
        tests_start(&file("#[cfg(test)]\nmod testing;\nfn f() {}")),
        3
    );
    assert_eq!(
        code_spans("a `x/y.rs` b\n```\n`no`\n```\n`c::d` `e\nf`"),
        ["x/y.rs", "c::d", "e f"]
    );
    assert!(looks_like_path("crates/core/instruments/*.json"));
    assert!(looks_like_path("index.html"));
    assert!(!looks_like_path("/eksport/"));
    assert!(!looks_like_path("records[3].gender"));
    assert!(!looks_like_path("--help"));
    assert!(looks_like_path("crates/*/src"));
    assert!(looks_like_item("effects::update_draft"));
    assert!(looks_like_item("Flow::after_answer()"));
    assert!(!looks_like_item("a :: b"));
}
