//! The counsellor's lock on the tablet's first page, which holds the key:
//! setting up a fresh tablet (passphrase and PIN), choosing the passphrase
//! of a tablet with data from before encryption and sealing that data, and
//! the prompt (the passphrase after a reload, the PIN while the key is held,
//! with the growing wait; ten wrong PINs in a row forget the key).

use trivsel_core::passphrase::check_new_passphrase;
use trivsel_core::pin::{check_new_pin, Lockout};
use wasm_bindgen_futures::spawn_local;

use super::{fail, load_unless_first_page, now_ms, store, Ctx};
use crate::i18n::messages;
use crate::services::crypto::{hash_pin, verify_pin};
use crate::services::storage::{self, Draft, Settings, Setup, StorageError, Store};
use crate::state::{Action, Page};

/// Wrong PINs in a row after which the key is forgotten: only the
/// passphrase unlocks then.
const PIN_TRIES_BEFORE_FORGETTING: u32 = 10;

/// First use: makes the tablet's keys under the passphrase and stores the
/// PIN; the key stays held, so the counsellor's screens open at once.
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
        return ctx.dispatch(Action::Notice(Some(message)));
    }
    let Some(store) = store(&ctx) else { return };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let done = async {
            let hashed = hash_pin(&pin).await.map_err(|e| storage::js_error(&e))?;
            store.create_keys(&passphrase).await?;
            store.set_pin(&hashed).await
        };
        match done.await {
            Ok(()) => {
                ctx.dispatch(Action::Busy(false));
                ctx.dispatch(Action::KeyHeld(true));
                ctx.dispatch(Action::PinSet);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// A tablet with data from before encryption, its PIN just right: the
/// passphrase the counsellor chose makes the keys, and every stored value
/// is sealed. A questionnaire in progress then resumes.
pub fn choose_passphrase(ctx: Ctx, passphrase: String, repeat: String) {
    if let Err(e) = check_new_passphrase(&passphrase, &repeat) {
        return ctx.dispatch(Action::Notice(Some(e.message(ctx.lang))));
    }
    let Some(store) = store(&ctx) else { return };
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let done = async {
            store.create_keys(&passphrase).await?;
            // `opened` seals every stored value first.
            opened(&store, Page::Tablet).await
        };
        let outcome = done.await;
        ctx.dispatch(Action::KeyHeld(store.key_held()));
        match outcome {
            Ok(outcome) => {
                ctx.dispatch(Action::Busy(false));
                show(ctx, outcome);
            }
            Err(e) => fail(&ctx, e),
        }
    });
}

/// What an unlock attempt came to.
enum Unlocked {
    /// The tablet's key is in memory and the counsellor area opens.
    Open,
    /// An older tablet's PIN was right: a passphrase must be chosen.
    Legacy,
    /// The passphrase after a reload, with a questionnaire in progress: it resumes.
    Resume(Box<(Draft, Settings)>),
    Refused(String),
}

/// What the first page shows once the key was unwrapped: the questionnaire
/// in progress resumes; otherwise the counsellor's screens open. What an
/// interrupted migration left in clear is sealed first.
async fn opened(store: &Store, page: Page) -> Result<Unlocked, StorageError> {
    if page != Page::Tablet {
        return Ok(Unlocked::Open);
    }
    store.migrate().await?;
    Ok(match store.draft().await? {
        Some(draft) => Unlocked::Resume(Box::new((draft, store.settings().await?))),
        None => Unlocked::Open,
    })
}

fn show(ctx: Ctx, outcome: Unlocked) {
    match outcome {
        Unlocked::Open => {
            ctx.dispatch(Action::Unlocked);
            load_unless_first_page(ctx);
        }
        Unlocked::Legacy => ctx.dispatch(Action::LegacyUnlocked),
        Unlocked::Resume(resumed) => {
            let (draft, settings) = *resumed;
            ctx.dispatch(Action::SettingsSaved(settings));
            ctx.dispatch(Action::HandedOver(draft));
        }
        Unlocked::Refused(message) => ctx.dispatch(Action::Notice(Some(message))),
    }
}

/// The counsellor's secret at the prompt: the PIN while the tablet's key is
/// in memory (and on a tablet not yet sealed), otherwise the passphrase.
/// Both wait longer after each wrong try beyond three.
pub fn unlock(ctx: Ctx, secret: String) {
    let Some(store) = store(&ctx) else { return };
    if ctx.busy {
        return;
    }
    ctx.dispatch(Action::Busy(true));
    spawn_local(async move {
        let outcome = try_unlock(&ctx, &store, &secret).await;
        ctx.dispatch(Action::Busy(false));
        ctx.dispatch(Action::KeyHeld(store.key_held()));
        match outcome {
            Ok(outcome) => show(ctx, outcome),
            Err(e) => fail(&ctx, e),
        }
    });
}

async fn try_unlock(ctx: &Ctx, store: &Store, secret: &str) -> Result<Unlocked, StorageError> {
    let m = messages(ctx.lang);
    let (setup, key_held) = (ctx.setup, store.key_held());
    let by_pin = setup.unlocks_by_pin(key_held);
    let lockout = store.lockout().await?;
    let wait = lockout.wait_seconds(now_ms());
    if wait > 0 {
        return Ok(Unlocked::Refused(m.wait_seconds(wait)));
    }
    let right = if by_pin {
        let Some(stored) = store.pin().await? else {
            return Ok(Unlocked::Refused(m.pin_missing.to_string()));
        };
        verify_pin(secret, &stored)
            .await
            .map_err(|e| storage::js_error(&e))?
    } else {
        store.unlock_with(secret).await?
    };
    if !right {
        let after = lockout.after_failure(now_ms());
        store.set_lockout(&after).await?;
        let forget = key_held && after.failures >= PIN_TRIES_BEFORE_FORGETTING;
        if forget {
            store.forget_key();
        }
        let wrong = match (by_pin, forget) {
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
    if key_held {
        return Ok(Unlocked::Open);
    }
    opened(store, ctx.page).await
}
