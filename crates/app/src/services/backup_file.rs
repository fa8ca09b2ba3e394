//! The backup file: the backup document (see `trivsel_core::backup`)
//! encrypted in the age format under a passphrase (age's scrypt recipient),
//! so the reference `age` tool decrypts it too. Only the export page calls
//! this module, so age's code is in that page's bundle alone.

use std::io::{Read, Write};

use age::secrecy::SecretString;
use trivsel_core::backup::{MAX_SCRYPT_LOG_N, SCRYPT_LOG_N};

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
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| e.to_string())?;
    writer.write_all(plain).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The plain content of an age file encrypted under `passphrase`.
pub fn open(file: &[u8], passphrase: &str) -> Result<Vec<u8>, OpenError> {
    use age::DecryptError as E;
    let sort = |e: E| match e {
        E::DecryptionFailed | E::KeyDecryptionFailed | E::NoMatchingKeys => {
            OpenError::WrongPassphrase
        }
        E::InvalidHeader | E::UnknownFormat => OpenError::NotABackup,
        E::ExcessiveWork { .. } => OpenError::TooCostly,
        e => OpenError::Other(e.to_string()),
    };
    let decryptor = age::Decryptor::new(file).map_err(sort)?;
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_SCRYPT_LOG_N);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(sort)?;
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|e| OpenError::Other(e.to_string()))?;
    Ok(plain)
}
