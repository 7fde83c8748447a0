//! One component per screen.

pub mod attempt;
pub mod history;
pub mod home;
pub mod result;
pub mod start;
pub mod typing;
pub mod typing_result;
pub mod wrong_book;
