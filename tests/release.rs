//! Prebuilt binaries: `.ci/package` (what `.github/workflows/release.yml` runs on each
//! platform) packs a binary into a reproducible archive with a checksum, and the workflow
//! builds the three platforms the README promises.

mod common;

use std::process::Command;

use common::{example, git, root};

fn package(binary: &std::path::Path, out: &std::path::Path) -> String {
    let output = Command::new("bash")
        .arg(root().join(".ci/package"))
        .args(["x86_64-unknown-linux-gnu"])
        .arg(binary)
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[test]
fn package_holds_the_binary_and_readme_reproducibly_with_a_checksum() {
    let dir = tempfile::tempdir().unwrap();
    // A small stand-in: the script packs whatever binary it is given (a debug hyoka is 300 MB).
    let binary = dir.path().join("built-hyoka");
    std::fs::write(&binary, b"#!/bin/sh\necho hyoka\n").unwrap();
    let first = package(&binary, &dir.path().join("a"));
    let second = package(&binary, &dir.path().join("b"));
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("hyoka-{version}-x86_64-unknown-linux-gnu");
    assert!(first.ends_with(&format!("a/{name}.tar.gz")), "{first}");
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
        "the same input packs to the same bytes"
    );

    let listing = Command::new("tar")
        .arg("tzvf")
        .arg(&first)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(listing.contains(&format!("{name}/hyoka\n")), "{listing}");
    assert!(
        listing.contains("-rwx"),
        "the binary stays executable: {listing}"
    );
    assert!(listing.contains(&format!("{name}/README.md")), "{listing}");
    assert!(
        listing.contains(" 0/0 "),
        "no builder's user in the archive: {listing}"
    );

    let check = Command::new("sha256sum")
        .arg("-c")
        .arg(format!("{name}.tar.gz.sha256"))
        .current_dir(dir.path().join("a"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn release_workflow_builds_linux_windows_and_macos_and_packs_each() {
    let text = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let tree = hyoka::yaml::parse(&text, &Default::default()).expect("release.yml parses");
    let matrix = tree
        .child("jobs")
        .and_then(|j| j.child("build"))
        .and_then(|b| b.child("strategy"))
        .and_then(|s| s.child("matrix"))
        .and_then(|m| m.child("include"))
        .expect("a build matrix");
    let targets: Vec<String> = (0..)
        .map_while(|i| matrix.child(&i.to_string()))
        .filter_map(|row| {
            row.child("target")
                .and_then(|t| t.as_str())
                .map(str::to_string)
        })
        .collect();
    for platform in ["linux", "windows", "apple-darwin"] {
        assert!(
            targets.iter().any(|t| t.contains(platform)),
            "{platform} missing from {targets:?}"
        );
    }
    assert!(text.contains(".ci/package ${{ matrix.target }}"));
    assert!(text.contains("gh release create"));
}

/// A step's `run` script from action.yml, by its name, with the action's inputs put in.
fn action_step(name: &str, inputs: &[(&str, &str)]) -> String {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let tree = hyoka::yaml::parse(&text, &Default::default()).expect("action.yml parses");
    let runs = tree.child("runs").expect("runs");
    assert_eq!(
        runs.child("using").and_then(|u| u.as_str()),
        Some("composite")
    );
    let steps = runs.child("steps").expect("steps");
    let step = (0..)
        .map_while(|i| steps.child(&i.to_string()))
        .find(|s| s.child("name").and_then(|n| n.as_str()) == Some(name))
        .unwrap_or_else(|| panic!("no step {name}"));
    assert_eq!(step.child("shell").and_then(|s| s.as_str()), Some("bash"));
    let mut script = step
        .child("run")
        .and_then(|r| r.as_str())
        .unwrap()
        .to_string();
    for (input, value) in inputs {
        script = script.replace(&format!("${{{{ inputs.{input} }}}}"), value);
    }
    assert!(!script.contains("${{"), "an input left unfilled: {script}");
    script
}

/// The action's check and summary steps, run as a runner would on an assessments repository:
/// annotations for a broken file, the SARIF report, and the 変更箇所 rows of the changed
/// assessment in the job summary. The install step downloads a release, so it is only parsed.
#[test]
fn the_action_checks_with_annotations_and_writes_the_changes_to_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::create_dir_all(repo.join("assessments")).unwrap();
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    std::fs::write(repo.join("assessments/yazu.yaml"), &text).unwrap();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-qm", "published"]);
    git(repo, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    std::fs::write(
        repo.join("assessments/yazu.yaml"),
        text.replacen("head_title: 町民課長", "head_title: 企画課長", 1),
    )
    .unwrap();
    let path = common::path_with_hyoka();
    let summary = repo.join("summary.md");
    let run = |script: &str| {
        Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(repo)
            .env("PATH", &path)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("BASE", "main")
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap()
    };
    let inputs = [("paths", "assessments"), ("sarif", "hyoka.sarif")];
    let check = run(&action_step("Check the assessments", &inputs));
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("hyoka.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let rows = run(&action_step("変更箇所 of the changed assessments", &inputs));
    assert!(
        rows.status.success(),
        "{}",
        String::from_utf8_lossy(&rows.stderr)
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("### assessments/yazu.yaml"),
        "{summary}"
    );
    assert!(
        summary.contains("| 町民課長 | 企画課長 | 事後（"),
        "{summary}"
    );
    // A broken assessment fails the check step with an annotation at its line.
    std::fs::write(
        repo.join("assessments/yazu.yaml"),
        text.replacen("head_title: 町民課長", "head_titel: 町民課長", 1),
    )
    .unwrap();
    let failed = run(&action_step("Check the assessments", &inputs));
    assert!(!failed.status.success());
    let out = String::from_utf8_lossy(&failed.stdout);
    assert!(
        out.contains("::error file=assessments/yazu.yaml,line="),
        "{out}"
    );
    // The install step names a target for every runner the release builds.
    let install = action_step("Install hyoka", &[("version", "0.1.0")]);
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(install.contains(target), "{target}");
    }
}

/// The pre-commit hook's entry, run as pre-commit runs it: on the files it selects.
#[test]
fn the_pre_commit_hook_checks_the_yaml_files_it_selects() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let tree = hyoka::yaml::parse(&text, &Default::default()).expect("the hooks parse");
    let hook = tree.child("0").expect("one hook");
    assert_eq!(
        hook.child("id").and_then(|i| i.as_str()),
        Some("hyoka-check")
    );
    assert_eq!(
        hook.child("language").and_then(|i| i.as_str()),
        Some("rust")
    );
    let files = regex::Regex::new(hook.child("files").and_then(|f| f.as_str()).unwrap()).unwrap();
    let exclude =
        regex::Regex::new(hook.child("exclude").and_then(|f| f.as_str()).unwrap()).unwrap();
    let selected: Vec<String> = [
        "examples/yazu-kokuho/assessment.yaml",
        "action.yml",
        "Cargo.toml",
        ".github/workflows/release.yml",
    ]
    .iter()
    .filter(|p| files.is_match(p) && !exclude.is_match(p))
    .map(|p| p.to_string())
    .collect();
    assert_eq!(selected, ["examples/yazu-kokuho/assessment.yaml"]);
    let entry: Vec<&str> = hook
        .child("entry")
        .and_then(|e| e.as_str())
        .unwrap()
        .split(' ')
        .collect();
    assert_eq!(entry[0], "hyoka");
    let out = Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(&entry[1..])
        .args(&selected)
        .args(["--today", "2024-06-01"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
