//! The export page's care of the tablet's data: a backup encrypted with age,
//! a restore that shows its plan first, erasing a participant or the
//! exported records past the retention period, the retention period itself,
//! and the keys (a new passphrase or recovery key rewraps the tablet's key;
//! the data is not touched). Only the export page calls these, so age's
//! code is in that page's bundle alone.

use std::collections::BTreeSet;

use trivsel_core::backup::{past_retention, plan_restore, Backup, RestorePlan};
use trivsel_core::passphrase::{check_new_passphrase, recovery_key};
use trivsel_core::{Lang, ParticipantCode};
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

use super::{fail, load_data, store, today, Ctx};
use crate::i18n::{export_messages, messages};
use crate::services::crypto::random_bytes;
use crate::services::storage::{self, ProgrammeFile, StorageError, Store, WrapKind};
use crate::state::Action;
use trivsel_core::backup::file::{self as backup_file, OpenError};

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

/// Starts a task on the page's data: refused while another runs, marked
/// busy until it ends.
fn begin(ctx: &Ctx) -> Option<Store> {
    let store = store(ctx)?;
    if ctx.busy {
        return None;
    }
    ctx.dispatch(Action::Busy(true));
    Some(store)
}

/// The end of a task: the counsellor is told `message` and sees the data anew.
fn done(ctx: Ctx, message: String) {
    ctx.dispatch(Action::Busy(false));
    ctx.dispatch(Action::Notice(Some(message)));
    load_data(ctx);
}

/// Makes a full backup of the tablet (every participant and record, the
/// settings, the erasure notes and the programme files), encrypts it under
/// `passphrase` with age and offers it as a download; notes the day.
pub fn backup(ctx: Ctx, passphrase: String, repeat: String) {
    if let Err(e) = check_new_passphrase(&passphrase, &repeat) {
        return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
    }
    let Some(store) = begin(&ctx) else { return };
    let x = export_messages(ctx.lang);
    ctx.dispatch(Action::Notice(Some(x.backup_working.to_string())));
    let (participants, records) = (ctx.data.participants.clone(), ctx.data.records.clone());
    let programmes = ctx.programmes.iter().map(|p| p.text.clone()).collect();
    spawn_local(async move {
        let made = async {
            let settings = store.settings_json().await?;
            let erased = store.erasures().await?;
            let n = records.len();
            let doc = Backup::new(today(), participants, records, settings, erased, programmes);
            painted().await;
            let file = backup_file::seal(doc.to_json().as_bytes(), &passphrase)
                .map_err(StorageError::Failed)?;
            let name = format!("trivsel-sikkerhedskopi-{}.age", today());
            trivsel_web::save_bytes(&name, "application/octet-stream", &file)
                .map_err(|e| storage::js_error(&e))?;
            store.set_last_backup(today()).await?;
            Ok::<_, StorageError>((n, name))
        };
        match made.await {
            Ok((n, name)) => done(ctx, x.backup_made(n, &name)),
            Err(e) => fail(&ctx, e),
        }
    });
}

/// A backup read and checked, and what restoring it would do.
#[derive(Clone, PartialEq)]
pub struct Restoring {
    pub plan: RestorePlan,
    pub settings: serde_json::Value,
    /// The backup's programme files this tablet does not have.
    pub programmes: Vec<String>,
}

/// Why a backup file cannot be opened, for the counsellor.
fn open_error(lang: Lang, e: OpenError) -> String {
    let x = export_messages(lang);
    match e {
        OpenError::WrongPassphrase => x.restore_wrong_passphrase.to_string(),
        OpenError::NotABackup => x.restore_not_backup.to_string(),
        OpenError::TooCostly => x.restore_too_costly.to_string(),
        OpenError::Other(detail) => format!("{} {detail}", x.restore_unreadable),
    }
}

