//! What can go wrong with the tablet's storage, in terms a person can act on.

use trivsel_core::{tr, Lang};
use wasm_bindgen::{JsCast, JsValue};

/// What went wrong with storage, in terms a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused (private mode, blocked by settings).
    Unavailable(String),
    /// The device or the browser's quota is full.
    Full,
    /// A read or write failed for another reason.
    Failed(String),
    /// A sealed value was to be read while the tablet's key is not in memory.
    Locked,
}

impl StorageError {
    /// For the counsellor: what is wrong and what to do about it. (The young
    /// person is told `Messages::storage_error_youth`, without details.)
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StorageError::Full => tr!(lang,
                da: "Tabletten har ikke mere plads til besvarelser. Eksportér og slet gamle besvarelser, eller frigør plads på tabletten. Intet gemt er gået tabt.".into(),
                en: "The tablet has no more room for responses. Export and delete old responses, or free space on the tablet. Nothing stored has been lost.".into(),
            ),
            StorageError::Unavailable(detail) => tr!(lang,
                da: format!("Browserens database (IndexedDB) kan ikke bruges: {detail}. Tjek at browseren ikke er i privat tilstand, og at lagring er tilladt for denne side."),
                en: format!("The browser's database (IndexedDB) cannot be used: {detail}. Check that the browser is not in private mode and that storage is allowed for this site."),
            ),
            StorageError::Failed(detail) => tr!(lang,
                da: format!("Gemning mislykkedes: {detail}. Prøv igen. Intet gemt er gået tabt."),
                en: format!("Saving failed: {detail}. Try again. Nothing stored has been lost."),
            ),
            StorageError::Locked => tr!(lang,
                da: "Tablettens nøgle er ikke i hukommelsen. Lås op med adgangssætningen.".into(),
                en: "The tablet's key is not in memory. Unlock with the passphrase.".into(),
            ),
        }
    }

    pub(super) fn from_js(
        value: &JsValue,
        fallback: impl FnOnce(String) -> StorageError,
    ) -> StorageError {
        let name = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.name()))
            .or_else(|| {
                js_sys::Reflect::get(value, &JsValue::from_str("name"))
                    .ok()?
                    .as_string()
            })
            .unwrap_or_default();
        if name.contains("Quota") {
            StorageError::Full
        } else {
            fallback(format!("{name} {value:?}"))
        }
    }

    pub(super) fn from_idb(err: idb::Error) -> StorageError {
        let text = err.to_string();
        if text.contains("Quota") {
            StorageError::Full
        } else {
            StorageError::Failed(text)
        }
    }
}
