//! The browser services the app uses: IndexedDB storage, WebCrypto, the
//! backup file's encryption (age, export page only), the service worker,
//! and opening the counsellor's bundle.

pub mod backup_file;
pub mod counsellor;
pub mod crypto;
pub mod pwa;
pub mod storage;
