//! `hyoka init`: scaffold a new assessment from `templates/init/<form>.yaml`.

use std::path::{Path, PathBuf};

use super::args::FormArg;
use super::{write_atomically, CliError, CliResult, Exit};
use crate::diagnostic::Lang;
use crate::model::{schema, FormKind};

/// What `hyoka init` creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InitKind {
    /// An assessment (評価書) of the form `--form` names.
    Assessment,
    /// A notice of purposes of use (個人情報の利用目的の公表, `kind: notice`).
    Notice,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// A new file (`介護保険.yaml`), or a folder to put `assessment.yaml` in.
    dir: PathBuf,
    /// The form (basic 基礎項目 / key 重点項目 / full 全項目).
    #[arg(long, value_enum, default_value = "basic")]
    form: FormArg,
    /// Overwrite an existing assessment.yaml.
    #[arg(long)]
    force: bool,
    /// What to create: an assessment, or a notice of purposes of use (個人情報の利用目的の公表).
    #[arg(long, value_enum, default_value = "assessment")]
    kind: InitKind,
}

pub use crate::model::scaffold::scaffold_text;

/// The `$schema` path editors should use from `dir`: the repository's committed schema if one
/// is found in `schemas/` of `dir` or an ancestor; otherwise a copy written beside the new file.
fn schema_reference(dir: &Path, kind: InitKind) -> std::io::Result<String> {
    let (committed, generate): (&str, fn() -> String) = match kind {
        InitKind::Assessment => (schema::SCHEMA_PATH, schema::generate),
        InitKind::Notice => (schema::NOTICE_SCHEMA_PATH, schema::generate_notice),
    };
    let abs = std::fs::canonicalize(dir)?;
    for (ups, ancestor) in abs.ancestors().enumerate() {
        if ancestor.join(committed).is_file() {
            return Ok(format!("{}{}", "../".repeat(ups), committed));
        }
    }
    let name = Path::new(committed)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_atomically(&dir.join(&name), generate().as_bytes())?;
    Ok(format!("./{name}"))
}

/// `hyoka init 介護保険.yaml` creates that file; `hyoka init 介護保険/` (or any path not ending
/// in `.yaml`/`.yml`) a folder with `assessment.yaml` in it.
fn target(arg: &Path, kind: InitKind) -> (std::path::PathBuf, std::path::PathBuf) {
    let is_yaml = arg
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if is_yaml && !arg.is_dir() {
        let dir = arg
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        (dir.to_path_buf(), arg.to_path_buf())
    } else {
        let name = match kind {
            InitKind::Assessment => "assessment.yaml",
            InitKind::Notice => "notice.yaml",
        };
        (arg.to_path_buf(), arg.join(name))
    }
}

pub fn run(args: InitArgs, lang: Lang) -> CliResult {
    let (form, kind) = (FormKind::from(args.form), args.kind);
    let (dir, path) = target(&args.dir, kind);
    let dir = dir.as_path();
    if path.exists() && !args.force {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "{} は既にあります（上書きするには --force）",
                    path.display()
                ),
                Lang::En => format!(
                    "{} already exists (use --force to overwrite)",
                    path.display()
                ),
            }
        );
        return Err(CliError::Said);
    }
    let result = std::fs::create_dir_all(dir).and_then(|_| {
        let schema = schema_reference(dir, kind)?;
        // A new draft is dated today; the author corrects the dates when the facts are known.
        let today = crate::model::Date::today().wareki();
        let text = match kind {
            InitKind::Assessment => scaffold_text(form, &schema, &today),
            InitKind::Notice => crate::templates::expect("init/notice.yaml")
                .replace("{{schema}}", &schema)
                .replace("{{today}}", &today),
        };
        write_atomically(&path, text.as_bytes())?;
        Ok(schema)
    });
    match result {
        Ok(schema) => {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!("{} を作成しました。○○ の箇所を記入し、`hyoka check {}` で検査してください。", path.display(), path.display()),
                    Lang::En => format!("created {}. Fill in the ○○ placeholders and run `hyoka check {}`.", path.display(), path.display()),
                }
            );
            // What else is there, and why: a schema copy beside the file, or the repository's.
            let copy = schema.strip_prefix("./").map(|name| dir.join(name));
            eprintln!(
                "{}",
                match (&copy, lang) {
                    (Some(c), Lang::Ja) => format!("{} も作成しました。エディタ（VS Code の YAML 拡張機能など）が、各項目の様式の名前と選択肢を表示し、入力中に誤りを示すために使います。消さずに置いてください。", c.display()),
                    (Some(c), Lang::En) => format!("also wrote {}: an editor (VS Code with the YAML extension, …) uses it to show each item's form label and choices and to flag mistakes as you type; keep it beside the file.", c.display()),
                    (None, Lang::Ja) => format!("エディタの項目名・選択肢の表示には、リポジトリのスキーマ（{schema}）を使います。"),
                    (None, Lang::En) => format!("editors show each item's label and choices from the repository's schema ({schema})."),
                }
            );
            Ok(Exit::Ok)
        }
        Err(e) => {
            eprintln!(
                "{}: {}: {e}",
                lang.pick("作成できません", "cannot create"),
                path.display()
            );
            Err(CliError::Said)
        }
    }
}
