//! Moves keyboard and screen-reader focus to a screen's heading when the screen changes,
//! so a new question is announced and Tab continues from it.

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::frame::next_frame;

/// Focuses the element behind the returned ref whenever `key` changes.
///
/// The focus moves in the next frame's animation callback, not at once:
/// `focus()` makes the browser compute styles and layout on the spot, and
/// the render that follows a tap must not pay for a layout that the next
/// frame does anyway (`cargo xtask bench` measures the tap).
#[hook]
pub fn use_focus_on<K: PartialEq + Clone + 'static>(key: K) -> NodeRef {
    use_focus_when_shown(key, true)
}

/// As [`use_focus_on`], for a screen that may be rendered hidden (prepared
/// ahead): it takes the focus when it is shown, not before.
#[hook]
pub fn use_focus_when_shown<K: PartialEq + Clone + 'static>(key: K, shown: bool) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((key, shown), move |(_, shown)| {
            if *shown {
                next_frame(move || {
                    if let Some(el) = node.cast::<HtmlElement>() {
                        let _ = el.focus();
                    }
                });
            }
        });
    }
    node
}
