//! Who answered, without saying who: a random code and a few coarse categories.
//!
//! trivsel never asks for a name (see ARCHITECTURE.md). A young person is known
//! to the app by a short random code that the counsellor can read aloud and
//! type back, plus the coarse facts a programme reports on (gender, age band,
//! course type, site). Everything a counsellor types is checked here, so a
//! stored participant is always well formed and exports stay consistent.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::date::Date;
use crate::lang::Lang;
use crate::strict::refused;
use crate::tagged;

/// Crockford's base32 alphabet: digits and capitals without I, L, O and U,
/// so a code read aloud or handwritten is not mistaken for another.
/// Participant codes and the tablet's recovery key use it.
pub(crate) const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The Crockford symbol a typed character stands for: lower case is upper
/// case, and the look-alikes O → 0 and I, L → 1 are mapped as Crockford
/// prescribes; `None` for U and anything outside the alphabet.
pub(crate) fn crockford_symbol(c: char) -> Option<char> {
    let symbol = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        s => s,
    };
    (symbol.is_ascii() && CROCKFORD.contains(&(symbol as u8))).then_some(symbol)
}

/// A participant's code: 6 symbols of Crockford base32, e.g. `938NKR`
/// (30 random bits, about a billion codes).
///
/// Serialised as the plain string. Deserialising goes through
/// [`ParticipantCode::exact`]: a code as written, never normalised.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct ParticipantCode(String);

/// Why a typed code is not a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Nothing but spaces and hyphens.
    Empty,
    /// A character that is not a code symbol (U, punctuation, æøå, …).
    InvalidChar(char),
    /// The wrong number of symbols.
    WrongLength { found: usize },
    /// A code as a person types it, not as trivsel writes it (in an export
    /// or in storage): `written` (cut) would read as `code`.
    NotAsWritten {
        written: String,
        code: String,
        why: Unwritten,
    },
}

/// What a code a person could type has that a written code never has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwritten {
    /// Spaces or dashes between the symbols.
    Spaces,
    /// Lower-case letters.
    LowerCase,
    /// A letter Crockford's alphabet reads as a digit (O as 0; I and L as 1).
    LookAlike(char),
}

impl CodeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => tr!(lang,
                da: "Skriv koden (6 tegn).".into(),
                en: "Enter the code (6 characters).".into(),
            ),
            Self::InvalidChar(c) => {
                let c = crate::messages::clip(&c.to_string());
                tr!(lang,
                    da: format!("Tegnet «{c}» kan ikke indgå i en kode. En kode består af tal og bogstaverne A–Z undtagen U."),
                    en: format!("The character «{c}» cannot be part of a code. A code consists of digits and the letters A–Z except U."),
                )
            }
            Self::WrongLength { found } => tr!(lang,
                da: format!("Koden skal have 6 tegn, men har {found}."),
                en: format!("The code must have 6 characters, but has {found}."),
            ),
            Self::NotAsWritten { written, code, why } => {
                let why = match why {
                    Unwritten::Spaces => {
                        tr!(lang, da: "mellemrum eller bindestreger".to_string(), en: "spaces or dashes".to_string())
                    }
                    Unwritten::LowerCase => {
                        tr!(lang, da: "små bogstaver".to_string(), en: "lower-case letters".to_string())
                    }
                    Unwritten::LookAlike(c) => {
                        let digit = if *c == 'O' { '0' } else { '1' };
                        tr!(lang, da: format!("bogstavet {c}, som skrives {digit}"), en: format!("the letter {c}, written {digit}"))
                    }
                };
                tr!(lang,
                    da: format!("«{written}» er ikke en kode, som trivsel skriver den (6 tal og store bogstaver uden I, L, O og U): den har {why}; skrevet rigtigt er den {code}."),
                    en: format!("«{written}» is not a code as trivsel writes it (6 digits and capital letters without I, L, O and U): it has {why}; written so, it is {code}."),
                )
            }
        }
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CodeError {}

impl ParticipantCode {
    /// Symbols in a code.
    pub const LEN: usize = 6;

