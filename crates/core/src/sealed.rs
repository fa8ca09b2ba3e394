//! Exports sealed to the evaluator with the age file format
//! (<https://age-encryption.org/v1>), so a file sent by e-mail or on a USB
//! stick is read only by whoever holds the evaluator's identity (secret key).
//! Every front end seals and opens through this one module, with one
//! fingerprint and one set of reasons:
//!
//! - [`Recipient`]: the evaluator's public key (`age1…`, X25519), checked
//!   where it enters ([`Recipient::find`] takes it from typed or pasted text
//!   or from a file, and refuses a secret key), with a
//!   [`Recipient::fingerprint`] a person can read aloud on the phone.
//!   This part does not call the age crate: the counsellor's settings screen
//!   checks a key without carrying age in its bundle.
//! - [`seal`]: an age file (binary) of some bytes, to one recipient.
//! - [`is_age_file`] tells an age file (binary or ASCII-armored) from a
//!   plain export; [`open`] and [`open_reader`] decrypt one with an
//!   [`Identity`], or say why not ([`OpenError`]: not an age file, no
//!   identity, the wrong key, a passphrase file, truncated, changed).
//! - [`Identity`]: a key pair made here, or read from an identity file in
//!   `age-keygen`'s format (`# created: …`, `# public key: age1…`,
//!   `AGE-SECRET-KEY-1…`), which Debian's `age -d -i` reads as well.
//!
//! Nothing here is a scheme of its own: the files are age's, readable and
//! writable by any age implementation.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::lang::Lang;
use crate::messages::clip;

mod identity;
mod open;

pub use identity::Identity;
pub use open::{open, open_reader, seal, OpenError, Opened};

/// The most of a key file (an identity or a public key) the front ends
/// read: one key's file is under 200 bytes.
pub const MAX_KEY_FILE: u64 = 64 * 1024;

/// The first line of a binary age file (any version: a newer one is
/// recognised as age and refused as unsupported when opened).
const BINARY_MAGIC: &[u8] = b"age-encryption.org/";
/// The first line of an ASCII-armored age file (`age -a`).
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
/// The prefix of an age X25519 secret key.
const SECRET_PREFIX: &str = "AGE-SECRET-KEY-";

/// Whether `bytes` are an age file, binary or ASCII-armored (by their first
/// line, as age itself tells them apart).
pub fn is_age_file(bytes: &[u8]) -> bool {
    bytes.starts_with(BINARY_MAGIC) || bytes.starts_with(ARMOR_BEGIN)
}

/// An age X25519 recipient, the evaluator's public key: `age1` and 58
/// Bech32 characters holding 32 bytes, always kept in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Recipient(String);

/// Why a text is not an evaluator's public key (or identity).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Nothing was given.
    Empty,
    /// The text holds a secret key (`AGE-SECRET-KEY-1…`): the evaluator's
    /// identity, which must never be typed into or kept on a tablet.
    SecretKey,
    /// No `age1…` key in the text (the value, clipped).
    NotFound { found: String },
    /// `age1…`, but not a valid X25519 key: a character wrong or missing.
    Invalid { found: String },
    /// Several different public keys: an export goes to one evaluator.
    Several,
    /// An identity file without a secret key in it.
    NoSecretKey { public_only: bool },
    /// Line `line` of an identity file is not an X25519 secret key.
    BadSecretKey { line: usize },
}

impl KeyError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => tr!(lang,
                da: "Skriv, indsæt eller åbn evaluatorens offentlige nøgle (age1…).".into(),
                en: "Type, paste or open the evaluator's public key (age1…).".into(),
            ),
            Self::SecretKey => tr!(lang,
                da: "Det er en hemmelig nøgle (AGE-SECRET-KEY-…), som kun evaluatoren må have. Den gemmes ikke her. Bed evaluatoren om den offentlige nøgle, der begynder med age1.".into(),
                en: "That is a secret key (AGE-SECRET-KEY-…), which only the evaluator may hold. It is not kept here. Ask the evaluator for the public key, which begins with age1.".into(),
            ),
            Self::NotFound { found } => tr!(lang,
                da: format!("«{found}» er ikke en offentlig age-nøgle: den begynder med age1 og har 62 tegn."),
                en: format!("«{found}» is not an age public key: it begins with age1 and has 62 characters."),
            ),
            Self::Invalid { found } => tr!(lang,
                da: format!("«{found}» er ikke en gyldig offentlig age-nøgle: et tegn er forkert eller mangler. Kopiér den igen fra evaluatoren."),
                en: format!("«{found}» is not a valid age public key: a character is wrong or missing. Copy it again from the evaluator."),
            ),
            Self::Several => tr!(lang,
                da: "Teksten har flere forskellige offentlige nøgler. En eksport krypteres til én evaluator: angiv kun dennes nøgle.".into(),
                en: "The text holds several different public keys. An export is encrypted to one evaluator: give only that key.".into(),
            ),
            Self::NoSecretKey { public_only: true } => tr!(lang,
                da: "Filen har kun en offentlig nøgle (age1…). For at åbne eksporter skal du bruge nøglefilen med den hemmelige nøgle (AGE-SECRET-KEY-1…).".into(),
                en: "The file holds only a public key (age1…). To open exports you need the key file with the secret key (AGE-SECRET-KEY-1…).".into(),
            ),
            Self::NoSecretKey { public_only: false } => tr!(lang,
                da: "Filen er ikke en age-nøglefil: den har ingen hemmelig nøgle (AGE-SECRET-KEY-1…).".into(),
                en: "The file is not an age key file: it holds no secret key (AGE-SECRET-KEY-1…).".into(),
            ),
            Self::BadSecretKey { line } => tr!(lang,
                da: format!("Linje {line} i nøglefilen er ikke en gyldig hemmelig age-nøgle (AGE-SECRET-KEY-1…)."),
                en: format!("Line {line} of the key file is not a valid age secret key (AGE-SECRET-KEY-1…)."),
            ),
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for KeyError {}

