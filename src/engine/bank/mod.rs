//! Banks and the course: a bank file parsed into sections and questions (with its heading
//! attributes and the banks it imports), the course index, red-line lists, and the library
//! that loads a course's files together.

pub mod attrs;
pub mod bank;
pub mod course;
pub mod imports;
pub mod library;
pub mod parse;
pub mod redlines;
pub mod templates;
