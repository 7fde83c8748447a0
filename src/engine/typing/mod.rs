//! The typing test: its arithmetic (alignment, speed, accuracy, corrections) and record, and
//! typing banks (`kind: typing`). Below the bank layer: the library parses typing banks with
//! the others, and the attempt record holds a typing record.

pub mod bank;
pub mod typing;