impl Recipient {
    /// One public key, exactly (surrounding white space aside): `age1…` in
    /// lower or upper case, a valid Bech32 string of 32 bytes.
    pub fn parse(text: &str) -> Result<Recipient, KeyError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(KeyError::Empty);
        }
        if text.to_ascii_uppercase().contains(SECRET_PREFIX) {
            return Err(KeyError::SecretKey);
        }
        let lower = text.to_ascii_lowercase();
        if !lower.starts_with("age1") {
            return Err(KeyError::NotFound { found: clip(text) });
        }
        let one_case = text == lower || text == text.to_ascii_uppercase();
        match bech32_data(&lower) {
            Some(("age", bytes)) if one_case && bytes.len() == 32 => Ok(Recipient(lower)),
            _ => Err(KeyError::Invalid { found: clip(text) }),
        }
    }

    /// The public key in `text`, typed, pasted or read from a file: a line
    /// that is the key, or the `# public key: age1…` comment of an identity
    /// file. A text holding a secret key is refused whole, whatever else it
    /// holds, so a secret key is never kept by mistake.
    pub fn find(text: &str) -> Result<Recipient, KeyError> {
        if text.to_ascii_uppercase().contains(SECRET_PREFIX) {
            return Err(KeyError::SecretKey);
        }
        let mut found: Option<Recipient> = None;
        let mut first_other: Option<&str> = None;
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let key = line
                .strip_prefix('#')
                .map(str::trim)
                .and_then(|c| c.strip_prefix("public key:"))
                .map_or(line, str::trim);
            if !key.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("age1")) {
                first_other.get_or_insert(line);
                continue;
            }
            let recipient = Recipient::parse(key)?;
            match &found {
                Some(r) if *r != recipient => return Err(KeyError::Several),
                _ => found = Some(recipient),
            }
        }
        match (found, first_other) {
            (Some(r), _) => Ok(r),
            (None, Some(other)) => Err(KeyError::NotFound { found: clip(other) }),
            (None, None) => Err(KeyError::Empty),
        }
    }

    /// The key as age writes it (`age1…`, lower case).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key's fingerprint, to compare with the evaluator by phone: the
    /// first 80 bits of SHA-256 over the key as written (lower case, no line
    /// end), in upper-case hexadecimal, five groups of four
    /// (`3F7A 09C2 B1D4 77E0 5A1C`). Anyone can check it with
    /// `printf %s age1… | sha256sum`: its first 20 digits.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        let hex: Vec<String> = digest[..10].iter().map(|b| format!("{b:02X}")).collect();
        hex.chunks(2)
            .map(|pair| pair.concat())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Bech32 alphabet (BIP 173), as age's keys use it.
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// The human-readable part and the data bytes of a lower-case Bech32
/// string with a valid checksum (BIP 173's, which age's keys use), or `None`.
/// The data's 5-bit groups become bytes; leftover bits must be zero, as the
/// `bech32` crate (age's) requires.
fn bech32_data(s: &str) -> Option<(&str, Vec<u8>)> {
    let at = s.rfind('1')?;
    let (hrp, data) = (&s[..at], &s[at + 1..]);
    if hrp.is_empty() || data.len() < 6 || !hrp.bytes().all(|c| (33..=126).contains(&c)) {
        return None;
    }
    let values: Vec<u8> = data
        .bytes()
        .map(|c| BECH32.iter().position(|&b| b == c).map(|v| v as u8))
        .collect::<Option<_>>()?;
    let expanded = hrp
        .bytes()
        .map(|c| c >> 5)
        .chain([0])
        .chain(hrp.bytes().map(|c| c & 31));
    if polymod(expanded.chain(values.iter().copied())) != 1 {
        return None;
    }
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for v in &values[..values.len() - 6] {
        acc = (acc << 5) | u32::from(*v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 5 && acc == 0).then_some((hrp, out))
}

/// BIP 173's checksum over 5-bit values.
fn polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

#[cfg(test)]
mod tests;
