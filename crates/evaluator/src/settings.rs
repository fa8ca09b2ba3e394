//! The report's settings the evaluator may change, found in the data: one
//! number field per reference value and per reliable-change criterion that
//! the figures of the questionnaires in the files use (core's
//! `report::settings`; a Jacobson & Truax criterion has two, its SD and its
//! reliability), the smallest group shown, and which groups the tables show
//! beside everyone. Each field starts at the data's own value and says it;
//! a value equal to it is left to the data. Numbers are typed as text so
//! "7,5" works as well as "7.5"; core checks every value against the
//! definitions (`ReportParams::check_with`) and names what is wrong.

use std::collections::BTreeMap;
use std::rc::Rc;

use trivsel_core::report::{settings, Breakdown, ReportParamsError, SettingKind, DEFAULT_MIN_CELL};
use trivsel_core::{decimal, Catalogue, Instrument, Lang, ReliableChange, ReportParams};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{messages, Messages};
use trivsel_core::messages::upper_first;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub params: ReportParams,
    /// What the settings are checked against.
    pub catalogue: Rc<Catalogue>,
    /// The definitions of the questionnaires in the files: the settings
    /// their figures use are offered.
    pub instruments: Rc<Vec<Instrument>>,
    pub on_change: Callback<ReportParams>,
}

/// A number as typed: a decimal comma or point, spaces around ignored.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    text.parse().ok()
}

/// What one field sets.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A reference value, by key, and the data's.
    Reference {
        key: String,
        own: f64,
    },
    /// A reliable-change criterion's minimal detectable change.
    Mdc {
        key: String,
        own: ReliableChange,
    },
    /// A Jacobson & Truax criterion's standard deviation.
    Sd {
        key: String,
        own: ReliableChange,
    },
    /// A Jacobson & Truax criterion's reliability.
    Reliability {
        key: String,
        own: ReliableChange,
    },
    MinCell,
}

/// One number field of the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The element's id, unique on the page.
    pub id: String,
    pub label: String,
    pub hint: String,
    pub target: Target,
}

/// The parameters of a reliable-change criterion now in force.
fn reliable_now(params: &ReportParams, key: &str, own: ReliableChange) -> ReliableChange {
    params.reliable.get(key).copied().unwrap_or(own)
}

impl Target {
    /// The value in force under `params`.
    pub fn value(&self, params: &ReportParams) -> f64 {
        match self {
            Target::Reference { key, own } => params.references.get(key).copied().unwrap_or(*own),
            Target::Mdc { key, own } => reliable_now(params, key, *own).threshold(),
            Target::Sd { key, own } | Target::Reliability { key, own } => {
                match (self, reliable_now(params, key, *own)) {
                    (Target::Sd { .. }, ReliableChange::JacobsonTruax { sd, .. }) => sd,
                    (_, ReliableChange::JacobsonTruax { reliability, .. }) => reliability,
                    (_, other) => other.threshold(),
                }
            }
            Target::MinCell => f64::from(params.min_cell),
        }
    }

    /// `params` with this field at `x`, or `None` if `x` cannot be this
    /// field's value (a smallest group that is not a whole number). A value
    /// equal to the data's own is left to the data.
    pub fn apply(&self, params: &ReportParams, x: f64) -> Option<ReportParams> {
        let mut next = params.clone();
        let mut reliable = |key: &String, own: ReliableChange, rc: ReliableChange| {
            if rc == own {
                next.reliable.remove(key);
            } else {
                next.reliable.insert(key.clone(), rc);
            }
        };
        match self {
            Target::Reference { key, own } => {
                if x == *own {
                    next.references.remove(key);
                } else {
                    next.references.insert(key.clone(), x);
                }
            }
            Target::Mdc { key, own } => reliable(key, *own, ReliableChange::Mdc { points: x }),
            Target::Sd { key, own } | Target::Reliability { key, own } => {
                let (sd, reliability) = match reliable_now(params, key, *own) {
                    ReliableChange::JacobsonTruax { sd, reliability } => (sd, reliability),
                    ReliableChange::Mdc { .. } => return None,
                };
                let rc = match self {
                    Target::Sd { .. } => ReliableChange::JacobsonTruax { sd: x, reliability },
                    _ => ReliableChange::JacobsonTruax { sd, reliability: x },
                };
                reliable(key, *own, rc);
            }
            Target::MinCell => {
                let whole = x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x);
                if !whole {
                    return None;
                }
                next.min_cell = x as u32;
            }
        }
        Some(next)
    }
}

