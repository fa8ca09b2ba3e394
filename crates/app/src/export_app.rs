//! The root component of the counsellor's export page (`/eksport/`): the
//! tablet's files and the care of its data. It shares the tablet's storage,
//! state and lock, but shows only the prompt (the passphrase: this is a page
//! load of its own, so it does not hold the key the first page holds), the
//! export, the programme files and the data's care (backup, restore,
//! erasure, retention, passphrase and recovery key), so their code (and
//! age's) lives in this page's bundle alone. A tablet not yet set up, or
//! whose older data is not yet sealed, is sent to the first page.

use yew::prelude::*;

use crate::app::{page, use_app};
use crate::components::broken::Broken;
use crate::components::data::DataCare;
use crate::components::export::ExportScreen;
use crate::components::pin::Unlock;
use crate::components::programmes::ProgrammeFiles;
use crate::i18n::{export_messages, messages};
use crate::state::{Page, Screen};

#[function_component]
pub fn ExportApp() -> Html {
    crate::effects::reads_data();
    let state = use_app(Page::Export);
    let m = messages(state.lang);
    let body = match &state.screen {
        Screen::Loading => html! { <p class="loading">{ m.loading }</p> },
        Screen::Broken(error) => html! { <Broken error={error.clone()} /> },
        Screen::SetPin => {
            let x = export_messages(state.lang);
            html! {
                <section class="screen pin" aria-labelledby="setup-heading">
                    <h1 id="setup-heading">{ m.setup_heading }</h1>
                    <p class="lead">{ x.setup_on_tablet }</p>
                    <a class="primary" href="../">{ x.setup_on_tablet_link }</a>
                </section>
            }
        }
        Screen::Export => html! { <><ExportScreen /><ProgrammeFiles /><DataCare /></> },
        // Everything else on this page is the prompt, which leads here.
        _ => html! { <Unlock /> },
    };
    page(state, body)
}
