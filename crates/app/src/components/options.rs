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

#[function_component]
pub fn Options(props: &Props) -> Html {
    let buttons = props.instrument.options.iter().map(|opt| {
        let value = i32::from(opt.value);
        let pressed = props.selected == Some(value);
        let onclick = props.on_answer.reform(move |_| value);
        html! {
            <li key={value}>
                <button type="button" class="option" aria-pressed={pressed.to_string()} {onclick}>
                    { opt.label.get(props.lang) }
                </button>
            </li>
        }
    });
    html! {
        <ul class="options" role="list" aria-labelledby="question-heading">{ for buttons }</ul>
    }
}
