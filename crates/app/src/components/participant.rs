//! Counsellor: one participant's measurements in order with every tracked
//! score, a trend chart per score, and for each score with change criteria
//! the change since intake under each criterion, side by side and never
//! merged. Which scores, charts and criteria appear is the instruments' data.

use trivsel_core::history::{course, Course, Track};
use trivsel_core::messages::upper_first;
use trivsel_core::{Lang, ParticipantCode};
use yew::prelude::*;

use crate::components::chart::TrendChart;
use crate::components::focus::use_focus_on;
use crate::effects::{self, Ctx};
use crate::i18n::{messages, Messages};
use crate::state::{Action, Screen};

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
    let go = |screen: Screen| {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Go(screen.clone())))
    };
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
    let settings = &ctx.settings;
    let reliable = |i: &str, s: &str, c: &str| settings.reliable(i, s, c);
    let history = course(&own, &ctx.catalogue, &reliable);
    html! {
        <section class="screen participant" aria-labelledby="p-heading">
            <h1 id="p-heading" tabindex="-1" ref={heading}>{ format!("{} {}", m.participant, participant.code) }</h1>
            <p class="facts">
                { format!("{} · {} · {} · {}", participant.gender.label(lang), participant.age_band.label(lang),
                    participant.course.label(lang), participant.site) }
            </p>
            <div class="actions">
                <button type="button" class="primary" onclick={go(Screen::NewMeasurement(participant.code.clone()))}>{ m.new_measurement }</button>
                <button type="button" class="secondary" onclick={go(Screen::Home)}>{ m.all_participants }</button>
            </div>
            if history.rows.is_empty() {
                <p>{ m.no_measurements }</p>
            } else {
                { measurements(&ctx, &history) }
                { for history.tracks.iter().enumerate().map(|(t, track)| changes(m, lang, &history, t, track, &ctx)) }
                <div class="charts">
                    { for history.tracks.iter().enumerate().map(|(t, track)| chart(m, lang, &history, t, track)) }
                </div>
            }
        </section>
    }
}

/// Every measurement with its tracked scores and flagged items, each with a
/// button to correct it.
fn measurements(ctx: &Ctx, history: &Course) -> Html {
    let (lang, m) = (ctx.lang, messages(ctx.lang));
    let flags = history.tracks.iter().any(|t| t.instrument.flags.is_some());
    let rows = history.rows.iter().enumerate().map(|(i, row)| {
        let record = row.record;
        let flagged: Vec<&str> = row
            .flagged
            .iter()
            .filter_map(|(instrument, item)| {
                let r = record.instruments.iter().find(|r| r.id == *instrument)?;
                Some(ctx.catalogue.instrument(r)?.item(item)?.short.get(lang))
            })
            .collect();
        let correct = {
            let (c, old) = (ctx.clone(), record.clone());
            Callback::from(move |_| {
                effects::hand_over(c.clone(), old.participant.clone(), old.point, Some(old.clone()))
            })
        };
        html! {
            <tr key={record.id.to_string()}>
                <td>{ record.date.to_string() }</td>
                <th scope="row">{ record.point.label(lang) }</th>
                { for row.values.iter().map(|v| html! { <td class="num">{ v.map(|v| v.to_string()).unwrap_or_else(|| "–".into()) }</td> }) }
                if flags {
                    <td>{ if flagged.is_empty() { "–".to_string() } else { flagged.join(", ") } }</td>
                }
                <td>
                    <button type="button" class="secondary small" aria-label={format!("{} {} {}", m.change, m.measurement, i + 1)}
                        onclick={correct}>{ m.change }</button>
                </td>
            </tr>
        }
    });
    html! {
        <table class="list history">
            <caption>{ m.measurements }</caption>
            <thead><tr>
                <th scope="col">{ m.date }</th><th scope="col">{ m.measurement_point }</th>
                { for history.tracks.iter().map(|t| html! { <th scope="col">{ t.score.short.get(lang) }</th> }) }
                if flags {
                    <th scope="col">{ m.flags_short }</th>
                }
                <th scope="col"><span class="sr-only">{ m.actions }</span></th>
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// The change in one tracked score since intake, by each of its criteria.
fn changes(m: &Messages, lang: Lang, history: &Course, t: usize, track: &Track, ctx: &Ctx) -> Html {
    let score = track.score;
    let rows: Vec<Html> = history
        .rows
        .iter()
        .filter_map(|row| Some((row.record, row.changes[t].as_ref()?)))
        .map(|(record, change)| {
            let cells = score.change.iter().map(|c| match change.outcome(&c.id) {
                Some(o) => html! { <td class={format!("change-{}", o.id())}>{ o.label(lang) }</td> },
                None => html! { <td>{ "–" }</td> },
            });
            html! {
                <tr key={record.id.to_string()}>
                    <th scope="row">{ format!("{} ({})", record.point.label(lang), record.date) }</th>
                    <td class="num">{ format!("{} → {}", change.from, change.to) }</td>
                    <td class="num">{ format!("{:+}", change.delta) }</td>
                    { for cells }
                </tr>
            }
        })
        .collect();
    if score.change.is_empty() || rows.is_empty() {
        return Html::default();
    }
    let settings = &ctx.settings;
    let explained: Vec<String> = score
        .change
        .iter()
        .map(|c| {
            let rc = settings.reliable_or_default(track.instrument, score, &c.id);
            m.criterion_explained(&c.name, &c.rule, rc.as_ref())
        })
        .collect();
    html! {
        <table class="list changes">
            <caption>
                { m.change_since_intake(score.name.get(lang)) }
                { for explained.into_iter().map(|e| html! { <span class="criterion">{ format!(" {e}") }</span> }) }
            </caption>
            <thead><tr>
                <th scope="col">{ m.measurement_point }</th>
                <th scope="col">{ m.from_to }</th>
                <th scope="col">{ m.delta }</th>
                { for score.change.iter().map(|c| html! { <th scope="col">{ upper_first(c.name.get(lang)) }</th> }) }
            </tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// A tracked score over the measurements, where at least one has it.
fn chart(m: &Messages, lang: Lang, history: &Course, t: usize, track: &Track) -> Html {
    if history.rows.iter().all(|row| row.values[t].is_none()) {
        return Html::default();
    }
    let points: Vec<(String, Option<u32>)> = history
        .rows
        .iter()
        .map(|row| (m.point_short(&row.record.point), row.values[t]))
        .collect();
    let max = track.instrument.score_max(track.score);
    let name = format!(
        "{} – {}",
        track.instrument.short.get(lang),
        track.score.name.get(lang)
    );
    let title = AttrValue::from(m.chart_title(&name));
    html! { <TrendChart {points} {max} {title} /> }
}
