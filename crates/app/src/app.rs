//! The root component of the tablet's first page: the young person's
//! screens and the lock. It holds the state, shares it with every screen
//! through a context, and picks the screen to show. It also holds the
//! tablet's key (set up, unwrapped by the passphrase, or made when an older
//! tablet's data is sealed, all on this page); once the PIN is right it
//! opens the counsellor's screens, a bundle of their own (`counsellor_app`),
//! in its place and hands them that key. [`use_app`], [`use_app_state`] and [`page`] are the parts
//! the other bundles' roots share with it.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::broken::Broken;
use crate::components::header::{Header, Offer};
use crate::components::pin::{SetPin, Unlock};
use crate::components::thank_you::ThankYou;
use crate::components::youth::Youth;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::services::counsellor::{self, Handoff};
use crate::services::pwa;
use crate::state::{Action, AfterUnlock, AppState, Page, Screen};

/// The app's state for `page`: as [`use_app_state`], and (on the tablet's
/// first page) the service worker registered once.
#[hook]
pub fn use_app(page: Page) -> Ctx {
    let state = use_app_state(move || AppState::for_page(page));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            // The worker's scope holds the export page too: it is registered,
            // and an update offered, from the tablet's first page alone.
            if state.page == Page::Tablet {
                pwa::register(move || state.dispatch(Action::UpdateReady));
            }
        });
    }
    state
}

/// The state `init` makes: storage opened once, and `<html lang>` and the
/// title kept in step with the language.
#[hook]
pub fn use_app_state(init: impl FnOnce() -> AppState + 'static) -> Ctx {
    let state = use_reducer(init);
    let lang = state.lang;
    {
        let state = state.clone();
        use_effect_with((), move |_| effects::open(state));
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
    } else if ctx.page == Page::Tablet
        && matches!(
            ctx.screen,
            Screen::Unlock(_) | Screen::SetPin | Screen::NewPassphrase
        )
    {
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
    // When the counsellor's screens close: the questionnaire handed over, or locked.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    use_effect_with((), move |_| {
        counsellor::on_close(move |closing| {
            let ctx = latest.borrow().clone();
            ctx.dispatch(Action::SetLang(closing.lang));
            if closing.handed_over {
                effects::resume(ctx);
            } else {
                ctx.dispatch(Action::Lock);
            }
        })
    });
    let body = match &state.screen {
        Screen::Loading => html! { <p class="loading">{ m.loading }</p> },
        Screen::Broken(error) => html! { <Broken error={error.clone()} /> },
        // Setting up, and an older tablet's passphrase: on this page, which
        // then holds the key.
        Screen::SetPin | Screen::NewPassphrase => html! { <SetPin /> },
        Screen::Youth => html! { <Youth /> },
        Screen::ThankYou(id) => html! { <ThankYou record={*id} /> },
        Screen::Counsellor(start) => {
            let handoff = Rc::new(Handoff {
                lang: state.lang,
                result: match start {
                    AfterUnlock::Result(id) => Some(*id),
                    _ => None,
                },
                update_ready: state.update_ready,
            });
            // The counsellor's screens draw their own frame.
            return html! {
                <ContextProvider<Ctx> context={state}>
                    <CounsellorHost {handoff} />
                </ContextProvider<Ctx>>
            };
        }
        // Every other screen of this page is the PIN prompt.
        _ => html! { <Unlock /> },
    };
    page(state, body)
}

#[derive(Properties, PartialEq)]
struct HostProps {
    handoff: Rc<Handoff>,
}

/// The place the counsellor's screens are drawn in, and the one call that
/// opens them there, handing them the keys this page holds. If their bundle
/// cannot be loaded, the PIN prompt shows again with the reason.
#[function_component]
fn CounsellorHost(props: &HostProps) -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    {
        let handoff = props.handoff.clone();
        use_effect_with((), move |_| {
            // The keys this page holds, by reference: the counsellor's
            // screens read and write storage with them.
            let keys = ctx
                .store
                .as_ref()
                .and_then(|s| s.held_keys())
                .unwrap_or(JsValue::UNDEFINED);
            spawn_local(async move {
                if counsellor::open(&handoff, &keys).await.is_err() {
                    let m = messages(ctx.lang);
                    ctx.dispatch(Action::Lock);
                    ctx.dispatch(Action::Notice(Some(m.counsellor_failed.to_string())));
                }
            })
        });
    }
    html! { <div id={counsellor::ROOT} class="counsellor-root"></div> }
}
