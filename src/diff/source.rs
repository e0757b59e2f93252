//! Where a revision comes from: a file, or `REV:PATH` read from git (`HEAD~1:examples/a.yaml`).
//! A revision is named on the command line or in a URL, so it is checked before git sees it: a
//! name git could take as an option (`--output=…`) is refused, and `--end-of-options` stands
//! before it all the same.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostic::Message;
use crate::load::{self, Loaded};
use crate::yaml::Limits;

/// Whether `rev` is a plain revision name (`HEAD~1`, `v2024`, `main`, a commit id).
pub fn valid_rev(rev: &str) -> bool {
    !rev.is_empty()
        && rev.len() <= 200
        && !rev.starts_with('-')
        && !rev.contains("..")
        && !rev.contains(':')
        && rev
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/~^@{}-".contains(c))
}

/// The refusal of a revision name git could misread.
pub fn invalid_rev(rev: &str) -> Message {
    Message::new(
        format!("版の指定 `{rev}` は使えません（HEAD、HEAD~1、タグ名、ブランチ名など）"),
        format!("`{rev}` is not a revision name (HEAD, HEAD~1, a tag or a branch)"),
    )
}

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
    if !valid_rev(rev) {
        return Err(invalid_rev(rev));
    }
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
    let mut child = git
        .args(["show", "--end-of-options", object])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Message::new(
                format!("git を実行できません: {e}"),
                format!("cannot run git: {e}"),
            )
        })?;
    // The object is read within the size limit, not whole and then measured.
    let mut stdout = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|o| o.take(limits.max_bytes as u64 + 1).read_to_end(&mut stdout));
    if stdout.len() > limits.max_bytes {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Message::new(
            format!("{name}: ファイルが大きすぎます"),
            format!("{name}: file is too large"),
        ));
    }
    let mut stderr = String::new();
    if let Some(e) = child.stderr.take() {
        let _ = e.take(64 << 10).read_to_string(&mut stderr);
    }
    let status = child.wait();
    if !matches!(status, Ok(s) if s.success()) || !matches!(read, Some(Ok(_))) {
        let err = stderr.trim().to_string();
        return Err(Message::new(
            format!("{name}: git から読めません: {err}"),
            format!("{name}: cannot read from git: {err}"),
        ));
    }
    Ok(load::load_bytes(name, &stdout, limits))
}
