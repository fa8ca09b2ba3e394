//! The page's state and its one reducer: which files are open and what each
//! became, the report settings, and the latest merge and report. Every
//! transition is one match arm, tested natively; the browser work (reading,
//! computing) happens outside and comes back as an [`Action`].

use std::rc::Rc;

use trivsel_core::{ExportDocument, Lang, ReportParams};
use yew::Reducible;

use crate::compute::Outcome;
use crate::files::ReadFailure;

/// Names one opened file for as long as the page lives.
pub type FileId = u32;

/// One file the evaluator opened, good or bad.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEntry {
    pub id: FileId,
    /// The name as the browser gave it, unique on the page: a second
    /// `eksport.json` (two tablets export under the same name) is
    /// `eksport.json (2)`. The merge names files by it, so a conflict says
    /// which file.
    pub name: String,
    pub status: FileStatus,
}

#[derive(Clone, Debug)]
pub enum FileStatus {
    Reading,
    /// Read and accepted whole.
    Loaded(Rc<ExportDocument>),
    /// Rejected whole, with the reason.
    Rejected(ReadFailure),
}

impl PartialEq for FileStatus {
    /// Documents compare by identity: comparing 100 000 records on every
    /// render would be the slowest thing on the page.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Reading, Self::Reading) => true,
            (Self::Loaded(a), Self::Loaded(b)) => Rc::ptr_eq(a, b),
            (Self::Rejected(a), Self::Rejected(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct State {
    pub lang: Lang,
    /// In the order they were opened.
    pub files: Vec<FileEntry>,
    /// Counts changes to the set of loaded documents, so an outcome computed
    /// from an older set is recognised as stale.
    pub files_gen: u64,
    pub params: ReportParams,
    /// The latest merge and report; current only if [`State::current`] says so.
    pub outcome: Option<Rc<Outcome>>,
}

pub enum Action {
    SetLang(Lang),
    /// Files about to be read, with the ids their results will come back under.
    Add(Vec<(FileId, String)>),
    /// A file has been read and checked.
    Read {
        id: FileId,
        result: Result<ExportDocument, ReadFailure>,
    },
    Remove(FileId),
    Clear,
    SetParams(ReportParams),
    /// A merge and report, kept only if computed from the current files and
    /// settings.
    Computed(Rc<Outcome>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::Add(files) => {
                for (id, name) in files {
                    let name = next.unique_name(&name);
                    next.files.push(FileEntry {
                        id,
                        name,
                        status: FileStatus::Reading,
                    });
                }
            }
            Action::Read { id, result } => {
                let Some(entry) = next.files.iter_mut().find(|f| f.id == id) else {
                    return self; // removed or cleared while it was read
                };
                if entry.status != FileStatus::Reading {
                    return self;
                }
                entry.status = match result {
                    Ok(doc) => {
                        next.files_gen += 1;
                        FileStatus::Loaded(Rc::new(doc))
                    }
                    Err(why) => FileStatus::Rejected(why),
                };
            }
            Action::Remove(id) => {
                let Some(i) = next.files.iter().position(|f| f.id == id) else {
                    return self;
                };
                if matches!(next.files.remove(i).status, FileStatus::Loaded(_)) {
                    next.files_gen += 1;
                }
            }
            Action::Clear => {
                next.files.clear();
                next.files_gen += 1;
                next.outcome = None;
            }
            Action::SetParams(params) => next.params = params,
            Action::Computed(outcome) => {
                if outcome.files_gen != next.files_gen || outcome.params != next.params {
                    return self;
                }
                next.outcome = Some(outcome);
            }
        }
        if next.loaded().next().is_none() {
            // Nothing left to report on: forget the old figures.
            next.outcome = None;
        }
        Rc::new(next)
    }
}

impl State {
    /// `name`, or `name (2)`, `name (3)`, … if a file on the page has it.
    fn unique_name(&self, name: &str) -> String {
        let taken = |candidate: &str| self.files.iter().any(|f| f.name == candidate);
        if !taken(name) {
            return name.to_string();
        }
        (2..)
            .map(|k| format!("{name} ({k})"))
            .find(|candidate| !taken(candidate))
            .unwrap_or_default()
    }

    /// The accepted files' names and documents, in the order opened.
    pub fn loaded(&self) -> impl Iterator<Item = (&str, &Rc<ExportDocument>)> {
        self.files.iter().filter_map(|f| match &f.status {
            FileStatus::Loaded(doc) => Some((f.name.as_str(), doc)),
            _ => None,
        })
    }

    pub fn reading(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.status == FileStatus::Reading)
            .count()
    }

    pub fn rejected(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.status, FileStatus::Rejected(_)))
            .count()
    }

    /// The outcome, if it was computed from the files and settings now on
    /// the page.
    pub fn current(&self) -> Option<&Rc<Outcome>> {
        self.outcome
            .as_ref()
            .filter(|o| o.files_gen == self.files_gen && o.params == self.params)
    }

    /// Whether every file is read, at least one is accepted, and the report
    /// on screen is not the one for them.
    pub fn needs_compute(&self) -> bool {
        self.reading() == 0 && self.loaded().next().is_some() && self.current().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute;
    use trivsel_core::{parse_document, ImportError, Limits};

    fn fixture(name: &str) -> ExportDocument {
        let path = format!(
            "{}/../../tests/fixtures/export/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).expect("fixture");
        parse_document(&bytes, &Limits::default()).expect("a good fixture")
    }

    fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
        state.reduce(action)
    }

    #[test]
    fn files_load_or_are_rejected_each_on_its_own() {
        let s = Rc::new(State::default());
        let s = reduce(
            s,
            Action::Add(vec![(1, "a.json".into()), (2, "bad.json".into())]),
        );
        assert_eq!(s.reading(), 2);
        assert!(!s.needs_compute());
        let s = reduce(
            s,
            Action::Read {
                id: 2,
                result: Err(ReadFailure::Import(ImportError::Empty)),
            },
        );
        assert_eq!(s.rejected(), 1);
        assert!(!s.needs_compute(), "a.json is still being read");
        let s = reduce(
            s,
            Action::Read {
                id: 1,
                result: Ok(fixture("v1-tablet-a.json")),
            },
        );
        assert_eq!(s.reading(), 0);
        assert_eq!(s.loaded().count(), 1);
        assert!(s.needs_compute());
    }

    #[test]
    fn a_second_file_of_the_same_name_gets_a_number() {
        let s = Rc::new(State::default());
        let s = reduce(
            s,
            Action::Add(vec![(1, "eksport.json".into()), (2, "eksport.json".into())]),
        );
        let s = reduce(s, Action::Add(vec![(3, "eksport.json".into())]));
        let names: Vec<&str> = s.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["eksport.json", "eksport.json (2)", "eksport.json (3)"]
        );
    }

    #[test]
    fn a_stale_outcome_is_ignored_and_a_current_one_kept() {
        let s = Rc::new(State::default());
        let s = reduce(s, Action::Add(vec![(1, "a.json".into())]));
        let s = reduce(
            s,
            Action::Read {
                id: 1,
                result: Ok(fixture("v1-tablet-a.json")),
            },
        );
        let docs: Vec<_> = s
            .loaded()
            .map(|(n, d)| (n.to_string(), d.clone()))
            .collect();
        let old = Rc::new(compute::compute(&docs, s.params, s.files_gen, None));

        // A second file arrives before the first outcome: it is stale.
        let s = reduce(s, Action::Add(vec![(2, "b.json".into())]));
        let s = reduce(
            s,
            Action::Read {
                id: 2,
                result: Ok(fixture("v1-tablet-b.json")),
            },
        );
        let s = reduce(s, Action::Computed(old));
        assert!(s.current().is_none());
        assert!(s.needs_compute());

        let docs: Vec<_> = s
            .loaded()
            .map(|(n, d)| (n.to_string(), d.clone()))
            .collect();
        let new = Rc::new(compute::compute(&docs, s.params, s.files_gen, None));
        let s = reduce(s, Action::Computed(new));
        assert!(s.current().is_some());
        assert!(!s.needs_compute());

        // New settings make it stale again.
        let params = ReportParams {
            ladder_reference: 8.0,
            ..s.params
        };
        let s = reduce(s, Action::SetParams(params));
        assert!(s.needs_compute());
    }

    #[test]
    fn removing_and_clearing() {
        let s = Rc::new(State::default());
        let s = reduce(s, Action::Add(vec![(1, "a.json".into()), (2, "x".into())]));
        let s = reduce(
            s,
            Action::Read {
                id: 1,
                result: Ok(fixture("v1-tablet-a.json")),
            },
        );
        let gen = s.files_gen;
        // Removing a file still being read changes no loaded set; its result is then ignored.
        let s = reduce(s, Action::Remove(2));
        assert_eq!(s.files_gen, gen);
        let s = reduce(
            s,
            Action::Read {
                id: 2,
                result: Ok(fixture("v1-tablet-b.json")),
            },
        );
        assert_eq!(s.files.len(), 1);
        let s = reduce(s, Action::Remove(1));
        assert!(s.files.is_empty());
        assert!(s.files_gen > gen);
        let s = reduce(s, Action::Add(vec![(3, "c.json".into())]));
        let s = reduce(s, Action::Clear);
        assert!(s.files.is_empty());
        assert!(s.outcome.is_none());
    }
}
