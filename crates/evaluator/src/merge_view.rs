//! What the merge did: how many responses count, how many were duplicates or
//! replaced by a correction, and every conflict and every ring of
//! corrections with core's message (a conflicting response is left out,
//! never picked; no record of a ring counts).

use std::rc::Rc;

use trivsel_core::Lang;
use yew::prelude::*;

use crate::compute::Outcome;
use crate::i18n::messages;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub outcome: Rc<Outcome>,
    pub lang: Lang,
}

#[function_component]
pub fn MergeView(props: &Props) -> Html {
    let m = messages(props.lang);
    let merged = &props.outcome.merged;
    let figures = [
        (m.in_report, merged.records.len()),
        (m.duplicates, merged.duplicates),
        (m.superseded, merged.superseded),
        (m.conflicts, merged.conflicts.len()),
    ];
    html! {
        <section class="merge" aria-labelledby="merge-heading">
            <h2 id="merge-heading">{ m.merge_heading }</h2>
            // On paper, where the file list is left out: which files the figures come from.
            <p class="print-only">{ m.merged_files(&props.outcome.files) }</p>
            <dl class="merge-figures">
                { for figures.iter().map(|(label, n)| html! {
                    <div><dt>{ *label }</dt><dd>{ n }</dd></div>
                }) }
            </dl>
            if !merged.conflicts.is_empty() {
                <h3>{ m.conflicts_heading }</h3>
                <ul class="conflicts">
                    { for merged.conflicts.iter().map(|c| html! { <li>{ c.message(props.lang) }</li> }) }
                </ul>
            }
            if !merged.cycles.is_empty() {
                <h3>{ m.cycles_heading }</h3>
                <ul class="conflicts">
                    { for merged.cycles.iter().map(|c| html! { <li>{ c.message(props.lang) }</li> }) }
                </ul>
            }
        </section>
    }
}
