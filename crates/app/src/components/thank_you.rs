//! After sending: thanks, and a neutral screen to hand the tablet back. It
//! shows nothing of the answers; the scores need the counsellor's PIN.

use trivsel_core::Uuid;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::effects::Ctx;
use crate::i18n::messages;
use crate::state::{Action, AfterUnlock, Screen};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub record: Uuid,
}

#[function_component]
pub fn ThankYou(props: &Props) -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let heading = use_focus_on(());
    let record = props.record;
    let onclick = Callback::from(move |_| {
        ctx.dispatch(Action::Go(Screen::Unlock(AfterUnlock::Result(record))))
    });
    html! {
        <section class="screen thanks" aria-labelledby="thanks-heading">
            <h1 id="thanks-heading" tabindex="-1" ref={heading}>{ m.thanks_heading }</h1>
            <p class="lead">{ m.thanks_body }</p>
            <button type="button" class="secondary" {onclick}>{ m.counsellor_button }</button>
        </section>
    }
}
