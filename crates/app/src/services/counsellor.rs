//! The seam between the tablet's first page and the counsellor's screens,
//! which are a bundle of their own (`bin/trivsel-counsellor.rs`, built into
//! `dist/radgiver/`): the first page opens it in the page once the PIN is
//! right ([`open`]), and it says when it closes, handed over to a young
//! person or locked ([`closed`], listened to with [`on_close`]). Both sides
//! share the tablet's storage; nothing else passes between them but the
//! small [`Handoff`] and [`Closing`] notes and, going in, the keys the first
//! page holds: one JS object of WebCrypto keys ([`Store::held_keys`]), passed
//! by reference (both bundles run in one JS realm), never serialised. The
//! counsellor's bundle keeps it only while its screens are open
//! ([`handed_keys`]); closing drops it, and the first page keeps its own.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use trivsel_core::{Lang, Uuid};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(doc)]
use crate::services::storage::Store;

/// The id of the element the counsellor's screens are drawn into.
pub const ROOT: &str = "counsellor";

/// The event the counsellor's bundle sends the page when it closes.
const CLOSED: &str = "trivsel-counsellor-closed";

#[wasm_bindgen(module = "/js/counsellor.js")]
extern "C" {
    #[wasm_bindgen(js_name = openCounsellor, catch)]
    async fn open_bundle(handoff: &str, keys: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// In the counsellor's bundle: the keys the first page handed over,
    /// while its screens are open.
    static HANDED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// In the counsellor's bundle: keeps the keys the first page handed over
/// (or none), for the storage its screens open.
pub fn take_over_keys(keys: JsValue) {
    let keys = (!keys.is_undefined() && !keys.is_null()).then_some(keys);
    HANDED.with(|h| h.replace(keys));
}

/// In the counsellor's bundle: the keys handed over, if any.
pub fn handed_keys() -> Option<JsValue> {
    HANDED.with(|h| h.borrow().clone())
}

/// In the counsellor's bundle: forgets the keys handed over (its screens close).
pub fn drop_keys() {
    HANDED.with(|h| h.replace(None));
}

/// What the first page tells the counsellor's screens when it opens them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    pub lang: Lang,
    /// The record whose result to show first, or none for the home screen.
    pub result: Option<Uuid>,
    /// A new version of the app waits to be switched to.
    pub update_ready: bool,
}

/// What the counsellor's screens tell the first page when they close.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Closing {
    pub lang: Lang,
    /// True when a questionnaire was handed over (its draft is stored);
    /// false when the counsellor locked.
    pub handed_over: bool,
}

/// Loads the counsellor's bundle (once; later calls reuse it) and opens its
/// screens in the element with id `counsellor`, handing them `keys` (the
/// first page's [`Store::held_keys`]).
pub async fn open(handoff: &Handoff, keys: &JsValue) -> Result<(), JsValue> {
    let text = serde_json::to_string(handoff).map_err(|e| JsValue::from_str(&e.to_string()))?;
    open_bundle(&text, keys).await.map(|_| ())
}

/// Tells the first page that the counsellor's screens closed.
pub fn closed(closing: &Closing) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let detail = serde_json::to_string(closing).unwrap_or_default();
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(&detail));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CLOSED, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `f` each time the counsellor's screens close, for the page's lifetime.
pub fn on_close(f: impl Fn(Closing) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        let closing = e
            .detail()
            .as_string()
            .and_then(|d| serde_json::from_str(&d).ok());
        if let Some(closing) = closing {
            f(closing);
        }
    });
    let _ = window.add_event_listener_with_callback(CLOSED, listener.as_ref().unchecked_ref());
    // The page listens as long as it lives.
    listener.forget();
}
