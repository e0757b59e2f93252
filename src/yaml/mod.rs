//! The YAML layer, below the model: text → a spanned tree ([`tree`]), that tree → serde types
//! with coded, positioned errors ([`de`]), and the one writer of YAML text ([`write`]): scalars,
//! blocks and minimal edits of an existing text that keep everything else byte for byte.
//!
//! The model reads its form definitions and wording with it, the loader reads users' files
//! with it, and every feature that writes a user's YAML (scaffolds, `history --write`,
//! `import`) writes through [`write`]. It knows nothing of assessments: what a choice is called
//! reaches the deserializer through [`de::Vocabulary`].

pub mod blocks;
pub mod de;
pub mod patch;
mod report;
mod tree;
mod typing;
pub mod write;

pub use tree::*;
pub use typing::{all as typing_mistakes, repaired as with_typing_mistakes_fixed};
