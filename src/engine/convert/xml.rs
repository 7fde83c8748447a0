//! A small XML reader.
