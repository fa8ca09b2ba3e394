//! Counsellor: export the tablet's responses (all, not yet exported, or a
//! period) as JSON, CSV or NDJSON, and, separately and after confirming,
//! delete the ones already exported.

use trivsel_core::outbox::{FileFormat, Scope};
use trivsel_core::Date;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::state::{Action, Screen};

#[derive(Clone, Copy, PartialEq)]
enum Which {
    NotExported,
    All,
    Period,
}

fn date_of(node: &NodeRef) -> Option<Date> {
    Date::parse(&node.cast::<HtmlInputElement>()?.value())
}

#[function_component]
pub fn ExportScreen() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let m = messages(ctx.lang);
    let heading = use_focus_on(());
    let which = use_state(|| Some(Which::NotExported));
    let format = use_state(|| Some(FileFormat::Json));
    // The period as typed, re-read on every change so the count follows it.
    let period = use_state(|| (None::<Date>, None::<Date>));
    let confirming = use_state(|| false);
    let (from, to) = (use_node_ref(), use_node_ref());

    let scope = match *which {
        Some(Which::All) => Some(Scope::All),
        Some(Which::Period) => match *period {
            (Some(from), Some(to)) => Some(Scope::Between { from, to }),
            _ => None,
        },
        _ => Some(Scope::NotExported),
    };
    let records = &ctx.data.records;
    let count = scope.map_or(0, |s| s.select(records).len());
    let exported = records.iter().filter(|r| r.exported).count();

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
                    messages(ctx.lang).date_invalid.to_string(),
                ))),
            }
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel_delete = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let delete = {
        let (ctx, confirming) = (ctx.clone(), confirming.clone());
        Callback::from(move |_| {
            confirming.set(false);
            effects::delete_exported(ctx.clone());
        })
    };
    let back = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Go(Screen::Home)))
    };
    let which_label = move |w: Which| {
        match w {
            Which::NotExported => m.scope_not_exported,
            Which::All => m.scope_all,
            Which::Period => m.scope_range,
        }
        .to_string()
    };
    let format_label = move |f: FileFormat| {
        match f {
            FileFormat::Json => m.format_json,
            FileFormat::Csv => m.format_csv,
            FileFormat::Ndjson => m.format_ndjson,
        }
        .to_string()
    };
    let shown = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let which_choices = [Which::NotExported, Which::All, Which::Period];
    html! {
        <section class="screen export" aria-labelledby="x-heading">
            <h1 id="x-heading" tabindex="-1" ref={heading}>{ m.export }</h1>
            <p>{ m.export_intro }</p>
            <form class="form" {onsubmit}>
                { radios("which", m.export_which, &which_choices, which_label, &which) }
                if *which == Some(Which::Period) {
                    <div class="period">
                        <div>
                            <label for="from">{ m.date_from }</label>
                            <input id="from" type="date" ref={from} value={shown(period.0)} onchange={on_period.clone()} />
                        </div>
                        <div>
                            <label for="to">{ m.date_to }</label>
                            <input id="to" type="date" ref={to} value={shown(period.1)} onchange={on_period} />
                        </div>
                    </div>
                }
                { radios("format", m.export_format, &FileFormat::ALL, format_label, &format) }
                <div class="steps">
                    <button type="button" class="secondary" onclick={back}>{ m.all_participants }</button>
                    <button type="submit" class="primary" disabled={ctx.busy}>{ m.export_button(count) }</button>
                </div>
            </form>
            <section class="card delete" aria-labelledby="del-heading">
                <h2 id="del-heading">{ m.delete_heading }</h2>
                <p>{ m.delete_explained }</p>
                if exported == 0 {
                    <p>{ m.delete_none }</p>
                } else if *confirming {
                    <div role="group" aria-labelledby="del-warning">
                        <p id="del-warning" class="warn">{ m.delete_warning }</p>
                        <div class="actions">
                            <button type="button" class="secondary" onclick={cancel_delete}>{ m.cancel }</button>
                            <button type="button" class="danger" disabled={ctx.busy} onclick={delete}>{ m.delete_confirm(exported) }</button>
                        </div>
                    </div>
                } else {
                    <button type="button" class="secondary" onclick={ask}>{ m.delete_button(exported) }</button>
                }
            </section>
        </section>
    }
}
