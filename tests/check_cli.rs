//! `hyoka check` output formats and settings, and the `rules`, `explain`, `threshold` commands.

mod common;

use std::process::Command;

use common::*;
use serde_json::Value;

fn broken(name: &str) -> String {
    root()
        .join("tests/broken")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

const TODAY: [&str; 2] = ["--today", "2024-06-01"];

#[test]
fn github_annotations_carry_file_line_col_and_title() {
    let file = broken("yazu-threshold-and-history.yaml");
    let (code, out, _) = hyoka(&[
        "--lang", "en", "check", TODAY[0], TODAY[1], "--format", "github", &file,
    ]);
    assert_eq!(code, 1);
    let line = out
        .lines()
        .find(|l| l.contains("HY0101"))
        .expect("HY0101 annotated");
    assert!(
        line.starts_with(&format!(
            "::error file={},line=",
            file.replace(':', "%3A").replace(',', "%2C")
        )),
        "{line}"
    );
    assert!(
        line.contains(",col=") && line.contains("title=HY0101 threshold-result::"),
        "{line}"
    );
    // Chosen automatically on GitHub Actions.
    let auto = Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["--lang", "en", "check", TODAY[0], TODAY[1], &file])
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&auto.stdout).starts_with("::"));
}

#[test]
fn sarif_is_2_1_0_with_rules_and_stable_fingerprints() {
    let file = broken("shinjuku-delegations.yaml");
    let (code, out, _) = hyoka(&[
        "--lang", "en", "check", TODAY[0], TODAY[1], "--format", "sarif", &file,
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "HY0203"
        && r["help"]["text"]
            .as_str()
            .unwrap()
            .contains("## Why it matters")));
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "HY0203")
        .unwrap();
    assert_eq!(result["level"], "error");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "HY0203"
    );
    assert!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            > 1
    );
    let fp = result["partialFingerprints"]["hyokaPath/v1"]
        .as_str()
        .unwrap();
    assert!(
        fp.starts_with("HY0203:") && fp.ends_with("/files/1/provision/provides"),
        "{fp}"
    );
}

#[test]
fn junit_has_one_testcase_per_file_failing_on_errors() {
    let ok = example("yazu-kokuho");
    let bad = broken("higashiyama-citations-and-text.yaml");
    let (code, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        TODAY[0],
        TODAY[1],
        "--format",
        "junit",
        ok.to_str().unwrap(),
        &bad,
    ]);
    assert_eq!(code, 1);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(out.contains("tests=\"2\" failures=\"1\""), "{out}");
    assert_eq!(out.matches("<testcase ").count(), 2);
    assert!(out.contains("HY0601"));
}

#[test]
fn config_changes_severities_and_turns_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = example("shinjuku-kokuho");
    // By default HY0405 (annual review) is a warning: exit 0.
    let (code, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "check",
            TODAY[0],
            TODAY[1],
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{out}");
    std::fs::write(
        dir.path().join("hyoka.toml"),
        "[rules]\nHY0405 = \"error\"\nHY0103 = \"off\"\n",
    )
    .unwrap();
    let (code, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "check",
            TODAY[0],
            TODAY[1],
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[HY0405]"), "{out}");
    assert!(!out.contains("HY0103"), "{out}");
    // A typo in the settings is a usage error, not a silently ignored line.
    std::fs::write(dir.path().join("hyoka.toml"), "[rules]\nHY9999 = \"off\"\n").unwrap();
    let (code, _, err) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", file.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule code `HY9999`"), "{err}");
}

#[test]
fn amendment_cutover_is_a_setting() {
    let dir = tempfile::tempdir().unwrap();
    let file = example("yazu-kokuho");
    // Published 令和6年1月1日, before the default cut-over: no warning.
    let (_, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "check",
            TODAY[0],
            TODAY[1],
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.contains("HY0603"), "{out}");
    std::fs::write(
        dir.path().join("hyoka.toml"),
        "[check]\namendment_cutover = \"令和5年6月9日\"\n",
    )
    .unwrap();
    let (_, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "check",
            TODAY[0],
            TODAY[1],
            file.to_str().unwrap(),
        ],
    );
    assert!(out.contains("warning[HY0603]"), "{out}");
}

#[test]
fn allow_comments_need_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.yaml");
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "other_bodies: なし",
            "# hyoka: allow HY0704\nother_bodies: ○○",
        ),
    )
    .unwrap();
    let (_, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        TODAY[0],
        TODAY[1],
        path.to_str().unwrap(),
    ]);
    assert!(
        out.contains("warning[HY0013]") && out.contains("warning[HY0704]"),
        "{out}"
    );
    std::fs::write(
        &path,
        text.replace(
            "other_bodies: なし",
            "other_bodies: ○○  # hyoka: allow HY0704 調整中（令和7年4月まで）",
        ),
    )
    .unwrap();
    let (_, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        TODAY[0],
        TODAY[1],
        path.to_str().unwrap(),
    ]);
    assert!(!out.contains("HY0013") && !out.contains("HY0704"), "{out}");
}

