//! Fuzz targets: every parser of input from outside the program, each as a
//! function of raw bytes that must return, whatever the bytes, without a
//! panic, an abort, a hang or unbounded memory. AFL++ drives them
//! (`cargo xtask fuzz`, through the `afl` crate on stable Rust); CI runs each
//! on every file of its kept corpus (`crates/fuzz/corpus/<target>/`) and on
//! every input that once crashed it (`crates/fuzz/crashes/<target>/`), see
//! `tests/corpus.rs`.
//!
//! Adding a parser is one function here and one line in [`TARGETS`], plus a
//! few seed files in its corpus folder. A parser that runs a deliberate
//! key-derivation work factor (a backup file's scrypt) lowers it under
//! `cfg(fuzzing)`, which `cargo afl` sets, so the fuzzer spends its time in
//! the parsing around it.

use trivsel_core::backup::{self, parse_backup};
use trivsel_core::import::{parse_document, parse_ndjson_line, Limits};
use trivsel_core::sealed::{self, Identity, Recipient};
use trivsel_core::{parse_programme, Catalogue, Instrument};

/// A fuzz target: a parser fed raw bytes.
pub type Target = fn(&[u8]);

/// Every target by name, as `cargo xtask fuzz TARGET` and the corpus
/// folders name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("export_document", export_document),
    ("ndjson_line", ndjson_line),
    ("cli_stream", cli_stream),
    ("instrument", instrument),
    ("programme", programme),
    ("age_file", age_file),
    ("backup", backup),
];

/// The target named `name`.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Core's whole-file reader of an export document. What it accepts must
/// write and read back as the same document.
pub fn export_document(bytes: &[u8]) {
    let shipped = Catalogue::shipped();
    let Ok(doc) = parse_document(bytes, &Limits::default(), shipped) else {
        return;
    };
    let again = serde_json::to_vec(&doc).expect("an accepted document serialises");
    let back = parse_document(&again, &Limits::default(), shipped)
        .unwrap_or_else(|e| panic!("an accepted document reads back: {e}"));
    assert_eq!(back, doc, "an accepted document reads back unchanged");
}

/// Core's reader of one NDJSON line. What it accepts must read back.
pub fn ndjson_line(bytes: &[u8]) {
    let Ok(line) = std::str::from_utf8(bytes) else {
        return;
    };
    let shipped = Catalogue::shipped();
    let Ok(record) = parse_ndjson_line(line, shipped) else {
        return;
    };
    let again = serde_json::to_string(&record).expect("an accepted record serialises");
    let back = parse_ndjson_line(&again, shipped)
        .unwrap_or_else(|e| panic!("an accepted record reads back: {e}"));
    assert_eq!(back, record, "an accepted record reads back unchanged");
}

/// The CLI's streaming readers: the bytes as one export document, and as
/// NDJSON.
pub fn cli_stream(bytes: &[u8]) {
    use trivsel_cli::stream::{read_document, read_ndjson};
    let shipped = Catalogue::shipped();
    let _ = read_document(bytes, shipped, &mut |_| Ok(()));
    let _ = read_ndjson(bytes, shipped, &mut |_| Ok(()));
}

/// One instrument definition, as a programme file or an export carries it:
/// read, checked and added to the shipped catalogue.
pub fn instrument(bytes: &[u8]) {
    let Ok(def) = serde_json::from_slice::<Instrument>(bytes) else {
        return;
    };
    if def.check().is_err() {
        return;
    }
    let mut catalogue = Catalogue::shipped().clone();
    let _ = catalogue.add_instrument(def);
}

/// A programme file, read against the shipped catalogue.
pub fn programme(bytes: &[u8]) {
    let _ = parse_programme(bytes, Catalogue::shipped());
}

/// The identity the `age_file` target opens files with: a throwaway key made
/// for the fuzz corpus (`crates/fuzz/corpus/age_file/identity.txt`; its
/// seeds are exports `age -r` sealed to it), never an evaluator's.
const FUZZ_IDENTITY: &str = include_str!("../corpus/age_file/identity.txt");

/// The evaluator's side of an age file, as the CLI and the evaluator page
/// meet it: the bytes as an identity file and as a public key (both typed
/// or opened by a person), then as an age file opened with the fuzz
/// identity; what opens is read as an export document.
pub fn age_file(bytes: &[u8]) {
    use std::sync::OnceLock;
    static IDENTITY: OnceLock<Identity> = OnceLock::new();
    let identity = IDENTITY.get_or_init(|| Identity::parse(FUZZ_IDENTITY).expect("the fuzz key"));
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = Identity::parse(text);
        let _ = Recipient::find(text);
    }
    if let Ok(plain) = sealed::open(bytes, Some(identity)) {
        let _ = parse_document(&plain, &Limits::default(), Catalogue::shipped());
    }
}

/// A backup as the export page restores it: the bytes as an age file under
/// the passphrase "fuzz" (scrypt's work factor lowered to 1 in the fuzz
/// build, so the fuzzer spends its time in the parsing around it), and as
/// the backup document itself; what reads must write and read back.
pub fn backup(bytes: &[u8]) {
    use std::sync::OnceLock;
    static KEY: OnceLock<backup::file::Key> = OnceLock::new();
    let key = KEY.get_or_init(|| backup::file::Key::new("fuzz"));
    if let Ok(plain) = backup::file::open_with(bytes, key) {
        let _ = parse_backup(&plain, Catalogue::shipped());
    }
    let Ok(parsed) = parse_backup(bytes, Catalogue::shipped()) else {
        return;
    };
    let back = parse_backup(parsed.to_json().as_bytes(), Catalogue::shipped())
        .unwrap_or_else(|e| panic!("an accepted backup reads back: {e:?}"));
    // The settings are the app's JSON as stored. serde_json reads a number of
    // 17 significant digits to within a unit or two in the last place only
    // (its exact reader would cost the first load), so they must come back
    // equal but for that; everyone and every record comes back exactly.
    assert!(
        close(&back.settings, &parsed.settings),
        "the settings read back: {:?} against {:?}",
        back.settings,
        parsed.settings
    );
    let settled = |b: &backup::Backup| backup::Backup {
        settings: serde_json::Value::Null,
        ..b.clone()
    };
    assert_eq!(
        settled(&back),
        settled(&parsed),
        "an accepted backup reads back unchanged"
    );
}

/// Whether two JSON values are the same but for numbers within a few units
/// in the last place.
fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => {
                x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
            }
            _ => x == y,
        },
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y))
        }
        (V::Object(x), V::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
        }
        _ => a == b,
    }
}