/// The number fields for the figures of `instruments`, in their order, then
/// the smallest group shown.
pub fn fields(instruments: &[Instrument], m: &Messages) -> Vec<Field> {
    let lang = m.lang;
    let own = |x: f64| decimal(x, None, lang);
    let mut out: Vec<Field> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    // Two versions of one questionnaire share their settings' keys.
    for s in instruments.iter().flat_map(settings) {
        if seen.contains(&s.key) {
            continue;
        }
        seen.push(s.key.clone());
        let score = s.score.short.get(lang);
        let id = field_id(&s.key);
        let key = s.key.clone();
        match s.kind {
            SettingKind::Reference(r) => {
                let (min, max) = s.range();
                out.push(Field {
                    label: m.reference_label(score, r.name.get(lang)),
                    hint: m.reference_hint(min, max, &own(r.value)),
                    target: Target::Reference { key, own: r.value },
                    id,
                });
            }
            SettingKind::Reliable { criterion, default } => {
                let name = upper_first(criterion.name.get(lang));
                match default {
                    ReliableChange::Mdc { points } => out.push(Field {
                        label: m.mdc_label(&name, score),
                        hint: m.mdc_hint(&own(points)),
                        target: Target::Mdc { key, own: default },
                        id,
                    }),
                    ReliableChange::JacobsonTruax { sd, reliability } => {
                        out.push(Field {
                            id: format!("{id}-sd"),
                            label: m.sd_label(&name, score),
                            hint: m.jt_hint(&own(sd)),
                            target: Target::Sd {
                                key: key.clone(),
                                own: default,
                            },
                        });
                        out.push(Field {
                            id: format!("{id}-r"),
                            label: m.reliability_label(&name, score),
                            hint: m.jt_hint(&own(reliability)),
                            target: Target::Reliability { key, own: default },
                        });
                    }
                }
            }
        }
    }
    out.push(Field {
        id: "min-cell".into(),
        label: m.min_cell.to_string(),
        hint: m.min_cell_hint(DEFAULT_MIN_CELL),
        target: Target::MinCell,
    });
    out
}

/// An element id for the setting `key` (`instrument/score/name`, plain
/// identifiers): `setting-instrument-score-name`.
fn field_id(key: &str) -> String {
    format!("setting-{}", key.replace('/', "-"))
}

/// Why a field's text was not used.
#[derive(Clone, PartialEq)]
enum Problem {
    NotANumber,
    NotAWholeNumber,
    Rejected(ReportParamsError),
}

/// The parameters after `text` is typed into `field`, or why it is not
/// used: the settings' rule, apart from its markup.
fn read(
    field: &Field,
    text: &str,
    params: &ReportParams,
    catalogue: &Catalogue,
) -> Result<ReportParams, Problem> {
    let x = parse_number(text).ok_or(Problem::NotANumber)?;
    let next = field
        .target
        .apply(params, x)
        .ok_or(Problem::NotAWholeNumber)?;
    next.check_with(catalogue).map_err(Problem::Rejected)?;
    Ok(next)
}

