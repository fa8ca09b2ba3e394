//! The tablet's IndexedDB database: the only place responses live.
//!
//! Values are the core types' JSON, so what is stored is exactly what core
//! validates and exports. Every value that describes a person (participants,
//! records, the draft, the settings, the PIN's hash, the erasure notes) is
//! stored only sealed (see `crate::services::crypto`): this module seals and
//! opens any serde value by its store and key, so the types stored can change
//! without touching how they are stored. Keys are random: participants are
//! keyed by a random id, records by their random UUID; no personal value is
//! ever an IndexedDB key or index. In clear stay only what describes no
//! person ([`CLEAR`]): the tablet's public key and wrapped private key
//! (`keys`), the PIN lockout, the day of the last backup and the programme
//! files (questionnaire definitions).
//!
//! Schema changes go through [`upgrade`], one arm per version, so an old
//! database is always carried forward; the values of a version 1 database are
//! sealed by `Store::migrate` once the tablet has its keys, store by store.
//! The keys in memory are `keys` (this module's child); the tablet's care of
//! its data (migration, erasure, restore) is `care`.

mod care;
mod error;
mod keys;
mod usage;

use std::cell::RefCell;
use std::future::{Future, IntoFuture};
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use trivsel_core::pin::{to_hex, Lockout, PinHash};
use trivsel_core::{
    Date, Flow, InstrumentRef, Lang, MeasurementPoint, Participant, ParticipantCode, Programme,
    ResponseRecord, Uuid,
};
use wasm_bindgen::{JsCast, JsValue};

pub use self::care::code_hash;
pub use self::error::StorageError;
use self::keys::Keys;
pub use self::keys::{KeyFile, Setup, Wrap, WrapKind};
pub use self::usage::{request_persistence, usage, Usage};
use crate::services::crypto;
pub use crate::settings::Settings;

const DB_NAME: &str = "trivsel";
/// Version 1: stores `meta` (PIN, lockout, settings, the draft, the
/// programme files), `participants` (keyed by code) and `responses`
/// (completed records, keyed by id), values as JSON text.
/// Version 2: the same stores; values that describe a person are sealed
/// bytes, participants are keyed by a random id. Raised so that an older
/// app, which would take sealed values for damaged ones, cannot open it.
const DB_VERSION: u32 = 2;

const META: &str = "meta";
const PARTICIPANTS: &str = "participants";
const RESPONSES: &str = "responses";

const KEY_PIN: &str = "pin";
const KEY_LOCKOUT: &str = "lockout";
const KEY_SETTINGS: &str = "settings";
const KEY_DRAFT: &str = "draft";
const KEY_PROGRAMMES: &str = "programmes";
const KEY_KEYS: &str = "keys";
const KEY_BACKUP: &str = "backup";
const KEY_ERASED: &str = "erased";

/// `meta` keys whose values stay in clear: none describes a person.
const CLEAR: [&str; 4] = [KEY_KEYS, KEY_LOCKOUT, KEY_BACKUP, KEY_PROGRAMMES];

/// Whether the value at `key` of `store` is kept in clear ([`CLEAR`]);
/// every other value is sealed.
fn in_clear(store: &str, key: &str) -> bool {
    store == META && CLEAR.contains(&key)
}

/// A programme file as imported: its text, kept as it came, and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgrammeFile {
    pub text: String,
    pub programme: Programme,
}

/// A questionnaire in progress: written after every answer, so a reload, a
/// closed tab or a crash resumes at the same question with the same answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub participant: ParticipantCode,
    pub point: MeasurementPoint,
    pub started: Date,
    /// The record this response corrects, if it is a correction.
    pub supersedes: Option<Uuid>,
    pub lang: Lang,
    /// False until the young person taps Start.
    pub begun: bool,
    /// The instruments asked, with their versions: the record lists exactly
    /// these. Empty in a draft stored by the first release: then they are
    /// the instruments of its flow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<InstrumentRef>,
    pub flow: Flow,
}

impl Draft {
    /// The instruments the draft asks, with their versions.
    pub fn asked(&self) -> Vec<InstrumentRef> {
        if !self.instruments.is_empty() {
            return self.instruments.clone();
        }
        let mut asked: Vec<InstrumentRef> = Vec::new();
        for step in &self.flow.steps {
            if !asked.iter().any(|r| r.id == step.instrument) {
                asked.push(InstrumentRef {
                    id: step.instrument.clone(),
                    version: step.version,
                });
            }
        }
        asked
    }
}

type Result<T> = std::result::Result<T, StorageError>;

