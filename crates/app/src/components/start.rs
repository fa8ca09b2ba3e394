//! The calm first screen a young person sees after the hand-over, with what
//! is kept about them, who sees it and for how long (GDPR art. 13).

use trivsel_core::Lang;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::i18n::messages;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// The young person's pseudonymous code, so they can keep it.
    pub code: AttrValue,
    /// How many questions the questionnaire asks.
    pub questions: usize,
    /// Answers exist already (they went back from the first question).
    pub resuming: bool,
    /// How long records are kept after they are exported (settings).
    pub months: u32,
    pub on_begin: Callback<()>,
}

#[function_component]
pub fn Start(props: &Props) -> Html {
    let m = messages(props.lang);
    let heading = use_focus_on(());
    let onclick = props.on_begin.reform(|_| ());
    let label = if props.resuming {
        m.continue_button
    } else {
        m.start_button
    };
    html! {
        <section class="screen start" aria-labelledby="start-heading">
            <h1 id="start-heading" tabindex="-1" ref={heading}>{ m.start_heading }</h1>
            { for m.start_body(props.questions).into_iter().map(|p| html! { <p class="lead">{ p }</p> }) }
            <p class="code-line">{ m.your_code }{ " " }<strong class="code">{ props.code.clone() }</strong></p>
            <button type="button" class="primary" {onclick}>{ label }</button>
            <aside class="card rights" aria-labelledby="rights-heading">
                <h2 id="rights-heading">{ m.rights_heading }</h2>
                <ul>{ for m.rights(props.months).into_iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            </aside>
        </section>
    }
}
