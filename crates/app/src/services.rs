//! The browser services the app uses: IndexedDB storage, WebCrypto and the service worker.

pub mod crypto;
pub mod pwa;
pub mod storage;
