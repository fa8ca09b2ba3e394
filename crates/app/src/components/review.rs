//! The review screen: every question with its answer, each changeable, then send.
//! It may be rendered hidden, prepared ahead (see `youth`), and is shown by a prop.

use trivsel_core::{Flow, Given, Lang};
use yew::prelude::*;

use crate::components::focus::use_focus_when_shown;
use crate::i18n::messages;
use crate::state::SharedCatalogue;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub catalogue: SharedCatalogue,
    pub flow: Flow,
    /// Rendered but not shown: the screen an answer will lead to.
    #[prop_or_default]
    pub hidden: bool,
    pub on_edit: Callback<usize>,
    pub on_back: Callback<()>,
    pub on_submit: Callback<()>,
}

#[function_component]
pub fn Review(props: &Props) -> Html {
    let lang = props.lang;
    let m = messages(lang);
    let heading = use_focus_when_shown((), !props.hidden);
    let rows = props.flow.steps.iter().enumerate().map(|(n, step)| {
        let instrument = props.catalogue.get(&step.instrument, step.version);
        let item = instrument.and_then(|i| Some((i, i.item(&step.item)?)));
        let question = item
            .map(|(_, item)| item.text.get(lang))
            .unwrap_or(&step.item);
        let answer = match (props.flow.given(n), item) {
            (Some(Given::Value(v)), Some((i, item))) => i.response_of(item).label(v, lang),
            (Some(Given::Value(v)), None) => v.to_string(),
            (Some(Given::Declined), _) => m.decline.to_string(),
            (None, _) => m.not_answered.to_string(),
        };
        let onclick = props.on_edit.reform(move |_| n);
        let change_name = format!("{} {} {}", m.change, m.question, n + 1);
        html! {
            <li key={n}>
                <span class="q">{ question }</span>
                <strong class="a">{ answer }</strong>
                <button type="button" class="secondary" aria-label={change_name} {onclick}>{ m.change }</button>
            </li>
        }
    });
    let on_back = props.on_back.reform(|_| ());
    let on_submit = props.on_submit.reform(|_| ());
    html! {
        <section class="screen review" hidden={props.hidden} aria-labelledby="review-heading">
            <h1 id="review-heading" tabindex="-1" ref={heading}>{ m.review_heading }</h1>
            <p class="lead">{ m.review_intro }</p>
            <ol class="answers">{ for rows }</ol>
            <nav class="steps">
                <button type="button" class="secondary" onclick={on_back}>{ m.back }</button>
                <button type="button" class="primary" disabled={!props.flow.is_complete()} onclick={on_submit}>{ m.submit }</button>
            </nav>
        </section>
    }
}
