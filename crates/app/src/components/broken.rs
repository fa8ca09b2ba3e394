//! When storage cannot be used at all: a calm word for the young person, a
//! clear one for the counsellor, never a blank page.

use yew::prelude::*;

use crate::effects::Ctx;
use crate::i18n::messages;
use crate::services::storage::StorageError;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub error: StorageError,
}

#[function_component]
pub fn Broken(props: &Props) -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    html! {
        <section class="screen broken" aria-labelledby="broken-heading">
            <h1 id="broken-heading">{ m.broken_heading }</h1>
            <p class="lead">{ m.broken_youth }</p>
            <div class="card">
                <h2>{ m.for_counsellor }</h2>
                <p>{ props.error.message(ctx.lang) }</p>
            </div>
        </section>
    }
}
