//! Counsellor: export the tablet's responses (all, not yet exported, or a
//! period) as JSON, CSV or NDJSON, and, separately and after confirming,
//! delete the ones already exported. It is the whole of the export page
//! (`/eksport/`, see `export_app`), so none of it is in the tablet's first load.

use trivsel_core::outbox::{FileFormat, Scope};
use trivsel_core::Date;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::effects::{self, Ctx};
use crate::i18n::{export_messages, messages};
use crate::state::Action;

#[derive(Clone, Copy, PartialEq)]
enum Which {
    NotExported,
    All,
    Period,
}

fn date_of(node: &NodeRef) -> Option<Date> {
    Date::parse(&node.cast::<HtmlInputElement>()?.value())
}

/// The records the choice takes: `None` while a period lacks an end.
fn scope_of(which: Option<Which>, period: (Option<Date>, Option<Date>)) -> Option<Scope> {
    match which {
        Some(Which::All) => Some(Scope::All),
        Some(Which::Period) => match period {
            (Some(from), Some(to)) => Some(Scope::Between { from, to }),
            _ => None,
        },
        _ => Some(Scope::NotExported),
    }
}

#[function_component]
pub fn ExportScreen() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let x = export_messages(ctx.lang);
    let heading = use_focus_on(());
    let which = use_state(|| Some(Which::NotExported));
    let format = use_state(|| Some(FileFormat::Json));
    // The period as typed, re-read on every change so the count follows it.
    let period = use_state(|| (None::<Date>, None::<Date>));
    let (from, to) = (use_node_ref(), use_node_ref());

    let scope = scope_of(*which, *period);
    let count = scope.map_or(0, |s| s.select(&ctx.data.records).len());
    let on_period = {
        let (period, from, to) = (period.clone(), from.clone(), to.clone());
        Callback::from(move |_: Event| period.set((date_of(&from), date_of(&to))))
    };
    let onsubmit = {
        let (ctx, format) = (ctx.clone(), format.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match scope {
                Some(scope) => effects::export(ctx.clone(), scope, format.unwrap_or_default()),
                None => ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).date_invalid.to_string(),
                ))),
            }
        })
    };
    let which_label = move |w: Which| {
        match w {
            Which::NotExported => x.scope_not_exported,
            Which::All => x.scope_all,
            Which::Period => x.scope_range,
        }
        .to_string()
    };
    let format_label = move |f: FileFormat| {
        match f {
            FileFormat::Json => x.format_json,
            FileFormat::Csv => x.format_csv,
            FileFormat::Ndjson => x.format_ndjson,
        }
        .to_string()
    };
    let shown = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let which_choices = [Which::NotExported, Which::All, Which::Period];
    html! {
        <section class="screen export" aria-labelledby="x-heading">
            <h1 id="x-heading" tabindex="-1" ref={heading}>{ m.export }</h1>
            <p>{ x.export_intro }</p>
            <form class="form" {onsubmit}>
                { radios("which", x.export_which, &which_choices, which_label, &which) }
                if *which == Some(Which::Period) {
                    <div class="period">
                        <div>
                            <label for="from">{ x.date_from }</label>
                            <input id="from" type="date" ref={from} value={shown(period.0)} onchange={on_period.clone()} />
                        </div>
                        <div>
                            <label for="to">{ x.date_to }</label>
                            <input id="to" type="date" ref={to} value={shown(period.1)} onchange={on_period} />
                        </div>
                    </div>
                }
                { radios("format", x.export_format, &FileFormat::ALL, format_label, &format) }
                <div class="steps">
                    <a class="secondary" href="../">{ m.all_participants }</a>
                    <button type="submit" class="primary" disabled={ctx.busy}>{ x.export_button(count) }</button>
                </div>
            </form>
            <DeleteExported />
        </section>
    }
}

/// Deleting the responses already exported: its own step, after a
/// confirmation, never part of an export.
#[function_component]
fn DeleteExported() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let x = export_messages(ctx.lang);
    let confirming = use_state(|| false);
    let exported = ctx.data.records.iter().filter(|r| r.exported).count();
    let confirm = |to: bool| {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(to))
    };
    let delete = {
        let (ctx, confirming) = (ctx.clone(), confirming.clone());
        Callback::from(move |_| {
            confirming.set(false);
            effects::delete_exported(ctx.clone());
        })
    };
    html! {
        <section class="card delete" aria-labelledby="del-heading">
            <h2 id="del-heading">{ x.delete_heading }</h2>
            <p>{ x.delete_explained }</p>
            if exported == 0 {
                <p>{ x.delete_none }</p>
            } else if *confirming {
                <div role="group" aria-labelledby="del-warning">
                    <p id="del-warning" class="warn">{ x.delete_warning }</p>
                    <div class="actions">
                        <button type="button" class="secondary" onclick={confirm(false)}>{ m.cancel }</button>
                        <button type="button" class="danger" disabled={ctx.busy} onclick={delete}>{ x.delete_confirm(exported) }</button>
                    </div>
                </div>
            } else {
                <button type="button" class="secondary" onclick={confirm(true)}>{ x.delete_button(exported) }</button>
            }
        </section>
    }
}