#[test]
fn an_empty_directory_is_a_usage_failure() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = hyoka(&["--lang", "en", "check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.contains("HY0012"), "{out}");
}

#[test]
fn rules_lists_every_code_and_explain_prints_its_page() {
    let (code, out, _) = hyoka(&["--lang", "en", "rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), hyoka::check::registry::RULES.len());
    assert!(rules
        .iter()
        .any(|r| r["code"] == "HY0501" && r["severity"] == "warning"));
    let (code, out, _) = hyoka(&["--lang", "ja", "explain", "HY0501"]);
    assert_eq!(code, 0);
    // Read for a terminal, in one language: no Markdown, no JSON Pointers.
    assert!(
        out.starts_with("HY0501 important-posterior-without-reason — 警告: "),
        "{out}"
    );
    assert!(out.contains("なぜ問題か") && out.contains("誤りの例") && out.contains("正しい例"));
    assert!(
        !out.contains("```") && !out.contains("Why it matters"),
        "{out}"
    );
    let (_, en, _) = hyoka(&["--lang", "en", "explain", "HY0501"]);
    assert!(
        en.contains("Why it matters") && !en.contains("なぜ問題か"),
        "{en}"
    );
    // By name too, and case-insensitively.
    assert_eq!(hyoka(&["--lang", "ja", "explain", "hy0501"]).1, out);
    assert_eq!(
        hyoka(&[
            "--lang",
            "ja",
            "explain",
            "important-posterior-without-reason"
        ])
        .1,
        out
    );
    assert_eq!(hyoka(&["explain", "HY9999"]).0, 2);
}

#[test]
fn threshold_computes_the_table_with_reasons() {
    let (code, out, _) = hyoka(&[
        "--lang",
        "en",
        "threshold",
        "--people",
        "１２，０００人",
        "--handlers",
        "120人",
        "--incident",
        "yes",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["required"], "basic+key");
    assert_eq!(
        v["result_label"],
        "基礎項目評価及び重点項目評価の実施が義務付けられる"
    );
    assert_eq!(v["inputs"]["people"], "10k_to_100k");
    assert!(v["reasons"].as_array().unwrap().len() >= 2);
    for (people, handlers, incident, want) in [
        ("999", "600", "yes", "none"),
        ("5000", "600", "yes", "basic"),
        ("50000", "499", "no", "basic"),
        ("150000", "100", "no", "basic+key"),
        ("150000", "500", "no", "basic+full"),
        ("300000", "10", "no", "basic+full"),
        ("1k_to_10k", "under_500", "no", "basic"),
    ] {
        let (_, out, _) = hyoka(&[
            "threshold",
            "--people",
            people,
            "--handlers",
            handlers,
            "--incident",
            incident,
            "--format",
            "json",
        ]);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["required"], want, "{people} {handlers} {incident}");
    }
    let (code, out, _) = hyoka(&[
        "--lang",
        "ja",
        "threshold",
        "--people",
        "300000",
        "--handlers",
        "10",
        "--incident",
        "no",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("義務付けられる評価: 基礎項目評価及び全項目評価"),
        "{out}"
    );
    assert_eq!(
        hyoka(&[
            "threshold",
            "--people",
            "many",
            "--handlers",
            "1",
            "--incident",
            "no"
        ])
        .0,
        2
    );
}

/// A file whose lines end in a lone CR (old Mac, some pasted text): the line a diagnostic names
/// is the line it shows, counted as YAML counts lines (found by the `load` fuzz target).
#[test]
fn lone_carriage_returns_end_lines_in_reports_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cr.yaml");
    let text = std::fs::read_to_string(example("yazu-kokuho"))
        .unwrap()
        .replace("head_title:", "head_titel:")
        .replace('\n', "\r");
    std::fs::write(&path, &text).unwrap();
    let (_, out, _) = hyoka(&["--lang", "en", "check", path.to_str().unwrap()]);
    let line = text
        .split('\r')
        .position(|l| l.contains("head_titel"))
        .unwrap()
        + 1;
    assert!(out.contains(&format!("cr.yaml:{line}:")), "{out}");
    assert!(out.contains(&format!("{line} |   head_titel:")), "{out}");
}

/// `check ok.yaml nonexist`: the good file is still checked, the missing path is named without a
/// made-up position, and the run exits 2 (usage), as the README documents.
#[test]
fn a_missing_path_among_good_ones_is_exit_2() {
    let good = example("yazu-kokuho");
    let (code, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        TODAY[0],
        TODAY[1],
        good.to_str().unwrap(),
        "nonexist",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--> nonexist\n") && !out.contains("nonexist:1:1"),
        "{out}"
    );
    assert!(out.contains("checked 1 file(s)"), "{out}");
}

/// SARIF `uri`s are URI references: a Japanese file name and a space are percent-encoded.
#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("評価書 2025");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("国保.yaml"), "forms: [basic]\n").unwrap();
    let (_, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "check",
            "--format",
            "sarif",
            "評価書 2025/国保.yaml",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        uri,
        "%E8%A9%95%E4%BE%A1%E6%9B%B8%202025/%E5%9B%BD%E4%BF%9D.yaml"
    );
}

/// A section left out whole is one error where it goes, with the scaffold's block to paste;
/// pasted and filled in, the file checks.
#[test]
fn a_missing_section_is_said_once_where_it_goes_with_its_block() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let start = text.find("\ninquiry:").unwrap() + 1;
    let end = text.find("\nthreshold:").unwrap() + 1;
    std::fs::write(
        dir.path().join("a.yaml"),
        format!("{}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let (code, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "check",
            "a.yaml",
            "--format",
            "json",
            "--today",
            "2024-06-01",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors[0];
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("HY0201"), Some("/inquiry"))
    );
    let threshold_line = text[..start].lines().count() + 1;
    assert_eq!(
        e["line"], threshold_line,
        "where it goes: before threshold:"
    );
    let help = e["help"].as_str().unwrap();
    let block = help.split_once(":\n").unwrap().1;
    assert!(
        block.contains("inquiry:\n") && block.contains("contact:"),
        "{help}"
    );
    // Pasted where it was said to go, with the contact written: no error left.
    let filled = block.replace("○○", "企画課 0858-76-0212");
    let fixed = format!("{}{filled}\n{}", &text[..start], &text[end..]);
    std::fs::write(dir.path().join("a.yaml"), fixed).unwrap();
    let (code, out, _) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", "a.yaml", "--today", "2024-06-01"],
    );
    assert_eq!(code, 0, "{out}");
}

