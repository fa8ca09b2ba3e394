//! The root component of the counsellor's export page (`/eksport/`). It shares
//! the tablet's storage, state and PIN gate, but shows only the PIN prompt and
//! the export screen with the care of the tablet's data (backup, restore,
//! erasure, retention, keys), so that code lives in this page's bundle alone.

use yew::prelude::*;

use crate::app::{page, use_app};
use crate::components::broken::Broken;
use crate::components::data::DataCare;
use crate::components::export::ExportScreen;
use crate::components::pin::{SetPin, Unlock};
use crate::components::settings::SettingsScreen;
use crate::effects;
use crate::i18n::messages;
use crate::state::{Page, Screen};

#[function_component]
pub fn ExportApp() -> Html {
    let state = use_app(Page::Export);
    // Seals what an interrupted migration of version 1 data left in clear,
    // once the key is held (the tablet's page reads either form meanwhile).
    {
        let ctx = state.clone();
        use_effect_with(state.unlocked && state.key_held, move |ready| {
            if *ready {
                effects::finish_migration(ctx);
            }
        });
    }
    let m = messages(state.lang);
    let body = match &state.screen {
        Screen::Loading => html! { <p class="loading">{ m.loading }</p> },
        Screen::Broken(error) => html! { <Broken error={error.clone()} /> },
        Screen::SetPin | Screen::NewPassphrase => html! { <SetPin /> },
        // Keyed by the settings, so the form starts again from them once they are read.
        Screen::Export => html! {
            <>
                <ExportScreen />
                <SettingsScreen key={format!("{:?}", state.settings)} />
                <DataCare />
            </>
        },
        // Everything else on this page is the PIN prompt, which leads here.
        _ => html! { <Unlock /> },
    };
    page(state, body)
}
