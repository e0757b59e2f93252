//! hyoka (評価): 特定個人情報保護評価書 as reviewed, version-controlled YAML.
//!
//! The modules form layers; each uses only the layers above it in this list (a test,
//! `tests/layering.rs`, reads every `use crate::` and fails on a back-edge):
//!
//! 1. base: [`diagnostic`] (coded messages), [`files`] (atomic writes), [`text`] (text
//!    helpers), [`templates`] (the data files embedded in the binary);
//! 2. [`yaml`]: YAML text ↔ a spanned tree, serde over it, the one writer of YAML text;
//! 3. [`model`]: the typed assessment, its form definitions, choices and schema;
//! 4. [`load`]: a user's file → tree, model and load diagnostics;
//! 5. [`check`]: rules and diagnostics;
//! 6. [`diff`]: two revisions → the change-history rows;
//! 7. [`render`]: layout → PDF, HTML, xlsx;
//! 8. [`import`]: workbooks of the forms → YAML;
//! 9. [`serve`]: the local browser page;
//! 10. [`cli`]: the thin command-line layer; [`harness`] (fuzzing entry points) beside it.

pub mod diagnostic;
pub mod files;
pub mod templates;
pub mod text;

pub mod yaml;

pub mod model;

pub mod load;

pub mod check;

pub mod diff;

pub mod render;

pub mod import;

pub mod serve;

pub mod cli;
pub mod harness;
