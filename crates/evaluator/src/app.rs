//! The page: holds the state, reads the files it is given (exports and
//! programme files), computes the merge and report once every file is read
//! (after "Beregner …" has been painted), and lays out the files, the merge,
//! the settings, the report and the downloads. It never opens IndexedDB or any other storage: everything
//! it knows came from the files the evaluator gave it, and is gone on reload.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use trivsel_core::Lang;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::actions::Actions;
use crate::compute::compute;
use crate::file_list::FileList;
use crate::files;
use crate::i18n::{messages, Messages};
use crate::merge_view::MergeView;
use crate::paint::next_paint;
use crate::picker::Picker;
use crate::report_view::ReportView;
use crate::settings::Settings;
use crate::state::{Action, FileId, State};

/// The sentence in the live region: what the page is doing, or what it did.
fn status(state: &State, m: &Messages) -> String {
    let reading = state.reading();
    if reading > 0 {
        let total = state.files.len();
        return m.reading_files(total - reading, total);
    }
    if state.needs_compute() {
        return m.computing.to_string();
    }
    if let Some(outcome) = state.current() {
        return m.ready(
            outcome.merged.records.len(),
            outcome.files.len(),
            state.rejected(),
        );
    }
    if state.rejected() > 0 {
        return m.all_rejected(state.rejected());
    }
    String::new()
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let lang = state.lang;
    let m = messages(lang);
    use_document_lang(lang);
    use_drop_guard();
    let on_files = use_file_reader(state.dispatcher());
    use_compute(&state);

    let switch = {
        let dispatcher = state.dispatcher();
        let other = m.switch_to_lang;
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetLang(other)))
    };
    let on_remove = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: FileId| dispatcher.dispatch(Action::Remove(id)))
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Clear))
    };
    let on_params = {
        let dispatcher = state.dispatcher();
        Callback::from(move |p| dispatcher.dispatch(Action::SetParams(p)))
    };

    let any_loaded = state.loaded().next().is_some();
    // The questionnaires in the files, whose settings the panel offers.
    let asked = {
        let state = state.clone();
        use_memo(state.files_gen, move |_| Rc::new(state.asked()))
    };
    let current = state.current().cloned();
    let nothing_to_report = !any_loaded && state.reading() == 0 && state.rejected() > 0;

    html! {
        <>
            <header class="topbar">
                <span class="brand">{ "Trivsel" }</span>
                <span class="bar-actions">
                    <a class="link" href="../">{ m.back_to_app }</a>
                    <button type="button" class="link" lang={m.switch_to_lang.tag()} onclick={switch}>
                        { m.switch_to }
                    </button>
                </span>
            </header>
            <main id="main" class="evaluator">
                <h1>{ m.heading }</h1>
                <p class="lead">{ m.intro }</p>
                <section class="files controls" aria-labelledby="files-heading">
                    <h2 id="files-heading">{ m.files_heading }</h2>
                    <Picker lang={lang} on_files={on_files} />
                    <FileList lang={lang} files={state.files.clone()} {on_remove} {on_clear} />
                </section>
                <p class="status" role="status">{ status(&state, m) }</p>
                if nothing_to_report {
                    <p class="hint">{ m.nothing_to_report }</p>
                }
                if let Some(outcome) = current.clone() {
                    <MergeView outcome={outcome.clone()} lang={lang} />
                    <Actions outcome={outcome} lang={lang} />
                }
                if any_loaded {
                    <Settings lang={lang} params={state.params.clone()} catalogue={state.catalogue.clone()}
                        instruments={(*asked).clone()} on_change={on_params} />
                }
                if let Some(outcome) = current {
                    <ReportView outcome={outcome} lang={lang} />
                }
            </main>
        </>
    }
}

/// The document speaks the page's language.
#[hook]
fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            doc.set_title(messages(*lang).page_title);
        }
    });
}

/// A file dropped beside the drop zone must not replace the page (and the
/// report with it) by the file itself.
#[hook]
fn use_drop_guard() {
    use_effect_with((), |_| {
        let listeners = web_sys::window().map(|w| {
            let options = EventListenerOptions::enable_prevent_default();
            ["dragover", "drop"].map(|kind| {
                EventListener::new_with_options(&w, kind, options, |e| e.prevent_default())
            })
        });
        move || drop(listeners)
    });
}

/// What the picker calls with the files chosen: every file is read and
/// checked on its own, one after another (each is checked, in the reducer,
/// against the catalogue the files before it built); each result comes back
/// as an action.
#[hook]
fn use_file_reader(dispatcher: UseReducerDispatcher<State>) -> Callback<Vec<gloo_file::File>> {
    let next_id = use_mut_ref(|| 0 as FileId);
    Callback::from(move |chosen: Vec<gloo_file::File>| {
        let batch: Vec<(FileId, gloo_file::File)> = chosen
            .into_iter()
            .map(|f| {
                let mut id = next_id.borrow_mut();
                *id += 1;
                (*id, f)
            })
            .collect();
        dispatcher.dispatch(Action::Add(
            batch.iter().map(|(id, f)| (*id, f.name())).collect(),
        ));
        let dispatcher = dispatcher.clone();
        spawn_local(async move {
            for (id, file) in batch {
                let result = files::read(&file).await;
                dispatcher.dispatch(Action::Read { id, result });
            }
        });
    })
}

/// Once every file is read: show "Beregner …", let it paint, then merge and
/// report in one go and hand the outcome back.
#[hook]
fn use_compute(state: &UseReducerHandle<State>) {
    let needs = state.needs_compute();
    let docs: Vec<_> = if needs {
        state
            .loaded()
            .map(|(name, export)| (name.to_string(), export.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let previous = state.outcome.clone();
    let catalogue = state.catalogue.clone();
    let dispatcher = state.dispatcher();
    use_effect_with(
        (state.files_gen, state.params.clone(), needs),
        move |(files_gen, params, needs)| {
            if *needs {
                let (files_gen, params) = (*files_gen, params.clone());
                spawn_local(async move {
                    next_paint().await;
                    let outcome =
                        compute(&docs, params, files_gen, previous.as_deref(), &catalogue);
                    dispatcher.dispatch(Action::Computed(Rc::new(outcome)));
                });
            }
        },
    );
}
