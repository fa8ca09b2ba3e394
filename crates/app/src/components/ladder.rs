//! The 0–10 scale drawn as a ladder: eleven rungs, 10 at the top, each a button
//! named by its number, with the two ends labelled beside the ladder.

use yew::prelude::*;

use crate::components::options::answer_buttons;
pub use crate::components::options::Props;

#[function_component]
pub fn Ladder(props: &Props) -> Html {
    let Some(anchors) = &props.instrument.anchors else {
        return Html::default();
    };
    // The data lists the rungs top first; a ladder is read from the top.
    let rungs = answer_buttons(props, "rung");
    html! {
        <div class="ladder-wrap">
            <p class="anchor anchor-top">{ anchors.top.get(props.lang) }</p>
            <ul class="ladder" role="list" aria-labelledby="question-heading">{ rungs }</ul>
            <p class="anchor anchor-bottom">{ anchors.bottom.get(props.lang) }</p>
        </div>
    }
}
