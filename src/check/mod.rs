//! Stage 3: check assessments and collect diagnostics.
//!
//! This stage loads each file (schema-level problems come from [`crate::load`]) and is where the
//! compliance rules run. Output formats live in [`output`].

pub mod output;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Message, Pos, Severity, Summary};
use crate::load::{self, yaml::Limits, Loaded};

pub const CODE_NO_FILES: &str = "HY0012";

/// The result of checking a set of files.
#[derive(Debug)]
pub struct Report {
    pub files: Vec<Loaded>,
    /// Problems not tied to one loaded file (a path that does not exist, an empty directory).
    pub general: Vec<Diagnostic>,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.general
            .iter()
            .chain(self.files.iter().flat_map(|f| f.diagnostics.iter()))
    }

    pub fn summary(&self) -> Summary {
        Summary::of(self.diagnostics())
    }
}

/// The `*.yaml` / `*.yml` files under `paths` (a file is taken as given), sorted, and the paths
/// that could not be read.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk_dir(p, &mut files, &mut problems);
            if files.len() == before {
                problems.push(general(
                    p,
                    CODE_NO_FILES,
                    Message::new(
                        "このディレクトリに YAML ファイルがありません",
                        "no YAML files in this directory",
                    ),
                ));
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            problems.push(general(
                p,
                load::CODE_IO,
                Message::new("ファイルが見つかりません", "no such file or directory"),
            ));
        }
    }
    files.sort();
    files.dedup();
    (files, problems)
}

fn general(p: &Path, code: &'static str, message: Message) -> Diagnostic {
    Diagnostic::new(code, Severity::Error, message).at(
        &p.display().to_string(),
        Pos { line: 1, column: 1 },
        "",
    )
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(general(
                dir,
                load::CODE_IO,
                Message::new(
                    format!("ディレクトリを読めません: {e}"),
                    format!("cannot read the directory: {e}"),
                ),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            walk_dir(&path, files, problems);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            files.push(path);
        }
    }
}

/// Loads and checks every assessment under `paths`.
pub fn check_paths(paths: &[PathBuf], limits: &Limits) -> Report {
    let (files, general) = collect(paths);
    let files = files.iter().map(|p| load::load_path(p, limits)).collect();
    Report { files, general }
}
