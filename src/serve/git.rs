//! The revisions a changes page compares against, read with git from the file's own folder.
//! A revision comes from the URL, so it is checked before it reaches git: a name git could take
//! as an option (`--output=…`) or a path outside the file is refused (`diff::source::valid_rev`,
//! the same check the command line's `REV:PATH` gets).

use std::path::Path;
use std::process::Command;

use crate::diagnostic::Message;
use crate::diff::source::{invalid_rev, valid_rev};
use crate::load::Loaded;
use crate::yaml::Limits;

fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(dir);
    c
}

/// Whether the file's folder is in a git repository (with a commit to compare against).
pub fn is_repo(file: &Path) -> bool {
    let Some(dir) = file.parent() else {
        return false;
    };
    git(dir)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The revisions to offer: HEAD and its parent, then tags and branches; none outside git.
pub fn revisions(file: &Path) -> Vec<String> {
    if !is_repo(file) {
        return Vec::new();
    }
    let mut out = vec!["HEAD".to_string(), "HEAD~1".to_string()];
    let Some(dir) = file.parent() else {
        return out;
    };
    if let Ok(o) = git(dir)
        .args([
            "for-each-ref",
            "--sort=-creatordate",
            "--format=%(refname:short)",
            "refs/tags",
            "refs/heads",
        ])
        .output()
    {
        if o.status.success() {
            for name in String::from_utf8_lossy(&o.stdout).lines() {
                if valid_rev(name) && !out.iter().any(|r| r == name) {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

/// The file as it was at `rev`.
pub fn load(file: &Path, rev: &str) -> Result<Loaded, Message> {
    if !valid_rev(rev) {
        return Err(invalid_rev(rev));
    }
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return Err(Message::new("ファイル名がありません", "no file name"));
    };
    let name = name.to_string_lossy();
    crate::diff::source::load_git_object(
        Some(dir),
        &format!("{rev}:./{name}"),
        &format!("{rev}:{name}"),
        &Limits::default(),
    )
}

#[cfg(test)]
mod tests {
    use crate::diff::source::valid_rev;

    #[test]
    fn revision_names_from_urls_cannot_become_options_or_paths() {
        for ok in [
            "HEAD",
            "HEAD~1",
            "HEAD^",
            "v2024.1",
            "main",
            "feature/x",
            "a1b2c3d",
            "@{1}",
        ] {
            assert!(valid_rev(ok), "{ok}");
        }
        for bad in [
            "",
            "--output=/tmp/x",
            "-p",
            "HEAD:../../etc/passwd",
            "a..b",
            "HEAD ;rm",
            "$(id)",
        ] {
            assert!(!valid_rev(bad), "{bad}");
        }
    }
}
