//! The tablet app's code, shared by its two pages: the app itself (`main.rs`)
//! and the counsellor's export page (`bin/trivsel-export.rs`). Each page is its own
//! wasm bundle, so the first load of the tablet never pays for the export.

pub mod app;
pub mod components;
pub mod effects;
pub mod export_app;
pub mod i18n;
pub mod services;
pub mod settings;
pub mod state;

/// Mounts `C` into the page's `#app` element, replacing its static "loading" text.
pub fn mount<C: yew::BaseComponent<Properties = ()>>() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<C>::with_root(root).render();
        }
        None => {
            yew::Renderer::<C>::new().render();
        }
    }
}
