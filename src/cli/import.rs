//! `hyoka import`: the library's import, its findings on standard error, the YAML written
//! atomically (or to standard output).

use std::path::Path;

use super::{usage_error, write_atomically, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::{Lang, Severity};
use crate::import::{self, Options};
use crate::model::FormKind;

pub fn run(
    workbook: &Path,
    out: Option<&Path>,
    form: Option<FormKind>,
    annotate: bool,
    allow_unplaced: bool,
    lang: Lang,
) -> i32 {
    if !workbook.is_file() {
        return usage_error(
            lang,
            &format!("{} がありません", workbook.display()),
            &format!("{}: no such file", workbook.display()),
        );
    }
    let options = Options {
        form,
        annotate,
        limits: None,
    };
    // calamine can panic on a malformed file; the import reports it as HY0901, without the
    // panic's own message.
    let result = import::workbook::quietly(|| import::import_path(workbook, &options));
    let imported = match result {
        Ok(i) => i,
        Err(e) => {
            eprintln!(
                "hyoka: {}[{}] {}",
                Severity::Error.label(lang),
                e.code,
                e.message.text(lang)
            );
            return EXIT_USAGE;
        }
    };
    let file = workbook.display();
    for f in &imported.findings {
        let path = f
            .path
            .as_deref()
            .map(|p| format!(" → {p}"))
            .unwrap_or_default();
        eprintln!(
            "{file}: {}: {}[{}] {}{path}: 「{}」",
            f.cell,
            f.severity.label(lang),
            f.code,
            f.message.text(lang),
            excerpt(&f.text)
        );
    }
    let unplaced: Vec<_> = imported.unplaced().collect();
    let misfits = imported.findings.len() - unplaced.len();
    eprintln!(
        "{}",
        lang.pick(
            &format!(
                "{}（{}）: {} 個の値を取り込みました。取り込めなかったセル {} 個、文字のまま残した値・エラー {} 個。",
                imported.form.label(),
                imported.edition,
                imported.placed,
                unplaced.len(),
                misfits
            ),
            &format!(
                "{} ({}): placed {} values, {} cells not placed, {} values kept as text or in error",
                imported.form.label(),
                imported.edition,
                imported.placed,
                unplaced.len(),
                misfits
            )
        )
    );
    if !unplaced.is_empty() && !allow_unplaced {
        eprintln!(
            "hyoka: {}",
            lang.pick(
                "取り込めなかったセルがあるため、YAML は書き出していません。セルの見出しを様式の項目名に合わせて直すか、確認のうえ --allow-unplaced を付けて書き出してください（hyoka explain HY0905）。",
                "some cells were not placed, so no YAML was written: make their labels match the form's item labels, or add --allow-unplaced to write it anyway (hyoka explain HY0905)"
            )
        );
        return EXIT_FINDINGS;
    }
    let written = match out {
        Some(path) => match write_atomically(path, imported.yaml.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "{} {}",
                    lang.pick("書き出しました:", "wrote"),
                    path.display()
                );
                true
            }
            Err(e) => {
                eprintln!(
                    "hyoka: {}: {}: {e}",
                    lang.pick("書き出せません", "cannot write"),
                    path.display()
                );
                return EXIT_USAGE;
            }
        },
        None => {
            print!("{}", imported.yaml);
            true
        }
    };
    let load_errors = imported
        .load_diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if load_errors > 0 {
        eprintln!(
            "hyoka: {}",
            lang.pick(
                &format!("取り込んだ YAML には読み込みエラーが {load_errors} 個あります。hyoka check で確認してください。"),
                &format!("the imported YAML has {load_errors} load errors: see hyoka check"),
            )
        );
    }
    if written && misfits == 0 && load_errors == 0 && (unplaced.is_empty() || allow_unplaced) {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

/// A cell's text on one line, cut short.
fn excerpt(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = one.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