/// One field: its label, what it holds, its hint and, if the text typed is
/// not used, why.
fn field_view(
    field: &Field,
    value: String,
    problem: Option<&Problem>,
    onchange: Callback<Event>,
    lang: Lang,
) -> Html {
    let m = messages(lang);
    let error = problem.map(|p| match p {
        Problem::NotANumber => m.not_a_number.to_string(),
        Problem::NotAWholeNumber => m.not_a_whole_number.to_string(),
        Problem::Rejected(e) => e.message(lang),
    });
    let id = field.id.clone();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let mode = match field.target {
        Target::MinCell => "numeric",
        _ => "decimal",
    };
    html! {
        <div class="field" key={id.clone()}>
            <label for={id.clone()}>{ field.label.clone() }</label>
            <input id={id} type="text" inputmode={mode} autocomplete="off"
                value={value} aria-describedby={described}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                {onchange} />
            <p id={hint_id} class="hint">{ field.hint.clone() }</p>
            if let Some(error) = error {
                <p id={error_id} class="field-error">{ error }</p>
            }
        </div>
    }
}

/// The choice of the columns the report breaks its tables down by.
fn breakdown_field(props: &Props) -> Html {
    let m = messages(props.lang);
    let on_by = {
        let params = props.params.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let chosen = Breakdown::ALL
                .into_iter()
                .find(|b| b.id() == select.value());
            if let Some(by) = chosen.filter(|by| *by != params.by) {
                on_change.emit(ReportParams {
                    by,
                    ..params.clone()
                });
            }
        })
    };

    html! {
        <div class="field" key="by">
            <label for="by">{ m.breakdown }</label>
            <select id="by" onchange={on_by}>
                { for Breakdown::ALL.iter().map(|b| html! {
                    <option value={b.id()} selected={*b == props.params.by}>
                        { upper_first(b.label(props.lang)) }
                    </option>
                }) }
            </select>
        </div>
    }
}

