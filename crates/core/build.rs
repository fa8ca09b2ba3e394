//! Embeds the shipped catalogue (`catalogue/instruments/*.json`,
//! `catalogue/batteries/*.json`) compactly, in the order `catalogue/catalogue.json`
//! gives: each file is parsed, so a broken file fails the build, and written
//! without its indentation into `OUT_DIR`, with a list for `core::catalogue`
//! to include. A file in the folders that the order does not list (or the
//! other way round) fails the build too. The files stay readable in the
//! repository; the app carries no white space for them.

use std::fs;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut list = String::new();
    let order_path = Path::new("catalogue/catalogue.json");
    println!("cargo::rerun-if-changed={}", order_path.display());
    let order: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(order_path).expect("catalogue/catalogue.json"))
            .expect("catalogue/catalogue.json is JSON");
    for kind in ["instruments", "batteries"] {
        let dir = Path::new("catalogue").join(kind);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut on_disk: Vec<String> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| {
                e.expect("a directory entry")
                    .file_name()
                    .into_string()
                    .expect("a UTF-8 name")
            })
            .filter(|n| n.ends_with(".json"))
            .collect();
        let names: Vec<String> = order[kind]
            .as_array()
            .unwrap_or_else(|| panic!("catalogue.json lists no {kind}"))
            .iter()
            .map(|n| n.as_str().expect("a file name").to_string())
            .collect();
        let mut listed = names.clone();
        listed.sort();
        on_disk.sort();
        assert_eq!(
            listed,
            on_disk,
            "catalogue.json must list every file in {}",
            dir.display()
        );
        list.push_str(&format!(
            "/// The shipped {kind}, compact JSON.\npub const {}: &[&str] = &[\n",
            kind.to_uppercase()
        ));
        for name in names {
            let path = dir.join(&name);
            println!("cargo::rerun-if-changed={}", path.display());
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let compact = format!("{kind}-{name}");
            fs::write(
                Path::new(&out).join(&compact),
                serde_json::to_string(&value).expect("JSON"),
            )
            .expect("OUT_DIR is writable");
            list.push_str(&format!(
                "    include_str!(concat!(env!(\"OUT_DIR\"), \"/{compact}\")),\n"
            ));
        }
        list.push_str("];\n");
    }
    fs::write(Path::new(&out).join("shipped.rs"), list).expect("OUT_DIR is writable");
}
