//! Entry point of the counsellor's screens: a bundle of their own, built into
//! `dist/radgiver/` and opened in the tablet's page by its first bundle once
//! the PIN is right (see `counsellor_app`). It mounts nothing by itself.

use wasm_bindgen::prelude::*;

fn main() {}

/// Opens the counsellor's screens as the first page's note says, with the
/// keys it holds (a JS object of WebCrypto keys, by reference).
#[wasm_bindgen]
pub fn mount_counsellor(handoff: String, keys: JsValue) {
    trivsel_app::counsellor_app::open(&handoff, keys);
}
