//! The tablet's IndexedDB database: the only place responses live.
//!
//! Values are stored as JSON text written by the core types' serde, so what is
//! stored is exactly what core validates and exports. Schema changes go through
//! [`upgrade`], one arm per version, so an old database is always carried forward.

use std::cell::RefCell;
use std::future::{Future, IntoFuture};
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use trivsel_core::pin::{Lockout, PinHash};
use trivsel_core::{
    tr, Date, Flow, InstrumentRef, Lang, MeasurementPoint, Participant, ParticipantCode, Programme,
    ResponseRecord, Uuid,
};

pub use crate::settings::Settings;
use wasm_bindgen::{JsCast, JsValue};

const DB_NAME: &str = "trivsel";
/// Version 1: stores `meta` (PIN, lockout, settings, the draft), `participants`
/// (keyed by code) and `responses` (completed records, keyed by id).
const DB_VERSION: u32 = 1;

const META: &str = "meta";
const PARTICIPANTS: &str = "participants";
const RESPONSES: &str = "responses";

const KEY_PIN: &str = "pin";
const KEY_LOCKOUT: &str = "lockout";
const KEY_SETTINGS: &str = "settings";
const KEY_DRAFT: &str = "draft";
const KEY_PROGRAMMES: &str = "programmes";

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

/// What went wrong with storage, in terms a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused (private mode, blocked by settings).
    Unavailable(String),
    /// The device or the browser's quota is full.
    Full,
    /// A read or write failed for another reason.
    Failed(String),
}

impl StorageError {
    /// For the counsellor: what is wrong and what to do about it. (The young
    /// person is told `Messages::storage_error_youth`, without details.)
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StorageError::Full => tr!(lang,
                da: "Tabletten har ikke mere plads til besvarelser. Eksportér og slet gamle besvarelser, eller frigør plads på tabletten. Intet gemt er gået tabt.".into(),
                en: "The tablet has no more room for responses. Export and delete old responses, or free space on the tablet. Nothing stored has been lost.".into(),
            ),
            StorageError::Unavailable(detail) => tr!(lang,
                da: format!("Browserens database (IndexedDB) kan ikke bruges: {detail}. Tjek at browseren ikke er i privat tilstand, og at lagring er tilladt for denne side."),
                en: format!("The browser's database (IndexedDB) cannot be used: {detail}. Check that the browser is not in private mode and that storage is allowed for this site."),
            ),
            StorageError::Failed(detail) => tr!(lang,
                da: format!("Gemning mislykkedes: {detail}. Prøv igen. Intet gemt er gået tabt."),
                en: format!("Saving failed: {detail}. Try again. Nothing stored has been lost."),
            ),
        }
    }

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

