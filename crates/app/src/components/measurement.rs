//! Counsellor: choose the measurement point, then hand the tablet to the young person.

use trivsel_core::{MeasurementPoint, ParticipantCode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::state::{Action, Screen};

/// The four kinds of measurement point; the session number is asked separately.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Intake,
    During,
    End,
    FollowUp,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub code: ParticipantCode,
}

#[function_component]
pub fn NewMeasurement(props: &Props) -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let own: Vec<_> = ctx
        .data
        .records
        .iter()
        .filter(|r| r.participant == props.code)
        .collect();
    let has_intake = own.iter().any(|r| r.point == MeasurementPoint::Intake);
    let next_session = own
        .iter()
        .filter_map(|r| match r.point {
            MeasurementPoint::During { session } => Some(session),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    let kind = use_state(move || {
        Some(if has_intake {
            Kind::During
        } else {
            Kind::Intake
        })
    });
    let session = use_node_ref();
    let label = move |k: Kind| match k {
        Kind::Intake => MeasurementPoint::Intake.label(lang),
        Kind::During => m.during.to_string(),
        Kind::End => MeasurementPoint::End.label(lang),
        Kind::FollowUp => MeasurementPoint::FollowUp.label(lang),
    };
    let onsubmit = {
        let (ctx, kind, session, code) = (
            ctx.clone(),
            kind.clone(),
            session.clone(),
            props.code.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let m = messages(ctx.lang);
            let point = match *kind {
                Some(Kind::Intake) => MeasurementPoint::Intake,
                Some(Kind::End) => MeasurementPoint::End,
                Some(Kind::FollowUp) => MeasurementPoint::FollowUp,
                Some(Kind::During) => {
                    let text = session
                        .cast::<HtmlInputElement>()
                        .map(|i| i.value())
                        .unwrap_or_default();
                    match text.trim().parse::<u16>() {
                        Ok(n) if n >= 1 => MeasurementPoint::During { session: n },
                        _ => {
                            ctx.dispatch(Action::Notice(Some(m.session_invalid.to_string())));
                            return;
                        }
                    }
                }
                None => return,
            };
            effects::hand_over(ctx.clone(), code.clone(), point, None);
        })
    };
    let back = {
        let (ctx, code) = (ctx.clone(), props.code.clone());
        Callback::from(move |_| ctx.dispatch(Action::Go(Screen::Participant(code.clone()))))
    };
    html! {
        <section class="screen measurement" aria-labelledby="m-heading">
            <h1 id="m-heading" tabindex="-1" ref={heading}>{ format!("{} · {} {}", m.new_measurement, m.participant, props.code) }</h1>
            <form class="form" {onsubmit}>
                { radios("point", m.measurement_point, &[Kind::Intake, Kind::During, Kind::End, Kind::FollowUp], label, &kind) }
                if *kind == Some(Kind::During) {
                    <label for="session">{ m.session_number }</label>
                    <input id="session" type="number" inputmode="numeric" min="1" max="999" ref={session}
                        value={next_session.to_string()} />
                }
                <p class="hint">{ m.hand_over_hint }</p>
                <div class="steps">
                    <button type="button" class="secondary" onclick={back}>{ m.cancel }</button>
                    <button type="submit" class="primary" disabled={ctx.busy}>{ m.hand_over }</button>
                </div>
            </form>
        </section>
    }
}
