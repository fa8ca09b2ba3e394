//! The tablet's keys: the key file as stored (the public key in clear, the
//! private key only wrapped under the passphrase and, if one was made, a
//! recovery key), and the keys in memory: this page's sealer and, while
//! held, the private key with the opening keys derived from it.
//!
//! The held keys pass from the tablet's first page to the counsellor's
//! bundle in the same page as one JS object ([`Store::held_keys`],
//! [`Store::adopt_keys`]): WebCrypto keys, never their bytes.

use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use trivsel_core::pin::{from_hex, to_hex, PBKDF2_ITERATIONS};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use super::{aad, js_failed, to_json, Fut, Result, StorageError, Store, KEY_KEYS, KEY_PIN, META};
use crate::services::crypto::{self, Sealer};

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

impl Wrap {
    /// The stored form of a key `wrapped` for a secret of `kind` under
    /// PBKDF2 with `salt`, by AES-GCM with `iv`.
    fn new(kind: WrapKind, salt: &[u8], iv: &[u8], wrapped: &[u8]) -> Wrap {
        Wrap {
            recovery: kind == WrapKind::Recovery,
            iterations: PBKDF2_ITERATIONS,
            salt: to_hex(salt),
            iv: to_hex(iv),
            key: to_hex(wrapped),
        }
    }
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Setup {
    /// Nothing stored: the counsellor chooses a passphrase and a PIN.
    #[default]
    Fresh,
    /// Data from before encryption (a PIN, values in clear): the PIN
    /// unlocks once, then a passphrase is chosen and the data is sealed.
    Legacy,
    /// Keys exist: the passphrase unlocks.
    Ready,
}

impl Setup {
    /// Whether the PIN unlocks (else the passphrase does): while the
    /// tablet's key is in memory (`key_held`), and on a tablet not yet
    /// encrypted.
    pub fn unlocks_by_pin(self, key_held: bool) -> bool {
        key_held || self == Setup::Legacy
    }
}

/// The keys in memory: the page's sealer, and while held the tablet's
/// private key with the opening keys derived from it.
#[derive(Default)]
pub(super) struct Keys {
    file: Option<KeyFile>,
    sealer: Option<Sealer>,
    private: Option<CryptoKey>,
    /// Opening keys by ephemeral public key: one per app session that wrote.
    openers: Vec<(Vec<u8>, CryptoKey)>,
    /// Draft writes: the last one asked for, and the last one issued.
    pub(super) draft_asked: u64,
    pub(super) draft_issued: u64,
}

/// The names of the hand-over object's fields.
const PRIVATE: &str = "private";
const SEAL: &str = "seal";
const EPK: &str = "epk";

impl Store {
    /// Keeps `file` and makes this page's sealer from its public key.
    pub(super) async fn use_key_file(&self, file: KeyFile) -> Result<()> {
        let public = from_hex(&file.public)
            .ok_or_else(|| StorageError::Failed("the stored public key is damaged".into()))?;
        let sealer = Sealer::new(&public).await.map_err(js_failed)?;
        let mut keys = self.keys.borrow_mut();
        keys.file = Some(file);
        keys.sealer = Some(sealer);
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

    /// The keys this page holds, for the counsellor's bundle opened in the
    /// same page: one JS object holding the private key and the sealing key
    /// (non-extractable WebCrypto keys, passed by reference) and the sealing
    /// key's ephemeral public key. `None` while the private key is not held.
    pub fn held_keys(&self) -> Option<JsValue> {
        let keys = self.keys.borrow();
        let (private, sealer) = (keys.private.as_ref()?, keys.sealer.as_ref()?);
        let held = Object::new();
        let (key, epk) = sealer.parts();
        let _ = Reflect::set(&held, &PRIVATE.into(), private);
        let _ = Reflect::set(&held, &SEAL.into(), key);
        let _ = Reflect::set(&held, &EPK.into(), &Uint8Array::from(epk));
        Some(held.into())
    }

    /// Takes over the keys the first page handed over ([`Store::held_keys`]);
    /// `false` if `held` is not such an object.
    pub fn adopt_keys(&self, held: &JsValue) -> bool {
        let field = |name: &str| Reflect::get(held, &name.into()).ok();
        let private = field(PRIVATE).and_then(|k| k.dyn_into::<CryptoKey>().ok());
        let seal = field(SEAL).and_then(|k| k.dyn_into::<CryptoKey>().ok());
        let epk = field(EPK).and_then(|k| k.dyn_into::<Uint8Array>().ok());
        let (Some(private), Some(seal), Some(epk)) = (private, seal, epk) else {
            return false;
        };
        let mut keys = self.keys.borrow_mut();
        keys.private = Some(private);
        keys.sealer = Some(Sealer::from_parts(seal, epk.to_vec()));
        true
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
        let file = KeyFile {
            public: to_hex(&public),
            wraps: vec![Wrap::new(WrapKind::Passphrase, &salt, &iv, &wrapped)],
        };
        self.put(META, KEY_KEYS, &file).await?;
        self.use_key_file(file).await?;
        // Held as every later unlock holds it: unwrapped, not extractable.
        let private = crypto::unwrap_private(&wrapped, &iv, &wrapping, false)
            .await
            .map_err(js_failed)?;
        self.keys.borrow_mut().private = Some(private);
        Ok(())
    }

    /// The private key unwrapped with `secret` by one of the key file's
    /// wrappings (a secret is tried only on a wrapping of its shape: each
    /// try costs PBKDF2's full work); `None` if it is not the right one.
    async fn unwrap_any(&self, secret: &str, extractable: bool) -> Result<Option<CryptoKey>> {
        let file = self.keys.borrow().file.clone();
        for wrap in file.iter().flat_map(|f| &f.wraps) {
            let Some(secret) = as_kind(secret, wrap.kind()) else {
                continue;
            };
            if let Some(private) = unwrap(wrap, &secret, extractable).await? {
                return Ok(Some(private));
            }
        }
        Ok(None)
    }

    /// Unwraps the private key with `secret` (the passphrase or, if one is
    /// kept, the recovery key); `false` if it is not the right one.
    pub async fn unlock_with(&self, secret: &str) -> Result<bool> {
        let private = self.unwrap_any(secret, false).await?;
        let right = private.is_some();
        if right {
            self.keys.borrow_mut().private = private;
        }
        Ok(right)
    }

    /// Wraps the private key anew under `new` (a passphrase, or a recovery
    /// key) in place of the wrapping of that kind; the data is not touched.
    /// `false` if `old` unwraps nothing.
    pub async fn rewrap(&self, old: &str, new: &str, kind: WrapKind) -> Result<bool> {
        let Some(private) = self.unwrap_any(old, true).await? else {
            return Ok(false);
        };
        let Some(mut file) = self.keys.borrow().file.clone() else {
            return Ok(false);
        };
        let salt = crypto::random_bytes::<16>().map_err(js_failed)?;
        let iv = crypto::random_bytes::<12>().map_err(js_failed)?;
        let wrapping = crypto::wrapping_key(new, &salt, PBKDF2_ITERATIONS)
            .await
            .map_err(js_failed)?;
        let wrapped = crypto::wrap(&private, &wrapping, &iv)
            .await
            .map_err(js_failed)?;
        file.wraps.retain(|w| w.kind() != kind);
        file.wraps.push(Wrap::new(kind, &salt, &iv, &wrapped));
        self.put(META, KEY_KEYS, &file).await?;
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

    /// The key that opens values sealed with `epk`.
    pub(super) async fn opener(&self, epk: &[u8]) -> Result<CryptoKey> {
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

    /// `json` sealed for `store`/`key`, as IndexedDB will hold it.
    pub(super) fn seal_json<'a>(
        &'a self,
        store: &'a str,
        key: &'a str,
        json: String,
    ) -> Fut<'a, JsValue> {
        Box::pin(async move {
            let sealing = self.keys.borrow().sealer.clone();
            let sealing = sealing.ok_or(StorageError::Locked)?;
            let sealed = sealing
                .seal(&aad(store, key), json.as_bytes())
                .await
                .map_err(js_failed)?;
            Ok(Uint8Array::from(&sealed[..]).into())
        })
    }

    pub(super) fn seal<'a, T: Serialize>(
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
