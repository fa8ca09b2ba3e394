//! The work behind user actions that touches the browser: storage reads and
//! writes, hashing, randomness. Each function does its work, then dispatches
//! the result to the reducer, so the reducer stays pure and testable.

use trivsel_core::outbox::{FileFormat, Outbox, Scope};
use trivsel_core::passphrase::check_new_passphrase;
use trivsel_core::pin::{check_new_pin, Lockout};
use trivsel_core::{Date, Flow, MeasurementPoint, Participant, ParticipantCode, ResponseRecord};
use wasm_bindgen_futures::spawn_local;
use yew::{Callback, UseReducerHandle};

use crate::i18n::{export_messages, messages};
use crate::services::crypto::{hash_pin, random_bytes, verify_pin};
use crate::services::download;
use crate::services::storage::{self, Draft, Settings, Setup, StorageError, Store};
use crate::state::{instruments, Action, AppState, Data, Page, Screen};

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
        m.storage_error_counsellor(&err)
    } else {
        m.storage_error_youth(&err)
    };
    ctx.dispatch(Action::Busy(false));
    ctx.dispatch(Action::Notice(Some(text)));
}

/// Opens the database and decides the first screen.
pub fn open(ctx: Ctx) {
    spawn_local(async move {
        let opened = async {
            let store = Store::open().await?;
            let setup = store.setup().await?;
            let draft_waiting = store.has_draft().await?;
            Ok::<_, StorageError>((store, setup, draft_waiting))
        };
        match opened.await {
            Ok((store, setup, draft_waiting)) => ctx.dispatch(Action::Opened {
                store,
                setup,
                draft_waiting,
            }),
            Err(err) => ctx.dispatch(Action::OpenFailed(err)),
        }
        storage::request_persistence().await;
    });
}

