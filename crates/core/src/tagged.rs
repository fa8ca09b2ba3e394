//! Objects tagged by a `"kind"` field (`{"kind":"during","session":3}`) are
//! read through a plain struct of the kind and every field any kind may have,
//! then checked: each kind takes exactly its own fields. Derived for an
//! internally tagged enum, serde would buffer the whole object first, and that
//! machinery cost the app's first load 23.5 KB of wasm. The checks' errors use
//! serde's own wording ("unknown field `x`", "missing field `x`"), so an import
//! names the problem as it does for any other object.

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

/// serde's message for a field the kind does not have.
pub(crate) fn unknown_field(field: &str) -> String {
    format!("unknown field `{field}`, there are no fields")
}

/// serde's message for a field the kind needs.
pub(crate) fn missing_field(field: &str) -> String {
    format!("missing field `{field}`")
}
