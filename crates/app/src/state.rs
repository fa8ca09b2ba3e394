//! The app's state and every transition of it, as one reducer.
//!
//! The questionnaire logic itself is [`trivsel_core::Flow`]; this adds which
//! screen shows and the language, so each user action is one match arm.

use std::rc::Rc;

use trivsel_core::{builtin, Flow, Instrument, Lang};
use yew::Reducible;

/// The instruments of a session, in the order they are asked.
pub fn instruments() -> [&'static Instrument; 2] {
    let b = builtin();
    [&b.who5, &b.cantril]
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Start,
    /// A question or the review screen, as the flow's cursor says.
    Questions,
    Score,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub screen: Screen,
    pub flow: Flow,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            lang: Lang::default(),
            screen: Screen::Start,
            flow: Flow::new(&instruments()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    Begin,
    Answer(i32),
    Back,
    Edit(usize),
    Submit,
    NewResponse,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::Begin => next.screen = Screen::Questions,
            Action::Answer(value) => {
                next.flow.answer(value);
            }
            Action::Back => {
                if !next.flow.back() {
                    next.screen = Screen::Start;
                }
            }
            Action::Edit(n) => next.flow.edit(n),
            Action::Submit => {
                if next.flow.is_complete() {
                    next.screen = Screen::Score;
                }
            }
            Action::NewResponse => {
                next = AppState {
                    lang: next.lang,
                    ..AppState::default()
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trivsel_core::Cursor;

    fn run(actions: impl IntoIterator<Item = Action>) -> Rc<AppState> {
        actions
            .into_iter()
            .fold(Rc::new(AppState::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn a_whole_session_reaches_the_score_and_a_new_response_forgets_it() {
        let mut actions = vec![Action::SetLang(Lang::En), Action::Begin];
        actions.extend([5, 3, 5, 5, 5, 7].map(Action::Answer));
        actions.push(Action::Submit);
        let s = run(actions);
        assert_eq!(s.screen, Screen::Score);
        let fresh = s.reduce(Action::NewResponse);
        assert_eq!(fresh.screen, Screen::Start);
        assert!(fresh.flow.answers.is_empty());
        assert_eq!(fresh.lang, Lang::En, "the language choice stays");
    }

    #[test]
    fn submit_before_the_end_does_nothing() {
        let s = run([Action::Begin, Action::Answer(3), Action::Submit]);
        assert_eq!(s.screen, Screen::Questions);
        assert_eq!(s.flow.cursor, Cursor::Item(1));
    }

    #[test]
    fn back_from_the_first_question_returns_to_start_keeping_answers() {
        let s = run([Action::Begin, Action::Answer(3), Action::Back, Action::Back]);
        assert_eq!(s.screen, Screen::Start);
        assert_eq!(s.flow.answer_to(0), Some(3));
    }
}
