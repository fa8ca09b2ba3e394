//! What the native tests share: the committed fixtures, and the test
//! programme's `worry` export (core's `test_programme`, the same six courses
//! the CLI's tests report). Only tests name questionnaires.

pub use trivsel_core::test_programme::{programme, with_worry, worry_bytes};

/// A committed fixture's bytes, by its path under `tests/fixtures`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
