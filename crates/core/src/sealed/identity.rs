//! The evaluator's identity: the secret key that opens what was sealed to
//! its public key. Made here, or read from an identity file in the format
//! `age-keygen` writes and `age -d -i` reads.

use std::fmt;

use age::secrecy::ExposeSecret;

use super::{KeyError, Recipient, SECRET_PREFIX};

/// One or more X25519 secret keys (an identity file may hold several; the
/// first one's public key is the file's [`Identity::recipient`]).
pub struct Identity {
    keys: Vec<age::x25519::Identity>,
}

impl Identity {
    /// A new key pair, from the system's (or the browser's) randomness.
    pub fn generate() -> Identity {
        Identity {
            keys: vec![age::x25519::Identity::generate()],
        }
    }

    /// The keys of an identity file: blank lines and `#` comments aside,
    /// every line an `AGE-SECRET-KEY-1…` key, as `age -d -i` requires. A
    /// file with only a public key, or no key, is told apart.
    pub fn parse(text: &str) -> Result<Identity, KeyError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (mut keys, mut other) = (Vec::new(), None);
        for (n, line) in text.lines().enumerate().map(|(n, l)| (n + 1, l.trim())) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            } else if line.starts_with(SECRET_PREFIX) {
                let key = line
                    .parse::<age::x25519::Identity>()
                    .map_err(|_| KeyError::BadSecretKey { line: n })?;
                keys.push(key);
            } else {
                other.get_or_insert(n);
            }
        }
        match (keys.is_empty(), other) {
            (true, _) => Err(KeyError::NoSecretKey {
                public_only: Recipient::find(text).is_ok(),
            }),
            (false, Some(line)) => Err(KeyError::BadSecretKey { line }),
            (false, None) => Ok(Identity { keys }),
        }
    }

    /// The public key of the first secret key: what the counsellor enters.
    pub fn recipient(&self) -> Recipient {
        Recipient(self.keys[0].to_public().to_string())
    }

    /// The identity file's text, as `age-keygen` writes it: for each key a
    /// `# created:` line (`created` as given, e.g. RFC 3339), its
    /// `# public key:` and the secret key.
    pub fn file_text(&self, created: &str) -> String {
        let mut out = String::new();
        for key in &self.keys {
            out.push_str(&format!(
                "# created: {created}\n# public key: {}\n{}\n",
                key.to_public(),
                key.to_string().expose_secret()
            ));
        }
        out
    }

    /// The keys as age takes them.
    pub(super) fn age_identities(&self) -> impl Iterator<Item = &dyn age::Identity> {
        self.keys.iter().map(|k| k as &dyn age::Identity)
    }
}

/// Never the secret: only the public key.
impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Identity({})", self.recipient())
    }
}
