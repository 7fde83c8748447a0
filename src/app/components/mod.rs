//! Components shared by the pages.

pub mod answer;
pub mod chart;
pub mod confirm;
pub mod copy_text;
pub mod countdown;
pub mod diagnostics_list;
pub mod feedback;
pub mod item_chart;
pub mod line_chart;
pub mod line_editor;
pub mod markdown;
pub mod navigator;
pub mod open_file;
pub mod problems;
pub mod qr;
pub mod question;
pub mod question_try;
pub mod review;
pub mod speed_chart;
pub mod trainee_form;
pub mod typing_text;
