//! The work behind user actions that touches the browser: storage reads and
//! writes, hashing, randomness. Each function does its work, then dispatches
//! the result to the reducer, so the reducer stays pure and testable.
//! Setting up, unlocking and sealing an older tablet's data are `lock`; the
//! export page's care of the data (backup, restore, erasure, retention,
//! keys) is `care`.

pub mod care;
mod lock;

pub use lock::{choose_passphrase, set_pin, unlock};

use std::cell::Cell;
use trivsel_core::outbox::{FileFormat, Outbox, Scope};
use trivsel_core::sealed::Recipient;
use trivsel_core::{
    parse_programme, Date, Flow, Instrument, MeasurementPoint, Participant, ParticipantCode,
    ResponseRecord, Uuid,
};

use wasm_bindgen_futures::spawn_local;
use yew::UseReducerHandle;

use crate::i18n::{export_messages, messages};
use crate::services::counsellor;
use crate::services::crypto::random_bytes;
use crate::services::storage::{self, Draft, ProgrammeFile, Settings, StorageError, Store};
use crate::state::{Action, AppState, Data, Page, Screen};

pub type Ctx = UseReducerHandle<AppState>;

/// Today's date on the tablet's clock (only the date is ever kept).
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| Date::new(1970, 1, 1).expect("valid date"))
}

fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

fn store(ctx: &Ctx) -> Option<Store> {
    ctx.store.clone()
}

fn fail(ctx: &Ctx, err: StorageError) {
    let m = messages(ctx.lang);
    let text = if ctx.unlocked {
        err.message(ctx.lang)
    } else {
        m.storage_error_youth.to_string()
    };
    ctx.dispatch(Action::Busy(false));
    ctx.dispatch(Action::Notice(Some(text)));
}

/// Opens the database and decides the first screen. The counsellor's
/// screens take over the keys the first page handed them and read their data.
pub fn open(ctx: Ctx) {
    spawn_local(async move {
        let opened = async {
            let store = Store::open().await?;
            let setup = store.setup().await?;
            let draft_waiting = store.has_draft().await?;
            let programmes = store.programmes().await?;
            Ok::<_, StorageError>((store, setup, draft_waiting, programmes))
        };
        match opened.await {
            Ok((store, setup, draft_waiting, programmes)) => {
                // The catalogue first: a questionnaire in progress may ask a
                // programme's instruments.
                ctx.dispatch(Action::Programmes(programmes));
                let handed = (ctx.page == Page::Counsellor)
                    .then(counsellor::handed_keys)
                    .flatten();
                let held = handed.is_some_and(|keys| store.adopt_keys(&keys));
                ctx.dispatch(Action::Opened {
                    store: store.clone(),
                    setup,
                    draft_waiting,
                });
                ctx.dispatch(Action::KeyHeld(held));
                // The counsellor's screens open unlocked: their data at once.
                if ctx.page == Page::Counsellor {
                    load_with(ctx.clone(), store);
                }
            }
            Err(err) => ctx.dispatch(Action::OpenFailed(err)),
        }
        storage::request_persistence().await;
    });
}

/// A page's way of reading the counsellor's data from storage.
type Loader = fn(Ctx, Store);

thread_local! {
    /// How this page reads the counsellor's data: set by the roots of the
    /// counsellor's screens and the export page ([`reads_data`]), never by
    /// the tablet's first page, whose bundle so carries none of that
    /// reading (every record's and participant's deserialiser).
    static LOADER: Cell<Option<Loader>> = const { Cell::new(None) };
}

/// Called once by a page that shows the counsellor's data: after an
/// unlock (or at once, for the counsellor's screens) it reads it.
pub fn reads_data() {
    LOADER.set(Some(read_data));
}

/// Reads the counsellor's data from `store`, on a page that shows it.
fn load_with(ctx: Ctx, store: Store) {
    if let Some(load) = LOADER.get() {
        load(ctx, store);
    }
}

/// After the PIN: the data, unless this is the tablet's first page, whose
/// counsellor's screens (a bundle of their own) read it themselves.
fn load_unless_first_page(ctx: Ctx) {
    if let Some(store) = store(&ctx) {
        load_with(ctx, store);
    }
}

/// Reads everything the counsellor screens show.
pub fn load_data(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    read_data(ctx, store);
}

