use std::io::{Read, Write};
use std::process::{Command, Stdio};

use super::*;
use crate::lang::Lang;

/// The example key of age's own documentation (a valid recipient).
const KEY: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

fn pair() -> (Identity, Recipient) {
    let identity = Identity::generate();
    let recipient = identity.recipient();
    (identity, recipient)
}

#[test]
fn a_recipient_is_checked_and_kept_in_lower_case() {
    let r = Recipient::parse(&format!("  {KEY}\n")).unwrap();
    assert_eq!(r.as_str(), KEY);
    assert_eq!(Recipient::parse(&KEY.to_uppercase()).unwrap(), r);
    assert_eq!(Recipient::parse(""), Err(KeyError::Empty));
    assert!(matches!(
        Recipient::parse("ssh-ed25519 AAAA"),
        Err(KeyError::NotFound { .. })
    ));
    // One character changed, one missing, one too many, mixed case.
    let changed = KEY.replace("ql3z", "ql3x");
    let mixed = format!("AGE1{}", &KEY[4..]);
    for bad in [&changed, &KEY[..61], &format!("{KEY}q"), &mixed] {
        assert!(
            matches!(Recipient::parse(bad), Err(KeyError::Invalid { .. })),
            "{bad}"
        );
    }
}

#[test]
fn the_checks_agree_with_age_itself() {
    for _ in 0..50 {
        let (_, r) = pair();
        let s = r.as_str();
        let age_ok = |t: &str| t.parse::<age::x25519::Recipient>().is_ok();
        assert!(age_ok(s) && Recipient::parse(s).is_ok());
        // Every one-character change of the data: both refuse, or both take it.
        for at in [4, 20, 40, 55, 61] {
            for c in ['q', 'p', 'z', 'l', '0'] {
                let mut t: Vec<char> = s.chars().collect();
                t[at] = c;
                let t: String = t.into_iter().collect();
                assert_eq!(Recipient::parse(&t).is_ok(), age_ok(&t), "{t}");
            }
        }
    }
}

#[test]
fn a_secret_key_is_never_taken_for_a_recipient() {
    let (identity, _) = pair();
    let file = identity.file_text("2026-11-27T10:00:00Z");
    assert_eq!(Recipient::find(&file), Err(KeyError::SecretKey));
    let secret = file.lines().last().unwrap();
    assert_eq!(Recipient::parse(secret), Err(KeyError::SecretKey));
    assert_eq!(
        Recipient::parse(&secret.to_lowercase()),
        Err(KeyError::SecretKey)
    );
    assert!(KeyError::SecretKey.message(Lang::Da).contains("hemmelig"));
}

#[test]
fn a_recipient_is_found_in_a_line_or_a_key_files_comment() {
    let r = Recipient::parse(KEY).unwrap();
    assert_eq!(Recipient::find(KEY), Ok(r.clone()));
    let comment = format!("# created: 2026-11-27T10:00:00Z\n# public key: {KEY}\n");
    assert_eq!(Recipient::find(&comment), Ok(r.clone()));
    assert_eq!(Recipient::find(&format!("{KEY}\r\n{KEY}\n")), Ok(r));
    let (_, other) = pair();
    assert_eq!(
        Recipient::find(&format!("{KEY}\n{other}\n")),
        Err(KeyError::Several)
    );
    assert_eq!(Recipient::find(" \n"), Err(KeyError::Empty));
    assert!(matches!(
        Recipient::find("hello"),
        Err(KeyError::NotFound { .. })
    ));
}

#[test]
fn the_fingerprint_is_sha256_of_the_key_in_five_groups() {
    let r = Recipient::parse(KEY).unwrap();
    let f = r.fingerprint();
    assert_eq!(f.len(), 24);
    assert_eq!(f.split(' ').count(), 5);
    let digest = Sha256::digest(KEY.as_bytes());
    let hex: String = digest[..10].iter().map(|b| format!("{b:02X}")).collect();
    assert_eq!(f.replace(' ', ""), hex);
    assert_eq!(
        Recipient::parse(&KEY.to_uppercase()).unwrap().fingerprint(),
        f
    );
}

#[test]
fn sealed_bytes_open_again() {
    let (identity, recipient) = pair();
    for plain in [&b""[..], b"{}", &vec![7u8; 200_000]] {
        let sealed = seal(plain, &recipient).unwrap();
        assert!(is_age_file(&sealed));
        assert_eq!(open(&sealed, Some(&identity)).unwrap(), plain);
    }
}

