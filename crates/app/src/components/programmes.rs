//! Counsellor: the programme files on this tablet, and opening another. A
//! programme file brings a programme's own questionnaires and batteries; it
//! is checked whole against what the tablet knows before anything of it is
//! stored (see `effects::import_programme`), and a bad one changes nothing.
//! It lives on the export page (`/eksport/`), with the tablet's other files,
//! so the checks are not part of the tablet's first load.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::state::Action;

#[function_component]
pub fn ProgrammeFiles() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let ctx = &ctx;
    let lang = ctx.lang;
    let m = messages(lang);
    let onchange = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let ctx = ctx.clone();
            spawn_local(async move {
                match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        effects::import_programme(ctx, bytes);
                    }
                    Err(_) => ctx.dispatch(Action::Notice(Some(
                        messages(ctx.lang).programme_unreadable.to_string(),
                    ))),
                }
            });
        })
    };
    let list = ctx.programmes.iter().map(|p| {
        let info = &p.programme.programme;
        html! { <li>{ format!("{} ({} {})", info.name.get(lang), m.version, info.version) }</li> }
    });
    html! {
        <section class="programmes" aria-labelledby="programmes-heading">
            <h2 id="programmes-heading">{ m.programmes }</h2>
            <p class="hint">{ m.programmes_hint }</p>
            if ctx.programmes.is_empty() {
                <p>{ m.no_programmes }</p>
            } else {
                <ul>{ for list }</ul>
            }
            <input id="programme-file" class="file-input" type="file" accept=".json,application/json" {onchange} />
            <label for="programme-file" class="secondary file-button">{ m.open_programme }</label>
        </section>
    }
}
