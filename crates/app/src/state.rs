//! The app's state and every transition of it, as one reducer.
//!
//! The questionnaire logic itself is [`trivsel_core::Flow`]; this adds which
//! screen shows, the language, the counsellor lock and what storage returned.
//! Every user action and every storage result is one match arm.
//!
//! The counsellor gate lives here, once: a counsellor screen is only ever
//! entered while `unlocked`, whatever asked for it.

use std::ops::Deref;
use std::rc::Rc;

use trivsel_core::{
    Catalogue, Lang, Participant, ParticipantCode, Programme, ResponseRecord, Uuid,
};
use yew::Reducible;

use crate::services::storage::{Draft, ProgrammeFile, Settings, Setup, StorageError, Store, Usage};

/// A value shared by the state and the screens, equal only to itself: a
/// screen whose props hold it re-renders when it is replaced, never because
/// of a deep comparison.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// The instruments and batteries this tablet knows: the shipped ones and
/// those of the programme files imported in settings.
pub type SharedCatalogue = Shared<Catalogue>;

/// The catalogue of the shipped definitions and `programmes`.
pub fn catalogue_of(programmes: &[ProgrammeFile]) -> SharedCatalogue {
    let programmes: Vec<&Programme> = programmes.iter().map(|p| &p.programme).collect();
    Shared::new(Catalogue::with_programmes(programmes))
}

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Opening the database.
    Loading,
    /// Storage cannot be used at all.
    Broken(StorageError),
    /// First use: the counsellor chooses a passphrase and a PIN (on the
    /// tablet's first page; the export page sends the counsellor there).
    SetPin,
    /// The passphrase or PIN prompt; where to go once it is right.
    Unlock(AfterUnlock),
    /// A tablet with data from before encryption, unlocked by its PIN: the
    /// counsellor chooses a passphrase, then the data is sealed (on the
    /// tablet's first page, which then holds the key).
    NewPassphrase,
    /// Counsellor: participants and storage status.
    Home,
    NewParticipant,
    Participant(ParticipantCode),
    NewMeasurement(ParticipantCode),
    Settings,
    /// Counsellor: export, mark exported, delete exported.
    Export,
    /// The young person's questionnaire: start, questions or review, as the draft says.
    Youth,
    /// After sending: a neutral screen to hand the tablet back.
    ThankYou(Uuid),
    /// Counsellor: the scores of one record.
    Result(Uuid),
    /// The tablet page, unlocked: the counsellor's screens are open in their
    /// own bundle (`counsellor_app`), starting where the PIN prompt led.
    Counsellor(AfterUnlock),
}

