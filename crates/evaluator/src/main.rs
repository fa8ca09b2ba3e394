//! Entry point of the evaluator's page: its own bundle, so the report and the
//! import code never add a byte to what the tablet loads. Mounts the page.

mod actions;
mod app;
mod chart;
mod compute;
mod download;
mod file_list;
mod files;
mod i18n;
mod merge_view;
mod paint;
mod picker;
mod printed;
mod report_view;
mod settings;
mod state;
#[cfg(test)]
mod testing;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Replace the static "loading" text with the page.
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
