//! What a counsellor's passphrase must be. The passphrase protects the tablet's
//! data at rest: the key that opens every stored value is kept only wrapped
//! under a key derived from it (PBKDF2-SHA256, see [`crate::pin`]). Whoever
//! copies the browser's profile can try passphrases offline as fast as their
//! hardware allows, so a passphrase must be long and not among the commonest.
//! The derivation itself is WebCrypto's, in the app; only the rule is here.

use crate::lang::Lang;
use crate::participant::{crockford_symbol, CROCKFORD};

/// Shortest passphrase accepted as one string of characters.
pub const MIN_CHARS: usize = 12;

/// Fewest words accepted instead (each at least [`MIN_WORD_CHARS`] long).
pub const MIN_WORDS: usize = 4;

/// Shortest word that counts towards [`MIN_WORDS`].
pub const MIN_WORD_CHARS: usize = 3;

/// The shipped list of refused passphrases and words, one a line, already
/// normalised (lower case, letters and digits only). They are compared after
/// normalising and removing digits at either end (so "Sommer 2026!" is
/// "sommer"). A short list on purpose, as it ships in the tablet's first
/// load: the most common passwords of public breach lists, and the Danish
/// words people use as passwords (seasons, cities, the app's and the
/// counsellor's own words).
const COMMON: &str = include_str!("../data/common-passphrases.txt");

/// Why a new passphrase is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseError {
    /// Fewer than 12 characters and fewer than 4 words.
    TooShort,
    /// Among the commonest passwords, or a common word with digits or marks added.
    TooCommon,
    /// One character repeated, a run along the keyboard or the alphabet, or only digits.
    TooSimple,
    /// The repetition differs.
    Mismatch,
}

impl PassphraseError {
    pub fn message(self, lang: Lang) -> String {
        match self {
            Self::TooShort => tr!(lang,
                da: format!("Adgangssætningen skal have mindst {MIN_CHARS} tegn eller mindst {MIN_WORDS} ord."),
                en: format!("The passphrase must have at least {MIN_CHARS} characters or at least {MIN_WORDS} words."),
            ),
            Self::TooCommon => tr!(lang,
                da: "Den adgangssætning er for almindelig. Vælg nogle ord, der ikke hører sammen.".into(),
                en: "That passphrase is too common. Choose a few words that do not belong together.".into(),
            ),
            Self::TooSimple => tr!(lang,
                da: "Adgangssætningen er for let at gætte (kun tal, samme tegn eller en række på tastaturet).".into(),
                en: "The passphrase is too easy to guess (only digits, one character repeated or a row of the keyboard).".into(),
            ),
            Self::Mismatch => tr!(lang,
                da: "De to adgangssætninger er ikke ens.".into(),
                en: "The two passphrases are not the same.".into(),
            ),
        }
    }
}

/// Lower-cased letters and digits only: what the common list is compared with.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_common(normalised: &str) -> bool {
    // "Sommer2026" and "password123" are the word with digits added.
    let stem = normalised.trim_end_matches(|c: char| c.is_ascii_digit());
    let stem = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    COMMON
        .lines()
        .map(str::trim)
        .any(|word| word == normalised || word == stem)
}

/// Whether `s` is one character repeated, only digits, or a run of one of
/// the keyboard's rows or of the alphabet (forwards or backwards, repeated).
fn is_simple(normalised: &str) -> bool {
    let chars: Vec<char> = normalised.chars().collect();
    let Some(&first) = chars.first() else {
        return true;
    };
    if chars.iter().all(|&c| c == first) || chars.iter().all(char::is_ascii_digit) {
        return true;
    }
    const RUNS: [&str; 5] = [
        "01234567890",
        "abcdefghijklmnopqrstuvwxyzæøå",
        "qwertyuiopå",
        "asdfghjklæø",
        "zxcvbnm",
    ];
    chars.windows(2).all(|pair| {
        RUNS.iter().any(|run| {
            let run: Vec<char> = run.chars().collect();
            run.windows(2)
                .any(|w| (w[0], w[1]) == (pair[0], pair[1]) || (w[1], w[0]) == (pair[0], pair[1]))
        })
    })
}

/// Checks a new passphrase against the rule, then its repetition.
pub fn check_new_passphrase(passphrase: &str, repeat: &str) -> Result<(), PassphraseError> {
    let long = passphrase.trim().chars().count() >= MIN_CHARS;
    let words = passphrase
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_WORD_CHARS)
        .count();
    if !long && words < MIN_WORDS {
        return Err(PassphraseError::TooShort);
    }
    let normalised = normalise(passphrase);
    if is_simple(&normalised) {
        return Err(PassphraseError::TooSimple);
    }
    if is_common(&normalised) {
        return Err(PassphraseError::TooCommon);
    }
    if passphrase != repeat {
        return Err(PassphraseError::Mismatch);
    }
    Ok(())
}

/// Symbols in a recovery key (5 bits each: 125 random bits).
pub const RECOVERY_SYMBOLS: usize = 25;

