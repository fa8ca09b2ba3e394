//! The scores of one response as the counsellor sees them: a card per
//! instrument the response answered, with each of its scores out of its
//! range, the bands shown for it in plain words, the flagged items and
//! what they mean, and any question the young person chose not to answer.
//! Everything shown comes from the instrument's data.

use trivsel_core::{Instrument, Lang, ResponseRecord, Scores};
use yew::prelude::*;

use crate::i18n::{messages, Messages};
use crate::services::storage::Settings;
use crate::state::SharedCatalogue;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub catalogue: SharedCatalogue,
    pub record: ResponseRecord,
    pub settings: Settings,
}

/// One card per instrument with its scores, or the reason it has none.
#[function_component]
pub fn ScoreCards(props: &Props) -> Html {
    let lang = props.lang;
    let m = messages(lang);
    let scored = props.record.scores(&props.catalogue);
    let cards = scored.into_iter().filter_map(|(r, result)| {
        let instrument = props.catalogue.instrument(r)?;
        let result = result.map_err(|e| e.message(lang));
        Some(card(m, lang, instrument, &result, props))
    });
    html! { <>{ for cards }</> }
}

fn card(
    m: &Messages,
    lang: Lang,
    instrument: &Instrument,
    result: &Result<Scores, String>,
    props: &Props,
) -> Html {
    let id = format!("card-{}", instrument.id);
    let body = match result {
        Ok(scores) => figures(m, lang, instrument, scores, props),
        Err(reason) => html! {
            <p class="no-score"><strong>{ m.no_score }{ ": " }</strong>{ reason.clone() }</p>
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

fn figures(
    m: &Messages,
    lang: Lang,
    instrument: &Instrument,
    scores: &Scores,
    props: &Props,
) -> Html {
    let rows = instrument.scores.iter().map(|def| {
        let value = match scores.value(&def.id) {
            Some(v) => format!("{v} {} {}", m.of, instrument.score_max(def)),
            None => m.score_declined.to_string(),
        };
        html! {
            <div>
                <dt>{ def.name.get(lang) }</dt>
                <dd>{ value }</dd>
            </div>
        }
    });
    let bands = instrument.scores.iter().flat_map(|def| {
        props
            .settings
            .shown_band_sets(instrument, def)
            .into_iter()
            .filter_map(|set| scores.band(instrument, &def.id, &set))
            .map(|band| {
                let class = classes!("band", format!("band-{}", band.id));
                html! {
                    <div {class}>
                        <p class="band-label"><strong>{ band.label.get(lang) }</strong></p>
                        <p class="band-meaning">{ band.meaning.get(lang) }</p>
                    </div>
                }
            })
            .collect::<Vec<_>>()
    });
    let declined = props
        .record
        .declined
        .get(&instrument.id)
        .map(|d| {
            d.iter()
                .filter_map(|id| instrument.item(id))
                .map(|i| i.short.get(lang))
                .collect::<Vec<_>>()
        })
        .filter(|d| !d.is_empty());
    html! {
        <>
            <dl class="figures">{ for rows }</dl>
            <div class="bands">{ for bands }</div>
            if let Some(flags) = &instrument.flags {
                <h3>{ m.flags_heading(flags.at_most) }</h3>
                if scores.flagged_items.is_empty() {
                    <p class="flags-none">{ m.flags_none(flags.at_most) }</p>
                } else {
                    <p>{ flags.meaning.get(lang) }</p>
                    <ul class="flags">
                        { for scores.flagged_items.iter().filter_map(|id| instrument.item(id)).map(|item| html! { <li>{ item.text.get(lang) }</li> }) }
                    </ul>
                }
            }
            if let Some(items) = declined {
                <p class="declined">{ format!("{}: {}", m.declined_items, items.join(", ")) }</p>
            }
        </>
    }
}
