//! Counsellor: one participant's measurements in order, the trend chart, and
//! change since intake under the official 10-point rule and under the reliable
//! change criterion, side by side and never merged.

use trivsel_core::history::changes_since_intake;
use trivsel_core::{Change, ChangeLabel, ParticipantCode, ResponseRecord};
use yew::prelude::*;

use crate::components::chart::{Point, TrendChart};
use crate::components::focus::use_focus_on;
use crate::components::go;
use crate::effects::{self, Ctx};
use crate::i18n::messages;
use crate::state::{instruments, Screen};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub code: ParticipantCode,
}

#[function_component]
pub fn ParticipantScreen(props: &Props) -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let lang = ctx.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let Some(participant) = ctx.data.participants.iter().find(|p| p.code == props.code) else {
        return html! {
            <section class="screen"><h1 tabindex="-1" ref={heading}>{ m.participant }</h1><p>{ m.loading }</p></section>
        };
    };
    let own: Vec<_> = ctx
        .data
        .records
        .iter()
        .filter(|r| r.participant == props.code)
        .cloned()
        .collect();
    let rc = &ctx.settings.reliable_change;
    let history = changes_since_intake(&own, rc);
    let points: Vec<Point> = history
        .iter()
        .map(|(r, _)| Point {
            label: m.point_short(&r.point),
            who5: r.who5_percentage(),
            ladder: r.ladder(),
        })
        .collect();
    html! {
        <section class="screen participant" aria-labelledby="p-heading">
            <h1 id="p-heading" tabindex="-1" ref={heading}>{ format!("{} {}", m.participant, participant.code) }</h1>
            <p class="facts">
                { format!("{} · {} · {} · {}", participant.gender.label(lang), participant.age_band.label(lang),
                    participant.course.label(lang), participant.site) }
            </p>
            <div class="actions">
                <button type="button" class="primary" onclick={go(&ctx, Screen::NewMeasurement(participant.code.clone()))}>{ m.new_measurement }</button>
                <button type="button" class="secondary" onclick={go(&ctx, Screen::Home)}>{ m.all_participants }</button>
            </div>
            if history.is_empty() {
                <p>{ m.no_measurements }</p>
            } else {
                { history_table(&ctx, &history) }
                <TrendChart points={points} title={m.chart_title} who5_label={m.who5_pct_short} ladder_label={m.ladder_times_ten} />
            }
        </section>
    }
}

/// The measurements in course order, each with its change since intake by
/// both criteria and a button to correct it.
fn history_table(ctx: &Ctx, history: &[(&ResponseRecord, Option<Change>)]) -> Html {
    let m = messages(ctx.lang);
    let rc = &ctx.settings.reliable_change;
    let rows = history
        .iter()
        .enumerate()
        .map(|(i, (record, change))| history_row(ctx, i, record, change));
    html! {
        <table class="list history">
            <caption>{ m.history_caption(rc.threshold()) }</caption>
            <thead><tr>
                <th scope="col">{ m.date }</th><th scope="col">{ m.measurement_point }</th>
                <th scope="col">{ m.who5_pct_short }</th><th scope="col">{ m.ladder_short }</th>
                <th scope="col">{ m.flags_short }</th><th scope="col">{ m.delta }</th>
                <th scope="col">{ m.ten_point_rule }</th><th scope="col">{ m.reliable_change }</th>
                <th scope="col"><span class="sr-only">{ m.actions }</span></th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// Measurement number `i` (from 0) of the history.
fn history_row(ctx: &Ctx, i: usize, record: &ResponseRecord, change: &Option<Change>) -> Html {
    let lang = ctx.lang;
    let m = messages(lang);
    let who5 = &instruments()[0];
    let change_cell = |pick: fn(&Change) -> ChangeLabel| match change {
        Some(c) => {
            html! { <td class={format!("change-{:?}", pick(c)).to_lowercase()}>{ pick(c).label(lang) }</td> }
        }
        None => html! { <td>{ "–" }</td> },
    };
    let flags: Vec<&str> = record
        .scores()
        .into_iter()
        .filter_map(|(_, s)| s.ok())
        .flat_map(|s| s.flagged_items)
        .filter_map(|id| who5.item(&id).map(|_| id))
        .map(|id| m.item_short(&id))
        .collect();
    let correcting = record.clone();
    let point = record.point;
    let code = record.participant.clone();
    let c = ctx.clone();
    let correct = Callback::from(move |_| {
        effects::hand_over(c.clone(), code.clone(), point, Some(correcting.clone()))
    });
    let delta = change
        .as_ref()
        .map(|c| format!("{:+}", c.delta))
        .unwrap_or_else(|| "–".into());
    html! {
        <tr key={record.id.to_string()}>
            <td>{ record.date.to_string() }</td>
            <th scope="row">{ record.point.label(lang) }</th>
            <td class="num">{ record.who5_percentage().map(|v| v.to_string()).unwrap_or_else(|| "–".into()) }</td>
            <td class="num">{ record.ladder().map(|v| v.to_string()).unwrap_or_else(|| "–".into()) }</td>
            <td>{ if flags.is_empty() { "–".to_string() } else { flags.join(", ") } }</td>
            <td class="num">{ delta }</td>
            { change_cell(|c| c.ten_point) }
            { change_cell(|c| c.reliable) }
            <td>
                <button type="button" class="secondary small" aria-label={format!("{} {} {}", m.change, m.measurement, i + 1)}
                    onclick={correct}>{ m.change }</button>
            </td>
        </tr>
    }
}
