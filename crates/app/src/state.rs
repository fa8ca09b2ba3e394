//! The app's state and every transition of it, as one reducer.
//!
//! The questionnaire logic itself is [`trivsel_core::Flow`]; this adds which
//! screen shows, the language, the counsellor lock and what storage returned.
//! Every user action and every storage result is one match arm.
//!
//! The counsellor gate lives here, once: a counsellor screen is only ever
//! entered while `unlocked`, whatever asked for it.

use std::rc::Rc;

use trivsel_core::{builtin, Instrument, Lang, Participant, ParticipantCode, ResponseRecord};
use yew::Reducible;

use crate::services::storage::{Draft, Settings, Setup, StorageError, Store, Usage};

/// The instruments of a session, in the order they are asked.
pub fn instruments() -> [&'static Instrument; 2] {
    let b = builtin();
    [&b.who5, &b.cantril]
}

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Opening the database.
    Loading,
    /// Storage cannot be used at all.
    Broken(StorageError),
    /// First use: the counsellor chooses a passphrase and a PIN (on the
    /// export page; the tablet's page links there).
    SetPin,
    /// The passphrase or PIN prompt; where to go once it is right.
    Unlock(AfterUnlock),
    /// A tablet with data from before encryption, unlocked by its PIN: the
    /// counsellor chooses a passphrase, then the data is sealed.
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
    ThankYou(String),
    /// Counsellor: the scores of one record.
    Result(String),
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
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum AfterUnlock {
    Home,
    Result(String),
    Export,
}

/// Which page of the tablet this is: the app, or the counsellor's export
/// page, which only ever shows the PIN prompt and the export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Tablet,
    Export,
}

impl Page {
    /// Where the PIN prompt leads on this page.
    fn after_unlock(self) -> AfterUnlock {
        match self {
            Page::Tablet => AfterUnlock::Home,
            Page::Export => AfterUnlock::Export,
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
    /// The counsellor hands the tablet over with a fresh draft.
    HandedOver(Draft),
    /// Show this draft: one whose write has begun, or, after a failed
    /// write, the one last committed. Only while the young person answers.
    DraftShown(Draft),
    Submitted(String),
    DraftDiscarded,
    UpdateReady,
    Busy(bool),
    Notice(Option<String>),
}

/// The first screen once storage is open.
fn first_screen(page: Page, setup: Setup, draft_waiting: bool) -> Screen {
    match (page, setup, draft_waiting) {
        // Setting up is done once, on the export page: its code is not in
        // the tablet's first load.
        (Page::Export, Setup::Fresh, _) => Screen::SetPin,
        // The export page never shows the questionnaire in progress.
        (Page::Export, _, _) => Screen::Unlock(AfterUnlock::Export),
        // The tablet sends the counsellor there to set up, or to encrypt the
        // data of a version 1 tablet.
        (Page::Tablet, Setup::Fresh | Setup::Legacy, _) => Screen::SetPin,
        // A sealed questionnaire in progress: the young person's screen says
        // it waits for the counsellor.
        (Page::Tablet, Setup::Ready, true) => Screen::Youth,
        (Page::Tablet, Setup::Ready, false) => Screen::Unlock(AfterUnlock::Home),
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
                next.screen = first_screen(next.page, setup, next.draft_waiting);
            }
            Action::OpenFailed(err) => next.screen = Screen::Broken(err),
            Action::SetLang(lang) => next.lang = lang,
            Action::Go(screen) => next.screen = screen,
            Action::PinSet => {
                next.setup = Setup::Ready;
                next.unlocked = true;
                next.screen = match next.page {
                    Page::Tablet => Screen::Home,
                    Page::Export => Screen::Export,
                };
            }
            Action::LegacyUnlocked => {
                next.unlocked = true;
                next.screen = Screen::NewPassphrase;
            }
            Action::KeyHeld(held) => {
                next.key_held = held;
                if held {
                    next.setup = Setup::Ready;
                }
            }
            Action::DraftLoaded(draft) => {
                next.draft_waiting = false;
                next.draft = draft;
            }
            Action::Unlocked => {
                next.unlocked = true;
                next.screen = match &next.screen {
                    Screen::Unlock(AfterUnlock::Result(id)) => Screen::Result(id.clone()),
                    Screen::Unlock(AfterUnlock::Export) => Screen::Export,
                    _ => match next.page {
                        Page::Tablet => Screen::Home,
                        Page::Export => Screen::Export,
                    },
                };
            }
            Action::Lock => {
                next.unlocked = false;
                next.data = Data::default();
                next.screen = Screen::Unlock(next.page.after_unlock());
            }
            Action::DataLoaded(data) => next.data = data,
            Action::SettingsSaved(settings) => next.settings = settings,
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
        // The gate: nothing reaches a counsellor screen while locked.
        if next.screen.is_counsellor() && !next.unlocked {
            next.screen = Screen::Unlock(next.page.after_unlock());
        }
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
            Screen::Result("x".into()),
        ] {
            let s = locked().reduce(Action::Go(screen));
            assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
        }
        let s = locked()
            .reduce(Action::Unlocked)
            .reduce(Action::Go(Screen::Settings));
        assert_eq!(s.screen, Screen::Settings);
        let s = s.reduce(Action::Lock).reduce(Action::Go(Screen::Home));
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
            .reduce(Action::Submitted("r1".into()));
        assert!(!s.unlocked);
        assert_eq!(s.screen, Screen::ThankYou("r1".into()));
        let s = s
            .reduce(Action::Go(Screen::Unlock(AfterUnlock::Result("r1".into()))))
            .reduce(Action::Unlocked);
        assert_eq!(s.screen, Screen::Result("r1".into()));
    }

