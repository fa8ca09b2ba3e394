//! Counsellor: the programme's choices for this tablet: the reliable change
//! criterion and the ladder's cut-off set.

use trivsel_core::change::{DANISH_WHO5_ICC, DANISH_WHO5_MDC};
use trivsel_core::report::LADDER_BAND_SET;
use trivsel_core::{decimal, Lang, ReliableChange};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::components::go;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::services::storage::Settings;
use crate::state::{instruments, Action, Screen};

/// The SD the Jacobson–Truax fields start from until the programme gives
/// its own: a starting value to edit, not a published figure.
const SD_SUGGESTED: f64 = 20.0;

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Mdc,
    JacobsonTruax,
}

fn number(node: &NodeRef) -> Option<f64> {
    let text = node.cast::<HtmlInputElement>()?.value().replace(',', ".");
    text.trim().parse().ok()
}

/// The method and the numbers the form starts from: the programme's own, and
/// core's Danish WHO-5 figures where it has none.
fn starting_values(rc: ReliableChange) -> (Method, [f64; 3]) {
    match rc {
        ReliableChange::Mdc { points } => (Method::Mdc, [SD_SUGGESTED, DANISH_WHO5_ICC, points]),
        ReliableChange::JacobsonTruax { sd, reliability } => {
            (Method::JacobsonTruax, [sd, reliability, DANISH_WHO5_MDC])
        }
    }
}

/// The criterion's numbers, `[sd, r, mdc]`: the SD and reliability for
/// Jacobson–Truax, the MDC otherwise; each written as the person writes it,
/// with a decimal comma in Danish.
fn criterion_fields(
    lang: Lang,
    method: Option<Method>,
    [sd, r, mdc]: [&NodeRef; 3],
    [sd0, r0, mdc0]: [f64; 3],
) -> Html {
    let m = messages(lang);
    let show = |x: f64| decimal(x, None, lang);
    if method == Some(Method::JacobsonTruax) {
        html! {
            <>
                <label for="sd">{ m.rc_sd }</label>
                <input id="sd" type="text" inputmode="decimal" ref={sd.clone()} value={show(sd0)} />
                <label for="r">{ m.rc_r }</label>
                <input id="r" type="text" inputmode="decimal" ref={r.clone()} value={show(r0)} />
            </>
        }
    } else {
        html! {
            <>
                <label for="mdc">{ m.rc_points() }</label>
                <input id="mdc" type="text" inputmode="decimal" ref={mdc.clone()} value={show(mdc0)} />
            </>
        }
    }
}

/// The criterion the form describes from its `[sd, r, mdc]` fields (a field
/// that is not a number gives NaN, which the criterion's check refuses).
fn chosen_criterion(method: Option<Method>, [sd, r, mdc]: [&NodeRef; 3]) -> ReliableChange {
    match method {
        Some(Method::JacobsonTruax) => ReliableChange::JacobsonTruax {
            sd: number(sd).unwrap_or(f64::NAN),
            reliability: number(r).unwrap_or(f64::NAN),
        },
        _ => ReliableChange::Mdc {
            points: number(mdc).unwrap_or(f64::NAN),
        },
    }
}

#[function_component]
pub fn SettingsScreen() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let current = ctx.settings.clone();
    let (method0, values) = starting_values(current.reliable_change);
    let method = use_state(move || Some(method0));
    let ladder = instruments()[1];
    let set_ids: Vec<&'static str> = ladder.band_sets.iter().map(|s| s.id.as_str()).collect();
    let ladder_set = {
        let chosen = set_ids
            .iter()
            .copied()
            .find(|id| *id == current.ladder_band_set);
        use_state(move || chosen)
    };
    let (sd, r, mdc) = (use_node_ref(), use_node_ref(), use_node_ref());
    let set_label = |id: &'static str| ladder.band_set(id).map(|s| s.source.clone());
    let onsubmit = {
        let (ctx, method, ladder_set, sd, r, mdc) = (
            ctx.clone(),
            method.clone(),
            ladder_set.clone(),
            sd.clone(),
            r.clone(),
            mdc.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let rc = chosen_criterion(*method, [&sd, &r, &mdc]);
            if rc.check().is_err() {
                let m = messages(ctx.lang);
                ctx.dispatch(Action::Notice(Some(m.settings_invalid.to_string())));
                return;
            }
            effects::save_settings(
                ctx.clone(),
                Settings {
                    reliable_change: rc,
                    ladder_band_set: ladder_set.unwrap_or(LADDER_BAND_SET).to_string(),
                },
            );
        })
    };
    let cancel = go(&ctx, Screen::Home);
    let method_label = move |k: Method| match k {
        Method::Mdc => m.rc_mdc.to_string(),
        Method::JacobsonTruax => m.rc_jt.to_string(),
    };
    html! {
        <section class="screen settings" aria-labelledby="s-heading">
            <h1 id="s-heading" tabindex="-1" ref={heading}>{ m.settings }</h1>
            <form class="form" {onsubmit}>
                { radios("rc", m.reliable_change, &[Method::Mdc, Method::JacobsonTruax], method_label, &method) }
                { criterion_fields(lang, *method, [&sd, &r, &mdc], values) }
                { radios("ladder-set", m.ladder_cutoffs, &set_ids, |id| set_label(id).unwrap_or_default(), &ladder_set) }
                <div class="steps">
                    <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                    <button type="submit" class="primary">{ m.save_settings }</button>
                </div>
            </form>
        </section>
    }
}
