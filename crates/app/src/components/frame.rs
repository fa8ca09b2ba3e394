//! Work timed to the browser's frames: in the next frame, before it is
//! painted (moving focus), or once it has been painted (preparing a screen
//! the young person may need next, while they read the one that shows).

use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

/// Runs `f` in the next frame's animation callback, before that frame is painted.
pub fn next_frame(f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(f.unchecked_ref());
    }
}

/// Runs `f` in a task of its own after the next frame, which is then
/// painted first: the frame's own work is done before `f` runs.
pub fn after_paint(f: impl FnOnce() + 'static) {
    next_frame(move || {
        let f = Closure::once_into_js(f);
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0);
        }
    });
}

/// False when `key` has just changed; true from the first paint after that.
#[hook]
pub fn use_painted<K: PartialEq + Clone + 'static>(key: K) -> bool {
    let painted = use_state_eq(|| None::<K>);
    {
        let painted = painted.setter();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            after_paint(move || painted.set(Some(key)));
        });
    }
    painted.as_ref() == Some(&key)
}
