//! The counsellor lock: choosing a PIN on first use, and the PIN prompt.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::effects::{self, Ctx};
use crate::i18n::messages;

fn value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn clear(node: &NodeRef) {
    if let Some(i) = node.cast::<HtmlInputElement>() {
        i.set_value("");
    }
}

#[function_component]
pub fn SetPin() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let heading = use_focus_on(());
    let pin = use_node_ref();
    let repeat = use_node_ref();
    let onsubmit = {
        let (pin, repeat, ctx) = (pin.clone(), repeat.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            effects::set_pin(ctx.clone(), value(&pin), value(&repeat));
        })
    };
    html! {
        <section class="screen pin" aria-labelledby="pin-heading">
            <h1 id="pin-heading" tabindex="-1" ref={heading}>{ m.set_pin_heading }</h1>
            <p class="lead">{ m.set_pin_body }</p>
            <form {onsubmit} class="form">
                <label for="new-pin">{ m.new_pin }</label>
                <input id="new-pin" type="password" autocomplete="new-password" ref={pin} required=true />
                <label for="repeat-pin">{ m.repeat_pin }</label>
                <input id="repeat-pin" type="password" autocomplete="new-password" ref={repeat} required=true />
                <button type="submit" class="primary" disabled={ctx.busy}>{ m.save_pin }</button>
            </form>
        </section>
    }
}

#[function_component]
pub fn Unlock() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let heading = use_focus_on(());
    let pin = use_node_ref();
    let onsubmit = {
        let (pin, ctx) = (pin.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let entered = value(&pin);
            clear(&pin);
            effects::unlock(ctx.clone(), entered);
        })
    };
    html! {
        <section class="screen pin" aria-labelledby="unlock-heading">
            <h1 id="unlock-heading" tabindex="-1" ref={heading}>{ m.unlock_heading }</h1>
            <p class="lead">{ m.unlock_body }</p>
            <form {onsubmit} class="form">
                <label for="pin">{ m.pin }</label>
                <input id="pin" type="password" autocomplete="current-password" ref={pin} required=true />
                <button type="submit" class="primary" disabled={ctx.busy}>{ m.unlock }</button>
            </form>
        </section>
    }
}
