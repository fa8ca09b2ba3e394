//! The page's state and its one reducer: which files are open and what each
//! became, the running catalogue they built, the report settings, and the
//! latest merge and report. Every transition is one match arm, tested
//! natively; the browser work (reading bytes, computing) happens outside and
//! comes back as an [`Action`].
//!
//! The running catalogue is the shipped one, then, in the order the files
//! were opened, each accepted programme file's questionnaires and batteries
//! and each accepted export's definitions. A file is checked against the
//! catalogue as it stands when its bytes arrive, so a questionnaire defined
//! twice under one id and version in two ways rejects the later file; once a
//! file is removed, the catalogue is built again from the files left.

use std::rc::Rc;

use trivsel_core::merge::ExportIds;
use trivsel_core::programme::Programme;
use trivsel_core::sealed::Identity;
use trivsel_core::{Catalogue, Instrument, Lang, ReportParams};
use yew::Reducible;

use crate::compute::Outcome;
use crate::files::{self, Export, Opened, ReadFailure};

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
    /// An export, read and accepted whole.
    Loaded(Rc<Export>),
    /// A programme file, read and accepted whole.
    Programme(Rc<Programme>),
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
            (Self::Programme(a), Self::Programme(b)) => Rc::ptr_eq(a, b),
            (Self::Rejected(a), Self::Rejected(b)) => a == b,
            _ => false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct State {
    pub lang: Lang,
    /// In the order they were opened.
    pub files: Vec<FileEntry>,
    /// Counts changes to the set of accepted files (and so to the catalogue),
    /// so an outcome computed from an older set is recognised as stale.
    pub files_gen: u64,
    pub params: ReportParams,
    /// The shipped definitions and those the accepted files brought.
    pub catalogue: Rc<Catalogue>,
    /// The latest merge and report; current only if [`State::current`] says so.
    pub outcome: Option<Rc<Outcome>>,
    /// The evaluator's identity, for this session only.
    pub identity: Option<Rc<Identity>>,
}

impl Default for State {
    fn default() -> State {
        State {
            lang: Lang::default(),
            files: Vec::new(),
            files_gen: 0,
            params: ReportParams::default(),
            catalogue: Rc::new(Catalogue::shipped().clone()),
            outcome: None,
            identity: None,
        }
    }
}

pub enum Action {
    SetLang(Lang),
    /// Files about to be read, with the ids their results will come back under.
    Add(Vec<(FileId, String)>),
    /// A file's bytes have been read (or could not be): they are checked now.
    Read {
        id: FileId,
        result: Result<Vec<u8>, ReadFailure>,
    },
    Remove(FileId),
    Clear,
    SetParams(ReportParams),
    /// A merge and report, kept only if computed from the current files and
    /// settings.
    Computed(Rc<Outcome>),
    /// The evaluator's identity opened or made on the page (`None`: forgotten).
    SetIdentity(Option<Rc<Identity>>),
}