/// A recovery key from 16 random bytes: 25 Crockford base32 symbols in five
/// groups, e.g. `7K2QD-M9X4T-…`. It is a second secret that unwraps the
/// tablet's key; the organisation keeps it off the tablet.
pub fn recovery_key(random: [u8; 16]) -> String {
    let n = u128::from_be_bytes(random);
    let symbols: Vec<u8> = (0..RECOVERY_SYMBOLS)
        .map(|i| CROCKFORD[((n >> (5 * (RECOVERY_SYMBOLS - 1 - i))) & 31) as usize])
        .collect();
    grouped(&symbols)
}

/// Symbols in groups of five, joined by hyphens.
fn grouped(symbols: &[u8]) -> String {
    symbols
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed recovery key in its canonical form (groups of five, capitals),
/// forgiving spaces, hyphens, lower case and the letters Crockford reads as
/// digits (O as 0, I and L as 1); `None` if it cannot be one.
pub fn normalise_recovery_key(typed: &str) -> Option<String> {
    let mut symbols = Vec::with_capacity(RECOVERY_SYMBOLS);
    for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        symbols.push(crockford_symbol(c)? as u8);
    }
    (symbols.len() == RECOVERY_SYMBOLS).then(|| grouped(&symbols))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(p: &str) -> Result<(), PassphraseError> {
        check_new_passphrase(p, p)
    }

    #[test]
    fn twelve_characters_or_four_words() {
        assert_eq!(check("kort kode"), Err(PassphraseError::TooShort));
        assert_eq!(check("elleve tegn"), Err(PassphraseError::TooShort));
        assert_eq!(check("  elleve tegn   "), Err(PassphraseError::TooShort));
        assert_eq!(check("tolv tegn!!x"), Ok(()));
        // Words of fewer than three letters do not count as words.
        assert_eq!(check("ko ål ræ gå"), Err(PassphraseError::TooShort));
        assert_eq!(check("ged ål ræv"), Err(PassphraseError::TooShort));
        assert_eq!(check("ko ged ål ræv hest"), Ok(()));
        assert_eq!(check("blå cykel under broen"), Ok(()));
        assert_eq!(check("æblegrød på taget"), Ok(()));
    }

    #[test]
    fn the_commonest_are_refused_also_with_digits_marks_or_capitals() {
        for p in [
            "password1234",
            "Password 2026!",
            "Adgangskode123",
            "Sommer2026!!!",
            "123456789012",
            "Jeg elsker dig 1",
            "correct horse battery staple",
            "Trivsel-2026",
        ] {
            assert!(check(p).is_err(), "{p} should be refused");
        }
        // A common word with more than digits after it is not the bare word.
        assert_eq!(check("Trivsel 2026 x"), Ok(()));
    }

    #[test]
    fn runs_repeats_and_digits_are_too_simple() {
        assert_eq!(check("aaaaaaaaaaaaaa"), Err(PassphraseError::TooSimple));
        assert_eq!(check("abcdefghijklm"), Err(PassphraseError::TooSimple));
        assert_eq!(check("mlkjihgfedcba"), Err(PassphraseError::TooSimple));
        assert_eq!(check("ASDFGHJKLÆØ!"), Err(PassphraseError::TooSimple));
        assert_eq!(check("9876543210987"), Err(PassphraseError::TooSimple));
        assert_eq!(
            check("4 8 15 16 23 42 108"),
            Err(PassphraseError::TooSimple)
        );
    }

    #[test]
    fn the_repetition_must_match() {
        assert_eq!(
            check_new_passphrase("blå cykel under broen", "blå cykel under broen."),
            Err(PassphraseError::Mismatch)
        );
        assert!(PassphraseError::TooShort
            .message(Lang::Da)
            .contains("12 tegn"));
        assert!(PassphraseError::TooShort
            .message(Lang::En)
            .contains("4 words"));
    }

    #[test]
    fn recovery_keys_are_25_symbols_in_five_groups_and_read_back_forgivingly() {
        let key = recovery_key([0xA5; 16]);
        assert_eq!(key.len(), 29);
        assert_eq!(key.split('-').count(), 5);
        assert_ne!(recovery_key([0; 16]), recovery_key([1; 16]));
        assert_eq!(normalise_recovery_key(&key).as_deref(), Some(key.as_str()));
        let sloppy = key.to_lowercase().replace('-', " ");
        assert_eq!(
            normalise_recovery_key(&sloppy).as_deref(),
            Some(key.as_str())
        );
        assert_eq!(
            normalise_recovery_key("OOOOO-IIIII-LLLLL-00000-11111").as_deref(),
            Some("00000-11111-11111-00000-11111")
        );
        assert_eq!(normalise_recovery_key("blå cykel under broen"), None);
        assert_eq!(normalise_recovery_key("ABCDE-ABCDE"), None);
        assert_eq!(
            normalise_recovery_key("UUUUU-UUUUU-UUUUU-UUUUU-UUUUU"),
            None
        );
    }

    #[test]
    fn the_list_is_normalised_as_input_is() {
        for line in COMMON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            assert_eq!(
                normalise(line),
                line,
                "list entry {line:?} must be normalised"
            );
        }
    }
}
