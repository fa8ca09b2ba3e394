//! Entry point: mounts the app into the page Trunk built.

mod app;
mod components;
mod effects;
mod i18n;
mod services;
mod state;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Replace the static "loading" text with the app.
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
