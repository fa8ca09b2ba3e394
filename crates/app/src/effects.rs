//! The work behind user actions that touches the browser: storage reads and
//! writes, hashing, randomness. Each function does its work, then dispatches
//! the result to the reducer, so the reducer stays pure and testable.

use trivsel_core::outbox::{FileFormat, Outbox, Scope};
use trivsel_core::pin::{check_new_pin, Lockout};
use trivsel_core::sealed::Recipient;
use trivsel_core::{
    parse_programme, Date, Flow, Instrument, MeasurementPoint, Participant, ParticipantCode,
    ResponseRecord, Uuid,
};
use wasm_bindgen_futures::spawn_local;
use yew::UseReducerHandle;

use crate::i18n::{export_messages, messages};
use crate::services::crypto::{hash_pin, random_bytes, verify_pin};
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

/// Opens the database and decides the first screen.
pub fn open(ctx: Ctx) {
    spawn_local(async move {
        let opened = async {
            let store = Store::open().await?;
            let has_pin = store.pin().await?.is_some();
            let draft = store.draft().await?;
            let settings = store.settings().await?;
            let programmes = store.programmes().await?;
            Ok::<_, StorageError>((store, has_pin, draft, settings, programmes))
        };
        match opened.await {
            Ok((store, has_pin, draft, settings, programmes)) => {
                // The catalogue first: a questionnaire in progress may ask a
                // programme's instruments.
                ctx.dispatch(Action::Programmes(programmes));
                let store_for_data = store.clone();
                ctx.dispatch(Action::Opened {
                    store,
                    has_pin,
                    draft,
                    settings,
                });
                // The counsellor's screens open unlocked: their data at once.
                if ctx.page == Page::Counsellor {
                    read_data(ctx.clone(), store_for_data);
                }
            }
            Err(err) => ctx.dispatch(Action::OpenFailed(err)),
        }
        storage::request_persistence().await;
    });
}

pub fn set_pin(ctx: Ctx, pin: String, repeat: String) {
    if let Err(e) = check_new_pin(&pin, &repeat) {
        ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
        return;
    }
    let Some(store) = store(&ctx) else { return };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let hashed = match hash_pin(&pin).await {
            Ok(h) => h,
            Err(e) => return fail(&ctx, storage::js_error(&e)),
        };
        match store.set_pin(&hashed).await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::PinSet);
                load_unless_first_page(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

pub fn unlock(ctx: Ctx, pin: String) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let m = messages(ctx.lang);
        let result = async {
            let lockout = store.lockout().await?;
            let wait = lockout.wait_seconds(now_ms());
            if wait > 0 {
                return Ok(Err(m.wait_seconds(wait)));
            }
            let Some(stored) = store.pin().await? else {
                return Ok(Err(m.pin_missing.to_string()));
            };
            let right = verify_pin(&pin, &stored)
                .await
                .map_err(|e| storage::js_error(&e))?;
            if right {
                store.set_lockout(&Lockout::default()).await?;
                Ok(Ok(()))
            } else {
                let after = lockout.after_failure(now_ms());
                store.set_lockout(&after).await?;
                let wait = after.wait_seconds(now_ms());
                Ok(Err(if wait > 0 {
                    format!("{} {}", m.wrong_pin, m.wait_seconds(wait))
                } else {
                    m.wrong_pin.to_string()
                }))
            }
        };
        match result.await {
            Ok(Ok(())) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Unlocked);
                load_unless_first_page(ctx);
            }
            Ok(Err(message)) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(message)));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// After the PIN: the data, unless this is the tablet's first page, whose
/// counsellor's screens (a bundle of their own) read it themselves.
fn load_unless_first_page(ctx: Ctx) {
    if ctx.page != Page::Tablet {
        load_data(ctx);
    }
}

/// Reads everything the counsellor screens show.
pub fn load_data(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    read_data(ctx, store);
}

/// The questionnaire the counsellor's screens just handed over, read back
/// from storage and shown to the young person.
pub fn resume(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    spawn_local(async move {
        match store.draft().await {
            Ok(Some(draft)) => ctx.dispatch(Action::HandedOver(draft)),
            Ok(None) => ctx.dispatch(Action::Lock),
            Err(e) => fail(&ctx, e),
        }
    });
}

fn read_data(ctx: Ctx, store: Store) {
    spawn_local(async move {
        let loaded = async {
            let (participants, bad_p) = store.participants().await?;
            let (records, bad_r) = store.records().await?;
            Ok::<_, StorageError>(Data {
                participants,
                records,
                unreadable: bad_p + bad_r,
                usage: storage::usage().await,
            })
        };
        match loaded.await {
            Ok(data) => ctx.dispatch(Action::DataLoaded(data)),
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

/// Changes the draft with `change`, starts storing it, and shows it at once.
///
/// The write is issued to IndexedDB before the change is shown, and commits a
/// few milliseconds later, so the next question is painted in the first frame
/// after the tap instead of after the commit. Writes commit in the order they
/// were begun, each with the whole draft, so the last one shown is the one
/// kept. If a write cannot even start, nothing changes on screen; if it fails
/// later, the screen goes back to the draft as last committed, and either way
/// the young person is told.
pub fn update_draft(ctx: Ctx, change: impl FnOnce(&mut Draft) -> bool + 'static) {
    let (Some(store), Some(mut draft)) = (store(&ctx), ctx.draft.clone()) else {
        return;
    };
    if !change(&mut draft) {
        return;
    }
    draft.lang = ctx.lang;
    let committed = match store.begin_save_draft(&draft) {
        Ok(committed) => committed,
        Err(e) => return fail(&ctx, e),
    };
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
