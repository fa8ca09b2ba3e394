//! The tablet's care of its data beyond answering and exporting: sealing
//! the values a version 1 database holds in clear (the migration), erasing
//! a participant or records with a note that no restore brings them back,
//! restoring from a backup, and the day of the last backup.

use trivsel_core::backup::{ErasedCode, Erasures};
use trivsel_core::pin::to_hex;
use trivsel_core::{Date, Participant, ParticipantCode, ResponseRecord, Uuid};

use super::{
    in_clear, js_failed, random_id, stored, Result, Settings, StorageError, Store, Stored,
    KEY_BACKUP, KEY_ERASED, KEY_SETTINGS, META, PARTICIPANTS, RESPONSES,
};
use crate::services::crypto;

impl Store {
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
                if in_clear(store, &key) {
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

    /// The day of the last backup, if one was made.
    pub async fn last_backup(&self) -> Result<Option<Date>> {
        self.get(META, KEY_BACKUP).await
    }
    pub async fn set_last_backup(&self, day: Date) -> Result<()> {
        self.put(META, KEY_BACKUP, &day).await
    }
    /// The settings as stored, in their JSON form (for a backup); `Null` if none.
    pub async fn settings_json(&self) -> Result<serde_json::Value> {
        Ok(self
            .get(META, KEY_SETTINGS)
            .await?
            .unwrap_or(serde_json::Value::Null))
    }
    /// Settings from a backup, stored only if the tablet has none of its own.
    pub async fn adopt_settings(&self, settings: &serde_json::Value) -> Result<bool> {
        if settings.is_null() || self.raw(META, KEY_SETTINGS).await?.is_some() {
            return Ok(false);
        }
        let settings: Settings = serde_json::from_value(settings.clone())
            .map_err(|e| StorageError::Failed(e.to_string()))?;
        self.set_settings(&settings.upgraded()).await?;
        Ok(true)
    }
    /// The erasure notes (see `trivsel_core::backup`).
    pub async fn erasures(&self) -> Result<Erasures> {
        Ok(self.get(META, KEY_ERASED).await?.unwrap_or_default())
    }

    /// Deletes the records with `ids`, all or none, and notes their ids so
    /// that no restore brings them back. The caller only ever passes
    /// records the counsellor has confirmed.
    pub async fn delete_records(&self, ids: &[Uuid]) -> Result<()> {
        let mut erased = self.erasures().await?;
        erased.records.extend(ids.iter().copied());
        let note = self.seal(META, KEY_ERASED, &erased).await?;
        let keys: Vec<String> = ids.iter().map(Uuid::to_string).collect();
        let deletes: Vec<(&str, &str)> = keys.iter().map(|id| (RESPONSES, id.as_str())).collect();
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
        let (ids, record_keys): (Vec<Uuid>, Vec<String>) = records
            .into_iter()
            .filter(|(_, r)| r.participant == *code)
            .map(|(k, r)| (r.id, k))
            .unzip();
        let mut erased = self.erasures().await?;
        erased.participants.push(erased_code(code).await?);
        erased.records.extend(ids.iter().copied());
        let note = self.seal(META, KEY_ERASED, &erased).await?;
        let mut deletes: Vec<(&str, &str)> =
            keys.iter().map(|k| (PARTICIPANTS, k.as_str())).collect();
        deletes.extend(record_keys.iter().map(|k| (RESPONSES, k.as_str())));
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
            let sealed = self.seal(PARTICIPANTS, &key, p).await?;
            puts.push((PARTICIPANTS, key, sealed));
        }
        for r in records {
            let key = r.id.to_string();
            let sealed = self.seal(RESPONSES, &key, r).await?;
            puts.push((RESPONSES, key, sealed));
        }
        let note = self.seal(META, KEY_ERASED, erasures).await?;
        puts.push((META, KEY_ERASED.to_string(), note));
        self.write(&[META, PARTICIPANTS, RESPONSES], &puts, &[])
            .await
    }
}

/// The note of an erased participant: SHA-256 of a random salt and the code.
async fn erased_code(code: &ParticipantCode) -> Result<ErasedCode> {
    let salt = crypto::random_bytes::<16>().map_err(js_failed)?;
    Ok(ErasedCode {
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
