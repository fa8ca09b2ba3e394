//! The young person's part: start, one question at a time, review, send.
//! Every tap's write begins before the next screen shows (see `effects::update_draft`).

use trivsel_core::Cursor;
use yew::prelude::*;

use crate::components::question::QuestionScreen;
use crate::components::review::Review;
use crate::components::start::Start;
use crate::effects::{self, Ctx};

#[function_component]
pub fn Youth() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let Some(draft) = ctx.draft.clone() else {
        return Html::default();
    };
    let lang = ctx.lang;
    if !draft.begun {
        let c = ctx.clone();
        let on_begin = Callback::from(move |()| {
            effects::update_draft(c.clone(), |d| {
                d.begun = true;
                true
            })
        });
        let resuming = !draft.flow.answers.is_empty();
        return html! {
            <Start {lang} code={draft.participant.to_string()} {resuming} {on_begin} />
        };
    }
    let c = ctx.clone();
    let on_back = Callback::from(move |()| {
        effects::update_draft(c.clone(), |d| {
            if !d.flow.back() {
                d.begun = false;
            }
            true
        })
    });
    match draft.flow.cursor {
        Cursor::Item(n) => {
            let c = ctx.clone();
            let on_answer = Callback::from(move |v: i32| {
                effects::update_draft(c.clone(), move |d| d.flow.answer(v))
            });
            html! { <QuestionScreen {lang} flow={draft.flow} {n} {on_answer} {on_back} /> }
        }
        Cursor::Review => {
            let c = ctx.clone();
            let on_edit = Callback::from(move |n: usize| {
                effects::update_draft(c.clone(), move |d| {
                    d.flow.edit(n);
                    true
                })
            });
            let c = ctx.clone();
            let on_submit = Callback::from(move |()| effects::submit(c.clone()));
            html! { <Review {lang} flow={draft.flow} {on_edit} {on_back} {on_submit} /> }
        }
    }
}
