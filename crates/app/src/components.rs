//! One component per screen, plus the small pieces they share.

pub mod broken;
pub mod chart;
pub mod data;
pub mod export;
pub mod focus;
pub mod form;
pub mod frame;
pub mod header;
pub mod home;
pub mod measurement;
pub mod options;
pub mod participant;
pub mod participant_new;
pub mod pin;
pub mod question;
pub mod result;
pub mod review;
pub mod score;
pub mod settings;
pub mod start;
pub mod thank_you;
pub mod youth;
