//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hyoka::diagnostic::Diagnostic;
use hyoka::load::{self, yaml::Limits, Loaded};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(name).join("assessment.yaml")
}

pub fn load_example(name: &str) -> Loaded {
    load::load_path(&example(name), &Limits::default())
}

pub fn load_text(text: &str) -> Loaded {
    load::load_str("test.yaml", text, &Limits::default())
}

pub fn load_file(path: &Path) -> Loaded {
    load::load_path(path, &Limits::default())
}

/// `CODE@line:col` for each diagnostic, in order: compact and easy to compare.
pub fn codes(loaded: &Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| format!("{}@{}:{}", d.code, d.pos.line, d.pos.column))
        .collect()
}

pub const EXAMPLES: &[&str] = &["yazu-kokuho", "shinjuku-kokuho", "higashiyama-jidoteate"];
