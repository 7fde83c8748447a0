//! Text and the primitives every layer reads: the shared bank text, diagnostics, Markdown and
//! its typed model, front matter, folding, decimals, hashes, fingerprints, the seeded random
//! source, the Chinese tables and JSON.

pub mod decimal;
pub mod diagnostics;
pub mod entities;
pub mod fingerprint;
pub mod frontmatter;
pub mod hanzi;
pub mod hash;
pub mod json;
pub mod json_locate;
pub mod markdown;
pub mod normalize;
pub mod position;
pub mod rich;
pub mod rng;
pub mod text;
