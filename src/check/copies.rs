//! Copies of one assessment in one folder: the published copy kept beside the working one
//! (`assessment_R7公表版.yaml`), a backup (`scaffold.orig.yaml`). Files with the same 評価書番号 and
//! 評価実施機関名 are revisions of one assessment, not several assessments: the current one is
//! checked and listed, the earlier ones are the published baselines its change table is made
//! against (`hyoka serve`'s changes tab offers them; `hyoka history NEW --against COPY` takes
//! them), without git.
//!
//! Which is current: the later 公表日; at the same 公表日 (a working copy not yet published), the
//! one with more 変更箇所 rows; then the one saved last.

use std::path::{Path, PathBuf};

use crate::model::Date;
use crate::yaml::{self, Limits};

/// One assessment's files in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revisions {
    pub current: PathBuf,
    /// Earlier revisions, latest first.
    pub earlier: Vec<PathBuf>,
}

/// What tells copies apart and orders them, read from the file's tree alone.
struct Cover {
    key: Option<(String, String)>,
    published: Option<Date>,
    rows: usize,
    modified: Option<std::time::SystemTime>,
}

fn cover(path: &Path) -> Cover {
    let none = Cover {
        key: None,
        published: None,
        rows: 0,
        modified: None,
    };
    // Only a regular file, and only as much as the loader would read: a named pipe would block
    // the open, a device never end.
    let limit = Limits::default().max_bytes as u64;
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= limit);
    if !regular {
        return none;
    }
    let mut text = String::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_string(&mut std::io::Read::take(f, limit), &mut text));
    if read.is_err() {
        return none;
    }
    let Ok(tree) = yaml::parse(&text, &Limits::default()) else {
        return none;
    };
    let field = |k: &str| {
        tree.child("cover")
            .and_then(|c| c.child(k))
            .and_then(|n| n.as_str())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let rows = match tree.child("history").map(|h| &h.kind) {
        Some(yaml::NodeKind::Seq(items)) => items.len(),
        _ => 0,
    };
    Cover {
        key: field("number").zip(field("body")),
        published: field("published").and_then(|d| Date::parse(&d).ok()),
        rows,
        modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
    }
}

/// `files` grouped into assessments: files of one folder with the same 評価書番号 and
/// 評価実施機関名 are one, the rest each its own. In the order of each group's first file.
pub fn group(files: &[PathBuf]) -> Vec<Revisions> {
    let covers: Vec<Cover> = files.iter().map(|f| cover(f)).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, c) in covers.iter().enumerate() {
        let same = |j: usize| {
            c.key.is_some() && covers[j].key == c.key && files[j].parent() == files[i].parent()
        };
        match groups.iter_mut().find(|g| same(g[0])) {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|&a, &b| {
                let (x, y) = (&covers[a], &covers[b]);
                y.published
                    .cmp(&x.published)
                    .then(y.rows.cmp(&x.rows))
                    .then(y.modified.cmp(&x.modified))
                    .then(files[a].cmp(&files[b]))
            });
            Revisions {
                current: files[g[0]].clone(),
                earlier: g[1..].iter().map(|&i| files[i].clone()).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, number: &str, published: &str, rows: usize) -> PathBuf {
        let history: String = (0..rows)
            .map(|i| {
                format!(
                    "  - {{date: 令和6年1月{}日, item: x, timing: posterior}}\n",
                    i + 1
                )
            })
            .collect();
        let text = format!(
            "cover:\n  number: \"{number}\"\n  body: 八頭町長\n  published: {published}\nhistory:\n{history}"
        );
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn a_published_copy_is_the_earlier_revision_of_the_working_file() {
        let dir = tempfile::tempdir().unwrap();
        let published = write(
            dir.path(),
            "assessment_R6公表版.yaml",
            "3",
            "令和6年1月1日",
            2,
        );
        let working = write(dir.path(), "assessment.yaml", "3", "令和7年4月1日", 3);
        let other = write(dir.path(), "kaigo.yaml", "4", "令和6年1月1日", 0);
        let groups = group(&[published.clone(), working.clone(), other.clone()]);
        assert_eq!(
            groups,
            [
                Revisions {
                    current: working.clone(),
                    earlier: vec![published.clone()]
                },
                Revisions {
                    current: other,
                    earlier: vec![]
                }
            ]
        );
        // A working copy not yet given its new 公表日: the one with the new rows is current.
        let working = write(dir.path(), "assessment.yaml", "3", "令和6年1月1日", 3);
        let groups = group(&[published.clone(), working.clone()]);
        assert_eq!(groups[0].current, working);
        // Files of another folder are other assessments.
        let sub = dir.path().join("old");
        std::fs::create_dir(&sub).unwrap();
        let elsewhere = write(&sub, "assessment.yaml", "3", "令和5年1月1日", 1);
        assert_eq!(group(&[working, elsewhere]).len(), 2);
    }
}