/// An open connection to the tablet's database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
    /// The questionnaire in progress as last committed (shared by every
    /// clone): what the screen goes back to if a later write fails.
    committed_draft: Rc<RefCell<Option<Draft>>>,
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
    // Version 2 goes here: `if old_version < 2 { … }`, never editing the arms above.
    Ok(())
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
        Ok(Store {
            db: Rc::new(db),
            committed_draft: Rc::default(),
        })
    }

    /// The questionnaire in progress as it was last read or committed.
    pub fn committed_draft(&self) -> Option<Draft> {
        self.committed_draft.borrow().clone()
    }

    async fn get<T: DeserializeOwned>(&self, store: &str, key: &str) -> Result<Option<T>> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(StorageError::from_idb)?;
        let value = tx
            .object_store(store)
            .map_err(StorageError::from_idb)?
            .get(JsValue::from_str(key))
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        match value.and_then(|v| v.as_string()) {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| StorageError::Failed(format!("{store}/{key}: {e}"))),
        }
    }

    /// Writes `puts` and `deletes` in one transaction and waits until it is
    /// committed: either all of it is stored or none of it.
    async fn write(
        &self,
        store_names: &[&str],
        puts: &[(&str, String, String)],
        deletes: &[(&str, &str)],
    ) -> Result<()> {
        self.begin_write(store_names, puts, deletes)?.await
    }

    /// Issues `puts` and `deletes` in one transaction at once and asks it to
    /// commit; the returned future says whether it committed. Readwrite
    /// transactions on the same stores commit in the order they were begun.
    fn begin_write(
        &self,
        store_names: &[&str],
        puts: &[(&str, String, String)],
        deletes: &[(&str, &str)],
    ) -> Result<impl Future<Output = Result<()>>> {
        let tx = self
            .db
            .transaction(store_names, TransactionMode::ReadWrite)
            .map_err(StorageError::from_idb)?;
        // A request that fails aborts the transaction, so its outcome is the
        // transaction's; the requests themselves need not be awaited.
        for (store, key, json) in puts {
            let os = tx.object_store(store).map_err(StorageError::from_idb)?;
            os.put(&JsValue::from_str(json), Some(&JsValue::from_str(key)))
                .map_err(StorageError::from_idb)?;
        }
        for (store, key) in deletes {
            let os = tx.object_store(store).map_err(StorageError::from_idb)?;
            os.delete(JsValue::from_str(key))
                .map_err(StorageError::from_idb)?;
        }
        let done = tx.commit().map_err(StorageError::from_idb)?.into_future();
        Ok(async move {
            match done.await.map_err(StorageError::from_idb)? {
                result if result.is_committed() => Ok(()),
                _ => Err(StorageError::Failed("the write was aborted".into())),
            }
        })
    }

    async fn put<T: Serialize>(&self, store: &str, key: &str, value: &T) -> Result<()> {
        let json = to_json(value)?;
        self.write(&[store], &[(store, key.to_string(), json)], &[])
            .await
    }

    async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<(Vec<T>, usize)> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(StorageError::from_idb)?;
        let values = tx
            .object_store(store)
            .map_err(StorageError::from_idb)?
            .get_all(None, None)
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        let mut good = Vec::with_capacity(values.len());
        let mut unreadable = 0;
        for value in values {
            match value.as_string().map(|t| serde_json::from_str::<T>(&t)) {
                Some(Ok(v)) => good.push(v),
                // Kept in the database untouched; only counted and reported.
                _ => unreadable += 1,
            }
        }
        Ok((good, unreadable))
    }

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
    /// The programme files imported on this tablet, as the files' text (each
    /// was checked when imported). They describe no person, only
    /// questionnaires and batteries. A text that no longer reads is left out.
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
    pub async fn set_settings(&self, settings: &Settings) -> Result<()> {
        self.put(META, KEY_SETTINGS, settings).await
    }
    pub async fn draft(&self) -> Result<Option<Draft>> {
        let draft: Option<Draft> = self.get(META, KEY_DRAFT).await?;
        self.committed_draft.replace(draft.clone());
        Ok(draft)
    }
    pub async fn save_draft(&self, draft: &Draft) -> Result<()> {
        self.begin_save_draft(draft)?.await
    }
    /// Starts writing `draft` before returning, so the caller can show it at
    /// once; the future resolves when it has committed (or failed).
    pub fn begin_save_draft(&self, draft: &Draft) -> Result<impl Future<Output = Result<()>>> {
        let json = to_json(draft)?;
        let done = self.begin_write(&[META], &[(META, KEY_DRAFT.to_string(), json)], &[])?;
        let (committed, draft) = (self.committed_draft.clone(), draft.clone());
        Ok(async move {
            done.await?;
            committed.replace(Some(draft));
            Ok(())
        })
    }
    pub async fn discard_draft(&self) -> Result<()> {
        self.write(&[META], &[], &[(META, KEY_DRAFT)]).await?;
        self.committed_draft.replace(None);
        Ok(())
    }
    pub async fn participants(&self) -> Result<(Vec<Participant>, usize)> {
        self.all(PARTICIPANTS).await
    }
    /// Stores a new participant; refuses to overwrite an existing code.
    pub async fn add_participant(&self, participant: &Participant) -> Result<()> {
        let key = participant.code.as_str();
        if self.get::<Participant>(PARTICIPANTS, key).await?.is_some() {
            return Err(StorageError::Failed(format!("participant {key} exists")));
        }
        self.put(PARTICIPANTS, key, participant).await
    }
    pub async fn records(&self) -> Result<(Vec<ResponseRecord>, usize)> {
        self.all(RESPONSES).await
    }
    /// Stores a completed response and removes the draft in one transaction.
    /// Records are never overwritten: a correction is a new record.
    pub async fn complete(&self, record: &ResponseRecord) -> Result<()> {
        let key = record.id.to_string();
        if self.get::<ResponseRecord>(RESPONSES, &key).await?.is_some() {
            return Err(StorageError::Failed(format!("record {} exists", record.id)));
        }
        let json = to_json(record)?;
        self.write(
            &[META, RESPONSES],
            &[(RESPONSES, key, json)],
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
            puts.push((RESPONSES, record.id.to_string(), to_json(&marked)?));
        }
        self.write(&[RESPONSES], &puts, &[]).await
    }

    /// Deletes the records with `ids`, all or none. The caller only ever
    /// passes exported records, after the counsellor has confirmed.
    pub async fn delete_records(&self, ids: &[Uuid]) -> Result<()> {
        let keys: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        let deletes: Vec<(&str, &str)> = keys.iter().map(|id| (RESPONSES, id.as_str())).collect();
        self.write(&[RESPONSES], &[], &deletes).await
    }
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
