//! Entry point of the evaluator's page: its own bundle, so the report and the
//! import code never add a byte to what the tablet loads.

use yew::prelude::*;

#[function_component]
fn Evaluator() -> Html {
    html! { <main id="main"><h1>{ "Evaluering" }</h1></main> }
}

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<Evaluator>::with_root(root).render();
        }
        None => {
            yew::Renderer::<Evaluator>::new().render();
        }
    }
}
