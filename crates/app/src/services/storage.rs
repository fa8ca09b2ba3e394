//! The tablet's IndexedDB database: the only place responses live.
//!
//! Values are the core types' JSON, so what is stored is exactly what core
//! validates and exports. Every value that describes a person (participants,
//! records, the draft, the settings, the PIN's hash, the erasure notes) is
//! stored only sealed (see [`crate::services::crypto`]): this module seals and
//! opens any serde value by its store and key, so the types stored can change
//! without touching how they are stored. Keys are random: participants are
//! keyed by a random id, records by their random UUID; no personal value is
//! ever an IndexedDB key or index. In clear stay only what describes no
//! person: the tablet's public key and wrapped private key, the PIN lockout
//! and the day of the last backup.
//!
//! Schema changes go through [`upgrade`], one arm per version, so an old
//! database is always carried forward; the values of a version 1 database are
//! sealed by [`Store::migrate`] on the first unlock, store by store.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::future::{Future, IntoFuture};
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use trivsel_core::backup::Erasures;
use trivsel_core::pin::{from_hex, to_hex, Lockout, PinHash, PBKDF2_ITERATIONS};
use trivsel_core::{
    Date, Flow, Lang, MeasurementPoint, Participant, ParticipantCode, ReliableChange,
    ResponseRecord,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use crate::services::crypto::{self, Sealer};

const DB_NAME: &str = "trivsel";
/// Version 1: stores `meta` (PIN, lockout, settings, the draft), `participants`
/// (keyed by code) and `responses` (completed records, keyed by id), values
/// as JSON text.
/// Version 2: the same stores; values that describe a person are sealed bytes,
/// participants are keyed by a random id. Raised so that an older app, which
/// would take sealed values for damaged ones, cannot open the database.
const DB_VERSION: u32 = 2;

const META: &str = "meta";
const PARTICIPANTS: &str = "participants";
const RESPONSES: &str = "responses";

const KEY_PIN: &str = "pin";
const KEY_LOCKOUT: &str = "lockout";
const KEY_SETTINGS: &str = "settings";
const KEY_DRAFT: &str = "draft";
const KEY_KEYS: &str = "keys";
const KEY_BACKUP: &str = "backup";
const KEY_ERASED: &str = "erased";

/// `meta` keys whose values stay in clear: none describes a person.
const CLEAR: [&str; 3] = [KEY_KEYS, KEY_LOCKOUT, KEY_BACKUP];

/// A questionnaire in progress: written after every answer, so a reload, a
/// closed tab or a crash resumes at the same question with the same answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub participant: ParticipantCode,
    pub point: MeasurementPoint,
    pub started: Date,
    /// The record this response corrects, if it is a correction.
    pub supersedes: Option<String>,
    pub lang: Lang,
    /// False until the young person taps Start.
    pub begun: bool,
    pub flow: Flow,
}

/// Choices a programme makes once per tablet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub reliable_change: ReliableChange,
    /// Which of the ladder's band sets the counsellor sees.
    pub ladder_band_set: String,
    /// Months after which exported records are offered for erasure.
    pub retention_months: u32,
}

impl Settings {
    /// The band sets shown for `instrument`: the ladder's chosen cut-off set,
    /// otherwise the instrument's own list.
    pub fn shown_band_sets(&self, instrument: &trivsel_core::Instrument) -> Vec<String> {
        let is_ladder = matches!(instrument.scoring, trivsel_core::ScoringRule::Single);
        if is_ladder && instrument.band_set(&self.ladder_band_set).is_some() {
            vec![self.ladder_band_set.clone()]
        } else {
            instrument.shown_band_sets.clone()
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            reliable_change: ReliableChange::default(),
            ladder_band_set: "hbsc".into(),
            retention_months: 24,
        }
    }
}

/// The tablet's keys as stored: the public key in clear, the private key
/// only wrapped, once per secret that can unlock it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    /// Hex of the raw ECDH P-256 public key.
    pub public: String,
    pub wraps: Vec<Wrap>,
}

/// The private key wrapped (AES-256-GCM, PKCS#8) under a key derived from a
/// secret with PBKDF2-SHA256.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wrap {
    /// A recovery key's wrapping (a second secret kept off the tablet);
    /// otherwise the passphrase's.
    #[serde(default)]
    pub recovery: bool,
    pub iterations: u32,
    /// Hex, 16 random bytes.
    pub salt: String,
    /// Hex, 12 random bytes.
    pub iv: String,
    /// Hex of the wrapped key.
    pub key: String,
}

/// Which secret a wrapping is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrapKind {
    Passphrase,
    /// A second secret the organisation keeps off the tablet.
    Recovery,
}

