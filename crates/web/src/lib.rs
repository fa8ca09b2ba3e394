//! What the two Yew pages (the tablet app and the evaluator's page) do in the
//! browser alike: mount a page into the element its HTML made for it, and
//! save a file made in memory through the browser's own download (text, or
//! the tablet's encrypted backup as bytes). Small on purpose: it holds only
//! code both pages run, so each page's bundle carries no more than before.

use wasm_bindgen::{JsCast, JsValue};

/// Mounts `C` into the page's `#app` element, replacing its static
/// "loading" text; into the body if the page has no such element.
pub fn mount<C: yew::BaseComponent<Properties = ()>>() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<C>::with_root(root).render();
        }
        None => {
            yew::Renderer::<C>::new().render();
        }
    }
}

/// Offers `contents` as a download named `name`, from memory: a Blob, an
/// object URL and a click on a link that says `download`. No request leaves
/// the page. The URL is revoked a minute later, since some browsers read the
/// blob after the click returns.
pub fn save(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    save_part(name, mime, &JsValue::from_str(contents))
}

/// As [`save`], for bytes (the tablet's encrypted backup).
pub fn save_bytes(name: &str, mime: &str, contents: &[u8]) -> Result<(), JsValue> {
    save_part(name, mime, &js_sys::Uint8Array::from(contents))
}

/// Offers one Blob part (text or bytes) as a download, as [`save`] says.
fn save_part(name: &str, mime: &str, part: &JsValue) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}
