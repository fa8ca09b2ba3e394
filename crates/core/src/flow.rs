//! The questionnaire as a state machine: which question is showing, the answers
//! so far, going back, reviewing and changing an answer.
//!
//! It lives in core, not in the app, so every transition is plain Rust that is
//! tested natively, and so the whole state is one serialisable value that the
//! app can store after every tap and resume after a reload.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::instrument::Instrument;
use crate::instrument::{Answers, Declined};
use crate::scoring::{score, ScoreError, Scores};

/// One question of the flow: an item of an instrument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub instrument: String,
    /// The version of the instrument asked (a draft stored before versions
    /// were kept here asked version 1).
    #[serde(default = "first_version", skip_serializing_if = "is_first_version")]
    pub version: u32,
    pub item: String,
    /// The answer values this item accepts, in the order shown.
    pub values: Vec<u8>,
    /// Whether the item offers "Vil ikke svare" / "Prefer not to answer".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decline: bool,
}

fn first_version() -> u32 {
    1
}

fn is_first_version(v: &u32) -> bool {
    *v == 1
}

/// What was given for a question: a value, or "prefer not to answer".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given {
    Value(i32),
    Declined,
}

/// Where the flow is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cursor {
    /// Showing step `n` (0-based) of [`Flow::steps`].
    Item(usize),
    /// All questions answered; showing the review screen.
    Review,
}

/// Progress through the flow, for "2 af 5".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// 1-based position of the question within its instrument.
    pub in_instrument: usize,
    pub instrument_len: usize,
    /// 1-based position within the whole flow.
    pub overall: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    pub steps: Vec<Step>,
    /// Instrument id → answers so far.
    pub answers: BTreeMap<String, Answers>,
    /// Instrument id → the items declined so far.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub declined: BTreeMap<String, Declined>,
    pub cursor: Cursor,
    /// Set while changing one answer from the review screen: the next answer returns there.
    pub editing: bool,
}

impl Flow {
    /// A fresh flow over the items of `instruments`, in order.
    pub fn new(instruments: &[&Instrument]) -> Flow {
        let steps = instruments
            .iter()
            .flat_map(|ins| {
                ins.items.iter().map(|item| Step {
                    instrument: ins.id.clone(),
                    version: ins.version,
                    item: item.id.clone(),
                    values: ins.response_of(item).values(),
                    decline: ins.declinable(item),
                })
            })
            .collect();
        Flow {
            steps,
            answers: BTreeMap::new(),
            declined: BTreeMap::new(),
            cursor: Cursor::Item(0),
            editing: false,
        }
    }

    /// The step showing, if a question is showing.
    pub fn current(&self) -> Option<&Step> {
        match self.cursor {
            Cursor::Item(n) => self.steps.get(n),
            Cursor::Review => None,
        }
    }

    /// The value already given to step `n` (not a declined one).
    pub fn answer_to(&self, n: usize) -> Option<i32> {
        match self.given(n)? {
            Given::Value(v) => Some(v),
            Given::Declined => None,
        }
    }

    /// What was given for step `n`: a value, "prefer not to answer", or nothing yet.
    pub fn given(&self, n: usize) -> Option<Given> {
        let step = self.steps.get(n)?;
        let value = self
            .answers
            .get(&step.instrument)
            .and_then(|a| a.get(&step.item));
        match value {
            Some(v) => Some(Given::Value(*v)),
            None => self
                .declined
                .get(&step.instrument)
                .is_some_and(|d| d.contains(&step.item))
                .then_some(Given::Declined),
        }
    }

    /// Records `value` for the current question and moves on: to the next
    /// question, or to review after the last one or after an edit. A value the
    /// item does not offer is ignored and returns false.
    pub fn answer(&mut self, value: i32) -> bool {
        let Some(step) = self.current() else {
            return false;
        };
        if !step.values.iter().any(|&v| i32::from(v) == value) {
            return false;
        }
        self.give(Given::Value(value))
    }

    /// "Vil ikke svare" for the current question, where the item offers it,
    /// and moves on as an answer does. The item stays without a value: it is
    /// missing, never 0. Returns false where the item does not offer it.
    pub fn decline(&mut self) -> bool {
        if !self.current().is_some_and(|s| s.decline) {
            return false;
        }
        self.give(Given::Declined)
    }