    /// A code from 4 random bytes (the caller supplies them, e.g. from
    /// `crypto.getRandomValues`): the low 30 bits of the big-endian `u32`,
    /// five bits per symbol, most significant first. Every 30-bit value gives
    /// a different code.
    pub fn from_random(bytes: [u8; 4]) -> Self {
        let n = u32::from_be_bytes(bytes) & 0x3FFF_FFFF;
        let code = (0..Self::LEN)
            .rev()
            .map(|i| char::from(CROCKFORD[((n >> (5 * i)) & 31) as usize]))
            .collect();
        ParticipantCode(code)
    }

    /// Reads a code as a person types it: surrounding and inner spaces and
    /// hyphens (and other dashes) are ignored, lower case is upper case, and
    /// the look-alikes O → 0 and I, L → 1 are mapped as Crockford prescribes.
    /// U and anything outside the alphabet are rejected, and exactly 6
    /// symbols must remain.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let mut code = String::with_capacity(Self::LEN);
        for c in input.chars() {
            if c.is_whitespace() || is_dash(c) {
                continue;
            }
            let Some(symbol) = crockford_symbol(c) else {
                return Err(CodeError::InvalidChar(c));
            };
            code.push(symbol);
        }
        match code.len() {
            0 => Err(CodeError::Empty),
            Self::LEN => Ok(ParticipantCode(code)),
            found => Err(CodeError::WrongLength { found }),
        }
    }

    /// Reads a code as trivsel writes it (in an export, in storage): exactly
    /// 6 symbols of the alphabet in upper case, as the JSON Schema's pattern
    /// says. What [`ParticipantCode::parse`] would read another way (lower
    /// case, a look-alike, spaces or dashes) is refused, saying which.
    pub fn exact(written: &str) -> Result<Self, CodeError> {
        if written.len() == Self::LEN && written.bytes().all(|b| CROCKFORD.contains(&b)) {
            return Ok(ParticipantCode(written.to_string()));
        }
        let code = Self::parse(written)?;
        let why = if written.chars().any(|c| c.is_whitespace() || is_dash(c)) {
            Unwritten::Spaces
        } else if let Some(c) = written.chars().find(|c| matches!(c, 'O' | 'I' | 'L')) {
            Unwritten::LookAlike(c)
        } else {
            Unwritten::LowerCase
        };
        Err(CodeError::NotAsWritten {
            written: crate::messages::clip(written),
            code: code.0,
            why,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

impl fmt::Display for ParticipantCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As written ([`ParticipantCode::exact`]): what serde reads was written by
/// trivsel, never typed. The reason is in both languages (see `strict`).
impl<'de> Deserialize<'de> for ParticipantCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ParticipantCode::exact(&s).map_err(|e| refused(|lang| e.message(lang)))
    }
}

impl From<ParticipantCode> for String {
    fn from(code: ParticipantCode) -> String {
        code.0
    }
}

/// Gender as the young person states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Gender {
    Girl,
    Boy,
    Other,
    NotStated,
}

impl Gender {
    pub const ALL: [Gender; 4] = [Gender::Girl, Gender::Boy, Gender::Other, Gender::NotStated];

    /// The name an export writes: `girl`, `not_stated`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Girl => "girl",
            Self::Boy => "boy",
            Self::Other => "other",
            Self::NotStated => "not_stated",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Girl => tr!(lang, da: "Pige", en: "Girl"),
            Self::Boy => tr!(lang, da: "Dreng", en: "Boy"),
            Self::Other => tr!(lang, da: "Andet", en: "Other"),
            Self::NotStated => tr!(lang, da: "Ønsker ikke at svare", en: "Prefers not to say"),
        }
    }
}

/// Age at intake, in the bands programmes report on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AgeBand {
    #[serde(rename = "12-14")]
    Age12To14,
    #[serde(rename = "15-17")]
    Age15To17,
    #[serde(rename = "18-20")]
    Age18To20,
    #[serde(rename = "21-25")]
    Age21To25,
    #[serde(rename = "unknown")]
    Unknown,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::Age12To14,
        AgeBand::Age15To17,
        AgeBand::Age18To20,
        AgeBand::Age21To25,
        AgeBand::Unknown,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Age12To14 => tr!(lang, da: "12–14 år", en: "12–14 years"),
            Self::Age15To17 => tr!(lang, da: "15–17 år", en: "15–17 years"),
            Self::Age18To20 => tr!(lang, da: "18–20 år", en: "18–20 years"),
            Self::Age21To25 => tr!(lang, da: "21–25 år", en: "21–25 years"),
            Self::Unknown => tr!(lang, da: "Ukendt", en: "Unknown"),
        }
    }
}

