//! The root component of the tablet app: holds the state, shares it with every
//! screen through a context, and picks the screen to show. [`use_app`] and
//! [`page`] are the parts the export page's root shares with it.

use yew::prelude::*;

use crate::components::broken::Broken;
use crate::components::header::{Header, Offer};
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
use crate::state::{Action, AppState, Page, Screen};

/// The app's state for `page`: opens storage and (on the tablet app's page)
/// registers the service worker once, and keeps `<html lang>` and the title in
/// step with the language.
#[hook]
pub fn use_app(page: Page) -> Ctx {
    let state = use_reducer(move || AppState::for_page(page));
    let lang = state.lang;
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let on_update = {
                let state = state.clone();
                move || state.dispatch(Action::UpdateReady)
            };
            // The worker's scope holds the export page too: it is registered,
            // and an update offered, from the tablet app's page alone.
            let tablet = state.page == Page::Tablet;
            effects::open(state);
            if tablet {
                pwa::register(on_update);
            }
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
    state
}

/// The frame around every screen: the context, the top bar, the message
/// area and the update offer.
pub fn page(ctx: Ctx, body: Html) -> Html {
    let m = messages(ctx.lang);
    // Offered to the counsellor only: never while a young person is answering
    // (switching reloads the page), nor on the thank-you screen they are left on.
    let offer_update =
        ctx.update_ready && !matches!(ctx.screen, Screen::Youth | Screen::ThankYou(_));
    let notice = ctx.notice.clone();
    let offer = if ctx.unlocked {
        Offer::Lock
    } else if ctx.screen == Screen::Youth {
        Offer::Counsellor
    } else if ctx.page == Page::Tablet && matches!(ctx.screen, Screen::Unlock(_) | Screen::SetPin) {
        // The way in for an evaluator, who opens the app's address; the export
        // page is the counsellor's, reached from inside the app.
        Offer::Evaluator
    } else {
        Offer::Nothing
    };
    let (lang, dispatch) = (ctx.lang, ctx.dispatcher());
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <Header {lang} {offer} {dispatch} />
            <main id="main">
                <div class="notice" role="alert" aria-live="assertive">
                    if let Some(notice) = notice {
                        <p>{ notice }</p>
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

#[function_component]
pub fn App() -> Html {
    let state = use_app(Page::Tablet);
    let m = messages(state.lang);
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
        // The export is its own page (see `export_app`).
        Screen::Export => html! { <Home /> },
        Screen::Youth => html! { <Youth /> },
        Screen::ThankYou(id) => html! { <ThankYou record={id.clone()} /> },
        Screen::Result(id) => html! { <ResultScreen record={id.clone()} /> },
    };
    page(state, body)
}
