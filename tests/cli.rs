//! The `hyoka` binary: exit codes, output formats, language, init.

mod common;

use std::process::Command;

use common::*;
use serde_json::Value;

#[test]
fn checking_the_examples_directory_is_clean() {
    // Pinned "today": the examples were current in mid-2024 (新宿区's is over a year old then).
    let examples = root().join("examples");
    let (code, out, _) = hyoka(&[
        "--lang",
        "ja",
        "check",
        "--today",
        "2024-06-01",
        examples.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    // The three assessments and the two notices of purposes of use.
    assert!(
        out.contains("5 ファイルを検査: エラー 0 件、警告 1 件"),
        "{out}"
    );
    assert!(out.contains("警告[HY0405]"), "{out}");
}

#[test]
fn json_output_has_the_documented_shape_and_exit_code_1_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    let text = std::fs::read_to_string(example("yazu-kokuho"))
        .unwrap()
        .replace("  incident: none", "  incident: maybe");
    std::fs::write(&path, &text).unwrap();
    let (code, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        "--today",
        "2024-06-01",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = &v["diagnostics"][0];
    for key in [
        "code", "severity", "message", "file", "line", "column", "path",
    ] {
        assert!(d.get(key).is_some(), "{key} missing in {d}");
    }
    assert_eq!(d["code"], "HY0004");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "/threshold/incident");
    assert_eq!(
        d["line"],
        text.lines().position(|l| l == "  incident: maybe").unwrap() + 1
    );
    // The rejected value is reported once, not again as a missing item.
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 1, "warnings": 0}),
        "{out}"
    );
}

#[test]
fn human_output_shows_the_source_line_and_a_caret() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    std::fs::write(&path, "forms: [basic]\nedtions: {}\n").unwrap();
    let (code, out, _) = hyoka(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[HY0002]: unknown key `edtions`"),
        "{out}"
    );
    assert!(out.contains("2 | edtions: {}\n  | ^"), "{out}");
    assert!(out.contains("did you mean `editions`?"), "{out}");
}

#[test]
fn warnings_alone_exit_0_unless_strict() {
    let path = example("yazu-kokuho");
    // Years later, the keeping-current rules warn; warnings do not fail a check.
    let (code, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        "--today",
        "2029-06-01",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[HY0405]") && out.contains("warning[HY0406]"),
        "{out}"
    );
    let (code, _, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        "--strict",
        "--today",
        "2029-06-01",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
}

#[test]
fn usage_and_io_failures_exit_2() {
    assert_eq!(hyoka(&["check"]).0, 2);
    assert_eq!(hyoka(&["frobnicate"]).0, 2);
    let (code, out, _) = hyoka(&["--lang", "en", "check", "/nonexistent/x.yaml"]);
    assert_eq!(code, 2);
    assert!(out.contains("no such file"), "{out}");
}

#[test]
fn lang_follows_the_environment_when_not_given() {
    let path = example("yazu-kokuho");
    let en = Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["check", path.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&en.stdout).contains("checked 1 file(s)"));
    let ja = Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["check", path.to_str().unwrap()])
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&ja.stdout).contains("1 ファイルを検査"));
}