    fn give(&mut self, given: Given) -> bool {
        let Cursor::Item(n) = self.cursor else {
            return false;
        };
        let Some(step) = self.steps.get(n) else {
            return false;
        };
        let (instrument, item) = (step.instrument.clone(), step.item.clone());
        let declined = self.declined.entry(instrument.clone()).or_default();
        declined.remove(&item);
        if declined.is_empty() {
            self.declined.remove(&instrument);
        }
        match given {
            Given::Value(value) => {
                self.answers
                    .entry(instrument)
                    .or_default()
                    .insert(item, value);
            }
            Given::Declined => {
                if let Some(a) = self.answers.get_mut(&instrument) {
                    a.remove(&item);
                }
                self.declined.entry(instrument).or_default().insert(item);
            }
        }
        self.cursor = if self.editing || n + 1 >= self.steps.len() {
            self.editing = false;
            // After an edit, any question still unanswered comes first.
            match self.first_unanswered() {
                Some(m) => Cursor::Item(m),
                None => Cursor::Review,
            }
        } else {
            Cursor::Item(n + 1)
        };
        true
    }

    /// One step back, keeping every answer. Returns false at the first question
    /// (the app then goes back to its start screen). While editing, back
    /// returns to the review screen.
    pub fn back(&mut self) -> bool {
        match self.cursor {
            Cursor::Item(_) if self.editing => {
                self.editing = false;
                self.cursor = Cursor::Review;
                true
            }
            Cursor::Item(0) => false,
            Cursor::Item(n) => {
                self.cursor = Cursor::Item(n - 1);
                true
            }
            Cursor::Review => {
                self.cursor = Cursor::Item(self.steps.len().saturating_sub(1));
                true
            }
        }
    }

    /// From the review screen, go to step `n` to change its answer.
    pub fn edit(&mut self, n: usize) {
        if n < self.steps.len() {
            self.cursor = Cursor::Item(n);
            self.editing = true;
        }
    }

    pub fn first_unanswered(&self) -> Option<usize> {
        (0..self.steps.len()).find(|&n| self.given(n).is_none())
    }

    pub fn is_complete(&self) -> bool {
        self.first_unanswered().is_none()
    }

    /// Where an answer to the current question leads: the same place whatever
    /// the value. None on the review screen. The app uses it to prepare that
    /// screen while the question is being read.
    pub fn after_answer(&self) -> Option<Cursor> {
        let Cursor::Item(n) = self.cursor else {
            return None;
        };
        let value = *self.steps.get(n)?.values.first()?;
        let mut next = self.clone();
        next.answer(i32::from(value)).then_some(next.cursor)
    }

    /// Progress at the current question; None on the review screen.
    pub fn progress(&self) -> Option<Progress> {
        match self.cursor {
            Cursor::Item(n) => self.progress_at(n),
            Cursor::Review => None,
        }
    }

    /// Progress at step `n`, whichever question is showing.
    pub fn progress_at(&self, n: usize) -> Option<Progress> {
        let step = self.steps.get(n)?;
        let same: Vec<usize> = (0..self.steps.len())
            .filter(|&m| self.steps[m].instrument == step.instrument)
            .collect();
        Some(Progress {
            in_instrument: same.iter().position(|&m| m == n)? + 1,
            instrument_len: same.len(),
            overall: n + 1,
            total: self.steps.len(),
        })
    }

