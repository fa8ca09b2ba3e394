//! The tablet app's code, shared by its three bundles: the first page
//! (`main.rs`: the young person's screens and the lock), the counsellor's
//! screens (`bin/trivsel-counsellor.rs`, opened in that page after the PIN)
//! and the counsellor's export page (`bin/trivsel-export.rs`). Each is its
//! own wasm bundle, so the tablet's first load carries only the first.

pub mod app;
pub mod components;
pub mod counsellor_app;
pub mod effects;
pub mod export_app;
pub mod i18n;
pub mod services;
pub mod settings;
pub mod state;
