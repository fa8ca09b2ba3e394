//! Saving a file the app made (an export) through the browser's own download,
//! from memory: no request leaves the tablet.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `contents` as a download named `name`.
pub fn save(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    save_part(name, mime, &JsValue::from_str(contents))
}

/// Offers `bytes` as a download named `name` (a backup file).
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    save_part(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers one part (a string or bytes) as a download.
fn save_part(name: &str, mime: &str, part: &JsValue) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Some browsers read the blob after the click returns: free it later.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}
