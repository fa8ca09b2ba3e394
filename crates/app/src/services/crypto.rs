//! Randomness and the PIN's slow hash, from the browser's WebCrypto.

use js_sys::{Array, Uint8Array};
use trivsel_core::pin::{from_hex, same_bytes, to_hex, PinHash, PBKDF2_ITERATIONS};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, Pbkdf2Params};

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

async fn pbkdf2(pin: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, JsValue> {
    let subtle = crypto()?.subtle();
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key_data = Uint8Array::from(pin.as_bytes());
    let key =
        JsFuture::from(subtle.import_key_with_str("raw", &key_data, "PBKDF2", false, &usages)?)
            .await?
            .dyn_into::<CryptoKey>()?;
    let params = Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    let bits = JsFuture::from(subtle.derive_bits_with_object(&params, &key, 256)?).await?;
    Ok(Uint8Array::new(&bits).to_vec())
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