/// The kind of course the young person is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CourseType {
    Counselling,
    IndividualTreatment,
    Group,
    Parents,
}

impl CourseType {
    pub const ALL: [CourseType; 4] = [
        CourseType::Counselling,
        CourseType::IndividualTreatment,
        CourseType::Group,
        CourseType::Parents,
    ];

    /// The name an export writes: `counselling`, `individual_treatment`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Counselling => "counselling",
            Self::IndividualTreatment => "individual_treatment",
            Self::Group => "group",
            Self::Parents => "parents",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Counselling => tr!(lang, da: "Rådgivning", en: "Counselling"),
            Self::IndividualTreatment => {
                tr!(lang, da: "Individuel behandling", en: "Individual treatment")
            }
            Self::Group => tr!(lang, da: "Gruppeforløb", en: "Group course"),
            Self::Parents => tr!(lang, da: "Forældre", en: "Parents"),
        }
    }
}

mod site;
pub use site::{Site, SiteError, SiteUnwritten};

/// A young person in a course, as the counsellor registers them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub code: ParticipantCode,
    pub gender: Gender,
    pub age_band: AgeBand,
    pub site: Site,
    pub course: CourseType,
    /// The day the participant was registered.
    pub created: Date,
}

/// When in a course a questionnaire is answered.
///
/// Serialised as an internally tagged object: `{"kind":"intake"}`,
/// `{"kind":"during","session":3}`, `{"kind":"end"}`, `{"kind":"follow_up"}`.
/// A session number is at least 1; `{"kind":"during","session":0}` is a
/// deserialisation error. The derived order is the course order:
/// intake, sessions by number, end, follow-up (see [`MeasurementPoint::order_key`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    try_from = "PointRepr",
    deny_unknown_fields
)]
pub enum MeasurementPoint {
    Intake,
    /// During the course, at counselling session `session` (1 = the first).
    During {
        session: u16,
    },
    End,
    FollowUp,
}

/// The unchecked shape of a [`MeasurementPoint`] (see `tagged`), read only
/// from a JSON object.
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PointRepr {
    kind: PointKind,
    #[serde(default, deserialize_with = "tagged::present")]
    session: Option<u16>,
}

crate::strict::objects_only!(deserialize PointRepr);

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum PointKind {
    Intake,
    During,
    End,
    FollowUp,
}

impl TryFrom<PointRepr> for MeasurementPoint {
    type Error = String;

    fn try_from(repr: PointRepr) -> Result<Self, Self::Error> {
        Ok(match (repr.kind, repr.session) {
            (PointKind::During, Some(session)) => {
                Self::during(session).ok_or("a session number is at least 1")?
            }
            (PointKind::During, None) => return Err(tagged::missing_field("session")),
            (_, Some(_)) => return Err(tagged::unknown_field("session", &[])),
            (PointKind::Intake, None) => Self::Intake,
            (PointKind::End, None) => Self::End,
            (PointKind::FollowUp, None) => Self::FollowUp,
        })
    }
}

impl MeasurementPoint {
    /// `During { session }`, if `session` is at least 1.
    pub fn during(session: u16) -> Option<Self> {
        (session >= 1).then_some(Self::During { session })
    }

    /// E.g. "Undervejs, samtale 3" / "During, session 3".
    pub fn label(self, lang: Lang) -> String {
        match self {
            Self::Intake => tr!(lang, da: "Indskrivning".into(), en: "Intake".into()),
            Self::During { session } => tr!(lang,
                da: format!("Undervejs, samtale {session}"),
                en: format!("During, session {session}"),
            ),
            Self::End => tr!(lang, da: "Afslutning".into(), en: "End".into()),
            Self::FollowUp => tr!(lang, da: "Opfølgning".into(), en: "Follow-up".into()),
        }
    }

