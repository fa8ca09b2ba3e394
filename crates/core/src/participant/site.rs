//! The programme or site a participant belongs to: read as a counsellor
//! types it ([`Site::parse`], which tidies it) and as trivsel writes it
//! ([`Site::exact`], which refuses what `parse` would tidy).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::lang::Lang;
use crate::strict::refused;

/// The programme or site a participant belongs to, as the counsellor types it
/// (e.g. `UngRåd Aarhus`). A short label, not free text: letters, digits,
/// spaces and `- . ' /` only, 1–40 characters.
///
/// Serialised as the plain string; deserialising goes through [`Site::exact`]:
/// a name as written, never tidied.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Site(String);

/// Why a typed site name is not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SiteError {
    Empty,
    TooLong {
        chars: usize,
    },
    InvalidChar(char),
    /// Only punctuation, e.g. `-` or `./`.
    NoLetterOrDigit,
    /// A name as a person types it, not as trivsel writes it: `written`
    /// (cut) would read as `site`.
    NotAsWritten {
        written: String,
        site: String,
        why: SiteUnwritten,
    },
}

/// What a typed site name can have that a written one never has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteUnwritten {
    /// White space before or after the name.
    Padded,
    /// White space inside other than single spaces.
    Spacing,
    /// The typographic apostrophe `’`, written `'`.
    Apostrophe,
}

impl SiteError {
    pub fn message(&self, lang: Lang) -> String {
        let max = Site::MAX_CHARS;
        match self {
            Self::Empty => tr!(lang,
                da: "Skriv navnet på stedet eller forløbet.".into(),
                en: "Enter the name of the site or programme.".into(),
            ),
            Self::TooLong { chars } => tr!(lang,
                da: format!("Navnet må højst have {max} tegn (det har {chars})."),
                en: format!("The name can have at most {max} characters (it has {chars})."),
            ),
            Self::InvalidChar(c) => {
                let c = crate::messages::clip(&c.to_string());
                tr!(lang,
                    da: format!("Tegnet «{c}» kan ikke bruges i navnet. Brug bogstaver, tal, mellemrum og - . ' /"),
                    en: format!("The character «{c}» cannot be used in the name. Use letters, digits, spaces and - . ' /"),
                )
            }
            Self::NoLetterOrDigit => tr!(lang,
                da: "Navnet skal indeholde mindst ét bogstav eller tal.".into(),
                en: "The name must contain at least one letter or digit.".into(),
            ),
            Self::NotAsWritten { written, site, why } => {
                let why = match why {
                    SiteUnwritten::Padded => {
                        tr!(lang, da: "mellemrum før eller efter navnet", en: "white space before or after the name")
                    }
                    SiteUnwritten::Spacing => {
                        tr!(lang, da: "andet mellemrum end enkelte mellemrum", en: "white space other than single spaces")
                    }
                    SiteUnwritten::Apostrophe => {
                        tr!(lang, da: "apostroffen ’", en: "the apostrophe ’")
                    }
                };
                tr!(lang,
                    da: format!("«{written}» er ikke et navn, som trivsel skriver det: det har {why}; skrevet rigtigt er det «{site}»."),
                    en: format!("«{written}» is not a name as trivsel writes it: it has {why}; written so, it is «{site}»."),
                )
            }
        }
    }
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SiteError {}

impl Site {
    pub const MAX_CHARS: usize = 40;

    /// Reads a site name: trimmed, every run of whitespace inside made one
    /// space, and the typographic apostrophe `’` (which tablet keyboards type
    /// for `'`) made `'`, so the same name typed twice is the same site. Then
    /// 1–40 characters, each a letter (any script, æøå included), a digit
    /// 0–9, a space or one of `- . ' /`, and at least one letter or digit.
    pub fn parse(input: &str) -> Result<Site, SiteError> {
        let mut name = String::new();
        let mut space = false;
        for c in input.trim().chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            let c = if c == '\u{2019}' { '\'' } else { c };
            if !(c.is_alphabetic() || c.is_ascii_digit() || matches!(c, '-' | '.' | '\'' | '/')) {
                return Err(SiteError::InvalidChar(c));
            }
            if space {
                name.push(' ');
                space = false;
            }
            name.push(c);
        }
        let chars = name.chars().count();
        if chars == 0 {
            Err(SiteError::Empty)
        } else if chars > Self::MAX_CHARS {
            Err(SiteError::TooLong { chars })
        } else if !name
            .chars()
            .any(|c| c.is_alphabetic() || c.is_ascii_digit())
        {
            Err(SiteError::NoLetterOrDigit)
        } else {
            Ok(Site(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Reads a site name as trivsel writes it (in an export, in storage):
    /// exactly what [`Site::parse`] makes of it, as the JSON Schema's pattern
    /// says. A name `parse` would tidy (white space around or doubled, `’`)
    /// is refused, saying which.
    pub fn exact(written: &str) -> Result<Site, SiteError> {
        let site = Site::parse(written)?;
        if site.0 == written {
            return Ok(site);
        }
        let why = if written.trim() != written {
            SiteUnwritten::Padded
        } else if written.contains('\u{2019}') {
            SiteUnwritten::Apostrophe
        } else {
            SiteUnwritten::Spacing
        };
        Err(SiteError::NotAsWritten {
            written: crate::messages::clip(written),
            site: site.0,
            why,
        })
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As written ([`Site::exact`]), the reason in both languages.
impl<'de> Deserialize<'de> for Site {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Site::exact(&s).map_err(|e| refused(|lang| e.message(lang)))
    }
}

impl From<Site> for String {
    fn from(site: Site) -> String {
        site.0
    }
}
