//! The browser services the app uses: IndexedDB storage, WebCrypto, file
//! downloads and the service worker.

pub mod crypto;
pub mod download;
pub mod pwa;
pub mod storage;
