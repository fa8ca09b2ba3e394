//! The answer options of a WHO-5-style item: one large button per option,
//! whose accessible name is exactly its visible label.

use trivsel_core::{Instrument, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub instrument: &'static Instrument,
    pub selected: Option<i32>,
    pub on_answer: Callback<i32>,
}

/// One list item per answer option, in the data's order: a button named
/// exactly by its label, pressed when it is the answer given. Shared by the
/// WHO-5-style list and the ladder, which differ only in layout (`class`).
pub fn answer_buttons(props: &Props, class: &'static str) -> Html {
    let buttons = props.instrument.options.iter().map(|opt| {
        let value = i32::from(opt.value);
        let pressed = props.selected == Some(value);
        let onclick = props.on_answer.reform(move |_| value);
        html! {
            <li key={value}>
                <button type="button" {class} aria-pressed={pressed.to_string()} {onclick}>
                    { opt.label.get(props.lang) }
                </button>
            </li>
        }
    });
    buttons.collect::<Html>()
}

#[function_component]
pub fn Options(props: &Props) -> Html {
    html! {
        <ul class="options" role="list" aria-labelledby="question-heading">{ answer_buttons(props, "option") }</ul>
    }
}
