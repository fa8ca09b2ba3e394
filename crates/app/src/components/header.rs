//! The thin bar at the top: the app's name, the language switch, and the lock
//! while the counsellor area is open; the way to the evaluator's page while
//! it is locked.
//!
//! It takes what it shows as props, not from the app's context, so a tap in
//! the questionnaire (which changes the context) does not render it again.

use trivsel_core::Lang;
use yew::prelude::*;

use crate::i18n::messages;
use crate::state::{Action, AfterUnlock, AppState, Screen};

/// Which of its links the bar offers, besides the language switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offer {
    /// The counsellor area is open: "Lås".
    Lock,
    /// A young person is answering: the way to the counsellor's PIN.
    Counsellor,
    /// At the tablet app's PIN prompt: the evaluator's page, which needs no PIN.
    Evaluator,
    Nothing,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub offer: Offer,
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[function_component]
pub fn Header(props: &Props) -> Html {
    let m = messages(props.lang);
    let other = m.switch_to_lang;
    let dispatch = &props.dispatch;
    let switch = on_click(dispatch, move || Action::SetLang(other));
    html! {
        <header class="topbar">
            <span class="brand">{ m.app_name }</span>
            <span class="bar-actions">
                {
                    match props.offer {
                        Offer::Lock => html! {
                            <button type="button" class="link" onclick={on_click(dispatch, || Action::Lock)}>{ m.lock }</button>
                        },
                        Offer::Counsellor => html! {
                            <button type="button" class="link" onclick={on_click(dispatch, || Action::Go(Screen::Unlock(AfterUnlock::Home)))}>{ m.counsellor_button }</button>
                        },
                        // The evaluator's page never reads this tablet's data, so it needs no PIN.
                        Offer::Evaluator => html! { <a class="link" href="evaluator/">{ m.evaluator_link }</a> },
                        Offer::Nothing => Html::default(),
                    }
                }
                <button type="button" class="link" lang={other.tag()} onclick={switch}>{ m.switch_to }</button>
            </span>
        </header>
    }
}

/// A click handler that dispatches the action `action` makes.
fn on_click(
    dispatch: &UseReducerDispatcher<AppState>,
    action: impl Fn() -> Action + 'static,
) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.dispatch(action()))
}
