//! A workbook nobody here exported: 八頭町's 基礎項目評価書 in the official form's own layout
//! (tests/official/layout.rs, written from seed 002's printout), as .xlsx and as LibreOffice
//! saves it in .xls and .ods, must import whole — every value placed, the YAML loading and
//! checking, the same YAML from all three formats, and no change against the example but what
//! the form does not print.

mod common;
#[path = "official/layout.rs"]
mod layout;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use hyoka::diff::{self, DiffOptions};
use hyoka::import::{self, Options};
use hyoka::model::FormKind;

fn example_json() -> serde_json::Value {
    serde_json::to_value(load_example("yazu-kokuho").assessment.unwrap()).unwrap()
}

fn libreoffice() -> bool {
    let ok = Command::new("libreoffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but libreoffice is missing: .ci/run installs libreoffice-calc"
    );
    ok
}

/// The workbook in .xlsx and, where LibreOffice is installed, saved by it as .xls and .ods.
fn workbooks_of(dir: &Path, variant: layout::Variant) -> Vec<PathBuf> {
    let xlsx = dir.join("yazu.xlsx");
    std::fs::write(&xlsx, layout::workbook_with(&example_json(), variant)).unwrap();
    if let Some(keep) = std::env::var_os("HYOKA_KEEP_OFFICIAL") {
        std::fs::copy(&xlsx, Path::new(&keep).join("yazu.xlsx")).unwrap();
    }
    let mut paths = vec![xlsx.clone()];
    if libreoffice() {
        for to in ["xls", "ods"] {
            let out = Command::new("libreoffice")
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    dir.join("profile").display()
                ))
                .args(["--headless", "--convert-to", to, "--outdir"])
                .arg(dir)
                .arg(&xlsx)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            paths.push(dir.join(format!("yazu.{to}")));
        }
    } else {
        eprintln!("libreoffice not installed: .xls and .ods skipped");
    }
    paths
}

#[test]
fn the_official_layout_imports_whole_in_every_format() {
    imports_whole(layout::Variant::default(), &["リスト"]);
}

/// A town's own retyped copy: no merges, brackets and ■/□ boxes inside the answer's cell,
/// dates typed as R2.8.4, a visible sheet of notes to the clerk in front of the form.
#[test]
fn a_towns_own_copy_of_the_form_imports_whole_in_every_format() {
    let variant = layout::Variant {
        town: true,
        ..Default::default()
    };
    imports_whole(variant, &["記入上の注意", "リスト"]);
}

/// A 事務の概要 cut into two stacked cells beside one merged label comes back as one value.
#[test]
fn a_value_cut_into_two_cells_imports_as_one_in_every_format() {
    let variant = layout::Variant {
        split_summary: true,
        ..Default::default()
    };
    imports_whole(variant, &["リスト"]);
}

fn imports_whole(variant: layout::Variant, set_aside: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let example = load_example("yazu-kokuho").assessment.unwrap();
    let mut yamls: Vec<(PathBuf, String)> = Vec::new();
    for path in workbooks_of(dir.path(), variant) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let imported = import::import_path(&path, &Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let findings: Vec<String> = imported
            .findings
            .iter()
            .map(|f| format!("{} {} {} 「{}」", f.code, f.cell, f.message.en, f.text))
            .collect();
        assert!(
            findings.is_empty(),
            "{name}: {findings:#?}\n{}",
            imported.yaml
        );
        // The drop-downs' hidden sheet is named, and nothing of it is read.
        assert_eq!(imported.set_aside, set_aside, "{name}");

        // The YAML loads and checks without errors.
        let file = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&file, &imported.yaml).unwrap();
        let (code, out, err) = hyoka_in(
            dir.path(),
            &["--lang", "en", "check", file.to_str().unwrap()],
        );
        assert!(
            !out.contains("error[") && !err.contains("error[") && code != 1 && code != 2,
            "{name}: check exits {code}\n{out}{err}\n{}",
            imported.yaml
        );

        // Against the example, nothing changes but what the form does not print.
        let back = load_file(&file).assessment.unwrap();
        let changes: Vec<String> = diff::diff(
            &example,
            &back,
            &DiffOptions {
                form: Some(FormKind::Basic),
                ..Default::default()
            },
        )
        .unwrap()
        .iter()
        .map(|c| format!("{} ({}): {:?} → {:?}", c.item, c.path, c.before, c.after))
        .collect();
        // 別紙1 (the flows) is a document of its own, which the form's workbook does not hold.
        let unprinted: Vec<&String> = changes
            .iter()
            .filter(|c| !c.starts_with("別紙1 "))
            .collect();
        assert!(
            unprinted.is_empty(),
            "{name}: {unprinted:#?}\n{}",
            imported.yaml
        );
        assert_eq!(
            changes.len(),
            example.counterparts.len() + example.flows.len()
        );
        yamls.push((path, imported.yaml));
    }
    // The same workbook saved as .xlsx, .xls and .ods gives the same YAML (but for the header
    // line naming the file it came from).
    let first = &yamls[0].1;
    for (path, yaml) in &yamls[1..] {
        let differing = first
            .lines()
            .zip(yaml.lines())
            .enumerate()
            .skip(1)
            .find(|(_, (a, b))| a != b);
        assert!(
            differing.is_none() && first.lines().count() == yaml.lines().count(),
            "{} differs from the .xlsx at line {:?}",
            path.display(),
            differing
        );
    }
}

