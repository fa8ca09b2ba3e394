//! Moves keyboard and screen-reader focus to a screen's heading when the screen changes,
//! so a new question is announced and Tab continues from it.

use web_sys::HtmlElement;
use yew::prelude::*;

/// Focuses the element behind the returned ref whenever `key` changes.
#[hook]
pub fn use_focus_on<K: PartialEq + Clone + 'static>(key: K) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(key, move |_| {
            if let Some(el) = node.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    node
}