/// First use: makes the tablet's keys under the passphrase and stores the PIN.
pub fn set_pin(
    ctx: Ctx,
    passphrase: String,
    repeat_passphrase: String,
    pin: String,
    repeat: String,
) {
    let checked = check_new_passphrase(&passphrase, &repeat_passphrase)
        .map_err(|e| e.message(ctx.lang))
        .and_then(|()| check_new_pin(&pin, &repeat).map_err(|e| e.message(ctx.lang)));
    if let Err(message) = checked {
        ctx.dispatch(Action::Notice(Some(message)));
        return;
    }
    let Some(store) = store(&ctx) else { return };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let done = async {
            store.create_keys(&passphrase).await?;
            let hashed = hash_pin(&pin).await.map_err(|e| storage::js_error(&e))?;
            store.set_pin(&hashed).await
        };
        match done.await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::KeyHeld(true));
                ctx.dispatch(Action::PinSet);
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// A tablet with data from before encryption: the passphrase the counsellor
/// chose makes the keys, and every stored value is sealed.
pub fn choose_passphrase(ctx: Ctx, passphrase: String, repeat: String) {
    if let Err(e) = check_new_passphrase(&passphrase, &repeat) {
        ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
        return;
    }
    let Some(store) = store(&ctx) else { return };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let done = async {
            store.create_keys(&passphrase).await?;
            store.migrate().await
        };
        match done.await {
            Ok(_) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::KeyHeld(true));
                ctx.dispatch(Action::Unlocked);
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Seals what an interrupted migration left in clear (export page only).
pub fn finish_migration(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    spawn_local(async move {
        match store.migrate().await {
            Ok(0) => {}
            Ok(_) => load_data(ctx),
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Wrong PINs in a row after which the key is forgotten: only the
/// passphrase unlocks then.
const PIN_TRIES_BEFORE_FORGETTING: u32 = 10;

/// What an unlock attempt came to.
enum Unlocked {
    /// The tablet's key is in memory and the counsellor area opens.
    Open,
    /// A version 1 tablet's PIN was right: a passphrase must be chosen.
    Legacy,
    /// The passphrase after a reload, with a questionnaire in progress: it resumes.
    Resume(Draft, Settings),
    Refused(String),
}

/// The counsellor's secret at the prompt: the PIN while the tablet's key is
/// in memory (and on a tablet not yet migrated), otherwise the passphrase.
/// Both wait longer after each wrong try beyond three.
pub fn unlock(ctx: Ctx, secret: String) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    let (page, setup, key_held) = (ctx.page, ctx.setup, store.key_held());
    spawn_local(async move {
        let m = messages(ctx.lang);
        let result = async {
            let lockout = store.lockout().await?;
            let wait = lockout.wait_seconds(now_ms());
            if wait > 0 {
                return Ok(Unlocked::Refused(m.wait_seconds(wait)));
            }
            let right = if key_held || setup == Setup::Legacy {
                let Some(stored) = store.pin().await? else {
                    return Ok(Unlocked::Refused(m.pin_missing.to_string()));
                };
                verify_pin(&secret, &stored)
                    .await
                    .map_err(|e| storage::js_error(&e))?
            } else {
                store.unlock_with(&secret).await?
            };
            if !right {
                let after = lockout.after_failure(now_ms());
                store.set_lockout(&after).await?;
                let forget = key_held && after.failures >= PIN_TRIES_BEFORE_FORGETTING;
                if forget {
                    store.forget_key();
                }
                let wrong = match (key_held || setup == Setup::Legacy, forget) {
                    (_, true) => m.pin_forgot_key,
                    (true, false) => m.wrong_pin,
                    (false, false) => m.wrong_passphrase,
                };
                let wait = after.wait_seconds(now_ms());
                return Ok(Unlocked::Refused(if wait > 0 {
                    format!("{wrong} {}", m.wait_seconds(wait))
                } else {
                    wrong.to_string()
                }));
            }
            store.set_lockout(&Lockout::default()).await?;
            if setup == Setup::Legacy {
                return Ok(Unlocked::Legacy);
            }
            if !key_held && page == Page::Tablet {
                if let Some(draft) = store.draft().await? {
                    return Ok(Unlocked::Resume(draft, store.settings().await?));
                }
            }
            Ok(Unlocked::Open)
        };
        let outcome = result.await;
        ctx.dispatch(Action::Busy(false));
        ctx.dispatch(Action::KeyHeld(store.key_held()));
        match outcome {
            Ok(Unlocked::Open) => {
                ctx.dispatch(Action::Unlocked);
                load_data(ctx);
            }
            Ok(Unlocked::Legacy) => ctx.dispatch(Action::LegacyUnlocked),
            Ok(Unlocked::Resume(draft, settings)) => {
                ctx.dispatch(Action::SettingsSaved(settings));
                ctx.dispatch(Action::HandedOver(draft));
            }
            Ok(Unlocked::Refused(message)) => ctx.dispatch(Action::Notice(Some(message))),
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Reads everything the counsellor screens show.
pub fn load_data(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
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
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).settings_saved.to_string(),
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
    let mut flow = Flow::new(&instruments());
    if let Some(old) = &correcting {
        flow.answers = old.answers.clone();
    }
    let draft = Draft {
        participant,
        point,
        started: today(),
        supersedes: correcting.map(|r| r.id),
        lang: ctx.lang,
        begun: false,
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
/// is sealed (one AES-GCM encryption with the session's key) and its write
/// issued to IndexedDB as soon as the encryption resolves, within the frame
/// after the tap, and commits a few milliseconds later. Writes are issued in
/// the order of the taps, each with the whole draft (one whose turn has
/// passed is dropped), so the last one shown is the one kept. If a write
/// fails, the screen goes back to the draft as last committed, and the young
/// person is told.
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
    let id = trivsel_core::record::uuid_v4(bytes);
    let record = ResponseRecord {
        id: id.clone(),
        participant: draft.participant,
        point: draft.point,
        date: today(),
        answers: draft.flow.answers,
        instruments: trivsel_core::builtin().refs(),
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

/// Writes the records `scope` takes to a file in `format`, then marks them
/// exported. Nothing is marked unless the file was handed to the browser.
pub fn export(ctx: Ctx, scope: Scope, format: FileFormat) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    let m = messages(ctx.lang);
    let Ok(bytes) = random_bytes::<16>() else {
        return ctx.dispatch(Action::Notice(Some(m.no_randomness.to_string())));
    };
    let export_id = trivsel_core::record::uuid_v4(bytes);
    let built = Outbox::build(
        &ctx.data.records,
        &ctx.data.participants,
        scope,
        export_id,
        today(),
    );
    let outbox = match built {
        Ok(outbox) => outbox,
        Err(e) => return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang)))),
    };
    let name = outbox.file_name(format);
    if let Err(e) = download::save(&name, format.mime(), &outbox.contents(format)) {
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
    let ids: Vec<String> = ctx
        .data
        .records
        .iter()
        .filter(|r| r.exported)
        .map(|r| r.id.clone())
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

// ---- The export page's data tasks: backup, restore, erasure, retention, keys ----

/// Resolves once the screen as it is now has been painted, so a message
/// ("Laver sikkerhedskopi …") shows before work that holds the page.
async fn painted() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        crate::components::frame::after_paint(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Makes a full backup of the tablet (every participant and record, the
/// settings and the erasure notes), encrypts it under `passphrase` with age
/// and offers it as a download; notes the day.
pub fn backup(ctx: Ctx, passphrase: String, repeat: String) {
    let x = export_messages(ctx.lang);
    if let Err(e) = check_new_passphrase(&passphrase, &repeat) {
        return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
    }
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    ctx.dispatch(Action::Notice(Some(x.backup_working.to_string())));
    let (participants, records) = (ctx.data.participants.clone(), ctx.data.records.clone());
    spawn_local(async move {
        let made = async {
            let settings = store.settings_json().await?;
            let erased = store.erasures().await?;
            let n = records.len();
            let doc =
                trivsel_core::backup::Backup::new(today(), participants, records, settings, erased);
            painted().await;
            let file = crate::services::backup_file::seal(doc.to_json().as_bytes(), &passphrase)
                .map_err(StorageError::Failed)?;
            let name = format!("trivsel-sikkerhedskopi-{}.age", today());
            download::save_bytes(&name, "application/octet-stream", &file)
                .map_err(|e| storage::js_error(&e))?;
            store.set_last_backup(today()).await?;
            Ok::<_, StorageError>((n, name))
        };
        match made.await {
            Ok((n, name)) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).backup_made(n, &name),
                )));
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// A backup read and checked, and what restoring it would do.
#[derive(Clone, PartialEq)]
pub struct Restoring {
    pub plan: trivsel_core::backup::RestorePlan,
    pub settings: serde_json::Value,
}

/// Decrypts and checks a backup file, then plans its restore into this
/// tablet; nothing is written until [`restore`]. `done` gets the plan, or
/// the reason the file is refused.
pub fn read_backup(ctx: Ctx, file: web_sys::File, passphrase: String, done: Callback<Restoring>) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    let lang = ctx.lang;
    ctx.dispatch(Action::Busy(true));
    ctx.dispatch(Action::Notice(Some(
        export_messages(lang).restore_working.to_string(),
    )));
    let (participants, records) = (ctx.data.participants.clone(), ctx.data.records.clone());
    spawn_local(async move {
        let x = export_messages(lang);
        let read = async {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map_err(|_| x.restore_unreadable.to_string())?;
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            painted().await;
            use crate::services::backup_file::OpenError;
            let plain =
                crate::services::backup_file::open(&bytes, &passphrase).map_err(|e| match e {
                    OpenError::WrongPassphrase => x.restore_wrong_passphrase.to_string(),
                    OpenError::NotABackup => x.restore_not_backup.to_string(),
                    OpenError::TooCostly => x.restore_too_costly.to_string(),
                    OpenError::Other(detail) => format!("{} {detail}", x.restore_unreadable),
                })?;
            let backup = trivsel_core::backup::parse_backup(&plain, trivsel_core::builtin())
                .map_err(|e| e.message(lang))?;
            let fail_text = |e: StorageError| messages(lang).storage_error_counsellor(&e);
            let erased = store.erasures().await.map_err(fail_text)?;
            let notes = erased.union(&backup.erased);
            let mut erased_codes = std::collections::BTreeSet::new();
            for p in &backup.participants {
                for note in &notes.participants {
                    let salt = trivsel_core::pin::from_hex(&note.salt).unwrap_or_default();
                    if storage::code_hash(&salt, &p.code)
                        .await
                        .map_err(fail_text)?
                        == note.hash
                    {
                        erased_codes.insert(p.code.clone());
                    }
                }
            }
            let plan = trivsel_core::backup::plan_restore(
                &participants,
                &records,
                &erased,
                &backup,
                &erased_codes,
            );
            Ok::<_, String>(Restoring {
                plan,
                settings: backup.settings,
            })
        };
        ctx.dispatch(Action::Busy(false));
        match read.await {
            Ok(restoring) => {
                ctx.dispatch(Action::Notice(None));
                done.emit(restoring);
            }
            Err(message) => ctx.dispatch(Action::Notice(Some(message))),
        }
    });
}

/// Writes what the planned restore adds, in one transaction; conflicts stay
/// as the tablet has them (the screen showed them).
pub fn restore(ctx: Ctx, restoring: Restoring) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let plan = &restoring.plan;
        let done = async {
            store
                .restore(&plan.new_participants, &plan.new_records, &plan.erasures)
                .await?;
            store.adopt_settings(&restoring.settings).await
        };
        match done.await {
            Ok(_) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang)
                        .restored(plan.new_participants.len(), plan.new_records.len()),
                )));
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Erases a participant with every record, after the counsellor confirmed.
pub fn erase_participant(ctx: Ctx, code: ParticipantCode) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.erase_participant(&code).await {
            Ok(n) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).erased(&code, n),
                )));
                load_data(ctx);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Erases the exported records older than the retention period, after the
/// counsellor confirmed.
pub fn erase_past_retention(ctx: Ctx) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    let ids = trivsel_core::backup::past_retention(
        &ctx.data.records,
        today(),
        ctx.settings.retention_months,
    );
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

/// Stores a new retention period (months).
pub fn save_retention(ctx: Ctx, months: u32) {
    let Some(store) = store(&ctx) else { return };
    let settings = Settings {
        retention_months: months,
        ..ctx.settings.clone()
    };
    spawn_local(async move {
        match store.set_settings(&settings).await {
            Ok(()) => {
                ctx.dispatch(Action::Notice(Some(
                    export_messages(ctx.lang).retention_saved(months),
                )));
                ctx.dispatch(Action::SettingsSaved(settings));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Wraps the tablet's key under a new passphrase (the data is not touched),
/// or, with `recovery`, under a new recovery key that `shown` receives once.
pub fn rewrap(ctx: Ctx, current: String, new: Option<(String, String)>, shown: Callback<String>) {
    let x = export_messages(ctx.lang);
    let (secret, kind) = match new {
        Some((new, repeat)) => {
            if let Err(e) = check_new_passphrase(&new, &repeat) {
                return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
            }
            (new, storage::WrapKind::Passphrase)
        }
        None => match random_bytes::<16>() {
            Ok(bytes) => (
                trivsel_core::passphrase::recovery_key(bytes),
                storage::WrapKind::Recovery,
            ),
            Err(_) => {
                return ctx.dispatch(Action::Notice(Some(
                    messages(ctx.lang).no_randomness.to_string(),
                )))
            }
        },
    };
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        match store.rewrap(&current, &secret, kind).await {
            Ok(true) => {
                ctx.dispatch(Action::Busy(false));
                match kind {
                    storage::WrapKind::Passphrase => {
                        ctx.dispatch(Action::Notice(Some(x.passphrase_changed.to_string())))
                    }
                    storage::WrapKind::Recovery => {
                        ctx.dispatch(Action::Notice(None));
                        shown.emit(secret);
                    }
                }
            }
            Ok(false) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(
                    messages(ctx.lang).wrong_passphrase.to_string(),
                )));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}
