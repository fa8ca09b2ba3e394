//! The scores of one response as the counsellor sees them: WHO-5 raw and
//! percentage, its bands and item flags, the ladder value and band.

use std::collections::BTreeMap;

use trivsel_core::{score, Answers, Instrument, Lang, Score, ScoreError, ScoringRule};
use yew::prelude::*;

use crate::i18n::{messages, Messages};
use crate::services::storage::Settings;
use crate::state::instruments;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// Instrument id → answers.
    pub answers: BTreeMap<String, Answers>,
    pub settings: Settings,
}

/// One card per instrument with its scores, or the reason it has none.
#[function_component]
pub fn ScoreCards(props: &Props) -> Html {
    let lang = props.lang;
    let m = messages(lang);
    let empty = Answers::new();
    let cards = instruments().into_iter().map(|instrument| {
        let answers = props.answers.get(&instrument.id).unwrap_or(&empty);
        let result = score(instrument, answers);
        let shown = props.settings.shown_band_sets(instrument);
        score_card(m, lang, instrument, &result, &shown)
    });
    html! { <>{ for cards }</> }
}

fn score_card(
    m: &Messages,
    lang: Lang,
    instrument: &Instrument,
    result: &Result<Score, ScoreError>,
    shown: &[String],
) -> Html {
    let id = format!("card-{}", instrument.id);
    let body = match result {
        Ok(score) => scored(m, lang, instrument, score, shown),
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

/// The figures of a score (raw, or the ladder's step, and the percentage
/// where the rule has one), its bands, and for a sum the items answered low.
fn scored(
    m: &Messages,
    lang: Lang,
    instrument: &Instrument,
    score: &Score,
    shown: &[String],
) -> Html {
    let sum = matches!(instrument.scoring, ScoringRule::Sum { .. });
    let raw_label = if sum { m.raw_score } else { m.ladder_value };
    let max_pct = instrument.scale_max(trivsel_core::Scale::Percentage);
    html! {
        <>
            <dl class="figures">
                { figure(raw_label, score.raw, m.of, score.raw_max) }
                if let Some(pct) = score.percentage {
                    { figure(m.percentage_score, pct, m.of, max_pct) }
                }
            </dl>
            { bands(lang, instrument, score, shown) }
            if sum {
                { flags(m, lang, instrument, score) }
            }
        </>
    }
}

/// The items answered at or below the rule's flag threshold.
fn flags(m: &Messages, lang: Lang, instrument: &Instrument, score: &Score) -> Html {
    let flagged = score
        .flagged_items
        .iter()
        .filter_map(|id| instrument.item(id));
    html! {
        <>
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

/// One figure of a card: "Råscore 16 af 25".
fn figure(label: &'static str, value: u32, of: &'static str, max: u32) -> Html {
    html! {
        <div>
            <dt>{ label }</dt>
            <dd>{ format!("{value} {of} {max}") }</dd>
        </div>
    }
}

/// The bands the score falls in, for each band set shown.
fn bands(lang: Lang, instrument: &Instrument, score: &Score, shown: &[String]) -> Html {
    let rows = shown.iter().filter_map(|set| {
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