impl Screen {
    /// Screens that show participants' data or change the tablet's setup.
    pub fn is_counsellor(&self) -> bool {
        matches!(
            self,
            Screen::Home
                | Screen::NewPassphrase
                | Screen::NewParticipant
                | Screen::Participant(_)
                | Screen::NewMeasurement(_)
                | Screen::Settings
                | Screen::Export
                | Screen::Result(_)
                | Screen::Counsellor(_)
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AfterUnlock {
    Home,
    Result(Uuid),
    Export,
}

/// Which part of the tablet this is: the app's first page (the young
/// person's screens and the lock), the counsellor's screens (a bundle the
/// first page loads once the PIN is right), or the counsellor's export page,
/// which only ever shows the PIN prompt and the export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Tablet,
    Counsellor,
    Export,
}

impl Page {
    /// The screen this page opens at (the counsellor's page opens where the
    /// first page's PIN led, so never asks this). The tablet is set up, and
    /// an older tablet's data sealed, on the first page, which then holds
    /// the key; the export page sends the counsellor there. A sealed
    /// questionnaire in progress shows the young person that it waits for
    /// the counsellor; an older tablet's PIN unlocks once, to choose a
    /// passphrase.
    fn first_screen(self, setup: Setup, draft_waiting: bool) -> Screen {
        match (self, setup, draft_waiting) {
            (Page::Export, Setup::Ready, _) => Screen::Unlock(AfterUnlock::Export),
            (_, Setup::Fresh, _) | (Page::Export, Setup::Legacy, _) => Screen::SetPin,
            (_, Setup::Ready, true) => Screen::Youth,
            (_, _, _) => Screen::Unlock(AfterUnlock::Home),
        }
    }

    /// Where the PIN prompt leads on this page.
    fn after_unlock(self) -> AfterUnlock {
        match self {
            Page::Tablet | Page::Counsellor => AfterUnlock::Home,
            Page::Export => AfterUnlock::Export,
        }
    }
}

impl AfterUnlock {
    /// The counsellor screen the PIN prompt leads to.
    pub fn screen(&self) -> Screen {
        match self {
            AfterUnlock::Home => Screen::Home,
            AfterUnlock::Result(id) => Screen::Result(*id),
            AfterUnlock::Export => Screen::Export,
        }
    }
}

/// What the counsellor screens show, loaded from storage after unlocking.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Data {
    pub participants: Vec<Participant>,
    pub records: Vec<ResponseRecord>,
    /// Stored values that could not be read (kept, reported).
    pub unreadable: usize,
    pub usage: Usage,
    /// The day of the last backup of this tablet.
    pub last_backup: Option<trivsel_core::Date>,
}

#[derive(Clone, PartialEq)]
pub struct AppState {
    pub page: Page,
    pub lang: Lang,
    pub screen: Screen,
    pub store: Option<Store>,
    pub setup: Setup,
    pub unlocked: bool,
    /// The tablet's private key is in memory, so the PIN may unlock;
    /// otherwise only the passphrase does.
    pub key_held: bool,
    /// A questionnaire is in progress but sealed, and the key is not in
    /// memory: the young person waits for the counsellor's passphrase.
    pub draft_waiting: bool,
    pub draft: Option<Draft>,
    pub settings: Settings,
    /// The instruments and batteries known on this tablet.
    pub catalogue: SharedCatalogue,
    /// The programme files imported on this tablet.
    pub programmes: Shared<Vec<ProgrammeFile>>,
    pub data: Data,
    /// A message for the person at the tablet (a failed save, a wrong PIN).
    pub notice: Option<String>,
    /// A storage write is under way: further taps wait for it.
    pub busy: bool,
    /// A new version of the app is installed and waits to be switched to.
    pub update_ready: bool,
}

impl AppState {
    pub fn for_page(page: Page) -> AppState {
        AppState {
            page,
            ..AppState::default()
        }
    }

