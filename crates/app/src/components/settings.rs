//! Counsellor: the programme's choices for this tablet: the reliable change
//! criterion and the ladder's cut-off set; and the app's version, which a
//! support call asks for.

use trivsel_core::{ReliableChange, APP_VERSION};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::services::storage::Settings;
use crate::state::{instruments, Action, Screen};

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Mdc,
    JacobsonTruax,
}

fn number(node: &NodeRef) -> Option<f64> {
    let text = node.cast::<HtmlInputElement>()?.value().replace(',', ".");
    text.trim().parse().ok()
}

#[function_component]
pub fn SettingsScreen() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let current = ctx.settings.clone();
    let (method0, sd0, r0, mdc0) = match current.reliable_change {
        ReliableChange::Mdc { points } => (Method::Mdc, 20.0, 0.81, points),
        ReliableChange::JacobsonTruax { sd, reliability } => {
            (Method::JacobsonTruax, sd, reliability, 23.6)
        }
    };
    let method = use_state(move || Some(method0));
    // Numbers as the person writes them: a decimal comma in Danish.
    let show = move |x: f64| match lang {
        trivsel_core::Lang::Da => x.to_string().replace('.', ","),
        trivsel_core::Lang::En => x.to_string(),
    };
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
    let set_label = |id: &'static str| {
        ladder
            .band_set(id)
            .map(|s| s.source.clone())
            .unwrap_or_default()
    };
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
            let m = messages(ctx.lang);
            let rc = match *method {
                Some(Method::JacobsonTruax) => ReliableChange::JacobsonTruax {
                    sd: number(&sd).unwrap_or(f64::NAN),
                    reliability: number(&r).unwrap_or(f64::NAN),
                },
                _ => ReliableChange::Mdc {
                    points: number(&mdc).unwrap_or(f64::NAN),
                },
            };
            if rc.check().is_err() {
                ctx.dispatch(Action::Notice(Some(m.settings_invalid.to_string())));
                return;
            }
            effects::save_settings(
                ctx.clone(),
                Settings {
                    reliable_change: rc,
                    ladder_band_set: ladder_set.unwrap_or("hbsc").to_string(),
                },
            );
        })
    };
    let cancel = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Go(Screen::Home)))
    };
    let method_label = move |k: Method| match k {
        Method::Mdc => m.rc_mdc.to_string(),
        Method::JacobsonTruax => m.rc_jt.to_string(),
    };
    html! {
        <section class="screen settings" aria-labelledby="s-heading">
            <h1 id="s-heading" tabindex="-1" ref={heading}>{ m.settings }</h1>
            <form class="form" {onsubmit}>
                { radios("rc", m.reliable_change, &[Method::Mdc, Method::JacobsonTruax], method_label, &method) }
                if *method == Some(Method::JacobsonTruax) {
                    <label for="sd">{ m.rc_sd }</label>
                    <input id="sd" type="text" inputmode="decimal" ref={sd} value={show(sd0)} />
                    <label for="r">{ m.rc_r }</label>
                    <input id="r" type="text" inputmode="decimal" ref={r} value={show(r0)} />
                } else {
                    <label for="mdc">{ m.rc_points }</label>
                    <input id="mdc" type="text" inputmode="decimal" ref={mdc} value={show(mdc0)} />
                }
                { radios("ladder-set", m.ladder_cutoffs, &set_ids, set_label, &ladder_set) }
                <div class="steps">
                    <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                    <button type="submit" class="primary">{ m.save_settings }</button>
                </div>
            </form>
            <p>{ m.version }{ APP_VERSION }</p>
        </section>
    }
}
