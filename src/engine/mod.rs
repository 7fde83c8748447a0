//! The exam engine: plain Rust with no browser types, shared by the app, the checker and
//! the tests.

pub mod answer;
pub mod assemble;
pub mod attempt;
pub mod attrs;
pub mod bank;
pub mod course;
pub mod diagnostics;
pub mod frontmatter;
pub mod grade;
pub mod hash;
pub mod imports;
pub mod library;
pub mod lint;
pub mod markdown;
pub mod normalize;
pub mod parse;
pub mod question;
pub mod redlines;
pub mod report;
pub mod rich;
pub mod rng;
pub mod timing;
pub mod typing;
pub mod typing_bank;
