//! Components shared by the pages.

pub mod answer;
pub mod chart;
pub mod confirm;
pub mod countdown;
pub mod feedback;
pub mod handover_codes;
pub mod item_chart;
pub mod line_chart;
pub mod markdown;
pub mod navigator;
pub mod open_file;
pub mod problems;
pub mod question;
pub mod review;
pub mod speed_chart;
pub mod trainee_form;
pub mod typing_text;