impl Wrap {
    fn kind(&self) -> WrapKind {
        if self.recovery {
            WrapKind::Recovery
        } else {
            WrapKind::Passphrase
        }
    }
}

/// How far the tablet is set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// Nothing stored: the counsellor chooses a passphrase and a PIN.
    Fresh,
    /// Data from version 1 (a PIN, values in clear): the PIN unlocks once,
    /// then a passphrase is chosen and the data is sealed.
    Legacy,
    /// Keys exist: the passphrase unlocks.
    Ready,
}

/// What went wrong with storage, in terms a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused (private mode, blocked by settings).
    Unavailable(String),
    /// The device or the browser's quota is full.
    Full,
    /// A read or write failed for another reason.
    Failed(String),
    /// A sealed value was to be read while the tablet's key is not in memory.
    Locked,
}

impl StorageError {
    fn from_js(value: &JsValue, fallback: impl FnOnce(String) -> StorageError) -> StorageError {
        let name = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.name()))
            .or_else(|| {
                js_sys::Reflect::get(value, &JsValue::from_str("name"))
                    .ok()?
                    .as_string()
            })
            .unwrap_or_default();
        if name.contains("Quota") {
            StorageError::Full
        } else {
            fallback(format!("{name} {value:?}"))
        }
    }

    fn from_idb(err: idb::Error) -> StorageError {
        let text = err.to_string();
        if text.contains("Quota") {
            StorageError::Full
        } else {
            StorageError::Failed(text)
        }
    }
}

type Result<T> = std::result::Result<T, StorageError>;

/// A storage future, boxed: the code behind it exists once, not once per
/// caller and type (the tablet's first load counts every byte).
type Fut<'a, T> = std::pin::Pin<Box<dyn Future<Output = Result<T>> + 'a>>;

fn js_failed(e: JsValue) -> StorageError {
    js_error(&e)
}

/// The keys in memory: the session's sealer, and while unlocked the
/// tablet's private key with the opening keys derived from it.
#[derive(Default)]
struct Keys {
    file: Option<KeyFile>,
    sealer: Option<Rc<Sealer>>,
    private: Option<CryptoKey>,
    /// Opening keys by ephemeral public key: one per app session that wrote.
    openers: Vec<(Vec<u8>, CryptoKey)>,
    /// Draft writes: the last one asked for, and the last one issued.
    draft_asked: u64,
    draft_issued: u64,
}

/// An open connection to the tablet's database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
    /// The questionnaire in progress as last committed (shared by every
    /// clone): what the screen goes back to if a later write fails.
    committed_draft: Rc<RefCell<Option<Draft>>>,
    keys: Rc<RefCell<Keys>>,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.db, &other.db)
    }
}

fn upgrade(db: &Database, old_version: u32) -> std::result::Result<(), idb::Error> {
    if old_version < 1 {
        for name in [META, PARTICIPANTS, RESPONSES] {
            db.create_object_store(name, ObjectStoreParams::new())?;
        }
    }
    // Version 2 changes no store: its values are sealed by `Store::migrate`
    // on the first unlock, which needs the passphrase.
    // Version 3 goes here: `if old_version < 3 { … }`, never editing the arms above.
    Ok(())
}

/// Where a value is stored, bound into its seal so it cannot be moved.
fn aad(store: &str, key: &str) -> Vec<u8> {
    format!("{store}/{key}").into_bytes()
}

/// A stored value: JSON text (clear, or from version 1) or sealed bytes.
enum Stored {
    Text(String),
    Sealed(Vec<u8>),
}

fn stored(value: &JsValue) -> Option<Stored> {
    if let Some(text) = value.as_string() {
        return Some(Stored::Text(text));
    }
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(|b| Stored::Sealed(b.to_vec()))
        .or_else(|| {
            value
                .dyn_ref::<js_sys::ArrayBuffer>()
                .map(|b| Stored::Sealed(js_sys::Uint8Array::new(b).to_vec()))
        })
}

fn random_id() -> Result<String> {
    Ok(to_hex(&crypto::random_bytes::<16>().map_err(js_failed)?))
}

impl Store {
    pub async fn open() -> Result<Store> {
        let factory = Factory::new().map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(DB_NAME, Some(DB_VERSION))
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(|event| {
            let old = event.old_version().unwrap_or(0);
            if let Ok(db) = event.database() {
                let _ = upgrade(&db, old);
            }
        });
        let db = request
            .await
            .map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let store = Store {
            db: Rc::new(db),
            committed_draft: Rc::default(),
            keys: Rc::default(),
        };
        let file: Option<KeyFile> = store.get(META, KEY_KEYS).await?;
        if let Some(file) = file {
            store.use_key_file(file).await?;
        }
        Ok(store)
    }