/// The questionnaire the counsellor's screens just handed over, read back
/// from storage (with the settings they may have changed) and shown to the
/// young person.
pub fn resume(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    spawn_local(async move {
        let read = async { Ok::<_, StorageError>((store.draft().await?, store.settings().await?)) };
        match read.await {
            Ok((Some(draft), settings)) => {
                ctx.dispatch(Action::SettingsSaved(settings));
                ctx.dispatch(Action::HandedOver(draft));
            }
            Ok((None, _)) => ctx.dispatch(Action::Lock),
            Err(e) => fail(&ctx, e),
        }
    });
}

fn read_data(ctx: Ctx, store: Store) {
    spawn_local(async move {
        let loaded = async {
            let (participants, bad_p) = store.participants().await?;
            let (records, bad_r) = store.records().await?;
            let settings = store.settings().await?;
            let draft = store.draft().await?;
            let data = Data {
                participants,
                records,
                unreadable: bad_p + bad_r,
                usage: storage::usage().await,
                last_backup: store.last_backup().await?,
            };
            Ok::<_, StorageError>((data, settings, draft))
        };
        match loaded.await {
            Ok((data, settings, draft)) => {
                ctx.dispatch(Action::SettingsSaved(settings));
                ctx.dispatch(Action::DraftLoaded(draft));
                ctx.dispatch(Action::DataLoaded(data));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// A fresh, unused participant code.
pub fn new_code(ctx: &Ctx) -> Option<ParticipantCode> {
    for _ in 0..32 {
        let code = ParticipantCode::from_random(random_bytes::<4>().ok()?);
        if !ctx.data.participants.iter().any(|p| p.code == code) {
            return Some(code);
        }
    }
    None
}

pub fn add_participant(ctx: Ctx, participant: Participant) {
    let Some(store) = store(&ctx) else { return };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.add_participant(&participant).await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Go(Screen::Participant(participant.code.clone())));
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

pub fn save_settings(ctx: Ctx, settings: Settings) {
    let Some(store) = store(&ctx) else { return };
    spawn_local(async move {
        match store.set_settings(&settings).await {
            Ok(()) => {
                ctx.dispatch(Action::SettingsSaved(settings));
                ctx.dispatch(Action::Go(Screen::Home));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Checks a programme file the counsellor opened and, if it is good, stores
/// it beside the others so its instruments and batteries can be chosen. An
/// older version of the same programme is kept: records answered on its
/// instruments must still be scored; its batteries give way to the newer
/// versions'. A bad file changes nothing and the counsellor is told why.
pub fn import_programme(ctx: Ctx, bytes: Vec<u8>) {
    let Some(store) = store(&ctx) else { return };
    let programme = match parse_programme(&bytes, &ctx.catalogue) {
        Ok(p) => p,
        Err(e) => return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang)))),
    };
    // Checked above, so the bytes are UTF-8 text.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut programmes: Vec<_> = ctx.programmes.iter().cloned().collect();
    let (id, version) = (&programme.programme.id, programme.programme.version);
    programmes
        .retain(|p| !(p.programme.programme.id == *id && p.programme.programme.version == version));
    let name = programme.programme.name.get(ctx.lang).to_string();
    programmes.push(ProgrammeFile { text, programme });
    spawn_local(async move {
        match store.set_programmes(&programmes).await {
            Ok(()) => {
                ctx.dispatch(Action::Programmes(programmes));
                ctx.dispatch(Action::Notice(Some(
                    messages(ctx.lang).programme_imported(&name),
                )));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Starts a questionnaire for `participant` at `point` and hands the tablet
/// over: the counsellor area locks. A correction starts from the answers of
/// the record it supersedes.
pub fn hand_over(
    ctx: Ctx,
    participant: ParticipantCode,
    point: MeasurementPoint,
    correcting: Option<ResponseRecord>,
) {
    let Some(store) = store(&ctx) else { return };
    // A correction asks again exactly what the corrected record asked; a new
    // measurement asks what the programme's battery asks at this point.
    let asked = match &correcting {
        Some(old) => old.instruments.clone(),
        None => ctx
            .settings
            .battery(&ctx.catalogue)
            .instruments_at(point)
            .to_vec(),
    };
    let instruments: Vec<&Instrument> = asked
        .iter()
        .filter_map(|r| ctx.catalogue.instrument(r))
        .collect();
    let mut flow = Flow::new(&instruments);
    if let Some(old) = &correcting {
        flow.answers = old.answers.clone();
        flow.declined = old.declined.clone();
    }
    let draft = Draft {
        participant,
        point,
        started: today(),
        supersedes: correcting.map(|r| r.id),
        lang: ctx.lang,
        begun: false,
        instruments: asked,
        flow,
    };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.save_draft(&draft).await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::HandedOver(draft));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Throws away the questionnaire in progress, after the counsellor confirms.
pub fn discard_draft(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    let m = messages(ctx.lang);
    let confirmed = web_sys::window()
        .and_then(|w| w.confirm_with_message(m.discard_confirm).ok())
        .unwrap_or(false);
    if !confirmed {
        return;
    }
    spawn_local(async move {
        match store.discard_draft().await {
            Ok(()) => ctx.dispatch(Action::DraftDiscarded),
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Changes the draft with `change`, shows it at once, and stores it sealed.
///
/// The draft takes its place in the order of writes before it is shown; it
/// is sealed (one AES-GCM encryption with the page's sealing key, which
/// needs only the tablet's public key) and its write issued to IndexedDB as
/// soon as the encryption resolves, within the frame after the tap, and
/// commits a few milliseconds later. Writes are issued in the order of the
/// taps, each with the whole draft (one whose turn has passed is dropped),
/// so the last one shown is the one kept. If a write fails, the screen goes
/// back to the draft as last committed, and the young person is told.
pub fn update_draft(ctx: Ctx, change: impl FnOnce(&mut Draft) -> bool + 'static) {
    let (Some(store), Some(mut draft)) = (store(&ctx), ctx.draft.clone()) else {
        return;
    };
    if !change(&mut draft) {
        return;
    }
    draft.lang = ctx.lang;
    let committed = store.queue_draft(&draft);
    ctx.dispatch(Action::DraftShown(draft));
    spawn_local(async move {
        if let Err(e) = committed.await {
            if let Some(stored) = store.committed_draft() {
                ctx.dispatch(Action::DraftShown(stored));
            }
            fail(&ctx, e);
        }
    });
}

/// Stores the completed response as an immutable record and ends the draft.
pub fn submit(ctx: Ctx) {
    let (Some(store), Some(draft)) = (store(&ctx), ctx.draft.clone()) else {
        return;
    };
    if ctx.busy || !draft.flow.is_complete() {
        return;
    }
    let Ok(bytes) = random_bytes::<16>() else {
        return fail(&ctx, StorageError::Failed("no randomness".into()));
    };
    let id = Uuid::from_random(bytes);
    let record = ResponseRecord {
        id,
        participant: draft.participant.clone(),
        point: draft.point,
        date: today(),
        instruments: draft.asked(),
        answers: draft.flow.answers,
        declined: draft.flow.declined,
        supersedes: draft.supersedes,
        exported: false,
    };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.complete(&record).await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Submitted(id));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Writes the records `scope` takes to a file in `format`, sealed to the
/// evaluator's public key `to` (an age file, `….age`) or, where the
/// counsellor chose it, warned, plain (`None`); then marks them exported.
/// Nothing is marked unless the file was handed to the browser.
pub fn export(ctx: Ctx, scope: Scope, format: FileFormat, to: Option<Recipient>) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    let m = messages(ctx.lang);
    let Ok(bytes) = random_bytes::<16>() else {
        return ctx.dispatch(Action::Notice(Some(m.no_randomness.to_string())));
    };
    let export_id = Uuid::from_random(bytes);
    let built = Outbox::build(
        &ctx.data.records,
        &ctx.data.participants,
        &ctx.catalogue,
        scope,
        export_id,
        today(),
    );
    let outbox = match built {
        Ok(outbox) => outbox,
        Err(e) => return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang)))),
    };
    let (name, saved) = match &to {
        None => {
            let name = outbox.file_name(format);
            let saved = trivsel_web::save(&name, format.mime(), &outbox.contents(format));
            (name, saved)
        }
        Some(to) => match outbox.sealed(format, to) {
            Ok((name, bytes)) => {
                let saved = trivsel_web::save_bytes(&name, "application/octet-stream", &bytes);
                (name, saved)
            }
            Err(e) => return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang)))),
        },
    };
    if let Err(e) = saved {
        return fail(&ctx, storage::js_error(&e));
    }
    let records = ctx.data.records.clone();
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.mark_exported(&records, &outbox.ids).await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).exported(outbox.ids.len(), &name),
                )));
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Deletes every exported record from the tablet. The screen asks first.
pub fn delete_exported(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    let ids: Vec<Uuid> = ctx
        .data
        .records
        .iter()
        .filter(|r| r.exported)
        .map(|r| r.id)
        .collect();
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.delete_records(&ids).await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).deleted(ids.len()),
                )));
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}