    /// The counsellor's screens, opened by the first page once the PIN was
    /// right: unlocked, in `lang`, at `start`.
    pub fn counsellor(lang: Lang, start: &AfterUnlock) -> AppState {
        AppState {
            page: Page::Counsellor,
            lang,
            setup: Setup::Ready,
            unlocked: true,
            key_held: true,
            screen: start.screen(),
            ..AppState::default()
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            page: Page::Tablet,
            lang: Lang::default(),
            screen: Screen::Loading,
            store: None,
            setup: Setup::Fresh,
            unlocked: false,
            key_held: false,
            draft_waiting: false,
            draft: None,
            settings: Settings::default(),
            catalogue: catalogue_of(&[]),
            programmes: Shared::new(Vec::new()),
            data: Data::default(),
            notice: None,
            busy: false,
            update_ready: false,
        }
    }
}

pub enum Action {
    Opened {
        store: Store,
        setup: Setup,
        /// A questionnaire is in progress (sealed, so not read yet).
        draft_waiting: bool,
    },
    OpenFailed(StorageError),
    SetLang(Lang),
    /// Go to a screen; counsellor screens only while unlocked.
    Go(Screen),
    PinSet,
    Unlocked,
    /// The PIN of a tablet with data from before encryption was right.
    LegacyUnlocked,
    /// Whether the tablet's private key is in memory.
    KeyHeld(bool),
    /// The questionnaire in progress as stored, read after unlocking.
    DraftLoaded(Option<Draft>),
    Lock,
    DataLoaded(Data),
    SettingsSaved(Settings),
    /// The programme files stored on the tablet, read or just changed.
    Programmes(Vec<ProgrammeFile>),
    /// The counsellor hands the tablet over with a fresh draft.
    HandedOver(Draft),
    /// Show this draft: one whose write has begun, or, after a failed
    /// write, the one last committed. Only while the young person answers.
    DraftShown(Draft),
    Submitted(Uuid),
    DraftDiscarded,
    UpdateReady,
    Busy(bool),
    Notice(Option<String>),
}

impl AppState {
    /// Where `screen` leads on this page: nothing reaches a counsellor
    /// screen while locked, and the first page shows no counsellor screen
    /// itself but opens the counsellor's bundle there.
    fn gate(&self, screen: Screen) -> Screen {
        let screen = match screen {
            s if s.is_counsellor() && !self.unlocked => Screen::Unlock(self.page.after_unlock()),
            s => s,
        };
        if self.page != Page::Tablet {
            return screen;
        }
        match screen {
            // Choosing the passphrase of an older tablet stays on this page,
            // which is to hold the key.
            Screen::NewPassphrase => screen,
            Screen::Home => Screen::Counsellor(AfterUnlock::Home),
            Screen::Result(id) => Screen::Counsellor(AfterUnlock::Result(id)),
            s if s.is_counsellor() && !matches!(s, Screen::Counsellor(_)) => {
                Screen::Counsellor(AfterUnlock::Home)
            }
            s => s,
        }
    }
}

impl AppState {
    /// The transitions of the key: an older tablet's PIN right (its
    /// passphrase is chosen next), the key held or forgotten, and the
    /// questionnaire in progress read once the key opened it.
    fn apply_key(&mut self, action: Action) {
        match action {
            Action::LegacyUnlocked => {
                self.unlocked = true;
                self.screen = Screen::NewPassphrase;
            }
            Action::KeyHeld(held) => {
                self.key_held = held;
                if held {
                    self.setup = Setup::Ready;
                }
            }
            Action::DraftLoaded(draft) => {
                self.draft_waiting = false;
                self.draft = draft;
            }
            _ => {}
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let sets_notice = matches!(action, Action::Notice(_));
        match action {
            Action::Opened {
                store,
                setup,
                draft_waiting,
            } => {
                next.store = Some(store);
                next.setup = setup;
                next.draft_waiting = draft_waiting && setup == Setup::Ready;
                next.screen = match next.page {
                    // Opened by the first page after the PIN: where it led.
                    Page::Counsellor => next.screen.clone(),
                    page => page.first_screen(setup, next.draft_waiting),
                };
            }
            Action::OpenFailed(err) => next.screen = Screen::Broken(err),
            Action::SetLang(lang) => next.lang = lang,
            Action::Go(screen) => next.screen = screen,
            Action::PinSet => {
                next.setup = Setup::Ready;
                next.unlocked = true;
                next.screen = Screen::Home;
            }
            a @ (Action::LegacyUnlocked | Action::KeyHeld(_) | Action::DraftLoaded(_)) => {
                next.apply_key(a)
            }
            Action::Unlocked => {
                next.unlocked = true;
                next.screen = match &next.screen {
                    Screen::Unlock(after) => after.screen(),
                    _ => Screen::Home,
                };
            }
            Action::Lock => {
                next.unlocked = false;
                next.data = Data::default();
                next.screen = Screen::Unlock(next.page.after_unlock());
            }
            Action::DataLoaded(data) => next.data = data,
            Action::SettingsSaved(settings) => next.settings = settings,
            Action::Programmes(programmes) => {
                next.catalogue = catalogue_of(&programmes);
                next.programmes = Shared::new(programmes);
            }
            Action::HandedOver(draft) => {
                next.unlocked = false;
                next.draft_waiting = false;
                next.data = Data::default();
                next.lang = draft.lang;
                next.draft = Some(draft);
                next.screen = Screen::Youth;
            }
            Action::DraftShown(draft) => {
                if next.screen == Screen::Youth {
                    next.draft = Some(draft);
                    next.notice = None;
                }
            }
            Action::Submitted(id) => {
                next.draft = None;
                next.unlocked = false;
                next.data = Data::default();
                next.screen = Screen::ThankYou(id);
            }
            Action::DraftDiscarded => next.draft = None,
            Action::UpdateReady => next.update_ready = true,
            Action::Busy(busy) => next.busy = busy,
            Action::Notice(notice) => next.notice = notice,
        }
        next.screen = next.gate(next.screen.clone());
        // A new screen starts without the last screen's message.
        if !sets_notice && next.screen != self.screen {
            next.notice = None;
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locked() -> Rc<AppState> {
        Rc::new(AppState {
            setup: Setup::Ready,
            key_held: true,
            screen: Screen::Unlock(AfterUnlock::Home),
            ..AppState::default()
        })
    }

    #[test]
    fn counsellor_screens_need_the_pin() {
        for screen in [
            Screen::Home,
            Screen::Settings,
            Screen::Export,
            Screen::NewParticipant,
            Screen::Result(Uuid::from_random([0; 16])),
        ] {
            let s = locked().reduce(Action::Go(screen));
            assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
        }
        // The first page opens the counsellor's bundle rather than a screen.
        let s = locked().reduce(Action::Unlocked);
        assert_eq!(s.screen, Screen::Counsellor(AfterUnlock::Home));
        let s = s.reduce(Action::Go(Screen::Settings));
        assert_eq!(s.screen, Screen::Counsellor(AfterUnlock::Home));
        let s = s.reduce(Action::Lock).reduce(Action::Go(Screen::Home));
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
        let s = s.reduce(Action::Go(Screen::Counsellor(AfterUnlock::Home)));
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
    }

    #[test]
    fn the_counsellor_bundle_opens_unlocked_where_the_pin_led() {
        let s = Rc::new(AppState::counsellor(Lang::En, &AfterUnlock::Result(r1())));
        assert!(s.unlocked);
        assert_eq!((s.screen.clone(), s.lang), (Screen::Result(r1()), Lang::En));
        let s = s.reduce(Action::Go(Screen::Settings));
        assert_eq!(s.screen, Screen::Settings);
        // Locking leaves it at the PIN prompt, which the first page then shows.
        let s = s.reduce(Action::Lock);
        assert!(!s.unlocked);
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
    }

    #[test]
    fn the_export_page_opens_at_the_pin_and_leads_only_to_the_export() {
        let opened = Rc::new(AppState::for_page(Page::Export));
        // Even with a questionnaire in progress, this page shows the PIN prompt.
        let s = opened.clone().reduce(Action::Go(Screen::Export));
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Export));
        let s = s.reduce(Action::Unlocked);
        assert_eq!(s.screen, Screen::Export);
        let s = s.reduce(Action::Lock);
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Export));
    }

