//! Where a revision comes from: a file, or `REV:PATH` read from git (`HEAD~1:examples/a.yaml`).

use std::path::Path;
use std::process::Command;

use crate::diagnostic::Message;
use crate::load::{self, Loaded};
use crate::yaml::Limits;

/// Loads a revision. A path that exists is a file, even if it contains a colon; otherwise
/// `REV:PATH` is read with `git show` in the current directory.
pub fn load_revision(spec: &str, limits: &Limits) -> Result<Loaded, Message> {
    if Path::new(spec).exists() {
        return Ok(load::load_path(Path::new(spec), limits));
    }
    let Some((rev, path)) = spec.split_once(':') else {
        return Err(Message::new(
            format!("{spec}: ファイルが見つかりません"),
            format!("{spec}: no such file"),
        ));
    };
    load_git_object(None, &format!("{rev}:{path}"), spec, limits)
}

/// `git show OBJECT` (`REV:PATH`), run in `dir` (else the current directory), loaded under
/// the name `name`.
pub fn load_git_object(
    dir: Option<&Path>,
    object: &str,
    name: &str,
    limits: &Limits,
) -> Result<Loaded, Message> {
    let mut git = Command::new("git");
    if let Some(dir) = dir {
        git.arg("-C").arg(dir);
    }
    let output = git.args(["show", object]).output().map_err(|e| {
        Message::new(
            format!("git を実行できません: {e}"),
            format!("cannot run git: {e}"),
        )
    })?;
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(Message::new(
            format!("{name}: git から読めません: {err}"),
            format!("{name}: cannot read from git: {err}"),
        ));
    }
    if output.stdout.len() > limits.max_bytes {
        return Err(Message::new(
            format!("{name}: ファイルが大きすぎます"),
            format!("{name}: file is too large"),
        ));
    }
    Ok(load::load_bytes(name, &output.stdout, limits))
}
