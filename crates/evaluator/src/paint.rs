//! Waiting until the browser has painted, so "Beregner …" is on screen
//! before the page spends seconds merging 100 000 records. A resolved
//! promise is not enough (it runs before the paint); the next animation
//! frame followed by a timer is, and a plain timer stands in when the tab is
//! hidden and animation frames do not come.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Resolves after the next paint (or after 250 ms if no frame comes).
pub async fn next_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let after_frame = {
            let window = window.clone();
            let resolve = resolve.clone();
            Closure::once_into_js(move || {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    resolve.unchecked_ref(),
                    0,
                );
            })
        };
        if window
            .request_animation_frame(after_frame.unchecked_ref())
            .is_err()
        {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 250);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