    /// A key that sorts points in course order: intake, sessions by number,
    /// end, follow-up. Agrees with the derived `Ord`.
    pub fn order_key(self) -> (u8, u16) {
        match self {
            Self::Intake => (0, 0),
            Self::During { session } => (1, session),
            Self::End => (2, 0),
            Self::FollowUp => (3, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> ParticipantCode {
        ParticipantCode::parse(s).unwrap()
    }

    #[test]
    fn codes_from_random_bytes_by_hand() {
        assert_eq!(
            ParticipantCode::from_random([0, 0, 0, 0]).as_str(),
            "000000"
        );
        assert_eq!(
            ParticipantCode::from_random([0, 0, 0, 1]).as_str(),
            "000001"
        );
        assert_eq!(
            ParticipantCode::from_random([0, 0, 0, 32]).as_str(),
            "000010"
        );
        assert_eq!(
            ParticipantCode::from_random([0, 0, 0, 31]).as_str(),
            "00000Z"
        );
        // 0x3FFFFFFF: all 30 bits set; the top two bits of the first byte are ignored.
        assert_eq!(
            ParticipantCode::from_random([0x3F, 0xFF, 0xFF, 0xFF]).as_str(),
            "ZZZZZZ"
        );
        assert_eq!(
            ParticipantCode::from_random([0xFF, 0xFF, 0xFF, 0xFF]).as_str(),
            "ZZZZZZ"
        );
        // 0x12345678 → bits 01001 00011 01000 10101 10011 11000 → 9 3 8 21 19 24.
        assert_eq!(
            ParticipantCode::from_random([0x12, 0x34, 0x56, 0x78]).as_str(),
            "938NKR"
        );
    }

    #[test]
    fn parse_normalises_what_people_type() {
        assert_eq!(code("938nkr"), code("938NKR"));
        assert_eq!(code(" 938-NKR "), code("938NKR"));
        assert_eq!(code("93 8n kr"), code("938NKR"));
        assert_eq!(code("938–NKR"), code("938NKR")); // en dash from autocorrect
        assert_eq!(code("oOiIlL").as_str(), "001111");
        assert_eq!(code("abcdef").to_string(), "ABCDEF");
    }

    #[test]
    fn parse_rejects_with_readable_reasons() {
        assert_eq!(
            ParticipantCode::parse("938NKU"),
            Err(CodeError::InvalidChar('U'))
        );
        assert_eq!(
            ParticipantCode::parse("938nku"),
            Err(CodeError::InvalidChar('u'))
        );
        assert_eq!(
            ParticipantCode::parse("938ÆKR"),
            Err(CodeError::InvalidChar('Æ'))
        );
        assert_eq!(
            ParticipantCode::parse("938.KR"),
            Err(CodeError::InvalidChar('.'))
        );
        assert_eq!(ParticipantCode::parse(" - "), Err(CodeError::Empty));
        assert_eq!(
            ParticipantCode::parse("938NK"),
            Err(CodeError::WrongLength { found: 5 })
        );
        assert_eq!(
            ParticipantCode::parse("938NKR0"),
            Err(CodeError::WrongLength { found: 7 })
        );
        assert_eq!(
            CodeError::WrongLength { found: 5 }.message(Lang::Da),
            "Koden skal have 6 tegn, men har 5."
        );
        assert!(CodeError::InvalidChar('U')
            .message(Lang::En)
            .starts_with("The character «U» cannot"));
        assert_eq!(
            CodeError::Empty.to_string(),
            "Enter the code (6 characters)."
        );
    }

    #[test]
    fn code_serde_is_a_validated_string() {
        let c = code("938NKR");
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"938NKR\"");
        assert_eq!(
            serde_json::from_str::<ParticipantCode>("\"938NKR\"").unwrap(),
            c
        );
        // Written codes are read as written: what a person types is `parse`'s.
        for typed in [
            "938-nkr", "938nkr", " 938NKR", "938 NKR", "93ONKR", "I38NKR",
        ] {
            let err = serde_json::from_str::<ParticipantCode>(&format!("\"{typed}\""));
            assert!(err.is_err(), "{typed}");
        }
        assert_eq!(
            ParticipantCode::exact("938nkr").unwrap_err().message(Lang::En),
            "«938nkr» is not a code as trivsel writes it (6 digits and capital letters without I, L, O and U): it has lower-case letters; written so, it is 938NKR."
        );
        assert_eq!(
            ParticipantCode::exact("93ONKR").unwrap_err().message(Lang::Da),
            "«93ONKR» er ikke en kode, som trivsel skriver den (6 tal og store bogstaver uden I, L, O og U): den har bogstavet O, som skrives 0; skrevet rigtigt er den 930NKR."
        );
        assert!(matches!(
            ParticipantCode::exact("938-NKR"),
            Err(CodeError::NotAsWritten {
                why: Unwritten::Spaces,
                ..
            })
        ));
        assert_eq!(
            ParticipantCode::exact("938NK"),
            Err(CodeError::WrongLength { found: 5 })
        );
        assert!(serde_json::from_str::<ParticipantCode>("\"938NKU\"").is_err());
        assert!(serde_json::from_str::<ParticipantCode>("\"\"").is_err());
        assert!(serde_json::from_str::<ParticipantCode>("123456").is_err());
    }

    #[test]
    fn a_site_is_read_as_written() {
        assert_eq!(Site::exact("Ung i Odense"), Site::parse("Ung i Odense"));
        for (typed, why) in [
            (" Ung i Odense", SiteUnwritten::Padded),
            ("Ung i Odense\t", SiteUnwritten::Padded),
            ("Ung  i Odense", SiteUnwritten::Spacing),
            ("Ung\u{a0}i Odense", SiteUnwritten::Spacing),
            ("Ung i Odense’s", SiteUnwritten::Apostrophe),
        ] {
            assert!(
                matches!(Site::exact(typed), Err(SiteError::NotAsWritten { why: w, .. }) if w == why),
                "{typed:?}"
            );
            assert!(serde_json::from_str::<Site>(&serde_json::to_string(typed).unwrap()).is_err());
        }
        assert_eq!(
            Site::exact(" Ung").unwrap_err().message(Lang::En),
            "« Ung» is not a name as trivsel writes it: it has white space before or after the name; written so, it is «Ung»."
        );
        assert_eq!(
            Site::exact("Ung\u{200b}Råd").unwrap_err().message(Lang::Da),
            "Tegnet «\\u{200B}» kan ikke bruges i navnet. Brug bogstaver, tal, mellemrum og - . ' /"
        );
    }

    #[test]
    fn enum_names_and_labels() {
        assert_eq!(
            serde_json::to_string(&Gender::NotStated).unwrap(),
            "\"not_stated\""
        );
        assert_eq!(Gender::NotStated.label(Lang::Da), "Ønsker ikke at svare");
        assert_eq!(Gender::Girl.label(Lang::En), "Girl");
        assert_eq!(
            serde_json::to_string(&AgeBand::Age15To17).unwrap(),
            "\"15-17\""
        );
        assert_eq!(
            serde_json::from_str::<AgeBand>("\"unknown\"").unwrap(),
            AgeBand::Unknown
        );
        assert_eq!(AgeBand::Age12To14.label(Lang::Da), "12–14 år");
        assert_eq!(AgeBand::Age21To25.label(Lang::En), "21–25 years");
        assert_eq!(
            serde_json::to_string(&CourseType::IndividualTreatment).unwrap(),
            "\"individual_treatment\""
        );
        assert_eq!(CourseType::Group.label(Lang::Da), "Gruppeforløb");
        assert_eq!(CourseType::Parents.label(Lang::En), "Parents");
        assert!(serde_json::from_str::<Gender>("\"Girl\"").is_err());
        for lang in Lang::ALL {
            let labels: Vec<&str> = Gender::ALL
                .iter()
                .map(|g| g.label(lang))
                .chain(AgeBand::ALL.iter().map(|a| a.label(lang)))
                .chain(CourseType::ALL.iter().map(|c| c.label(lang)))
                .collect();
            for (i, l) in labels.iter().enumerate() {
                assert!(!l.is_empty() && !labels[..i].contains(l), "{l}");
            }
        }
        let names: Vec<String> = AgeBand::ALL
            .iter()
            .map(|a| serde_json::to_string(a).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "\"12-14\"",
                "\"15-17\"",
                "\"18-20\"",
                "\"21-25\"",
                "\"unknown\""
            ]
        );
    }

    #[test]
    fn site_names() {
        let site = |s: &str| Site::parse(s).map(|s| s.as_str().to_string());
        assert_eq!(site("  UngRåd Aarhus "), Ok("UngRåd Aarhus".into()));
        assert_eq!(site("Ærø  -\tØst"), Ok("Ærø - Øst".into()));
        assert_eq!(
            site("St. Heddinge/Sted’s"),
            Ok("St. Heddinge/Sted's".into())
        );
        assert_eq!(site("Zürich 2"), Ok("Zürich 2".into()));
        assert_eq!(site("7"), Ok("7".into()));
        assert_eq!(site(&"a".repeat(40)), Ok("a".repeat(40)));
        assert_eq!(site(&"å".repeat(40)), Ok("å".repeat(40)));
        assert_eq!(site(&"å".repeat(41)), Err(SiteError::TooLong { chars: 41 }));
        assert_eq!(site("   "), Err(SiteError::Empty));
        assert_eq!(site(""), Err(SiteError::Empty));
        assert_eq!(site("Ung & Fri"), Err(SiteError::InvalidChar('&')));
        assert_eq!(site("Ung_Fri"), Err(SiteError::InvalidChar('_')));
        assert_eq!(site("Hus²"), Err(SiteError::InvalidChar('²')));
        assert_eq!(site("<script>"), Err(SiteError::InvalidChar('<')));
        assert_eq!(site("- / ."), Err(SiteError::NoLetterOrDigit));
        assert_eq!(
            SiteError::TooLong { chars: 41 }.message(Lang::Da),
            "Navnet må højst have 40 tegn (det har 41)."
        );
        assert!(serde_json::from_str::<Site>("\"Ung & Fri\"").is_err());
        let s: Site = serde_json::from_str("\"UngRåd Aarhus\"").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"UngRåd Aarhus\"");
    }

