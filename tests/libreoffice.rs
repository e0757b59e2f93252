//! The exported workbooks opened by a program hyoka did not write: LibreOffice converts each
//! to PDF (every label and value must be in the printed text, none cut off by a row too low)
//! and to .ods and .xls, which `hyoka import` must read back to the same assessment.
//!
//! Needs `libreoffice` and `pdftotext` (Debian: libreoffice-calc, poppler-utils). Without
//! them the test says so and passes, except under CI=true, where `.ci/run` installs them and
//! their absence is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use hyoka::diff::{self, DiffOptions};
use hyoka::import::{self, Options};
use hyoka::load;
use hyoka::model::FormKind;
use hyoka::render;
use hyoka::yaml::Limits;

fn available(program: &str, flag: &str) -> bool {
    Command::new(program)
        .arg(flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn convert(files: &[PathBuf], to: &str, out: &Path, profile: &Path) {
    let status = Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("libreoffice runs");
    assert!(
        status.status.success(),
        "libreoffice --convert-to {to}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// The Japanese characters of a text, in order. LibreOffice sets ①, ※ and Latin text in a
/// Western font and pdftotext may emit those runs out of line, so they are left out of the
/// comparison; a clipped cell still loses its Japanese text.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            matches!(*c as u32, 0x3041..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF10..=0xFF5A)
        })
        .collect()
}

#[test]
fn libreoffice_prints_every_label_and_value_and_its_ods_and_xls_import_back() {
    if !(available("libreoffice", "--version") && available("pdftotext", "-v")) {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but libreoffice or pdftotext is missing: .ci/run installs libreoffice-calc and poppler-utils"
        );
        eprintln!("libreoffice or pdftotext not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let mut books: Vec<(PathBuf, &str, FormKind)> = Vec::new();
    for name in EXAMPLES {
        let a = load_example(name).assessment.unwrap();
        for &form in &a.forms {
            let path = dir.path().join(format!("{name}.{}.xlsx", form.id()));
            std::fs::write(&path, render::render_xlsx(&a, form, None).unwrap()).unwrap();
            books.push((path, name, form));
        }
    }
    let paths: Vec<PathBuf> = books.iter().map(|b| b.0.clone()).collect();
    let out = dir.path().join("out");
    for to in ["pdf", "ods", "xls"] {
        convert(&paths, to, &out, &profile);
    }

    for (xlsx, name, form) in &books {
        let stem = xlsx.file_stem().unwrap().to_string_lossy().into_owned();
        // Printed: the text of every cell of the visible sheets, whole.
        let pdf = out.join(format!("{stem}.pdf"));
        let text = Command::new("pdftotext")
            .args(["-raw", pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let printed = squash(&String::from_utf8_lossy(&text.stdout));
        let book = import::workbook::read_bytes(
            "x.xlsx",
            std::fs::read(xlsx).unwrap(),
            &import::Limits::default(),
        )
        .unwrap();
        let visible: Vec<_> = book
            .cells
            .iter()
            .filter(|c| book.sheets[c.sheet] != hyoka::model::workbook::META_SHEET)
            .collect();
        assert!(visible.len() > 100, "{stem}: {} cells", visible.len());
        let missing: Vec<String> = visible
            .iter()
            .filter(|c| !printed.contains(&squash(&c.text)))
            .filter(|c| !squash(&c.text).is_empty())
            .map(|c| format!("{}: {}", c.reference(&book), c.text))
            .collect();
        assert!(missing.is_empty(), "{stem}: not in the PDF: {missing:#?}");

        // Saved by LibreOffice as .ods and .xls: the same assessment comes back.
        let original = load_example(name).assessment.unwrap();
        for ext in ["ods", "xls"] {
            let converted = out.join(format!("{stem}.{ext}"));
            let imported = import::import_path(&converted, &Options::default())
                .unwrap_or_else(|e| panic!("{}: {:?}", converted.display(), e));
            assert!(
                imported.findings.is_empty(),
                "{stem}.{ext}: {:#?}",
                imported.findings
            );
            let back = load::load_str("back.yaml", &imported.yaml, &Limits::default())
                .assessment
                .unwrap_or_else(|| panic!("{stem}.{ext} loads:\n{}", imported.yaml));
            let changes = diff::diff(
                &original,
                &back,
                &DiffOptions {
                    form: Some(*form),
                    ..Default::default()
                },
            )
            .unwrap();
            assert!(changes.is_empty(), "{stem}.{ext}: {changes:#?}");
        }
    }
}

/// The .xls reader lays every sheet out as it opens the file, copying a shared string into each
/// cell that names it: 12,000 cells of one 32,767-character string are a small .xls and 1.2 GB
/// laid out. The compound file's own records are counted first, and the file refused (HY0903),
/// under a 1 GB address-space cap that the copy would break.
#[test]
fn an_xls_whose_cells_share_one_long_string_is_refused_by_its_text() {
    if !available("libreoffice", "--version") {
        assert!(
            std::env::var("CI").is_err(),
            "CI=true but libreoffice is missing"
        );
        eprintln!("libreoffice not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("shared.xlsx");
    std::fs::write(
        &xlsx,
        hyoka::harness::amplify::shared_string_workbook(12_000, 32_767),
    )
    .unwrap();
    convert(&[xlsx], "xls", dir.path(), &dir.path().join("profile"));
    let xls = dir.path().join("shared.xls");
    assert!(std::fs::metadata(&xls).unwrap().len() < 4 << 20);
    let (code, _, err) = hyoka_capped(
        dir.path(),
        Some(1024),
        &["--lang", "en", "import", "shared.xls"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("HY0903") && err.contains("text"), "{err}");
}
