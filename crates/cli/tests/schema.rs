//! Each committed JSON Schema is what the types generate: the current
//! format's from `trivsel schema`, the frozen version 1 from the types in
//! `core::export::v1` (`trivsel schema 1`). A change to the export types
//! without regenerating the file fails here.

mod common;

use common::{root, run, stdout};

#[test]
fn committed_schemas_match_the_types() {
    let current = trivsel_core::export::VERSION;
    for (args, version) in [(vec!["schema"], current), (vec!["schema", "1"], 1)] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0));
        let name = format!("schema/trivsel-export-v{version}.schema.json");
        let committed = std::fs::read_to_string(root().join(&name)).unwrap_or_default();
        let command = args.join(" ");
        assert!(
            stdout(&out) == committed,
            "{name} differs from what the export types generate. If the change to the format \
             is intended, regenerate it with\n\n    cargo run -p trivsel-cli -- {command} > \
             {name}\n\nand commit it (a released version's schema never changes)."
        );
        let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
        assert_eq!(schema["properties"]["format"]["const"], "trivsel-export");
        assert_eq!(schema["properties"]["version"]["const"], version);
    }
    let out = run(&["schema", "7"]);
    assert_eq!(out.status.code(), Some(2));
}
