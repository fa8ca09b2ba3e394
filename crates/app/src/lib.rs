//! The tablet app's code, shared by its two pages: the app itself (`main.rs`)
//! and the counsellor's export page (`bin/trivsel-export.rs`). Each page is
//! its own wasm bundle, so the first load of the tablet never pays for the
//! export.

pub mod app;
pub mod components;
pub mod effects;
pub mod export_app;
pub mod i18n;
pub mod services;
pub mod state;
