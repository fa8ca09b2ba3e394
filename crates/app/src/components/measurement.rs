//! Counsellor: choose the measurement point, then hand the tablet to the young person.

use trivsel_core::{MeasurementPoint, ParticipantCode, ResponseRecord};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::form::radios;
use crate::components::go;
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

/// Whether the participant has an intake, and the session number after
/// their last one (1 if none): what the form starts from.
fn course_so_far(records: &[ResponseRecord], code: &ParticipantCode) -> (bool, u16) {
    let own = records.iter().filter(|r| r.participant == *code);
    let has_intake = own.clone().any(|r| r.point == MeasurementPoint::Intake);
    let last_session = own
        .filter_map(|r| match r.point {
            MeasurementPoint::During { session } => Some(session),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    (has_intake, last_session.saturating_add(1))
}

/// The point the form describes: `None` when the session number typed is
/// not a number from 1.
fn chosen_point(kind: Kind, session: &NodeRef) -> Option<MeasurementPoint> {
    Some(match kind {
        Kind::Intake => MeasurementPoint::Intake,
        Kind::End => MeasurementPoint::End,
        Kind::FollowUp => MeasurementPoint::FollowUp,
        Kind::During => {
            let text = session
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let n = text.trim().parse::<u16>().ok()?;
            MeasurementPoint::during(n)?
        }
    })
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
    let (has_intake, next_session) = course_so_far(&ctx.data.records, &props.code);
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
            let Some(kind) = *kind else { return };
            match chosen_point(kind, &session) {
                Some(point) => effects::hand_over(ctx.clone(), code.clone(), point, None),
                None => {
                    let m = messages(ctx.lang);
                    ctx.dispatch(Action::Notice(Some(m.session_invalid.to_string())));
                }
            }
        })
    };
    let back = go(&ctx, Screen::Participant(props.code.clone()));
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
