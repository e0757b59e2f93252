//! `hyoka render`.

use std::path::{Path, PathBuf};

use super::{usage_error, write_atomically, EXIT_FINDINGS, EXIT_OK};
use crate::diagnostic::{Lang, Severity};
use crate::load::{self, yaml::Limits};
use crate::model::FormKind;
use crate::render::{self, fonts, pdf::PdfOptions};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum RenderFormat {
    Pdf,
    Html,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum RenderForm {
    Basic,
    Key,
    Full,
    All,
}

pub struct RenderArgs {
    pub path: PathBuf,
    pub form: Option<RenderForm>,
    pub format: RenderFormat,
    pub out: Option<PathBuf>,
    pub font: Option<PathBuf>,
}

/// The output file for one form of one input: `<stem>.<form>.<ext>` next to it, or under `out`.
fn output_path(
    input: &Path,
    form: FormKind,
    ext: &str,
    out: Option<&Path>,
    single: bool,
) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    let name = format!("{stem}.{}.{ext}", form.id());
    match out {
        Some(o) if single && !o.is_dir() => o.to_path_buf(),
        Some(o) => o.join(name),
        None => input.with_file_name(name),
    }
}

pub fn run(args: RenderArgs, font_from_config: Option<PathBuf>, lang: Lang) -> i32 {
    let (files, problems) = crate::check::collect(std::slice::from_ref(&args.path));
    if let Some(p) = problems.first() {
        return usage_error(
            lang,
            &format!("{}: {}", p.file, p.message.ja),
            &format!("{}: {}", p.file, p.message.en),
        );
    }
    let ext = match args.format {
        RenderFormat::Pdf => "pdf",
        RenderFormat::Html => "html",
    };
    let fonts = match args.format {
        RenderFormat::Html => None,
        RenderFormat::Pdf => {
            let explicit = args
                .font
                .clone()
                .or_else(|| std::env::var_os("HYOKA_FONT").map(PathBuf::from))
                .or(font_from_config);
            let found = fonts::discover(explicit.as_deref())
                .map_err(|m| (fonts::CODE_NO_FONT, m))
                .and_then(|c| fonts::Fonts::load(&c).map_err(|m| (fonts::CODE_BAD_FONT, m)));
            match found {
                Ok(f) => Some(f),
                Err((code, m)) => {
                    eprintln!(
                        "hyoka: {}[{code}] {}",
                        Severity::Error.label(lang),
                        m.text(lang)
                    );
                    return super::EXIT_USAGE;
                }
            }
        }
    };
    let options = PdfOptions {
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
    };
    if let Some(out) = &args.out {
        if files.len() > 1 || matches!(args.form, Some(RenderForm::All)) {
            if let Err(e) = std::fs::create_dir_all(out) {
                return usage_error(
                    lang,
                    &format!("{} を作れません: {e}", out.display()),
                    &format!("cannot create {}: {e}", out.display()),
                );
            }
        }
    }
    let mut failed = false;
    for file in &files {
        let loaded = load::load_path(file, &Limits::default());
        let Some(a) = loaded.assessment.as_ref().filter(|_| !loaded.has_errors()) else {
            super::print_load_errors(&loaded, lang);
            eprintln!(
                "hyoka: {}",
                lang.pick(
                    &format!(
                        "{} を読み込めないため出力しません（hyoka check で確認してください）",
                        file.display()
                    ),
                    &format!(
                        "{} does not load; not rendered (see hyoka check)",
                        file.display()
                    )
                )
            );
            failed = true;
            continue;
        };
        let forms: Vec<FormKind> = match args.form {
            None | Some(RenderForm::All) => a.forms.clone(),
            Some(RenderForm::Basic) => vec![FormKind::Basic],
            Some(RenderForm::Key) => vec![FormKind::Key],
            Some(RenderForm::Full) => vec![FormKind::Full],
        };
        let single = files.len() == 1 && forms.len() == 1;
        for form in forms {
            let path = output_path(file, form, ext, args.out.as_deref(), single);
            let bytes = match (&fonts, args.format) {
                (Some(f), RenderFormat::Pdf) => {
                    render::render_pdf(a, form, f, &options).map(|r| r.bytes)
                }
                _ => render::render_html(a, form).map(String::into_bytes),
            };
            match bytes {
                Ok(b) => match write_atomically(&path, &b) {
                    Ok(()) => eprintln!(
                        "{} {}",
                        lang.pick("書き出しました:", "wrote"),
                        path.display()
                    ),
                    Err(e) => {
                        eprintln!(
                            "hyoka: {}: {}: {e}",
                            lang.pick("書き出せません", "cannot write"),
                            path.display()
                        );
                        failed = true;
                    }
                },
                Err(e) => {
                    eprintln!(
                        "hyoka: {}: {}[{}] {}",
                        file.display(),
                        Severity::Error.label(lang),
                        e.code,
                        e.message.text(lang)
                    );
                    failed = true;
                }
            }
        }
    }
    if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