/// `catalogue` with what an accepted file brings.
fn joined(catalogue: &Catalogue, status: &FileStatus) -> Catalogue {
    match status {
        FileStatus::Loaded(export) => {
            let mut c = catalogue.clone();
            for def in &export.doc.instruments {
                // Checked against this catalogue when the file was read.
                let _ = c.add_instrument(def.clone());
            }
            c
        }
        FileStatus::Programme(p) => p
            .join(catalogue.clone())
            .unwrap_or_else(|_| catalogue.clone()),
        FileStatus::Reading | FileStatus::Rejected(_) => catalogue.clone(),
    }
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
                let Some(i) = next.files.iter().position(|f| f.id == id) else {
                    return self; // removed or cleared while it was read
                };
                if next.files[i].status != FileStatus::Reading {
                    return self;
                }
                next.settle(i, result);
            }
            Action::Remove(id) => {
                let Some(i) = next.files.iter().position(|f| f.id == id) else {
                    return self;
                };
                let removed = next.files.remove(i);
                if matches!(
                    removed.status,
                    FileStatus::Loaded(_) | FileStatus::Programme(_)
                ) {
                    next.files_gen += 1;
                    let mut c = Catalogue::shipped().clone();
                    for f in &next.files {
                        c = joined(&c, &f.status);
                    }
                    next.catalogue = Rc::new(c);
                }
            }
            Action::Clear => {
                next.files.clear();
                next.files_gen += 1;
                next.catalogue = Rc::new(Catalogue::shipped().clone());
                next.outcome = None;
            }
            Action::SetParams(params) => next.params = params,
            Action::SetIdentity(identity) => {
                next.identity = identity;
                if next.identity.is_some() {
                    next.unlock();
                }
            }
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
    /// File `i`'s bytes have been read (or could not be): checked now, against
    /// the running catalogue and with the identity held.
    fn settle(&mut self, i: usize, result: Result<Vec<u8>, ReadFailure>) {
        let identity = self.identity.as_deref();
        let opened = result
            .and_then(|bytes| files::open_or_keep(bytes, &self.catalogue, identity))
            .and_then(|o| self.same_export(self.files[i].id, o));
        let status = match opened {
            Ok(Opened::Export(export)) => FileStatus::Loaded(Rc::new(export)),
            Ok(Opened::Programme(p)) => FileStatus::Programme(Rc::new(p)),
            Err(why) => FileStatus::Rejected(why),
        };
        if !matches!(status, FileStatus::Rejected(_)) {
            self.catalogue = Rc::new(joined(&self.catalogue, &status));
            self.files_gen += 1;
        }
        self.files[i].status = status;
    }

    /// The age files added before an identity was open, opened with it now,
    /// in the order they were added.
    fn unlock(&mut self) {
        for i in 0..self.files.len() {
            if let FileStatus::Rejected(ReadFailure::Locked(locked)) = &self.files[i].status {
                let bytes = locked.0.to_vec();
                self.settle(i, Ok(bytes));
            }
        }
    }

    /// `opened`, unless it is an export whose export id an accepted file has
    /// with other content (core's `ExportIds`, in the order files were read).
    fn same_export(&self, id: FileId, opened: Opened) -> Result<Opened, ReadFailure> {
        let Opened::Export(export) = &opened else {
            return Ok(opened);
        };
        let mut ids = ExportIds::default();
        let this = self
            .files
            .iter()
            .find(|f| f.id == id)
            .map_or("", |f| &f.name);
        for (name, other) in self.loaded() {
            let _ = ids.check(name, other.doc.export_id, other.digest);
        }
        ids.check(this, export.doc.export_id, export.digest)
            .map_err(ReadFailure::Import)?;
        Ok(opened)
    }

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

    /// The accepted exports' names and contents, in the order opened.
    pub fn loaded(&self) -> impl Iterator<Item = (&str, &Rc<Export>)> {
        self.files.iter().filter_map(|f| match &f.status {
            FileStatus::Loaded(export) => Some((f.name.as_str(), export)),
            _ => None,
        })
    }

    /// The definitions of every instrument the accepted exports' records
    /// asked, in catalogue order: what the settings are offered for.
    pub fn asked(&self) -> Vec<Instrument> {
        let asked = self.loaded().flat_map(|(_, e)| &e.asked);
        self.catalogue
            .answered(asked)
            .into_iter()
            .cloned()
            .collect()
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

    /// Whether every file is read, at least one export is accepted, and the
    /// report on screen is not the one for them.
    pub fn needs_compute(&self) -> bool {
        self.reading() == 0 && self.loaded().next().is_some() && self.current().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute;
    use crate::testing::{fixture, programme, with_worry, worry_bytes};
    use trivsel_core::instrument::Rule;
    use trivsel_core::report::key;
    use trivsel_core::{CatalogueError, ImportError};

    fn tablet(name: &str) -> Vec<u8> {
        fixture(&format!("export/{name}"))
    }

    fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
        state.reduce(action)
    }

    /// `s` once the file `id` has been read as `bytes`.
    fn read(s: Rc<State>, id: FileId, bytes: Vec<u8>) -> Rc<State> {
        reduce(
            s,
            Action::Read {
                id,
                result: Ok(bytes),
            },
        )
    }

    /// `s` with the file `name` added and its `bytes` read.
    fn open(s: Rc<State>, id: FileId, name: &str, bytes: Vec<u8>) -> Rc<State> {
        let s = reduce(s, Action::Add(vec![(id, name.into())]));
        read(s, id, bytes)
    }

    fn outcome(s: &State) -> compute::Outcome {
        let docs: Vec<_> = s
            .loaded()
            .map(|(n, d)| (n.to_string(), d.clone()))
            .collect();
        compute::compute(&docs, s.params.clone(), s.files_gen, None, &s.catalogue)
    }

    fn status(s: &State, name: &str) -> FileStatus {
        s.files
            .iter()
            .find(|f| f.name == name)
            .expect(name)
            .status
            .clone()
    }

    #[test]
    fn a_second_export_with_the_same_id_and_other_content_is_rejected() {
        let a = fixture("hostile/same-export-id-a.json");
        let b = fixture("hostile/same-export-id-b.json");
        let s = open(Rc::new(State::default()), 1, "a.json", a.clone());
        let s = open(s, 2, "a-again.json", a);
        let s = open(s, 3, "b.json", b);
        assert!(matches!(status(&s, "a-again.json"), FileStatus::Loaded(_)));
        let FileStatus::Rejected(why) = status(&s, "b.json") else {
            panic!("b.json is rejected");
        };
        assert!(
            why.message(Lang::Da).contains("samme eksport-id"),
            "{why:?}"
        );
        assert!(why.message(Lang::Da).contains("«a.json»"), "{why:?}");
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
        let s = read(s, 2, Vec::new());
        assert_eq!(s.rejected(), 1);
        assert_eq!(
            status(&s, "bad.json"),
            FileStatus::Rejected(ReadFailure::Import(ImportError::Empty))
        );
        assert!(!s.needs_compute(), "a.json is still being read");
        let s = read(s, 1, tablet("v1-tablet-a.json"));
        assert_eq!(s.reading(), 0);
        assert_eq!(s.loaded().count(), 1);
        assert!(s.needs_compute());
        let names: Vec<String> = s.asked().into_iter().map(|i| i.id).collect();
        assert_eq!(names, ["who5", "cantril"]);
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
        let s = open(
            Rc::new(State::default()),
            1,
            "a.json",
            tablet("v1-tablet-a.json"),
        );
        let old = Rc::new(outcome(&s));

        // A second file arrives before the first outcome: it is stale.
        let s = open(s, 2, "b.json", tablet("v1-tablet-b.json"));
        let s = reduce(s, Action::Computed(old));
        assert!(s.current().is_none());
        assert!(s.needs_compute());

        let new = Rc::new(outcome(&s));
        let s = reduce(s, Action::Computed(new));
        assert!(s.current().is_some());
        assert!(!s.needs_compute());

        // New settings make it stale again.
        let mut params = s.params.clone();
        params
            .references
            .insert(key("cantril", "value", "danish_youth"), 8.0);
        let s = reduce(s, Action::SetParams(params));
        assert!(s.needs_compute());
    }

    #[test]
    fn removing_and_clearing() {
        let s = Rc::new(State::default());
        let s = reduce(s, Action::Add(vec![(1, "a.json".into()), (2, "x".into())]));
        let s = read(s, 1, tablet("v1-tablet-a.json"));
        let gen = s.files_gen;
        // Removing a file still being read changes no loaded set; its result is then ignored.
        let s = reduce(s, Action::Remove(2));
        assert_eq!(s.files_gen, gen);
        let s = read(s, 2, tablet("v1-tablet-b.json"));
        assert_eq!(s.files.len(), 1);
        let s = reduce(s, Action::Remove(1));
        assert!(s.files.is_empty());
        assert!(s.files_gen > gen);
        let s = reduce(s, Action::Add(vec![(3, "c.json".into())]));
        let s = reduce(s, Action::Clear);
        assert!(s.files.is_empty());
        assert!(s.outcome.is_none());
    }

    /// An export of a questionnaire trivsel does not ship brings its
    /// definition; a programme file brings its own; a later file that
    /// defines the same id and version another way is rejected; removing
    /// the file that brought a definition takes it out again.
    #[test]
    fn the_running_catalogue_follows_the_files() {
        let s = open(
            Rc::new(State::default()),
            1,
            "worry.json",
            worry_bytes(&with_worry(), 1),
        );
        assert!(matches!(status(&s, "worry.json"), FileStatus::Loaded(_)));
        assert!(s.catalogue.get("worry", 1).is_some());
        let names: Vec<String> = s.asked().into_iter().map(|i| i.id).collect();
        assert_eq!(names, ["worry"]);

        let mut other = with_worry().get("worry", 1).unwrap().clone();
        other.scores[0].rule = Rule::Sum { factor: 2 };
        let mut elsewhere = Catalogue::shipped().clone();
        elsewhere.add_instrument(other).unwrap();
        let s = open(s, 2, "other.json", worry_bytes(&elsewhere, 2));
        assert_eq!(
            status(&s, "other.json"),
            FileStatus::Rejected(ReadFailure::Import(ImportError::Definition(
                CatalogueError::Clash {
                    id: "worry".into(),
                    version: 1
                }
            )))
        );
        let gen = s.files_gen;
        let s = reduce(s, Action::Remove(1));
        assert!(s.files_gen > gen);
        assert!(s.catalogue.get("worry", 1).is_none());
        // Now the other definition is the first.
        let s = open(s, 3, "other-again.json", worry_bytes(&elsewhere, 2));
        assert!(matches!(
            status(&s, "other-again.json"),
            FileStatus::Loaded(_)
        ));

        // A programme file: accepted, it joins the catalogue, and the first
        // export (whose definition it shares) is accepted beside it.
        let s = reduce(s, Action::Clear);
        assert_eq!(*s.catalogue, *Catalogue::shipped());
        let s = open(
            s,
            4,
            "worry-programme.json",
            fixture("programme/worry.json"),
        );
        let FileStatus::Programme(p) = status(&s, "worry-programme.json") else {
            panic!("a programme");
        };
        assert_eq!(*p, programme());
        assert_eq!(s.loaded().count(), 0);
        assert!(
            !s.needs_compute(),
            "a programme alone has nothing to report"
        );
        assert!(s.catalogue.battery(&p.batteries[0].reference()).is_some());
        let s = open(s, 5, "worry.json", worry_bytes(&with_worry(), 1));
        assert!(matches!(status(&s, "worry.json"), FileStatus::Loaded(_)));
        let s = open(s, 6, "other.json", worry_bytes(&elsewhere, 2));
        assert!(matches!(status(&s, "other.json"), FileStatus::Rejected(_)));
    }

    #[test]
    fn age_files_open_with_the_identity_held_for_the_session() {
        use trivsel_core::sealed::{seal, OpenError};
        use trivsel_core::Lang;
        let evaluator = Rc::new(Identity::generate());
        let sealed = seal(&tablet("v1-tablet-a.json"), &evaluator.recipient()).unwrap();
        // Added before the key: kept, with the reason, and opened once it is.
        let s = open(Rc::new(State::default()), 1, "a.json.age", sealed.clone());
        let FileStatus::Rejected(why) = status(&s, "a.json.age") else {
            panic!("waiting for the key");
        };
        assert!(matches!(why, ReadFailure::Locked(_)));
        assert_eq!(
            why.message(Lang::En),
            OpenError::NoIdentity.message(Lang::En)
        );
        assert_eq!(s.rejected(), 1);
        let s = reduce(s, Action::SetIdentity(Some(evaluator)));
        assert!(matches!(status(&s, "a.json.age"), FileStatus::Loaded(_)));
        assert_eq!((s.rejected(), s.files_gen), (0, 1));
        // Added with the key open: opened as it comes.
        let s = open(s, 2, "a.json.age", sealed);
        assert!(matches!(
            status(&s, "a.json.age (2)"),
            FileStatus::Loaded(_)
        ));
        assert_eq!(s.loaded().count(), 2);
        let s = reduce(s, Action::SetIdentity(None));
        assert!(s.identity.is_none());
        assert_eq!(s.loaded().count(), 2, "what was opened stays open");
    }
}
