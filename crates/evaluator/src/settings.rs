//! The report's settings the evaluator may change: the ladder reference
//! (7.5, Danish young people in general) and the reliable-change criterion
//! for WHO-5 (the Danish minimal detectable change, 23.6 points). Both are
//! typed as text so "7,5" works as well as "7.5"; core checks the values and
//! names what is wrong. The suppression limit is not offered: small groups
//! stay hidden.

use trivsel_core::change::DANISH_WHO5_MDC;
use trivsel_core::report::ReportParamsError;
use trivsel_core::{decimal, Lang, ReliableChange, ReportParams};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::messages;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub params: ReportParams,
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

fn mdc_points(params: &ReportParams) -> Option<f64> {
    match params.reliable_change {
        ReliableChange::Mdc { points } => Some(points),
        ReliableChange::JacobsonTruax { .. } => None,
    }
}

/// Which field a rejected value belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Ladder = 0,
    Mdc = 1,
}

/// Why a field's text was not used.
#[derive(Clone, PartialEq)]
enum Problem {
    NotANumber,
    Rejected(ReportParamsError),
}

/// `params` with `field` set from the text typed, if that is a number the
/// report can use.
fn with_field(params: ReportParams, field: Field, text: &str) -> Result<ReportParams, Problem> {
    let x = parse_number(text).ok_or(Problem::NotANumber)?;
    let next = match field {
        Field::Ladder => ReportParams {
            ladder_reference: x,
            ..params
        },
        Field::Mdc => ReportParams {
            reliable_change: ReliableChange::Mdc { points: x },
            ..params
        },
    };
    next.check().map(|()| next).map_err(Problem::Rejected)
}

/// One number field, `[id, label]` and its hint, with what is wrong with
/// its text (tied to the input for screen readers).
fn number_field(
    [id, label]: [&'static str; 2],
    hint: String,
    value: String,
    error: Option<String>,
    onchange: Callback<Event>,
) -> Html {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <input id={id} type="text" inputmode="decimal" autocomplete="off"
                value={value} aria-describedby={described}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                {onchange} />
            <p id={hint_id} class="hint">{ hint }</p>
            if let Some(error) = error {
                <p id={error_id} class="field-error">{ error }</p>
            }
        </div>
    }
}

#[function_component]
pub fn Settings(props: &Props) -> Html {
    let m = messages(props.lang);
    let ladder_text = use_state(|| decimal(props.params.ladder_reference, None, props.lang));
    let mdc_text = use_state(|| {
        let points = mdc_points(&props.params).unwrap_or(DANISH_WHO5_MDC);
        decimal(points, None, props.lang)
    });
    // The problem with each field's text, if any: [ladder, reliable change].
    let problems = use_state(|| [None::<Problem>, None]);

    let change = |field: Field| {
        let (ladder_text, mdc_text, problems) =
            (ladder_text.clone(), mdc_text.clone(), problems.clone());
        let params = props.params;
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match field {
                Field::Ladder => ladder_text.set(text.clone()),
                Field::Mdc => mdc_text.set(text.clone()),
            }
            let next = with_field(params, field, &text);
            let mut all = (*problems).clone();
            all[field as usize] = next.as_ref().err().cloned();
            problems.set(all);
            match next {
                Ok(next) if next != params => on_change.emit(next),
                _ => {}
            }
        })
    };

    let field = |id: &'static str, which: Field, label: &'static str, hint: String| {
        let value = match which {
            Field::Ladder => (*ladder_text).clone(),
            Field::Mdc => (*mdc_text).clone(),
        };
        let error = problems[which as usize].as_ref().map(|p| match p {
            Problem::NotANumber => m.not_a_number.to_string(),
            Problem::Rejected(e) => e.message(props.lang),
        });
        number_field([id, label], hint, value, error, change(which))
    };

    html! {
        <section class="settings controls" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{ m.settings_heading }</h2>
            <div class="settings-fields">
                { field("ladder-reference", Field::Ladder, m.ladder_reference, m.ladder_reference_hint()) }
                { field("reliable-change", Field::Mdc, m.mdc, m.mdc_hint()) }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