/// A formula whose reference was deleted is an error in every format — Excel's `#REF!`, and
/// the `Err:509`-style text LibreOffice stores for it in .ods — reported at its cell, never
/// read as the value.
#[test]
fn a_broken_formula_is_reported_at_its_cell_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let variant = layout::Variant {
        broken_formula: true,
        ..Default::default()
    };
    for path in workbooks_of(dir.path(), variant) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let imported = import::import_path(&path, &Options::default()).unwrap();
        let codes: Vec<String> = imported
            .findings
            .iter()
            .map(|f| format!("{} {} 「{}」", f.code, f.cell, f.text))
            .collect();
        assert_eq!(codes.len(), 1, "{name}: {codes:#?}");
        assert!(
            codes[0].starts_with("HY0907 ") && codes[0].contains(layout::HEAD_TITLE_CELL),
            "{name}: {codes:#?}"
        );
        let model = &imported.model;
        assert!(model["department"]["head_title"].is_null(), "{name}");
        assert_eq!(model["department"]["name"], "町民課", "{name}");
    }
}

/// A reviewer receives two submissions as workbooks: `hyoka diff old.xlsx new.xlsx` gives the
/// 変更箇所 rows of the two, `check` and `render` read a workbook as they read YAML, and every
/// finding points at a cell.
#[test]
fn commands_read_workbooks_where_they_read_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let old = example_json();
    std::fs::write(
        dir.path().join("old.xlsx"),
        layout::workbook_with(&old, layout::Variant::default()),
    )
    .unwrap();
    let mut new = old.clone();
    new["department"]["head_title"] = serde_json::json!("住民課長");
    let systems = new["systems"].as_array_mut().unwrap();
    systems.retain(|s| s["name"] != "中間サーバー・ソフトウェア");
    systems.push(serde_json::json!({"id": "x", "name": "介護認定審査会支援システム"}));
    std::fs::write(
        dir.path().join("new.xlsx"),
        layout::workbook_with(&new, layout::Variant::default()),
    )
    .unwrap();

    let (code, out, err) = hyoka_in(dir.path(), &["diff", "old.xlsx", "new.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("「中間サーバー・ソフトウェア」を削除"),
        "{out}"
    );
    assert!(
        out.contains("「介護認定審査会支援システム」を追加"),
        "{out}"
    );
    assert!(out.contains("住民課長"), "{out}");
    // Systems that kept their names are no change, though each moved up a place.
    assert!(!out.contains("国保情報集約システム →"), "{out}");
    // One row for the list, as the published tables write it; row by row with --detail.
    assert_eq!(out.matches("③システムの名称").count(), 1, "{out}");
    let (_, detail, _) = hyoka_in(dir.path(), &["diff", "old.xlsx", "new.xlsx", "--detail"]);
    assert_eq!(detail.matches("③システムの名称").count(), 2, "{detail}");

    let (code, out, err) = hyoka_in(dir.path(), &["--lang", "en", "check", "new.xlsx"]);
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(!out.contains("error["), "{out}");
    // A finding of check's own rules is at a cell of the workbook, not a line of YAML.
    assert!(out.contains("--> new.xlsx:様式２!"), "{out}");
    assert!(!out.contains("new.xlsx:1:"), "{out}");

    let variant = layout::Variant {
        broken_formula: true,
        ..Default::default()
    };
    std::fs::write(
        dir.path().join("broken.xlsx"),
        layout::workbook_with(&old, variant),
    )
    .unwrap();
    let (code, out, _) = hyoka_in(
        dir.path(),
        &["--lang", "en", "check", "--format", "json", "broken.xlsx"],
    );
    assert_eq!(code, 1, "{out}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let formula = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "HY0907")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        formula["cell"]
            .as_str()
            .unwrap()
            .starts_with(layout::HEAD_TITLE_CELL),
        "{formula}"
    );

    let (code, out, err) = hyoka_in(
        dir.path(),
        &["render", "old.xlsx", "--format", "html", "-o", "old.html"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let html = std::fs::read_to_string(dir.path().join("old.html")).unwrap();
    assert!(html.contains("国民健康保険に関する事務") && html.contains("町民課長"));
}
