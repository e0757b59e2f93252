//! Prebuilt binaries: `.ci/package` (what `.github/workflows/release.yml` runs on each
//! platform) packs a binary into a reproducible archive with a checksum, and the workflow
//! builds the three platforms the README promises.

mod common;

use std::process::Command;

use common::root;

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
