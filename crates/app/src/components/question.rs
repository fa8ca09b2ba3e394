//! One question on its own screen: progress, the item's wording, its answers and Back.
//! It may be rendered hidden, prepared ahead (see `youth`), and is shown by a prop.

use trivsel_core::{Flow, Lang};
use yew::prelude::*;

use crate::components::focus::use_focus_when_shown;
use crate::components::options::Answers;
use crate::i18n::messages;
use crate::state::instruments;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub flow: Flow,
    /// The step of the flow to show.
    pub n: usize,
    /// Rendered but not shown: the screen an answer will lead to.
    #[prop_or_default]
    pub hidden: bool,
    pub on_answer: Callback<i32>,
    pub on_back: Callback<()>,
}

#[function_component]
pub fn QuestionScreen(props: &Props) -> Html {
    let Props {
        lang,
        flow,
        n,
        hidden,
        on_answer,
        on_back,
    } = props;
    let lang = *lang;
    let m = messages(lang);
    let heading = use_focus_when_shown(*n, !*hidden);
    let (Some(step), Some(progress)) = (flow.steps.get(*n), flow.progress_at(*n)) else {
        return Html::default();
    };
    let Some(instrument) = instruments().into_iter().find(|i| i.id == step.instrument) else {
        return Html::default();
    };
    let Some(item) = instrument.item(&step.item) else {
        return Html::default();
    };
    let selected = flow.answer_to(*n);
    let on_answer = on_answer.clone();
    let on_back = on_back.reform(|_| ());
    let stem = instrument.stem.get(lang);
    // "Spørgsmål 2 af 5" within an instrument; a lone last item says so instead of "1 af 1".
    let progress_text = if progress.instrument_len == 1 && progress.overall == progress.total {
        m.last_question.to_string()
    } else {
        format!(
            "{} {} {} {}",
            m.progress_label, progress.in_instrument, m.of, progress.instrument_len
        )
    };
    // One id per instrument: a prepared screen of the next instrument can be in
    // the DOM beside this one, and the WHO-5 items share their heading element.
    let heading_id = AttrValue::from(format!("heading-{}", instrument.id));
    let answers = html! { <Answers {lang} {instrument} {selected} heading={heading_id.clone()} {on_answer} /> };
    let class = classes!(
        "screen",
        "question",
        instrument.anchors.is_some().then_some("is-ladder")
    );
    html! {
        <section {class} hidden={*hidden} aria-labelledby={heading_id.clone()}>
            <div class="progress">
                <p class="progress-text">{ progress_text }</p>
                <progress class="bar" aria-hidden="true" max={progress.total.to_string()} value={progress.overall.to_string()}></progress>
            </div>
            <div class="ask">
                if !stem.is_empty() {
                    <p class="stem">{ stem }</p>
                }
                <h1 id={heading_id} tabindex="-1" ref={heading}>{ item.text.get(lang) }</h1>
                <p class="hint">{ if instrument.anchors.is_some() { m.ladder_hint } else { m.choose_one } }</p>
            </div>
            { answers }
            <nav class="steps">
                <button type="button" class="secondary" onclick={on_back}>{ m.back }</button>
            </nav>
        </section>
    }
}
