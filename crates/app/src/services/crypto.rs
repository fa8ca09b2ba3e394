//! The browser's WebCrypto, and only it: randomness, the PIN's slow hash, the
//! tablet's key pair, and sealing and opening stored values.
//!
//! Sealing needs only the tablet's public key, so a young person's answers are
//! stored while the tablet is locked: once per app session an ephemeral ECDH
//! P-256 key pair meets the tablet's public key, HKDF-SHA256 turns the shared
//! secret into an AES-256-GCM key, and each value gets a fresh random 96-bit
//! IV. Opening needs the tablet's private key, which exists at rest only
//! wrapped (AES-GCM) under a key derived from the passphrase with
//! PBKDF2-SHA256, and in memory only as a non-extractable key.
//!
//! Every call goes through one generic `SubtleCrypto` method call (see
//! [`call`]) instead of a binding per method: the tablet's first load carries
//! a few bytes of JS glue for all of them.

use js_sys::{Array, Object, Reflect, Uint8Array};
use trivsel_core::pin::{from_hex, same_bytes, to_hex, PinHash, PBKDF2_ITERATIONS};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

/// The first byte of a sealed value: its layout's version.
const SEALED_V1: u8 = 1;
/// An uncompressed P-256 point (the ephemeral public key).
const EPK_LEN: usize = 65;
const IV_LEN: usize = 12;
/// HKDF's `info`: binds the derived key to this use.
const HKDF_INFO: &[u8] = b"trivsel/seal/v1";

fn crypto() -> Result<web_sys::Crypto, JsValue> {
    web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .crypto()
}

/// `N` cryptographically random bytes.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], JsValue> {
    let mut bytes = [0u8; N];
    crypto()?.get_random_values_with_u8_array(&mut bytes)?;
    Ok(bytes)
}

/// Calls `crypto.subtle[method](...args)` and awaits its promise.
async fn call(method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let subtle = crypto()?.subtle();
    let f: js_sys::Function = Reflect::get(&subtle, &JsValue::from_str(method))?.dyn_into()?;
    let args: Array = args.iter().copied().collect();
    let promise: js_sys::Promise = f.apply(&subtle, &args)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// A plain JS object with the given fields.
fn obj(fields: &[(&str, &JsValue)]) -> JsValue {
    let o = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(name), value);
    }
    o.into()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

fn usages(list: &[&str]) -> JsValue {
    list.iter().map(|u| s(u)).collect::<Array>().into()
}

fn to_vec(buffer: &JsValue) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

fn aes_gcm_256() -> JsValue {
    obj(&[("name", &s("AES-GCM")), ("length", &256.into())])
}

fn p256() -> JsValue {
    obj(&[("name", &s("ECDH")), ("namedCurve", &s("P-256"))])
}

async fn pbkdf2_base(secret: &str) -> Result<JsValue, JsValue> {
    let raw = bytes(secret.as_bytes());
    call(
        "importKey",
        &[
            &s("raw"),
            &raw,
            &s("PBKDF2"),
            &false.into(),
            &usages(&["deriveBits", "deriveKey"]),
        ],
    )
    .await
}

fn pbkdf2_params(salt: &[u8], iterations: u32) -> JsValue {
    obj(&[
        ("name", &s("PBKDF2")),
        ("hash", &s("SHA-256")),
        ("salt", &bytes(salt)),
        ("iterations", &iterations.into()),
    ])
}