    /// Keeps `file` and makes this session's sealer from its public key.
    async fn use_key_file(&self, file: KeyFile) -> Result<()> {
        let public = from_hex(&file.public)
            .ok_or_else(|| StorageError::Failed("the stored public key is damaged".into()))?;
        let sealer = Sealer::new(&public).await.map_err(js_failed)?;
        let mut keys = self.keys.borrow_mut();
        keys.file = Some(file);
        keys.sealer = Some(Rc::new(sealer));
        Ok(())
    }

    /// How far the tablet is set up.
    pub async fn setup(&self) -> Result<Setup> {
        if self.keys.borrow().file.is_some() {
            return Ok(Setup::Ready);
        }
        Ok(match self.raw(META, KEY_PIN).await? {
            Some(_) => Setup::Legacy,
            None => Setup::Fresh,
        })
    }

    /// Whether the tablet's private key is in memory (the PIN may unlock).
    pub fn key_held(&self) -> bool {
        self.keys.borrow().private.is_some()
    }

    /// Forgets the private key and every key derived from it: from now on
    /// only the passphrase unlocks. Sealing goes on.
    pub fn forget_key(&self) {
        let mut keys = self.keys.borrow_mut();
        keys.private = None;
        keys.openers.clear();
    }

    /// Makes the tablet's key pair, its private key wrapped under
    /// `passphrase`, stores it and keeps the key in memory.
    pub async fn create_keys(&self, passphrase: &str) -> Result<()> {
        let salt = crypto::random_bytes::<16>().map_err(js_failed)?;
        let iv = crypto::random_bytes::<12>().map_err(js_failed)?;
        let wrapping = crypto::wrapping_key(passphrase, &salt, PBKDF2_ITERATIONS)
            .await
            .map_err(js_failed)?;
        let (public, wrapped) = crypto::new_tablet_keys(&wrapping, &iv)
            .await
            .map_err(js_failed)?;
        let wrap = Wrap {
            recovery: false,
            iterations: PBKDF2_ITERATIONS,
            salt: to_hex(&salt),
            iv: to_hex(&iv),
            key: to_hex(&wrapped),
        };
        let file = KeyFile {
            public: to_hex(&public),
            wraps: vec![wrap],
        };
        self.put_clear(META, KEY_KEYS, &file).await?;
        self.use_key_file(file).await?;
        // Held as every later unlock holds it: unwrapped, not extractable.
        let private = crypto::unwrap_private(&wrapped, &iv, &wrapping, false)
            .await
            .map_err(js_failed)?;
        self.keys.borrow_mut().private = Some(private);
        Ok(())
    }