    /// Scores every instrument of the flow, in order.
    pub fn scores<'a>(
        &self,
        instruments: &[&'a Instrument],
    ) -> Vec<(&'a Instrument, Result<Scores, ScoreError>)> {
        let (no_answers, none_declined) = (Answers::new(), Declined::new());
        instruments
            .iter()
            .map(|ins| {
                let answers = self.answers.get(&ins.id).unwrap_or(&no_answers);
                let declined = self.declined.get(&ins.id).unwrap_or(&none_declined);
                (*ins, score(ins, answers, declined))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ladder, substance, who5};

    fn flow() -> Flow {
        Flow::new(&[who5(), ladder()])
    }

    #[test]
    fn answering_walks_through_every_question_to_review() {
        let mut f = flow();
        assert_eq!(f.steps.len(), 6);
        let p = f.progress().unwrap();
        assert_eq!(
            (p.in_instrument, p.instrument_len, p.overall, p.total),
            (1, 5, 1, 6)
        );
        for v in [5, 3, 5, 5, 5] {
            assert!(f.answer(v));
        }
        let p = f.progress().unwrap();
        assert_eq!((p.in_instrument, p.instrument_len, p.overall), (1, 1, 6));
        assert!(!f.is_complete());
        assert!(f.answer(7));
        assert_eq!(f.cursor, Cursor::Review);
        assert!(f.is_complete());
        let scores = f.scores(&[who5(), ladder()]);
        assert_eq!(scores[0].1.as_ref().unwrap().value("percentage"), Some(92));
        assert_eq!(scores[1].1.as_ref().unwrap().value("value"), Some(7));
    }

    #[test]
    fn back_keeps_answers_and_stops_at_the_first_question() {
        let mut f = flow();
        f.answer(4);
        f.answer(2);
        assert!(f.back());
        assert_eq!(f.cursor, Cursor::Item(1));
        assert_eq!(f.answer_to(1), Some(2));
        assert!(f.back());
        assert!(!f.back());
        assert_eq!(f.cursor, Cursor::Item(0));
        assert_eq!(f.answer_to(0), Some(4));
    }

    #[test]
    fn editing_from_review_returns_to_review() {
        let mut f = flow();
        for v in [5, 5, 5, 5, 5, 10] {
            f.answer(v);
        }
        f.edit(3);
        assert_eq!(f.current().unwrap().item, "rested");
        assert!(f.answer(1));
        assert_eq!(f.cursor, Cursor::Review);
        assert_eq!(f.answer_to(3), Some(1));
        // Back while editing leaves the answer alone.
        f.edit(0);
        assert!(f.back());
        assert_eq!(f.cursor, Cursor::Review);
        assert_eq!(f.answer_to(0), Some(5));
    }

    #[test]
    fn after_answer_is_where_every_answer_leads() {
        let mut f = flow();
        let mut seen = vec![];
        while f.cursor != Cursor::Review {
            let expected = f.after_answer();
            // Any value the item offers goes to the same place.
            for &v in &f.current().unwrap().values {
                let mut g = f.clone();
                assert!(g.answer(i32::from(v)));
                assert_eq!(Some(g.cursor), expected);
            }
            seen.push(expected.unwrap());
            f.answer(i32::from(f.current().unwrap().values[0]));
        }
        let items: Vec<Cursor> = (1..6).map(Cursor::Item).collect();
        assert_eq!(seen[..5], items[..]);
        assert_eq!(seen[5], Cursor::Review);
        assert_eq!(f.after_answer(), None);
        // While editing, an answer returns to review; an unanswered question first.
        f.edit(2);
        assert_eq!(f.after_answer(), Some(Cursor::Review));
        f.answers.get_mut("who5").unwrap().remove("calm");
        assert_eq!(f.after_answer(), Some(Cursor::Item(1)));
    }

    #[test]
    fn progress_at_any_step_matches_progress_there() {
        let mut f = flow();
        for n in 0..6 {
            assert_eq!(f.progress_at(n), f.progress());
            f.answer(i32::from(f.current().unwrap().values[0]));
        }
        assert_eq!(f.progress(), None);
        assert_eq!(f.progress_at(5).map(|p| p.overall), Some(6));
        assert_eq!(f.progress_at(6), None);
    }

    #[test]
    fn values_the_item_does_not_offer_are_refused() {
        let mut f = flow();
        assert!(!f.answer(6));
        assert!(!f.answer(-1));
        assert_eq!(f.cursor, Cursor::Item(0));
        assert!(f.answers.is_empty());
        for v in [0, 0, 0, 0, 0] {
            f.answer(v);
        }
        assert!(!f.answer(11));
        assert!(f.answer(0));
    }

    /// "Vil ikke svare" moves on like an answer, leaves the item without a
    /// value, and is offered only where the item says so.
    #[test]
    fn declining_where_the_item_offers_it() {
        let mut f = Flow::new(&[ladder(), substance()]);
        assert!(!f.decline(), "the ladder offers no «prefer not to answer»");
        assert!(f.answer(6));
        assert_eq!(f.current().unwrap().values, (0..=30).collect::<Vec<u8>>());
        assert!(f.current().unwrap().decline);
        assert!(f.decline());
        assert_eq!(f.given(1), Some(Given::Declined));
        assert_eq!(f.answer_to(1), None);
        assert!(f.answer(30));
        assert!(f.answer(0));
        assert_eq!(f.current().unwrap().values, (0..=7).collect::<Vec<u8>>());
        assert!(!f.answer(8));
        assert!(f.answer(2));
        assert!(f.is_complete());
        let scores = f.scores(&[ladder(), substance()]);
        let s = scores[1].1.as_ref().unwrap();
        assert_eq!(s.value("cannabis_30d"), None);
        assert_eq!(s.value("binge_30d"), Some(30));
        // Changing a declined item to an answer, and back.
        f.edit(1);
        assert!(f.answer(4));
        assert_eq!(f.given(1), Some(Given::Value(4)));
        assert!(f.declined.is_empty());
        f.edit(1);
        assert!(f.decline());
        assert_eq!(f.given(1), Some(Given::Declined));
        assert!(!f.answers["substance"].contains_key("cannabis_30d"));
        // A draft stored before declining existed reads the same.
        let json = serde_json::to_string(&Flow::new(&[who5()])).unwrap();
        assert!(!json.contains("declin"), "{json}");
    }

    #[test]
    fn the_state_round_trips_through_json() {
        let mut f = flow();
        f.answer(3);
        f.answer(1);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Flow>(&json).unwrap(), f);
    }
}
