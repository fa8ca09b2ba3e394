//! The browser services the app uses: IndexedDB storage, WebCrypto, file
//! downloads, the backup file's encryption and the service worker.

pub mod backup_file;
pub mod crypto;
pub mod download;
pub mod pwa;
pub mod storage;
