//! Sealing bytes to a recipient, and opening an age file with an identity,
//! whole or as a stream, with one reason per way it can fail.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufReader, Read};
use std::rc::Rc;

use age::armor::{ArmoredReadError, ArmoredReader};
use age::DecryptError;

use super::{is_age_file, Identity, KeyError, Recipient};
use crate::lang::Lang;
use crate::messages::clip;

/// `plain` as a binary age file to `to`, the format `age -r` writes.
pub fn seal(plain: &[u8], to: &Recipient) -> Result<Vec<u8>, KeyError> {
    let invalid = || KeyError::Invalid {
        found: clip(to.as_str()),
    };
    let recipient: age::x25519::Recipient = to.as_str().parse().map_err(|_| invalid())?;
    age::encrypt(&recipient, plain).map_err(|_| invalid())
}

/// Why an age file cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The bytes are not an age file.
    NotAge,
    /// An age file, but no identity was given to open it.
    NoIdentity,
    /// The file is not sealed to the identity given (whose public key has
    /// this fingerprint), or its key section was changed.
    WrongKey { fingerprint: String },
    /// The file is sealed with a passphrase (a tablet's backup, say), not
    /// to an evaluator's key.
    Passphrase,
    /// A version of the age format this build does not read.
    Unsupported,
    /// The header or the ASCII armor is not well formed.
    Malformed,
    /// The header's MAC does not match: the header was changed.
    HeaderChanged,
    /// The file ends before it is complete.
    Truncated,
    /// The content fails age's authentication: changed, or cut short,
    /// after it was sealed (within a chunk the two look the same).
    Damaged,
    /// Reading failed (the system's message).
    Io(String),
}

