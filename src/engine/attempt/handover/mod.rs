//! The hand-over: a finished attempt carried from a trainee's phone to the trainer desk without
//! a file, as QR codes scanned at the desk or as one line of text pasted there (issue 23).
//!
//! - `payload`: the record as compact bytes (varints, a version byte, a check) and back;
//! - `typing`: a typing test's part of them (the typed text against the text set);
//! - `frames`: the bytes as numbered QR frames of base45 text, and the desk's joiner;
//! - `code`: the bytes as one chat-safe line (`KF1.` + base64url), and the paste box's reader;
//! - `qr`: a frame or a link as a QR code (the dark modules as one SVG path);
//! - `scan`: the desk's camera reader (QR codes in a picture) and its scanning session;
//! - `wire`: varints, exact numbers, the check, base45 and base64url.
//!
//! What comes out is an `AttemptRecord` like an imported file's, so the desk's re-grade
//! findings (edited score, changed bank, inconsistent record) apply unchanged.

pub mod code;
pub mod frames;
pub mod payload;
pub mod qr;
pub mod scan;
pub mod typing;
pub mod wire;

pub use code::{code, read_codes, CodesRead};
pub use frames::{frames, join_frames, Joiner, Scan};
pub use payload::{decode, encode, BankOf, PayloadError, Site};
pub use scan::{read_image, Heard, ScanSession};
