//! The tablet app's code, shared by its three bundles: the first page
//! (`main.rs`: the young person's screens and the lock), the counsellor's
//! screens (`bin/trivsel-counsellor.rs`, opened in that page after the PIN)
//! and the counsellor's export page (`bin/trivsel-export.rs`). Each is its
//! own wasm bundle, so the tablet's first load carries only the first.

pub mod app;
pub mod components;
pub mod counsellor_app;
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
