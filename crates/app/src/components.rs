//! One component per screen, plus the small pieces they share.

use yew::{Callback, MouseEvent};

use crate::effects::Ctx;
use crate::state::{Action, Screen};

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
pub mod programmes;
pub mod question;
pub mod result;
pub mod review;
pub mod score;
pub mod settings;
pub mod start;
pub mod thank_you;
pub mod youth;

/// A button's callback that goes to `screen` (through the reducer, whose
/// gate keeps a locked tablet out of the counsellor's screens).
pub fn go(ctx: &Ctx, screen: Screen) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |_| ctx.dispatch(Action::Go(screen.clone())))
}