    #[test]
    fn sending_locks_and_the_pin_leads_to_that_result() {
        let s = locked()
            .reduce(Action::Unlocked)
            .reduce(Action::Submitted(r1()));
        assert!(!s.unlocked);
        assert_eq!(s.screen, Screen::ThankYou(r1()));
        let s = s
            .reduce(Action::Go(Screen::Unlock(AfterUnlock::Result(r1()))))
            .reduce(Action::Unlocked);
        assert_eq!(s.screen, Screen::Counsellor(AfterUnlock::Result(r1())));
    }

    fn draft(begun: bool) -> Draft {
        Draft {
            participant: ParticipantCode::from_random([0, 0, 0, 1]),
            point: trivsel_core::MeasurementPoint::Intake,
            started: trivsel_core::Date::new(2026, 11, 23).unwrap(),
            supersedes: None,
            lang: Lang::Da,
            begun,
            instruments: Vec::new(),
            flow: trivsel_core::Flow::new(&[]),
        }
    }

    #[test]
    fn a_shown_draft_replaces_the_last_and_its_message_only_while_answering() {
        let answering = locked()
            .reduce(Action::HandedOver(draft(false)))
            .reduce(Action::Notice(Some("Dit svar blev ikke gemt.".into())))
            .reduce(Action::DraftShown(draft(true)));
        assert_eq!(answering.draft, Some(draft(true)));
        assert_eq!(answering.notice, None);
        // A write that fails after the response was sent changes nothing.
        let sent = answering.reduce(Action::Submitted(r1()));
        let after = sent.reduce(Action::DraftShown(draft(false)));
        assert_eq!(after.draft, None);
        assert_eq!(after.screen, Screen::ThankYou(r1()));
    }

