//! The young person's part: start, one question at a time, review, send.
//! Every tap's write begins before the next screen shows (see `effects::update_draft`).
//!
//! A tap that changes the kind of screen (the last item of one instrument to
//! the next instrument, the last question to review) would build a whole
//! screen between tap and paint.
//! So once the current screen is painted, the screen that any answer leads to
//! is rendered hidden beside it, and the tap only has to show it; the screen
//! the tap leaves is hidden, and removed only after the next paint. A tap to
//! the next question of the same instrument keeps the screen and changes its text.

use std::rc::Rc;

use trivsel_core::{Cursor, Flow};
use yew::prelude::*;
use yew::virtual_dom::VList;

use crate::components::frame::use_painted;
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
    Decline,
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
            Tap::Decline => return d.flow.decline(),
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
    decline: Callback<()>,
    edit: Callback<usize>,
    submit: Callback<()>,
}

/// The young person's taps, made once: each reads the latest context when
/// it fires, so the callbacks (and the screens given them) stay the same
/// from render to render.
#[hook]
fn use_taps(ctx: &Ctx) -> Rc<Taps> {
    let latest = use_mut_ref(|| ctx.clone());
    *latest.borrow_mut() = ctx.clone();
    use_memo((), move |_| {
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
            decline: tap.reform(|()| Tap::Decline),
            edit: tap.reform(Tap::Edit),
            submit: Callback::from(move |()| effects::submit(latest.borrow().clone())),
        }
    })
}

#[function_component]
pub fn Youth() -> Html {
    let ctx = use_context::<Ctx>().expect("app context");
    let taps = use_taps(&ctx);
    // The screen showing, and where an answer leads when that is another
    // screen: when either changes, the next one is prepared only after the new
    // frame has been painted.
    let keys = ctx.draft.as_ref().filter(|d| d.begun).map(|d| {
        let f = &d.flow;
        let key = screen_key(f, f.cursor);
        let next = f
            .after_answer()
            .map(|c| (c, screen_key(f, c)))
            .filter(|(_, k)| *k != key);
        (key, next)
    });
    let painted = use_painted(
        keys.as_ref()
            .map(|(key, next)| (key.clone(), next.as_ref().map(|(_, k)| k.clone()))),
    );
    // The cursor of the screen shown by the last render.
    let before = use_mut_ref(|| None::<Cursor>);
    let Some(draft) = ctx.draft.clone() else {
        // A questionnaire in progress after a restart is sealed: nothing of
        // it shows until the counsellor's passphrase opens it.
        if ctx.draft_waiting {
            let m = crate::i18n::messages(ctx.lang);
            return html! {
                <section class="screen start" aria-labelledby="wait-heading">
                    <h1 id="wait-heading">{ m.waiting_heading }</h1>
                    <p class="lead">{ m.waiting_body }</p>
                </section>
            };
        }
        return Html::default();
    };
    let lang = ctx.lang;
    if !draft.begun {
        let resuming = !draft.flow.answers.is_empty() || !draft.flow.declined.is_empty();
        let on_begin = taps.begin.clone();
        let questions = draft.flow.steps.len();
        let months = ctx.settings.retention();
        return html! {
            <Start {lang} code={draft.participant.to_string()} {questions} {resuming} {months} {on_begin} />
        };
    }
    let Some((key, next)) = keys else {
        return Html::default();
    };
    let flow = &draft.flow;
    let catalogue = &ctx.catalogue;
    let screen = |cursor: Cursor, key: String, hidden: bool| {
        let (flow, on_back, catalogue) = (flow.clone(), taps.back.clone(), catalogue.clone());
        match cursor {
            Cursor::Item(n) => {
                let (on_answer, on_decline) = (taps.answer.clone(), taps.decline.clone());
                html! {
                    <QuestionScreen {key} {lang} {catalogue} {flow} {n} {hidden} {on_answer} {on_decline} {on_back} />
                }
            }
            Cursor::Review => {
                let (on_edit, on_submit) = (taps.edit.clone(), taps.submit.clone());
                html! { <Review {key} {lang} {catalogue} {flow} {hidden} {on_edit} {on_back} {on_submit} /> }
            }
        }
    };
    let mut screens = vec![];
    if let Some(left) = before.replace(Some(flow.cursor)).filter(|_| !painted) {
        let left_key = screen_key(flow, left);
        if left_key != key {
            screens.push(screen(left, left_key, true));
        }
    }
    screens.push(screen(flow.cursor, key, false));
    if let Some((next, next_key)) = next.filter(|_| painted) {
        screens.push(screen(next, next_key, true));
    }
    // Keyed, so a prepared screen's elements are kept when it is shown.
    VList::with_children(screens, None).into()
}

/// Which screen shows `cursor`: one per instrument, whose questions share it, and review.
fn screen_key(flow: &Flow, cursor: Cursor) -> String {
    match cursor {
        Cursor::Item(n) => match flow.steps.get(n) {
            Some(step) => format!("item-{}", step.instrument),
            None => "item".into(),
        },
        Cursor::Review => "review".into(),
    }
}
