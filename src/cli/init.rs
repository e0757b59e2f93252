//! `hyoka init`: scaffold a new assessment from `templates/init/<form>.yaml`.

use std::path::Path;

use super::{write_atomically, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Lang;
use crate::model::FormKind;

/// The scaffolds, one per form. They are data (templates/), embedded so the binary stands alone.
pub fn scaffold(form: FormKind) -> &'static str {
    match form {
        FormKind::Basic => include_str!("../../templates/init/basic.yaml"),
        FormKind::Key => include_str!("../../templates/init/key.yaml"),
        FormKind::Full => include_str!("../../templates/init/full.yaml"),
    }
}

pub fn run(dir: &Path, form: FormKind, force: bool, lang: Lang) -> i32 {
    let path = dir.join("assessment.yaml");
    if path.exists() && !force {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!("{} は既にあります（上書きするには --force）", path.display()),
                Lang::En => format!("{} already exists (use --force to overwrite)", path.display()),
            }
        );
        return EXIT_USAGE;
    }
    // The schema comment is relative to where the assessment will live; point editors at the
    // published location via $id when the repository layout is unknown.
    let text = scaffold(form);
    match std::fs::create_dir_all(dir).and_then(|_| write_atomically(&path, text.as_bytes())) {
        Ok(()) => {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!("{} を作成しました。○○ の箇所を記入し、`hyoka check {}` で検査してください。", path.display(), path.display()),
                    Lang::En => format!("created {}. Fill in the ○○ placeholders and run `hyoka check {}`.", path.display(), path.display()),
                }
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("{}: {}: {e}", lang.pick("作成できません", "cannot create"), path.display());
            EXIT_USAGE
        }
    }
}