#[test]
fn an_identity_file_reads_back() {
    let (identity, recipient) = pair();
    let text = identity.file_text("2026-11-27T10:00:00Z");
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines[0], "# created: 2026-11-27T10:00:00Z");
    assert_eq!(lines[1], format!("# public key: {recipient}"));
    assert!(lines[2].starts_with("AGE-SECRET-KEY-1"));
    let again = Identity::parse(&format!("\u{feff}{text}\n\n")).unwrap();
    assert_eq!(again.recipient(), recipient);
    assert_eq!(format!("{again:?}"), format!("Identity({recipient})"));
    assert_eq!(
        Identity::parse(&format!("# public key: {KEY}\n")).unwrap_err(),
        KeyError::NoSecretKey { public_only: true }
    );
    assert_eq!(
        Identity::parse(KEY).unwrap_err(),
        KeyError::NoSecretKey { public_only: true }
    );
    assert_eq!(
        Identity::parse("{\"format\": 1}").unwrap_err(),
        KeyError::NoSecretKey { public_only: false }
    );
    assert_eq!(
        Identity::parse(&format!("{text}junk\n")).unwrap_err(),
        KeyError::BadSecretKey { line: 4 }
    );
    let broken = text.replace("AGE-SECRET-KEY-1", "AGE-SECRET-KEY-1Q");
    assert_eq!(
        Identity::parse(&broken).unwrap_err(),
        KeyError::BadSecretKey { line: 3 }
    );
}

/// `bytes` with the character at `at` replaced by another that is still
/// base64 (so the header parses, and only its meaning changed).
fn swapped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at] = if out[at] == b'A' { b'B' } else { b'A' };
    out
}

