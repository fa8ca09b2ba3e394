//! Counsellor: the scores of one stored response, right after it was sent.

use trivsel_core::Uuid;
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::components::go;
use crate::components::score::ScoreCards;
use crate::effects::Ctx;
use crate::i18n::messages;
use crate::state::Screen;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub record: Uuid,
}

#[function_component]
pub fn ResultScreen(props: &Props) -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let record = ctx.data.records.iter().find(|r| r.id == props.record);
    let Some(record) = record else {
        return html! {
            <section class="screen"><h1 tabindex="-1" ref={heading}>{ m.score_heading }</h1><p>{ m.loading }</p></section>
        };
    };
    let code = record.participant.clone();
    let to_participant = go(&ctx, Screen::Participant(code));
    html! {
        <section class="screen score" aria-labelledby="score-heading">
            <h1 id="score-heading" tabindex="-1" ref={heading}>{ m.score_heading }</h1>
            <p class="lead">
                { format!("{} {} · {} · {}", m.participant, record.participant, record.point.label(lang), record.date) }
            </p>
            <ScoreCards {lang} catalogue={ctx.catalogue.clone()} record={record.clone()} settings={ctx.settings.clone()} />
            <nav class="steps">
                <button type="button" class="primary" onclick={to_participant}>{ m.to_participant }</button>
            </nav>
        </section>
    }
}
