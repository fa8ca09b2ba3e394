//! The calm first screen a young person sees.

use trivsel_core::Lang;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::i18n::messages;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// Answers exist already (the person went back from the first question).
    pub resuming: bool,
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn Start(props: &Props) -> Html {
    let m = messages(props.lang);
    let heading = use_focus_on(());
    let onclick = props.on_action.reform(|_| Action::Begin);
    let label = if props.resuming {
        m.continue_button
    } else {
        m.start_button
    };
    html! {
        <section class="screen start" aria-labelledby="start-heading">
            <h1 id="start-heading" tabindex="-1" ref={heading}>{ m.start_heading }</h1>
            { for m.start_body.iter().map(|p| html! { <p class="lead">{ *p }</p> }) }
            <button type="button" class="primary" {onclick}>{ label }</button>
        </section>
    }
}
