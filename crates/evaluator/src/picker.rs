//! Where files come in: a labelled file input (many files at once) inside a
//! drop zone. Both hand the browser's files to the page; neither reads them.

use trivsel_core::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::files;
use crate::i18n::messages;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub on_files: Callback<Vec<gloo_file::File>>,
}

#[function_component]
pub fn Picker(props: &Props) -> Html {
    let m = messages(props.lang);
    let over = use_state(|| false);
    // dragenter/dragleave fire for every child crossed: count them.
    let depth = use_mut_ref(|| 0u32);

    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let chosen = files::from_input(&input);
            if !chosen.is_empty() {
                on_files.emit(chosen);
            }
        })
    };
    let ondragenter = {
        let (over, depth) = (over.clone(), depth.clone());
        Callback::from(move |e: DragEvent| {
            if files::drags_files(&e) {
                e.prevent_default();
                *depth.borrow_mut() += 1;
                over.set(true);
            }
        })
    };
    let ondragover = Callback::from(move |e: DragEvent| {
        if files::drags_files(&e) {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
        }
    });
    let ondragleave = {
        let (over, depth) = (over.clone(), depth.clone());
        Callback::from(move |_: DragEvent| {
            let mut d = depth.borrow_mut();
            *d = d.saturating_sub(1);
            if *d == 0 {
                over.set(false);
            }
        })
    };
    let ondrop = {
        let (over, depth) = (over.clone(), depth.clone());
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            *depth.borrow_mut() = 0;
            over.set(false);
            let dropped = files::from_drop(&e);
            if !dropped.is_empty() {
                on_files.emit(dropped);
            }
        })
    };

    html! {
        <div class={classes!("dropzone", over.then_some("is-over"))}
            {ondragenter} {ondragover} {ondragleave} {ondrop}>
            <input id="files" class="file-input" type="file" multiple=true
                accept=".json,.age,application/json" {onchange} />
            <label for="files" class="file-button">{ m.choose_files }</label>
            <p class="drop-hint">{ if *over { m.drop_now } else { m.drop_hint } }</p>
        </div>
    }
}
