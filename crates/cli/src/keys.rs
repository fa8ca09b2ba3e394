//! The evaluator's key pair and sealed files: `trivsel keygen` makes an
//! identity file (the format `age-keygen` writes, so Debian's `age -d -i`
//! reads it), `trivsel encrypt` seals a file to a public key as the tablet
//! does, and `-i FILE` on `validate`, `merge` and `report` is read here.
//! The age work itself is core's (`trivsel_core::sealed`).

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use trivsel_core::sealed::{self, Identity, Recipient};
use trivsel_core::{tr, Lang};

use crate::Status;

/// Now, in UTC, as RFC 3339 (`2026-11-27T10:04:05Z`): the key file's
/// `# created:` line.
fn now_rfc3339() -> String {
    let (day, t) = crate::commands::now_utc();
    format!("{day}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}

/// Creates `path` for writing, readable by its owner only, never replacing
/// a file that is there.
fn create_new(path: &Path) -> io::Result<fs::File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Why a file cannot be written, for the terminal.
fn write_failed(lang: Lang, path: &Path, e: &io::Error) -> String {
    let path = path.display();
    match e.kind() {
        io::ErrorKind::AlreadyExists => tr!(lang,
            da: format!("trivsel: {path} findes allerede og overskrives ikke."),
            en: format!("trivsel: {path} already exists and is not overwritten."),
        ),
        _ => tr!(lang,
            da: format!("trivsel: {path} kunne ikke skrives: {e}."),
            en: format!("trivsel: {path} could not be written: {e}."),
        ),
    }
}

/// The public key and its fingerprint, as the evaluator gives them to the
/// counsellors.
fn describe(recipient: &Recipient, lang: Lang) -> String {
    let fingerprint = recipient.fingerprint();
    tr!(lang,
        da: format!("Offentlig nøgle: {recipient}\nFingeraftryk:    {fingerprint}\nGiv rådgiverne den offentlige nøgle, og læs fingeraftrykket op for dem i telefonen: tabletten viser det samme."),
        en: format!("Public key:  {recipient}\nFingerprint: {fingerprint}\nGive the counsellors the public key, and read them the fingerprint on the phone: the tablet shows the same."),
    )
}

/// `trivsel keygen`: a new identity to `output` (mode 0600, never over an
/// existing file), or to stdout as `age-keygen` does; the public key and
/// fingerprint to stdout (to stderr when the identity went to stdout).
pub fn keygen(output: Option<&Path>, lang: Lang) -> Status {
    let identity = Identity::generate();
    let text = identity.file_text(&now_rfc3339());
    let about = describe(&identity.recipient(), lang);
    let Some(path) = output else {
        print!("{text}");
        eprintln!("{about}");
        return Status::Ok;
    };
    match create_new(path)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
    {
        Ok(()) => {
            let keep = tr!(lang,
                da: format!("Nøglen er skrevet til {} (kun læsbar for dig). Opbevar den sikkert, og tag en kopi: uden den kan de krypterede eksporter ikke åbnes.", path.display()),
                en: format!("The key is written to {} (readable by you only). Keep it safe, and keep a copy: without it the encrypted exports cannot be opened.", path.display()),
            );
            println!("{about}\n{keep}");
            Status::Ok
        }
        Err(e) => {
            eprintln!("{}", write_failed(lang, path, &e));
            Status::BadInput
        }
    }
}

/// The evaluator's identity from the key file given with `-i`, or the
/// reason it cannot be used.
pub fn load_identity(path: &Path, lang: Lang) -> Result<Identity, String> {
    let read = fs::File::open(path).and_then(|f| {
        let mut text = String::new();
        f.take(sealed::MAX_KEY_FILE)
            .read_to_string(&mut text)
            .map(|_| text)
    });
    let text = read.map_err(|e| {
        tr!(lang,
            da: format!("trivsel: nøglefilen {} kunne ikke læses: {e}.", path.display()),
            en: format!("trivsel: the key file {} could not be read: {e}.", path.display()),
        )
    })?;
    Identity::parse(&text).map_err(|e| format!("trivsel: {}: {}", path.display(), e.message(lang)))
}

/// `trivsel encrypt`: `file` sealed to `recipient` (a public key, or a
/// text holding one) into `output`, by default the file's name with `.age`
/// added; never over an existing file, never a file that is sealed already.
pub fn encrypt(recipient: &str, file: &Path, output: Option<&Path>, lang: Lang) -> Status {
    let recipient = match Recipient::find(recipient) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("trivsel: {}", e.message(lang));
            return Status::Usage;
        }
    };
    let plain = match fs::read(file) {
        Ok(bytes) if sealed::is_age_file(&bytes) => {
            eprintln!(
                "{}",
                tr!(lang,
                    da: format!("trivsel: {} er allerede krypteret med age.", file.display()),
                    en: format!("trivsel: {} is already encrypted with age.", file.display()),
                )
            );
            return Status::BadInput;
        }
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("trivsel: {}: {e}", file.display());
            return Status::BadInput;
        }
    };
    let output = output.map_or_else(|| with_age(file), Path::to_path_buf);
    let sealed = match sealed::seal(&plain, &recipient) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("trivsel: {}", e.message(lang));
            return Status::Usage;
        }
    };
    match create_new(&output).and_then(|mut f| f.write_all(&sealed)) {
        Ok(()) => {
            let fingerprint = recipient.fingerprint();
            println!(
                "{}",
                tr!(lang,
                    da: format!("Krypteret til {fingerprint}: {}", output.display()),
                    en: format!("Encrypted to {fingerprint}: {}", output.display()),
                )
            );
            Status::Ok
        }
        Err(e) => {
            eprintln!("{}", write_failed(lang, &output, &e));
            Status::BadInput
        }
    }
}

/// `file` with `.age` added to its name.
fn with_age(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".age");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_created_line_is_rfc3339_in_utc() {
        let now = now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T');
        assert_eq!(with_age(Path::new("a/b.json")), Path::new("a/b.json.age"));
    }
}
