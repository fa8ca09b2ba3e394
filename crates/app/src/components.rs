//! One component per screen of the flow, plus the small pieces they share.

pub mod focus;
pub mod header;
pub mod ladder;
pub mod options;
pub mod question;
pub mod review;
pub mod score;
pub mod start;
