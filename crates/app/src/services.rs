//! The browser services the app uses: IndexedDB storage and WebCrypto.

pub mod crypto;
pub mod storage;
