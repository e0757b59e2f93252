//! `hyoka import WORKBOOK --into FILE`: a colleague's Excel edits taken into a commented YAML as
//! the smallest edits. Every example, with comments added, comes back byte for byte from its
//! own workbook; edits made in the official form's layout (tests/official/layout.rs) change
//! exactly the lines that hold them; a deleted system and an added one are a deletion and an
//! addition, not two renames.

mod common;
#[path = "official/layout.rs"]
mod layout;

use std::path::Path;

use common::*;
use hyoka::model::FormKind;
use hyoka::render;
use hyoka::yaml::{self, Limits};
use serde_json::{json, Value};

/// The example's text with a comment above each top-level key and after every one-line scalar
/// that is not inside a flow collection: what a reviewer's file looks like.
fn commented(text: &str) -> String {
    let tree = yaml::parse(text, &Limits::default()).unwrap();
    let mut commented_lines = std::collections::BTreeSet::new();
    for (_, node) in tree.scalars() {
        let (start, end) = (node.span.start.line, node.span.end.line);
        if start == end {
            commented_lines.insert(start);
        }
    }
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let top_key = !line.starts_with([' ', '#', '-']) && line.contains(':');
        if top_key {
            out.push_str("# 確認: 企画課 2024-01\n");
        }
        out.push_str(line);
        let plain_end = !line.contains(['{', '[', '|', '>']) && !line.trim_start().starts_with('#');
        if commented_lines.contains(&n) && plain_end && line.contains(": ") {
            out.push_str("  # 確認済");
        }
        out.push('\n');
    }
    out
}

