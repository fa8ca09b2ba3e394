//! The browser services the app uses: IndexedDB storage, WebCrypto, the
//! service worker, and opening the counsellor's bundle.

pub mod counsellor;
pub mod crypto;
pub mod pwa;
pub mod storage;
