//! The opened files, one line each: its name, then how many responses it
//! holds (or which programme a programme file is) or why it was rejected,
//! and a way to take it out again. Names and reasons come from files and are
//! only ever text.

use trivsel_core::Lang;
use yew::prelude::*;

use crate::i18n::messages;
use crate::state::{FileEntry, FileId, FileStatus};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub files: Vec<FileEntry>,
    pub on_remove: Callback<FileId>,
    pub on_clear: Callback<()>,
}

#[function_component]
pub fn FileList(props: &Props) -> Html {
    let m = messages(props.lang);
    if props.files.is_empty() {
        return html! { <p class="hint">{ m.no_files }</p> };
    }
    let items = props.files.iter().map(|f| {
        let (class, status) = match &f.status {
            FileStatus::Reading => ("file-reading", html! { { m.reading } }),
            FileStatus::Loaded(export) => (
                "file-loaded",
                html! { { m.responses(export.doc.records.len()) } },
            ),
            FileStatus::Programme(p) => {
                let info = &p.programme;
                let text = m.programme_file(info.name.get(props.lang), info.version, p.instruments.len());
                ("file-loaded file-programme", html! { { text } })
            }
            FileStatus::Rejected(why) => (
                "file-rejected",
                html! { <><strong>{ m.rejected }</strong>{ " " }{ why.message(props.lang) }</> },
            ),
        };
        let remove = {
            let on_remove = props.on_remove.clone();
            let id = f.id;
            Callback::from(move |_| on_remove.emit(id))
        };
        html! {
            <li class={classes!("file", class)} key={f.id}>
                <span class="file-name">{ f.name.clone() }</span>
                <span class="file-status">{ status }</span>
                <button type="button" class="secondary small" aria-label={m.remove_file(&f.name)} onclick={remove}>
                    { m.remove }
                </button>
            </li>
        }
    });
    let clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <>
            <ul class="file-list">{ for items }</ul>
            <button type="button" class="secondary" onclick={clear}>{ m.clear }</button>
        </>
    }
}