/// Decrypts and checks a backup file, then plans its restore into this
/// tablet; nothing is written until [`restore`]. `done` gets the plan, or
/// the reason the file is refused.
pub fn read_backup(ctx: Ctx, file: web_sys::File, passphrase: String, done: Callback<Restoring>) {
    let Some(store) = begin(&ctx) else { return };
    let lang = ctx.lang;
    let x = export_messages(lang);
    ctx.dispatch(Action::Notice(Some(x.restore_working.to_string())));
    let (participants, records) = (ctx.data.participants.clone(), ctx.data.records.clone());
    let (catalogue, have) = (ctx.catalogue.clone(), ctx.programmes.clone());
    spawn_local(async move {
        let read = async {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .map_err(|_| x.restore_unreadable.to_string())?;
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            painted().await;
            let plain = backup_file::open(&bytes, &passphrase).map_err(|e| open_error(lang, e))?;
            let backup = trivsel_core::backup::parse_backup(&plain, &catalogue)
                .map_err(|e| e.message(lang))?;
            let fail_text = |e: StorageError| e.message(lang);
            let erased = store.erasures().await.map_err(fail_text)?;
            let codes = erased_codes(&erased.union(&backup.erased), &backup)
                .await
                .map_err(fail_text)?;
            let plan = plan_restore(&participants, &records, &erased, &backup, &codes);
            let programmes = backup
                .programmes
                .iter()
                .filter(|t| !have.iter().any(|p| p.text == **t))
                .cloned()
                .collect();
            Ok::<_, String>(Restoring {
                plan,
                settings: backup.settings,
                programmes,
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

/// The codes of the backup's participants that an erasure note names.
async fn erased_codes(
    notes: &trivsel_core::backup::Erasures,
    backup: &Backup,
) -> Result<BTreeSet<ParticipantCode>, StorageError> {
    let mut codes = BTreeSet::new();
    for p in &backup.participants {
        for note in &notes.participants {
            let salt = trivsel_core::pin::from_hex(&note.salt).unwrap_or_default();
            if storage::code_hash(&salt, &p.code).await? == note.hash {
                codes.insert(p.code.clone());
            }
        }
    }
    Ok(codes)
}

/// Writes what the planned restore adds, in one transaction, then the
/// backup's settings (if the tablet has none) and its programme files;
/// conflicts stay as the tablet has them (the screen showed them).
pub fn restore(ctx: Ctx, restoring: Restoring) {
    let Some(store) = begin(&ctx) else { return };
    let mut programmes: Vec<ProgrammeFile> = ctx.programmes.iter().cloned().collect();
    for text in &restoring.programmes {
        if let Ok(programme) = serde_json::from_str(text) {
            programmes.push(ProgrammeFile {
                text: text.clone(),
                programme,
            });
        }
    }
    spawn_local(async move {
        let plan = &restoring.plan;
        let written = async {
            let (p, r) = (&plan.new_participants, &plan.new_records);
            store.restore(p, r, &plan.erasures).await?;
            store.adopt_settings(&restoring.settings).await?;
            if !restoring.programmes.is_empty() {
                store.set_programmes(&programmes).await?;
            }
            Ok::<_, StorageError>(())
        };
        match written.await {
            Ok(()) => {
                ctx.dispatch(Action::Programmes(programmes));
                let x = export_messages(ctx.lang);
                let text = x.restored(plan.new_participants.len(), plan.new_records.len());
                done(ctx, text);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Erases a participant with every record, after the counsellor confirmed.
pub fn erase_participant(ctx: Ctx, code: ParticipantCode) {
    let Some(store) = begin(&ctx) else { return };
    spawn_local(async move {
        match store.erase_participant(&code).await {
            Ok(n) => done(ctx.clone(), export_messages(ctx.lang).erased(&code, n)),
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Erases the exported records older than the retention period, after the
/// counsellor confirmed.
pub fn erase_past_retention(ctx: Ctx) {
    let ids = past_retention(&ctx.data.records, today(), ctx.settings.retention());
    let Some(store) = begin(&ctx) else { return };
    spawn_local(async move {
        match store.delete_records(&ids).await {
            Ok(()) => done(ctx.clone(), export_messages(ctx.lang).deleted(ids.len())),
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Stores a new retention period (months).
pub fn save_retention(ctx: Ctx, months: u32) {
    let Some(store) = store(&ctx) else { return };
    let mut settings = ctx.settings.clone();
    settings.retention_months = Some(months);
    spawn_local(async move {
        match store.set_settings(&settings).await {
            Ok(()) => {
                let x = export_messages(ctx.lang);
                ctx.dispatch(Action::Notice(Some(x.retention_saved(months))));
                ctx.dispatch(Action::SettingsSaved(settings));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// Wraps the tablet's key under a new passphrase (the data is not touched),
/// or, with no `new`, under a new recovery key that `shown` receives once.
pub fn rewrap(ctx: Ctx, current: String, new: Option<(String, String)>, shown: Callback<String>) {
    let (secret, kind) = match new {
        Some((new, repeat)) => {
            if let Err(e) = check_new_passphrase(&new, &repeat) {
                return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
            }
            (new, WrapKind::Passphrase)
        }
        None => match random_bytes::<16>() {
            Ok(bytes) => (recovery_key(bytes), WrapKind::Recovery),
            Err(_) => {
                let m = messages(ctx.lang);
                return ctx.dispatch(Action::Notice(Some(m.no_randomness.to_string())));
            }
        },
    };
    let Some(store) = begin(&ctx) else { return };
    spawn_local(async move {
        let rewrapped = store.rewrap(&current, &secret, kind).await;
        let (m, x) = (messages(ctx.lang), export_messages(ctx.lang));
        match rewrapped {
            Ok(true) => {
                ctx.dispatch(Action::Busy(false));
                match kind {
                    WrapKind::Passphrase => {
                        ctx.dispatch(Action::Notice(Some(x.passphrase_changed.to_string())))
                    }
                    WrapKind::Recovery => {
                        ctx.dispatch(Action::Notice(None));
                        shown.emit(secret);
                    }
                }
            }
            Ok(false) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::Notice(Some(m.wrong_passphrase.to_string())));
            }
            Err(e) => fail(&ctx, e),
        }
    });
}
