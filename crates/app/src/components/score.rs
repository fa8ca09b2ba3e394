//! The counsellor's score screen: WHO-5 raw and percentage, its bands and item
//! flags, the ladder value and band, and the way back to a clean start.

use trivsel_core::{Flow, Instrument, Lang, Score, ScoreError, ScoringRule};
use yew::prelude::*;

use crate::components::focus::use_focus_on;
use crate::i18n::{messages, Messages};
use crate::state::{instruments, Action};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub flow: Flow,
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn ScoreScreen(props: &Props) -> Html {
    let lang = props.lang;
    let m = messages(lang);
    let heading = use_focus_on(());
    let cards = props
        .flow
        .scores(&instruments())
        .into_iter()
        .map(|(instrument, result)| score_card(m, lang, instrument, &result));
    let on_new = props.on_action.reform(|_| Action::NewResponse);
    html! {
        <section class="screen score" aria-labelledby="score-heading">
            <h1 id="score-heading" tabindex="-1" ref={heading}>{ m.score_heading }</h1>
            <p class="lead">{ m.score_intro }</p>
            { for cards }
            <nav class="steps">
                <button type="button" class="primary" onclick={on_new}>{ m.new_response }</button>
            </nav>
        </section>
    }
}

fn score_card(
    m: &Messages,
    lang: Lang,
    instrument: &Instrument,
    result: &Result<Score, ScoreError>,
) -> Html {
    let id = format!("card-{}", instrument.id);
    let body = match result {
        Ok(score) => match instrument.scoring {
            ScoringRule::Sum { .. } => sum_score(m, lang, instrument, score),
            ScoringRule::Single => single_score(m, lang, instrument, score),
        },
        Err(err) => html! {
            <p class="no-score"><strong>{ m.no_score }{ ": " }</strong>{ err.message(lang) }</p>
        },
    };
    html! {
        <article class="card" aria-labelledby={id.clone()}>
            <h2 {id}>{ instrument.name.get(lang) }</h2>
            { body }
            if !instrument.is_verified(lang) {
                <p class="note">{ m.unverified }</p>
            }
        </article>
    }
}

fn sum_score(m: &Messages, lang: Lang, instrument: &Instrument, score: &Score) -> Html {
    let max_pct = instrument.scale_max(trivsel_core::Scale::Percentage);
    let flagged = score
        .flagged_items
        .iter()
        .filter_map(|id| instrument.item(id));
    html! {
        <>
            <dl class="figures">
                <div>
                    <dt>{ m.raw_score }</dt>
                    <dd>{ format!("{} {} {}", score.raw, m.of, score.raw_max) }</dd>
                </div>
                if let Some(pct) = score.percentage {
                    <div>
                        <dt>{ m.percentage_score }</dt>
                        <dd>{ format!("{pct} {} {max_pct}", m.of) }</dd>
                    </div>
                }
            </dl>
            { bands(lang, instrument, score) }
            <h3>{ m.flags_heading }</h3>
            if score.flagged_items.is_empty() {
                <p class="flags-none">{ m.flags_none }</p>
            } else {
                <p>{ m.flags_explained }</p>
                <ul class="flags">
                    { for flagged.map(|item| html! { <li>{ item.text.get(lang) }</li> }) }
                </ul>
            }
        </>
    }
}

fn single_score(m: &Messages, lang: Lang, instrument: &Instrument, score: &Score) -> Html {
    html! {
        <>
            <dl class="figures">
                <div>
                    <dt>{ m.ladder_value }</dt>
                    <dd>{ format!("{} {} {}", score.raw, m.of, score.raw_max) }</dd>
                </div>
            </dl>
            { bands(lang, instrument, score) }
        </>
    }
}

/// The bands the score falls in, for each band set the instrument shows.
fn bands(lang: Lang, instrument: &Instrument, score: &Score) -> Html {
    let rows = instrument.shown_band_sets.iter().filter_map(|set| {
        let band = score.band(instrument, set)?;
        let class = classes!("band", format!("band-{}", band.id));
        Some(html! {
            <div {class}>
                <p class="band-label"><strong>{ band.label.get(lang) }</strong></p>
                <p class="band-meaning">{ band.meaning.get(lang) }</p>
            </div>
        })
    });
    html! { <div class="bands">{ for rows }</div> }
}
