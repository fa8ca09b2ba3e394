//! The root component: holds the state and picks the screen to show.

use trivsel_core::Cursor;
use yew::prelude::*;

use crate::components::header::Header;
use crate::components::question::QuestionScreen;
use crate::components::review::Review;
use crate::components::score::ScoreScreen;
use crate::components::start::Start;
use crate::i18n::messages;
use crate::state::{Action, AppState, Screen};

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let lang = state.lang;

    use_effect_with(lang, |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            doc.set_title(messages(*lang).app_name);
        }
    });

    let on_action = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };

    let body = match state.screen {
        Screen::Start => html! {
            <Start {lang} resuming={!state.flow.answers.is_empty()} on_action={on_action.clone()} />
        },
        Screen::Questions => match state.flow.cursor {
            Cursor::Item(n) => html! {
                <QuestionScreen {lang} flow={state.flow.clone()} {n} on_action={on_action.clone()} />
            },
            Cursor::Review => html! {
                <Review {lang} flow={state.flow.clone()} on_action={on_action.clone()} />
            },
        },
        Screen::Score => html! {
            <ScoreScreen {lang} flow={state.flow.clone()} on_action={on_action.clone()} />
        },
    };

    html! {
        <>
            <Header {lang} {on_action} />
            <main id="main">{ body }</main>
        </>
    }
}
