//! Moves keyboard and screen-reader focus to a screen's heading when the screen changes,
//! so a new question is announced and Tab continues from it.

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::HtmlElement;
use yew::prelude::*;

/// Focuses the element behind the returned ref whenever `key` changes.
///
/// The focus moves in the next frame's animation callback, not at once:
/// `focus()` makes the browser compute styles and layout on the spot, and
/// done in the render that follows a tap it doubled the time until the new
/// question was ready to paint. In the frame the layout is due anyway.
#[hook]
pub fn use_focus_on<K: PartialEq + Clone + 'static>(key: K) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(key, move |_| {
            let focus = Closure::once_into_js(move || {
                if let Some(el) = node.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            });
            if let Some(window) = web_sys::window() {
                let _ = window.request_animation_frame(focus.unchecked_ref());
            }
        });
    }
    node
}
