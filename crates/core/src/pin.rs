//! The counsellor lock's rules: what a new PIN must be, how a stored PIN looks,
//! and how long to wait after wrong tries. The hashing itself is WebCrypto's
//! (PBKDF2) in the app; only the policy is here, so it is tested natively.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// PBKDF2-HMAC-SHA256 iterations for a new PIN (OWASP's 2023 figure). Stored
/// with each hash, so it can be raised later without locking anyone out.
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// Shortest PIN or passphrase accepted.
pub const MIN_PIN_CHARS: usize = 6;

/// Wrong tries allowed before waiting starts.
pub const FREE_TRIES: u32 = 3;

/// A PIN as stored: never the PIN itself, only a salted slow hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinHash {
    pub algorithm: String,
    pub iterations: u32,
    /// Hex-encoded random salt (16 bytes).
    pub salt: String,
    /// Hex-encoded 32-byte derived key.
    pub hash: String,
}

/// Wrong tries so far and when the next try is allowed (ms since the epoch).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lockout {
    pub failures: u32,
    pub until_ms: u64,
}

impl Lockout {
    /// The state after one more wrong try at `now_ms`: the first three are
    /// free, then the wait doubles from 5 s up to 5 minutes.
    pub fn after_failure(self, now_ms: u64) -> Lockout {
        let failures = self.failures.saturating_add(1);
        let wait_s = match failures.checked_sub(FREE_TRIES) {
            None | Some(0) => 0,
            Some(n) => (5u64 << (n - 1).min(6)).min(300),
        };
        Lockout {
            failures,
            until_ms: now_ms + wait_s * 1000,
        }
    }

    /// Whole seconds left to wait at `now_ms` (0 when a try is allowed).
    pub fn wait_seconds(&self, now_ms: u64) -> u64 {
        self.until_ms.saturating_sub(now_ms).div_ceil(1000)
    }
}

/// Why a new PIN is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinError {
    TooShort,
    Mismatch,
}

impl PinError {
    pub fn message(self, lang: Lang) -> String {
        match self {
            Self::TooShort => tr!(lang,
                da: format!("PIN-koden skal have mindst {MIN_PIN_CHARS} tegn."),
                en: format!("The PIN must have at least {MIN_PIN_CHARS} characters."),
            ),
            Self::Mismatch => tr!(lang,
                da: "De to PIN-koder er ikke ens.".into(),
                en: "The two PINs are not the same.".into(),
            ),
        }
    }
}

/// Checks a new PIN and its repetition.
pub fn check_new_pin(pin: &str, repeat: &str) -> Result<(), PinError> {
    if pin.chars().count() < MIN_PIN_CHARS {
        return Err(PinError::TooShort);
    }
    if pin != repeat {
        return Err(PinError::Mismatch);
    }
    Ok(())
}

/// Lower-case hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of a lower- or upper-case hex string; `None` if it is not hex.
pub fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Compares two byte strings in time independent of where they differ.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_three_wrong_tries_are_free_then_the_wait_doubles_to_five_minutes() {
        let mut l = Lockout::default();
        let mut waits = Vec::new();
        for _ in 0..12 {
            l = l.after_failure(1_000_000);
            waits.push(l.wait_seconds(1_000_000));
        }
        assert_eq!(waits, [0, 0, 0, 5, 10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(l.wait_seconds(1_000_000 + 299_001), 1);
        assert_eq!(l.wait_seconds(1_000_000 + 300_000), 0);
    }

    #[test]
    fn new_pins_are_checked() {
        assert_eq!(check_new_pin("12345", "12345"), Err(PinError::TooShort));
        assert_eq!(check_new_pin("123456", "123457"), Err(PinError::Mismatch));
        assert_eq!(check_new_pin("æøå123", "æøå123"), Ok(()));
        assert!(PinError::TooShort.message(Lang::Da).contains("mindst 6"));
    }

    #[test]
    fn hex_and_constant_time_compare() {
        assert_eq!(to_hex(&[0, 15, 255]), "000fff");
        assert_eq!(from_hex("000fFF"), Some(vec![0, 15, 255]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("æø"), None);
        assert!(same_bytes(b"abc", b"abc"));
        assert!(!same_bytes(b"abc", b"abd"));
        assert!(!same_bytes(b"abc", b"ab"));
    }
}
