//! The young person's part: start, one question at a time, review, send.
//! Every tap's write begins before the next screen shows (see `effects::update_draft`).

use trivsel_core::Cursor;
use yew::prelude::*;

use crate::components::question::QuestionScreen;
use crate::components::review::Review;
use crate::components::start::Start;
use crate::effects::{self, Ctx};
use crate::services::storage::Draft;

/// What a tap in the questionnaire does to the draft.
#[derive(Clone, Copy)]
enum Tap {
    Begin,
    Back,
    Answer(i32),
    Edit(usize),
}

impl Tap {
    /// Changes `d`; false when the tap changes nothing (an answer not offered).
    fn apply(self, d: &mut Draft) -> bool {
        match self {
            Tap::Begin => d.begun = true,
            Tap::Back => {
                if !d.flow.back() {
                    d.begun = false;
                }
            }
            Tap::Answer(v) => return d.flow.answer(v),
            Tap::Edit(n) => d.flow.edit(n),
        }
        true
    }
}

/// The screens' callbacks, made once: each acts on the app's state as it is
/// when tapped, so the answer buttons' props stay equal from one question to
/// the next and Yew leaves them alone.
struct Taps {
    begin: Callback<()>,
    back: Callback<()>,
    answer: Callback<i32>,
    edit: Callback<usize>,
    submit: Callback<()>,
}

#[function_component]
pub fn Youth() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let latest = use_mut_ref(|| ctx.clone());
    *latest.borrow_mut() = ctx.clone();
    let taps = use_memo((), move |_| {
        let tap = {
            let latest = latest.clone();
            Callback::from(move |tap: Tap| {
                effects::update_draft(latest.borrow().clone(), move |d| tap.apply(d))
            })
        };
        Taps {
            begin: tap.reform(|()| Tap::Begin),
            back: tap.reform(|()| Tap::Back),
            answer: tap.reform(Tap::Answer),
            edit: tap.reform(Tap::Edit),
            submit: Callback::from(move |()| effects::submit(latest.borrow().clone())),
        }
    });
    let Some(draft) = ctx.draft.clone() else {
        return Html::default();
    };
    let lang = ctx.lang;
    if !draft.begun {
        let resuming = !draft.flow.answers.is_empty();
        let on_begin = taps.begin.clone();
        return html! {
            <Start {lang} code={draft.participant.to_string()} {resuming} {on_begin} />
        };
    }
    let on_back = taps.back.clone();
    match draft.flow.cursor {
        Cursor::Item(n) => {
            let on_answer = taps.answer.clone();
            html! { <QuestionScreen {lang} flow={draft.flow} {n} {on_answer} {on_back} /> }
        }
        Cursor::Review => {
            let (on_edit, on_submit) = (taps.edit.clone(), taps.submit.clone());
            html! { <Review {lang} flow={draft.flow} {on_edit} {on_back} {on_submit} /> }
        }
    }
}
