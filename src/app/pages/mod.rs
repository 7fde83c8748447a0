//! One component per screen.

pub mod attempt;
pub mod desk;
pub mod desk_attempt;
pub mod desk_marking;
pub mod desk_paste;
pub mod desk_regrade;
pub mod desk_scan;
pub mod desk_stats;
pub mod desk_table;
pub mod editor;
pub mod handover;
pub mod history;
pub mod home;
pub mod import;
pub mod result;
pub mod start;
pub mod typing;
pub mod typing_result;
pub mod wrong_book;
