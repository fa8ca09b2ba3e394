//! The answers to one question: a large button per option, whose accessible
//! name is exactly its visible label. A WHO-5-style item lists them; the
//! 0–10 scale draws them as a ladder, 10 at the top, with its two ends
//! labelled beside it.
//!
//! The buttons sit directly in a group named by the question's heading: no
//! list items around them, so a screen has fewer elements to style and lay
//! out when it is shown. Both kinds are one component, so going from the last
//! WHO-5 item to the ladder keeps the six shared answers (5 to 0).

use trivsel_core::{Instrument, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub instrument: &'static Instrument,
    pub selected: Option<i32>,
    /// The id of the question's heading, which names the list.
    pub heading: AttrValue,
    pub on_answer: Callback<i32>,
}

#[function_component]
pub fn Answers(props: &Props) -> Html {
    let anchors = props.instrument.anchors.as_ref();
    let (list, class) = match anchors {
        Some(_) => ("ladder", "rung"),
        None => ("options", "option"),
    };
    // In the data's order: the ladder's rungs are listed top first.
    let buttons = props.instrument.options.iter().map(|opt| {
        let value = i32::from(opt.value);
        let pressed = props.selected == Some(value);
        let onclick = props.on_answer.reform(move |_| value);
        html! {
            <button key={value} type="button" {class} aria-pressed={pressed.to_string()} {onclick}>
                { opt.label.get(props.lang) }
            </button>
        }
    });
    html! {
        <div class={classes!(anchors.is_some().then_some("ladder-wrap"))}>
            if let Some(a) = anchors {
                <p class="anchor anchor-top">{ a.top.get(props.lang) }</p>
            }
            <div class={list} role="group" aria-labelledby={props.heading.clone()}>{ for buttons }</div>
            if let Some(a) = anchors {
                <p class="anchor anchor-bottom">{ a.bottom.get(props.lang) }</p>
            }
        </div>
    }
}