#[test]
fn init_scaffolds_pass_check_for_every_form() {
    for form in ["basic", "key", "full"] {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new");
        let (code, _, err) = hyoka(&[
            "--lang",
            "en",
            "init",
            target.to_str().unwrap(),
            "--form",
            form,
        ]);
        assert_eq!(code, 0, "{err}");
        // It says what it wrote, the schema copy too, and why that is there.
        assert!(
            err.contains("also wrote")
                && err.contains("assessment.schema.json")
                && err.contains("editor"),
            "{err}"
        );
        let (code, out, _) = hyoka(&["--lang", "en", "check", target.to_str().unwrap()]);
        assert_eq!(code, 0, "{form}: {out}");
        // The scaffold's blanks are flagged, so a draft cannot be mistaken for a finished one.
        assert!(out.contains("warning[HY0704]"), "{out}");
        let text = std::fs::read_to_string(target.join("assessment.yaml")).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=./assessment.schema.json"));
        assert!(target.join("assessment.schema.json").is_file());
        // Block style only, with the form's label above every key and a choice's alternatives.
        let forms = if form == "basic" {
            "forms:\n  - basic\n".to_string()
        } else {
            format!("forms:\n  - basic\n  - {form}\n")
        };
        assert!(text.contains(&forms), "{text}");
        let data: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect();
        assert!(
            data.iter()
                .all(|l| !l.contains(": {") && !l.contains(": [") || l.ends_with(": []")),
            "{text}"
        );
        assert!(text.contains("  # ①事務の名称\n  name: ○○"), "{text}");
        assert!(text.contains("/ sufficient 十分である / "), "{text}");
        // No bare 「選択肢」 line above a choice's list; an id says what it is for.
        assert!(!text.contains("# 選択肢\n"), "{text}");
        assert!(text.contains("# ID: 改版間で"), "{text}");
        // Every box the form prints, by the form's words for it (not the schema's shared title).
        if form == "basic" {
            for (label, key) in [
                ("委託しない", "not_applicable"),
                ("提供・移転しない", "not_applicable"),
                ("内部監査", "internal"),
                ("外部監査", "external"),
            ] {
                assert!(
                    text.contains(&format!(
                        "# ［ ］{label}（付けるなら true）\n    {key}: false"
                    )),
                    "{label}: {text}"
                );
            }
        }
        // A value with a comma, typed over the placeholder, stays whole (flow style cut it).
        let body_line = text.lines().find(|l| l.starts_with("  body: ")).unwrap();
        let typed = text.replacen(body_line, "  body: ○○町長（人口12,000人）", 1);
        std::fs::write(target.join("assessment.yaml"), &typed).unwrap();
        let loaded = load_file(&target.join("assessment.yaml"));
        assert_eq!(
            loaded.assessment.unwrap().cover.body,
            "○○町長（人口12,000人）"
        );
        std::fs::write(target.join("assessment.yaml"), &text).unwrap();
        // A second init does not overwrite the work.
        assert_eq!(
            hyoka(&["init", target.to_str().unwrap(), "--form", form]).0,
            2
        );
    }
}

