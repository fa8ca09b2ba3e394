//! The interface languages, text that exists in each of them, and numbers
//! as each language writes them.

use serde::{Deserialize, Serialize};

/// A language the app speaks. Danish is the default: the young people and
/// counsellors are in Danish municipalities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    /// Every language, in the order the language switch offers them.
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The BCP 47 tag, for the document's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// Parses a BCP 47 tag such as `da`, `da-DK` or `en-GB`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One piece of text in every language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub da: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

/// A number as `lang` writes it: a decimal comma in Danish, a decimal point
/// in English. With `Some(places)`, rounded to that many decimals (`23,6`
/// with 1); with `None`, as few digits as give the value back exactly
/// (`7,5`, `0,81`, `20`). Every renderer of a number in a sentence, a table
/// or an input field uses this one.
pub fn decimal(x: f64, places: Option<usize>, lang: Lang) -> String {
    let text = match places {
        Some(places) => format!("{x:.places$}"),
        None => format!("{x}"),
    };
    tr!(lang, da: text.replace('.', ","), en: text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_a_comma_in_danish_and_a_point_in_english() {
        assert_eq!(decimal(7.5, None, Lang::Da), "7,5");
        assert_eq!(decimal(7.5, None, Lang::En), "7.5");
        assert_eq!(decimal(20.0, None, Lang::Da), "20");
        assert_eq!(decimal(0.81, None, Lang::Da), "0,81");
        assert_eq!(decimal(23.6, Some(1), Lang::Da), "23,6");
        assert_eq!(decimal(12.345, Some(1), Lang::En), "12.3");
        assert_eq!(decimal(-1.75, Some(1), Lang::Da), "-1,8");
        assert_eq!(decimal(41.0, Some(1), Lang::Da), "41,0");
        assert_eq!(decimal(2_500_000.0, Some(0), Lang::Da), "2500000");
    }

    #[test]
    fn tags_round_trip_and_regional_tags_parse() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("da-DK"), Some(Lang::Da));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("sv"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
