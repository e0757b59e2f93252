//! `hyoka import`: the library's import, its findings on standard error, the YAML written
//! atomically (or to standard output).

use std::path::PathBuf;

use super::args::FormArg;
use super::{CliError, CliResult, Exit};
use crate::diagnostic::{Lang, Severity};
use crate::import::{self, Options};
use crate::model::FormKind;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The workbook.
    workbook: PathBuf,
    /// Output YAML file (default: standard output).
    #[arg(short = 'o', long = "out")]
    out: Option<PathBuf>,
    /// The form in the workbook (default: recognised from its title and labels).
    #[arg(long, value_enum)]
    form: Option<FormArg>,
    /// Put a comment after each value naming its cell (`# 様式２!C14`).
    #[arg(long)]
    annotate: bool,
    /// Write the YAML even when some cells were not placed (they are still listed).
    #[arg(long)]
    allow_unplaced: bool,
    /// Take the workbook's values into this YAML file: only changed values are rewritten;
    /// comments, order and notation stay.
    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    into: Option<PathBuf>,
    /// Write choices as ids (sufficient) instead of the form's labels (十分である).
    #[arg(long)]
    ids: bool,
}

pub fn run(args: ImportArgs, lang: Lang) -> CliResult {
    let (workbook, out, allow_unplaced) = (
        args.workbook.as_path(),
        args.out.as_deref(),
        args.allow_unplaced,
    );
    if !workbook.exists() {
        return Err(CliError::usage(
            format!("{} がありません", workbook.display()),
            format!("{}: no such file", workbook.display()),
        ));
    }
    if !workbook.is_file() {
        // A device or a named pipe would be read without end, or block.
        return Err(CliError::usage(
            format!(
                "{} は通常のファイルではないため読みません",
                workbook.display()
            ),
            format!(
                "{}: not a regular file, so it is not read",
                workbook.display()
            ),
        ));
    }
    if let Some(out) = out.or(args.into.as_deref()) {
        super::refuse_overwriting_inputs(&[out], &[workbook])?;
    }
    let notation = if args.ids {
        import::into::Notation::Ids
    } else {
        import::into::Notation::Labels
    };
    let options = Options {
        form: args.form.map(FormKind::from),
        annotate: args.annotate,
        limits: None,
        notation,
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
            return Err(CliError::Said);
        }
    };
    let file = workbook.display();
    for f in &imported.findings {
        let path = f
            .path
            .as_deref()
            .map(|p| format!(" → {p}"))
            .unwrap_or_default();
        // Cell texts and sheet names are the workbook's: shown with control characters escaped.
        let line = format!(
            "{file}: {}: {}[{}] {}{path}: 「{}」",
            f.cell,
            f.severity.label(lang),
            f.code,
            f.message.text(lang),
            crate::text::excerpt(&f.text, 40)
        );
        eprintln!("{}", crate::text::terminal_safe(&line));
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
    if !imported.set_aside.is_empty() {
        let names = imported.set_aside.join("、");
        eprintln!(
            "{}",
            lang.pick(
                &format!("様式ではないシート（{names}）は読んでいません（非表示のシートやプルダウンの一覧など）。"),
                &format!("sheets that are not the form ({names}) were not read (hidden sheets, drop-down lists)"),
            )
        );
    }
    if !unplaced.is_empty() && !allow_unplaced {
        eprintln!(
            "hyoka: {}",
            lang.pick(
                "取り込めなかったセルがあるため、YAML は書き出していません。セルの見出しを様式の項目名に合わせて直すか、確認のうえ --allow-unplaced を付けて書き出してください（hyoka explain HY0905）。",
                "some cells were not placed, so no YAML was written: make their labels match the form's item labels, or add --allow-unplaced to write it anyway (hyoka explain HY0905)"
            )
        );
        return Ok(Exit::Findings);
    }
    if let Some(into) = &args.into {
        return merge_into(into, &imported, notation, lang);
    }
    let written = match out {
        Some(path) if super::write_output(path, imported.yaml.as_bytes(), lang) => true,
        Some(_) => return Err(CliError::Said),
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
        Ok(Exit::Ok)
    } else {
        Ok(Exit::Findings)
    }
}

/// `--into FILE`: the workbook's values written into FILE as minimal edits.
fn merge_into(
    into: &std::path::Path,
    imported: &import::Imported,
    notation: import::into::Notation,
    lang: Lang,
) -> CliResult {
    let text = std::fs::read(into)
        .map_err(|e| {
            CliError::usage(
                format!("{} を読めません: {e}", into.display()),
                format!("cannot read {}: {e}", into.display()),
            )
        })
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| {
                CliError::usage(
                    format!("{} は UTF-8 のテキストではありません", into.display()),
                    format!("{} is not UTF-8 text", into.display()),
                )
            })
        })?;
    let file = into.display().to_string();
    let merged = import::into::merge(&file, &text, &imported.yaml, imported.form, notation)
        .map_err(|e| {
            eprintln!(
                "hyoka: {}[{}] {}",
                Severity::Error.label(lang),
                e.code,
                e.message.text(lang)
            );
            CliError::Said
        })?;
    if merged.changes.is_empty() {
        eprintln!(
            "{}",
            lang.pick(
                &format!("{file} はワークブックと同じです。書き換えていません。"),
                &format!("{file} already holds what the workbook says: not changed"),
            )
        );
        return Ok(Exit::Ok);
    }
    if let Err(e) = super::write_atomically(into, merged.text.as_bytes()) {
        eprintln!(
            "hyoka: {}: {}: {e}",
            lang.pick("書き出せません", "cannot write"),
            into.display()
        );
        return Err(CliError::Said);
    }
    for row in &merged.rows {
        let line = format!(
            "  {}: {} → {}",
            row.item,
            crate::text::excerpt(&row.before, 40),
            crate::text::excerpt(&row.after, 40)
        );
        eprintln!("{}", crate::text::terminal_safe(&line));
    }
    eprintln!(
        "{}",
        lang.pick(
            &format!(
                "{file} の {} か所を書き換えました（変わった値だけ。コメントや順序はそのまま）。git diff で確かめられます。",
                merged.changes.len()
            ),
            &format!(
                "edited {} place(s) in {file} (changed values only; comments and order kept): see git diff",
                merged.changes.len()
            ),
        )
    );
    Ok(Exit::Ok)
}
