//! Exports encrypted to the evaluator, with Debian's `age` on the other
//! side: `trivsel keygen` makes a key that `age -r`/`age -d -i` use, files
//! that `age -r` encrypted report exactly as the plain files do with
//! `-i`, what `trivsel encrypt` writes `age -d` opens to the same bytes,
//! and every way a sealed file can fail is said. Skipped, saying so, when
//! Debian's `age` is not installed (`cargo xtask test` installs it).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{assert_no_panic, report_json, root, run, s, scratch, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/export").join(name)
}

const FIXTURES: [&str; 4] = [
    "v1-tablet-a.json",
    "v1-tablet-b.json",
    "v1-tablet-c.json",
    "v2-substance.json",
];

/// Whether Debian's `age` runs here; if not, the test says it is skipped.
fn have_age() -> bool {
    match Command::new("age").arg("--version").output() {
        Ok(o) if o.status.success() => true,
        _ => {
            eprintln!("SKIPPED: Debian's `age` is not installed (`cargo xtask test` installs it: apt-get install age)");
            false
        }
    }
}

/// Runs Debian's `age` with `args`; it must succeed.
fn age(args: &[&str]) {
    let out = Command::new("age").args(args).output().expect("age runs");
    assert!(
        out.status.success(),
        "age {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new identity file from `trivsel keygen`, and its public key.
fn keygen(dir: &Path, name: &str) -> (PathBuf, String) {
    let key = dir.join(name);
    let out = run(&["keygen", "-o", s(&key)]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(&key).unwrap();
    let public = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("a public key comment")
        .to_string();
    assert!(stdout(&out).contains(&public));
    (key, public)
}

#[test]
fn keygen_writes_a_key_only_its_owner_reads_and_never_overwrites() {
    let dir = scratch("age-keygen");
    let (key, public) = keygen(&dir, "key.txt");
    let text = fs::read_to_string(&key).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("# created: "));
    assert!(lines[2].starts_with("AGE-SECRET-KEY-1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = run(&["keygen", "-o", s(&key)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("overskrives ikke"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&key).unwrap(), text);
    // The fingerprint is printed beside the key, in five groups of four.
    let out = run(&["--lang", "en", "keygen"]);
    let about = stderr(&out);
    let fingerprint = about
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint: "))
        .unwrap();
    assert_eq!(fingerprint.split(' ').count(), 5);
    assert!(stdout(&out).starts_with("# created: ") && !public.is_empty());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn files_that_age_encrypted_report_as_the_plain_files_do() {
    if !have_age() {
        return;
    }
    let dir = scratch("age-report");
    let (key, public) = keygen(&dir, "key.txt");
    let plain: Vec<String> = FIXTURES
        .iter()
        .map(|f| s(&fixture(f)).to_string())
        .collect();
    // The last file as NDJSON, written by merge, so every format is read.
    let ndjson = dir.join("d.ndjson");
    let out = run(&["merge", "--ndjson", "-o", s(&ndjson), &plain[3]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plain_inputs = [&plain[..3], &[s(&ndjson).to_string()]].concat();
    let mut sealed = Vec::new();
    for (n, file) in plain_inputs.iter().enumerate() {
        let name = Path::new(file).file_name().unwrap().to_str().unwrap();
        let to = dir.join(format!("{name}.age"));
        // One of them ASCII-armored (`age -a`).
        let armor: &[&str] = if n == 1 { &["-a"] } else { &[] };
        age(&[&["-r", &public, "-o", s(&to)], armor, &[file.as_str()]].concat());
        sealed.push(s(&to).to_string());
    }
    let report = |files: &[String], key: Option<&Path>| {
        let key: Vec<&str> = key.iter().flat_map(|k| ["-i", s(k)]).collect();
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        let (_, out) = report_json(&files, &key);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(report(&sealed, Some(&key)), report(&plain_inputs, None));
    // A folder of .age files is walked like one of plain files (the four
    // sealed files and the plain NDJSON; the key file is no export).
    let out = run(&["validate", "-i", s(&key), s(&dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out).matches("OK ").count(), 5, "{}", stdout(&out));
    let merged = dir.join("merged.json");
    let out = run(&[
        "merge",
        "-i",
        s(&key),
        "-o",
        s(&merged),
        &sealed[0],
        &sealed[2],
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_sealed_file_without_its_key_or_broken_is_rejected_with_its_reason() {
    if !have_age() {
        return;
    }
    let dir = scratch("age-reasons");
    let (key, public) = keygen(&dir, "key.txt");
    let (other, _) = keygen(&dir, "other.txt");
    let sealed = dir.join("a.json.age");
    age(&[
        "-r",
        &public,
        "-o",
        s(&sealed),
        s(&fixture("v2-substance.json")),
    ]);
    let bytes = fs::read(&sealed).unwrap();
    let truncated = dir.join("truncated.json.age");
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let changed = dir.join("changed.json.age");
    let mut flipped = bytes.clone();
    let at = flipped.len() - 100;
    flipped[at] ^= 0x40;
    fs::write(&changed, flipped).unwrap();
    let header = dir.join("header.json.age");
    fs::write(&header, &bytes[..40]).unwrap();
    let cases: [(&Path, Option<&Path>, &str); 5] = [
        (&sealed, None, "Giv evaluatorens nøglefil med -i"),
        (&sealed, Some(&other), "ikke krypteret til denne nøgle"),
        (&truncated, Some(&key), "ændret eller afkortet"),
        (&changed, Some(&key), "ændret eller afkortet"),
        (&header, Some(&key), "afkortet"),
    ];
    for (file, key, reason) in cases {
        let mut args = vec!["validate"];
        if let Some(key) = key {
            args.extend(["-i", s(key)]);
        }
        args.push(s(file));
        let out = run(&args);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        assert!(
            stdout(&out).contains(reason),
            "{}: {}",
            file.display(),
            stdout(&out)
        );
    }
    // A key file that is not one, or only a public key: a usage error.
    let public_only = dir.join("public.txt");
    fs::write(&public_only, format!("{public}\n")).unwrap();
    let out = run(&["validate", "-i", s(&public_only), s(&sealed)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("kun en offentlig nøgle"),
        "{}",
        stderr(&out)
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_trivsel_encrypts_debian_age_decrypts_to_the_same_bytes() {
    if !have_age() {
        return;
    }
    let dir = scratch("age-encrypt");
    let (key, public) = keygen(&dir, "key.txt");
    for name in FIXTURES {
        let to = dir.join(format!("{name}.age"));
        let out = run(&["encrypt", "-r", &public, "-o", s(&to), s(&fixture(name))]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let back = dir.join(name);
        age(&["-d", "-i", s(&key), "-o", s(&back), s(&to)]);
        assert_eq!(fs::read(&back).unwrap(), fs::read(fixture(name)).unwrap());
    }
    // Never over an existing file; never a file that is sealed already; never a secret key as recipient.
    let to = dir.join("v1-tablet-a.json.age");
    let out = run(&[
        "encrypt",
        "-r",
        &public,
        "-o",
        s(&to),
        s(&fixture(FIXTURES[0])),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["encrypt", "-r", &public, s(&to)]);
    assert!(
        stderr(&out).contains("allerede krypteret"),
        "{}",
        stderr(&out)
    );
    let secret = fs::read_to_string(&key).unwrap();
    let out = run(&[
        "encrypt",
        "-r",
        secret.lines().last().unwrap(),
        s(&fixture(FIXTURES[0])),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hemmelig nøgle"), "{}", stderr(&out));
    // A key made by Debian's age-keygen is read with -i as well.
    let theirs = dir.join("theirs.txt");
    let made = Command::new("age-keygen")
        .args(["-o", s(&theirs)])
        .output()
        .unwrap();
    assert!(made.status.success());
    let their_public = fs::read_to_string(&theirs)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_string))
        .unwrap();
    let sealed = dir.join("theirs.json.age");
    age(&[
        "-r",
        &their_public,
        "-o",
        s(&sealed),
        s(&fixture(FIXTURES[1])),
    ]);
    let out = run(&["validate", "-i", s(&theirs), s(&sealed)]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    fs::remove_dir_all(&dir).unwrap();
}
