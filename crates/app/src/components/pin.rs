//! The counsellor lock: setting up a tablet (passphrase and PIN), the
//! prompt (the passphrase after a restart, the PIN while the key is in
//! memory), and the passphrase a tablet with older, unencrypted data chooses.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::state::Screen;

pub(crate) fn value(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Empties a secret's field: it is not kept on screen.
pub(crate) fn clear(node: &NodeRef) {
    if let Some(i) = node.cast::<HtmlInputElement>() {
        i.set_value("");
    }
}

/// A labelled password field; `hint` is the id of the text describing it.
pub(crate) fn secret(
    id: &'static str,
    label: &'static str,
    node: &NodeRef,
    new: bool,
    hint: Option<&'static str>,
) -> Html {
    let autocomplete = if new {
        "new-password"
    } else {
        "current-password"
    };
    html! {
        <>
            <label for={id}>{ label }</label>
            <input {id} type="password" {autocomplete} ref={node.clone()} required=true aria-describedby={hint} />
        </>
    }
}

/// Setting up a fresh tablet (passphrase and PIN), or choosing the
/// passphrase of a tablet whose data is from before encryption (its PIN
/// stays): one form, so the bundle carries one component for both.
#[function_component]
pub fn SetPin() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let heading = use_focus_on(());
    let legacy = ctx.screen == Screen::NewPassphrase;
    let (phrase, phrase2, pin, repeat) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let onsubmit = {
        let nodes = (phrase.clone(), phrase2.clone(), pin.clone(), repeat.clone());
        let ctx = ctx.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (a, b, c, d) = &nodes;
            if legacy {
                effects::choose_passphrase(ctx.clone(), value(a), value(b));
            } else {
                effects::set_pin(ctx.clone(), value(a), value(b), value(c), value(d));
            }
        })
    };
    let (title, body, save) = if legacy {
        (
            m.new_passphrase_heading,
            m.new_passphrase_body,
            m.save_passphrase,
        )
    } else {
        (m.setup_heading, m.setup_body, m.save_setup)
    };
    html! {
        <section class="screen pin" aria-labelledby="pin-heading">
            <h1 id="pin-heading" tabindex="-1" ref={heading}>{ title }</h1>
            <p class="lead">{ body }</p>
            <form {onsubmit} class="form">
                { secret("new-passphrase", m.new_passphrase, &phrase, true, Some("passphrase-hint")) }
                <p id="passphrase-hint" class="hint">{ m.passphrase_hint }</p>
                { secret("repeat-passphrase", m.repeat_passphrase, &phrase2, true, None) }
                <p class="warn" role="note">{ m.passphrase_warning }</p>
                if !legacy {
                    <p>{ m.set_pin_body }</p>
                    { secret("new-pin", m.new_pin, &pin, true, None) }
                    { secret("repeat-pin", m.repeat_pin, &repeat, true, None) }
                }
                <button type="submit" class="primary" disabled={ctx.busy}>{ save }</button>
            </form>
        </section>
    }
}

#[function_component]
pub fn Unlock() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let heading = use_focus_on(());
    let field = use_node_ref();
    let onsubmit = {
        let (field, ctx) = (field.clone(), ctx.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let entered = value(&field);
            clear(&field);
            effects::unlock(ctx.clone(), entered);
        })
    };
    let by_pin = ctx.setup.unlocks_by_pin(ctx.key_held);
    let (body, input) = if by_pin {
        (m.unlock_body, secret("pin", m.pin, &field, false, None))
    } else {
        (
            m.unlock_passphrase_body,
            secret("passphrase", m.passphrase, &field, false, None),
        )
    };
    html! {
        <section class="screen pin" aria-labelledby="unlock-heading">
            <h1 id="unlock-heading" tabindex="-1" ref={heading}>{ m.unlock_heading }</h1>
            <p class="lead">{ body }</p>
            <form {onsubmit} class="form">
                { input }
                <button type="submit" class="primary" disabled={ctx.busy}>{ m.unlock }</button>
            </form>
        </section>
    }
}
