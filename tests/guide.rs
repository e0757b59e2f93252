//! The user guide (`docs/guide/`) as a script: every command of every page, in the pages' order,
//! run in one folder holding a copy of the examples, as a reader following the guide would run
//! them — each must succeed. The guide's edits that a reader makes in an editor are given to
//! the test as `<!-- guide-test: … -->` comments beside them. Pictures the pages show must exist.

mod common;

use std::path::Path;
use std::process::Command;

use common::root;

/// The commands of a page, in order: the lines of its ```sh blocks and its guide-test comments.
fn commands(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in page.lines() {
        if let Some(c) = line
            .trim()
            .strip_prefix("<!-- guide-test:")
            .and_then(|c| c.strip_suffix("-->"))
        {
            out.push(c.trim().to_string());
        } else if line == "```sh" {
            in_sh = true;
        } else if line == "```" {
            in_sh = false;
        } else if in_sh && !line.trim().is_empty() {
            out.push(line.to_string());
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_command_of_the_guide_runs_as_written() {
    let guide = root().join("docs/guide");
    let mut pages: Vec<_> = std::fs::read_dir(&guide)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 8, "the index and its seven pages");
    let sandbox = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), &sandbox.path().join("examples"));
    let path = common::path_with_hyoka();
    let mut ran = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        // Every picture a page shows is one the tests take.
        for (i, _) in text.match_indices("](../images/") {
            let rest = &text[i + 2..];
            let image = &rest[..rest.find(')').unwrap()];
            assert!(guide.join(image).is_file(), "{name}: no picture {image}");
        }
        for command in commands(&text) {
            assert!(
                command.starts_with("hyoka ")
                    || command.starts_with("cp ")
                    || command.starts_with("sed "),
                "{name}: `{command}` is not a command the guide may ask for"
            );
            let out = Command::new("bash")
                .arg("-c")
                .arg(&command)
                .current_dir(sandbox.path())
                .env("PATH", &path)
                .env("LANG", "ja_JP.UTF-8")
                .env("NO_COLOR", "1")
                .env_remove("GITHUB_ACTIONS")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: `{command}` failed ({:?}):\n{}{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 15, "{ran} commands");
    // What the pages promise came out.
    let s = sandbox.path();
    for made in [
        "介護保険/assessment.yaml",
        "八頭町.pdf",
        "八頭町.html",
        "新旧対照表.html",
        "八頭町.xlsx",
        "取り込み.yaml",
    ] {
        assert!(s.join(made).is_file(), "{made}");
    }
    let revised = std::fs::read_to_string(s.join("作業中.yaml")).unwrap();
    assert!(
        revised.contains("after: 企画課\n") && revised.contains("published: 令和7年4月1日"),
        "{revised}"
    );
}
