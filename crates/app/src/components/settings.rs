//! Counsellor: the programme's choices for this tablet, all offered from the
//! data: the battery new measurements ask (the shipped ones and those of the
//! programme files imported here), the band set shown where a score lets the
//! programme choose one, and the parameters of each reliable-change
//! criterion. Programme files are listed here and opened on the export page
//! (`programmes`), so their checks are not part of the tablet's first load.
//! And the app's version, which a support call asks for.

use std::collections::BTreeMap;

use trivsel_core::instrument::CriterionRule;
use trivsel_core::messages::upper_first;
use trivsel_core::report::key;
use trivsel_core::{decimal, Catalogue, Lang, ReliableChange, Respondent, APP_VERSION};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::go;
use crate::effects::{self, Ctx};
use crate::i18n::{messages, Messages};
use crate::services::storage::Settings;
use crate::settings::{reliable_criteria, score_key};
use crate::state::{Action, Screen};

/// One reliable-change criterion as the form edits it: the method and the
/// numbers as the counsellor typed them.
#[derive(Clone, PartialEq)]
struct Reliable {
    key: String,
    /// "Pålidelig ændring for WHO-5 %".
    legend: String,
    jacobson_truax: bool,
    points: String,
    sd: String,
    r: String,
}

/// The form's state: a copy of the settings being edited.
#[derive(Clone, PartialEq)]
struct Form {
    battery: Option<usize>,
    band_sets: BTreeMap<String, String>,
    reliable: Vec<Reliable>,
}

impl Form {
    fn of(settings: &Settings, catalogue: &Catalogue, lang: Lang) -> Form {
        let batteries = youth_batteries(catalogue);
        let chosen = settings.battery(catalogue);
        let show = |x: f64| decimal(x, None, lang);
        let reliable = reliable_criteria(current(catalogue).as_slice())
            .into_iter()
            .filter_map(|(i, s, c)| {
                let CriterionRule::Reliable { default } = s.criterion(&c)?.rule else {
                    return None;
                };
                let name = s.criterion(&c)?.name.get(lang);
                let rc = settings.reliable(&i.id, &s.id, &c).unwrap_or(default);
                let (jacobson_truax, points, sd, r) = match rc {
                    ReliableChange::Mdc { points } => {
                        (false, show(points), String::new(), String::new())
                    }
                    ReliableChange::JacobsonTruax { sd, reliability } => {
                        let points = match default {
                            ReliableChange::Mdc { points } => show(points),
                            ReliableChange::JacobsonTruax { .. } => String::new(),
                        };
                        (true, points, show(sd), show(reliability))
                    }
                };
                Some(Reliable {
                    key: key(&i.id, &s.id, &c),
                    legend: format!("{} – {}", upper_first(name), s.short.get(lang)),
                    jacobson_truax,
                    points,
                    sd,
                    r,
                })
            })
            .collect();
        Form {
            battery: batteries
                .iter()
                .position(|b| b.id == chosen.id && b.version == chosen.version),
            band_sets: settings.band_sets.clone(),
            reliable,
        }
    }

    /// The settings the form says, or `None` when a number is not usable.
    fn settings(&self, catalogue: &Catalogue) -> Option<Settings> {
        let number = |text: &str| text.trim().replace(',', ".").parse::<f64>().ok();
        let mut reliable = BTreeMap::new();
        for f in &self.reliable {
            let rc = if f.jacobson_truax {
                ReliableChange::JacobsonTruax {
                    sd: number(&f.sd)?,
                    reliability: number(&f.r)?,
                }
            } else {
                ReliableChange::Mdc {
                    points: number(&f.points)?,
                }
            };
            rc.check().ok()?;
            reliable.insert(f.key.clone(), rc);
        }
        let batteries = youth_batteries(catalogue);
        let mut settings = Settings::default();
        settings.battery = self
            .battery
            .and_then(|i| batteries.get(i))
            .map(|b| b.reference());
        settings.band_sets = self.band_sets.clone();
        settings.reliable = reliable;
        Some(settings)
    }
}