    fn r1() -> Uuid {
        Uuid::from_random([1; 16])
    }

    /// The state `Opened` leaves, without a database (the store plays no
    /// part in the first screen).
    fn opened(page: Page, setup: Setup, draft_waiting: bool) -> Rc<AppState> {
        let mut state = AppState::for_page(page);
        state.setup = setup;
        state.draft_waiting = draft_waiting && setup == Setup::Ready;
        state.screen = page.first_screen(setup, state.draft_waiting);
        Rc::new(state)
    }

    #[test]
    fn setting_up_and_the_passphrase_for_old_data_happen_on_the_first_page() {
        // A fresh tablet: passphrase and PIN on the first page, then the
        // counsellor's screens open with the key held.
        let s = opened(Page::Tablet, Setup::Fresh, false);
        assert_eq!(s.screen, Screen::SetPin);
        let s = s.reduce(Action::KeyHeld(true)).reduce(Action::PinSet);
        assert_eq!(s.screen, Screen::Counsellor(AfterUnlock::Home));
        assert!(s.unlocked && s.key_held);
        // Data from before encryption: the PIN unlocks once, a passphrase is
        // chosen on this page (not the counsellor's bundle), then the area opens.
        let s = opened(Page::Tablet, Setup::Legacy, true);
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
        assert!(!s.draft_waiting);
        let s = s.reduce(Action::LegacyUnlocked);
        assert_eq!(s.screen, Screen::NewPassphrase);
        let s = s.reduce(Action::KeyHeld(true)).reduce(Action::Unlocked);
        assert_eq!(s.screen, Screen::Counsellor(AfterUnlock::Home));
        // The passphrase screen is a counsellor screen: never shown while locked.
        let s =
            opened(Page::Tablet, Setup::Legacy, false).reduce(Action::Go(Screen::NewPassphrase));
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
        // The export page sends a tablet not set up (or not yet sealed) to the first page.
        assert_eq!(
            opened(Page::Export, Setup::Fresh, false).screen,
            Screen::SetPin
        );
        assert_eq!(
            opened(Page::Export, Setup::Legacy, true).screen,
            Screen::SetPin
        );
        assert_eq!(
            opened(Page::Export, Setup::Ready, true).screen,
            Screen::Unlock(AfterUnlock::Export)
        );
    }

    #[test]
    fn a_sealed_questionnaire_in_progress_waits_for_the_counsellor_and_resumes() {
        let s = opened(Page::Tablet, Setup::Ready, true);
        assert_eq!(s.screen, Screen::Youth);
        assert!(s.draft_waiting && s.draft.is_none());
        // The passphrase opened the draft: the young person goes on, the area stays locked.
        let s = s
            .reduce(Action::KeyHeld(true))
            .reduce(Action::HandedOver(draft(true)));
        assert_eq!(s.screen, Screen::Youth);
        assert!(!s.draft_waiting && !s.unlocked && s.key_held);
        assert_eq!(s.draft, Some(draft(true)));
        assert_eq!(
            opened(Page::Tablet, Setup::Ready, false).screen,
            Screen::Unlock(AfterUnlock::Home)
        );
    }

    #[test]
    fn locking_keeps_the_key_and_forgetting_it_keeps_the_area_locked() {
        let s = locked()
            .reduce(Action::Unlocked)
            .reduce(Action::DraftLoaded(Some(draft(false))));
        assert_eq!(s.draft, Some(draft(false)));
        // "Lås": the key stays held, so the PIN unlocks again.
        let s = s.reduce(Action::Lock);
        assert!(s.key_held && !s.unlocked);
        // Ten wrong PINs: the key is forgotten; only the passphrase unlocks.
        let s = s.reduce(Action::KeyHeld(false));
        assert!(!s.key_held && !s.unlocked);
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
    }
}