#[test]
fn each_failure_has_its_reason() {
    let (identity, recipient) = pair();
    let (other, _) = pair();
    let sealed = seal(b"{\"format\":\"trivsel-export\"}", &recipient).unwrap();
    assert_eq!(open(b"{}", Some(&identity)), Err(OpenError::NotAge));
    assert_eq!(open(&sealed, None), Err(OpenError::NoIdentity));
    let wrong = open(&sealed, Some(&other)).unwrap_err();
    assert_eq!(
        wrong,
        OpenError::WrongKey {
            fingerprint: other.recipient().fingerprint()
        }
    );
    assert!(wrong
        .message(Lang::Da)
        .contains("ikke krypteret til denne nøgle"));
    // Cut in the header, after it, inside the content.
    let header_end = sealed.windows(4).position(|w| w == b"\n---").unwrap();
    assert_eq!(
        open(&sealed[..header_end / 2], Some(&identity)),
        Err(OpenError::Truncated)
    );
    let mac_end = header_end
        + sealed[header_end + 1..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 2;
    assert_eq!(
        open(&sealed[..mac_end + 8], Some(&identity)),
        Err(OpenError::Truncated)
    );
    assert_eq!(
        open(&sealed[..sealed.len() - 5], Some(&identity)),
        Err(OpenError::Damaged)
    );
    // One byte changed in the content, in the header's MAC, in the stanza.
    let mut changed = sealed.clone();
    *changed.last_mut().unwrap() ^= 1;
    assert_eq!(open(&changed, Some(&identity)), Err(OpenError::Damaged));
    assert_eq!(
        open(&swapped(&sealed, header_end + 6), Some(&identity)),
        Err(OpenError::HeaderChanged)
    );
    // The X25519 stanza's body (the line after `-> X25519 …`) changed: the
    // file key does not unwrap, which age cannot tell from another's key.
    let stanza_line = sealed.windows(9).position(|w| w == b"-> X25519").unwrap();
    let body = stanza_line
        + sealed[stanza_line..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 3;
    assert!(matches!(
        open(&swapped(&sealed, body), Some(&identity)),
        Err(OpenError::WrongKey { .. })
    ));
    // A grease stanza (or any other header byte) changed: the MAC says so.
    let mut grease = sealed.clone();
    grease[header_end - 3] = if grease[header_end - 3] == b'A' {
        b'B'
    } else {
        b'A'
    };
    assert_eq!(
        open(&grease, Some(&identity)),
        Err(OpenError::HeaderChanged)
    );
    for e in [
        OpenError::Truncated,
        OpenError::Damaged,
        OpenError::Passphrase,
    ] {
        assert_ne!(e.message(Lang::Da), e.message(Lang::En));
    }
}

#[test]
fn an_armored_file_opens_and_a_cut_one_is_truncated() {
    let (identity, recipient) = pair();
    let plain = vec![b'x'; 5000];
    let age_recipient: age::x25519::Recipient = recipient.as_str().parse().unwrap();
    let armored = age::encrypt_and_armor(&age_recipient, &plain).unwrap();
    assert!(is_age_file(armored.as_bytes()));
    assert_eq!(open(armored.as_bytes(), Some(&identity)).unwrap(), plain);
    let cut = &armored.as_bytes()[..armored.len() - 40];
    assert_eq!(open(cut, Some(&identity)), Err(OpenError::Truncated));
    let lines = armored.replacen('\n', "\n\n", 3);
    assert_eq!(
        open(lines.as_bytes(), Some(&identity)),
        Err(OpenError::Malformed)
    );
}

#[test]
fn a_passphrase_file_is_told_apart() {
    let (identity, _) = pair();
    let encryptor = age::Encryptor::with_user_passphrase("secret".to_owned().into());
    let mut sealed = Vec::new();
    let mut w = encryptor.wrap_output(&mut sealed).unwrap();
    w.write_all(b"{}").unwrap();
    w.finish().unwrap();
    assert_eq!(open(&sealed, Some(&identity)), Err(OpenError::Passphrase));
}

#[test]
fn a_stream_reports_its_reason_inside_the_io_error() {
    let (identity, recipient) = pair();
    let plain = vec![3u8; 300_000];
    let mut sealed = seal(&plain, &recipient).unwrap();
    let mut out = Vec::new();
    open_reader(&sealed[..], Some(&identity))
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, plain);
    let n = sealed.len();
    sealed[n - 70_000] ^= 0x10;
    let e = open_reader(&sealed[..], Some(&identity))
        .unwrap()
        .read_to_end(&mut Vec::new())
        .unwrap_err();
    assert_eq!(OpenError::of_io(&e), Some(&OpenError::Damaged));
    // Cut at a chunk's end: the stream ends before its last chunk.
    let header = n - (plain.len() + 16 * 5);
    let e = open_reader(&sealed[..header + 2 * (65_536 + 16)], Some(&identity))
        .unwrap()
        .read_to_end(&mut Vec::new())
        .unwrap_err();
    assert_eq!(OpenError::of_io(&e), Some(&OpenError::Truncated));
}

/// Runs Debian's `age` (or `age-keygen`), or says why the test is skipped.
fn debian_age(program: &str, args: &[&str], input: &[u8]) -> Option<Vec<u8>> {
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!(
                "SKIPPED: `{program}` cannot run ({e}); `cargo xtask test` installs Debian's age"
            );
            return None;
        }
    };
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(out.stdout)
}

#[test]
fn debian_age_reads_what_is_sealed_here_and_the_reverse() {
    let dir = std::env::temp_dir().join(format!("trivsel-sealed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (identity, recipient) = pair();
    let key_file = dir.join("key.txt");
    std::fs::write(&key_file, identity.file_text("2026-11-27T10:00:00Z")).unwrap();
    let key = key_file.to_str().unwrap();
    let plain = br#"{"format":"trivsel-export","records":[]}"#;
    let sealed = seal(plain, &recipient).unwrap();
    let Some(opened) = debian_age("age", &["-d", "-i", key], &sealed) else {
        return;
    };
    assert_eq!(opened, plain);
    for armor in [false, true] {
        let mut args = vec!["-r", recipient.as_str()];
        if armor {
            args.push("-a");
        }
        let theirs = debian_age("age", &args, plain).unwrap();
        assert!(is_age_file(&theirs));
        assert_eq!(open(&theirs, Some(&identity)).unwrap(), plain);
    }
    // A key made by age-keygen opens here, and its public key is found.
    let made = debian_age("age-keygen", &[], b"").unwrap();
    let made = String::from_utf8(made).unwrap();
    let theirs = Identity::parse(&made).unwrap();
    let public = Recipient::find(made.lines().nth(1).unwrap()).unwrap();
    assert_eq!(theirs.recipient(), public);
    std::fs::remove_dir_all(&dir).unwrap();
}
