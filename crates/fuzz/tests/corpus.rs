//! Every kept corpus file and every input that once crashed a target, run
//! through its target: a parser that panics on one of them fails CI, so a
//! crash the fuzzer found stays fixed.

use std::fs;
use std::path::Path;

use trivsel_fuzz::TARGETS;

/// The files in `crates/fuzz/<kind>/<target>/`, if that folder exists.
fn files(kind: &str, target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(kind)
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_target_has_a_corpus_and_runs_it_without_a_panic() {
    for (name, target) in TARGETS {
        let corpus = files("corpus", name);
        assert!(!corpus.is_empty(), "crates/fuzz/corpus/{name}/ has seeds");
        for path in corpus.iter().chain(&files("crashes", name)) {
            let bytes = fs::read(path).unwrap();
            let run = std::panic::catch_unwind(|| target(&bytes));
            assert!(run.is_ok(), "{name} panics on {}", path.display());
        }
    }
}

#[test]
fn crash_folders_name_only_targets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crashes");
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            name == "README.md" || trivsel_fuzz::target(&name).is_some(),
            "crates/fuzz/crashes/{name} is no target"
        );
    }
}
