//! The root of the counsellor's screens: participants, measurements, scores,
//! history and settings. They are a bundle of their own
//! (`bin/trivsel-counsellor.rs`), which the tablet's first page opens in the
//! page once the PIN is right (`services::counsellor`), so the young person's
//! first load never carries them. They open unlocked, where the PIN prompt
//! led, and close themselves when the tablet is handed over or locked,
//! telling the first page which.

use std::cell::RefCell;

use trivsel_core::Lang;
use yew::prelude::*;

use crate::app::{page, use_app_state};
use crate::components::home::Home;
use crate::components::measurement::NewMeasurement;
use crate::components::participant::ParticipantScreen;
use crate::components::participant_new::NewParticipant;
use crate::components::result::ResultScreen;
use crate::components::settings::SettingsScreen;
use crate::i18n::messages;
use crate::services::counsellor::{self, Closing, Handoff, ROOT};
use crate::state::{AfterUnlock, AppState, Screen};

thread_local! {
    static OPEN: RefCell<Option<AppHandle<CounsellorApp>>> = const { RefCell::new(None) };
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub start: AfterUnlock,
    pub update_ready: bool,
}

/// Opens the counsellor's screens as `handoff` says (the first page's note,
/// as JSON), replacing any left open; `keys` are the keys the first page
/// holds, which their storage uses (see `services::counsellor`).
pub fn open(handoff: &str, keys: wasm_bindgen::JsValue) {
    let Ok(h) = serde_json::from_str::<Handoff>(handoff) else {
        return;
    };
    counsellor::take_over_keys(keys);
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ROOT))
    else {
        return;
    };
    if let Some(old) = OPEN.take() {
        old.destroy();
    }
    root.set_inner_html("");
    let start = match h.result {
        Some(id) => AfterUnlock::Result(id),
        None => AfterUnlock::Home,
    };
    let props = Props {
        lang: h.lang,
        start,
        update_ready: h.update_ready,
    };
    let handle = yew::Renderer::<CounsellorApp>::with_root_and_props(root, props).render();
    OPEN.set(Some(handle));
}

/// Closes the counsellor's screens and tells the first page why. The keys
/// handed over are dropped here; the first page keeps its own.
fn close(closing: Closing) {
    counsellor::drop_keys();
    counsellor::closed(&closing);
    // Not from inside its own render: once this task is done.
    wasm_bindgen_futures::spawn_local(async {
        if let Some(open) = OPEN.take() {
            open.destroy();
        }
    });
}

#[function_component]
pub fn CounsellorApp(props: &Props) -> Html {
    crate::effects::reads_data();
    let state = {
        let (lang, start, update) = (props.lang, props.start.clone(), props.update_ready);
        use_app_state(move || AppState {
            update_ready: update,
            ..AppState::counsellor(lang, &start)
        })
    };
    let m = messages(state.lang);
    // Handing over or locking ends the counsellor's screens, and their hold
    // of the key (the first page keeps its own).
    let store = state.store.clone();
    use_effect_with((state.screen.clone(), state.lang), move |(screen, lang)| {
        let handed_over = match screen {
            Screen::Youth => Some(true),
            Screen::Unlock(_) => Some(false),
            _ => None,
        };
        if let Some(handed_over) = handed_over {
            if let Some(store) = &store {
                store.forget_key();
            }
            close(Closing {
                lang: *lang,
                handed_over,
            });
        }
    });
    let body = match &state.screen {
        Screen::Home => html! { <Home /> },
        Screen::NewParticipant => html! { <NewParticipant /> },
        Screen::Participant(code) => html! { <ParticipantScreen code={code.clone()} /> },
        Screen::NewMeasurement(code) => html! { <NewMeasurement code={code.clone()} /> },
        Screen::Settings => html! { <SettingsScreen /> },
        Screen::Result(id) => html! { <ResultScreen record={*id} /> },
        _ => html! { <p class="loading">{ m.loading }</p> },
    };
    page(state, body)
}
