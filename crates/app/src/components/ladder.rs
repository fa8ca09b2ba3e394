//! The 0–10 scale drawn as a ladder: eleven rungs, 10 at the top, each a button
//! named by its number, with the two ends labelled beside the ladder.

use trivsel_core::{Instrument, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub instrument: &'static Instrument,
    pub selected: Option<i32>,
    pub on_answer: Callback<i32>,
}

#[function_component]
pub fn Ladder(props: &Props) -> Html {
    let Some(anchors) = &props.instrument.anchors else {
        return Html::default();
    };
    // The data lists the rungs top first; a ladder is read from the top.
    let rungs = props.instrument.options.iter().map(|opt| {
        let value = i32::from(opt.value);
        let pressed = props.selected == Some(value);
        let onclick = props.on_answer.reform(move |_| value);
        html! {
            <li key={value}>
                <button type="button" class="rung" aria-pressed={pressed.to_string()} {onclick}>
                    { opt.label.get(props.lang) }
                </button>
            </li>
        }
    });
    html! {
        <div class="ladder-wrap">
            <p class="anchor anchor-top">{ anchors.top.get(props.lang) }</p>
            <ul class="ladder" role="list" aria-labelledby="question-heading">{ for rungs }</ul>
            <p class="anchor anchor-bottom">{ anchors.bottom.get(props.lang) }</p>
        </div>
    }
}
