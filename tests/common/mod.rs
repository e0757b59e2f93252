//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use hyoka::diagnostic::Diagnostic;
use hyoka::load::{self, Loaded};
use hyoka::yaml::Limits;

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

/// Runs the `hyoka` binary in `dir` (no colour, not in GitHub Actions mode): exit code, standard
/// output, standard error.
pub fn hyoka_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    hyoka_capped(dir, None, args)
}

/// [`hyoka_in`] with the process's address space capped at `mb` megabytes (`ulimit -v`), for
/// inputs that once took gigabytes: a regression then fails the test instead of the machine.
pub fn hyoka_capped(dir: &Path, mb: Option<u64>, args: &[&str]) -> (i32, String, String) {
    let mut command = match mb {
        None => std::process::Command::new(env!("CARGO_BIN_EXE_hyoka")),
        Some(mb) => {
            let mut sh = std::process::Command::new("sh");
            sh.arg("-c")
                .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", mb * 1024))
                .arg(env!("CARGO_BIN_EXE_hyoka"));
            sh
        }
    };
    let out = command
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the `hyoka` binary in the repository root.
pub fn hyoka(args: &[&str]) -> (i32, String, String) {
    hyoka_in(&root(), args)
}

/// Runs git in `dir` with a fixed author, for tests that build a repository.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

/// `PATH` with the folder of the `hyoka` binary under test first, for scripts that call `hyoka`
/// as a user's shell would (the guide's commands, the GitHub Action's steps).
#[allow(dead_code)]
pub fn path_with_hyoka() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_hyoka"))
        .parent()
        .unwrap()
        .to_path_buf();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The lines that differ between two texts of the same line count, as (before, after) pairs.
pub fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
