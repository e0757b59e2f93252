//! `hyoka diff` and `hyoka history` from the command line, including revisions read from git.

mod common;

use common::*;
use serde_json::Value;

/// A temporary directory with the 八頭町 example as `a.yaml` (old) and `b.yaml` (new: the
/// 担当部署 and the system-name note changed).
fn revisions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    std::fs::write(dir.path().join("a.yaml"), &text).unwrap();
    let new = text
        .replacen("  name: 町民課\n", "  name: 企画課\n", 1)
        .replacen("＊国保総合システムおよび", "＊国保総合システム及び", 1);
    std::fs::write(dir.path().join("b.yaml"), new).unwrap();
    dir
}

#[test]
fn json_has_the_documented_shape() {
    let dir = revisions();
    let (code, out, err) = hyoka_in(
        dir.path(),
        &["diff", "a.yaml", "b.yaml", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    let dept = changes
        .iter()
        .find(|c| c["path"] == "/department/name")
        .unwrap();
    for key in [
        "path",
        "item",
        "kind",
        "before",
        "after",
        "important",
        "timing",
    ] {
        assert!(dept.get(key).is_some(), "{key}");
    }
    assert_eq!(dept["item"], "Ⅰ 5. 評価実施機関における担当部署 ①部署");
    assert_eq!(
        (dept["before"].as_str(), dept["after"].as_str()),
        (Some("町民課"), Some("企画課"))
    );
    assert_eq!(
        (
            dept["timing"].as_str(),
            dept["important"].as_bool(),
            dept["kind"].as_str()
        ),
        (Some("事後"), Some(false), Some("modified"))
    );
    let note = changes
        .iter()
        .find(|c| c["path"] == "/operation/systems_note")
        .unwrap();
    // 様式2 prints no ※: without a 実施日, a correction of the assessment, 事後, and why.
    assert_eq!(
        (note["timing"].as_str(), note["important"].as_bool()),
        (Some("事後"), Some(false))
    );
    assert!(
        note["why"]["ja"].as_str().unwrap().contains("事後"),
        "{note}"
    );
    assert!(!note["why"]["en"].as_str().unwrap().is_empty());
    assert!(
        dept["why"]["ja"].as_str().unwrap().contains("部署"),
        "{dept}"
    );
}

#[test]
fn markdown_csv_and_table_formats() {
    let dir = revisions();
    let (_, md, _) = hyoka_in(
        dir.path(),
        &["diff", "a.yaml", "b.yaml", "--format", "markdown"],
    );
    assert!(md.starts_with("| 項目 | 変更前の記載 | 変更後の記載 | 提出時期 | 提出時期に係る説明 |\n|---|---|---|---|---|\n"), "{md}");
    assert!(
        md.contains("| Ⅰ 5. 評価実施機関における担当部署 ①部署 | 町民課 | 企画課 | 事後（"),
        "{md}"
    );
    let (_, csv, _) = hyoka_in(
        dir.path(),
        &[
            "diff",
            "a.yaml",
            "b.yaml",
            "--format",
            "csv",
            "--date",
            "2025-04-01",
        ],
    );
    // Excel reads a CSV without a byte-order mark as Shift_JIS.
    let csv = csv.strip_prefix('\u{feff}').expect("a UTF-8 BOM for Excel");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "変更日",
            "項目",
            "変更前の記載",
            "変更後の記載",
            "提出時期",
            "提出時期に係る説明"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().any(|r| &r[0] == "令和7年4月1日"
        && &r[1] == "Ⅰ 5. 評価実施機関における担当部署 ①部署"
        && &r[4] == "事後"));
    let (_, table, _) = hyoka_in(dir.path(), &["--lang", "ja", "diff", "a.yaml", "b.yaml"]);
    assert!(
        table.contains("変更 2 件（事前 0 件、事後 2 件）"),
        "{table}"
    );
}

#[test]
fn html_is_a_new_old_table_with_changes_highlighted() {
    let dir = revisions();
    let (code, _, _) = hyoka_in(
        dir.path(),
        &[
            "diff", "a.yaml", "b.yaml", "--format", "html", "-o", "out.html",
        ],
    );
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(dir.path().join("out.html")).unwrap();
    assert!(
        html.contains("<del>町民</del>課") && html.contains("<ins>企画</ins>課"),
        "{html}"
    );
    assert!(
        html.contains("<del>およ</del>び") && html.contains("<ins>及</ins>び"),
        "{html}"
    );
    let old_new =
        html.find("<th>変更前の記載</th>").unwrap() < html.find("<th>変更後の記載</th>").unwrap();
    assert!(old_new);
    let (_, html, _) = hyoka_in(
        dir.path(),
        &[
            "diff",
            "a.yaml",
            "b.yaml",
            "--format",
            "html",
            "--columns",
            "new-old",
        ],
    );
    assert!(html.find("変更後の記載（新）").unwrap() < html.find("変更前の記載（旧）").unwrap());
}

#[test]
fn exit_code_and_timing_overrides() {
    let dir = revisions();
    assert_eq!(
        hyoka_in(dir.path(), &["diff", "a.yaml", "a.yaml", "--exit-code"]).0,
        0
    );
    assert_eq!(
        hyoka_in(dir.path(), &["diff", "a.yaml", "b.yaml", "--exit-code"]).0,
        1
    );
    assert_eq!(
        hyoka_in(dir.path(), &["diff", "a.yaml", "missing.yaml"]).0,
        2
    );
    let (_, out, _) = hyoka_in(
        dir.path(),
        &[
            "diff",
            "a.yaml",
            "b.yaml",
            "--format",
            "json",
            "--timing",
            "/department=prior",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let dept = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "/department/name")
        .unwrap();
    assert_eq!(dept["timing"], "事前");
    assert_eq!(
        hyoka_in(
            dir.path(),
            &["diff", "a.yaml", "b.yaml", "--timing", "nonsense"]
        )
        .0,
        2
    );
}

#[test]
fn revisions_come_from_git() {
    let dir = revisions();
    git(dir.path(), &["init", "-q"]);
    std::fs::copy(
        dir.path().join("a.yaml"),
        dir.path().join("assessment.yaml"),
    )
    .unwrap();
    git(dir.path(), &["add", "assessment.yaml"]);
    git(dir.path(), &["commit", "-q", "-m", "published"]);
    std::fs::copy(
        dir.path().join("b.yaml"),
        dir.path().join("assessment.yaml"),
    )
    .unwrap();
    let (code, out, err) = hyoka_in(
        dir.path(),
        &[
            "diff",
            "--git",
            "HEAD",
            "assessment.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["changes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let (code, out, _) = hyoka_in(
        dir.path(),
        &[
            "diff",
            "HEAD:assessment.yaml",
            "assessment.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["changes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let (code, _, err) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "diff",
            "--git",
            "nosuchrev",
            "assessment.yaml",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot read from git"), "{err}");
}

#[test]
fn history_prints_appends_and_lists_pages() {
    let dir = revisions();
    let (code, out, _) = hyoka_in(
        dir.path(),
        &[
            "history",
            "b.yaml",
            "--against",
            "a.yaml",
            "--date",
            "令和7年4月1日",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("- date: 令和7年4月1日\n  item: Ⅰ 5. 評価実施機関における担当部署 ①部署\n  before: 町民課\n  after: 企画課\n  timing: posterior\n"), "{out}");
    let before = std::fs::read_to_string(dir.path().join("b.yaml")).unwrap();
    let (code, _, err) = hyoka_in(
        dir.path(),
        &[
            "history",
            "b.yaml",
            "--against",
            "a.yaml",
            "--date",
            "令和7年4月1日",
            "--write",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(dir.path().join("b.yaml")).unwrap();
    assert!(
        after.starts_with(before.trim_end()),
        "the existing text is kept as it was"
    );
    // The rows are dated after 公表日 until the author updates it (HY0403), as they would.
    let (code, out, _) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", "--today", "2025-04-02", "b.yaml"],
    );
    assert_eq!(code, 1);
    // Once for the revision's two rows, with the fix.
    assert_eq!(out.matches("error[HY0403]").count(), 1, "{out}");
    assert!(
        out.contains("2 row(s) dated 2025-04-01") && out.contains("--published 令和7年4月1日"),
        "{out}"
    );
    std::fs::write(
        dir.path().join("b.yaml"),
        after.replacen(
            "  published: 令和6年1月1日",
            "  published: 令和7年4月1日",
            1,
        ),
    )
    .unwrap();
    let (code, out, _) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", "--today", "2025-04-02", "b.yaml"],
    );
    assert_eq!(code, 0, "{out}");
    // Now the history explains the change, and NEW against itself has nothing more to add.
    let (_, out, _) = hyoka_in(
        dir.path(),
        &["diff", "a.yaml", "b.yaml", "--format", "json"],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["changes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let (_, pages, _) = hyoka_in(
        dir.path(),
        &[
            "history",
            "b.yaml",
            "--against",
            "a.yaml",
            "--pages",
            "--cause",
            "組織改正に伴う変更",
        ],
    );
    assert!(
        pages.starts_with("| 変更または追記した箇所 | ページ | 事由等 |"),
        "{pages}"
    );
    assert!(
        // Pages come from the rendered form: the 担当部署 is on page 3 of 八頭町's 基礎項目評価書.
        pages.contains("| Ⅰ 5. 評価実施機関における担当部署 ①部署 | 3 | 組織改正に伴う変更 |"),
        "{pages}"
    );
}

/// `history --write` twice adds the rows once; `--published` sets 公表日 too; a file with
/// Windows line endings keeps them on every line, the new ones included.
#[test]
fn history_write_is_idempotent_sets_published_and_keeps_crlf() {
    let dir = revisions();
    let b = dir.path().join("b.yaml");
    let crlf = std::fs::read_to_string(&b).unwrap().replace('\n', "\r\n");
    std::fs::write(&b, &crlf).unwrap();
    let write = |extra: &[&str]| {
        let mut args = vec![
            "--lang",
            "en",
            "history",
            "b.yaml",
            "--against",
            "a.yaml",
            "--date",
            "令和7年4月1日",
            "--write",
        ];
        args.extend_from_slice(extra);
        hyoka_in(dir.path(), &args)
    };
    let (code, _, err) = write(&["--published", "令和7年4月1日"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("appended 2 history row(s)") && err.contains("公表日 set to 令和7年4月1日"),
        "{err}"
    );
    let once = std::fs::read_to_string(&b).unwrap();
    assert!(
        once.contains("  published: 令和7年4月1日\r\n"),
        "公表日 set"
    );
    assert!(
        !once.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    assert_eq!(
        once.matches("item: Ⅰ 5. 評価実施機関における担当部署 ①部署\r\n")
            .count(),
        1
    );
    // The file still loads and checks.
    let (code, out, _) = hyoka_in(dir.path(), &["--lang", "en", "check", "b.yaml"]);
    assert!(code == 0 && out.contains(" 0 error(s)"), "{out}");

    let (code, _, err) = write(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 change(s) already in history"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&b).unwrap(),
        once,
        "nothing appended twice"
    );
}

/// `--timing` with a model path that is not in the model is an error, not a silent no-op.
#[test]
fn timing_with_an_unknown_path_is_an_error() {
    let dir = revisions();
    let (code, _, err) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "diff",
            "a.yaml",
            "b.yaml",
            "--timing",
            "/departmnt=prior",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("/departmnt is not a path in the model"),
        "{err}"
    );
    let (code, out, _) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "diff",
            "a.yaml",
            "b.yaml",
            "--timing",
            "/department=prior",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("1 事前") && out.contains("set with --timing"),
        "{out}"
    );
}

/// `history --pages` lays the form out with the font `hyoka render` would use: hyoka.toml's
/// `[render] font` is read, so a font that cannot be loaded is named (and the page column is left
/// empty) instead of pages being counted in another font than the published PDF's.
#[test]
fn history_pages_use_the_render_settings() {
    let dir = revisions();
    std::fs::write(
        dir.path().join("hyoka.toml"),
        "[render]\nfont = \"no-such-font.ttf\"\n",
    )
    .unwrap();
    let (code, pages, err) = hyoka_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "history",
            "b.yaml",
            "--against",
            "a.yaml",
            "--pages",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no-such-font.ttf"), "{err}");
    assert!(
        pages.contains("| Ⅰ 5. 評価実施機関における担当部署 ①部署 |  |"),
        "{pages}"
    );
}