/// A storage future, boxed: the code behind it exists once, not once per
/// caller and type (the tablet's first load counts every byte).
type Fut<'a, T> = std::pin::Pin<Box<dyn Future<Output = Result<T>> + 'a>>;

fn js_failed(e: JsValue) -> StorageError {
    js_error(&e)
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
    // once the tablet has its keys, which needs the passphrase.
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
    /// Opens the tablet's database (upgrading it where needed) and reads its
    /// key file, making this page's sealer from it.
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

    /// Stores `json` sealed, or in clear where it describes no person
    /// ([`in_clear`]). Not generic, so the first page carries it once.
    fn put_json<'a>(&'a self, store: &'a str, key: &'a str, json: Result<String>) -> Fut<'a, ()> {
        Box::pin(async move {
            let json = json?;
            let value = if in_clear(store, key) {
                JsValue::from_str(&json)
            } else {
                self.seal_json(store, key, json).await?
            };
            self.write(&[store], &[(store, key.to_string(), value)], &[])
                .await
        })
    }

    /// Stores `value` as [`Store::put_json`] does.
    fn put<'a, T: Serialize>(&'a self, store: &'a str, key: &'a str, value: &T) -> Fut<'a, ()> {
        self.put_json(store, key, to_json(value))
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

    /// Every value of `store` with its key, and how many could not be read
    /// (kept in the database untouched; only counted and reported).
    async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<(Vec<(String, T)>, usize)> {
        let mut good = Vec::new();
        let mut unreadable = 0;
        for (key, value) in self.raw_all(store).await? {
            let json = self.open_value(store, &key, value).await;
            if json == Err(StorageError::Locked) {
                return Err(StorageError::Locked);
            }
            match json.and_then(|j| from_json(store, &key, &j)) {
                Ok(v) => good.push((key, v)),
                Err(_) => unreadable += 1,
            }
        }
        Ok((good, unreadable))
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
        self.put(META, KEY_LOCKOUT, lockout).await
    }
    pub async fn settings(&self) -> Result<Settings> {
        let stored: Option<Settings> = self.get(META, KEY_SETTINGS).await?;
        Ok(stored.unwrap_or_default().upgraded())
    }
    pub async fn set_settings(&self, settings: &Settings) -> Result<()> {
        self.put(META, KEY_SETTINGS, settings).await
    }
    /// The programme files imported on this tablet, as the files' text (each
    /// was checked when imported). They describe no person, only
    /// questionnaires and batteries, so they stay in clear. A text that no
    /// longer reads is left out.
    pub async fn programmes(&self) -> Result<Vec<ProgrammeFile>> {
        let texts: Vec<String> = self.get(META, KEY_PROGRAMMES).await?.unwrap_or_default();
        Ok(texts
            .into_iter()
            .filter_map(|text| {
                let programme = serde_json::from_str(&text).ok()?;
                Some(ProgrammeFile { text, programme })
            })
            .collect())
    }
    pub async fn set_programmes(&self, programmes: &[ProgrammeFile]) -> Result<()> {
        let texts: Vec<&str> = programmes.iter().map(|p| p.text.as_str()).collect();
        self.put(META, KEY_PROGRAMMES, &texts).await
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
        let key = record.id.to_string();
        if self.raw(RESPONSES, &key).await?.is_some() {
            return Err(StorageError::Failed(format!("record {} exists", record.id)));
        }
        let sealed = self.seal(RESPONSES, &key, record).await?;
        let turn = self.next_draft_turn();
        self.keys.borrow_mut().draft_issued = turn;
        self.write(
            &[META, RESPONSES],
            &[(RESPONSES, key, sealed)],
            &[(META, KEY_DRAFT)],
        )
        .await?;
        self.committed_draft.replace(None);
        Ok(())
    }

    /// Marks the records with `ids` as exported, all in one transaction. The
    /// answers stay as they were: only the flag changes.
    pub async fn mark_exported(&self, records: &[ResponseRecord], ids: &[Uuid]) -> Result<()> {
        let mut puts = Vec::with_capacity(ids.len());
        for record in records.iter().filter(|r| ids.contains(&r.id)) {
            let marked = ResponseRecord {
                exported: true,
                ..record.clone()
            };
            let key = record.id.to_string();
            let sealed = self.seal(RESPONSES, &key, &marked).await?;
            puts.push((RESPONSES, key, sealed));
        }
        self.write(&[RESPONSES], &puts, &[]).await
    }
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

pub(crate) fn js_error(value: &JsValue) -> StorageError {
    StorageError::from_js(value, StorageError::Failed)
}