#[function_component]
pub fn Settings(props: &Props) -> Html {
    let m = messages(props.lang);
    let fields = fields(&props.instruments, m);
    // What was typed into each field (by id) and what is wrong with it.
    let typed = use_state(BTreeMap::<String, String>::new);
    let problems = use_state(BTreeMap::<String, Problem>::new);

    let change = |field: &Field| {
        let (typed, problems) = (typed.clone(), problems.clone());
        let (params, catalogue) = (props.params.clone(), props.catalogue.clone());
        let on_change = props.on_change.clone();
        let field = field.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            let mut all = (*typed).clone();
            all.insert(field.id.clone(), text.clone());
            typed.set(all);
            let problem = match read(&field, &text, &params, &catalogue) {
                Ok(next) => {
                    if next != params {
                        on_change.emit(next);
                    }
                    None
                }
                Err(problem) => Some(problem),
            };
            let mut all = (*problems).clone();
            match problem {
                Some(p) => all.insert(field.id.clone(), p),
                None => all.remove(&field.id),
            };
            problems.set(all);
        })
    };

    let field_view = |field: &Field| {
        let value = typed
            .get(&field.id)
            .cloned()
            .unwrap_or_else(|| decimal(field.target.value(&props.params), None, props.lang));
        field_view(
            field,
            value,
            problems.get(&field.id),
            change(field),
            props.lang,
        )
    };

    html! {
        <section class="settings controls" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{ m.settings_heading }</h2>
            <div class="settings-fields">
                { for fields.iter().map(field_view) }
                { breakdown_field(props) }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_worry;
    use trivsel_core::report::key;

    #[test]
    fn numbers_read_with_comma_or_point() {
        assert_eq!(parse_number("7,5"), Some(7.5));
        assert_eq!(parse_number(" 7.5 "), Some(7.5));
        assert_eq!(parse_number("23"), Some(23.0));
        assert_eq!(parse_number("-1"), Some(-1.0));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("7,5,1"), None);
        assert_eq!(decimal(7.5, None, Lang::Da), "7,5");
        assert_eq!(decimal(23.6, None, Lang::En), "23.6");
    }

    fn shipped(ids: &[&str]) -> Vec<Instrument> {
        ids.iter()
            .map(|id| Catalogue::shipped().get(id, 1).unwrap().clone())
            .collect()
    }

    #[test]
    fn the_fields_come_from_the_figures_in_the_data() {
        let m = messages(Lang::Da);
        let f = fields(&shipped(&["who5", "cantril"]), m);
        let labels: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|f| (f.id.as_str(), f.label.as_str(), f.hint.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (
                    "setting-who5-percentage-reliable",
                    "Pålidelig ændring for WHO-5 %: mere end (point)",
                    "Mindste påviselige ændring; skemaets egen: 23,6."
                ),
                (
                    "setting-cantril-value-danish_youth",
                    "Reference for Stige 0–10 (danske unge generelt)",
                    "Et tal fra 0 til 10; skemaets egen: 7,5."
                ),
                (
                    "min-cell",
                    "Mindste viste gruppe (deltagere)",
                    "Celler med færre deltagere vises ikke; som standard 5."
                ),
            ]
        );
        // Only what the files answered: the ladder alone offers its reference.
        let ids: Vec<String> = fields(&shipped(&["cantril"]), m)
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["setting-cantril-value-danish_youth", "min-cell"]);
        // A questionnaire with neither offers only the smallest group.
        let worry = with_worry().get("worry", 1).unwrap().clone();
        assert_eq!(fields(&[worry], m).len(), 1);
    }

    #[test]
    fn a_value_sets_its_key_and_the_datas_own_value_is_left_to_the_data() {
        let m = messages(Lang::En);
        let f = fields(&shipped(&["who5", "cantril"]), m);
        let p = ReportParams::default();
        let reference = key("cantril", "value", "danish_youth");
        let reliable = key("who5", "percentage", "reliable");
        assert_eq!(f[1].target.value(&p), 7.5);
        let eight = f[1].target.apply(&p, 8.0).unwrap();
        assert_eq!(eight.references[&reference], 8.0);
        assert_eq!(f[1].target.value(&eight), 8.0);
        assert_eq!(f[1].target.apply(&eight, 7.5).unwrap(), p);
        let mdc = f[0].target.apply(&p, 20.0).unwrap();
        assert_eq!(
            mdc.reliable[&reliable],
            ReliableChange::Mdc { points: 20.0 }
        );
        assert_eq!(f[0].target.value(&mdc), 20.0);
        assert_eq!(f[2].target.apply(&p, 3.0).unwrap().min_cell, 3);
        assert_eq!(f[2].target.apply(&p, 2.5), None);
        // Core checks the value against the definitions.
        let eleven = f[1].target.apply(&p, 11.0).unwrap();
        let err = eleven.check_with(Catalogue::shipped()).unwrap_err();
        assert_eq!(
            err.message(Lang::Da),
            "Referencen for Stige 0–10 (danske unge generelt) skal være et tal fra 0 til 10 (ikke 11)."
        );
    }

    #[test]
    fn a_jacobson_truax_criterion_has_two_fields() {
        let mut who5 = shipped(&["who5"]).remove(0);
        let jt = ReliableChange::JacobsonTruax {
            sd: 20.0,
            reliability: 0.81,
        };
        for score in &mut who5.scores {
            for c in &mut score.change {
                if let trivsel_core::instrument::CriterionRule::Reliable { default } = &mut c.rule {
                    *default = jt;
                }
            }
        }
        let f = fields(&[who5], messages(Lang::En));
        assert_eq!(
            f[0].label,
            "Reliable change for WHO-5 %: standard deviation (SD)"
        );
        assert_eq!(f[1].label, "Reliable change for WHO-5 %: reliability (r)");
        let p = ReportParams::default();
        assert_eq!((f[0].target.value(&p), f[1].target.value(&p)), (20.0, 0.81));
        let next = f[1].target.apply(&p, 0.9).unwrap();
        assert_eq!(
            next.reliable[&key("who5", "percentage", "reliable")],
            ReliableChange::JacobsonTruax {
                sd: 20.0,
                reliability: 0.9
            }
        );
        assert_eq!(f[0].target.value(&next), 20.0);
        assert_eq!(f[1].target.apply(&next, 0.81).unwrap(), p);
    }
}
