//! The ids of responses and exports: random UUIDs of version 4, written
//! lower-case and hyphenated (`0f8fad5b-d9cb-469f-a165-70867728950e`).
//!
//! An id is parsed once, where it enters (a stored record, an imported file,
//! the CLI's stream), and is a [`Uuid`] from then on: two numbers, copied
//! freely, ordered exactly as its text is, and written back as the same
//! text. Whatever is not such an id is refused with a [`UuidError`] at that
//! one door, so no later step checks an id again.

use std::fmt;
use std::str::FromStr;

use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lang::Lang;
use crate::messages::clip;

/// A UUID version 4 as trivsel writes it: 8-4-4-4-12 lower-case hex digits,
/// the 13th digit `4`. Serialised as that string; deserialising parses it.
/// Ordered like its text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid {
    // Field order matters: the derived `Ord` compares the high half first,
    // which orders ids exactly as their fixed-width hex text.
    hi: u64,
    lo: u64,
}

/// A string that is not a [`Uuid`]; `found` is the string, cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UuidError {
    pub found: String,
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl Uuid {
    /// The id from 16 random bytes supplied by the caller: sets the version
    /// (4) and the RFC 9562 variant bits.
    pub fn from_random(mut bytes: [u8; 16]) -> Uuid {
        bytes[6] = (bytes[6] & 0x0F) | 0x40;
        bytes[8] = (bytes[8] & 0x3F) | 0x80;
        Uuid::from_u128(u128::from_be_bytes(bytes))
    }

    /// Reads exactly the form this type writes: 36 characters, hyphens at
    /// 8, 13, 18 and 23, lower-case hex digits elsewhere, and `4` (the
    /// version) as the 13th digit.
    pub fn parse(s: &str) -> Result<Uuid, UuidError> {
        Uuid::read(s).ok_or_else(|| UuidError { found: clip(s) })
    }

    fn read(s: &str) -> Option<Uuid> {
        let b = s.as_bytes();
        let mut n = 0u128;
        let well_formed = b.len() == 36
            && b.iter().enumerate().all(|(i, &c)| {
                let digit = match (i, c) {
                    (8 | 13 | 18 | 23, b'-') => return true,
                    (8 | 13 | 18 | 23, _) => return false,
                    (14, _) if c != b'4' => return false,
                    (_, b'0'..=b'9') => c - b'0',
                    (_, b'a'..=b'f') => c - b'a' + 10,
                    _ => return false,
                };
                n = n << 4 | u128::from(digit);
                true
            });
        well_formed.then(|| Uuid::from_u128(n))
    }

    fn from_u128(n: u128) -> Uuid {
        Uuid {
            hi: (n >> 64) as u64,
            lo: n as u64,
        }
    }

    /// The id as one number, ordered as the id is.
    pub fn as_u128(self) -> u128 {
        u128::from(self.hi) << 64 | u128::from(self.lo)
    }

    /// The id as written: 8-4-4-4-12 lower-case hex digits.
    fn text(self) -> String {
        let n = self.as_u128();
        let mut out = String::with_capacity(36);
        for digit in (0..32).rev() {
            if matches!(out.len(), 8 | 13 | 18 | 23) {
                out.push('-');
            }
            out.push(char::from(HEX[(n >> (4 * digit)) as usize & 0xF]));
        }
        out
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl fmt::Debug for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uuid({self})")
    }
}

impl FromStr for Uuid {
    type Err = UuidError;

    fn from_str(s: &str) -> Result<Uuid, UuidError> {
        Uuid::parse(s)
    }
}

impl Serialize for Uuid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Uuid {
    /// Read as a `String`, as the tablet reads its other strings, so an id
    /// adds no deserialiser of its own to the app; a bad one is a plain
    /// serde error that an import shows with its JSON path.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Uuid, D::Error> {
        let text = String::deserialize(d)?;
        Uuid::read(&text).ok_or_else(|| de::Error::custom(UuidError::clause(Lang::En)))
    }
}

impl UuidError {
    /// What a string that is no id is, as a clause: the one wording of
    /// every message about a bad id (a deserialised one says just this,
    /// since an import names the field it is in).
    pub fn clause(lang: Lang) -> &'static str {
        tr!(lang,
            da: "ikke et gyldigt UUID (version 4)",
            en: "not a valid UUID (version 4)",
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        let (found, clause) = (&self.found, Self::clause(lang));
        tr!(lang,
            da: format!("«{found}» er {clause}."),
            en: format!("«{found}» is {clause}."),
        )
    }
}

impl fmt::Display for UuidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for UuidError {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    fn uuid(s: &str) -> Uuid {
        Uuid::parse(s).unwrap()
    }

    #[test]
    fn ids_parse_only_in_the_written_form() {
        assert_eq!(uuid(ID).to_string(), ID);
        for bad in [
            ID.to_uppercase(),
            "0f8fad5b-d9cb-369f-a165-70867728950e".into(), // version 3
            "0f8fad5bd9cb469fa16570867728950e".into(),
            "0f8fad5b-d9cb-469f-a165-70867728950".into(),
            "0f8fad5b-d9cb-469f-a165-70867728950g".into(),
            "{0f8fad5b-d9cb-469f-a165-70867728950e}".into(),
            "0f8fad5b-d9cb-469f-a165+70867728950e".into(),
            String::new(),
        ] {
            assert!(Uuid::parse(&bad).is_err(), "{bad}");
        }
        assert_eq!(
            Uuid::parse("nope").unwrap_err().message(Lang::Da),
            "«nope» er ikke et gyldigt UUID (version 4)."
        );
        assert_eq!(
            Uuid::parse(&"x".repeat(1000))
                .unwrap_err()
                .found
                .chars()
                .count(),
            60
        );
    }

    #[test]
    fn random_bytes_become_a_version_4_id() {
        assert_eq!(
            Uuid::from_random([0; 16]).to_string(),
            "00000000-0000-4000-8000-000000000000"
        );
        assert_eq!(
            Uuid::from_random([0xFF; 16]).to_string(),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        assert_eq!(
            Uuid::from_random([
                0x0f, 0x8f, 0xad, 0x5b, 0xd9, 0xcb, 0x46, 0x9f, 0xa1, 0x65, 0x70, 0x86, 0x77, 0x28,
                0x95, 0x0e
            ])
            .to_string(),
            ID
        );
    }

    #[test]
    fn serde_is_the_string() {
        assert_eq!(
            serde_json::to_string(&uuid(ID)).unwrap(),
            format!("\"{ID}\"")
        );
        assert_eq!(
            serde_json::from_str::<Uuid>(&format!("\"{ID}\"")).unwrap(),
            uuid(ID)
        );
        let err = serde_json::from_str::<Uuid>("\"nope\"").unwrap_err();
        assert!(
            err.to_string().starts_with("not a valid UUID (version 4)"),
            "{err}"
        );
        let err = serde_json::from_str::<Uuid>("5").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("invalid type: integer `5`, expected a string"));
    }

    proptest! {
        #[test]
        fn random_ids_round_trip_and_order_as_text(a in any::<[u8; 16]>(), b in any::<[u8; 16]>()) {
            let (a, b) = (Uuid::from_random(a), Uuid::from_random(b));
            prop_assert_eq!(uuid(&a.to_string()), a);
            prop_assert!(matches!(a.to_string().as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
            prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
            prop_assert_eq!(a.cmp(&b), a.as_u128().cmp(&b.as_u128()));
        }
    }
}
