//! The browser services the app uses: IndexedDB storage, WebCrypto and the
//! service worker (downloads are `trivsel_web::save`, shared with the
//! evaluator's page).

pub mod crypto;
pub mod pwa;
pub mod storage;
