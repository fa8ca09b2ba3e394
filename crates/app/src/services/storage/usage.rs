//! How much the tablet's browser stores for this app and may store, and the
//! request that it keep the data under storage pressure: what the
//! counsellor's home shows beside the participants.

use wasm_bindgen::JsValue;

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
