//! The committed JSON Schema is what the types generate: a change to the
//! export types without regenerating the file fails here.

mod common;

use common::{root, run, stdout};

#[test]
fn committed_schema_matches_the_types() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let path = root().join("schema/trivsel-export-v1.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        stdout(&out) == committed,
        "{} differs from what the export types generate. If the change to the format is \
         intended, regenerate it with\n\n    cargo run -p trivsel-cli -- schema > \
         schema/trivsel-export-v1.schema.json\n\nand commit it.",
        path.display()
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(schema["properties"]["format"]["const"], "trivsel-export");
}