    /// Unwraps the private key with `secret` (the passphrase or, if one is
    /// kept, the recovery key); `false` if it is not the right one.
    pub async fn unlock_with(&self, secret: &str) -> Result<bool> {
        let file = self.keys.borrow().file.clone();
        let Some(file) = file else {
            return Ok(false);
        };
        for wrap in &file.wraps {
            // Only a secret shaped like a recovery key is tried as one: each try costs
            // PBKDF2's full work.
            let Some(secret) = as_kind(secret, wrap.kind()) else {
                continue;
            };
            if let Some(private) = unwrap(wrap, &secret, false).await? {
                self.keys.borrow_mut().private = Some(private);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Wraps the private key anew under `new` (a passphrase, or a recovery
    /// key) in place of the wrapping of that kind; the data is not touched.
    /// `false` if `old` unwraps nothing.
    pub async fn rewrap(&self, old: &str, new: &str, kind: WrapKind) -> Result<bool> {
        let file = self.keys.borrow().file.clone();
        let Some(mut file) = file else {
            return Ok(false);
        };
        let mut private = None;
        for wrap in &file.wraps {
            let Some(old) = as_kind(old, wrap.kind()) else {
                continue;
            };
            if let Some(key) = unwrap(wrap, &old, true).await? {
                private = Some(key);
                break;
            }
        }
        let Some(private) = private else {
            return Ok(false);
        };
        let salt = crypto::random_bytes::<16>().map_err(js_failed)?;
        let iv = crypto::random_bytes::<12>().map_err(js_failed)?;
        let wrapping = crypto::wrapping_key(new, &salt, PBKDF2_ITERATIONS)
            .await
            .map_err(js_failed)?;
        let wrapped = crypto::rewrap(&private, &wrapping, &iv)
            .await
            .map_err(js_failed)?;
        file.wraps.retain(|w| w.kind() != kind);
        file.wraps.push(Wrap {
            recovery: kind == WrapKind::Recovery,
            iterations: PBKDF2_ITERATIONS,
            salt: to_hex(&salt),
            iv: to_hex(&iv),
            key: to_hex(&wrapped),
        });
        self.put_clear(META, KEY_KEYS, &file).await?;
        self.keys.borrow_mut().file = Some(file);
        Ok(true)
    }

    /// Whether a recovery key can unlock this tablet.
    pub fn has_recovery(&self) -> bool {
        self.keys
            .borrow()
            .file
            .as_ref()
            .is_some_and(|f| f.wraps.iter().any(|w| w.recovery))
    }

    /// The questionnaire in progress as it was last read or committed.
    pub fn committed_draft(&self) -> Option<Draft> {
        self.committed_draft.borrow().clone()
    }

    /// The stored value at `key`, as IndexedDB holds it.
    fn raw<'a>(&'a self, store: &'a str, key: &'a str) -> Fut<'a, Option<JsValue>> {
        Box::pin(async move {
            let tx = self
                .db
                .transaction(&[store], TransactionMode::ReadOnly)
                .map_err(StorageError::from_idb)?;
            tx.object_store(store)
                .map_err(StorageError::from_idb)?
                .get(JsValue::from_str(key))
                .map_err(StorageError::from_idb)?
                .await
                .map_err(StorageError::from_idb)
        })
    }

    async fn opener(&self, epk: &[u8]) -> Result<CryptoKey> {
        let private = {
            let keys = self.keys.borrow();
            if let Some((_, key)) = keys.openers.iter().find(|(e, _)| e == epk) {
                return Ok(key.clone());
            }
            keys.private.clone().ok_or(StorageError::Locked)?
        };
        let key = crypto::opener(&private, epk).await.map_err(js_failed)?;
        self.keys
            .borrow_mut()
            .openers
            .push((epk.to_vec(), key.clone()));
        Ok(key)
    }

    /// A stored value's JSON: text is taken as it is, sealed bytes are
    /// opened first (which needs the private key).
    fn open_value<'a>(&'a self, store: &'a str, key: &'a str, value: JsValue) -> Fut<'a, Vec<u8>> {
        Box::pin(async move {
            match stored(&value) {
                Some(Stored::Text(text)) => Ok(text.into_bytes()),
                Some(Stored::Sealed(sealed)) => {
                    let epk = crypto::sealed_epk(&sealed)
                        .ok_or_else(|| StorageError::Failed(format!("{store}/{key}: damaged")))?;
                    let opener = self.opener(epk).await?;
                    crypto::open(&opener, &aad(store, key), &sealed)
                        .await
                        .map_err(|_| {
                            StorageError::Failed(format!("{store}/{key}: cannot be opened"))
                        })
                }
                None => Err(StorageError::Failed(format!(
                    "{store}/{key}: unknown value"
                ))),
            }
        })
    }