/// `left == right`, showing the lines that differ (a whole file does not fit a message).
fn assert_same_text(left: &str, right: &str, what: &str) {
    if left == right {
        return;
    }
    let dir = std::env::temp_dir().join(format!("hyoka-into-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("got.yaml"), left).unwrap();
    std::fs::write(dir.join("want.yaml"), right).unwrap();
    let diff = std::process::Command::new("diff")
        .arg(dir.join("want.yaml"))
        .arg(dir.join("got.yaml"))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let short: String = diff.lines().take(40).collect::<Vec<_>>().join("\n");
    panic!("{what}: the texts differ (want → got):\n{short}");
}

fn run_into(dir: &Path, workbook: &Path, file: &Path) -> (i32, String) {
    let (code, out, err) = hyoka_in(
        dir,
        &[
            "--lang",
            "en",
            "import",
            workbook.to_str().unwrap(),
            "--into",
            file.to_str().unwrap(),
        ],
    );
    (code, format!("{out}{err}"))
}

/// `edited` written in the official layout and imported `--into` `file`: the file's new text and
/// what the command said.
fn merged(dir: &Path, edited: &Value, file: &Path) -> (String, String) {
    let book = dir.join("edited.xlsx");
    std::fs::write(
        &book,
        layout::workbook_with(edited, layout::Variant::default()),
    )
    .unwrap();
    let (code, said) = run_into(dir, &book, file);
    assert_eq!(code, 0, "{said}");
    (std::fs::read_to_string(file).unwrap(), said)
}

#[test]
fn every_commented_example_comes_back_byte_for_byte_from_its_own_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for name in EXAMPLES {
        let text = std::fs::read_to_string(example(name)).unwrap();
        let a = load_example(name).assessment.unwrap();
        for &form in &a.forms {
            for crlf in [false, true] {
                let mut mine = commented(&text);
                if crlf {
                    mine = mine.replace('\n', "\r\n");
                }
                let file = dir.path().join(format!("{name}.{}.yaml", form.id()));
                std::fs::write(&file, &mine).unwrap();
                assert!(
                    load_file(&file).assessment.is_some(),
                    "{name}: the commented file loads"
                );
                let book = dir.path().join(format!("{name}.{}.xlsx", form.id()));
                std::fs::write(&book, render::render_xlsx(&a, form, None).unwrap()).unwrap();
                let (code, said) = run_into(dir.path(), &book, &file);
                assert_eq!(code, 0, "{name} {form:?}: {said}");
                assert_same_text(
                    &std::fs::read_to_string(&file).unwrap(),
                    &mine,
                    &format!("{name} {form:?} crlf={crlf}: {said}"),
                );
                assert!(said.contains("not changed"), "{said}");
            }
        }
    }
}

/// The official layout, edited as a colleague would in Excel: ②所属長の役職名 retyped, the
/// 中間サーバー line deleted from ③システムの名称 and 介護認定審査会支援システム added at its
/// end, a risk answer picked from the drop-down, 内部監査 ticked, a 変更箇所 row added and the
/// 公表日 moved to the revision's.
#[test]
fn a_colleagues_edits_change_exactly_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = commented(&std::fs::read_to_string(example("yazu-kokuho")).unwrap());
    let file = dir.path().join("assessment.yaml");
    std::fs::write(&file, &text).unwrap();
    let before = load_file(&file).assessment.unwrap();

    let mut edited: Value = serde_json::to_value(&before).unwrap();
    edited["department"]["head_title"] = json!("住民課長");
    edited["cover"]["published"] = json!("令和7年4月1日");
    let systems = edited["systems"].as_array_mut().unwrap();
    systems.retain(|s| s["name"] != "中間サーバー・ソフトウェア");
    systems.push(json!({"id": "x", "name": "介護認定審査会支援システム"}));
    edited["basic_risk"]["storage"] = json!("emphasized");
    edited["basic_risk"]["audit"]["internal"] = json!(true);
    edited["history"].as_array_mut().unwrap().push(json!({
        "date": "令和7年4月1日",
        "item": "②所属長の役職名",
        "before": "町民課長",
        "after": "住民課長",
        "timing": "posterior"
    }));
    let (after, said) = merged(dir.path(), &edited, &file);

    let mut want = text
        .replace("  head_title: 町民課長  # 確認済\n", "  head_title: 住民課長  # 確認済\n")
        .replace("  published: 令和6年1月1日  # 確認済\n", "  published: 令和7年4月1日  # 確認済\n")
        .replace(
            "  - id: chukan  # 確認済\n    name: 中間サーバー・ソフトウェア  # 確認済\n",
            "",
        )
        .replace(
            "    name: 次期国保総合システム  # 確認済\n",
            "    name: 次期国保総合システム  # 確認済\n  - id: system-1\n    name: 介護認定審査会支援システム\n",
        )
        // The file writes choices by id, so the new answer is written by id too.
        .replace("  storage: sufficient  # 確認済\n", "  storage: emphasized  # 確認済\n")
        .replace("    internal: false  # 確認済\n", "    internal: true  # 確認済\n");
    let last_row = "      ②オンライン資格確認等システムで被保険者等の資格情報を利用するために、支払基金が、当市からの委託を受けて｢医療保険者等向け中間サーバー等における機関別符号取得等事務｣を行うために、情報提供等記録開示システムの自己情報表示業務機能を利用して、当市から提供した被保険者資格情報とオンライン資格確認等システムで管理している情報とを紐付けるために機関別符号の取得並びに紐付け情報の提供を行う。\n    timing: prior  # 確認済\n";
    assert!(want.contains(last_row));
    want = want.replace(
        last_row,
        &format!("{last_row}  - date: 令和7年4月1日\n    item: ②所属長の役職名\n    before: 町民課長\n    after: 住民課長\n    timing: posterior\n"),
    );
    assert_same_text(&after, &want, &said);

    // What changed, in the 変更箇所's words: a deletion and an addition, not two renames.
    assert!(
        said.contains("「中間サーバー・ソフトウェア」を削除"),
        "{said}"
    );
    assert!(
        said.contains("「介護認定審査会支援システム」を追加"),
        "{said}"
    );
    assert!(!said.contains("→ 介護認定審査会支援システム\n"), "{said}");
    assert!(
        !said.contains("中間サーバー・ソフトウェア → 国保"),
        "{said}"
    );
    let (code, out, err) = hyoka_in(dir.path(), &["--lang", "en", "check", "assessment.yaml"]);
    assert!(
        code == 0 || !format!("{out}{err}").contains("error["),
        "{out}{err}"
    );
}

#[test]
fn a_file_that_does_not_load_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.yaml");
    std::fs::write(&file, "cover: [\n").unwrap();
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let book = dir.path().join("a.xlsx");
    std::fs::write(
        &book,
        render::render_xlsx(&a, FormKind::Basic, None).unwrap(),
    )
    .unwrap();
    let (code, said) = run_into(dir.path(), &book, &file);
    assert_ne!(code, 0, "{said}");
    assert!(
        said.contains("HY0908") && said.contains("does not load"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "cover: [\n");
}

/// A system added in the middle of ③システムの名称 goes where the workbook has it.
#[test]
fn an_entry_added_in_the_middle_goes_where_the_workbook_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = commented(&std::fs::read_to_string(example("yazu-kokuho")).unwrap());
    let file = dir.path().join("assessment.yaml");
    std::fs::write(&file, &text).unwrap();
    let mut edited: Value = serde_json::to_value(load_file(&file).assessment.unwrap()).unwrap();
    edited["systems"]
        .as_array_mut()
        .unwrap()
        .insert(3, json!({"id": "x", "name": "介護認定審査会支援システム"}));
    let (after, said) = merged(dir.path(), &edited, &file);
    let want = text.replace(
        "  - id: chukan  # 確認済\n",
        "  - id: system-1\n    name: 介護認定審査会支援システム\n  - id: chukan  # 確認済\n",
    );
    assert_same_text(&after, &want, &said);
}