async fn pbkdf2(pin: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, JsValue> {
    let base = pbkdf2_base(pin).await?;
    let bits = call(
        "deriveBits",
        &[&pbkdf2_params(salt, iterations), &base, &256.into()],
    )
    .await?;
    Ok(to_vec(&bits))
}

/// A salted PBKDF2 hash of a new PIN.
pub async fn hash_pin(pin: &str) -> Result<PinHash, JsValue> {
    let salt = random_bytes::<16>()?;
    let hash = pbkdf2(pin, &salt, PBKDF2_ITERATIONS).await?;
    Ok(PinHash {
        algorithm: "PBKDF2-SHA256".into(),
        iterations: PBKDF2_ITERATIONS,
        salt: to_hex(&salt),
        hash: to_hex(&hash),
    })
}

/// Whether `pin` matches the stored hash.
pub async fn verify_pin(pin: &str, stored: &PinHash) -> Result<bool, JsValue> {
    let (Some(salt), Some(expected)) = (from_hex(&stored.salt), from_hex(&stored.hash)) else {
        return Err(JsValue::from_str("stored PIN hash is damaged"));
    };
    let hash = pbkdf2(pin, &salt, stored.iterations).await?;
    Ok(same_bytes(&hash, &expected))
}

/// Hex SHA-256 of `data`.
pub async fn sha256_hex(data: &[u8]) -> Result<String, JsValue> {
    Ok(to_hex(&to_vec(
        &call("digest", &[&s("SHA-256"), &bytes(data)]).await?,
    )))
}

/// The AES-GCM key that wraps the tablet's private key, derived from a
/// passphrase (or a recovery key) with PBKDF2-SHA256; never extractable.
pub async fn wrapping_key(
    secret: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, JsValue> {
    let base = pbkdf2_base(secret).await?;
    call(
        "deriveKey",
        &[
            &pbkdf2_params(salt, iterations),
            &base,
            &aes_gcm_256(),
            &false.into(),
            &usages(&["wrapKey", "unwrapKey"]),
        ],
    )
    .await?
    .dyn_into()
}

fn gcm(iv: &[u8]) -> JsValue {
    obj(&[("name", &s("AES-GCM")), ("iv", &bytes(iv))])
}

/// A new tablet key pair: the public key (raw, 65 bytes) and the private key
/// wrapped under `wrapping` with `iv`. The extractable private key lives only
/// inside this call.
pub async fn new_tablet_keys(
    wrapping: &CryptoKey,
    iv: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), JsValue> {
    let pair = call(
        "generateKey",
        &[&p256(), &true.into(), &usages(&["deriveBits"])],
    )
    .await?;
    let public = Reflect::get(&pair, &s("publicKey"))?;
    let private = Reflect::get(&pair, &s("privateKey"))?;
    let raw = call("exportKey", &[&s("raw"), &public]).await?;
    let wrapped = wrap(&private, wrapping, iv).await?;
    Ok((to_vec(&raw), wrapped))
}

/// Wraps a private key (a new one, or an extractable one from
/// [`unwrap_private`]) under `wrapping` with AES-GCM.
pub async fn wrap(private: &JsValue, wrapping: &CryptoKey, iv: &[u8]) -> Result<Vec<u8>, JsValue> {
    let wrapped = call("wrapKey", &[&s("pkcs8"), private, wrapping, &gcm(iv)]).await?;
    Ok(to_vec(&wrapped))
}

/// The tablet's private key from its wrapping. Fails if `wrapping` is not the
/// key it was wrapped under (a wrong passphrase): AES-GCM's tag does not match.
/// `extractable` only to wrap it again under a new passphrase.
pub async fn unwrap_private(
    wrapped: &[u8],
    iv: &[u8],
    wrapping: &CryptoKey,
    extractable: bool,
) -> Result<CryptoKey, JsValue> {
    call(
        "unwrapKey",
        &[
            &s("pkcs8"),
            &bytes(wrapped),
            wrapping,
            &gcm(iv),
            &p256(),
            &extractable.into(),
            &usages(&["deriveBits"]),
        ],
    )
    .await?
    .dyn_into()
}

/// The AES-GCM key of one ephemeral key pair and the tablet's pair.
async fn session_key(
    private: &JsValue,
    public: &JsValue,
    epk: &[u8],
    usage: &str,
) -> Result<CryptoKey, JsValue> {
    let ecdh = obj(&[("name", &s("ECDH")), ("public", public)]);
    let shared = call("deriveBits", &[&ecdh, private, &256.into()]).await?;
    let base = call(
        "importKey",
        &[
            &s("raw"),
            &shared,
            &s("HKDF"),
            &false.into(),
            &usages(&["deriveKey"]),
        ],
    )
    .await?;
    let hkdf = obj(&[
        ("name", &s("HKDF")),
        ("hash", &s("SHA-256")),
        ("salt", &bytes(epk)),
        ("info", &bytes(HKDF_INFO)),
    ]);
    call(
        "deriveKey",
        &[
            &hkdf,
            &base,
            &aes_gcm_256(),
            &false.into(),
            &usages(&[usage]),
        ],
    )
    .await?
    .dyn_into()
}

async fn import_public(raw: &[u8]) -> Result<JsValue, JsValue> {
    call(
        "importKey",
        &[&s("raw"), &bytes(raw), &p256(), &true.into(), &usages(&[])],
    )
    .await
}

/// One app session's sealing key: made once, then each value costs one
/// AES-GCM encryption. The ephemeral private key is dropped once used.
#[derive(Clone)]
pub struct Sealer {
    key: CryptoKey,
    epk: Vec<u8>,
}

impl Sealer {
    /// A sealer for the tablet whose public key is `tablet_public` (raw).
    pub async fn new(tablet_public: &[u8]) -> Result<Sealer, JsValue> {
        let tablet = import_public(tablet_public).await?;
        let pair = call(
            "generateKey",
            &[&p256(), &false.into(), &usages(&["deriveBits"])],
        )
        .await?;
        let epk = to_vec(
            &call(
                "exportKey",
                &[&s("raw"), &Reflect::get(&pair, &s("publicKey"))?],
            )
            .await?,
        );
        let private = Reflect::get(&pair, &s("privateKey"))?;
        let key = session_key(&private, &tablet, &epk, "encrypt").await?;
        Ok(Sealer { key, epk })
    }

    /// The sealing key and its ephemeral public key, to hand to the
    /// counsellor's bundle in the same page (the key stays a WebCrypto key).
    pub fn parts(&self) -> (&CryptoKey, &[u8]) {
        (&self.key, &self.epk)
    }

    /// A sealer from [`Sealer::parts`] handed over by the first page.
    pub fn from_parts(key: CryptoKey, epk: Vec<u8>) -> Sealer {
        Sealer { key, epk }
    }

    /// `plain` sealed, bound to `aad` (where it is stored): version, the
    /// ephemeral public key, the IV, then the ciphertext with its tag.
    pub async fn seal(&self, aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, JsValue> {
        let iv = random_bytes::<IV_LEN>()?;
        let params = obj(&[
            ("name", &s("AES-GCM")),
            ("iv", &bytes(&iv)),
            ("additionalData", &bytes(aad)),
        ]);
        let sealed = call("encrypt", &[&params, &self.key, &bytes(plain)]).await?;
        let mut out = Vec::with_capacity(1 + EPK_LEN + IV_LEN + plain.len() + 16);
        out.push(SEALED_V1);
        out.extend_from_slice(&self.epk);
        out.extend_from_slice(&iv);
        out.extend_from_slice(&to_vec(&sealed));
        Ok(out)
    }
}

/// The ephemeral public key a sealed value was made with, if it is one.
pub fn sealed_epk(sealed: &[u8]) -> Option<&[u8]> {
    match sealed.first() {
        Some(&SEALED_V1) if sealed.len() > 1 + EPK_LEN + IV_LEN => Some(&sealed[1..1 + EPK_LEN]),
        _ => None,
    }
}

/// The key that opens values sealed with `epk`, from the tablet's private key.
pub async fn opener(private: &CryptoKey, epk: &[u8]) -> Result<CryptoKey, JsValue> {
    let public = import_public(epk).await?;
    session_key(private, &public, epk, "decrypt").await
}

/// Opens a value sealed by [`Sealer::seal`] with the key from [`opener`].
/// Fails if it was changed or moved (`aad` differs).
pub async fn open(key: &CryptoKey, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, JsValue> {
    if sealed_epk(sealed).is_none() {
        return Err(s("not a sealed value"));
    }
    let iv = &sealed[1 + EPK_LEN..1 + EPK_LEN + IV_LEN];
    let body = &sealed[1 + EPK_LEN + IV_LEN..];
    let params = obj(&[
        ("name", &s("AES-GCM")),
        ("iv", &bytes(iv)),
        ("additionalData", &bytes(aad)),
    ]);
    Ok(to_vec(
        &call("decrypt", &[&params, key, &bytes(body)]).await?,
    ))
}
