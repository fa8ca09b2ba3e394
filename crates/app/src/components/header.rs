//! The thin bar at the top: the app's name, the language switch, and the lock
//! while the counsellor area is open; the way to the evaluator's page while
//! it is locked.

use yew::prelude::*;

use crate::effects::Ctx;
use crate::i18n::messages;
use crate::state::{Action, AfterUnlock, Screen};

#[function_component]
pub fn Header() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let other = m.switch_to_lang;
    let switch = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::SetLang(other)))
    };
    let lock = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Lock))
    };
    let counsellor = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Go(Screen::Unlock(AfterUnlock::Home))))
    };
    html! {
        <header class="topbar">
            <span class="brand">{ m.app_name }</span>
            <span class="bar-actions">
                if ctx.unlocked {
                    <button type="button" class="link" onclick={lock}>{ m.lock }</button>
                } else if ctx.screen == Screen::Youth {
                    <button type="button" class="link" onclick={counsellor}>{ m.counsellor_button }</button>
                } else if matches!(ctx.screen, Screen::Unlock(_) | Screen::SetPin) {
                    // The evaluator's page never reads this tablet's data, so it needs no PIN.
                    <a class="link" href="/evaluator/">{ m.evaluator_link }</a>
                }
                <button type="button" class="link" lang={other.tag()} onclick={switch}>{ m.switch_to }</button>
            </span>
        </header>
    }
}