/// The newest version of each instrument in the catalogue.
fn current(catalogue: &Catalogue) -> Vec<trivsel_core::Instrument> {
    let all = catalogue.instruments();
    all.iter()
        .filter(|i| !all.iter().any(|j| j.id == i.id && j.version > i.version))
        .cloned()
        .collect()
}

/// The batteries a young person answers on this tablet.
fn youth_batteries(catalogue: &Catalogue) -> Vec<&trivsel_core::Battery> {
    catalogue
        .current_batteries()
        .into_iter()
        .filter(|b| b.respondent == Respondent::Youth)
        .collect()
}

/// A change to the form, given what the counsellor typed.
type Edit = dyn Fn(&mut Form, String);

/// A callback that applies `f` to a copy of the form and keeps the result.
fn editor(form: &UseStateHandle<Form>, f: Box<Edit>) -> Callback<String> {
    let form = form.clone();
    Callback::from(move |value: String| {
        let mut next = (*form).clone();
        f(&mut next, value);
        form.set(next);
    })
}

#[function_component]
pub fn SettingsScreen() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let form = {
        let (settings, catalogue) = (ctx.settings.clone(), ctx.catalogue.clone());
        use_state(move || Form::of(&settings, &catalogue, lang))
    };
    let onsubmit = {
        let (ctx, form) = (ctx.clone(), form.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.settings(&ctx.catalogue) {
                Some(settings) => effects::save_settings(ctx.clone(), settings),
                None => ctx.dispatch(Action::Notice(Some(
                    messages(ctx.lang).settings_invalid.to_string(),
                ))),
            }
        })
    };
    let cancel = go(&ctx, Screen::Home);
    let reliable = (0..form.reliable.len()).map(|n| reliable_fieldset(&form, n, m));
    html! {
        <section class="screen settings" aria-labelledby="s-heading">
            <h1 id="s-heading" tabindex="-1" ref={heading}>{ m.settings }</h1>
            <form class="form" {onsubmit}>
                { battery_choices(&form, &ctx.catalogue, m) }
                { band_set_choices(&form, &ctx.catalogue, m) }
                { for reliable }
                <div class="steps">
                    <button type="button" class="secondary" onclick={cancel}>{ m.cancel }</button>
                    <button type="submit" class="primary">{ m.save_settings }</button>
                </div>
            </form>
            { programme_list(&ctx, m) }
            <p>{ format!("{} {APP_VERSION}", upper_first(m.version)) }</p>
        </section>
    }
}

/// The batteries a new measurement may ask, one radio button each.
fn battery_choices(form: &UseStateHandle<Form>, catalogue: &Catalogue, m: &Messages) -> Html {
    let choices = youth_batteries(catalogue)
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let set = editor(form, Box::new(move |f, _| f.battery = Some(i)));
            let id = format!("battery-{i}");
            html! {
                <label class="choice" for={id.clone()}>
                    <input type="radio" {id} name="battery" checked={form.battery == Some(i)}
                        onchange={set.reform(|_| String::new())} />
                    <span>{ b.name.get(m.lang) }</span>
                </label>
            }
        });
    html! {
        <fieldset class="choices">
            <legend>{ m.battery }</legend>
            { for choices }
        </fieldset>
    }
}

