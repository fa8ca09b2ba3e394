//! The answers to one question, drawn for its item type: a large button per
//! answer, whose accessible name is exactly its visible label. A choice lists
//! its labelled options; a scale is drawn as a ladder, its top value first,
//! with its two ends labelled beside it; a count of days is a grid of day
//! buttons (no on-screen keyboard for numbers); yes/no is two buttons. Where
//! the instrument says so, "Vil ikke svare" / "Prefer not to answer" follows
//! as one more button, set apart.
//!
//! The buttons sit directly in a group named by the question's heading: no
//! list items around them, so a screen has fewer elements to style and lay
//! out when it is shown. Every type is this one component, so going from one
//! question to the next keeps the buttons the two share.

use trivsel_core::{Given, Lang, Response};
use yew::prelude::*;

use crate::i18n::messages;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// How the item is answered.
    pub response: Response,
    /// Whether the item offers "prefer not to answer".
    pub decline: bool,
    pub selected: Option<Given>,
    /// The id of the question's heading, which names the group.
    pub heading: AttrValue,
    pub on_answer: Callback<i32>,
    pub on_decline: Callback<()>,
}

#[function_component]
pub fn Answers(props: &Props) -> Html {
    let lang = props.lang;
    let (group, class) = match props.response {
        Response::Scale { .. } => ("scale", "rung"),
        Response::Days { .. } => ("days", "day"),
        Response::Choice { .. } | Response::YesNo => ("options", "option"),
    };
    // In the data's order: a scale's rungs are listed top first.
    let buttons = props.response.values().into_iter().map(|v| {
        let value = i32::from(v);
        let pressed = props.selected == Some(Given::Value(value));
        let onclick = props.on_answer.reform(move |_| value);
        html! {
            <button key={value} type="button" {class} aria-pressed={pressed.to_string()} {onclick}>
                { props.response.button_label(v, lang) }
            </button>
        }
    });
    let decline = props.decline.then(|| {
        let pressed = props.selected == Some(Given::Declined);
        let onclick = props.on_decline.reform(|_| ());
        html! {
            <button key="decline" type="button" class="decline" aria-pressed={pressed.to_string()} {onclick}>
                { messages(lang).decline }
            </button>
        }
    });
    let anchors = match &props.response {
        Response::Scale { anchors, .. } => Some(anchors),
        _ => None,
    };
    html! {
        <div class={classes!(anchors.is_some().then_some("scale-wrap"))}>
            if let Some(a) = anchors {
                <p class="anchor anchor-top">{ a.high.get(lang) }</p>
            }
            <div class={group} role="group" aria-labelledby={props.heading.clone()}>
                { for buttons }
                { for decline }
            </div>
            if let Some(a) = anchors {
                <p class="anchor anchor-bottom">{ a.low.get(lang) }</p>
            }
        </div>
    }
}
