//! The young person's part: start, one question at a time, review, send.
//! Every tap's write begins before the next screen shows (see `effects::update_draft`).

use std::cell::RefCell;
use std::rc::Rc;

use trivsel_core::Cursor;
use yew::prelude::*;

use crate::components::question::QuestionScreen;
use crate::components::review::Review;
use crate::components::start::Start;
use crate::effects::{self, Ctx};
use crate::services::storage::Draft;

/// A callback made once that always acts on the app's current state, so the
/// answer buttons' props stay equal from one question to the next and Yew
/// leaves them alone.
#[hook]
fn use_draft_callback<T: 'static>(
    latest: Rc<RefCell<Ctx>>,
    change: fn(&mut Draft, T) -> bool,
) -> Callback<T> {
    (*use_memo((), move |_| {
        Callback::from(move |value: T| {
            let ctx = latest.borrow().clone();
            effects::update_draft(ctx, move |d| change(d, value))
        })
    }))
    .clone()
}

#[function_component]
pub fn Youth() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let latest = use_mut_ref(|| ctx.clone());
    *latest.borrow_mut() = ctx.clone();
    let on_begin = use_draft_callback(latest.clone(), |d, ()| {
        d.begun = true;
        true
    });
    let on_back = use_draft_callback(latest.clone(), |d, ()| {
        if !d.flow.back() {
            d.begun = false;
        }
        true
    });
    let on_answer = use_draft_callback(latest.clone(), |d, v: i32| d.flow.answer(v));
    let on_edit = use_draft_callback(latest.clone(), |d, n: usize| {
        d.flow.edit(n);
        true
    });
    let on_submit = use_memo((), move |_| {
        Callback::from(move |()| effects::submit(latest.borrow().clone()))
    });
    let Some(draft) = ctx.draft.clone() else {
        return Html::default();
    };
    let lang = ctx.lang;
    if !draft.begun {
        let resuming = !draft.flow.answers.is_empty();
        return html! {
            <Start {lang} code={draft.participant.to_string()} {resuming} {on_begin} />
        };
    }
    match draft.flow.cursor {
        Cursor::Item(n) => {
            html! { <QuestionScreen {lang} flow={draft.flow} {n} {on_answer} {on_back} /> }
        }
        Cursor::Review => {
            let on_submit = (*on_submit).clone();
            html! { <Review {lang} flow={draft.flow} {on_edit} {on_back} {on_submit} /> }
        }
    }
}