/// For each score that lets the programme choose one of its band sets, the
/// sets as radio buttons.
fn band_set_choices(form: &UseStateHandle<Form>, catalogue: &Catalogue, m: &Messages) -> Html {
    let lang = m.lang;
    let instruments = current(catalogue);
    let scores = instruments.iter().flat_map(|i| {
        i.scores
            .iter()
            .filter(|s| s.choose_one_band_set && s.band_sets.len() > 1)
            .map(move |s| (i, s))
    });
    let groups = scores.map(|(i, s)| {
        let k = score_key(i, s);
        let shown = form
            .band_sets
            .get(&k)
            .cloned()
            .or_else(|| s.shown_band_sets.first().cloned());
        let options = s.band_sets.iter().map(|set| {
            let (key, set_id) = (k.clone(), set.id.clone());
            let choose = editor(form, Box::new(move |f, _| {
                f.band_sets.insert(key.clone(), set_id.clone());
            }));
            let id = format!("bands-{}-{}", k.replace('/', "-"), set.id);
            html! {
                <label class="choice" for={id.clone()}>
                    <input type="radio" {id} name={k.clone()} checked={shown.as_deref() == Some(set.id.as_str())}
                        onchange={choose.reform(|_| String::new())} />
                    <span>{ set.name.get(lang) }</span>
                </label>
            }
        });
        html! {
            <fieldset class="choices">
                <legend>{ m.cutoffs_for(s.short.get(lang)) }</legend>
                { for options }
            </fieldset>
        }
    });
    html! { <>{ for groups }</> }
}

/// A text field of the form: its label and what it holds.
fn number_field(id: String, label: &str, value: &str, set: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            set.emit(input.value());
        }
    });
    html! {
        <>
            <label for={id.clone()}>{ label.to_string() }</label>
            <input {id} type="text" inputmode="decimal" value={value.to_string()} {oninput} />
        </>
    }
}

/// Reliable-change criterion `n` of the form: its method and its numbers.
fn reliable_fieldset(form: &UseStateHandle<Form>, n: usize, m: &Messages) -> Html {
    let f = &form.reliable[n];
    let method = |jt: bool| {
        editor(
            form,
            Box::new(move |form, _| form.reliable[n].jacobson_truax = jt),
        )
    };
    let (to_mdc, to_jt) = (method(false), method(true));
    let input = |which: u8, label: &str, value: &str| {
        let set = editor(
            form,
            Box::new(move |form, v| match which {
                0 => form.reliable[n].points = v,
                1 => form.reliable[n].sd = v,
                _ => form.reliable[n].r = v,
            }),
        );
        number_field(format!("rc-{n}-{which}"), label, value, set)
    };
    let (mdc_id, jt_id) = (format!("rc-{n}-mdc"), format!("rc-{n}-jt"));
    html! {
        <fieldset class="choices">
            <legend>{ f.legend.clone() }</legend>
            <label class="choice" for={mdc_id.clone()}>
                <input type="radio" id={mdc_id} name={format!("rc-{n}")} checked={!f.jacobson_truax}
                    onchange={to_mdc.reform(|_| String::new())} />
                <span>{ m.rc_mdc }</span>
            </label>
            <label class="choice" for={jt_id.clone()}>
                <input type="radio" id={jt_id} name={format!("rc-{n}")} checked={f.jacobson_truax}
                    onchange={to_jt.reform(|_| String::new())} />
                <span>{ m.rc_jt }</span>
            </label>
            if f.jacobson_truax {
                { input(1, m.rc_sd, &f.sd) }
                { input(2, m.rc_r, &f.r) }
            } else {
                { input(0, m.rc_points, &f.points) }
            }
        </fieldset>
    }
}

/// The programme files imported on this tablet, and where they are opened.
fn programme_list(ctx: &Ctx, m: &Messages) -> Html {
    let lang = m.lang;
    html! {
        <section class="programmes" aria-labelledby="programmes-heading">
            <h2 id="programmes-heading">{ m.programmes }</h2>
            if ctx.programmes.is_empty() {
                <p>{ m.no_programmes }</p>
            } else {
                <ul>
                    { for ctx.programmes.iter().map(|p| {
                        let info = &p.programme.programme;
                        html! { <li>{ format!("{} ({} {})", info.name.get(lang), m.version, info.version) }</li> }
                    }) }
                </ul>
            }
            <p class="hint">{ m.programmes_where }</p>
            <a class="secondary" href="eksport/">{ m.export }</a>
        </section>
    }
}