    /// The JSON stored at `key`, opened if sealed.
    fn read<'a>(&'a self, store: &'a str, key: &'a str) -> Fut<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            match self.raw(store, key).await? {
                None => Ok(None),
                Some(value) => self.open_value(store, key, value).await.map(Some),
            }
        })
    }

    /// `json` sealed for `store`/`key`, as IndexedDB will hold it.
    fn seal_json<'a>(&'a self, store: &'a str, key: &'a str, json: String) -> Fut<'a, JsValue> {
        Box::pin(async move {
            let sealer = self
                .keys
                .borrow()
                .sealer
                .clone()
                .ok_or(StorageError::Locked)?;
            let sealed = sealer
                .seal(&aad(store, key), json.as_bytes())
                .await
                .map_err(js_failed)?;
            Ok(js_sys::Uint8Array::from(&sealed[..]).into())
        })
    }

    fn seal<'a, T: Serialize>(
        &'a self,
        store: &'a str,
        key: &'a str,
        value: &T,
    ) -> Fut<'a, JsValue> {
        match to_json(value) {
            Ok(json) => self.seal_json(store, key, json),
            Err(e) => Box::pin(std::future::ready(Err(e))),
        }
    }

    async fn get<T: DeserializeOwned>(&self, store: &str, key: &str) -> Result<Option<T>> {
        match self.read(store, key).await? {
            None => Ok(None),
            Some(json) => from_json(store, key, &json).map(Some),
        }
    }

    /// Writes `puts` and `deletes` in one transaction and waits until it is
    /// committed: either all of it is stored or none of it.
    fn write<'a>(
        &'a self,
        store_names: &'a [&'a str],
        puts: &'a [(&'a str, String, JsValue)],
        deletes: &'a [(&'a str, &'a str)],
    ) -> Fut<'a, ()> {
        match self.begin_write(store_names, puts, deletes) {
            Ok(done) => done,
            Err(e) => Box::pin(std::future::ready(Err(e))),
        }
    }

    /// Issues `puts` and `deletes` in one transaction at once and asks it to
    /// commit; the returned future says whether it committed. Readwrite
    /// transactions on the same stores commit in the order they were begun.
    fn begin_write(
        &self,
        store_names: &[&str],
        puts: &[(&str, String, JsValue)],
        deletes: &[(&str, &str)],
    ) -> Result<Fut<'static, ()>> {
        let tx = self
            .db
            .transaction(store_names, TransactionMode::ReadWrite)
            .map_err(StorageError::from_idb)?;
        // A request that fails aborts the transaction, so its outcome is the
        // transaction's; the requests themselves need not be awaited.
        for (store, key, value) in puts {
            let os = tx.object_store(store).map_err(StorageError::from_idb)?;
            os.put(value, Some(&JsValue::from_str(key)))
                .map_err(StorageError::from_idb)?;
        }
        for (store, key) in deletes {
            let os = tx.object_store(store).map_err(StorageError::from_idb)?;
            os.delete(JsValue::from_str(key))
                .map_err(StorageError::from_idb)?;
        }
        let done = tx.commit().map_err(StorageError::from_idb)?.into_future();
        Ok(Box::pin(async move {
            match done.await.map_err(StorageError::from_idb)? {
                result if result.is_committed() => Ok(()),
                _ => Err(StorageError::Failed("the write was aborted".into())),
            }
        }))
    }

    /// Stores `json` sealed, or in clear when `clear` (only for what
    /// describes no person, [`CLEAR`]).
    fn put_json<'a>(
        &'a self,
        store: &'a str,
        key: &'a str,
        json: Result<String>,
        clear: bool,
    ) -> Fut<'a, ()> {
        Box::pin(async move {
            let json = json?;
            let value = if clear {
                JsValue::from_str(&json)
            } else {
                self.seal_json(store, key, json).await?
            };
            self.write(&[store], &[(store, key.to_string(), value)], &[])
                .await
        })
    }

    /// Stores `value` sealed.
    fn put<'a, T: Serialize>(&'a self, store: &'a str, key: &'a str, value: &T) -> Fut<'a, ()> {
        self.put_json(store, key, to_json(value), false)
    }

    /// Stores `value` in clear: only for what describes no person ([`CLEAR`]).
    fn put_clear<'a, T: Serialize>(
        &'a self,
        store: &'a str,
        key: &'a str,
        value: &T,
    ) -> Fut<'a, ()> {
        self.put_json(store, key, to_json(value), true)
    }

    /// Every key and value of `store`, in key order.
    fn raw_all<'a>(&'a self, store: &'a str) -> Fut<'a, Vec<(String, JsValue)>> {
        Box::pin(async move {
            let tx = self
                .db
                .transaction(&[store], TransactionMode::ReadOnly)
                .map_err(StorageError::from_idb)?;
            let os = tx.object_store(store).map_err(StorageError::from_idb)?;
            let keys = os
                .get_all_keys(None, None)
                .map_err(StorageError::from_idb)?;
            let values = os.get_all(None, None).map_err(StorageError::from_idb)?;
            let keys = keys.await.map_err(StorageError::from_idb)?;
            let values = values.await.map_err(StorageError::from_idb)?;
            Ok(keys
                .into_iter()
                .map(|k| k.as_string().unwrap_or_default())
                .zip(values)
                .collect())
        })
    }

    /// Every key of `store` with its JSON (opened), or why it cannot be read.
    fn read_all<'a>(&'a self, store: &'a str) -> Fut<'a, Vec<(String, Result<Vec<u8>>)>> {
        Box::pin(async move {
            let mut out = Vec::new();
            for (key, value) in self.raw_all(store).await? {
                let json = self.open_value(store, &key, value).await;
                if json == Err(StorageError::Locked) {
                    return Err(StorageError::Locked);
                }
                out.push((key, json));
            }
            Ok(out)
        })
    }

    /// Every value of `store` with its key, and how many could not be read
    /// (kept in the database untouched; only counted and reported).
    async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<(Vec<(String, T)>, usize)> {
        let mut good = Vec::new();
        let mut unreadable = 0;
        for (key, json) in self.read_all(store).await? {
            match json.and_then(|j| from_json(store, &key, &j)) {
                Ok(v) => good.push((key, v)),
                Err(_) => unreadable += 1,
            }
        }
        Ok((good, unreadable))
    }

    /// Seals every value still in clear, store by store: each store in one
    /// transaction, so an interrupted migration leaves every value readable
    /// (sealed or not yet) and the next unlock finishes it. Participants get
    /// random ids in place of their codes as keys. Returns how many values
    /// were sealed.
    pub async fn migrate(&self) -> Result<usize> {
        let mut sealed = 0;
        for store in [META, PARTICIPANTS, RESPONSES] {
            let mut puts = Vec::new();
            let mut deletes = Vec::new();
            for (key, value) in self.raw_all(store).await? {
                let Some(Stored::Text(json)) = stored(&value) else {
                    continue;
                };
                if store == META && CLEAR.contains(&key.as_str()) {
                    continue;
                }
                let new_key = if store == PARTICIPANTS {
                    deletes.push(key.clone());
                    random_id()?
                } else {
                    key
                };
                let value = self.seal_json(store, &new_key, json).await?;
                puts.push((store, new_key, value));
            }
            if puts.is_empty() {
                continue;
            }
            sealed += puts.len();
            let deletes: Vec<(&str, &str)> = deletes.iter().map(|k| (store, k.as_str())).collect();
            self.write(&[store], &puts, &deletes).await?;
        }
        Ok(sealed)
    }

    /// The PIN's hash: sealed, or in clear on a tablet not yet migrated.
    pub async fn pin(&self) -> Result<Option<PinHash>> {
        self.get(META, KEY_PIN).await
    }
    pub async fn set_pin(&self, pin: &PinHash) -> Result<()> {
        self.put(META, KEY_PIN, pin).await
    }
    pub async fn lockout(&self) -> Result<Lockout> {
        Ok(self.get(META, KEY_LOCKOUT).await?.unwrap_or_default())
    }
    pub async fn set_lockout(&self, lockout: &Lockout) -> Result<()> {
        self.put_clear(META, KEY_LOCKOUT, lockout).await
    }
    /// The day of the last backup, if one was made.
    pub async fn last_backup(&self) -> Result<Option<Date>> {
        self.get(META, KEY_BACKUP).await
    }
    pub async fn set_last_backup(&self, day: Date) -> Result<()> {
        self.put_clear(META, KEY_BACKUP, &day).await
    }
    pub async fn settings(&self) -> Result<Settings> {
        Ok(self.get(META, KEY_SETTINGS).await?.unwrap_or_default())
    }
    /// The settings as stored, in their JSON form (for a backup); `Null` if none.
    pub async fn settings_json(&self) -> Result<serde_json::Value> {
        Ok(self
            .get(META, KEY_SETTINGS)
            .await?
            .unwrap_or(serde_json::Value::Null))
    }
    pub async fn set_settings(&self, settings: &Settings) -> Result<()> {
        self.put(META, KEY_SETTINGS, settings).await
    }
    /// Settings from a backup, stored only if the tablet has none of its own.
    pub async fn adopt_settings(&self, settings: &serde_json::Value) -> Result<bool> {
        if settings.is_null() || self.raw(META, KEY_SETTINGS).await?.is_some() {
            return Ok(false);
        }
        let settings: Settings = serde_json::from_value(settings.clone())
            .map_err(|e| StorageError::Failed(e.to_string()))?;
        self.set_settings(&settings).await?;
        Ok(true)
    }
    /// The erasure notes (see `trivsel_core::backup`).
    pub async fn erasures(&self) -> Result<Erasures> {
        Ok(self.get(META, KEY_ERASED).await?.unwrap_or_default())
    }
    /// Whether a questionnaire is in progress, without opening it.
    pub async fn has_draft(&self) -> Result<bool> {
        Ok(self.raw(META, KEY_DRAFT).await?.is_some())
    }
    pub async fn draft(&self) -> Result<Option<Draft>> {
        let draft: Option<Draft> = self.get(META, KEY_DRAFT).await?;
        self.committed_draft.replace(draft.clone());
        Ok(draft)
    }
    pub async fn save_draft(&self, draft: &Draft) -> Result<()> {
        self.queue_draft(draft).await
    }

    /// Takes the next place in the order of draft writes; any write asked
    /// for before it and not yet issued will not be issued.
    fn next_draft_turn(&self) -> u64 {
        let mut keys = self.keys.borrow_mut();
        keys.draft_asked += 1;
        keys.draft_asked
    }

    /// Seals `draft` and issues its write, in the order of the calls: the
    /// place in that order is taken before returning, so the caller can
    /// show the draft at once. Each write holds the whole draft, so a write
    /// whose turn has passed (a later one was issued first) is dropped, not
    /// issued late. Resolves when the write has committed, failed, or was
    /// dropped.
    pub fn queue_draft(&self, draft: &Draft) -> impl Future<Output = Result<()>> {
        let turn = self.next_draft_turn();
        let (store, draft) = (self.clone(), draft.clone());
        async move {
            let sealed = store.seal(META, KEY_DRAFT, &draft).await?;
            {
                let mut keys = store.keys.borrow_mut();
                if turn <= keys.draft_issued {
                    return Ok(());
                }
                keys.draft_issued = turn;
            }
            store
                .begin_write(&[META], &[(META, KEY_DRAFT.to_string(), sealed)], &[])?
                .await?;
            store.committed_draft.replace(Some(draft));
            Ok(())
        }
    }
    pub async fn discard_draft(&self) -> Result<()> {
        let turn = self.next_draft_turn();
        self.keys.borrow_mut().draft_issued = turn;
        self.write(&[META], &[], &[(META, KEY_DRAFT)]).await?;
        self.committed_draft.replace(None);
        Ok(())
    }
    pub async fn participants(&self) -> Result<(Vec<Participant>, usize)> {
        let (all, bad) = self.all::<Participant>(PARTICIPANTS).await?;
        Ok((all.into_iter().map(|(_, p)| p).collect(), bad))
    }
    /// Stores a new participant under a random id; refuses a code already stored.
    pub async fn add_participant(&self, participant: &Participant) -> Result<()> {
        let (all, _) = self.participants().await?;
        if all.iter().any(|p| p.code == participant.code) {
            return Err(StorageError::Failed(format!(
                "participant {} exists",
                participant.code
            )));
        }
        self.put(PARTICIPANTS, &random_id()?, participant).await
    }
    pub async fn records(&self) -> Result<(Vec<ResponseRecord>, usize)> {
        let (all, bad) = self.all::<ResponseRecord>(RESPONSES).await?;
        Ok((all.into_iter().map(|(_, r)| r).collect(), bad))
    }
    /// Stores a completed response and removes the draft in one transaction.
    /// Records are never overwritten: a correction is a new record. Draft
    /// writes not yet issued are dropped, so none can follow the deletion.
    pub async fn complete(&self, record: &ResponseRecord) -> Result<()> {
        if self.raw(RESPONSES, &record.id).await?.is_some() {
            return Err(StorageError::Failed(format!("record {} exists", record.id)));
        }
        let sealed = self.seal(RESPONSES, &record.id, record).await?;
        let turn = self.next_draft_turn();
        self.keys.borrow_mut().draft_issued = turn;
        self.write(
            &[META, RESPONSES],
            &[(RESPONSES, record.id.clone(), sealed)],
            &[(META, KEY_DRAFT)],
        )
        .await?;
        self.committed_draft.replace(None);
        Ok(())
    }

    /// Marks the records with `ids` as exported, all in one transaction. The
    /// answers stay as they were: only the flag changes.
    pub async fn mark_exported(&self, records: &[ResponseRecord], ids: &[String]) -> Result<()> {
        let ids: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        let mut puts = Vec::with_capacity(ids.len());
        for record in records.iter().filter(|r| ids.contains(r.id.as_str())) {
            let marked = ResponseRecord {
                exported: true,
                ..record.clone()
            };
            let sealed = self.seal(RESPONSES, &record.id, &marked).await?;
            puts.push((RESPONSES, record.id.clone(), sealed));
        }
        self.write(&[RESPONSES], &puts, &[]).await
    }

    /// Deletes the records with `ids`, all or none, and notes their ids so
    /// that no restore brings them back. The caller only ever passes
    /// records the counsellor has confirmed.
    pub async fn delete_records(&self, ids: &[String]) -> Result<()> {
        let mut erased = self.erasures().await?;
        erased.records.extend(ids.iter().cloned());
        let note = self.seal(META, KEY_ERASED, &erased).await?;
        let deletes: Vec<(&str, &str)> = ids.iter().map(|id| (RESPONSES, id.as_str())).collect();
        self.write(
            &[META, RESPONSES],
            &[(META, KEY_ERASED.to_string(), note)],
            &deletes,
        )
        .await
    }

    /// Erases a participant and every record of theirs in one transaction,
    /// and notes the erasure (a salted hash of the code, the record ids) so
    /// that no restore of an older backup brings any of it back.
    pub async fn erase_participant(&self, code: &ParticipantCode) -> Result<usize> {
        let (participants, _) = self.all::<Participant>(PARTICIPANTS).await?;
        let (records, _) = self.all::<ResponseRecord>(RESPONSES).await?;
        let keys: Vec<String> = participants
            .into_iter()
            .filter(|(_, p)| p.code == *code)
            .map(|(k, _)| k)
            .collect();
        let ids: Vec<String> = records
            .into_iter()
            .filter(|(_, r)| r.participant == *code)
            .map(|(k, _)| k)
            .collect();
        let mut erased = self.erasures().await?;
        erased.participants.push(erased_code(code).await?);
        erased.records.extend(ids.iter().cloned());
        let note = self.seal(META, KEY_ERASED, &erased).await?;
        let mut deletes: Vec<(&str, &str)> =
            keys.iter().map(|k| (PARTICIPANTS, k.as_str())).collect();
        deletes.extend(ids.iter().map(|id| (RESPONSES, id.as_str())));
        self.write(
            &[META, PARTICIPANTS, RESPONSES],
            &[(META, KEY_ERASED.to_string(), note)],
            &deletes,
        )
        .await?;
        Ok(ids.len())
    }

    /// Writes what a restore adds: new participants and records, and the
    /// joined erasure notes, all in one transaction.
    pub async fn restore(
        &self,
        participants: &[Participant],
        records: &[ResponseRecord],
        erasures: &Erasures,
    ) -> Result<()> {
        let mut puts = Vec::new();
        for p in participants {
            let key = random_id()?;
            puts.push((
                PARTICIPANTS,
                key.clone(),
                self.seal(PARTICIPANTS, &key, p).await?,
            ));
        }
        for r in records {
            puts.push((
                RESPONSES,
                r.id.clone(),
                self.seal(RESPONSES, &r.id, r).await?,
            ));
        }
        puts.push((
            META,
            KEY_ERASED.to_string(),
            self.seal(META, KEY_ERASED, erasures).await?,
        ));
        self.write(&[META, PARTICIPANTS, RESPONSES], &puts, &[])
            .await
    }
}

