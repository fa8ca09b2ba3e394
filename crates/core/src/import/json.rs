//! What serde_json says about a file, as an [`ImportError`]: broken JSON
//! with its line and column, nesting beyond the recursion limit, and a value
//! of the wrong shape with its JSON path (`records[3].gender`) sorted into a
//! [`SchemaProblem`]. serde's messages are English strings; this is the one
//! place that reads them, and it cuts every value they quote.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::error::{ImportError, SchemaProblem};
use crate::messages::{clip, clip_to, MAX_ECHO};

/// The import error a serde_json error is on its own, if it is one: a
/// syntax error, or nesting beyond the recursion limit. A number out of
/// range is valid JSON grammar; the shape check names where it is.
pub(super) fn json_error(e: &serde_json::Error) -> Option<ImportError> {
    let text = e.to_string();
    if text.starts_with("recursion limit exceeded") {
        return Some(ImportError::TooDeep);
    }
    if text.starts_with("number out of range") {
        return None;
    }
    match e.classify() {
        serde_json::error::Category::Data => None,
        _ => Some(ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        }),
    }
}

/// Checks that `text` is one JSON value, nested at most 128 deep.
pub(super) fn check_syntax(text: &str) -> Result<(), ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    match Syntax::deserialize(&mut de).and_then(|_| de.end()) {
        Ok(()) => Ok(()),
        Err(e) => json_error(&e).map_or(Ok(()), Err),
    }
}

/// Any JSON value, visited and dropped. Unlike `IgnoredAny`, it descends
/// through serde_json's `deserialize_any`, which enforces the recursion
/// limit, so a deeply nested file is named as such.
struct Syntax;

impl<'de> Deserialize<'de> for Syntax {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Syntax, D::Error> {
        d.deserialize_any(SyntaxVisitor)
    }
}

struct SyntaxVisitor;

impl<'de> Visitor<'de> for SyntaxVisitor {
    type Value = Syntax;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_str<E>(self, _: &str) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_unit<E>(self) -> Result<Syntax, E> {
        Ok(Syntax)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Syntax, A::Error> {
        while seq.next_element::<Syntax>()?.is_some() {}
        Ok(Syntax)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Syntax, A::Error> {
        while map.next_entry::<Syntax, Syntax>()?.is_some() {}
        Ok(Syntax)
    }
}

/// Deserialises `text` (already known to be JSON) into `T`, naming the path
/// of the first problem.
pub(super) fn typed<T: de::DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = path_text(e.path());
        match json_error(e.inner()) {
            // The text is JSON (`check_syntax` said so): serde_json says
            // "expected value" where a name (a gender, a course type) is
            // something else, which is a value of the wrong type.
            Some(ImportError::NotJson { line, column }) => ImportError::Schema {
                path,
                problem: SchemaProblem::WrongType {
                    found: found_at(text, line, column),
                    expected: "a string".into(),
                },
            },
            Some(other) => other,
            None => ImportError::Schema {
                path,
                problem: SchemaProblem::from_serde(&serde_text(e.inner())),
            },
        }
    })?;
    de.end()
        .map_err(|e| json_error(&e).unwrap_or(ImportError::UnknownFormat))?;
    Ok(value)
}

/// What JSON value begins at `line`, `column` (from 1) of `text`, as serde
/// names a type: `null`, `a sequence`, `integer `5``.
fn found_at(text: &str, line: usize, column: usize) -> String {
    let rest = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .and_then(|l| l.get(column.saturating_sub(1)..))
        .unwrap_or("")
        .trim_start();
    let token: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
        .take(20)
        .collect();
    match rest.chars().next() {
        Some('[') => "a sequence".into(),
        Some('{') => "a map".into(),
        Some('n') => "null".into(),
        Some('t' | 'f') => format!("boolean `{token}`"),
        Some('-' | '0'..='9') if token.contains(['.', 'e', 'E']) => {
            format!("floating point `{token}`")
        }
        Some('-' | '0'..='9') => format!("integer `{token}`"),
        _ => "another type".into(),
    }
}

/// Whether the JSON object `text` has the top-level key `key`: how a
/// record tells its format version (only version 2 lists `instruments`).
pub(super) fn has_key(text: &str, key: &str) -> bool {
    struct Keys<'k>(&'k str);
    impl<'de> de::DeserializeSeed<'de> for Keys<'_> {
        type Value = bool;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut found = false;
            while let Some(k) = map.next_key::<String>()? {
                found |= k == self.0;
                map.next_value::<IgnoredAny>()?;
            }
            Ok(found)
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    de::DeserializeSeed::deserialize(Keys(key), &mut de).unwrap_or(false)
}

/// A path like `records[3].answers.who5.happy`, each key cut.
fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&clip_to(key, 40));
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    clip_to(&out, 100)
}

/// serde_json's message without its " at line L column C".
fn serde_text(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(t) => t.to_string(),
        None => text,
    }
}

/// The text between a prefix and the last occurrence of one of `ends`.
fn between<'a>(text: &'a str, prefix: &str, ends: &[&str]) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?;
    let end = ends.iter().filter_map(|e| rest.rfind(e)).max()?;
    Some(&rest[..end])
}

impl SchemaProblem {
    /// Sorts serde's message (English, from serde's derive and serde_json)
    /// into a problem a person can be told about.
    pub(super) fn from_serde(text: &str) -> SchemaProblem {
        let field_ends = ["`, expected", "`, there are no fields"];
        if text.starts_with("number out of range") {
            SchemaProblem::NumberOutOfRange
        } else if let Some(field) = between(text, "unknown field `", &field_ends) {
            SchemaProblem::UnknownField { field: clip(field) }
        } else if let Some(field) = between(text, "missing field `", &["`"]) {
            SchemaProblem::MissingField { field: clip(field) }
        } else if let Some(field) = between(text, "duplicate field `", &["`"]) {
            SchemaProblem::DuplicateField { field: clip(field) }
        } else if let Some(value) = between(text, "unknown variant `", &["`, expected"]) {
            SchemaProblem::UnknownValue { value: clip(value) }
        } else if let Some(rest) = text.strip_prefix("invalid type: ") {
            let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
            SchemaProblem::WrongType {
                found: clip(found),
                expected: clip(expected),
            }
        } else if let Some((en, da)) = crate::strict::split(text) {
            SchemaProblem::Refused {
                da: clip_to(da, 300),
                en: clip_to(en, 300),
            }
        } else {
            SchemaProblem::InvalidValue {
                detail: clip_detail(text),
            }
        }
    }
}

/// A serde message that may quote a value between « and »: the quote cut to
/// [`MAX_ECHO`], the whole to a few lines.
fn clip_detail(detail: &str) -> String {
    if let (Some(a), Some(b)) = (detail.find('«'), detail.rfind('»')) {
        if a < b {
            let inner = &detail[a + '«'.len_utf8()..b];
            let after = &detail[b + '»'.len_utf8()..];
            return format!(
                "{}«{}»{}",
                clip_to(&detail[..a], MAX_ECHO),
                clip(inner),
                clip_to(after, 120)
            );
        }
    }
    clip_to(detail, 120)
}
