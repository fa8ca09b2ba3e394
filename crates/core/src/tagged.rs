//! Objects tagged by a `"kind"` field (`{"kind":"during","session":3}`) are
//! read through a plain struct of the kind and every field any kind may have,
//! then checked: each kind takes exactly its own fields. Derived for an
//! internally tagged enum, serde would buffer the whole object first, and that
//! machinery (serde's `Content`) would be code in the app's first load. The
//! checks' errors use serde's own wording ("unknown field `x`", "missing field
//! `x`"), so an import names the problem as it does for any other object.

use serde::{Deserialize, Deserializer};

/// For `#[serde(default, deserialize_with = "present")]` on an `Option<T>`
/// field: absent is `None`, a value is `Some`, and `null` is an error, as it
/// would be for a field of the derived enum.
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// serde's message for a field the kind does not have; `expected` are the
/// fields it does have besides `kind` (serde words one and two of them so).
pub(crate) fn unknown_field(field: &str, expected: &[&str]) -> String {
    match expected {
        [] => format!("unknown field `{field}`, there are no fields"),
        [one] => format!("unknown field `{field}`, expected `{one}`"),
        [one, two] => format!("unknown field `{field}`, expected `{one}` or `{two}`"),
        more => {
            let list: Vec<String> = more.iter().map(|f| format!("`{f}`")).collect();
            format!(
                "unknown field `{field}`, expected one of {}",
                list.join(", ")
            )
        }
    }
}

/// serde's message for a field the kind needs.
pub(crate) fn missing_field(field: &str) -> String {
    format!("missing field `{field}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words serde itself uses for the same mistakes, in a derived struct.
    fn serde_says<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let text = serde_json::from_str::<T>(json).unwrap_err().to_string();
        text.split(" at line ").next().unwrap().to_string()
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Empty {}
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct One {
        a: Option<u8>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Two {
        a: Option<u8>,
        b: Option<u8>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Three {
        a: Option<u8>,
        b: Option<u8>,
        c: Option<u8>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Needs {
        a: u8,
    }

    #[test]
    fn the_messages_are_serdes_own() {
        assert_eq!(unknown_field("x", &[]), serde_says::<Empty>(r#"{"x":1}"#));
        assert_eq!(unknown_field("x", &["a"]), serde_says::<One>(r#"{"x":1}"#));
        assert_eq!(
            unknown_field("x", &["a", "b"]),
            serde_says::<Two>(r#"{"x":1}"#)
        );
        assert_eq!(
            unknown_field("x", &["a", "b", "c"]),
            serde_says::<Three>(r#"{"x":1}"#)
        );
        assert_eq!(missing_field("a"), serde_says::<Needs>("{}"));
    }
}
