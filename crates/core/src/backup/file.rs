//! The backup file: the backup document (see [`super`]) encrypted in the
//! age format under a passphrase (age's scrypt recipient), so the reference
//! `age` tool decrypts it too. Behind the `age` feature: only the export
//! page's bundle calls it, so the tablet's first load does not carry it;
//! the fuzz targets open hostile files through it.

use std::io::Read;

use super::{MAX_SCRYPT_LOG_N, SCRYPT_LOG_N};
use age::secrecy::SecretString;

/// Why a file could not be decrypted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    WrongPassphrase,
    /// Not an age file encrypted with a passphrase.
    NotABackup,
    /// Its scrypt work factor is above what this app accepts.
    TooCostly,
    Other(String),
}

/// `plain` encrypted under `passphrase` with scrypt work factor [`SCRYPT_LOG_N`].
pub fn seal(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, String> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(SCRYPT_LOG_N);
    age::encrypt(&recipient, plain).map_err(|e| e.to_string())
}

/// The key that opens backup files under `passphrase`. Making one measures
/// the machine's scrypt speed (age's default bound, replaced here by
/// [`MAX_SCRYPT_LOG_N`]), so whoever opens many files makes it once.
pub struct Key(age::scrypt::Identity);

impl Key {
    pub fn new(passphrase: &str) -> Key {
        let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
        identity.set_max_work_factor(max_work_factor());
        Key(identity)
    }
}

/// The plain content of an age file encrypted under `passphrase`.
pub fn open(file: &[u8], passphrase: &str) -> Result<Vec<u8>, OpenError> {
    open_with(file, &Key::new(passphrase))
}

/// The plain content of an age file encrypted under the passphrase of `key`.
pub fn open_with(file: &[u8], key: &Key) -> Result<Vec<u8>, OpenError> {
    use age::DecryptError as E;
    let sort = |e: E| match e {
        E::DecryptionFailed | E::KeyDecryptionFailed | E::NoMatchingKeys => {
            OpenError::WrongPassphrase
        }
        E::InvalidHeader | E::UnknownFormat => OpenError::NotABackup,
        E::ExcessiveWork { .. } => OpenError::TooCostly,
        e => OpenError::Other(e.to_string()),
    };
    if !crate::sealed::is_age_file(file) {
        return Err(OpenError::NotABackup);
    }
    // Buffered: age's unbuffered reader parses the header again for every
    // read, so a header line of 18 KB took 2.6 s (found by fuzzing; a
    // hostile file of some hundred KB would hang the export page).
    let decryptor = age::Decryptor::new_buffered(file).map_err(sort)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(&key.0 as &dyn age::Identity))
        .map_err(sort)?;
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|e| OpenError::Other(e.to_string()))?;
    Ok(plain)
}

/// The largest scrypt work factor a file may ask: [`MAX_SCRYPT_LOG_N`], or,
/// in the fuzz build, the lowest, so the fuzzer spends its time in the
/// parsing around the key derivation, not in it.
fn max_work_factor() -> u8 {
    if cfg!(fuzzing) {
        1
    } else {
        MAX_SCRYPT_LOG_N
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `plain` under `passphrase` at the lowest work factor, so the test is
    /// quick; [`seal`]'s own files are opened by Debian's `age` in the
    /// browser tests.
    fn quick(plain: &[u8], passphrase: &str) -> Vec<u8> {
        let mut r = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
        r.set_work_factor(1);
        age::encrypt(&r, plain).unwrap()
    }

    #[test]
    fn a_backup_file_opens_with_its_passphrase_only_and_says_why_not() {
        let file = quick(b"{}", "blå cykel under gammel bro");
        assert_eq!(open(&file, "blå cykel under gammel bro").unwrap(), b"{}");
        assert_eq!(
            open(&file, "grøn tekop på en rund sten"),
            Err(OpenError::WrongPassphrase)
        );
        assert_eq!(open(b"{}", "x"), Err(OpenError::NotABackup));
        assert_eq!(open(b"", "x"), Err(OpenError::NotABackup));
    }

    #[test]
    fn a_header_with_an_endless_line_is_refused_without_reading_it_again_and_again() {
        // The shape the fuzzer found: a scrypt stanza whose body never wraps.
        let mut file = b"age-encryption.org/v1\n-> scrypt mBYjRZejyZaa5mfuk46vLg 1\n".to_vec();
        file.extend(std::iter::repeat_n(b'V', 200_000));
        let started = std::time::Instant::now();
        assert!(open(&file, "x").is_err());
        // Read once, it takes milliseconds; read again per chunk, minutes.
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }
}