impl OpenError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotAge => tr!(lang,
                da: "Filen er ikke krypteret med age.".into(),
                en: "The file is not encrypted with age.".into(),
            ),
            Self::NoIdentity => tr!(lang,
                da: "Filen er krypteret til evaluatoren (age). Åbn evaluatorens nøglefil (AGE-SECRET-KEY-…) for at læse den.".into(),
                en: "The file is encrypted to the evaluator (age). Open the evaluator's key file (AGE-SECRET-KEY-…) to read it.".into(),
            ),
            Self::WrongKey { fingerprint } => tr!(lang,
                da: format!("Filen er ikke krypteret til denne nøgle (fingeraftryk {fingerprint}): den er krypteret til en anden evaluatornøgle, eller dens nøgleafsnit er ændret. Brug den nøgle, hvis offentlige nøgle tabletten har i indstillingerne."),
                en: format!("The file is not encrypted to this key (fingerprint {fingerprint}): it is encrypted to another evaluator key, or its key section was changed. Use the key whose public key the tablet has in its settings."),
            ),
            Self::Passphrase => tr!(lang,
                da: "Filen er krypteret med en adgangssætning (f.eks. en sikkerhedskopi af en tablet), ikke til evaluatorens nøgle. Den er ikke en eksport.".into(),
                en: "The file is encrypted with a passphrase (a tablet's backup, say), not to the evaluator's key. It is not an export.".into(),
            ),
            Self::Unsupported => tr!(lang,
                da: "Filen bruger en version af age-formatet, som dette program ikke kan læse.".into(),
                en: "The file uses a version of the age format this program cannot read.".into(),
            ),
            Self::Malformed => tr!(lang,
                da: "Filen begynder som en age-fil, men dens hoved eller tekstindpakning er ødelagt. Bed om filen igen.".into(),
                en: "The file begins like an age file, but its header or text armor is broken. Ask for the file again.".into(),
            ),
            Self::HeaderChanged => tr!(lang,
                da: "Filens krypteringshoved er ændret, efter den blev krypteret (kontrolkoden passer ikke). Bed om filen igen.".into(),
                en: "The file's encryption header was changed after it was encrypted (its check code does not match). Ask for the file again.".into(),
            ),
            Self::Truncated => tr!(lang,
                da: "Filen er afkortet: den slutter, før den krypterede fil er færdig. Bed om filen igen.".into(),
                en: "The file is truncated: it ends before the encrypted file is complete. Ask for the file again.".into(),
            ),
            Self::Damaged => tr!(lang,
                da: "Filen er ændret eller afkortet, efter den blev krypteret: dens indhold består ikke age-kontrollen. Bed om filen igen.".into(),
                en: "The file was changed or cut short after it was encrypted: its content fails age's check. Ask for the file again.".into(),
            ),
            Self::Io(e) => tr!(lang,
                da: format!("Filen kunne ikke læses: {e}."),
                en: format!("The file could not be read: {e}."),
            ),
        }
    }

    /// The reason an [`Opened`] reader gave, inside an I/O error that came
    /// through other readers (serde_json's, a `BufReader`).
    pub fn of_io(e: &io::Error) -> Option<&OpenError> {
        e.get_ref()?.downcast_ref::<OpenError>()
    }

    /// An I/O error from age's readers: the end of the input before the end
    /// of the file, a broken armor (at the end of the input: truncated), or
    /// content that fails authentication.
    fn of_age_io(e: &io::Error, at_end: bool) -> OpenError {
        let armor = e
            .get_ref()
            .is_some_and(|inner| inner.is::<ArmoredReadError>());
        match e.kind() {
            io::ErrorKind::UnexpectedEof => OpenError::Truncated,
            io::ErrorKind::InvalidData if armor && at_end => OpenError::Truncated,
            io::ErrorKind::InvalidData if armor => OpenError::Malformed,
            io::ErrorKind::InvalidData => OpenError::Damaged,
            _ => OpenError::Io(e.to_string()),
        }
    }

    fn of_age(e: DecryptError, identity: &Identity, at_end: bool) -> OpenError {
        match e {
            DecryptError::NoMatchingKeys => OpenError::WrongKey {
                fingerprint: identity.recipient().fingerprint(),
            },
            DecryptError::ExcessiveWork { .. } => OpenError::Passphrase,
            DecryptError::InvalidHeader => OpenError::Malformed,
            DecryptError::InvalidMac => OpenError::HeaderChanged,
            DecryptError::UnknownFormat => OpenError::Unsupported,
            DecryptError::Io(e) => OpenError::of_age_io(&e, at_end),
            _ => OpenError::Damaged,
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for OpenError {}

/// The whole of an age file's content: `bytes` opened with `identity`.
pub fn open(bytes: &[u8], identity: Option<&Identity>) -> Result<Vec<u8>, OpenError> {
    if !is_age_file(bytes) {
        return Err(OpenError::NotAge);
    }
    let mut reader = open_reader(bytes, identity)?;
    let mut out = Vec::with_capacity(bytes.len());
    reader
        .read_to_end(&mut out)
        .map_err(|e| match OpenError::of_io(&e) {
            Some(reason) => reason.clone(),
            None => OpenError::Io(e.to_string()),
        })?;
    Ok(out)
}

/// An age file's content as a stream: the header is read and the key
/// checked here; the content is authenticated chunk by chunk as it is read
/// (64 KiB at a time), and a chunk that fails is an I/O error holding the
/// [`OpenError`] ([`OpenError::of_io`]). Binary and armored files alike.
pub fn open_reader<R: Read>(input: R, identity: Option<&Identity>) -> Result<Opened<R>, OpenError> {
    let at_end = Rc::new(Cell::new(false));
    let watched = Watch {
        inner: input,
        at_end: at_end.clone(),
    };
    let decryptor = age::Decryptor::new_buffered(ArmoredReader::new(watched));
    let decryptor = match (decryptor, identity) {
        (Ok(d), _) if d.is_scrypt() => return Err(OpenError::Passphrase),
        (Ok(_), None) => return Err(OpenError::NoIdentity),
        (Ok(d), Some(identity)) => d
            .decrypt(identity.age_identities())
            .map_err(|e| OpenError::of_age(e, identity, at_end.get()))?,
        (Err(DecryptError::Io(e)), _) => return Err(OpenError::of_age_io(&e, at_end.get())),
        (Err(DecryptError::InvalidHeader), _) => return Err(OpenError::Malformed),
        (Err(DecryptError::UnknownFormat), _) => return Err(OpenError::Unsupported),
        (Err(_), _) => return Err(OpenError::Malformed),
    };
    Ok(Opened {
        inner: decryptor,
        at_end,
    })
}

/// The plain content of an age file being read (see [`open_reader`]).
pub struct Opened<R: Read> {
    inner: age::stream::StreamReader<ArmoredReader<BufReader<Watch<R>>>>,
    at_end: Rc<Cell<bool>>,
}

impl<R: Read> Read for Opened<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let reason = OpenError::of_age_io(&e, self.at_end.get());
            io::Error::new(e.kind(), reason)
        })
    }
}

/// A reader that notes when its input has ended, so a broken armor at the
/// very end reads as a truncated file.
struct Watch<R> {
    inner: R,
    at_end: Rc<Cell<bool>>,
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.at_end.set(true);
        }
        Ok(n)
    }
}