    #[test]
    fn participant_serde() {
        let json = r#"{"code":"938NKR","gender":"girl","age_band":"15-17","site":"UngRåd Aarhus","course":"group","created":"2026-11-23"}"#;
        let p: Participant = serde_json::from_str(json).unwrap();
        assert_eq!(p.code, code("938NKR"));
        assert_eq!(p.age_band, AgeBand::Age15To17);
        assert_eq!(p.created, Date::new(2026, 11, 23).unwrap());
        assert_eq!(serde_json::to_string(&p).unwrap(), json);
        let extra = json.replace("}", r#","name":"Ida"}"#);
        assert!(serde_json::from_str::<Participant>(&extra).is_err());
    }

    #[test]
    fn measurement_points() {
        let during3 = MeasurementPoint::During { session: 3 };
        assert_eq!(during3.label(Lang::Da), "Undervejs, samtale 3");
        assert_eq!(during3.label(Lang::En), "During, session 3");
        assert_eq!(MeasurementPoint::Intake.label(Lang::Da), "Indskrivning");
        assert_eq!(MeasurementPoint::FollowUp.label(Lang::En), "Follow-up");
        assert_eq!(
            serde_json::to_string(&during3).unwrap(),
            r#"{"kind":"during","session":3}"#
        );
        assert_eq!(
            serde_json::to_string(&MeasurementPoint::Intake).unwrap(),
            r#"{"kind":"intake"}"#
        );
        assert_eq!(
            serde_json::to_string(&MeasurementPoint::FollowUp).unwrap(),
            r#"{"kind":"follow_up"}"#
        );
        for p in [
            MeasurementPoint::Intake,
            during3,
            MeasurementPoint::End,
            MeasurementPoint::FollowUp,
        ] {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<MeasurementPoint>(&json).unwrap(), p);
        }
        for bad in [
            r#"{"kind":"during","session":0}"#,
            r#"{"kind":"during"}"#,
            r#"{"kind":"intake","session":1}"#,
            r#"{"kind":"midway"}"#,
            r#""intake""#,
            r#"{"kind":"end","session":2}"#,
            r#"{"kind":"intake","session":null}"#,
            r#"{"kind":"during","session":null}"#,
            r#"{"session":2}"#,
            r#"{"kind":"during","session":2,"week":3}"#,
        ] {
            assert!(
                serde_json::from_str::<MeasurementPoint>(bad).is_err(),
                "{bad}"
            );
        }
        // The fields in any order; and a shape error reads as serde's own,
        // so an import names the field as it does for every other object.
        assert_eq!(
            serde_json::from_str::<MeasurementPoint>(r#"{"session":3,"kind":"during"}"#).unwrap(),
            during3
        );
        let text = |json| {
            serde_json::from_str::<MeasurementPoint>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(text(r#"{"kind":"intake","session":1}"#).starts_with("unknown field `session`"));
        assert!(text(r#"{"kind":"during"}"#).starts_with("missing field `session`"));
        assert_eq!(MeasurementPoint::during(0), None);
        assert_eq!(
            MeasurementPoint::during(2),
            Some(MeasurementPoint::During { session: 2 })
        );
        let mut points = vec![
            MeasurementPoint::FollowUp,
            MeasurementPoint::During { session: 2 },
            MeasurementPoint::End,
            MeasurementPoint::During { session: 1 },
            MeasurementPoint::Intake,
        ];
        points.sort_by_key(|p| p.order_key());
        assert_eq!(
            points,
            [
                MeasurementPoint::Intake,
                MeasurementPoint::During { session: 1 },
                MeasurementPoint::During { session: 2 },
                MeasurementPoint::End,
                MeasurementPoint::FollowUp,
            ]
        );
    }

    fn any_point() -> impl Strategy<Value = MeasurementPoint> {
        prop_oneof![
            Just(MeasurementPoint::Intake),
            (1u16..).prop_map(|session| MeasurementPoint::During { session }),
            Just(MeasurementPoint::End),
            Just(MeasurementPoint::FollowUp),
        ]
    }

    proptest! {
        #[test]
        fn from_random_parses_back_to_itself(bytes in any::<[u8; 4]>()) {
            let c = ParticipantCode::from_random(bytes);
            prop_assert_eq!(c.as_str().len(), 6);
            prop_assert_eq!(ParticipantCode::parse(c.as_str()), Ok(c.clone()));
            prop_assert_eq!(ParticipantCode::parse(&c.as_str().to_lowercase()), Ok(c.clone()));
            let spaced = format!(" {}-{} ", &c.as_str()[..3], &c.as_str()[3..]);
            prop_assert_eq!(ParticipantCode::parse(&spaced), Ok(c.clone()));
            let json = serde_json::to_string(&c).unwrap();
            prop_assert_eq!(serde_json::from_str::<ParticipantCode>(&json).unwrap(), c);
        }

        /// Distinct 30-bit values give distinct codes; the top two bits do not count.
        #[test]
        fn from_random_uses_exactly_the_low_30_bits(a in any::<u32>(), b in any::<u32>()) {
            let (ca, cb) = (
                ParticipantCode::from_random(a.to_be_bytes()),
                ParticipantCode::from_random(b.to_be_bytes()),
            );
            prop_assert_eq!(ca == cb, a & 0x3FFF_FFFF == b & 0x3FFF_FFFF);
        }

        #[test]
        fn parse_is_case_insensitive(s in "\\PC{0,10}") {
            prop_assert_eq!(
                ParticipantCode::parse(&s.to_ascii_lowercase()).ok(),
                ParticipantCode::parse(&s.to_ascii_uppercase()).ok()
            );
            if let Ok(c) = ParticipantCode::parse(&s) {
                prop_assert_eq!(ParticipantCode::parse(c.as_str()), Ok(c.clone()));
                prop_assert!(c.as_str().bytes().all(|b| CROCKFORD.contains(&b)));
            }
        }

        #[test]
        fn a_parsed_site_is_canonical(s in "\\PC{0,50}") {
            if let Ok(site) = Site::parse(&s) {
                prop_assert_eq!(Site::parse(site.as_str()), Ok(site.clone()));
                let n = site.as_str().chars().count();
                prop_assert!((1..=Site::MAX_CHARS).contains(&n));
                prop_assert!(!site.as_str().contains("  "));
                prop_assert_eq!(site.as_str().trim(), site.as_str());
            }
        }

        #[test]
        fn order_key_agrees_with_ord(a in any_point(), b in any_point()) {
            prop_assert_eq!(a.order_key().cmp(&b.order_key()), a.cmp(&b));
            let json = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(serde_json::from_str::<MeasurementPoint>(&json).unwrap(), a);
        }
    }
}