/// `hyoka init 介護保険.yaml` creates that file (not a folder of that name).
#[test]
fn init_with_a_yaml_file_name_creates_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = hyoka_in(dir.path(), &["init", "介護保険.yaml"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("介護保険.yaml");
    assert!(file.is_file(), "{err}");
    assert!(dir.path().join("assessment.schema.json").is_file());
    let (code, out, _) = hyoka_in(dir.path(), &["--lang", "en", "check", "介護保険.yaml"]);
    assert_eq!(code, 0, "{out}");
    // In a folder that does not exist yet, too.
    let (code, _, err) = hyoka_in(dir.path(), &["init", "new/児童手当.yml", "--form", "key"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("new/児童手当.yml").is_file());
    assert_eq!(
        hyoka_in(dir.path(), &["init", "介護保険.yaml"]).0,
        2,
        "not overwritten"
    );
}

#[test]
fn schema_command_writes_atomically_and_matches_the_committed_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = hyoka(&["schema", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(dir.path().join("assessment.schema.json")).unwrap();
    assert_eq!(
        written,
        std::fs::read_to_string(root().join("schemas/assessment.schema.json")).unwrap()
    );
    let notice = std::fs::read_to_string(dir.path().join("notice.schema.json")).unwrap();
    assert_eq!(
        notice,
        std::fs::read_to_string(root().join("schemas/notice.schema.json")).unwrap()
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "the two schemas, no temporary file left behind"
    );
    let (code, out, _) = hyoka(&["schema", "-o", "-"]);
    assert_eq!(code, 0);
    assert_eq!(out, written);
}

/// `LANG=C.UTF-8` is the C locale (English), as the README says; under a Japanese locale even
/// argument errors, which clap reports in English, are said in Japanese.
#[test]
fn locale_picks_the_language_of_every_message() {
    let run = |lang: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hyoka"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run("C.UTF-8", &["check", "nonexist"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no such file"));
    let out = run("ja_JP.UTF-8", &["check", "nonexist"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("ファイルが見つかりません"));
    let out = run("ja_JP.UTF-8", &["render", "--format", "docx", "x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`docx` は指定できません") && err.contains("pdf, html"),
        "{err}"
    );
    let out = run(
        "ja_JP.UTF-8",
        &["--lang", "en", "render", "--format", "docx", "x.yaml"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value"));
    // An unknown command is answered with the list of commands, every one of them.
    let out = run("ja_JP.UTF-8", &["chek"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for command in [
        "check", "diff", "history", "render", "serve", "init", "explain",
    ] {
        assert!(err.contains(command), "{command} in {err}");
    }
}

/// `--help` follows the language like every other message: Japanese headings and texts under a
/// Japanese locale, clap's English under `--lang en`; `hyoka help COMMAND` works in both.
#[test]
fn help_is_in_the_users_language() {
    let run = |lang: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_hyoka"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, ja) = run("ja_JP.UTF-8", &["render", "--help"]);
    assert_eq!(code, Some(0));
    assert!(ja.contains("使い方: hyoka render"), "{ja}");
    assert!(ja.contains("オプション:"), "{ja}");
    assert!(ja.contains("確認用の下書き"), "{ja}");
    assert!(
        !ja.contains("Options:") && !ja.contains("Print help"),
        "{ja}"
    );

    let (code, via_subcommand) = run("ja_JP.UTF-8", &["help", "render"]);
    assert_eq!(code, Some(0));
    assert_eq!(via_subcommand, ja);

    let (code, en) = run("ja_JP.UTF-8", &["--lang", "en", "render", "--help"]);
    assert_eq!(code, Some(0));
    assert!(en.contains("Usage: hyoka render"), "{en}");
    assert!(en.contains("Render even when"), "{en}");
    let (_, c_locale) = run("C.UTF-8", &["help", "render"]);
    assert!(c_locale.contains("Usage: hyoka render"), "{c_locale}");
}

/// `-o /dev/null` or `-o` a named pipe: written into, never renamed over (that would put a
/// regular file where the device or the pipe was — it once replaced this machine's /dev/null).
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_writes_into_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("out.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    let book = dir.path().join("yazu.xlsx");
    let (code, _, err) = hyoka(&[
        "render",
        "examples/yazu-kokuho/assessment.yaml",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = hyoka(&[
        "import",
        book.to_str().unwrap(),
        "-o",
        pipe.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // Checked before waiting for the reader: were the pipe replaced, it would wait for ever.
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
    let read = reader.join().unwrap();
    assert!(read.contains("forms:"), "{read}");
}

/// Every tick box a form prints has its key in that form's scaffold (in the first entry of a
/// repeated block), so a clerk finds 委託しない, 内部監査, 外部監査 and 提供・移転しない by their
/// labels rather than by reading a schema.
#[test]
fn every_box_of_every_form_is_in_its_scaffold() {
    use hyoka::model::form::{self, FormNode, NodeKind};
    use hyoka::model::FormKind;
    fn boxes(nodes: &[FormNode], prefix: &str, out: &mut Vec<(String, String)>) {
        for n in nodes {
            let here = match &n.repeat {
                Some(list) => format!("{prefix}/{}/0", list.replace('.', "/")),
                None => prefix.to_string(),
            };
            if let (NodeKind::Tick, Some(p)) = (n.kind(), &n.path) {
                out.push((format!("{here}/{}", p.replace('.', "/")), n.label.clone()));
            }
            boxes(&n.children, &here, out);
        }
    }
    let mut missing = Vec::new();
    for kind in [FormKind::Basic, FormKind::Key, FormKind::Full] {
        let text = hyoka::model::scaffold::scaffold_text(kind, "x", "令和7年4月1日");
        let tree = hyoka::yaml::parse(&text, &Default::default())
            .unwrap()
            .to_json();
        // The boxes of every form the scaffold declares (様式3/4's scaffolds carry 様式2 too).
        let mut found = Vec::new();
        for declared in tree["forms"].as_array().unwrap() {
            let def = form::all()
                .iter()
                .find(|d| d.form.id() == declared)
                .unwrap();
            boxes(&def.nodes, "", &mut found);
        }
        for (path, label) in found {
            if tree.pointer(&path).is_none() {
                missing.push(format!("{}: {path} ({label})", kind.id()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "boxes missing from the scaffolds:\n{}",
        missing.join("\n")
    );
}

/// The Japanese help lists a command's arguments in their order, as its usage line does.
#[test]
fn japanese_help_keeps_the_arguments_in_order() {
    let (code, out, _) = hyoka(&["--lang", "ja", "diff", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("[OLD] [NEW]"), "{out}");
    let (old, new) = (out.find("  [OLD]").unwrap(), out.find("  [NEW]").unwrap());
    assert!(old < new, "{out}");
}
