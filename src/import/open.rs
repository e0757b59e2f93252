//! Workbooks wherever a file is read: `hyoka check a.xlsx`, `hyoka diff old.xlsx new.xlsx`,
//! `history NEW --against published.xlsx`, `render`, `serve`. A reviewer receives submissions
//! as workbooks, not YAML. The workbook is imported in memory and loaded like a YAML file; its
//! findings — the import's and those of every later stage — point at cells (`様式２!C14`),
//! not at the YAML made from it, which the user never sees.

use std::path::Path;

use super::{import_path, workbook, Options};
use crate::diagnostic::{Diagnostic, Message, Pos};
use crate::load::{self, Loaded};
use crate::yaml::Limits;

/// Whether `path` names a workbook: by its extension, or, for a name without a YAML one, by
/// its first bytes (a ZIP archive or an OLE compound file).
pub fn is_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => true,
        "yaml" | "yml" => false,
        _ => {
            use std::io::Read;
            let mut head = [0u8; 4];
            std::fs::metadata(path).is_ok_and(|m| m.is_file())
                && std::fs::File::open(path)
                    .and_then(|mut f| f.read_exact(&mut head))
                    .is_ok()
                && (head == *b"PK\x03\x04" || head == [0xD0, 0xCF, 0x11, 0xE0])
        }
    }
}

/// `path` loaded: a YAML file as [`load::load_path`] loads it, a workbook through the import.
pub fn load(path: &Path, limits: &Limits) -> Loaded {
    if !is_workbook(path) {
        return load::load_path(path, limits);
    }
    let file = path.display().to_string();
    let imported = workbook::quietly(|| import_path(path, &Options::default()));
    let imported = match imported {
        Ok(i) => i,
        Err(e) => {
            let mut loaded = load::load_str(&file, "", limits);
            loaded.diagnostics = vec![in_cell(
                Diagnostic::new(e.code, crate::diagnostic::Severity::Error, e.message),
                &file,
                "",
                "",
            )];
            return loaded;
        }
    };
    let mut loaded = load::load_str(&file, &imported.yaml, limits);
    let found: Vec<Diagnostic> = imported
        .findings
        .iter()
        .map(|f| {
            let message = Message::new(
                format!(
                    "{}: 「{}」",
                    f.message.ja,
                    crate::text::excerpt(&f.text, 40)
                ),
                format!(
                    "{}: 「{}」",
                    f.message.en,
                    crate::text::excerpt(&f.text, 40)
                ),
            );
            in_cell(
                Diagnostic::new(f.code, f.severity, message),
                &file,
                &f.cell,
                f.path.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    loaded.diagnostics.splice(0..0, found);
    loaded.cells = imported.cells;
    loaded.place_in_cells();
    loaded
}

fn in_cell(d: Diagnostic, file: &str, cell: &str, path: &str) -> Diagnostic {
    let mut d = d.at(file, Pos { line: 1, column: 1 }, path);
    // `様式２!C14` without the file's name, which `Diagnostic::location` puts in front.
    d.cell = Some(cell.to_string());
    d
}
