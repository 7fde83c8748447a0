//! One component per screen.

pub mod attempt;
pub mod history;
pub mod home;
pub mod result;
pub mod start;
pub mod wrong_book;
