//! hyoka (評価): 特定個人情報保護評価書 as reviewed, version-controlled YAML.
//!
//! The pipeline, one module per stage, each depending only on those before it:
//! [`load`] (YAML with positions) → [`model`] (typed assessment, schema) → [`check`] (rules and
//! diagnostics) → … → [`cli`] (thin command-line layer).

pub mod diagnostic;
pub mod templates;
pub mod text;

pub mod load;
pub mod model;

pub mod check;
pub mod cli;
pub mod diff;
pub mod import;
pub mod render;
pub mod serve;

pub mod harness;
