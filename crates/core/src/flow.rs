//! The questionnaire as a state machine: which question is showing, the answers
//! so far, going back, reviewing and changing an answer.
//!
//! It lives in core, not in the app, so every transition is plain Rust that is
//! tested natively, and so the whole state is one serialisable value that the
//! app can store after every tap and resume after a reload.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::instrument::{Answers, Instrument};
use crate::scoring::{score, Score, ScoreError};

/// One question of the flow: an item of an instrument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub instrument: String,
    pub item: String,
    /// The answer values this item accepts.
    pub values: Vec<u8>,
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
                    item: item.id.clone(),
                    values: ins.options.iter().map(|o| o.value).collect(),
                })
            })
            .collect();
        Flow {
            steps,
            answers: BTreeMap::new(),
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

    /// The answer already given to step `n`.
    pub fn answer_to(&self, n: usize) -> Option<i32> {
        let step = self.steps.get(n)?;
        self.answers.get(&step.instrument)?.get(&step.item).copied()
    }

    /// Records `value` for the current question and moves on: to the next
    /// question, or to review after the last one or after an edit. A value the
    /// item does not offer is ignored and returns false.
    pub fn answer(&mut self, value: i32) -> bool {
        let Cursor::Item(n) = self.cursor else {
            return false;
        };
        let Some(step) = self.steps.get(n) else {
            return false;
        };
        if !step.values.iter().any(|&v| i32::from(v) == value) {
            return false;
        }
        self.answers
            .entry(step.instrument.clone())
            .or_default()
            .insert(step.item.clone(), value);
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
        (0..self.steps.len()).find(|&n| self.answer_to(n).is_none())
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
    ) -> Vec<(&'a Instrument, Result<Score, ScoreError>)> {
        instruments
            .iter()
            .map(|ins| {
                let empty = Answers::new();
                let answers = self.answers.get(&ins.id).unwrap_or(&empty);
                (*ins, score(ins, answers))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instrument::builtin;

    fn flow() -> Flow {
        let b = builtin();
        Flow::new(&[&b.who5, &b.cantril])
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
        let b = builtin();
        let scores = f.scores(&[&b.who5, &b.cantril]);
        assert_eq!(scores[0].1.as_ref().unwrap().percentage, Some(92));
        assert_eq!(scores[1].1.as_ref().unwrap().raw, 7);
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

    #[test]
    fn the_state_round_trips_through_json() {
        let mut f = flow();
        f.answer(3);
        f.answer(1);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Flow>(&json).unwrap(), f);
    }
}