/// The note of an erased participant: SHA-256 of a random salt and the code.
pub async fn erased_code(code: &ParticipantCode) -> Result<trivsel_core::backup::ErasedCode> {
    let salt = crypto::random_bytes::<16>().map_err(js_failed)?;
    Ok(trivsel_core::backup::ErasedCode {
        salt: to_hex(&salt),
        hash: code_hash(&salt, code).await?,
    })
}

/// Hex SHA-256 of `salt` followed by the code.
pub async fn code_hash(salt: &[u8], code: &ParticipantCode) -> Result<String> {
    let mut data = salt.to_vec();
    data.extend_from_slice(code.as_str().as_bytes());
    crypto::sha256_hex(&data).await.map_err(js_failed)
}

/// A typed secret as a wrapping of `kind` expects it: a recovery key in its
/// canonical form (forgiving spaces, case and look-alike letters); `None` if
/// it cannot be a recovery key.
fn as_kind(secret: &str, kind: WrapKind) -> Option<String> {
    match kind {
        WrapKind::Passphrase => Some(secret.to_string()),
        WrapKind::Recovery => trivsel_core::passphrase::normalise_recovery_key(secret),
    }
}

/// The private key from `wrap` with `secret`; `None` if the secret is wrong.
async fn unwrap(wrap: &Wrap, secret: &str, extractable: bool) -> Result<Option<CryptoKey>> {
    let damaged = || StorageError::Failed("the stored key is damaged".into());
    let salt = from_hex(&wrap.salt).ok_or_else(damaged)?;
    let iv = from_hex(&wrap.iv).ok_or_else(damaged)?;
    let wrapped = from_hex(&wrap.key).ok_or_else(damaged)?;
    let wrapping = crypto::wrapping_key(secret, &salt, wrap.iterations)
        .await
        .map_err(js_failed)?;
    Ok(
        crypto::unwrap_private(&wrapped, &iv, &wrapping, extractable)
            .await
            .ok(),
    )
}

/// Reads JSON through `serde_json::from_str`, as the rest of the app does:
/// one reader, so each type's deserialiser exists once in the bundle.
fn from_json<T: DeserializeOwned>(store: &str, key: &str, json: &[u8]) -> Result<T> {
    std::str::from_utf8(json)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(text).map_err(|e| e.to_string()))
        .map_err(|e| StorageError::Failed(format!("{store}/{key}: {e}")))
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))
}

/// How much the origin stores and may store, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
    pub persisted: bool,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

async fn promise(p: std::result::Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(p.ok()?).await.ok()
}

/// Asks the browser not to evict this origin's data under storage pressure.
pub async fn request_persistence() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    promise(manager.persist())
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

pub async fn usage() -> Usage {
    let Some(manager) = storage_manager() else {
        return Usage::default();
    };
    let persisted = promise(manager.persisted())
        .await
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let Some(estimate) = promise(manager.estimate()).await else {
        return Usage {
            persisted,
            ..Usage::default()
        };
    };
    let field = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    Usage {
        used: field("usage"),
        quota: field("quota"),
        persisted,
    }
}

pub(crate) fn js_error(value: &JsValue) -> StorageError {
    StorageError::from_js(value, StorageError::Failed)
}
