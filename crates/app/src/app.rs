//! The root component: holds the state, shares it with every screen through a
//! context, and picks the screen to show.

use yew::prelude::*;

use crate::components::broken::Broken;
use crate::components::export::ExportScreen;
use crate::components::header::Header;
use crate::components::home::Home;
use crate::components::measurement::NewMeasurement;
use crate::components::participant::ParticipantScreen;
use crate::components::participant_new::NewParticipant;
use crate::components::pin::{SetPin, Unlock};
use crate::components::result::ResultScreen;
use crate::components::settings::SettingsScreen;
use crate::components::thank_you::ThankYou;
use crate::components::youth::Youth;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::services::pwa;
use crate::state::{Action, AppState, Screen};

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let lang = state.lang;

    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let on_update = {
                let state = state.clone();
                move || state.dispatch(Action::UpdateReady)
            };
            effects::open(state);
            pwa::register(on_update);
        });
    }
    use_effect_with(lang, |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            doc.set_title(messages(*lang).app_name);
        }
    });

    let m = messages(lang);
    let body = match &state.screen {
        Screen::Loading => html! { <p class="loading">{ m.loading }</p> },
        Screen::Broken(error) => html! { <Broken error={error.clone()} /> },
        Screen::SetPin => html! { <SetPin /> },
        Screen::Unlock(_) => html! { <Unlock /> },
        Screen::Home => html! { <Home /> },
        Screen::NewParticipant => html! { <NewParticipant /> },
        Screen::Participant(code) => html! { <ParticipantScreen code={code.clone()} /> },
        Screen::NewMeasurement(code) => html! { <NewMeasurement code={code.clone()} /> },
        Screen::Settings => html! { <SettingsScreen /> },
        Screen::Export => html! { <ExportScreen /> },
        Screen::Youth => html! { <Youth /> },
        Screen::ThankYou(id) => html! { <ThankYou record={id.clone()} /> },
        Screen::Result(id) => html! { <ResultScreen record={id.clone()} /> },
    };
    // Never offered while a young person is answering: switching reloads the page.
    let offer_update = state.update_ready && state.screen != Screen::Youth;
    let ctx: Ctx = state.clone();
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <Header />
            <main id="main">
                <div class="notice" role="alert" aria-live="assertive">
                    if let Some(notice) = &state.notice {
                        <p>{ notice.clone() }</p>
                    }
                </div>
                if offer_update {
                    <div class="card update" role="status">
                        <p>{ m.update_ready }</p>
                        <button type="button" class="secondary" onclick={Callback::from(|_| pwa::apply_update())}>{ m.update_now }</button>
                    </div>
                }
                { body }
            </main>
        </ContextProvider<Ctx>>
    }
}
