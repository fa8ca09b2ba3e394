//! One question on its own screen: progress, the item's wording, its answers and Back.
//! It may be rendered hidden, prepared ahead (see `youth`), and is shown by a prop.

use trivsel_core::flow::Progress;
use trivsel_core::{Flow, Lang, Response};
use yew::prelude::*;

use crate::components::focus::use_focus_when_shown;
use crate::components::options::Answers;
use crate::i18n::{messages, Messages};
use crate::state::SharedCatalogue;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub catalogue: SharedCatalogue,
    pub flow: Flow,
    /// The step of the flow to show.
    pub n: usize,
    /// Rendered but not shown: the screen an answer will lead to.
    #[prop_or_default]
    pub hidden: bool,
    pub on_answer: Callback<i32>,
    pub on_decline: Callback<()>,
    pub on_back: Callback<()>,
}

#[function_component]
pub fn QuestionScreen(props: &Props) -> Html {
    let Props {
        lang,
        catalogue,
        flow,
        n,
        hidden,
        on_answer,
        on_decline,
        on_back,
    } = props;
    let lang = *lang;
    let m = messages(lang);
    let heading = use_focus_when_shown(*n, !*hidden);
    let (Some(step), Some(progress)) = (flow.steps.get(*n), flow.progress_at(*n)) else {
        return Html::default();
    };
    let Some(instrument) = catalogue.get(&step.instrument, step.version) else {
        return Html::default();
    };
    let Some(item) = instrument.item(&step.item) else {
        return Html::default();
    };
    let selected = flow.given(*n);
    let response = instrument.response_of(item).clone();
    let on_answer = on_answer.clone();
    let on_decline = on_decline.clone();
    let on_back = on_back.reform(|_| ());
    let stem = instrument.stem.get(lang);
    let progress_text = progress_text(&progress, m);
    // One id per instrument: a prepared screen of the next instrument can be in
    // the DOM beside this one, and an instrument's items share their heading element.
    let heading_id = AttrValue::from(format!("heading-{}", instrument.id));
    let hint = hint(&response, m);
    let is_scale = matches!(response, Response::Scale { .. });
    let decline = step.decline;
    let answers = html! {
        <Answers {lang} {response} {decline} {selected} heading={heading_id.clone()} {on_answer} {on_decline} />
    };
    let class = classes!("screen", "question", is_scale.then_some("is-scale"));
    // A module's lead-in is said once, on its first question.
    let intro = instrument
        .intro
        .as_ref()
        .filter(|_| progress.in_instrument == 1)
        .map(|t| t.get(lang));
    html! {
        <section {class} hidden={*hidden} aria-labelledby={heading_id.clone()}>
            <div class="progress">
                <p class="progress-text">{ progress_text }</p>
                <progress class="bar" aria-hidden="true" max={progress.total.to_string()} value={progress.overall.to_string()}></progress>
            </div>
            <div class="ask">
                if let Some(intro) = intro {
                    <p class="module">{ instrument.name.get(lang) }</p>
                    <p class="intro">{ intro }</p>
                }
                if !stem.is_empty() {
                    <p class="stem">{ stem }</p>
                }
                <h1 id={heading_id} tabindex="-1" ref={heading}>{ item.text.get(lang) }</h1>
                <p class="hint">{ hint }</p>
            </div>
            { answers }
            <nav class="steps">
                <button type="button" class="secondary" onclick={on_back}>{ m.back }</button>
            </nav>
        </section>
    }
}

/// "Spørgsmål 2 af 5" within an instrument; a lone last item says so
/// instead of "1 af 1".
fn progress_text(progress: &Progress, m: &Messages) -> String {
    if progress.instrument_len == 1 && progress.overall == progress.total {
        m.last_question.to_string()
    } else {
        format!(
            "{} {} {} {}",
            m.progress_label, progress.in_instrument, m.of, progress.instrument_len
        )
    }
}

/// How an item of this kind is answered, said under its wording.
fn hint(response: &Response, m: &Messages) -> &'static str {
    match response {
        Response::Scale { .. } => m.scale_hint,
        Response::Days { .. } => m.days_hint,
        Response::Choice { .. } | Response::YesNo => m.choose_one,
    }
}
