//! The thin bar at the top: the app's name and the language switch.

use trivsel_core::Lang;
use yew::prelude::*;

use crate::i18n::messages;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn Header(props: &Props) -> Html {
    let m = messages(props.lang);
    let other = m.switch_to_lang;
    let onclick = props.on_action.reform(move |_| Action::SetLang(other));
    html! {
        <header class="topbar">
            <span class="brand">{ m.app_name }</span>
            <button type="button" class="link" lang={other.tag()} {onclick}>{ m.switch_to }</button>
        </header>
    }
}