    fn draft(begun: bool) -> Draft {
        Draft {
            participant: ParticipantCode::from_random([0, 0, 0, 1]),
            point: trivsel_core::MeasurementPoint::Intake,
            started: trivsel_core::Date::new(2026, 11, 23).unwrap(),
            supersedes: None,
            lang: Lang::Da,
            begun,
            flow: trivsel_core::Flow::new(&instruments()),
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
        let sent = answering.reduce(Action::Submitted("r1".into()));
        let after = sent.reduce(Action::DraftShown(draft(false)));
        assert_eq!(after.draft, None);
        assert_eq!(after.screen, Screen::ThankYou("r1".into()));
    }

    /// The state `Opened` leaves, without a database (the store plays no
    /// part in the first screen).
    fn opened(page: Page, setup: Setup, draft_waiting: bool) -> Rc<AppState> {
        let mut state = AppState::for_page(page);
        state.setup = setup;
        state.draft_waiting = draft_waiting && setup == Setup::Ready;
        state.screen = first_screen(page, setup, state.draft_waiting);
        Rc::new(state)
    }

    #[test]
    fn setting_up_and_the_passphrase_for_old_data_happen_on_the_export_page() {
        let s = opened(Page::Export, Setup::Fresh, false)
            .reduce(Action::KeyHeld(true))
            .reduce(Action::PinSet);
        assert_eq!(s.screen, Screen::Export);
        assert!(s.unlocked && s.key_held);
        assert_eq!(s.setup, Setup::Ready);
        // Version 1 data: the PIN unlocks once, a passphrase is chosen, then the export.
        let s = opened(Page::Export, Setup::Legacy, true).reduce(Action::LegacyUnlocked);
        assert_eq!(s.screen, Screen::NewPassphrase);
        let s = s.reduce(Action::KeyHeld(true)).reduce(Action::Unlocked);
        assert_eq!(s.screen, Screen::Export);
        // The passphrase screen is a counsellor screen: never shown while locked.
        let s =
            opened(Page::Export, Setup::Legacy, false).reduce(Action::Go(Screen::NewPassphrase));
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Export));
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
        // Without a draft, or on a tablet not set up, no youth screen.
        assert_eq!(
            opened(Page::Tablet, Setup::Ready, false).screen,
            Screen::Unlock(AfterUnlock::Home)
        );
        assert_eq!(
            opened(Page::Tablet, Setup::Legacy, true).screen,
            Screen::SetPin
        );
        assert_eq!(
            opened(Page::Tablet, Setup::Fresh, false).screen,
            Screen::SetPin
        );
        assert!(!opened(Page::Tablet, Setup::Legacy, true).draft_waiting);
    }

    #[test]
    fn forgetting_the_key_keeps_the_area_locked_and_loaded_data_replaces_the_draft() {
        let s = locked()
            .reduce(Action::KeyHeld(true))
            .reduce(Action::Unlocked)
            .reduce(Action::DraftLoaded(Some(draft(false))));
        assert_eq!(s.draft, Some(draft(false)));
        let s = s.reduce(Action::Lock).reduce(Action::KeyHeld(false));
        assert!(!s.key_held && !s.unlocked);
        assert_eq!(s.screen, Screen::Unlock(AfterUnlock::Home));
    }
}