/// Each finding in the terminal names the page that explains it, and that page exists.
#[test]
fn every_finding_names_its_explain_page() {
    let (_, out, _) = hyoka(&["--lang", "en", "check", "tests/broken"]);
    let findings = ["error[", "warning[", "info["]
        .iter()
        .map(|s| out.lines().filter(|l| l.starts_with(s)).count())
        .sum::<usize>();
    assert!(findings > 10, "{out}");
    assert_eq!(
        out.matches("  = more: hyoka explain HY").count(),
        findings,
        "{out}"
    );
    let (code, page, _) = hyoka(&["--lang", "en", "explain", "HY0201"]);
    assert_eq!(code, 0);
    assert!(page.contains("HY0201"), "{page}");
}

/// `[check] exclude` in hyoka.toml leaves backups and copies out of a folder walk; a file named
/// on the command line is checked all the same.
#[test]
fn excluded_copies_are_not_checked_as_assessments() {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    std::fs::write(dir.path().join("assessment.yaml"), &a).unwrap();
    // A backup of another assessment (another 評価書番号): not a revision of this one.
    std::fs::write(
        dir.path().join("assessment_R7公表版.yaml"),
        a.replace("number: \"3\"", "number: \"98\""),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("scaffold.orig.yaml"),
        a.replace("number: \"3\"", "number: \"99\""),
    )
    .unwrap();
    let run = |args: &[&str]| {
        hyoka_in(
            dir.path(),
            &[&["--lang", "en", "check"], args, &["--today", "2024-06-01"]].concat(),
        )
        .1
    };
    assert!(run(&["."]).contains("checked 3 file(s)"));
    std::fs::write(
        dir.path().join("hyoka.toml"),
        "[check]\nexclude = [\"*公表版*\", \"*.orig.yaml\"]\n",
    )
    .unwrap();
    assert!(run(&["."]).contains("checked 1 file(s)"));
    assert!(run(&["scaffold.orig.yaml"]).contains("checked 1 file(s)"));
}

/// Every finding says how to fix it (a 対処 line), whatever the rule.
#[test]
fn every_finding_says_how_to_fix_it() {
    let (_, out, _) = hyoka(&["--lang", "en", "check", "tests/broken", "--format", "json"]);
    let report: Value = serde_json::from_str(&out).unwrap();
    let without: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["help"].as_str().is_none_or(str::is_empty))
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(without.is_empty(), "no 対処 for {without:?}");
}

/// A published copy kept beside the working file is its earlier revision, not a second
/// assessment: checked once (one HY0405, not two), and said so.
#[test]
fn a_published_copy_in_the_folder_is_an_earlier_revision_not_a_second_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    std::fs::write(dir.path().join("assessment_R6公表版.yaml"), &text).unwrap();
    let working = text.replace("  head_title: 町民課長", "  head_title: 企画課長");
    std::fs::write(dir.path().join("assessment.yaml"), working).unwrap();
    let (_, out, err) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", ".", "--today", "2026-12-01"],
    );
    assert!(out.contains("checked 1 file(s)"), "{out}{err}");
    assert_eq!(out.matches("warning[HY0405]").count(), 1, "{out}");
    assert!(
        out.contains("assessment_R6公表版.yaml: an earlier revision of ./assessment.yaml"),
        "{out}"
    );
    // Named on the command line, a copy is checked as given.
    let (_, out, _) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", "assessment_R6公表版.yaml"],
    );
    assert!(out.contains("checked 1 file(s)"), "{out}");
}
